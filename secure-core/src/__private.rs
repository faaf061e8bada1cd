//! Paths the macros emit. Not a public API: nothing here follows semver.

pub use crate::authz::check::{
    Parts, Refusal, Refused, SubjectRef, all, any, authorize, evaluate, policy, scope,
};
pub use crate::authz::decision::{
    CsrfExempt, CsrfProtected, CsrfUndecided, Guarded, Public, Required, guarded,
};
pub use crate::authz::forbidden::{Check, deny};
pub use crate::authz::role::{DeclaredImplication, DeclaredRole};
pub use crate::authz::scope::undeclared_scope;
pub use crate::authz::{Implies, Role, ScopeSet};
pub use crate::validate::rules;
pub use serde;

/// What `#[derive(Redact)]` calls.
pub mod redact {
    pub use crate::redact::__private::*;
    pub use crate::redact::{Hidden, MaskTarget, Partial, REDACTED, SerializeRedacted};
}
pub use crate::validate::sanitize;
pub use crate::validate::{Location, ParamValue, RuleError, Validate, ValidationErrors};

use crate::validate::Failure;
use crate::validate::rules::on_key;

/// What `html!` emits.
pub mod html {
    pub use crate::encode::template::emit::*;
}

/// What `sql!` and `#[derive(SqlIdentifier)]` emit.
pub mod sql {
    pub use crate::sink::sql::SqlIdentifier;
    pub use crate::sink::sql::emit::*;
}

/// What `command!` emits.
pub mod shell {
    pub use crate::sink::shell::emit::*;
}

/// What `ldap_filter!` emits.
pub mod ldap {
    pub use crate::sink::ldap::emit::*;
}

/// Adds the failure of a built-in rule, if any, at `at`.
#[inline]
pub fn report(errors: &mut ValidationErrors, at: &Location<'_>, result: Result<(), Failure>) {
    if let Err(failure) = result {
        errors.add_failure(at, failure);
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

/// Adds the failure of a built-in `keys(..)` rule, if any, at the map.
#[inline]
pub fn report_key(errors: &mut ValidationErrors, at: &Location<'_>, result: Result<(), Failure>) {
    if let Err(failure) = result {
        errors.add_failure(at, on_key(failure));
    }
}

/// Adds the failure of a custom `keys(..)` rule, if any, at the map.
#[inline]
pub fn report_key_custom(
    errors: &mut ValidationErrors,
    at: &Location<'_>,
    result: Result<(), RuleError>,
) {
    if let Err(error) = result {
        errors.add(at, error.with_param("key", true));
    }
}

/// Replaces the message of a failure with the one written in the attribute.
#[inline]
#[allow(clippy::result_large_err, reason = "inlined into generated code")]
pub fn with_message(result: Result<(), Failure>, message: &'static str) -> Result<(), Failure> {
    result.map_err(|failure| failure.with_message(message))
}

/// The check that a field whose type implements `Validate` has `nested` among its rules:
/// otherwise the rules of the type it holds would silently not run. The redaction checks'
/// `Probe<T>` answers `ValidatesItself` when `T: Validate` and `Private` otherwise; only
/// `Private` satisfies `RulesReachInside`.
#[doc(hidden)]
pub mod nest {
    use crate::redact::__private::{Private, Probe};
    use crate::validate::Validate;

    pub trait ProbeValidate<T: ?Sized> {
        fn probe(&self) -> ValidatesItself<T>;
    }

    impl<T: Validate + ?Sized> ProbeValidate<T> for Probe<T> {
        fn probe(&self) -> ValidatesItself<T> {
            ValidatesItself(core::marker::PhantomData)
        }
    }

    pub struct ValidatesItself<T: ?Sized>(core::marker::PhantomData<T>);

    #[diagnostic::on_unimplemented(
        message = "this field holds a type that implements `Validate`, and its rules leave that validation out",
        label = "`nested` is not among this field's rules, so the rules of the type it holds would not run",
        note = "add `nested` to the field's rules, as in `#[validate(nested, required)]`; on an `Option`, a collection or a map, `nested` validates every value it holds; `#[validate(skip)]` alone accepts any value"
    )]
    pub trait RulesReachInside {}

    #[diagnostic::do_not_recommend]
    impl RulesReachInside for Private {}

    pub fn assert_rules_reach_inside<P: RulesReachInside>(_: P) {}
}
