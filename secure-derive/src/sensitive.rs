//! `#[sensitive]` and its options, shared by every derive that honours it.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Attribute, LitInt};

use crate::errors::Errors;
use crate::keywords::hint;

const OPTIONS: &[&str] = &["partial"];
const PARTIAL_OPTIONS: &[&str] = &["first", "last"];

/// How a sensitive value is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mask {
    /// Nothing of the value: `[REDACTED]`.
    Full,
    /// The first and last characters, the rest behind a fixed-width mask.
    Partial { first: usize, last: usize },
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Sensitive {
    pub(crate) mask: Mask,
    pub(crate) span: Span,
}

/// Reads the `#[sensitive]` attribute among `attrs`, if any.
pub(crate) fn parse(attrs: &[Attribute], errors: &mut Errors) -> Option<Sensitive> {
    let mut found: Option<Sensitive> = None;
    for attr in attrs
        .iter()
        .filter(|attr| attr.path().is_ident("sensitive"))
    {
        if found.is_some() {
            errors.at(attr, "duplicate `#[sensitive]` attribute");
            continue;
        }
        let mask = match &attr.meta {
            syn::Meta::Path(_) => Mask::Full,
            syn::Meta::List(_) => parse_options(attr, errors),
            syn::Meta::NameValue(_) => {
                errors.at(
                    attr,
                    "expected `#[sensitive]` or `#[sensitive(partial(last = N))]`",
                );
                Mask::Full
            }
        };
        found = Some(Sensitive {
            mask,
            span: attr.path().span(),
        });
    }
    found
}

const PARTIAL_NEEDS_COUNTS: &str =
    "`partial` needs `first = N`, `last = N` or both, as in `partial(last = 4)`";

fn parse_options(attr: &Attribute, errors: &mut Errors) -> Mask {
    let mut mask = Mask::Full;
    let result = attr.parse_nested_meta(|meta| {
        // #[sensitive(partial(first = N, last = M))]
        if meta.path.is_ident("partial") {
            if !meta.input.peek(syn::token::Paren) {
                return Err(meta.error(PARTIAL_NEEDS_COUNTS));
            }
            let (mut first, mut last) = (None, None);
            meta.parse_nested_meta(|option| {
                let count = if option.path.is_ident("first") {
                    &mut first
                } else if option.path.is_ident("last") {
                    &mut last
                } else {
                    let word = option
                        .path
                        .get_ident()
                        .map(ToString::to_string)
                        .unwrap_or_default();
                    return Err(option.error(format!(
                        "unknown `partial` option `{word}`, expected `first` or `last`{}",
                        hint(&word, PARTIAL_OPTIONS)
                    )));
                };
                if count.is_some() {
                    return Err(option.error("this `partial` option is given twice"));
                }
                *count = Some(option.value()?.parse::<LitInt>()?.base10_parse()?);
                Ok(())
            })?;
            let (first, last) = (first.unwrap_or(0), last.unwrap_or(0));
            if first == 0 && last == 0 {
                return Err(meta.error(PARTIAL_NEEDS_COUNTS));
            }
            mask = Mask::Partial { first, last };
            return Ok(());
        }
        let word = meta
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        Err(meta.error(format!(
            "unknown `#[sensitive]` option `{word}`, expected `partial(..)`{}",
            hint(&word, OPTIONS)
        )))
    });
    errors.absorb(result);
    mask
}

/// The check, emitted next to a `#[sensitive]` field, that the type around it does not also
/// implement serde's `Serialize`, which would write the field in plain text.
///
/// Generic types are not checked: the answer depends on their parameters.
/// `span` is the field's name, where the error points.
pub(crate) fn serialize_probe(
    ident: &syn::Ident,
    generics: &syn::Generics,
    span: Span,
) -> proc_macro2::TokenStream {
    if !generics.params.is_empty() {
        return proc_macro2::TokenStream::new();
    }
    let check = quote::quote_spanned! {span=>
        ::secure::__private::redact::assert_stays_private(
            (&::secure::__private::redact::Probe::<#ident>::new()).probe(),
        )
    };
    quote::quote! {
        const _: fn() = || {
            #[allow(unused_imports)]
            use ::secure::__private::redact::{ProbeOther as _, ProbeSerialize as _};
            #check;
        };
    }
}
