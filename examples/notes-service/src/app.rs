//! The service: its state, its routes, and the layers every request passes.

use core::fmt;
use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::ops::Deref;
use std::sync::Arc;

use http::HeaderValue;
use secure::audit::{AuditError, AuditEvent, AuditLog, Outcome, SqliteSink};
use secure::auth::password::{PasswordError, PasswordHasher};
use secure::auth::session::{MemoryStore, SessionManager};
use secure::axum::rate_limit::{self, Quota, RateLimitLayer};
use secure::axum::{
    AuthenticationLayer, CsrfLayer, InternalErrorLayer, Router, SecurityHeadersLayer, get, post,
};
use secure::http::csrf::CsrfKey;
use secure::http::{HeaderError, RandomUnavailable, SecurityHeaders};
use secure::prelude::*;
use secure::sink::log::LogSafe;
use secure::sink::sql::sqlite::ConnectionExt;
use secure::sink::sql::sqlite::rusqlite;

use crate::accounts::{self, Account, SessionCookies};
use crate::config::{Config, DatabaseUrl};
use crate::db::{self, Db};
use crate::{admin, files, notes};

/// Requests one client address may make per second.
const REQUESTS_PER_SECOND: NonZeroU32 = NonZeroU32::new(50).unwrap();

/// The burst of requests one client address may make at once.
const REQUEST_BURST: NonZeroU32 = NonZeroU32::new(100).unwrap();

/// Sign-in attempts per account and client address per minute: a password-guessing burst
/// meets a 429, and nobody else is locked out of the account by it.
pub const LOGINS_PER_MINUTE: NonZeroU32 = NonZeroU32::new(5).unwrap();

/// Sign-in attempts per account per minute from all addresses together: guesses spread over
/// many addresses are slowed too. Locking an account out takes this many attempts a minute.
pub const ACCOUNT_LOGINS_PER_MINUTE: NonZeroU32 = NonZeroU32::new(30).unwrap();

/// Passwords hashed at once; more wait for their turn.
pub const HASHING_AT_ONCE: usize = 4;

/// The largest JSON body a route takes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// What the handlers share.
#[derive(Clone, Debug)]
pub struct AppState(Arc<Inner>);

/// The parts of [`AppState`].
#[derive(Debug)]
pub struct Inner {
    /// The database.
    pub db: Db,
    /// Argon2id with the default (OWASP) parameters.
    pub passwords: PasswordHasher,
    /// Server-side sessions, in process.
    pub sessions: SessionManager<Account, ()>,
    /// Sign-in attempts per account and client address.
    pub login_attempts: rate_limit::InMemoryStore,
    /// Sign-in attempts per account.
    pub account_logins: rate_limit::InMemoryStore,
    /// Turns for password hashing, [`HASHING_AT_ONCE`] of them.
    pub hashing: tokio::sync::Semaphore,
    /// The files members may download.
    pub files: PathJail,
    /// The audit trail, in the `audit_log` table.
    pub audit: Arc<AuditLog<SqliteSink>>,
}

impl Deref for AppState {
    type Target = Inner;

    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    /// Records `event` in the audit trail. A failure is logged, not fatal: the request it
    /// describes already happened, and [`AuditLog::failures`] counts what was lost.
    pub fn audit(&self, event: AuditEvent) {
        if let Err(error) = self.audit.record(event) {
            tracing::error!(error = %error, "audit record lost");
        }
    }
}

/// The service, ready to serve.
#[derive(Debug)]
pub struct App {
    state: AppState,
    csrf_key: CsrfKey,
    headers: SecurityHeaders,
}

/// The role names roles are stored under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleName {
    /// [`crate::Member`].
    Member,
    /// [`crate::Admin`].
    Admin,
}

impl RoleName {
    /// The name in the database and in principals.
    pub fn as_str(self) -> &'static str {
        match self {
            RoleName::Member => "member",
            RoleName::Admin => "admin",
        }
    }
}

/// Creates the database file, readable and writable by its owner only, unless it exists:
/// it holds password hashes and sessions. SQLite gives its journal files the same mode.
fn create_private_file(path: &std::path::Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(error) => Err(error),
    }
}

