//! Code generation for `#[derive(Validate)]`.
//!
//! The impl has two methods: `sanitize` rewrites each field in place, `check` calls one rule
//! function per rule. Rule calls carry the span of the rule's name, so a rule on a type it
//! cannot check is reported at the rule, in the words of that rule's trait.

use std::collections::HashSet;

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::{Ident, Member};

use super::check::Checked;
use super::model::*;
use crate::generics::{mentions, mentions_own_type, probe_fn, self_written_out};

pub(crate) fn emit(checked: &Checked<'_>) -> TokenStream {
    let input = checked.input();
    let ident = input.ident;
    let params: HashSet<&Ident> = input
        .generics
        .type_params()
        .map(|param| &param.ident)
        .collect();
    let mut predicates = Vec::new();

    let (sanitize_body, check_body) = match &input.shape {
        Shape::Struct(fields) => {
            let accesses: Vec<Access> = fields
                .iter()
                .map(|field| Access::SelfField(field.member.clone()))
                .collect();
            for field in fields {
                field_predicates(field, input.ident, &params, &mut predicates);
            }
            (
                sanitize_fields(fields, &accesses),
                check_fields(fields, &accesses),
            )
        }
        Shape::Enum(variants) => {
            for field in variants.iter().flat_map(|variant| &variant.fields) {
                field_predicates(field, input.ident, &params, &mut predicates);
            }
            enum_bodies(variants)
        }
    };
    let custom = input.custom.iter().map(|path| {
        quote_spanned!(path_span(path)=> ::secure::__private::report_custom(__secure_errors, __secure_at, #path(self));)
    });

    let sanitizes = input_fields(input).into_iter().any(|field| {
        !field.sanitizers.is_empty()
            || field
                .rules
                .iter()
                .any(|rule| matches!(rule.kind, RuleKind::Nested))
    });
    let nest_probes = nest_probes(input);
    let mut generics = input.generics.clone();
    generics.make_where_clause().predicates.extend(predicates);
    let (impl_generics, type_generics, where_clause) = generics.split_for_impl();
    quote! {
        #nest_probes
        #[doc(hidden)]
        const _: () = {
            #[automatically_derived]
            #[allow(unused_variables, unused_braces, clippy::needless_borrow, clippy::redundant_closure_call)]
            impl #impl_generics ::secure::__private::Validate for #ident #type_generics #where_clause {
                const SANITIZES: bool = #sanitizes;

                fn sanitize(&mut self) {
                    #sanitize_body
                }

                fn check(
                    &self,
                    __secure_at: &::secure::__private::Location<'_>,
                    __secure_errors: &mut ::secure::__private::ValidationErrors,
                ) {
                    #check_body
                    #(#custom)*
                }
            }
        };
    }
}

/// For each field with rules, none of them `nested` or `skip`: a check that its type does not
/// implement `Validate`, whose rules would otherwise silently not run.
fn nest_probes(input: &Input<'_>) -> TokenStream {
    let fields = input_fields(input);
    let (_, type_generics, _) = input.generics.split_for_impl();
    let ident = input.ident;
    let own = quote!(#ident #type_generics);
    let checks: Vec<TokenStream> = fields
        .into_iter()
        .filter(|field| {
            !field.rules.is_empty() && !reaches_inside(&field.rules) && !plain_data(field.ty)
        })
        .map(|field| {
            let ty = self_written_out(field.ty, &own);
            quote_spanned!(field.span=>
                ::secure::__private::nest::assert_rules_reach_inside(
                    (&::secure::__private::redact::Probe::<#ty>::new()).probe(),
                );
            )
        })
        .collect();
    if checks.is_empty() {
        return TokenStream::new();
    }
    probe_fn(
        input.generics,
        quote!(::secure::__private::{nest::ProbeValidate as _, redact::ProbeOther as _}),
        quote!(#(#checks)*),
    )
}

/// The fields the derive validates: a struct's, or those of every variant not skipped.
fn input_fields<'i, 'a>(input: &'i Input<'a>) -> Vec<&'i Field<'a>> {
    match &input.shape {
        Shape::Struct(fields) => fields.iter().collect(),
        Shape::Enum(variants) => variants
            .iter()
            .filter(|variant| !variant.skip)
            .flat_map(|variant| &variant.fields)
            .collect(),
    }
}

/// Whether `ty` is made of standard types only (`String`, numbers, `Option<String>`,
/// `Vec<u32>`, `HashMap<String, String>`), none of which implements `Validate` nor can, so
/// the field needs no check for a forgotten `nested`. Spares the compiler a probe for most
/// fields.
fn plain_data(ty: &syn::Type) -> bool {
    const LEAVES: &[&str] = &[
        "String",
        "str",
        "bool",
        "char",
        "u8",
        "u16",
        "u32",
        "u64",
        "u128",
        "usize",
        "i8",
        "i16",
        "i32",
        "i64",
        "i128",
        "isize",
        "f32",
        "f64",
        "SecretString",
    ];
    const CONTAINERS: &[&str] = &[
        "Option", "Vec", "VecDeque", "Box", "BTreeSet", "HashSet", "BTreeMap", "HashMap", "Cow",
    ];
    match ty {
        syn::Type::Reference(reference) => plain_data(&reference.elem),
        syn::Type::Slice(slice) => plain_data(&slice.elem),
        syn::Type::Array(array) => plain_data(&array.elem),
        syn::Type::Paren(paren) => plain_data(&paren.elem),
        syn::Type::Path(path) if path.qself.is_none() && path.path.segments.len() == 1 => {
            let segment = &path.path.segments[0];
            let name = segment.ident.to_string();
            match &segment.arguments {
                syn::PathArguments::None => LEAVES.contains(&name.as_str()),
                syn::PathArguments::AngleBracketed(args) if CONTAINERS.contains(&name.as_str()) => {
                    args.args.iter().all(|arg| match arg {
                        syn::GenericArgument::Type(inner) => plain_data(inner),
                        syn::GenericArgument::Lifetime(_) => true,
                        _ => false,
                    })
                }
                _ => false,
            }
        }
        _ => false,
    }
}

/// Whether `rules` validate what the field holds (`nested`) or accept it as it is (`skip`);
/// the parser refuses both inside `each`, `keys` and `values`.
fn reaches_inside(rules: &[Rule]) -> bool {
    rules
        .iter()
        .any(|rule| matches!(rule.kind, RuleKind::Nested | RuleKind::Skip))
}

/// Emitted when the input has errors: an impl that keeps uses of the type compiling, so
/// that the attribute errors are the only ones the user sees.
pub(crate) fn fallback(input: &syn::DeriveInput) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, type_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        const _: () = {
            #[automatically_derived]
            impl #impl_generics ::secure::__private::Validate for #ident #type_generics #where_clause {
                fn check(
                    &self,
                    _: &::secure::__private::Location<'_>,
                    _: &mut ::secure::__private::ValidationErrors,
                ) {
                    ::core::unreachable!()
                }
            }
        };
    }
}

/// How generated code reaches a field: `self.name` in a struct, a binding in an enum match.
#[derive(Clone)]
enum Access {
    SelfField(Member),
    Binding(Ident),
}

impl Access {
    /// `{ &self.field }`: a block whose braces are spanned on `span`, so that a type error
    /// points at the rule rather than from the rule to the field, and whose inside keeps the
    /// derive's own hygiene, so that `self` and the bindings resolve even when the rule's
    /// tokens come from a `macro_rules!` caller.
    fn shared(&self, span: Span) -> TokenStream {
        let inner = match self {
            Access::SelfField(member) => quote!(&self.#member),
            Access::Binding(binding) => quote!(#binding),
        };
        spanned_block(inner, span)
    }

    fn unique(&self, span: Span) -> TokenStream {
        let inner = match self {
            Access::SelfField(member) => quote!(&mut self.#member),
            Access::Binding(binding) => quote!(&mut *#binding),
        };
        spanned_block(inner, span)
    }
}

fn spanned_block(inner: TokenStream, span: Span) -> TokenStream {
    let mut block = proc_macro2::Group::new(proc_macro2::Delimiter::Brace, inner);
    block.set_span(span);
    quote!(#block)
}

fn enum_bodies(variants: &[Variant<'_>]) -> (TokenStream, TokenStream) {
    if variants.is_empty() {
        return (quote!(match *self {}), quote!(match *self {}));
    }
    let mut sanitize_arms = Vec::new();
    let mut check_arms = Vec::new();
    for variant in variants {
        let ident = variant.ident;
        let bindings: Vec<Ident> = (0..variant.fields.len())
            .map(|index| format_ident!("__secure_field_{}", index))
            .collect();
        let pattern = match variant.style {
            _ if variant.skip => quote!(Self::#ident { .. }),
            Style::Named => {
                let members = variant.fields.iter().map(|field| &field.member);
                quote!(Self::#ident { #(#members: #bindings),* })
            }
            Style::Tuple => quote!(Self::#ident(#(#bindings),*)),
            Style::Unit => quote!(Self::#ident),
        };
        let accesses: Vec<Access> = bindings.into_iter().map(Access::Binding).collect();
        let sanitize = sanitize_fields(&variant.fields, &accesses);
        let check = check_fields(&variant.fields, &accesses);
        let enter = step_into(&variant.step);
        sanitize_arms.push(quote!(#pattern => { #sanitize }));
        check_arms.push(quote!(#pattern => { #enter #check }));
    }
    (
        quote!(match self { #(#sanitize_arms)* }),
        quote!(match self { #(#check_arms)* }),
    )
}

fn step_into(step: &Step) -> TokenStream {
    match step {
        Step::Field(name) => quote!(let __secure_at = &__secure_at.field(#name);),
        Step::Index(index) => quote!(let __secure_at = &__secure_at.index(#index);),
        Step::Transparent => TokenStream::new(),
    }
}

fn sanitize_fields(fields: &[Field<'_>], accesses: &[Access]) -> TokenStream {
    fields
        .iter()
        .zip(accesses)
        .map(|(field, access)| {
            let sanitizers = field
                .sanitizers
                .iter()
                .map(|sanitizer| sanitizer_call(sanitizer, &access.unique(sanitizer.span)));
            let nested = field
                .rules
                .iter()
                .filter(|rule| matches!(rule.kind, RuleKind::Nested))
                .map(|rule| {
                    let target = access.unique(rule.span);
                    quote_spanned!(rule.span=> ::secure::__private::Validate::sanitize(#target);)
                });
            quote!(#(#sanitizers)* #(#nested)*)
        })
        .collect()
}

fn sanitizer_call(sanitizer: &Sanitizer, target: &TokenStream) -> TokenStream {
    let span = sanitizer.span;
    let function = |name: &str| {
        let name = Ident::new(name, span);
        quote_spanned!(span=> ::secure::__private::sanitize::#name(#target);)
    };
    match &sanitizer.kind {
        SanitizerKind::Trim => function("trim"),
        SanitizerKind::Lowercase => function("lowercase"),
        SanitizerKind::Uppercase => function("uppercase"),
        SanitizerKind::Nfc => function("nfc"),
        SanitizerKind::Nfkc => function("nfkc"),
        SanitizerKind::CollapseWhitespace => function("collapse_whitespace"),
        SanitizerKind::StripControl { multiline } => {
            quote_spanned!(span=> ::secure::__private::sanitize::strip_control(#target, #multiline);)
        }
        SanitizerKind::Custom(path) => quote_spanned!(span=> #path(#target);),
        SanitizerKind::Each(inner) => {
            let item = quote_spanned!(span=> __secure_item);
            let calls = inner
                .iter()
                .map(|sanitizer| sanitizer_call(sanitizer, &item));
            quote_spanned!(span=> ::secure::__private::sanitize::each(#target, |__secure_item| { #(#calls)* });)
        }
    }
}

fn check_fields(fields: &[Field<'_>], accesses: &[Access]) -> TokenStream {
    fields
        .iter()
        .zip(accesses)
        .filter(|(field, _)| {
            !field
                .rules
                .iter()
                .all(|rule| matches!(rule.kind, RuleKind::Skip))
        })
        .map(|(field, access)| {
            let enter = match &field.step {
                Step::Field(name) => quote!(let __secure_at = __secure_at.field(#name);),
                Step::Index(index) => quote!(let __secure_at = __secure_at.index(#index);),
                Step::Transparent => quote!(let __secure_at = *__secure_at;),
            };
            let sensitive = field
                .sensitive
                .then(|| quote!(let __secure_at = __secure_at.sensitive();));
            let rules = field.rules.iter().map(|rule| {
                let target = access.shared(rule.span);
                rule_check(rule, &target, Report::Value, &|other| {
                    let position = fields
                        .iter()
                        .position(|candidate| candidate.name == other)?;
                    Some((
                        accesses[position].shared(rule.span),
                        fields[position].client_name.clone(),
                    ))
                })
            });
            quote!({ #enter #sensitive #(#rules)* })
        })
        .collect()
}

#[derive(Clone, Copy)]
enum Report {
    Value,
    Key,
}

/// The statements that check one rule on `target` (an expression of type `&T`) and report
/// its failure at `__secure_at`.
fn rule_check(
    rule: &Rule,
    target: &TokenStream,
    report: Report,
    sibling: &dyn Fn(&str) -> Option<(TokenStream, String)>,
) -> TokenStream {
    let span = rule.span;
    let rules = quote_spanned!(span=> ::secure::__private::rules);
    let call = match &rule.kind {
        RuleKind::Length {
            unit,
            min,
            max,
            equal,
        } => {
            let function = match unit {
                LengthUnit::Default => quote_spanned!(span=> length),
                LengthUnit::Bytes => quote_spanned!(span=> length_bytes),
                LengthUnit::Graphemes => quote_spanned!(span=> length_graphemes),
            };
            let (min, max, equal) = (option(min), option(max), option(equal));
            quote_spanned!(span=> #rules::#function(#target, #rules::LengthBounds { min: #min, max: #max, equal: #equal }))
        }
        RuleKind::Range(bounds) => {
            // Each bound goes through `RangeBound`, so that a bound of another type than the
            // field's numbers is an error at the bound, in the rule's words.
            let bound = |bound: &Option<syn::Expr>| match bound {
                Some(expr) => {
                    let span = syn::spanned::Spanned::span(expr);
                    quote_spanned!(span=> ::core::option::Option::Some(
                        ::secure::__private::rules::RangeBound::into_bound(#expr)
                    ))
                }
                None => quote!(::core::option::Option::None),
            };
            let min = bound(&bounds.min);
            let max = bound(&bounds.max);
            let exclusive_min = bound(&bounds.exclusive_min);
            let exclusive_max = bound(&bounds.exclusive_max);
            quote_spanned!(span=> #rules::range(#target, #rules::RangeBounds {
                min: #min, max: #max, exclusive_min: #exclusive_min, exclusive_max: #exclusive_max,
            }))
        }
        RuleKind::Email => quote_spanned!(span=> #rules::email(#target)),
        RuleKind::Url { schemes: None } => {
            quote_spanned!(span=> #rules::url(#target, #rules::DEFAULT_URL_SCHEMES))
        }
        RuleKind::Url {
            schemes: Some(schemes),
        } => {
            let list = param_list(
                schemes
                    .iter()
                    .map(|scheme| quote!(::secure::__private::ParamValue::Str(#scheme))),
            );
            quote_spanned!(span=> #rules::url(#target, #list))
        }
        RuleKind::Pattern(source, shape) => {
            let pattern = match shape {
                None => quote!(::secure::__private::rules::Pattern::new(#source)),
                Some(AsciiClass { set, min, max }) => {
                    let max = match max {
                        Some(max) => quote!(::core::option::Option::Some(#max)),
                        None => quote!(::core::option::Option::None),
                    };
                    quote!(::secure::__private::rules::Pattern::ascii_class(#source, #set, #min, #max))
                }
            };
            return report_call(
                report,
                rule,
                quote_spanned!(span=> {
                    static __SECURE_PATTERN: ::secure::__private::rules::Pattern = #pattern;
                    #rules::pattern(#target, &__SECURE_PATTERN)
                }),
            );
        }
        RuleKind::OneOf(OneOf::Text(values)) => {
            let list = param_list(
                values
                    .iter()
                    .map(|value| quote!(::secure::__private::ParamValue::Str(#value))),
            );
            quote_spanned!(span=> #rules::one_of_text(#target, #list))
        }
        RuleKind::OneOf(OneOf::Number(values)) => {
            let literals = values.iter().map(|(expr, _)| expr);
            let list = param_list(values.iter().map(|(_, value)| match *value {
                NumberLit::Int(int) => match i64::try_from(int) {
                    Ok(int) => quote!(::secure::__private::ParamValue::Int(#int)),
                    Err(_) => {
                        let float = int as f64;
                        quote!(::secure::__private::ParamValue::Float(#float))
                    }
                },
                NumberLit::Float(float) => quote!(::secure::__private::ParamValue::Float(#float)),
            }));
            quote_spanned!(span=> #rules::one_of_number(#target, &[#(#literals),*], #list))
        }
        RuleKind::Ascii => quote_spanned!(span=> #rules::ascii(#target)),
        RuleKind::Alphanumeric => quote_spanned!(span=> #rules::alphanumeric(#target)),
        RuleKind::NoControl { multiline } => {
            quote_spanned!(span=> #rules::no_control(#target, #multiline))
        }
        RuleKind::Contains(text) => quote_spanned!(span=> #rules::contains(#target, #text)),
        RuleKind::NotContains(text) => quote_spanned!(span=> #rules::not_contains(#target, #text)),
        RuleKind::StartsWith(text) => quote_spanned!(span=> #rules::starts_with(#target, #text)),
        RuleKind::EndsWith(text) => quote_spanned!(span=> #rules::ends_with(#target, #text)),
        RuleKind::Ip => quote_spanned!(span=> #rules::ip(#target)),
        RuleKind::Ipv4 => quote_spanned!(span=> #rules::ipv4(#target)),
        RuleKind::Ipv6 => quote_spanned!(span=> #rules::ipv6(#target)),
        RuleKind::Uuid => quote_spanned!(span=> #rules::uuid(#target)),
        RuleKind::Required => quote_spanned!(span=> #rules::required(#target)),
        RuleKind::Custom(path) => {
            let span = path_span(path);
            quote_spanned!(span=> {
                let __secure_result: ::core::result::Result<(), ::secure::__private::RuleError> = #path(#target);
                __secure_result
            })
        }
        RuleKind::MustMatch(other) => {
            let name = syn::ext::IdentExt::unraw(other).to_string();
            let Some((other_target, client_name)) = sibling(&name) else {
                return TokenStream::new();
            };
            quote_spanned!(span=> #rules::must_match(#target, #other_target, #client_name))
        }
        RuleKind::Nested => {
            return quote_spanned!(span=> ::secure::__private::Validate::check(#target, &__secure_at, __secure_errors););
        }
        RuleKind::Each(inner) => {
            let item = quote_spanned!(span=> __secure_item);
            let checks = inner
                .iter()
                .map(|rule| rule_check(rule, &item, report, &|_| None));
            return quote_spanned!(span=>
                #rules::EachTarget::for_each_item(#target, |__secure_index, __secure_item| {
                    let __secure_at = __secure_at.index(__secure_index);
                    #(#checks)*
                });
            );
        }
        RuleKind::Keys(inner) => {
            let key = quote_spanned!(span=> __secure_key);
            let checks = inner
                .iter()
                .map(|rule| rule_check(rule, &key, Report::Key, &|_| None));
            return quote_spanned!(span=>
                #rules::MapTarget::for_each_entry(#target, |__secure_key, _| { #(#checks)* });
            );
        }
        RuleKind::Values(inner) => {
            let value = quote_spanned!(span=> __secure_value);
            let checks = inner
                .iter()
                .map(|rule| rule_check(rule, &value, report, &|_| None));
            return quote_spanned!(span=>
                #rules::MapTarget::for_each_entry(#target, |__secure_key, __secure_value| {
                    let __secure_at = __secure_at.key(__secure_key);
                    #(#checks)*
                });
            );
        }
        RuleKind::Skip => return TokenStream::new(),
    };
    report_call(report, rule, call)
}

fn report_call(report: Report, rule: &Rule, call: TokenStream) -> TokenStream {
    let call = match &rule.message {
        Some(message) => quote!(::secure::__private::with_message(#call, #message)),
        None => call,
    };
    let custom = matches!(rule.kind, RuleKind::Custom(_));
    match (report, custom) {
        (Report::Value, true) => {
            quote!(::secure::__private::report_custom(__secure_errors, &__secure_at, #call);)
        }
        (Report::Value, false) => {
            quote!(::secure::__private::report(__secure_errors, &__secure_at, #call);)
        }
        (Report::Key, true) => {
            quote!(::secure::__private::report_key_custom(__secure_errors, &__secure_at, #call);)
        }
        (Report::Key, false) => {
            quote!(::secure::__private::report_key(__secure_errors, &__secure_at, #call);)
        }
    }
}

fn option(expr: &Option<syn::Expr>) -> TokenStream {
    match expr {
        Some(expr) => {
            let span = syn::spanned::Spanned::span(expr);
            quote_spanned!(span=> ::core::option::Option::Some(#expr))
        }
        None => quote!(::core::option::Option::None),
    }
}

fn param_list(values: impl Iterator<Item = TokenStream>) -> TokenStream {
    quote!({
        const __SECURE_PARAMS: &[::secure::__private::ParamValue] = &[#(#values),*];
        __SECURE_PARAMS
    })
}

fn path_span(path: &syn::Path) -> Span {
    path.segments
        .last()
        .map_or_else(Span::call_site, |segment| segment.ident.span())
}

/// Where-clause predicates for a field whose type mentions a type parameter, so that a
/// generic type validates whenever its parameters allow.
fn field_predicates(
    field: &Field<'_>,
    own: &Ident,
    params: &HashSet<&Ident>,
    out: &mut Vec<syn::WherePredicate>,
) {
    // A recursive type (`children: Vec<Tree<T>>`) is bounded through its other fields only.
    if !mentions(field.ty, params) || mentions_own_type(field.ty, own) {
        return;
    }
    let ty = field.ty;
    if field.sanitizers.iter().any(|sanitizer| {
        !matches!(
            sanitizer.kind,
            SanitizerKind::Custom(_) | SanitizerKind::Each(_)
        )
    }) {
        out.push(syn::parse_quote!(#ty: ::secure::__private::sanitize::SanitizeTarget));
    }
    if field
        .sanitizers
        .iter()
        .any(|sanitizer| matches!(sanitizer.kind, SanitizerKind::Each(_)))
    {
        out.push(syn::parse_quote!(#ty: ::secure::__private::sanitize::EachMutTarget));
        out.push(syn::parse_quote!(<#ty as ::secure::__private::sanitize::EachMutTarget>::Item: ::secure::__private::sanitize::SanitizeTarget));
    }
    rule_predicates(&field.rules, &quote!(#ty), out);
}

fn rule_predicates(rules: &[Rule], ty: &TokenStream, out: &mut Vec<syn::WherePredicate>) {
    let target = quote!(::secure::__private::rules);
    for rule in rules {
        let bound = match &rule.kind {
            RuleKind::Length {
                unit: LengthUnit::Default,
                ..
            } => quote!(#target::LengthTarget),
            RuleKind::Length { .. } => quote!(#target::TextLengthTarget),
            RuleKind::Range(_) => quote!(#target::RangeTarget),
            RuleKind::OneOf(OneOf::Number(_)) => quote!(#target::OneOfNumberTarget),
            RuleKind::Email => quote!(#target::EmailTarget),
            RuleKind::Url { .. } => quote!(#target::UrlTarget),
            RuleKind::Pattern(..) => quote!(#target::PatternTarget),
            RuleKind::OneOf(OneOf::Text(_)) => quote!(#target::OneOfTextTarget),
            RuleKind::Ascii => quote!(#target::AsciiTarget),
            RuleKind::Alphanumeric => quote!(#target::AlphanumericTarget),
            RuleKind::NoControl { .. } => quote!(#target::NoControlTarget),
            RuleKind::Contains(_)
            | RuleKind::NotContains(_)
            | RuleKind::StartsWith(_)
            | RuleKind::EndsWith(_) => {
                quote!(#target::SubstringTarget)
            }
            RuleKind::Ip | RuleKind::Ipv4 | RuleKind::Ipv6 => quote!(#target::IpTarget),
            RuleKind::Uuid => quote!(#target::UuidTarget),
            RuleKind::Required => quote!(#target::RequiredTarget),
            RuleKind::MustMatch(_) => quote!(::core::cmp::PartialEq),
            RuleKind::Nested => quote!(::secure::__private::Validate),
            RuleKind::Each(inner) => {
                rule_predicates(inner, &quote!(<#ty as #target::EachTarget>::Item), out);
                quote!(#target::EachTarget)
            }
            RuleKind::Keys(inner) => {
                rule_predicates(inner, &quote!(<#ty as #target::MapTarget>::Key), out);
                quote!(#target::MapTarget)
            }
            RuleKind::Values(inner) => {
                rule_predicates(inner, &quote!(<#ty as #target::MapTarget>::Value), out);
                out.push(syn::parse_quote!(<#ty as #target::MapTarget>::Key: ::core::fmt::Display));
                quote!(#target::MapTarget)
            }
            RuleKind::Custom(_) | RuleKind::Skip => continue,
        };
        out.push(syn::parse_quote!(#ty: #bound));
    }
}
