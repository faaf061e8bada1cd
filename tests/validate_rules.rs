//! Every rule at its boundaries.

mod support;

use secure::prelude::*;
use support::{failures, passes, report};

#[derive(Validate)]
struct Chars(#[validate(length(min = 3, max = 5))] String);

#[test]
fn length_counts_characters_at_the_bounds() {
    for (text, ok) in [
        ("ab", false),
        ("abc", true),
        ("abcde", true),
        ("abcdef", false),
        ("", false),
        ("日本語", true),
        ("日本語日本", true),
        ("日本語日本語", false),
        ("e\u{301}e", true),
        (" ab", true),
        ("  a  ", true),
    ] {
        assert_eq!(passes(Chars(text.into())), ok, "{text:?}");
    }
}

#[derive(Validate)]
struct Bytes(#[validate(length(bytes, max = 6))] String);

#[derive(Validate)]
struct Graphemes(#[validate(length(graphemes, 2..=2))] String);

#[test]
fn length_in_bytes_and_graphemes() {
    assert!(passes(Bytes("abcdef".into())));
    assert!(!passes(Bytes("abcdefg".into())));
    assert!(passes(Bytes("日本".into())));
    assert!(!passes(Bytes("日本語".into())));

    assert!(passes(Graphemes("e\u{301}e\u{301}".into())));
    assert!(passes(Graphemes("👩‍👩‍👧a".into())));
    assert!(!passes(Graphemes("e\u{301}".into())));
    assert!(!passes(Graphemes("abc".into())));
}

#[derive(Validate)]
struct Lengths {
    #[validate(length(3..=32))]
    inclusive: String,
    #[validate(length(1..4))]
    exclusive: String,
    #[validate(length(equal = 2))]
    exact: String,
    #[validate(length(..=2))]
    at_most: Vec<u8>,
}

#[test]
fn length_range_forms() {
    let ok = |inclusive: &str, exclusive: &str, exact: &str, at_most: usize| Lengths {
        inclusive: inclusive.into(),
        exclusive: exclusive.into(),
        exact: exact.into(),
        at_most: vec![0; at_most],
    };
    assert!(passes(ok("abc", "a", "ab", 0)));
    assert!(passes(ok(&"x".repeat(32), "abc", "日本", 2)));
    assert_eq!(
        failures(ok("ab", "abcd", "abc", 3)),
        [
            ("inclusive".into(), "length"),
            ("exclusive".into(), "length"),
            ("exact".into(), "length"),
            ("at_most".into(), "length"),
        ]
    );
    let errors = report(ok("ab", "", "ab", 0));
    let failure = errors.iter().nth(1).unwrap();
    assert_eq!(
        failure.param("max"),
        Some(&secure::validate::ParamValue::UInt(3))
    );
}

#[derive(Validate)]
struct Ranges {
    #[validate(range(13..=130))]
    age: u32,
    #[validate(range(min = -10, max = 10))]
    offset: i64,
    #[validate(range(0.0..=1.0))]
    ratio: f64,
    #[validate(range(exclusive_min = 0.0, max = 1.0))]
    positive: f32,
    #[validate(range(0..10))]
    digit: u8,
}

impl Default for Ranges {
    fn default() -> Self {
        Ranges {
            age: 13,
            offset: 0,
            ratio: 0.5,
            positive: 1.0,
            digit: 9,
        }
    }
}

#[test]
fn range_bounds_are_inclusive_unless_written_exclusive() {
    assert!(passes(Ranges::default()));
    assert!(passes(Ranges {
        age: 130,
        offset: -10,
        ratio: 1.0,
        positive: 0.001,
        digit: 0
    }));
    assert!(passes(Ranges {
        ratio: -0.0,
        ..Ranges::default()
    }));
    for (case, path) in [
        (
            Ranges {
                age: 12,
                ..Ranges::default()
            },
            "age",
        ),
        (
            Ranges {
                age: 131,
                ..Ranges::default()
            },
            "age",
        ),
        (
            Ranges {
                offset: 11,
                ..Ranges::default()
            },
            "offset",
        ),
        (
            Ranges {
                offset: -11,
                ..Ranges::default()
            },
            "offset",
        ),
        (
            Ranges {
                ratio: 1.000001,
                ..Ranges::default()
            },
            "ratio",
        ),
        (
            Ranges {
                positive: 0.0,
                ..Ranges::default()
            },
            "positive",
        ),
        (
            Ranges {
                digit: 10,
                ..Ranges::default()
            },
            "digit",
        ),
    ] {
        assert_eq!(failures(case), [(path.to_owned(), "range")]);
    }
}

#[test]
fn range_never_passes_nan_or_infinities() {
    for value in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -f64::NAN] {
        assert_eq!(
            failures(Ranges {
                ratio: value,
                ..Ranges::default()
            }),
            [("ratio".to_owned(), "range")],
            "{value}"
        );
    }
    assert!(!passes(Ranges {
        positive: f32::NAN,
        ..Ranges::default()
    }));
}

#[derive(Validate)]
struct Text {
    #[validate(email)]
    email: String,
    #[validate(url)]
    url: String,
    #[validate(pattern("[a-z0-9_]+"))]
    slug: String,
}

fn text(email: &str, url: &str, slug: &str) -> Text {
    Text {
        email: email.into(),
        url: url.into(),
        slug: slug.into(),
    }
}

#[test]
fn email_url_and_pattern() {
    assert!(passes(text(
        "a@example.com",
        "https://example.com",
        "ok_name"
    )));
    assert_eq!(
        failures(text(
            "a@b",
            "javascript:alert(1)",
            "ok_name<script>alert(1)</script>"
        )),
        [
            ("email".into(), "email"),
            ("url".into(), "url"),
            ("slug".into(), "pattern"),
        ]
    );
}

#[derive(Validate)]
struct Addresses {
    #[validate(email)]
    any: String,
    #[validate(email, ascii)]
    ascii_only: String,
}

#[test]
fn look_alike_domains_pass_email_and_fail_ascii() {
    // `е` is CYRILLIC SMALL LETTER IE: the domain reads as `example.com` and is another one.
    let look_alike = "a@\u{435}xample.com";
    assert_eq!(
        failures(Addresses {
            any: look_alike.into(),
            ascii_only: look_alike.into(),
        }),
        [("ascii_only".into(), "ascii")]
    );
}

#[derive(Validate)]
struct Patterns {
    #[validate(pattern(r"\d{5}"))]
    zip: String,
    #[validate(pattern("yes|no"))]
    answer: String,
}

#[test]
fn pattern_matches_the_whole_value() {
    let case = |zip: &str, answer: &str| Patterns {
        zip: zip.into(),
        answer: answer.into(),
    };
    assert!(passes(case("12345", "no")));
    assert!(passes(case("12345", "yes")));
    assert!(!passes(case("12345; DROP TABLE t", "no")));
    assert!(!passes(case("12345", "yesterday")));
    assert!(!passes(case("12345\n", "no")));
    assert!(!passes(case("", "")));
}

#[derive(Validate)]
struct Urls {
    #[validate(url(schemes("https", "mailto")))]
    link: String,
}

#[test]
fn url_schemes_can_be_listed_per_field() {
    let link = |text: &str| Urls { link: text.into() };
    assert!(passes(link("https://example.com")));
    assert!(passes(link("mailto:user@example.com")));
    assert!(!passes(link("http://example.com")));
    assert!(!passes(link("javascript:alert(1)")));
    let errors = report(link("ftp://example.com"));
    assert_eq!(
        errors.to_string(),
        "link: must be a valid URL with scheme https, mailto"
    );
}

#[derive(Validate)]
struct Choices {
    #[validate(one_of("draft", "published"))]
    status: String,
    #[validate(one_of(1, 2, 4))]
    size: u8,
}

#[test]
fn one_of_matches_exactly() {
    let case = |status: &str, size| Choices {
        status: status.into(),
        size,
    };
    assert!(passes(case("draft", 4)));
    assert!(!passes(case("Draft", 4)));
    assert!(!passes(case("draft ", 4)));
    assert!(!passes(case("draft", 3)));
    assert_eq!(
        report(case("x", 1)).to_string(),
        "status: must be one of: draft, published"
    );
}

#[derive(Validate)]
struct Classes {
    #[validate(ascii)]
    ascii: String,
    #[validate(alphanumeric)]
    alphanumeric: String,
    #[validate(no_control)]
    single_line: String,
    #[validate(no_control(multiline))]
    multi_line: String,
}

#[test]
fn character_classes() {
    let case = |ascii: &str, alphanumeric: &str, single: &str, multi: &str| Classes {
        ascii: ascii.into(),
        alphanumeric: alphanumeric.into(),
        single_line: single.into(),
        multi_line: multi.into(),
    };
    assert!(passes(case(
        "plain ~text!",
        "abcÄ123",
        "one line",
        "two\nlines\tok"
    )));
    assert_eq!(
        failures(case("naïve", "a_b", "a\nb", "a\rb")),
        [
            ("ascii".into(), "ascii"),
            ("alphanumeric".into(), "alphanumeric"),
            ("single_line".into(), "no_control"),
            ("multi_line".into(), "no_control"),
        ]
    );
    for control in [
        "\u{202E}", "\u{2066}", "\u{85}", "\u{7F}", "\u{0}", "\u{61C}", "\u{200F}",
    ] {
        assert!(
            !passes(case("a", "a", &format!("x{control}y"), "a")),
            "{control:?}"
        );
    }
}

#[test]
fn no_control_refuses_line_separators_unless_multiline() {
    let case = |text: &str| Classes {
        ascii: "a".into(),
        alphanumeric: "a".into(),
        single_line: text.into(),
        multi_line: text.into(),
    };
    for separator in ["\u{2028}", "\u{2029}"] {
        assert_eq!(
            failures(case(&format!("one{separator}two"))),
            [("single_line".into(), "no_control")],
            "{separator:?}"
        );
    }
}

#[test]
fn no_control_refuses_invisible_characters_with_no_part_in_shaping() {
    let case = |text: &str| Classes {
        ascii: "a".into(),
        alphanumeric: "a".into(),
        single_line: text.into(),
        multi_line: text.into(),
    };
    for invisible in [
        "\u{200B}",
        "\u{2060}",
        "\u{FEFF}",
        "\u{180E}",
        "\u{115F}",
        "\u{1160}",
        "\u{3164}",
        "\u{FFA0}",
        "\u{AD}",
        "\u{2062}",
        "\u{E0001}",
        "\u{E0061}\u{E007F}",
        "\u{1F3F4}\u{E0067}\u{E0062}",
    ] {
        assert_eq!(
            failures(case(&format!("ad{invisible}min"))),
            [
                ("single_line".into(), "no_control"),
                ("multi_line".into(), "no_control"),
            ],
            "{invisible:?}"
        );
    }
    for shaped in [
        "\u{1F469}\u{200D}\u{1F4BB}",
        "\u{645}\u{200C}\u{6CC}",
        "\u{2764}\u{FE0F}",
        "\u{845B}\u{E0100}",
        "u\u{34F}\u{308}",
        "\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
    ] {
        assert!(passes(case(shaped)), "{shaped:?}");
    }
}

#[derive(Validate)]
struct Substrings {
    #[validate(contains("@"), not_contains(".."))]
    handle: String,
    #[validate(starts_with("+"), ends_with("00"))]
    phone: String,
}

#[test]
fn substring_rules() {
    let case = |handle: &str, phone: &str| Substrings {
        handle: handle.into(),
        phone: phone.into(),
    };
    assert!(passes(case("a@b", "+4100")));
    assert_eq!(
        failures(case("a..b", "4100+")),
        [
            ("handle".into(), "contains"),
            ("handle".into(), "not_contains"),
            ("phone".into(), "starts_with"),
            ("phone".into(), "ends_with"),
        ]
    );
    assert_eq!(
        report(case("ab", "+00")).to_string(),
        "handle: must contain \"@\""
    );
}

#[derive(Validate)]
struct Network {
    #[validate(ip)]
    any: String,
    #[validate(ipv4)]
    v4: String,
    #[validate(ipv6)]
    v6: String,
    #[validate(uuid)]
    id: String,
}

#[test]
fn addresses_and_uuids() {
    let case = |any: &str, v4: &str, v6: &str, id: &str| Network {
        any: any.into(),
        v4: v4.into(),
        v6: v6.into(),
        id: id.into(),
    };
    assert!(passes(case(
        "::1",
        "192.0.2.1",
        "2001:db8::1",
        "67e55044-10b1-426f-9247-bb680e5fe0c8"
    )));
    assert!(passes(case(
        "192.0.2.1",
        "0.0.0.0",
        "::",
        "67E55044-10B1-426F-9247-BB680E5FE0C8"
    )));
    assert_eq!(
        failures(case(
            "localhost",
            "192.0.2.01",
            "192.0.2.1",
            "67e5504410b1426f9247bb680e5fe0c8"
        )),
        [
            ("any".into(), "ip"),
            ("v4".into(), "ipv4"),
            ("v6".into(), "ipv6"),
            ("id".into(), "uuid"),
        ]
    );
    assert!(!passes(case(
        "::1",
        "256.0.0.1",
        "::1",
        "{67e55044-10b1-426f-9247-bb680e5fe0c8}"
    )));
}

#[derive(Validate)]
struct Optional {
    #[validate(required, length(max = 3))]
    nickname: Option<String>,
    #[validate(email)]
    backup: Option<String>,
}

#[test]
fn absent_values_pass_every_rule_but_required() {
    assert_eq!(
        failures(Optional {
            nickname: None,
            backup: None
        }),
        [("nickname".into(), "required")]
    );
    assert!(passes(Optional {
        nickname: Some("ada".into()),
        backup: None
    }));
    assert_eq!(
        failures(Optional {
            nickname: Some("adam".into()),
            backup: Some("x".into())
        }),
        [("nickname".into(), "length"), ("backup".into(), "email")]
    );
}

fn even(value: &u32) -> Result<(), secure::validate::RuleError> {
    if value.is_multiple_of(2) {
        Ok(())
    } else {
        Err(secure::validate::RuleError::new("even")
            .with_param("divisor", 2)
            .with_message("must be even"))
    }
}

fn no_spaces(value: &str) -> Result<(), secure::validate::RuleError> {
    match value.contains(' ') {
        true => Err(secure::validate::RuleError::new("spaces")),
        false => Ok(()),
    }
}

#[derive(Validate)]
#[validate(custom(Self::consistent))]
struct Custom {
    #[validate(custom(even))]
    count: u32,
    #[validate(custom(no_spaces))]
    name: String,
}

impl Custom {
    fn consistent(&self) -> Result<(), secure::validate::RuleError> {
        match self.count as usize == self.name.len() {
            true => Ok(()),
            false => Err(secure::validate::RuleError::new("count_mismatch")),
        }
    }
}

#[test]
fn custom_rules_on_fields_and_on_the_type() {
    assert!(passes(Custom {
        count: 2,
        name: "ab".into()
    }));
    let errors = report(Custom {
        count: 3,
        name: "a b".into(),
    });
    assert_eq!(
        errors
            .iter()
            .map(|e| (e.path().to_string(), e.code()))
            .collect::<Vec<_>>(),
        [("count".into(), "even"), ("name".into(), "spaces"),]
    );
    assert_eq!(
        errors.iter().next().unwrap().message().to_string(),
        "must be even"
    );
    assert_eq!(
        failures(Custom {
            count: 4,
            name: "ab".into()
        }),
        [(String::new(), "count_mismatch")]
    );
}

#[derive(Validate)]
struct Confirm {
    #[validate(length(min = 8))]
    password: String,
    #[validate(must_match(password))]
    confirmation: String,
}

#[test]
fn must_match_compares_fields() {
    let case = |a: &str, b: &str| Confirm {
        password: a.into(),
        confirmation: b.into(),
    };
    assert!(passes(case("long enough", "long enough")));
    assert_eq!(
        failures(case("long enough", "long enougH")),
        [("confirmation".into(), "must_match")]
    );
    assert_eq!(
        report(case("long enough", "")).to_string(),
        "confirmation: must match `password`"
    );
}

#[derive(Validate)]
struct Messages {
    #[validate(
        length(min = 3, message = "pick a longer name"),
        email(message = "not an email")
    )]
    name: String,
}

