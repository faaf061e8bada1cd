//! `#[requires]` and `#[public]` on axum handlers, through the real router: 401 and 403,
//! bodies that never run on refusal, `HEAD` and `OPTIONS` on protected `GET` routes
//! (AUTHZ-01), exact role names, and handlers that stay ordinary async functions.

#![cfg(feature = "axum")]

mod web_support;

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use secure::axum::{AuthenticationLayer, Caller, Router, get};
use secure::http::Problem;
use secure::prelude::*;
use web_support::{TestUsers, empty, run, send};

secure::roles! {
    pub Admin = "admin";
    pub Clerk = "clerk";
}

/// Counts runs of the export body: its side effect.
static EXPORTS: AtomicUsize = AtomicUsize::new(0);

/// Held by every test that runs the export body, so that one test's run is not counted as
/// another's refused call (the test harness runs tests on several threads).
static EXPORTING: Mutex<()> = Mutex::new(());

#[requires(Admin)]
async fn export(caller: Caller) -> Result<&'static str, Problem> {
    EXPORTS.fetch_add(1, Ordering::SeqCst);
    Ok("id,total\n1,20\n")
}

/// Returns the refusal as it is, rather than converted into a `Problem`.
#[requires(Admin)]
async fn settings(caller: Caller) -> Result<&'static str, Forbidden> {
    Ok("settings")
}

#[public]
async fn health() -> &'static str {
    "ok"
}

#[requires(any(Admin, Clerk), proof = proof)]
async fn orders(
    caller: Caller,
    axum::extract::Path(id): axum::extract::Path<u32>,
) -> Result<String, Problem> {
    let _: Authorized<secure::authz::Any<(Admin, Clerk)>> = proof;
    Ok(format!(
        "order {id} for {}",
        caller.subject().map_or("", |s| s.id())
    ))
}

fn app() -> axum::Router {
    Router::new()
        .route("/admin/export", get(export))
        .route("/admin/settings", get(settings))
        .route("/health", get(health))
        .route("/orders/{id}", get(orders))
        .layer(AuthenticationLayer::new(TestUsers))
        .into()
}

fn as_user(method: &str, uri: &str, user: &str) -> axum::http::Request<axum::body::Body> {
    let mut request = empty(method, uri);
    request
        .headers_mut()
        .insert("x-test-user", user.parse().unwrap());
    request
}

#[test]
fn authz_01_get_head_and_options_run_the_same_check() {
    let _exporting = EXPORTING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    run(async {
        let app = app();
        let before = EXPORTS.load(Ordering::SeqCst);

        for method in ["GET", "HEAD", "OPTIONS"] {
            let anonymous = send(&app, empty(method, "/admin/export")).await;
            assert_eq!(anonymous.status, 401, "{method}");
            assert_eq!(anonymous.header("www-authenticate"), "Bearer", "{method}");
            let user = send(&app, as_user(method, "/admin/export", "u1:user")).await;
            assert_eq!(user.status, 403, "{method}");
            if method != "HEAD" {
                assert_eq!(anonymous.code(), "unauthenticated");
                assert_eq!(user.code(), "forbidden");
            }
        }
        assert_eq!(EXPORTS.load(Ordering::SeqCst), before, "a refused body ran");

        let options = send(&app, as_user("OPTIONS", "/admin/export", "root:admin")).await;
        assert_eq!(options.status, 204);
        assert_eq!(options.header("allow"), "GET, HEAD, OPTIONS");
        assert_eq!(
            EXPORTS.load(Ordering::SeqCst),
            before,
            "OPTIONS ran the body"
        );

        let head = send(&app, as_user("HEAD", "/admin/export", "root:admin")).await;
        assert_eq!(head.status, 200);
        assert_eq!(head.body, "");
        let get = send(&app, as_user("GET", "/admin/export", "root:admin")).await;
        assert_eq!(get.status, 200);
        assert_eq!(get.body, "id,total\n1,20\n");
    });
}

