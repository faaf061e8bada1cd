//! [`CryptoError`]: every way encryption, decryption or a keyring can fail.

use core::fmt;

use crate::secret::load::{DecodeError, LoadError};

use super::KeyId;

/// Why a value could not be encrypted or decrypted, or a keyring could not be built.
///
/// No variant carries plaintext, key material or ciphertext: only key ids (which are chosen
/// to be printable), positions and counts. Showing one in a log or a response is safe.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CryptoError {
    /// The envelope names a key the keyring does not hold: a key removed too early, or a
    /// value written by another deployment.
    UnknownKey {
        /// The id named by the envelope.
        key_id: KeyId,
    },
    /// The ciphertext does not authenticate: a wrong key under the right id, an altered
    /// envelope, or a value moved to another row or column. These cannot be told apart, by
    /// design of authenticated encryption.
    Authentication {
        /// The id named by the envelope.
        key_id: KeyId,
    },
    /// The text is not an envelope this crate writes.
    Malformed,
    /// The envelope has a version this crate does not know.
    UnsupportedVersion,
    /// The value could not be turned into bytes, or the decrypted bytes are not a value of
    /// the expected type.
    Encoding,
    /// The operating system's random number generator failed.
    Random,
    /// A key id is empty, longer than 32 characters, or uses characters other than ASCII
    /// letters, digits, `_` and `-`.
    InvalidKeyId,
    /// Two keys of one keyring share an id.
    DuplicateKey {
        /// The id given twice.
        key_id: KeyId,
    },
    /// An entry of a keyring text is not `id:key`, counting from 1.
    KeyringFormat {
        /// The position of the entry.
        entry: usize,
    },
    /// A key of a keyring text does not decode, counting entries from 1.
    KeyDecoding {
        /// The position of the entry.
        entry: usize,
        /// Why it does not decode.
        error: DecodeError,
    },
    /// The keyring text could not be loaded.
    Load(LoadError),
}

impl fmt::Display for CryptoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CryptoError::UnknownKey { key_id } => write!(f, "no key `{key_id}` in the keyring"),
            CryptoError::Authentication { key_id } => write!(
                f,
                "the value does not authenticate under key `{key_id}` for this record and column: wrong key, altered envelope, or moved from another row or column"
            ),
            CryptoError::Malformed => f.write_str("not an encrypted envelope"),
            CryptoError::UnsupportedVersion => f.write_str("unsupported envelope version"),
            CryptoError::Encoding => {
                f.write_str("the value does not encode, or does not decode to the expected type")
            }
            CryptoError::Random => f.write_str("the operating system's random generator failed"),
            CryptoError::InvalidKeyId => {
                f.write_str("a key id is 1 to 32 ASCII letters, digits, `_` or `-`")
            }
            CryptoError::DuplicateKey { key_id } => {
                write!(f, "the keyring already holds a key `{key_id}`")
            }
            CryptoError::KeyringFormat { entry } => {
                write!(f, "keyring entry {entry} is not `id:key`")
            }
            CryptoError::KeyDecoding { entry, error } => {
                write!(f, "keyring entry {entry}: {error}")
            }
            CryptoError::Load(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for CryptoError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CryptoError::KeyDecoding { error, .. } => Some(error),
            CryptoError::Load(error) => Some(error),
            _ => None,
        }
    }
}

impl From<LoadError> for CryptoError {
    fn from(error: LoadError) -> Self {
        CryptoError::Load(error)
    }
}
