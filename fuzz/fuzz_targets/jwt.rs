//! JWT verification: a verifier built with a fixed key accepts only tokens signed with that
//! key, for its audience and issuer, within their lifetime.
//!
//! The first byte picks how the rest becomes a token:
//!
//! - `0`: the bytes are the token. Nothing random carries a valid signature, so this must
//!   never verify;
//! - `1`: the bytes are a header and a payload (split where the second byte says), signed with
//!   the verifier's key. Whatever verifies must pass the checks of `accepted`;
//! - `2`: the same, signed with another key of the same length;
//! - `3`: the same, with the header's algorithm forced to `HS256` and signed with an ECDSA
//!   verifier's public key as the HMAC secret (algorithm confusion);
//! - `4`: the same, with `alg: none` and no signature;
//! - `5`: claims built from the bytes (audience, issuer, `exp`, `nbf` each present, absent,
//!   right, wrong or of the wrong type), signed with the verifier's key.
//!
//! Whatever the mode, a token that verifies must carry the HMAC of its first two parts under
//! the verifier's key.

#![no_main]

use std::sync::LazyLock;
use std::time::{Duration, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use libfuzzer_sys::fuzz_target;
use secure::Secret;
use secure::auth::ManualClock;
use secure::auth::jwt::{EcAlgorithm, HmacAlgorithm, JwtVerifier, VerificationKey};
use serde_json::{Map, Value, json};
use sha2::Sha256;

const KEY: &[u8; 32] = b"the verifier's 32-byte HS256 key";
const OTHER_KEY: &[u8; 32] = b"some other key of the same size!";
const AUDIENCE: &str = "orders-api";
const ISSUER: &str = "https://login.example.com";
const NOW: u64 = 1_700_000_000;
const LEEWAY: u64 = 30;

const EC_PUBLIC_KEY: &str = "-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEvAksZKycnvPjHB2miA9zGoMC82jc
UFl2wWFy6x5R9CBgSZPKNypbkej5JSuPSlxQxQBTW359hIw2QfUn7OhqZQ==
-----END PUBLIC KEY-----
";

fn verifier(key: VerificationKey) -> JwtVerifier<Value> {
    JwtVerifier::builder(key)
        .audience(AUDIENCE)
        .issuer(ISSUER)
        .leeway(Duration::from_secs(LEEWAY))
        .clock(ManualClock::new(UNIX_EPOCH + Duration::from_secs(NOW)))
        .build()
}

static HMAC_VERIFIER: LazyLock<JwtVerifier<Value>> = LazyLock::new(|| {
    let key = Secret::new(KEY.to_vec());
    verifier(VerificationKey::hmac(HmacAlgorithm::Hs256, &key).unwrap())
});

static EC_VERIFIER: LazyLock<JwtVerifier<Value>> = LazyLock::new(|| {
    let key = VerificationKey::ec_pem(EcAlgorithm::Es256, EC_PUBLIC_KEY.as_bytes()).unwrap();
    verifier(key)
});

fn mac(key: &[u8], signing_input: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(signing_input.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

fn sign(header: &[u8], payload: &[u8], key: Option<&[u8]>) -> String {
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(payload)
    );
    let signature = key.map(|key| URL_SAFE_NO_PAD.encode(mac(key, &signing_input)));
    format!("{signing_input}.{}", signature.unwrap_or_default())
}

fn with_alg(header: &[u8], alg: &str) -> Vec<u8> {
    let mut header = match serde_json::from_slice::<Value>(header) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    header.insert("alg".into(), alg.into());
    serde_json::to_vec(&header).unwrap()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (header, payload) = match rest.split_first() {
        Some((&at, body)) => body.split_at(usize::from(at).min(body.len())),
        None => (&[][..], &[][..]),
    };

    let hmac = &*HMAC_VERIFIER;
    match mode % 6 {
        0 => {
            let token = Secret::new(String::from_utf8_lossy(rest).into_owned());
            assert!(hmac.verify(&token).is_err(), "an unsigned token verified");
        }
        1 => check(&sign(header, payload, Some(KEY))),
        2 => {
            let token = Secret::new(sign(header, payload, Some(OTHER_KEY)));
            assert!(
                hmac.verify(&token).is_err(),
                "a token signed with another key verified"
            );
        }
        3 => {
            let header = with_alg(header, "HS256");
            let token = Secret::new(sign(&header, payload, Some(EC_PUBLIC_KEY.as_bytes())));
            assert!(EC_VERIFIER.verify(&token).is_err(), "algorithm confusion");
        }
        4 => {
            let header = with_alg(header, "none");
            let token = Secret::new(sign(&header, payload, None));
            assert!(
                hmac.verify(&token).is_err(),
                "an `alg: none` token verified"
            );
            assert!(
                EC_VERIFIER.verify(&token).is_err(),
                "an `alg: none` token verified"
            );
        }
        _ => {
            let header = json!({"alg": "HS256", "typ": "JWT"}).to_string();
            let claims = claims(rest);
            check(&sign(
                header.as_bytes(),
                claims.to_string().as_bytes(),
                Some(KEY),
            ));
        }
    }
});

/// Verifies a token with the HMAC verifier; if it verifies, it must deserve to.
fn check(token: &str) {
    let Ok(claims) = HMAC_VERIFIER.verify(&Secret::new(token.to_owned())) else {
        return;
    };
    accepted(token, &claims);
}

fn accepted(token: &str, claims: &Value) {
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3, "a verified token has three parts");
    let signature = URL_SAFE_NO_PAD
        .decode(parts[2])
        .expect("the signature decodes");
    let signing_input = &token[..parts[0].len() + 1 + parts[1].len()];
    assert_eq!(
        signature,
        mac(KEY, signing_input),
        "verified without the key's signature"
    );

    let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
    assert_eq!(header["alg"], "HS256");
    let payload: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    assert_eq!(
        &payload, claims,
        "the claims returned are not the claims signed"
    );

    let names = |claim: &Value, wanted: &str| match claim {
        Value::String(name) => name == wanted,
        Value::Array(names) => names.iter().any(|name| name == wanted),
        _ => false,
    };
    assert!(names(&claims["aud"], AUDIENCE), "wrong audience");
    assert!(names(&claims["iss"], ISSUER), "wrong issuer");

    let now = NOW as f64;
    let exp = claims["exp"].as_f64().expect("`exp` is a number");
    assert!(now < exp + LEEWAY as f64, "expired");
    if let Some(nbf) = claims.get("nbf") {
        assert!(
            nbf.as_f64().expect("`nbf` is a number") <= now + LEEWAY as f64,
            "not yet valid"
        );
    }
}

