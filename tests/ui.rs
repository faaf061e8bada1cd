//! The compile-time guarantees: every `ui-tests/fail` case must fail to compile with exactly
//! the diagnostics in its `.stderr` file, and every `ui-tests/pass` case must compile and run.
//!
//! Regenerate the snapshots with `TRYBUILD=overwrite cargo test --test ui`, then read the diff.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("ui-tests/pass/**/*.rs");
    cases.compile_fail("ui-tests/fail/**/*.rs");
}
