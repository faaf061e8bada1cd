//! `scopes! { .. }`: parse → check → emit, small enough for one file.
//!
//! ```text
//! scopes! {
//!     /// docs
//!     pub Scopes = ["orders:read", "orders:write"];
//! }
//! ```

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, Ident, LitStr, Token, Visibility, bracketed};

use crate::errors::{Errors, parse_input, with_fallback};
use crate::names::{check_name, check_unique};

struct ScopeSetDecl {
    attrs: Vec<Attribute>,
    vis: Visibility,
    ident: Ident,
    bracket: syn::token::Bracket,
    scopes: Vec<LitStr>,
}

struct ScopeSets(Vec<ScopeSetDecl>);

impl Parse for ScopeSets {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut sets = Vec::new();
        while !input.is_empty() {
            sets.push(input.parse()?);
        }
        Ok(ScopeSets(sets))
    }
}

impl Parse for ScopeSetDecl {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis = input.parse()?;
        let ident: Ident = input.parse()?;
        input.parse::<Token![=]>().map_err(|error| {
            syn::Error::new(
                error.span(),
                format!(
                    "expected `=` and the list of scopes, such as `{ident} = [\"orders:read\"]`"
                ),
            )
        })?;
        let content;
        let bracket = bracketed!(content in input);
        let scopes = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
        input.parse::<Token![;]>()?;
        Ok(ScopeSetDecl {
            attrs,
            vis,
            ident,
            bracket,
            scopes: scopes.into_iter().collect(),
        })
    }
}

pub(crate) fn expand(input: TokenStream) -> TokenStream {
    let sets = match parse_input(input, ScopeSets::parse) {
        Ok(ScopeSets(sets)) => sets,
        Err(error) => return error.to_compile_error(),
    };
    let mut errors = Errors::default();
    for set in &sets {
        check(set, &mut errors);
    }
    let emitted = sets.iter().map(emit).collect();
    match errors.finish() {
        Ok(()) => emitted,
        Err(error) => with_fallback(error, emitted),
    }
}

fn check(set: &ScopeSetDecl, errors: &mut Errors) {
    if set.scopes.is_empty() {
        errors.push(syn::Error::new(
            set.bracket.span.join(),
            format!("`{}` declares no scope, so no requirement could name one; list the scopes, such as `[\"orders:read\"]`", set.ident),
        ));
    }
    for scope in &set.scopes {
        let count = errors.count();
        check_name(scope, "scope", errors);
        if errors.count() == count && scope.value().contains(char::is_whitespace) {
            errors.at(
                scope,
                "a scope name cannot contain whitespace: tokens list scopes separated by spaces (RFC 6749), so this one could never be granted",
            );
        }
    }
    let scopes: Vec<&LitStr> = set.scopes.iter().collect();
    check_unique(&scopes, "scope", errors);
}

fn emit(set: &ScopeSetDecl) -> TokenStream {
    let ScopeSetDecl {
        attrs,
        vis,
        ident,
        scopes,
        ..
    } = set;
    let values: Vec<String> = scopes.iter().map(LitStr::value).collect();
    let mut undeclared: Vec<String> = values
        .iter()
        .map(|scope| format!("scope is not declared in `{ident}`; did you mean {scope:?}?"))
        .collect();
    let listed: Vec<String> = values.iter().map(|scope| format!("{scope:?}")).collect();
    undeclared.push(format!(
        "scope is not declared in `{ident}`, which declares {}",
        listed.join(", ")
    ));
    quote! {
        #(#attrs)*
        #vis enum #ident {}

        #[automatically_derived]
        impl ::secure::__private::ScopeSet for #ident {
            const SCOPES: &'static [&'static str] = &[#(#scopes),*];
            const UNDECLARED: &'static [&'static str] = &[#(#undeclared),*];
        }
    }
}
