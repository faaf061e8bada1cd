//! Every shape the derive accepts, and the paths its failures are reported at.

mod support;

use std::collections::{BTreeMap, HashMap, VecDeque};

use secure::prelude::*;
use serde::Deserialize;
use support::{failures, passes, report, sanitized};

#[derive(Validate, Deserialize)]
struct Address {
    #[validate(length(1..=100))]
    street: String,
    #[serde(rename = "zip")]
    #[validate(length(3..=10))]
    postal_code: String,
}

#[derive(Validate, Deserialize)]
struct Item {
    #[validate(length(min = 1))]
    sku: String,
}

#[derive(Validate, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Order {
    #[validate(nested)]
    shipping_address: Address,
    #[validate(length(max = 2), nested)]
    items: Vec<Item>,
    #[validate(each(length(1..=20), pattern("[a-z]+")))]
    tags: Vec<String>,
    #[validate(keys(length(max = 5)), values(range(max = 10)))]
    quantities: BTreeMap<String, u32>,
    #[validate(nested)]
    gift: Option<Box<Item>>,
}

fn order(json: serde_json::Value) -> Order {
    let untrusted: Untrusted<Order> = serde_json::from_value(json).unwrap();
    secure::unchecked::untrusted_into_inner(untrusted)
}

#[test]
fn paths_use_the_names_the_client_sent() {
    let errors = failures(order(serde_json::json!({
        "shippingAddress": {"street": "", "zip": "1"},
        "items": [{"sku": "a"}, {"sku": ""}, {"sku": "c"}],
        "tags": ["ok", "BAD", ""],
        "quantities": {"toolong": 1, "ok": 11},
        "gift": {"sku": ""},
    })));
    assert_eq!(
        errors,
        [
            ("shippingAddress.street".into(), "length"),
            ("shippingAddress.zip".into(), "length"),
            ("items".into(), "length"),
            ("items[1].sku".into(), "length"),
            ("tags[1]".into(), "pattern"),
            ("tags[2]".into(), "length"),
            ("tags[2]".into(), "pattern"),
            ("quantities".into(), "length"),
            ("quantities[\"ok\"]".into(), "range"),
            ("gift.sku".into(), "length"),
        ]
    );
}

#[test]
fn a_valid_order_passes() {
    assert!(passes(order(serde_json::json!({
        "shippingAddress": {"street": "1 Main St", "zip": "12345"},
        "items": [{"sku": "a"}],
        "tags": [],
        "quantities": {},
        "gift": null,
    }))));
}

#[derive(Validate)]
struct Outer {
    #[validate(nested)]
    items: Option<Vec<Item>>,
    #[validate(each(pattern("^[a-z]+$")))]
    tags: Option<Vec<String>>,
}

