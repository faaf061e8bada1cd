//! [`Problem`]: the one error body of the web edge, `application/problem+json` (RFC 9457).

use core::fmt;
use std::time::Duration;

use http::{HeaderValue, StatusCode, header};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::authz::{Denial, Forbidden};
use crate::validate::ValidationErrors;

/// The media type of every error body: `application/problem+json`.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// What went wrong, as a stable machine-readable code: the `code` member of the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProblemCode {
    /// 400: the body, query or path could not be read as the expected shape.
    MalformedInput,
    /// 413: the body is larger than the route accepts.
    BodyTooLarge,
    /// 415: the body's `Content-Type` is not one the route accepts.
    UnsupportedMediaType,
    /// 422: the input was read but failed validation; the report is under `errors`.
    ValidationFailed,
    /// 401: nobody is signed in.
    Unauthenticated,
    /// 403: the caller lacks a right the route requires.
    AccessDenied,
    /// 403: the request failed a cross-site request forgery check.
    CsrfRejected,
    /// 404: there is no such resource, or none the caller may know of.
    NotFound,
    /// 405: the resource exists but does not accept the method; `Allow` lists those it does.
    MethodNotAllowed,
    /// 409: the request conflicts with the resource's state, such as a name already taken.
    Conflict,
    /// 429: too many requests; `Retry-After` says when to try again.
    RateLimited,
    /// 500: something failed inside; the body has a correlation id and nothing else.
    Internal,
    /// 503: the service cannot answer now (overloaded, or a dependency is down); the body has
    /// a correlation id and nothing else, and a `Retry-After` the handler set is kept.
    Unavailable,
}

