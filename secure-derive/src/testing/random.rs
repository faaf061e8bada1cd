//! Every macro fed random input: trees of tokens drawn from its own grammar's words, and any
//! text that lexes. Each answer must be tokens that parse, never a panic, and every error
//! must be spanned on the input (see [`assert_well_formed_answer`]).

use std::sync::LazyLock;

use proptest::prelude::*;

use crate::keywords;

use super::{Macro, Tree, assert_well_formed_answer, lexable_text, render, soup, template_text};

/// The words of `#[validate(..)]`: every rule, sanitizer and length unit the grammar knows,
/// their parameters, and a few near misses.
fn validate_words() -> &'static [&'static str] {
    static WORDS: LazyLock<&'static [&'static str]> = LazyLock::new(|| {
        let parameters = [
            "min",
            "max",
            "equal",
            "exclusive_min",
            "exclusive_max",
            "schemes",
            "message",
            "multiline",
            "b",
            "regex",
            "emial",
        ];
        let words = keywords::RULES
            .iter()
            .chain(keywords::SANITIZERS)
            .chain(keywords::LENGTH_UNITS)
            .chain(&parameters)
            .copied();
        Vec::leak(words.collect())
    });
    &WORDS
}

const FIELD_TYPES: &[&str] = &[
    "String",
    "u8",
    "i64",
    "f64",
    "Option<String>",
    "Option<Vec<String>>",
    "Vec<String>",
    "[u8; 4]",
    "&'a str",
    "Box<str>",
    "HashMap<String, u32>",
    "Secret<String>",
    "Inner",
    "T",
];

const SENSITIVE_WORDS: &[&str] = &[
    "sensitive",
    "partial",
    "first",
    "last",
    "rename",
    "rename_all",
    "skip_serializing",
    "serialize_with",
    "flatten",
    "tag",
    "content",
    "untagged",
    "transparent",
    "\"camelCase\"",
    "\"SCREAMING-KEBAB-CASE\"",
    "\"nope\"",
    "Debug",
    "Clone",
    "derive",
];

const REQUIRES_WORDS: &[&str] = &[
    "Admin",
    "Editor",
    "any",
    "all",
    "scope",
    "policy",
    "proof",
    "csrf",
    "protected",
    "exempt",
    "\"orders:write\"",
    "\"reason\"",
    "owns",
    "note",
    "subject",
    "Principal",
    "Caller",
    "Result",
    "E",
];

const ROLE_WORDS: &[&str] = &[
    "pub",
    "pub(crate)",
    "Admin",
    "Editor",
    "implies",
    "\"admin\"",
    "\"editor\"",
    "\" admin\"",
    "\"\"",
    "Scopes",
    "\"orders:read\"",
    "\"orders read\"",
    "=",
    ";",
    "#[doc = \"x\"]",
];

const TEMPLATE_ARGS: &[&str] = &[
    "x",
    "\"--\"",
    "\"-rf\"",
    "format!(\"{}\", x)",
    "concat!(\"a\")",
    "Column::Name",
    "LikePattern::contains(x)",
    "&name",
    "None",
];

/// Field names, raw identifiers and non-ASCII ones among them.
const FIELD_NAMES: &[&str] = &["a", "r#type", "r#ref", "\u{e9}t\u{e9}", "_x"];

