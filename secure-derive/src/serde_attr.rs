//! What `#[serde(..)]` says about names, bounds and what serialization writes: the names a
//! client sends, so that error paths match them, and the names and bounds of `Serialize`,
//! so that the redacted form and the plain-text checks match serde's own impl.
//!
//! Reading is lenient: serde reports its own attribute mistakes, so anything not understood
//! here is skipped rather than turned into a second error.

use syn::meta::ParseNestedMeta;
use syn::{Attribute, LitStr, Token};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RenameRule {
    Lower,
    Upper,
    Pascal,
    Camel,
    Snake,
    ScreamingSnake,
    Kebab,
    ScreamingKebab,
}

impl RenameRule {
    fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "lowercase" => RenameRule::Lower,
            "UPPERCASE" => RenameRule::Upper,
            "PascalCase" => RenameRule::Pascal,
            "camelCase" => RenameRule::Camel,
            "snake_case" => RenameRule::Snake,
            "SCREAMING_SNAKE_CASE" => RenameRule::ScreamingSnake,
            "kebab-case" => RenameRule::Kebab,
            "SCREAMING-KEBAB-CASE" => RenameRule::ScreamingKebab,
            _ => return None,
        })
    }

    /// Renames a field written in `snake_case`.
    pub(crate) fn apply_to_field(self, field: &str) -> String {
        match self {
            RenameRule::Lower | RenameRule::Snake => field.to_owned(),
            RenameRule::Upper | RenameRule::ScreamingSnake => field.to_ascii_uppercase(),
            RenameRule::Pascal => pascal(field),
            RenameRule::Camel => {
                let pascal = pascal(field);
                let mut chars = pascal.chars();
                chars.next().map_or_else(String::new, |first| {
                    first.to_ascii_lowercase().to_string() + chars.as_str()
                })
            }
            RenameRule::Kebab => field.replace('_', "-"),
            RenameRule::ScreamingKebab => field.to_ascii_uppercase().replace('_', "-"),
        }
    }

    /// Renames a variant written in `PascalCase`.
    pub(crate) fn apply_to_variant(self, variant: &str) -> String {
        match self {
            RenameRule::Pascal => variant.to_owned(),
            RenameRule::Lower => variant.to_ascii_lowercase(),
            RenameRule::Upper => variant.to_ascii_uppercase(),
            RenameRule::Camel => {
                let mut chars = variant.chars();
                chars.next().map_or_else(String::new, |first| {
                    first.to_ascii_lowercase().to_string() + chars.as_str()
                })
            }
            RenameRule::Snake => snake(variant),
            RenameRule::ScreamingSnake => snake(variant).to_ascii_uppercase(),
            RenameRule::Kebab => snake(variant).replace('_', "-"),
            RenameRule::ScreamingKebab => snake(variant).to_ascii_uppercase().replace('_', "-"),
        }
    }
}

