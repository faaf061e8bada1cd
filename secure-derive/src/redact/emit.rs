//! Code generation for `#[derive(Redact)]`.

use std::collections::HashSet;

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::Ident;

use super::{Field, Input, Shape, Style, Variant};
use crate::generics::mentions;
use crate::sensitive::Mask;

pub(super) fn emit(input: &Input<'_>) -> TokenStream {
    let debug = match input.derives_debug {
        Some((span, message)) => quote_spanned!(span=> ::core::compile_error!(#message);),
        None => debug_impl(input),
    };
    let serialize = serialize_impl(input);
    quote! {
        #[doc(hidden)]
        const _: () = {
            #debug
            #serialize
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
        if !mentions(field.ty, &params) {
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

/// The value a field shows: its own, `[REDACTED]`, or a partial mask.
fn shown(field: &Field<'_>, access: &TokenStream, hide_all: bool) -> TokenStream {
    match field.sensitive.map(|sensitive| sensitive.mask) {
        _ if hide_all => quote!(&::secure::__private::redact::Hidden),
        None => quote!(#access),
        Some(Mask::Full) => quote!(&::secure::__private::redact::Hidden),
        Some(Mask::Partial { first, last }) => {
            let span = field
                .sensitive
                .map_or_else(Span::call_site, |sensitive| sensitive.span);
            let access = respan(access.clone(), span);
            quote_spanned!(span=> &::secure::__private::redact::Partial::of(#access, #first, #last))
        }
    }
}

/// The same tokens, all spanned at `span`, so that a type error in them points there.
fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tree| {
            if let proc_macro2::TokenTree::Group(group) = &tree {
                let mut inner =
                    proc_macro2::Group::new(group.delimiter(), respan(group.stream(), span));
                inner.set_span(span);
                tree = proc_macro2::TokenTree::Group(inner);
            }
            tree.set_span(span);
            tree
        })
        .collect()
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
            serialize_struct(name, *style, fields, &accesses)
        }
        Shape::Enum(variants) if variants.is_empty() => quote!(match *self {}),
        Shape::Enum(variants) => {
            let arms = variants.iter().enumerate().map(|(index, variant)| {
                let (pattern, bindings) = variant_pattern(variant);
                let body = serialize_variant(name, index as u32, variant, &bindings);
                quote!(#pattern => #body,)
            });
            quote!(match self { #(#arms)* })
        }
    };
    quote! {
        #[automatically_derived]
        impl #impl_generics ::secure::__private::redact::SerializeRedacted for #ident #type_generics #where_clause {
            fn serialize_redacted<__S: ::secure::__private::serde::Serializer>(
                &self,
                __secure_serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                #[allow(unused_imports)]
                use ::secure::__private::redact::{UsePlain as _, UseRedacted as _};
                #[allow(unused_imports)]
                use ::secure::__private::serde::ser::{
                    SerializeStruct as _, SerializeStructVariant as _, SerializeTupleStruct as _,
                    SerializeTupleVariant as _,
                };
                #body
            }
        }
    }
}

fn serialized(field: &Field<'_>, access: &TokenStream) -> TokenStream {
    match field.sensitive.map(|sensitive| sensitive.mask) {
        None => quote!(&(&::secure::__private::redact::Field(#access)).pick()),
        Some(_) => shown(field, access, false),
    }
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
