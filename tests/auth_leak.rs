//! No password, key, token or session id reaches `Debug`, `{:#?}` or `Display` of any value or
//! error of `secure::auth`.

#![cfg(feature = "auth")]

use std::error::Error;
use std::fmt::{Debug, Display};
use std::time::{Duration, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use secure::auth::api_key::{ApiKey, ApiKeyError, ApiKeyPrefix};
use secure::auth::jwt::{HmacAlgorithm, JwtVerifier, VerificationKey};
use secure::auth::password::{Params, PasswordError, PasswordHash, PasswordHasher};
use secure::auth::session::{MemoryStore, SessionError, SessionId, SessionManager, StoreError};
use secure::auth::{ManualClock, RandomUnavailable};
use secure::prelude::*;
use serde_json::json;

const PASSWORD: &str = "CANARY-password-31c7";
const HMAC_KEY: &[u8] = b"CANARY-hmac-key-9d02-of-at-least-32-bytes";
const CLAIM: &str = "CANARY-claim-4e6b";

/// Every rendering of `value` that does not need `Display`.
fn debug_forms(value: &dyn Debug) -> Vec<String> {
    vec![format!("{value:?}"), format!("{value:#?}")]
}

/// Every rendering of an error, its sources included.
fn error_forms<E: Error + 'static>(error: &E) -> Vec<String> {
    let mut forms = debug_forms(error);
    let mut current: Option<&dyn Error> = Some(error);
    while let Some(error) = current {
        forms.push(error.to_string());
        forms.push(format!("{error:#}"));
        current = error.source();
    }
    forms
}

fn display_forms<T: Debug + Display>(value: &T) -> Vec<String> {
    let mut forms = debug_forms(value);
    forms.push(value.to_string());
    forms.push(format!("{value:#}"));
    forms
}

fn assert_clean(forms: &[String], canaries: &[&str]) {
    for form in forms {
        for canary in canaries {
            assert!(!form.contains(canary), "{form:?} contains a secret");
        }
    }
}

#[test]
fn passwords_do_not_leak() {
    let hasher = PasswordHasher::new().max_password_bytes(64).unwrap();
    let password = Secret::from(PASSWORD);
    let hash = hasher.hash(&password).unwrap();
    let long = Secret::new(PASSWORD.repeat(10));

    let errors = [
        hasher
            .verify(&hash, &Secret::from("CANARY-wrong-password"))
            .unwrap_err(),
        hasher.verify_or_dummy(None, &password).unwrap_err(),
        hasher.hash(&long).unwrap_err(),
        PasswordHash::parse(&format!("$argon2id${PASSWORD}")).unwrap_err(),
        Params::new(1, 1, 1).unwrap_err(),
        PasswordError::Hashing,
        PasswordError::Random(RandomUnavailable),
    ];

    let mut forms = debug_forms(&hasher);
    forms.extend(debug_forms(&hash));
    forms.extend(debug_forms(&Params::OWASP));
    forms.extend(debug_forms(&password));
    for error in &errors {
        forms.extend(error_forms(error));
    }
    assert_clean(&forms, &[PASSWORD, "CANARY"]);

    // The salt and output of the stored hash stay out of `Debug` as well.
    let stored = hash.as_str();
    let salt_and_output = &stored[stored.match_indices('$').nth(3).unwrap().0 + 1..];
    assert_clean(&debug_forms(&hash), &[salt_and_output]);
}

