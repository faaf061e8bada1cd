//! The CSRF matrix through the real router: safe and unsafe methods, same-site and
//! cross-site requests (`Sec-Fetch-Site`, `Origin`), missing, forged and valid tokens, a
//! token minted for another session or another anonymous visitor (CSRF-01), exempt routes,
//! and the cookies the layer keeps.

#![cfg(feature = "axum")]

mod web_support;

use axum::body::Body;
use axum::http::Request;
use secure::axum::{
    Authentication, AuthenticationLayer, Authenticator, Caller, CsrfLayer, Router, ValidForm, get,
    post,
};
use secure::http::Problem;
use secure::http::cors::Cors;
use secure::http::csrf::{CsrfKey, CsrfSession, CsrfToken};
use secure::prelude::*;
use web_support::{TestUsers, run, send};

secure::roles! {
    pub Member = "member";
}

/// Strict: the form's `csrf_token` is the layer's, and does not reach the handler.
#[derive(serde::Deserialize, Validate)]
#[serde(deny_unknown_fields)]
struct Note {
    #[validate(length(1..=50))]
    text: String,
}

#[public]
async fn form_page(token: CsrfToken) -> String {
    token.as_str().to_owned()
}

#[requires(Member, csrf = protected)]
async fn submit(caller: Caller, ValidForm(note): ValidForm<Note>) -> Result<String, Problem> {
    Ok(format!("saved {}", note.text))
}

#[public(csrf = protected)]
async fn api(body: String) -> String {
    format!("api {body}")
}

#[public(csrf = exempt("webhook authenticated by its own signature"))]
async fn hook() -> &'static str {
    "hooked"
}

fn app() -> axum::Router {
    Router::new()
        .route("/form", get(form_page).post(submit))
        .route("/api", post(api).put(api).patch(api).delete(api))
        .route("/hook", post(hook))
        .layer(CsrfLayer::new(CsrfKey::from_bytes(&[42; 32]).unwrap()))
        .layer(AuthenticationLayer::new(TestUsers))
        .into()
}

/// Gets a token for `user` the way a browser does: from the cookie of a page.
async fn token_for(app: &axum::Router, user: &str) -> String {
    let request = Request::get("/form")
        .header("x-test-user", user)
        .body(Body::empty())
        .unwrap();
    let reply = send(app, request).await;
    let cookie = reply.header("set-cookie").to_owned();
    assert!(cookie.starts_with("__Host-csrf="), "{cookie}");
    assert!(
        cookie.ends_with("; Path=/; Secure; HttpOnly; SameSite=Strict"),
        "{cookie}"
    );
    let token = cookie["__Host-csrf=".len()..].split(';').next().unwrap();
    assert_eq!(token, reply.body);
    token.to_owned()
}

struct Post<'a> {
    uri: &'a str,
    method: &'a str,
    user: &'a str,
    cookie: Option<&'a str>,
    field: Option<&'a str>,
    header: Option<&'a str>,
    site: Option<&'a str>,
    origin: Option<&'a str>,
}

impl<'a> Post<'a> {
    fn form(user: &'a str, cookie: Option<&'a str>, field: Option<&'a str>) -> Self {
        Post {
            uri: "/form",
            method: "POST",
            user,
            cookie,
            field,
            header: None,
            site: Some("same-origin"),
            origin: None,
        }
    }

    fn request(&self) -> Request<Body> {
        let mut builder = Request::builder()
            .method(self.method)
            .uri(self.uri)
            .header("host", "app.example")
            .header("x-test-user", self.user);
        if let Some(token) = self.cookie {
            builder = builder.header("cookie", format!("theme=dark; __Host-csrf={token}"));
        }
        if let Some(site) = self.site {
            builder = builder.header("sec-fetch-site", site);
        }
        if let Some(origin) = self.origin {
            builder = builder.header("origin", origin);
        }
        if let Some(token) = self.header {
            builder = builder.header("x-csrf-token", token);
        }
        let body = match self.field {
            Some(token) => format!("text=hello&csrf_token={token}"),
            None => "text=hello".to_owned(),
        };
        builder
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap()
    }
}

#[test]
fn a_valid_double_submission_passes_and_the_body_reaches_the_handler() {
    run(async {
        let app = app();
        let token = token_for(&app, "u1:member").await;
        let reply = send(
            &app,
            Post::form("u1:member", Some(&token), Some(&token)).request(),
        )
        .await;
        assert_eq!(
            (reply.status.as_u16(), reply.body.as_str()),
            (200, "saved hello")
        );
    });
}

