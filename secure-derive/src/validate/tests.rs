//! The derive on malformed input: it must answer with spanned errors, never a panic.

use super::expand;

fn expand_str(source: &str) -> String {
    let input: syn::DeriveInput = syn::parse_str(source).expect("the test input is Rust");
    expand(&input).to_string()
}

fn assert_rejected(source: &str, message: &str) {
    let output = expand_str(source);
    assert!(
        output.contains("compile_error"),
        "accepted: {source}\n{output}"
    );
    assert!(
        output.contains(message),
        "for {source}\nexpected {message:?} in\n{output}"
    );
}

#[test]
fn malformed_attributes_are_errors() {
    let cases = [
        (
            "struct S { #[validate] a: String }",
            "expected a list of rules",
        ),
        (
            "struct S { #[validate = 1] a: String }",
            "expected a list of rules",
        ),
        ("struct S { #[validate(1)] a: String }", "expected a rule"),
        (
            "struct S { #[validate(a::b)] a: String }",
            "expected the name of a rule",
        ),
        (
            "struct S { #[validate(length(max = 1,,))] a: String }",
            "expected",
        ),
        (
            "struct S { #[validate(length(\"x\"))] a: String }",
            "expected bounds",
        ),
        (
            "struct S { #[validate(length(..))] a: String }",
            "at least one bound",
        ),
        (
            "struct S { #[validate(length(1..0))] a: String }",
            "greater than zero",
        ),
        (
            "struct S { #[validate(length(max = -1))] a: String }",
            "whole number",
        ),
        (
            "struct S { #[validate(length(max = 1.5))] a: String }",
            "whole number",
        ),
        (
            "struct S { #[validate(length(kilobytes, max = 1))] a: String }",
            "unknown unit",
        ),
        (
            "struct S { #[validate(length(max = 1, max = 2))] a: String }",
            "given twice",
        ),
        (
            "struct S { #[validate(length(equal = 1, max = 2))] a: String }",
            "`equal`",
        ),
        (
            "struct S { #[validate(length(1..=2, max = 2))] a: String }",
            "not both",
        ),
        ("struct S { #[validate(range())] a: u8 }", "needs bounds"),
        (
            "struct S { #[validate(range(low = 1))] a: u8 }",
            "unknown `range` option",
        ),
        (
            "struct S { #[validate(pattern())] a: String }",
            "one string literal",
        ),
        (
            "struct S { #[validate(pattern(1))] a: String }",
            "string literal",
        ),
        (
            "struct S { #[validate(pattern(\"a\", \"b\"))] a: String }",
            "one string literal",
        ),
        (
            "struct S { #[validate(pattern(\"(?<\"))] a: String }",
            "invalid regular expression",
        ),
        (
            "struct S { #[validate(email(1))] a: String }",
            "takes no arguments",
        ),
        (
            "struct S { #[validate(one_of())] a: String }",
            "allowed values",
        ),
        (
            "struct S { #[validate(url(schemes()))] a: String }",
            "at least one scheme",
        ),
        (
            "struct S { #[validate(url(schemes(\"HTTP\")))] a: String }",
            "lowercase",
        ),
        (
            "struct S { #[validate(url(hosts(\"x\")))] a: String }",
            "expected `schemes",
        ),
        (
            "struct S { #[validate(url(schemes(\"https\"), schemes(\"mailto\")))] a: String }",
            "`schemes` is given twice",
        ),
        (
            "struct S { #[validate(custom)] a: String }",
            "path of a function",
        ),
        (
            "struct S { #[validate(custom(\"f\"))] a: String }",
            "not a string",
        ),
        (
            "struct S { #[validate(must_match)] a: String }",
            "name of another field",
        ),
        (
            "struct S { #[validate(no_control(single))] a: String }",
            "multiline",
        ),
        (
            "struct S { #[validate(each())] a: Vec<String> }",
            "needs the rules",
        ),
        (
            "struct S { #[validate(each(skip))] a: Vec<String> }",
            "whole fields",
        ),
        (
            "struct S { #[validate(each(must_match(b)))] a: Vec<String> }",
            "cannot apply",
        ),
        (
            "struct S { #[validate(each(sanitize(trim)))] a: Vec<String> }",
            "whole fields",
        ),
        (
            "struct S { #[validate(sanitize)] a: String }",
            "needs the sanitizers",
        ),
        (
            "struct S { #[validate(sanitize(trim(1)), skip)] a: String }",
            "takes no arguments",
        ),
        (
            "struct S { #[validate(sanitize(each()), skip)] a: String }",
            "needs the sanitizers",
        ),
        (
            "struct S { #[validate(sanitize(trim = 1), skip)] a: String }",
            "rather than",
        ),
        (
            "struct S { #[validate(message = \"x\")] a: String }",
            "goes inside the rule",
        ),
        (
            "struct S { #[validate(email(message = 1))] a: String }",
            "string literal",
        ),
        (
            "struct S { #[validate(email(message = \"a\", message = \"b\"))] a: String }",
            "twice",
        ),
        (
            "struct S { #[validate(skip(1))] a: String }",
            "takes no arguments",
        ),
        (
            "#[validate(skip)] struct S { #[validate(skip)] a: String }",
            "whole type",
        ),
        ("enum E { #[validate(email)] V(String) }", "whole variant"),
        (
            "struct S(#[validate(must_match(x))] String, #[validate(skip)] String);",
            "no field",
        ),
        (
            "struct S { #[sensitive = 1] #[validate(skip)] a: String }",
            "#[sensitive]",
        ),
        (
            "struct S { #[sensitive(full)] #[validate(skip)] a: String }",
            "unknown `#[sensitive]`",
        ),
        (
            "struct S { #[sensitive] #[sensitive] #[validate(skip)] a: String }",
            "duplicate",
        ),
    ];
    for (source, message) in cases {
        assert_rejected(source, message);
    }
}

