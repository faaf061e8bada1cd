//! [`Encrypted<T>`] and the envelope it is stored as.

use core::fmt;
use core::marker::PhantomData;

use base64ct::{Base64UrlUnpadded, Encoding};
use chacha20poly1305::aead::AeadInOut;
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use zeroize::{Zeroize, Zeroizing};

use crate::redact::{REDACTED, SerializeRedacted};
use crate::secret::Secret;

use super::{CryptoError, Key, KeyId, Keyring};

/// The prefix of every envelope of the current version.
const PREFIX: &str = "enc:v1:";
/// The prefix shared by every version.
const ANY_VERSION: &str = "enc:v";
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
/// Domain separation of the associated data, so no other protocol's bytes can collide.
const AAD_LABEL: &[u8] = b"secure/encrypted/v1";

/// Where a value is stored: the column (or field) and the id of its record.
///
/// Both are authenticated with the ciphertext, so an envelope copied to another row or
/// another column no longer decrypts. The record id must be known when the value is
/// encrypted: generate ids in the application (a UUID), or insert the row and then write the
/// encrypted columns.
///
/// ```
/// use secure::crypto::Context;
///
/// let context = Context::new("users.email", 42);
/// assert_eq!(context.column(), "users.email");
/// assert_eq!(context.record(), "42");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Context {
    column: String,
    record: String,
}

impl Context {
    /// The context of the value in `column` of the record `record`.
    pub fn new(column: &str, record: impl fmt::Display) -> Context {
        Context {
            column: column.to_owned(),
            record: record.to_string(),
        }
    }

    /// The column, as given.
    pub fn column(&self) -> &str {
        &self.column
    }

    /// The record id, as text.
    pub fn record(&self) -> &str {
        &self.record
    }

    /// The associated data: each part length-prefixed, so that no two different contexts
    /// (or key ids) give the same bytes.
    fn associated_data(&self, key_id: &KeyId) -> Vec<u8> {
        let mut aad = Vec::with_capacity(64);
        for part in [
            AAD_LABEL,
            key_id.as_str().as_bytes(),
            self.column.as_bytes(),
            self.record.as_bytes(),
        ] {
            let len = u32::try_from(part.len()).unwrap_or(u32::MAX);
            aad.extend_from_slice(&len.to_be_bytes());
            aad.extend_from_slice(part);
        }
        aad
    }
}

/// A type whose values can be stored in an [`Encrypted`] column.
///
/// The value is encrypted as its JSON and comes back from [`Encrypted::decrypt`] as a
/// [`Secret`], which zeroizes it when dropped, hence the supertraits. Implemented for text,
/// bytes, numbers and `Option`s of them; implement it on your own types (`Zeroize` can
/// also be derived, with a direct dependency on the `zeroize` crate):
///
/// ```
/// use secure::crypto::Plaintext;
/// use secure::secret::Zeroize;
///
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct Address {
///     street: String,
///     city: String,
/// }
///
/// impl Zeroize for Address {
///     fn zeroize(&mut self) {
///         self.street.zeroize();
///         self.city.zeroize();
///     }
/// }
///
/// impl Plaintext for Address {}
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be stored in an `Encrypted` column",
    label = "`{Self}` does not implement `secure::crypto::Plaintext`",
    note = "implement `serde::Serialize`, `serde::Deserialize` and `secure::secret::Zeroize` for the type, then write `impl secure::crypto::Plaintext for {Self} {{}}`: decryption returns a `Secret`, which zeroizes the value"
)]
pub trait Plaintext: Serialize + DeserializeOwned + Zeroize {}

macro_rules! plaintext {
    ($($ty:ty),*) => {$(
        impl Plaintext for $ty {}
    )*};
}

plaintext!(
    String,
    Vec<u8>,
    bool,
    char,
    u8,
    u16,
    u32,
    u64,
    u128,
    usize,
    i8,
    i16,
    i32,
    i64,
    i128,
    isize
);

impl<T: Plaintext> Plaintext for Option<T> {}

