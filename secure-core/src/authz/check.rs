//! The pieces of the check that `#[requires]` generates, reached through `secure::__private`.

use super::forbidden::{Check, deny};
use super::{Forbidden, Role, Subject, SubjectArg};

/// The check itself: `Ok` if there is a subject and `rule` accepts it, else the refusal.
#[inline]
pub fn authorize<A: SubjectArg + ?Sized>(
    arg: &A,
    rule: impl FnOnce(&A::Subject) -> bool,
    check: &Check,
) -> Result<(), Forbidden> {
    match arg.subject() {
        Some(subject) if rule(subject) => Ok(()),
        subject => Err(deny(subject, check)),
    }
}

/// Whether `subject` holds `R` or a role that implies it.
#[inline]
pub fn holds<R: Role, S: Subject + ?Sized>(subject: &S) -> bool {
    R::SATISFIED_BY.iter().any(|name| subject.has_role(name))
}

/// Whether `subject` was granted `scope`.
#[inline]
pub fn granted<S: Subject + ?Sized>(subject: &S, scope: &str) -> bool {
    subject.has_scope(scope)
}

/// The return types a refusal can be returned through.
#[diagnostic::on_unimplemented(
    message = "`#[requires]` returns refusals through the function's `Result`, but it returns `{Self}`",
    label = "expected `Result<_, E>` where `E: From<Forbidden>`",
    note = "return `Result<T, secure::authz::Forbidden>`, or `Result<T, E>` with `impl From<secure::authz::Forbidden> for E`"
)]
pub trait Refusal {
    /// The refusal as a value of the return type.
    fn refusal(forbidden: Forbidden) -> Self;
}

impl<T, E: From<Forbidden>> Refusal for Result<T, E> {
    #[inline]
    fn refusal(forbidden: Forbidden) -> Self {
        Err(E::from(forbidden))
    }
}

/// `forbidden`, converted into the guarded function's return type.
#[inline]
pub fn refuse<R: Refusal>(forbidden: Forbidden) -> R {
    R::refusal(forbidden)
}
