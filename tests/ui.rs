//! The compile-time guarantees: every `ui-tests/fail` case must fail to compile with exactly
//! the diagnostics in its `.stderr` file, and every `ui-tests/pass` case must compile and run.
//!
//! Regenerate the snapshots with `TRYBUILD=overwrite cargo test --all-features --test ui`,
//! then read the diff. `SECURE_UI_AREAS=authz,web` limits a run to those area folders (the
//! cases at the top of `pass/` and `fail/` are left out then).

use std::path::Path;

/// Areas whose cases use an optional feature of `secure`, with whether it is enabled. Their
/// folders are skipped when it is not, so `cargo test` without features still passes.
const FEATURE_AREAS: &[(&str, bool)] = &[
    ("atrest", cfg!(feature = "crypto")),
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
    if selected().is_none() {
        cases.pass("ui-tests/pass/*.rs");
        cases.compile_fail("ui-tests/fail/*.rs");
    }
}

/// The areas named in `SECURE_UI_AREAS`, if it is set.
fn selected() -> Option<Vec<String>> {
    let areas = std::env::var("SECURE_UI_AREAS").ok()?;
    Some(
        areas
            .split(',')
            .map(|area| area.trim().to_owned())
            .collect(),
    )
}

/// The area folders under `root` whose feature, if any, is enabled, and which are selected.
fn areas(root: &str) -> Vec<String> {
    let selected = selected();
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
        .filter(|area| selected.as_ref().is_none_or(|names| names.contains(area)))
        .collect();
    areas.sort();
    areas
}
