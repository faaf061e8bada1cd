//! JWT verification against real tokens: signed with the test keys in `tests/auth_keys/`, or
//! forged by hand where an attacker would forge them.

#![cfg(feature = "auth")]

use std::time::{Duration, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use secure::auth::ManualClock;
use secure::auth::jwt::{
    ClaimsRejected, FromClaims, HmacAlgorithm, JwtError, JwtVerifier, MAX_LEEWAY, RsaAlgorithm,
    VerificationKey,
};
use secure::prelude::*;
use serde::Deserialize;
use serde_json::{Value, json};

const RSA_PRIVATE: &[u8] = include_bytes!("auth_keys/test_only_rsa_private.pem");
const RSA_PUBLIC: &[u8] = include_bytes!("auth_keys/test_only_rsa_public.pem");
const ED_PRIVATE: &[u8] = include_bytes!("auth_keys/test_only_ed25519_private.pem");
const ED_PUBLIC: &[u8] = include_bytes!("auth_keys/test_only_ed25519_public.pem");
const HMAC_SECRET: &[u8] = b"a shared secret of thirty-two bytes or more, for HS256";

const NOW: u64 = 1_700_000_000;
const AUDIENCE: &str = "orders-api";
const ISSUER: &str = "https://login.example.com";

#[derive(Debug, Deserialize, PartialEq)]
struct Claims {
    sub: String,
    scope: String,
}

fn claims() -> Value {
    json!({
        "sub": "user-42",
        "scope": "orders:read",
        "aud": AUDIENCE,
        "iss": ISSUER,
        "iat": NOW - 10,
        "exp": NOW + 300,
    })
}

fn with(changes: Value) -> Value {
    let mut claims = claims();
    for (name, value) in changes.as_object().unwrap() {
        if value.is_null() {
            claims.as_object_mut().unwrap().remove(name);
        } else {
            claims[name] = value.clone();
        }
    }
    claims
}

fn sign(algorithm: Algorithm, key: &EncodingKey, claims: &Value) -> SecretString {
    Secret::new(encode(&Header::new(algorithm), claims, key).unwrap())
}

fn rs256(claims: &Value) -> SecretString {
    sign(
        Algorithm::RS256,
        &EncodingKey::from_rsa_pem(RSA_PRIVATE).unwrap(),
        claims,
    )
}

fn verifier(key: VerificationKey) -> JwtVerifier<Claims> {
    JwtVerifier::builder(key)
        .audience(AUDIENCE)
        .issuer(ISSUER)
        .leeway(Duration::from_secs(5))
        .clock(ManualClock::new(UNIX_EPOCH + Duration::from_secs(NOW)))
        .build()
}

fn rsa_verifier() -> JwtVerifier<Claims> {
    verifier(VerificationKey::rsa_pem(RsaAlgorithm::Rs256, RSA_PUBLIC).unwrap())
}

fn ed_verifier() -> JwtVerifier<Claims> {
    verifier(VerificationKey::ed25519_pem(ED_PUBLIC).unwrap())
}

fn hmac_verifier() -> JwtVerifier<Claims> {
    let secret = Secret::new(HMAC_SECRET.to_vec());
    verifier(VerificationKey::hmac(HmacAlgorithm::Hs256, &secret).unwrap())
}

/// Builds `header.payload.signature` from raw JSON, as an attacker would.
fn forge(header: &Value, claims: &Value, signature: &[u8]) -> SecretString {
    let part = |value: &Value| URL_SAFE_NO_PAD.encode(serde_json::to_vec(value).unwrap());
    let signature = URL_SAFE_NO_PAD.encode(signature);
    Secret::new(format!("{}.{}.{signature}", part(header), part(claims)))
}

fn expected() -> Claims {
    Claims {
        sub: "user-42".into(),
        scope: "orders:read".into(),
    }
}

#[test]
fn valid_tokens_verify_with_each_kind_of_key() {
    assert_eq!(rsa_verifier().verify(&rs256(&claims())), Ok(expected()));

    let ed_key = EncodingKey::from_ed_pem(ED_PRIVATE).unwrap();
    let ed_token = sign(Algorithm::EdDSA, &ed_key, &claims());
    assert_eq!(ed_verifier().verify(&ed_token), Ok(expected()));

    let hmac_token = sign(
        Algorithm::HS256,
        &EncodingKey::from_secret(HMAC_SECRET).unwrap(),
        &claims(),
    );
    assert_eq!(hmac_verifier().verify(&hmac_token), Ok(expected()));
}

#[test]
fn alg_none_is_refused() {
    let unsigned = forge(&json!({"alg": "none", "typ": "JWT"}), &claims(), b"");
    assert_eq!(
        rsa_verifier().verify(&unsigned),
        Err(JwtError::AlgorithmNotAllowed)
    );
    assert_eq!(
        hmac_verifier().verify(&unsigned),
        Err(JwtError::AlgorithmNotAllowed)
    );

    for spelling in ["None", "NONE", "nOnE"] {
        let unsigned = forge(&json!({"alg": spelling}), &claims(), b"");
        assert_eq!(
            ed_verifier().verify(&unsigned),
            Err(JwtError::AlgorithmNotAllowed)
        );
    }
}

#[test]
fn an_hmac_token_keyed_with_the_public_key_is_refused() {
    // The classic confusion: sign HS256 with the verifier's public key as the HMAC secret.
    let with_rsa_public = EncodingKey::from_secret(RSA_PUBLIC).unwrap();
    let token = sign(Algorithm::HS256, &with_rsa_public, &claims());
    assert_eq!(
        rsa_verifier().verify(&token),
        Err(JwtError::AlgorithmNotAllowed)
    );

    let with_ed_public = EncodingKey::from_secret(ED_PUBLIC).unwrap();
    let token = sign(Algorithm::HS256, &with_ed_public, &claims());
    assert_eq!(
        ed_verifier().verify(&token),
        Err(JwtError::AlgorithmNotAllowed)
    );
}

#[test]
fn another_algorithm_of_the_same_family_is_refused() {
    let key = EncodingKey::from_rsa_pem(RSA_PRIVATE).unwrap();
    let token = sign(Algorithm::RS512, &key, &claims());
    assert_eq!(
        rsa_verifier().verify(&token),
        Err(JwtError::AlgorithmNotAllowed)
    );

    let token = sign(
        Algorithm::HS512,
        &EncodingKey::from_secret(HMAC_SECRET).unwrap(),
        &claims(),
    );
    assert_eq!(
        hmac_verifier().verify(&token),
        Err(JwtError::AlgorithmNotAllowed)
    );
}

#[test]
fn expired_tokens_are_refused_beyond_the_leeway() {
    let expired = rs256(&with(json!({"exp": NOW - 6})));
    assert_eq!(rsa_verifier().verify(&expired), Err(JwtError::Expired));

    let within_leeway = rs256(&with(json!({"exp": NOW - 4})));
    assert_eq!(rsa_verifier().verify(&within_leeway), Ok(expected()));

    let strict = JwtVerifier::<Claims>::builder(
        VerificationKey::rsa_pem(RsaAlgorithm::Rs256, RSA_PUBLIC).unwrap(),
    )
    .audience(AUDIENCE)
    .issuer(ISSUER)
    .leeway(Duration::ZERO)
    .clock(ManualClock::new(UNIX_EPOCH + Duration::from_secs(NOW)))
    .build();
    let expiring_now = rs256(&with(json!({"exp": NOW})));
    assert_eq!(strict.verify(&expiring_now), Err(JwtError::Expired));
}

/// Settings that would pass every check yet switch one off are refused where they are made:
/// a leeway long enough to revive expired tokens, and an empty audience or issuer (an unset
/// variable read with `unwrap_or_default`), which would match tokens that name none.
#[test]
fn a_verifier_cannot_be_built_with_its_checks_switched_off() {
    let key = || VerificationKey::rsa_pem(RsaAlgorithm::Rs256, RSA_PUBLIC).unwrap();
    let panic_message = |build: Box<dyn FnOnce() + std::panic::UnwindSafe>| {
        let payload = std::panic::catch_unwind(build).unwrap_err();
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap()
    };

    let longest = JwtVerifier::<Claims>::builder(key())
        .audience(AUDIENCE)
        .issuer(ISSUER)
        .leeway(MAX_LEEWAY)
        .clock(ManualClock::new(UNIX_EPOCH + Duration::from_secs(NOW)))
        .build();
    let just_expired = rs256(&with(json!({"exp": NOW - 299})));
    assert_eq!(longest.verify(&just_expired), Ok(expected()));
    let long_expired = rs256(&with(json!({"exp": NOW - 300})));
    assert_eq!(longest.verify(&long_expired), Err(JwtError::Expired));

    assert_eq!(
        panic_message(Box::new(move || {
            let _ =
                JwtVerifier::<Claims>::builder(key()).leeway(MAX_LEEWAY + Duration::from_secs(1));
        })),
        "JwtVerifierBuilder::leeway: 301s is over MAX_LEEWAY (300s)"
    );
    assert_eq!(
        panic_message(Box::new(move || {
            let _ = JwtVerifier::<Claims>::builder(key()).audience("");
        })),
        "JwtVerifierBuilder::audience: the audience is empty"
    );
    assert_eq!(
        panic_message(Box::new(move || {
            let _ = JwtVerifier::<Claims>::builder(key())
                .audience(AUDIENCE)
                .issuer(" ");
        })),
        "JwtVerifierBuilder::issuer: the issuer is empty"
    );
}

#[test]
fn tokens_without_exp_are_refused() {
    let endless = rs256(&with(json!({"exp": null})));
    assert_eq!(
        rsa_verifier().verify(&endless),
        Err(JwtError::MissingClaim("exp"))
    );

    let text_exp = rs256(&with(json!({"exp": "tomorrow"})));
    assert_eq!(
        rsa_verifier().verify(&text_exp),
        Err(JwtError::InvalidClaim("exp"))
    );
}

#[test]
fn not_yet_valid_tokens_are_refused() {
    let early = rs256(&with(json!({"nbf": NOW + 60})));
    assert_eq!(rsa_verifier().verify(&early), Err(JwtError::NotYetValid));

    let within_leeway = rs256(&with(json!({"nbf": NOW + 4})));
    assert_eq!(rsa_verifier().verify(&within_leeway), Ok(expected()));
}

#[test]
fn the_clock_decides_expiry() {
    let clock = ManualClock::new(UNIX_EPOCH + Duration::from_secs(NOW));
    let verifier = JwtVerifier::<Claims>::builder(
        VerificationKey::rsa_pem(RsaAlgorithm::Rs256, RSA_PUBLIC).unwrap(),
    )
    .audience(AUDIENCE)
    .issuer(ISSUER)
    .leeway(Duration::ZERO)
    .clock(clock.clone())
    .build();
    let token = rs256(&claims());

    assert_eq!(verifier.verify(&token), Ok(expected()));
    clock.advance(Duration::from_secs(300));
    assert_eq!(verifier.verify(&token), Err(JwtError::Expired));
}

#[test]
fn wrong_or_missing_audience_is_refused() {
    let other = rs256(&with(json!({"aud": "billing-api"})));
    assert_eq!(rsa_verifier().verify(&other), Err(JwtError::WrongAudience));

    let others = rs256(&with(json!({"aud": ["billing-api", "admin-api"]})));
    assert_eq!(rsa_verifier().verify(&others), Err(JwtError::WrongAudience));

    let none = rs256(&with(json!({"aud": null})));
    assert_eq!(
        rsa_verifier().verify(&none),
        Err(JwtError::MissingClaim("aud"))
    );

    let listed = rs256(&with(json!({"aud": ["billing-api", AUDIENCE]})));
    assert_eq!(rsa_verifier().verify(&listed), Ok(expected()));
}

#[test]
fn wrong_or_missing_issuer_is_refused() {
    let other = rs256(&with(json!({"iss": "https://evil.example"})));
    assert_eq!(rsa_verifier().verify(&other), Err(JwtError::WrongIssuer));

    let lookalike = rs256(&with(json!({"iss": "https://login.example.com/"})));
    assert_eq!(
        rsa_verifier().verify(&lookalike),
        Err(JwtError::WrongIssuer)
    );

    let none = rs256(&with(json!({"iss": null})));
    assert_eq!(
        rsa_verifier().verify(&none),
        Err(JwtError::MissingClaim("iss"))
    );
}

#[test]
fn tampered_tokens_are_refused() {
    let token = rs256(&claims());
    let parts: Vec<&str> = token.expose_secret().split('.').collect();

    let mut signature = URL_SAFE_NO_PAD.decode(parts[2]).unwrap();
    signature[10] ^= 0x01;
    let flipped = format!(
        "{}.{}.{}",
        parts[0],
        parts[1],
        URL_SAFE_NO_PAD.encode(&signature)
    );
    assert_eq!(
        rsa_verifier().verify(&Secret::new(flipped)),
        Err(JwtError::BadSignature)
    );

    let admin = URL_SAFE_NO_PAD
        .encode(serde_json::to_vec(&with(json!({"scope": "orders:admin"}))).unwrap());
    let swapped = format!("{}.{admin}.{}", parts[0], parts[2]);
    assert_eq!(
        rsa_verifier().verify(&Secret::new(swapped)),
        Err(JwtError::BadSignature)
    );

    let stripped = format!("{}.{}.", parts[0], parts[1]);
    assert_eq!(
        rsa_verifier().verify(&Secret::new(stripped)),
        Err(JwtError::BadSignature)
    );
}

#[test]
fn malformed_and_oversized_tokens_are_refused() {
    for text in ["", "abc", "a.b", "a.b.c", "eyJhbGciOiJSUzI1NiJ9.e30"] {
        let error = rsa_verifier().verify(&Secret::from(text));
        assert_eq!(error, Err(JwtError::Malformed), "{text:?}");
    }

    let huge = Secret::new("a".repeat(8 * 1024 + 1));
    assert_eq!(
        rsa_verifier().verify(&huge),
        Err(JwtError::TooLarge { max_bytes: 8192 })
    );
}

#[test]
fn claims_that_do_not_fit_the_type_are_refused() {
    let numeric_sub = rs256(&with(json!({"sub": 42})));
    assert!(matches!(
        rsa_verifier().verify(&numeric_sub),
        Err(JwtError::ClaimsRejected(_))
    ));
}

#[derive(Debug, PartialEq)]
struct Subject {
    id: String,
    can_write: bool,
}

impl FromClaims<Claims> for Subject {
    fn from_claims(claims: Claims) -> Result<Self, ClaimsRejected> {
        if !claims.sub.starts_with("user-") {
            return Err(ClaimsRejected::new("the subject is not a user"));
        }
        Ok(Subject {
            id: claims.sub,
            can_write: claims.scope.split(' ').any(|scope| scope == "orders:write"),
        })
    }
}

#[test]
fn claims_map_to_the_subject_type() {
    let subject = rsa_verifier().verify_as::<Subject>(&rs256(&claims()));
    assert_eq!(
        subject,
        Ok(Subject {
            id: "user-42".into(),
            can_write: false
        })
    );

    let service = rs256(&with(json!({"sub": "service-7"})));
    assert_eq!(
        rsa_verifier().verify_as::<Subject>(&service),
        Err(JwtError::ClaimsRejected(ClaimsRejected::new(
            "the subject is not a user"
        )))
    );
}

#[test]
fn weak_or_unreadable_keys_are_refused_when_building() {
    let short = Secret::new(vec![7u8; 31]);
    assert_eq!(
        VerificationKey::hmac(HmacAlgorithm::Hs256, &short).err(),
        Some(JwtError::WeakKey)
    );
    let short = Secret::new(vec![7u8; 63]);
    assert_eq!(
        VerificationKey::hmac(HmacAlgorithm::Hs512, &short).err(),
        Some(JwtError::WeakKey)
    );
    assert_eq!(
        VerificationKey::rsa_pem(RsaAlgorithm::Rs256, b"not a key").err(),
        Some(JwtError::InvalidKey)
    );
    assert_eq!(
        VerificationKey::rsa_pem(RsaAlgorithm::Rs256, ED_PUBLIC).err(),
        Some(JwtError::InvalidKey)
    );
}

/// The claims of a token as an application might define them.
#[derive(Deserialize)]
struct RoleClaims {
    sub: String,
    roles: Vec<String>,
    scope: String,
}

/// What `#[requires]` checks: one impl maps verified claims to a `Principal`.
impl FromClaims<RoleClaims> for secure::authz::Principal {
    fn from_claims(claims: RoleClaims) -> Result<Self, ClaimsRejected> {
        Ok(secure::authz::Principal::new(claims.sub)
            .with_roles(claims.roles)
            .with_scopes(claims.scope.split(' ')))
    }
}

#[test]
fn claims_map_to_the_authorization_principal() {
    use secure::authz::{Principal, Subject};

    let verifier = JwtVerifier::<RoleClaims>::builder(
        VerificationKey::rsa_pem(RsaAlgorithm::Rs256, RSA_PUBLIC).unwrap(),
    )
    .audience(AUDIENCE)
    .issuer(ISSUER)
    .clock(ManualClock::new(UNIX_EPOCH + Duration::from_secs(NOW)))
    .build();
    let token = rs256(&with(
        json!({"roles": ["editor"], "scope": "orders:read orders:write"}),
    ));

    let principal = verifier.verify_as::<Principal>(&token).unwrap();
    assert_eq!(principal.id(), "user-42");
    assert!(principal.has_role("editor"));
    assert!(!principal.has_role("Editor"));
    assert!(principal.has_scope("orders:write"));
}