/// A value of type `T` stored as authenticated ciphertext: the field type of a sensitive
/// column.
///
/// The value is serialized to JSON, encrypted with XChaCha20-Poly1305 under the keyring's
/// active key and a random 192-bit nonce from the operating system, and authenticated
/// together with the key id and the [`Context`] (column and record id). It is stored as a
/// versioned text envelope, `enc:v1:<key id>:<base64url of nonce, ciphertext and tag>`,
/// which is what `Serialize` writes, `Deserialize` reads, and the `sqlite` feature binds.
/// The plaintext is reachable only through [`decrypt`](Encrypted::decrypt), which returns a
/// [`Secret`].
///
/// ```
/// use secure::crypto::{Context, Encrypted, Key, KeyId, Keyring};
/// use secure::prelude::*;
///
/// let keyring = Keyring::new(KeyId::new("k1")?, Key::generate()?);
/// let context = Context::new("patients.diagnosis", 7);
///
/// let stored = Encrypted::encrypt(&String::from("J45.9"), &keyring, &context)?;
/// assert!(serde_json::to_string(&stored).unwrap().starts_with("\"enc:v1:k1:"));
/// assert_eq!(stored.decrypt(&keyring, &context)?.expose_secret(), "J45.9");
///
/// // The same envelope in another row does not decrypt.
/// let other_row = Context::new("patients.diagnosis", 8);
/// assert!(stored.decrypt(&keyring, &other_row).is_err());
/// # Ok::<(), secure::crypto::CryptoError>(())
/// ```
///
/// # What is not guaranteed
///
/// - Length: the ciphertext is as long as the JSON of the value plus 40 bytes, so the length
///   of the value shows. Pad values whose length matters.
/// - Nonces are random, which is safe with XChaCha20's 192-bit nonces for any realistic
///   number of values per key. It relies on the operating system's generator: a generator
///   that repeats (a virtual machine restored from a snapshot before it reseeds) would reuse
///   a nonce, and XChaCha20-Poly1305 is not resistant to nonce reuse.
/// - Freshness: an older envelope of the same record and column (a backup) still
///   decrypts. Put a version in the record id if replaying old values matters.
/// - Plaintext copies: the JSON buffers are zeroized, but a `T` the caller holds, or copies
///   a serializer makes while growing its buffer, are not.
pub struct Encrypted<T> {
    key_id: KeyId,
    /// The nonce, then the ciphertext with its tag.
    sealed: Vec<u8>,
    value: PhantomData<fn() -> T>,
}

impl<T: Plaintext> Encrypted<T> {
    /// Encrypts `value` under the keyring's active key, for the place `context` names.
    pub fn encrypt(
        value: &T,
        keyring: &Keyring,
        context: &Context,
    ) -> Result<Encrypted<T>, CryptoError> {
        let plaintext =
            Zeroizing::new(serde_json::to_vec(value).map_err(|_| CryptoError::Encoding)?);
        let (key_id, key) = keyring.active_key();
        seal(key_id, key, &plaintext, context)
    }
}

impl<T> Encrypted<T> {
    /// Decrypts the value with the key its envelope names, for the place `context` names.
    pub fn decrypt(&self, keyring: &Keyring, context: &Context) -> Result<Secret<T>, CryptoError>
    where
        T: Plaintext,
    {
        let plaintext = self.open(keyring, context)?;
        serde_json::from_slice::<T>(&plaintext)
            .map(Secret::new)
            .map_err(|_| CryptoError::Encoding)
    }

    /// The id of the key the value is encrypted under.
    pub fn key_id(&self) -> &KeyId {
        &self.key_id
    }

    /// Whether the value is under another key than the keyring's active one.
    pub fn needs_reencryption(&self, keyring: &Keyring) -> bool {
        &self.key_id != keyring.active()
    }

    /// The same value encrypted under the keyring's active key, with a fresh nonce. The
    /// plaintext never leaves this call.
    ///
    /// ```
    /// use secure::crypto::{Context, Encrypted, Key, KeyId, Keyring};
    ///
    /// let mut keyring = Keyring::new(KeyId::new("k1")?, Key::generate()?);
    /// let context = Context::new("users.phone", "u-1");
    /// let old = Encrypted::encrypt(&String::from("+1 555 0100"), &keyring, &context)?;
    ///
    /// keyring.insert(KeyId::new("k2")?, Key::generate()?)?;
    /// keyring.activate("k2")?;
    /// assert!(old.needs_reencryption(&keyring));
    /// let new = old.reencrypt(&keyring, &context)?;
    /// assert_eq!(new.key_id(), "k2");
    /// # Ok::<(), secure::crypto::CryptoError>(())
    /// ```
    pub fn reencrypt(&self, keyring: &Keyring, context: &Context) -> Result<Self, CryptoError> {
        let plaintext = self.open(keyring, context)?;
        let (key_id, key) = keyring.active_key();
        seal(key_id, key, &plaintext, context)
    }

