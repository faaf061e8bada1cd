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

fn main() {
    println!("| case | secure (check) | secure (`Untrusted::validate`) | garde | validator |");
    println!("| --- | --- | --- | --- | --- |");
    for (case, fields) in [("valid", &*VALID), ("invalid", &*INVALID)] {
        let ours = signup::ours(fields);
        let garde = signup::garde(fields);
        let validator = signup::validator(fields);
        let cells = [
            count(|| signup::secure_failures(&ours)),
            count(|| secure_validate(fields)),
            count(|| signup::garde_failures(&garde)),
            count(|| signup::validator_failures(&validator)),
        ]
        .map(|(failures, allocations)| format!("{allocations} ({failures} failures)"));
        println!("| {case} | {} |", cells.join(" | "));
    }
}
