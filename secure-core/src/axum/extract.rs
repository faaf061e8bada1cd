//! Extractors: validated input, the caller, and the values the layers hand to handlers.

use core::error::Error;
use core::fmt;
use std::sync::Arc;

use axum::extract::path::ErrorKind;
use axum::extract::rejection::{FailedToDeserializePathParams, PathRejection};
use axum::extract::{FromRequest, FromRequestParts, OptionalFromRequestParts, RawForm, Request};
use axum::response::{IntoResponse, Response};
use http::request::Parts;
use http::{Method, StatusCode, header};
use serde::de::DeserializeOwned;
use serde_json::error::Category;

use crate::authz::{Forbidden, Principal, Subject, SubjectArg};
use crate::http::{CorrelationId, CspNonce, Problem, ProblemCode};
use crate::{Sanitized, Untrusted, Validate};

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        self.to_response().map(axum::body::Body::from)
    }
}

/// A refusal of `#[requires]` is the router's own answer to it: 401 for nobody signed in,
/// 403 for a caller without the right, as a problem that names neither the requirement nor
/// the caller (see [`Problem`]'s `From<Forbidden>`). So a handler can return
/// `Result<T, Forbidden>`.
///
/// ```
/// use secure::axum::{Caller, Router, get};
/// use secure::prelude::*;
///
/// secure::roles! {
///     pub Admin = "admin";
/// }
///
/// #[requires(Admin)]
/// async fn admin(caller: Caller) -> Result<&'static str, Forbidden> {
///     Ok("welcome")
/// }
///
/// let app: axum::Router = Router::new().route("/admin", get(admin)).into();
/// ```
impl IntoResponse for Forbidden {
    fn into_response(self) -> Response {
        Problem::from(self).into_response()
    }
}

/// Escaped or sanitized markup is a page: `200 OK` with `Content-Type: text/html;
/// charset=utf-8`.
///
/// ```
/// use secure::axum::{Router, get};
/// use secure::prelude::*;
///
/// #[public]
/// async fn hello() -> SafeHtml {
///     secure::html!("<p>Hello, {}!</p>", "<world>")
/// }
///
/// let app: axum::Router = Router::new().route("/", get(hello)).into();
/// ```
impl IntoResponse for crate::encode::SafeHtml {
    fn into_response(self) -> Response {
        axum::response::Html(self.into_string()).into_response()
    }
}

/// The input an extractor reads, in the words of its 400 problems.
#[derive(Clone, Copy, Debug)]
enum Input {
    Json,
    Query,
    Form,
    Path,
}

impl Input {
    /// The detail when nothing more can be said without repeating the input.
    const fn malformed(self) -> &'static str {
        match self {
            Input::Json => "the body is not JSON of the expected shape",
            Input::Query => "the query string is not of the expected shape",
            Input::Form => "the form is not of the expected shape",
            Input::Path => "the path parameters are not of the expected shape",
        }
    }

    /// The detail when a required field is missing, which the problem names under `field`.
    const fn missing_field(self) -> &'static str {
        match self {
            Input::Json => "the body is missing a required field",
            Input::Query => "the query string is missing a required parameter",
            Input::Form => "the form is missing a required field",
            Input::Path => "the path is missing a required parameter",
        }
    }
}

