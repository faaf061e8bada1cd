//! `#[sensitive]` and its options, shared by every derive that honours it.

use proc_macro2::{Span, TokenStream};
use syn::spanned::Spanned;
use syn::{Attribute, Data, DeriveInput, Fields, Generics, WhereClause};

use crate::errors::Errors;
use crate::keywords::hint;
use crate::serde_attr::{Direction, SerdeContainer, SerdeField, SerdeVariant};

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
    let mut partial_seen = false;
    let result = attr.parse_nested_meta(|meta| {
        // #[sensitive(partial(first = N, last = M))]
        if meta.path.is_ident("partial") {
            if std::mem::replace(&mut partial_seen, true) {
                return Err(meta.error("`partial` is given twice; keep one"));
            }
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
                let value = option.value()?;
                let lit = value.parse::<syn::Expr>()?;
                let parsed = match &lit {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Int(int),
                        ..
                    }) => int.base10_parse::<usize>().ok(),
                    _ => None,
                };
                let Some(parsed) = parsed else {
                    return Err(syn::Error::new_spanned(
                        &lit,
                        "a `partial` count is a number of characters, such as `first = 2` or `last = 4`",
                    ));
                };
                *count = Some(parsed);
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

/// What `Redact` and `Validate` say about a later `#[derive(Debug)]` on a type with
/// `#[sensitive]` marks. Both say the same words, so that rustc shows them once when both
/// derives see it.
pub(crate) const DEBUG_PRINTS_SENSITIVE_VALUES: &str = "`#[derive(Debug)]` would print `#[sensitive]` values in plain text; remove it and let `#[derive(Redact)]` write a `Debug` that hides them";

/// Where the `#[sensitive]` mark that covers a field is written; each has its own message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mark {
    Field,
    Variant,
    Type,
}

/// The checks, one per field that a `#[sensitive]` mark covers, that the type does not also
/// implement serde's `Serialize` in a way that writes the field in plain text.
///
/// A field is left alone when it says what serialization does with it (`skip_serializing`,
/// `serialize_with`), when its variant does, or when the whole type serializes as another
/// (`#[serde(into = "..")]`). A field that a variant or type mark covers and whose type
/// names `Secret` gets a check of its own: it passes when the type holds nothing but
/// `secure::Secret` values, whose own `Serialize` refuses them unless they opted in, and not
/// when it is another type of that name or holds a plain value beside the secret.
///
/// A generic type is checked as serde's derive bounds it: with every type parameter
/// `Serialize`, or with the `#[serde(bound = "..")]` it is given. A hand-written `Serialize`
/// with other bounds, or for some instances only, is not seen.
pub(crate) fn serialize_probes(input: &DeriveInput) -> TokenStream {
    let container = SerdeContainer::from_attrs(&input.attrs, Direction::Serialize);
    if container.into {
        return TokenStream::new();
    }
    let type_mark = is_marked(&input.attrs).then_some(Mark::Type);
    let mut covered = Vec::new();
    match &input.data {
        Data::Struct(data) => unguarded_fields(&data.fields, type_mark, &mut covered),
        Data::Enum(data) => {
            for variant in &data.variants {
                if SerdeVariant::from_attrs(&variant.attrs, Direction::Serialize)
                    .decides_serialization()
                {
                    continue;
                }
                let mark = match is_marked(&variant.attrs) {
                    true => Some(Mark::Variant),
                    false => type_mark,
                };
                unguarded_fields(&variant.fields, mark, &mut covered);
            }
        }
        Data::Union(_) => {}
    }
    if covered.is_empty() {
        return TokenStream::new();
    }
    let generics = serialize_generics(input, container.serialize_bound);
    covered
        .into_iter()
        .map(|(span, mark, secret)| serialize_probe(input, &generics, span, mark, secret))
        .collect()
}

