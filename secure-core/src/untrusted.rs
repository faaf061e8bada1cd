//! [`Untrusted<T>`]: data from outside, readable only by validation.

use core::fmt;

use serde::{Deserialize, Deserializer};

use crate::sanitized::Sanitized;
use crate::validate::{Location, Validate, ValidationErrors};

/// A value that came from outside the program and has not been validated.
///
/// Deserialize request bodies, query strings and files into `Untrusted<T>`. The wrapped
/// value cannot be read: there is no `Deref`, `AsRef`, `Display` or `Serialize`, and `Debug`
/// prints only the type. The one way in is [`validate`](Untrusted::validate), which runs
/// `T`'s sanitizers and rules and returns a [`Sanitized<T>`] proof.
///
/// ```
/// use secure::prelude::*;
///
/// #[derive(Validate, serde::Deserialize)]
/// struct Comment {
///     #[validate(sanitize(trim), length(1..=500))]
///     body: String,
/// }
///
/// let input: Untrusted<Comment> = serde_json::from_str(r#"{"body": "  hello  "}"#).unwrap();
/// let comment = input.validate().unwrap();
/// assert_eq!(comment.body, "hello");
/// ```
///
/// Reading the raw value without validating it is possible only through
/// [`unchecked::untrusted_into_inner`](crate::unchecked::untrusted_into_inner), which is
/// meant for tests and migrations and is easy to find in review.
#[repr(transparent)]
pub struct Untrusted<T>(T);

impl<T> Untrusted<T> {
    /// Wraps a value that came from outside.
    pub const fn new(value: T) -> Self {
        Untrusted(value)
    }

    pub(crate) fn into_inner(self) -> T {
        self.0
    }
}

impl<T: Validate> Untrusted<T> {
    /// Runs the sanitizers of `T`, then every rule, and returns the sanitized value or every
    /// failure found.
    ///
    /// The errors name the failing fields as the client sent them and never contain the
    /// rejected values.
    pub fn validate(self) -> Result<Sanitized<T>, ValidationErrors> {
        let mut value = self.0;
        value.sanitize();

        let mut errors = ValidationErrors::new();
        value.check(&Location::root(), &mut errors);
        if errors.is_empty() {
            Ok(crate::sanitized::proof(value))
        } else {
            Err(errors)
        }
    }
}

impl<T> From<T> for Untrusted<T> {
    fn from(value: T) -> Self {
        Untrusted(value)
    }
}

impl<T: Clone> Clone for Untrusted<T> {
    fn clone(&self) -> Self {
        Untrusted(self.0.clone())
    }
}

impl<T> fmt::Debug for Untrusted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Untrusted(..)")
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Untrusted<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Untrusted)
    }
}
