//! Redirects through the real router (REDIR-01, REDIR-03): a handler that redirects to a
//! `next` query value cannot send a `Location` with CR, LF or NUL or one that leads off-site,
//! because the value is refused before a response exists; a good target is sent as it is.

#![cfg(feature = "axum")]

mod web_support;

use axum::extract::Query;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use secure::axum::{RedirectResponse, Router, get};
use secure::encode::SafeRedirect;
use secure::http::{Problem, ProblemCode};
use secure::prelude::*;
use web_support::{Reply, empty, run, send};

#[derive(serde::Deserialize)]
struct Next {
    next: String,
}

/// Refuses a bad target with a 400.
#[public]
async fn strict(Query(query): Query<Next>) -> Result<SafeRedirect, Problem> {
    SafeRedirect::local(&query.next).map_err(|_| {
        Problem::new(
            ProblemCode::MalformedInput,
            "the redirect target is refused",
        )
    })
}

/// Falls back to the root on a bad target, as a sign-in page does.
#[public]
async fn lenient(Query(query): Query<Next>) -> RedirectResponse {
    SafeRedirect::local(&query.next)
        .unwrap_or_else(|_| SafeRedirect::root())
        .temporary()
}

/// Allows one other host.
#[public]
async fn to_accounts(Query(query): Query<Next>) -> Result<SafeRedirect, Problem> {
    SafeRedirect::to_hosts(&query.next, &["accounts.example.com"]).map_err(|_| {
        Problem::new(
            ProblemCode::MalformedInput,
            "the redirect target is refused",
        )
    })
}

fn app() -> axum::Router {
    Router::new()
        .route("/strict", get(strict))
        .route("/lenient", get(lenient))
        .route("/accounts", get(to_accounts))
        .into()
}

/// Sends `next` as the client would: percent-encoded once, so the handler sees it as given.
async fn redirect(path: &str, next: &str) -> Reply {
    let query = utf8_percent_encode(next, NON_ALPHANUMERIC);
    send(&app(), empty("GET", &format!("{path}?next={query}"))).await
}

/// REDIR-01 and REDIR-03 inputs, as the handler receives them (after one decode).
const ATTACKS: &[&str] = &[
    "//evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "/\\/evil.example",
    "/\t/evil.example",
    "https://evil.example",
    "https:evil.example",
    "/dashboard\r\nSet-Cookie: session=attacker",
    "/dashboard\r\nLocation: https://evil.example",
    "/a\nb",
    "/a\rb",
    "/a\0b",
];

fn assert_no_header_breaks(reply: &Reply, attack: &str) {
    assert!(reply.headers.get("set-cookie").is_none(), "{attack:?}");
    for (name, value) in &reply.headers {
        let bytes = value.as_bytes();
        assert!(
            !bytes.iter().any(|b| matches!(b, b'\r' | b'\n' | 0)),
            "{attack:?} put a break in {name}"
        );
    }
}

#[test]
fn refused_targets_never_become_a_location() {
    run(async {
        for attack in ATTACKS {
            let reply = redirect("/strict", attack).await;
            assert_eq!(reply.status, 400, "{attack:?}");
            assert_eq!(reply.code(), "malformed_input");
            assert!(reply.headers.get("location").is_none(), "{attack:?}");
            assert_no_header_breaks(&reply, attack);
        }
    });
}

#[test]
fn a_fallback_redirect_goes_to_the_root_and_nowhere_else() {
    run(async {
        for attack in ATTACKS {
            let reply = redirect("/lenient", attack).await;
            assert_eq!(reply.status, 307, "{attack:?}");
            assert_eq!(reply.header("location"), "/", "{attack:?}");
            assert_no_header_breaks(&reply, attack);
        }
    });
}

#[test]
fn good_targets_are_sent_exactly_with_303_by_default() {
    run(async {
        for target in ["/dashboard", "/app?x=1#y", "/%5Cevil.example"] {
            let reply = redirect("/strict", target).await;
            assert_eq!(reply.status, 303, "{target:?}");
            assert_eq!(reply.header("location"), target);
            assert_eq!(reply.body, "");
        }
        let reply = redirect("/lenient", "/notes/7").await;
        assert_eq!(reply.status, 307);
        assert_eq!(reply.header("location"), "/notes/7");
    });
}

#[test]
fn only_the_allowed_host_is_reachable_off_site() {
    run(async {
        let reply = redirect("/accounts", "https://accounts.example.com/login").await;
        assert_eq!(reply.status, 303);
        assert_eq!(
            reply.header("location"),
            "https://accounts.example.com/login"
        );
        for attack in ATTACKS.iter().chain(&[
            "https://accounts.example.com@evil.example/",
            "https://accounts.example.com.evil.example/",
            "https://accounts.example.com/\r\nSet-Cookie: a=b",
        ]) {
            let reply = redirect("/accounts", attack).await;
            assert_eq!(reply.status, 400, "{attack:?}");
            assert!(reply.headers.get("location").is_none(), "{attack:?}");
            assert_no_header_breaks(&reply, attack);
        }
    });
}
