//! `notes-service tour`: starts the service on a free loopback port with a fresh database,
//! signs up two members, and sends hostile requests over real HTTP. Each attempt is judged
//! by its answer and by the database afterwards.

use core::fmt;
use std::io::Write;
use std::process::ExitCode;

use http::Method;
use secure::sink::sql::sqlite::ConnectionExt;
use serde_json::json;

use crate::app::{App, LOGINS_PER_MINUTE, Service, StartError};
use crate::client::{Client, Reply, Send, with_query};
use crate::config::Config;

/// One hostile request and what came of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    /// What the attack tries.
    pub attack: &'static str,
    /// The request, as method and path.
    pub request: String,
    /// The status of the (last) answer.
    pub status: u16,
    /// Whether the service refused it, or defused it, as it should.
    pub blocked: bool,
    /// Whether the database held exactly what it should afterwards.
    pub intact: bool,
}

/// Why the tour could not be run (not an attack that got through).
#[derive(Debug)]
pub enum TourError {
    /// The service could not start.
    Start(StartError),
    /// A request could not be sent or read.
    Http(reqwest::Error),
    /// The loopback listener or the temporary directory failed.
    Io(std::io::Error),
    /// The set-up before the attacks did not go as expected.
    Setup(&'static str),
}

impl fmt::Display for TourError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TourError::Start(error) => write!(f, "the service did not start: {error}"),
            TourError::Http(error) => write!(f, "a request failed: {error}"),
            TourError::Io(error) => write!(f, "{error}"),
            TourError::Setup(step) => write!(f, "the set-up failed: {step}"),
        }
    }
}

impl std::error::Error for TourError {}

impl From<reqwest::Error> for TourError {
    fn from(error: reqwest::Error) -> Self {
        TourError::Http(error)
    }
}

impl From<std::io::Error> for TourError {
    fn from(error: std::io::Error) -> Self {
        TourError::Io(error)
    }
}

impl From<StartError> for TourError {
    fn from(error: StartError) -> Self {
        TourError::Start(error)
    }
}

const ALICE_PASSWORD: &str = "alice-tour-password-1";
const BOB_PASSWORD: &str = "bob-tour-password-22";
const BOB_TITLE: &str = "bob's private plans";
const BOB_BODY: &str = "the safe's combination is 12-34-56";

/// A session id of the right shape that the service never issued.
const FORGED_SESSION: &str = "Zm9yZ2VkLXNlc3Npb24taWQtdGhhdC13YXMtbmV2ZXI";

/// The tour against a running service: two members with a note each.
struct Tour {
    service: Service,
    alice: Client,
    bob: Client,
    bob_note: i64,
    alice_notes: i64,
}

/// Runs the whole tour on a fresh instance in a temporary directory.
pub async fn run() -> Result<Vec<Attempt>, TourError> {
    let dir = tempfile::tempdir()?;
    let mut config = Config::in_dir(dir.path());
    config.port = 0;
    let service = Service::start(App::new(&config)?).await?;
    let mut tour = Tour::set_up(service).await?;
    let attempts = tour.attack().await?;
    tour.service.stop().await?;
    Ok(attempts)
}

impl Attempt {
    /// Whether the service refused or defused the attack and the database held what it
    /// should afterwards.
    pub fn defended(&self) -> bool {
        self.blocked && self.intact
    }
}

/// Whether every attempt was blocked and left the database intact.
pub fn all_blocked(attempts: &[Attempt]) -> bool {
    attempts.iter().all(Attempt::defended)
}

/// How `notes-service tour` exits after `attempts`: with success only if every attack was
/// blocked and left the database intact.
pub fn exit_code(attempts: &[Attempt]) -> ExitCode {
    match all_blocked(attempts) {
        true => ExitCode::SUCCESS,
        false => ExitCode::FAILURE,
    }
}

/// Writes the table of attempts: a line each, with `NOT BLOCKED` and `CHANGED` in capitals
/// where an attack got through or the database changed, and the number of attacks
/// defended (blocked, database intact) at the end.
pub fn print(attempts: &[Attempt], out: &mut impl Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<40} {:<46} {:>6}  {:<12} database",
        "attack", "request", "status", "verdict"
    )?;
    for attempt in attempts {
        let verdict = match attempt.blocked {
            true => "blocked",
            false => "NOT BLOCKED",
        };
        let database = match attempt.intact {
            true => "intact",
            false => "CHANGED",
        };
        writeln!(
            out,
            "{:<40} {:<46} {:>6}  {:<12} {}",
            attempt.attack,
            shorten(&attempt.request, 46),
            attempt.status,
            verdict,
            database
        )?;
    }
    let defended = attempts.iter().filter(|attempt| attempt.defended()).count();
    writeln!(out, "\n{defended} of {} attacks blocked", attempts.len())
}

