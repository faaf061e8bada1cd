//! Emits one uninhabited type per role, its `Role` impl and its `Implies` impls, each beside
//! the hidden marker that only this macro implements.

use proc_macro2::TokenStream;
use quote::quote;

use super::model::{CheckedRole, RoleDecl};

pub(crate) fn emit(roles: &[CheckedRole<'_>]) -> TokenStream {
    roles
        .iter()
        .map(|role| {
            let decl = role.decl;
            let ident = &decl.ident;
            let declaration = declaration(decl, &role.satisfied_by);
            let implies = &role.implies;
            quote! {
                #declaration
                #(
                    #[automatically_derived]
                    impl ::secure::__private::DeclaredImplication<#implies> for #ident {}

                    #[automatically_derived]
                    impl ::secure::__private::Implies<#implies> for #ident {}
                )*
            }
        })
        .collect()
}

/// The types and `Role` impls alone, with each role satisfied by itself only, for inputs with
/// errors: uses of the roles elsewhere still resolve.
pub(crate) fn fallback(roles: &[RoleDecl]) -> TokenStream {
    roles
        .iter()
        .map(|decl| declaration(decl, &[decl.name.value()]))
        .collect()
}

fn declaration(decl: &RoleDecl, satisfied_by: &[String]) -> TokenStream {
    let RoleDecl {
        attrs,
        vis,
        ident,
        name,
        ..
    } = decl;
    quote! {
        #(#attrs)*
        #vis enum #ident {}

        #[automatically_derived]
        impl ::secure::__private::DeclaredRole for #ident {}

        #[automatically_derived]
        impl ::secure::__private::Role for #ident {
            const NAME: &'static str = #name;
            const SATISFIED_BY: &'static [&'static str] = &[#(#satisfied_by),*];
        }
    }
}
