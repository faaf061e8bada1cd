//! Cross-site request forgery: Fetch-Metadata and `Origin` checks, and signed double-submit
//! tokens bound to the session.
//!
//! Two independent defences, both applied to every state-changing request of a protected
//! route (safe methods, `GET`, `HEAD`, `OPTIONS` and `TRACE`, are never checked and must not
//! change state):
//!
//! 1. [`check_origin`]: browsers say where a request comes from. A request whose
//!    `Sec-Fetch-Site` is `cross-site` or `same-site`, or whose `Origin` differs from the
//!    `Host` it was sent to, is refused unless that origin is trusted.
//! 2. [`CsrfKey::verify`]: the request carries a token twice, in the `__Host-csrf` cookie and
//!    in a header or form field. The token is an HMAC-SHA-256 with a server key over a random
//!    nonce and the session it was issued to, so a pair planted by an attacker, or minted for
//!    another session, fails even when both copies match. Comparisons run in constant time
//!    ([`subtle`]); empty, missing and differently sized tokens never match. A visitor who
//!    has not signed in is a session of its own too ([`CsrfSession::visitor`]), so that a
//!    pair an attacker minted on their own anonymous visit fails on a victim's login form.
//!
//! ```
//! use secure::http::csrf::{CsrfKey, CsrfSession};
//!
//! let key = CsrfKey::generate()?;
//! let session = CsrfSession::new(b"digest of the session id");
//! let token = key.issue(&session)?;
//!
//! // The cookie and the form field carry the same token: accepted.
//! assert!(key.verify(&session, Some(token.as_str()), Some(token.as_str())).is_ok());
//! // The same pair presented with another session: refused.
//! let other = CsrfSession::new(b"someone else");
//! assert!(key.verify(&other, Some(token.as_str()), Some(token.as_str())).is_err());
//! // Two empty strings are not a match.
//! assert!(key.verify(&session, Some(""), Some("")).is_err());
//! # Ok::<(), secure::http::RandomUnavailable>(())
//! ```
//!
//! What is *not* guaranteed: a cross-site scripting hole defeats both defences, since a
//! script on the page can read the token. Tokens stay valid for as long as the key and the
//! session do; rotate the session on sign-in so that a token issued before it stops working.

use core::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit as _, Mac as _};
use http::{HeaderMap, Method, header};
use sha2::Sha256;
use subtle::ConstantTimeEq as _;
use zeroize::Zeroizing;

use super::RandomUnavailable;
use crate::random;

/// The name of the cookie that carries the token: `__Host-csrf`.
pub const CSRF_COOKIE: &str = "__Host-csrf";
/// The cookie name without its prefix, as [`Cookie::host`](super::cookie::Cookie::host) takes it.
pub const CSRF_COOKIE_UNPREFIXED: &str = "csrf";
/// The name of the cookie that identifies a visitor who has not signed in, to bind their
/// tokens to: `__Host-csrf-visitor`.
pub const CSRF_VISITOR_COOKIE: &str = "__Host-csrf-visitor";
/// The visitor cookie's name without its prefix.
pub const CSRF_VISITOR_COOKIE_UNPREFIXED: &str = "csrf-visitor";
/// The request header a script sends the token in: `X-CSRF-Token`.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// The form field a form sends the token in: `csrf_token`.
pub const CSRF_FIELD: &str = "csrf_token";

const NONCE_BYTES: usize = 16;
const MAC_BYTES: usize = 32;
const TOKEN_BYTES: usize = NONCE_BYTES + MAC_BYTES;
/// The length of a token as text: 48 bytes in base64url without padding.
const TOKEN_CHARS: usize = 64;
const CONTEXT: &[u8] = b"secure/csrf/v1";

/// The server key tokens are signed with: at least 32 bytes, kept secret, shared by every
/// instance that serves the same users.
///
/// `Debug` does not show it, and it is wiped from memory when dropped.
#[derive(Clone)]
pub struct CsrfKey(Zeroizing<Vec<u8>>);

