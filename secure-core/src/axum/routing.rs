//! The checked router: a route whose handler made no authorization decision, or a
//! state-changing route without a CSRF decision, does not compile.
//!
//! # How the check works
//!
//! `#[requires(..)]` and `#[public]` turn an `async fn` handler into a plain `fn` that
//! returns [`Guarded<impl Future, A, C>`](crate::authz::Guarded): the same future in a
//! zero-cost wrapper whose type parameters record the authorization decision `A` and the
//! CSRF decision `C`. The method functions of this module ([`get`], [`post`] …) take only
//! handlers whose future is a `Guarded` with an authorization decision ([`SecureHandler`]);
//! [`post`], [`put`], [`patch`], [`delete`] and [`any`] also need a CSRF decision
//! ([`CsrfHandler`]). A handler without them fails to compile at the route, with a message
//! that says which attribute to add.
//!
//! The handler keeps its signature otherwise: any axum extractors, in any order, and any
//! `IntoResponse` output. Because `Guarded` is a `Future` with the handler's output, tests
//! call and `.await` handlers as ordinary async functions.
//!
//! The decisions are also carried out. A `csrf = protected` handler routed under an unsafe
//! method gets the CSRF checks in front of it; `HEAD` reaches `GET` handlers (axum's own
//! routing) and so runs their check; `OPTIONS` on a route with a `GET` handler runs the
//! handler's extractors and authorization check without its body, and answers 204 with
//! `Allow` only if the check passes (401 or 403 otherwise). CORS preflights are answered by
//! the CORS layer before routing; `tower_http`'s layer, which [`CorsPolicy::layer`] builds,
//! takes every `OPTIONS` request for one, so where it is installed `OPTIONS` never reaches
//! a handler, its check or its body.
//!
//! [`CorsPolicy::layer`]: crate::http::cors::CorsPolicy::layer
//!
//! The router's own answers are problems too: a path with no route is a 404 `not_found`
//! problem (unless [`Router::fallback`] sets another answer), and a method the path has no
//! handler for is a 405 `method_not_allowed` problem with `Allow` listing the methods it
//! has. Both pass through the layers added afterwards, like any other response.
//!
//! ```
//! use secure::axum::{Caller, Router, ValidJson, get};
//! use secure::http::Problem;
//! use secure::prelude::*;
//!
//! secure::roles! {
//!     pub Editor = "editor";
//! }
//!
//! #[derive(serde::Deserialize, Validate)]
//! struct Draft {
//!     #[validate(length(1..=120))]
//!     title: String,
//! }
//!
//! #[public]
//! async fn home() -> &'static str {
//!     "home"
//! }
//!
//! #[requires(Editor, csrf = protected)]
//! async fn publish(caller: Caller, ValidJson(draft): ValidJson<Draft>) -> Result<String, Problem> {
//!     Ok(format!("published {}", draft.title))
//! }
//!
//! let app: axum::Router = Router::new()
//!     .route("/", get(home))
//!     .route("/drafts", get(home).post(publish).body_limit(16 * 1024).accept(["application/json"]))
//!     .into();
//! ```
//!
//! A handler without a decision does not compile:
//!
//! ```compile_fail
//! use secure::axum::{Router, get};
//!
//! async fn forgotten() -> &'static str {
//!     "open to whoever finds it"
//! }
//!
//! let app = Router::<()>::new().route("/", get(forgotten));
//! ```
//!
//! What is *not* guaranteed: the check covers routes added through this router. Leaving it
//! with [`Router::into_axum`] and adding routes to the axum router, or routing an undecided
//! handler with [`unchecked::route`](crate::unchecked::route), is possible and visible in
//! review. Extractors run before the authorization check (axum runs them first), so put
//! authorization-sensitive work in the body, not in custom extractors.

use core::convert::Infallible;
use core::future::Future;
use core::marker::PhantomData;
use core::pin::Pin;

use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Request};
use axum::handler::Handler;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};

