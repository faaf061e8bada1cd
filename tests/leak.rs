//! The leak test: a canary secret in every public type that can hold one, rendered through
//! every output channel this crate writes, must appear in none of them.

#![allow(dead_code)]

mod support;

use std::collections::BTreeMap;

use secure::prelude::*;
use secure::redact::SerializeRedacted;
use support::leak::Renderings;

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

/// Everything the crate writes about `value`, through every channel, and about the report
/// of its validation.
fn renderings<T: Validate + SerializeRedacted + std::fmt::Debug>(value: T) -> Renderings {
    let mut out = Renderings::new();
    out.debug(&value).redacted(&value);
    let errors = Untrusted::new(value)
        .validate()
        .expect_err("every case fails validation");
    out.error(&errors).json(&errors);
    out
}

fn assert_no_canary(renderings: Renderings) {
    assert!(renderings.len() >= 12);
    renderings.assert_free_of(&[CANARY, "5f2e-91ab"]);
}

#[test]
fn a_login_leaks_nothing() {
    assert_no_canary(renderings(login()));
}

#[test]
fn partially_masked_values_show_only_their_suffix() {
    let rendered = renderings(Card { number: canary() });
    let debug = &rendered.as_slice()[0];
    assert!(debug.contains("****91ab"), "{debug}");
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
    let mut renderings = Renderings::new();
    renderings.debug(&secret).redacted(&secret);
    renderings.assert_free_of(&[CANARY]);
}
