//! What the derives need to know of a type's generic parameters.

use std::collections::HashSet;

use syn::visit::Visit;
use syn::{Ident, Type};

/// Whether `ty` mentions one of the type parameters `params`: only those fields get a bound
/// in the generated impl, so a field of a concrete type adds no needless `where` clause.
pub(crate) fn mentions(ty: &Type, params: &HashSet<&Ident>) -> bool {
    struct Finder<'a> {
        params: &'a HashSet<&'a Ident>,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Finder<'_> {
        fn visit_path(&mut self, path: &'ast syn::Path) {
            if let Some(first) = path.segments.first() {
                self.found |= path.leading_colon.is_none() && self.params.contains(&first.ident);
            }
            syn::visit::visit_path(self, path);
        }
    }
    let mut finder = Finder {
        params,
        found: false,
    };
    finder.visit_type(ty);
    finder.found
}