fn pascal(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut capitalize = true;
    for c in snake.chars() {
        if c == '_' {
            capitalize = true;
        } else if capitalize {
            out.push(c.to_ascii_uppercase());
            capitalize = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn snake(pascal: &str) -> String {
    let mut out = String::with_capacity(pascal.len() + 4);
    for (position, c) in pascal.char_indices() {
        if c.is_uppercase() && position > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// How an enum's variants appear in the data.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) enum Tagging {
    /// `{"Variant": {..}}`, serde's default.
    #[default]
    External,
    /// `{"type": "Variant", ..}`.
    Internal { tag: String },
    /// `{"t": "Variant", "c": {..}}`.
    Adjacent { tag: String, content: String },
    /// `{..}`.
    Untagged,
}

#[derive(Debug, Default)]
pub(crate) struct SerdeContainer {
    /// `rename = ".."`: the name a tag gives the type.
    pub(crate) rename: Option<String>,
    pub(crate) rename_all: Option<RenameRule>,
    pub(crate) rename_all_fields: Option<RenameRule>,
    pub(crate) tagging: Tagging,
    pub(crate) transparent: bool,
    /// `into = "T"`: the type serializes as `T`, never through its own fields.
    pub(crate) into: bool,
    /// `bound = ".."` or `bound(serialize = "..")`: the where clause of the `Serialize` impl,
    /// in place of a `Serialize` bound on each type parameter.
    pub(crate) serialize_bound: Option<String>,
}

#[derive(Debug, Default)]
pub(crate) struct SerdeVariant {
    pub(crate) rename: Option<String>,
    pub(crate) rename_all: Option<RenameRule>,
    pub(crate) untagged: bool,
    /// `skip` or `skip_serializing`: serializing the variant is an error.
    pub(crate) skip_serializing: bool,
    /// `serialize_with` or `with`: the variant's serialization is written by hand.
    pub(crate) serialize_with: bool,
    /// `bound = ".."` or `bound(serialize = "..")`: bounds the `Serialize` impl adds.
    pub(crate) serialize_bound: Option<String>,
}

#[derive(Debug, Default)]
pub(crate) struct SerdeField {
    pub(crate) rename: Option<String>,
    pub(crate) flatten: bool,
    /// `skip` or `skip_serializing`.
    pub(crate) skip_serializing: bool,
    pub(crate) skip_serializing_if: Option<syn::ExprPath>,
    /// `serialize_with` or `with`: the field's serialization is written by hand.
    pub(crate) serialize_with: bool,
    /// The function that writes it: the `serialize_with` path, or `serialize` in the `with`
    /// module.
    pub(crate) serialize_with_path: Option<syn::ExprPath>,
    /// `bound = ".."` or `bound(serialize = "..")`: bounds the `Serialize` impl adds.
    pub(crate) serialize_bound: Option<String>,
}

impl SerdeField {
    /// Whether the field says what serialization does with it, instead of writing its value.
    pub(crate) fn decides_serialization(&self) -> bool {
        self.skip_serializing || self.serialize_with
    }
}

impl SerdeVariant {
    /// Whether the variant says what serialization does with it, instead of writing its
    /// fields.
    pub(crate) fn decides_serialization(&self) -> bool {
        self.skip_serializing || self.serialize_with
    }
}

impl SerdeContainer {
    /// Reads the attributes, with names as they are in `direction`.
    pub(crate) fn from_attrs(attrs: &[Attribute], direction: Direction) -> Self {
        let mut container = SerdeContainer::default();
        let mut tag = None;
        let mut content = None;
        for_each_serde_meta(attrs, |meta| {
            if meta.path.is_ident("rename") {
                container.rename = directed(meta, direction)?;
            } else if meta.path.is_ident("rename_all") {
                container.rename_all = directed(meta, direction)?
                    .as_deref()
                    .and_then(RenameRule::parse);
            } else if meta.path.is_ident("rename_all_fields") {
                container.rename_all_fields = directed(meta, direction)?
                    .as_deref()
                    .and_then(RenameRule::parse);
            } else if meta.path.is_ident("tag") {
                tag = Some(meta.value()?.parse::<LitStr>()?.value());
            } else if meta.path.is_ident("content") {
                content = Some(meta.value()?.parse::<LitStr>()?.value());
            } else if meta.path.is_ident("untagged") {
                container.tagging = Tagging::Untagged;
            } else if meta.path.is_ident("transparent") {
                container.transparent = true;
            } else if meta.path.is_ident("into") {
                skip_value(meta)?;
                container.into = true;
            } else if meta.path.is_ident("bound") {
                container.serialize_bound = directed(meta, Direction::Serialize)?;
            } else {
                skip_value(meta)?;
            }
            Ok(())
        });
        if container.tagging != Tagging::Untagged {
            container.tagging = match (tag, content) {
                (Some(tag), Some(content)) => Tagging::Adjacent { tag, content },
                (Some(tag), None) => Tagging::Internal { tag },
                _ => Tagging::External,
            };
        }
        container
    }
}

impl SerdeVariant {
    /// Reads the attributes, with names as they are in `direction`.
    pub(crate) fn from_attrs(attrs: &[Attribute], direction: Direction) -> Self {
        let mut variant = SerdeVariant::default();
        for_each_serde_meta(attrs, |meta| {
            if meta.path.is_ident("rename") {
                variant.rename = directed(meta, direction)?;
            } else if meta.path.is_ident("rename_all") {
                variant.rename_all = directed(meta, direction)?
                    .as_deref()
                    .and_then(RenameRule::parse);
            } else if meta.path.is_ident("untagged") {
                variant.untagged = true;
            } else if meta.path.is_ident("skip") || meta.path.is_ident("skip_serializing") {
                variant.skip_serializing = true;
            } else if meta.path.is_ident("serialize_with") || meta.path.is_ident("with") {
                skip_value(meta)?;
                variant.serialize_with = true;
            } else if meta.path.is_ident("bound") {
                variant.serialize_bound = directed(meta, Direction::Serialize)?;
            } else {
                skip_value(meta)?;
            }
            Ok(())
        });
        variant
    }
}

impl SerdeField {
    /// Reads the attributes, with names as they are in `direction`.
    pub(crate) fn from_attrs(attrs: &[Attribute], direction: Direction) -> Self {
        let mut field = SerdeField::default();
        for_each_serde_meta(attrs, |meta| {
            if meta.path.is_ident("rename") {
                field.rename = directed(meta, direction)?;
            } else if meta.path.is_ident("flatten") {
                field.flatten = true;
            } else if meta.path.is_ident("skip") || meta.path.is_ident("skip_serializing") {
                field.skip_serializing = true;
            } else if meta.path.is_ident("skip_serializing_if") {
                let path = meta.value()?.parse::<LitStr>()?;
                field.skip_serializing_if = path.parse().ok();
            } else if meta.path.is_ident("serialize_with") || meta.path.is_ident("with") {
                let module = meta.path.is_ident("with");
                let path = meta.value()?.parse::<LitStr>()?;
                field.serialize_with = true;
                field.serialize_with_path = match module {
                    true => syn::parse_str(&format!("{}::serialize", path.value())).ok(),
                    false => path.parse().ok(),
                };
            } else if meta.path.is_ident("bound") {
                field.serialize_bound = directed(meta, Direction::Serialize)?;
            } else {
                skip_value(meta)?;
            }
            Ok(())
        });
        field
    }
}

fn for_each_serde_meta(
    attrs: &[Attribute],
    mut visit: impl FnMut(&ParseNestedMeta<'_>) -> syn::Result<()>,
) {
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("serde")) {
        // A malformed serde attribute is serde's to report.
        let _ = attr.parse_nested_meta(|meta| visit(&meta));
    }
}

/// Which of serde's two directions a name or bound is read for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Direction {
    /// What a client sends: the names validation reports.
    Deserialize,
    /// What serialization writes: the names of the redacted form, and the impl's bounds.
    Serialize,
}

impl Direction {
    fn key(self) -> &'static str {
        match self {
            Direction::Deserialize => "deserialize",
            Direction::Serialize => "serialize",
        }
    }
}

/// `name = "x"`, or `name(deserialize = "x", serialize = "y")` read for one direction.
fn directed(meta: &ParseNestedMeta<'_>, direction: Direction) -> syn::Result<Option<String>> {
    if meta.input.peek(Token![=]) {
        return Ok(Some(meta.value()?.parse::<LitStr>()?.value()));
    }
    let mut value = None;
    meta.parse_nested_meta(|inner| {
        if inner.path.is_ident(direction.key()) {
            value = Some(inner.value()?.parse::<LitStr>()?.value());
        } else {
            skip_value(&inner)?;
        }
        Ok(())
    })?;
    Ok(value)
}

fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        let _group: proc_macro2::Group = meta.input.parse()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::RenameRule::*;

    #[test]
    fn field_rules_match_serde() {
        let cases = [
            (Lower, "outcome_code", "outcome_code"),
            (Upper, "outcome_code", "OUTCOME_CODE"),
            (Pascal, "outcome_code", "OutcomeCode"),
            (Camel, "outcome_code", "outcomeCode"),
            (Snake, "outcome_code", "outcome_code"),
            (ScreamingSnake, "outcome_code", "OUTCOME_CODE"),
            (Kebab, "outcome_code", "outcome-code"),
            (ScreamingKebab, "outcome_code", "OUTCOME-CODE"),
        ];
        for (rule, field, expected) in cases {
            assert_eq!(rule.apply_to_field(field), expected, "{rule:?}");
        }
    }

    #[test]
    fn variant_rules_match_serde() {
        let cases = [
            (Lower, "VeryTasty", "verytasty"),
            (Upper, "VeryTasty", "VERYTASTY"),
            (Pascal, "VeryTasty", "VeryTasty"),
            (Camel, "VeryTasty", "veryTasty"),
            (Snake, "VeryTasty", "very_tasty"),
            (ScreamingSnake, "VeryTasty", "VERY_TASTY"),
            (Kebab, "VeryTasty", "very-tasty"),
            (ScreamingKebab, "VeryTasty", "VERY-TASTY"),
        ];
        for (rule, variant, expected) in cases {
            assert_eq!(rule.apply_to_variant(variant), expected, "{rule:?}");
        }
    }
}
