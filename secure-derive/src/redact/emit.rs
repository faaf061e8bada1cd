//! Code generation for `#[derive(Redact)]`.

use std::collections::HashSet;

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::Ident;

use super::{Field, Input, Shape, Style, Variant, WrittenBy};
use crate::generics::{mentions, mentions_own_type};
use crate::sensitive::Mask;
use crate::serde_attr::Tagging;

pub(super) fn emit(input: &Input<'_>) -> TokenStream {
    let debug = match input.derives_debug {
        Some((span, message)) => quote_spanned!(span=> ::core::compile_error!(#message);),
        None => debug_impl(input),
    };
    let serialize = serialize_impl(input);
    let ident = input.ident;
    let (impl_generics, type_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        #[doc(hidden)]
        const _: () = {
            #debug
            #serialize
            #[automatically_derived]
            impl #impl_generics ::secure::__private::redact::DebugByRedact for #ident #type_generics #where_clause {}
        };
    }
}

pub(super) fn fallback(input: &syn::DeriveInput) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, type_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        const _: () = {
            #[automatically_derived]
            impl #impl_generics ::core::fmt::Debug for #ident #type_generics #where_clause {
                fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::unreachable!()
                }
            }
            impl #impl_generics ::secure::__private::redact::DebugByRedact for #ident #type_generics #where_clause {}
        };
    }
}

fn fields_of<'a>(input: &'a Input<'_>) -> Vec<&'a Field<'a>> {
    match &input.shape {
        Shape::Struct(_, fields) => fields.iter().collect(),
        Shape::Enum(variants) => variants
            .iter()
            .flat_map(|variant| &variant.fields)
            .collect(),
    }
}

