//! Route decisions: what `#[requires]` and `#[public]` record in a handler's return type, so
//! that a router can refuse, at compile time, a route whose handler decided nothing.
//!
//! An `async fn` handler guarded by `#[requires(..)]` (or marked `#[public]`) returns a
//! [`Guarded`] future instead of an anonymous one. `Guarded` is a zero-cost wrapper: it
//! awaits to the same output, so the handler is still called and awaited like any `async
//! fn` in tests, and its type parameters carry the decisions:
//!
//! - the authorization decision: [`Required`] (a `#[requires]` check) or [`Public`];
//! - the CSRF decision: [`CsrfProtected`], [`CsrfExempt`] or [`CsrfUndecided`].
//!
//! [`Decided`] and [`CsrfDecided`] read them; the router of the `axum` feature asks for them.
//!
//! ```
//! use secure::prelude::*;
//!
//! secure::roles! {
//!     pub Admin = "admin";
//! }
//!
//! #[requires(Admin)]
//! async fn purge(caller: Option<Principal>) -> Result<&'static str, Forbidden> {
//!     Ok("purged")
//! }
//!
//! // Still an ordinary async function to call and await.
//! let admin = Principal::new("root").with_role("admin");
//! assert_eq!(futures_executor::block_on(purge(Some(admin))), Ok("purged"));
//!
//! // The check ran when the function was called; the body runs only if it passed.
//! let refused = purge(None);
//! assert!(refused.denial().unwrap().is_unauthenticated());
//! ```

use core::future::Future;
use core::marker::PhantomData;
use core::pin::Pin;
use core::task::{Context, Poll};

use super::Forbidden;

pin_project_lite::pin_project! {
    /// The future of a handler that declared its authorization decision `A` and its CSRF
    /// decision `C`.
    ///
    /// It is made only by `#[requires]` and `#[public]`, which run the authorization check
    /// when the function is called: [`denial`](Guarded::denial) tells the outcome before the
    /// future is polled, and the body never runs after a refusal. Awaiting it gives the
    /// handler's output.
    #[must_use = "futures do nothing unless awaited"]
    pub struct Guarded<F, A, C> {
        #[pin]
        future: F,
        denial: Option<Forbidden>,
        decision: PhantomData<fn() -> (A, C)>,
    }
}

impl<F, A, C> Guarded<F, A, C> {
    /// The refusal of the authorization check, or `None` if it passed (or the route is
    /// public).
    pub fn denial(&self) -> Option<Forbidden> {
        self.denial
    }
}

impl<F: Future, A, C> Future for Guarded<F, A, C> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.project().future.poll(cx)
    }
}

/// Wraps the future of a checked handler. Only generated code calls it, through
/// `secure::__private`.
#[doc(hidden)]
#[inline(always)]
pub fn guarded<F: Future, A, C>(denial: Option<Forbidden>, future: F) -> Guarded<F, A, C> {
    Guarded {
        future,
        denial,
        decision: PhantomData,
    }
}

/// The handler checks a `#[requires(..)]` requirement.
pub enum Required {}
/// The handler is deliberately open to everyone: `#[public]`.
pub enum Public {}
/// State-changing requests to the handler must pass the CSRF checks: `csrf = protected`.
pub enum CsrfProtected {}
/// The handler is deliberately exempt from CSRF checks: `csrf = exempt("reason")`.
pub enum CsrfExempt {}
/// The handler made no CSRF decision; it may serve safe methods only.
pub enum CsrfUndecided {}

/// An authorization decision: [`Required`] or [`Public`].
pub trait AuthzDecision: sealed::Sealed {
    /// Whether the route is public.
    const PUBLIC: bool;
}
impl AuthzDecision for Required {
    const PUBLIC: bool = false;
}
impl AuthzDecision for Public {
    const PUBLIC: bool = true;
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Required {}
    impl Sealed for super::Public {}
}

/// A handler future that carries an authorization decision.
#[diagnostic::on_unimplemented(
    message = "this handler has no authorization decision",
    label = "add `#[requires(..)]` or `#[public]` to this handler",
    note = "every route must say who may call it: `#[requires(Role)]` checks the caller, `#[public]` opens the route to everyone on purpose"
)]
pub trait Decided: Future {
    /// Whether the route is public.
    const PUBLIC: bool;

    /// The refusal of the authorization check, if it refused.
    fn denial(&self) -> Option<Forbidden>;
}

impl<F: Future, A: AuthzDecision, C> Decided for Guarded<F, A, C> {
    const PUBLIC: bool = A::PUBLIC;

    fn denial(&self) -> Option<Forbidden> {
        self.denial
    }
}

/// A handler future that also carries a CSRF decision, as routes for `POST`, `PUT`,
/// `PATCH` and `DELETE` need.
#[diagnostic::on_unimplemented(
    message = "this handler serves a state-changing method but has no CSRF decision",
    label = "add `csrf = protected` or `csrf = exempt(\"reason\")` to its `#[requires(..)]` or `#[public(..)]`",
    note = "POST, PUT, PATCH and DELETE routes must either pass the CSRF checks (`csrf = protected`) or say why they are exempt (`csrf = exempt(\"signed webhook\")`)"
)]
pub trait CsrfDecided: Decided {
    /// Whether the router must run the CSRF checks before the handler.
    const PROTECTED: bool;
}

impl<F: Future, A: AuthzDecision> CsrfDecided for Guarded<F, A, CsrfProtected> {
    const PROTECTED: bool = true;
}

impl<F: Future, A: AuthzDecision> CsrfDecided for Guarded<F, A, CsrfExempt> {
    const PROTECTED: bool = false;
}
