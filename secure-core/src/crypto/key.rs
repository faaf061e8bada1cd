//! Keys, key ids and the [`Keyring`].

use core::fmt;
use std::collections::BTreeMap;

use crate::secret::load::{self, decode_key};
use crate::secret::{ExposeSecret, Secret, SecretString};

use super::CryptoError;

/// The printable name of a key, written in every envelope: 1 to 32 ASCII letters, digits,
/// `_` or `-` (such as `2025-06` or `k7`).
///
/// ```
/// use secure::crypto::KeyId;
///
/// assert_eq!(KeyId::new("2025-06").unwrap().as_str(), "2025-06");
/// assert!(KeyId::new("a:b").is_err());
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KeyId(String);

impl KeyId {
    /// Checks and wraps `id`.
    pub fn new(id: &str) -> Result<KeyId, CryptoError> {
        let valid = (1..=32).contains(&id.len())
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        match valid {
            true => Ok(KeyId(id.to_owned())),
            false => Err(CryptoError::InvalidKeyId),
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl PartialEq<str> for KeyId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for KeyId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// 32 random bytes from the operating system.
pub(crate) fn random_key() -> Result<Secret<[u8; 32]>, CryptoError> {
    let mut key = Secret::new([0; 32]);
    getrandom::fill(secrecy::ExposeSecretMut::expose_secret_mut(&mut key))
        .map_err(|_| CryptoError::Random)?;
    Ok(key)
}

/// A 256-bit encryption key, held as a [`Secret`]: `Debug` shows `Key([REDACTED])`, and the
/// bytes are zeroized on drop.
///
/// ```
/// use secure::crypto::Key;
/// use secure::prelude::*;
///
/// let key = Key::generate().unwrap();
/// assert_eq!(format!("{key:?}"), "Key([REDACTED])");
/// let loaded = Key::decode(&Secret::new("8c1f4e97a20b6d35c9e8f17a4b02d6e3".repeat(2))).unwrap();
/// # drop((key, loaded));
/// ```
pub struct Key(Secret<[u8; 32]>);

impl Key {
    /// A new random key from the operating system's generator.
    pub fn generate() -> Result<Key, CryptoError> {
        random_key().map(Key)
    }

    /// A key from its bytes.
    pub fn from_bytes(bytes: Secret<[u8; 32]>) -> Key {
        Key(bytes)
    }

    /// A key from 64 hexadecimal digits or padded standard base64, as loaded by
    /// [`secret::load`](crate::secret::load).
    pub fn decode(text: &SecretString) -> Result<Key, load::DecodeError> {
        decode_key::<32>(text).map(Key)
    }

    pub(crate) fn bytes(&self) -> &[u8; 32] {
        self.0.expose_secret()
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key([REDACTED])")
    }
}

/// The keys that encrypt and decrypt [`Encrypted`](super::Encrypted) values: several keys by
/// id, one of them active.
///
/// New values are encrypted under the active key; any key of the ring decrypts the values
/// written under it. To rotate: add a new key and make it active, re-encrypt the stored
/// values ([`Encrypted::reencrypt`](super::Encrypted::reencrypt)) at your pace, and remove
/// the old key from the ring's source only once no value needs it.
///
/// ```
/// use secure::crypto::{Key, KeyId, Keyring};
///
/// let mut keyring = Keyring::new(KeyId::new("k1")?, Key::generate()?);
/// keyring.insert(KeyId::new("k2")?, Key::generate()?)?;
/// keyring.activate("k2")?;
/// assert_eq!(keyring.active(), "k2");
/// assert_eq!(format!("{keyring:?}"), r#"Keyring { active: "k2", keys: ["k1", "k2"] }"#);
/// # Ok::<(), secure::crypto::CryptoError>(())
/// ```
///
/// # Loading
///
/// [`Keyring::parse`] reads `id:key` entries separated by commas or line breaks, each key
/// in hexadecimal or padded base64; the first entry is the active key. So rotation is
/// prepending a new entry: `k2:<new key>,k1:<old key>`. [`Keyring::from_env_or_file`] loads
/// that text with [`secret::load::from_env_or_file`](crate::secret::load::from_env_or_file).
pub struct Keyring {
    active: KeyId,
    keys: BTreeMap<KeyId, Key>,
}

impl Keyring {
    /// A keyring of one key, which is active.
    pub fn new(id: KeyId, key: Key) -> Keyring {
        Keyring {
            active: id.clone(),
            keys: BTreeMap::from([(id, key)]),
        }
    }

    /// Adds a key, which does not become active. Ids are unique.
    pub fn insert(&mut self, id: KeyId, key: Key) -> Result<(), CryptoError> {
        if self.keys.contains_key(&id) {
            return Err(CryptoError::DuplicateKey { key_id: id });
        }
        self.keys.insert(id, key);
        Ok(())
    }

    /// Makes the key `id` the one new values are encrypted under.
    pub fn activate(&mut self, id: &str) -> Result<(), CryptoError> {
        let id = KeyId::new(id)?;
        if !self.keys.contains_key(&id) {
            return Err(CryptoError::UnknownKey { key_id: id });
        }
        self.active = id;
        Ok(())
    }

    /// The id of the active key.
    pub fn active(&self) -> &KeyId {
        &self.active
    }

    /// The ids of every key, in sorted order.
    pub fn ids(&self) -> impl Iterator<Item = &KeyId> {
        self.keys.keys()
    }

    /// Whether the ring holds a key `id`.
    pub fn contains(&self, id: &str) -> bool {
        self.keys.keys().any(|key_id| key_id == id)
    }

    /// Parses `id:key` entries, the first one active (see [Loading](#loading)).
    ///
    /// ```
    /// use secure::crypto::Keyring;
    /// use secure::prelude::*;
    ///
    /// let text = Secret::new(format!("k2:{},\nk1:{}\n", "5d2e8a0c7f4b19e6d3a2c8f05b7e914a".repeat(2), "3f9a61c2d84b07e5a1c6f02d9e4b7a58".repeat(2)));
    /// let keyring = Keyring::parse(&text).unwrap();
    /// assert_eq!(keyring.active(), "k2");
    /// assert!(keyring.contains("k1"));
    /// ```
    pub fn parse(text: &SecretString) -> Result<Keyring, CryptoError> {
        let mut entries = text
            .expose_secret()
            .split([',', '\n'])
            .map(|entry| entry.trim_end_matches('\r'))
            .filter(|entry| !entry.trim().is_empty())
            .enumerate()
            .map(|(index, entry)| parse_entry(index + 1, entry));
        let (id, key) = entries
            .next()
            .ok_or(CryptoError::KeyringFormat { entry: 1 })??;
        let mut keyring = Keyring::new(id, key);
        for entry in entries {
            let (id, key) = entry?;
            keyring.insert(id, key)?;
        }
        Ok(keyring)
    }

    /// Loads the keyring text from the variable `name` or the file named by `name_FILE`, and
    /// parses it.
    pub fn from_env_or_file(name: &str) -> Result<Keyring, CryptoError> {
        Keyring::parse(&load::from_env_or_file(name)?)
    }

    pub(crate) fn get(&self, id: &KeyId) -> Result<&Key, CryptoError> {
        self.keys
            .get(id)
            .ok_or_else(|| CryptoError::UnknownKey { key_id: id.clone() })
    }

    pub(crate) fn active_key(&self) -> (&KeyId, &Key) {
        let key = &self.keys[&self.active];
        (&self.active, key)
    }
}

fn parse_entry(entry: usize, text: &str) -> Result<(KeyId, Key), CryptoError> {
    let (id, key) = text
        .trim()
        .split_once(':')
        .ok_or(CryptoError::KeyringFormat { entry })?;
    let id = KeyId::new(id.trim()).map_err(|_| CryptoError::KeyringFormat { entry })?;
    let key = Key::decode(&Secret::new(key.trim().to_owned()))
        .map_err(|error| CryptoError::KeyDecoding { entry, error })?;
    Ok((id, key))
}

impl fmt::Debug for Keyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keyring")
            .field("active", &self.active)
            .field("keys", &self.keys.keys().collect::<Vec<_>>())
            .finish()
    }
}
