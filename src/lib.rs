//! Types and macros that make insecure data flows compile errors.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub use secure_core::{
    ExposeSecret, ExposeSecretMut, Sanitized, Secret, SecretString, Untrusted, Validate,
    ValidationError, ValidationErrors,
};
pub use secure_core::{sanitized, secret, unchecked, untrusted, validate};

/// The derive macros: `#[derive(Validate)]`.
pub use secure_derive::Validate;

/// Everything a typical module needs: `use secure::prelude::*;`.
pub mod prelude {
    pub use crate::{
        ExposeSecret, ExposeSecretMut, Sanitized, Secret, SecretString, Untrusted, Validate,
        ValidationErrors,
    };
}

#[doc(hidden)]
pub mod __private {
    pub use secure_core::__private::*;
}
