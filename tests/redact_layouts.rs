//! The redacted serialization keeps the layout serde's derive gives the same type: enum
//! tagging, `untagged` variants, a tag on a struct, `transparent`, and flattened fields.

// The fixtures hold values only to show that they do not come out.
#![allow(dead_code)]

use std::collections::BTreeMap;

use secure::prelude::*;
use secure::redact::redacted;
use serde::Serialize;
use serde_json::{Value, json};

/// The redacted form and serde's own, as JSON values.
fn both<T: Serialize + secure::redact::SerializeRedacted>(value: &T) -> (Value, Value) {
    (
        serde_json::to_value(redacted(value)).unwrap(),
        serde_json::to_value(value).unwrap(),
    )
}

#[derive(Redact, Serialize)]
struct Point {
    x: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
}

macro_rules! every_variant {
    ($name:ident, $($attr:tt)*) => {
        #[derive(Redact, Serialize)]
        $($attr)*
        enum $name {
            Unit,
            Newtype(Point),
            Named {
                id: u32,
                #[serde(skip_serializing_if = "Option::is_none")]
                note: Option<String>,
            },
            #[serde(rename = "moved")]
            Moved { to: Point },
        }

        impl $name {
            fn all() -> Vec<$name> {
                vec![
                    $name::Unit,
                    $name::Newtype(Point { x: 1, label: None }),
                    $name::Newtype(Point { x: 2, label: Some("b".into()) }),
                    $name::Named { id: 3, note: None },
                    $name::Named { id: 4, note: Some("n".into()) },
                    $name::Moved { to: Point { x: 5, label: None } },
                ]
            }
        }
    };
}

