//! Layers: internal errors with correlation ids, security headers, authentication, CORS.

use core::fmt;
use core::future::Future;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use http::request::Parts;
use http::{HeaderName, HeaderValue, StatusCode, header};
use tower::Layer;
use tower_http::catch_panic::{CatchPanic, CatchPanicLayer};

use super::extract::Authenticated;
use super::service::{InnerService, Middleware, Next, SecureService, middleware_layer};
use crate::authz::Subject;
use crate::http::cors::CorsPolicy;
use crate::http::csrf::CsrfSession;
use crate::http::{CorrelationId, CspNonce, Problem, SecurityHeaders};

/// The header every response carries the request's correlation id in: `X-Request-Id`.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The outermost layer: gives each request a [`CorrelationId`], catches panics, and turns
/// every 5xx into a problem+json body that holds the correlation id and nothing else.
///
/// Whatever a handler or a layer put in a 5xx (an error chain, a SQL message, a connection
/// string, a panic message), the client sees `{"code": "internal", "correlation_id": "…",
/// ..}`. A 503 stays a 503 (`"code": "unavailable"`, with the handler's `Retry-After`); any
/// other 5xx is answered as 500. Every response carries the id in `X-Request-Id`. A client's
/// own `X-Request-Id` is ignored, so the id never echoes client text. Handlers read the id with the `CorrelationId` extractor
/// to write it to their own records.
///
/// With the `tracing` feature, the rest of the stack runs inside an `INFO` span named
/// `request` whose `request_id` field is the id, so that events of the request carry it and
/// [`AuditLayer`](crate::audit::AuditLayer) writes it into the audit record of an
/// authorization denial. A subscriber that filters out `INFO` spans drops the field with
/// the span.
///
/// Panics are caught with `tower_http::catch_panic`; the panic message is not sent.
///
/// ```
/// use secure::axum::{InternalErrorLayer, Router, get};
/// use secure::prelude::*;
///
/// #[public]
/// async fn boom() -> &'static str {
///     panic!("database password is hunter2")
/// }
///
/// let app: axum::Router = Router::new()
///     .route("/boom", get(boom))
///     .layer(InternalErrorLayer::new())
///     .into();
/// ```
#[derive(Clone, Debug, Default)]
pub struct InternalErrorLayer;

impl InternalErrorLayer {
    /// The layer.
    pub fn new() -> Self {
        InternalErrorLayer
    }
}

#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct PanicAsInternal;

impl tower_http::catch_panic::ResponseForPanic for PanicAsInternal {
    type ResponseBody = Body;

    fn response_for_panic(
        &mut self,
        _: Box<dyn std::any::Any + Send + 'static>,
    ) -> http::Response<Body> {
        Problem::internal(None).into_response()
    }
}

impl<S> Layer<S> for InternalErrorLayer {
    type Service = SecureService<InternalErrors, CatchPanic<S, PanicAsInternal>>;

    fn layer(&self, inner: S) -> Self::Service {
        let inner = CatchPanicLayer::custom(PanicAsInternal).layer(inner);
        SecureService::new(InternalErrors, inner)
    }
}

#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct InternalErrors;

impl Middleware for InternalErrors {
    async fn handle<S: InnerService>(self, mut request: Request, next: Next<S>) -> Response {
        let Ok(id) = CorrelationId::generate() else {
            return Problem::internal(None).into_response();
        };
        request.extensions_mut().insert(id.clone());

        let response = next.run(request);
        #[cfg(feature = "tracing")]
        let response = tracing::Instrument::instrument(
            response,
            tracing::info_span!("request", request_id = id.as_str()),
        );
        let mut response = response.await;
        if response.status().is_server_error() {
            let (mut parts, _) = response.into_parts();
            let problem = match parts.status {
                StatusCode::SERVICE_UNAVAILABLE => Problem::unavailable(Some(id.clone())),
                _ => Problem::internal(Some(id.clone())),
            };
            let problem = problem.to_response();
            parts.status = problem.status();
            parts.headers.remove(header::CONTENT_LENGTH);
            for (name, value) in problem.headers() {
                parts.headers.insert(name.clone(), value.clone());
            }
            response = Response::from_parts(parts, Body::from(problem.into_body()));
        }
        if let Ok(value) = HeaderValue::from_str(id.as_str()) {
            response.headers_mut().insert(REQUEST_ID, value);
        }
        response
    }
}

