//! Roles as types, and the implications between them.

use super::Authorized;
use super::check::SubjectRef;

/// A role, declared with `secure::roles!`.
///
/// A role is a type so that a requirement naming it is checked by the compiler: a misspelt
/// role does not compile. At run time a subject holds roles by name, and the name is compared
/// exactly (see [`Subject::has_role`](super::Subject::has_role)).
///
/// ```
/// use secure::authz::Role;
///
/// secure::roles! {
///     /// Runs the shop.
///     pub Admin = "admin", implies(Clerk);
///     /// Serves customers.
///     pub Clerk = "clerk";
/// }
///
/// assert_eq!(Admin::NAME, "admin");
/// assert_eq!(Clerk::NAME, "clerk");
/// ```
///
/// Only `secure::roles!` implements it: the macro computes which roles satisfy this one
/// (itself and every role that implies it, transitively), which a hand-written impl could list
/// wrongly and so grant or refuse access. `Role` therefore requires a hidden marker trait that
/// the macro implements beside it; naming that marker by hand, through `secure::__private`,
/// steps outside every guarantee of this crate, like the functions of `secure::unchecked`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a role",
    label = "not declared with `secure::roles!`",
    note = "declare roles with `secure::roles! {{ pub Admin = \"admin\"; }}`, or use `scope(\"..\")` or `policy(..)` for other requirements"
)]
pub trait Role: DeclaredRole + 'static {
    /// The name a subject holds this role by, compared exactly: no case folding, no trimming.
    const NAME: &'static str;

    /// The names of the roles that satisfy this one: its own and those of every role that
    /// implies it, transitively.
    #[doc(hidden)]
    const SATISFIED_BY: &'static [&'static str];

    /// The check of `#[requires(Self)]`: the proof of this role if the subject holds it or a
    /// role that implies it.
    #[doc(hidden)]
    #[inline]
    fn check<S: ?Sized>(subject: &SubjectRef<'_, S>) -> Option<Authorized<Self>>
    where
        Self: Sized,
    {
        subject.holds_any(Self::SATISFIED_BY).then(Authorized::new)
    }
}

/// Implemented by `secure::roles!` beside each [`Role`] impl, and by nothing else.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not declared with `secure::roles!`",
    label = "roles are declared with `secure::roles!`, not implemented by hand",
    note = "declare roles with `secure::roles! {{ pub Admin = \"admin\"; }}`"
)]
pub trait DeclaredRole {}

/// Implemented by `secure::roles!` beside each [`Implies`] impl, and by nothing else.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`secure::roles!` does not declare that `{Self}` implies `{R}`",
    label = "implications between roles are declared with `secure::roles!`, not implemented by hand",
    note = "add `implies({R})` to `{Self}` in `secure::roles!` if every `{Self}` may act as `{R}`"
)]
pub trait DeclaredImplication<R: ?Sized> {}

/// `Self` grants everything `R` grants: a proof of `Self` may stand for a proof of `R`.
///
/// Every role implies itself; `secure::roles!` implements the rest from the
/// `implies(..)` lists, transitively, and is the only source of these impls: a hand-written
/// `impl Implies<Admin> for Viewer {}` would let [`Authorized::weaken`] turn a viewer's proof
/// into an admin's, so `Implies` requires a hidden marker that only the macro implements.
///
/// ```
/// use secure::authz::Authorized;
///
/// secure::roles! {
///     pub Admin = "admin", implies(Editor);
///     pub Editor = "editor", implies(Viewer);
///     pub Viewer = "viewer";
/// }
///
/// fn read(_proof: Authorized<Viewer>) {}
///
/// fn as_admin(proof: Authorized<Admin>) {
///     read(proof.weaken());
/// }
/// # let _ = as_admin;
/// ```
#[diagnostic::on_unimplemented(
    message = "role `{Self}` does not imply role `{R}`",
    label = "a proof of `{Self}` cannot stand for `{R}`",
    note = "add `implies({R})` to `{Self}` in `secure::roles!` if every `{Self}` may act as `{R}`"
)]
pub trait Implies<R: Role>: Role + DeclaredImplication<R> {}
