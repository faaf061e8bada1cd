//! The leak test: a canary secret in every public type that can hold one, rendered through
//! every output channel this crate writes, must appear in none of them.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::{Arc, Mutex};

use secure::prelude::*;
use secure::redact::{SerializeRedacted, redacted};

const CANARY: &str = "CANARY-5f2e-91ab";

#[derive(Redact, Validate)]
struct Login {
    #[validate(email)]
    user: String,
    #[sensitive]
    #[validate(length(min = 64), pattern("[0-9]+"))]
    password: String,
    #[validate(length(min = 64), must_match(password_again))]
    token: SecretString,
    #[validate(skip)]
    password_again: SecretString,
}

#[derive(Redact, Validate)]
struct Card {
    #[sensitive(partial(last = 4))]
    #[validate(length(equal = 16), custom(luhn))]
    number: String,
}

fn luhn(_: &String) -> Result<(), secure::validate::RuleError> {
    Err(secure::validate::RuleError::new("luhn").with_param("checked_digits", 16))
}

#[derive(Redact, Validate)]
enum Credential {
    Password(
        #[sensitive]
        #[validate(length(min = 64))]
        String,
    ),
    #[sensitive]
    Recovery {
        #[validate(length(min = 64))]
        phrase: String,
    },
}

#[derive(Redact, Validate)]
#[sensitive]
struct Vault {
    #[validate(length(max = 1))]
    entries: Vec<String>,
}

#[derive(Redact, Validate)]
struct Account {
    #[validate(nested)]
    logins: Vec<Login>,
    #[validate(nested)]
    backup: Option<Box<Login>>,
    #[validate(nested)]
    cards: BTreeMap<String, Card>,
    #[validate(nested)]
    credentials: Vec<Credential>,
    #[validate(nested)]
    vault: Vault,
    #[sensitive]
    #[validate(values(length(max = 1)))]
    api_keys: BTreeMap<String, String>,
    #[validate(each(length(min = 64)))]
    recovery_codes: Vec<Secret<String>>,
}

fn canary() -> String {
    CANARY.to_owned()
}

fn login() -> Login {
    Login {
        user: "not an address".into(),
        password: canary(),
        token: Secret::new(canary()),
        password_again: Secret::new(format!("{CANARY}!")),
    }
}

fn account() -> Account {
    Account {
        logins: vec![login()],
        backup: Some(Box::new(login())),
        cards: BTreeMap::from([("main".to_owned(), Card { number: canary() })]),
        credentials: vec![
            Credential::Password(canary()),
            Credential::Recovery { phrase: canary() },
        ],
        vault: Vault {
            entries: vec![canary(), canary()],
        },
        api_keys: BTreeMap::from([(canary(), canary())]),
        recovery_codes: vec![Secret::new(canary())],
    }
}

/// Everything the crate writes about `value`, through every channel.
fn renderings<T: Validate + SerializeRedacted + std::fmt::Debug>(value: T) -> Vec<String> {
    let mut out = vec![
        format!("{value:?}"),
        format!("{value:#?}"),
        serde_json::to_string(&redacted(&value)).unwrap(),
        serde_json::to_string_pretty(&redacted(&value)).unwrap(),
        panic_message(std::panic::AssertUnwindSafe(|| panic!("{value:?}"))),
    ];
    out.extend(captured_logs(|| {
        tracing::info!(value = ?value, "debug field");
        #[cfg(feature = "tracing")]
        tracing::info!(value = secure::redact::field(&value), "redacted field");
    }));
    let errors = Untrusted::new(value)
        .validate()
        .expect_err("every case fails validation");
    out.extend([
        errors.to_string(),
        format!("{errors:?}"),
        format!("{errors:#?}"),
        serde_json::to_string(&errors).unwrap(),
        panic_message(std::panic::AssertUnwindSafe(|| {
            rejected(errors.clone()).unwrap()
        })),
    ]);
    out.extend(captured_logs(
        || tracing::warn!(%errors, ?errors, "rejected"),
    ));
    out
}

/// A result as a handler would return it, so that `unwrap` panics with the report.
fn rejected(errors: ValidationErrors) -> Result<(), ValidationErrors> {
    Err(errors)
}

fn panic_message<F: FnOnce()>(action: std::panic::AssertUnwindSafe<F>) -> String {
    let payload = std::panic::catch_unwind(action).expect_err("the action panics");
    match payload.downcast::<String>() {
        Ok(message) => *message,
        Err(payload) => payload
            .downcast::<&str>()
            .map(|message| message.to_string())
            .unwrap(),
    }
}

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().write(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn captured_logs(log: impl FnOnce()) -> Option<String> {
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    tracing::subscriber::with_default(subscriber, log);
    let text = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    assert!(!text.is_empty(), "the subscriber captured the events");
    Some(text)
}

fn assert_no_canary(renderings: Vec<String>) {
    assert!(renderings.len() >= 12);
    for rendering in renderings {
        assert!(
            !rendering.contains(CANARY),
            "the canary leaked:\n{rendering}"
        );
        assert!(
            !rendering.contains("5f2e-91ab"),
            "part of the canary leaked:\n{rendering}"
        );
    }
}

#[test]
fn a_login_leaks_nothing() {
    assert_no_canary(renderings(login()));
}

#[test]
fn partially_masked_values_show_only_their_suffix() {
    let rendered = renderings(Card { number: canary() });
    assert!(rendered[0].contains("****91ab"), "{}", rendered[0]);
    assert_no_canary(rendered);
}

#[test]
fn sensitive_variants_and_types_leak_nothing() {
    assert_no_canary(renderings(Credential::Password(canary())));
    assert_no_canary(renderings(Credential::Recovery { phrase: canary() }));
    assert_no_canary(renderings(Vault {
        entries: vec![canary(), canary()],
    }));
}

#[test]
fn nested_and_collection_cases_leak_nothing() {
    assert_no_canary(renderings(account()));
}

#[test]
fn a_secret_alone_leaks_nothing() {
    let secret = Secret::new(canary());
    let renderings = vec![
        format!("{secret:?}"),
        format!("{secret:#?}"),
        serde_json::to_string(&redacted(&secret)).unwrap(),
        panic_message(std::panic::AssertUnwindSafe(|| panic!("{secret:?}"))),
        captured_logs(|| tracing::info!(?secret)).unwrap(),
    ];
    for rendering in renderings {
        assert!(!rendering.contains(CANARY), "{rendering}");
    }
}
