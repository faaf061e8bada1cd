//! SQL: query text from literals only, values bound as parameters, identifiers from
//! allowlists.
//!
//! The `sql!` macro takes the query text as a string literal and nothing else, so no value
//! can be spliced into it: a `format!` or a variable in its place is a compile error. Values
//! go in `?` placeholders and are bound by the driver; the macro counts the placeholders
//! (skipping those inside SQL strings, quoted identifiers and comments) and checks the count
//! against the arguments at compile time.
//!
//! ```
//! use secure::sink::sql::SqlValue;
//!
//! let name = "Robert'); DROP TABLE students;--";
//! let query = secure::sql!("SELECT id FROM students WHERE name = ? AND year > ?", name, 2020);
//! assert_eq!(query.text(), "SELECT id FROM students WHERE name = ? AND year > ?");
//! assert_eq!(query.params(), [SqlValue::from(name), SqlValue::Integer(2020)]);
//! ```
//!
//! Table and column names cannot be parameters. A `{}` hole in the text takes a value of a
//! type implementing [`SqlIdentifier`], which only an allowlist produces (the derive on a
//! fieldless enum, or [`SqlIdent::from_allowlist`]); the name is written double-quoted:
//!
//! ```
//! use secure::sink::sql::SqlIdentifier;
//!
//! #[derive(secure::SqlIdentifier, Clone, Copy)]
//! enum SortBy {
//!     Name,
//!     CreatedAt,
//! }
//!
//! let query = secure::sql!("SELECT id FROM users ORDER BY {} LIMIT ?", SortBy::CreatedAt, 10);
//! assert_eq!(query.text(), r#"SELECT id FROM users ORDER BY "created_at" LIMIT ?"#);
//! ```
//!
//! A `LIKE ?` must be written `LIKE ? ESCAPE '\'` and bound to a [`LikePattern`], so that
//! `%` and `_` typed by a user match themselves (the macro refuses a bare `LIKE ?`).
//!
//! What is *not* guaranteed: the driver's own API still accepts any string. Code that calls
//! `Connection::execute(&format!(..))` directly bypasses this module; route queries through
//! [`SqlQuery`] and its adapters (`sqlite`, feature `sqlite`). Placeholders are `?`
//! (SQLite, MySQL); `$1` and `:name` are not recognised.

use core::fmt;
use std::borrow::Cow;

use crate::Sanitized;

#[cfg(feature = "sqlite")]
pub mod sqlite;

/// A query: text from a literal (with allowlisted identifiers) and its bound parameters.
#[derive(Clone, PartialEq)]
pub struct SqlQuery<'a> {
    text: Cow<'static, str>,
    params: Vec<SqlValue<'a>>,
}

impl<'a> SqlQuery<'a> {
    pub(crate) fn from_trusted(text: Cow<'static, str>, params: Vec<SqlValue<'a>>) -> Self {
        SqlQuery { text, params }
    }

    /// The query text, with `?` where the parameters go.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The parameters, in placeholder order.
    pub fn params(&self) -> &[SqlValue<'a>] {
        &self.params
    }
}

impl fmt::Debug for SqlQuery<'_> {
    /// Shows the text and the number of parameters, never their values, which may be
    /// personal data.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SqlQuery")
            .field("text", &self.text)
            .field("params", &self.params.len())
            .finish()
    }
}

/// A value bound to a placeholder.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum SqlValue<'a> {
    /// SQL `NULL`.
    Null,
    /// An integer.
    Integer(i64),
    /// A floating-point number.
    Real(f64),
    /// Text.
    Text(Cow<'a, str>),
    /// Bytes.
    Blob(Cow<'a, [u8]>),
}

/// A Rust value that can be bound to a `?` placeholder of `sql!`.
///
/// Borrowed text and bytes are bound without a copy; pass `&name` to keep `name`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be bound to a `?` placeholder of `sql!`",
    label = "not a SQL parameter value",
    note = "parameters are integers, floats, `bool`, `&str`, `String`, byte slices, `Vec<u8>` or an `Option` of one; a `{{}}` hole takes an allowlisted identifier instead"
)]
pub trait IntoSqlValue<'a> {
    /// The value to bind.
    fn into_sql_value(self) -> SqlValue<'a>;
}

