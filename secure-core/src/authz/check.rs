//! The check that `#[requires]` generates, reached through `secure::__private`.
//!
//! Each function here evaluates one part of a requirement against the subject and hands out
//! the proof of that part only if it passed; `any` and `all` make the proof of a combination
//! only from the proofs of its parts. Generated code calls nothing that makes a proof without
//! a check, so code that calls these functions by hand gets no proof the check would refuse.
//! The only way to make one without a check is
//! [`unchecked::authorized`](crate::unchecked::authorized).

use super::forbidden::{Check, deny};
use super::{All, Any, Authorized, Forbidden, PolicyCheck, ScopeCheck, Subject, SubjectArg};

/// The check itself: the proof that `rule` returns for the subject, or the refusal if there is
/// no subject or `rule` returns none.
#[inline]
pub fn authorize<A: SubjectArg + ?Sized, R: ?Sized>(
    arg: &A,
    rule: impl FnOnce(&SubjectRef<'_, A::Subject>) -> Option<Authorized<R>>,
    check: &Check,
) -> Result<Authorized<R>, Forbidden> {
    let Some(subject) = arg.subject() else {
        return Err(deny::<A::Subject>(None, check));
    };
    rule(&SubjectRef::new(subject)).ok_or_else(|| deny(Some(subject), check))
}

/// The check of a guarded function: the proof that `rule` returns for the subject, or, if
/// there is no subject or `rule` returns none, what [`Refusal::refuse`] needs to report the
/// refusal and turn it into the function's return value.
///
/// The refusal is built by one call, straight into the value the function returns, rather
/// than returned from here and moved into it: the refused path then costs what a hand-written
/// `return Err(..)` costs.
#[inline]
pub fn evaluate<'a, A: SubjectArg + ?Sized, R: ?Sized>(
    arg: &'a A,
    rule: impl FnOnce(&SubjectRef<'_, A::Subject>) -> Option<Authorized<R>>,
) -> Result<Authorized<R>, Refused<'a, A::Subject>> {
    let refused = |subject| Refused {
        subject,
        deny: deny::<A::Subject>,
    };
    let Some(subject) = arg.subject() else {
        return Err(refused(None));
    };
    rule(&SubjectRef::new(subject)).ok_or(refused(Some(subject)))
}

/// A subject that [`evaluate`] refused (`None`: nobody signed in), with the [`deny`] that
/// reports it: [`Refusal::refuse`] then needs no `Subject` bound of its own, so a parameter
/// that is not a subject is reported once, where it is declared.
pub struct Refused<'a, S: ?Sized> {
    subject: Option<&'a S>,
    deny: fn(Option<&S>, &Check) -> Forbidden,
}

/// The subject of a check, as the parts of a requirement read it.
///
/// Only [`authorize`] makes one, from a [`Subject`]; the parts need no `Subject` bound of their
/// own, so a parameter that is not a subject is reported once, where it is declared.
pub struct SubjectRef<'a, S: ?Sized> {
    subject: &'a S,
    has_role: fn(&S, &str) -> bool,
    has_scope: fn(&S, &str) -> bool,
}

impl<'a, S: Subject + ?Sized> SubjectRef<'a, S> {
    fn new(subject: &'a S) -> Self {
        SubjectRef {
            subject,
            has_role: S::has_role,
            has_scope: S::has_scope,
        }
    }
}

impl<S: ?Sized> SubjectRef<'_, S> {
    /// Whether the subject holds one of the roles called `names`.
    #[inline]
    pub(crate) fn holds_any(&self, names: &[&str]) -> bool {
        names.iter().any(|name| (self.has_role)(self.subject, name))
    }
}

/// The proof of `scope("..")`, if the subject was granted `scope`.
#[inline]
pub fn scope<S: ?Sized>(
    subject: &SubjectRef<'_, S>,
    scope: &str,
) -> Option<Authorized<ScopeCheck>> {
    (subject.has_scope)(subject.subject, scope).then(Authorized::new)
}

/// The proof of `policy(..)`, if `predicate` accepts the subject.
#[inline]
pub fn policy<S: ?Sized>(
    subject: &SubjectRef<'_, S>,
    predicate: impl FnOnce(&S) -> bool,
) -> Option<Authorized<PolicyCheck>> {
    predicate(subject.subject).then(Authorized::new)
}

/// The proof of `any(..)`, if one of the parts, tried in order, returns its proof.
#[inline]
pub fn any<P: Parts>(parts: P) -> Option<Authorized<Any<P::Requirements>>> {
    parts.any().then(Authorized::new)
}

/// The proof of `all(..)`, if every part, tried in order, returns its proof.
#[inline]
pub fn all<P: Parts>(parts: P) -> Option<Authorized<All<P::Requirements>>> {
    parts.all().then(Authorized::new)
}

mod sealed {
    /// Only the tuples of closures below are parts: an impl elsewhere could answer `true`
    /// without any proof and mint the proofs of `all(..)`.
    pub trait Sealed {}
}

