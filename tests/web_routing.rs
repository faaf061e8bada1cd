//! The checked router's own answers through the real router: a path with no route is a 404
//! problem, a method without a handler a 405 problem with `Allow`, both wrapped by the layers
//! added afterwards, in merged and nested routers too; handlers' own answers are left alone.

#![cfg(feature = "axum")]

mod web_support;

use axum::http::StatusCode;
use secure::axum::{InternalErrorLayer, Router, SecurityHeadersLayer, any, get, post};
use secure::http::{Problem, ProblemCode, SecurityHeaders};
use secure::prelude::*;
use web_support::{Reply, empty, run, send};

#[public]
async fn page() -> &'static str {
    "page"
}

#[public(csrf = exempt("a test route"))]
async fn submit() -> &'static str {
    "submitted"
}

#[public(csrf = exempt("a test route"))]
async fn everything() -> &'static str {
    "any method"
}

#[public]
async fn own_not_found() -> (StatusCode, &'static str) {
    (StatusCode::NOT_FOUND, "no such page, try the index")
}

#[public(csrf = exempt("answers every path with a problem, and changes nothing"))]
async fn custom_fallback() -> Problem {
    Problem::new(ProblemCode::NotFound, "custom fallback")
}

async fn legacy() -> &'static str {
    "legacy"
}

fn layered(router: Router) -> axum::Router {
    let headers = SecurityHeaders::strict().build().unwrap();
    router
        .layer(SecurityHeadersLayer::new(headers))
        .layer(InternalErrorLayer::new())
        .into()
}

fn assert_problem(reply: &Reply, status: u16, code: &str) {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert_eq!(reply.code(), code);
    assert_eq!(reply.json()["status"], status);
    assert_eq!(reply.header("x-content-type-options"), "nosniff");
    assert_eq!(reply.header("x-request-id").len(), 32);
}

#[test]
fn a_path_without_a_route_is_a_404_problem_through_the_layers() {
    run(async {
        let app = layered(Router::new().route("/page", get(page)));
        for (method, path) in [("GET", "/missing"), ("POST", "/"), ("DELETE", "/page/x")] {
            let reply = send(&app, empty(method, path)).await;
            assert_problem(&reply, 404, "not_found");
            assert!(!reply.body.contains("missing"), "{}", reply.body);
        }
    });
}

#[test]
fn a_method_without_a_handler_is_a_405_problem_with_allow() {
    run(async {
        let app = layered(
            Router::new()
                .route("/page", get(page))
                .route("/form", post(submit)),
        );
        let reply = send(&app, empty("DELETE", "/page")).await;
        assert_problem(&reply, 405, "method_not_allowed");
        assert_eq!(reply.header("allow"), "GET,HEAD,OPTIONS");

        let reply = send(&app, empty("GET", "/form")).await;
        assert_problem(&reply, 405, "method_not_allowed");
        assert_eq!(reply.header("allow"), "POST");

        assert_eq!(send(&app, empty("GET", "/page")).await.body, "page");
    });
}

#[test]
fn routes_of_one_path_added_apart_merged_or_nested_keep_the_405_problem() {
    run(async {
        let merged = Router::new().route("/b", get(page));
        let nested = Router::new().route("/c", post(submit));
        let app = layered(
            Router::new()
                .route("/a", get(page))
                .route("/a", post(submit))
                .merge(merged)
                .nest("/n", nested),
        );
        let reply = send(&app, empty("PUT", "/a")).await;
        assert_problem(&reply, 405, "method_not_allowed");
        assert_eq!(reply.header("allow"), "GET,HEAD,OPTIONS,POST");
        assert_eq!(send(&app, empty("POST", "/a")).await.body, "submitted");

        let reply = send(&app, empty("PATCH", "/b")).await;
        assert_problem(&reply, 405, "method_not_allowed");
        let reply = send(&app, empty("GET", "/n/c")).await;
        assert_problem(&reply, 405, "method_not_allowed");
        assert_eq!(reply.header("allow"), "POST");
        let reply = send(&app, empty("GET", "/n/missing")).await;
        assert_problem(&reply, 404, "not_found");
    });
}

#[test]
fn unchecked_routes_answer_a_missing_method_with_the_problem_too() {
    run(async {
        let app = layered(Router::new().route(
            "/legacy",
            secure::unchecked::route(axum::routing::get(legacy)),
        ));
        let reply = send(&app, empty("POST", "/legacy")).await;
        assert_problem(&reply, 405, "method_not_allowed");
        assert_eq!(reply.header("allow"), "GET,HEAD");
    });
}

#[test]
fn handlers_keep_their_own_answers() {
    run(async {
        let app = layered(
            Router::new()
                .route("/everything", any(everything))
                .route("/gone", get(own_not_found))
                .fallback(custom_fallback),
        );
        for method in ["GET", "PUT", "PATCH", "DELETE"] {
            let reply = send(&app, empty(method, "/everything")).await;
            assert_eq!(reply.status, 200, "{method}");
            assert_eq!(reply.body, "any method");
        }
        let reply = send(&app, empty("GET", "/gone")).await;
        assert_eq!(reply.status, 404);
        assert_eq!(reply.body, "no such page, try the index");

        let reply = send(&app, empty("GET", "/missing")).await;
        assert_problem(&reply, 404, "not_found");
        assert_eq!(reply.json()["detail"], "custom fallback");
    });
}