/// The generics under which serde's derive implements `Serialize`: the type's own, with the
/// container's `bound` in place of a `Serialize` bound on each type parameter, or else those
/// bounds and the `bound`s of variants and fields.
fn serialize_generics(input: &DeriveInput, container_bound: Option<String>) -> Generics {
    let mut generics = input.generics.clone();
    let mut bounds = Vec::new();
    match container_bound {
        Some(bound) => bounds.push(bound),
        None => {
            for param in generics.type_params_mut() {
                param
                    .bounds
                    .push(syn::parse_quote!(::secure::__private::serde::Serialize));
            }
            // serde bounds an associated type of a parameter (`T::Password`) where a field
            // holds one, as the parameter itself.
            for ty in associated_types(input) {
                generics
                    .make_where_clause()
                    .predicates
                    .push(syn::parse_quote!(#ty: ::secure::__private::serde::Serialize));
            }
            let field_bounds = |fields: &Fields, bounds: &mut Vec<String>| {
                for field in fields {
                    let field = SerdeField::from_attrs(&field.attrs, Direction::Serialize);
                    bounds.extend(field.serialize_bound);
                }
            };
            match &input.data {
                Data::Struct(data) => field_bounds(&data.fields, &mut bounds),
                Data::Enum(data) => {
                    for variant in &data.variants {
                        let serde = SerdeVariant::from_attrs(&variant.attrs, Direction::Serialize);
                        bounds.extend(serde.serialize_bound);
                        field_bounds(&variant.fields, &mut bounds);
                    }
                }
                Data::Union(_) => {}
            }
        }
    }
    // A bound serde cannot read is serde's to report.
    let predicates = bounds.iter().filter_map(|bound| {
        syn::parse_str::<WhereClause>(&format!("where {bound}"))
            .ok()
            .map(|clause| clause.predicates)
    });
    let where_clause = generics.make_where_clause();
    for parsed in predicates {
        where_clause.predicates.extend(parsed);
    }
    generics
}

/// For `#[derive(Validate)]` on a type with `#[sensitive]` marks: a check that the type has
/// no `Debug` but the one `#[derive(Redact)]` writes, whichever way it came (a
/// `#[derive(Debug)]` before this one, under another name, or written by hand). Spanned on
/// the first mark. A generic type is checked with every type parameter `Debug`, as
/// `#[derive(Debug)]` bounds it.
pub(crate) fn debug_probe(input: &DeriveInput) -> TokenStream {
    let Some(span) = first_mark(input) else {
        return TokenStream::new();
    };
    let ident = &input.ident;
    let mut generics = input.generics.clone();
    for param in generics.type_params_mut() {
        param.bounds.push(syn::parse_quote!(::core::fmt::Debug));
    }
    let (_, type_generics, _) = generics.split_for_impl();
    let check = quote::quote_spanned! {span=>
        ::secure::__private::redact::assert_debug_hides_sensitive(
            (&::secure::__private::redact::Probe::<#ident #type_generics>::new()).probe(),
        );
    };
    crate::generics::probe_fn(
        &generics,
        quote::quote!(::secure::__private::redact::{ProbeDebug as _, ProbeOther as _}),
        check,
    )
}

/// The span of the first `#[sensitive]` mark: on the type, else on a variant or a field.
fn first_mark(input: &DeriveInput) -> Option<Span> {
    let mark = |attrs: &[Attribute]| {
        attrs
            .iter()
            .find(|attr| attr.path().is_ident("sensitive"))
            .map(|attr| attr.path().span())
    };
    let in_fields = |fields: &Fields| fields.iter().find_map(|field| mark(&field.attrs));
    mark(&input.attrs).or_else(|| match &input.data {
        Data::Struct(data) => in_fields(&data.fields),
        Data::Enum(data) => data
            .variants
            .iter()
            .find_map(|variant| mark(&variant.attrs).or_else(|| in_fields(&variant.fields))),
        Data::Union(_) => None,
    })
}

/// The associated types of type parameters (`T::Password`, `<T as Store>::Key`) that the
/// serialized fields' types name.
fn associated_types(input: &DeriveInput) -> Vec<syn::TypePath> {
    use syn::visit::Visit;

    struct Finder<'a> {
        params: Vec<&'a syn::Ident>,
        found: Vec<syn::TypePath>,
    }
    impl<'ast> Visit<'ast> for Finder<'_> {
        fn visit_type_path(&mut self, path: &'ast syn::TypePath) {
            let of_param = match &path.qself {
                Some(qself) => matches!(&*qself.ty, syn::Type::Path(inner)
                    if inner.qself.is_none() && inner.path.get_ident().is_some_and(|ident| self.params.contains(&ident))),
                None => {
                    path.path.segments.len() > 1
                        && path.path.leading_colon.is_none()
                        && self.params.contains(&&path.path.segments[0].ident)
                }
            };
            if of_param && !self.found.contains(path) {
                self.found.push(path.clone());
            }
            syn::visit::visit_type_path(self, path);
        }
    }
    let mut finder = Finder {
        params: input
            .generics
            .type_params()
            .map(|param| &param.ident)
            .collect(),
        found: Vec::new(),
    };
    let mut visit = |fields: &Fields| {
        for field in fields {
            if !SerdeField::from_attrs(&field.attrs, Direction::Serialize).decides_serialization() {
                finder.visit_type(&field.ty);
            }
        }
    };
    match &input.data {
        Data::Struct(data) => visit(&data.fields),
        Data::Enum(data) => data
            .variants
            .iter()
            .for_each(|variant| visit(&variant.fields)),
        Data::Union(_) => {}
    }
    finder.found
}

/// Whether `attrs` hold a `#[sensitive]` mark, well-formed or not.
pub(crate) fn is_marked(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|attr| attr.path().is_ident("sensitive"))
}

