//! `#[derive(SqlIdentifier)]`: the variants of a fieldless enum are the allowed names.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{Data, DeriveInput, Fields, LitStr};

use crate::errors::{Errors, with_fallback};

/// One allowed name.
struct Name {
    variant: syn::Ident,
    name: String,
    span: Span,
}

pub(crate) fn expand(input: &DeriveInput) -> TokenStream {
    let mut errors = Errors::default();
    let names = parse(input, &mut errors);
    check(&names, &mut errors);
    match errors.finish() {
        Ok(()) => emit(input, &names),
        Err(error) => with_fallback(error, fallback(input)),
    }
}

fn parse(input: &DeriveInput, errors: &mut Errors) -> Vec<Name> {
    let Data::Enum(data) = &input.data else {
        errors.at(
            &input.ident,
            "`SqlIdentifier` can only be derived for a fieldless enum, whose variants are the allowed names",
        );
        return Vec::new();
    };
    data.variants
        .iter()
        .filter_map(|variant| {
            if !matches!(variant.fields, Fields::Unit) {
                errors.at(
                    &variant.fields,
                    "a variant of a `SqlIdentifier` enum cannot have fields; each variant is one allowed name",
                );
            }
            let name = parse_name(variant, errors)?;
            Some(name)
        })
        .collect()
}

fn parse_name(variant: &syn::Variant, errors: &mut Errors) -> Option<Name> {
    let mut name = None;
    for attr in variant
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("sql"))
    {
        let parsed = attr.parse_nested_meta(|meta| {
            // #[sql(name = "column_name")]
            if meta.path.is_ident("name") {
                let value: LitStr = meta.value()?.parse()?;
                name = Some((value.value(), value.span()));
                Ok(())
            } else {
                Err(meta.error("unknown `#[sql(...)]` key; the only key is `name = \"...\"`"))
            }
        });
        errors.absorb(parsed)?;
    }
    let (name, span) = name.unwrap_or_else(|| {
        let ident = syn::ext::IdentExt::unraw(&variant.ident).to_string();
        (snake_case(&ident), variant.ident.span())
    });
    Some(Name {
        variant: variant.ident.clone(),
        name,
        span,
    })
}

fn check(names: &[Name], errors: &mut Errors) {
    for (position, name) in names.iter().enumerate() {
        if !is_identifier(&name.name) {
            errors.push(syn::Error::new(
                name.span,
                format!(
                    "`{}` is not a plain SQL identifier; use letters, digits and `_`, not starting with a digit, or rename it with `#[sql(name = \"...\")]`",
                    name.name
                ),
            ));
        }
        if names[..position]
            .iter()
            .any(|earlier| earlier.name == name.name)
        {
            errors.push(syn::Error::new(
                name.span,
                format!("the SQL identifier `{}` is listed twice", name.name),
            ));
        }
    }
}

fn is_identifier(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// `CreatedAt` → `created_at`, `HTTPStatus` → `http_status`.
fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (at, c) in chars.iter().enumerate() {
        let previous = at.checked_sub(1).map(|before| chars[before]);
        let next = chars.get(at + 1);
        let boundary = c.is_uppercase()
            && previous.is_some_and(|p| {
                p.is_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_uppercase() && next.is_some_and(|n| n.is_lowercase()))
            });
        if boundary {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

fn emit(input: &DeriveInput, names: &[Name]) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, type_generics, where_clause) = input.generics.split_for_impl();
    let arms = names
        .iter()
        .map(|Name { variant, name, .. }| quote!(Self::#variant => #name,));
    quote! {
        #[automatically_derived]
        impl #impl_generics ::secure::__private::sql::SqlIdentifier for #ident #type_generics #where_clause {
            fn sql_identifier(&self) -> &'static str {
                match *self {
                    #(#arms)*
                }
            }
        }
    }
}

fn fallback(input: &DeriveInput) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, type_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        impl #impl_generics ::secure::__private::sql::SqlIdentifier for #ident #type_generics #where_clause {
            fn sql_identifier(&self) -> &'static str {
                ""
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::snake_case;

    #[test]
    fn converts_variant_names() {
        assert_eq!(snake_case("CreatedAt"), "created_at");
        assert_eq!(snake_case("HTTPStatus"), "http_status");
        assert_eq!(snake_case("Name"), "name");
        assert_eq!(snake_case("Address2Line"), "address2_line");
    }
}
