//! `Set-Cookie` values whose attributes are exactly the ones the code chose.
//!
//! A cookie starts strict: `Secure`, `HttpOnly`, `SameSite=Lax`, `Path=/`. Relaxing it is a
//! method call that says so, and combinations that browsers reject or that weaken the cookie
//! without saying so do not exist:
//!
//! | combination | caught |
//! | --- | --- |
//! | a `__Host-` cookie with a `Domain`, a `Path` other than `/`, or without `Secure` | compile time: [`Cookie::host`] has no such methods |
//! | `SameSite=None` without `Secure` | compile time: [`CookieBuilder::same_site_none`] is not offered after [`insecure`](CookieBuilder::insecure) |
//! | a name that is not an RFC 6265 token, or that spells a prefix by hand | run time: [`CookieError`] |
//! | a value with `;`, `,`, whitespace, `"`, `\`, CR, LF, NUL, a control or non-ASCII | run time: [`CookieError`] |
//! | a `Domain` or `Path` with `;` or a control | run time: [`CookieError`] |
//!
//! Nothing is repaired silently: a value that would add an attribute (`x; Domain=evil`) is an
//! error, not a value with the `;` dropped. Encode binary or free text with base64url first.
//!
//! ```
//! use secure::http::cookie::Cookie;
//!
//! let cookie = Cookie::host("sid", "dGhpcyBpcyBub3QgYSBzZXNzaW9u").build()?;
//! assert_eq!(
//!     cookie.to_string_exposed(),
//!     "__Host-sid=dGhpcyBpcyBub3QgYSBzZXNzaW9u; Path=/; Secure; HttpOnly; SameSite=Lax",
//! );
//!
//! let attack = Cookie::new("theme", "dark; Domain=evil.example").build();
//! assert!(attack.is_err());
//! # Ok::<(), secure::http::cookie::CookieError>(())
//! ```

use core::fmt;
use core::marker::PhantomData;
use std::time::Duration;

use http::HeaderValue;

/// How the cookie is protected, fixed by the constructor: the state of a [`CookieBuilder`].
pub trait Protection: sealed::Sealed {
    /// Whether the cookie is sent with `Secure`.
    #[doc(hidden)]
    const SECURE: bool;
}

/// A `__Host-` cookie: `Secure`, `Path=/`, no `Domain`, bound to one origin's host.
pub enum HostPrefix {}
/// A `__Secure-` cookie: `Secure` is fixed, `Domain` and `Path` may be set.
pub enum SecurePrefix {}
/// A cookie without a prefix, `Secure` until [`insecure`](CookieBuilder::insecure) is called.
pub enum NoPrefix {}
/// A cookie without `Secure`, for plain-http development only.
pub enum Insecure {}

impl Protection for HostPrefix {
    const SECURE: bool = true;
}
impl Protection for SecurePrefix {
    const SECURE: bool = true;
}
impl Protection for NoPrefix {
    const SECURE: bool = true;
}
impl Protection for Insecure {
    const SECURE: bool = false;
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::HostPrefix {}
    impl Sealed for super::SecurePrefix {}
    impl Sealed for super::NoPrefix {}
    impl Sealed for super::Insecure {}
}

/// The states in which a cookie may name a `Domain`.
#[diagnostic::on_unimplemented(
    message = "a `__Host-` cookie cannot have a `Domain` attribute",
    label = "browsers reject `__Host-` cookies that name a domain",
    note = "a `__Host-` cookie belongs to exactly one host; to share a cookie with subdomains build it with `Cookie::secure(..)` (`__Secure-` prefix) or `Cookie::new(..)`"
)]
pub trait DomainAllowed: Protection {}
impl DomainAllowed for SecurePrefix {}
impl DomainAllowed for NoPrefix {}
impl DomainAllowed for Insecure {}

