//! The validated extractors through the real router: every rejection status, the
//! problem+json envelope, what a 400 tells about malformed input (where JSON went wrong, the
//! kind of error, a missing field), and that no error body repeats what was sent (a canary in
//! every kind of malformed body, query and path).

#![cfg(feature = "axum")]

mod web_support;

use std::collections::BTreeMap;

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

#[derive(serde::Deserialize, Validate)]
struct Tagged {
    #[validate(length(max = 10))]
    tags: BTreeMap<String, String>,
}

#[derive(serde::Deserialize, Validate)]
#[serde(deny_unknown_fields)]
struct Strict {
    #[validate(length(1..=10))]
    title: String,
}

/// A field whose own `Deserialize` puts the client's text into its error, as the message
/// serde uses for a missing field.
#[derive(Debug)]
struct Forged;

impl<'de> serde::Deserialize<'de> for Forged {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Err(serde::de::Error::custom(format!("missing field `{text}`")))
    }
}

#[derive(serde::Deserialize, Validate)]
struct WithForged {
    #[validate(skip)]
    forged: Forged,
}

#[derive(serde::Deserialize, Validate)]
#[serde(rename_all = "kebab-case")]
struct Page {
    #[validate(range(1..=50))]
    per_page: u8,
}

#[derive(serde::Deserialize, Validate)]
struct Slot {
    #[validate(range(min = 1))]
    id: u32,
    #[validate(range(min = 1))]
    slot: u32,
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

#[public(csrf = exempt("an API for clients without cookies"))]
async fn tag(ValidJson(tagged): ValidJson<Tagged>) -> String {
    format!("{} tags", tagged.tags.len())
}

#[public(csrf = exempt("an API for clients without cookies"))]
async fn strict(ValidJson(strict): ValidJson<Strict>) -> String {
    strict.title.clone()
}

#[public(csrf = exempt("an API for clients without cookies"))]
async fn forged(ValidJson(with): ValidJson<WithForged>) -> String {
    format!("{:?}", with.forged)
}

#[public]
async fn page(ValidQuery(page): ValidQuery<Page>) -> String {
    format!("{} per page", page.per_page)
}

#[public]
async fn slot(ValidPath(slot): ValidPath<Slot>) -> String {
    format!("{}/{}", slot.id, slot.slot)
}

/// A group of checkboxes and an optional number, as an HTML form or a query sends them.
#[derive(serde::Deserialize, Validate)]
struct Filter {
    #[serde(default)]
    #[validate(length(max = 3), each(one_of("tea", "coffee", "cocoa")))]
    tag: Vec<String>,
    #[validate(range(1..=99))]
    page: Option<u32>,
}

#[public]
async fn filter(ValidQuery(filter): ValidQuery<Filter>) -> String {
    format!("{:?} {:?}", filter.tag, filter.page)
}

#[public(csrf = exempt("an API for clients without cookies"))]
async fn filter_form(ValidForm(filter): ValidForm<Filter>) -> String {
    format!("{:?} {:?}", filter.tag, filter.page)
}

/// A `<textarea>`: browsers send its line breaks as CR LF.
#[derive(serde::Deserialize, Validate)]
struct Comment {
    #[validate(sanitize(trim), length(1..=200), no_control(multiline))]
    text: String,
}

#[public(csrf = exempt("an API for clients without cookies"))]
async fn comment(ValidForm(comment): ValidForm<Comment>) -> String {
    comment.text.lines().collect::<Vec<_>>().join("|")
}

#[public(csrf = exempt("an API for clients without cookies"))]
async fn raw(body: String) -> String {
    body
}

fn app() -> axum::Router {
    Router::new()
        .route("/json", post(create_json).body_limit(256))
        .route("/form", post(create_form).body_limit(256))
        .route("/query", get(list))
        .route("/items/{id}", get(show))
        .route("/strict", post(create_json).accept(["application/json"]))
        .route("/tags", post(tag))
        .route("/no-extras", post(strict))
        .route("/forged", post(forged))
        .route("/page", get(page))
        .route("/slots/{id}", get(slot))
        .route("/raw", post(raw).accept(["application/json"]))
        .route("/comment", post(comment))
        .route("/filter", get(filter))
        .route("/filter-form", get(filter_form).post(filter_form))
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
fn a_repeated_key_fills_a_sequence_and_an_empty_optional_number_is_none() {
    run(async {
        let app = app();
        for (uri, expected) in [
            ("/filter", r#"[] None"#),
            ("/filter?tag=tea", r#"["tea"] None"#),
            (
                "/filter?tag=tea&page=2&tag=cocoa",
                r#"["tea", "cocoa"] Some(2)"#,
            ),
            ("/filter?tag=tea&page=", r#"["tea"] None"#),
            (
                "/filter-form?tag=coffee&tag=tea",
                r#"["coffee", "tea"] None"#,
            ),
        ] {
            let reply = send(&app, empty("GET", uri)).await;
            assert_eq!(
                (reply.status.as_u16(), reply.body.as_str()),
                (200, expected),
                "{uri}"
            );
        }

        // HEAD reads the query as GET does.
        let reply = send(&app, empty("HEAD", "/filter-form?tag=tea&tag=cocoa")).await;
        assert_eq!(reply.status, 200);
        let reply = send(&app, empty("HEAD", "/filter-form?tag=milk")).await;
        assert_eq!(reply.status, 422);

        let checkboxes = with_body(
            "POST",
            "/filter-form",
            "application/x-www-form-urlencoded",
            "tag=tea&tag=cocoa&page=7",
        );
        let reply = send(&app, checkboxes).await;
        assert_eq!(reply.body, r#"["tea", "cocoa"] Some(7)"#);

        // Each element is checked, and the report names it by its position.
        let reply = send(&app, empty("GET", &format!("/filter?tag=tea&tag={CANARY}"))).await;
        assert_problem(&reply, 422, "validation_failed");
        let errors = &reply.json()["errors"];
        assert_eq!(errors.as_array().map(Vec::len), Some(1), "{}", reply.body);
        assert_eq!(errors[0]["path"], "tag[1]");
        assert_eq!(errors[0]["code"], "one_of");

        let reply = send(
            &app,
            empty("GET", "/filter?tag=tea&tag=tea&tag=tea&tag=tea"),
        )
        .await;
        assert_problem(&reply, 422, "validation_failed");
        assert_eq!(reply.json()["errors"][0]["path"], "tag");
    });
}

#[test]
fn a_key_repeated_for_one_value_is_refused_not_picked() {
    run(async {
        let app = app();
        for (uri, detail) in [
            (
                "/filter?page=1&page=2",
                "the query string is not of the expected shape",
            ),
            (
                "/filter-form?page=1&page=2",
                "the form is not of the expected shape",
            ),
        ] {
            let reply = send(&app, empty("GET", uri)).await;
            assert_problem(&reply, 400, "malformed_input");
            assert_eq!(reply.json()["detail"], detail, "{uri}");
        }
    });
}

#[test]
fn a_textarea_keeps_its_line_breaks_and_a_stray_carriage_return_is_refused() {
    run(async {
        let app = app();
        let comment = |body: &'static str| {
            with_body(
                "POST",
                "/comment",
                "application/x-www-form-urlencoded",
                body,
            )
        };
        let reply = send(&app, comment("text=first%0D%0Asecond%0D%0A%0D%0Athird")).await;
        assert_eq!(
            (reply.status.as_u16(), reply.body.as_str()),
            (200, "first|second||third")
        );
        let reply = send(&app, comment("text=first%0Dsecond")).await;
        assert_eq!(reply.status, 422, "{}", reply.body);
        assert_eq!(reply.json()["errors"][0]["code"], "no_control");
    });
}

/// Asserts a 400 `malformed_input` problem whose members after `code` are exactly `rest`,
/// and which repeats nothing of the input.
fn assert_malformed(reply: &Reply, rest: serde_json::Value) {
    assert_problem(reply, 400, "malformed_input");
    let mut expected = serde_json::json!({
        "type": "about:blank",
        "title": "Bad Request",
        "status": 400,
        "code": "malformed_input",
    });
    expected
        .as_object_mut()
        .unwrap()
        .extend(rest.as_object().unwrap().clone());
    assert_eq!(reply.json(), expected, "{}", reply.body);
}

fn post_to(path: &str, body: impl Into<Body>) -> axum::http::Request<Body> {
    with_body("POST", path, "application/json", body)
}

#[test]
fn json_that_does_not_parse_is_located_by_line_and_column() {
    run(async {
        let app = app();
        let cases = [
            // Cut off inside a string.
            (format!(r#"{{"title": "{CANARY}"#), 1, 21),
            // A bare word where a value belongs.
            (format!(r#"{{"title": {CANARY}}}"#), 1, 11),
            (
                format!(r#"{{"title": "x", "count": 3, "{CANARY}": }}"#),
                1,
                42,
            ),
            (
                format!("{{\n  \"title\": \"x\",\n  \"count\": 1{CANARY}\n}}"),
                3,
                13,
            ),
            // Trailing text after a complete value.
            (format!(r#"{{"title": "x", "count": 1}} {CANARY}"#), 1, 28),
            (CANARY.to_owned(), 1, 1),
        ];
        for (body, line, column) in cases {
            let reply = send(&app, json(body)).await;
            assert_malformed(
                &reply,
                serde_json::json!({
                    "detail": "the body is not valid JSON",
                    "line": line,
                    "column": column,
                }),
            );
        }
    });
}

#[test]
fn an_empty_json_body_is_called_empty() {
    run(async {
        let reply = send(&app(), json("")).await;
        assert_malformed(
            &reply,
            serde_json::json!({ "detail": "the body is empty, and this route expects JSON" }),
        );
    });
}

#[test]
fn a_missing_json_field_is_named() {
    run(async {
        let app = app();
        let body = format!(r#"{{"count": 3, "note": "{CANARY}"}}"#);
        assert_malformed(
            &send(&app, json(body)).await,
            serde_json::json!({
                "detail": "the body is missing a required field",
                "field": "title",
                "line": 1,
                "column": 34,
            }),
        );
        // A key the client wrote is ignored, and never taken for the missing field's name.
        let body = format!(r#"{{"{CANARY}": 1}}"#);
        assert_malformed(
            &send(&app, json(body)).await,
            serde_json::json!({
                "detail": "the body is missing a required field",
                "field": "title",
                "line": 1,
                "column": 17,
            }),
        );
    });
}

#[test]
fn a_json_value_of_the_wrong_type_is_located_but_not_repeated() {
    run(async {
        let app = app();
        let cases = [
            (
                "/json",
                format!(r#"{{"title": "x", "count": "{CANARY}"}}"#),
                36,
            ),
            (
                "/json",
                format!(r#"{{"title": ["{CANARY}"], "count": 1}}"#),
                10,
            ),
            (
                "/json",
                format!(r#"{{"title": "x", "count": 300, "n": "{CANARY}"}}"#),
                27,
            ),
            // A struct read from an array: one element where two belong.
            ("/json", format!(r#"["{CANARY}"]"#), 14),
            // An array where a map belongs.
            ("/tags", format!(r#"{{"tags": ["{CANARY}"]}}"#), 9),
        ];
        for (path, body, column) in cases {
            let reply = send(&app, post_to(path, body)).await;
            assert_malformed(
                &reply,
                serde_json::json!({
                    "detail": "a value in the body does not have the expected type",
                    "line": 1,
                    "column": column,
                }),
            );
        }
    });
}

#[test]
fn an_unknown_json_field_is_not_named() {
    run(async {
        let body = format!(r#"{{"title": "x", "{CANARY}": 1}}"#);
        let reply = send(&app(), post_to("/no-extras", body)).await;
        assert_malformed(
            &reply,
            serde_json::json!({
                "detail": "the body has a field this route does not accept",
                "line": 1,
                "column": 27,
            }),
        );
    });
}

/// A `Deserialize` impl that puts client text into serde's missing-field message cannot
/// smuggle it out beyond a plain name: text with other characters, or over 64 of them, is
/// not named.
#[test]
fn only_a_plain_short_name_is_named_as_the_missing_field() {
    run(async {
        let app = app();
        for text in [
            format!("{CANARY} and more"),
            format!("{CANARY}`, \"x\": \""),
            CANARY.repeat(7),
        ] {
            let body = serde_json::json!({ "forged": text }).to_string();
            let column = body.len();
            let reply = send(&app, post_to("/forged", body)).await;
            assert_malformed(
                &reply,
                serde_json::json!({
                    "detail": "the body is not JSON of the expected shape",
                    "line": 1,
                    "column": column,
                }),
            );
        }
    });
}

#[test]
fn a_missing_query_form_or_path_field_is_named() {
    run(async {
        let app = app();
        let reply = send(&app, empty("GET", &format!("/query?count=1&x={CANARY}"))).await;
        assert_malformed(
            &reply,
            serde_json::json!({
                "detail": "the query string is missing a required parameter",
                "field": "title",
            }),
        );
        let reply = send(&app, empty("GET", "/page?per_page=5")).await;
        assert_malformed(
            &reply,
            serde_json::json!({
                "detail": "the query string is missing a required parameter",
                "field": "per-page",
            }),
        );
        let reply = send(&app, form(format!("title={CANARY}"))).await;
        assert_malformed(
            &reply,
            serde_json::json!({
                "detail": "the form is missing a required field",
                "field": "count",
            }),
        );
        let reply = send(&app, empty("GET", "/slots/7")).await;
        assert_malformed(
            &reply,
            serde_json::json!({
                "detail": "the path is missing a required parameter",
                "field": "slot",
            }),
        );
    });
}

#[test]
fn malformed_forms_queries_and_paths_are_400_without_the_input() {
    run(async {
        let app = app();
        for body in [
            format!("title=x&count={CANARY}"),
            format!("title={CANARY}&count=-1"),
            format!("count=1&title=x&count={CANARY}"),
        ] {
            let reply = send(&app, form(body)).await;
            let detail = "the form is not of the expected shape";
            assert_malformed(&reply, serde_json::json!({ "detail": detail }));
        }
        for query in [
            format!("/query?title=x&count={CANARY}"),
            format!("/query?title={CANARY}&count=1.5"),
            format!("/query?count=1&title=x&count=-{CANARY}"),
        ] {
            let reply = send(&app, empty("GET", &query)).await;
            let detail = "the query string is not of the expected shape";
            assert_malformed(&reply, serde_json::json!({ "detail": detail }));
        }
        for path in [
            format!("/items/{CANARY}"),
            format!("/items/-1{CANARY}"),
            "/items/99999999999".to_owned(),
        ] {
            let reply = send(&app, empty("GET", &path)).await;
            let detail = "the path parameters are not of the expected shape";
            assert_malformed(&reply, serde_json::json!({ "detail": detail }));
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

/// JSON is UTF-8 (RFC 8259): a body labelled with another charset would be read as UTF-8
/// anyway, so it is refused, by `ValidJson` and by a route's `accept` list.
#[test]
fn json_in_a_charset_other_than_utf8_is_415() {
    run(async {
        let app = app();
        let body = r#"{"title":"x","count":1}"#;
        for path in ["/json", "/strict", "/raw"] {
            for content_type in [
                "application/json; charset=utf-16",
                "application/json;Charset=UTF-16LE",
                "application/json; charset=\"iso-8859-1\"",
                "application/json; charset=utf-8; charset=utf-16",
            ] {
                let reply = send(&app, with_body("POST", path, content_type, body)).await;
                assert_problem(&reply, 415, "unsupported_media_type");
                assert_eq!(
                    reply.json()["detail"],
                    "the body's content type names a charset other than utf-8, the one encoding of JSON",
                    "{path} {content_type}"
                );
            }
            for content_type in [
                "application/json",
                "application/json; charset=utf-8",
                "application/json; charset=\"UTF-8\"",
            ] {
                let reply = send(&app, with_body("POST", path, content_type, body)).await;
                assert_eq!(reply.status, 200, "{path} {content_type}: {}", reply.body);
            }
        }
    });
}

/// A form is read as UTF-8: one labelled with another charset would have each byte of its
/// other encoding decoded as U+FFFD, so it is refused rather than altered.
#[test]
fn a_form_in_a_charset_other_than_utf8_is_415() {
    run(async {
        let app = app();
        // "café" in Latin-1, then in UTF-8.
        let (latin1, utf8) = ("title=caf%E9&count=1", "title=caf%C3%A9&count=1");
        for content_type in [
            "application/x-www-form-urlencoded; charset=iso-8859-1",
            "application/x-www-form-urlencoded;charset=\"windows-1252\"",
        ] {
            let reply = send(&app, with_body("POST", "/form", content_type, latin1)).await;
            assert_problem(&reply, 415, "unsupported_media_type");
        }
        for content_type in [
            "application/x-www-form-urlencoded; charset=UTF-8",
            "application/x-www-form-urlencoded",
        ] {
            let reply = send(&app, with_body("POST", "/form", content_type, utf8)).await;
            assert_eq!(reply.body, "caf\u{e9}x1", "{content_type}");
        }
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
