//! One error sink per expansion, so that every mistake in an input is reported at once.

use core::fmt::Display;

use proc_macro2::TokenStream;
use quote::ToTokens;

/// Collects spanned errors; [`Errors::finish`] turns them into one `syn::Error`.
#[must_use = "call `finish` so that collected errors reach the user"]
#[derive(Default)]
pub(crate) struct Errors {
    collected: Option<syn::Error>,
    count: usize,
}

impl Errors {
    /// How many errors were pushed so far; a step compares it before and after to skip
    /// checks that would only repeat an error already reported.
    pub(crate) fn count(&self) -> usize {
        self.count
    }

    pub(crate) fn push(&mut self, error: syn::Error) {
        self.count += 1;
        match &mut self.collected {
            Some(collected) => collected.combine(error),
            None => self.collected = Some(error),
        }
    }

    /// Reports `message` at the span of `tokens`.
    pub(crate) fn at(&mut self, tokens: impl ToTokens, message: impl Display) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    /// Keeps the value of `result`, or records its error and returns `None`.
    pub(crate) fn absorb<T>(&mut self, result: syn::Result<T>) -> Option<T> {
        result.map_err(|error| self.push(error)).ok()
    }

    pub(crate) fn finish(self) -> syn::Result<()> {
        self.collected.map_or(Ok(()), Err)
    }
}

/// Emits `errors` together with `fallback`, so that a mistake in one attribute does not also
/// produce "trait not implemented" errors wherever the type is used.
pub(crate) fn with_fallback(error: syn::Error, fallback: TokenStream) -> TokenStream {
    let mut tokens = error.to_compile_error();
    tokens.extend(fallback);
    tokens
}
