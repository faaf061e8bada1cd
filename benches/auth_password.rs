//! Password verification for a known user and for an unknown one (the dummy-hash path) should
//! take the same time; this puts the three cases side by side.
//!
//! Run with `cargo bench --features auth --bench auth_password`.

use criterion::{Criterion, criterion_group, criterion_main};
use secure::auth::password::PasswordHasher;
use secure::prelude::*;

fn verification(c: &mut Criterion) {
    let hasher = PasswordHasher::new();
    let stored = hasher
        .hash(&Secret::from("correct horse battery staple"))
        .unwrap();
    let right = Secret::from("correct horse battery staple");
    let wrong = Secret::from("Tr0ub4dor&3");

    let mut group = c.benchmark_group("password verification (argon2id m=19 MiB, t=2, p=1)");
    group.sample_size(30);
    group.bench_function("known user, right password", |b| {
        b.iter(|| hasher.verify_or_dummy(Some(&stored), &right))
    });
    group.bench_function("known user, wrong password", |b| {
        b.iter(|| hasher.verify_or_dummy(Some(&stored), &wrong))
    });
    group.bench_function("unknown user (dummy hash)", |b| {
        b.iter(|| hasher.verify_or_dummy(None, &wrong))
    });
    group.finish();
}

criterion_group!(benches, verification);
criterion_main!(benches);
