//! The SQLite database: opening, migrating, and running queries off the async threads.
//!
//! Every statement is a `secure::sql!` literal with bound parameters; nothing in this
//! service builds SQL text at run time.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use secure::http::Problem;
use secure::sink::sql::sqlite::ConnectionExt;
use secure::sink::sql::sqlite::rusqlite::{self, Connection};

use crate::app::StartError;
use crate::config::DatabaseUrl;

/// The schema version this build migrates to.
pub const SCHEMA_VERSION: i64 = 1;

/// A connection shared by the handlers; each use runs on tokio's blocking pool.
///
/// The audit trail writes to the same database through a connection of its own
/// ([`Db::connect`]), rather than through this one: a record is made while a query holds
/// this connection whenever an ownership check inside the query refuses (the refusal is
/// audited), and waiting for the connection there would never end.
#[derive(Clone, Debug)]
pub struct Db {
    connection: Arc<Mutex<Connection>>,
    location: Location,
}

/// Where the database lives, so that a second connection finds the same one.
#[derive(Clone, Debug)]
enum Location {
    /// A file.
    File(PathBuf),
    /// An in-memory database shared by the connections of this process that open the same
    /// name (SQLite's `memdb` file system), gone when the last of them closes.
    Memory(String),
}

impl Db {
    /// Opens (creating it if needed) and migrates the database `url` names. With
    /// [`DatabaseUrl::Memory`], a fresh in-memory database that only this `Db` and its
    /// [`connect`](Db::connect)ions reach.
    ///
    /// An error opening it holds SQLite's result code only: SQLite's own message names the
    /// file, and the file's name came from `DATABASE_URL`.
    pub fn open(url: &DatabaseUrl) -> Result<Self, StartError> {
        static MEMORY_DATABASES: AtomicU64 = AtomicU64::new(0);
        let location = match url {
            DatabaseUrl::File(path) => Location::File(path.clone()),
            DatabaseUrl::Memory => {
                let number = MEMORY_DATABASES.fetch_add(1, Ordering::Relaxed);
                Location::Memory(format!("file:/notes-service-{number}?vfs=memdb"))
            }
        };
        let connection = open_connection(&location).map_err(StartError::opening)?;
        migrate(&connection).map_err(StartError::Database)?;
        Ok(Db {
            connection: Arc::new(Mutex::new(connection)),
            location,
        })
    }

    /// Another connection to the same database (the same in-memory one too), for the audit
    /// trail.
    pub fn connect(&self) -> Result<Connection, StartError> {
        open_connection(&self.location).map_err(StartError::opening)
    }

    /// Runs `work` with the connection on the blocking pool. A database error inside is
    /// logged and answered as a 500 without detail.
    pub async fn run<T, F>(&self, work: F) -> Result<T, Problem>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, Problem> + Send + 'static,
    {
        let connection = Arc::clone(&self.connection);
        let outcome = tokio::task::spawn_blocking(move || {
            let connection = connection.lock().unwrap_or_else(PoisonError::into_inner);
            work(&connection)
        })
        .await;
        match outcome {
            Ok(result) => result,
            Err(_) => Err(Problem::internal(None)),
        }
    }

    /// Runs `work` with the connection on the calling thread, for start-up and tests.
    pub fn with_connection<T>(&self, work: impl FnOnce(&Connection) -> T) -> T {
        let connection = self
            .connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        work(&connection)
    }
}

/// Opens a connection with foreign keys on, waiting up to 5 seconds for another
/// connection's lock; files use the write-ahead log, so the audit trail's connection can
/// write while this one reads.
fn open_connection(location: &Location) -> rusqlite::Result<Connection> {
    let connection = match location {
        Location::File(path) => {
            let connection = Connection::open(path)?;
            connection.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
            connection
        }
        // `rusqlite` opens names that start with `file:` as URIs.
        Location::Memory(uri) => Connection::open(uri)?,
    };
    connection.busy_timeout(std::time::Duration::from_secs(5))?;
    connection.pragma_update(None, "foreign_keys", "ON")?;
    Ok(connection)
}

/// Brings the schema up to [`SCHEMA_VERSION`], in one transaction per step.
pub fn migrate(connection: &Connection) -> rusqlite::Result<()> {
    let version: i64 =
        connection.query_single(&secure::sql!("PRAGMA user_version"), |row| row.get(0))?;
    if version < 1 {
        let step = connection.unchecked_transaction()?;
        step.execute_query(&secure::sql!(
            "CREATE TABLE users (
                id INTEGER PRIMARY KEY,
                username TEXT NOT NULL UNIQUE,
                password_hash TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('member', 'admin')),
                created_at INTEGER NOT NULL
            )"
        ))?;
        step.execute_query(&secure::sql!(
            "CREATE TABLE notes (
                id INTEGER PRIMARY KEY,
                owner_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                title TEXT NOT NULL,
                body TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            )"
        ))?;
        step.execute_query(&secure::sql!(
            "CREATE INDEX notes_by_owner ON notes (owner_id, id)"
        ))?;
        step.execute_query(&secure::sql!("PRAGMA user_version = 1"))?;
        step.commit()?;
    }
    Ok(())
}

/// Logs a database error (rusqlite's messages hold no bound values) and hides it behind a
/// 500.
pub fn failed(error: rusqlite::Error) -> Problem {
    tracing::error!(error = %error, "database error");
    Problem::internal(None)
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
        })
}
