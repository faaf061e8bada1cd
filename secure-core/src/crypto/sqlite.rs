//! `Encrypted<T>` and blind indexes as SQLite values, through rusqlite.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use super::{Encrypted, IndexValue};

/// Binds the envelope as `TEXT`.
impl<T> ToSql for Encrypted<T> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.to_envelope()))
    }
}

/// Reads an envelope from a `TEXT` column; a value that is not one is an error that does
/// not repeat it.
impl<T> FromSql for Encrypted<T> {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        Encrypted::from_envelope(text).map_err(|error| FromSqlError::Other(Box::new(error)))
    }
}

/// Binds the index as `TEXT`, for `WHERE email_index = ?1`.
impl ToSql for IndexValue {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

/// Reads an index from a `TEXT` column.
impl FromSql for IndexValue {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        IndexValue::parse(value.as_str()?).ok_or(FromSqlError::InvalidType)
    }
}