#[test]
fn messages_replace_the_default_text_only() {
    let errors = report(Messages { name: "x".into() });
    assert_eq!(
        errors.to_string(),
        "name: pick a longer name; name: not an email"
    );
    assert_eq!(errors.iter().next().unwrap().code(), "length");
}

#[derive(Validate)]
struct Skipped {
    #[validate(skip)]
    anything: String,
}

#[test]
fn skip_accepts_anything() {
    let value = support::sanitized(Skipped {
        anything: "\u{202E}".repeat(1000),
    });
    assert_eq!(value.anything.chars().count(), 1000);
}

#[derive(Validate)]
struct Tabled {
    #[validate(pattern("^[A-Za-z0-9_]+$"))]
    username: String,
    #[validate(pattern("[0-9]{2,4}"))]
    code: String,
    #[validate(pattern("[a-f]*"))]
    hex: String,
}

proptest::proptest! {
    /// Patterns the derive turns into a table agree with the regex they were written as.
    #[test]
    fn table_patterns_agree_with_the_regex_engine(text in "[a-zA-Z0-9_ é\u{212A}\n-]{0,6}") {
        let username = regex::Regex::new(r"\A(?:^[A-Za-z0-9_]+$)\z").unwrap();
        let code = regex::Regex::new(r"\A(?:[0-9]{2,4})\z").unwrap();
        let hex = regex::Regex::new(r"\A(?:[a-f]*)\z").unwrap();
        let failed = support::failures(Tabled {
            username: text.clone(),
            code: text.clone(),
            hex: text.clone(),
        });
        let failed = |path: &str| failed.iter().any(|(failed, _)| failed == path);
        proptest::prop_assert_eq!(!failed("username"), username.is_match(&text));
        proptest::prop_assert_eq!(!failed("code"), code.is_match(&text));
        proptest::prop_assert_eq!(!failed("hex"), hex.is_match(&text));
    }
}
