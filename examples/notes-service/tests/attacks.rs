//! The hostile requests of the tour, one test each, over real HTTP: the status, the body
//! (which never repeats the attack), and the database afterwards. Then the tour itself.

mod support;

use std::process::ExitCode;

use http::Method;
use notes_service::client::{Client, Send, with_query};
use notes_service::tour::{self, Attempt};
use serde_json::json;
use support::{Running, assert_not_logged};

const CANARY: &str = "<canary-91c2>";

struct Scene {
    running: Running,
    alice: Client,
    bob: Client,
    bob_note: i64,
}

impl Scene {
    async fn new() -> Scene {
        let running = Running::start().await;
        let alice = running.member("alice", "alice-attack-password").await;
        let mut bob = running.member("bob", "bob-attack-password-2").await;
        let created = bob
            .json(
                Method::POST,
                "/notes",
                &json!({ "title": "bob's secret", "body": "combination 12-34" }),
            )
            .await
            .unwrap();
        assert_eq!(created.status, 201);
        let bob_note = created.json()["id"].as_i64().unwrap();
        Scene {
            running,
            alice,
            bob,
            bob_note,
        }
    }

    fn notes(&self) -> i64 {
        self.running
            .count(secure::sql!("SELECT COUNT(*) FROM notes"))
    }

