//! Procedural macros of the `secure` crate. Use them through `secure`, which re-exports them
//! with their documentation.

mod command;
mod errors;
mod generics;
mod html;
mod keywords;
mod ldap;
mod names;
mod public;
mod redact;
mod requires;
mod roles;
mod route;
mod scopes;
mod sensitive;
mod serde_attr;
mod spans;
mod sql;
mod sql_identifier;
mod template;
#[cfg(test)]
mod testing;
mod validate;

use proc_macro::TokenStream;

/// Derives `secure::Validate`; documented on the `secure` crate.
#[proc_macro_derive(Validate, attributes(validate, sensitive))]
pub fn derive_validate(input: TokenStream) -> TokenStream {
    match syn::parse::<syn::DeriveInput>(input) {
        Ok(input) => spans::locals_at_call_site(validate::expand(&input)).into(),
        Err(error) => error.to_compile_error().into(),
    }
}

/// Derives a redacting `Debug` and `secure::redact::SerializeRedacted`; documented on the
/// `secure` crate. It reads `#[serde(..)]` names, so it accepts that attribute on its own.
#[proc_macro_derive(Redact, attributes(sensitive, serde))]
pub fn derive_redact(input: TokenStream) -> TokenStream {
    match syn::parse::<syn::DeriveInput>(input) {
        Ok(input) => spans::locals_at_call_site(redact::expand(&input)).into(),
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

/// Derives `secure::sink::sql::SqlIdentifier`; documented on the `secure` crate.
#[proc_macro_derive(SqlIdentifier, attributes(sql))]
pub fn derive_sql_identifier(input: TokenStream) -> TokenStream {
    match syn::parse::<syn::DeriveInput>(input) {
        Ok(input) => sql_identifier::expand(&input).into(),
        Err(error) => error.to_compile_error().into(),
    }
}

/// `secure::html!`; documented on the `secure` crate.
#[proc_macro]
pub fn html(input: TokenStream) -> TokenStream {
    into_tokens(html::expand(input.into()))
}

/// `secure::sql!`; documented on the `secure` crate.
#[proc_macro]
pub fn sql(input: TokenStream) -> TokenStream {
    into_tokens(sql::expand(input.into()))
}

/// `secure::command!`; documented on the `secure` crate.
#[proc_macro]
pub fn command(input: TokenStream) -> TokenStream {
    into_tokens(command::expand(input.into()))
}

/// `secure::ldap_filter!`; documented on the `secure` crate.
#[proc_macro]
pub fn ldap_filter(input: TokenStream) -> TokenStream {
    into_tokens(ldap::expand(input.into()))
}

fn into_tokens(result: syn::Result<proc_macro2::TokenStream>) -> TokenStream {
    errors::expression_or_errors(result).into()
}