#[test]
fn options_of_collections_compose_without_extra_annotations() {
    let item = |sku: &str| Item { sku: sku.into() };
    let case = Outer {
        items: Some(vec![item("ok"), item("")]),
        tags: Some(vec!["ok".into(), "BAD!".into()]),
    };
    assert_eq!(
        failures(case),
        [
            ("items[1].sku".into(), "length"),
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
struct Username(#[validate(length(3..=16), ascii, alphanumeric)] String);

#[derive(Validate)]
struct Pair(#[validate(range(max = 9))] u8, #[validate(email)] String);

#[derive(Validate)]
struct Unit;

#[derive(Validate)]
struct Account {
    #[validate(nested)]
    name: Username,
    #[validate(nested)]
    pair: Pair,
}

#[test]
fn tuple_structs_newtypes_and_units() {
    assert_eq!(failures(Username("x".into())), [(String::new(), "length")]);
    assert_eq!(
        failures(Pair(10, "nope".into())),
        [("[0]".into(), "range"), ("[1]".into(), "email")]
    );
    assert!(passes(Unit));
    let account = Account {
        name: Username("a_b".into()),
        pair: Pair(1, "a@example.com".into()),
    };
    assert_eq!(failures(account), [("name".into(), "alphanumeric")]);
}

#[derive(Validate)]
struct RawNames {
    #[validate(length(max = 10))]
    r#type: String,
    #[validate(skip)]
    r#ref: String,
}

#[test]
fn raw_identifiers_report_plain_names() {
    let case = RawNames {
        r#type: "x".repeat(11),
        r#ref: "<PLACEHOLDER_SECRET>".into(),
    };
    assert_eq!(failures(case), [("type".into(), "length")]);
    let valid = sanitized(RawNames {
        r#type: "x".into(),
        r#ref: String::new(),
    });
    assert!(valid.r#ref.is_empty());
}

#[derive(Validate, Deserialize)]
enum Payment {
    Card {
        #[validate(length(equal = 16), pattern("[0-9]+"))]
        number: String,
    },
    Transfer(#[validate(length(min = 15))] String),
    Split(
        #[validate(range(min = 1))] u32,
        #[validate(range(min = 1))] u32,
    ),
    Cash,
    #[validate(skip)]
    Other(String),
}

#[test]
fn externally_tagged_enums_report_under_the_variant() {
    let card: Payment = serde_json::from_str(r#"{"Card": {"number": "12"}}"#).unwrap();
    assert_eq!(failures(card), [("Card.number".into(), "length")]);
    assert_eq!(
        failures(Payment::Transfer("DE00".into())),
        [("Transfer".into(), "length")]
    );
    assert_eq!(
        failures(Payment::Split(0, 2)),
        [("Split[0]".into(), "range")]
    );
    assert!(passes(Payment::Cash));
    let Payment::Other(kept) = sanitized(Payment::Other("\u{0}".into())) else {
        unreachable!()
    };
    assert_eq!(kept, "\u{0}");
}

#[derive(Validate, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
enum Internal {
    BankCard {
        #[validate(length(equal = 3))]
        security_code: String,
    },
}

#[derive(Validate, Deserialize)]
#[serde(tag = "t", content = "c")]
enum Adjacent {
    Named {
        #[validate(email)]
        email: String,
    },
}

#[derive(Validate, Deserialize)]
#[serde(untagged)]
enum Untagged {
    Email {
        #[validate(email)]
        email: String,
    },
}

#[test]
fn other_tagging_styles_follow_serde() {
    let internal: Internal =
        serde_json::from_str(r#"{"type": "bank_card", "securityCode": "1"}"#).unwrap();
    assert_eq!(failures(internal), [("securityCode".into(), "length")]);

    let adjacent: Adjacent =
        serde_json::from_str(r#"{"t": "Named", "c": {"email": "x"}}"#).unwrap();
    assert_eq!(failures(adjacent), [("c.email".into(), "email")]);

    let untagged: Untagged = serde_json::from_str(r#"{"email": "x"}"#).unwrap();
    assert_eq!(failures(untagged), [("email".into(), "email")]);
}

#[derive(Validate, Deserialize)]
#[serde(rename_all = "SCREAMING-KEBAB-CASE")]
struct Renamed {
    #[validate(range(max = 1))]
    first_value: u8,
    #[serde(rename(deserialize = "second", serialize = "SECOND_OUT"))]
    #[validate(range(max = 1))]
    second_value: u8,
    #[serde(flatten)]
    #[validate(nested)]
    extra: Item,
}

#[test]
fn serde_renames_and_flatten() {
    let renamed = Renamed {
        first_value: 2,
        second_value: 2,
        extra: Item { sku: String::new() },
    };
    assert_eq!(
        failures(renamed),
        [
            ("FIRST-VALUE".into(), "range"),
            ("second".into(), "range"),
            ("sku".into(), "length"),
        ]
    );
}

#[derive(Validate)]
struct Generic<T, U: Clone> {
    #[validate(nested)]
    inner: T,
    #[validate(length(max = 1))]
    list: Vec<U>,
    #[validate(nested)]
    many: Vec<T>,
}

#[derive(Validate)]
struct Wrapper<T>(#[validate(nested)] T);

#[test]
fn generic_types_get_the_bounds_they_need() {
    let value = Generic {
        inner: Item { sku: String::new() },
        list: vec![1, 2],
        many: vec![Item { sku: "ok".into() }],
    };
    assert_eq!(
        failures(value),
        [("inner.sku".into(), "length"), ("list".into(), "length")]
    );
    assert!(passes(Wrapper(Username("abc".into()))));
    assert!(!passes(Wrapper(Username("a".into()))));
}

/// A recursive generic type: the impl is bounded through its other fields, not through the
/// field that holds the type itself, which would ask the impl to prove itself.
#[derive(Validate)]
struct Tree<T> {
    #[validate(length(1..=3))]
    label: T,
    #[validate(nested, length(max = 2))]
    children: Vec<Tree<T>>,
    #[validate(nested)]
    first: Option<Box<Self>>,
}

#[test]
fn recursive_generic_types_validate_every_level() {
    let leaf = |label: &str| Tree {
        label: label.to_owned(),
        children: vec![],
        first: None,
    };
    let tree = Tree {
        label: "root".to_owned(),
        children: vec![leaf("ok"), leaf(""), leaf("c")],
        first: Some(Box::new(leaf("long"))),
    };
    assert_eq!(
        failures(tree),
        [
            ("label".into(), "length"),
            ("children[1].label".into(), "length"),
            ("children".into(), "length"),
            ("first.label".into(), "length"),
        ]
    );
    assert!(passes(leaf("abc")));
}

#[derive(Validate)]
struct Collections<'a> {
    #[validate(each(length(max = 2)))]
    slice: &'a [&'a str],
    #[validate(each(range(max = 2)))]
    array: [u8; 3],
    #[validate(each(email))]
    queue: VecDeque<String>,
    #[validate(nested)]
    by_name: HashMap<String, Item>,
    #[validate(length(max = 2))]
    boxed: Box<str>,
    #[validate(each(each(range(max = 1))))]
    grid: Vec<Vec<u8>>,
}

#[test]
fn slices_arrays_queues_maps_boxes_and_nested_collections() {
    let mut by_name = HashMap::new();
    by_name.insert("first".to_owned(), Item { sku: String::new() });
    let value = Collections {
        slice: &["ab", "abc"],
        array: [0, 3, 1],
        queue: VecDeque::from(["a@example.com".to_owned(), "nope".to_owned()]),
        by_name,
        boxed: "abc".into(),
        grid: vec![vec![0, 1], vec![1, 2]],
    };
    assert_eq!(
        failures(value),
        [
            ("slice[1]".into(), "length"),
            ("array[1]".into(), "range"),
            ("queue[1]".into(), "email"),
            ("by_name[\"first\"].sku".into(), "length"),
            ("boxed".into(), "length"),
            ("grid[1][1]".into(), "range"),
        ]
    );
}

#[derive(Validate, Clone)]
struct Tag {
    #[validate(sanitize(trim), length(1..=8))]
    name: String,
}

#[derive(Validate)]
struct Shared {
    #[validate(nested)]
    primary: std::sync::Arc<Tag>,
    #[validate(nested)]
    local: Vec<std::rc::Rc<Tag>>,
}

#[test]
fn shared_values_are_validated_and_sanitized_without_changing_other_handles() {
    let outside = std::sync::Arc::new(Tag {
        name: "  news ".into(),
    });
    let value = Shared {
        primary: std::sync::Arc::clone(&outside),
        local: vec![std::rc::Rc::new(Tag { name: " ".into() })],
    };
    assert_eq!(failures(value), [("local[0].name".into(), "length")]);

    let value = Shared {
        primary: std::sync::Arc::clone(&outside),
        local: vec![],
    };
    let clean = sanitized(value);
    assert_eq!(clean.primary.name, "news");
    // The handle outside still sees what it held.
    assert_eq!(outside.name, "  news ");
}

#[derive(Validate, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Label {
    #[validate(sanitize(trim), length(1..=4))]
    name: String,
}

#[derive(Validate)]
struct Labelled {
    #[validate(nested, length(max = 3))]
    ordered: std::collections::BTreeSet<Label>,
    #[validate(nested)]
    hashed: std::collections::HashSet<Label>,
}

#[test]
fn sets_are_validated_and_sanitized_element_by_element() {
    let label = |name: &str| Label { name: name.into() };
    let value = Labelled {
        ordered: [label(" a"), label("a"), label("toolong")].into(),
        hashed: [label("")].into(),
    };
    // Sanitizing runs first: " a" and "a" become one label, so "toolong" is the second.
    assert_eq!(
        failures(value),
        [
            ("ordered[1].name".into(), "length"),
            ("hashed[0].name".into(), "length"),
        ]
    );
    let value = Labelled {
        ordered: [label(" a"), label("a ")].into(),
        hashed: [label(" b ")].into(),
    };
    let clean = sanitized(value);
    // Two labels that sanitize to one are one.
    assert_eq!(
        clean
            .ordered
            .iter()
            .map(|l| l.name.as_str())
            .collect::<Vec<_>>(),
        ["a"]
    );
    assert!(clean.hashed.contains(&label("b")));
}

#[derive(Validate)]
struct Credentials {
    #[validate(length(min = 12, max = 128))]
    password: SecretString,
    #[validate(must_match(password))]
    repeated: SecretString,
    #[validate(pattern("[0-9]{6}"))]
    otp: Option<Secret<String>>,
}

#[test]
fn secrets_are_checked_without_being_exposed() {
    let case = |password: &str, repeated: &str, otp: Option<&str>| Credentials {
        password: Secret::from(password),
        repeated: Secret::from(repeated),
        otp: otp.map(Secret::from),
    };
    assert!(passes(case(
        "correct horse battery",
        "correct horse battery",
        Some("123456")
    )));
    assert_eq!(
        failures(case("short", "other", Some("12345x"))),
        [
            ("password".into(), "length"),
            ("repeated".into(), "must_match"),
            ("otp".into(), "pattern"),
        ]
    );
    let errors = report(case("short", "short", None));
    assert_eq!(
        errors.to_string(),
        "password: must be between 12 and 128 characters long"
    );
}

#[test]
fn rejected_values_are_kept_out_of_the_report_even_through_nesting() {
    let errors = report(order(serde_json::json!({
        "shippingAddress": {"street": "CANARY", "zip": "CANARY-TOO-LONG"},
        "items": [{"sku": ""}],
        "tags": ["CANARY"],
        "quantities": {"CANARYKEY": 1},
        "gift": null,
    })));
    let rendered = format!(
        "{errors} {errors:?} {}",
        serde_json::to_string(&errors).unwrap()
    );
    assert!(!rendered.contains("CANARY"), "{rendered}");
}