use super::csrf::{BodyLimit, CsrfCheck};
use super::extract::{JSON_IN_UTF8, charset_refused};
use super::service::{InnerService, Middleware, Next, RouteLayer};
use crate::authz::decision::{CsrfDecided, Decided};
use crate::http::{Problem, ProblemCode};

type ProbeFuture = Pin<Box<dyn Future<Output = Response> + Send>>;

/// A handler with an authorization decision: an `async fn` marked `#[requires(..)]` or
/// `#[public]`, whatever its extractors.
#[diagnostic::on_unimplemented(
    message = "this handler has no authorization decision, or axum cannot call it",
    label = "needs `#[requires(..)]` or `#[public]`, extractors as arguments, and an output that implements `IntoResponse`",
    note = "every route must say who may call it: `#[requires(Role)]` checks the caller, `#[public]` opens the route to everyone on purpose",
    note = "if it has `#[requires(..)]` or `#[public]`, the cause is its signature: its output does not implement `IntoResponse` (as `String`, `SafeHtml` and `Result<T, secure::http::Problem>` do) or an argument is not an extractor, such as `ValidJson<T>` whose `T` lacks `Deserialize` or `Validate`, or a subject taken as `Principal` rather than `caller: Caller`",
    note = "`#[axum::debug_handler]` (axum's `macros` feature) on the handler, below `#[requires]` or `#[public]`, names the argument at fault"
)]
pub trait SecureHandler<T, S>: Handler<T, S> {
    /// Whether the handler is `#[public]`.
    #[doc(hidden)]
    const PUBLIC: bool;

    /// Runs the extractors and the authorization check, not the body: the answer to
    /// `OPTIONS`.
    #[doc(hidden)]
    fn probe(self, request: Request, state: S, allow: HeaderValue) -> ProbeFuture;
}

/// A handler that also made a CSRF decision, as `POST`, `PUT`, `PATCH` and `DELETE`
/// routes need: `csrf = protected` or `csrf = exempt("reason")` in its attribute.
#[diagnostic::on_unimplemented(
    message = "this handler serves a state-changing method but has no CSRF decision, or axum cannot call it",
    label = "needs `csrf = protected` or `csrf = exempt(\"reason\")` in its `#[requires(..)]` or `#[public(..)]`, extractors as arguments, and an output that implements `IntoResponse`",
    note = "POST, PUT, PATCH and DELETE routes must either pass the CSRF checks (`csrf = protected`) or say why they need none (`csrf = exempt(\"signed webhook\")`)",
    note = "if it has a CSRF decision, the cause is its signature: its output does not implement `IntoResponse` (as `String`, `SafeHtml` and `Result<T, secure::http::Problem>` do) or an argument is not an extractor, such as `ValidJson<T>` or `ValidForm<T>` whose `T` lacks `Deserialize` or `Validate`",
    note = "`#[axum::debug_handler]` (axum's `macros` feature) on the handler, below `#[requires]` or `#[public]`, names the argument at fault"
)]
pub trait CsrfHandler<T, S>: SecureHandler<T, S> {
    /// Whether the router runs the CSRF checks before the handler.
    #[doc(hidden)]
    const PROTECTED: bool;
}

fn probe_outcome(denial: Option<crate::Forbidden>, allow: HeaderValue) -> Response {
    match denial {
        Some(forbidden) => Problem::from(forbidden).into_response(),
        None => (StatusCode::NO_CONTENT, [(header::ALLOW, allow)]).into_response(),
    }
}

impl<F, Fut, Res, S> SecureHandler<((),), S> for F
where
    F: FnOnce() -> Fut + Clone + Send + Sync + 'static,
    Fut: Decided<Output = Res> + Send,
    Res: IntoResponse,
    S: Send + Sync + 'static,
{
    const PUBLIC: bool = Fut::PUBLIC;

    fn probe(self, _: Request, _: S, allow: HeaderValue) -> ProbeFuture {
        let denial = self().denial();
        Box::pin(async move { probe_outcome(denial, allow) })
    }
}