#[test]
fn the_token_field_is_taken_out_of_the_form_and_the_rest_kept_byte_for_byte() {
    run(async {
        let app = app();
        let token = token_for(&app, "u1:member").await;
        let request = Request::post("/api")
            .header("host", "app.example")
            .header("x-test-user", "u1:member")
            .header("sec-fetch-site", "same-origin")
            .header("cookie", format!("__Host-csrf={token}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(format!(
                "a=1+2&csrf%5Ftoken={token}&&b=%C3%A9&csrf_tokens=x"
            )))
            .unwrap();
        let reply = send(&app, request).await;
        assert_eq!(
            (reply.status.as_u16(), reply.body.as_str()),
            (200, "api a=1+2&b=%C3%A9&csrf_tokens=x")
        );
    });
}

#[test]
fn csrf_01_only_the_correct_pair_passes() {
    run(async {
        let app = app();
        let token = token_for(&app, "u1:member").await;
        let other_session = token_for(&app, "u2:member").await;
        let forged = "A".repeat(64);
        let cases: [(Option<&str>, Option<&str>); 9] = [
            (Some(""), Some("")),
            (Some("abc"), Some("abcd")),
            (Some(&token), None),
            (None, Some(&token)),
            (None, None),
            (Some(&forged), Some(&forged)),
            (Some(&other_session), Some(&other_session)),
            (Some(&token), Some(&other_session)),
            (Some(&token), Some(&token[..63])),
        ];
        for (cookie, field) in cases {
            let reply = send(&app, Post::form("u1:member", cookie, field).request()).await;
            assert_eq!(reply.status, 403, "{cookie:?} {field:?}");
            assert_eq!(reply.code(), "csrf_rejected");
            assert!(!reply.body.contains(&token));
        }
        let reply = send(
            &app,
            Post::form("u1:member", Some(&token), Some(&token)).request(),
        )
        .await;
        assert_eq!(reply.status, 200);
    });
}

#[test]
fn cross_site_requests_are_refused_even_with_a_valid_token() {
    run(async {
        let app = app();
        let token = token_for(&app, "u1:member").await;
        let cases = [
            (Some("cross-site"), None, 403),
            (Some("same-site"), None, 403),
            (Some("same-origin"), None, 200),
            (Some("none"), None, 200),
            (None, Some("https://evil.example"), 403),
            (None, Some("null"), 403),
            (None, Some("https://app.example"), 200),
            (None, None, 200),
        ];
        for (site, origin, status) in cases {
            let post = Post {
                site,
                origin,
                ..Post::form("u1:member", Some(&token), Some(&token))
            };
            let reply = send(&app, post.request()).await;
            assert_eq!(reply.status, status, "{site:?} {origin:?}");
        }
    });
}

#[test]
fn origins_trusted_through_the_cors_policy_pass_the_origin_check_but_not_the_token_check() {
    run(async {
        let cors = Cors::new()
            .allow_origins(["https://front.example"])
            .allow_headers(["x-csrf-token"])
            .allow_credentials()
            .build()
            .unwrap();
        let key = CsrfKey::from_bytes(&[42; 32]).unwrap();
        let app: axum::Router = Router::new()
            .route("/form", get(form_page).post(submit))
            .layer(CsrfLayer::new(key).trust_cors_origins(&cors))
            .layer(AuthenticationLayer::new(TestUsers))
            .into();
        let token = token_for(&app, "u1:member").await;
        let cases = [
            (Some("https://front.example"), Some(&token), 200),
            (Some("https://evil.example"), Some(&token), 403),
            (Some("https://front.example.evil"), Some(&token), 403),
            (Some("https://front.example"), None, 403),
        ];
        for (origin, field, status) in cases {
            let post = Post {
                site: Some("cross-site"),
                origin,
                ..Post::form("u1:member", Some(&token), field.map(String::as_str))
            };
            let reply = send(&app, post.request()).await;
            assert_eq!(reply.status, status, "{origin:?} {field:?}");
        }

        let anyone = Cors::new().allow_any_origin().build().unwrap();
        let key = CsrfKey::from_bytes(&[42; 32]).unwrap();
        let app: axum::Router = Router::new()
            .route("/form", get(form_page).post(submit))
            .layer(CsrfLayer::new(key).trust_cors_origins(&anyone))
            .layer(AuthenticationLayer::new(TestUsers))
            .into();
        let token = token_for(&app, "u1:member").await;
        let post = Post {
            site: Some("cross-site"),
            origin: Some("https://front.example"),
            ..Post::form("u1:member", Some(&token), Some(&token))
        };
        assert_eq!(send(&app, post.request()).await.status, 403);
    });
}

