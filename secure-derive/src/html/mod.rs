//! `html!`: `SafeHtml` from a template literal, with each hole encoded for where it stands.

mod context;

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::errors::Errors;
use crate::template::{self, Literal};
use context::{HoleKind, Piece};

const LITERAL: Literal = Literal {
    name: "html!",
    what: "template",
    why: "escape run-time text with `SafeHtml::escape`, or pass it as an argument for a `{}` hole",
};

pub(crate) fn expand(tokens: TokenStream) -> syn::Result<TokenStream> {
    let input = template::parse(tokens, &LITERAL)?;
    let text = input.literal.value();
    let tokens = template::tokens(&text, "html!")
        .map_err(|message| syn::Error::new_spanned(&input.literal, message))?;

    let mut errors = Errors::default();
    let pieces = match context::scan(&tokens) {
        Ok(pieces) => pieces,
        Err(messages) => {
            messages
                .iter()
                .for_each(|message| errors.at(&input.literal, message));
            Vec::new()
        }
    };
    let holes = tokens
        .iter()
        .filter(|token| **token == template::Token::Hole)
        .count();
    template::check_arity(
        &input,
        holes,
        "html!",
        ["`{}` hole", "`{}` holes", "hole"],
        &mut errors,
    );
    errors.finish()?;

    Ok(emit(&pieces, &input.args, text.len()))
}

fn emit(pieces: &[Piece], args: &[syn::Expr], capacity: usize) -> TokenStream {
    let emit = quote!(::secure::__private::html);
    match pieces {
        [] => return quote!(#emit::literal("")),
        [Piece::Literal(markup)] => return quote!(#emit::literal(#markup)),
        _ => {}
    }

    let mut args = args.iter();
    let steps = pieces.iter().map(|piece| match piece {
        Piece::Literal(markup) => quote!(#emit::push_literal(&mut __secure_html, #markup);),
        Piece::Hole(kind) => {
            let arg = args.next().expect("the arity was checked");
            let call = match kind {
                HoleKind::Text => quote!(text),
                HoleKind::Attr => quote!(attr),
                HoleKind::UrlStart => quote!(url),
                HoleKind::LocalUrlStart => quote!(local_url),
                HoleKind::UrlPart => quote!(url_part),
                HoleKind::Unquoted => quote!(unquoted),
            };
            quote_spanned!(arg.span()=> #emit::#call(&mut __secure_html, &(#arg));)
        }
    });
    quote!({
        let mut __secure_html = #emit::with_capacity(#capacity);
        #(#steps)*
        __secure_html
    })
}

#[cfg(test)]
mod tests;
