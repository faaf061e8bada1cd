//! URLs: component encoders and [`SafeUrl`].

use core::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::html::text_type_impls;
use crate::validate::rules::parse_url;

/// Everything but the RFC 3986 unreserved characters `A-Z a-z 0-9 - . _ ~`.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A percent-encoded query parameter name or value.
///
/// Only RFC 3986 unreserved characters stay literal; `&`, `=`, `#`, `+`, `%`, `/`, space and
/// everything else are percent-encoded as UTF-8, so the value cannot add a parameter, end the
/// query or change meaning when a server reads `+` as space.
///
/// ```
/// use secure::encode::UrlQueryValue;
///
/// assert_eq!(UrlQueryValue::encode("a&admin=true#frag").as_str(), "a%26admin%3Dtrue%23frag");
/// assert_eq!(UrlQueryValue::encode("100% + tax").as_str(), "100%25%20%2B%20tax");
/// ```
///
/// What is *not* guaranteed: encoding a component is no check of a whole URL. A
/// `javascript:` URL stays executable when percent-encoded; whole URLs go through
/// [`SafeUrl`].
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct UrlQueryValue(String);

impl UrlQueryValue {
    /// Encodes `text`.
    pub fn encode(text: &str) -> Self {
        UrlQueryValue(utf8_percent_encode(text, COMPONENT).to_string())
    }

    pub(crate) fn from_trusted(value: String) -> Self {
        UrlQueryValue(value)
    }

    /// The encoded value.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A percent-encoded path segment: one step of a URL path, never more.
///
/// Only RFC 3986 unreserved characters stay literal, so `/`, `?`, `#` and `\` are encoded and
/// the text stays one segment. The segments `.` and `..` are refused, because URL parsers
/// resolve them (and their encoded forms `%2e`, `%2E%2e`) as steps up the path.
///
/// ```
/// use secure::encode::UrlPathSegment;
///
/// assert_eq!(UrlPathSegment::encode("../../admin").unwrap().as_str(), "..%2F..%2Fadmin");
/// assert_eq!(UrlPathSegment::encode("a/b?c").unwrap().as_str(), "a%2Fb%3Fc");
/// assert!(UrlPathSegment::encode("..").is_err());
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct UrlPathSegment(String);

impl UrlPathSegment {
    /// Encodes `text`, refusing `.` and `..`.
    pub fn encode(text: &str) -> Result<Self, UrlError> {
        if text == "." || text == ".." {
            return Err(UrlError::DotSegment);
        }
        Ok(UrlPathSegment(
            utf8_percent_encode(text, COMPONENT).to_string(),
        ))
    }

    pub(crate) fn from_trusted(value: String) -> Self {
        UrlPathSegment(value)
    }

    /// The encoded segment.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The schemes [`SafeUrl::parse`] accepts.
pub const DEFAULT_SCHEMES: &[&str] = &["http", "https"];

/// An absolute URL whose scheme is on an allowlist, safe in `href` or `src`.
///
/// The text is parsed as the WHATWG URL standard does (with the `url` crate, the parser
/// browsers follow) and must hold no whitespace or control character that a browser would
/// silently drop. The scheme must be on the allowlist (`http` and `https` by default);
/// `javascript:` and `vbscript:` are refused whatever the list says, and `data:` only passes
/// when listed. The stored text is the parser's serialization, so it is the URL the browser
/// will follow.
///
/// ```
/// use secure::encode::SafeUrl;
///
/// assert!(SafeUrl::parse("https://example.com/a?b=c").is_ok());
/// assert!(SafeUrl::parse("JaVaScRiPt:alert(1)").is_err());
/// assert!(SafeUrl::parse("data:text/html,<script>alert(1)</script>").is_err());
///
/// let mail = SafeUrl::parse_with_schemes("mailto:user@example.com", &["mailto"]).unwrap();
/// assert_eq!(mail.as_str(), "mailto:user@example.com");
/// ```
///
/// What is *not* guaranteed: an allowed scheme says nothing about the site it points to; for
/// redirects, use [`SafeRedirect`](super::SafeRedirect), which also checks the host.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SafeUrl(String);

impl SafeUrl {
    /// Parses `text`, allowing `http` and `https`.
    pub fn parse(text: &str) -> Result<Self, UrlError> {
        Self::parse_with_schemes(text, DEFAULT_SCHEMES)
    }

    /// Parses `text`, allowing the lowercase `schemes`.
    pub fn parse_with_schemes(text: &str, schemes: &[&str]) -> Result<Self, UrlError> {
        match parse_url(text, |scheme| schemes.contains(&scheme)) {
            Some(url) => Ok(SafeUrl(url.into())),
            None => Err(UrlError::NotAllowed),
        }
    }

    pub(crate) fn from_trusted(url: String) -> Self {
        SafeUrl(url)
    }

    /// The URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

text_type_impls!(UrlQueryValue, UrlPathSegment, SafeUrl);

/// Why a URL or URL component was refused. It never holds the refused text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum UrlError {
    /// The text is not an absolute URL with an allowed scheme, or holds whitespace or control
    /// characters.
    NotAllowed,
    /// A path segment was `.` or `..`.
    DotSegment,
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UrlError::NotAllowed => "not an absolute URL with an allowed scheme",
            UrlError::DotSegment => "a URL path segment cannot be `.` or `..`",
        })
    }
}

impl std::error::Error for UrlError {}
