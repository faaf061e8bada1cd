//! [`Authorized<R>`]: the proof that the caller satisfied requirement `R`.

use core::fmt;
use core::marker::PhantomData;

use super::{Implies, Role};

/// Proof that the current subject satisfies the requirement `R`.
///
/// There is no public constructor: the check that `#[requires]` inserts
/// is the only code that makes one. A privileged function that takes an `Authorized<R>`
/// parameter therefore cannot be called by code that skipped the check; forgetting it is a
/// type error rather than a missed line in review. The hidden functions the generated check
/// calls evaluate the requirement themselves and return a proof only when it passed, so
/// calling them by hand forges nothing either; the one way around the check is
/// [`unchecked::authorized`](crate::unchecked::authorized).
///
/// It is zero-sized and `Copy`: passing it along costs nothing.
///
/// ```
/// use secure::prelude::*;
///
/// secure::roles! {
///     pub Admin = "admin";
/// }
///
/// // Privileged work demands the proof...
/// fn delete_everything(_proof: Authorized<Admin>) -> usize {
///     42
/// }
///
/// // ...and only the check of `#[requires]` hands one out.
/// #[requires(Admin, proof = admin)]
/// fn handle(#[subject] caller: &Principal) -> Result<usize, Forbidden> {
///     Ok(delete_everything(admin))
/// }
///
/// let root = Principal::new("root").with_role("admin");
/// assert_eq!(handle(&root), Ok(42));
/// assert!(handle(&Principal::new("guest")).is_err());
/// ```
///
/// What `R` is for each form of requirement:
///
/// | requirement | proof |
/// | --- | --- |
/// | `Admin` | `Authorized<Admin>` |
/// | `any(A, B)` | `Authorized<Any<(A, B)>>` |
/// | `all(A, B)` | `Authorized<All<(A, B)>>`, split into its parts with [`split`](Authorized::split) |
/// | `scope("..")` | `Authorized<ScopeCheck>` |
/// | `policy(..)` | `Authorized<PolicyCheck>` |
///
/// What is *not* guaranteed: the proof says that a check passed when it was made, for the
/// subject of that call. It does not expire, so do not store it beyond the request, and it
/// cannot tell which scope or which policy passed; demand roles in the signatures of
/// privileged functions. [`unchecked::authorized`](crate::unchecked::authorized) makes a
/// proof without a check, for tests.
pub struct Authorized<R: ?Sized> {
    requirement: PhantomData<fn() -> R>,
}

impl<R: ?Sized> Authorized<R> {
    pub(crate) const fn new() -> Self {
        Authorized {
            requirement: PhantomData,
        }
    }
}

impl<A: Role> Authorized<A> {
    /// The same proof, for a role that `A` implies: an `Admin` may act as an `Editor`.
    ///
    /// ```
    /// use secure::authz::Authorized;
    ///
    /// secure::roles! {
    ///     pub Admin = "admin", implies(Editor);
    ///     pub Editor = "editor";
    /// }
    ///
    /// fn publish(_proof: Authorized<Editor>) {}
    ///
    /// fn as_admin(admin: Authorized<Admin>) {
    ///     publish(admin.weaken());
    /// }
    /// # let _ = as_admin;
    /// ```
    pub const fn weaken<B: Role>(self) -> Authorized<B>
    where
        A: Implies<B>,
    {
        Authorized::new()
    }
}

impl<R: ?Sized> Clone for Authorized<R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R: ?Sized> Copy for Authorized<R> {}

impl<R: ?Sized> fmt::Debug for Authorized<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Authorized<{}>", core::any::type_name::<R>())
    }
}

/// The requirement `any(A, B, ..)`: at least one of the parts held.
///
/// Its proof cannot be split, since it does not say which part held.
pub struct Any<Parts>(PhantomData<fn() -> Parts>);

/// The requirement `all(A, B, ..)`: every part held.
///
/// [`Authorized::split`] turns its proof into one proof per part.
pub struct All<Parts>(PhantomData<fn() -> Parts>);

/// The requirement `scope("..")`: the subject was granted a scope.
///
/// The proof does not say which scope; do not demand `Authorized<ScopeCheck>` in a signature.
pub enum ScopeCheck {}

/// The requirement `policy(..)`: a policy predicate accepted the call.
///
/// The proof does not say which policy; do not demand `Authorized<PolicyCheck>` in a
/// signature.
pub enum PolicyCheck {}

macro_rules! split_all {
    ($($part:ident),+) => {
        impl<$($part),+> Authorized<All<($($part,)+)>> {
            /// One proof per part of the requirement.
            pub const fn split(self) -> ($(Authorized<$part>,)+) {
                ($(Authorized::<$part>::new(),)+)
            }
        }
    };
}

split_all!(A);
split_all!(A, B);
split_all!(A, B, C);
split_all!(A, B, C, D);
split_all!(A, B, C, D, E);
split_all!(A, B, C, D, E, F);
split_all!(A, B, C, D, E, F, G);
split_all!(A, B, C, D, E, F, G, H);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proofs_are_zero_sized() {
        assert_eq!(size_of::<Authorized<ScopeCheck>>(), 0);
        assert_eq!(size_of::<Authorized<All<(ScopeCheck, PolicyCheck)>>>(), 0);
    }

    #[test]
    fn debug_names_the_requirement() {
        let proof = Authorized::<ScopeCheck>::new();

        assert_eq!(
            format!("{proof:?}"),
            "Authorized<secure_core::authz::proof::ScopeCheck>"
        );
    }
}