/// Whether the type, one of its variants or one of its fields carries a `#[sensitive]` mark.
pub(crate) fn has_marks(input: &DeriveInput) -> bool {
    let fields_marked = |fields: &Fields| fields.iter().any(|field| is_marked(&field.attrs));
    is_marked(&input.attrs)
        || match &input.data {
            Data::Struct(data) => fields_marked(&data.fields),
            Data::Enum(data) => data
                .variants
                .iter()
                .any(|variant| is_marked(&variant.attrs) || fields_marked(&variant.fields)),
            Data::Union(data) => data
                .fields
                .named
                .iter()
                .any(|field| is_marked(&field.attrs)),
        }
}

/// A field that a mark covers and that serialization would write: the span errors point at
/// (its name, else its own mark, else its type), the mark, and the field's type when a
/// covering mark meets a type that names `Secret`.
type Covered<'a> = (Span, Mark, Option<&'a syn::Type>);

/// The fields among `fields` that a mark covers and that serialization would write.
fn unguarded_fields<'a>(fields: &'a Fields, covering: Option<Mark>, out: &mut Vec<Covered<'a>>) {
    for field in fields {
        if SerdeField::from_attrs(&field.attrs, Direction::Serialize).decides_serialization() {
            continue;
        }
        let own = field
            .attrs
            .iter()
            .find(|attr| attr.path().is_ident("sensitive"));
        let (mark, secret) = match (own, covering) {
            (Some(_), _) => (Mark::Field, None),
            (None, Some(mark)) => (mark, names_secret(&field.ty).then_some(&field.ty)),
            (None, None) => continue,
        };
        let span = match (&field.ident, own) {
            (Some(ident), _) => ident.span(),
            (None, Some(attr)) => attr.path().span(),
            (None, None) => field.ty.span(),
        };
        out.push((span, mark, secret));
    }
}

