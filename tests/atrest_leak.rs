//! The leak test of the data-at-rest types: a canary secret (as text, and as key material in
//! hexadecimal and base64) placed in every new type that can hold one, rendered through
//! every channel of the shared harness (`Debug`, `{:#?}`, `Display`, serde and `redacted()`
//! JSON, panic messages, errors and their sources, `tracing` fields), must appear in none of
//! them.

#![cfg(all(
    feature = "crypto",
    feature = "upload",
    feature = "sqlite",
    feature = "tracing"
))]

mod support;

use secure::audit::{AuditError, AuditEvent, AuditLog, AuditRecord, MemorySink, Outcome};
use secure::crypto::{
    BlindIndex, Context, CryptoError, Encrypted, IndexKey, Key, KeyId, Keyring, Normalization,
};
use secure::prelude::*;
use secure::secret::load::{self, LoadError};
use secure::upload::{FileKind, Upload, UploadPolicy};
use support::leak::Renderings;

const CANARY: &str = "CANARY-5f2e-91ab";
/// The key material: the canary twice, 32 bytes.
const KEY: &[u8; 32] = b"CANARY-5f2e-91abCANARY-5f2e-91ab";
/// The key in hexadecimal.
const KEY_HEX: &str = "43414e4152592d356632652d3931616243414e4152592d356632652d39316162";
/// The key in padded standard base64.
const KEY_BASE64: &str = "Q0FOQVJZLTVmMmUtOTFhYkNBTkFSWS01ZjJlLTkxYWI=";

fn key() -> Key {
    Key::from_bytes(Secret::new(*KEY))
}

fn keyring() -> Keyring {
    let mut keyring = Keyring::new(KeyId::new("k1").unwrap(), key());
    keyring
        .insert(
            KeyId::new("k2").unwrap(),
            Key::decode(&Secret::new(KEY_BASE64.to_owned())).unwrap(),
        )
        .unwrap();
    keyring
}

#[derive(Redact)]
#[allow(dead_code, reason = "read only by the derived redaction")]
struct Reset {
    user: String,
    #[sensitive]
    new_password: String,
    #[sensitive(partial(last = 4))]
    card: String,
    token: SecretString,
}

fn reset() -> Reset {
    Reset {
        user: "ada".into(),
        new_password: CANARY.into(),
        card: CANARY.into(),
        token: Secret::new(CANARY.into()),
    }
}

/// Asserts that no rendering holds the canary, in any of the forms key material takes.
fn assert_no_canary(renderings: &Renderings) {
    let key_as_numbers = format!("{KEY:?}");
    renderings.assert_free_of(&[
        CANARY,
        "5f2e-91ab",
        KEY_HEX,
        &KEY_HEX[..16],
        KEY_BASE64,
        &KEY_BASE64[..12],
        &key_as_numbers[1..30],
    ]);
}

#[test]
fn keys_and_keyrings_show_ids_only() {
    assert_no_canary(Renderings::new().debug(&key()));
    assert_no_canary(Renderings::new().debug(&keyring()));
    assert_no_canary(Renderings::new().debug(&IndexKey::from_bytes(Secret::new(*KEY))));
    assert_no_canary(Renderings::new().debug(&BlindIndex::new(
        IndexKey::decode(&Secret::new(KEY_HEX.to_owned())).unwrap(),
        Normalization::Exact,
    )));

    let parsed = Keyring::parse(&Secret::new(format!("k3:{KEY_HEX}\nk4:{KEY_BASE64}"))).unwrap();
    assert_eq!(
        format!("{parsed:?}"),
        r#"Keyring { active: "k3", keys: ["k3", "k4"] }"#
    );
    assert_no_canary(Renderings::new().debug(&parsed));
}

#[test]
fn envelopes_and_indexes_hold_no_plaintext() {
    let keyring = keyring();
    let context = Context::new("users.password_hint", 1);
    let stored = Encrypted::encrypt(&CANARY.to_owned(), &keyring, &context).unwrap();

    assert_no_canary(
        Renderings::new()
            .debug(&stored)
            .redacted(&stored)
            .json(&stored)
            .text(stored.to_envelope()),
    );

    let index = BlindIndex::new(
        IndexKey::from_bytes(Secret::new(*KEY)),
        Normalization::Exact,
    );
    let value = index.compute("users.email", CANARY);
    assert_no_canary(Renderings::new().display(&value).json(&value));

    let decrypted = stored.decrypt(&keyring, &context).unwrap();
    assert_eq!(decrypted.expose_secret(), CANARY);
    assert_no_canary(Renderings::new().debug(&decrypted).redacted(&decrypted));
}

