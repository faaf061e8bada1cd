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
//! fieldless enum, or [`SqlIdent::from_allowlist`]); the name is written double-quoted, which
//! MySQL reads as an identifier only in `ANSI_QUOTES` mode (see [Dialects](#dialects)):
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
//! Every `?` in the pattern of a `LIKE` or `ILIKE`, however the pattern is spelt (`LIKE ?`,
//! `NOT LIKE ?`, `LIKE '%' || ? || '%'`, `LIKE lower(?)`), is bound to a [`LikePattern`], so
//! that `%` and `_` typed by a user match themselves, and the pattern must be followed by
//! `ESCAPE '\'` (the macro refuses it otherwise). Every `?` in the pattern of a `GLOB` is
//! bound to a [`GlobPattern`] in the same way. The pattern ends where its operand does: at
//! `ESCAPE`, at `AND`, `OR`, `THEN` and the other words that close an expression, at a
//! comparison, a comma or a closing parenthesis outside it, or at the end of the text. Every
//! `?` in the query of SQLite's full-text `MATCH` is bound to an [`FtsQuery`], so that what a
//! user typed is searched for as words, never read as `OR`, `NEAR`, `column:` or `*`.
//!
//! # Dialects
//!
//! `sql!` reads and writes the SQL of SQLite, the database its adapter runs queries on
//! (`sqlite`, feature `sqlite`). PostgreSQL reads the same text the same way (`"name"` is an
//! identifier, `'\'` is one backslash), but its drivers number their placeholders `$1`,
//! which `sql!` neither writes nor recognises; use the text with PostgreSQL only through a
//! driver that takes `?`. MySQL reads it the same way only when its `sql_mode` holds
//! `ANSI_QUOTES` and `NO_BACKSLASH_ESCAPES`: without `ANSI_QUOTES` it reads the `"name"`
//! that a `{}` hole writes as a string, so `ORDER BY {}` sorts by a constant, and without
//! `NO_BACKSLASH_ESCAPES` a backslash in a string literal escapes the next character, so
//! `ESCAPE '\'` is an unterminated string and the macro, which ends a string at the next
//! quote, can count the placeholders differently from the server. Named placeholders
//! (`:name`) are not recognised in any dialect.
//!
//! What is *not* guaranteed: the driver's own API still accepts any string. Code that calls
//! `Connection::execute(&format!(..))` directly bypasses this module; route queries through
//! [`SqlQuery`] and its adapters.

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
    note = "parameters are integers, floats, `bool`, `&str`, `String`, byte slices, `Vec<u8>` or an `Option` of one; a `{{}}` hole takes an allowlisted identifier instead",
    note = "a `secure::Secret` is bound only on purpose: pass `secret.expose_secret()` where storing the value itself is intended (store a password's hash, never the password)"
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
/// escaped first), and the query must say `ESCAPE '\'`: `sql!` refuses a `LIKE` pattern with
/// a `?` but without it, and binds only a `LikePattern` to each `?` in the pattern.
///
/// ```
/// use secure::sink::sql::{LikePattern, SqlValue};
///
/// assert_eq!(LikePattern::contains("OATH_01").as_str(), r"%OATH\_01%");
/// assert_eq!(LikePattern::starts_with("50%").as_str(), r"50\%%");
/// assert_eq!(LikePattern::contains(r"a\").as_str(), r"%a\\%");
///
/// let term = "50%";
/// let query = secure::sql!(r"SELECT name FROM items WHERE name LIKE ? ESCAPE '\'", LikePattern::contains(term));
/// assert_eq!(query.params()[0], SqlValue::from(r"%50\%%"));
///
/// // Where the query writes the wildcards, the term is an exact pattern.
/// let query = secure::sql!(
///     r"SELECT name FROM items WHERE name LIKE '%' || lower(?) || '%' ESCAPE '\'",
///     LikePattern::exact(term),
/// );
/// assert_eq!(query.params()[0], SqlValue::from(r"50\%"));
/// ```
///
/// A NUL in the term is escaped too: SQLite reads text only up to a NUL, and the escape
/// before it makes the cut pattern match no row, where an unescaped NUL would match every
/// row that starts like the text before it.
///
/// What is *not* guaranteed: the escapes are those of SQLite, PostgreSQL and MySQL. SQL
/// Server also treats `[` and `]` as wildcards in `LIKE`, which this pattern leaves as they
/// are. SQLite cannot find a term that holds a NUL. A function the query applies to the pattern sees the escaped text: `lower(?)` and
/// `upper(?)` keep the escapes, but `replace(?, ..)` or `substr(?, ..)` can undo them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LikePattern(String);

impl LikePattern {
    /// Matches values that contain `term`.
    pub fn contains(term: &str) -> Self {
        LikePattern(pattern("%", term, "%", escape_like))
    }

