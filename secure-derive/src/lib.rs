//! Procedural macros of the `secure` crate. Use them through `secure`, which re-exports them
//! with their documentation.

mod errors;
mod keywords;
mod names;
mod public;
mod redact;
mod requires;
mod roles;
mod route;
mod scopes;
mod sensitive;
mod serde_attr;
mod validate;

use proc_macro::TokenStream;

/// Derives `secure::Validate`; documented on the `secure` crate.
#[proc_macro_derive(Validate, attributes(validate, sensitive))]
pub fn derive_validate(input: TokenStream) -> TokenStream {
    match syn::parse::<syn::DeriveInput>(input) {
        Ok(input) => validate::expand(&input).into(),
        Err(error) => error.to_compile_error().into(),
    }
}

/// Derives a redacting `Debug` and `secure::redact::SerializeRedacted`; documented on the
/// `secure` crate. It reads `#[serde(..)]` names, so it accepts that attribute on its own.
#[proc_macro_derive(Redact, attributes(sensitive, serde))]
pub fn derive_redact(input: TokenStream) -> TokenStream {
    match syn::parse::<syn::DeriveInput>(input) {
        Ok(input) => redact::expand(&input).into(),
        Err(error) => error.to_compile_error().into(),
    }
}

/// Guards a function with an authorization check; documented on the `secure` crate.
#[proc_macro_attribute]
pub fn requires(args: TokenStream, item: TokenStream) -> TokenStream {
    requires::expand(args.into(), item.into()).into()
}

/// Marks a handler as deliberately open to everyone; documented on the `secure` crate.
#[proc_macro_attribute]
pub fn public(args: TokenStream, item: TokenStream) -> TokenStream {
    public::expand(args.into(), item.into()).into()
}

/// Declares roles as types; documented on the `secure` crate.
#[proc_macro]
pub fn roles(input: TokenStream) -> TokenStream {
    roles::expand(input.into()).into()
}

/// Declares a set of scopes; documented on the `secure` crate.
#[proc_macro]
pub fn scopes(input: TokenStream) -> TokenStream {
    scopes::expand(input.into()).into()
}