/// `impl` generics with `bound` added for every generic field type that is shown.
fn generics_with(
    input: &Input<'_>,
    bound: TokenStream,
    partial_bound: TokenStream,
) -> syn::Generics {
    let params: HashSet<&Ident> = input
        .generics
        .type_params()
        .map(|param| &param.ident)
        .collect();
    let mut generics = input.generics.clone();
    let where_clause = generics.make_where_clause();
    for field in fields_of(input) {
        // A recursive type (`children: Vec<Tree<T>>`) is bounded through its other fields
        // only: a bound on that field would ask the impl to prove itself.
        if !mentions(field.ty, &params) || mentions_own_type(field.ty, input.ident) {
            continue;
        }
        let ty = field.ty;
        match field.sensitive.map(|sensitive| sensitive.mask) {
            None => where_clause.predicates.push(syn::parse_quote!(#ty: #bound)),
            Some(Mask::Partial { .. }) => where_clause
                .predicates
                .push(syn::parse_quote!(#ty: #partial_bound)),
            Some(Mask::Full) => {}
        }
    }
    generics
}

fn debug_impl(input: &Input<'_>) -> TokenStream {
    let ident = input.ident;
    let generics = generics_with(
        input,
        quote!(::core::fmt::Debug),
        quote!(::secure::__private::redact::MaskTarget),
    );
    let (impl_generics, type_generics, where_clause) = generics.split_for_impl();
    let name = &input.name;
    let body = match &input.shape {
        _ if input.sensitive => {
            quote!(__secure_f.debug_tuple(#name).field(&::secure::__private::redact::Hidden).finish())
        }
        Shape::Struct(style, fields) => {
            let accesses: Vec<TokenStream> = fields
                .iter()
                .map(|field| {
                    let member = &field.member;
                    quote!(&self.#member)
                })
                .collect();
            debug_fields(name, *style, fields, &accesses, false)
        }
        Shape::Enum(variants) if variants.is_empty() => quote!(match *self {}),
        Shape::Enum(variants) => {
            let arms = variants.iter().map(|variant| {
                let (pattern, bindings) = variant_pattern(variant);
                let body = debug_fields(
                    &variant.name,
                    variant.style,
                    &variant.fields,
                    &bindings,
                    variant.sensitive,
                );
                quote!(#pattern => #body,)
            });
            quote!(match self { #(#arms)* })
        }
    };
    quote! {
        #[automatically_derived]
        #[allow(unused_braces)]
        impl #impl_generics ::core::fmt::Debug for #ident #type_generics #where_clause {
            fn fmt(&self, __secure_f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #body
            }
        }
    }
}

fn debug_fields(
    name: &str,
    style: Style,
    fields: &[Field<'_>],
    accesses: &[TokenStream],
    hide_all: bool,
) -> TokenStream {
    let values: Vec<TokenStream> = fields
        .iter()
        .zip(accesses)
        .map(|(field, access)| shown(field, access, hide_all))
        .collect();
    match style {
        Style::Unit => quote!(__secure_f.write_str(#name)),
        Style::Tuple => quote!(__secure_f.debug_tuple(#name) #(.field(#values))* .finish()),
        Style::Named => {
            let names = fields.iter().map(|field| &field.name);
            quote!(__secure_f.debug_struct(#name) #(.field(#names, #values))* .finish())
        }
    }
}

/// The value a field shows in `Debug`: its own, `[REDACTED]`, or a partial mask.
fn shown(field: &Field<'_>, access: &TokenStream, hide_all: bool) -> TokenStream {
    if hide_all {
        return quote!(&::secure::__private::redact::Hidden);
    }
    match masked(field, access) {
        Some(mask) => quote!(&#mask),
        None => quote!(#access),
    }
}

/// What a `#[sensitive]` field shows in place of its value, as a value: `Hidden`, or a
/// partial mask spanned on the mark; `None` for a field that is not sensitive.
fn masked(field: &Field<'_>, access: &TokenStream) -> Option<TokenStream> {
    let sensitive = field.sensitive?;
    Some(match sensitive.mask {
        Mask::Full => quote!(::secure::__private::redact::Hidden),
        Mask::Partial { first, last } => {
            let span = sensitive.span;
            let access = respan(access.clone(), span);
            quote_spanned!(span=> ::secure::__private::redact::Partial::of(#access, #first, #last))
        }
    })
}

/// `{ access }`, its braces spanned at `span` so that a type error points at the mark, its
/// inside keeping the derive's own hygiene so that the bindings resolve even when the mark's
/// tokens come from a `macro_rules!` caller.
fn respan(access: TokenStream, span: Span) -> TokenStream {
    let mut block = proc_macro2::Group::new(proc_macro2::Delimiter::Brace, access);
    block.set_span(span);
    quote!(#block)
}

fn variant_pattern(variant: &Variant<'_>) -> (TokenStream, Vec<TokenStream>) {
    let ident = variant.ident;
    let bindings: Vec<Ident> = (0..variant.fields.len())
        .map(|index| format_ident!("__secure_field_{}", index))
        .collect();
    let pattern = match variant.style {
        Style::Named => {
            let members = variant.fields.iter().map(|field| &field.member);
            quote!(Self::#ident { #(#members: #bindings),* })
        }
        Style::Tuple => quote!(Self::#ident(#(#bindings),*)),
        Style::Unit => quote!(Self::#ident),
    };
    (
        pattern,
        bindings.iter().map(|binding| quote!(#binding)).collect(),
    )
}

fn serialize_impl(input: &Input<'_>) -> TokenStream {
    let ident = input.ident;
    let generics = generics_with(
        input,
        quote!(::secure::__private::serde::Serialize),
        quote!(::secure::__private::redact::MaskTarget),
    );
    let (impl_generics, type_generics, where_clause) = generics.split_for_impl();
    let name = &input.name;
    let body = match &input.shape {
        _ if input.sensitive => {
            quote!(__secure_serializer.serialize_str(::secure::__private::redact::REDACTED))
        }
        Shape::Struct(style, fields) => {
            let accesses: Vec<TokenStream> = fields
                .iter()
                .map(|field| {
                    let member = &field.member;
                    quote!(&self.#member)
                })
                .collect();
            if input.transparent
                || matches!(input.tagging, Tagging::Internal { .. })
                || has_flatten(fields)
            {
                laid_out_struct(input, *style, fields, &accesses)
            } else {
                serialize_struct(name, *style, fields, &accesses)
            }
        }
        Shape::Enum(variants) if variants.is_empty() => quote!(match *self {}),
        Shape::Enum(variants) => {
            let arms = variants.iter().enumerate().map(|(index, variant)| {
                let (pattern, bindings) = variant_pattern(variant);
                let body = match (&input.tagging, variant.untagged) {
                    // serde refuses to serialize the variant; so does its redacted form.
                    _ if variant.skip_serializing && !variant.sensitive => {
                        let message = format!(
                            "the enum variant {}::{} cannot be serialized",
                            name, variant.name
                        );
                        quote!(::core::result::Result::Err(
                            <__S::Error as ::secure::__private::serde::ser::Error>::custom(#message)
                        ))
                    }
                    (Tagging::External, false) if !has_flatten(&variant.fields) => {
                        serialize_variant(name, index as u32, variant, &bindings)
                    }
                    (tagging, untagged) => {
                        let tagging = if untagged {
                            &Tagging::Untagged
                        } else {
                            tagging
                        };
                        laid_out_variant(name, index as u32, tagging, variant, &bindings)
                    }
                };
                quote!(#pattern => #body,)
            });
            quote!(match self { #(#arms)* })
        }
    };
    quote! {
        #[automatically_derived]
        #[allow(unused_braces)]
        impl #impl_generics ::secure::__private::redact::SerializeRedacted for #ident #type_generics #where_clause {
            fn serialize_redacted<__S: ::secure::__private::serde::Serializer>(
                &self,
                __secure_serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                #[allow(unused_imports)]
                use ::secure::__private::redact::{UsePlain as _, UseRedacted as _};
                #[allow(unused_imports)]
                use ::secure::__private::serde::ser::{
                    SerializeMap as _, SerializeStruct as _, SerializeStructVariant as _,
                    SerializeTupleStruct as _, SerializeTupleVariant as _,
                };
                #body
            }
        }
    }
}

fn serialized(field: &Field<'_>, access: &TokenStream) -> TokenStream {
    let value = serialized_value(field, access);
    quote!(&#value)
}

fn serialize_struct(
    name: &str,
    style: Style,
    fields: &[Field<'_>],
    accesses: &[TokenStream],
) -> TokenStream {
    let kept: Vec<(&Field<'_>, &TokenStream)> = fields
        .iter()
        .zip(accesses)
        .filter(|(field, _)| !field.serde.skip_serializing)
        .collect();
    let count = kept.len();
    match style {
        Style::Unit => quote!(__secure_serializer.serialize_unit_struct(#name)),
        Style::Tuple if fields.len() == 1 && count == 1 => {
            let value = serialized(kept[0].0, kept[0].1);
            quote!(__secure_serializer.serialize_newtype_struct(#name, #value))
        }
        // serde writes a newtype whose one field is skipped as a unit.
        Style::Tuple if fields.len() == 1 => {
            quote!(__secure_serializer.serialize_unit_struct(#name))
        }
        Style::Tuple => {
            let values = kept.iter().map(|(field, access)| serialized(field, access));
            quote!({
                let mut __secure_state = __secure_serializer.serialize_tuple_struct(#name, #count)?;
                #(__secure_state.serialize_field(#values)?;)*
                __secure_state.end()
            })
        }
        Style::Named => {
            let entries = kept
                .iter()
                .map(|(field, access)| named_entry(field, access));
            quote!({
                let mut __secure_state = __secure_serializer.serialize_struct(#name, #count)?;
                #(#entries)*
                __secure_state.end()
            })
        }
    }
}

fn named_entry(field: &Field<'_>, access: &TokenStream) -> TokenStream {
    let key = &field.client_name;
    let value = serialized(field, access);
    match &field.serde.skip_serializing_if {
        Some(skip) => quote!(if #skip(#access) {
            __secure_state.skip_field(#key)?;
        } else {
            __secure_state.serialize_field(#key, #value)?;
        }),
        None => quote!(__secure_state.serialize_field(#key, #value)?;),
    }
}

fn serialize_variant(
    name: &str,
    index: u32,
    variant: &Variant<'_>,
    bindings: &[TokenStream],
) -> TokenStream {
    let client_name = &variant.client_name;
    if variant.sensitive {
        return quote!(__secure_serializer.serialize_newtype_variant(
            #name, #index, #client_name, &::secure::__private::redact::Hidden,
        ));
    }
    let kept: Vec<(&Field<'_>, &TokenStream)> = variant
        .fields
        .iter()
        .zip(bindings)
        .filter(|(field, _)| !field.serde.skip_serializing)
        .collect();
    let count = kept.len();
    match variant.style {
        Style::Unit => {
            quote!(__secure_serializer.serialize_unit_variant(#name, #index, #client_name))
        }
        Style::Tuple if variant.fields.len() == 1 && count == 1 => {
            let value = serialized(kept[0].0, kept[0].1);
            quote!(__secure_serializer.serialize_newtype_variant(#name, #index, #client_name, #value))
        }
        Style::Tuple if variant.fields.len() == 1 => {
            quote!(__secure_serializer.serialize_unit_variant(#name, #index, #client_name))
        }
        Style::Tuple => {
            let values = kept.iter().map(|(field, access)| serialized(field, access));
            quote!({
                let mut __secure_state = __secure_serializer.serialize_tuple_variant(#name, #index, #client_name, #count)?;
                #(__secure_state.serialize_field(#values)?;)*
                __secure_state.end()
            })
        }
        Style::Named => {
            let entries = kept
                .iter()
                .map(|(field, access)| named_entry(field, access));
            quote!({
                let mut __secure_state = __secure_serializer.serialize_struct_variant(#name, #index, #client_name, #count)?;
                #(#entries)*
                __secure_state.end()
            })
        }
    }
}

fn has_flatten(fields: &[Field<'_>]) -> bool {
    fields
        .iter()
        .any(|field| field.serde.flatten && !field.serde.skip_serializing)
}

/// A struct laid out as serde's derive lays it out for `transparent`, a tag, or a flattened
/// field.
fn laid_out_struct(
    input: &Input<'_>,
    style: Style,
    fields: &[Field<'_>],
    accesses: &[TokenStream],
) -> TokenStream {
    let kept = kept(fields, accesses);
    if input.transparent {
        let value = match kept.first() {
            Some((field, access)) => serialized_value(field, access),
            None => quote!(()),
        };
        return quote!(::secure::__private::serde::Serialize::serialize(&#value, __secure_serializer));
    }
    let (items, value) = content(&input.name, style, &kept, fields.len(), false);
    match &input.tagging {
        Tagging::Internal { tag } => {
            let tag_value = &input.tag_value;
            tagged_map(tag, tag_value, items, Some(value))
        }
        _ => quote!({
            #items
            ::secure::__private::serde::Serialize::serialize(&#value, __secure_serializer)
        }),
    }
}

/// A variant laid out for a tagging other than serde's default, or with a flattened field.
fn laid_out_variant(
    name: &str,
    index: u32,
    tagging: &Tagging,
    variant: &Variant<'_>,
    bindings: &[TokenStream],
) -> TokenStream {
    let client_name = &variant.client_name;
    let kept = kept(&variant.fields, bindings);
    let (items, value) = content(
        &variant.name,
        variant.style,
        &kept,
        variant.fields.len(),
        variant.sensitive,
    );
    let empty = variant.style == Style::Unit;
    match tagging {
        Tagging::External => quote!({
            #items
            __secure_serializer.serialize_newtype_variant(#name, #index, #client_name, &#value)
        }),
        Tagging::Untagged => quote!({
            #items
            ::secure::__private::serde::Serialize::serialize(&#value, __secure_serializer)
        }),
        Tagging::Adjacent { tag, content } => {
            let content =
                (!empty).then(|| quote!(__secure_state.serialize_field(#content, &#value)?;));
            let count = 1 + usize::from(!empty);
            quote!({
                #items
                let mut __secure_state = __secure_serializer.serialize_struct(#name, #count)?;
                __secure_state.serialize_field(#tag, #client_name)?;
                #content
                __secure_state.end()
            })
        }
        // A hidden variant shows its tag alone: its content is one secret.
        Tagging::Internal { tag } => {
            let content = (!empty && !variant.sensitive).then_some(value);
            tagged_map(tag, client_name, items, content)
        }
    }
}

/// `{tag: tag_value, ..content's entries}`.
fn tagged_map(
    tag: &str,
    tag_value: &str,
    items: TokenStream,
    content: Option<TokenStream>,
) -> TokenStream {
    let content = content.map(|value| {
        quote!(::secure::__private::serde::Serialize::serialize(
            &#value,
            ::secure::__private::redact::FlatMap(&mut __secure_state),
        )?;)
    });
    quote!({
        #items
        let mut __secure_state = __secure_serializer.serialize_map(::core::option::Option::None)?;
        __secure_state.serialize_entry(#tag, #tag_value)?;
        #content
        __secure_state.end()
    })
}

fn kept<'f, 'a>(
    fields: &'f [Field<'a>],
    accesses: &'f [TokenStream],
) -> Vec<(&'f Field<'a>, &'f TokenStream)> {
    fields
        .iter()
        .zip(accesses)
        .filter(|(field, _)| !field.serde.skip_serializing)
        .collect()
}

/// What a field shows in the redacted serialization, as a value rather than a reference, so
/// that it can be stored: its mask, the user's `serialize_with` function, or its own
/// redacted or plain serialization.
fn serialized_value(field: &Field<'_>, access: &TokenStream) -> TokenStream {
    if let Some(mask) = masked(field, access) {
        return mask;
    }
    match &field.written_by {
        None => quote!((&::secure::__private::redact::Field(#access)).pick()),
        Some(WrittenBy::Hidden) => quote!(::secure::__private::redact::Hidden),
        Some(WrittenBy::Function(path)) => {
            let ty = field.ty;
            let serde = quote!(::secure::__private::serde);
            quote!({
                struct __SecureWith<'__a>(&'__a #ty);
                impl #serde::Serialize for __SecureWith<'_> {
                    fn serialize<__S: #serde::Serializer>(
                        &self,
                        __secure_serializer: __S,
                    ) -> ::core::result::Result<__S::Ok, __S::Error> {
                        #path(self.0, __secure_serializer)
                    }
                }
                __SecureWith(#access)
            })
        }
    }
}

/// The fields alone, as serde's untagged form writes them: items to define first, and a
/// value expression. Named fields become a local struct, generic over each field's value,
/// whose `Serialize` writes a struct, or a map when a field is flattened into it.
fn content(
    name: &str,
    style: Style,
    kept: &[(&Field<'_>, &TokenStream)],
    total: usize,
    hidden: bool,
) -> (TokenStream, TokenStream) {
    if hidden {
        return (
            TokenStream::new(),
            quote!(::secure::__private::redact::Hidden),
        );
    }
    let values: Vec<TokenStream> = kept
        .iter()
        .map(|(field, access)| serialized_value(field, access))
        .collect();
    match style {
        Style::Unit => (TokenStream::new(), quote!(())),
        Style::Tuple if total == 1 && values.len() == 1 => (TokenStream::new(), values[0].clone()),
        Style::Tuple if total == 1 => (TokenStream::new(), quote!(())),
        // An empty tuple is a sequence of none, `[]`, where `()` would be a unit.
        Style::Tuple if values.is_empty() => (TokenStream::new(), quote!([(); 0])),
        Style::Tuple => (TokenStream::new(), quote!((#(#values,)*))),
        Style::Named => {
            let params: Vec<Ident> = (0..kept.len())
                .map(|index| format_ident!("__SecureF{}", index))
                .collect();
            let members: Vec<Ident> = (0..kept.len())
                .map(|index| format_ident!("f{}", index))
                .collect();
            let skips = kept
                .iter()
                .map(|(field, access)| match &field.serde.skip_serializing_if {
                    Some(skip) => quote!(#skip(#access)),
                    None => quote!(false),
                });
            let flatten = kept.iter().any(|(field, _)| field.serde.flatten);
            let count = kept.len();
            let serde = quote!(::secure::__private::serde);
            let writes = kept.iter().zip(&members).map(|((field, _), member)| {
                let key = &field.client_name;
                match (flatten, field.serde.flatten) {
                    (true, true) => quote!(if !self.#member.0 {
                        #serde::Serialize::serialize(
                            &self.#member.1,
                            ::secure::__private::redact::FlatMap(&mut __secure_state),
                        )?;
                    }),
                    (true, false) => quote!(if !self.#member.0 {
                        #serde::ser::SerializeMap::serialize_entry(&mut __secure_state, #key, &self.#member.1)?;
                    }),
                    (false, _) => quote!(if self.#member.0 {
                        #serde::ser::SerializeStruct::skip_field(&mut __secure_state, #key)?;
                    } else {
                        #serde::ser::SerializeStruct::serialize_field(&mut __secure_state, #key, &self.#member.1)?;
                    }),
                }
            });
            let (open, end) = if flatten {
                (
                    quote!(__secure_serializer.serialize_map(::core::option::Option::None)?),
                    quote!(#serde::ser::SerializeMap::end(__secure_state)),
                )
            } else {
                (
                    quote!(__secure_serializer.serialize_struct(#name, #count)?),
                    quote!(#serde::ser::SerializeStruct::end(__secure_state)),
                )
            };
            let items = quote! {
                struct __SecureContent<#(#params),*> { #(#members: (bool, #params),)* }

                impl<#(#params: #serde::Serialize),*> #serde::Serialize for __SecureContent<#(#params),*> {
                    #[allow(unused_mut)]
                    fn serialize<__S: #serde::Serializer>(
                        &self,
                        __secure_serializer: __S,
                    ) -> ::core::result::Result<__S::Ok, __S::Error> {
                        let mut __secure_state = #open;
                        #(#writes)*
                        #end
                    }
                }
            };
            let value = quote!(__SecureContent { #(#members: (#skips, #values),)* });
            (items, value)
        }
    }
}