fn shorten(text: &str, width: usize) -> String {
    match text.chars().count() > width {
        true => text.chars().take(width - 1).chain(['…']).collect(),
        false => text.to_owned(),
    }
}

fn note_id(reply: &Reply) -> Option<i64> {
    reply.json()["id"].as_i64()
}

impl Tour {
    async fn set_up(service: Service) -> Result<Self, TourError> {
        let mut alice = Client::new(&service.base_url);
        let mut bob = Client::new(&service.base_url);
        for (client, name, password) in [
            (&mut alice, "alice", ALICE_PASSWORD),
            (&mut bob, "bob", BOB_PASSWORD),
        ] {
            if client.sign_up(name, password).await?.status != 201 {
                return Err(TourError::Setup("sign-up"));
            }
            if client.log_in(name, password).await?.status != 200 {
                return Err(TourError::Setup("sign-in"));
            }
        }
        let note = json!({ "title": BOB_TITLE, "body": BOB_BODY });
        let bob_note = note_id(&bob.json(Method::POST, "/notes", &note).await?)
            .ok_or(TourError::Setup("bob's note"))?;
        let note = json!({ "title": "groceries", "body": "milk, eggs" });
        if alice.json(Method::POST, "/notes", &note).await?.status != 201 {
            return Err(TourError::Setup("alice's note"));
        }
        Ok(Tour {
            service,
            alice,
            bob,
            bob_note,
            alice_notes: 1,
        })
    }

    /// Whether the database holds exactly the two accounts, bob's note unchanged, and
    /// alice's notes, and passes SQLite's own integrity check.
    fn intact(&self) -> bool {
        let bob_note = self.bob_note;
        self.service.app.state().db.with_connection(|connection| {
            let integrity: Result<String, _> =
                connection.query_single(&secure::sql!("PRAGMA integrity_check"), |row| row.get(0));
            let users: Result<i64, _> =
                connection.query_single(&secure::sql!("SELECT COUNT(*) FROM users"), |row| row.get(0));
            let bob: Result<(String, String), _> = connection.query_single(
                &secure::sql!("SELECT title, body FROM notes WHERE id = ?", bob_note),
                |row| Ok((row.get(0)?, row.get(1)?)),
            );
            let alice: Result<i64, _> = connection.query_single(
                &secure::sql!(
                    "SELECT COUNT(*) FROM notes JOIN users ON users.id = notes.owner_id WHERE username = ?",
                    "alice"
                ),
                |row| row.get(0),
            );
            integrity.is_ok_and(|text| text == "ok")
                && users.is_ok_and(|count| count == 2)
                && bob.is_ok_and(|(title, body)| title == BOB_TITLE && body == BOB_BODY)
                && alice.is_ok_and(|count| count == self.alice_notes)
        })
    }

    fn judge(&self, attack: &'static str, request: &Send, reply: &Reply, blocked: bool) -> Attempt {
        Attempt {
            attack,
            request: request.describe(),
            status: reply.status,
            blocked,
            intact: self.intact(),
        }
    }

    async fn attack(&mut self) -> Result<Vec<Attempt>, TourError> {
        let mut attempts = Vec::new();
        attempts.extend(self.sql_injection().await?);
        attempts.push(self.stored_xss().await?);
        attempts.extend(self.path_traversal().await?);
        attempts.extend(self.cross_site_requests().await?);
        attempts.extend(self.privilege().await?);
        attempts.extend(self.other_members_note().await?);
        attempts.extend(self.sessions().await?);
        attempts.extend(self.malformed_bodies().await?);
        attempts.push(self.password_burst().await?);
        Ok(attempts)
    }

    async fn sql_injection(&mut self) -> Result<Vec<Attempt>, TourError> {
        let mut attempts = Vec::new();
        for (attack, term) in [
            ("SQL injection in search", "' OR '1'='1' --"),
            (
                "SQL injection that drops a table",
                "x'); DROP TABLE notes; --",
            ),
            ("LIKE wildcards in search", "%"),
        ] {
            let request = Send::get(with_query("/search", &[("q", term)]));
            let reply = self.alice.send(request.clone()).await?;
            let found = reply.json().as_array().map(Vec::len);
            let blocked =
                reply.status == 200 && found == Some(0) && !reply.body.contains(BOB_TITLE);
            attempts.push(self.judge(attack, &request, &reply, blocked));
        }
        Ok(attempts)
    }