#[test]
fn crypto_errors_leak_nothing() {
    let keyring = keyring();
    let context = Context::new("t.c", 1);
    let stored = Encrypted::encrypt(&CANARY.to_owned(), &keyring, &context).unwrap();
    let wrong = Keyring::new(KeyId::new("k1").unwrap(), Key::generate().unwrap());
    let as_number: Encrypted<u64> = Encrypted::from_envelope(&stored.to_envelope()).unwrap();

    let errors: Vec<CryptoError> = vec![
        stored.decrypt(&wrong, &context).unwrap_err(),
        stored
            .decrypt(&keyring, &Context::new("t.c", 2))
            .unwrap_err(),
        as_number.decrypt(&keyring, &context).unwrap_err(),
        Encrypted::<String>::from_envelope(CANARY).unwrap_err(),
        Encrypted::<String>::from_envelope(&format!("enc:v1:k1:{CANARY}")).unwrap_err(),
        Keyring::parse(&Secret::new(format!("k1:{CANARY}"))).unwrap_err(),
        Keyring::parse(&Secret::new(format!("{CANARY}{KEY_HEX}"))).unwrap_err(),
        Keyring::parse(&Secret::new(format!("k1:{KEY_HEX},k1:{KEY_BASE64}"))).unwrap_err(),
        KeyId::new(&format!("{CANARY}:")).unwrap_err(),
    ];
    for error in errors {
        assert_no_canary(Renderings::new().error(&error));
    }
}

#[test]
fn loaded_secrets_and_load_errors_leak_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret");
    std::fs::write(&path, format!("{CANARY}\n")).unwrap();

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;

        let exposed: LoadError = load::from_file(&path).unwrap_err();
        assert_no_canary(Renderings::new().error(&exposed));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }

    let loaded = load::from_file(&path).unwrap();
    assert_eq!(loaded.expose_secret(), CANARY);
    assert_no_canary(Renderings::new().debug(&loaded).redacted(&loaded));

    std::fs::write(&path, b"\xffCANARY-5f2e-91ab").unwrap();
    assert_no_canary(Renderings::new().error(&load::from_file(&path).unwrap_err()));
    assert_no_canary(Renderings::new().error(&load::from_env("ATREST_LEAK_UNSET").unwrap_err()));

    let decoded = load::decode_key::<32>(&Secret::new(KEY_HEX.to_owned())).unwrap();
    assert_no_canary(Renderings::new().debug(&decoded));
    assert_no_canary(
        Renderings::new().error(&load::decode_hex(&Secret::new(CANARY.to_owned())).unwrap_err()),
    );
}

#[test]
fn audit_events_records_and_errors_leak_nothing() {
    let event = AuditEvent::new("account.reset", Outcome::Success)
        .with_actor("ada")
        .with_details(&reset())
        .unwrap();
    assert_no_canary(
        Renderings::new()
            .debug(&event)
            .redacted(&event)
            .json(&event),
    );

    let log = AuditLog::new(MemorySink::default()).unwrap();
    let record = log.record(event).unwrap();
    assert_no_canary(
        Renderings::new()
            .debug(&record)
            .text(record.to_json_line())
            .text(record.canonical())
            .debug(&log),
    );

    let line = record.to_json_line().replace("account.reset", CANARY);
    let error: AuditError = log
        .with_sink(|_| AuditRecord::from_json_line(&format!("{CANARY}{line}")))
        .unwrap_err();
    assert_no_canary(Renderings::new().error(&error));
    let broken = secure::audit::verify([AuditRecord::from_json_line(&line)]).unwrap_err();
    assert_no_canary(Renderings::new().error(&broken));
}

#[test]
fn upload_errors_and_results_leak_nothing() {
    let policy = UploadPolicy::new(64)
        .allow(FileKind::PNG)
        .allow(FileKind::TEXT);
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
    let long = CANARY.repeat(8);
    let uploads = [
        Upload::new(&format!("{CANARY}.php"), Some(CANARY), CANARY.as_bytes()),
        Upload::new(&format!("{CANARY}\0.png"), Some("image/png"), png),
        Upload::new(&format!("{CANARY}.png"), Some(CANARY), png),
        Upload::new(
            &format!("{CANARY}.png"),
            Some("image/png"),
            CANARY.as_bytes(),
        ),
        Upload::new(&format!("{CANARY}.txt"), None, long.as_bytes()),
    ]
    .map(|upload| (format!("{upload:?}"), policy.check(&upload)));

    for (debug, result) in uploads {
        assert_no_canary(Renderings::new().text(debug));
        assert_no_canary(Renderings::new().error(&result.unwrap_err()));
    }

    let checked = policy
        .check(&Upload::new(
            &format!("{CANARY}.png"),
            Some("image/png"),
            png,
        ))
        .unwrap();
    assert_no_canary(
        Renderings::new()
            .debug(&checked)
            .display(checked.storage_name()),
    );
}
