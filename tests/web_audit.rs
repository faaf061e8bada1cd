//! A `#[requires]` denial through the real router is audited with the request id its
//! response carries in `X-Request-Id`.
//!
//! The only test of its binary, on purpose: `tracing` caches whether a callsite is of
//! interest, and a test on another thread reaching the denial events without a subscriber
//! while this one installs its own can leave them cached as of no interest.

#![cfg(all(feature = "axum", feature = "tracing"))]

mod web_support;

use std::sync::Arc;

use secure::audit::{AuditLayer, AuditLog, MemorySink, Outcome};
use secure::axum::{AuthenticationLayer, Caller, InternalErrorLayer, Router, get};
use secure::http::Problem;
use secure::prelude::*;
use tracing_subscriber::prelude::*;
use web_support::{TestUsers, empty, run, send};

secure::roles! {
    pub Admin = "admin";
}

#[requires(Admin)]
async fn export(caller: Caller) -> Result<&'static str, Problem> {
    Ok("id,total\n1,20\n")
}

fn as_user(method: &str, uri: &str, user: &str) -> axum::http::Request<axum::body::Body> {
    let mut request = empty(method, uri);
    request
        .headers_mut()
        .insert("x-test-user", user.parse().unwrap());
    request
}

#[test]
fn a_denial_is_audited_with_the_request_id_of_the_response() {
    let log = Arc::new(AuditLog::new(MemorySink::default()).unwrap());
    let subscriber = tracing_subscriber::registry().with(AuditLayer::new(Arc::clone(&log)));
    let app: axum::Router = Router::new()
        .route("/admin/export", get(export))
        .layer(AuthenticationLayer::new(TestUsers))
        .layer(InternalErrorLayer::new())
        .into();
    let replies = tracing::subscriber::with_default(subscriber, || {
        run(async {
            let refused = send(&app, as_user("GET", "/admin/export", "u-clerk:clerk")).await;
            let anonymous = send(&app, empty("GET", "/admin/export")).await;
            [refused, anonymous]
        })
    });

    let events: Vec<_> = log.with_sink(|sink| {
        sink.records()
            .iter()
            .map(|record| record.event().unwrap())
            .collect()
    });
    assert_eq!(events.len(), 2, "{events:?}");
    for (reply, event) in replies.iter().zip(&events) {
        let request_id = reply.header("x-request-id");
        assert_eq!(request_id.len(), 32);
        assert_eq!(event.request_id(), Some(request_id));
        assert_eq!(event.outcome(), Outcome::Denied);
    }
    assert_eq!(
        (replies[0].status.as_u16(), replies[1].status.as_u16()),
        (403, 401)
    );
    assert_eq!(events[0].actor(), Some("u-clerk"));
    assert_ne!(events[0].request_id(), events[1].request_id());
}
