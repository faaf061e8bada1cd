//! `Encrypted<T>` columns through a real SQLite database: round trips, blind-index lookups,
//! a wrong key, tampered bytes, values moved between rows and columns, and key rotation.

#![cfg(all(feature = "crypto", feature = "sqlite"))]

use rusqlite::{Connection, params};
use secure::crypto::{
    BlindIndex, Context, CryptoError, Encrypted, IndexKey, IndexValue, Key, KeyId, Keyring,
    Normalization,
};
use secure::prelude::*;
use secure::secret::load::DecodeError;

const PATIENTS: [(i64, &str, &str); 3] = [
    (1, "ada@example.com", "J45.9 asthma"),
    (2, "grace@example.com", "E11 diabetes"),
    (3, "alan@example.com", "F32 depression"),
];

/// A key of 32 bytes counting up from `byte`.
fn key(byte: u8) -> Key {
    Key::from_bytes(Secret::new(core::array::from_fn(|i| {
        byte.wrapping_add(i as u8)
    })))
}

/// The same key in hexadecimal, as a keyring text holds it.
fn key_hex(byte: u8) -> String {
    (0..32u8)
        .map(|i| format!("{:02x}", byte.wrapping_add(i)))
        .collect()
}

fn keyring(id: &str, byte: u8) -> Keyring {
    Keyring::new(KeyId::new(id).unwrap(), key(byte))
}

fn email_at(id: i64) -> Context {
    Context::new("patients.email", id)
}

fn diagnosis_at(id: i64) -> Context {
    Context::new("patients.diagnosis", id)
}

fn index() -> BlindIndex {
    BlindIndex::new(
        IndexKey::from_bytes(Secret::new([9; 32])),
        Normalization::CaseInsensitive,
    )
}

/// A database of patients whose email and diagnosis columns are encrypted under `keyring`.
fn database(keyring: &Keyring) -> Connection {
    let db = Connection::open_in_memory().unwrap();
    db.execute_batch(
        "CREATE TABLE patients (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL,
            email_index TEXT NOT NULL,
            diagnosis TEXT NOT NULL
        )",
    )
    .unwrap();
    for (id, email, diagnosis) in PATIENTS {
        let email_cipher = Encrypted::encrypt(&email.to_owned(), keyring, &email_at(id)).unwrap();
        let diagnosis_cipher =
            Encrypted::encrypt(&diagnosis.to_owned(), keyring, &diagnosis_at(id)).unwrap();
        db.execute(
            "INSERT INTO patients (id, email, email_index, diagnosis) VALUES (?1, ?2, ?3, ?4)",
            params![
                id,
                email_cipher,
                index().compute("patients.email", email),
                diagnosis_cipher
            ],
        )
        .unwrap();
    }
    db
}

fn email_of(db: &Connection, id: i64) -> Encrypted<String> {
    db.query_row("SELECT email FROM patients WHERE id = ?1", [id], |row| {
        row.get(0)
    })
    .unwrap()
}

fn decrypted_email(db: &Connection, keyring: &Keyring, id: i64) -> Result<String, CryptoError> {
    email_of(db, id)
        .decrypt(keyring, &email_at(id))
        .map(|email| email.expose_secret().clone())
}

#[test]
fn columns_round_trip_through_sqlite() {
    let keyring = keyring("k1", 1);
    let db = database(&keyring);

    for (id, email, diagnosis) in PATIENTS {
        assert_eq!(decrypted_email(&db, &keyring, id).unwrap(), email);
        let stored: Encrypted<String> = db
            .query_row(
                "SELECT diagnosis FROM patients WHERE id = ?1",
                [id],
                |row| row.get(0),
            )
            .unwrap();
        let plain = stored.decrypt(&keyring, &diagnosis_at(id)).unwrap();
        assert_eq!(plain.expose_secret(), diagnosis);
    }
}

