//! Roles as types, and the implications between them.

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
/// Implement it through the macro only: the macro computes which roles satisfy this one
/// (itself and every role that implies it, transitively), and a hand-written impl that lists
/// them wrongly grants or refuses access accordingly.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a role",
    label = "not declared with `secure::roles!`",
    note = "declare roles with `secure::roles! {{ pub Admin = \"admin\"; }}`, or use `scope(\"..\")` or `policy(..)` for other requirements"
)]
pub trait Role: 'static {
    /// The name a subject holds this role by, compared exactly: no case folding, no trimming.
    const NAME: &'static str;

    /// The names of the roles that satisfy this one: its own and those of every role that
    /// implies it, transitively.
    #[doc(hidden)]
    const SATISFIED_BY: &'static [&'static str];
}

/// `Self` grants everything `R` grants: a proof of `Self` may stand for a proof of `R`.
///
/// Every role implies itself; `secure::roles!` implements the rest from the
/// `implies(..)` lists, transitively.
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
pub trait Implies<R: Role>: Role {}
