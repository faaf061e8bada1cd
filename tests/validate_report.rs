//! The report: its JSON shape, its text, and that it never carries a rejected value.

mod support;

use std::collections::BTreeMap;

use secure::prelude::*;
use secure::validate::{ParamValue, RuleError};
use serde_json::json;
use support::report;

#[derive(Validate)]
struct Address {
    #[validate(length(3..=10))]
    zip: String,
}

#[derive(Validate)]
struct Profile {
    #[validate(nested)]
    address: Address,
    #[validate(range(min = 13))]
    age: u8,
    #[validate(one_of("en", "fr"))]
    language: String,
}

#[test]
fn json_shape_is_an_array_of_failures() {
    let errors = report(Profile {
        address: Address { zip: "1".into() },
        age: 12,
        language: "de".into(),
    });
    assert_eq!(
        serde_json::to_value(&errors).unwrap(),
        json!([
            {
                "path": "address.zip",
                "code": "length",
                "message": "must be between 3 and 10 characters long",
                "params": {"min": 3, "max": 10, "unit": "chars"}
            },
            {
                "path": "age",
                "code": "range",
                "message": "must be at least 13",
                "params": {"min": 13}
            },
            {
                "path": "language",
                "code": "one_of",
                "message": "must be one of: en, fr",
                "params": {"allowed": ["en", "fr"]}
            }
        ])
    );
    assert_eq!(
        errors.to_string(),
        "address.zip: must be between 3 and 10 characters long; age: must be at least 13; \
         language: must be one of: en, fr"
    );
    assert!(errors.has("address.zip", "length"));
    assert!(!errors.has("address", "length"));
    assert_eq!(errors.len(), 3);
    let error: &dyn std::error::Error = &errors;
    assert!(error.source().is_none());
}

#[derive(Validate)]
struct Units {
    #[validate(length(max = 5))]
    short: String,
    #[validate(length(min = 5))]
    long: String,
}

/// LEN-01: lengths count characters by default, and the report names the unit it counted.
#[test]
fn length_counts_and_reports_the_same_unit() {
    let case = |short: &str, long: &str| Units {
        short: short.into(),
        long: long.into(),
    };
    assert!(
        Untrusted::new(case("日本語", "日本語日本"))
            .validate()
            .is_ok()
    );
    let errors = report(case("abcdef", "日本語"));
    let units: Vec<_> = errors.iter().map(|e| e.param("unit").cloned()).collect();
    assert_eq!(
        units,
        [
            Some(ParamValue::Str("chars")),
            Some(ParamValue::Str("chars"))
        ]
    );
    assert_eq!(
        errors.to_string(),
        "short: must be at most 5 characters long; long: must be at least 5 characters long"
    );
}

fn leaky(value: &u32) -> Result<(), RuleError> {
    Err(RuleError::new("leaky").with_param("seen", *value))
}

#[derive(Validate)]
struct Sensitive {
    #[sensitive]
    #[validate(custom(leaky), range(max = 10))]
    pin: u32,
    #[sensitive]
    #[validate(values(length(max = 1)))]
    tokens: BTreeMap<String, String>,
    #[validate(custom(leaky))]
    public: u32,
}

#[test]
fn sensitive_fields_drop_custom_parameters_and_hide_map_keys() {
    let errors = report(Sensitive {
        pin: 4242,
        tokens: BTreeMap::from([("CANARY-KEY".to_owned(), "long".to_owned())]),
        public: 7,
    });
    let rendered: Vec<_> = errors
        .iter()
        .map(|e| (e.path().to_string(), e.code(), e.params().count()))
        .collect();
    assert_eq!(
        rendered,
        [
            ("pin".into(), "leaky", 0),
            ("pin".into(), "range", 1),
            ("tokens[..]".into(), "length", 2),
            ("public".into(), "leaky", 1),
        ]
    );
    let text = format!(
        "{errors} {errors:?} {}",
        serde_json::to_string(&errors).unwrap()
    );
    assert!(!text.contains("4242") && !text.contains("CANARY"), "{text}");
}

const CANARY: &str = "cAnArY-7f3a";

fn custom_rule(_: &String) -> Result<(), RuleError> {
    Err(RuleError::new("custom").with_message("is not acceptable"))
}