/// Sets the [`SecurityHeaders`] on every response, and hands each request a fresh
/// [`CspNonce`] (an extractor) that the CSP of its response allows.
///
/// ```
/// use secure::axum::{Router, SecurityHeadersLayer, get};
/// use secure::http::{CspNonce, SecurityHeaders};
/// use secure::prelude::*;
///
/// #[public]
/// async fn page(nonce: CspNonce) -> String {
///     format!("<script nonce=\"{nonce}\">start()</script>")
/// }
///
/// let headers = SecurityHeaders::strict().build()?;
/// let app: axum::Router = Router::new()
///     .route("/", get(page))
///     .layer(SecurityHeadersLayer::new(headers))
///     .into();
/// # Ok::<(), secure::http::HeaderError>(())
/// ```
#[derive(Clone, Debug)]
pub struct SecurityHeadersLayer {
    headers: Arc<SecurityHeaders>,
}

impl SecurityHeadersLayer {
    /// The layer for `headers`.
    pub fn new(headers: SecurityHeaders) -> Self {
        SecurityHeadersLayer {
            headers: Arc::new(headers),
        }
    }
}

middleware_layer!(SecurityHeadersLayer);

impl Middleware for SecurityHeadersLayer {
    async fn handle<S: InnerService>(self, mut request: Request, next: Next<S>) -> Response {
        let Ok(nonce) = CspNonce::generate() else {
            return Problem::internal(None).into_response();
        };
        request.extensions_mut().insert(nonce.clone());
        let mut response = next.run(request).await;
        self.headers.apply(response.headers_mut(), &nonce);
        response
    }
}

/// What an [`Authenticator`] found: the subject, if any, and the session CSRF tokens are
/// bound to.
pub struct Authentication<S> {
    subject: Option<S>,
    csrf_session: Option<CsrfSession>,
}

impl<S> Authentication<S> {
    /// Nobody signed in.
    pub fn anonymous() -> Self {
        Authentication {
            subject: None,
            csrf_session: None,
        }
    }

    /// The request is from `subject`.
    pub fn signed_in(subject: S) -> Self {
        Authentication {
            subject: Some(subject),
            csrf_session: None,
        }
    }

    /// Binds CSRF tokens to this session (signed in or not), such as the digest a session
    /// store keeps it under.
    pub fn with_csrf_session(mut self, session: CsrfSession) -> Self {
        self.csrf_session = Some(session);
        self
    }
}

impl<S> fmt::Debug for Authentication<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Authentication")
            .field("signed_in", &self.subject.is_some())
            .finish_non_exhaustive()
    }
}

/// Verifies a request's credentials: the one piece an application writes to plug its
/// sessions or tokens into [`AuthenticationLayer`].
///
/// ```
/// use secure::axum::{Authentication, Authenticator};
/// use secure::prelude::*;
///
/// #[derive(Clone)]
/// struct ApiKeys;
///
/// impl Authenticator for ApiKeys {
///     type Subject = Principal;
///
///     async fn authenticate(&self, parts: &http::request::Parts) -> Authentication<Principal> {
///         match parts.headers.get("x-api-key").map(|key| key.as_bytes()) {
///             Some(b"k-ops") => Authentication::signed_in(Principal::new("ops").with_role("admin")),
///             _ => Authentication::anonymous(),
///         }
///     }
/// }
/// ```
///
/// What is *not* guaranteed: the layer trusts the answer. Verify the credential (compare
/// keys in constant time, check session expiry) inside `authenticate`.
pub trait Authenticator: Clone + Send + Sync + 'static {
    /// The subject type handlers take as `Caller<Self::Subject>`.
    type Subject: Subject + Send + Sync + 'static;

    /// Finds who sent the request.
    fn authenticate(
        &self,
        parts: &Parts,
    ) -> impl Future<Output = Authentication<Self::Subject>> + Send;
}

/// Runs an [`Authenticator`] on every request and puts what it found in the extensions:
/// [`Authenticated<S>`] for a signed-in subject (read by [`Caller<S>`](super::Caller)) and the
/// [`CsrfSession`] (read by the CSRF checks). Any `Authenticated` or `CsrfSession` the
/// request already carried is removed first.
///
/// Every 401 that comes back through it gets the `WWW-Authenticate` challenge RFC 9110 asks
/// for, unless it has one: `Bearer` by default, or the one set with
/// [`challenge`](AuthenticationLayer::challenge).
#[derive(Clone, Debug)]
pub struct AuthenticationLayer<A> {
    authenticator: A,
    challenge: HeaderValue,
}

impl<A: Authenticator> AuthenticationLayer<A> {
    /// The layer for `authenticator`.
    pub fn new(authenticator: A) -> Self {
        AuthenticationLayer {
            authenticator,
            challenge: HeaderValue::from_static("Bearer"),
        }
    }