/// The states in which a cookie may have a `Path` other than `/`.
#[diagnostic::on_unimplemented(
    message = "a `__Host-` cookie must have `Path=/`",
    label = "browsers reject `__Host-` cookies with another path",
    note = "drop `.path(..)`, or build the cookie with `Cookie::secure(..)` or `Cookie::new(..)`"
)]
pub trait PathAllowed: Protection {}
impl PathAllowed for SecurePrefix {}
impl PathAllowed for NoPrefix {}
impl PathAllowed for Insecure {}

/// The states that may give up `Secure`.
#[diagnostic::on_unimplemented(
    message = "a `__Host-` or `__Secure-` cookie cannot give up `Secure`",
    label = "`__Host-` and `__Secure-` cookies are always `Secure`",
    note = "only a cookie built with `Cookie::new(..)` can be made insecure, for plain-http development"
)]
pub trait MayBeInsecure: Protection {}
impl MayBeInsecure for NoPrefix {}

/// The states that send `Secure`, which `SameSite=None` requires.
#[diagnostic::on_unimplemented(
    message = "`SameSite=None` needs `Secure`, and this cookie was made insecure",
    label = "browsers reject `SameSite=None` without `Secure`",
    note = "remove `.insecure()`, or keep the default `SameSite=Lax`"
)]
pub trait SendsSecure: Protection {}
impl SendsSecure for HostPrefix {}
impl SendsSecure for SecurePrefix {}
impl SendsSecure for NoPrefix {}

/// The `SameSite` attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SameSite {
    /// Sent on same-site requests only.
    Strict,
    /// Sent on same-site requests and top-level navigations; the default.
    Lax,
    /// Sent on cross-site requests too; needs `Secure`.
    None,
}

impl SameSite {
    fn as_str(self) -> &'static str {
        match self {
            SameSite::Strict => "Strict",
            SameSite::Lax => "Lax",
            SameSite::None => "None",
        }
    }
}

/// Builds a cookie: start with [`Cookie::host`], [`Cookie::secure`] or [`Cookie::new`].
pub struct Cookie;

impl Cookie {
    /// A `__Host-` cookie: the name gets the prefix, and the cookie is `Secure`, `Path=/`,
    /// has no `Domain`, and is `HttpOnly` and `SameSite=Lax` until told otherwise. The right
    /// choice for session and CSRF cookies.
    pub fn host<'a>(name: &'a str, value: &'a str) -> CookieBuilder<'a, HostPrefix> {
        CookieBuilder::start(name, value, "__Host-")
    }

    /// A `__Secure-` cookie: the name gets the prefix and the cookie is `Secure`; `Domain`
    /// and `Path` may be set.
    pub fn secure<'a>(name: &'a str, value: &'a str) -> CookieBuilder<'a, SecurePrefix> {
        CookieBuilder::start(name, value, "__Secure-")
    }

    /// A cookie without a prefix, `Secure`, `HttpOnly`, `SameSite=Lax` and `Path=/`.
    #[allow(
        clippy::new_ret_no_self,
        reason = "`Cookie` only names the constructors of the builder"
    )]
    pub fn new<'a>(name: &'a str, value: &'a str) -> CookieBuilder<'a, NoPrefix> {
        CookieBuilder::start(name, value, "")
    }
}

/// A cookie being built; [`build`](CookieBuilder::build) checks it.
#[must_use = "call `build()` to check the cookie and get its `Set-Cookie` value"]
pub struct CookieBuilder<'a, P: Protection> {
    prefix: &'static str,
    name: &'a str,
    value: &'a str,
    domain: Option<&'a str>,
    path: &'a str,
    http_only: bool,
    same_site: SameSite,
    max_age: Option<Duration>,
    protection: PhantomData<P>,
}

impl<'a, P: Protection> CookieBuilder<'a, P> {
    fn start(name: &'a str, value: &'a str, prefix: &'static str) -> Self {
        CookieBuilder {
            prefix,
            name,
            value,
            domain: None,
            path: "/",
            http_only: true,
            same_site: SameSite::Lax,
            max_age: None,
            protection: PhantomData,
        }
    }

