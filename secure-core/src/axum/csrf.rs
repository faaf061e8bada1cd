//! The CSRF layer (keeps the token cookie) and the check the router runs before handlers
//! declared `csrf = protected`.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{FromRequestParts, Request};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use http::request::Parts;
use http::{HeaderValue, header};

use super::service::{InnerService, Middleware, Next, middleware_layer};
use crate::http::cookie::{Cookie, CookieError, SetCookie, request_cookie};
use crate::http::cors::CorsPolicy;
use crate::http::csrf::{
    CSRF_COOKIE, CSRF_COOKIE_UNPREFIXED, CSRF_FIELD, CSRF_HEADER, CSRF_VISITOR_COOKIE,
    CSRF_VISITOR_COOKIE_UNPREFIXED, CsrfKey, CsrfSession, CsrfToken, check_origin, is_safe_method,
    verified_token,
};
use crate::http::{Problem, ProblemCode, RandomUnavailable};
use crate::random;

/// The body limit the CSRF check reads a form under when the route declares none: 2 MiB,
/// axum's default.
pub(crate) const DEFAULT_BODY_LIMIT: usize = 2 * 1024 * 1024;

/// The body limit a route declared, for the CSRF check to read forms under.
#[derive(Clone, Copy, Debug)]
pub(crate) struct BodyLimit(pub(crate) usize);

#[derive(Clone, Debug)]
struct CsrfConfig {
    key: CsrfKey,
    trusted_origins: Vec<String>,
    readable_by_scripts: bool,
}

/// Provides the CSRF key to the checks of protected routes, and keeps a valid token in the
/// `__Host-csrf` cookie.
///
/// On every request it finds the token of the request's cookie if it is valid for the
/// request's [`CsrfSession`] (set by the authentication layer, which must run first), or
/// issues a new one and sets the cookie on the response. Handlers read the token with the
/// [`CsrfToken`] extractor to put it in forms (`<input type="hidden" name="csrf_token">`) or
/// pages; scripts send it back in `X-CSRF-Token`.
///
/// A request without a session (none set, or [`CsrfSession::anonymous`]) is bound to its
/// visitor instead: a random id in the `__Host-csrf-visitor` cookie (`HttpOnly`,
/// `SameSite=Strict`, ending with the browser session), set with the first token, so a token
/// pair minted on one anonymous visit fails on every other, such as a victim's sign-in form.
/// A malformed visitor cookie is replaced.
///
/// The checks themselves run only on the routes whose handler says `csrf = protected`, for
/// `POST`, `PUT`, `PATCH` and `DELETE`, before the handler: Fetch-Metadata and `Origin`
/// ([`check_origin`]), then the signed double submission ([`CsrfKey::verify`]). A refusal is
/// a 403 problem with code `csrf_rejected`. A form that passes reaches the handler without
/// its `csrf_token` field, so its type may use `#[serde(deny_unknown_fields)]`. Without this layer, protected routes answer 500:
/// they fail closed.
///
/// ```
/// use secure::axum::{CsrfLayer, Router, get, post};
/// use secure::http::csrf::{CsrfKey, CsrfToken};
/// use secure::prelude::*;
///
/// #[public]
/// async fn form(token: CsrfToken) -> String {
///     format!(r#"<form method="post"><input type="hidden" name="csrf_token" value="{}"></form>"#, token.as_str())
/// }
///
/// #[public(csrf = protected)]
/// async fn submit() -> &'static str {
///     "saved"
/// }
///
/// let key = CsrfKey::generate()?;
/// let app: axum::Router = Router::new()
///     .route("/form", get(form).post(submit))
///     .layer(CsrfLayer::new(key))
///     .into();
/// # Ok::<(), secure::http::RandomUnavailable>(())
/// ```
#[derive(Clone, Debug)]
pub struct CsrfLayer {
    config: Arc<CsrfConfig>,
}

impl CsrfLayer {
    /// The layer with the key tokens are signed with.
    pub fn new(key: CsrfKey) -> Self {
        CsrfLayer {
            config: Arc::new(CsrfConfig {
                key,
                trusted_origins: Vec::new(),
                readable_by_scripts: false,
            }),
        }
    }

