//! One error sink per expansion, so that every mistake in an input is reported at once.

use core::fmt::Display;

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::ToTokens;
use syn::parse::{ParseStream, Parser};

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

/// The expansion of a function-like macro, or its errors in one block: several
/// `compile_error!`s side by side are not one expression, and rustc would add a confusing
/// "macro expansion ignores" error for the second.
pub(crate) fn expression_or_errors(result: syn::Result<TokenStream>) -> TokenStream {
    match result {
        Ok(tokens) => tokens,
        Err(error) => {
            let errors = error.into_compile_error();
            quote::quote!({ #errors })
        }
    }
}

/// Parses all of `tokens`, the input of a macro or the arguments of an attribute, with
/// `parser`.
///
/// syn puts an error at the end of its input on the call site, which rustc shows as the whole
/// macro call; parsing the tokens as the inside of a group that carries the span of the last
/// token puts it there instead, next to what is missing.
pub(crate) fn parse_input<T>(
    tokens: TokenStream,
    parser: fn(ParseStream<'_>) -> syn::Result<T>,
) -> syn::Result<T> {
    let Some(last) = tokens.clone().into_iter().last() else {
        return parser.parse2(tokens);
    };
    let mut group = Group::new(Delimiter::Parenthesis, tokens);
    group.set_span(last.span());
    let inside = |input: ParseStream<'_>| {
        let content;
        syn::parenthesized!(content in input);
        parser(&content)
    };
    inside.parse2(TokenTree::Group(group).into())
}
