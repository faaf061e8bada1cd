//! API keys: random, prefixed, stored as a digest, compared in constant time.
//!
//! A key reads `<prefix><id>_<secret>`, for example
//! `sk_live_3f9a0c12d4e5b6a7_<64 hex digits>`:
//!
//! - the **prefix** (chosen per product and environment) tells people and secret scanners what
//!   the key is for;
//! - the **id** (64 random bits, public) finds the stored record without a search over
//!   digests;
//! - the **secret** (256 random bits from the OS random source) is what proves possession.
//!
//! The server stores the [`ApiKeyId`] and the [`ApiKeyHash`] and shows the key to its owner
//! once. A presented key is parsed, its record looked up by id, and checked with
//! [`ApiKeyHash::verify`].
//!
//! ```
//! use secure::auth::api_key::{ApiKey, ApiKeyError, ApiKeyPrefix};
//! use secure::prelude::*;
//!
//! let prefix = ApiKeyPrefix::new("sk_live_")?;
//!
//! // Issue: store `(key.id(), key.hash())`, show `key.expose_secret()` once.
//! let key = ApiKey::generate(&prefix)?;
//! let (id, stored) = (key.id(), key.hash());
//! assert_eq!(key.to_string(), "sk_live_…");
//!
//! // Authenticate a request.
//! let presented = ApiKey::parse(&prefix, Secret::new(key.expose_secret().clone()))?;
//! assert_eq!(presented.id(), id);
//! stored.verify(&presented)?;
//! # Ok::<(), ApiKeyError>(())
//! ```
//!
//! # Why SHA-256 and not a slow hash or an HMAC
//!
//! Passwords need Argon2 because people choose them from small sets. A key here carries 256
//! bits from the OS random source, so a leaked digest cannot be reversed by guessing, and a
//! fast hash keeps each authenticated request cheap. An HMAC under a server key would add a
//! second secret to manage and rotate, and losing it would invalidate every key, for no gain
//! against an attacker who cannot guess 256 random bits. The digest covers the whole key
//! text, prefix and id included.
//!
//! # What is not guaranteed
//!
//! - Keys have no built-in expiry or scope: keep those in the stored record.
//! - There is no checksum for offline detection of typos or for secret scanners.

use core::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest as _, Sha256};
use subtle::ConstantTimeEq as _;

use crate::random::{self, RandomUnavailable};
use crate::{ExposeSecret, SecretString};

const ID_BYTES: usize = 8;
const SECRET_BYTES: usize = 32;
const MAX_PREFIX_LEN: usize = 32;

/// The visible start of every key an application issues, such as `sk_live_`.
///
/// Two to 32 characters of ASCII letters, digits and `_`, ending with `_`, so the prefix is a
/// whole word when the key is double-clicked and is clearly separate from the random part.
///
/// ```
/// use secure::auth::api_key::ApiKeyPrefix;
///
/// assert_eq!(ApiKeyPrefix::new("pk_test_")?.as_str(), "pk_test_");
/// assert!(ApiKeyPrefix::new("sk-live").is_err());
/// # Ok::<(), secure::auth::api_key::ApiKeyError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiKeyPrefix(String);

impl ApiKeyPrefix {
    /// Checks and wraps `prefix`.
    pub fn new(prefix: &str) -> Result<Self, ApiKeyError> {
        let allowed = prefix
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_');
        let valid =
            allowed && (2..=MAX_PREFIX_LEN).contains(&prefix.len()) && prefix.ends_with('_');
        if !valid {
            return Err(ApiKeyError::InvalidPrefix);
        }

        Ok(ApiKeyPrefix(prefix.to_owned()))
    }

    /// The prefix text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The public identifier inside a key, for finding its stored record.
///
/// Not a secret: it may be logged and shown. Printed as 16 lowercase hex digits.
///
/// ```
/// use secure::auth::api_key::ApiKeyId;
///
/// let id: ApiKeyId = "00112233445566ff".parse()?;
/// assert_eq!(id.to_string(), "00112233445566ff");
/// # Ok::<(), secure::auth::api_key::ApiKeyError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ApiKeyId([u8; ID_BYTES]);

impl ApiKeyId {
    /// The id's bytes.
    pub fn as_bytes(&self) -> &[u8; ID_BYTES] {
        &self.0
    }
}

impl fmt::Display for ApiKeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&base16ct::lower::encode_string(&self.0))
    }
}