    /// Origins from which cross-site state-changing requests are accepted (they still need
    /// a valid token), written exactly as browsers send `Origin`.
    pub fn trust_origins<'a>(mut self, origins: impl IntoIterator<Item = &'a str>) -> Self {
        Arc::make_mut(&mut self.config).trusted_origins =
            origins.into_iter().map(str::to_owned).collect();
        self
    }

    /// Trusts the origins `policy` lists, for a front end on another origin: CORS lets its
    /// scripts read responses and send credentials, and this lets their state-changing
    /// requests through the origin check (they still need a valid token). A policy that
    /// allows any origin adds none: every site cannot be trusted with a user's session.
    ///
    /// ```
    /// use secure::axum::CsrfLayer;
    /// use secure::http::cors::Cors;
    /// use secure::http::csrf::CsrfKey;
    ///
    /// let cors = Cors::new()
    ///     .allow_origins(["https://app.example.com"])
    ///     .allow_headers(["x-csrf-token"])
    ///     .allow_credentials()
    ///     .build()?;
    /// let csrf = CsrfLayer::new(CsrfKey::generate()?).trust_cors_origins(&cors);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn trust_cors_origins(self, policy: &CorsPolicy) -> Self {
        let origins = policy.origins().unwrap_or_default();
        self.trust_origins(origins.iter().filter_map(|origin| origin.to_str().ok()))
    }

    /// Drops `HttpOnly` from the token cookie, for single-page applications whose scripts
    /// copy it into `X-CSRF-Token`.
    pub fn cookie_readable_by_scripts(mut self) -> Self {
        Arc::make_mut(&mut self.config).readable_by_scripts = true;
        self
    }
}

middleware_layer!(CsrfLayer);

/// What the tokens of a request are bound to, found by [`CsrfLayer`] for [`CsrfCheck`].
#[derive(Clone, Debug)]
struct Binding(CsrfSession);

/// The length of a visitor id as text: 16 random bytes in base64url without padding.
const VISITOR_ID_CHARS: usize = 22;

/// The visitor id of the request's cookie, if it is one this layer could have made.
fn visitor_id(parts: &Parts) -> Option<&str> {
    let id = request_cookie(&parts.headers, CSRF_VISITOR_COOKIE)?;
    let mut raw = [0u8; 18];
    let decoded = URL_SAFE_NO_PAD.decode_slice(id, &mut raw);
    (id.len() == VISITOR_ID_CHARS && decoded == Ok(16)).then_some(id)
}

fn new_visitor_id() -> Result<String, RandomUnavailable> {
    Ok(URL_SAFE_NO_PAD.encode(random::bytes::<16>()?))
}

/// The binding of the request's tokens: the session the authentication layer set, or for a
/// request without one the visitor, with the id to set in a cookie if the visitor is new.
fn binding_of(parts: &Parts) -> Result<(CsrfSession, Option<String>), RandomUnavailable> {
    let session = parts.extensions.get::<CsrfSession>();
    if let Some(session) = session.filter(|session| !session.is_anonymous()) {
        return Ok((session.clone(), None));
    }
    if let Some(id) = visitor_id(parts) {
        return Ok((CsrfSession::visitor(id), None));
    }
    let id = new_visitor_id()?;
    Ok((CsrfSession::visitor(&id), Some(id)))
}

impl Middleware for CsrfLayer {
    async fn handle<S: InnerService>(self, request: Request, next: Next<S>) -> Response {
        let (mut parts, body) = request.into_parts();
        let Ok((session, new_visitor)) = binding_of(&parts) else {
            return Problem::internal(None).into_response();
        };
        let existing = request_cookie(&parts.headers, CSRF_COOKIE)
            .filter(|token| {
                self.config
                    .key
                    .verify(&session, Some(token), Some(token))
                    .is_ok()
            })
            .map(|token| verified_token(token.to_owned()));
        let (token, fresh) = match existing {
            Some(token) => (token, false),
            None => match self.config.key.issue(&session) {
                Ok(token) => (token, true),
                Err(_) => return Problem::internal(None).into_response(),
            },
        };
        parts.extensions.insert(token.clone());
        parts.extensions.insert(Binding(session));
        parts.extensions.insert(Arc::clone(&self.config));

        let mut response = next.run(Request::from_parts(parts, body)).await;
        if let Some(id) = new_visitor {
            let cookie = Cookie::host(CSRF_VISITOR_COOKIE_UNPREFIXED, &id).same_site_strict();
            set_cookie(&mut response, cookie.build());
        }
        if fresh {
            let cookie = Cookie::host(CSRF_COOKIE_UNPREFIXED, token.as_str()).same_site_strict();
            let cookie = match self.config.readable_by_scripts {
                true => cookie.readable_by_scripts(),
                false => cookie,
            };
            set_cookie(&mut response, cookie.build());
        }
        response
    }
}

