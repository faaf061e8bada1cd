//! `#[derive(Redact)]`: the redacted `Debug` and the redacted serialization.

// The fixtures hold values only to show that they do not come out.
#![allow(dead_code)]

use secure::prelude::*;
use secure::redact::redacted;

#[derive(Redact)]
struct Contact {
    name: String,
    #[sensitive]
    phone: Option<String>,
    #[sensitive(partial(last = 4))]
    card: String,
}

#[test]
fn sensitive_options_show_nothing_of_the_value() {
    for phone in [Some("+1-555-0100"), Some("ab"), None] {
        let contact = Contact {
            name: "Ada".into(),
            phone: phone.map(Into::into),
            card: String::new(),
        };
        let debug = format!("{contact:?}");
        assert_eq!(
            debug,
            r#"Contact { name: "Ada", phone: [REDACTED], card: [REDACTED] }"#
        );
    }
}

#[test]
fn partial_masks_show_exactly_the_requested_part() {
    let contact = |card: &str| Contact {
        name: String::new(),
        phone: None,
        card: card.into(),
    };
    assert!(format!("{:?}", contact("4111-1111-1111-1234")).ends_with(r#"card: "****1234" }"#));
    assert!(format!("{:?}", contact("12345")).ends_with("card: [REDACTED] }"));
    let short = format!("{:?}", contact("12345678"));
    let long = format!("{:?}", contact("1234-5678-9012-3456-7890-5678"));
    assert_eq!(
        short.len(),
        long.len(),
        "the mask does not reveal the length"
    );
}

#[derive(Redact)]
struct Token(#[sensitive] String);

#[derive(Redact)]
#[sensitive]
struct Diagnosis {
    code: String,
    notes: String,
}

#[derive(Redact)]
enum Payment {
    Card {
        #[sensitive(partial(last = 4))]
        number: String,
        holder: String,
    },
    #[sensitive]
    Iban(String),
    Cash,
}

#[test]
fn shapes_match_std_debug_with_values_hidden() {
    assert_eq!(format!("{:?}", Token("t".into())), "Token([REDACTED])");
    assert_eq!(
        format!("{:#?}", Token("t".into())),
        "Token(\n    [REDACTED],\n)"
    );
    let diagnosis = Diagnosis {
        code: "C50".into(),
        notes: "n".into(),
    };
    assert_eq!(format!("{diagnosis:?}"), "Diagnosis([REDACTED])");
    let card = Payment::Card {
        number: "4111111111111234".into(),
        holder: "Ada".into(),
    };
    assert_eq!(
        format!("{card:?}"),
        r#"Card { number: "****1234", holder: "Ada" }"#
    );
    assert_eq!(
        format!("{:?}", Payment::Iban("DE00123".into())),
        "Iban([REDACTED])"
    );
    assert_eq!(format!("{:?}", Payment::Cash), "Cash");
}

#[derive(Redact)]
struct Raw {
    r#type: String,
    #[sensitive]
    r#ref: String,
}

#[test]
fn raw_identifiers_print_like_std() {
    let raw = Raw {
        r#type: "x".into(),
        r#ref: "<PLACEHOLDER_SECRET>".into(),
    };
    assert_eq!(format!("{raw:?}"), r#"Raw { type: "x", ref: [REDACTED] }"#);
}

#[derive(Redact)]
struct Wrapper<T, U> {
    shown: T,
    #[sensitive]
    hidden: U,
}

#[test]
fn generic_types_need_debug_only_where_it_is_shown() {
    struct Opaque;
    let wrapper = Wrapper {
        shown: 7,
        hidden: Opaque,
    };
    assert_eq!(
        format!("{wrapper:?}"),
        "Wrapper { shown: 7, hidden: [REDACTED] }"
    );
}

#[derive(Redact)]
#[allow(dead_code)]
struct Config {
    host: String,
    #[sensitive]
    db_password: String,
    api_key: SecretString,
    #[serde(skip_serializing)]
    cache: Vec<u8>,
}

#[derive(Redact)]
struct Deployment {
    configs: Vec<Config>,
    primary: Option<Box<Config>>,
    by_region: std::collections::BTreeMap<String, Config>,
    payment: Payment,
}

fn config(password: &str) -> Config {
    Config {
        host: "db.internal".into(),
        db_password: password.into(),
        api_key: Secret::from(password),
        cache: vec![],
    }
}

#[test]
fn redacted_serialization_masks_sensitive_fields_and_secrets_at_every_depth() {
    let deployment = Deployment {
        configs: vec![config("canary-1")],
        primary: Some(Box::new(config("canary-2"))),
        by_region: [("eu".to_owned(), config("canary-3"))].into(),
        payment: Payment::Card {
            number: "4111111111111234".into(),
            holder: "Ada".into(),
        },
    };
    let json = serde_json::to_value(redacted(&deployment)).unwrap();
    let config = serde_json::json!({
        "host": "db.internal", "db_password": "[REDACTED]", "api_key": "[REDACTED]"
    });
    assert_eq!(
        json,
        serde_json::json!({
            "configs": [config],
            "primary": config,
            "by_region": {"eu": config},
            "payment": {"Card": {"number": "****1234", "holder": "Ada"}}
        })
    );
    assert!(!json.to_string().contains("canary"));
    assert!(!format!("{deployment:?}{deployment:#?}").contains("canary"));
}

#[derive(Redact)]
#[allow(dead_code)]
#[serde(rename_all = "camelCase")]
enum Event {
    #[serde(rename = "signed_in")]
    SignedIn {
        user_id: u64,
        #[sensitive]
        ip_address: String,
    },
    PasswordChanged(u64),
    LoggedOut,
}

#[test]
fn redacted_serialization_follows_serde_names() {
    let event = Event::SignedIn {
        user_id: 7,
        ip_address: "192.0.2.1".into(),
    };
    assert_eq!(
        serde_json::to_string(&redacted(&event)).unwrap(),
        r#"{"signed_in":{"user_id":7,"ip_address":"[REDACTED]"}}"#
    );
    let changed = serde_json::to_string(&redacted(&Event::PasswordChanged(7))).unwrap();
    assert_eq!(changed, r#"{"passwordChanged":7}"#);
    assert_eq!(
        serde_json::to_string(&redacted(&Event::LoggedOut)).unwrap(),
        r#""loggedOut""#
    );
}

#[derive(Redact)]
#[allow(dead_code)]
#[serde(rename_all(serialize = "camelCase", deserialize = "SCREAMING_SNAKE_CASE"))]
struct Handover {
    user_name: String,
    #[serde(rename(serialize = "out", deserialize = "in"))]
    #[sensitive]
    bearer_token: String,
}

#[test]
fn redacted_serialization_uses_the_serialize_names_not_the_deserialize_ones() {
    let handover = Handover {
        user_name: "ada".into(),
        bearer_token: "eyJ-canary".into(),
    };
    assert_eq!(
        serde_json::to_string(&redacted(&handover)).unwrap(),
        r#"{"userName":"ada","out":"[REDACTED]"}"#
    );
}

proptest::proptest! {
    /// A partial mask shows exactly the requested ends, and only when at least as many
    /// characters stay hidden; the mask between them never depends on the value.
    #[test]
    fn partial_masks_show_only_the_requested_ends(
        text in proptest::prelude::any::<String>(),
        first in 0usize..4,
        last in 0usize..6,
    ) {
        use secure::redact::{MASK, Partial, REDACTED};

        let chars: Vec<char> = text.chars().collect();
        let shown = first + last;
        let expected = if shown == 0 || chars.len() < 2 * shown {
            REDACTED.to_owned()
        } else {
            let head: String = chars[..first].iter().collect();
            let tail: String = chars[chars.len() - last..].iter().collect();
            format!("{head}{MASK}{tail}")
        };
        proptest::prop_assert_eq!(Partial::new(&text, first, last).to_string(), expected);
    }
}

#[derive(serde::Serialize)]
struct CardView {
    #[serde(serialize_with = "secure::redact::serialize_partial::<0, 4, _, _>")]
    number: SecretString,
    #[serde(serialize_with = "secure::redact::serialize_partial::<1, 0, _, _>")]
    holder: Option<String>,
}

#[test]
fn a_serialized_partial_mask_shows_only_the_requested_ends() {
    let view = |number: &str, holder: Option<&str>| {
        let card = CardView {
            number: SecretString::new(number.into()),
            holder: holder.map(str::to_owned),
        };
        serde_json::to_value(&card).unwrap()
    };
    assert_eq!(
        view("4111-1111-1111-1234", Some("Ada")),
        serde_json::json!({ "number": "****1234", "holder": "A****" })
    );
    assert_eq!(
        view("1234567", None),
        serde_json::json!({ "number": "[REDACTED]", "holder": "[REDACTED]" })
    );
}
