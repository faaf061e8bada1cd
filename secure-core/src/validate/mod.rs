//! The [`Validate`] trait, the rules the derive calls, and the validation report.
//!
//! Most users only derive [`Validate`] and call
//! [`Untrusted::validate`](crate::Untrusted::validate); this module is for hand-written impls
//! and custom rules.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::hash::BuildHasher;

mod errors;
mod location;
pub mod rules;
pub mod sanitize;

pub use errors::{Failure, MAX_FAILURES, ParamValue, RuleError, ValidationError, ValidationErrors};
pub use location::{Location, Path, Segment};

/// A type whose values can be sanitized in place and then checked.
///
/// Derive it with `#[derive(Validate)]`; write it by hand when a rule needs code the derive
/// cannot express. A hand-written impl is visible in review and proves only what it checks.
///
/// ```
/// use secure::validate::{Location, RuleError, Validate, ValidationErrors};
///
/// struct Celsius(f64);
///
/// impl Validate for Celsius {
///     fn check(&self, at: &Location<'_>, errors: &mut ValidationErrors) {
///         if !(self.0 >= -273.15) {
///             errors.add(at, RuleError::new("below_absolute_zero"));
///         }
///     }
/// }
///
/// let errors = secure::Untrusted::new(Celsius(-300.0)).validate().err().unwrap();
/// assert_eq!(errors.iter().next().unwrap().code(), "below_absolute_zero");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not implement `Validate`",
    label = "`{Self}` cannot be validated",
    note = "derive it with `#[derive(Validate)]` on `{Self}`, or implement `secure::Validate` by hand"
)]
pub trait Validate {
    /// Whether [`sanitize`](Validate::sanitize) may change a value. Containers whose values
    /// cannot be changed in place (sets, a shared `Arc`) rebuild or copy only when it may,
    /// so validating them allocates nothing otherwise. The derive sets it; a hand-written
    /// impl whose `sanitize` does nothing may set it to `false`.
    const SANITIZES: bool = true;

    /// Rewrites the value into its canonical form (trimming, case folding, normalization)
    /// before any rule is checked. The default does nothing.
    fn sanitize(&mut self) {}

    /// Checks every rule and adds each failure to `errors`, located under `at`.
    ///
    /// It must not stop at the first failure: clients want the whole report at once.
    fn check(&self, at: &Location<'_>, errors: &mut ValidationErrors);
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    const SANITIZES: bool = T::SANITIZES;

    fn sanitize(&mut self) {
        (**self).sanitize();
    }

    fn check(&self, at: &Location<'_>, errors: &mut ValidationErrors) {
        (**self).check(at, errors);
    }
}

impl<T: Validate> Validate for Option<T> {
    const SANITIZES: bool = T::SANITIZES;

    fn sanitize(&mut self) {
        if let Some(value) = self {
            value.sanitize();
        }
    }

    fn check(&self, at: &Location<'_>, errors: &mut ValidationErrors) {
        if let Some(value) = self {
            value.check(at, errors);
        }
    }
}

impl<T: Validate> Validate for [T] {
    const SANITIZES: bool = T::SANITIZES;

    fn sanitize(&mut self) {
        self.iter_mut().for_each(T::sanitize);
    }

    fn check(&self, at: &Location<'_>, errors: &mut ValidationErrors) {
        for (index, value) in self.iter().enumerate() {
            value.check(&at.index(index), errors);
        }
    }
}

impl<T: Validate, const N: usize> Validate for [T; N] {
    const SANITIZES: bool = T::SANITIZES;

    fn sanitize(&mut self) {
        self.as_mut_slice().sanitize();
    }

    fn check(&self, at: &Location<'_>, errors: &mut ValidationErrors) {
        self.as_slice().check(at, errors);
    }
}

impl<T: Validate> Validate for Vec<T> {
    const SANITIZES: bool = T::SANITIZES;

    fn sanitize(&mut self) {
        self.as_mut_slice().sanitize();
    }

    fn check(&self, at: &Location<'_>, errors: &mut ValidationErrors) {
        self.as_slice().check(at, errors);
    }
}

impl<T: Validate> Validate for VecDeque<T> {
    const SANITIZES: bool = T::SANITIZES;

    fn sanitize(&mut self) {
        self.iter_mut().for_each(T::sanitize);
    }