    fn bob_note_intact(&self) -> bool {
        self.running.count(secure::sql!(
            "SELECT COUNT(*) FROM notes WHERE id = ? AND title = ? AND body = ?",
            self.bob_note,
            "bob's secret",
            "combination 12-34"
        )) == 1
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sql_injection_in_search_is_data() {
    let mut scene = Scene::new().await;
    for term in [
        "' OR '1'='1' --",
        "x'); DROP TABLE notes; --",
        "\" OR \"\"=\"",
        "%' UNION SELECT password_hash, 1, 1, 1, 1, 1 FROM users --",
    ] {
        let reply = scene
            .alice
            .send(Send::get(with_query("/search", &[("q", term)])))
            .await
            .unwrap();
        assert_eq!((reply.status, reply.body.as_str()), (200, "[]"), "{term}");
    }
    assert!(scene.bob_note_intact());
    assert_eq!(scene.notes(), 1);
    assert_eq!(
        scene
            .running
            .count(secure::sql!("SELECT COUNT(*) FROM users")),
        2
    );
    assert_not_logged(
        &[("GET", "/search", 200)],
        &["DROP TABLE", "UNION SELECT", "' OR '1'='1'"],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stored_script_is_shown_as_text() {
    let mut scene = Scene::new().await;
    let script = "<script>alert(document.cookie)</script>";
    let created = scene
        .alice
        .json(
            Method::POST,
            "/notes",
            &json!({ "title": script, "body": "<img src=x onerror=alert(1)>" }),
        )
        .await
        .unwrap();
    assert_eq!(created.status, 201);
    // Stored as written: encoding is the page's job, at output.
    assert_eq!(created.json()["title"], script);
    let id = created.json()["id"].as_i64().unwrap();

    let page = scene
        .alice
        .send(Send::get(format!("/notes/{id}/page")))
        .await
        .unwrap();
    assert_eq!(page.status, 200);
    assert!(!page.body.contains(script) && !page.body.contains("<img"));
    assert!(
        page.body
            .contains("&lt;script&gt;alert(document.cookie)&lt;/script&gt;")
    );
    assert!(page.body.contains("&lt;img src=x onerror=alert(1)&gt;"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn downloads_cannot_leave_the_files_directory() {
    let mut scene = Scene::new().await;
    std::fs::create_dir(scene.running.files_dir.join("sub")).unwrap();
    for (path, status) in [
        ("/files/..%2Fnotes.sqlite3", 400),
        ("/files/..%2F..%2F..%2Fetc%2Fpasswd", 400),
        ("/files/..%5Cnotes.sqlite3", 400),
        ("/files/%2Fetc%2Fpasswd", 400),
        ("/files/C:%5Cwindows%5Cwin.ini", 400),
        ("/files/%2e%2e%2fnotes.sqlite3", 400),
        // A directory is no file: answered as a missing one, not a 500 that shows it exists.
        ("/files/sub", 404),
        // NUL is refused by the path's own rule before the jail sees it.
        ("/files/welcome.txt%00.png", 422),
    ] {
        let reply = scene.alice.send(Send::get(path)).await.unwrap();
        assert_eq!(reply.status, status, "{path}: {}", reply.body);
        assert!(
            !reply.body.contains("SQLite") && !reply.body.contains("root:"),
            "{path}"
        );
        assert!(
            !reply.body.contains("notes.sqlite3") && !reply.body.contains("passwd"),
            "{path}"
        );
    }
    // Decoded once: what stays encoded is a (missing) file name, not a traversal.
    let reply = scene
        .alice
        .send(Send::get("/files/%252e%252e%252fnotes.sqlite3"))
        .await
        .unwrap();
    assert_eq!(reply.status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn state_changes_without_csrf_proof_are_refused() {
    let mut scene = Scene::new().await;
    let note = json!({ "title": CANARY, "body": "" });
    let bob_token = scene.bob.csrf_token().unwrap().to_owned();
    let forged = [
        Send::new(Method::POST, "/notes")
            .json(&note)
            .without_token()
            .header("origin", "https://evil.example")
            .header("sec-fetch-site", "cross-site"),
        // A cross-site request even with the right token.
        Send::new(Method::POST, "/notes")
            .json(&note)
            .header("sec-fetch-site", "cross-site"),
        Send::new(Method::POST, "/notes")
            .json(&note)
            .header("origin", "https://evil.example"),
        Send::new(Method::POST, "/notes")
            .json(&note)
            .without_token(),
        Send::new(Method::POST, "/notes")
            .json(&note)
            .without_token()
            .header("x-csrf-token", "forged"),
        Send::new(Method::POST, "/notes")
            .json(&note)
            .without_token()
            .header("x-csrf-token", &bob_token),
        Send::new(Method::DELETE, format!("/notes/{}", scene.bob_note)).without_token(),
        Send::new(Method::POST, "/logout").without_token(),
    ];
    for request in forged {
        let described = request.describe();
        let reply = scene.alice.send(request).await.unwrap();
        assert_eq!(
            (reply.status, reply.code().as_str()),
            (403, "csrf_rejected"),
            "{described}"
        );
        assert!(!reply.body.contains(CANARY));
    }
    assert_eq!(scene.notes(), 1);
    // The session survived the forged logout.
    assert_eq!(
        scene.alice.send(Send::get("/notes")).await.unwrap().status,
        200
    );
    let alice_token = scene.alice.csrf_token().unwrap().to_owned();
    let alice_session = scene.alice.cookie("__Host-session").unwrap().to_owned();
    assert_not_logged(
        &[
            ("POST", "/notes", 403),
            ("DELETE", &format!("/notes/{}", scene.bob_note), 403),
            ("POST", "/logout", 403),
        ],
        &[&bob_token, &alice_token, &alice_session, CANARY],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_cannot_reach_the_admin_endpoint() {
    let mut scene = Scene::new().await;
    for method in [Method::GET, Method::HEAD] {
        let reply = scene
            .alice
            .send(Send::new(method.clone(), "/admin/users"))
            .await
            .unwrap();
        assert_eq!(reply.status, 403, "{method}");
        assert!(!reply.body.contains("bob"));
    }
    let options = scene
        .alice
        .send(Send::new(Method::OPTIONS, "/admin/users"))
        .await
        .unwrap();
    assert_eq!(options.status, 403);
    let anonymous = scene
        .alice
        .send(Send::get("/admin/users").without_cookies())
        .await
        .unwrap();
    assert_eq!(
        (anonymous.status, anonymous.code().as_str()),
        (401, "unauthenticated")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_members_note_is_answered_as_missing() {
    let mut scene = Scene::new().await;
    let path = format!("/notes/{}", scene.bob_note);
    let missing_path = "/notes/999".to_owned();
    for (request, other) in [
        (Send::get(&path), Send::get(&missing_path)),
        (
            Send::get(format!("{path}/page")),
            Send::get(format!("{missing_path}/page")),
        ),
        (
            Send::new(Method::PUT, &path).json(&json!({ "title": "mine", "body": "" })),
            Send::new(Method::PUT, &missing_path).json(&json!({ "title": "mine", "body": "" })),
        ),
        (
            Send::new(Method::DELETE, &path),
            Send::new(Method::DELETE, &missing_path),
        ),
    ] {
        let described = request.describe();
        let reply = scene.alice.send(request).await.unwrap();
        let missing = scene.alice.send(other).await.unwrap();
        assert_eq!(reply.status, 404, "{described}");
        assert_eq!(reply.body, missing.body, "{described}");
        assert!(!reply.body.contains("combination"));
    }
    assert!(scene.bob_note_intact());
    let search = scene
        .alice
        .send(Send::get(with_query("/search", &[("q", "combination")])))
        .await
        .unwrap();
    assert_eq!(search.body, "[]");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_and_planted_sessions_get_nowhere() {
    let scene = Scene::new().await;
    let mut forger = scene.running.client();
    for forged in [
        "Zm9yZ2VkLXNlc3Npb24taWQtdGhhdC13YXMtbmV2ZXI",
        "short",
        "",
        "../../etc/passwd",
    ] {
        forger.set_cookie("__Host-session", forged);
        let reply = forger.send(Send::get("/notes")).await.unwrap();
        assert_eq!(
            (reply.status, reply.code().as_str()),
            (401, "unauthenticated"),
            "{forged}"
        );
    }
    // A session cookie without the prefix is not the session cookie.
    let mut unprefixed = scene.running.client();
    unprefixed.set_cookie("session", scene.alice.cookie("__Host-session").unwrap());
    assert_eq!(
        unprefixed.send(Send::get("/notes")).await.unwrap().status,
        401
    );

    // Fixation: the victim signs in with an id the attacker planted.
    let planted = "cGxhbnRlZC1zZXNzaW9uLWlkLWJ5LWFuLWF0dGFja2Vy";
    let mut victim = scene.running.client();
    victim.set_cookie("__Host-session", planted);
    assert_eq!(
        victim
            .log_in("alice", "alice-attack-password")
            .await
            .unwrap()
            .status,
        200
    );
    assert_ne!(victim.cookie("__Host-session"), Some(planted));
    let mut attacker = scene.running.client();
    attacker.set_cookie("__Host-session", planted);
    assert_eq!(
        attacker.send(Send::get("/notes")).await.unwrap().status,
        401
    );

    // Neither the cookies presented nor the ones issued reach the logs.
    let issued = victim.cookie("__Host-session").unwrap();
    let alice_session = scene.alice.cookie("__Host-session").unwrap();
    assert_not_logged(
        &[("GET", "/notes", 401), ("POST", "/login", 200)],
        &[
            "Zm9yZ2VkLXNlc3Npb24taWQtdGhhdC13YXMtbmV2ZXI",
            "../../etc/passwd",
            planted,
            issued,
            alice_session,
        ],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_bodies_are_refused_without_being_repeated() {
    let mut scene = Scene::new().await;
    let big = json!({ "title": "big", "body": "x".repeat(1024 * 1024) });
    let cases = [
        (
            Send::new(Method::POST, "/notes").json(&big),
            413,
            "body_too_large",
        ),
        (
            Send::new(Method::POST, "/notes").body("text/plain", format!("title={CANARY}")),
            415,
            "unsupported_media_type",
        ),
        (
            Send::new(Method::POST, "/notes")
                .body("application/json", format!("{{\"title\": \"{CANARY}\"")),
            400,
            "malformed_input",
        ),
        (
            Send::new(Method::POST, "/notes")
                .json(&json!({ "title": { "$gt": CANARY }, "body": "" })),
            400,
            "malformed_input",
        ),
        (
            Send::new(Method::POST, "/notes")
                .json(&json!({ "title": format!("{CANARY}\u{1b}[2J"), "body": "" })),
            422,
            "validation_failed",
        ),
        (
            Send::new(Method::POST, "/notes")
                .json(&json!({ "title": CANARY, "body": "", "owner_id": 2 })),
            201,
            "",
        ),
    ];
    for (request, status, code) in cases {
        let described = request.describe();
        let reply = scene.alice.send(request).await.unwrap();
        assert_eq!(
            (reply.status, reply.code().as_str()),
            (status, code),
            "{described}: {}",
            reply.body
        );
        if status != 201 {
            assert!(!reply.body.contains(CANARY), "{described}");
        }
    }
    // The extra `owner_id` was ignored: the note is alice's.
    let owned_by_alice = scene.running.count(secure::sql!(
        "SELECT COUNT(*) FROM notes JOIN users ON users.id = notes.owner_id WHERE username = ? AND title = ?",
        "alice",
        CANARY
    ));
    assert_eq!((scene.notes(), owned_by_alice), (2, 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_password_guessing_burst_is_throttled_per_account_and_address() {
    let scene = Scene::new().await;
    let mut guesser = scene.running.client();
    let mut statuses = Vec::new();
    for guess in 0..8 {
        let body = json!({ "username": "bob", "password": format!("guess-{guess}") });
        statuses.push(guesser.json(Method::POST, "/login", &body).await.unwrap());
    }
    // Bob signed in once while setting up the scene: four guesses remain in the minute.
    let codes: Vec<u16> = statuses.iter().map(|reply| reply.status).collect();
    assert_eq!(codes, [401, 401, 401, 401, 429, 429, 429, 429]);
    let throttled = &statuses[4];
    assert_eq!(throttled.code(), "rate_limited");
    assert!(throttled.header("retry-after").parse::<u64>().unwrap() >= 1);

    // The right password is throttled too, so a guess cannot be confirmed.
    let body = json!({ "username": "bob", "password": "bob-attack-password-2" });
    assert_eq!(
        guesser
            .json(Method::POST, "/login", &body)
            .await
            .unwrap()
            .status,
        429
    );
    // Nor is bob himself, from another address: a guesser locks out only its own.
    let mut bob_elsewhere = scene
        .running
        .client()
        .from_address(std::net::Ipv4Addr::new(127, 0, 0, 2).into());
    let body = json!({ "username": "bob", "password": "bob-attack-password-2" });
    assert_eq!(
        bob_elsewhere
            .json(Method::POST, "/login", &body)
            .await
            .unwrap()
            .status,
        200
    );
    // Other accounts are not.
    let body = json!({ "username": "alice", "password": "alice-attack-password" });
    assert_eq!(
        guesser
            .json(Method::POST, "/login", &body)
            .await
            .unwrap()
            .status,
        200
    );
    assert_not_logged(
        &[("POST", "/login", 429)],
        &["bob-attack-password-2", "alice-attack-password"],
    );
}

/// The attacks of the tour, in the order it runs them: the 27 the README promises.
const TOUR: [&str; 27] = [
    "SQL injection in search",
    "SQL injection that drops a table",
    "LIKE wildcards in search",
    "stored XSS in a note",
    "path traversal in a download",
    "backslash traversal in a download",
    "absolute path in a download",
    "double-encoded traversal in a download",
    "cross-site POST without CSRF proof",
    "same-site POST without CSRF token",
    "POST with a forged CSRF token",
    "POST with another session's CSRF token",
    "a member calling the admin endpoint",
    "HEAD to the admin endpoint",
    "anonymous call of the admin endpoint",
    "reading another member's note",
    "rendering another member's note",
    "overwriting another member's note",
    "deleting another member's note",
    "a forged session cookie",
    "session fixation through a planted id",
    "an oversized body",
    "a wrong content type",
    "malformed JSON, to be echoed back",
    "control characters, to be echoed back",
    "an object where text belongs",
    "a password-guessing burst",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tour_reports_every_attack_blocked() {
    let attempts = notes_service::tour::run().await.unwrap();
    let attacks: Vec<&str> = attempts.iter().map(|attempt| attempt.attack).collect();
    assert_eq!(attacks, TOUR);
    for attempt in &attempts {
        assert!(attempt.blocked && attempt.intact, "{attempt:?}");
    }
    let mut table = Vec::new();
    notes_service::tour::print(&attempts, &mut table).unwrap();
    let table = String::from_utf8(table).unwrap();
    assert!(!table.contains("NOT BLOCKED") && !table.contains("CHANGED"));
    assert!(table.ends_with("\n27 of 27 attacks blocked\n"), "{table}");
    assert_eq!(tour::exit_code(&attempts), ExitCode::SUCCESS);
}

fn attempt(attack: &'static str, blocked: bool, intact: bool) -> Attempt {
    Attempt {
        attack,
        request: "GET /search?q=x".to_owned(),
        status: 200,
        blocked,
        intact,
    }
}

/// The failure path of the tour, with attempts made up for it: an attack that got through,
/// and one that was refused but changed the database.
#[test]
fn the_tour_flags_what_got_through_and_fails() {
    let through = [
        attempt("SQL injection in search", true, true),
        attempt("stored XSS in a note", false, true),
    ];
    let mut table = Vec::new();
    tour::print(&through, &mut table).unwrap();
    let table = String::from_utf8(table).unwrap();
    let row = table
        .lines()
        .find(|line| line.starts_with("stored XSS in a note"))
        .unwrap();
    assert!(row.ends_with("200  NOT BLOCKED  intact"), "{row}");
    let blocked_row = table
        .lines()
        .find(|line| line.starts_with("SQL injection in search"))
        .unwrap();
    assert!(
        blocked_row.ends_with("200  blocked      intact"),
        "{blocked_row}"
    );
    assert!(table.ends_with("\n1 of 2 attacks blocked\n"), "{table}");
    assert_eq!(tour::exit_code(&through), ExitCode::FAILURE);

    let changed = [attempt("deleting another member's note", true, false)];
    let mut table = Vec::new();
    tour::print(&changed, &mut table).unwrap();
    let table = String::from_utf8(table).unwrap();
    assert!(table.contains("200  blocked      CHANGED\n"), "{table}");
    assert!(table.ends_with("\n0 of 1 attacks blocked\n"), "{table}");
    assert_eq!(tour::exit_code(&changed), ExitCode::FAILURE);

    assert_eq!(tour::exit_code(&through[..1]), ExitCode::SUCCESS);
}
