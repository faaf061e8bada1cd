//! Every endpoint of the service over real HTTP: statuses, bodies, headers, the database
//! afterwards, the audit trail, and logs free of secrets.

mod support;

use http::Method;
use notes_service::client::{Send, with_query};
use secure::sink::sql::sqlite::ConnectionExt;
use serde_json::json;
use support::{Running, assert_not_logged};

const SECURITY_HEADERS: [(&str, &str); 8] = [
    (
        "strict-transport-security",
        "max-age=63072000; includeSubDomains",
    ),
    // Notes, files and CSRF tokens are private: no cache keeps any answer.
    ("cache-control", "no-store"),
    ("x-frame-options", "DENY"),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
    (
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    ),
];

fn assert_security_headers(reply: &notes_service::client::Reply) {
    for (name, value) in SECURITY_HEADERS {
        assert_eq!(
            reply.header(name),
            value,
            "{name} on a {} answer",
            reply.status
        );
    }
    let csp = reply.header("content-security-policy");
    assert!(
        csp.starts_with("default-src 'self'; script-src 'self' 'nonce-"),
        "{csp}"
    );
    assert!(
        csp.contains("object-src 'none'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_is_public_and_every_answer_carries_the_security_headers() {
    let running = Running::start().await;
    let mut anonymous = running.client();

    let health = anonymous.send(Send::get("/health")).await.unwrap();
    assert_eq!(health.status, 200);
    assert_eq!(health.json(), json!({ "status": "ok" }));
    assert_security_headers(&health);

    let missing = anonymous.send(Send::get("/no/such/page")).await.unwrap();
    assert_eq!(
        (missing.status, missing.code().as_str()),
        (404, "not_found")
    );
    assert_security_headers(&missing);

    let refused = anonymous.send(Send::get("/notes")).await.unwrap();
    assert_eq!(
        (refused.status, refused.code().as_str()),
        (401, "unauthenticated")
    );
    assert_eq!(refused.header("content-type"), "application/problem+json");
    assert_eq!(
        refused.header("www-authenticate"),
        r#"Session realm="notes""#
    );
    assert_security_headers(&refused);

    // Each response has its own nonce.
    let again = anonymous.send(Send::get("/health")).await.unwrap();
    assert_ne!(
        health.header("content-security-policy"),
        again.header("content-security-policy")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_up_stores_a_sanitized_name_and_an_argon2id_hash() {
    let running = Running::start().await;
    let password = "signup-secret-password-1";
    let mut client = running.client();

    let reply = client.sign_up("  Ada_Lovelace ", password).await.unwrap();
    assert_eq!(reply.status, 201);
    assert_eq!(
        reply.json(),
        json!({ "id": 1, "username": "ada_lovelace", "role": "member" })
    );
    let hash: String = running
        .service
        .app
        .state()
        .db
        .with_connection(|connection| {
            connection
                .query_single(
                    &secure::sql!(
                        "SELECT password_hash FROM users WHERE username = ?",
                        "ada_lovelace"
                    ),
                    |row| row.get(0),
                )
                .unwrap()
        });
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );
    assert!(!hash.contains(password));

    let taken = client
        .sign_up("ada_lovelace", "another-password-12")
        .await
        .unwrap();
    assert_eq!((taken.status, taken.code().as_str()), (409, "conflict"));
    assert_eq!(running.count(secure::sql!("SELECT COUNT(*) FROM users")), 1);

    let records = running.audit_records();
    assert!(
        records[0].contains(r#""action":"account.signup""#),
        "{}",
        records[0]
    );
    assert!(records.iter().all(|record| !record.contains(password)));
    assert_not_logged(
        &[("POST", "/signup", 201), ("POST", "/signup", 409)],
        &[password, client.csrf_token().unwrap()],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_up_reports_every_failure_without_repeating_it() {
    let running = Running::start().await;
    let mut client = running.client();
    let short = "short-pw";

    let reply = client.sign_up("no spaces allowed!", short).await.unwrap();
    assert_eq!(
        (reply.status, reply.code().as_str()),
        (422, "validation_failed")
    );
    let errors = reply.json()["errors"].clone();
    let failures: Vec<(&str, &str)> = errors
        .as_array()
        .unwrap()
        .iter()
        .map(|error| {
            (
                error["path"].as_str().unwrap(),
                error["code"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(failures, [("username", "pattern"), ("password", "length")]);
    assert!(!reply.body.contains(short) && !reply.body.contains("no spaces"));
    assert_eq!(running.count(secure::sql!("SELECT COUNT(*) FROM users")), 0);
    assert_not_logged(&[("POST", "/signup", 422)], &[short]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_sets_a_host_cookie_and_rotates_the_session_every_time() {
    let running = Running::start().await;
    let password = "rotation-password-123";
    let mut client = running.client();
    assert_eq!(client.sign_up("grace", password).await.unwrap().status, 201);

    let anonymous = client.refresh_token().await.unwrap();
    assert_eq!(anonymous.json()["signed_in"], false);
    let anonymous_token = client.csrf_token().unwrap().to_owned();

    let body = json!({ "username": "grace", "password": password });
    let reply = client.json(Method::POST, "/login", &body).await.unwrap();
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.json(),
        json!({ "id": 1, "username": "grace", "role": "member" })
    );
    let set_cookie = reply
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .find(|value| value.starts_with("__Host-session="))
        .unwrap();
    assert!(
        set_cookie.ends_with("; Path=/; Secure; HttpOnly; SameSite=Lax"),
        "{set_cookie}"
    );
    let first = client.cookie("__Host-session").unwrap().to_owned();
    assert_eq!(first.len(), 43);

    // The token of the anonymous visit does not carry over to the session.
    let session = client.refresh_token().await.unwrap();
    assert_eq!(session.json()["signed_in"], true);
    assert_eq!(session.json()["roles"], json!(["member"]));
    assert_ne!(client.csrf_token().unwrap(), anonymous_token);

    // Signing in again, from the same browser, issues a new id and ends the old one.
    let reply = client.json(Method::POST, "/login", &body).await.unwrap();
    assert_eq!(reply.status, 200);
    let second = client.cookie("__Host-session").unwrap().to_owned();
    assert_ne!(first, second);
    let mut stale = running.client();
    stale.set_cookie("__Host-session", &first);
    assert_eq!(stale.send(Send::get("/notes")).await.unwrap().status, 401);

    assert_not_logged(
        &[("POST", "/login", 200), ("GET", "/notes", 401)],
        &[password, &first, &second, &anonymous_token],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_and_an_unknown_user_get_the_same_answer() {
    let running = Running::start().await;
    let mut client = running.client();
    assert_eq!(
        client
            .sign_up("henry", "henrys-password-123")
            .await
            .unwrap()
            .status,
        201
    );

    let wrong = json!({ "username": "henry", "password": "not-henrys-password" });
    let wrong = client.json(Method::POST, "/login", &wrong).await.unwrap();
    let unknown = json!({ "username": "nobody", "password": "not-henrys-password" });
    let unknown = client.json(Method::POST, "/login", &unknown).await.unwrap();
    assert_eq!(wrong.status, 401);
    assert_eq!(wrong.body, unknown.body);
    assert!(
        wrong
            .headers
            .get_all("set-cookie")
            .iter()
            .all(|cookie| !cookie.to_str().unwrap().starts_with("__Host-session"))
    );
    assert!(client.cookie("__Host-session").is_none());

    let records = running.audit_records();
    let failures = records
        .iter()
        .filter(|record| {
            record.contains(r#""action":"session.login""#)
                && record.contains(r#""outcome":"failure""#)
        })
        .count();
    assert_eq!(failures, 2);
    assert_not_logged(
        &[("POST", "/login", 401)],
        &["not-henrys-password", "henrys-password-123"],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_out_ends_the_session_and_expires_the_cookie() {
    let running = Running::start().await;
    let mut client = running.member("iris", "iris-password-1234").await;
    let session = client.cookie("__Host-session").unwrap().to_owned();

    let reply = client
        .send(Send::new(Method::POST, "/logout"))
        .await
        .unwrap();
    assert_eq!(reply.status, 204);
    assert_eq!(
        reply.header("set-cookie"),
        "__Host-session=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax"
    );
    assert!(client.cookie("__Host-session").is_none());

    let mut replay = running.client();
    replay.set_cookie("__Host-session", &session);
    assert_eq!(replay.send(Send::get("/notes")).await.unwrap().status, 401);
    // The CSRF token was bound to the ended session; with a fresh one, nobody is signed in.
    let stale_token = client
        .send(Send::new(Method::POST, "/logout"))
        .await
        .unwrap();
    assert_eq!(
        (stale_token.status, stale_token.code().as_str()),
        (403, "csrf_rejected")
    );
    client.refresh_token().await.unwrap();
    let again = client
        .send(Send::new(Method::POST, "/logout"))
        .await
        .unwrap();
    assert_eq!(
        (again.status, again.code().as_str()),
        (401, "unauthenticated")
    );
    assert_not_logged(
        &[
            ("POST", "/logout", 204),
            ("POST", "/logout", 403),
            ("POST", "/logout", 401),
        ],
        &[&session],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notes_can_be_created_listed_read_replaced_and_deleted_by_their_owner() {
    let running = Running::start().await;
    let mut client = running.member("june", "june-password-1234").await;

    let created = client
        .json(
            Method::POST,
            "/notes",
            &json!({ "title": "  Plans  ", "body": "line one\nline two" }),
        )
        .await
        .unwrap();
    assert_eq!(created.status, 201);
    let note = created.json();
    assert_eq!(note["title"], "Plans");
    assert_eq!(note["body"], "line one\nline two");
    assert!(note.get("owner_id").is_none());
    let id = note["id"].as_i64().unwrap();

    let listed = client.send(Send::get("/notes")).await.unwrap();
    assert_eq!(listed.status, 200);
    assert_eq!(listed.json(), json!([note]));

    let shown = client
        .send(Send::get(format!("/notes/{id}")))
        .await
        .unwrap();
    assert_eq!((shown.status, shown.json()), (200, note.clone()));

    let replaced = client
        .json(
            Method::PUT,
            &format!("/notes/{id}"),
            &json!({ "title": "Plans, v2", "body": "" }),
        )
        .await
        .unwrap();
    assert_eq!(replaced.status, 200);
    assert_eq!(replaced.json()["title"], "Plans, v2");
    let stored = running.count(secure::sql!(
        "SELECT COUNT(*) FROM notes WHERE id = ? AND title = ? AND body = ''",
        id,
        "Plans, v2"
    ));
    assert_eq!(stored, 1);

    let deleted = client
        .send(Send::new(Method::DELETE, format!("/notes/{id}")))
        .await
        .unwrap();
    assert_eq!(deleted.status, 204);
    assert_eq!(
        client
            .send(Send::get(format!("/notes/{id}")))
            .await
            .unwrap()
            .status,
        404
    );
    assert_eq!(running.count(secure::sql!("SELECT COUNT(*) FROM notes")), 0);

    let bad_id = client.send(Send::get("/notes/0")).await.unwrap();
    assert_eq!(
        (bad_id.status, bad_id.code().as_str()),
        (422, "validation_failed")
    );
    let not_a_number = client.send(Send::get("/notes/abc")).await.unwrap();
    assert_eq!(
        (not_a_number.status, not_a_number.code().as_str()),
        (400, "malformed_input")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_note_page_escapes_the_text_and_allows_only_its_own_script() {
    let running = Running::start().await;
    let mut client = running.member("kim", "kim-password-12345").await;
    let title = "Tom & Jerry's <b>notes</b>";
    let created = client
        .json(
            Method::POST,
            "/notes",
            &json!({ "title": title, "body": "</pre><script>alert(1)</script>" }),
        )
        .await
        .unwrap();
    let id = created.json()["id"].as_i64().unwrap();

    let page = client
        .send(Send::get(format!("/notes/{id}/page")))
        .await
        .unwrap();
    assert_eq!(page.status, 200);
    assert_eq!(page.header("content-type"), "text/html; charset=utf-8");
    assert!(
        page.body
            .contains("<h1>Tom &amp; Jerry&#39;s &lt;b&gt;notes&lt;/b&gt;</h1>"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("<pre id=\"note\">&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;</pre>"),
        "{}",
        page.body
    );
    assert_eq!(page.body.matches("<script").count(), 1);

    let csp = page.header("content-security-policy");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    assert!(page.body.contains(&format!("<script nonce=\"{nonce}\">")));
    assert_security_headers(&page);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_matches_text_literally_and_only_in_the_callers_notes() {
    let running = Running::start().await;
    let mut lee = running.member("lee", "lee-password-12345").await;
    let mut max = running.member("max", "max-password-12345").await;
    for (title, body) in [
        ("OATH_01", "token"),
        ("OATHX01", "token"),
        ("50% off", "sale"),
        ("50 units", "stock"),
    ] {
        let reply = lee
            .json(
                Method::POST,
                "/notes",
                &json!({ "title": title, "body": body }),
            )
            .await
            .unwrap();
        assert_eq!(reply.status, 201);
    }
    let reply = max
        .json(
            Method::POST,
            "/notes",
            &json!({ "title": "OATH_01 of max", "body": "" }),
        )
        .await
        .unwrap();
    assert_eq!(reply.status, 201);

    let titles = |reply: &notes_service::client::Reply| -> Vec<String> {
        reply
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|note| note["title"].as_str().unwrap().to_owned())
            .collect()
    };
    for (term, expected) in [
        ("OATH_01", vec!["OATH_01"]),
        ("50%", vec!["50% off"]),
        ("%", vec!["50% off"]),
        ("token", vec!["OATH_01", "OATHX01"]),
        ("' OR 1=1 --", vec![]),
    ] {
        let reply = lee
            .send(Send::get(with_query("/search", &[("q", term)])))
            .await
            .unwrap();
        assert_eq!(reply.status, 200, "{term}");
        assert_eq!(titles(&reply), expected, "{term}");
    }

    let empty = lee
        .send(Send::get(with_query("/search", &[("q", "   ")])))
        .await
        .unwrap();
    assert_eq!(
        (empty.status, empty.code().as_str()),
        (422, "validation_failed")
    );
    let missing = lee.send(Send::get("/search")).await.unwrap();
    assert_eq!(missing.status, 400);

    // What members search for is theirs: the log line has the path, not the query.
    let private = "divorce lawyer 6b1f";
    let reply = lee
        .send(Send::get(with_query("/search", &[("q", private)])))
        .await
        .unwrap();
    assert_eq!((reply.status, reply.body.as_str()), (200, "[]"));
    assert_not_logged(
        &[("GET", "/search", 200), ("GET", "/search", 422)],
        &[private, "divorce+lawyer+6b1f", "OATH_01", "' OR 1=1 --"],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_are_served_from_the_jail_only() {
    let running = Running::start().await;
    let mut client = running.member("ned", "ned-password-12345").await;

    let welcome = client.send(Send::get("/files/welcome.txt")).await.unwrap();
    assert_eq!(welcome.status, 200);
    assert!(welcome.body.starts_with("Welcome to the notes service."));
    assert_eq!(welcome.header("content-type"), "application/octet-stream");
    assert_eq!(welcome.header("content-disposition"), "attachment");

    let missing = client
        .send(Send::get("/files/nothing-here.txt"))
        .await
        .unwrap();
    assert_eq!(
        (missing.status, missing.code().as_str()),
        (404, "not_found")
    );
    assert!(!missing.body.contains("nothing-here"));

    let anonymous = client
        .send(Send::get("/files/welcome.txt").without_cookies())
        .await
        .unwrap();
    assert_eq!(anonymous.status, 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_administrators_list_the_users_and_never_see_a_hash() {
    let running = Running::start().await;
    let mut member = running.member("olga", "olga-password-1234").await;
    let mut admin = running.admin("root-password-12345").await;
    let created = member
        .json(
            Method::POST,
            "/notes",
            &json!({ "title": "a", "body": "b" }),
        )
        .await
        .unwrap();
    assert_eq!(created.status, 201);

    let listing = admin.send(Send::get("/admin/users")).await.unwrap();
    assert_eq!(listing.status, 200);
    let users = listing.json();
    let summary: Vec<(&str, &str, i64)> = users
        .as_array()
        .unwrap()
        .iter()
        .map(|user| {
            (
                user["username"].as_str().unwrap(),
                user["role"].as_str().unwrap(),
                user["notes"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(summary, [("olga", "member", 1), ("root", "admin", 0)]);
    assert!(!listing.body.contains("argon2") && !listing.body.contains("password"));

    let refused = member.send(Send::get("/admin/users")).await.unwrap();
    assert_eq!(
        (refused.status, refused.code().as_str()),
        (403, "forbidden")
    );
    // An administrator is a member too.
    assert_eq!(admin.send(Send::get("/notes")).await.unwrap().status, 200);
    assert_not_logged(
        &[("GET", "/admin/users", 200), ("GET", "/admin/users", 403)],
        &["root-password-12345", "olga-password-1234"],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_trail_is_a_verifiable_chain_without_secrets() {
    let running = Running::start().await;
    let password = "audited-password-123";
    let mut client = running.member("pia", password).await;
    let refused = client.send(Send::get("/admin/users")).await.unwrap();
    assert_eq!(refused.status, 403);
    let reply = client
        .send(Send::new(Method::POST, "/logout"))
        .await
        .unwrap();
    assert_eq!(reply.status, 204);

    let records = running.audit_records();
    let actions: Vec<&str> = records
        .iter()
        .map(|record| {
            let start = record.find(r#""action":""#).unwrap() + 10;
            let end = record[start..].find('"').unwrap() + start;
            &record[start..end]
        })
        .collect();
    assert_eq!(
        actions,
        ["account.signup", "session.login", "session.logout"]
    );
    let stored = running
        .service
        .app
        .state()
        .audit
        .with_sink(|sink| sink.records())
        .unwrap();
    assert_eq!(secure::audit::verify(stored).unwrap().records(), 3);
    assert!(records.iter().all(|record| !record.contains(password)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_memory_database_serves_too_with_its_audit_trail_inside() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = notes_service::Config::in_dir(dir.path());
    config.database = notes_service::DatabaseUrl::Memory;
    config.port = 0;
    let service = notes_service::Service::start(notes_service::App::new(&config).unwrap())
        .await
        .unwrap();
    let mut client = notes_service::client::Client::new(&service.base_url);
    assert_eq!(
        client
            .sign_up("quinn", "quinn-password-123")
            .await
            .unwrap()
            .status,
        201
    );
    assert!(!dir.path().join("notes.sqlite3").exists());

    // One database: the service's own connection sees the trail's records beside the users.
    let (users, records): (i64, i64) = service.app.state().db.with_connection(|connection| {
        let count = |query| connection.query_single(&query, |row| row.get(0)).unwrap();
        (
            count(secure::sql!("SELECT COUNT(*) FROM users")),
            count(secure::sql!(
                "SELECT COUNT(*) FROM audit_log WHERE record LIKE '%account.signup%'"
            )),
        )
    });
    assert_eq!((users, records), (1, 1));

    // A second instance gets a database of its own.
    let other = notes_service::App::new(&config).unwrap();
    let users: i64 = other.state().db.with_connection(|connection| {
        connection
            .query_single(&secure::sql!("SELECT COUNT(*) FROM users"), |row| {
                row.get(0)
            })
            .unwrap()
    });
    assert_eq!(users, 0);
    service.stop().await.unwrap();
}

/// A route that panics, for the test below only: the service has none.
#[secure::prelude::public]
async fn explode() -> &'static str {
    panic!("the vault code is 0451")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_is_answered_with_a_500_that_carries_every_security_header() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = notes_service::Config::in_dir(dir.path());
    config.port = 0;
    let app = notes_service::App::new(&config).unwrap();
    let routes = secure::axum::Router::new().route("/explode", secure::axum::get(explode));
    let router = app.with_layers(routes);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move {
        let service = router.into_make_service_with_connect_info::<std::net::SocketAddr>();
        axum::serve(listener, service).await
    });

    let mut client = notes_service::client::Client::new(&base_url);
    let reply = client.send(Send::get("/explode")).await.unwrap();
    assert_eq!((reply.status, reply.code().as_str()), (500, "internal"));
    assert_security_headers(&reply);
    assert_eq!(reply.header("content-type"), "application/problem+json");
    let correlation = reply.json()["correlation_id"].as_str().unwrap().to_owned();
    assert_eq!(reply.header("x-request-id"), correlation);
    assert!(!reply.body.contains("0451") && !reply.body.contains("vault"));
    server.abort();

    // The service itself has no such route.
    let running = Running::start().await;
    let missing = running.client().send(Send::get("/explode")).await.unwrap();
    assert_eq!(missing.status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hash_made_with_other_parameters_is_replaced_at_sign_in() {
    use secure::auth::password::{Params, PasswordHasher};

    let running = Running::start().await;
    let password = "rehash-password-1234";
    let mut client = running.client();
    assert_eq!(client.sign_up("rhea", password).await.unwrap().status, 201);
    let older = PasswordHasher::with_params(Params::new(32 * 1024, 3, 1).unwrap())
        .hash(&secure::Secret::from(password))
        .unwrap();
    let stored_hash = |running: &Running| -> String {
        running
            .service
            .app
            .state()
            .db
            .with_connection(|connection| {
                connection
                    .query_single(
                        &secure::sql!("SELECT password_hash FROM users WHERE username = ?", "rhea"),
                        |row| row.get(0),
                    )
                    .unwrap()
            })
    };
    running
        .service
        .app
        .state()
        .db
        .with_connection(|connection| {
            connection
                .execute_query(&secure::sql!(
                    "UPDATE users SET password_hash = ? WHERE username = ?",
                    older.as_str(),
                    "rhea"
                ))
                .unwrap()
        });
    assert!(stored_hash(&running).starts_with("$argon2id$v=19$m=32768,t=3,p=1$"));

    assert_eq!(client.log_in("rhea", password).await.unwrap().status, 200);
    assert!(stored_hash(&running).starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
    assert_eq!(client.log_in("rhea", password).await.unwrap().status, 200);
}
