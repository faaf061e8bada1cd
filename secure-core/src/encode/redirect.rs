//! Redirect targets: [`SafeRedirect`].

use core::fmt;

use super::html::text_type_impls;

/// A redirect target that stays on this site, or goes to a host on an allowlist.
///
/// [`SafeRedirect::local`] accepts a path on the same origin only: it starts with `/`, its
/// second character is neither `/` nor `\`, and it holds no backslash, whitespace other than
/// space, control character or non-ASCII character anywhere. Browsers read `\` as `/` and
/// delete tabs and line breaks before resolving a URL, so `/\evil.example` and
/// `/<tab>/evil.example` would otherwise lead to another site, and a line break would split
/// the `Location` header. The check runs on the text as given: decode it (once) before, not
/// after.
///
/// ```
/// use secure::encode::SafeRedirect;
///
/// assert!(SafeRedirect::local("/app?x=1#y").is_ok());
/// assert!(SafeRedirect::local("//evil.example").is_err());
/// assert!(SafeRedirect::local("/\\evil.example").is_err());
///
/// // Fall back to a fixed page when the target is refused.
/// let next = SafeRedirect::local("/\t/evil.example").unwrap_or_else(|_| SafeRedirect::root());
/// assert_eq!(next.as_str(), "/");
/// ```
///
/// What is *not* guaranteed: a local path can still reach any page of this site, including
/// ones that act on a `GET`; it is not an authorization check.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SafeRedirect(String);

impl SafeRedirect {
    /// The root of this site, `/`.
    pub fn root() -> Self {
        SafeRedirect(String::from("/"))
    }

    /// Accepts a same-origin path such as `/dashboard` or `/app?x=1#y`.
    pub fn local(text: &str) -> Result<Self, RedirectError> {
        check_characters(text)?;
        let bytes = text.as_bytes();
        if bytes.first() != Some(&b'/') || matches!(bytes.get(1), Some(b'/')) {
            return Err(RedirectError::NotLocal);
        }
        // Defence in depth: resolving against a placeholder origin must keep that origin.
        let base = url::Url::parse("https://origin.invalid/").expect("a valid base");
        match base.join(text) {
            Ok(resolved) if resolved.origin() == base.origin() => Ok(SafeRedirect(text.into())),
            _ => Err(RedirectError::NotLocal),
        }
    }

    /// Accepts a same-origin path as [`local`](SafeRedirect::local) does, or an absolute
    /// `http`/`https` URL whose host is one of `hosts` (compared without case).
    ///
    /// The absolute form must be written out as `https://host/...`: forms a browser would
    /// complete, such as `https:evil.example`, and URLs with credentials are refused.
    ///
    /// ```
    /// use secure::encode::SafeRedirect;
    ///
    /// let hosts = ["accounts.example.com"];
    /// assert!(SafeRedirect::to_hosts("https://accounts.example.com/login", &hosts).is_ok());
    /// assert!(SafeRedirect::to_hosts("https://evil.example/", &hosts).is_err());
    /// assert!(SafeRedirect::to_hosts("https:accounts.example.com", &hosts).is_err());
    /// assert!(SafeRedirect::to_hosts("https://accounts.example.com@evil.example/", &hosts).is_err());
    /// ```
    pub fn to_hosts(text: &str, hosts: &[&str]) -> Result<Self, RedirectError> {
        if text.starts_with('/') {
            return Self::local(text);
        }
        check_characters(text)?;
        if text.contains(' ') || !has_authority(text) {
            return Err(RedirectError::NotLocal);
        }
        let url = url::Url::parse(text).map_err(|_| RedirectError::NotLocal)?;
        let host_allowed = url.host_str().is_some_and(|host| {
            hosts
                .iter()
                .any(|allowed| allowed.eq_ignore_ascii_case(host))
        });
        let credentials = !url.username().is_empty() || url.password().is_some();
        if !matches!(url.scheme(), "http" | "https") || credentials || !host_allowed {
            return Err(RedirectError::HostNotAllowed);
        }
        Ok(SafeRedirect(url.into()))
    }

    pub(crate) fn from_trusted(target: String) -> Self {
        SafeRedirect(target)
    }

    /// The target, ready for a `Location` header or an `href`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn has_authority(text: &str) -> bool {
    let lower = |prefix: &str| {
        text.len() > prefix.len() && text[..prefix.len()].eq_ignore_ascii_case(prefix)
    };
    lower("https://") || lower("http://")
}

fn check_characters(text: &str) -> Result<(), RedirectError> {
    let refused = |b: &u8| *b < b' ' || *b >= 0x7F || *b == b'\\';
    if text.as_bytes().iter().any(refused) {
        return Err(RedirectError::ForbiddenCharacter);
    }
    Ok(())
}

text_type_impls!(SafeRedirect);

/// Why a redirect target was refused. It never holds the refused text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RedirectError {
    /// The target is not a path on this site (`//host`, `https:host`, no leading `/`).
    NotLocal,
    /// The target holds a backslash, a control character (tab, CR, LF, NUL ...) or a
    /// non-ASCII character.
    ForbiddenCharacter,
    /// The target is an absolute URL to a host that is not allowed, or carries credentials.
    HostNotAllowed,
}

impl fmt::Display for RedirectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RedirectError::NotLocal => "the redirect target is not a path on this site",
            RedirectError::ForbiddenCharacter => {
                "the redirect target holds a backslash, control or non-ASCII character"
            }
            RedirectError::HostNotAllowed => "the redirect target's host is not allowed",
        })
    }
}

impl std::error::Error for RedirectError {}