impl<F, Fut, Res, S> CsrfHandler<((),), S> for F
where
    F: FnOnce() -> Fut + Clone + Send + Sync + 'static,
    Fut: CsrfDecided<Output = Res> + Send,
    Res: IntoResponse,
    S: Send + Sync + 'static,
{
    const PROTECTED: bool = Fut::PROTECTED;
}

macro_rules! secure_handler {
    ([$($ty:ident),*], $last:ident) => {
        #[allow(non_snake_case)]
        impl<F, Fut, Res, S, M, $($ty,)* $last> SecureHandler<(M, $($ty,)* $last,), S> for F
        where
            F: FnOnce($($ty,)* $last) -> Fut + Clone + Send + Sync + 'static,
            Fut: Decided<Output = Res> + Send,
            Res: IntoResponse,
            S: Send + Sync + 'static,
            $($ty: FromRequestParts<S> + Send,)*
            $last: FromRequest<S, M> + Send,
        {
            const PUBLIC: bool = Fut::PUBLIC;

            fn probe(self, request: Request, state: S, allow: HeaderValue) -> ProbeFuture {
                Box::pin(async move {
                    #[allow(unused_mut)]
                    let (mut parts, body) = request.into_parts();
                    $(
                        let $ty = match $ty::from_request_parts(&mut parts, &state).await {
                            Ok(value) => value,
                            Err(rejection) => return rejection.into_response(),
                        };
                    )*
                    let request = Request::from_parts(parts, body);
                    let $last = match $last::from_request(request, &state).await {
                        Ok(value) => value,
                        Err(rejection) => return rejection.into_response(),
                    };
                    // The future is dropped unpolled: the body never runs.
                    let denial = self($($ty,)* $last).denial();
                    probe_outcome(denial, allow)
                })
            }
        }

        impl<F, Fut, Res, S, M, $($ty,)* $last> CsrfHandler<(M, $($ty,)* $last,), S> for F
        where
            F: FnOnce($($ty,)* $last) -> Fut + Clone + Send + Sync + 'static,
            Fut: CsrfDecided<Output = Res> + Send,
            Res: IntoResponse,
            S: Send + Sync + 'static,
            $($ty: FromRequestParts<S> + Send,)*
            $last: FromRequest<S, M> + Send,
        {
            const PROTECTED: bool = Fut::PROTECTED;
        }
    };
}

secure_handler!([], T1);
secure_handler!([T1], T2);
secure_handler!([T1, T2], T3);
secure_handler!([T1, T2, T3], T4);
secure_handler!([T1, T2, T3, T4], T5);
secure_handler!([T1, T2, T3, T4, T5], T6);
secure_handler!([T1, T2, T3, T4, T5, T6], T7);
secure_handler!([T1, T2, T3, T4, T5, T6, T7], T8);
secure_handler!([T1, T2, T3, T4, T5, T6, T7, T8], T9);
secure_handler!([T1, T2, T3, T4, T5, T6, T7, T8, T9], T10);
secure_handler!([T1, T2, T3, T4, T5, T6, T7, T8, T9, T10], T11);
secure_handler!([T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11], T12);
secure_handler!([T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12], T13);
secure_handler!(
    [T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13],
    T14
);
secure_handler!(
    [T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14],
    T15
);
secure_handler!(
    [
        T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15
    ],
    T16
);

/// The `OPTIONS` handler of a route with a `GET` handler.
struct Probe<H, T> {
    handler: H,
    allow: HeaderValue,
    extractors: PhantomData<fn() -> T>,
}

impl<H: Clone, T> Clone for Probe<H, T> {
    fn clone(&self) -> Self {
        Probe {
            handler: self.handler.clone(),
            allow: self.allow.clone(),
            extractors: PhantomData,
        }
    }
}

impl<H, T, S> Handler<(), S> for Probe<H, T>
where
    H: SecureHandler<T, S>,
    T: 'static,
    S: Clone + Send + Sync + 'static,
{
    type Future = ProbeFuture;

    fn call(self, request: Request, state: S) -> ProbeFuture {
        self.handler.probe(request, state, self.allow)
    }
}