/// One check, spanned on the field. It is a function with the generics of serde's derived
/// impl, so that the impl applies when there is one.
fn serialize_probe(
    input: &DeriveInput,
    generics: &Generics,
    span: Span,
    mark: Mark,
    secret: Option<&syn::Type>,
) -> TokenStream {
    let ident = &input.ident;
    let (_, type_generics, _) = generics.split_for_impl();
    let assert = match mark {
        Mark::Field => quote::format_ident!("assert_stays_private", span = span),
        Mark::Variant => quote::format_ident!("assert_variant_stays_private", span = span),
        Mark::Type => quote::format_ident!("assert_type_stays_private", span = span),
    };
    let probe = quote::quote_spanned! {span=>
        (&::secure::__private::redact::Probe::<#ident #type_generics>::new()).probe()
    };
    let check = match secret {
        None => quote::quote_spanned! {span=> ::secure::__private::redact::#assert(#probe) },
        Some(ty) => quote::quote_spanned! {span=>
            ::secure::__private::redact::assert_secret_field_stays_private::<#ty, _>(#probe)
        },
    };
    crate::generics::probe_fn(
        generics,
        quote::quote!(::secure::__private::redact::{ProbeOther as _, ProbeSerialize as _}),
        quote::quote!(#check;),
    )
}

/// Whether the type names `Secret` or `SecretString` anywhere, such as
/// `Option<Secret<String>>`.
pub(crate) fn names_secret(ty: &syn::Type) -> bool {
    use syn::visit::Visit;

    struct Finder(bool);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_path_segment(&mut self, segment: &'ast syn::PathSegment) {
            self.0 |= segment.ident == "Secret" || segment.ident == "SecretString";
            syn::visit::visit_path_segment(self, segment);
        }
    }
    let mut finder = Finder(false);
    finder.visit_type(ty);
    finder.0
}

/// A `#[derive(Debug)]` written after the derive being expanded: visible to it, unlike one in
/// the same `#[derive(..)]` list, which rustc removes from the input it hands over.
pub(crate) fn later_debug_derive(attrs: &[Attribute]) -> Option<Span> {
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("derive"))
        .find_map(|attr| {
            let mut found = None;
            let _ = attr.parse_nested_meta(|meta| {
                if meta
                    .path
                    .segments
                    .last()
                    .is_some_and(|segment| segment.ident == "Debug")
                {
                    found = Some(meta.path.span());
                }
                Ok(())
            });
            found
        })
}

#[cfg(test)]
mod tests {
    use super::serialize_probes;

    /// How many checks of each kind the input gets: field, variant and type marks.
    fn probes(source: &str) -> [usize; 3] {
        let input: syn::DeriveInput = syn::parse_str(source).expect("the test input is Rust");
        let output = serialize_probes(&input).to_string();
        [
            "assert_stays_private",
            "assert_variant_stays_private",
            "assert_type_stays_private",
        ]
        .map(|name| output.matches(&format!("{name} (")).count())
    }

    #[test]
    fn every_field_a_mark_covers_is_checked_unless_serialization_is_decided() {
        let cases = [
            ("struct S { #[sensitive] a: String, b: String }", [1, 0, 0]),
            ("#[sensitive] struct S { a: String, b: String }", [0, 0, 2]),
            (
                "#[sensitive] struct S { #[serde(skip)] a: String, #[serde(with = \"m\")] b: String, c: u8 }",
                [0, 0, 1],
            ),
            ("#[sensitive] struct S(String, Secret<String>);", [0, 0, 1]),
            (
                "#[sensitive] #[serde(into = \"T\")] struct S { #[sensitive] a: String }",
                [0, 0, 0],
            ),
            (
                "enum E { A(String), #[sensitive] B(String, u8) }",
                [0, 2, 0],
            ),
            (
                "enum E { #[sensitive] #[serde(skip_serializing)] B { a: String } }",
                [0, 0, 0],
            ),
            (
                "#[sensitive] enum E { A(String), #[serde(serialize_with = \"f\")] B(String) }",
                [0, 0, 1],
            ),
            (
                "#[sensitive] enum E { #[sensitive] A(#[sensitive] String, String) }",
                [1, 1, 0],
            ),
            ("struct S<T> { #[sensitive] a: T }", [1, 0, 0]),
        ];
        for (source, expected) in cases {
            assert_eq!(probes(source), expected, "{source}");
        }
    }

    #[test]
    fn a_generic_type_is_checked_with_serialize_parameters() {
        let input: syn::DeriveInput = syn::parse_str(
            "struct S<'a, T: Clone, const N: usize = 1> { #[sensitive] a: &'a [T; N] }",
        )
        .expect("the test input is Rust");
        let output = serialize_probes(&input).to_string();
        assert!(
            output.contains(
                "fn __secure_probe < 'a , T : Clone + :: secure :: __private :: serde :: Serialize , const N : usize > ()"
            ),
            "{output}"
        );
        assert!(output.contains("Probe :: < S < 'a , T , N > >"), "{output}");
    }
}
