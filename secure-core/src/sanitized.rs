//! [`Sanitized<T>`]: the proof that a value passed validation.

use core::fmt;
use core::ops::Deref;

use serde::{Serialize, Serializer};

/// A value that went through its sanitizers and passed every rule.
///
/// The only constructor is [`Untrusted::validate`](crate::Untrusted::validate), so a function
/// that takes a `Sanitized<T>` is proven to receive checked data. It reads like `T` through
/// `Deref` but cannot be edited in place (no `DerefMut`): edit the inner value with
/// [`into_inner`](Sanitized::into_inner) and the result is plain `T` again.
///
/// ```
/// use secure::prelude::*;
///
/// #[derive(Validate)]
/// struct Username(#[validate(length(3..=32), alphanumeric)] String);
///
/// fn greet(name: &Sanitized<Username>) -> String {
///     format!("hello, {}", name.0)
/// }
///
/// let name = Untrusted::new(Username("ada".into())).validate().unwrap();
/// assert_eq!(greet(&name), "hello, ada");
/// ```
///
/// What is *not* guaranteed: a hand-written [`Validate`](crate::Validate) impl proves only
/// what it checks, and [`unchecked::sanitized`](crate::unchecked::sanitized) builds a proof
/// without checking anything.
#[repr(transparent)]
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sanitized<T>(T);

/// Wraps a value that passed validation. A free function rather than an associated one, so
/// that the compiler never suggests it to code outside this crate.
pub(crate) const fn proof<T>(value: T) -> Sanitized<T> {
    Sanitized(value)
}

impl<T> Sanitized<T> {
    /// Gives up the proof and returns the value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for Sanitized<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> AsRef<T> for Sanitized<T> {
    fn as_ref(&self) -> &T {
        &self.0
    }
}

impl<T: fmt::Debug> fmt::Debug for Sanitized<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Sanitized").field(&self.0).finish()
    }
}

impl<T: fmt::Display> fmt::Display for Sanitized<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: Serialize> Serialize for Sanitized<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}
