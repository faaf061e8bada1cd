//! Accounts and sessions: sign up, sign in, sign out, and the authenticator that turns a
//! session cookie into the caller `#[requires]` checks.

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::response::{IntoResponse, Response};
use http::request::Parts;
use http::{HeaderMap, StatusCode, header};
use secure::audit::{AuditEvent, Outcome};
use secure::auth::password::PasswordHash;
use secure::auth::session::{SessionError, SessionId};
use secure::axum::rate_limit::{
    DEFAULT_IPV6_PREFIX, RateLimitKey, RateLimitStore, counted_address,
};
use secure::axum::{Authentication, Authenticator, Caller, ValidJson};
use secure::http::cookie::{Cookie, request_cookie};
use secure::http::csrf::{CsrfSession, CsrfToken};
use secure::http::{Problem, ProblemCode};
use secure::prelude::*;
use secure::sink::log::LogSafe;
use secure::sink::sql::sqlite::ConnectionExt;
use secure::sink::sql::sqlite::rusqlite::{self, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::Member;
use crate::app::{AppState, RoleName};
use crate::db;

/// The session cookie, `__Host-` prefixed: `Secure`, `Path=/`, no `Domain`, `HttpOnly`,
/// `SameSite=Lax`.
pub const SESSION_COOKIE: &str = "__Host-session";

/// Who a signed-in session belongs to: its identity in the session store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    /// The `users.id` of the account.
    pub user_id: i64,
    /// The role the account had when it signed in.
    pub role: RoleName,
}

impl Account {
    /// The subject `#[requires]` checks: the user id and the role's name.
    pub fn principal(&self) -> Principal {
        Principal::new(self.user_id.to_string()).with_role(self.role.as_str())
    }
}

/// Reads the session id the request presents, if it has one of the right shape.
fn presented_session(headers: &HeaderMap) -> Option<SessionId> {
    let value = request_cookie(headers, SESSION_COOKIE)?;
    SessionId::parse(Secret::from(value)).ok()
}

/// Finds the caller from the session cookie, for `AuthenticationLayer`. CSRF tokens are
/// bound to the session's store key, so a token minted for one session fails in another.
#[derive(Clone, Debug)]
pub struct SessionCookies {
    state: AppState,
}

impl SessionCookies {
    /// The authenticator over the service's session store.
    pub fn new(state: AppState) -> Self {
        SessionCookies { state }
    }
}

impl Authenticator for SessionCookies {
    type Subject = Principal;

    async fn authenticate(&self, parts: &Parts) -> Authentication<Principal> {
        let Some(id) = presented_session(&parts.headers) else {
            return Authentication::anonymous();
        };
        let account = match self.state.sessions.load(&id) {
            Ok(record) => record.identity().cloned(),
            Err(_) => None,
        };
        match account {
            Some(account) => Authentication::signed_in(account.principal())
                .with_csrf_session(CsrfSession::new(id.store_key().as_bytes())),
            None => Authentication::anonymous(),
        }
    }
}

/// What `GET /session` answers: who is signed in, and the CSRF token to send back in
/// `X-CSRF-Token` with every state-changing request.
#[derive(Debug, Serialize)]
pub struct SessionView {
    /// Whether a session is signed in.
    pub signed_in: bool,
    /// The signed-in user's id.
    pub user_id: Option<String>,
    /// The signed-in user's roles.
    pub roles: Vec<String>,
    /// The token of this session.
    pub csrf_token: String,
}

/// `GET /session`: open to everyone, since signing in needs a CSRF token first.
#[public]
pub async fn session(caller: Caller, token: CsrfToken) -> Json<SessionView> {
    let subject = caller.subject();
    Json(SessionView {
        signed_in: subject.is_some(),
        user_id: subject.map(|subject| subject.id().to_owned()),
        roles: subject.map_or_else(Vec::new, |subject| {
            subject.roles().map(str::to_owned).collect()
        }),
        csrf_token: token.as_str().to_owned(),
    })
}

