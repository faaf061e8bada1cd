//! API keys: shape, randomness, digest-only storage and verification.

#![cfg(feature = "auth")]

use std::collections::HashSet;

use secure::auth::api_key::{ApiKey, ApiKeyError, ApiKeyHash, ApiKeyId, ApiKeyPrefix};
use secure::prelude::*;

fn prefix() -> ApiKeyPrefix {
    ApiKeyPrefix::new("sk_live_").unwrap()
}

fn presented(text: &str) -> Result<ApiKey, ApiKeyError> {
    ApiKey::parse(&prefix(), Secret::from(text))
}

#[test]
fn generated_keys_have_the_prefix_an_id_and_256_random_bits() {
    let key = ApiKey::generate(&prefix()).unwrap();
    let text = key.expose_secret();

    assert_eq!(text.len(), "sk_live_".len() + 16 + 1 + 64);
    let rest = text.strip_prefix("sk_live_").unwrap();
    let (id, secret) = rest.split_once('_').unwrap();
    assert_eq!(id, key.id().to_string());
    assert_eq!(secret.len(), 64);
    assert!(
        rest.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b) || b == b'_')
    );
    assert_eq!(key.prefix(), "sk_live_");
}

#[test]
fn generated_keys_and_ids_do_not_repeat() {
    let keys: Vec<ApiKey> = (0..200)
        .map(|_| ApiKey::generate(&prefix()).unwrap())
        .collect();
    let texts: HashSet<&String> = keys.iter().map(|key| key.expose_secret()).collect();
    let ids: HashSet<ApiKeyId> = keys.iter().map(ApiKey::id).collect();
    assert_eq!(texts.len(), 200);
    assert_eq!(ids.len(), 200);
}

#[test]
fn the_stored_digest_verifies_the_key_and_nothing_else() {
    let key = ApiKey::generate(&prefix()).unwrap();
    let stored = key.hash();

    let same = presented(key.expose_secret()).unwrap();
    assert_eq!(same.id(), key.id());
    assert_eq!(stored.verify(&same), Ok(()));

    let other = ApiKey::generate(&prefix()).unwrap();
    assert_eq!(stored.verify(&other), Err(ApiKeyError::Mismatch));

    // The same id with one digit of the secret changed.
    let mut altered = key.expose_secret().clone();
    let last = if altered.ends_with('0') { "1" } else { "0" };
    altered.replace_range(altered.len() - 1.., last);
    assert_eq!(
        stored.verify(&presented(&altered).unwrap()),
        Err(ApiKeyError::Mismatch)
    );
}

#[test]
fn the_digest_covers_the_prefix() {
    let live = ApiKey::generate(&prefix()).unwrap();
    let test_prefix = ApiKeyPrefix::new("sk_test_").unwrap();
    let moved = live.expose_secret().replacen("sk_live_", "sk_test_", 1);
    let as_test = ApiKey::parse(&test_prefix, Secret::new(moved)).unwrap();

    assert_eq!(as_test.id(), live.id());
    assert_eq!(live.hash().verify(&as_test), Err(ApiKeyError::Mismatch));
}

#[test]
fn the_stored_form_is_a_sha256_digest_of_the_whole_key() {
    use sha2_check::sha256_hex;

    let key = ApiKey::generate(&prefix()).unwrap();
    let stored = key.hash();
    assert_eq!(stored.to_hex(), sha256_hex(key.expose_secret()));
    assert!(
        !stored
            .to_hex()
            .contains(&key.expose_secret()["sk_live_".len() + 17..])
    );

    let json = serde_json::to_string(&stored).unwrap();
    assert_eq!(json, format!("\"{}\"", stored.to_hex()));
    let read: ApiKeyHash = serde_json::from_str(&json).unwrap();
    assert_eq!(read.verify(&key), Ok(()));
    assert_eq!(ApiKeyHash::from_bytes(*stored.as_bytes()), stored);
    assert_eq!(ApiKeyHash::from_hex("abc"), Err(ApiKeyError::Malformed));
}