impl App {
    /// Opens and migrates the database, creates the files directory (with a welcome file
    /// on first start), and makes fresh keys for CSRF tokens.
    pub fn new(config: &Config) -> Result<Self, StartError> {
        if let DatabaseUrl::File(path) = &config.database {
            let dir = path.parent().filter(|dir| !dir.as_os_str().is_empty());
            if let Some(dir) = dir {
                std::fs::create_dir_all(dir).map_err(StartError::Files)?;
            }
            create_private_file(path).map_err(StartError::Files)?;
        }
        let db = Db::open(&config.database)?;
        let audit = AuditLog::new(SqliteSink::new(db.connect()?)?)?;

        std::fs::create_dir_all(&config.files_dir).map_err(StartError::Files)?;
        let welcome = config.files_dir.join("welcome.txt");
        if !welcome.exists() {
            std::fs::write(&welcome, WELCOME).map_err(StartError::Files)?;
        }
        let files = PathJail::new(&config.files_dir).map_err(StartError::Files)?;

        let login_quota = Quota::per_minute(LOGINS_PER_MINUTE);
        let state = AppState(Arc::new(Inner {
            db,
            passwords: PasswordHasher::new(),
            sessions: SessionManager::new(MemoryStore::new()),
            login_attempts: rate_limit::InMemoryStore::new(login_quota),
            account_logins: rate_limit::InMemoryStore::new(Quota::per_minute(
                ACCOUNT_LOGINS_PER_MINUTE,
            )),
            hashing: tokio::sync::Semaphore::new(HASHING_AT_ONCE),
            files,
            audit: Arc::new(audit),
        }));
        Ok(App {
            state,
            csrf_key: CsrfKey::generate()?,
            headers: SecurityHeaders::strict().build()?,
        })
    }

    /// The shared state, for tests and maintenance.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Creates the account `username` as an administrator, or makes it one and sets its
    /// password if it exists.
    pub fn ensure_admin(&self, username: &str, password: &SecretString) -> Result<(), StartError> {
        let hash = self.state.passwords.hash(password)?;
        let role = RoleName::Admin.as_str();
        self.state
            .db
            .with_connection(|connection| {
                connection.execute_query(&secure::sql!(
                    "INSERT INTO users (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)
                     ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role",
                    username,
                    hash.as_str(),
                    role,
                    db::now()
                ))
            })
            .map_err(StartError::Database)?;
        self.state
            .audit(AuditEvent::new("account.ensure_admin", Outcome::Success).with_target(username));
        Ok(())
    }

    /// Every route, behind the layers, as an axum router.
    pub fn router(&self) -> axum::Router {
        self.with_layers(self.routes())
    }

