//! Paths the macros emit. Not a public API: nothing here follows semver.

pub use crate::authz::check::{Refusal, authorize, granted, holds, refuse};
pub use crate::authz::forbidden::{Check, deny};
pub use crate::authz::scope::undeclared_scope;
pub use crate::authz::{
    All, Any, Authorized, Implies, PolicyCheck, Role, ScopeCheck, ScopeSet, SubjectArg,
};
pub use crate::validate::rules;
pub use serde;

/// What `#[derive(Redact)]` calls.
pub mod redact {
    pub use crate::redact::__private::*;
    pub use crate::redact::{Hidden, MaskTarget, Partial, REDACTED, SerializeRedacted};
}
pub use crate::validate::sanitize;
pub use crate::validate::{Location, ParamValue, RuleError, Validate, ValidationErrors};

use crate::validate::rules::on_key;

/// The proof of `R`, made by the check `#[requires]` generates and by nothing else.
///
/// Calling it from hand-written code forges authorization: use
/// [`unchecked::authorized`](crate::unchecked::authorized), which says so, in tests.
#[inline(always)]
pub const fn mint<R: ?Sized>() -> Authorized<R> {
    Authorized::new()
}

/// Adds the failure of a built-in rule, if any, at `at`.
#[inline]
pub fn report(errors: &mut ValidationErrors, at: &Location<'_>, result: Result<(), RuleError>) {
    if let Err(error) = result {
        errors.add_builtin(at, error);
    }
}

/// Adds the failure of a custom rule, if any, at `at`.
#[inline]
pub fn report_custom(
    errors: &mut ValidationErrors,
    at: &Location<'_>,
    result: Result<(), RuleError>,
) {
    if let Err(error) = result {
        errors.add(at, error);
    }
}

/// Adds the failure of a `keys(..)` rule, if any, at the map.
#[inline]
pub fn report_key(
    errors: &mut ValidationErrors,
    at: &Location<'_>,
    result: Result<(), RuleError>,
    custom: bool,
) {
    match result {
        Err(error) if custom => errors.add(at, on_key(error)),
        Err(error) => errors.add_builtin(at, on_key(error)),
        Ok(()) => {}
    }
}

/// Replaces the message of a failure with the one written in the attribute.
#[inline]
pub fn with_message(result: Result<(), RuleError>, message: &'static str) -> Result<(), RuleError> {
    result.map_err(|error| error.with_message(message))
}