/// Adds the `OPTIONS` probe once the route's methods are known.
type AddProbe<S> = Box<
    dyn FnOnce(axum::routing::MethodRouter<S>, HeaderValue) -> axum::routing::MethodRouter<S>
        + Send,
>;

/// The handlers of one path, by method: made by [`get`], [`post`] … and chained with
/// [`MethodRouter::post`] and the like.
#[must_use = "route it with `Router::route`"]
pub struct MethodRouter<S = ()> {
    inner: axum::routing::MethodRouter<S>,
    methods: Vec<&'static str>,
    probe: Option<AddProbe<S>>,
    body_limit: Option<usize>,
    accept: Option<Vec<String>>,
}

macro_rules! unsafe_method {
    ($(#[$doc:meta])* $name:ident, $axum:ident, $method:literal) => {
        $(#[$doc])*
        pub fn $name<H, T>(self, handler: H) -> Self
        where
            H: CsrfHandler<T, S>,
            T: 'static,
        {
            self.route_unsafe(handler, axum::routing::$axum::<H, T, S>, $method)
        }
    };
}

impl<S: Clone + Send + Sync + 'static> MethodRouter<S> {
    fn empty() -> Self {
        MethodRouter {
            inner: axum::routing::MethodRouter::new(),
            methods: Vec::new(),
            probe: None,
            body_limit: None,
            accept: None,
        }
    }

    /// Routes `GET` (and so `HEAD`, and `OPTIONS` through the probe) to `handler`.
    pub fn get<H, T>(mut self, handler: H) -> Self
    where
        H: SecureHandler<T, S>,
        T: 'static,
    {
        let probe = handler.clone();
        self.inner = self.inner.get(handler);
        self.methods.extend(["GET", "HEAD"]);
        self.probe = Some(Box::new(move |router, allow| {
            router.options(Probe {
                handler: probe,
                allow,
                extractors: PhantomData::<fn() -> T>,
            })
        }));
        self
    }

    fn route_unsafe<H, T>(
        mut self,
        handler: H,
        route: impl FnOnce(H) -> axum::routing::MethodRouter<S>,
        method: &'static str,
    ) -> Self
    where
        H: CsrfHandler<T, S>,
        T: 'static,
    {
        let mut route = route(handler);
        if H::PROTECTED {
            route = route.route_layer(RouteLayer(CsrfCheck));
        }
        self.inner = self.inner.merge(route);
        self.methods.push(method);
        self
    }

    unsafe_method!(
        /// Routes `POST` to `handler`, which needs a CSRF decision.
        post,
        post,
        "POST"
    );
    unsafe_method!(
        /// Routes `PUT` to `handler`, which needs a CSRF decision.
        put,
        put,
        "PUT"
    );
    unsafe_method!(
        /// Routes `PATCH` to `handler`, which needs a CSRF decision.
        patch,
        patch,
        "PATCH"
    );
    unsafe_method!(
        /// Routes `DELETE` to `handler`, which needs a CSRF decision.
        delete,
        delete,
        "DELETE"
    );

    /// The largest body the route's extractors and CSRF check read, in bytes (axum's
    /// default is 2 MiB); larger bodies get a 413 problem.
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = Some(bytes);
        self
    }

    /// The only media types the route accepts in request bodies, such as
    /// `["application/json"]`: a request to an unsafe method, or any request with a body,
    /// with another `Content-Type` gets a 415 problem before any handler runs. So does a
    /// JSON type (`application/json`, `application/*+json`) with a `charset` other than
    /// `utf-8`: JSON is UTF-8 (RFC 8259), and would be read as UTF-8 whatever it says.
    pub fn accept<'a>(mut self, media_types: impl IntoIterator<Item = &'a str>) -> Self {
        let types = media_types
            .into_iter()
            .map(str::to_ascii_lowercase)
            .collect();
        self.accept = Some(types);
        self
    }

    fn finish(self) -> axum::routing::MethodRouter<S> {
        // Merging keeps the fallback of `self.inner` if it set one (`any`, or an unchecked
        // router with its own), and otherwise takes this one's: a 405 problem, to which axum
        // adds `Allow`. A fallback set with `fallback` would refuse the merge of two method
        // routers of one path; axum's own default is replaceable by merging.
        let method_not_allowed = axum::routing::MethodRouter::new()
            .layer::<_, Infallible>(RouteLayer(RouterProblem(ProblemCode::MethodNotAllowed)));
        let mut inner = self.inner.merge(method_not_allowed);
        // `any` routes through the fallback, which only `layer` reaches.
        let through_fallback = self.methods == ["*"];
        if let Some(types) = self.accept {
            let check = RouteLayer(AcceptCheck(types.into()));
            inner = match through_fallback {
                true => inner.layer::<_, Infallible>(check),
                false => inner.route_layer(check),
            };
        }
        if let Some(limit) = self.body_limit {
            inner = match through_fallback {
                true => inner
                    .layer::<_, Infallible>(DefaultBodyLimit::max(limit))
                    .layer::<_, Infallible>(axum::Extension(BodyLimit(limit)))
                    .layer::<_, Infallible>(RouteLayer(DeclaredLengthCheck(limit))),
                false => inner
                    .route_layer(DefaultBodyLimit::max(limit))
                    .route_layer(axum::Extension(BodyLimit(limit)))
                    .route_layer(RouteLayer(DeclaredLengthCheck(limit))),
            };
        }
        if let Some(add_probe) = self.probe {
            let mut methods = self.methods;
            methods.push("OPTIONS");
            let allow = HeaderValue::from_str(&methods.join(", "))
                .unwrap_or_else(|_| HeaderValue::from_static("GET, HEAD, OPTIONS"));
            inner = add_probe(inner, allow);
        }
        inner
    }
}

