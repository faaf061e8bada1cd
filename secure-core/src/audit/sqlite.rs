//! [`SqliteSink`]: the trail in a table of the application's SQLite database.

use rusqlite::{Connection, OptionalExtension, params};

use super::{AuditError, AuditRecord, AuditSink};

/// Keeps records in the table `audit_log (seq INTEGER PRIMARY KEY, record TEXT NOT NULL,
/// hash TEXT NOT NULL)`, created if missing.
///
/// ```
/// use rusqlite::Connection;
/// use secure::audit::{AuditEvent, AuditLog, Outcome, SqliteSink, verify};
///
/// let log = AuditLog::new(SqliteSink::new(Connection::open_in_memory()?)?)?;
/// log.record(AuditEvent::new("order.refund", Outcome::Denied).with_actor("u-9"))?;
/// let records = log.with_sink(|sink| sink.records())?;
/// assert_eq!(verify(records)?.records(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct SqliteSink {
    connection: Connection,
}

impl SqliteSink {
    /// Uses `connection`, creating the table if it does not exist.
    pub fn new(connection: Connection) -> Result<Self, AuditError> {
        connection
            .execute_batch(
                "CREATE TABLE IF NOT EXISTS audit_log (
                    seq INTEGER PRIMARY KEY,
                    record TEXT NOT NULL,
                    hash TEXT NOT NULL
                )",
            )
            .map_err(database)?;
        Ok(SqliteSink { connection })
    }

    /// The connection, for queries of the application's own.
    pub fn connection(&self) -> &Connection {
        &self.connection
    }

    /// Every record, ordered by the `seq` column; a row that is not a record is an error at
    /// its position.
    pub fn records(&self) -> Result<Vec<Result<AuditRecord, AuditError>>, AuditError> {
        let mut statement = self
            .connection
            .prepare("SELECT record, hash FROM audit_log ORDER BY seq")
            .map_err(database)?;
        let rows = statement
            .query_map([], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
            })
            .map_err(database)?;
        Ok(rows
            .map(|row| {
                row.map_err(database)
                    .and_then(|(record, hash)| AuditRecord::from_stored(record, hash))
            })
            .collect())
    }
}

impl AuditSink for SqliteSink {
    fn append(&mut self, record: &AuditRecord) -> Result<(), AuditError> {
        let seq = i64::try_from(record.seq()).map_err(|_| AuditError::Encoding)?;
        self.connection
            .execute(
                "INSERT INTO audit_log (seq, record, hash) VALUES (?1, ?2, ?3)",
                params![seq, record.canonical(), record.hash()],
            )
            .map_err(database)?;
        Ok(())
    }

    fn last(&mut self) -> Result<Option<AuditRecord>, AuditError> {
        let row = self
            .connection
            .query_row(
                "SELECT record, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
                [],
                |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)),
            )
            .optional()
            .map_err(database)?;
        row.map(|(record, hash)| AuditRecord::from_stored(record, hash))
            .transpose()
    }
}

fn database(error: rusqlite::Error) -> AuditError {
    AuditError::Database(error.to_string())
}
