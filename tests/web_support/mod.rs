//! Helpers of the web tests: send a request through the real router, read the answer.

#![allow(dead_code, unreachable_pub)]

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use secure::axum::{Authentication, Authenticator};
use secure::http::csrf::CsrfSession;
use secure::prelude::*;
use tower::ServiceExt;

/// What came back.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|_| panic!("not JSON: {}", self.body))
    }

    /// The `code` member of a problem body.
    pub fn code(&self) -> String {
        assert_eq!(
            self.headers["content-type"], "application/problem+json",
            "{}",
            self.body
        );
        self.json()["code"].as_str().unwrap_or_default().to_owned()
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .map(|value| value.to_str().unwrap())
            .unwrap_or_else(|| panic!("no {name} header"))
    }
}

/// Sends `request` through `app`.
pub async fn send(app: &axum::Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
    Reply {
        status: parts.status,
        headers: parts.headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

/// A request with no body.
pub fn empty(method: &str, uri: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(uri)
        .body(Body::empty())
        .unwrap()
}

/// A request with a body of `content_type`.
pub fn with_body(
    method: &str,
    uri: &str,
    content_type: &str,
    body: impl Into<Body>,
) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", content_type)
        .header("sec-fetch-site", "same-origin")
        .body(body.into())
        .unwrap()
}

/// Runs a future to completion on a fresh single-threaded runtime.
pub fn run<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

/// Authenticates from `x-test-user: id:role,role`: a stand-in for a session lookup. The
/// session CSRF tokens are bound to is the user's id.
#[derive(Clone)]
pub struct TestUsers;

impl Authenticator for TestUsers {
    type Subject = Principal;

    async fn authenticate(&self, parts: &axum::http::request::Parts) -> Authentication<Principal> {
        let Some(user) = parts.headers.get("x-test-user") else {
            return Authentication::anonymous();
        };
        let text = std::str::from_utf8(user.as_bytes()).unwrap();
        let (id, roles) = text.split_once(':').unwrap_or((text, ""));
        let principal = Principal::new(id).with_roles(roles.split(',').filter(|r| !r.is_empty()));
        Authentication::signed_in(principal).with_csrf_session(CsrfSession::new(id))
    }
}
