//! The validated extractors through the real router: every rejection status, the
//! problem+json envelope, and that no error body repeats what was sent (a canary in every
//! kind of malformed body, query and path).

#![cfg(feature = "axum")]

mod web_support;

use axum::body::Body;
use secure::axum::{Router, ValidForm, ValidJson, ValidPath, ValidQuery, get, post};
use secure::prelude::*;
use web_support::{Reply, empty, run, send, with_body};

const CANARY: &str = "CANARY7f3a";

#[derive(serde::Deserialize, Validate)]
struct Item {
    #[validate(sanitize(trim), length(1..=10))]
    title: String,
    #[validate(range(1..=100))]
    count: u8,
}

#[derive(serde::Deserialize, Validate)]
struct ItemId {
    #[validate(range(min = 1))]
    id: u32,
}

#[public(csrf = exempt("an API for clients without cookies"))]
async fn create_json(ValidJson(item): ValidJson<Item>) -> String {
    format!("{}x{}", item.title, item.count)
}

#[public(csrf = exempt("an API for clients without cookies"))]
async fn create_form(ValidForm(item): ValidForm<Item>) -> String {
    format!("{}x{}", item.title, item.count)
}

#[public]
async fn list(ValidQuery(item): ValidQuery<Item>) -> String {
    format!("{}x{}", item.title, item.count)
}

#[public]
async fn show(ValidPath(item): ValidPath<ItemId>) -> String {
    format!("item {}", item.id)
}

fn app() -> axum::Router {
    Router::new()
        .route("/json", post(create_json).body_limit(256))
        .route("/form", post(create_form).body_limit(256))
        .route("/query", get(list))
        .route("/items/{id}", get(show))
        .route("/strict", post(create_json).accept(["application/json"]))
        .into()
}

fn json(body: impl Into<Body>) -> axum::http::Request<Body> {
    with_body("POST", "/json", "application/json", body)
}

fn form(body: impl Into<Body>) -> axum::http::Request<Body> {
    with_body("POST", "/form", "application/x-www-form-urlencoded", body)
}

fn assert_problem(reply: &Reply, status: u16, code: &str) {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert_eq!(reply.code(), code);
    assert_eq!(reply.json()["status"], status);
    assert!(!reply.body.contains(CANARY), "echoed input: {}", reply.body);
    assert!(
        !reply.body.to_lowercase().contains("canary"),
        "{}",
        reply.body
    );
}

