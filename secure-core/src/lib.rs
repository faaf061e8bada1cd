//! Runtime of the [`secure`](https://docs.rs/secure) crate.
//!
//! Depend on `secure` rather than on this crate: the macros emit paths through the facade,
//! and the facade is where the documentation and the tour live. This crate holds what runs:
//! the taint wrappers, the rule functions the derive calls, secrets, authorization proofs and
//! the sinks.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod audit;
#[cfg(feature = "auth")]
pub mod auth;
pub mod authz;
#[cfg(feature = "axum")]
pub mod axum;
#[cfg(feature = "crypto")]
pub mod crypto;
pub mod encode;
#[cfg(feature = "http")]
pub mod http;
pub mod redact;
pub mod sanitized;
pub mod secret;
pub mod sink;
pub mod unchecked;
pub mod untrusted;
#[cfg(feature = "upload")]
pub mod upload;
pub mod validate;

#[cfg(any(feature = "auth", feature = "http"))]
mod random;

#[doc(hidden)]
pub mod __private;

pub use authz::{Authorized, Forbidden, Principal, Subject};
pub use sanitized::Sanitized;
pub use secret::{ExposeSecret, ExposeSecretMut, Secret, SecretString};
pub use untrusted::Untrusted;
pub use validate::{Validate, ValidationError, ValidationErrors};
