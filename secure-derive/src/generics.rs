//! What the derives need to know of a type's generic parameters.

use std::collections::HashSet;

use quote::ToTokens;
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
fn mentions_self(predicate: &syn::WherePredicate) -> bool {
    let mut found = false;
    map_idents(quote::ToTokens::to_token_stream(predicate), &mut |ident| {
        found |= ident == "Self";
        ident.into_token_stream()
    });
    found
}

/// `tokens` with each identifier, in groups too, replaced by what `replace` makes of it.
pub(crate) fn map_idents(
    tokens: proc_macro2::TokenStream,
    replace: &mut impl FnMut(Ident) -> proc_macro2::TokenStream,
) -> proc_macro2::TokenStream {
    use proc_macro2::{Group, TokenTree};

    tokens
        .into_iter()
        .flat_map(|tree| match tree {
            TokenTree::Ident(ident) => replace(ident),
            TokenTree::Group(group) => {
                let mut inner = Group::new(group.delimiter(), map_idents(group.stream(), replace));
                inner.set_span(group.span());
                TokenTree::Group(inner).into()
            }
            other => other.into(),
        })
        .collect()
}

/// `generics` with the predicates that name `Self` left out, for a free function.
fn outside_impl(generics: &syn::Generics) -> syn::Generics {
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
    map_idents(quote::ToTokens::to_token_stream(ty), &mut |ident| {
        if ident == "Self" {
            with.clone()
        } else {
            ident.into_token_stream()
        }
    })
}

/// Whether `ty` names `Self`, a type parameter of `generics` or a lifetime other than
/// `'static`: a type that an item local to a generated function cannot name.
pub(crate) fn names_generic(ty: &Type, generics: &syn::Generics) -> bool {
    struct Borrows(bool);
    impl<'ast> Visit<'ast> for Borrows {
        fn visit_lifetime(&mut self, lifetime: &'ast syn::Lifetime) {
            self.0 |= lifetime.ident != "static";
        }
        fn visit_type_reference(&mut self, reference: &'ast syn::TypeReference) {
            // An elided lifetime is one of the type's own.
            self.0 |= reference.lifetime.is_none();
            syn::visit::visit_type_reference(self, reference);
        }
    }
    let self_type = Ident::new("Self", proc_macro2::Span::call_site());
    let mut params: HashSet<&Ident> = generics.type_params().map(|param| &param.ident).collect();
    params.insert(&self_type);
    let mut borrows = Borrows(false);
    borrows.visit_type(ty);
    borrows.0 || mentions(ty, &params)
}

/// A check the derives emit as a trait probe: a free function with the type's generics (less
/// the predicates on `Self`), importing `uses` and running `checks`, which the compiler
/// type-checks and never calls.
pub(crate) fn probe_fn(
    generics: &syn::Generics,
    uses: proc_macro2::TokenStream,
    checks: proc_macro2::TokenStream,
) -> proc_macro2::TokenStream {
    let generics = outside_impl(generics);
    let (impl_generics, _, where_clause) = generics.split_for_impl();
    quote::quote! {
        const _: () = {
            #[allow(dead_code, unused_imports, clippy::extra_unused_type_parameters)]
            fn __secure_probe #impl_generics () #where_clause {
                use #uses;
                #checks
            }
        };
    }
}
