//! No password, key, token or session id reaches any output channel of a value or error of
//! `secure::auth`: `Debug`, `Display`, error sources, panic messages, `tracing` fields, and the
//! serialized and redacted forms where a type has them.

#![cfg(feature = "auth")]

mod support;

use std::time::{Duration, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use secure::auth::api_key::{ApiKey, ApiKeyError, ApiKeyPrefix};
use secure::auth::jwt::{HmacAlgorithm, JwtVerifier, VerificationKey};
use secure::auth::password::{Params, PasswordError, PasswordHash, PasswordHasher};
use secure::auth::session::{MemoryStore, SessionError, SessionId, SessionManager, StoreError};
use secure::auth::{ManualClock, RandomUnavailable};
use secure::prelude::*;
use serde_json::json;
use support::leak::Renderings;

const PASSWORD: &str = "CANARY-password-31c7";
const HMAC_KEY: &[u8] = b"CANARY-hmac-key-9d02-of-at-least-32-bytes";
const CLAIM: &str = "CANARY-claim-4e6b";

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

    let mut forms = Renderings::new();
    forms
        .debug(&hasher)
        .debug(&hash)
        .debug(&Params::OWASP)
        .debug(&password)
        .redacted(&password)
        .json(&hash);
    for error in &errors {
        forms.error(error);
    }
    forms.assert_free_of(&[PASSWORD, "CANARY"]);

    // The salt and output of the stored hash stay out of `Debug` as well.
    let stored = hash.as_str();
    let salt_and_output = &stored[stored.match_indices('$').nth(3).unwrap().0 + 1..];
    Renderings::new()
        .debug(&hash)
        .assert_free_of(&[salt_and_output]);
}

#[test]
fn jwt_keys_tokens_and_claims_do_not_leak() {
    let mut forms = Renderings::new();
    let key = VerificationKey::hmac(HmacAlgorithm::Hs256, &Secret::new(HMAC_KEY.to_vec())).unwrap();
    forms.debug(&key);
    let clock = ManualClock::new(UNIX_EPOCH + Duration::from_secs(1_700_000_000));
    let builder = JwtVerifier::<u64>::builder(key).audience("api");
    forms.debug(&builder);
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

    forms.debug(&verifier);
    let mut canaries = vec![String::from("CANARY")];
    for variant in &variants {
        let error = verifier.verify(variant).unwrap_err();
        forms.error(&error).debug(variant).redacted(variant);
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
    forms.assert_free_of(&canaries);
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

    let mut forms = Renderings::new();
    forms.display(&key).debug(&key.hash()).debug(&prefix);
    for error in &errors {
        forms.error(error);
    }
    forms.assert_free_of(&[&text, &secret_part, &secret_part[..16], &hash_hex]);

    // The stored form is the digest, by design, and never the key.
    Renderings::new()
        .json(&key.hash())
        .assert_free_of(&[&text, &secret_part, &secret_part[..16]]);
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

    let mut forms = Renderings::new();
    forms
        .debug(&presented)
        .debug(&presented.store_key())
        .debug(&sessions)
        .debug(sessions.store());
    for error in &errors {
        forms.error(error);
    }
    forms.assert_free_of(&[&text, &text[..16], &text[text.len() - 16..]]);
}