    /// `routes` behind the layers every request to the service passes, outermost first:
    /// the request log line, security headers (a fresh CSP nonce per response), internal
    /// errors (panics and 500s become a problem with a correlation id), a rate limit per
    /// client address, session authentication, and the CSRF token cookie.
    ///
    /// The security headers sit outside the internal errors so that the 500 made for a
    /// panic carries them too. [`router`](App::router) is this around the service's
    /// routes; tests put routes of their own behind the same layers.
    pub fn with_layers(&self, routes: Router) -> axum::Router {
        let per_address = Quota::per_second(REQUESTS_PER_SECOND).allow_burst(REQUEST_BURST);

        routes
            .layer(CsrfLayer::new(self.csrf_key.clone()))
            .layer(
                AuthenticationLayer::new(SessionCookies::new(self.state.clone()))
                    .challenge(HeaderValue::from_static(r#"Session realm="notes""#)),
            )
            .layer(RateLimitLayer::per_client_address(
                rate_limit::InMemoryStore::new(per_address),
            ))
            .layer(InternalErrorLayer::new())
            .layer(SecurityHeadersLayer::new(self.headers.clone()))
            .into_axum()
            .layer(axum::middleware::map_response(no_store))
            .layer(axum::middleware::from_fn(log_request))
    }

    /// The service's routes, with its state.
    fn routes(&self) -> Router {
        Router::new()
            .route("/health", get(health))
            .route("/session", get(accounts::session))
            .route("/signup", post(accounts::signup).body_limit(MAX_BODY_BYTES))
            .route("/login", post(accounts::login).body_limit(MAX_BODY_BYTES))
            .route("/logout", post(accounts::logout))
            .route(
                "/notes",
                get(notes::list)
                    .post(notes::create)
                    .body_limit(MAX_BODY_BYTES),
            )
            .route(
                "/notes/{id}",
                get(notes::show)
                    .put(notes::update)
                    .delete(notes::remove)
                    .body_limit(MAX_BODY_BYTES),
            )
            .route("/notes/{id}/page", get(notes::page))
            .route("/search", get(notes::search))
            .route("/files/{*path}", get(files::download))
            .route("/admin/users", get(admin::users))
            .with_state(self.state.clone())
    }

    /// Serves on `listener` until `shutdown` completes.
    pub async fn serve(
        &self,
        listener: tokio::net::TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let service = self
            .router()
            .into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(listener, service)
            .with_graceful_shutdown(shutdown)
            .await
    }
}

/// A running instance on a loopback port, for the tour and the tests.
#[derive(Debug)]
pub struct Service {
    /// Where it listens, such as `http://127.0.0.1:40123`.
    pub base_url: String,
    /// The application, to reach its state.
    pub app: Arc<App>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Service {
    /// Starts `app` on a free port of 127.0.0.1.
    pub async fn start(app: App) -> std::io::Result<Self> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
        let base_url = format!("http://{}", listener.local_addr()?);
        let app = Arc::new(app);
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let serving = Arc::clone(&app);
        let task = tokio::spawn(async move {
            serving
                .serve(listener, async move {
                    let _ = stopped.await;
                })
                .await
        });
        Ok(Service {
            base_url,
            app,
            stop: Some(stop),
            task,
        })
    }

    /// Stops serving and waits for open connections to finish.
    pub async fn stop(mut self) -> std::io::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match (&mut self.task).await {
            Ok(result) => result,
            Err(_) => Err(std::io::Error::other("the server task failed")),
        }
    }
}

/// One log line per request: method, path without its query (which holds what users
/// search for), status, time taken and the request id. Headers, cookies and bodies are
/// never logged.
/// `Cache-Control: no-store` on every response that does not say otherwise: notes, files and
/// CSRF tokens are private, and no browser or proxy cache should keep them.
async fn no_store(mut response: axum::response::Response) -> axum::response::Response {
    response
        .headers_mut()
        .entry(http::header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}

async fn log_request(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let started = std::time::Instant::now();
    let response = next.run(request).await;
    let request_id = response
        .headers()
        .get(secure::axum::REQUEST_ID)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("")
        .to_owned();
    tracing::info!(
        method = %method,
        path = %LogSafe(&path),
        status = response.status().as_u16(),
        micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX),
        request_id = %request_id,
        "request"
    );
    response
}

const WELCOME: &str = "Welcome to the notes service.\n\
Files in this directory can be downloaded by members at /files/<name>.\n";

#[derive(serde::Serialize)]
struct Health {
    status: &'static str,
}

/// `GET /health`: open to everyone on purpose, for load balancers.
#[public]
async fn health() -> axum::Json<Health> {
    axum::Json(Health { status: "ok" })
}

/// Why the service could not start. The messages name what failed, never a secret.
#[derive(Debug)]
pub enum StartError {
    /// The database could not be opened: SQLite's result code, if it gave one. Its message
    /// is left out, since it names the file and the name came from `DATABASE_URL`.
    OpenDatabase(Option<rusqlite::ffi::Error>),
    /// The database could not be migrated or written.
    Database(rusqlite::Error),
    /// The data or files directory could not be created or read.
    Files(std::io::Error),
    /// The audit trail could not be opened.
    Audit(AuditError),
    /// The operating system's random source failed.
    Random(RandomUnavailable),
    /// The security headers are misconfigured.
    Headers(HeaderError),
    /// A password could not be hashed.
    Password(PasswordError),
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartError::OpenDatabase(Some(code)) => {
                write!(f, "the database could not be opened: {code}")
            }
            StartError::OpenDatabase(None) => f.write_str("the database could not be opened"),
            StartError::Database(error) => write!(f, "the database could not be prepared: {error}"),
            StartError::Files(error) => {
                write!(f, "the data directory could not be prepared: {error}")
            }
            StartError::Audit(error) => write!(f, "the audit trail could not be opened: {error}"),
            StartError::Random(error) => write!(f, "{error}"),
            StartError::Headers(error) => write!(f, "{error}"),
            StartError::Password(error) => write!(f, "the admin password was refused: {error}"),
        }
    }
}

impl std::error::Error for StartError {}

impl StartError {
    /// An error opening the database, reduced to SQLite's result code.
    pub fn opening(error: rusqlite::Error) -> Self {
        StartError::OpenDatabase(error.sqlite_error().copied())
    }
}

impl From<AuditError> for StartError {
    fn from(error: AuditError) -> Self {
        StartError::Audit(error)
    }
}

impl From<RandomUnavailable> for StartError {
    fn from(error: RandomUnavailable) -> Self {
        StartError::Random(error)
    }
}

impl From<HeaderError> for StartError {
    fn from(error: HeaderError) -> Self {
        StartError::Headers(error)
    }
}

impl From<PasswordError> for StartError {
    fn from(error: PasswordError) -> Self {
        StartError::Password(error)
    }
}
