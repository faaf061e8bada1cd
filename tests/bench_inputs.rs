//! The inputs of the validation benchmarks are what their names say: the valid sign-up passes
//! in all three libraries, and the invalid one fails every field in each, so the figures
//! compare the same paths.

#[path = "../benches/signup/mod.rs"]
mod signup;

use signup::{INVALID, VALID};

#[test]
fn the_valid_case_passes_in_every_library() {
    assert_eq!(signup::secure_failures(&signup::ours(&VALID)), 0);
    assert_eq!(signup::garde_failures(&signup::garde(&VALID)), 0);
    assert_eq!(signup::validator_failures(&signup::validator(&VALID)), 0);
    assert!(
        secure::Untrusted::new(signup::ours(&VALID))
            .validate()
            .is_ok()
    );
}

#[test]
fn the_invalid_case_fails_every_field_in_every_library() {
    assert_eq!(signup::secure_failures(&signup::ours(&INVALID)), 12);
    assert_eq!(signup::garde_failures(&signup::garde(&INVALID)), 12);
    // validator's custom tag check reports both empty tags as one failure of the list.
    assert_eq!(signup::validator_failures(&signup::validator(&INVALID)), 11);
}
