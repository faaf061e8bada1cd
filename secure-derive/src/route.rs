//! What `#[requires]` and `#[public]` share for handlers: the `csrf = ..` option, the shape
//! of a handler, and the signature that records the route decisions in the return type.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::visit::Visit;
use syn::{Expr, ExprCall, ExprLit, FnArg, ItemFn, Lit, LitStr, ReturnType};

use crate::errors::Errors;

/// The CSRF decision written as `csrf = protected` or `csrf = exempt("reason")`.
pub(crate) enum Csrf {
    Protected,
    Exempt,
}

const CSRF_USAGE: &str = "`csrf` takes `protected`, or `exempt(\"reason\")` with the reason the route needs no CSRF check, such as `csrf = exempt(\"webhook signed with HMAC\")`";

/// Reads the value of `csrf = ..`.
pub(crate) fn parse_csrf(value: &Expr, errors: &mut Errors) -> Option<Csrf> {
    match value {
        // csrf = protected
        Expr::Path(path) if path.path.is_ident("protected") => Some(Csrf::Protected),
        // csrf = exempt("reason")
        Expr::Call(ExprCall { func, args, .. }) if is_ident(func, "exempt") => {
            let reason = match args.iter().collect::<Vec<_>>()[..] {
                [
                    Expr::Lit(ExprLit {
                        lit: Lit::Str(reason),
                        ..
                    }),
                ] => reason,
                _ => {
                    errors.at(value, CSRF_USAGE);
                    return None;
                }
            };
            check_reason(reason, errors).then_some(Csrf::Exempt)
        }
        Expr::Path(path) if path.path.is_ident("exempt") => {
            errors.at(
                value,
                "`csrf = exempt` needs the reason the route is exempt, such as `csrf = exempt(\"webhook signed with HMAC\")`",
            );
            None
        }
        _ => {
            errors.at(value, CSRF_USAGE);
            None
        }
    }
}

fn check_reason(reason: &LitStr, errors: &mut Errors) -> bool {
    if reason.value().trim().is_empty() {
        errors.at(
            reason,
            "`csrf = exempt(\"\")` gives no reason; say why the route needs no CSRF check",
        );
        return false;
    }
    true
}

fn is_ident(expr: &Expr, name: &str) -> bool {
    matches!(expr, Expr::Path(path) if path.path.is_ident(name))
}

/// Whether `function` has the shape of a web handler: an `async fn` without a receiver and
/// without lifetimes, whose arguments are owned extractors.
pub(crate) fn is_handler(function: &ItemFn) -> bool {
    handler_mismatch(function).is_none()
}

/// Why `function` is not a web handler, with the tokens at fault; `None` for a handler.
pub(crate) fn handler_mismatch(function: &ItemFn) -> Option<(TokenStream, &'static str)> {
    let sig = &function.sig;
    if let Some(receiver) = sig
        .inputs
        .iter()
        .find(|input| matches!(input, FnArg::Receiver(_)))
    {
        return Some((receiver.to_token_stream(), "this one takes `self`"));
    }
    if sig.asyncness.is_none() {
        return Some((sig.fn_token.to_token_stream(), "this one is not `async`"));
    }
    if mentions_lifetimes(|finder| finder.visit_generics(&sig.generics)) {
        return Some((
            sig.generics.to_token_stream(),
            "this one has lifetime parameters",
        ));
    }
    sig.inputs
        .iter()
        .find(|input| mentions_lifetimes(|finder| finder.visit_fn_arg(input)))
        .map(|input| {
            let at = match input {
                FnArg::Typed(typed) => typed.ty.to_token_stream(),
                FnArg::Receiver(receiver) => receiver.to_token_stream(),
            };
            (
                at,
                "this argument borrows, and an extractor is an owned value",
            )
        })
}

/// Whether what `visit` walks names a lifetime other than `'static`, which the returned
/// `impl Future` would have to capture (edition-dependent), and which extractors never have.
fn mentions_lifetimes(visit: impl FnOnce(&mut Finder)) -> bool {
    let mut finder = Finder(false);
    visit(&mut finder);
    finder.0
}

struct Finder(bool);

impl Visit<'_> for Finder {
    fn visit_lifetime(&mut self, lifetime: &syn::Lifetime) {
        self.0 |= lifetime.ident != "static";
    }

    fn visit_type_reference(&mut self, reference: &syn::TypeReference) {
        match &reference.lifetime {
            Some(lifetime) => self.visit_lifetime(lifetime),
            None => self.0 = true,
        }
        self.visit_type(&reference.elem);
    }
}

/// The decision types for `Guarded<_, A, C>`.
pub(crate) fn decision_types(public: bool, csrf: Option<&Csrf>) -> (TokenStream, TokenStream) {
    let authz = match public {
        true => quote!(::secure::__private::Public),
        false => quote!(::secure::__private::Required),
    };
    let csrf = match csrf {
        Some(Csrf::Protected) => quote!(::secure::__private::CsrfProtected),
        Some(Csrf::Exempt) => quote!(::secure::__private::CsrfExempt),
        None => quote!(::secure::__private::CsrfUndecided),
    };
    (authz, csrf)
}

/// A function's attributes: those written before it, and those written at the top of its body
/// (`#![allow(..)]`), which syn keeps in the same list.
pub(crate) fn split_attributes(
    attrs: &[syn::Attribute],
) -> (Vec<&syn::Attribute>, Vec<&syn::Attribute>) {
    attrs
        .iter()
        .partition(|attr| matches!(attr.style, syn::AttrStyle::Outer))
}

/// The handler rewritten as a plain `fn` that runs `prelude` when called and returns
/// `Guarded<impl Future<Output = R>, A, C>` around `denial` and the body in `async move`.
pub(crate) fn guarded_fn(
    function: &ItemFn,
    decisions: (TokenStream, TokenStream),
    prelude: TokenStream,
    denial: TokenStream,
    body: TokenStream,
) -> TokenStream {
    let ItemFn {
        attrs, vis, sig, ..
    } = function;
    let mut sig = sig.clone();
    sig.asyncness = None;
    let output = match &sig.output {
        ReturnType::Default => quote!(()),
        ReturnType::Type(_, ty) => quote!(#ty),
    };
    let span = match &function.sig.output {
        ReturnType::Default => function.sig.ident.span(),
        ReturnType::Type(_, ty) => syn::spanned::Spanned::span(ty),
    };
    let (authz, csrf) = decisions;
    let guarded = quote_spanned! {span=>
        ::secure::__private::Guarded<impl ::core::future::Future<Output = #output>, #authz, #csrf>
    };
    sig.output = syn::parse_quote!(-> #guarded);
    let wrap = quote_spanned! {Span::mixed_site()=>
        ::secure::__private::guarded::<_, #authz, #csrf>
    };

    // The rewritten return type names the handler's output inside `Guarded<impl Future<..>>`,
    // which clippy's `type_complexity` would blame on the user's own return type.
    let (outer, inner) = split_attributes(attrs);
    quote! {
        #(#outer)*
        #[allow(clippy::type_complexity)]
        #vis #sig {
            #(#inner)*
            #prelude
            #wrap(#denial, async move #body)
        }
    }
}
