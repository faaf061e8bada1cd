//! Credentials: password hashing, JWT verification, API keys and sessions.
//!
//! Enabled by the `auth` feature of `secure`. Each module wraps an established crate
//! ([`argon2`], [`jsonwebtoken`], [`getrandom`], [`sha2`]) so that the secure choice is the
//! default one and the insecure ones are not offered at all:
//!
//! - [`password`]: Argon2id with parameters at or above the OWASP recommendation, a length
//!   limit checked before hashing, rehash detection, and a verification path that takes as
//!   long for an unknown user as for a known one.
//! - [`jwt`]: a verifier whose algorithm and key are fixed when it is built, whose audience and
//!   issuer are required by its type, and which always requires `exp`.
//! - [`api_key`]: keys drawn from the OS random source with a visible prefix, stored as a
//!   SHA-256 digest only, compared in constant time.
//! - [`session`]: 256-bit session ids that rotate on login and on every privilege change,
//!   with idle and absolute timeouts and a pluggable [`SessionStore`](session::SessionStore).
//!
//! Passwords, keys, tokens and session ids are held as [`Secret`](crate::Secret)s or in types
//! whose `Debug` does not show them, and no error of this module carries one.
//!
//! ```
//! use secure::auth::password::PasswordHasher;
//! use secure::prelude::*;
//!
//! let hasher = PasswordHasher::new();
//! let password: SecretString = Secret::from("correct horse battery staple");
//! let stored = hasher.hash(&password)?;
//!
//! assert!(hasher.verify(&stored, &password).is_ok());
//! assert!(!hasher.needs_rehash(&stored));
//! # Ok::<(), secure::auth::password::PasswordError>(())
//! ```

pub mod api_key;
mod clock;
pub mod jwt;
pub mod password;
pub mod session;

pub use crate::random::RandomUnavailable;
pub use clock::{Clock, ManualClock, SystemClock};