#[test]
fn the_database_holds_only_envelopes() {
    let db = database(&keyring("k1", 1));
    let mut rows = db
        .prepare("SELECT email, diagnosis FROM patients ORDER BY id")
        .unwrap();
    let texts: Vec<(String, String)> = rows
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();

    assert_eq!(texts.len(), 3);
    for ((email, diagnosis), (_, plain_email, plain_diagnosis)) in texts.iter().zip(PATIENTS) {
        assert!(email.starts_with("enc:v1:k1:"), "{email}");
        assert!(diagnosis.starts_with("enc:v1:k1:"), "{diagnosis}");
        assert!(!email.contains(plain_email.split('@').next().unwrap()));
        assert!(!diagnosis.contains(plain_diagnosis.split(' ').next().unwrap()));
    }
}

#[test]
fn equal_values_encrypt_to_different_envelopes() {
    let keyring = keyring("k1", 1);
    let value = "ada@example.com".to_owned();
    let first = Encrypted::encrypt(&value, &keyring, &email_at(1)).unwrap();
    let second = Encrypted::encrypt(&value, &keyring, &email_at(1)).unwrap();

    assert_ne!(first.to_envelope(), second.to_envelope());
    assert_eq!(
        first
            .decrypt(&keyring, &email_at(1))
            .unwrap()
            .expose_secret(),
        &value
    );
}