    fn into_state<Q: Protection>(self) -> CookieBuilder<'a, Q> {
        CookieBuilder {
            prefix: self.prefix,
            name: self.name,
            value: self.value,
            domain: self.domain,
            path: self.path,
            http_only: self.http_only,
            same_site: self.same_site,
            max_age: self.max_age,
            protection: PhantomData,
        }
    }

    /// Lets scripts read the cookie (drops `HttpOnly`), for a value a page must read, such
    /// as a CSRF token that JavaScript copies into a header.
    pub fn readable_by_scripts(mut self) -> Self {
        self.http_only = false;
        self
    }

    /// `SameSite=Strict`: not sent even on top-level navigations from other sites.
    pub fn same_site_strict(mut self) -> Self {
        self.same_site = SameSite::Strict;
        self
    }

    /// `SameSite=Lax`, the default.
    pub fn same_site_lax(mut self) -> Self {
        self.same_site = SameSite::Lax;
        self
    }

    /// `SameSite=None`: sent with cross-site requests. Only for cookies that need it (an
    /// embedded widget); such routes need CSRF protection all the more.
    pub fn same_site_none(mut self) -> Self
    where
        P: SendsSecure,
    {
        self.same_site = SameSite::None;
        self
    }

    /// `Max-Age`, in whole seconds; without it the cookie ends with the browser session.
    pub fn max_age(mut self, age: Duration) -> Self {
        self.max_age = Some(age);
        self
    }

    /// `Max-Age=0`: tells the browser to delete the cookie.
    pub fn expired(self) -> Self {
        self.max_age(Duration::ZERO)
    }

    /// The `Domain` attribute: the cookie is sent to that domain and its subdomains.
    pub fn domain(mut self, domain: &'a str) -> Self
    where
        P: DomainAllowed,
    {
        self.domain = Some(domain);
        self
    }

    /// The `Path` attribute (default `/`).
    pub fn path(mut self, path: &'a str) -> Self
    where
        P: PathAllowed,
    {
        self.path = path;
        self
    }

    /// Drops `Secure`, for development over plain http. `SameSite=None` is then not offered.
    pub fn insecure(self) -> CookieBuilder<'a, Insecure>
    where
        P: MayBeInsecure,
    {
        self.into_state()
    }

    /// Checks the name, value, domain and path and renders the `Set-Cookie` value.
    ///
    /// # Errors
    ///
    /// A [`CookieError`] naming what is wrong, never the text.
    pub fn build(self) -> Result<SetCookie, CookieError> {
        check_name(self.name)?;
        check_value(self.value)?;
        if let Some(domain) = self.domain {
            check_domain(domain)?;
        }
        check_path(self.path)?;

        let mut text = format!("{}{}={}", self.prefix, self.name, self.value);
        if let Some(domain) = self.domain {
            text.push_str("; Domain=");
            text.push_str(domain);
        }
        text.push_str("; Path=");
        text.push_str(self.path);
        if let Some(age) = self.max_age {
            text.push_str(&format!("; Max-Age={}", age.as_secs()));
        }
        if P::SECURE {
            text.push_str("; Secure");
        }
        if self.http_only {
            text.push_str("; HttpOnly");
        }
        text.push_str("; SameSite=");
        text.push_str(self.same_site.as_str());
        let name_len = self.prefix.len() + self.name.len();
        Ok(SetCookie { text, name_len })
    }
}

/// A checked `Set-Cookie` header value.
///
/// `Debug` shows the name and attributes but not the value, which is often a session id.
#[derive(Clone, PartialEq, Eq)]
pub struct SetCookie {
    text: String,
    name_len: usize,
}

impl SetCookie {
    /// The header value.
    pub fn to_header_value(&self) -> HeaderValue {
        // Every byte was checked to be visible ASCII or a space between attributes.
        HeaderValue::from_str(&self.text).unwrap_or_else(|_| HeaderValue::from_static(""))
    }

    /// The whole header value, value included.
    pub fn to_string_exposed(&self) -> String {
        self.text.clone()
    }

    /// The cookie's name, prefix included.
    pub fn name(&self) -> &str {
        &self.text[..self.name_len]
    }
}

impl fmt::Debug for SetCookie {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let attributes = self.text.find(';').map_or("", |at| &self.text[at..]);
        write!(f, "SetCookie({}=[REDACTED]{attributes})", self.name())
    }
}

