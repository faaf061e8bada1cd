//! Field-level encryption: [`Encrypted<T>`] columns, a [`Keyring`] that rotates, and
//! [`BlindIndex`]es for equality lookups.
//!
//! A sensitive column holds an [`Encrypted<T>`] instead of a `T`. It is encrypted under the
//! keyring's active key and bound to its column and record id, so a database dump shows
//! envelopes, and an envelope copied to another row does not decrypt there. The plaintext
//! comes back only through [`Encrypted::decrypt`], as a [`Secret`](crate::Secret).
//!
//! ```
//! use secure::crypto::{BlindIndex, Context, Encrypted, IndexKey, Key, KeyId, Keyring, Normalization};
//! use secure::prelude::*;
//!
//! #[derive(serde::Serialize, serde::Deserialize)]
//! struct Patient {
//!     id: u64,
//!     email: Encrypted<String>,
//!     email_index: secure::crypto::IndexValue,
//! }
//!
//! let keyring = Keyring::new(KeyId::new("2025-06")?, Key::generate()?);
//! let index = BlindIndex::new(IndexKey::generate()?, Normalization::CaseInsensitive);
//!
//! let email = "ada@example.com".to_owned();
//! let patient = Patient {
//!     id: 7,
//!     email: Encrypted::encrypt(&email, &keyring, &Context::new("patients.email", 7))?,
//!     email_index: index.compute("patients.email", &email),
//! };
//! let row = serde_json::to_string(&patient).unwrap();
//! assert!(!row.contains("ada@example.com"));
//!
//! // Look the row up by the index of what the user typed, then decrypt.
//! assert_eq!(patient.email_index, index.compute("patients.email", "Ada@Example.com"));
//! let email = patient.email.decrypt(&keyring, &Context::new("patients.email", patient.id))?;
//! assert_eq!(email.expose_secret(), "ada@example.com");
//! # Ok::<(), secure::crypto::CryptoError>(())
//! ```
//!
//! With the `sqlite` feature, [`Encrypted<T>`] and [`IndexValue`] implement rusqlite's
//! `ToSql` and `FromSql` (the envelope and the index are `TEXT`).
//!
//! # What is not guaranteed
//!
//! Encryption at this level protects data at rest from whoever reads the database without
//! the keys (a leaked backup, a read-only injection). It does not protect from code that
//! runs with the keyring. See [`Encrypted`] for lengths, nonces and replays, and
//! [`BlindIndex`] for what an index reveals.

mod blind_index;
mod encrypted;
mod error;
mod key;
#[cfg(feature = "sqlite")]
mod sqlite;

pub use blind_index::{BlindIndex, IndexKey, IndexValue, Normalization};
pub use encrypted::{Context, Encrypted, Plaintext};
pub use error::CryptoError;
pub use key::{Key, KeyId, Keyring};
