//! CORS preflights and simple requests through the real router: allowed and denied
//! origins, methods, headers and credentials, with exact origin matching.

#![cfg(feature = "axum")]

mod web_support;

use axum::body::Body;
use axum::http::{Method, Request};
use secure::axum::{Router, get, post};
use secure::http::cors::{Cors, CorsError};
use secure::prelude::*;
use web_support::{Reply, run, send};

#[public]
async fn prices() -> &'static str {
    "[]"
}

#[public(csrf = protected)]
async fn order() -> &'static str {
    "ordered"
}

fn app() -> axum::Router {
    let cors = Cors::new()
        .allow_origins(["https://shop.example", "http://localhost:8080"])
        .allow_methods([Method::GET, Method::POST])
        .allow_headers(["content-type", "x-csrf-token"])
        .allow_credentials()
        .build()
        .unwrap();
    Router::new()
        .route("/prices", get(prices))
        .route("/orders", post(order))
        .layer(cors.layer())
        .into()
}

fn preflight(origin: &str, method: &str, headers: &str) -> Request<Body> {
    Request::builder()
        .method("OPTIONS")
        .uri("/orders")
        .header("origin", origin)
        .header("access-control-request-method", method)
        .header("access-control-request-headers", headers)
        .body(Body::empty())
        .unwrap()
}

fn allowed_origin(reply: &Reply) -> Option<&str> {
    reply
        .headers
        .get("access-control-allow-origin")
        .map(|value| value.to_str().unwrap())
}

#[test]
fn preflights_from_allowed_origins_are_answered_exactly() {
    run(async {
        let reply = send(
            &app(),
            preflight("https://shop.example", "POST", "content-type"),
        )
        .await;
        assert_eq!(reply.status, 200);
        assert_eq!(allowed_origin(&reply), Some("https://shop.example"));
        assert_eq!(reply.header("access-control-allow-credentials"), "true");
        assert_eq!(reply.header("access-control-allow-methods"), "GET,POST");
        assert_eq!(
            reply.header("access-control-allow-headers"),
            "content-type,x-csrf-token"
        );
        assert_eq!(reply.header("access-control-max-age"), "600");
        assert!(reply.header("vary").contains("origin"));
    });
}

#[test]
fn preflights_from_other_origins_are_not_allowed() {
    run(async {
        for origin in [
            "https://evil.example",
            "https://shop.example.evil.example",
            "https://evilshop.example",
            "http://shop.example",
            "https://SHOP.example",
            "https://shop.example:8443",
            "null",
        ] {
            let reply = send(&app(), preflight(origin, "POST", "content-type")).await;
            assert_eq!(allowed_origin(&reply), None, "{origin}");
        }
    });
}

#[test]
fn methods_and_headers_outside_the_policy_are_not_offered() {
    run(async {
        let reply = send(
            &app(),
            preflight("https://shop.example", "DELETE", "x-admin"),
        )
        .await;
        let methods = reply.header("access-control-allow-methods");
        assert!(!methods.contains("DELETE"), "{methods}");
        let headers = reply.header("access-control-allow-headers");
        assert!(!headers.contains("x-admin"), "{headers}");
    });
}

#[test]
fn simple_requests_get_headers_only_for_allowed_origins() {
    run(async {
        let request = |origin: &str| {
            Request::get("/prices")
                .header("origin", origin)
                .body(Body::empty())
                .unwrap()
        };
        let allowed = send(&app(), request("http://localhost:8080")).await;
        assert_eq!(allowed.body, "[]");
        assert_eq!(allowed_origin(&allowed), Some("http://localhost:8080"));
        let denied = send(&app(), request("http://localhost:8081")).await;
        assert_eq!(allowed_origin(&denied), None);
    });
}

#[test]
fn a_public_policy_never_sends_credentials() {
    run(async {
        let cors = Cors::new().allow_any_origin().build().unwrap();
        let app: axum::Router = Router::new()
            .route("/prices", get(prices))
            .layer(cors.layer())
            .into();
        let request = Request::get("/prices")
            .header("origin", "https://anyone.example")
            .body(Body::empty())
            .unwrap();
        let reply = send(&app, request).await;
        assert_eq!(allowed_origin(&reply), Some("*"));
        assert!(
            reply
                .headers
                .get("access-control-allow-credentials")
                .is_none()
        );
    });
}

#[test]
fn an_empty_origin_list_is_refused_rather_than_allowing_every_origin() {
    let credentialed = Cors::new().allow_origins([]).allow_credentials().build();
    assert_eq!(credentialed.unwrap_err(), CorsError::EmptyOriginList);
    let public = Cors::new().allow_origins(Vec::<&str>::new()).build();
    assert_eq!(public.unwrap_err(), CorsError::EmptyOriginList);
}

#[test]
fn a_wildcard_spelled_as_a_name_is_refused_before_a_layer_exists() {
    let credentialed = || {
        Cors::new()
            .allow_origins(["https://shop.example"])
            .allow_credentials()
    };
    let star = Method::from_bytes(b"*").unwrap();
    for outcome in [
        credentialed().allow_headers(["*"]).build(),
        credentialed().expose_headers(["*"]).build(),
        credentialed().allow_methods([star]).build(),
    ] {
        assert_eq!(outcome.unwrap_err(), CorsError::Wildcard);
    }
}

#[test]
fn a_public_policy_may_allow_any_header_and_method_without_credentials() {
    run(async {
        let cors = Cors::new()
            .allow_origins(["https://shop.example"])
            .allow_any_headers()
            .expose_any_headers()
            .allow_any_methods()
            .build()
            .unwrap();
        let app: axum::Router = Router::new()
            .route("/orders", post(order))
            .layer(cors.layer())
            .into();
        let reply = send(
            &app,
            preflight("https://shop.example", "PATCH", "x-anything"),
        )
        .await;
        assert_eq!(allowed_origin(&reply), Some("https://shop.example"));
        assert_eq!(reply.header("access-control-allow-headers"), "*");
        assert_eq!(reply.header("access-control-allow-methods"), "*");
        assert!(
            reply
                .headers
                .get("access-control-allow-credentials")
                .is_none()
        );
    });
}