impl core::str::FromStr for ApiKeyId {
    type Err = ApiKeyError;

    fn from_str(hex: &str) -> Result<Self, Self::Err> {
        decode_hex(hex).map(ApiKeyId).ok_or(ApiKeyError::Malformed)
    }
}

/// A whole API key, freshly generated or presented by a client.
///
/// The text is held as a [`SecretString`]; `Debug` and `Display` show the prefix alone
/// (`sk_live_…`). Reading the text takes an explicit
/// [`expose_secret()`](ExposeSecret::expose_secret).
pub struct ApiKey {
    text: SecretString,
    prefix_len: usize,
    id: ApiKeyId,
}

impl ApiKey {
    /// A new key with `prefix`, a random id and 256 random bits from the OS random source.
    pub fn generate(prefix: &ApiKeyPrefix) -> Result<Self, ApiKeyError> {
        let id = ApiKeyId(random::bytes::<ID_BYTES>()?);
        let mut secret = random::bytes::<SECRET_BYTES>()?;

        let text = SecretString::init_with_mut(|text: &mut String| {
            text.reserve_exact(prefix.0.len() + 2 * ID_BYTES + 1 + 2 * SECRET_BYTES);
            text.push_str(&prefix.0);
            text.push_str(&base16ct::lower::encode_string(&id.0));
            text.push('_');
            let mut buffer = [0u8; 2 * SECRET_BYTES];
            if let Ok(hex) = base16ct::lower::encode_str(&secret, &mut buffer) {
                text.push_str(hex);
            }
            zeroize::Zeroize::zeroize(&mut buffer);
        });
        zeroize::Zeroize::zeroize(&mut secret);
        Ok(ApiKey {
            text,
            prefix_len: prefix.0.len(),
            id,
        })
    }

    /// Reads a key presented by a client, expecting `prefix`.
    ///
    /// Only the shape is checked here; [`ApiKeyHash::verify`] decides whether the key is
    /// genuine.
    pub fn parse(prefix: &ApiKeyPrefix, presented: SecretString) -> Result<Self, ApiKeyError> {
        let text = presented.expose_secret();
        let rest = text
            .strip_prefix(prefix.as_str())
            .ok_or(ApiKeyError::WrongPrefix)?;
        if rest.len() != 2 * ID_BYTES + 1 + 2 * SECRET_BYTES {
            return Err(ApiKeyError::Malformed);
        }

        // The length is in bytes: a character of several bytes may straddle the split.
        let (id, secret) = rest
            .split_at_checked(2 * ID_BYTES)
            .ok_or(ApiKeyError::Malformed)?;
        let id = decode_hex::<ID_BYTES>(id).ok_or(ApiKeyError::Malformed)?;
        let secret = secret.strip_prefix('_').ok_or(ApiKeyError::Malformed)?;
        if decode_hex::<SECRET_BYTES>(secret).is_none() {
            return Err(ApiKeyError::Malformed);
        }

        Ok(ApiKey {
            text: presented,
            prefix_len: prefix.0.len(),
            id: ApiKeyId(id),
        })
    }

    /// The key's public id, to look its record up.
    pub fn id(&self) -> ApiKeyId {
        self.id
    }

    /// The key's prefix.
    pub fn prefix(&self) -> &str {
        &self.text.expose_secret()[..self.prefix_len]
    }

    /// The digest to store for this key.
    pub fn hash(&self) -> ApiKeyHash {
        ApiKeyHash(Sha256::digest(self.text.expose_secret().as_bytes()).into())
    }
}

impl ExposeSecret<String> for ApiKey {
    fn expose_secret(&self) -> &String {
        self.text.expose_secret()
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKey(\"{self}\")")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}…", self.prefix())
    }
}