    /// Matches values that start with `term`.
    pub fn starts_with(term: &str) -> Self {
        LikePattern(pattern("", term, "%", escape_like))
    }

    /// Matches values that end with `term`.
    pub fn ends_with(term: &str) -> Self {
        LikePattern(pattern("%", term, "", escape_like))
    }

    /// Matches `term` exactly; also the part of a pattern whose wildcards the query writes,
    /// as in `LIKE '%' || ? || '%'`.
    pub fn exact(term: &str) -> Self {
        LikePattern(pattern("", term, "", escape_like))
    }

    /// A pattern written in the program, whose `%` and `_` are wildcards.
    pub fn from_static(pattern: &'static str) -> Self {
        LikePattern(pattern.into())
    }

    /// The pattern.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn escape_like(c: char, pattern: &mut String) {
    // SQLite reads a pattern only up to a NUL; an escape right before the cut makes the cut
    // pattern match nothing, instead of every value that starts like the term.
    if matches!(c, '\\' | '%' | '_' | '\0') {
        pattern.push('\\');
    }
    pattern.push(c);
}

/// A SQLite `GLOB` pattern whose user-typed part matches literally.
///
/// `GLOB` has no `ESCAPE` clause; a wildcard is taken literally inside a bracket set, so
/// `*`, `?` and `[` in the term are written `[*]`, `[?]` and `[[]`. A NUL is written in a set
/// too, which SQLite, reading only up to the NUL, sees as an open set that matches no row. `sql!` binds only a
/// `GlobPattern` to each `?` in the pattern of a `GLOB`.
///
/// ```
/// use secure::sink::sql::{GlobPattern, SqlValue};
///
/// assert_eq!(GlobPattern::contains("a*b").as_str(), "*a[*]b*");
/// assert_eq!(GlobPattern::exact("[x]?").as_str(), "[[]x][?]");
///
/// let query = secure::sql!("SELECT name FROM files WHERE name GLOB ?", GlobPattern::ends_with(".rs"));
/// assert_eq!(query.params()[0], SqlValue::from("*.rs"));
/// ```
///
/// What is *not* guaranteed: `GLOB` is SQLite's; other databases have no such operator or
/// read these brackets differently. `GLOB` is case-sensitive, and so is this pattern.
/// SQLite cannot find a term that holds a NUL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GlobPattern(String);

impl GlobPattern {
    /// Matches values that contain `term`.
    pub fn contains(term: &str) -> Self {
        GlobPattern(pattern("*", term, "*", escape_glob))
    }

    /// Matches values that start with `term`.
    pub fn starts_with(term: &str) -> Self {
        GlobPattern(pattern("", term, "*", escape_glob))
    }

    /// Matches values that end with `term`.
    pub fn ends_with(term: &str) -> Self {
        GlobPattern(pattern("*", term, "", escape_glob))
    }

    /// Matches `term` exactly; also the part of a pattern whose wildcards the query writes,
    /// as in `GLOB '*' || ? || '*'`.
    pub fn exact(term: &str) -> Self {
        GlobPattern(pattern("", term, "", escape_glob))
    }

    /// A pattern written in the program, whose `*`, `?` and `[...]` are wildcards.
    pub fn from_static(pattern: &'static str) -> Self {
        GlobPattern(pattern.into())
    }

    /// The pattern.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn escape_glob(c: char, pattern: &mut String) {
    match c {
        '*' => pattern.push_str("[*]"),
        '?' => pattern.push_str("[?]"),
        '[' => pattern.push_str("[[]"),
        // SQLite reads a pattern only up to a NUL; a set left open by the cut matches nothing.
        '\0' => pattern.push_str("[\0]"),
        c => pattern.push(c),
    }
}

/// `before`, then `term` escaped one character at a time, then `after`.
fn pattern(before: &str, term: &str, after: &str, escape: fn(char, &mut String)) -> String {
    let mut pattern = String::with_capacity(before.len() + term.len() + after.len() + 2);
    pattern.push_str(before);
    term.chars().for_each(|c| escape(c, &mut pattern));
    pattern.push_str(after);
    pattern
}

