//! Authorization that cannot be forgotten: roles as types, proofs as values.
//!
//! A policy engine called at run time protects only the handlers that remember to call it.
//! Here privileged code takes an [`Authorized<R>`] parameter, and the only code that makes one
//! is the check `#[requires(..)]` inserts at the top of a function. A
//! function that skips the check has no proof to pass on, and does not compile.
//!
//! ```
//! use secure::prelude::*;
//!
//! secure::roles! {
//!     /// Runs the shop.
//!     pub Admin = "admin", implies(Clerk);
//!     /// Serves customers.
//!     pub Clerk = "clerk";
//! }
//!
//! secure::scopes! {
//!     /// What an API token may grant.
//!     pub Scopes = ["orders:read", "orders:refund"];
//! }
//!
//! /// Privileged work: callable only with a proof.
//! fn issue_refund(_clerk: Authorized<Clerk>, order: u64) -> String {
//!     format!("refunded {order}")
//! }
//!
//! #[requires(all(Clerk, scope("orders:refund")), proof = proof)]
//! fn refund(#[subject] caller: &Principal, order: u64) -> Result<String, Forbidden> {
//!     let (clerk, _scope) = proof.split();
//!     Ok(issue_refund(clerk, order))
//! }
//!
//! // An admin is a clerk too, and this token carries the scope.
//! let admin = Principal::new("u-1").with_role("admin").with_scope("orders:refund");
//! assert_eq!(refund(&admin, 7).unwrap(), "refunded 7");
//!
//! // A clerk whose token lacks the scope is refused, and the body never runs.
//! let clerk = Principal::new("u-2").with_role("clerk");
//! assert_eq!(refund(&clerk, 7).unwrap_err().requirement(), r#"all(Clerk, scope("orders:refund"))"#);
//! ```
//!
//! - Roles are declared with `secure::roles!`, scopes with `secure::scopes!`;
//!   a role or a scope that was not declared is a compile error.
//! - The subject implements [`Subject`]; [`Principal`] is a ready one. Names are compared
//!   exactly: `"Admin"` and `"admin "` are not `"admin"`.
//! - A refusal is a [`Forbidden`] error that tells [unauthenticated](Denial::Unauthenticated)
//!   (401) from [insufficient](Denial::Insufficient) (403) and names the requirement, never
//!   the subject. With the `tracing` feature, each refusal is also reported as an event on the
//!   target `secure::authz` with the subject's id, the requirement and the function.
//!
//! What is *not* guaranteed: the proof shows that a check ran, not that the check is the
//! right one for the operation. Requirements are only as good as the roles the [`Subject`]
//! reports, so build principals from verified sessions or tokens. Nothing here stops code
//! from doing privileged work that does not ask for a proof.

// `check`, `forbidden`, `role` and `scope` hold items that generated code reaches through
// `secure::__private` only.
pub(crate) mod check;
pub mod decision;
pub(crate) mod forbidden;
mod proof;
pub(crate) mod role;
pub(crate) mod scope;
mod subject;

pub use decision::Guarded;
pub use forbidden::{Denial, Forbidden};
pub use proof::{All, Any, Authorized, PolicyCheck, ScopeCheck};
pub use role::{Implies, Role};
pub use scope::ScopeSet;
pub use subject::{Principal, Subject, SubjectArg};
