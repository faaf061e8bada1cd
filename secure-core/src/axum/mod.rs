//! axum integration: validated extractors, a router that refuses undecided routes, and
//! layers with strict defaults. Enabled by the `axum` feature.
//!
//! | piece | what it does |
//! | --- | --- |
//! | [`ValidJson`], [`ValidQuery`], [`ValidForm`], [`ValidPath`] | deserialize into `Untrusted<T>`, validate into `Sanitized<T>`; reject with a problem+json that never echoes the input |
//! | [`Caller`], [`Authenticated`], [`AuthenticationLayer`] | the caller `#[requires]` checks, and the extension contract of authentication |
//! | [`Router`], [`get`], [`post`] … | routes must be `#[requires(..)]` or `#[public]`; state-changing ones need a CSRF decision |
//! | [`InternalErrorLayer`] | correlation ids (the request id of audited denials, with `tracing`), caught panics, 500s without internal detail |
//! | [`SecurityHeadersLayer`] | CSP with a per-request nonce, HSTS, framing, sniffing, referrer, permissions, COOP/CORP |
//! | [`CsrfLayer`] | the key, the token cookie and the per-visitor binding of anonymous tokens for the CSRF checks of protected routes |
//! | [`CorsPolicy::layer`](crate::http::cors::CorsPolicy::layer) | CORS that cannot allow any origin, header or method with credentials |
//! | [`rate_limit`] | per-address (IPv6 per `/64`) or per-subject limits with `governor`, 429 with `Retry-After`, an in-memory store of bounded size |
//! | [`SafeRedirect`](crate::encode::SafeRedirect), [`RedirectResponse`] | redirects whose `Location` stays on this site (or an allowlisted host) and holds no CR, LF or NUL: 303 by default |
//!
//! Every rejection is a [`Problem`](crate::http::Problem): 400 malformed input, 404 for a
//! path with no route, 405 (with `Allow`) for a method without a handler, 413 too large,
//! 415 wrong content type, 422 with the validation report, 401/403 from authorization, 403
//! from CSRF, 429 from rate limits, 500 with a correlation id.
//!
//! # A service
//!
//! Layers run outside in, the last added first. A typical stack, outermost first:
//! [`SecurityHeadersLayer`] (outside the next, so the 500 made for a panic carries the
//! headers too), [`InternalErrorLayer`], the CORS layer, the rate limit per address,
//! [`AuthenticationLayer`], a rate limit per signed-in subject if there is one (it needs the
//! caller authentication found), [`CsrfLayer`] (which reads the session authentication found).
//!
//! ```no_run
//! use std::net::SocketAddr;
//! use std::num::NonZeroU32;
//!
//! use secure::axum::rate_limit::{InMemoryStore, Quota, RateLimitLayer};
//! use secure::axum::{
//!     Authentication, AuthenticationLayer, Authenticator, Caller, CsrfLayer, InternalErrorLayer,
//!     Router, SecurityHeadersLayer, ValidForm, get,
//! };
//! use secure::http::csrf::{CsrfKey, CsrfSession};
//! use secure::http::{Problem, SecurityHeaders};
//! use secure::prelude::*;
//!
//! secure::roles! {
//!     pub Member = "member";
//! }
//!
//! #[derive(serde::Deserialize, Validate)]
//! struct Comment {
//!     #[validate(sanitize(trim), length(1..=500))]
//!     text: String,
//! }
//!
//! #[public]
//! async fn home() -> &'static str {
//!     "welcome"
//! }
//!
//! #[requires(Member, csrf = protected)]
//! async fn comment(caller: Caller, ValidForm(comment): ValidForm<Comment>) -> Result<String, Problem> {
//!     Ok(format!("thanks for {} characters", comment.text.chars().count()))
//! }
//!
//! #[derive(Clone)]
//! struct Sessions;
//!
//! impl Authenticator for Sessions {
//!     type Subject = Principal;
//!
//!     async fn authenticate(&self, parts: &http::request::Parts) -> Authentication<Principal> {
//!         // Look the session cookie up in the session store here.
//!         Authentication::anonymous().with_csrf_session(CsrfSession::anonymous())
//!     }
//! }
//!
//! #[tokio::main(flavor = "current_thread")]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let quota = Quota::per_second(NonZeroU32::new(20).unwrap());
//!     let app: axum::Router = Router::new()
//!         .route("/", get(home))
//!         .route("/comments", get(home).post(comment))
//!         .layer(CsrfLayer::new(CsrfKey::generate()?))
//!         .layer(AuthenticationLayer::new(Sessions))
//!         .layer(RateLimitLayer::per_client_address(InMemoryStore::new(quota)))
//!         .layer(InternalErrorLayer::new())
//!         .layer(SecurityHeadersLayer::new(SecurityHeaders::strict().build()?))
//!         .into();
//!     let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
//!     axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await?;
//!     Ok(())
//! }
//! ```

mod csrf;
mod extract;
mod layers;
pub mod rate_limit;
mod redirect;
mod routing;
mod service;

pub use csrf::CsrfLayer;
pub use extract::{Authenticated, Caller, ValidForm, ValidJson, ValidPath, ValidQuery};
pub use layers::{
    Authentication, AuthenticationLayer, Authenticator, InternalErrorLayer, REQUEST_ID,
    SecurityHeadersLayer,
};
pub use redirect::RedirectResponse;
pub use routing::{
    CsrfHandler, MethodRouter, Router, SecureHandler, any, delete, get, patch, post, put,
};
pub use service::SecureService;

// The parts of the layers' types, public only because the types name them.
#[doc(hidden)]
pub use layers::{InternalErrors, PanicAsInternal};
#[doc(hidden)]
pub use service::{InnerService, Middleware, Next, ResponseFuture};

pub(crate) use routing::unchecked_methods;
