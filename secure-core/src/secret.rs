//! [`Secret<T>`]: a value that must not reach logs, responses or error messages.

use core::fmt;
use core::hash::{BuildHasher, Hash, Hasher};
use std::hash::RandomState;
use std::sync::LazyLock;

use secrecy::SecretBox;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use subtle::ConstantTimeEq;

pub mod load;

pub use secrecy::{ExposeSecret, ExposeSecretMut};
/// Re-exported so that secret types can implement it without a direct dependency. The derive
/// writes paths to `::zeroize`, so `#[derive(Zeroize)]` needs `zeroize` (feature `derive`)
/// among the crate's own dependencies; without it, implement `Zeroize` by hand, field by
/// field.
pub use zeroize::{Zeroize, ZeroizeOnDrop};

/// A password, token, key or any value that must stay out of every output channel.
///
/// Built on [`secrecy`] and [`zeroize`]: the value lives on the heap and is overwritten with
/// zeros when the `Secret` is dropped.
///
/// - **Reading** takes an explicit [`expose_secret()`](ExposeSecret::expose_secret), easy to
///   find in review. There is no `Deref`, `AsRef` or `Display`.
/// - **`Debug`** prints `Secret([REDACTED])`.
/// - **`Serialize`** exists only for types that opt in with [`SerializableSecret`];
///   [`Deserialize`] always works.
/// - **`Clone`** exists only for types that opt in with [`CloneableSecret`], so that copies of
///   a secret are deliberate.
/// - **Equality** compares in constant time ([`SecretEq`]); **`Hash`** feeds the hasher a
///   keyed digest rather than the value (see below).
/// - **Validation** rules that make sense on the inner value (`length`, `pattern`,
///   `must_match`, custom rules) check it without exposing it to anything else, and their
///   errors never carry it.
///
/// ```
/// use secure::prelude::*;
///
/// let password: SecretString = Secret::new(String::from("correct horse battery staple"));
/// assert_eq!(format!("{password:?}"), "Secret([REDACTED])");
/// assert_eq!(password.expose_secret().len(), 28);
/// ```
///
/// # `Hash`
///
/// Hashing the value itself would hand it to whatever [`Hasher`] the caller picked, some of
/// which are not keyed (`FxHasher`) and let timing or a printed hash reveal it. Instead the
/// value is first hashed with SipHash under a key drawn at random once per process, and only
/// that digest reaches the caller's hasher. Equal secrets still hash equally within a
/// process, so `Secret<T>` works as a `HashMap` key.
///
/// # What is not guaranteed
///
/// Copies made before the value was wrapped (a request buffer, a `String` that was cloned)
/// are not zeroized; nor is memory the value was moved out of when it was boxed, or a
/// deserializer's scratch buffer. Equality reveals, through timing, whether the lengths
/// differ. See the [`secrecy`] documentation for the details of its approach.
pub struct Secret<T: Zeroize>(SecretBox<T>);

/// A secret string, the common case for passwords and tokens.
pub type SecretString = Secret<String>;

impl<T: Zeroize> Secret<T> {
    /// Wraps `value`, moving it to the heap.
    pub fn new(value: T) -> Self {
        Secret(SecretBox::new(Box::new(value)))
    }
}

impl<T: Zeroize + Default> Secret<T> {
    /// Builds the value in place on the heap, so that no copy of it is left on the stack.
    pub fn init_with_mut(init: impl FnOnce(&mut T)) -> Self {
        Secret(SecretBox::init_with_mut(init))
    }
}

/// An empty secret, such as a blank [`SecretString`], for a field built before its value is
/// known.
///
/// ```
/// use secure::prelude::*;
///
/// let token = SecretString::default();
/// assert!(token.expose_secret().is_empty());
/// ```
impl<T: Zeroize + Default> Default for Secret<T> {
    fn default() -> Self {
        Secret::init_with_mut(|_| {})
    }
}

impl<T: Zeroize> ExposeSecret<T> for Secret<T> {
    fn expose_secret(&self) -> &T {
        self.0.expose_secret()
    }
}

impl<T: Zeroize> ExposeSecretMut<T> for Secret<T> {
    fn expose_secret_mut(&mut self) -> &mut T {
        self.0.expose_secret_mut()
    }
}

impl<T: Zeroize> From<T> for Secret<T> {
    fn from(value: T) -> Self {
        Secret::new(value)
    }
}

impl From<&str> for Secret<String> {
    fn from(value: &str) -> Self {
        Secret::new(String::from(value))
    }
}