/// The parts of `any(..)` or `all(..)`: a tuple of closures, each returning the proof of its
/// part if the part passed. Sealed: implemented for those tuples only.
pub trait Parts: sealed::Sealed {
    /// The requirement of each part, as a tuple.
    type Requirements;

    /// Whether a part returns its proof; the parts after it are not tried.
    fn any(self) -> bool;

    /// Whether every part returns its proof; the parts after a refusal are not tried.
    fn all(self) -> bool;
}

macro_rules! parts {
    ($($part:ident $check:ident $index:tt),+) => {
        impl<$($part, $check: FnOnce() -> Option<Authorized<$part>>),+> sealed::Sealed
            for ($($check,)+)
        {
        }

        impl<$($part, $check: FnOnce() -> Option<Authorized<$part>>),+> Parts for ($($check,)+) {
            type Requirements = ($($part,)+);

            #[inline]
            fn any(self) -> bool {
                $(if (self.$index)().is_some() {
                    return true;
                })+
                false
            }

            #[inline]
            fn all(self) -> bool {
                $(if (self.$index)().is_none() {
                    return false;
                })+
                true
            }
        }
    };
}

parts!(A CA 0);
parts!(A CA 0, B CB 1);
parts!(A CA 0, B CB 1, C CC 2);
parts!(A CA 0, B CB 1, C CC 2, D CD 3);
parts!(A CA 0, B CB 1, C CC 2, D CD 3, E CE 4);
parts!(A CA 0, B CB 1, C CC 2, D CD 3, E CE 4, F CF 5);
parts!(A CA 0, B CB 1, C CC 2, D CD 3, E CE 4, F CF 5, G CG 6);
parts!(A CA 0, B CB 1, C CC 2, D CD 3, E CE 4, F CF 5, G CG 6, H CH 7);

/// The return types a refusal can be returned through.
#[diagnostic::on_unimplemented(
    message = "`#[requires]` cannot return a refusal as `{Self}`",
    label = "expected `Result<_, E>` where `E: From<Forbidden>`",
    note = "return `Result<T, secure::authz::Forbidden>`, or `Result<T, E>` with `impl From<secure::authz::Forbidden> for E`"
)]
pub trait Refusal {
    /// The refusal as a value of the return type.
    fn refusal(forbidden: Forbidden) -> Self;

    /// Reports the refusal by `check` through [`deny`], and returns it as a value of the
    /// return type. Cold and never inlined, like `deny`: a guarded function carries one call
    /// on its refused path and nothing more.
    #[cold]
    #[inline(never)]
    fn refuse<S: ?Sized>(refused: Refused<'_, S>, check: &Check) -> Self
    where
        Self: Sized,
    {
        Self::refusal((refused.deny)(refused.subject, check))
    }
}

// Not recommended, so that a `Result` whose error type lacks `From<Forbidden>` is reported
// with the message above rather than as a bound of this impl.
#[diagnostic::do_not_recommend]
impl<T, E: From<Forbidden>> Refusal for Result<T, E> {
    #[inline]
    fn refusal(forbidden: Forbidden) -> Self {
        Err(E::from(forbidden))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authz::Principal;

    const CHECK: Check = Check {
        requirement: "test",
        function: "check::tests",
    };

    #[test]
    fn a_scope_proof_needs_the_scope() {
        let token = Principal::new("t").with_scope("orders:read");
        let subject = SubjectRef::new(&token);

        assert!(scope(&subject, "orders:read").is_some());
        assert!(scope(&subject, "orders:write").is_none());
        assert!(scope(&subject, "orders:read ").is_none());
    }

    #[test]
    fn a_policy_proof_needs_the_predicate_to_accept_the_subject() {
        let token = Principal::new("owner");
        let subject = SubjectRef::new(&token);

        assert!(policy(&subject, |who| who.id() == "owner").is_some());
        assert!(policy(&subject, |who| who.id() == "other").is_none());
    }

    #[test]
    fn combinations_are_proven_by_their_parts_and_stop_early() {
        let token = Principal::new("t").with_scope("a");
        let subject = SubjectRef::new(&token);
        let mut tried = 0;

        let either = any((
            || scope(&subject, "a"),
            || {
                tried += 1;
                scope(&subject, "b")
            },
        ));
        assert!(either.is_some());
        assert_eq!(tried, 0);

        assert!(all((|| scope(&subject, "a"), || scope(&subject, "b"))).is_none());
        assert!(any((|| scope(&subject, "b"), || scope(&subject, "c"))).is_none());
    }

    #[test]
    fn no_subject_is_refused_before_the_rule_runs() {
        let nobody: Option<&Principal> = None;

        let refused = authorize(
            &nobody,
            |_| -> Option<Authorized<ScopeCheck>> {
                unreachable!("the rule ran without a subject")
            },
            &CHECK,
        );

        assert!(refused.unwrap_err().is_unauthenticated());
    }
}
