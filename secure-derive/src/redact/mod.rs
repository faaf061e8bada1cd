//! `#[derive(Redact)]`: a `Debug` that hides `#[sensitive]` values, and their redacted
//! serialization for logs and audit records. Parse → emit; the model is small enough that
//! its checks happen while parsing.

mod emit;

use proc_macro2::{Span, TokenStream};
use syn::ext::IdentExt;
use syn::{Data, DeriveInput, Fields, Ident, Member, Type};

use crate::errors::{Errors, with_fallback};
use crate::sensitive::{self, Sensitive};
use crate::serde_attr::{Direction, RenameRule, SerdeContainer, SerdeField, SerdeVariant, Tagging};

pub(crate) fn expand(input: &DeriveInput) -> TokenStream {
    let mut errors = Errors::default();
    let model = parse(input, &mut errors);
    match errors.finish() {
        Ok(()) => {
            let mut tokens = emit::emit(&model);
            tokens.extend(sensitive::serialize_probes(input));
            tokens
        }
        Err(error) => with_fallback(error, emit::fallback(input)),
    }
}

const DEBUG_WRITTEN_HERE: &str = "`#[derive(Redact)]` writes the `Debug` impl, with sensitive values hidden; remove `Debug` from this derive";

struct Input<'a> {
    ident: &'a Ident,
    /// The name `Debug` prints: the identifier without `r#`.
    name: String,
    generics: &'a syn::Generics,
    /// `#[sensitive]` on the whole type.
    sensitive: bool,
    shape: Shape<'a>,
    /// How serde's derive lays the value out: the enum's tagging (a tag on a struct is
    /// `Internal`), `transparent`, and the name a tag gives a struct.
    tagging: Tagging,
    transparent: bool,
    tag_value: String,
    /// A later `#[derive(Debug)]`, which would conflict with the `Debug` written here, and
    /// what to say about it.
    derives_debug: Option<(Span, &'static str)>,
}

enum Shape<'a> {
    Struct(Style, Vec<Field<'a>>),
    Enum(Vec<Variant<'a>>),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Named,
    Tuple,
    Unit,
}

struct Variant<'a> {
    ident: &'a Ident,
    name: String,
    client_name: String,
    style: Style,
    sensitive: bool,
    /// `#[serde(untagged)]` on the variant: its content alone, whatever the enum's tagging.
    untagged: bool,
    /// `#[serde(skip_serializing)]` on the variant: serializing it is an error.
    skip_serializing: bool,
    fields: Vec<Field<'a>>,
}

struct Field<'a> {
    member: Member,
    name: String,
    client_name: String,
    ty: &'a Type,
    sensitive: Option<Sensitive>,
    serde: SerdeField,
    /// How a field with `#[serde(serialize_with = "..")]` shows in the redacted form.
    written_by: Option<WrittenBy>,
}

/// The redacted form of a field that serde writes with a function of the user's.
enum WrittenBy {
    /// The same function, when the field's type names no parameter of the type, so that a
    /// local wrapper can call it.
    Function(syn::ExprPath),
    /// `[REDACTED]`, for a field of a generic type: what the function writes is unknown.
    Hidden,
}

fn parse<'a>(input: &'a DeriveInput, errors: &mut Errors) -> Input<'a> {
    let serde = SerdeContainer::from_attrs(&input.attrs, Direction::Serialize);
    let sensitive = sensitive::parse(&input.attrs, errors).is_some();
    let shape = match &input.data {
        Data::Struct(data) => Shape::Struct(
            style(&data.fields),
            parse_fields(&data.fields, serde.rename_all, &input.generics, errors),
        ),
        Data::Enum(data) => Shape::Enum(
            data.variants
                .iter()
                .map(|variant| {
                    let variant_serde =
                        SerdeVariant::from_attrs(&variant.attrs, Direction::Serialize);
                    let name = variant.ident.unraw().to_string();
                    let client_name = variant_serde.rename.clone().unwrap_or_else(|| {
                        serde
                            .rename_all
                            .map_or(name.clone(), |rule| rule.apply_to_variant(&name))
                    });
                    let rename_fields = variant_serde.rename_all.or(serde.rename_all_fields);
                    Variant {
                        ident: &variant.ident,
                        name,
                        client_name,
                        style: style(&variant.fields),
                        sensitive: sensitive::parse(&variant.attrs, errors).is_some(),
                        untagged: variant_serde.untagged,
                        skip_serializing: variant_serde.skip_serializing,
                        fields: parse_fields(
                            &variant.fields,
                            rename_fields,
                            &input.generics,
                            errors,
                        ),
                    }
                })
                .collect(),
        ),
        Data::Union(data) => {
            errors.at(data.union_token, "`Redact` cannot be derived for unions");
            Shape::Struct(Style::Unit, Vec::new())
        }
    };
    let name = input.ident.unraw().to_string();
    Input {
        ident: &input.ident,
        tag_value: serde.rename.clone().unwrap_or_else(|| name.clone()),
        name,
        generics: &input.generics,
        sensitive,
        shape,
        tagging: serde.tagging.clone(),
        transparent: serde.transparent,
        derives_debug: sensitive::later_debug_derive(&input.attrs).map(|span| {
            let message = match sensitive::has_marks(input) {
                true => sensitive::DEBUG_PRINTS_SENSITIVE_VALUES,
                false => DEBUG_WRITTEN_HERE,
            };
            (span, message)
        }),
    }
}

fn style(fields: &Fields) -> Style {
    match fields {
        Fields::Named(_) => Style::Named,
        Fields::Unnamed(_) => Style::Tuple,
        Fields::Unit => Style::Unit,
    }
}

fn parse_fields<'a>(
    fields: &'a Fields,
    rename_all: Option<RenameRule>,
    generics: &syn::Generics,
    errors: &mut Errors,
) -> Vec<Field<'a>> {
    fields
        .iter()
        .enumerate()
        .map(|(index, field)| {
            let serde = SerdeField::from_attrs(&field.attrs, Direction::Serialize);
            let (member, name) = match &field.ident {
                Some(ident) => (Member::Named(ident.clone()), ident.unraw().to_string()),
                None => (Member::Unnamed(index.into()), index.to_string()),
            };
            let client_name = match (&serde.rename, rename_all) {
                (Some(rename), _) => rename.clone(),
                (None, Some(rule)) if field.ident.is_some() => rule.apply_to_field(&name),
                _ => name.clone(),
            };
            let sensitive = sensitive::parse(&field.attrs, errors);
            let written_by =
                serde
                    .serialize_with_path
                    .clone()
                    .map(
                        |path| match crate::generics::names_generic(&field.ty, generics) {
                            true => WrittenBy::Hidden,
                            false => WrittenBy::Function(path),
                        },
                    );
            Field {
                member,
                name,
                client_name,
                ty: &field.ty,
                sensitive,
                serde,
                written_by,
            }
        })
        .collect()
}
