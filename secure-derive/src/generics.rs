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

/// Whether `predicate` names `Self` anywhere: such a predicate means nothing outside an impl,
/// so the free functions the derives emit as checks leave it out.
pub(crate) fn mentions_self(predicate: &syn::WherePredicate) -> bool {
    fn walk(tokens: proc_macro2::TokenStream) -> bool {
        tokens.into_iter().any(|token| match token {
            proc_macro2::TokenTree::Ident(ident) => ident == "Self",
            proc_macro2::TokenTree::Group(group) => walk(group.stream()),
            _ => false,
        })
    }
    walk(quote::ToTokens::to_token_stream(predicate))
}

/// `generics` with the predicates that name `Self` left out, for a free function.
pub(crate) fn outside_impl(generics: &syn::Generics) -> syn::Generics {
    let mut generics = generics.clone();
    if let Some(clause) = &mut generics.where_clause {
        clause.predicates = std::mem::take(&mut clause.predicates)
            .into_iter()
            .filter(|predicate| !mentions_self(predicate))
            .collect();
    }
    generics
}

/// Whether `ty` names the type being derived, by its name or as `Self`: a bound on such a
/// field's type would ask the impl to prove itself, which rustc reports as an overflow.
pub(crate) fn mentions_own_type(ty: &Type, own: &Ident) -> bool {
    struct Finder<'a> {
        own: &'a Ident,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Finder<'_> {
        fn visit_path(&mut self, path: &'ast syn::Path) {
            // `Tree<T>` or `Self`, not another module's type of the same name.
            let first = path.segments.first();
            self.found |= path.leading_colon.is_none()
                && first.is_some_and(|first| {
                    first.ident == "Self" || (path.segments.len() == 1 && first.ident == *self.own)
                });
            syn::visit::visit_path(self, path);
        }
    }
    let mut finder = Finder { own, found: false };
    finder.visit_type(ty);
    finder.found
}

/// `ty` with `Self` written out as `with` (the type and its parameters), for a free function,
/// where `Self` names nothing.
pub(crate) fn self_written_out(
    ty: &Type,
    with: &proc_macro2::TokenStream,
) -> proc_macro2::TokenStream {
    fn replace(
        tokens: proc_macro2::TokenStream,
        with: &proc_macro2::TokenStream,
    ) -> proc_macro2::TokenStream {
        tokens
            .into_iter()
            .flat_map(|tree| match tree {
                proc_macro2::TokenTree::Ident(ident) if ident == "Self" => with.clone(),
                proc_macro2::TokenTree::Group(group) => {
                    let mut inner =
                        proc_macro2::Group::new(group.delimiter(), replace(group.stream(), with));
                    inner.set_span(group.span());
                    proc_macro2::TokenTree::Group(inner).into()
                }
                other => other.into(),
            })
            .collect()
    }
    replace(quote::ToTokens::to_token_stream(ty), with)
}

/// Whether `ty` names `Self`, a type parameter of `generics` or a lifetime other than
/// `'static`: a type that an item local to a generated function cannot name.
pub(crate) fn names_generic(ty: &Type, generics: &syn::Generics) -> bool {
    struct Finder<'a> {
        params: HashSet<&'a Ident>,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Finder<'_> {
        fn visit_path(&mut self, path: &'ast syn::Path) {
            if let Some(first) = path.segments.first() {
                self.found |= path.leading_colon.is_none()
                    && (first.ident == "Self" || self.params.contains(&first.ident));
            }
            syn::visit::visit_path(self, path);
        }
        fn visit_lifetime(&mut self, lifetime: &'ast syn::Lifetime) {
            self.found |= lifetime.ident != "static";
        }
        fn visit_type_reference(&mut self, reference: &'ast syn::TypeReference) {
            // An elided lifetime is one of the type's own.
            self.found |= reference.lifetime.is_none();
            syn::visit::visit_type_reference(self, reference);
        }
    }
    let mut finder = Finder {
        params: generics.type_params().map(|param| &param.ident).collect(),
        found: false,
    };
    finder.visit_type(ty);
    finder.found
}