/// An SQLite FTS5 full-text query whose user-typed part is searched for as words.
///
/// FTS5 reads a query as a small language: `OR`, `NOT`, `NEAR(..)`, `column:`, `^`, `*`
/// and parentheses are operators, and a stray `"` is a syntax error. Each term here is
/// written as an FTS5 string (in double quotes, a `"` doubled), which FTS5 reads as a phrase
/// of plain words. `sql!` binds only an `FtsQuery` to each `?` in the query operand of a
/// `MATCH`.
///
/// ```
/// use secure::sink::sql::{FtsQuery, SqlValue};
///
/// assert_eq!(FtsQuery::all_words("secret OR body:*").as_str(), r#""secret" "OR" "body:*""#);
/// assert_eq!(FtsQuery::phrase(r#"say "hi""#).as_str(), r#""say ""hi""""#);
/// assert_eq!(FtsQuery::prefix("gro").as_str(), r#""gro" *"#);
///
/// let query = secure::sql!(
///     "SELECT rowid FROM notes_fts WHERE notes_fts MATCH ? ORDER BY rank",
///     FtsQuery::all_words("milk eggs"),
/// );
/// assert_eq!(query.params()[0], SqlValue::from(r#""milk" "eggs""#));
/// ```
///
/// What is *not* guaranteed: the table-valued form (`notes_fts(?)`) and `notes_fts = ?` are
/// full-text queries too, and `sql!` does not see them as such; write `MATCH`. FTS5's
/// tokenizer still decides what a word is, so punctuation inside a term is dropped as it is
/// when the text is indexed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FtsQuery(String);

impl FtsQuery {
    /// Rows that contain `phrase`: its words, in order, next to each other.
    pub fn phrase(phrase: &str) -> Self {
        FtsQuery(fts_string(phrase))
    }

    /// Rows that contain every whitespace-separated word of `text`, anywhere. Empty text
    /// (which FTS5 refuses as a query) is a phrase that matches no row.
    pub fn all_words(text: &str) -> Self {
        let words: Vec<String> = text.split_whitespace().map(fts_string).collect();
        if words.is_empty() {
            return FtsQuery(fts_string(""));
        }
        FtsQuery(words.join(" "))
    }

    /// Rows with a phrase that starts with `prefix`, its last word completed: what a search
    /// box suggests as the user types.
    pub fn prefix(prefix: &str) -> Self {
        FtsQuery(format!("{} *", fts_string(prefix)))
    }

    /// A query written in the program, whose operators are operators.
    pub fn from_static(query: &'static str) -> Self {
        FtsQuery(query.into())
    }

    /// The query.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `text` as an FTS5 string: in double quotes, each `"` doubled.
fn fts_string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        if c == '"' {
            quoted.push('"');
        }
        quoted.push(c);
    }
    quoted.push('"');
    quoted
}

/// What `sql!` binds to a `?` in the query of a full-text `MATCH`: an [`FtsQuery`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an `FtsQuery`, and this placeholder is part of a full-text `MATCH` query",
    label = "expected `FtsQuery`",
    note = "build the query with `FtsQuery::all_words`, `phrase` or `prefix`, which quote what the user typed so that FTS5 reads words, not `OR`, `NEAR`, `column:` or `*`"
)]
pub trait IntoFtsValue<'a> {
    /// The value to bind.
    fn into_fts_value(self) -> SqlValue<'a>;
}

impl IntoFtsValue<'_> for FtsQuery {
    fn into_fts_value(self) -> SqlValue<'static> {
        SqlValue::Text(Cow::Owned(self.0))
    }
}

impl<'a> IntoFtsValue<'a> for &'a FtsQuery {
    fn into_fts_value(self) -> SqlValue<'a> {
        SqlValue::Text(Cow::Borrowed(&self.0))
    }
}

/// What `sql!` binds to a `?` in the pattern of a `LIKE`: a [`LikePattern`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a `LikePattern`, and this placeholder is part of a `LIKE` pattern",
    label = "expected `LikePattern`",
    note = "build the pattern with `LikePattern::contains`, `starts_with`, `ends_with` or `exact`, which escape `%`, `_` and `\\`; where the query writes the wildcards, as in `'%' || ? || '%'`, use `LikePattern::exact`"
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

/// What `sql!` binds to a `?` in the pattern of a `GLOB`: a [`GlobPattern`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a `GlobPattern`, and this placeholder is part of a `GLOB` pattern",
    label = "expected `GlobPattern`",
    note = "build the pattern with `GlobPattern::contains`, `starts_with`, `ends_with` or `exact`, which write `*`, `?` and `[` so that they match themselves"
)]
pub trait IntoGlobValue<'a> {
    /// The value to bind.
    fn into_glob_value(self) -> SqlValue<'a>;
}

impl IntoGlobValue<'_> for GlobPattern {
    fn into_glob_value(self) -> SqlValue<'static> {
        SqlValue::Text(Cow::Owned(self.0))
    }
}

impl<'a> IntoGlobValue<'a> for &'a GlobPattern {
    fn into_glob_value(self) -> SqlValue<'a> {
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

    pub fn glob<'a, T: IntoGlobValue<'a>>(value: T) -> SqlValue<'a> {
        value.into_glob_value()
    }

    pub fn full_text<'a, T: IntoFtsValue<'a>>(value: T) -> SqlValue<'a> {
        value.into_fts_value()
    }

    pub fn identifier<T: SqlIdentifier>(value: T) -> &'static str {
        value.sql_identifier()
    }
}
