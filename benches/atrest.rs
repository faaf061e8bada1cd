//! The cost of the data-at-rest operations on one field: encrypting and decrypting an email
//! address, computing its blind index, and appending one redacted audit record.
//!
//! Run with `cargo bench --features crypto --bench atrest`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use secure::audit::{AuditEvent, AuditLog, AuditRecord, AuditSink, Outcome};
use secure::crypto::{
    BlindIndex, Context, Encrypted, IndexKey, Key, KeyId, Keyring, Normalization,
};
use secure::prelude::*;

/// A sink that keeps nothing, so the record's own cost is measured.
struct Discard;

impl AuditSink for Discard {
    fn append(&mut self, _: &AuditRecord) -> Result<(), secure::audit::AuditError> {
        Ok(())
    }

    fn last(&mut self) -> Result<Option<AuditRecord>, secure::audit::AuditError> {
        Ok(None)
    }
}

#[derive(Redact)]
#[allow(dead_code, reason = "read only by the derived redaction")]
struct Login {
    user: String,
    #[sensitive]
    password: String,
}

fn at_rest(c: &mut Criterion) {
    let keyring = Keyring::new(
        KeyId::new("k1").unwrap(),
        Key::from_bytes(Secret::new([7; 32])),
    );
    let context = Context::new("users.email", 42);
    let email = "ada.lovelace@example.com".to_owned();
    let stored = Encrypted::encrypt(&email, &keyring, &context).unwrap();
    let index = BlindIndex::new(
        IndexKey::from_bytes(Secret::new([9; 32])),
        Normalization::CaseInsensitive,
    );
    let log = AuditLog::new(Discard).unwrap();
    let login = Login {
        user: "ada".into(),
        password: "hunter2".into(),
    };

    c.bench_function("encrypt an email", |b| {
        b.iter(|| Encrypted::encrypt(black_box(&email), &keyring, &context).unwrap())
    });
    c.bench_function("decrypt an email", |b| {
        b.iter(|| black_box(&stored).decrypt(&keyring, &context).unwrap())
    });
    c.bench_function("blind index of an email", |b| {
        b.iter(|| index.compute("users.email", black_box(&email)))
    });
    c.bench_function("audit record with redacted details", |b| {
        b.iter(|| {
            let event = AuditEvent::new("session.login", Outcome::Failure)
                .with_actor("ada")
                .with_details(black_box(&login))
                .unwrap();
            log.record(event).unwrap()
        })
    });
}

criterion_group!(benches, at_rest);
criterion_main!(benches);