every_variant!(Internal, #[serde(tag = "kind")]);
every_variant!(Adjacent, #[serde(tag = "t", content = "c")]);
every_variant!(Untagged, #[serde(untagged)]);

#[derive(Redact, Serialize)]
enum External {
    Unit,
    Pair(u8, u8),
    #[serde(untagged)]
    Loose(String),
}

#[derive(Redact, Serialize)]
#[serde(tag = "type", rename = "point3")]
struct Tagged {
    x: i32,
    z: i32,
}

#[derive(Redact, Serialize)]
#[serde(transparent)]
struct Meters(f64);

#[derive(Redact, Serialize)]
struct Page {
    title: String,
    #[serde(flatten)]
    point: Point,
    #[serde(flatten)]
    extra: BTreeMap<String, u32>,
    #[serde(flatten)]
    missing: Option<Point>,
}

#[derive(Redact, Serialize)]
enum WithFlatten {
    Shown {
        id: u32,
        #[serde(flatten)]
        at: Point,
    },
}

#[test]
fn every_tagging_matches_serde_variant_by_variant() {
    for value in Internal::all() {
        let (redacted, plain) = both(&value);
        assert_eq!(redacted, plain);
    }
    for value in Adjacent::all() {
        let (redacted, plain) = both(&value);
        assert_eq!(redacted, plain);
    }
    for value in Untagged::all() {
        let (redacted, plain) = both(&value);
        assert_eq!(redacted, plain);
    }
    for value in [
        External::Unit,
        External::Pair(1, 2),
        External::Loose("l".into()),
    ] {
        let (redacted, plain) = both(&value);
        assert_eq!(redacted, plain);
    }
    // One spot check of the shapes themselves.
    assert_eq!(
        serde_json::to_value(redacted(&Internal::Named { id: 3, note: None })).unwrap(),
        json!({"kind": "Named", "id": 3})
    );
    assert_eq!(
        serde_json::to_value(redacted(&External::Loose("l".into()))).unwrap(),
        json!("l")
    );
}

#[test]
fn struct_tags_transparent_types_and_flattened_fields_match_serde() {
    let tagged = Tagged { x: 1, z: 2 };
    assert_eq!(
        serde_json::to_value(redacted(&tagged)).unwrap(),
        json!({"type": "point3", "x": 1, "z": 2})
    );
    let (redacted_form, plain) = both(&tagged);
    assert_eq!(redacted_form, plain);

    let (redacted_form, plain) = both(&Meters(2.5));
    assert_eq!(redacted_form, plain);
    assert_eq!(redacted_form, json!(2.5));

    let page = Page {
        title: "t".into(),
        point: Point {
            x: 7,
            label: Some("p".into()),
        },
        extra: BTreeMap::from([("views".into(), 9)]),
        missing: None,
    };
    let (redacted_form, plain) = both(&page);
    assert_eq!(redacted_form, plain);
    assert_eq!(
        redacted_form,
        json!({"title": "t", "x": 7, "label": "p", "views": 9})
    );

    let shown = WithFlatten::Shown {
        id: 1,
        at: Point { x: 2, label: None },
    };
    let (redacted_form, plain) = both(&shown);
    assert_eq!(redacted_form, plain);
}

// The same layouts with sensitive values, which only the redacted form may hold.

#[derive(Redact)]
struct Credentials {
    user: String,
    #[sensitive]
    password: String,
}

#[derive(Redact)]
#[serde(tag = "event", rename_all = "snake_case")]
enum Audit {
    SignedIn {
        user: String,
        #[sensitive(partial(last = 2))]
        ip: String,
    },
    Rotated(Credentials),
    #[sensitive]
    KeyShown {
        key: String,
    },
    Ended,
}

#[derive(Redact)]
#[serde(tag = "t", content = "c")]
enum Envelope {
    Login(Credentials),
    #[sensitive]
    Raw(String),
}

#[derive(Redact)]
#[serde(untagged)]
enum Either {
    Token(#[sensitive] String),
    Login(Credentials),
}

#[derive(Redact)]
struct Request {
    path: String,
    #[serde(flatten)]
    login: Credentials,
}

#[derive(Redact)]
#[serde(transparent)]
struct ApiKey(#[sensitive] String);

#[test]
fn sensitive_values_are_hidden_in_every_layout() {
    let cases = [
        (
            serde_json::to_value(redacted(&Audit::SignedIn {
                user: "ada".into(),
                ip: "192.0.2.17".into(),
            })),
            json!({"event": "signed_in", "user": "ada", "ip": "****17"}),
        ),
        (
            serde_json::to_value(redacted(&Audit::Rotated(Credentials {
                user: "ada".into(),
                password: "canary-1".into(),
            }))),
            json!({"event": "rotated", "user": "ada", "password": "[REDACTED]"}),
        ),
        (
            serde_json::to_value(redacted(&Audit::KeyShown {
                key: "canary-2".into(),
            })),
            json!({"event": "key_shown"}),
        ),
        (
            serde_json::to_value(redacted(&Audit::Ended)),
            json!({"event": "ended"}),
        ),
        (
            serde_json::to_value(redacted(&Envelope::Login(Credentials {
                user: "ada".into(),
                password: "canary-3".into(),
            }))),
            json!({"t": "Login", "c": {"user": "ada", "password": "[REDACTED]"}}),
        ),
        (
            serde_json::to_value(redacted(&Envelope::Raw("canary-4".into()))),
            json!({"t": "Raw", "c": "[REDACTED]"}),
        ),
        (
            serde_json::to_value(redacted(&Either::Token("canary-5".into()))),
            json!("[REDACTED]"),
        ),
        (
            serde_json::to_value(redacted(&Either::Login(Credentials {
                user: "ada".into(),
                password: "canary-6".into(),
            }))),
            json!({"user": "ada", "password": "[REDACTED]"}),
        ),
        (
            serde_json::to_value(redacted(&Request {
                path: "/login".into(),
                login: Credentials {
                    user: "ada".into(),
                    password: "canary-7".into(),
                },
            })),
            json!({"path": "/login", "user": "ada", "password": "[REDACTED]"}),
        ),
        (
            serde_json::to_value(redacted(&ApiKey("canary-8".into()))),
            json!("[REDACTED]"),
        ),
    ];
    for (shown, expected) in cases {
        let shown = shown.unwrap();
        assert_eq!(shown, expected);
        assert!(!shown.to_string().contains("canary"), "{shown}");
    }
}

/// What serde cannot lay out either is an error, not a guess.
#[derive(Redact)]
#[serde(tag = "kind")]
enum NotAMap {
    Number(u32),
}

#[test]
fn an_internally_tagged_variant_holding_a_number_is_an_error() {
    let error = serde_json::to_string(&redacted(&NotAMap::Number(7))).unwrap_err();
    assert!(error.to_string().contains("struct or a map"), "{error}");
}

/// A recursive generic type: bounded through its other fields, not the one that holds it.
#[derive(Redact, Validate)]
struct Tree<T> {
    #[validate(skip)]
    value: T,
    #[validate(nested)]
    children: Vec<Tree<T>>,
    #[sensitive]
    #[validate(skip)]
    secret: String,
}

#[test]
fn recursive_generic_types_redact_at_every_level() {
    let leaf = Tree {
        value: 2u8,
        children: vec![],
        secret: "canary-leaf".into(),
    };
    let tree = Tree {
        value: 1u8,
        children: vec![leaf],
        secret: "canary-root".into(),
    };
    assert_eq!(
        serde_json::to_value(redacted(&tree)).unwrap(),
        json!({"value": 1, "children": [{"value": 2, "children": [], "secret": "[REDACTED]"}], "secret": "[REDACTED]"})
    );
    let debug = format!("{tree:?}");
    assert!(!debug.contains("canary"), "{debug}");
    assert!(debug.contains("value: 2"), "{debug}");
}

fn shout<S: serde::Serializer>(value: &str, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&value.to_uppercase())
}

mod last_four {
    pub(crate) fn serialize<S: serde::Serializer>(
        value: &str,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let shown: String = value
            .chars()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        serializer.serialize_str(&format!("****{shown}"))
    }
}

#[derive(Redact, Serialize)]
#[serde(untagged)]
enum Loose {
    Empty(),
    One(u8),
}

#[derive(Redact, Serialize)]
#[serde(tag = "t", content = "c")]
enum Framed {
    Empty(),
}

#[derive(Redact, Serialize)]
enum Odd {
    Kept(u8),
    Hidden(#[serde(skip_serializing)] u8),
    #[serde(skip_serializing)]
    Refused,
}

#[derive(Redact, Serialize)]
struct Written {
    #[serde(serialize_with = "shout")]
    name: String,
    #[serde(with = "last_four")]
    card: String,
}

/// A function of the user's cannot be called on a field of a generic type from the
/// redacted form: what it would write is unknown, so it shows `[REDACTED]`.
#[derive(Redact, Serialize)]
struct WrittenGeneric<T: AsRef<str>> {
    #[serde(serialize_with = "as_text")]
    value: T,
}

fn as_text<T: AsRef<str>, S: serde::Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.as_ref())
}

#[test]
fn empty_tuples_skipped_fields_refused_variants_and_serialize_with_match_serde() {
    for value in [Loose::Empty(), Loose::One(1)] {
        let (redacted_form, plain) = both(&value);
        assert_eq!(redacted_form, plain);
    }
    let (redacted_form, plain) = both(&Framed::Empty());
    assert_eq!(redacted_form, plain);
    assert_eq!(redacted_form, json!({"t": "Empty", "c": []}));
    for value in [Odd::Kept(1), Odd::Hidden(2)] {
        let (redacted_form, plain) = both(&value);
        assert_eq!(redacted_form, plain);
    }
    assert!(serde_json::to_value(&Odd::Refused).is_err());
    assert!(serde_json::to_value(redacted(&Odd::Refused)).is_err());

    // A value a function of the user's masks stays masked in the redacted form.
    let written = Written {
        name: "ada".into(),
        card: "4111111111111111".into(),
    };
    let (redacted_form, plain) = both(&written);
    assert_eq!(redacted_form, plain);
    assert_eq!(redacted_form, json!({"name": "ADA", "card": "****1111"}));
    let generic = WrittenGeneric {
        value: "4111111111111111".to_owned(),
    };
    assert_eq!(
        serde_json::to_value(redacted(&generic)).unwrap(),
        json!({"value": "[REDACTED]"})
    );
}