/// Why a cookie was refused. It never holds the refused text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CookieError {
    /// The name is empty or not an RFC 6265 token (it holds `=`, `;`, whitespace,
    /// separators or controls).
    InvalidName,
    /// The name starts with `__Host-` or `__Secure-`; use the constructor that adds it.
    PrefixInName,
    /// The value holds a character outside RFC 6265 `cookie-octet`: `;`, `,`, whitespace,
    /// `"`, `\`, a control or non-ASCII.
    InvalidValue,
    /// The domain is empty or holds a character other than letters, digits, `-` and `.`.
    InvalidDomain,
    /// The path does not start with `/` or holds `;` or a control.
    InvalidPath,
}

impl fmt::Display for CookieError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CookieError::InvalidName => "a cookie name must be a non-empty RFC 6265 token",
            CookieError::PrefixInName => {
                "a cookie name cannot spell `__Host-` or `__Secure-` itself; use `Cookie::host` or `Cookie::secure`"
            }
            CookieError::InvalidValue => {
                "a cookie value cannot hold `;`, `,`, whitespace, `\"`, `\\`, controls or non-ASCII; encode it first"
            }
            CookieError::InvalidDomain => "a cookie domain must be letters, digits, `-` and `.`",
            CookieError::InvalidPath => "a cookie path must start with `/` and hold no `;` or controls",
        })
    }
}

impl std::error::Error for CookieError {}

/// RFC 9110 `tchar`, which RFC 6265 uses for cookie names.
pub(crate) fn is_token_char(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte)
}

fn check_name(name: &str) -> Result<(), CookieError> {
    if name.is_empty() || !name.bytes().all(is_token_char) {
        return Err(CookieError::InvalidName);
    }
    let lower = name.to_ascii_lowercase();
    if lower.starts_with("__host-") || lower.starts_with("__secure-") {
        return Err(CookieError::PrefixInName);
    }
    Ok(())
}

/// RFC 6265 `cookie-octet`: visible ASCII except `"`, `,`, `;` and `\`.
fn is_cookie_octet(byte: u8) -> bool {
    matches!(byte, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E)
}

fn check_value(value: &str) -> Result<(), CookieError> {
    match value.bytes().all(is_cookie_octet) {
        true => Ok(()),
        false => Err(CookieError::InvalidValue),
    }
}

fn check_domain(domain: &str) -> Result<(), CookieError> {
    let domain = domain.strip_prefix('.').unwrap_or(domain);
    let valid = !domain.is_empty()
        && domain
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'.');
    match valid {
        true => Ok(()),
        false => Err(CookieError::InvalidDomain),
    }
}

fn check_path(path: &str) -> Result<(), CookieError> {
    let valid = path.starts_with('/')
        && path
            .bytes()
            .all(|byte| (0x20..0x7F).contains(&byte) && byte != b';');
    match valid {
        true => Ok(()),
        false => Err(CookieError::InvalidPath),
    }
}

