//! Types written by a `macro_rules!` macro, attributes and all, derive as written by hand:
//! the derives' own names do not take the hygiene of the tokens they are spanned on.

#![allow(dead_code)]

use secure::prelude::*;

macro_rules! bounded_text {
    ($name:ident, $max:literal) => {
        #[derive(Validate, Redact)]
        struct $name {
            #[validate(sanitize(trim), length(max = $max))]
            text: String,
            #[validate(nested)]
            inner: Option<Box<$name>>,
            #[sensitive(partial(last = 2))]
            #[validate(length(min = 4))]
            code: String,
        }
    };
}

macro_rules! with_rules {
    ($name:ident, $record:ident, $($rules:tt)*) => {
        #[derive(Validate, Redact)]
        struct $record {
            #[validate($($rules)*)]
            #[sensitive(partial(first = 1))]
            value: String,
        }

        #[derive(Validate)]
        enum $name {
            Text(#[validate($($rules)*)] String),
            Named {
                #[validate($($rules)*)]
                value: String,
            },
        }
    };
}

macro_rules! masked {
    ($name:ident, $($mask:tt)*) => {
        #[derive(Redact)]
        struct $name {
            shown: u8,
            #[sensitive($($mask)*)]
            card: String,
        }

        #[derive(Redact)]
        enum Choice {
            Card(#[sensitive($($mask)*)] String),
        }
    };
}

bounded_text!(Title, 5);
masked!(Payment, partial(last = 4));
with_rules!(Short, ShortRecord, sanitize(trim), length(max = 2));

#[test]
fn a_type_from_a_macro_validates_sanitizes_and_redacts() {
    let title = Title {
        text: "  abcdefg ".into(),
        inner: None,
        code: "123456".into(),
    };
    let report = Untrusted::new(title).validate().unwrap_err();
    let failures: Vec<(String, &str)> = report
        .iter()
        .map(|failure| (failure.path().to_string(), failure.code()))
        .collect();
    assert_eq!(failures, [("text".to_owned(), "length")]);

    let title = Title {
        text: " ok ".into(),
        inner: None,
        code: "123456".into(),
    };
    let title = Untrusted::new(title).validate().unwrap().into_inner();
    assert_eq!(title.text, "ok");
    assert!(!format!("{title:?}").contains("1234"));
}

#[test]
fn rules_forwarded_through_a_macro_apply_to_every_variant() {
    let short = Untrusted::new(Short::Text(" abc ".into())).validate();
    assert_eq!(
        short
            .err()
            .unwrap()
            .iter()
            .next()
            .unwrap()
            .path()
            .to_string(),
        "Text"
    );
    let named = Untrusted::new(Short::Named {
        value: " ab ".into(),
    })
    .validate()
    .unwrap();
    assert!(matches!(named.into_inner(), Short::Named { value } if value == "ab"));
}

#[test]
fn rules_forwarded_through_a_macro_apply_to_struct_fields() {
    let record = Untrusted::new(ShortRecord {
        value: " xy ".into(),
    })
    .validate()
    .unwrap();
    assert_eq!(record.value, "xy");
    let long = Untrusted::new(ShortRecord {
        value: "xyz".into(),
    })
    .validate();
    assert_eq!(long.err().unwrap().iter().next().unwrap().code(), "length");
}

#[test]
fn masks_forwarded_through_a_macro_apply() {
    let payment = Payment {
        shown: 1,
        card: "4111111111111111".into(),
    };
    assert_eq!(
        format!("{payment:?}"),
        "Payment { shown: 1, card: \"****1111\" }"
    );
    let choice = Choice::Card("4111111111111111".into());
    assert_eq!(format!("{choice:?}"), "Card(\"****1111\")");
}
