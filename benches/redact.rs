//! The `Debug` that `#[derive(Redact)]` writes against the one `#[derive(Debug)]` writes, on
//! the same fields: once with no field marked, which measures the derive alone, and once with
//! a hidden and a partly shown field, which is what redaction costs.
//!
//! Run with `cargo bench --bench redact`.

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

#[allow(
    dead_code,
    reason = "read only by the generated Debug, and not at all when hidden"
)]
mod redacted {
    use secure::prelude::*;

    #[derive(Redact)]
    pub(crate) struct Profile {
        pub(crate) id: u64,
        pub(crate) name: String,
        pub(crate) email: String,
        pub(crate) city: String,
        pub(crate) verified: bool,
    }

    #[derive(Redact)]
    pub(crate) struct Account {
        pub(crate) id: u64,
        pub(crate) name: String,
        pub(crate) email: String,
        #[sensitive]
        pub(crate) password: String,
        #[sensitive(partial(last = 4))]
        pub(crate) card: String,
    }
}

#[allow(dead_code, reason = "read only by the derived Debug")]
mod derived {
    #[derive(Debug)]
    pub(crate) struct Profile {
        pub(crate) id: u64,
        pub(crate) name: String,
        pub(crate) email: String,
        pub(crate) city: String,
        pub(crate) verified: bool,
    }

    #[derive(Debug)]
    pub(crate) struct Account {
        pub(crate) id: u64,
        pub(crate) name: String,
        pub(crate) email: String,
        pub(crate) password: String,
        pub(crate) card: String,
    }
}

macro_rules! profile {
    ($module:ident) => {
        $module::Profile {
            id: 7,
            name: "Ada Lovelace".into(),
            email: "ada@example.com".into(),
            city: "London".into(),
            verified: true,
        }
    };
}

macro_rules! account {
    ($module:ident) => {
        $module::Account {
            id: 7,
            name: "Ada Lovelace".into(),
            email: "ada@example.com".into(),
            password: "correct horse battery staple".into(),
            card: "4111111111111234".into(),
        }
    };
}

/// Formats `value` with `{:?}` into a buffer that is reused, so the loop measures formatting
/// rather than allocation.
fn format_debug(c: &mut Criterion, group: &str, name: &str, value: &dyn std::fmt::Debug) {
    let mut buffer = String::with_capacity(256);
    c.benchmark_group(group).bench_function(name, |b| {
        b.iter(|| {
            buffer.clear();
            write!(buffer, "{:?}", black_box(value)).expect("a String accepts any text");
            black_box(buffer.len())
        })
    });
}

fn debug(c: &mut Criterion) {
    format_debug(
        c,
        "debug/no sensitive field",
        "derive(Redact)",
        &profile!(redacted),
    );
    format_debug(
        c,
        "debug/no sensitive field",
        "derive(Debug)",
        &profile!(derived),
    );
    format_debug(
        c,
        "debug/two sensitive fields",
        "derive(Redact)",
        &account!(redacted),
    );
    format_debug(
        c,
        "debug/two sensitive fields",
        "derive(Debug)",
        &account!(derived),
    );
}

criterion_group!(benches, debug);
criterion_main!(benches);
