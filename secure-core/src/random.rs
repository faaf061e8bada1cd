//! The OS random source: the only one the credentials and the web edge draw ids, keys,
//! nonces and tokens from.

use core::fmt;

/// The operating system's random source could not be read.
///
/// Returned instead of falling back to a weaker generator. On the platforms Rust supports this
/// happens only very early in boot or in a sandbox that forbids the system call. On the web
/// edge, a request that needs a nonce or a token then gets a 500 rather than a predictable
/// value. The same type is `secure::auth::RandomUnavailable` and
/// `secure::http::RandomUnavailable`.
///
/// ```
/// use secure::auth::RandomUnavailable;
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

/// Fills an array with bytes from the OS random source.
pub(crate) fn bytes<const N: usize>() -> Result<[u8; N], RandomUnavailable> {
    let mut buffer = [0u8; N];
    getrandom::fill(&mut buffer).map_err(|_| RandomUnavailable)?;
    Ok(buffer)
}
