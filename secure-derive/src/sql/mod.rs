//! `sql!`: a query whose text is a literal, with its placeholders counted at compile time.

mod lexer;

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::errors::Errors;
use crate::template::{self, Literal};
use lexer::Hole;

const LITERAL: Literal = Literal {
    name: "sql!",
    what: "query",
    why: "write the query as a string literal with `?` placeholders and pass the values as arguments, which are bound as parameters and never become SQL",
};

pub(crate) fn expand(tokens: TokenStream) -> syn::Result<TokenStream> {
    let input = template::parse(tokens, &LITERAL)?;
    let mut errors = Errors::default();
    let query = match lexer::lex(&input.literal.value()) {
        Ok(query) => Some(query),
        Err(messages) => {
            messages
                .iter()
                .for_each(|message| errors.at(&input.literal, message));
            None
        }
    };
    if let Some(query) = &query {
        let holes = [
            "placeholder (`?` or `{}`)",
            "placeholders (`?` or `{}`)",
            "placeholder",
        ];
        template::check_arity(&input, query.holes.len(), "sql!", holes, &mut errors);
    }
    errors.finish()?;

    let query = query.expect("no errors, so the query was lexed");
    Ok(emit(&query, &input.args))
}

fn emit(query: &lexer::Query, args: &[syn::Expr]) -> TokenStream {
    let emit = quote!(::secure::__private::sql);
    let holes = query.holes.iter().zip(args);

    if !query.holes.contains(&Hole::Identifier) {
        let text = &query.pieces[0];
        let values = holes.map(|(hole, arg)| {
            let call = match hole {
                Hole::Like => quote!(like),
                Hole::Glob => quote!(glob),
                Hole::Match => quote!(full_text),
                Hole::Value | Hole::Identifier => quote!(value),
            };
            quote_spanned!(arg.span()=> #emit::#call(#arg))
        });
        return quote!(#emit::query(#text, ::std::vec![#(#values),*]));
    }

    let pieces = &query.pieces;
    let args = holes.map(|(hole, arg)| match hole {
        Hole::Identifier => {
            quote_spanned!(arg.span()=> #emit::Arg::Identifier(#emit::identifier(#arg)))
        }
        Hole::Like => quote_spanned!(arg.span()=> #emit::Arg::Value(#emit::like(#arg))),
        Hole::Glob => quote_spanned!(arg.span()=> #emit::Arg::Value(#emit::glob(#arg))),
        Hole::Match => quote_spanned!(arg.span()=> #emit::Arg::Value(#emit::full_text(#arg))),
        Hole::Value => quote_spanned!(arg.span()=> #emit::Arg::Value(#emit::value(#arg))),
    });
    quote!(#emit::query_with_identifiers(&[#(#pieces),*], ::std::vec![#(#args),*]))
}
