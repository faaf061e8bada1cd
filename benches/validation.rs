//! Validation of one sign-up request, written for `secure`, `garde` and `validator`, measured
//! side by side: every field valid, and every field invalid (the full report built and
//! dropped inside the timed loop); then the `url` and `email` rules alone, the `url` rule
//! also against the plain alternative of parsing with the `url` crate.
//!
//! Run with `cargo bench --bench validation`.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

mod signup;

use signup::{Fields, INVALID, VALID};

fn signup(c: &mut Criterion) {
    // The figures compare the same paths only if each library sees the case as it is named.
    let expected = [
        ("valid", &*VALID, [0, 0, 0]),
        ("invalid", &*INVALID, [12, 12, 11]),
    ];
    for (case, fields, failures) in expected {
        let reported = [
            signup::secure_failures(&signup::ours(fields)),
            signup::garde_failures(&signup::garde(fields)),
            signup::validator_failures(&signup::validator(fields)),
        ];
        assert_eq!(reported, failures, "failures of the {case} case");
    }

    for (case, fields) in [("valid", &*VALID), ("invalid", &*INVALID)] {
        let mut group = c.benchmark_group(format!("signup/{case}"));
        bench_secure(&mut group, fields);
        let value = signup::garde(fields);
        group.bench_function("garde", |b| {
            b.iter(|| black_box(garde::Validate::validate(black_box(&value))))
        });
        let value = signup::validator(fields);
        group.bench_function("validator", |b| {
            b.iter(|| black_box(validator::Validate::validate(black_box(&value))))
        });
        group.finish();
    }
}

fn bench_secure(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    fields: &Fields,
) {
    // The checks by reference, as garde and validator run them: the same rules on the same
    // value, and the report dropped inside the loop.
    let value = signup::ours(fields);
    group.bench_function("secure", |b| {
        b.iter(|| {
            let mut errors = secure::ValidationErrors::new();
            let root = secure::validate::Location::root();
            secure::Validate::check(black_box(&value), &root, &mut errors);
            black_box(errors)
        })
    });

    // What an application calls: `validate` takes the `Untrusted` value and hands it back as
    // the `Sanitized` proof, so each run gets a fresh copy, made outside the timed part. The
    // proof is dropped outside it too, as garde's and validator's input is; a report is
    // dropped inside, and so is the input it rejected, which `validate` consumed.
    group.bench_function("secure (Untrusted::validate)", |b| {
        b.iter_batched(
            || secure::Untrusted::new(signup::ours(fields)),
            |input| input.validate().map_err(drop),
            BatchSize::SmallInput,
        )
    });
}

fn single_rules(c: &mut Criterion) {
    let url = "https://example.com/ada";
    let email = "ada@example.com";
    let mut group = c.benchmark_group("rule/url");
    group.bench_function("secure", |b| {
        b.iter(|| secure::validate::rules::is_url(black_box(url), |s| s == "http" || s == "https"))
    });
    // The other option for the rule: a full WHATWG parse by the `url` crate, then the scheme.
    group.bench_function("url::Url::parse + scheme", |b| {
        b.iter(|| {
            url::Url::parse(black_box(url)).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
        })
    });
    group.bench_function("garde", |b| {
        b.iter(|| garde::rules::url::Url::validate_url(black_box(&url)))
    });
    group.bench_function("validator", |b| {
        b.iter(|| validator::ValidateUrl::validate_url(black_box(&url)))
    });
    group.finish();

    let mut group = c.benchmark_group("rule/email");
    group.bench_function("secure", |b| {
        b.iter(|| secure::validate::rules::is_email(black_box(email)))
    });
    group.bench_function("garde", |b| {
        b.iter(|| garde::rules::email::Email::validate_email(black_box(&email)))
    });
    group.bench_function("validator", |b| {
        b.iter(|| validator::ValidateEmail::validate_email(black_box(&email)))
    });
    group.finish();
}

criterion_group!(benches, signup, single_rules);
criterion_main!(benches);
