//! `#[public]`: marks a handler as deliberately open to everyone.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::punctuated::Punctuated;
use syn::{Expr, ItemFn, Token};

use crate::errors::{Errors, parse_input, with_fallback};
use crate::route::{self, Csrf};

pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let function = match parse_input(item.clone(), <ItemFn as syn::parse::Parse>::parse) {
        Ok(function) => function,
        Err(error) => {
            let error = syn::Error::new(error.span(), "`#[public]` goes on an `async fn` handler");
            return with_fallback(error, item);
        }
    };
    let mut errors = Errors::default();
    let csrf = parse(args, &mut errors);
    if let Some((at, why)) = route::handler_mismatch(&function) {
        errors.at(
            at,
            format!("`#[public]` marks a web handler: an `async fn` without `self` whose arguments are owned extractors; {why}"),
        );
    }
    if let Err(error) = errors.finish() {
        return with_fallback(error, function.into_token_stream());
    }

    let decisions = route::decision_types(true, csrf.as_ref());
    let block = &function.block;
    let body = quote!(#block);
    let none = quote!(::core::option::Option::None);
    route::guarded_fn(&function, decisions, TokenStream::new(), none, body)
}

/// Reads `#[public]` or `#[public(csrf = ..)]`.
fn parse(args: TokenStream, errors: &mut Errors) -> Option<Csrf> {
    let items = errors.absorb(parse_input(
        args,
        Punctuated::<Expr, Token![,]>::parse_terminated,
    ))?;
    let mut csrf = None;
    for item in &items {
        match item {
            // csrf = protected, csrf = exempt("reason")
            Expr::Assign(assign) if is_csrf(&assign.left) => {
                if csrf.is_some() {
                    errors.at(assign, "`csrf` is given twice");
                }
                csrf = route::parse_csrf(&assign.right, errors);
            }
            _ => errors.at(
                item,
                "`#[public]` takes only a CSRF decision: `#[public(csrf = protected)]` or `#[public(csrf = exempt(\"reason\"))]`",
            ),
        }
    }
    csrf
}

fn is_csrf(expr: &Expr) -> bool {
    matches!(expr, Expr::Path(path) if path.path.is_ident("csrf"))
}