/// Routes `GET` (with `HEAD` and `OPTIONS`) to a handler marked `#[requires(..)]` or
/// `#[public]`.
pub fn get<H, T, S>(handler: H) -> MethodRouter<S>
where
    H: SecureHandler<T, S>,
    T: 'static,
    S: Clone + Send + Sync + 'static,
{
    MethodRouter::empty().get(handler)
}

/// Routes `POST` to a handler with an authorization and a CSRF decision.
pub fn post<H, T, S>(handler: H) -> MethodRouter<S>
where
    H: CsrfHandler<T, S>,
    T: 'static,
    S: Clone + Send + Sync + 'static,
{
    MethodRouter::empty().post(handler)
}

/// Routes `PUT` to a handler with an authorization and a CSRF decision.
pub fn put<H, T, S>(handler: H) -> MethodRouter<S>
where
    H: CsrfHandler<T, S>,
    T: 'static,
    S: Clone + Send + Sync + 'static,
{
    MethodRouter::empty().put(handler)
}

/// Routes `PATCH` to a handler with an authorization and a CSRF decision.
pub fn patch<H, T, S>(handler: H) -> MethodRouter<S>
where
    H: CsrfHandler<T, S>,
    T: 'static,
    S: Clone + Send + Sync + 'static,
{
    MethodRouter::empty().patch(handler)
}

/// Routes `DELETE` to a handler with an authorization and a CSRF decision.
pub fn delete<H, T, S>(handler: H) -> MethodRouter<S>
where
    H: CsrfHandler<T, S>,
    T: 'static,
    S: Clone + Send + Sync + 'static,
{
    MethodRouter::empty().delete(handler)
}

/// Routes every method to a handler with an authorization and a CSRF decision; the CSRF
/// checks of a protected handler apply to its unsafe methods.
pub fn any<H, T, S>(handler: H) -> MethodRouter<S>
where
    H: CsrfHandler<T, S>,
    T: 'static,
    S: Clone + Send + Sync + 'static,
{
    // axum routes `any` through the method router's fallback, which `route_layer` skips.
    let mut route = axum::routing::any(handler);
    if H::PROTECTED {
        route = route.layer::<_, Infallible>(RouteLayer(CsrfCheck));
    }
    MethodRouter {
        inner: route,
        methods: vec!["*"],
        probe: None,
        body_limit: None,
        accept: None,
    }
}