    async fn stored_xss(&mut self) -> Result<Attempt, TourError> {
        let title = "<script>alert('xss')</script>";
        let body = "<img src=x onerror=alert(document.cookie)>";
        let created = self
            .alice
            .json(
                Method::POST,
                "/notes",
                &json!({ "title": title, "body": body }),
            )
            .await?;
        self.alice_notes += i64::from(created.status == 201);
        let id = note_id(&created).unwrap_or(0);

        let request = Send::get(format!("/notes/{id}/page"));
        let reply = self.alice.send(request.clone()).await?;
        let csp = reply.header("content-security-policy");
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .unwrap_or("");
        let blocked = reply.status == 200
            && !reply.body.contains(title)
            && !reply.body.contains("<img")
            && reply.body.contains("&lt;script&gt;")
            && !nonce.is_empty()
            && reply.body.contains(&format!("<script nonce=\"{nonce}\">"));
        Ok(self.judge("stored XSS in a note", &request, &reply, blocked))
    }

    async fn path_traversal(&mut self) -> Result<Vec<Attempt>, TourError> {
        let mut attempts = Vec::new();
        for (attack, path) in [
            ("path traversal in a download", "/files/..%2Fnotes.sqlite3"),
            (
                "backslash traversal in a download",
                "/files/..%5Cnotes.sqlite3",
            ),
            ("absolute path in a download", "/files/%2Fetc%2Fpasswd"),
            (
                "double-encoded traversal in a download",
                "/files/%252e%252e%252fnotes.sqlite3",
            ),
        ] {
            let request = Send::get(path);
            let reply = self.alice.send(request.clone()).await?;
            let leaked = reply.body.contains("SQLite format") || reply.body.contains("root:");
            let blocked = matches!(reply.status, 400 | 404) && !leaked;
            attempts.push(self.judge(attack, &request, &reply, blocked));
        }
        Ok(attempts)
    }

    async fn cross_site_requests(&mut self) -> Result<Vec<Attempt>, TourError> {
        let note = json!({ "title": "planted", "body": "by another site" });
        let bob_token = self.bob.csrf_token().unwrap_or("").to_owned();
        let requests = [
            (
                "cross-site POST without CSRF proof",
                Send::new(Method::POST, "/notes")
                    .json(&note)
                    .without_token()
                    .header("origin", "https://evil.example")
                    .header("sec-fetch-site", "cross-site"),
            ),
            (
                "same-site POST without CSRF token",
                Send::new(Method::POST, "/notes")
                    .json(&note)
                    .without_token(),
            ),
            (
                "POST with a forged CSRF token",
                Send::new(Method::POST, "/notes")
                    .json(&note)
                    .without_token()
                    .header("x-csrf-token", "forged-token"),
            ),
            (
                "POST with another session's CSRF token",
                Send::new(Method::POST, "/notes")
                    .json(&note)
                    .without_token()
                    .header("x-csrf-token", &bob_token),
            ),
        ];
        let mut attempts = Vec::new();
        for (attack, request) in requests {
            let reply = self.alice.send(request.clone()).await?;
            let blocked = reply.status == 403 && reply.code() == "csrf_rejected";
            attempts.push(self.judge(attack, &request, &reply, blocked));
        }
        Ok(attempts)
    }

    async fn privilege(&mut self) -> Result<Vec<Attempt>, TourError> {
        let mut attempts = Vec::new();
        let request = Send::get("/admin/users");
        let reply = self.alice.send(request.clone()).await?;
        let blocked = reply.status == 403 && !reply.body.contains("bob");
        attempts.push(self.judge(
            "a member calling the admin endpoint",
            &request,
            &reply,
            blocked,
        ));

        let request = Send::new(Method::HEAD, "/admin/users");
        let reply = self.alice.send(request.clone()).await?;
        attempts.push(self.judge(
            "HEAD to the admin endpoint",
            &request,
            &reply,
            reply.status == 403,
        ));

        let request = Send::get("/admin/users").without_cookies();
        let reply = self.alice.send(request.clone()).await?;
        attempts.push(self.judge(
            "anonymous call of the admin endpoint",
            &request,
            &reply,
            reply.status == 401,
        ));
        Ok(attempts)
    }

    async fn other_members_note(&mut self) -> Result<Vec<Attempt>, TourError> {
        let path = format!("/notes/{}", self.bob_note);
        let requests = [
            ("reading another member's note", Send::get(&path)),
            (
                "rendering another member's note",
                Send::get(format!("{path}/page")),
            ),
            (
                "overwriting another member's note",
                Send::new(Method::PUT, &path).json(&json!({ "title": "mine now", "body": "" })),
            ),
            (
                "deleting another member's note",
                Send::new(Method::DELETE, &path),
            ),
        ];
        let mut attempts = Vec::new();
        for (attack, request) in requests {
            let reply = self.alice.send(request.clone()).await?;
            let blocked = reply.status == 404 && !reply.body.contains(BOB_BODY);
            attempts.push(self.judge(attack, &request, &reply, blocked));
        }
        Ok(attempts)
    }

