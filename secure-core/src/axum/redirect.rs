//! Redirect responses to checked targets: [`SafeRedirect`] as a response, and
//! [`RedirectResponse`] for a status other than 303.

use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};

use crate::encode::SafeRedirect;
use crate::http::Problem;

/// A redirect to a [`SafeRedirect`] target with a chosen status: made by
/// [`SafeRedirect::found`], [`see_other`](SafeRedirect::see_other),
/// [`temporary`](SafeRedirect::temporary) and [`permanent`](SafeRedirect::permanent).
///
/// A `SafeRedirect` returned from a handler is a 303 See Other, the answer to a form post:
/// the browser follows it with a `GET`.
///
/// ```
/// use axum::response::IntoResponse;
/// use secure::encode::SafeRedirect;
///
/// let next = SafeRedirect::local("/login?next=%2Fnotes").unwrap_or_else(|_| SafeRedirect::root());
/// let response = next.temporary().into_response();
/// assert_eq!(response.status(), 307);
/// assert_eq!(response.headers()["location"], "/login?next=%2Fnotes");
/// ```
///
/// The target reaches `Location` as it was checked, with nothing stripped. A target trusted
/// through [`unchecked::safe_redirect`](crate::unchecked::safe_redirect) that is not a valid
/// header value (it holds CR, LF or NUL) gives a 500 problem instead of a redirect.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use = "return it from a handler"]
pub struct RedirectResponse {
    status: StatusCode,
    target: SafeRedirect,
}

impl RedirectResponse {
    /// The status: 302, 303, 307 or 308.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Where it leads.
    pub fn target(&self) -> &SafeRedirect {
        &self.target
    }
}

impl SafeRedirect {
    fn respond(self, status: StatusCode) -> RedirectResponse {
        RedirectResponse {
            status,
            target: self,
        }
    }

    /// 302 Found. Browsers may turn a `POST` into a `GET` when they follow it; prefer
    /// [`see_other`](SafeRedirect::see_other) or [`temporary`](SafeRedirect::temporary),
    /// which say which.
    pub fn found(self) -> RedirectResponse {
        self.respond(StatusCode::FOUND)
    }

    /// 303 See Other: follow with a `GET`, as after a form post. A `SafeRedirect` returned
    /// from a handler is this.
    pub fn see_other(self) -> RedirectResponse {
        self.respond(StatusCode::SEE_OTHER)
    }

    /// 307 Temporary Redirect: follow with the same method and body.
    pub fn temporary(self) -> RedirectResponse {
        self.respond(StatusCode::TEMPORARY_REDIRECT)
    }

    /// 308 Permanent Redirect: follow with the same method and body, and remember it.
    pub fn permanent(self) -> RedirectResponse {
        self.respond(StatusCode::PERMANENT_REDIRECT)
    }
}

impl IntoResponse for RedirectResponse {
    fn into_response(self) -> Response {
        match HeaderValue::from_str(self.target.as_str()) {
            Ok(location) => (self.status, [(header::LOCATION, location)]).into_response(),
            Err(_) => Problem::internal(None).into_response(),
        }
    }
}

impl IntoResponse for SafeRedirect {
    /// 303 See Other to the target.
    fn into_response(self) -> Response {
        self.see_other().into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_constructor_sets_its_status_and_the_exact_location() {
        let cases = [
            (SafeRedirect::root().found(), 302),
            (SafeRedirect::root().see_other(), 303),
            (SafeRedirect::root().temporary(), 307),
            (SafeRedirect::root().permanent(), 308),
        ];
        for (redirect, status) in cases {
            let response = redirect.into_response();
            assert_eq!(response.status(), status);
            assert_eq!(response.headers()[header::LOCATION], "/");
        }
        let response = SafeRedirect::local("/a?b=c").unwrap().into_response();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers()[header::LOCATION], "/a?b=c");
    }

    #[test]
    fn an_unchecked_target_with_a_line_break_is_a_500_without_location() {
        let target = crate::unchecked::safe_redirect(String::from("/a\r\nSet-Cookie: x=y"));
        let response = target.into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(response.headers().get(header::LOCATION).is_none());
        assert!(response.headers().get(header::SET_COOKIE).is_none());
    }
}
