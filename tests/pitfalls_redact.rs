//! The redaction cases of the pitfalls casebook.

#![allow(dead_code)]

use secure::prelude::*;
use secure::redact::redacted;

#[derive(Redact)]
struct Person {
    #[sensitive]
    phone: Option<String>,
}

#[test]
fn red_01_full_redaction_of_options_shows_no_character() {
    for phone in [Some("+1-555-0100"), Some("ab"), None] {
        let person = Person {
            phone: phone.map(Into::into),
        };
        assert_eq!(format!("{person:?}"), "Person { phone: [REDACTED] }");
    }
}

#[derive(Redact, serde::Serialize)]
struct Config {
    host: String,
    #[sensitive]
    #[serde(serialize_with = "secure::redact::serialize_redacted")]
    db_password: String,
    #[serde(serialize_with = "secure::redact::serialize_redacted")]
    api_key: Secret<String>,
}

#[derive(Redact, serde::Serialize)]
enum Settings {
    One(Config),
    Many(Vec<Config>),
    #[sensitive]
    #[serde(serialize_with = "secure::redact::serialize_redacted")]
    Dsn(String),
}

#[derive(Redact, serde::Serialize)]
#[sensitive]
struct Vault {
    #[serde(serialize_with = "secure::redact::serialize_redacted")]
    key: String,
    #[serde(skip)]
    backup_key: String,
}

#[test]
fn red_03_serializing_never_writes_plain_text() {
    let config = || Config {
        host: "db".into(),
        db_password: "<PLACEHOLDER>".into(),
        api_key: Secret::from("<PLACEHOLDER>"),
    };
    let plain = [
        serde_json::to_string(&config()).unwrap(),
        serde_json::to_string(&vec![config(), config()]).unwrap(),
        serde_json::to_string(&Settings::One(config())).unwrap(),
        serde_json::to_string(&Settings::Many(vec![config()])).unwrap(),
        serde_json::to_string(&redacted(&Settings::Many(vec![config()]))).unwrap(),
        serde_json::to_string(&Settings::Dsn("<PLACEHOLDER>".into())).unwrap(),
        serde_json::to_string(&Vault {
            key: "<PLACEHOLDER>".into(),
            backup_key: "<PLACEHOLDER>".into(),
        })
        .unwrap(),
    ];
    for json in plain {
        assert!(
            json.contains("[REDACTED]") && !json.contains("PLACEHOLDER"),
            "{json}"
        );
    }
}

/// A secret type that opts in to copies, and counts how often a copy is wiped.
#[derive(Clone)]
struct ApiToken(String);

static WIPED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

impl secure::secret::Zeroize for ApiToken {
    fn zeroize(&mut self) {
        self.0.zeroize();
        WIPED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }
}

impl secure::secret::CloneableSecret for ApiToken {}

#[test]
fn sec_01_copies_are_secrets_too() {
    use std::sync::atomic::Ordering;

    let secret: SecretString = serde_json::from_str("\"<PLACEHOLDER>\"").unwrap();
    assert_eq!(format!("{secret:?}"), "Secret([REDACTED])");
    assert_eq!(secret.expose_secret(), "<PLACEHOLDER>");

    let before = WIPED.load(Ordering::SeqCst);
    let a = Secret::new(ApiToken("<PLACEHOLDER>".into()));
    let b = a.clone();
    for copy in [&a, &b] {
        assert_eq!(format!("{copy:?}"), "Secret([REDACTED])");
        assert_eq!(format!("{copy:#?}"), "Secret([REDACTED])");
    }
    assert_eq!(b.expose_secret().0, "<PLACEHOLDER>");
    drop(b);
    assert_eq!(
        WIPED.load(Ordering::SeqCst),
        before + 1,
        "the copy is wiped"
    );
    drop(a);
    assert_eq!(WIPED.load(Ordering::SeqCst), before + 2);
}

#[derive(Redact)]
struct Raw {
    r#type: String,
    #[sensitive]
    r#ref: String,
}

#[test]
fn drv_01_raw_identifiers_in_debug() {
    let raw = Raw {
        r#type: "x".repeat(11),
        r#ref: "<PLACEHOLDER_SECRET>".into(),
    };
    let debug = format!("{raw:?}");
    assert_eq!(
        debug,
        format!("Raw {{ type: {:?}, ref: [REDACTED] }}", "x".repeat(11))
    );
}