#[derive(Validate)]
struct EveryRule {
    #[validate(length(max = 3))]
    length: String,
    #[validate(length(bytes, max = 3))]
    bytes: String,
    #[validate(length(graphemes, max = 3))]
    graphemes: String,
    #[validate(email)]
    email: String,
    #[validate(url)]
    url: String,
    #[validate(pattern("[0-9]+"))]
    pattern: String,
    #[validate(one_of("a", "b"))]
    one_of: String,
    #[validate(ascii)]
    ascii: String,
    #[validate(alphanumeric)]
    alphanumeric: String,
    #[validate(no_control)]
    no_control: String,
    #[validate(contains("@@"))]
    contains: String,
    #[validate(not_contains("7f3a"))]
    not_contains: String,
    #[validate(starts_with("x"))]
    starts_with: String,
    #[validate(ends_with("x"))]
    ends_with: String,
    #[validate(ip)]
    ip: String,
    #[validate(ipv4)]
    ipv4: String,
    #[validate(ipv6)]
    ipv6: String,
    #[validate(uuid)]
    uuid: String,
    #[validate(custom(custom_rule))]
    custom: String,
    #[validate(must_match(length))]
    must_match: String,
    #[validate(each(email))]
    each: Vec<String>,
    #[validate(keys(email), values(email))]
    map: BTreeMap<String, String>,
    #[validate(length(min = 100))]
    secret: SecretString,
}

/// Every rule is fed the canary and fails; no rendering of the report may contain it. Map keys
/// are the one piece of input a path shows (escaped, truncated, and hidden when the map is
/// sensitive), so the canary is the checked value here, never a key shown in a path.
#[test]
fn no_rendering_of_any_failure_contains_the_rejected_value() {
    let canary = || String::from(CANARY);
    let with_control = format!("{CANARY}\u{7}é");
    let value = EveryRule {
        length: canary(),
        bytes: canary(),
        graphemes: canary(),
        email: canary(),
        url: canary(),
        pattern: canary(),
        one_of: canary(),
        ascii: with_control.clone(),
        alphanumeric: canary(),
        no_control: with_control,
        contains: canary(),
        not_contains: canary(),
        starts_with: canary(),
        ends_with: canary(),
        ip: canary(),
        ipv4: canary(),
        ipv6: canary(),
        uuid: canary(),
        custom: canary(),
        must_match: format!("{CANARY}!"),
        each: vec![canary()],
        map: BTreeMap::from([(canary(), "a@example.com".into()), ("key".into(), canary())]),
        secret: Secret::new(canary()),
    };
    let errors = report(value);
    assert_eq!(errors.len(), 25, "{errors}");
    let renderings = [
        errors.to_string(),
        format!("{errors:?}"),
        format!("{errors:#?}"),
        serde_json::to_string(&errors).unwrap(),
        errors
            .iter()
            .map(|e| format!("{e} {e:?} {}", e.message()))
            .collect(),
    ];
    for rendering in renderings {
        assert!(!rendering.contains("cAnArY"), "{rendering}");
    }
}

/// A list of thousands of bad items makes a report of at most `MAX_FAILURES` entries and one
/// more saying that others were found, not one many times the size of the request.
#[test]
fn a_report_stops_recording_at_its_limit_and_says_so() {
    use secure::validate::MAX_FAILURES;

    #[derive(Validate)]
    struct Tags {
        #[validate(length(max = 10), each(length(min = 1), ascii))]
        tags: Vec<String>,
    }

    let tags = vec![String::new(); 50_000];
    let errors = Untrusted::new(Tags { tags }).validate().err().unwrap();
    assert_eq!(errors.len(), MAX_FAILURES + 1);
    assert!(errors.is_truncated());
    let last = errors.iter().last().unwrap();
    assert_eq!(
        (last.path().to_string(), last.code()),
        (String::new(), "too_many_failures")
    );
    assert_eq!(last.param("limit"), Some(&ParamValue::from(100u64)));
    assert_eq!(
        last.to_string(),
        "more failures were found than the 100 reported"
    );
    // The first failures are kept as they were found.
    assert!(errors.has("tags", "length"));
    assert!(errors.has("tags[0]", "length"));
    assert!(errors.has("tags[98]", "length"));
    assert!(!errors.has("tags[99]", "length"));
    assert!(serde_json::to_string(&errors).unwrap().len() < 20_000);

    let few = Untrusted::new(Tags {
        tags: vec![String::new(); 3],
    })
    .validate()
    .err()
    .unwrap();
    assert!(!few.is_truncated());
    assert_eq!(few.len(), 3);
}