/// The problem for a rejection of one of axum's extractors. The rejection's own text can
/// quote the input (`invalid type: string "hunter2", expected u32`), so it is never used:
/// the status decides, and a 400 says only what [`malformed`] can tell without the input.
fn rejected(status: StatusCode, input: Input, error: &(dyn Error + 'static)) -> Problem {
    match status {
        StatusCode::PAYLOAD_TOO_LARGE => Problem::new(
            ProblemCode::BodyTooLarge,
            "the body is larger than this route accepts",
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => Problem::new(
            ProblemCode::UnsupportedMediaType,
            "the body's content type is not one this route accepts",
        ),
        status if status.is_server_error() => Problem::internal(None),
        _ => malformed(input, error),
    }
}

/// The serde error behind a rejection. axum wraps it in `serde_path_to_error`, whose text
/// starts with the path through the input (map keys included), so only the inner error is
/// read.
enum SerdeError<'a> {
    Json(&'a serde_json::Error),
    /// A query, form or path error, which is nothing but its message.
    Message(String),
}

impl<'a> SerdeError<'a> {
    fn of(error: &'a (dyn Error + 'static)) -> Option<Self> {
        type Wrapped<E> = serde_path_to_error::Error<E>;

        if let Some(json) = error.downcast_ref::<serde_json::Error>() {
            return Some(SerdeError::Json(json));
        }
        if let Some(json) = error.downcast_ref::<Wrapped<serde_json::Error>>() {
            return Some(SerdeError::Json(json.inner()));
        }
        if let Some(form) = error.downcast_ref::<serde::de::value::Error>() {
            return Some(SerdeError::Message(form.to_string()));
        }
        match error
            .downcast_ref::<FailedToDeserializePathParams>()?
            .kind()
        {
            ErrorKind::Message(message) => Some(SerdeError::Message(message.clone())),
            _ => None,
        }
    }
}

/// The 400 for input that serde could not read: for JSON, how and where it went wrong; for
/// any input, the name of a required field it lacks. Nothing else of serde's message is
/// used.
fn malformed(input: Input, error: &(dyn Error + 'static)) -> Problem {
    let mut chain = core::iter::successors(Some(error), |&error| error.source());
    match chain.find_map(SerdeError::of) {
        Some(SerdeError::Json(error)) => malformed_json(error),
        Some(SerdeError::Message(message)) => missing_field(input, &message)
            .unwrap_or_else(|| Problem::new(ProblemCode::MalformedInput, input.malformed())),
        None => Problem::new(ProblemCode::MalformedInput, input.malformed()),
    }
}

/// The 400 for a JSON body, with the line and column of the error.
fn malformed_json(error: &serde_json::Error) -> Problem {
    let (line, column) = (error.line(), error.column());
    let detail = match error.classify() {
        Category::Eof if (line, column) == (1, 0) => {
            return Problem::new(
                ProblemCode::MalformedInput,
                "the body is empty, and this route expects JSON",
            );
        }
        Category::Syntax | Category::Eof | Category::Io => "the body is not valid JSON",
        Category::Data => {
            let message = error.to_string();
            if let Some(problem) = missing_field(Input::Json, &message) {
                return problem.at(line, column);
            }
            json_data_detail(&message)
        }
    };

    let problem = Problem::new(ProblemCode::MalformedInput, detail);
    match line {
        0 => problem,
        _ => problem.at(line, column),
    }
}

/// What kind of data error serde reported, from the words its messages start with, which
/// come before any quoted input. An unknown field is not named: the client wrote it.
fn json_data_detail(message: &str) -> &'static str {
    const WRONG_VALUE: [&str; 4] = [
        "invalid type: ",
        "invalid value: ",
        "invalid length ",
        "unknown variant `",
    ];

    if message.starts_with("unknown field `") {
        "the body has a field this route does not accept"
    } else if WRONG_VALUE.iter().any(|start| message.starts_with(start)) {
        "a value in the body does not have the expected type"
    } else {
        Input::Json.malformed()
    }
}

/// The problem naming the field of serde's ``missing field `name` `` message (followed by
/// serde_json's position, if any). serde writes it with the field's `&'static str` name from
/// the type; [`Problem::with_missing_field`] still takes only a plain name.
fn missing_field(input: Input, message: &str) -> Option<Problem> {
    let (name, rest) = message.strip_prefix("missing field `")?.split_once('`')?;
    if !(rest.is_empty() || rest.starts_with(" at line ")) {
        return None;
    }
    Problem::new(ProblemCode::MalformedInput, input.missing_field()).with_missing_field(name)
}

/// A query string or form body read as HTML forms write it: a key repeated (`tag=a&tag=b`, as
/// checkboxes and multiple selects send) fills a sequence, and an empty value of an optional
/// number or `bool` is `None`. A key repeated for a single value is a 400.
fn from_urlencoded<T: DeserializeOwned>(
    input: Input,
    bytes: &[u8],
) -> Result<Untrusted<T>, Problem> {
    serde_html_form::from_bytes(bytes).map_err(|error| malformed(input, &error))
}

/// The detail of the 415 for JSON in another charset: UTF-8 is the one encoding of JSON
/// (RFC 8259, section 8.1), and the body would be read as UTF-8 anyway.
pub(super) const JSON_IN_UTF8: &str =
    "the body's content type names a charset other than utf-8, the one encoding of JSON";

/// The detail of the 415 for a form in another charset: its percent-encoded bytes would be
/// decoded as UTF-8, each byte of another encoding turned into U+FFFD.
const FORM_IN_UTF8: &str =
    "the body's content type names a charset other than utf-8, the one encoding forms are read in";

/// The 415, with `detail`, for a `Content-Type` that names a `charset` other than UTF-8.
pub(super) fn charset_refused(content_type: &str, detail: &'static str) -> Option<Problem> {
    let media = content_type.parse::<mime::Mime>().ok()?;
    let foreign = media.params().any(|(name, value)| {
        name.as_str().eq_ignore_ascii_case("charset")
            && !value.as_str().eq_ignore_ascii_case("utf-8")
    });
    foreign.then(|| Problem::new(ProblemCode::UnsupportedMediaType, detail))
}

/// [`charset_refused`] for the request's own `Content-Type`.
fn check_charset(request: &Request, detail: &'static str) -> Result<(), Problem> {
    let content_type = request.headers().get(header::CONTENT_TYPE);
    match content_type
        .and_then(|value| value.to_str().ok())
        .and_then(|content_type| charset_refused(content_type, detail))
    {
        Some(refused) => Err(refused),
        None => Ok(()),
    }
}

macro_rules! valid_extractor {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        pub struct $name<T>(pub Sanitized<T>);

        impl<T> $name<T> {
            /// The validated value.
            pub fn into_inner(self) -> Sanitized<T> {
                self.0
            }
        }

        impl<T> core::ops::Deref for $name<T> {
            type Target = Sanitized<T>;

            fn deref(&self) -> &Sanitized<T> {
                &self.0
            }
        }

        impl<T: fmt::Debug> fmt::Debug for $name<T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_tuple(stringify!($name)).field(&self.0).finish()
            }
        }
    };
}

