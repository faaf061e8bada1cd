//! Sanitizers run in the declared order, before any rule, and the value keeps their result.

mod support;

use secure::prelude::*;
use support::{failures, sanitized};

#[derive(Validate, Debug)]
struct Signup {
    #[validate(sanitize(trim), email)]
    email: String,
    #[validate(sanitize(trim), length(min = 1))]
    name: String,
    #[validate(sanitize(trim, lowercase), pattern("^[a-z]+$"))]
    slug: String,
}

#[test]
fn sanitizers_run_before_rules_in_declared_order() {
    let case = |email: &str, name: &str, slug: &str| Signup {
        email: email.into(),
        name: name.into(),
        slug: slug.into(),
    };
    let valid = sanitized(case("  user@example.com  ", " Ada ", " ABC "));
    assert_eq!(valid.email, "user@example.com");
    assert_eq!(valid.name, "Ada");
    assert_eq!(valid.slug, "abc");

    assert_eq!(
        failures(case("user@example.com", "   ", "abc")),
        [("name".into(), "length")]
    );
}

#[derive(Validate)]
struct Username(#[validate(sanitize(trim), length(3..=16), pattern("[a-z]+"))] String);

#[test]
fn trim_removes_invisible_characters_that_make_look_alike_names() {
    for input in [
        "\u{200B}admin\u{00A0}",
        "\u{FEFF}admin\u{3000}",
        "admin\u{2028}",
        "\u{180E}admin",
        "\u{3164}admin",
        "\u{115F}\u{1160}admin\u{FFA0}",
        "\u{AD}admin\u{34F}",
        "\u{2800}admin\u{2800}",
        "admin\u{FE0F}",
        "\u{FE0F}admin\u{E0061}\u{E007F}",
    ] {
        assert_eq!(sanitized(Username(input.into())).0, "admin", "{input:?}");
    }
    assert_eq!(
        failures(Username("ad\u{3164}min".into())),
        [("".into(), "pattern")]
    );
}

#[derive(Validate)]
struct Status(#[validate(sanitize(trim), length(max = 16))] String);

#[test]
fn trim_keeps_the_modifiers_of_a_trailing_emoji() {
    let scotland = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
    for (input, expected) in [
        (" \u{2764}\u{FE0F}\u{200B}", "\u{2764}\u{FE0F}"),
        (&format!("go {scotland} "), &format!("go {scotland}")),
        ("\u{845B}\u{E0100}\u{3000}", "\u{845B}\u{E0100}"),
        ("\u{2764}\u{200B}\u{FE0F}", "\u{2764}"),
    ] {
        assert_eq!(sanitized(Status(input.into())).0, expected, "{input:?}");
    }
}

#[derive(Validate)]
struct FileLabel(#[validate(sanitize(strip_control), skip)] String);

#[derive(Validate)]
struct Comment(#[validate(sanitize(strip_control(multiline)), skip)] String);

#[test]
fn strip_control_removes_c0_c1_del_and_every_bidi_control() {
    for (input, expected) in [
        ("invoice\u{202E}fdp.exe", "invoicefdp.exe"),
        ("log\x1b[31mFAKE\x1b[0m", "log[31mFAKE[0m"),
        ("a\u{85}b", "ab"),
        ("x\u{2066}y\u{2069}", "xy"),
        ("p\u{061C}q", "pq"),
        ("r\u{200F}s", "rs"),
        ("t\x7Fu", "tu"),
        ("line\none", "lineone"),
        ("line\u{2028}one", "lineone"),
        ("in\u{200B}vis\u{FEFF}ible\u{3164}", "invisible"),
        ("\u{1F469}\u{200D}\u{1F4BB}", "\u{1F469}\u{200D}\u{1F4BB}"),
    ] {
        assert_eq!(sanitized(FileLabel(input.into())).0, expected, "{input:?}");
    }
    assert_eq!(sanitized(Comment("a\tb\nc\r\u{202E}".into())).0, "a\tb\nc");
    assert_eq!(
        sanitized(Comment("a\u{2028}b\u{2029}\u{200B}".into())).0,
        "a\u{2028}b\u{2029}"
    );
}

#[derive(Validate)]
struct Forms {
    #[validate(sanitize(uppercase), skip)]
    code: String,
    #[validate(sanitize(nfc), length(equal = 1))]
    letter: String,
    #[validate(sanitize(nfkc), skip)]
    compat: String,
    #[validate(sanitize(collapse_whitespace, trim), skip)]
    spaced: String,
}

#[test]
fn case_normalization_and_whitespace() {
    let value = sanitized(Forms {
        code: "ab-ß".into(),
        letter: "e\u{301}".into(),
        compat: "\u{FF21}\u{FB01}".into(),
        spaced: "  a \t\n b  ".into(),
    });
    assert_eq!(value.code, "AB-SS");
    assert_eq!(value.letter, "\u{e9}");
    assert_eq!(value.compat, "Afi");
    assert_eq!(value.spaced, "a b");
}

fn redact_digits(value: &mut String) {
    *value = value
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect();
}

#[derive(Validate)]
struct Nested {
    #[validate(sanitize(each(trim, lowercase)), each(length(max = 3)))]
    tags: Vec<String>,
    #[validate(sanitize(trim), length(max = 3))]
    nickname: Option<String>,
    #[validate(sanitize(custom(redact_digits)), skip)]
    note: String,
    #[validate(nested)]
    inner: Vec<Username>,
    #[validate(sanitize(trim), length(min = 4))]
    pin: SecretString,
}

#[test]
fn sanitizers_reach_elements_options_secrets_and_nested_types() {
    let value = sanitized(Nested {
        tags: vec![" A ".into(), "Bc".into()],
        nickname: Some("  ada ".into()),
        note: "call 555 0100".into(),
        inner: vec![Username("  bob ".into())],
        pin: Secret::from(" 1234 "),
    });
    assert_eq!(value.tags, ["a", "bc"]);
    assert_eq!(value.nickname.as_deref(), Some("ada"));
    assert_eq!(value.note, "call ### ####");
    assert_eq!(value.inner[0].0, "bob");
    assert_eq!(value.pin.expose_secret(), "1234");
}