#[test]
fn valid_input_reaches_the_handler_sanitized() {
    run(async {
        let app = app();
        let reply = send(&app, json(r#"{"title": "  tea  ", "count": 3}"#)).await;
        assert_eq!((reply.status.as_u16(), reply.body.as_str()), (200, "teax3"));
        let reply = send(&app, form("title=+tea+&count=3")).await;
        assert_eq!(reply.body, "teax3");
        let reply = send(&app, empty("GET", "/query?title=tea&count=3")).await;
        assert_eq!(reply.body, "teax3");
        let reply = send(&app, empty("GET", "/items/7")).await;
        assert_eq!(reply.body, "item 7");
    });
}

#[test]
fn malformed_json_is_400_without_the_input() {
    run(async {
        let app = app();
        let bodies = [
            format!(r#"{{"title": "{CANARY}"#),
            format!(r#"{{"title": "x", "count": "{CANARY}"}}"#),
            format!(r#"{{"title": "x", "count": 3, "{CANARY}": }}"#),
            format!(r#"["{CANARY}"]"#),
            format!(r#"{{"{CANARY}": 1}}"#),
            format!(r#"{{"title": ["{CANARY}"], "count": 1}}"#),
            format!(r#"{{"title": "x", "count": 999999999999{CANARY}}}"#),
            CANARY.to_owned(),
        ];
        for body in bodies {
            let reply = send(&app, json(body.clone())).await;
            assert_problem(&reply, 400, "malformed_input");
            assert_eq!(
                reply.json()["detail"],
                "the body is not JSON of the expected shape"
            );
        }
    });
}

#[test]
fn malformed_forms_queries_and_paths_are_400_without_the_input() {
    run(async {
        let app = app();
        for body in [
            format!("title=x&count={CANARY}"),
            format!("title={CANARY}"),
            format!("count=1&title=x&count={CANARY}"),
        ] {
            let reply = send(&app, form(body)).await;
            assert_problem(&reply, 400, "malformed_input");
        }
        for query in [
            format!("/query?title=x&count={CANARY}"),
            format!("/query?title={CANARY}"),
            format!("/query?count=1&title=x&count=-{CANARY}"),
        ] {
            let reply = send(&app, empty("GET", &query)).await;
            assert_problem(&reply, 400, "malformed_input");
        }
        for path in [
            format!("/items/{CANARY}"),
            format!("/items/-1{CANARY}"),
            "/items/99999999999".to_owned(),
        ] {
            let reply = send(&app, empty("GET", &path)).await;
            assert_problem(&reply, 400, "malformed_input");
        }
    });
}

#[test]
fn wrong_content_type_is_415() {
    run(async {
        let app = app();
        let text = with_body(
            "POST",
            "/json",
            "text/plain",
            format!(r#"{{"title":"{CANARY}"}}"#),
        );
        assert_problem(&send(&app, text).await, 415, "unsupported_media_type");
        let missing = axum::http::Request::post("/json")
            .body(Body::from(CANARY))
            .unwrap();
        assert_problem(&send(&app, missing).await, 415, "unsupported_media_type");
        let json_to_form = with_body(
            "POST",
            "/form",
            "application/json",
            r#"{"title":"x","count":1}"#,
        );
        assert_problem(
            &send(&app, json_to_form).await,
            415,
            "unsupported_media_type",
        );

        let declared = with_body(
            "POST",
            "/strict",
            "application/xml",
            format!("<a>{CANARY}</a>"),
        );
        assert_problem(&send(&app, declared).await, 415, "unsupported_media_type");
        let declared = with_body(
            "POST",
            "/strict",
            "Application/JSON; charset=utf-8",
            r#"{"title":"x","count":1}"#,
        );
        assert_eq!(send(&app, declared).await.status, 200);
    });
}

#[test]
fn bodies_over_the_route_limit_are_413() {
    run(async {
        let app = app();
        let big = format!(r#"{{"title": "{}", "count": 1}}"#, CANARY.repeat(40));
        assert_problem(&send(&app, json(big.clone())).await, 413, "body_too_large");
        let big_form = format!("title={}&count=1", CANARY.repeat(40));
        assert_problem(&send(&app, form(big_form)).await, 413, "body_too_large");
    });
}

#[test]
fn invalid_input_is_422_with_the_report_and_no_value() {
    run(async {
        let app = app();
        let body = format!(r#"{{"title": "{CANARY}{CANARY}", "count": 0}}"#);
        let reply = send(&app, json(body)).await;
        assert_problem(&reply, 422, "validation_failed");
        assert_eq!(
            reply.json(),
            serde_json::json!({
                "type": "about:blank",
                "title": "Unprocessable Entity",
                "status": 422,
                "code": "validation_failed",
                "detail": "the input failed validation",
                "errors": [
                    {
                        "path": "title",
                        "code": "length",
                        "message": "must be between 1 and 10 characters long",
                        "params": { "min": 1, "max": 10, "unit": "chars" }
                    },
                    {
                        "path": "count",
                        "code": "range",
                        "message": "must be between 1 and 100",
                        "params": { "min": 1, "max": 100 }
                    }
                ]
            })
        );

        let reply = send(&app, form(format!("title={CANARY}{CANARY}&count=5"))).await;
        assert_problem(&reply, 422, "validation_failed");
        let reply = send(
            &app,
            empty("GET", &format!("/query?title={CANARY}{CANARY}&count=5")),
        )
        .await;
        assert_problem(&reply, 422, "validation_failed");
        let reply = send(&app, empty("GET", "/items/0")).await;
        assert_problem(&reply, 422, "validation_failed");
        assert_eq!(reply.json()["errors"][0]["path"], "id");
    });
}
