//! From the tokens of `roles! { .. }` to the plain model.
//!
//! ```text
//! roles! {
//!     /// docs
//!     pub Admin = "admin", implies(Editor, Auditor);
//!     pub Editor = "editor";
//! }
//! ```

use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, Ident, LitStr, Token, Visibility, parenthesized};

use super::model::RoleDecl;

mod kw {
    syn::custom_keyword!(implies);
}

pub(crate) struct Roles(pub(crate) Vec<RoleDecl>);

impl Parse for Roles {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut roles = Vec::new();
        while !input.is_empty() {
            roles.push(input.parse()?);
        }
        Ok(Roles(roles))
    }
}

impl Parse for RoleDecl {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis: Visibility = input.parse()?;
        let ident: Ident = input.parse()?;
        input.parse::<Token![=]>().map_err(|error| {
            syn::Error::new(
                error.span(),
                format!("expected `=` and the name subjects hold the role by, such as `{ident} = \"{}\"`", ident.to_string().to_lowercase()),
            )
        })?;
        let name: LitStr = input.parse().map_err(|error| {
            syn::Error::new(
                error.span(),
                "expected the role's name as a string literal, such as `\"admin\"`",
            )
        })?;
        let mut implies = Vec::new();
        if input.parse::<Option<Token![,]>>()?.is_some() {
            // implies(A, B)
            input.parse::<kw::implies>().map_err(|error| {
                syn::Error::new(
                    error.span(),
                    "expected `implies(..)` listing the roles this one grants",
                )
            })?;
            let content;
            parenthesized!(content in input);
            let listed = Punctuated::<Ident, Token![,]>::parse_terminated(&content)?;
            implies.extend(listed);
        }
        input
            .parse::<Token![;]>()
            .map_err(|error| syn::Error::new(error.span(), "expected `;` after the role"))?;
        Ok(RoleDecl {
            attrs,
            vis,
            ident,
            name,
            implies,
        })
    }
}
