//! The OS random source: the only one the web edge draws nonces, tokens and ids from.

use core::fmt;

/// The operating system's random source could not be read.
///
/// Returned instead of falling back to a weaker generator; a request that needs a nonce or a
/// token then fails with a 500 rather than going out with a predictable one.
///
/// ```
/// use secure::http::RandomUnavailable;
///
/// assert_eq!(RandomUnavailable.to_string(), "the operating system's random source failed");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RandomUnavailable;

impl fmt::Display for RandomUnavailable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the operating system's random source failed")
    }
}

impl std::error::Error for RandomUnavailable {}

/// `N` bytes from the OS random source.
pub(crate) fn bytes<const N: usize>() -> Result<[u8; N], RandomUnavailable> {
    let mut buffer = [0u8; N];
    getrandom::fill(&mut buffer).map_err(|_| RandomUnavailable)?;
    Ok(buffer)
}