impl<T: Zeroize> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([REDACTED])")
    }
}

/// Marks a secret type whose values may be copied with `Clone`.
///
/// Every copy is another `Secret` that zeroizes on drop. Implement it on your own newtype:
///
/// ```
/// use secure::secret::{CloneableSecret, Secret, Zeroize};
///
/// #[derive(Clone)]
/// struct SigningKey([u8; 32]);
///
/// impl Zeroize for SigningKey {
///     fn zeroize(&mut self) {
///         self.0.zeroize();
///     }
/// }
///
/// impl CloneableSecret for SigningKey {}
///
/// let key = Secret::new(SigningKey([7; 32]));
/// let copy = key.clone();
/// # drop((key, copy));
/// ```
#[diagnostic::on_unimplemented(
    message = "`Secret<{Self}>` cannot be cloned: copies of a secret must be deliberate",
    label = "`{Self}` does not implement `CloneableSecret`",
    note = "pass the secret by reference, or wrap the value in a newtype that implements `Clone + Zeroize + CloneableSecret`"
)]
pub trait CloneableSecret: Clone + Zeroize {}

impl<T: CloneableSecret> Clone for Secret<T> {
    fn clone(&self) -> Self {
        Secret::new(self.expose_secret().clone())
    }
}

impl<T: Zeroize> Secret<T> {
    /// Copies the secret into another `Secret`, as [`Clone`] does, for types that opt in with
    /// [`CloneableSecret`].
    ///
    /// It exists so that `secret.clone()` on a type that did not opt in is refused with the
    /// reason (`Secret<String>` cannot be cloned: copies of a secret must be deliberate)
    /// rather than with rustc's general "method exists but its trait bounds were not
    /// satisfied".
    ///
    /// ```
    /// use secure::secret::{CloneableSecret, Secret, Zeroize};
    ///
    /// #[derive(Clone)]
    /// struct SigningKey([u8; 32]);
    ///
    /// impl Zeroize for SigningKey {
    ///     fn zeroize(&mut self) {
    ///         self.0.zeroize();
    ///     }
    /// }
    ///
    /// impl CloneableSecret for SigningKey {}
    ///
    /// let key = Secret::new(SigningKey([7; 32]));
    /// let copy = key.clone();
    /// # drop((key, copy));
    /// ```
    #[allow(
        clippy::should_implement_trait,
        reason = "`Clone` is implemented too; this method carries the opt-in bound where rustc reports it"
    )]
    pub fn clone(&self) -> Self
    where
        T: CloneableSecret,
    {
        Clone::clone(self)
    }
}

/// Marks a secret type whose values may be serialized.
///
/// Without it, serializing a `Secret<T>` is a compile error, so a secret cannot slip into a
/// response body or a JSON log line by accident. Implement it only for types whose purpose is
/// to be sent somewhere, such as a token handed to its owner once.
///
/// ```
/// use secure::secret::{Secret, SerializableSecret, Zeroize};
///
/// #[derive(serde::Serialize)]
/// struct IssuedToken(String);
///
/// impl Zeroize for IssuedToken {
///     fn zeroize(&mut self) {
///         self.0.zeroize();
///     }
/// }
///
/// impl SerializableSecret for IssuedToken {}
///
/// let token = Secret::new(IssuedToken("t0k3n".into()));
/// assert_eq!(serde_json::to_string(&token).unwrap(), "\"t0k3n\"");
/// ```
///
/// For one field, `#[serde(serialize_with = "secure::unchecked::serialize_exposed")]` opts in
/// without a newtype.
#[diagnostic::on_unimplemented(
    message = "`Secret<{Self}>` cannot be serialized: secrets stay out of responses and logs",
    label = "`{Self}` does not implement `SerializableSecret`",
    note = "to log or audit the surrounding value, serialize `secure::redact::redacted(&value)`; to send the secret on purpose, opt in with `SerializableSecret` on a newtype or `#[serde(serialize_with = \"secure::unchecked::serialize_exposed\")]` on the field"
)]
pub trait SerializableSecret: Zeroize {}

/// Inside [`redacted`](crate::redact::redacted), the secret is written `"[REDACTED]"`
/// whatever the opt-in: serialization is allowed for responses, not for logs and audits.
impl<T: SerializableSecret + Serialize> Serialize for Secret<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::redact::serialize_opted_in(self.expose_secret(), serializer)
    }
}