fn set_cookie(response: &mut Response, cookie: Result<SetCookie, CookieError>) {
    if let Ok(cookie) = cookie {
        response
            .headers_mut()
            .append(header::SET_COOKIE, cookie.to_header_value());
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CsrfToken {
    type Rejection = Problem;

    /// The token of this request's session, from [`CsrfLayer`]; 500 without the layer.
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Problem> {
        parts
            .extensions
            .get::<CsrfToken>()
            .cloned()
            .ok_or_else(|| Problem::internal(None))
    }
}

/// The check of a protected route, added by the router.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CsrfCheck;

fn refused() -> Response {
    Problem::new(
        ProblemCode::CsrfRejected,
        "the request failed the cross-site request forgery checks",
    )
    .into_response()
}

impl Middleware for CsrfCheck {
    async fn handle<S: InnerService>(self, request: Request, next: Next<S>) -> Response {
        if is_safe_method(request.method()) {
            return next.run(request).await;
        }
        let Some(config) = request.extensions().get::<Arc<CsrfConfig>>().cloned() else {
            return Problem::internal(None).into_response();
        };
        let trusted: Vec<&str> = config.trusted_origins.iter().map(String::as_str).collect();
        if check_origin(request.method(), request.headers(), &trusted).is_err() {
            return refused();
        }

        let (parts, body) = request.into_parts();
        let Some(Binding(session)) = parts.extensions.get::<Binding>().cloned() else {
            return Problem::internal(None).into_response();
        };
        let cookie = request_cookie(&parts.headers, CSRF_COOKIE);
        let header = parts
            .headers
            .get(CSRF_HEADER)
            .map(|value| value.to_str().unwrap_or("\u{0}"));
        if header.is_some() {
            return match config.key.verify(&session, cookie, header) {
                Ok(()) => next.run(Request::from_parts(parts, body)).await,
                Err(_) => refused(),
            };
        }
        if !is_form(parts.headers.get(header::CONTENT_TYPE)) {
            return refused();
        }

        let limit = parts
            .extensions
            .get::<BodyLimit>()
            .map_or(DEFAULT_BODY_LIMIT, |limit| limit.0);
        let bytes = match axum::body::to_bytes(body, limit).await {
            Ok(bytes) => bytes,
            Err(_) => {
                return Problem::new(
                    ProblemCode::BodyTooLarge,
                    "the body is larger than this route accepts",
                )
                .into_response();
            }
        };
        let field = url::form_urlencoded::parse(&bytes)
            .filter(|(name, _)| name == CSRF_FIELD)
            .map(|(_, value)| value.into_owned())
            .collect::<Vec<_>>();
        let submitted = match field.as_slice() {
            [only] => Some(only.as_str()),
            _ => None,
        };
        match config.key.verify(&session, cookie, submitted) {
            Ok(()) => {
                let mut parts = parts;
                let form = without_token(&bytes);
                parts
                    .headers
                    .insert(header::CONTENT_LENGTH, HeaderValue::from(form.len()));
                next.run(Request::from_parts(parts, Body::from(form))).await
            }
            Err(_) => refused(),
        }
    }
}

/// The form without its [`CSRF_FIELD`]: the token is the layer's, and a form type with
/// `#[serde(deny_unknown_fields)]` need not declare it. The other fields are kept byte for
/// byte.
fn without_token(form: &[u8]) -> Vec<u8> {
    let is_token = |pair: &[u8]| {
        url::form_urlencoded::parse(pair)
            .next()
            .is_some_and(|(name, _)| name == CSRF_FIELD)
    };
    let kept: Vec<&[u8]> = form
        .split(|&byte| byte == b'&')
        .filter(|pair| !pair.is_empty() && !is_token(pair))
        .collect();
    kept.join(&b'&')
}

fn is_form(content_type: Option<&HeaderValue>) -> bool {
    let Some(Ok(text)) = content_type.map(HeaderValue::to_str) else {
        return false;
    };
    let essence = text.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case("application/x-www-form-urlencoded")
}