impl<'a, T: IntoSqlValue<'a>> From<T> for SqlValue<'a> {
    fn from(value: T) -> Self {
        value.into_sql_value()
    }
}

macro_rules! integer_values {
    ($($ty:ty),*) => {$(
        impl IntoSqlValue<'_> for $ty {
            fn into_sql_value(self) -> SqlValue<'static> {
                SqlValue::Integer(i64::from(self))
            }
        }

        impl IntoSqlValue<'_> for &$ty {
            fn into_sql_value(self) -> SqlValue<'static> {
                SqlValue::Integer(i64::from(*self))
            }
        }
    )*};
}

integer_values!(i8, i16, i32, i64, u8, u16, u32, bool);

impl IntoSqlValue<'_> for f64 {
    fn into_sql_value(self) -> SqlValue<'static> {
        SqlValue::Real(self)
    }
}

impl IntoSqlValue<'_> for f32 {
    fn into_sql_value(self) -> SqlValue<'static> {
        SqlValue::Real(f64::from(self))
    }
}

impl<'a> IntoSqlValue<'a> for &'a str {
    fn into_sql_value(self) -> SqlValue<'a> {
        SqlValue::Text(Cow::Borrowed(self))
    }
}

impl<'a> IntoSqlValue<'a> for &'a String {
    fn into_sql_value(self) -> SqlValue<'a> {
        SqlValue::Text(Cow::Borrowed(self))
    }
}

impl IntoSqlValue<'_> for String {
    fn into_sql_value(self) -> SqlValue<'static> {
        SqlValue::Text(Cow::Owned(self))
    }
}

impl<'a> IntoSqlValue<'a> for Cow<'a, str> {
    fn into_sql_value(self) -> SqlValue<'a> {
        SqlValue::Text(self)
    }
}

impl<'a> IntoSqlValue<'a> for &'a [u8] {
    fn into_sql_value(self) -> SqlValue<'a> {
        SqlValue::Blob(Cow::Borrowed(self))
    }
}

impl<'a> IntoSqlValue<'a> for &'a Vec<u8> {
    fn into_sql_value(self) -> SqlValue<'a> {
        SqlValue::Blob(Cow::Borrowed(self))
    }
}

impl IntoSqlValue<'_> for Vec<u8> {
    fn into_sql_value(self) -> SqlValue<'static> {
        SqlValue::Blob(Cow::Owned(self))
    }
}

impl<'a, T: IntoSqlValue<'a>> IntoSqlValue<'a> for Option<T> {
    fn into_sql_value(self) -> SqlValue<'a> {
        self.map_or(SqlValue::Null, T::into_sql_value)
    }
}

impl<'a, T> IntoSqlValue<'a> for &'a Sanitized<T>
where
    &'a T: IntoSqlValue<'a>,
{
    fn into_sql_value(self) -> SqlValue<'a> {
        (&**self).into_sql_value()
    }
}

/// A `LIKE` pattern whose user-typed part matches literally.
///
/// `\`, `%` and `_` in the term are escaped with `\` in one pass (so the escape character is
/// escaped first), and the query must say `ESCAPE '\'`: `sql!` refuses a `LIKE ?` without it
/// and binds only a `LikePattern` to a `LIKE ? ESCAPE '\'`.
///
/// ```
/// use secure::sink::sql::LikePattern;
///
/// assert_eq!(LikePattern::contains("OATH_01").as_str(), r"%OATH\_01%");
/// assert_eq!(LikePattern::starts_with("50%").as_str(), r"50\%%");
/// assert_eq!(LikePattern::contains(r"a\").as_str(), r"%a\\%");
///
/// let term = "50%";
/// let query = secure::sql!(r"SELECT name FROM items WHERE name LIKE ? ESCAPE '\'", LikePattern::contains(term));
/// assert_eq!(query.params()[0], secure::sink::sql::SqlValue::from(r"%50\%%"));
/// ```
///
/// What is *not* guaranteed: SQL Server also treats `[` and `]` as wildcards in `LIKE`; this
/// pattern is for SQLite, PostgreSQL and MySQL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LikePattern(String);