#[test]
fn jwt_keys_tokens_and_claims_do_not_leak() {
    let key = VerificationKey::hmac(HmacAlgorithm::Hs256, &Secret::new(HMAC_KEY.to_vec())).unwrap();
    let key_debug = debug_forms(&key);
    let clock = ManualClock::new(UNIX_EPOCH + Duration::from_secs(1_700_000_000));
    let builder = JwtVerifier::<u64>::builder(key).audience("api");
    let builder_debug = debug_forms(&builder);
    let verifier = builder.issuer("https://issuer").clock(clock).build();

    let signing = EncodingKey::from_secret(HMAC_KEY).unwrap();
    let token = |claims: serde_json::Value| {
        Secret::new(encode(&Header::new(Algorithm::HS256), &claims, &signing).unwrap())
    };
    let good = json!({"aud": "api", "iss": "https://issuer", "exp": 1_700_000_100, "sub": CLAIM});
    let mut variants = vec![
        token(good.clone()),
        token(json!({"aud": CLAIM, "iss": "https://issuer", "exp": 1_700_000_100})),
        token(json!({"aud": "api", "iss": CLAIM, "exp": 1_700_000_100})),
        token(json!({"aud": "api", "iss": "https://issuer", "exp": CLAIM})),
        token(json!({"aud": "api", "iss": "https://issuer", "exp": 1, "sub": CLAIM})),
        token(json!({
            "aud": "api",
            "iss": "https://issuer",
            "exp": 1_700_000_100,
            "nbf": 1_800_000_000,
            "sub": CLAIM,
        })),
        Secret::new(format!("{CLAIM}.{CLAIM}.{CLAIM}")),
        Secret::new(CLAIM.repeat(1000)),
    ];
    let tampered = format!("{}x", token(good).expose_secret());
    variants.push(Secret::new(tampered));

    let mut forms = key_debug;
    forms.extend(builder_debug);
    forms.extend(debug_forms(&verifier));
    let mut canaries = vec![String::from("CANARY")];
    for variant in &variants {
        let error = verifier.verify(variant).unwrap_err();
        forms.extend(error_forms(&error));
        forms.extend(debug_forms(variant));
        canaries.push(variant.expose_secret().clone());
        let signature = variant
            .expose_secret()
            .rsplit('.')
            .next()
            .unwrap()
            .to_owned();
        canaries.push(signature);
    }
    let canaries: Vec<&str> = canaries
        .iter()
        .map(String::as_str)
        .filter(|c| c.len() > 8)
        .collect();
    assert_clean(&forms, &canaries);
}

#[test]
fn api_keys_do_not_leak() {
    let prefix = ApiKeyPrefix::new("sk_live_").unwrap();
    let key = ApiKey::generate(&prefix).unwrap();
    let text = key.expose_secret().clone();
    let secret_part = text.rsplit('_').next().unwrap().to_owned();
    let hash_hex = key.hash().to_hex();

    let errors = [
        key.hash()
            .verify(&ApiKey::generate(&prefix).unwrap())
            .unwrap_err(),
        ApiKey::parse(&prefix, Secret::new(format!("sk_test_{secret_part}"))).unwrap_err(),
        ApiKey::parse(&prefix, Secret::new(format!("sk_live_{secret_part}"))).unwrap_err(),
        ApiKeyPrefix::new(&format!("{secret_part}_")).unwrap_err(),
        ApiKeyError::Random(RandomUnavailable),
    ];

    let mut forms = display_forms(&key);
    forms.extend(debug_forms(&key.hash()));
    forms.extend(debug_forms(&prefix));
    for error in &errors {
        forms.extend(error_forms(error));
    }
    assert_clean(
        &forms,
        &[&text, &secret_part, &secret_part[..16], &hash_hex],
    );
}

#[test]
fn session_ids_do_not_leak() {
    let sessions: SessionManager<String, ()> = SessionManager::new(MemoryStore::new());
    let id = sessions.login(None, String::from("user-1")).unwrap();
    let text = id.expose_secret().clone();
    let presented = SessionId::parse(Secret::new(text.clone())).unwrap();

    let mut errors = vec![
        SessionId::parse(Secret::new(format!("{text}x"))).unwrap_err(),
        SessionError::Store(StoreError::with_source(
            "the store failed",
            RandomUnavailable,
        )),
        SessionError::Random(RandomUnavailable),
        SessionError::IdleTimeout,
        SessionError::AbsoluteTimeout,
    ];
    let visitor = sessions.start(()).unwrap();
    errors.push(sessions.elevate(visitor, |_| {}).unwrap_err());
    sessions.logout(id).unwrap();
    errors.push(sessions.load(&presented).unwrap_err());

    let mut forms = debug_forms(&presented);
    forms.extend(debug_forms(&presented.store_key()));
    forms.extend(debug_forms(&sessions));
    forms.extend(debug_forms(sessions.store()));
    for error in &errors {
        forms.extend(error_forms(error));
    }
    assert_clean(&forms, &[&text, &text[..16], &text[text.len() - 16..]]);
}