    /// The envelope, as stored.
    pub fn to_envelope(&self) -> String {
        let payload = Base64UrlUnpadded::encode_string(&self.sealed);
        format!("{PREFIX}{}:{payload}", self.key_id)
    }

    /// Reads an envelope. Only its shape is checked here; authenticity is checked by
    /// [`decrypt`](Encrypted::decrypt).
    pub fn from_envelope(envelope: &str) -> Result<Encrypted<T>, CryptoError> {
        let Some(rest) = envelope.strip_prefix(PREFIX) else {
            return match envelope.starts_with(ANY_VERSION) {
                true => Err(CryptoError::UnsupportedVersion),
                false => Err(CryptoError::Malformed),
            };
        };
        let (key_id, payload) = rest.split_once(':').ok_or(CryptoError::Malformed)?;
        let key_id = KeyId::new(key_id).map_err(|_| CryptoError::Malformed)?;
        let sealed = Base64UrlUnpadded::decode_vec(payload).map_err(|_| CryptoError::Malformed)?;
        if sealed.len() < NONCE_LEN + TAG_LEN {
            return Err(CryptoError::Malformed);
        }
        Ok(Encrypted {
            key_id,
            sealed,
            value: PhantomData,
        })
    }

    /// The plaintext bytes, in a buffer zeroized on drop.
    fn open(
        &self,
        keyring: &Keyring,
        context: &Context,
    ) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
        let key = keyring.get(&self.key_id)?;
        let cipher = cipher(key);
        let (nonce, ciphertext) = self.sealed.split_at(NONCE_LEN);
        let nonce = XNonce::try_from(nonce).map_err(|_| CryptoError::Malformed)?;
        let mut buffer = Zeroizing::new(ciphertext.to_vec());
        let aad = context.associated_data(&self.key_id);
        cipher
            .decrypt_in_place(&nonce, &aad, &mut *buffer)
            .map_err(|_| CryptoError::Authentication {
                key_id: self.key_id.clone(),
            })?;
        Ok(buffer)
    }
}

fn seal<T>(
    key_id: &KeyId,
    key: &Key,
    plaintext: &[u8],
    context: &Context,
) -> Result<Encrypted<T>, CryptoError> {
    let cipher = cipher(key);
    let mut nonce = [0; NONCE_LEN];
    getrandom::fill(&mut nonce).map_err(|_| CryptoError::Random)?;
    let mut body = Zeroizing::new(Vec::with_capacity(plaintext.len() + TAG_LEN));
    body.extend_from_slice(plaintext);

    let aad = context.associated_data(key_id);
    cipher
        .encrypt_in_place(&XNonce::from(nonce), &aad, &mut *body)
        .map_err(|_| CryptoError::Encoding)?;

    let mut sealed = Vec::with_capacity(NONCE_LEN + body.len());
    sealed.extend_from_slice(&nonce);
    sealed.extend_from_slice(&body);
    Ok(Encrypted {
        key_id: key_id.clone(),
        sealed,
        value: PhantomData,
    })
}

fn cipher(key: &Key) -> XChaCha20Poly1305 {
    XChaCha20Poly1305::new(&(*key.bytes()).into())
}

impl<T> Clone for Encrypted<T> {
    fn clone(&self) -> Self {
        Encrypted {
            key_id: self.key_id.clone(),
            sealed: self.sealed.clone(),
            value: PhantomData,
        }
    }
}

impl<T> PartialEq for Encrypted<T> {
    fn eq(&self, other: &Self) -> bool {
        self.key_id == other.key_id && self.sealed == other.sealed
    }
}

impl<T> Eq for Encrypted<T> {}

impl<T> fmt::Debug for Encrypted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Encrypted")
            .field("key_id", &self.key_id)
            .field("bytes", &self.sealed.len())
            .finish()
    }
}

impl<T> Serialize for Encrypted<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_envelope())
    }
}

impl<'de, T> Deserialize<'de> for Encrypted<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let envelope = String::deserialize(deserializer)?;
        Encrypted::from_envelope(&envelope).map_err(serde::de::Error::custom)
    }
}

/// In logs and audit records an encrypted value is `"[REDACTED]"`: its ciphertext would be
/// material for an attacker who obtains the key later, and useless to a reader.
impl<T> SerializeRedacted for Encrypted<T> {
    fn serialize_redacted<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(REDACTED)
    }
}
