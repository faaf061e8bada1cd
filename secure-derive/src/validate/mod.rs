//! `#[derive(Validate)]`: parse → check → emit.

mod check;
mod emit;
mod model;
mod parse;

use proc_macro2::TokenStream;

use crate::errors::{Errors, with_fallback};

pub(crate) fn expand(input: &syn::DeriveInput) -> TokenStream {
    let mut errors = Errors::default();
    let model = parse::parse(input, &mut errors);
    let checked = check::check(model, &mut errors);
    match errors.finish() {
        Ok(()) => {
            let mut tokens = emit::emit(&checked);
            tokens.extend(crate::sensitive::serialize_probes(input));
            tokens.extend(crate::sensitive::debug_probe(input));
            tokens
        }
        Err(error) => with_fallback(error, emit::fallback(input)),
    }
}

#[cfg(test)]
mod tests;
