//! Blind indexes: equality lookups on encrypted columns.

use core::fmt;

use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::Sha256;
use unicode_normalization::UnicodeNormalization;

use crate::secret::load::{DecodeError, decode_key};
use crate::secret::{ExposeSecret, Secret, SecretString};

use super::CryptoError;
use super::key::random_key;

/// Domain separation, so that an index never equals another HMAC made with the same key.
const LABEL: &[u8] = b"secure/blind-index/v1";

/// The key of a [`BlindIndex`], held as a [`Secret`]. Keep it apart from the encryption
/// keys: it has its own type so the two cannot be swapped.
pub struct IndexKey(Secret<[u8; 32]>);

impl IndexKey {
    /// A new random key from the operating system's generator.
    pub fn generate() -> Result<IndexKey, CryptoError> {
        random_key().map(IndexKey)
    }

    /// A key from its bytes.
    pub fn from_bytes(bytes: Secret<[u8; 32]>) -> IndexKey {
        IndexKey(bytes)
    }

    /// A key from 64 hexadecimal digits or padded standard base64.
    pub fn decode(text: &SecretString) -> Result<IndexKey, DecodeError> {
        decode_key::<32>(text).map(IndexKey)
    }
}

impl fmt::Debug for IndexKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("IndexKey([REDACTED])")
    }
}

/// How a value is normalized before it is indexed, so that lookups match what users
/// consider equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Normalization {
    /// Unicode NFC only: `"é"` written with one code point or two is one value.
    Exact,
    /// NFC, surrounding whitespace removed, then lowercase (`str::to_lowercase`): for email
    /// addresses and user names.
    CaseInsensitive,
}

/// A keyed HMAC-SHA256 of a normalized value, stored beside an encrypted column so that the
/// column can be searched for equality without decrypting it.
///
/// The column name is part of the input, so one value gets unrelated indexes in two
/// columns.
///
/// ```
/// use secure::crypto::{BlindIndex, IndexKey, Normalization};
///
/// let index = BlindIndex::new(IndexKey::generate()?, Normalization::CaseInsensitive);
/// let stored = index.compute("users.email", "Ada@Example.com");
/// assert_eq!(stored, index.compute("users.email", " ada@example.com"));
/// assert_ne!(stored, index.compute("users.backup_email", "ada@example.com"));
/// assert_eq!(stored.as_str().len(), 64);
/// # Ok::<(), secure::crypto::CryptoError>(())
/// ```
///
/// # What is not guaranteed
///
/// A blind index reveals equality: anyone who reads the column sees which rows share a
/// value and how often each value occurs, which can identify values of low variety (a
/// country, a birth year). Anyone holding the index key can test guesses. Do not index
/// columns whose values are few; keep the index key as secret as the encryption keys.
pub struct BlindIndex {
    key: IndexKey,
    normalization: Normalization,
}

impl BlindIndex {
    /// An index under `key`, normalizing values as `normalization` says.
    pub fn new(key: IndexKey, normalization: Normalization) -> BlindIndex {
        BlindIndex { key, normalization }
    }

    /// The index of `value` in `column`.
    pub fn compute(&self, column: &str, value: &str) -> IndexValue {
        let normalized = normalize(value, self.normalization);
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(self.key.0.expose_secret())
            .expect("HMAC takes keys of any length");
        for part in [LABEL, column.as_bytes(), normalized.as_bytes()] {
            let len = u32::try_from(part.len()).unwrap_or(u32::MAX);
            mac.update(&len.to_be_bytes());
            mac.update(part);
        }
        IndexValue(base16ct::lower::encode_string(&mac.finalize().into_bytes()))
    }
}

fn normalize(value: &str, normalization: Normalization) -> String {
    match normalization {
        Normalization::Exact => value.nfc().collect(),
        Normalization::CaseInsensitive => value.trim().nfc().collect::<String>().to_lowercase(),
    }
}

impl fmt::Debug for BlindIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BlindIndex")
            .field("key", &self.key)
            .field("normalization", &self.normalization)
            .finish()
    }
}

/// A blind index: 64 lowercase hexadecimal digits, stored and compared as text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct IndexValue(String);

impl IndexValue {
    /// Reads a stored index: 64 lowercase hexadecimal digits, or `None`.
    pub fn parse(text: &str) -> Option<IndexValue> {
        let valid =
            text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        valid.then(|| IndexValue(text.to_owned()))
    }

    /// The index as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for IndexValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for IndexValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for IndexValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        IndexValue::parse(&text).ok_or_else(|| {
            serde::de::Error::custom("not a blind index (64 lowercase hexadecimal digits)")
        })
    }
}
