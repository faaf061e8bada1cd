//! HTTP hardening that does not depend on a framework: problem+json errors, cookies, CSRF
//! tokens and origin checks, CORS policies, security headers and client addresses.
//!
//! Enabled by the `http` feature. The `axum` feature plugs all of it into axum as
//! extractors, a checked router and layers: see [`secure::axum`](crate::axum).
//!
//! | module or type | what it decides |
//! | --- | --- |
//! | [`Problem`] | the one error body, `application/problem+json` (RFC 9457), that never echoes input |
//! | [`cookie`] | `Set-Cookie` values: strict defaults, prefixes, invalid combinations refused |
//! | [`csrf`] | Fetch-Metadata and `Origin` checks, signed double-submit tokens bound to the session |
//! | [`cors`] | CORS policies that cannot allow any origin, header or method with credentials |
//! | [`SecurityHeaders`], [`CspNonce`] | CSP with a per-request nonce, HSTS, framing, sniffing, referrer, permissions, COOP/CORP |
//! | [`TrustedProxies`] | the client address, with `X-Forwarded-For` only from trusted proxies |
//!
//! Header values built here reject CR, LF, NUL and other controls rather than stripping
//! them: they go through [`http::HeaderValue`]'s checks, and cookie values through the
//! stricter RFC 6265 grammar.

mod client;
pub mod cookie;
pub mod cors;
pub mod csrf;
mod headers;
mod problem;

pub use crate::random::RandomUnavailable;
pub use client::{InvalidNetwork, TrustedProxies};
pub use headers::{CspNonce, HeaderError, SecurityHeaders, SecurityHeadersBuilder};
pub use problem::{CorrelationId, PROBLEM_JSON, Problem, ProblemCode};