valid_extractor!(
    /// A JSON body, deserialized into [`Untrusted<T>`] and validated into [`Sanitized<T>`].
    ///
    /// Rejections: 415 without `Content-Type: application/json` (or another JSON type), or
    /// with a `charset` other than `utf-8`; 413 over the route's body limit; 400 for a body
    /// that is not JSON or not of `T`'s shape; 422 with the validation report. None of their
    /// bodies repeats the input. A 400 says what it can without the input: where the JSON
    /// went wrong (`line`, `column`), whether a value has the wrong type or a field is
    /// unknown, and which required field is missing (`field`), as in
    /// `{"code":"malformed_input","detail":"the body is missing a required field","field":"text","line":1,"column":2}`.
    ///
    /// ```
    /// use secure::axum::ValidJson;
    /// use secure::prelude::*;
    ///
    /// #[derive(serde::Deserialize, Validate)]
    /// struct NewNote {
    ///     #[validate(sanitize(trim), length(1..=200))]
    ///     text: String,
    /// }
    ///
    /// #[public(csrf = protected)]
    /// async fn create(ValidJson(note): ValidJson<NewNote>) -> String {
    ///     note.text.clone()
    /// }
    /// ```
    ValidJson
);

valid_extractor!(
    /// A query string, deserialized into [`Untrusted<T>`] and validated into
    /// [`Sanitized<T>`]: 400 for a query not of `T`'s shape (naming a missing parameter under
    /// `field`), 422 with the validation report.
    ///
    /// The query is read as HTML forms write it: a repeated key (`?tag=a&tag=b`) fills a
    /// sequence, and an empty value of an optional number or `bool` (`?page=`) is `None`. A key
    /// repeated for a field that holds one value is a 400, never a silent pick of one of them.
    /// A sequence whose key is absent is a missing field, as every other field is: give it
    /// `#[serde(default)]` (as `tag` below) to read no key as no values.
    ///
    /// ```
    /// use secure::axum::ValidQuery;
    /// use secure::prelude::*;
    ///
    /// #[derive(serde::Deserialize, Validate)]
    /// struct Search {
    ///     #[validate(length(1..=100))]
    ///     q: String,
    ///     #[validate(range(1..=50))]
    ///     per_page: u8,
    ///     #[serde(default)]
    ///     #[validate(length(max = 5), each(length(1..=20)))]
    ///     tag: Vec<String>,
    /// }
    ///
    /// #[public]
    /// async fn search(ValidQuery(search): ValidQuery<Search>) -> String {
    ///     format!("{} results per page, tagged {:?}", search.per_page, search.tag)
    /// }
    /// ```
    ValidQuery
);

