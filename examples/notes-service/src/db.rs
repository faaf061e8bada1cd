//! The SQLite database: opening, migrating, and running queries off the async threads.
//!
//! Every statement is a `secure::sql!` literal with bound parameters; nothing in this
//! service builds SQL text at run time.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use secure::http::Problem;
use secure::sink::sql::sqlite::ConnectionExt;
use secure::sink::sql::sqlite::rusqlite::{self, Connection};

use crate::config::DatabaseUrl;

/// The schema version this build migrates to.
pub const SCHEMA_VERSION: i64 = 1;

/// A connection shared by the handlers; each use runs on tokio's blocking pool.
#[derive(Clone, Debug)]
pub struct Db {
    connection: Arc<Mutex<Connection>>,
}

impl Db {
    /// Opens (creating it if needed) and migrates the database `url` names.
    pub fn open(url: &DatabaseUrl) -> rusqlite::Result<Self> {
        let connection = open_connection(url)?;
        migrate(&connection)?;
        Ok(Db {
            connection: Arc::new(Mutex::new(connection)),
        })
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

/// Opens a connection with foreign keys on; files use the write-ahead log, so the audit
/// trail's own connection can write beside this one.
pub fn open_connection(url: &DatabaseUrl) -> rusqlite::Result<Connection> {
    let connection = match url {
        DatabaseUrl::File(path) => {
            let connection = Connection::open(path)?;
            connection.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
            connection.busy_timeout(std::time::Duration::from_secs(5))?;
            connection
        }
        DatabaseUrl::Memory => Connection::open_in_memory()?,
    };
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