    /// The `WWW-Authenticate` challenge of a 401, such as `Bearer realm="api"`. A service
    /// signed into with a session cookie can name a scheme of its own, such as
    /// `Session realm="notes"`: clients skip schemes they do not know, and browsers show a
    /// password prompt only for `Basic` and `Digest`.
    ///
    /// ```
    /// use http::HeaderValue;
    /// use secure::axum::{Authentication, AuthenticationLayer, Authenticator};
    /// use secure::prelude::*;
    ///
    /// #[derive(Clone)]
    /// struct Nobody;
    ///
    /// impl Authenticator for Nobody {
    ///     type Subject = Principal;
    ///
    ///     async fn authenticate(&self, _: &http::request::Parts) -> Authentication<Principal> {
    ///         Authentication::anonymous()
    ///     }
    /// }
    ///
    /// let layer = AuthenticationLayer::new(Nobody)
    ///     .challenge(HeaderValue::from_static(r#"Session realm="notes""#));
    /// ```
    #[must_use]
    pub fn challenge(mut self, challenge: HeaderValue) -> Self {
        self.challenge = challenge;
        self
    }
}

/// Left in the request by [`AuthenticationLayer`], signed in or not, so that a layer that needs
/// the caller can tell a request from nobody from one that authentication never saw.
#[derive(Clone, Copy, Debug)]
pub(crate) struct AuthenticationRan;

impl<A: Authenticator, S> Layer<S> for AuthenticationLayer<A> {
    type Service = SecureService<Self, S>;

    fn layer(&self, inner: S) -> Self::Service {
        SecureService::new(self.clone(), inner)
    }
}

impl<A: Authenticator> Middleware for AuthenticationLayer<A> {
    async fn handle<S: InnerService>(self, request: Request, next: Next<S>) -> Response {
        let (mut parts, body) = request.into_parts();
        parts.extensions.remove::<Authenticated<A::Subject>>();
        parts.extensions.remove::<CsrfSession>();
        let found = self.authenticator.authenticate(&parts).await;
        parts.extensions.insert(AuthenticationRan);
        if let Some(subject) = found.subject {
            parts.extensions.insert(Authenticated::new(subject));
        }
        if let Some(session) = found.csrf_session {
            parts.extensions.insert(session);
        }
        let mut response = next.run(Request::from_parts(parts, body)).await;
        if response.status() == StatusCode::UNAUTHORIZED {
            let headers = response.headers_mut();
            if !headers.contains_key(header::WWW_AUTHENTICATE) {
                headers.insert(header::WWW_AUTHENTICATE, self.challenge);
            }
        }
        response
    }
}

impl CorsPolicy {
    /// The policy as a layer (`tower_http::cors`), which answers preflights and adds the
    /// CORS headers to responses for allowed origins only.
    ///
    /// ```
    /// use http::Method;
    /// use secure::axum::{Router, get};
    /// use secure::http::cors::Cors;
    /// use secure::prelude::*;
    ///
    /// #[public]
    /// async fn prices() -> &'static str {
    ///     "[]"
    /// }
    ///
    /// let cors = Cors::new()
    ///     .allow_origins(["https://shop.example"])
    ///     .allow_methods([Method::GET])
    ///     .build()?;
    /// let app: axum::Router = Router::new().route("/prices", get(prices)).layer(cors.layer()).into();
    /// # Ok::<(), secure::http::cors::CorsError>(())
    /// ```
    ///
    /// The layer never panics: the policy cannot hold a wildcard together with credentials,
    /// the combination `tower_http` refuses when it is first used.
    pub fn layer(&self) -> tower_http::cors::CorsLayer {
        use tower_http::cors::{AllowHeaders, AllowMethods, AllowOrigin, CorsLayer, ExposeHeaders};

        let origin = match self.origins() {
            Some(origins) => AllowOrigin::list(origins.iter().cloned()),
            None => AllowOrigin::any(),
        };
        let methods = match self.methods() {
            Some(methods) => AllowMethods::list(methods.iter().cloned()),
            None => AllowMethods::any(),
        };
        let headers = match self.allowed_headers() {
            Some(names) => AllowHeaders::list(names.iter().cloned()),
            None => AllowHeaders::any(),
        };
        let exposed = match self.exposed_headers() {
            Some(names) => ExposeHeaders::list(names.iter().cloned()),
            None => ExposeHeaders::any(),
        };
        CorsLayer::new()
            .allow_origin(origin)
            .allow_methods(methods)
            .allow_headers(headers)
            .expose_headers(exposed)
            .allow_credentials(self.allows_credentials())
            .max_age(self.max_age())
    }
}