#[test]
fn safe_methods_are_not_checked_and_unsafe_ones_are() {
    run(async {
        let app = app();
        let cross_site_get = Request::get("/form")
            .header("sec-fetch-site", "cross-site")
            .body(Body::empty())
            .unwrap();
        assert_eq!(send(&app, cross_site_get).await.status, 200);

        let token = token_for(&app, "u3").await;
        assert_unsafe_methods_checked(&app, "/api", "u3", &token, |_| "api text=hello".into())
            .await;
    });
}

/// Every unsafe method on `uri`: refused without the token header or cross-site, answered
/// with `expected(method)` with the header.
async fn assert_unsafe_methods_checked(
    app: &axum::Router,
    uri: &str,
    user: &str,
    token: &str,
    expected: impl Fn(&str) -> String,
) {
    for method in ["POST", "PUT", "PATCH", "DELETE"] {
        let without = Post {
            uri,
            method,
            ..Post::form(user, Some(token), None)
        };
        assert_eq!(send(app, without.request()).await.status, 403, "{method}");
        let with_header = Post {
            uri,
            method,
            header: Some(token),
            ..Post::form(user, Some(token), None)
        };
        let reply = send(app, with_header.request()).await;
        assert_eq!(
            (reply.status.as_u16(), reply.body),
            (200, expected(method)),
            "{method}"
        );
        let cross_site = Post {
            uri,
            method,
            header: Some(token),
            site: Some("cross-site"),
            ..Post::form(user, Some(token), None)
        };
        assert_eq!(
            send(app, cross_site.request()).await.status,
            403,
            "{method}"
        );
    }
}

#[test]
fn exempt_routes_take_cross_site_requests_without_tokens() {
    run(async {
        let post = Post {
            uri: "/hook",
            site: Some("cross-site"),
            origin: Some("https://payments.example"),
            ..Post::form("anyone", None, None)
        };
        let reply = send(&app(), post.request()).await;
        assert_eq!(
            (reply.status.as_u16(), reply.body.as_str()),
            (200, "hooked")
        );
    });
}

#[test]
fn a_valid_cookie_is_kept_and_a_foreign_one_replaced() {
    run(async {
        let app = app();
        let token = token_for(&app, "u1").await;
        let again = Request::get("/form")
            .header("x-test-user", "u1")
            .header("cookie", format!("__Host-csrf={token}"))
            .body(Body::empty())
            .unwrap();
        let reply = send(&app, again).await;
        assert!(reply.headers.get("set-cookie").is_none());
        assert_eq!(reply.body, token);

        let planted = Request::get("/form")
            .header("x-test-user", "u2")
            .header("cookie", format!("__Host-csrf={token}"))
            .body(Body::empty())
            .unwrap();
        let reply = send(&app, planted).await;
        assert_ne!(reply.body, token);
        assert!(reply.header("set-cookie").starts_with("__Host-csrf="));
    });
}

#[test]
fn protected_routes_fail_closed_without_the_layer() {
    run(async {
        let app: axum::Router = Router::new().route("/api", post(api)).into();
        let request = Request::post("/api")
            .header("sec-fetch-site", "same-origin")
            .body(Body::from("x"))
            .unwrap();
        let reply = send(&app, request).await;
        assert_eq!(reply.status, 500);
        assert_eq!(reply.code(), "internal");
    });
}

#[public(csrf = protected)]
async fn sign_in(body: String) -> String {
    format!("signing in with {body}")
}

fn login_app(authentication: AuthenticationLayer<impl Authenticator>) -> axum::Router {
    Router::new()
        .route("/login", get(form_page).post(sign_in))
        .layer(CsrfLayer::new(CsrfKey::from_bytes(&[42; 32]).unwrap()))
        .layer(authentication)
        .into()
}

/// An anonymous visit of the login page: the cookies it sets, by name, and the token.
struct Visit {
    visitor: String,
    token: String,
}

async fn visit(app: &axum::Router) -> Visit {
    let reply = send(app, Request::get("/login").body(Body::empty()).unwrap()).await;
    let cookie = |name: &str| {
        reply
            .headers
            .get_all("set-cookie")
            .iter()
            .map(|value| value.to_str().unwrap())
            .find_map(|set| set.strip_prefix(&format!("{name}=")))
            .unwrap_or_else(|| panic!("no {name} cookie"))
            .to_owned()
    };
    let visitor = cookie("__Host-csrf-visitor");
    assert!(
        visitor.ends_with("; Path=/; Secure; HttpOnly; SameSite=Strict"),
        "{visitor}"
    );
    let token = cookie("__Host-csrf");
    let token = token.split(';').next().unwrap().to_owned();
    assert_eq!(token, reply.body);
    Visit {
        visitor: visitor.split(';').next().unwrap().to_owned(),
        token,
    }
}

