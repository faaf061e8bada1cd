//! Spans for the code the derives write from a user's attribute tokens.

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;

use crate::generics::map_idents;

/// `tokens` with the derive's own local names (every `__secure_..` binding) given
/// the hygiene of the derive's call site, keeping where they point.
///
/// Generated code is spanned on the user's attribute tokens so that an error points at the
/// rule. A local name spanned that way takes those tokens' hygiene too: for a type that a
/// `macro_rules!` macro writes from tokens its caller passed, `self` and the derive's
/// bindings would then be out of reach of each other. Every other token keeps its span, so
/// errors read as before.
pub(crate) fn locals_at_call_site(tokens: TokenStream) -> TokenStream {
    map_idents(tokens, &mut |mut ident| {
        if ident.to_string().starts_with("__secure_") {
            ident.set_span(Span::call_site().located_at(ident.span()));
        }
        ident.into_token_stream()
    })
}
