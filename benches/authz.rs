//! The check `#[requires]` generates against the same check written by hand: they should cost
//! the same, on the allowed and on the refused path.
//!
//! Run with `cargo bench --bench authz`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use secure::authz::Authorized;
use secure::prelude::*;

secure::roles! {
    pub Admin = "admin", implies(Editor);
    pub Editor = "editor";
}

secure::scopes! {
    pub Scopes = ["orders:write"];
}

#[requires(all(Editor, scope("orders:write")), proof = proof)]
fn generated(#[subject] caller: &Principal, order: u64) -> Result<u64, Forbidden> {
    let (_editor, _scope): (Authorized<Editor>, _) = proof.split();
    Ok(order + 1)
}

/// What a careful hand would write: the same role names, the same scope, the same refusal.
fn hand_written(caller: &Principal, order: u64) -> Result<u64, Forbidden> {
    let allowed =
        (caller.has_role("editor") || caller.has_role("admin")) && caller.has_scope("orders:write");
    if !allowed {
        return Err(secure::__private::deny(
            Some(caller),
            &secure::__private::Check {
                requirement: "all(Editor, scope(\"orders:write\"))",
                function: "authz::hand_written",
            },
        ));
    }
    Ok(order + 1)
}

fn bench(c: &mut Criterion) {
    let admin = Principal::new("u-1")
        .with_roles(["viewer", "admin"])
        .with_scope("orders:write");
    let viewer = Principal::new("u-2").with_role("viewer");

    let mut allowed = c.benchmark_group("authz allowed");
    allowed.bench_function("generated", |b| {
        b.iter(|| generated(black_box(&admin), black_box(7)))
    });
    allowed.bench_function("hand-written", |b| {
        b.iter(|| hand_written(black_box(&admin), black_box(7)))
    });
    allowed.finish();

    let mut refused = c.benchmark_group("authz refused");
    refused.bench_function("generated", |b| {
        b.iter(|| generated(black_box(&viewer), black_box(7)))
    });
    refused.bench_function("hand-written", |b| {
        b.iter(|| hand_written(black_box(&viewer), black_box(7)))
    });
    refused.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