#[test]
fn digests_are_equal_only_when_every_byte_is() {
    let digest = [0x5a; 32];
    assert_eq!(
        ApiKeyHash::from_bytes(digest),
        ApiKeyHash::from_bytes(digest)
    );
    for position in 0..32 {
        let mut other = digest;
        other[position] ^= 0x01;
        assert_ne!(
            ApiKeyHash::from_bytes(digest),
            ApiKeyHash::from_bytes(other),
            "byte {position}"
        );
    }
}

/// SHA-256 computed here with `sha2` directly, itself checked on the FIPS 180-2 "abc" vector.
mod sha2_check {
    pub(super) fn sha256_hex(text: &str) -> String {
        use sha2::Digest as _;
        let digest = sha2::Sha256::digest(text.as_bytes());
        digest.iter().map(|byte| format!("{byte:02x}")).collect()
    }

    #[test]
    fn the_reference_digest_is_right() {
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}

#[test]
fn presented_keys_are_checked_for_shape() {
    let key = ApiKey::generate(&prefix()).unwrap();
    let text = key.expose_secret().clone();

    assert_eq!(
        presented(&text.replacen("sk_live_", "pk_live_", 1)).err(),
        Some(ApiKeyError::WrongPrefix)
    );
    assert_eq!(presented("").err(), Some(ApiKeyError::WrongPrefix));
    assert_eq!(
        presented(&text[..text.len() - 1]).err(),
        Some(ApiKeyError::Malformed)
    );
    assert_eq!(
        presented(&format!("{text}0")).err(),
        Some(ApiKeyError::Malformed)
    );
    assert_eq!(
        presented(&text.to_uppercase().replacen("SK_LIVE_", "sk_live_", 1)).err(),
        Some(ApiKeyError::Malformed)
    );
    assert_eq!(
        presented(
            &text
                .replacen('_', "-", 3)
                .replacen("sk-live-", "sk_live_", 1)
        )
        .err(),
        Some(ApiKeyError::Malformed)
    );
    assert_eq!(
        presented(&format!("sk_live_{}", "g".repeat(81))).err(),
        Some(ApiKeyError::Malformed)
    );
}

/// The shape is measured in bytes, so a character of several bytes can sit anywhere in a key
/// of the right length, across the split between id and secret included: each is refused as
/// malformed, never a panic (whose message would repeat the key).
#[test]
fn keys_with_characters_of_several_bytes_are_malformed_wherever_they_sit() {
    let body_len = 81;
    for wide in ['\u{e9}', '\u{20AC}', '\u{1F511}'] {
        for at in 0..=body_len - wide.len_utf8() {
            let mut body = "0".repeat(at);
            body.push(wide);
            body.push_str(&"0".repeat(body_len - at - wide.len_utf8()));
            assert_eq!(body.len(), body_len);
            assert_eq!(
                presented(&format!("sk_live_{body}")).err(),
                Some(ApiKeyError::Malformed),
                "{wide:?} at byte {at}"
            );
        }
    }
}

proptest::proptest! {
    #[test]
    fn any_text_after_the_prefix_is_a_key_or_malformed(rest in "\\PC{0,90}") {
        let parsed = presented(&format!("sk_live_{rest}"));
        proptest::prop_assert!(matches!(parsed, Ok(_) | Err(ApiKeyError::Malformed)));
    }
}

#[test]
fn prefixes_are_words_ending_with_an_underscore() {
    for good in ["sk_", "sk_live_", "acme_prod_v2_"] {
        assert_eq!(ApiKeyPrefix::new(good).unwrap().as_str(), good);
    }
    for bad in [
        "",
        "_",
        "sk",
        "sk-live_",
        "sk live_",
        "sk_liv€_",
        &format!("{}_", "a".repeat(32)),
    ] {
        assert_eq!(
            ApiKeyPrefix::new(bad),
            Err(ApiKeyError::InvalidPrefix),
            "{bad:?}"
        );
    }
}

#[test]
fn debug_and_display_show_the_prefix_alone() {
    let key = ApiKey::generate(&prefix()).unwrap();
    assert_eq!(key.to_string(), "sk_live_…");
    assert_eq!(format!("{key:?}"), "ApiKey(\"sk_live_…\")");
    assert_eq!(format!("{key:#?}"), "ApiKey(\"sk_live_…\")");
    assert_eq!(format!("{:?}", key.hash()), "ApiKeyHash(sha256)");
}