fn derive_source(attr: &str, field: (&str, &str), body: &[Tree]) -> String {
    let body = render(body);
    let (name, field_type) = field;
    format!(
        "struct S<'a, T> {{ #[{attr}(\n{body}\n)] {name}: {field_type}, \
         #[validate(skip)] b: String, #[validate(skip)] c: &'a T }}"
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    #[test]
    fn validate_field_attributes(
        body in soup(validate_words(), 3),
        field_type in prop::sample::select(FIELD_TYPES),
        name in prop::sample::select(FIELD_NAMES),
    ) {
        let source = derive_source("validate", (name, field_type), &body);
        let output = Macro::Validate.expand("", &source).expect("the source is an item");
        assert_well_formed_answer(&output, &source);
        prop_assert!(syn::parse2::<syn::File>(output).is_ok());
    }

    #[test]
    fn validate_container_variant_and_sensitive_attributes(
        container in soup(validate_words(), 2),
        variant in soup(validate_words(), 2),
        sensitive in soup(SENSITIVE_WORDS, 2),
    ) {
        let source = format!(
            "#[validate(\n{}\n)] enum E {{ #[validate(\n{}\n)] V(#[sensitive(\n{}\n)] \
             #[validate(length(max = 3))] String), W {{ #[validate(nested)] x: Inner }}, U }}",
            render(&container),
            render(&variant),
            render(&sensitive),
        );
        let output = Macro::Validate.expand("", &source).expect("the source is an item");
        assert_well_formed_answer(&output, &source);
        prop_assert!(syn::parse2::<syn::File>(output).is_ok());
    }

    #[test]
    fn validate_any_lexable_text(text in lexable_text()) {
        let source = format!("struct S {{ #[validate(\n{text}\n)] a: String }}");
        if let Some(output) = Macro::Validate.expand("", &source) {
            assert_well_formed_answer(&output, &source);
        }
    }

    #[test]
    fn redact_attributes(
        field in soup(SENSITIVE_WORDS, 2),
        variant in soup(SENSITIVE_WORDS, 2),
        serde in soup(SENSITIVE_WORDS, 2),
        later in soup(SENSITIVE_WORDS, 1),
        field_type in prop::sample::select(FIELD_TYPES),
    ) {
        let source = format!(
            "#[serde(\n{}\n)] #[derive(\n{}\n)] enum E<'a, T> {{ #[sensitive(\n{}\n)] V(\
             #[sensitive(\n{}\n)] {field_type}), W {{ #[serde(rename = \"w\")] r#type: &'a T }} }}",
            render(&serde),
            render(&later),
            render(&variant),
            render(&field),
        );
        let output = Macro::Redact.expand("", &source).expect("the source is an item");
        assert_well_formed_answer(&output, &source);
        prop_assert!(syn::parse2::<syn::File>(output).is_ok());
    }

    #[test]
    fn redact_any_lexable_text(text in lexable_text()) {
        let source = format!("struct S {{ #[sensitive(\n{text}\n)] a: String, b: u8 }}");
        if let Some(output) = Macro::Redact.expand("", &source) {
            assert_well_formed_answer(&output, &source);
        }
    }

    #[test]
    fn sql_identifier_attributes(
        name in soup(&["name", "rename", "\"e_mail\"", "\"bad name\"", "\"\""], 2),
        shape in prop::sample::select(vec!["A", "A(u8)", "A { x: u8 }", "A = 1"]),
    ) {
        let source = format!(
            "enum Column {{ #[sql(\n{}\n)] {shape}, B, #[sql(name = \"b\")] C }}",
            render(&name),
        );
        let output = Macro::SqlIdentifier.expand("", &source).expect("the source is an item");
        assert_well_formed_answer(&output, &source);
        prop_assert!(syn::parse2::<syn::File>(output).is_ok());
    }

    #[test]
    fn requires_arguments(args in soup(REQUIRES_WORDS, 3), item in prop::sample::select(vec![
        "fn f(#[subject] user: &Principal) -> Result<(), E> { Ok(()) }",
        "async fn h(caller: Caller) -> Result<(), E> { Ok(()) }",
        "pub fn g<T: Clone>(user: &Principal, note: &T) -> Result<T, E> { Ok(note.clone()) }",
        "fn m(&self, #[subject] user: &Principal) -> Result<(), E> { Ok(()) }",
        "fn n(user: &Principal) -> u8 { 1 }",
        "fn o() -> Result<(), E> { Ok(()) }",
        "fn p(&self) -> Result<(), E>;",
        "struct S;",
    ])) {
        let args = render(&args);
        let output = Macro::Requires.expand(&args, item).expect("the input is tokens");
        assert_well_formed_answer(&output, &args);
        if syn::parse_str::<syn::ItemFn>(item).is_ok() {
            prop_assert!(syn::parse2::<syn::File>(output).is_ok());
        }
    }

    #[test]
    fn requires_signatures(
        parameters in soup(REQUIRES_WORDS, 2),
        output_type in soup(REQUIRES_WORDS, 1),
        marker in soup(REQUIRES_WORDS, 1),
    ) {
        let item = format!(
            "fn f(#[subject(\n{}\n)] user: &Principal, {}) -> {} {{ todo() }}",
            render(&marker),
            render(&parameters),
            render(&output_type),
        );
        if let Some(output) = Macro::Requires.expand("Admin, proof = admin", &item) {
            assert_well_formed_answer(&output, &item);
        }
    }

    #[test]
    fn requires_any_lexable_text(text in lexable_text()) {
        let item = "fn f(#[subject] user: &Principal) -> Result<(), E> { Ok(()) }";
        if let Some(output) = Macro::Requires.expand(&text, item) {
            assert_well_formed_answer(&output, &text);
        }
        if let Some(output) = Macro::Requires.expand("Admin", &text) {
            assert_well_formed_answer(&output, &text);
        }
    }

    #[test]
    fn public_arguments(args in soup(REQUIRES_WORDS, 3), item in prop::sample::select(vec![
        "async fn health() -> &'static str { \"ok\" }",
        "fn health() -> u8 { 1 }",
        "async fn m(&self) {}",
        "struct S;",
    ])) {
        let args = render(&args);
        let output = Macro::Public.expand(&args, item).expect("the input is tokens");
        assert_well_formed_answer(&output, &args);
    }

    #[test]
    fn public_any_lexable_text(text in lexable_text()) {
        if let Some(output) = Macro::Public.expand(&text, "async fn health() {}") {
            assert_well_formed_answer(&output, &text);
        }
    }

    #[test]
    fn roles_blocks(body in soup(ROLE_WORDS, 2), first in soup(ROLE_WORDS, 1)) {
        let source = format!("pub Admin = \"admin\", implies(\n{}\n); {}", render(&first), render(&body));
        let output = Macro::Roles.expand("", &source).expect("the input is tokens");
        assert_well_formed_answer(&output, &source);
        prop_assert!(syn::parse2::<syn::File>(output).is_ok());
    }

    #[test]
    fn scopes_blocks(body in soup(ROLE_WORDS, 2), first in soup(ROLE_WORDS, 1)) {
        let source = format!("pub Scopes = [\n{}\n]; {}", render(&first), render(&body));
        let output = Macro::Scopes.expand("", &source).expect("the input is tokens");
        assert_well_formed_answer(&output, &source);
        prop_assert!(syn::parse2::<syn::File>(output).is_ok());
    }

    #[test]
    fn roles_and_scopes_any_lexable_text(text in lexable_text()) {
        for kind in [Macro::Roles, Macro::Scopes] {
            if let Some(output) = kind.expand("", &text) {
                assert_well_formed_answer(&output, &text);
            }
        }
    }

    #[test]
    fn templates_and_their_arguments(
        template in template_text(),
        args in prop::collection::vec(prop::sample::select(TEMPLATE_ARGS), 0..4),
    ) {
        let mut source = super::string_literal(&template);
        for arg in args {
            source.push_str(", ");
            source.push_str(arg);
        }
        for kind in [Macro::Html, Macro::Sql, Macro::Command, Macro::LdapFilter] {
            let output = kind.expand("", &source).expect("the input is tokens");
            assert_well_formed_answer(&output, &source);
            prop_assert!(syn::parse2::<syn::Expr>(output).is_ok(), "{:?}", kind);
        }
    }

    #[test]
    fn template_macros_on_token_trees(input in soup(TEMPLATE_ARGS, 2)) {
        let source = render(&input);
        for kind in [Macro::Html, Macro::Sql, Macro::Command, Macro::LdapFilter] {
            if let Some(output) = kind.expand("", &source) {
                assert_well_formed_answer(&output, &source);
            }
        }
    }

    #[test]
    fn template_macros_on_any_lexable_text(text in lexable_text()) {
        for kind in [Macro::Html, Macro::Sql, Macro::Command, Macro::LdapFilter] {
            if let Some(output) = kind.expand("", &text) {
                assert_well_formed_answer(&output, &text);
            }
        }
    }
}
