//! Heap allocations per validation of the sign-up request, for `secure`, `garde` and
//! `validator`, counted by a global allocator that only this binary installs (so the timed
//! benchmarks run on the system allocator). Prints one Markdown table.
//!
//! Run with `cargo bench --bench allocations`.

#![allow(clippy::print_stdout, reason = "the table is this program's output")]

mod signup;

use signup::{INVALID, VALID};

/// The failures reported and the allocations made by one validation, after a first one that
/// warms up whatever is built once (compiled regexes, thread-local caches).
fn count(mut validate: impl FnMut() -> usize) -> (usize, u64) {
    validate();
    let mut failures = 0;
    let info = allocation_counter::measure(|| failures = validate());
    (failures, info.count_total)
}

/// `Untrusted::validate` on a fresh copy, made without counting.
fn secure_validate(fields: &signup::Fields) -> usize {
    let mut input = None;
    allocation_counter::opt_out(|| input = Some(secure::Untrusted::new(signup::ours(fields))));
    let input = input.expect("the copy was made");
    input.validate().map_or_else(|errors| errors.len(), |_| 0)
}

fn secure_check(value: &signup::ours::Signup) -> usize {
    let mut errors = secure::ValidationErrors::new();
    secure::Validate::check(value, &secure::validate::Location::root(), &mut errors);
    errors.len()
}

fn garde_failures(value: &signup::with_garde::Signup) -> usize {
    garde::Validate::validate(value).map_or_else(|report| report.iter().count(), |()| 0)
}

fn validator_failures(value: &signup::with_validator::Signup) -> usize {
    fn count(errors: &validator::ValidationErrors) -> usize {
        errors
            .errors()
            .values()
            .map(|kind| match kind {
                validator::ValidationErrorsKind::Field(errors) => errors.len(),
                validator::ValidationErrorsKind::Struct(nested) => count(nested),
                validator::ValidationErrorsKind::List(items) => {
                    items.values().map(|e| count(e)).sum()
                }
            })
            .sum()
    }
    validator::Validate::validate(value).map_or_else(|errors| count(&errors), |()| 0)
}

fn main() {
    println!("| case | secure (check) | secure (`Untrusted::validate`) | garde | validator |");
    println!("| --- | --- | --- | --- | --- |");
    for (case, fields) in [("valid", &*VALID), ("invalid", &*INVALID)] {
        let ours = signup::ours(fields);
        let garde = signup::garde(fields);
        let validator = signup::validator(fields);
        let cells = [
            count(|| secure_check(&ours)),
            count(|| secure_validate(fields)),
            count(|| garde_failures(&garde)),
            count(|| validator_failures(&validator)),
        ]
        .map(|(failures, allocations)| format!("{allocations} ({failures} failures)"));
        println!("| {case} | {} |", cells.join(" | "));
    }
}