#[test]
fn a_blind_index_finds_the_row_without_decrypting() {
    let db = database(&keyring("k1", 1));
    let wanted: IndexValue = index().compute("patients.email", "  Grace@Example.COM ");

    let id: i64 = db
        .query_row(
            "SELECT id FROM patients WHERE email_index = ?1",
            [&wanted],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(id, 2);

    let other_key = BlindIndex::new(
        IndexKey::from_bytes(Secret::new([8; 32])),
        Normalization::CaseInsensitive,
    );
    let miss = other_key.compute("patients.email", "grace@example.com");
    let count: i64 = db
        .query_row(
            "SELECT count(*) FROM patients WHERE email_index = ?1",
            [&miss],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(count, 0);
}

#[test]
fn exact_normalization_keeps_case_but_unifies_unicode_forms() {
    let exact = BlindIndex::new(
        IndexKey::from_bytes(Secret::new([9; 32])),
        Normalization::Exact,
    );
    assert_eq!(
        exact.compute("users.name", "Jos\u{e9}"),
        exact.compute("users.name", "Jose\u{301}")
    );
    assert_ne!(
        exact.compute("users.name", "José"),
        exact.compute("users.name", "josé")
    );
    assert_ne!(
        exact.compute("users.name", "José"),
        exact.compute("users.name", "José ")
    );
}

#[test]
fn a_wrong_key_under_the_right_id_is_an_authentication_error() {
    let db = database(&keyring("k1", 1));
    let impostor = keyring("k1", 2);

    assert_eq!(
        decrypted_email(&db, &impostor, 1).unwrap_err(),
        CryptoError::Authentication {
            key_id: KeyId::new("k1").unwrap()
        }
    );
}

#[test]
fn an_unknown_key_id_is_named_in_the_error() {
    let db = database(&keyring("k1", 1));
    let other = keyring("k9", 1);

    let error = decrypted_email(&db, &other, 1).unwrap_err();
    assert_eq!(
        error,
        CryptoError::UnknownKey {
            key_id: KeyId::new("k1").unwrap()
        }
    );
    assert_eq!(error.to_string(), "no key `k1` in the keyring");
}

#[test]
fn every_tampered_byte_fails_to_authenticate() {
    let keyring = keyring("k1", 1);
    let envelope = Encrypted::encrypt(&"J45.9".to_owned(), &keyring, &diagnosis_at(1))
        .unwrap()
        .to_envelope();
    let payload_start = "enc:v1:k1:".len();
    let last = envelope.len() - 1;

    for at in payload_start..last {
        let mut tampered = envelope.clone().into_bytes();
        tampered[at] = if tampered[at] == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(tampered).unwrap();
        let stored: Encrypted<String> = Encrypted::from_envelope(&tampered).unwrap();
        assert_eq!(
            stored.decrypt(&keyring, &diagnosis_at(1)).unwrap_err(),
            CryptoError::Authentication {
                key_id: KeyId::new("k1").unwrap()
            },
            "byte {at}"
        );
    }
}

#[test]
fn a_tampered_byte_in_the_database_is_detected() {
    let keyring = keyring("k1", 1);
    let db = database(&keyring);
    db.execute(
        "UPDATE patients SET email = substr(email, 1, 20) || \
         (CASE substr(email, 21, 1) WHEN 'A' THEN 'B' ELSE 'A' END) || substr(email, 22) \
         WHERE id = 2",
        [],
    )
    .unwrap();

    assert!(matches!(
        decrypted_email(&db, &keyring, 2),
        Err(CryptoError::Authentication { .. })
    ));
    assert_eq!(
        decrypted_email(&db, &keyring, 1).unwrap(),
        "ada@example.com"
    );
}

#[test]
fn a_relabelled_key_id_fails_to_authenticate() {
    let mut keyring = keyring("k1", 1);
    keyring.insert(KeyId::new("k2").unwrap(), key(1)).unwrap();
    let envelope = Encrypted::encrypt(&"J45.9".to_owned(), &keyring, &diagnosis_at(1))
        .unwrap()
        .to_envelope();

    let relabelled = envelope.replacen("enc:v1:k1:", "enc:v1:k2:", 1);
    let stored: Encrypted<String> = Encrypted::from_envelope(&relabelled).unwrap();
    assert!(matches!(
        stored.decrypt(&keyring, &diagnosis_at(1)),
        Err(CryptoError::Authentication { .. })
    ));
}

#[test]
fn a_ciphertext_moved_to_another_row_does_not_decrypt() {
    let keyring = keyring("k1", 1);
    let db = database(&keyring);
    db.execute(
        "UPDATE patients SET email = (SELECT email FROM patients WHERE id = 1) WHERE id = 3",
        [],
    )
    .unwrap();

    assert_eq!(
        decrypted_email(&db, &keyring, 3).unwrap_err(),
        CryptoError::Authentication {
            key_id: KeyId::new("k1").unwrap()
        }
    );
    assert_eq!(
        decrypted_email(&db, &keyring, 1).unwrap(),
        "ada@example.com"
    );
}

#[test]
fn a_ciphertext_moved_to_another_column_does_not_decrypt() {
    let keyring = keyring("k1", 1);
    let db = database(&keyring);
    db.execute("UPDATE patients SET email = diagnosis WHERE id = 1", [])
        .unwrap();

    assert!(matches!(
        decrypted_email(&db, &keyring, 1),
        Err(CryptoError::Authentication { .. })
    ));
}

#[test]
fn rotation_keeps_old_rows_readable_and_moves_them_to_the_new_key() {
    let old = keyring("k1", 1);
    let db = database(&old);

    let mut rotated = keyring("k1", 1);
    rotated.insert(KeyId::new("k2").unwrap(), key(2)).unwrap();
    rotated.activate("k2").unwrap();

    for (id, email, _) in PATIENTS {
        assert_eq!(decrypted_email(&db, &rotated, id).unwrap(), email);
        assert!(email_of(&db, id).needs_reencryption(&rotated));
    }

    let new_row =
        Encrypted::encrypt(&"new@example.com".to_owned(), &rotated, &email_at(4)).unwrap();
    assert_eq!(new_row.key_id(), "k2");

    for (id, _, _) in PATIENTS {
        let moved = email_of(&db, id)
            .reencrypt(&rotated, &email_at(id))
            .unwrap();
        db.execute(
            "UPDATE patients SET email = ?1 WHERE id = ?2",
            params![moved, id],
        )
        .unwrap();
    }

    let retired = keyring("k2", 2);
    for (id, email, _) in PATIENTS {
        let stored = email_of(&db, id);
        assert_eq!(stored.key_id(), "k2");
        assert!(!stored.needs_reencryption(&rotated));
        assert_eq!(decrypted_email(&db, &retired, id).unwrap(), email);
        assert_eq!(
            decrypted_email(&db, &old, id).unwrap_err(),
            CryptoError::UnknownKey {
                key_id: KeyId::new("k2").unwrap()
            }
        );
    }
}

#[test]
fn a_keyring_parsed_from_text_decrypts_what_its_parts_wrote() {
    let old = keyring("k1", 1);
    let envelope = Encrypted::encrypt(&7u64, &old, &Context::new("t.c", 1)).unwrap();

    let text = Secret::new(format!("k2:{},\nk1:{}\n", key_hex(2), key_hex(1)));
    let keyring = Keyring::parse(&text).unwrap();
    assert_eq!(keyring.active(), "k2");
    assert_eq!(
        *envelope
            .decrypt(&keyring, &Context::new("t.c", 1))
            .unwrap()
            .expose_secret(),
        7
    );
}

#[test]
fn keyring_texts_with_mistakes_are_refused_by_position() {
    let parse = |text: &str| Keyring::parse(&Secret::new(text.to_owned())).map(|_| ());
    let key = key_hex(1);

    assert_eq!(parse(""), Err(CryptoError::KeyringFormat { entry: 1 }));
    assert_eq!(
        parse(&format!("k1:{key},{key}")),
        Err(CryptoError::KeyringFormat { entry: 2 })
    );
    assert_eq!(
        parse(&format!("k1:{key},k1:{key}")),
        Err(CryptoError::DuplicateKey {
            key_id: KeyId::new("k1").unwrap()
        })
    );
    assert!(matches!(
        parse(&format!("k1:{key},k2:{}", "zz".repeat(32))),
        Err(CryptoError::KeyDecoding { entry: 2, .. })
    ));
    // An example configuration's zeros are not a key.
    assert_eq!(
        parse(&format!("k1:{key},k2:{}", "0".repeat(64))),
        Err(CryptoError::KeyDecoding {
            entry: 2,
            error: DecodeError::Placeholder
        })
    );
    assert_eq!(
        parse(&format!("bad id:{key}")),
        Err(CryptoError::KeyringFormat { entry: 1 })
    );
}

#[test]
fn envelopes_of_other_versions_or_shapes_are_refused() {
    let parse = |text: &str| Encrypted::<String>::from_envelope(text).map(|_| ());

    assert_eq!(
        parse("enc:v2:k1:AAAA"),
        Err(CryptoError::UnsupportedVersion)
    );
    assert_eq!(parse("plain text"), Err(CryptoError::Malformed));
    assert_eq!(parse("enc:v1:k1:"), Err(CryptoError::Malformed));
    assert_eq!(parse("enc:v1:k1:%%%%"), Err(CryptoError::Malformed));
    assert_eq!(
        parse(&format!("enc:v1:k1:{}", "A".repeat(20))),
        Err(CryptoError::Malformed)
    );
    assert_eq!(
        parse(&format!("enc:v1:k:1:{}", "A".repeat(80))),
        Err(CryptoError::Malformed)
    );
}

#[test]
fn a_value_read_as_another_type_is_an_encoding_error() {
    let keyring = keyring("k1", 1);
    let context = Context::new("t.c", 1);
    let text = Encrypted::encrypt(&"not a number".to_owned(), &keyring, &context).unwrap();

    let as_number: Encrypted<u64> = Encrypted::from_envelope(&text.to_envelope()).unwrap();
    let error = as_number.decrypt(&keyring, &context).unwrap_err();
    assert_eq!(error, CryptoError::Encoding);
    assert!(!error.to_string().contains("not a number"));
}

#[test]
fn envelopes_serialize_as_text_and_back() {
    let keyring = keyring("k1", 1);
    let context = Context::new("t.c", 1);
    let stored = Encrypted::encrypt(&vec![1u8, 2, 3], &keyring, &context).unwrap();

    let json = serde_json::to_string(&stored).unwrap();
    assert_eq!(json, format!("\"{}\"", stored.to_envelope()));
    let back: Encrypted<Vec<u8>> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, stored);
    assert_eq!(
        back.decrypt(&keyring, &context).unwrap().expose_secret(),
        &[1, 2, 3]
    );
    assert!(serde_json::from_str::<Encrypted<Vec<u8>>>("\"[1,2,3]\"").is_err());
}

#[test]
fn a_non_envelope_in_the_column_is_an_error_that_does_not_repeat_it() {
    let db = database(&keyring("k1", 1));
    db.execute(
        "UPDATE patients SET email = 'ada@example.com' WHERE id = 1",
        [],
    )
    .unwrap();

    let error = db
        .query_row("SELECT email FROM patients WHERE id = 1", [], |row| {
            row.get::<_, Encrypted<String>>(0)
        })
        .unwrap_err();
    assert!(!error.to_string().contains("ada"), "{error}");
    assert!(
        error.to_string().contains("not an encrypted envelope"),
        "{error}"
    );
}