/// The value of the cookie called `name` in a request's `Cookie` headers, compared exactly
/// (prefix included). `None` if it is absent or sent more than once, since a duplicate may
/// have been planted by a sibling subdomain.
///
/// ```
/// use http::HeaderMap;
/// use secure::http::cookie::request_cookie;
///
/// let mut headers = HeaderMap::new();
/// headers.insert("cookie", "theme=dark; __Host-sid=abc".parse().unwrap());
/// assert_eq!(request_cookie(&headers, "__Host-sid"), Some("abc"));
/// assert_eq!(request_cookie(&headers, "sid"), None);
/// ```
pub fn request_cookie<'h>(headers: &'h http::HeaderMap, name: &str) -> Option<&'h str> {
    let mut found = None;
    for header in headers.get_all(http::header::COOKIE) {
        let Ok(text) = header.to_str() else {
            continue;
        };
        for pair in text.split(';') {
            let Some((key, value)) = pair.trim_matches(' ').split_once('=') else {
                continue;
            };
            if key == name {
                if found.is_some() {
                    return None;
                }
                found = Some(value);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_strict() {
        let cookie = Cookie::new("theme", "dark").build().unwrap();
        assert_eq!(
            cookie.to_string_exposed(),
            "theme=dark; Path=/; Secure; HttpOnly; SameSite=Lax"
        );
        let cookie = Cookie::new("theme", "dark").insecure().build().unwrap();
        assert_eq!(
            cookie.to_string_exposed(),
            "theme=dark; Path=/; HttpOnly; SameSite=Lax"
        );
    }

    #[test]
    fn relaxing_is_explicit() {
        let cookie = Cookie::secure("pref", "1")
            .domain("example.com")
            .path("/app")
            .same_site_none()
            .readable_by_scripts()
            .max_age(Duration::from_secs(60))
            .build()
            .unwrap();
        assert_eq!(
            cookie.to_string_exposed(),
            "__Secure-pref=1; Domain=example.com; Path=/app; Max-Age=60; Secure; SameSite=None"
        );
        assert_eq!(cookie.name(), "__Secure-pref");
        assert_eq!(
            format!("{cookie:?}"),
            "SetCookie(__Secure-pref=[REDACTED]; Domain=example.com; Path=/app; Max-Age=60; Secure; SameSite=None)"
        );
    }

    #[test]
    fn hdr_01_values_that_would_add_attributes_are_refused() {
        for value in [
            "abc\r\nSet-Cookie: admin=1",
            "abc; Domain=evil.example; Path=/; Secure",
            "a,b",
            "x\ty",
            "q\"r",
            "s\\t",
            "a b",
            "nul\0",
            "caf\u{e9}",
            "\"quoted\"",
        ] {
            assert_eq!(
                Cookie::host("sid", value).build(),
                Err(CookieError::InvalidValue),
                "{value:?}"
            );
        }
    }

    #[test]
    fn hdr_01_names_must_be_tokens() {
        for name in ["sid=", "s id", "", "a;b", "a\r\nb", "n\u{e9}", "a,b", "(x)"] {
            assert_eq!(
                Cookie::new(name, "v").build(),
                Err(CookieError::InvalidName),
                "{name:?}"
            );
        }
        assert_eq!(
            Cookie::new("__Host-sid", "v").build(),
            Err(CookieError::PrefixInName)
        );
        assert_eq!(
            Cookie::new("__SECURE-sid", "v").build(),
            Err(CookieError::PrefixInName)
        );
    }

    #[test]
    fn domains_and_paths_cannot_add_attributes() {
        let bad_domain = Cookie::new("a", "b").domain("evil.example; Secure").build();
        assert_eq!(bad_domain, Err(CookieError::InvalidDomain));
        let bad_path = Cookie::new("a", "b").path("/x; Domain=evil").build();
        assert_eq!(bad_path, Err(CookieError::InvalidPath));
        let bad_path = Cookie::new("a", "b").path("x").build();
        assert_eq!(bad_path, Err(CookieError::InvalidPath));
    }

    #[test]
    fn duplicate_request_cookies_are_refused() {
        let mut headers = http::HeaderMap::new();
        headers.append(http::header::COOKIE, "sid=a".parse().unwrap());
        headers.append(http::header::COOKIE, "sid=b".parse().unwrap());
        assert_eq!(request_cookie(&headers, "sid"), None);
    }
}