/// A sign-up request.
#[derive(Deserialize, Redact, Validate)]
pub struct Signup {
    /// Lower-case letters, digits and `_`, 3 to 32 of them, after trimming.
    #[validate(sanitize(trim, lowercase), length(3..=32), pattern("[a-z0-9_]+"))]
    pub username: String,
    /// 12 to 128 characters.
    #[validate(length(12..=128))]
    pub password: SecretString,
}

/// An account as the client may see it.
#[derive(Debug, Serialize)]
pub struct AccountView {
    /// The user id.
    pub id: i64,
    /// The user name.
    pub username: String,
    /// `member` or `admin`.
    pub role: &'static str,
}

/// `POST /signup`: a new member account with an Argon2id hash of its password.
#[public(csrf = protected)]
pub async fn signup(
    State(app): State<AppState>,
    ValidJson(signup): ValidJson<Signup>,
) -> Result<(StatusCode, Json<AccountView>), Problem> {
    let Signup { username, password } = signup.into_inner();
    let hashing = app.clone();
    let hash = blocking(&app, move || hashing.passwords.hash(&password))
        .await?
        .map_err(|error| {
            tracing::error!(error = %error, "password hashing failed");
            Problem::internal(None)
        })?;

    let name = username.clone();
    let created = app
        .db
        .run(move |connection| {
            let changed = connection
                .execute_query(&secure::sql!(
                    "INSERT INTO users (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)
                     ON CONFLICT (username) DO NOTHING",
                    &name,
                    hash.as_str(),
                    RoleName::Member.as_str(),
                    db::now()
                ))
                .map_err(db::failed)?;
            Ok((changed == 1).then(|| connection.last_insert_rowid()))
        })
        .await?;
    let Some(id) = created else {
        app.audit(AuditEvent::new("account.signup", Outcome::Failure).with_target(&username));
        return Err(Problem::new(
            ProblemCode::Conflict,
            "that username is taken",
        ));
    };

    tracing::info!(user_id = id, "account created");
    app.audit(
        AuditEvent::new("account.signup", Outcome::Success)
            .with_actor(id.to_string())
            .with_target(&username),
    );
    let view = AccountView {
        id,
        username,
        role: RoleName::Member.as_str(),
    };
    Ok((StatusCode::CREATED, Json(view)))
}

/// A sign-in request.
#[derive(Deserialize, Redact, Validate)]
pub struct Login {
    /// Compared after the same trimming and lower-casing as at sign-up.
    #[validate(sanitize(trim, lowercase), length(1..=32), no_control)]
    pub username: String,
    /// Up to 128 characters: longer ones cannot match, and hashing them costs more.
    #[validate(length(1..=128))]
    pub password: SecretString,
}

struct StoredAccount {
    id: i64,
    hash: PasswordHash,
    role: RoleName,
}