/// The SHA-256 digest of a key, the only form of it a server stores.
///
/// Stored as 64 lowercase hex digits ([`to_hex`](Self::to_hex), `serde`). `Debug` does not
/// show the digest, and `==` compares two digests in constant time, as
/// [`verify`](Self::verify) does.
///
/// ```
/// use secure::auth::api_key::{ApiKey, ApiKeyHash, ApiKeyPrefix};
///
/// let key = ApiKey::generate(&ApiKeyPrefix::new("sk_test_")?)?;
/// let stored = ApiKeyHash::from_hex(&key.hash().to_hex())?;
/// assert!(stored.verify(&key).is_ok());
/// assert_eq!(format!("{stored:?}"), "ApiKeyHash(sha256)");
/// # Ok::<(), secure::auth::api_key::ApiKeyError>(())
/// ```
#[derive(Clone)]
pub struct ApiKeyHash([u8; 32]);

impl PartialEq for ApiKeyHash {
    /// Compares in constant time: a digest looked up by something else than itself (an
    /// [`ApiKeyId`]) and compared with `==` leaks nothing of how much of it matched.
    fn eq(&self, other: &Self) -> bool {
        bool::from(self.0.ct_eq(&other.0))
    }
}

impl Eq for ApiKeyHash {}

impl ApiKeyHash {
    /// Whether `key` is the key this digest was made from, compared in constant time.
    pub fn verify(&self, key: &ApiKey) -> Result<(), ApiKeyError> {
        if bool::from(self.0.ct_eq(&key.hash().0)) {
            Ok(())
        } else {
            Err(ApiKeyError::Mismatch)
        }
    }

    /// The digest as 64 lowercase hex digits, to store.
    pub fn to_hex(&self) -> String {
        base16ct::lower::encode_string(&self.0)
    }

    /// Reads a stored digest.
    pub fn from_hex(hex: &str) -> Result<Self, ApiKeyError> {
        decode_hex(hex)
            .map(ApiKeyHash)
            .ok_or(ApiKeyError::Malformed)
    }

    /// The digest's bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// A digest from its bytes, as stored in a binary column.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        ApiKeyHash(bytes)
    }
}

impl fmt::Debug for ApiKeyHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKeyHash(sha256)")
    }
}

impl Serialize for ApiKeyHash {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for ApiKeyHash {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let hex = String::deserialize(deserializer)?;
        ApiKeyHash::from_hex(&hex).map_err(serde::de::Error::custom)
    }
}

fn decode_hex<const N: usize>(hex: &str) -> Option<[u8; N]> {
    let mut bytes = [0u8; N];
    match base16ct::lower::decode(hex, &mut bytes) {
        Ok(decoded) if decoded.len() == N => Some(bytes),
        _ => None,
    }
}

/// Why a key could not be issued, read or verified. Never carries the key.
///
/// ```
/// use secure::auth::api_key::ApiKeyError;
///
/// assert_eq!(ApiKeyError::Mismatch.to_string(), "the API key is not valid");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ApiKeyError {
    /// The key does not match the stored digest.
    Mismatch,
    /// The key does not start with the expected prefix.
    WrongPrefix,
    /// The key, id or digest does not have the expected length and alphabet.
    Malformed,
    /// A prefix that is not 2 to 32 of `[A-Za-z0-9_]` ending with `_`.
    InvalidPrefix,
    /// The OS random source failed, so no key was made.
    Random(RandomUnavailable),
}

impl fmt::Display for ApiKeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiKeyError::Mismatch => f.write_str("the API key is not valid"),
            ApiKeyError::WrongPrefix => {
                f.write_str("the API key does not have the expected prefix")
            }
            ApiKeyError::Malformed => f.write_str("the API key is not in the expected format"),
            ApiKeyError::InvalidPrefix => f.write_str(
                "an API key prefix must be 2 to 32 ASCII letters, digits or `_`, ending with `_`",
            ),
            ApiKeyError::Random(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for ApiKeyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ApiKeyError::Random(error) => Some(error),
            _ => None,
        }
    }
}

impl From<RandomUnavailable> for ApiKeyError {
    fn from(error: RandomUnavailable) -> Self {
        ApiKeyError::Random(error)
    }
}