/// An anonymous login post with these cookies and this form field.
fn login(visitor: Option<&str>, cookie: &str, field: &str) -> Request<Body> {
    let mut cookies = format!("__Host-csrf={cookie}");
    if let Some(visitor) = visitor {
        cookies.push_str(&format!("; __Host-csrf-visitor={visitor}"));
    }
    Request::post("/login")
        .header("sec-fetch-site", "same-origin")
        .header("cookie", cookies)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(format!("csrf_token={field}")))
        .unwrap()
}

#[test]
fn csrf_01_a_pair_minted_on_another_anonymous_visit_is_refused() {
    run(async {
        let app = login_app(AuthenticationLayer::new(TestUsers));
        let attacker = visit(&app).await;
        let victim = visit(&app).await;
        assert_ne!(attacker.visitor, victim.visitor);

        // The attacker plants their own matching pair in the victim's browser.
        let planted = login(Some(&victim.visitor), &attacker.token, &attacker.token);
        let reply = send(&app, planted).await;
        assert_eq!(reply.status, 403);
        assert_eq!(reply.code(), "csrf_rejected");

        // Without a visitor cookie the pair is bound to no one.
        let reply = send(&app, login(None, &attacker.token, &attacker.token)).await;
        assert_eq!(reply.status, 403);

        // Each visitor's own pair passes.
        for own in [&victim, &attacker] {
            let reply = send(&app, login(Some(&own.visitor), &own.token, &own.token)).await;
            assert_eq!(reply.status, 200, "{}", reply.body);
        }
    });
}

#[test]
fn a_known_visitor_keeps_its_cookies_and_a_malformed_one_is_replaced() {
    run(async {
        let app = login_app(AuthenticationLayer::new(TestUsers));
        let first = visit(&app).await;
        let again = Request::get("/login")
            .header(
                "cookie",
                format!(
                    "__Host-csrf-visitor={}; __Host-csrf={}",
                    first.visitor, first.token
                ),
            )
            .body(Body::empty())
            .unwrap();
        let reply = send(&app, again).await;
        assert!(reply.headers.get("set-cookie").is_none());
        assert_eq!(reply.body, first.token);

        let malformed = Request::get("/login")
            .header(
                "cookie",
                format!("__Host-csrf-visitor=x; __Host-csrf={}", first.token),
            )
            .body(Body::empty())
            .unwrap();
        let reply = send(&app, malformed).await;
        assert_ne!(reply.body, first.token);
        assert_eq!(reply.headers.get_all("set-cookie").iter().count(), 2);
    });
}

/// Says every request is anonymous, naming the anonymous session outright.
#[derive(Clone)]
struct NamedAnonymous;

impl Authenticator for NamedAnonymous {
    type Subject = Principal;

    async fn authenticate(&self, _: &axum::http::request::Parts) -> Authentication<Principal> {
        Authentication::anonymous().with_csrf_session(CsrfSession::anonymous())
    }
}

#[test]
fn an_explicit_anonymous_session_is_bound_to_the_visitor_too() {
    run(async {
        let app = login_app(AuthenticationLayer::new(NamedAnonymous));
        let attacker = visit(&app).await;
        let victim = visit(&app).await;
        let planted = login(Some(&victim.visitor), &attacker.token, &attacker.token);
        assert_eq!(send(&app, planted).await.status, 403);
        let own = login(Some(&victim.visitor), &victim.token, &victim.token);
        assert_eq!(send(&app, own).await.status, 200);
    });
}

#[public(csrf = protected)]
async fn catch_all(method: axum::http::Method) -> String {
    format!("fallback {method}")
}

/// The fallback answers every method: a protected one is checked as a route is.
#[test]
fn a_protected_fallback_checks_unsafe_methods_as_a_route_does() {
    run(async {
        let app: axum::Router = Router::new()
            .route("/form", get(form_page))
            .fallback(catch_all)
            .layer(CsrfLayer::new(CsrfKey::from_bytes(&[42; 32]).unwrap()))
            .layer(AuthenticationLayer::new(TestUsers))
            .into();
        let token = token_for(&app, "u9").await;
        let get = Request::get("/nowhere")
            .header("sec-fetch-site", "cross-site")
            .body(Body::empty())
            .unwrap();
        assert_eq!(send(&app, get).await.body, "fallback GET");
        assert_unsafe_methods_checked(&app, "/nowhere", "u9", &token, |method| {
            format!("fallback {method}")
        })
        .await;
    });
}
