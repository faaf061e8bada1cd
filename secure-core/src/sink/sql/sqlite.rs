//! Running [`SqlQuery`] values on SQLite through rusqlite (feature `sqlite`).
//!
//! ```
//! use secure::sink::sql::sqlite::ConnectionExt;
//!
//! let db = rusqlite::Connection::open_in_memory().unwrap();
//! db.execute_query(&secure::sql!("CREATE TABLE users (name TEXT)")).unwrap();
//! let name = "x' OR '1'='1";
//! db.execute_query(&secure::sql!("INSERT INTO users (name) VALUES (?)", name)).unwrap();
//!
//! let names: Vec<String> = db
//!     .query_rows(&secure::sql!("SELECT name FROM users WHERE name = ?", name), |row| row.get(0))
//!     .unwrap();
//! assert_eq!(names, [name]);
//! ```

pub use rusqlite;

use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{Connection, Row, ToSql, params_from_iter};

use super::{SqlQuery, SqlValue};

impl ToSql for SqlValue<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            SqlValue::Null => ToSqlOutput::Owned(Value::Null),
            SqlValue::Integer(value) => ToSqlOutput::Owned(Value::Integer(*value)),
            SqlValue::Real(value) => ToSqlOutput::Owned(Value::Real(*value)),
            SqlValue::Text(text) => ToSqlOutput::Borrowed(ValueRef::Text(text.as_bytes())),
            SqlValue::Blob(bytes) => ToSqlOutput::Borrowed(ValueRef::Blob(bytes)),
        })
    }
}

/// Runs [`SqlQuery`] values on a rusqlite [`Connection`] (and a `Transaction`, which derefs
/// to one). Statements are prepared through the connection's statement cache.
pub trait ConnectionExt {
    /// Executes a statement and returns the number of rows changed.
    fn execute_query(&self, query: &SqlQuery<'_>) -> rusqlite::Result<usize>;

    /// Runs a query and maps every row with `map`.
    fn query_rows<T, F>(&self, query: &SqlQuery<'_>, map: F) -> rusqlite::Result<Vec<T>>
    where
        F: FnMut(&Row<'_>) -> rusqlite::Result<T>;

    /// Runs a query that must return at least one row and maps the first.
    fn query_single<T, F>(&self, query: &SqlQuery<'_>, map: F) -> rusqlite::Result<T>
    where
        F: FnOnce(&Row<'_>) -> rusqlite::Result<T>;
}

impl ConnectionExt for Connection {
    fn execute_query(&self, query: &SqlQuery<'_>) -> rusqlite::Result<usize> {
        let mut statement = self.prepare_cached(query.text())?;
        statement.execute(params_from_iter(query.params()))
    }

    fn query_rows<T, F>(&self, query: &SqlQuery<'_>, map: F) -> rusqlite::Result<Vec<T>>
    where
        F: FnMut(&Row<'_>) -> rusqlite::Result<T>,
    {
        let mut statement = self.prepare_cached(query.text())?;
        let rows = statement.query_map(params_from_iter(query.params()), map)?;
        rows.collect()
    }

    fn query_single<T, F>(&self, query: &SqlQuery<'_>, map: F) -> rusqlite::Result<T>
    where
        F: FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    {
        let mut statement = self.prepare_cached(query.text())?;
        statement.query_row(params_from_iter(query.params()), map)
    }
}
