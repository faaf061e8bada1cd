//! `#[requires(..)]`: parse → check → emit.

mod check;
mod emit;
mod model;
mod parse;

use proc_macro2::TokenStream;
use quote::ToTokens;

use crate::errors::{Errors, parse_input, with_fallback};

pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut function = match parse_input(item.clone(), <syn::ItemFn as syn::parse::Parse>::parse) {
        Ok(function) => function,
        Err(error) => return not_a_function(error, item),
    };
    let mut errors = Errors::default();
    let attr = parse::parse(args, &mut errors);
    let marked = check::take_subject_markers(&mut function, &mut errors);
    if let (Some(_), Some((at, why))) = (&attr.csrf, crate::route::handler_mismatch(&function)) {
        errors.at(
            at,
            format!("`csrf = ..` is a decision of a web handler: an `async fn` without `self` whose arguments are owned extractors; {why}"),
        );
    } else if let (Some(_), Some(&index)) = (&attr.csrf, marked.first()) {
        errors.at(
            &function.sig.inputs[index],
            "`csrf = ..` is a decision of a web handler, and a function with a `#[subject]` parameter is not one: a handler takes its caller as `caller: secure::axum::Caller`",
        );
    }
    let plan = check::check(attr, &function, &marked, &mut errors);
    match (errors.finish(), plan) {
        (Ok(()), Some(plan)) => emit::emit(&plan, &function),
        (Err(error), _) => with_fallback(error, fallback(function)),
        (Ok(()), None) => function.into_token_stream(),
    }
}

/// The function as written, without the markers and quiet about the parameters the missing
/// check would have read, so that only the attribute's errors show.
fn fallback(mut function: syn::ItemFn) -> TokenStream {
    function
        .attrs
        .push(syn::parse_quote!(#[allow(unused_variables)]));
    function.into_token_stream()
}

/// The error for an item that is not a function with a body, emitted with the item so that
/// nothing else breaks.
fn not_a_function(error: syn::Error, item: TokenStream) -> TokenStream {
    match syn::parse2::<syn::TraitItemFn>(item.clone()) {
        Ok(mut method) => {
            for input in &mut method.sig.inputs {
                check::strip_markers(input);
            }
            let error = syn::Error::new(
                proc_macro2::Span::call_site(),
                "`#[requires]` needs a function with a body; put it on the implementations of this trait method",
            );
            with_fallback(error, method.into_token_stream())
        }
        Err(_) => with_fallback(
            syn::Error::new(error.span(), "`#[requires]` goes on a function or a method"),
            item,
        ),
    }
}

#[cfg(test)]
mod tests;