/// The router's own 404 and 405, in place of axum's empty ones. It wraps axum's default
/// fallbacks and answers instead of them.
#[derive(Clone, Copy, Debug)]
struct RouterProblem(ProblemCode);

impl Middleware for RouterProblem {
    async fn handle<I: InnerService>(self, _: Request, _: Next<I>) -> Response {
        let detail = match self.0 {
            ProblemCode::MethodNotAllowed => "this resource does not accept the method",
            _ => "there is nothing at this address",
        };
        Problem::new(self.0, detail).into_response()
    }
}

/// The 415 check of [`MethodRouter::accept`].
#[derive(Clone, Debug)]
struct AcceptCheck(std::sync::Arc<[String]>);

impl Middleware for AcceptCheck {
    async fn handle<I: InnerService>(self, request: Request, next: Next<I>) -> Response {
        let headers = request.headers();
        let has_body = headers.contains_key(header::TRANSFER_ENCODING)
            || headers
                .get(header::CONTENT_LENGTH)
                .is_some_and(|length| length != "0");
        let unsafe_method = !crate::http::csrf::is_safe_method(request.method());
        if has_body || unsafe_method {
            let content_type = headers
                .get(header::CONTENT_TYPE)
                .and_then(|value| value.to_str().ok());
            let essence = content_type
                .map(essence)
                .filter(|essence| self.0.contains(essence));
            let Some(essence) = essence else {
                return Problem::new(
                    ProblemCode::UnsupportedMediaType,
                    "the body's content type is not one this route accepts",
                )
                .into_response();
            };
            let refused = content_type
                .filter(|_| is_json(&essence))
                .and_then(|content_type| charset_refused(content_type, JSON_IN_UTF8));
            if let Some(refused) = refused {
                return refused.into_response();
            }
        }
        next.run(request).await
    }
}

/// The media type of a `Content-Type` without its parameters, in lowercase.
fn essence(content_type: &str) -> String {
    let essence = content_type.split(';').next().unwrap_or("");
    essence.trim().to_ascii_lowercase()
}

/// Whether a media type's essence is JSON as axum's extractor takes it: `application/json`,
/// or an `application/` type with the `+json` suffix.
fn is_json(essence: &str) -> bool {
    essence
        .strip_prefix("application/")
        .is_some_and(|subtype| subtype == "json" || subtype.ends_with("+json"))
}

/// How much of a refused body [`DeclaredLengthCheck`] reads and throws away before it answers.
const LINGER_BYTES: usize = 4 * 1024 * 1024;

/// The 413 of [`MethodRouter::body_limit`] for a body whose `Content-Length` is over the limit,
/// before any handler runs.
///
/// A server that answers and closes while the client is still sending makes the kernel reset
/// the connection, and the client then often loses the answer: it sees a broken connection,
/// not a 413. So the rest of the body is read and dropped first, up to [`LINGER_BYTES`]; a
/// larger body is cut off as before. A body without a declared length is refused by the
/// extractor when it passes the limit, without this courtesy.
#[derive(Clone, Copy, Debug)]
struct DeclaredLengthCheck(usize);

impl Middleware for DeclaredLengthCheck {
    async fn handle<I: InnerService>(self, request: Request, next: Next<I>) -> Response {
        let declared = request
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|length| length.to_str().ok()?.parse::<u64>().ok());
        if declared.is_none_or(|length| length <= self.0 as u64) {
            return next.run(request).await;
        }
        let mut body = request.into_body();
        let mut dropped = 0;
        while dropped <= LINGER_BYTES {
            let frame = core::future::poll_fn(|cx| {
                axum::body::HttpBody::poll_frame(core::pin::Pin::new(&mut body), cx)
            });
            match frame.await {
                Some(Ok(frame)) => dropped += frame.data_ref().map_or(0, |data| data.len()),
                Some(Err(_)) | None => break,
            }
        }
        Problem::new(
            ProblemCode::BodyTooLarge,
            "the body is larger than this route accepts",
        )
        .into_response()
    }
}