valid_extractor!(
    /// An `application/x-www-form-urlencoded` body (or, for `GET` and `HEAD`, the query
    /// string), deserialized into [`Untrusted<T>`] and validated into [`Sanitized<T>`]: 415
    /// for another content type or a `charset` other than `utf-8`, 413 over the body limit,
    /// 400 for a form not of `T`'s shape (naming a missing field under `field`), 422 with the
    /// validation report. Keys and values are read as [`ValidQuery`] reads them, so a group
    /// of checkboxes fills a `Vec`.
    ///
    /// ```
    /// use secure::axum::ValidForm;
    /// use secure::prelude::*;
    ///
    /// #[derive(serde::Deserialize, Validate)]
    /// struct Login {
    ///     #[validate(email)]
    ///     email: String,
    ///     #[validate(length(1..=128))]
    ///     password: SecretString,
    /// }
    ///
    /// #[public(csrf = protected)]
    /// async fn login(ValidForm(login): ValidForm<Login>) -> &'static str {
    ///     "welcome"
    /// }
    /// ```
    ValidForm
);

valid_extractor!(
    /// Path parameters, deserialized into [`Untrusted<T>`] and validated into
    /// [`Sanitized<T>`]: 400 for parameters not of `T`'s shape (naming one the route does
    /// not capture under `field`), 422 with the validation report.
    ///
    /// ```
    /// use secure::axum::{Caller, ValidPath};
    /// use secure::prelude::*;
    ///
    /// secure::roles! {
    ///     pub Clerk = "clerk";
    /// }
    ///
    /// #[derive(serde::Deserialize, Validate)]
    /// struct OrderId {
    ///     #[validate(range(min = 1))]
    ///     id: u64,
    /// }
    ///
    /// #[requires(Clerk)]
    /// async fn order(caller: Caller, ValidPath(order): ValidPath<OrderId>) -> Result<String, Problem> {
    ///     Ok(format!("order {}", order.id))
    /// }
    /// # use secure::http::Problem;
    /// ```
    ValidPath
);

impl<T, S> FromRequest<S> for ValidJson<T>
where
    T: DeserializeOwned + Validate,
    S: Send + Sync,
{
    type Rejection = Problem;

    async fn from_request(request: Request, state: &S) -> Result<Self, Problem> {
        check_charset(&request, JSON_IN_UTF8)?;
        let axum::Json(input) = axum::Json::<Untrusted<T>>::from_request(request, state)
            .await
            .map_err(|rejection| rejected(rejection.status(), Input::Json, &rejection))?;
        input.validate().map(ValidJson).map_err(Problem::validation)
    }
}

impl<T, S> FromRequest<S> for ValidForm<T>
where
    T: DeserializeOwned + Validate,
    S: Send + Sync,
{
    type Rejection = Problem;

    async fn from_request(request: Request, state: &S) -> Result<Self, Problem> {
        let input = if matches!(*request.method(), Method::GET | Method::HEAD) {
            let query = request.uri().query().unwrap_or_default();
            from_urlencoded::<T>(Input::Form, query.as_bytes())?
        } else {
            check_charset(&request, FORM_IN_UTF8)?;
            let RawForm(bytes) = RawForm::from_request(request, state)
                .await
                .map_err(|rejection| rejected(rejection.status(), Input::Form, &rejection))?;
            from_urlencoded::<T>(Input::Form, &bytes)?
        };
        input.validate().map(ValidForm).map_err(Problem::validation)
    }
}

impl<T, S> FromRequestParts<S> for ValidQuery<T>
where
    T: DeserializeOwned + Validate,
    S: Send + Sync,
{
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Problem> {
        let query = parts.uri.query().unwrap_or_default();
        let input = from_urlencoded::<T>(Input::Query, query.as_bytes())?;
        input
            .validate()
            .map(ValidQuery)
            .map_err(Problem::validation)
    }
}

impl<T, S> FromRequestParts<S> for ValidPath<T>
where
    T: DeserializeOwned + Validate + Send,
    S: Send + Sync,
{
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        type Path<T> = axum::extract::Path<Untrusted<T>>;

        let axum::extract::Path(input) =
            <Path<T> as FromRequestParts<S>>::from_request_parts(parts, state)
                .await
                .map_err(|rejection| {
                    // The composite rejection's sources skip the error that holds serde's.
                    let error: &(dyn Error + 'static) = match &rejection {
                        PathRejection::FailedToDeserializePathParams(failed) => failed,
                        other => other,
                    };
                    rejected(rejection.status(), Input::Path, error)
                })?;
        input.validate().map(ValidPath).map_err(Problem::validation)
    }
}