impl LikePattern {
    /// Matches values that contain `term`.
    pub fn contains(term: &str) -> Self {
        Self::build("%", term, "%")
    }

    /// Matches values that start with `term`.
    pub fn starts_with(term: &str) -> Self {
        Self::build("", term, "%")
    }

    /// Matches values that end with `term`.
    pub fn ends_with(term: &str) -> Self {
        Self::build("%", term, "")
    }

    /// Matches `term` exactly.
    pub fn exact(term: &str) -> Self {
        Self::build("", term, "")
    }

    /// A pattern written in the program, whose `%` and `_` are wildcards.
    pub fn from_static(pattern: &'static str) -> Self {
        LikePattern(pattern.into())
    }

    fn build(before: &str, term: &str, after: &str) -> Self {
        let mut pattern = String::with_capacity(term.len() + 4);
        pattern.push_str(before);
        for c in term.chars() {
            if matches!(c, '\\' | '%' | '_') {
                pattern.push('\\');
            }
            pattern.push(c);
        }
        pattern.push_str(after);
        LikePattern(pattern)
    }

    /// The pattern.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What `sql!` binds to `LIKE ? ESCAPE '\'`: a [`LikePattern`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a `LikePattern`, and this placeholder follows `LIKE`",
    label = "expected `LikePattern`",
    note = "build the pattern with `LikePattern::contains`, `starts_with`, `ends_with` or `exact`, which escape `%`, `_` and `\\`"
)]
pub trait IntoLikeValue<'a> {
    /// The value to bind.
    fn into_like_value(self) -> SqlValue<'a>;
}

impl IntoLikeValue<'_> for LikePattern {
    fn into_like_value(self) -> SqlValue<'static> {
        SqlValue::Text(Cow::Owned(self.0))
    }
}

impl<'a> IntoLikeValue<'a> for &'a LikePattern {
    fn into_like_value(self) -> SqlValue<'a> {
        SqlValue::Text(Cow::Borrowed(&self.0))
    }
}

/// A table or column name that comes from an allowlist.
///
/// Derive it on a fieldless enum: each variant is one allowed name, the variant name in
/// `snake_case` unless `#[sql(name = "...")]` says otherwise. Names must be plain identifiers
/// (`[A-Za-z_][A-Za-z0-9_]*`), which the derive checks at compile time.
///
/// ```
/// use secure::sink::sql::SqlIdentifier;
///
/// #[derive(secure::SqlIdentifier)]
/// enum Column {
///     Email,
///     #[sql(name = "created")]
///     CreatedAt,
/// }
///
/// assert_eq!(Column::Email.sql_identifier(), "email");
/// assert_eq!(Column::CreatedAt.sql_identifier(), "created");
/// ```
///
/// A hand-written impl may return any name; `sql!` writes it as one quoted identifier of
/// standard SQL, doubling every `"` in it, so the name cannot end its quotes and add SQL. What
/// is *not* guaranteed: that the name is one the schema has, or that it is quoted right for a
/// database that does not quote identifiers with `"` (MySQL outside `ANSI_QUOTES` mode).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an allowlisted SQL identifier",
    label = "a `{{}}` hole of `sql!` takes a table or column name from an allowlist",
    note = "derive `SqlIdentifier` on a fieldless enum of the allowed names, or use `SqlIdent::from_allowlist`"
)]
pub trait SqlIdentifier {
    /// The name, unquoted.
    fn sql_identifier(&self) -> &'static str;
}