impl ProblemCode {
    /// The code as it appears in the body, such as `"validation_failed"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ProblemCode::MalformedInput => "malformed_input",
            ProblemCode::BodyTooLarge => "body_too_large",
            ProblemCode::UnsupportedMediaType => "unsupported_media_type",
            ProblemCode::ValidationFailed => "validation_failed",
            ProblemCode::Unauthenticated => "unauthenticated",
            ProblemCode::AccessDenied => "forbidden",
            ProblemCode::CsrfRejected => "csrf_rejected",
            ProblemCode::NotFound => "not_found",
            ProblemCode::MethodNotAllowed => "method_not_allowed",
            ProblemCode::Conflict => "conflict",
            ProblemCode::RateLimited => "rate_limited",
            ProblemCode::Internal => "internal",
            ProblemCode::Unavailable => "unavailable",
        }
    }

    /// The status this code is answered with.
    pub const fn status(self) -> StatusCode {
        match self {
            ProblemCode::MalformedInput => StatusCode::BAD_REQUEST,
            ProblemCode::BodyTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ProblemCode::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ProblemCode::ValidationFailed => StatusCode::UNPROCESSABLE_ENTITY,
            ProblemCode::Unauthenticated => StatusCode::UNAUTHORIZED,
            ProblemCode::AccessDenied | ProblemCode::CsrfRejected => StatusCode::FORBIDDEN,
            ProblemCode::NotFound => StatusCode::NOT_FOUND,
            ProblemCode::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ProblemCode::Conflict => StatusCode::CONFLICT,
            ProblemCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            ProblemCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            ProblemCode::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

/// An error response in the RFC 9457 problem+json shape, shared by every rejection of the
/// web edge: malformed input, size and media type limits, validation, authorization, CSRF,
/// rate limits and internal errors.
///
/// ```json
/// {
///   "type": "about:blank",
///   "title": "Unprocessable Content",
///   "status": 422,
///   "code": "validation_failed",
///   "detail": "the input failed validation",
///   "errors": [{ "path": "email", "code": "email", "message": "must be a valid email address", "params": {} }]
/// }
/// ```
///
/// `errors` is present for 422 only and holds the [`ValidationErrors`] JSON; 500 carries a
/// `correlation_id` to find the failure in the server's own records; 429 is sent with a
/// `Retry-After` header. A 400 for malformed input may say where and what: `line` and
/// `column` of the error in a JSON body, and `field`, the name of a required field the
/// input lacks.
///
/// ```json
/// { "code": "malformed_input", "detail": "the body is missing a required field", "field": "title", "line": 1, "column": 14 }
/// ```
///
/// Every text in a problem is written in the program: the detail is a `&'static str`, and
/// the only run-time parts are the validation report (which never holds values), the
/// correlation id (made by the server), the retry delay, a position (two numbers), and the
/// name of a missing field. That name comes from the field names of the program's own types
/// (serde reports a missing field by its `&'static str` name), and is kept only when it is
/// at most 64 ASCII letters, digits, `_` and `-`. So a problem does not echo what a client
/// sent, whatever went wrong. What is *not* guaranteed: a hand-written `Deserialize` impl
/// that puts client text into an error of its own of the form ``missing field `text` `` could
/// have that text named as the field, within those 64 characters.
///
/// ```
/// use secure::http::{Problem, ProblemCode};
///
/// let problem = Problem::new(ProblemCode::MalformedInput, "the body is not valid JSON");
/// assert_eq!(problem.status(), 400);
/// assert_eq!(
///     problem.to_json(),
///     r#"{"type":"about:blank","title":"Bad Request","status":400,"code":"malformed_input","detail":"the body is not valid JSON"}"#,
/// );
/// ```
#[derive(Clone, PartialEq)]
pub struct Problem {
    code: ProblemCode,
    detail: &'static str,
    errors: Option<ValidationErrors>,
    correlation_id: Option<CorrelationId>,
    retry_after: Option<Duration>,
    /// Boxed, as it is rare, so that a `Result<_, Problem>` stays small.
    malformed: Option<Box<Malformed>>,
}

/// What a 400 tells about malformed input without repeating it.
#[derive(Clone, Default, PartialEq)]
struct Malformed {
    field: Option<Box<str>>,
    position: Option<(usize, usize)>,
}

impl Problem {
    /// A problem with its status from `code` and a detail written in the program.
    pub fn new(code: ProblemCode, detail: &'static str) -> Self {
        Problem {
            code,
            detail,
            errors: None,
            correlation_id: None,
            retry_after: None,
            malformed: None,
        }
    }

    /// 422 with the validation report under `errors`.
    pub fn validation(errors: ValidationErrors) -> Self {
        Problem {
            errors: Some(errors),
            ..Problem::new(ProblemCode::ValidationFailed, "the input failed validation")
        }
    }

    /// 429, with `Retry-After` set to `wait` rounded up to whole seconds (at least one).
    pub fn rate_limited(wait: Duration) -> Self {
        Problem {
            retry_after: Some(wait),
            ..Problem::new(ProblemCode::RateLimited, "too many requests; retry later")
        }
    }

    /// 500 with nothing but a correlation id, if there is one.
    pub fn internal(correlation_id: Option<CorrelationId>) -> Self {
        Problem {
            correlation_id,
            ..Problem::new(ProblemCode::Internal, "the request could not be completed")
        }
    }

    /// 503 with nothing but a correlation id, if there is one.
    ///
    /// ```
    /// use secure::http::Problem;
    ///
    /// let problem = Problem::unavailable(None);
    /// assert_eq!(problem.status(), 503);
    /// assert_eq!(
    ///     problem.to_json(),
    ///     r#"{"type":"about:blank","title":"Service Unavailable","status":503,"code":"unavailable","detail":"the service cannot answer now; retry later"}"#,
    /// );
    /// ```
    pub fn unavailable(correlation_id: Option<CorrelationId>) -> Self {
        Problem {
            correlation_id,
            ..Problem::new(
                ProblemCode::Unavailable,
                "the service cannot answer now; retry later",
            )
        }
    }

    /// The problem with the name of a required field the input lacks, under `field`; `None`
    /// unless `name` is 1 to 64 ASCII letters, digits, `_` and `-`, as the names of a
    /// program's fields are, so that no other text can pass through.
    pub(crate) fn with_missing_field(mut self, name: &str) -> Option<Self> {
        let plain = name
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-');
        let fits = (1..=MAX_FIELD_NAME).contains(&name.len());
        if !(plain && fits) {
            return None;
        }

        self.malformed.get_or_insert_default().field = Some(name.into());
        Some(self)
    }

    /// The problem with the line and column at which the input went wrong, under `line` and
    /// `column`.
    pub(crate) fn at(mut self, line: usize, column: usize) -> Self {
        self.malformed.get_or_insert_default().position = Some((line, column));
        self
    }

    /// The status of the response.
    pub fn status(&self) -> StatusCode {
        self.code.status()
    }

    /// The machine-readable code.
    pub fn code(&self) -> ProblemCode {
        self.code
    }

    /// The human-readable detail.
    pub fn detail(&self) -> &'static str {
        self.detail
    }

    /// The validation report of a 422.
    pub fn errors(&self) -> Option<&ValidationErrors> {
        self.errors.as_ref()
    }

    /// The correlation id of a 500.
    pub fn correlation_id(&self) -> Option<&CorrelationId> {
        self.correlation_id.as_ref()
    }

    /// The name of the required field that malformed input lacks, if it is known.
    pub fn field(&self) -> Option<&str> {
        self.malformed.as_ref()?.field.as_deref()
    }

    /// The line of malformed input at which it went wrong, counted from 1, if it is known.
    pub fn line(&self) -> Option<usize> {
        Some(self.position()?.0)
    }

    /// The column of malformed input at which it went wrong, in bytes counted from 1 (0 when
    /// it went wrong before the first byte of the line, as in an empty body), if it is known.
    pub fn column(&self) -> Option<usize> {
        Some(self.position()?.1)
    }

    fn position(&self) -> Option<(usize, usize)> {
        self.malformed.as_ref()?.position
    }

    /// The `Retry-After` delay of a 429, in whole seconds.
    pub fn retry_after_secs(&self) -> Option<u64> {
        self.retry_after.map(|wait| {
            let whole = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            whole.max(1)
        })
    }

    /// The body as JSON text.
    pub fn to_json(&self) -> String {
        // Serializing a map of strings, numbers and the report cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The whole response: status, `Content-Type: application/problem+json`, `Retry-After`
    /// for a 429, and the JSON body.
    pub fn to_response(&self) -> http::Response<String> {
        let mut response = http::Response::new(self.to_json());
        *response.status_mut() = self.status();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let Some(seconds) = self.retry_after_secs() {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

impl From<Forbidden> for Problem {
    /// 401 for nobody signed in, 403 for a caller without the right. The body names neither
    /// the requirement nor the caller.
    fn from(forbidden: Forbidden) -> Self {
        match forbidden.denial() {
            Denial::Unauthenticated => {
                Problem::new(ProblemCode::Unauthenticated, "sign in to use this resource")
            }
            _ => Problem::new(
                ProblemCode::AccessDenied,
                "you do not have access to this resource",
            ),
        }
    }
}

impl From<ValidationErrors> for Problem {
    fn from(errors: ValidationErrors) -> Self {
        Problem::validation(errors)
    }
}

impl fmt::Debug for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Problem")
            .field("status", &self.status().as_u16())
            .field("code", &self.code.as_str())
            .field("detail", &self.detail)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.status().as_u16(), self.detail)
    }
}

impl std::error::Error for Problem {}

impl Serialize for Problem {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let status = self.status();
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("type", "about:blank")?;
        map.serialize_entry("title", status.canonical_reason().unwrap_or("Error"))?;
        map.serialize_entry("status", &status.as_u16())?;
        map.serialize_entry("code", self.code.as_str())?;
        map.serialize_entry("detail", self.detail)?;
        if let Some(field) = self.field() {
            map.serialize_entry("field", field)?;
        }
        if let Some((line, column)) = self.position() {
            map.serialize_entry("line", &line)?;
            map.serialize_entry("column", &column)?;
        }
        if let Some(errors) = &self.errors {
            map.serialize_entry("errors", errors)?;
        }
        if let Some(id) = &self.correlation_id {
            map.serialize_entry("correlation_id", id.as_str())?;
        }
        map.end()
    }
}

/// The longest field name a problem repeats.
const MAX_FIELD_NAME: usize = 64;

/// An id the server makes for each request, so that a 500 can be found in its records
/// without telling the client anything about the failure.
///
/// It is 128 bits from the OS random source as 32 hex digits; a client-supplied
/// `X-Request-Id` is never reused, so the id cannot carry client text into a response.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct CorrelationId(String);

impl CorrelationId {
    /// A fresh id from the OS random source.
    ///
    /// # Errors
    ///
    /// [`RandomUnavailable`](super::RandomUnavailable) if the OS random source fails.
    pub fn generate() -> Result<Self, super::RandomUnavailable> {
        let bytes = crate::random::bytes::<16>()?;
        let mut text = String::with_capacity(32);
        for byte in bytes {
            text.push(char::from(HEX[usize::from(byte >> 4)]));
            text.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
        Ok(CorrelationId(text))
    }

    /// The id as 32 lowercase hex digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

impl fmt::Debug for CorrelationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CorrelationId({})", self.0)
    }
}

impl fmt::Display for CorrelationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_rounds_up_to_whole_seconds() {
        let problem = Problem::rate_limited(Duration::from_millis(1_200));
        assert_eq!(problem.retry_after_secs(), Some(2));
        let problem = Problem::rate_limited(Duration::ZERO);
        assert_eq!(problem.retry_after_secs(), Some(1));

        let response = problem.to_response();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()[header::RETRY_AFTER], "1");
        assert_eq!(response.headers()[header::CONTENT_TYPE], PROBLEM_JSON);
    }

    #[test]
    fn only_plain_names_of_at_most_64_bytes_are_named_as_a_missing_field() {
        let problem = || Problem::new(ProblemCode::MalformedInput, "a field is missing");
        let longest = "a".repeat(64);
        for name in ["title", "per-page", "_2fa", longest.as_str()] {
            let named = problem().with_missing_field(name).unwrap();
            assert_eq!(named.field(), Some(name));
        }
        let too_long = "a".repeat(65);
        for name in ["", "a b", "naïve", "a`b", "a\"", "a.b", too_long.as_str()] {
            assert!(problem().with_missing_field(name).is_none(), "{name:?}");
        }

        let located = problem().with_missing_field("title").unwrap().at(2, 7);
        assert_eq!((located.line(), located.column()), (Some(2), Some(7)));
        assert_eq!(
            located.to_json(),
            r#"{"type":"about:blank","title":"Bad Request","status":400,"code":"malformed_input","detail":"a field is missing","field":"title","line":2,"column":7}"#
        );
    }

    #[test]
    fn internal_problems_carry_only_the_correlation_id() {
        let id = CorrelationId::generate().unwrap();
        assert_eq!(id.as_str().len(), 32);
        let json = Problem::internal(Some(id.clone())).to_json();
        assert_eq!(
            json,
            format!(
                r#"{{"type":"about:blank","title":"Internal Server Error","status":500,"code":"internal","detail":"the request could not be completed","correlation_id":"{id}"}}"#
            )
        );
    }
}