/// Claims whose every registered field is right, wrong, absent or of the wrong type, as the
/// bytes choose; the bytes left over go into a claim of their own.
fn claims(bytes: &[u8]) -> Value {
    let pick = |at: usize| bytes.get(at).copied().unwrap_or(0);
    let time = |choice: u8, offset: i64| -> Option<Value> {
        let around = NOW as i64 + offset;
        match choice % 8 {
            0 => None,
            1 => Some(json!(around)),
            2 => Some(json!(around as f64 + 0.5)),
            3 => Some(json!(around.to_string())),
            4 => Some(json!(-around)),
            5 => Some(json!(u64::MAX)),
            6 => Some(json!(null)),
            _ => Some(json!(i64::from(pick(6)) - 128 + NOW as i64)),
        }
    };
    let name = |choice: u8, right: &str| -> Option<Value> {
        match choice % 7 {
            0 => None,
            1 => Some(json!(right)),
            2 => Some(json!([right, "another"])),
            3 => Some(json!([])),
            4 => Some(json!(right.to_uppercase())),
            5 => Some(json!(7)),
            _ => Some(json!(format!("{right} "))),
        }
    };

    let mut claims = Map::new();
    let entries = [
        ("aud", name(pick(0), AUDIENCE)),
        ("iss", name(pick(1), ISSUER)),
        ("exp", time(pick(2), i64::from(pick(4)) - 128)),
        ("nbf", time(pick(3), i64::from(pick(5)) - 128)),
    ];
    for (claim, value) in entries {
        if let Some(value) = value {
            claims.insert(claim.into(), value);
        }
    }
    let extra = String::from_utf8_lossy(bytes.get(7..).unwrap_or_default());
    claims.insert("sub".into(), extra.into());
    Value::Object(claims)
}
