//! The plain model of a `roles!` block.

use syn::{Attribute, Ident, LitStr, Visibility};

pub(crate) struct RoleDecl {
    pub(crate) attrs: Vec<Attribute>,
    pub(crate) vis: Visibility,
    pub(crate) ident: Ident,
    /// The name subjects hold the role by.
    pub(crate) name: LitStr,
    /// The roles this one implies directly, as written.
    pub(crate) implies: Vec<Ident>,
}

/// A role with the checked facts emission needs.
pub(crate) struct CheckedRole<'a> {
    pub(crate) decl: &'a RoleDecl,
    /// Every role this one implies, transitively, itself first.
    pub(crate) implies: Vec<&'a Ident>,
    /// The names of the roles that satisfy this one: its own, then those that imply it.
    pub(crate) satisfied_by: Vec<String>,
}