    fn check(&self, at: &Location<'_>, errors: &mut ValidationErrors) {
        for (index, value) in self.iter().enumerate() {
            value.check(&at.index(index), errors);
        }
    }
}

impl<K: core::fmt::Display, V: Validate, S: BuildHasher> Validate for HashMap<K, V, S> {
    const SANITIZES: bool = V::SANITIZES;

    fn sanitize(&mut self) {
        self.values_mut().for_each(V::sanitize);
    }

    fn check(&self, at: &Location<'_>, errors: &mut ValidationErrors) {
        for (key, value) in self {
            value.check(&at.key(key), errors);
        }
    }
}

impl<K: core::fmt::Display, V: Validate> Validate for BTreeMap<K, V> {
    const SANITIZES: bool = V::SANITIZES;

    fn sanitize(&mut self) {
        self.values_mut().for_each(V::sanitize);
    }

    fn check(&self, at: &Location<'_>, errors: &mut ValidationErrors) {
        for (key, value) in self {
            value.check(&at.key(key), errors);
        }
    }
}

impl<T: Validate + zeroize::Zeroize> Validate for crate::Secret<T> {
    const SANITIZES: bool = T::SANITIZES;

    fn sanitize(&mut self) {
        use secrecy::ExposeSecretMut;
        self.expose_secret_mut().sanitize();
    }

    fn check(&self, at: &Location<'_>, errors: &mut ValidationErrors) {
        use secrecy::ExposeSecret;
        self.expose_secret().check(&at.sensitive(), errors);
    }
}

/// A shared value is sanitized on a copy of its own when another handle still points at it
/// ([`Arc::make_mut`](std::sync::Arc::make_mut)), so sanitizing never changes a value that
/// code outside the one being validated can see; nothing is copied when `T` has nothing to
/// sanitize.
impl<T: Validate + Clone> Validate for std::sync::Arc<T> {
    const SANITIZES: bool = T::SANITIZES;

    fn sanitize(&mut self) {
        if T::SANITIZES {
            std::sync::Arc::make_mut(self).sanitize();
        }
    }

    fn check(&self, at: &Location<'_>, errors: &mut ValidationErrors) {
        (**self).check(at, errors);
    }
}

/// As for `Arc`: sanitized on a copy of its own when shared.
impl<T: Validate + Clone> Validate for std::rc::Rc<T> {
    const SANITIZES: bool = T::SANITIZES;

    fn sanitize(&mut self) {
        if T::SANITIZES {
            std::rc::Rc::make_mut(self).sanitize();
        }
    }

    fn check(&self, at: &Location<'_>, errors: &mut ValidationErrors) {
        (**self).check(at, errors);
    }
}

/// A set's elements cannot change in place: sanitizing takes them out, sanitizes each, and
/// puts them back, so two that become equal (`" a"` and `"a"` after `trim`) become one.
/// Failures are reported at the element's position in iteration order, as `tags[1]`.
impl<T: Validate + Ord> Validate for BTreeSet<T> {
    const SANITIZES: bool = T::SANITIZES;

    fn sanitize(&mut self) {
        sanitize_rebuilt(self);
    }

    fn check(&self, at: &Location<'_>, errors: &mut ValidationErrors) {
        check_in_order(self, at, errors);
    }
}

/// As for `BTreeSet`: sanitized by taking the elements out and putting them back.
impl<T: Validate + Eq + std::hash::Hash, S: BuildHasher + Default> Validate for HashSet<T, S> {
    const SANITIZES: bool = T::SANITIZES;

    fn sanitize(&mut self) {
        sanitize_rebuilt(self);
    }

    fn check(&self, at: &Location<'_>, errors: &mut ValidationErrors) {
        check_in_order(self, at, errors);
    }
}

/// Takes the elements out of `set`, sanitizes each, and collects them back: a new set, and so
/// an allocation, only when sanitizing may change an element.
fn sanitize_rebuilt<T: Validate, C>(set: &mut C)
where
    C: Default + IntoIterator<Item = T> + FromIterator<T>,
{
    if !T::SANITIZES {
        return;
    }
    *set = std::mem::take(set)
        .into_iter()
        .map(|mut value| {
            value.sanitize();
            value
        })
        .collect();
}

/// Checks each element at its position in iteration order.
fn check_in_order<'a, T: Validate + 'a>(
    values: impl IntoIterator<Item = &'a T>,
    at: &Location<'_>,
    errors: &mut ValidationErrors,
) {
    for (index, value) in values.into_iter().enumerate() {
        value.check(&at.index(index), errors);
    }
}
