//! [`Forbidden`]: why a check refused the call, and the one place every refusal goes through.

use core::fmt;

use super::Subject;

/// Why a requirement refused a call: the difference between HTTP 401 and 403.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Denial {
    /// Nobody is signed in: the subject parameter was `None`. Maps to 401 Unauthorized.
    Unauthenticated,
    /// The subject is known but does not satisfy the requirement. Maps to 403 Forbidden.
    Insufficient,
}

/// The error of a call that `#[requires]` refused.
///
/// It names the requirement as written in the attribute and the function, and nothing about
/// the subject: no id, no role, no claim, so it is safe to show or log. Convert it into your
/// error type with `From<Forbidden>`, and map [`denial`](Forbidden::denial) to a status.
///
/// ```
/// use secure::prelude::*;
///
/// secure::roles! {
///     pub Admin = "admin";
/// }
///
/// #[derive(Debug)]
/// enum AppError {
///     Unauthorized,
///     Forbidden,
/// }
///
/// impl From<Forbidden> for AppError {
///     fn from(error: Forbidden) -> Self {
///         if error.is_unauthenticated() {
///             AppError::Unauthorized
///         } else {
///             AppError::Forbidden
///         }
///     }
/// }
///
/// #[requires(Admin)]
/// fn purge(#[subject] caller: Option<&Principal>) -> Result<(), AppError> {
///     Ok(())
/// }
///
/// assert!(matches!(purge(None), Err(AppError::Unauthorized)));
/// let guest = Principal::new("guest");
/// assert!(matches!(purge(Some(&guest)), Err(AppError::Forbidden)));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Forbidden {
    denial: Denial,
    requirement: &'static str,
    function: &'static str,
}

impl Forbidden {
    /// Whether nobody was signed in, or the subject lacked the rights.
    pub const fn denial(&self) -> Denial {
        self.denial
    }

    /// Nobody was signed in (401).
    pub const fn is_unauthenticated(&self) -> bool {
        matches!(self.denial, Denial::Unauthenticated)
    }

    /// The requirement as written in `#[requires(..)]`, such as `any(Admin, Editor)`.
    pub const fn requirement(&self) -> &'static str {
        self.requirement
    }

    /// The path of the function that refused, such as `shop::orders::refund`.
    pub const fn function(&self) -> &'static str {
        self.function
    }
}

impl fmt::Display for Forbidden {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.denial {
            Denial::Unauthenticated => write!(f, "sign-in required for `{}`", self.requirement),
            Denial::Insufficient => write!(f, "forbidden: requires `{}`", self.requirement),
        }
    }
}

impl std::error::Error for Forbidden {}

/// What a refused check knows, handed to [`deny`].
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct Check {
    /// The requirement as written in the attribute.
    pub requirement: &'static str,
    /// The path of the guarded function.
    pub function: &'static str,
}

/// Every refusal of every `#[requires]` check goes through here, so that reporting cannot be
/// skipped by one of them: the `tracing` event, which `audit::AuditLayer` turns into audit
/// records. Never inlined: the refusal is rare, and one copy keeps it out of every caller's
/// hot path alike.
#[doc(hidden)]
#[cold]
#[inline(never)]
pub fn deny<S: Subject + ?Sized>(subject: Option<&S>, check: &Check) -> Forbidden {
    let denial = match subject {
        Some(_) => Denial::Insufficient,
        None => Denial::Unauthenticated,
    };
    #[cfg(feature = "tracing")]
    report(subject, denial, check);
    Forbidden {
        denial,
        requirement: check.requirement,
        function: check.function,
    }
}

/// The `tracing` event of a refusal: the subject's id, the requirement and the function;
/// never the subject's roles, scopes or anything else it holds. `audit::AuditLayer` reads
/// these fields by name.
#[cfg(feature = "tracing")]
fn report<S: Subject + ?Sized>(subject: Option<&S>, denial: Denial, check: &Check) {
    let id = subject.map(Subject::id);
    let subject = id.as_deref().unwrap_or("");
    match denial {
        Denial::Unauthenticated => tracing::info!(
            target: crate::audit::DENIAL_TARGET,
            subject,
            requirement = check.requirement,
            function = check.function,
            denial = "unauthenticated",
            "access denied",
        ),
        Denial::Insufficient => tracing::warn!(
            target: crate::audit::DENIAL_TARGET,
            subject,
            requirement = check.requirement,
            function = check.function,
            denial = "insufficient",
            "access denied",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authz::Principal;

    const CHECK: Check = Check {
        requirement: "any(Admin, Editor)",
        function: "shop::refund",
    };

    #[test]
    fn no_subject_is_unauthenticated() {
        let error = deny::<Principal>(None, &CHECK);

        assert_eq!(error.denial(), Denial::Unauthenticated);
        assert!(error.is_unauthenticated());
        assert_eq!(
            error.to_string(),
            "sign-in required for `any(Admin, Editor)`"
        );
    }

    #[test]
    fn a_known_subject_is_insufficient() {
        let subject = Principal::new("user-9").with_role("viewer");
        let error = deny(Some(&subject), &CHECK);

        assert_eq!(error.denial(), Denial::Insufficient);
        assert_eq!(error.requirement(), "any(Admin, Editor)");
        assert_eq!(error.function(), "shop::refund");
        assert_eq!(
            error.to_string(),
            "forbidden: requires `any(Admin, Editor)`"
        );
        assert!(!format!("{error:?}").contains("user-9"));
    }
}