impl CsrfKey {
    /// A key from configured bytes (a secret from the environment or a vault).
    ///
    /// # Errors
    ///
    /// [`CsrfError::WeakKey`] for fewer than 32 bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, CsrfError> {
        if bytes.len() < 32 {
            return Err(CsrfError::WeakKey);
        }
        Ok(CsrfKey(Zeroizing::new(bytes.to_vec())))
    }

    /// A fresh random key. Tokens signed with it stop working when the process restarts,
    /// and are not accepted by other instances: configure one with
    /// [`from_bytes`](Self::from_bytes) for a deployment.
    ///
    /// # Errors
    ///
    /// [`RandomUnavailable`] if the OS random source fails.
    pub fn generate() -> Result<Self, RandomUnavailable> {
        let bytes = Zeroizing::new(random::bytes::<32>()?);
        Ok(CsrfKey(Zeroizing::new(bytes.to_vec())))
    }

    fn mac(&self, session: &CsrfSession, nonce: &[u8]) -> Hmac<Sha256> {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.0) else {
            unreachable!("HMAC takes keys of any length")
        };
        mac.update(CONTEXT);
        mac.update(&(session.0.len() as u64).to_be_bytes());
        mac.update(&session.0);
        mac.update(nonce);
        mac
    }

    /// A new token for `session`: a fresh nonce and its signature.
    ///
    /// # Errors
    ///
    /// [`RandomUnavailable`] if the OS random source fails.
    pub fn issue(&self, session: &CsrfSession) -> Result<CsrfToken, RandomUnavailable> {
        let nonce = random::bytes::<NONCE_BYTES>()?;
        let tag = self.mac(session, &nonce).finalize().into_bytes();
        let mut raw = [0u8; TOKEN_BYTES];
        raw[..NONCE_BYTES].copy_from_slice(&nonce);
        raw[NONCE_BYTES..].copy_from_slice(&tag);
        Ok(CsrfToken(URL_SAFE_NO_PAD.encode(raw)))
    }

    /// Checks a double submission: the token from the cookie and the one from the header or
    /// form must both be present, be the same (compared in constant time), and be signed
    /// with this key for `session`.
    ///
    /// # Errors
    ///
    /// [`CsrfError::MissingToken`], [`CsrfError::TokenMismatch`] or
    /// [`CsrfError::InvalidToken`]; none of them holds the tokens.
    pub fn verify(
        &self,
        session: &CsrfSession,
        cookie: Option<&str>,
        submitted: Option<&str>,
    ) -> Result<(), CsrfError> {
        let (Some(cookie), Some(submitted)) = (cookie, submitted) else {
            return Err(CsrfError::MissingToken);
        };
        if cookie.is_empty() || submitted.is_empty() {
            return Err(CsrfError::MissingToken);
        }
        // Lengths are not secret; the comparison of the bytes is constant-time.
        if cookie.len() != submitted.len()
            || !bool::from(cookie.as_bytes().ct_eq(submitted.as_bytes()))
        {
            return Err(CsrfError::TokenMismatch);
        }
        if submitted.len() != TOKEN_CHARS {
            return Err(CsrfError::InvalidToken);
        }

        let mut raw = [0u8; TOKEN_BYTES + 3];
        match URL_SAFE_NO_PAD.decode_slice(submitted, &mut raw) {
            Ok(TOKEN_BYTES) => {}
            _ => return Err(CsrfError::InvalidToken),
        }
        let (nonce, tag) = raw[..TOKEN_BYTES].split_at(NONCE_BYTES);
        self.mac(session, nonce)
            .verify_slice(tag)
            .map_err(|_| CsrfError::InvalidToken)
    }
}

impl fmt::Debug for CsrfKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CsrfKey([REDACTED])")
    }
}

/// What ties a token to one session: bytes that identify the session without being its
/// secret id, such as the digest a session store keeps it under.
///
/// The authentication layer puts it in the request's extensions; a request without one, or
/// with [`CsrfSession::anonymous`], is bound by the CSRF layer to the visitor instead
/// ([`CsrfSession::visitor`]), identified by a random value in the `__Host-csrf-visitor`
/// cookie that the layer sets along with the first token.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct CsrfSession(Vec<u8>);

impl CsrfSession {
    /// The session identified by `binding`.
    pub fn new(binding: impl AsRef<[u8]>) -> Self {
        let binding = binding.as_ref();
        let mut bytes = Vec::with_capacity(binding.len() + 1);
        bytes.push(1);
        bytes.extend_from_slice(binding);
        CsrfSession(bytes)
    }

    /// No session: the visitor has not signed in.
    ///
    /// Tokens issued for it are the same for every anonymous visitor, so a pair an attacker
    /// minted for their own visit would pass for anyone's: bind them to the visitor with
    /// [`visitor`](CsrfSession::visitor) instead, as `CsrfLayer` does for every request whose
    /// session is this one.
    pub fn anonymous() -> Self {
        CsrfSession(vec![0])
    }

    /// A visitor who has not signed in, identified by `id`: at least 16 random bytes the
    /// server gave the visitor in a cookie before any session exists (a pre-session).
    ///
    /// A token issued for one visitor fails for every other, so a pair an attacker minted on
    /// their own visit and planted in a victim's browser is refused, unless the attacker can
    /// also replace the victim's visitor cookie (which a `__Host-` cookie keeps other hosts
    /// and plain-http pages from doing). The id is not a credential: it only separates
    /// visitors.
    pub fn visitor(id: impl AsRef<[u8]>) -> Self {
        let id = id.as_ref();
        let mut bytes = Vec::with_capacity(id.len() + 1);
        bytes.push(2);
        bytes.extend_from_slice(id);
        CsrfSession(bytes)
    }