#[test]
fn authz_01_role_names_match_exactly() {
    run(async {
        let app = app();
        for roles in ["Admin", "admin ", " admin", "ADMIN", "admin\u{200b}"] {
            let request = as_user("GET", "/admin/export", &format!("u2:{roles}"));
            let reply = send(&app, request).await;
            assert_eq!(reply.status, 403, "{roles:?}");
        }
    });
}

#[test]
fn refusals_name_neither_the_caller_nor_the_requirement() {
    run(async {
        let reply = send(&app(), as_user("GET", "/admin/export", "alice-7:user")).await;
        assert_eq!(reply.status, 403);
        assert!(!reply.body.contains("alice-7"), "{}", reply.body);
        assert!(!reply.body.contains("Admin"), "{}", reply.body);
        assert_eq!(
            reply.json(),
            serde_json::json!({
                "type": "about:blank",
                "title": "Forbidden",
                "status": 403,
                "code": "forbidden",
                "detail": "you do not have access to this resource",
            })
        );
        let anonymous = send(&app(), empty("GET", "/admin/export")).await;
        assert_eq!(anonymous.json()["title"], "Unauthorized");
        assert_eq!(anonymous.header("cache-control"), "no-store");
    });
}

/// A handler that returns `Result<T, Forbidden>` answers a refusal exactly as one that
/// returns `Result<T, Problem>`: 401 or 403, the same problem, the same headers.
#[test]
fn a_forbidden_output_is_the_same_problem_as_the_router_gives() {
    run(async {
        let app = app();
        let users: [Option<&str>; 2] = [None, Some("u3:clerk")];
        for (user, status) in users.into_iter().zip([401, 403]) {
            let request = |path| match user {
                Some(user) => as_user("GET", path, user),
                None => empty("GET", path),
            };
            let forbidden = send(&app, request("/admin/settings")).await;
            let problem = send(&app, request("/admin/export")).await;
            assert_eq!(forbidden.status, status, "{}", forbidden.body);
            assert_eq!(forbidden.body, problem.body);
            assert_eq!(forbidden.headers, problem.headers);
        }
        let anonymous = send(&app, empty("GET", "/admin/settings")).await;
        assert_eq!(
            anonymous.json(),
            serde_json::json!({
                "type": "about:blank",
                "title": "Unauthorized",
                "status": 401,
                "code": "unauthenticated",
                "detail": "sign in to use this resource",
            })
        );

        let admin = send(&app, as_user("GET", "/admin/settings", "u1:admin")).await;
        assert_eq!(
            (admin.status.as_u16(), admin.body.as_str()),
            (200, "settings")
        );
    });
}

#[test]
fn public_routes_and_extractors_keep_working() {
    run(async {
        let app = app();
        let health = send(&app, empty("GET", "/health")).await;
        assert_eq!((health.status.as_u16(), health.body.as_str()), (200, "ok"));
        let options = send(&app, empty("OPTIONS", "/health")).await;
        assert_eq!(options.status, 204);

        let clerk = send(&app, as_user("GET", "/orders/42", "c1:clerk")).await;
        assert_eq!(clerk.body, "order 42 for c1");
        let anonymous = send(&app, empty("GET", "/orders/42")).await;
        assert_eq!(anonymous.status, 401);
        let missing = send(&app, empty("GET", "/nowhere")).await;
        assert_eq!(missing.status, 404);
    });
}

#[test]
fn handlers_are_still_async_functions() {
    let _exporting = EXPORTING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    run(async {
        let root = Caller::signed_in(Principal::new("root").with_role("admin"));
        assert_eq!(export(root).await, Ok("id,total\n1,20\n"));

        let refused = export(Caller::nobody());
        assert!(refused.denial().unwrap().is_unauthenticated());
        assert_eq!(refused.await.unwrap_err().status(), 401);

        assert_eq!(health().await, "ok");
    });
}