#[test]
fn a_later_debug_derive_is_refused_only_when_something_is_sensitive() {
    for source in [
        "#[derive(Debug)] struct S { #[sensitive] #[validate(skip)] a: String }",
        "#[derive(Clone, Debug)] #[sensitive] struct S { #[validate(skip)] a: String }",
        "#[derive(std::fmt::Debug)] enum E { #[sensitive] A(#[validate(skip)] String) }",
    ] {
        assert_rejected(source, "would print `#[sensitive]` values in plain text");
    }
    let plain = expand_str("#[derive(Debug)] struct S { #[validate(skip)] a: String }");
    assert!(!plain.contains("compile_error"), "{plain}");
}

#[test]
fn rejected_input_still_gets_an_impl() {
    let output = expand_str("struct S { #[validate(emial)] a: String }");
    assert!(
        output.contains("impl :: secure :: __private :: Validate for S"),
        "{output}"
    );
}

#[test]
fn patterns_that_are_one_ascii_class_get_a_table() {
    use super::model::AsciiClass;
    use super::parse::ascii_class;

    let set = |chars: &str| chars.bytes().fold(0u128, |set, byte| set | (1 << byte));
    let lower = set("abcdefghijklmnopqrstuvwxyz");
    let digits = set("0123456789");
    for (source, expected) in [
        (
            "^[a-z]+$",
            Some(AsciiClass {
                set: lower,
                min: 1,
                max: None,
            }),
        ),
        (
            "[a-z]+",
            Some(AsciiClass {
                set: lower,
                min: 1,
                max: None,
            }),
        ),
        (
            "[0-9]{5}",
            Some(AsciiClass {
                set: digits,
                min: 5,
                max: Some(5),
            }),
        ),
        (
            "[0-9]{2,4}",
            Some(AsciiClass {
                set: digits,
                min: 2,
                max: Some(4),
            }),
        ),
        (
            "[a-z]*",
            Some(AsciiClass {
                set: lower,
                min: 0,
                max: None,
            }),
        ),
        (
            "[a-z]",
            Some(AsciiClass {
                set: lower,
                min: 1,
                max: Some(1),
            }),
        ),
        (
            "(?-u:[0-9])+",
            Some(AsciiClass {
                set: digits,
                min: 1,
                max: None,
            }),
        ),
        (r"\d{5}", None),
        ("(?i)[a-z]+", None),
        ("[^a-z]+", None),
        ("[a-z]+x", None),
        ("[a-z]+|x", None),
        ("(?m)^[a-z]+$", None),
        (
            "[a-z]+?",
            Some(AsciiClass {
                set: lower,
                min: 1,
                max: None,
            }),
        ),
    ] {
        assert_eq!(ascii_class(source), expected, "{source}");
    }
}