/// A router whose every route made an authorization decision, and whose state-changing
/// routes made a CSRF decision. Build it like `axum::Router`, then turn it into one with
/// `.into()` or [`into_axum`](Router::into_axum) to serve it.
#[must_use = "turn it into an `axum::Router` to serve it"]
pub struct Router<S = ()> {
    inner: axum::Router<S>,
}

impl<S: Clone + Send + Sync + 'static> Default for Router<S> {
    fn default() -> Self {
        Router::new()
    }
}

impl<S: Clone + Send + Sync + 'static> Router<S> {
    /// A router with no route, which answers every path with a 404 problem.
    pub fn new() -> Self {
        // A layer added before any route wraps only the default fallback, which stays the
        // default: routers made here merge and nest as axum's do.
        let not_found = RouteLayer(RouterProblem(ProblemCode::NotFound));
        Router {
            inner: axum::Router::new().layer(not_found),
        }
    }

    /// Adds the handlers of `path`. Panics, as axum does, if `path` is invalid or already
    /// routed for one of the methods.
    pub fn route(self, path: &str, methods: MethodRouter<S>) -> Self {
        Router {
            inner: self.inner.route(path, methods.finish()),
        }
    }

    /// Mounts `router` under `path`.
    pub fn nest(self, path: &str, router: Router<S>) -> Self {
        Router {
            inner: self.inner.nest(path, router.inner),
        }
    }

    /// Adds the routes of `other`.
    pub fn merge(self, other: Router<S>) -> Self {
        Router {
            inner: self.inner.merge(other.inner),
        }
    }

    /// Answers requests that match no route with `handler` in place of the 404 problem. It
    /// answers every method, so it needs a CSRF decision as a handler routed with [`any`]
    /// does, and the CSRF checks of a protected one apply to its unsafe methods.
    pub fn fallback<H, T>(self, handler: H) -> Self
    where
        H: CsrfHandler<T, S>,
        T: 'static,
    {
        let inner = if H::PROTECTED {
            self.inner.fallback(axum::handler::Handler::layer(
                handler,
                RouteLayer(CsrfCheck),
            ))
        } else {
            self.inner.fallback(handler)
        };
        Router { inner }
    }

    /// Wraps every route, and the fallback, in `layer` (see `axum::Router::layer`).
    pub fn layer<L>(self, layer: L) -> Self
    where
        L: tower::Layer<axum::routing::Route> + Clone + Send + Sync + 'static,
        L::Service: tower::Service<Request> + Clone + Send + Sync + 'static,
        <L::Service as tower::Service<Request>>::Response: IntoResponse + 'static,
        <L::Service as tower::Service<Request>>::Error: Into<Infallible> + 'static,
        <L::Service as tower::Service<Request>>::Future: Send + 'static,
    {
        Router {
            inner: self.inner.layer(layer),
        }
    }

    /// Provides the state, as `axum::Router::with_state`.
    pub fn with_state<S2>(self, state: S) -> Router<S2> {
        Router {
            inner: self.inner.with_state(state),
        }
    }

    /// The axum router, to serve or to combine with other axum code. Routes added to it
    /// afterwards are not checked.
    pub fn into_axum(self) -> axum::Router<S> {
        self.inner
    }
}

impl<S> From<Router<S>> for axum::Router<S> {
    fn from(router: Router<S>) -> Self {
        router.inner
    }
}

impl<S> core::fmt::Debug for Router<S> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Router").finish_non_exhaustive()
    }
}

impl<S> core::fmt::Debug for MethodRouter<S> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("MethodRouter")
            .field("methods", &self.methods)
            .finish_non_exhaustive()
    }
}

/// Routes an axum method router without any decision check: see
/// [`unchecked::route`](crate::unchecked::route).
pub(crate) fn unchecked_methods<S: Clone + Send + Sync + 'static>(
    methods: axum::routing::MethodRouter<S>,
) -> MethodRouter<S> {
    MethodRouter {
        inner: methods,
        methods: Vec::new(),
        probe: None,
        body_limit: None,
        accept: None,
    }
}
