//! HTTP header values: [`SafeHeaderValue`].

use core::fmt;

use super::SafeRedirect;
use super::html::text_type_impls;

/// A header value that cannot start another header or end the header block.
///
/// CR, LF, NUL and every other control character except horizontal tab are refused with an
/// error: nothing is stripped, because a silently repaired value is not the value the code
/// meant to send.
///
/// ```
/// use secure::encode::{HeaderValueError, SafeHeaderValue};
///
/// assert_eq!(SafeHeaderValue::new("text/plain; charset=utf-8").unwrap().as_str(), "text/plain; charset=utf-8");
/// assert_eq!(
///     SafeHeaderValue::new("/dashboard\r\nSet-Cookie: session=x").unwrap_err(),
///     HeaderValueError::LineBreak,
/// );
/// ```
///
/// With the `http` feature it converts to [`http::HeaderValue`] with `try_from`, which
/// cannot fail for a value made by [`new`](SafeHeaderValue::new).
///
/// What is *not* guaranteed: the value is one header line; its meaning for the header it goes
/// in (a cookie attribute, a URL) needs that header's own checks.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SafeHeaderValue(String);

impl SafeHeaderValue {
    /// Accepts `text` if it holds no CR, LF, NUL or other control character but tab.
    pub fn new(text: &str) -> Result<Self, HeaderValueError> {
        for byte in text.bytes() {
            match byte {
                b'\r' | b'\n' => return Err(HeaderValueError::LineBreak),
                0 => return Err(HeaderValueError::Nul),
                b'\t' => {}
                0..=0x1F | 0x7F => return Err(HeaderValueError::Control),
                _ => {}
            }
        }
        Ok(SafeHeaderValue(text.into()))
    }

    pub(crate) fn from_trusted(value: String) -> Self {
        SafeHeaderValue(value)
    }

    /// The value.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<SafeRedirect> for SafeHeaderValue {
    /// A redirect target holds no control character, so it is a header value as it is.
    fn from(target: SafeRedirect) -> Self {
        SafeHeaderValue(target.as_str().into())
    }
}

#[cfg(feature = "http")]
impl TryFrom<SafeHeaderValue> for http::HeaderValue {
    type Error = HeaderValueError;

    /// The value as an `http` header value, byte for byte.
    ///
    /// A value made by [`SafeHeaderValue::new`] always converts; one trusted through
    /// [`unchecked::safe_header_value`](crate::unchecked::safe_header_value) is checked
    /// again here, so CR, LF and NUL never reach a header whichever way the value was made.
    ///
    /// ```
    /// use secure::encode::SafeHeaderValue;
    ///
    /// let value = SafeHeaderValue::new("attachment; filename=\"notes.txt\"").unwrap();
    /// let header = http::HeaderValue::try_from(value).unwrap();
    /// assert_eq!(header, "attachment; filename=\"notes.txt\"");
    /// ```
    fn try_from(value: SafeHeaderValue) -> Result<Self, HeaderValueError> {
        SafeHeaderValue::new(value.as_str())?;
        http::HeaderValue::from_str(value.as_str()).map_err(|_| HeaderValueError::Control)
    }
}

text_type_impls!(SafeHeaderValue);

/// Why a header value was refused. It never holds the refused text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum HeaderValueError {
    /// The value holds CR or LF.
    LineBreak,
    /// The value holds NUL.
    Nul,
    /// The value holds another control character.
    Control,
}

impl fmt::Display for HeaderValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            HeaderValueError::LineBreak => "a header value cannot hold CR or LF",
            HeaderValueError::Nul => "a header value cannot hold NUL",
            HeaderValueError::Control => "a header value cannot hold control characters",
        })
    }
}

impl std::error::Error for HeaderValueError {}
