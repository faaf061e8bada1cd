//! Helpers shared by the integration tests.

#![allow(dead_code, unreachable_pub)]

pub mod leak;

use secure::prelude::*;

/// The `(path, code)` of every failure, or nothing when the value is valid.
pub fn failures<T: Validate>(value: T) -> Vec<(String, &'static str)> {
    match Untrusted::new(value).validate() {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .iter()
            .map(|e| (e.path().to_string(), e.code()))
            .collect(),
    }
}

/// Whether the value passes every rule.
pub fn passes<T: Validate>(value: T) -> bool {
    Untrusted::new(value).validate().is_ok()
}

/// The sanitized value, panicking with the report when it is invalid.
pub fn sanitized<T: Validate>(value: T) -> T {
    match Untrusted::new(value).validate() {
        Ok(value) => value.into_inner(),
        Err(errors) => panic!("unexpected failures: {errors}"),
    }
}

/// The report of an invalid value.
pub fn report<T: Validate>(value: T) -> ValidationErrors {
    match Untrusted::new(value).validate() {
        Ok(_) => panic!("expected failures"),
        Err(errors) => errors,
    }
}