    #[cfg(feature = "axum")]
    pub(crate) fn is_anonymous(&self) -> bool {
        self.0 == [0]
    }
}

#[cfg(feature = "auth")]
impl From<&crate::auth::session::SessionKey> for CsrfSession {
    /// Binds tokens to a session by the digest its store keeps it under, which identifies
    /// the session without being its id.
    fn from(key: &crate::auth::session::SessionKey) -> Self {
        CsrfSession::new(key.as_bytes())
    }
}

impl fmt::Debug for CsrfSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CsrfSession(..)")
    }
}

/// A token to put in the `__Host-csrf` cookie and in forms or a header.
///
/// It is not a credential on its own, but `Debug` does not show it either.
#[derive(Clone, PartialEq, Eq)]
pub struct CsrfToken(String);

impl CsrfToken {
    /// The token as 64 base64url characters.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A token read from a cookie after [`CsrfKey::verify`] accepted it.
#[cfg(feature = "axum")]
pub(crate) fn verified_token(text: String) -> CsrfToken {
    CsrfToken(text)
}

impl fmt::Debug for CsrfToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CsrfToken([REDACTED])")
    }
}

/// Why a request was refused as a possible forgery. It never holds a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CsrfError {
    /// `Sec-Fetch-Site` or `Origin` says the request came from another site.
    CrossOrigin,
    /// The cookie or the submitted token is missing or empty.
    MissingToken,
    /// The two tokens differ.
    TokenMismatch,
    /// The tokens match but were not signed with this key for this session.
    InvalidToken,
    /// The configured key is shorter than 32 bytes.
    WeakKey,
}

impl fmt::Display for CsrfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CsrfError::CrossOrigin => "the request came from another site",
            CsrfError::MissingToken => "the CSRF token is missing",
            CsrfError::TokenMismatch => "the CSRF tokens do not match",
            CsrfError::InvalidToken => "the CSRF token is not valid for this session",
            CsrfError::WeakKey => "a CSRF key needs at least 32 bytes",
        })
    }
}

impl std::error::Error for CsrfError {}