fn read_account(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredAccount> {
    let hash: String = row.get(1)?;
    let role: String = row.get(2)?;
    let invalid = |column| {
        rusqlite::Error::InvalidColumnType(column, String::new(), rusqlite::types::Type::Text)
    };
    Ok(StoredAccount {
        id: row.get(0)?,
        hash: PasswordHash::parse(&hash).map_err(|_| invalid(1))?,
        role: match role.as_str() {
            "admin" => RoleName::Admin,
            "member" => RoleName::Member,
            _ => return Err(invalid(2)),
        },
    })
}

/// `POST /login`: checks the password (in the same time whether or not the account
/// exists), then starts a session under a new id, ending the one the request came with.
/// Each account takes a few attempts per minute from one client address, and some more
/// from all together; more are answered 429 without checking. A guesser at one address
/// locks out only that address.
#[public(csrf = protected)]
pub async fn login(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ValidJson(login): ValidJson<Login>,
) -> Result<Response, Problem> {
    let Login { username, password } = login.into_inner();
    let client = counted_address(peer.ip(), DEFAULT_IPV6_PREFIX);
    let from_here = RateLimitKey::SubjectId(format!("{client}/{username}"));
    let anywhere = RateLimitKey::SubjectId(username.clone());
    let throttled = match app.login_attempts.check(&from_here).await {
        Ok(()) => app.account_logins.check(&anywhere).await,
        refused => refused,
    };
    if let Err(wait) = throttled {
        tracing::warn!(username = %LogSafe(&username), "sign-in attempts throttled");
        app.audit(AuditEvent::new("session.login", Outcome::Denied).with_target(&username));
        return Err(Problem::rate_limited(wait));
    }

    let name = username.clone();
    let stored = app
        .db
        .run(move |connection| {
            connection
                .query_single(
                    &secure::sql!(
                        "SELECT id, password_hash, role FROM users WHERE username = ?",
                        &name
                    ),
                    read_account,
                )
                .optional()
                .map_err(db::failed)
        })
        .await?;

    let checking = app.clone();
    let (stored, verified, rehashed) = blocking(&app, move || {
        let hasher = &checking.passwords;
        let verified =
            hasher.verify_or_dummy(stored.as_ref().map(|account| &account.hash), &password);
        let stale = stored
            .as_ref()
            .is_some_and(|account| hasher.needs_rehash(&account.hash));
        let rehashed = match (&verified, stale) {
            (Ok(()), true) => hasher.hash(&password).ok(),
            _ => None,
        };
        (stored, verified, rehashed)
    })
    .await?;
    let Some(account) = stored.filter(|_| verified.is_ok()) else {
        tracing::warn!(username = %LogSafe(&username), "sign-in refused");
        app.audit(AuditEvent::new("session.login", Outcome::Failure).with_target(&username));
        return Err(Problem::new(
            ProblemCode::Unauthenticated,
            "the username or password is wrong",
        ));
    };
    if let Some(fresh) = rehashed {
        let id = account.id;
        app.db
            .run(move |connection| {
                connection
                    .execute_query(&secure::sql!(
                        "UPDATE users SET password_hash = ? WHERE id = ?",
                        fresh.as_str(),
                        id
                    ))
                    .map_err(db::failed)
            })
            .await?;
    }

    let identity = Account {
        user_id: account.id,
        role: account.role,
    };
    let session = app
        .sessions
        .login(presented_session(&headers), identity)
        .map_err(session_failed)?;
    tracing::info!(user_id = account.id, "signed in");
    app.audit(
        AuditEvent::new("session.login", Outcome::Success)
            .with_actor(account.id.to_string())
            .with_target(&username),
    );

    let cookie = session_cookie(session.expose_secret())?;
    let view = AccountView {
        id: account.id,
        username,
        role: account.role.as_str(),
    };
    Ok(([(header::SET_COOKIE, cookie)], Json(view)).into_response())
}

/// `POST /logout`: ends the session and tells the browser to drop its cookie.
#[requires(Member, csrf = protected)]
pub async fn logout(
    caller: Caller,
    State(app): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    if let Some(session) = presented_session(&headers) {
        app.sessions.logout(session).map_err(session_failed)?;
    }
    if let Some(subject) = caller.subject() {
        tracing::info!(user_id = %subject.id(), "signed out");
        app.audit(AuditEvent::new("session.logout", Outcome::Success).with_actor(subject.id()));
    }
    let expired = Cookie::host("session", "")
        .expired()
        .build()
        .map_err(|_| Problem::internal(None))?;
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, expired.to_header_value())],
    )
        .into_response())
}

fn session_cookie(id: &str) -> Result<http::HeaderValue, Problem> {
    let cookie = Cookie::host("session", id)
        .build()
        .map_err(|_| Problem::internal(None))?;
    Ok(cookie.to_header_value())
}

fn session_failed(error: SessionError) -> Problem {
    tracing::error!(error = %error, "session store failed");
    Problem::internal(None)
}

/// Runs password hashing on the blocking pool, at most [`HASHING_AT_ONCE`] at a time: each
/// Argon2id run holds 19 MiB, so a burst of sign-in attempts waits its turn rather than
/// growing the process by gigabytes.
///
/// [`HASHING_AT_ONCE`]: crate::app::HASHING_AT_ONCE
async fn blocking<T: Send + 'static>(
    app: &AppState,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Problem> {
    let _turn = app
        .hashing
        .acquire()
        .await
        .map_err(|_| Problem::internal(None))?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|_| Problem::internal(None))
}