    async fn sessions(&mut self) -> Result<Vec<Attempt>, TourError> {
        let mut attempts = Vec::new();
        let mut forger = Client::new(&self.service.base_url);
        forger.set_cookie("__Host-session", FORGED_SESSION);
        let request = Send::get("/notes");
        let reply = forger.send(request.clone()).await?;
        attempts.push(self.judge(
            "a forged session cookie",
            &request,
            &reply,
            reply.status == 401,
        ));

        // Session fixation: the attacker plants an id, the victim signs in with it.
        let mut victim = Client::new(&self.service.base_url);
        victim.set_cookie("__Host-session", FORGED_SESSION);
        let reply = victim.log_in("alice", ALICE_PASSWORD).await?;
        let rotated = victim
            .cookie("__Host-session")
            .is_some_and(|issued| issued != FORGED_SESSION);
        let planted = forger.send(request.clone()).await?;
        let blocked = reply.status == 200 && rotated && planted.status == 401;
        attempts.push(Attempt {
            attack: "session fixation through a planted id",
            request: "POST /login".to_owned(),
            status: reply.status,
            blocked,
            intact: self.intact(),
        });
        Ok(attempts)
    }

    async fn malformed_bodies(&mut self) -> Result<Vec<Attempt>, TourError> {
        let canary = "<canary-7f3a>";
        let mut attempts = Vec::new();

        let big = json!({ "title": "big", "body": "x".repeat(1024 * 1024) });
        let request = Send::new(Method::POST, "/notes").json(&big);
        let reply = self.alice.send(request.clone()).await?;
        attempts.push(self.judge("an oversized body", &request, &reply, reply.status == 413));

        let request =
            Send::new(Method::POST, "/notes").body("text/plain", format!("title={canary}"));
        let reply = self.alice.send(request.clone()).await?;
        let blocked = reply.status == 415 && !reply.body.contains(canary);
        attempts.push(self.judge("a wrong content type", &request, &reply, blocked));

        let request = Send::new(Method::POST, "/notes")
            .body("application/json", format!("{{\"title\": \"{canary}\""));
        let reply = self.alice.send(request.clone()).await?;
        let blocked = reply.status == 400 && !reply.body.contains(canary);
        attempts.push(self.judge(
            "malformed JSON, to be echoed back",
            &request,
            &reply,
            blocked,
        ));

        let request = Send::new(Method::POST, "/notes")
            .json(&json!({ "title": format!("{canary}\u{1b}[31m"), "body": "" }));
        let reply = self.alice.send(request.clone()).await?;
        let blocked = reply.status == 422 && !reply.body.contains(canary);
        attempts.push(self.judge(
            "control characters, to be echoed back",
            &request,
            &reply,
            blocked,
        ));

        let request =
            Send::new(Method::POST, "/notes").json(&json!({ "title": { "$gt": "" }, "body": "" }));
        let reply = self.alice.send(request.clone()).await?;
        attempts.push(self.judge(
            "an object where text belongs",
            &request,
            &reply,
            reply.status == 400,
        ));
        Ok(attempts)
    }

    async fn password_burst(&mut self) -> Result<Attempt, TourError> {
        let mut guesser = Client::new(&self.service.base_url);
        let mut statuses = Vec::new();
        let guesses = u32::from(LOGINS_PER_MINUTE) + 3;
        for guess in 0..guesses {
            let body = json!({ "username": "bob", "password": format!("guess-number-{guess}") });
            statuses.push(guesser.json(Method::POST, "/login", &body).await?.status);
        }
        // The right password, inside the same minute: still throttled.
        let body = json!({ "username": "bob", "password": BOB_PASSWORD });
        let last = guesser.json(Method::POST, "/login", &body).await?;
        statuses.push(last.status);

        let first_throttled = statuses.iter().position(|status| *status == 429);
        let allowed = usize::try_from(u32::from(LOGINS_PER_MINUTE)).unwrap_or(usize::MAX);
        let blocked = first_throttled.is_some_and(|at| at <= allowed)
            && !statuses.contains(&200)
            && last.status == 429
            && !last.header("retry-after").is_empty();
        Ok(Attempt {
            attack: "a password-guessing burst",
            request: format!("POST /login × {}", statuses.len()),
            status: last.status,
            blocked,
            intact: self.intact(),
        })
    }
}