/// The subject an authentication layer found for this request: the request extension
/// through which authentication hands the caller to `#[requires]`.
///
/// The contract: a layer in front of the router verifies the request's credentials (a
/// session cookie, a bearer token) and inserts `Authenticated<S>` into the request's
/// extensions, or inserts nothing for an anonymous request. [`Caller<S>`] reads it.
/// [`AuthenticationLayer`](super::AuthenticationLayer) does this from an
/// [`Authenticator`](super::Authenticator).
///
/// ```
/// use secure::axum::Authenticated;
/// use secure::prelude::*;
///
/// let mut request = http::Request::new(());
/// request.extensions_mut().insert(Authenticated::new(Principal::new("u-1")));
/// ```
///
/// What is *not* guaranteed: anything that can insert extensions can insert this one; only
/// the authentication layer should.
pub struct Authenticated<S = Principal>(Arc<S>);

impl<S> Authenticated<S> {
    /// The subject, verified by the authentication layer.
    pub fn new(subject: S) -> Self {
        Authenticated(Arc::new(subject))
    }

    /// The subject.
    pub fn subject(&self) -> &S {
        &self.0
    }
}

impl<S> Clone for Authenticated<S> {
    fn clone(&self) -> Self {
        Authenticated(Arc::clone(&self.0))
    }
}

impl<S> fmt::Debug for Authenticated<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Authenticated(..)")
    }
}

/// The caller of a handler: the subject the authentication layer found, or nobody.
///
/// The extractor never rejects. It is the subject parameter of `#[requires]` on a handler:
/// nobody signed in is refused with 401, a subject without the right with 403, and the
/// handler's body runs only after the check passed.
///
/// ```
/// use secure::axum::Caller;
/// use secure::http::Problem;
/// use secure::prelude::*;
///
/// secure::roles! {
///     pub Admin = "admin";
/// }
///
/// #[requires(Admin)]
/// async fn export(caller: Caller) -> Result<&'static str, Problem> {
///     Ok("exported")
/// }
///
/// let admin = Caller::signed_in(Principal::new("root").with_role("admin"));
/// assert_eq!(futures_executor::block_on(export(admin)), Ok("exported"));
/// let refused = futures_executor::block_on(export(Caller::nobody())).unwrap_err();
/// assert_eq!(refused.status(), 401);
/// ```
pub struct Caller<S = Principal>(Option<Arc<S>>);

impl<S> Caller<S> {
    /// A caller who is signed in as `subject`, for tests.
    pub fn signed_in(subject: S) -> Self {
        Caller(Some(Arc::new(subject)))
    }

    /// Nobody signed in.
    pub fn nobody() -> Self {
        Caller(None)
    }

    /// The subject, or `None` if nobody is signed in.
    pub fn subject(&self) -> Option<&S> {
        self.0.as_deref()
    }
}

impl<S> Clone for Caller<S> {
    fn clone(&self) -> Self {
        Caller(self.0.clone())
    }
}

impl<S> fmt::Debug for Caller<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(_) => f.write_str("Caller(signed in)"),
            None => f.write_str("Caller(nobody)"),
        }
    }
}

impl<S: Subject> SubjectArg for Caller<S> {
    type Subject = S;

    fn subject(&self) -> Option<&S> {
        self.0.as_deref()
    }
}

impl<S, St> FromRequestParts<St> for Caller<S>
where
    S: Send + Sync + 'static,
    St: Send + Sync,
{
    type Rejection = core::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &St) -> Result<Self, Self::Rejection> {
        let found = parts.extensions.get::<Authenticated<S>>();
        Ok(Caller(found.map(|found| Arc::clone(&found.0))))
    }
}

/// Reads a value a layer put in the extensions, or answers 500: a handler that asks for a
/// nonce or a correlation id behind a router without that layer is misconfigured, and
/// must not go on with a made-up value.
fn from_layer<T: Clone + Send + Sync + 'static>(parts: &Parts) -> Result<T, Problem> {
    parts
        .extensions
        .get::<T>()
        .cloned()
        .ok_or_else(|| Problem::internal(None))
}

impl<S: Send + Sync> FromRequestParts<S> for CspNonce {
    type Rejection = Problem;

    /// The nonce of this response's CSP, from
    /// [`SecurityHeadersLayer`](super::SecurityHeadersLayer); 500 without the layer.
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Problem> {
        from_layer(parts)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CorrelationId {
    type Rejection = Problem;

    /// The id of this request, from [`InternalErrorLayer`](super::InternalErrorLayer); 500
    /// without the layer.
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Problem> {
        from_layer(parts)
    }
}

impl<S: Send + Sync> OptionalFromRequestParts<S> for CorrelationId {
    type Rejection = core::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Option<Self>, Self::Rejection> {
        Ok(parts.extensions.get::<CorrelationId>().cloned())
    }
}
