//! The validation cases of the pitfalls casebook, through the derive as users write it.

mod support;

use secure::prelude::*;
use serde::Deserialize;
use support::{failures, passes, sanitized};

#[derive(Validate)]
struct Email(#[validate(email)] String);

#[test]
fn email_01_dot_atoms_labels_and_lengths() {
    let long_label = format!("user@{}.com", "a".repeat(64));
    let long_local = format!("{}@example.com", "a".repeat(65));
    let long_total = format!(
        "{}@{}.com",
        "a".repeat(64),
        vec!["b".repeat(63); 3].join(".")
    );
    for rejected in [
        ".user@example.com",
        "user.@example.com",
        "us..er@example.com",
        "user@exam_ple.com",
        "user@-example.com",
        "user@example-.com",
        &long_label,
        &long_local,
        &long_total,
    ] {
        assert!(!passes(Email(rejected.into())), "{rejected}");
    }
    for accepted in [
        "user.name+tag@example.com",
        "o'reilly@example.com",
        "user@sub.example.co.uk",
    ] {
        assert!(passes(Email(accepted.into())), "{accepted}");
    }
}

#[derive(Validate)]
struct Link(#[validate(url)] String);

#[derive(Validate)]
struct FileLink(#[validate(url(schemes("file")))] String);

#[test]
fn url_01_only_http_and_https_unless_listed() {
    for attack in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "javascript://%0Aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
    ] {
        assert!(!passes(Link(attack.into())), "{attack}");
    }
    assert!(passes(Link("https://example.com/a?b=c".into())));
    assert!(passes(Link("http://localhost:8080/".into())));
    assert!(passes(FileLink("file:///etc/passwd".into())));
}

#[derive(Validate)]
struct Patterns {
    #[validate(pattern("[a-z0-9_]+"))]
    name: String,
    #[validate(pattern(r"\d{5}"))]
    zip: String,
    #[validate(pattern("yes|no"))]
    answer: String,
}

#[test]
fn rgx_01_patterns_match_the_whole_value() {
    let case = |name: &str, zip: &str, answer: &str| Patterns {
        name: name.into(),
        zip: zip.into(),
        answer: answer.into(),
    };
    assert_eq!(
        failures(case(
            "ok_name<script>alert(1)</script>",
            "12345; DROP TABLE t",
            "yesterday"
        )),
        [
            ("name".into(), "pattern"),
            ("zip".into(), "pattern"),
            ("answer".into(), "pattern")
        ]
    );
    assert!(passes(case("ok_name", "12345", "no")));
}

fn float_from_text<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    let text = String::deserialize(deserializer)?;
    text.parse().map_err(serde::de::Error::custom)
}

#[derive(Validate, Deserialize)]
struct Ratio {
    #[serde(deserialize_with = "float_from_text")]
    #[validate(range(min = 0.0, max = 1.0))]
    value: f64,
}

#[test]
fn range_01_nan_and_infinities_never_pass() {
    for (value, ok) in [
        (f64::NAN, false),
        (f64::INFINITY, false),
        (f64::NEG_INFINITY, false),
        (-0.0, true),
        (1.0, true),
    ] {
        assert_eq!(passes(Ratio { value }), ok, "{value}");
    }
    for text in ["NaN", "inf", "-inf", "infinity"] {
        let input: Untrusted<Ratio> =
            serde_json::from_str(&format!(r#"{{"value": "{text}"}}"#)).unwrap();
        assert!(input.validate().is_err(), "{text}");
    }
}

#[derive(Validate)]
struct Inner {
    #[validate(length(min = 1))]
    name: String,
}

#[derive(Validate)]
struct Outer {
    #[validate(nested)]
    items: Option<Vec<Inner>>,
    #[validate(each(pattern("^[a-z]+$")))]
    tags: Option<Vec<String>>,
}

#[test]
fn nest_01_options_of_collections() {
    let inner = |name: &str| Inner { name: name.into() };
    assert_eq!(
        failures(Outer {
            items: Some(vec![inner("ok"), inner("")]),
            tags: Some(vec!["ok".into(), "BAD!".into()]),
        }),
        [
            ("items[1].name".into(), "length"),
            ("tags[1]".into(), "pattern")
        ]
    );
    assert!(passes(Outer {
        items: None,
        tags: None
    }));
    assert!(passes(Outer {
        items: Some(vec![]),
        tags: Some(vec![])
    }));
}

#[derive(Validate)]
struct RawNames {
    #[validate(length(max = 10))]
    r#type: String,
    #[sensitive]
    #[validate(length(max = 10), custom(echo))]
    r#ref: String,
}

/// A custom rule that puts the value in its report, as a careless rule might: the report of
/// a sensitive field must still not show it.
fn echo(value: &str) -> Result<(), secure::validate::RuleError> {
    let leaked: &'static str = Box::leak(Box::from(value));
    Err(secure::validate::RuleError::new("echo").with_param("value", leaked))
}

#[test]
fn drv_01_raw_identifiers_are_keyed_by_their_plain_name() {
    let value = RawNames {
        r#type: "x".repeat(11),
        r#ref: "<PLACEHOLDER_SECRET>".into(),
    };
    let errors = Untrusted::new(value).validate().err().unwrap();
    let failed: Vec<(String, &str)> = errors
        .iter()
        .map(|error| (error.path().to_string(), error.code()))
        .collect();
    assert_eq!(
        failed,
        [
            ("type".into(), "length"),
            ("ref".into(), "length"),
            ("ref".into(), "echo")
        ]
    );
    for rendering in [
        serde_json::to_string(&errors).unwrap(),
        errors.to_string(),
        format!("{errors:?}"),
    ] {
        assert!(
            rendering.contains("type")
                && !rendering.contains("r#")
                && !rendering.contains("PLACEHOLDER"),
            "{rendering}"
        );
    }
}

#[derive(Validate)]
struct Username(#[validate(sanitize(trim), pattern("[a-z]+"))] String);

#[test]
fn san_01_trim_strips_invisible_characters_before_the_rule() {
    for (input, expected) in [
        ("\u{200B}admin\u{00A0}", "admin"),
        ("\u{FEFF}alice\u{3000}", "alice"),
        ("bob\u{2028}", "bob"),
        ("\u{180E}carol", "carol"),
    ] {
        assert_eq!(sanitized(Username(input.into())).0, expected, "{input:?}");
    }
}

#[derive(Validate)]
struct Label(#[validate(sanitize(strip_control), no_control)] String);

#[test]
fn san_02_strip_control_covers_every_bidi_and_c1_control() {
    for (input, expected) in [
        ("invoice\u{202E}fdp.exe", "invoicefdp.exe"),
        ("log\x1b[31mFAKE\x1b[0m", "log[31mFAKE[0m"),
        ("a\u{85}b", "ab"),
        ("x\u{2066}y\u{2069}", "xy"),
        ("p\u{061C}q", "pq"),
        ("r\u{200F}s", "rs"),
        ("t\x7Fu", "tu"),
        ("u\u{2028}v\u{2029}w", "uvw"),
        ("ad\u{200B}mi\u{2060}n", "admin"),
    ] {
        assert_eq!(sanitized(Label(input.into())).0, expected, "{input:?}");
    }
}

#[derive(Validate)]
struct Form {
    #[validate(sanitize(trim), email)]
    email: String,
    #[validate(sanitize(trim), length(min = 1))]
    name: String,
    #[validate(sanitize(trim, lowercase), pattern("^[a-z]+$"))]
    slug: String,
}

#[test]
fn san_04_sanitizers_run_first_and_their_result_is_kept() {
    let form = |email: &str, name: &str, slug: &str| Form {
        email: email.into(),
        name: name.into(),
        slug: slug.into(),
    };
    assert_eq!(
        failures(form("  user@example.com  ", "   ", " ABC ")),
        [("name".into(), "length")]
    );
    let valid = sanitized(form("  user@example.com  ", " x ", " ABC "));
    assert_eq!(
        (valid.email.as_str(), valid.slug.as_str()),
        ("user@example.com", "abc")
    );
}

#[derive(Validate)]
struct Login {
    #[sensitive]
    #[validate(length(min = 12))]
    password: String,
}

#[test]
fn red_04_errors_of_sensitive_fields_carry_no_value() {
    let errors = Untrusted::new(Login {
        password: "SHORT-PW".into(),
    })
    .validate()
    .err()
    .unwrap();
    let renderings = [
        errors.to_string(),
        format!("{errors:?}"),
        serde_json::to_string(&errors).unwrap(),
    ];
    for rendering in renderings {
        assert!(rendering.contains("password"), "{rendering}");
        assert!(!rendering.contains("SHORT-PW"), "{rendering}");
    }
}
