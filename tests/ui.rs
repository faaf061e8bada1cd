//! The compile-time guarantees: every `ui-tests/fail` case must fail to compile with exactly
//! the diagnostics in its `.stderr` file, and every `ui-tests/pass` case must compile and run.
//!
//! Regenerate the snapshots with `TRYBUILD=overwrite cargo test --all-features --test ui`,
//! then read the diff.

use std::path::Path;

/// Areas whose cases use an optional feature of `secure`, with whether it is enabled. Their
/// folders are skipped when it is not, so `cargo test` without features still passes.
const FEATURE_AREAS: &[(&str, bool)] = &[
    ("auth", cfg!(feature = "auth")),
    ("web", cfg!(feature = "axum")),
];

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    for area in areas("ui-tests/pass") {
        cases.pass(format!("ui-tests/pass/{area}/**/*.rs"));
    }
    for area in areas("ui-tests/fail") {
        cases.compile_fail(format!("ui-tests/fail/{area}/**/*.rs"));
    }
    cases.pass("ui-tests/pass/*.rs");
    cases.compile_fail("ui-tests/fail/*.rs");
}

/// The area folders under `root` whose feature, if any, is enabled.
fn areas(root: &str) -> Vec<String> {
    let Ok(entries) = Path::new(env!("CARGO_MANIFEST_DIR")).join(root).read_dir() else {
        return Vec::new();
    };
    let mut areas: Vec<String> = entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().is_dir())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|area| {
            FEATURE_AREAS
                .iter()
                .all(|(gated, enabled)| area != gated || *enabled)
        })
        .collect();
    areas.sort();
    areas
}