/// Reads the secret with `T`'s own `Deserialize`. A failure is reported without `T`'s
/// message, which can quote the value (``invalid type: string "hunter2", expected u32``), as
/// ``invalid type: a secret field holds a value of another type``.
impl<'de, T: Zeroize + Deserialize<'de>> Deserialize<'de> for Secret<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Secret::new).map_err(|_| {
            serde::de::Error::custom("invalid type: a secret field holds a value of another type")
        })
    }
}

/// Equality for secrets that does not stop at the first differing byte.
///
/// Implemented for strings, byte containers and integers; implement it for your own types by
/// comparing their bytes with [`subtle::ConstantTimeEq`].
#[diagnostic::on_unimplemented(
    message = "`Secret<{Self}>` cannot be compared: `{Self}` has no constant-time equality",
    label = "`{Self}` does not implement `SecretEq`",
    note = "implement `secure::secret::SecretEq` by comparing the bytes with `subtle::ConstantTimeEq`"
)]
pub trait SecretEq {
    /// Whether the two values are equal, in time that depends only on their lengths.
    fn secret_eq(&self, other: &Self) -> bool;
}

impl SecretEq for [u8] {
    fn secret_eq(&self, other: &Self) -> bool {
        bool::from(self.ct_eq(other))
    }
}

impl SecretEq for str {
    fn secret_eq(&self, other: &Self) -> bool {
        self.as_bytes().secret_eq(other.as_bytes())
    }
}

impl SecretEq for String {
    fn secret_eq(&self, other: &Self) -> bool {
        self.as_bytes().secret_eq(other.as_bytes())
    }
}

impl SecretEq for Vec<u8> {
    fn secret_eq(&self, other: &Self) -> bool {
        self.as_slice().secret_eq(other.as_slice())
    }
}

impl<T: SecretEq + ?Sized> SecretEq for Box<T> {
    fn secret_eq(&self, other: &Self) -> bool {
        (**self).secret_eq(other)
    }
}

impl<const N: usize> SecretEq for [u8; N] {
    fn secret_eq(&self, other: &Self) -> bool {
        self.as_slice().secret_eq(other.as_slice())
    }
}

macro_rules! secret_eq_ints {
    ($($ty:ty),*) => {$(
        impl SecretEq for $ty {
            fn secret_eq(&self, other: &Self) -> bool {
                bool::from(self.ct_eq(other))
            }
        }
    )*};
}

secret_eq_ints!(
    u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize
);

impl<T: SecretEq + Zeroize> PartialEq for Secret<T> {
    fn eq(&self, other: &Self) -> bool {
        self.expose_secret().secret_eq(other.expose_secret())
    }
}

impl<T: SecretEq + Zeroize> Eq for Secret<T> {}

static HASH_KEY: LazyLock<RandomState> = LazyLock::new(RandomState::new);

impl<T: Hash + Zeroize> Hash for Secret<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(HASH_KEY.hash_one(self.expose_secret()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted() {
        let secret = Secret::new(String::from("hunter2"));
        assert_eq!(format!("{secret:?}"), "Secret([REDACTED])");
        assert_eq!(format!("{secret:#?}"), "Secret([REDACTED])");
        assert_eq!(format!("{:?}", Some(&secret)), "Some(Secret([REDACTED]))");
    }

    #[test]
    fn equality_compares_values() {
        let a = Secret::new(String::from("same"));
        assert_eq!(a, Secret::new(String::from("same")));
        assert_ne!(a, Secret::new(String::from("sane")));
        assert_ne!(a, Secret::new(String::from("same but longer")));
        assert_ne!(Secret::new(String::new()), a);
        assert_eq!(Secret::new(7u32), Secret::new(7u32));
    }

    #[test]
    fn hash_agrees_with_equality_and_hides_the_value() {
        use std::collections::hash_map::DefaultHasher;

        let digest = |secret: &Secret<String>| {
            let mut hasher = DefaultHasher::new();
            secret.hash(&mut hasher);
            hasher.finish()
        };
        let plain = |text: &str| {
            let mut hasher = DefaultHasher::new();
            text.hash(&mut hasher);
            hasher.finish()
        };
        let a = Secret::new(String::from("token"));
        assert_eq!(digest(&a), digest(&Secret::new(String::from("token"))));
        assert_ne!(digest(&a), digest(&Secret::new(String::from("tokem"))));
        assert_ne!(digest(&a), plain("token"));
    }

    #[test]
    fn deserializes_and_validates_through_the_inner_value() {
        let secret: Secret<String> = serde_json::from_str("\"s3cret\"").unwrap();
        assert_eq!(secret.expose_secret(), "s3cret");
    }
}
