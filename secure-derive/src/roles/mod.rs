//! `roles! { .. }`: parse → check → emit.

mod check;
mod emit;
mod model;
mod parse;

use proc_macro2::TokenStream;

use crate::errors::{Errors, parse_input, with_fallback};

pub(crate) fn expand(input: TokenStream) -> TokenStream {
    let roles = match parse_input(input, <parse::Roles as syn::parse::Parse>::parse) {
        Ok(parse::Roles(roles)) => roles,
        Err(error) => return error.to_compile_error(),
    };
    let mut errors = Errors::default();
    let checked = check::check(&roles, &mut errors);
    match errors.finish() {
        Ok(()) => emit::emit(&checked),
        Err(error) => with_fallback(error, emit::fallback(&roles)),
    }
}

#[cfg(test)]
mod tests;