/// Whether `method` is safe: `GET`, `HEAD`, `OPTIONS` or `TRACE`. Safe requests are never
/// checked, so handlers of safe methods must not change state.
pub fn is_safe_method(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

/// The Fetch-Metadata and `Origin` check of a request, as browsers describe it.
///
/// Safe methods pass. Otherwise: with `Sec-Fetch-Site`, only `same-origin` and `none` (typed
/// by the user) pass; without it, a request without `Origin` passes (it did not come from a
/// modern browser, and the token check still applies), and one with `Origin` passes when
/// its host and port equal the `Host` header's. Any origin listed in `trusted` (written
/// exactly as browsers send it, such as `https://app.example.com`) passes too.
///
/// ```
/// use http::{HeaderMap, Method};
/// use secure::http::csrf::{CsrfError, check_origin};
///
/// let mut headers = HeaderMap::new();
/// headers.insert("sec-fetch-site", "cross-site".parse().unwrap());
/// headers.insert("origin", "https://evil.example".parse().unwrap());
/// assert_eq!(check_origin(&Method::POST, &headers, &[]), Err(CsrfError::CrossOrigin));
/// assert_eq!(check_origin(&Method::GET, &headers, &[]), Ok(()));
/// ```
///
/// # Errors
///
/// [`CsrfError::CrossOrigin`].
pub fn check_origin(
    method: &Method,
    headers: &HeaderMap,
    trusted: &[&str],
) -> Result<(), CsrfError> {
    if is_safe_method(method) {
        return Ok(());
    }
    let origin = headers.get(header::ORIGIN).map(|value| value.as_bytes());
    let is_trusted = |origin: Option<&[u8]>| {
        origin.is_some_and(|origin| trusted.iter().any(|allowed| allowed.as_bytes() == origin))
    };

    if let Some(site) = headers.get("sec-fetch-site") {
        return match site.as_bytes() {
            b"same-origin" | b"none" => Ok(()),
            _ if is_trusted(origin) => Ok(()),
            _ => Err(CsrfError::CrossOrigin),
        };
    }
    let Some(origin) = origin else {
        return Ok(());
    };
    let host = headers.get(header::HOST).map(|value| value.as_bytes());
    let origin_host = origin
        .strip_prefix(b"https://")
        .or_else(|| origin.strip_prefix(b"http://"));
    if origin_host.is_some() && origin_host == host || is_trusted(Some(origin)) {
        Ok(())
    } else {
        Err(CsrfError::CrossOrigin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> CsrfKey {
        CsrfKey::from_bytes(&[7; 32]).unwrap()
    }

    #[test]
    fn csrf_01_only_the_correct_pair_passes() {
        let key = key();
        let session = CsrfSession::new(b"session-a");
        let token = key.issue(&session).unwrap();
        let token = token.as_str();

        assert_eq!(
            key.verify(&session, Some(""), Some("")),
            Err(CsrfError::MissingToken)
        );
        assert_eq!(
            key.verify(&session, Some("abc"), Some("abcd")),
            Err(CsrfError::TokenMismatch)
        );
        assert_eq!(
            key.verify(&session, Some(token), None),
            Err(CsrfError::MissingToken)
        );
        assert_eq!(
            key.verify(&session, None, Some(token)),
            Err(CsrfError::MissingToken)
        );
        assert_eq!(
            key.verify(&session, Some("abc"), Some("abc")),
            Err(CsrfError::InvalidToken)
        );

        let other_session = CsrfSession::new(b"session-b");
        let planted = key.issue(&other_session).unwrap();
        assert_eq!(
            key.verify(&session, Some(planted.as_str()), Some(planted.as_str())),
            Err(CsrfError::InvalidToken)
        );
        let anonymous = key.issue(&CsrfSession::anonymous()).unwrap();
        assert_eq!(
            key.verify(&session, Some(anonymous.as_str()), Some(anonymous.as_str())),
            Err(CsrfError::InvalidToken)
        );
        let attacker = CsrfSession::visitor(b"visitor-of-the-attacker");
        let victim = CsrfSession::visitor(b"visitor-of-the-victim");
        let planted = key.issue(&attacker).unwrap();
        assert_eq!(
            key.verify(&victim, Some(planted.as_str()), Some(planted.as_str())),
            Err(CsrfError::InvalidToken)
        );
        assert_eq!(
            key.verify(
                &CsrfSession::anonymous(),
                Some(planted.as_str()),
                Some(planted.as_str())
            ),
            Err(CsrfError::InvalidToken)
        );
        // A visitor id equal to a session binding is still another binding.
        let lookalike = key.issue(&CsrfSession::visitor(b"session-a")).unwrap();
        assert_eq!(
            key.verify(&session, Some(lookalike.as_str()), Some(lookalike.as_str())),
            Err(CsrfError::InvalidToken)
        );
        let other_key = CsrfKey::from_bytes(&[8; 32]).unwrap();
        let forged = other_key.issue(&session).unwrap();
        assert_eq!(
            key.verify(&session, Some(forged.as_str()), Some(forged.as_str())),
            Err(CsrfError::InvalidToken)
        );

        assert_eq!(key.verify(&session, Some(token), Some(token)), Ok(()));
    }

    #[test]
    fn a_flipped_bit_is_refused() {
        let key = key();
        let session = CsrfSession::new(b"s");
        let token = key.issue(&session).unwrap();
        let mut tampered = token.as_str().to_owned().into_bytes();
        tampered[10] = if tampered[10] == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(tampered).unwrap();
        assert_eq!(
            key.verify(&session, Some(&tampered), Some(&tampered)),
            Err(CsrfError::InvalidToken)
        );
    }

    #[test]
    fn tokens_are_fresh_and_keys_are_long() {
        let key = key();
        let session = CsrfSession::anonymous();
        assert_ne!(key.issue(&session).unwrap(), key.issue(&session).unwrap());
        assert_eq!(key.issue(&session).unwrap().as_str().len(), TOKEN_CHARS);
        assert_eq!(
            CsrfKey::from_bytes(&[1; 31]).unwrap_err(),
            CsrfError::WeakKey
        );
        assert_eq!(format!("{key:?}"), "CsrfKey([REDACTED])");
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn fetch_metadata_and_origin() {
        let post = Method::POST;
        let cases: &[(&[(&str, &str)], bool)] = &[
            (&[("sec-fetch-site", "same-origin")], true),
            (&[("sec-fetch-site", "none")], true),
            (&[("sec-fetch-site", "same-site")], false),
            (&[("sec-fetch-site", "cross-site")], false),
            (
                &[
                    ("sec-fetch-site", "cross-site"),
                    ("origin", "https://partner.example"),
                ],
                true,
            ),
            (&[], true),
            (
                &[("host", "app.example"), ("origin", "https://app.example")],
                true,
            ),
            (
                &[("host", "app.example"), ("origin", "https://evil.example")],
                false,
            ),
            (&[("host", "app.example"), ("origin", "null")], false),
        ];
        for (pairs, allowed) in cases {
            let headers = headers(pairs);
            let outcome = check_origin(&post, &headers, &["https://partner.example"]);
            assert_eq!(outcome.is_ok(), *allowed, "{pairs:?}");
        }
    }
}
