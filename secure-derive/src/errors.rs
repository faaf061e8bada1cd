//! One error sink per expansion, so that every mistake in an input is reported at once.

use core::fmt::Display;

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::ToTokens;
use syn::parse::{ParseStream, Parser};

/// Collects spanned errors; [`Errors::finish`] turns them into one `syn::Error`, in the
/// order of the source.
#[must_use = "call `finish` so that collected errors reach the user"]
#[derive(Default)]
pub(crate) struct Errors {
    collected: Vec<syn::Error>,
}

impl Errors {
    /// How many errors were pushed so far; a step compares it before and after to skip
    /// checks that would only repeat an error already reported.
    pub(crate) fn count(&self) -> usize {
        self.collected.len()
    }

    pub(crate) fn push(&mut self, error: syn::Error) {
        self.collected.push(error);
    }

    /// Reports `message` at the span of `tokens`.
    pub(crate) fn at(&mut self, tokens: impl ToTokens, message: impl Display) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    /// Keeps the value of `result`, or records its error and returns `None`.
    pub(crate) fn absorb<T>(&mut self, result: syn::Result<T>) -> Option<T> {
        result.map_err(|error| self.push(error)).ok()
    }

    /// The errors in the order their tokens appear in the source, since the checks that find
    /// them run in phases (a regular expression is compiled while parsing, bounds are compared
    /// after); errors at one position keep the order they were found in.
    pub(crate) fn finish(self) -> syn::Result<()> {
        let mut collected = self.collected;
        collected.sort_by_key(|error| {
            let start = error.span().start();
            (start.line, start.column)
        });
        let mut errors = collected.into_iter();
        let Some(mut first) = errors.next() else {
            return Ok(());
        };
        for error in errors {
            first.combine(error);
        }
        Err(first)
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

#[cfg(test)]
mod tests {
    use super::Errors;

    #[test]
    fn errors_come_out_in_the_order_of_the_source() {
        let tokens: Vec<proc_macro2::TokenTree> = "first second\nthird fourth"
            .parse::<proc_macro2::TokenStream>()
            .unwrap()
            .into_iter()
            .collect();
        let mut errors = Errors::default();
        for index in [3, 0, 2, 1] {
            errors.at(&tokens[index], tokens[index].to_string());
        }
        let messages: Vec<String> = errors
            .finish()
            .unwrap_err()
            .into_iter()
            .map(|error| error.to_string())
            .collect();
        assert_eq!(messages, ["first", "second", "third", "fourth"]);
    }
}