impl<T: SqlIdentifier + ?Sized> SqlIdentifier for &T {
    fn sql_identifier(&self) -> &'static str {
        (**self).sql_identifier()
    }
}

/// An identifier picked from an allowlist at run time, for names that come from
/// configuration rather than an enum.
///
/// ```
/// use secure::sink::sql::{SqlIdent, SqlIdentifier};
///
/// const SORTABLE: &[&str] = &["name", "created_at"];
/// assert_eq!(SqlIdent::from_allowlist("name", SORTABLE).unwrap().sql_identifier(), "name");
/// assert!(SqlIdent::from_allowlist("name; DROP TABLE users", SORTABLE).is_none());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SqlIdent(&'static str);

impl SqlIdent {
    /// The allowlist entry equal to `name`, if it is there and is a plain identifier.
    pub fn from_allowlist(name: &str, allowlist: &[&'static str]) -> Option<Self> {
        allowlist
            .iter()
            .find(|allowed| **allowed == name && is_sql_identifier(allowed))
            .map(|allowed| SqlIdent(allowed))
    }

    pub(crate) fn from_trusted(name: &'static str) -> Self {
        SqlIdent(name)
    }
}

impl SqlIdentifier for SqlIdent {
    fn sql_identifier(&self) -> &'static str {
        self.0
    }
}

/// Whether `name` is a plain identifier: an ASCII letter or `_`, then letters, digits or `_`.
pub fn is_sql_identifier(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Writes `name` as one quoted identifier of standard SQL: between double quotes, with every
/// `"` inside doubled.
///
/// The derive and [`SqlIdent::from_allowlist`] only hand out plain identifiers, but
/// [`SqlIdentifier`] is an open trait: whatever a hand-written impl returns, the quote cannot
/// end early, so the name stays one identifier (which the database may not know) and never
/// becomes SQL. This holds in every build, not only where debug assertions run.
fn push_quoted_identifier(out: &mut String, name: &str) {
    out.reserve(name.len() + 2);
    out.push('"');
    for c in name.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
}

/// The calls `sql!` emits.
#[doc(hidden)]
pub mod emit {
    use super::*;

    pub fn query<'a>(text: &'static str, params: Vec<SqlValue<'a>>) -> SqlQuery<'a> {
        SqlQuery::from_trusted(Cow::Borrowed(text), params)
    }

    /// An argument of a query with identifier holes, in the order of the text.
    pub enum Arg<'a> {
        Identifier(&'static str),
        Value(SqlValue<'a>),
    }

    /// Interleaves `pieces` with the quoted identifiers of `args` (one fewer than pieces) and
    /// keeps the values as parameters.
    pub fn query_with_identifiers<'a>(pieces: &[&'static str], args: Vec<Arg<'a>>) -> SqlQuery<'a> {
        let mut pieces = pieces.iter();
        let mut text = String::from(*pieces.next().expect("one piece at least"));
        let mut params = Vec::with_capacity(args.len());
        for arg in args {
            match arg {
                Arg::Identifier(name) => {
                    push_quoted_identifier(&mut text, name);
                    text.push_str(pieces.next().expect("a piece after each identifier"));
                }
                Arg::Value(value) => params.push(value),
            }
        }
        SqlQuery::from_trusted(Cow::Owned(text), params)
    }

    pub fn value<'a, T: IntoSqlValue<'a>>(value: T) -> SqlValue<'a> {
        value.into_sql_value()
    }

    pub fn like<'a, T: IntoLikeValue<'a>>(value: T) -> SqlValue<'a> {
        value.into_like_value()
    }

    pub fn identifier<T: SqlIdentifier>(value: T) -> &'static str {
        value.sql_identifier()
    }
}
