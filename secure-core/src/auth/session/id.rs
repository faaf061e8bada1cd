//! Session ids and the digests stores keep them under.

use core::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest as _, Sha256};

use super::SessionError;
use crate::random::{self, RandomUnavailable};
use crate::{ExposeSecret, SecretString};

const ID_BYTES: usize = 32;
const ID_CHARS: usize = 43;

/// A session id: 256 bits from the OS random source, as 43 base64url characters.
///
/// Held as a [`SecretString`]: `Debug` prints `SessionId([REDACTED])`, there is no `Display`
/// and no `Clone`, and writing it into a cookie takes an explicit
/// [`expose_secret()`](ExposeSecret::expose_secret). New ids come only from
/// [`SessionManager`](super::SessionManager); ids that arrive with a request are read with
/// [`SessionId::parse`].
///
/// ```
/// use secure::auth::session::SessionId;
/// use secure::Secret;
///
/// let presented = Secret::from("dGhpcyBpcyBub3QgYSByZWFsIHNlc3Npb24gaWQgISE");
/// let id = SessionId::parse(presented)?;
/// assert_eq!(format!("{id:?}"), "SessionId([REDACTED])");
/// assert!(SessionId::parse(Secret::from("short")).is_err());
/// # Ok::<(), secure::auth::session::SessionError>(())
/// ```
pub struct SessionId(SecretString);

impl SessionId {
    /// Reads an id presented by a client (from a cookie, say), checking only its shape.
    pub fn parse(presented: SecretString) -> Result<Self, SessionError> {
        let text = presented.expose_secret();
        let mut decoded = [0u8; ID_BYTES + 3];
        let shape_ok = text.len() == ID_CHARS
            && URL_SAFE_NO_PAD.decode_slice(text, &mut decoded) == Ok(ID_BYTES);
        zeroize::Zeroize::zeroize(&mut decoded);
        if !shape_ok {
            return Err(SessionError::Malformed);
        }

        Ok(SessionId(presented))
    }

    pub(super) fn generate() -> Result<Self, RandomUnavailable> {
        let mut bytes = random::bytes::<ID_BYTES>()?;
        let text = SecretString::init_with_mut(|text: &mut String| {
            URL_SAFE_NO_PAD.encode_string(bytes, text);
        });
        zeroize::Zeroize::zeroize(&mut bytes);
        Ok(SessionId(text))
    }

    /// The digest a [`SessionStore`](super::SessionStore) keeps this session under.
    pub fn store_key(&self) -> SessionKey {
        SessionKey(Sha256::digest(self.0.expose_secret().as_bytes()).into())
    }
}

impl ExposeSecret<String> for SessionId {
    fn expose_secret(&self) -> &String {
        self.0.expose_secret()
    }
}

impl fmt::Debug for SessionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionId([REDACTED])")
    }
}

/// The SHA-256 digest of a [`SessionId`]: what stores keep sessions under.
///
/// A store (or a dump of it) therefore never holds a usable session id: presenting a digest
/// as an id finds nothing. Not a secret; [`to_hex`](Self::to_hex) names it in an external
/// store.
///
/// ```
/// use secure::auth::session::SessionId;
/// use secure::Secret;
///
/// let id = SessionId::parse(Secret::from("dGhpcyBpcyBub3QgYSByZWFsIHNlc3Npb24gaWQgISE"))?;
/// assert_eq!(id.store_key().to_hex().len(), 64);
/// # Ok::<(), secure::auth::session::SessionError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SessionKey([u8; 32]);

impl SessionKey {
    /// The digest's bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The digest as 64 lowercase hex digits.
    pub fn to_hex(&self) -> String {
        base16ct::lower::encode_string(&self.0)
    }
}

impl fmt::Debug for SessionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SessionKey({})", self.to_hex())
    }
}
