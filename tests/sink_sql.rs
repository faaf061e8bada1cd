//! `sql!`, identifiers and `LIKE` patterns, without a database.

use secure::sink::sql::{GlobPattern, LikePattern, SqlIdent, SqlIdentifier, SqlValue};

#[derive(secure::SqlIdentifier, Clone, Copy)]
enum Column {
    Name,
    CreatedAt,
    #[sql(name = "e_mail")]
    Email,
}

#[test]
fn placeholders_bind_values_in_order() {
    let name = String::from("x' OR '1'='1");
    let query = secure::sql!(
        "SELECT id FROM users WHERE name = ? AND age > ? AND note IS ?",
        &name,
        18u8,
        None::<&str>
    );
    assert_eq!(
        query.text(),
        "SELECT id FROM users WHERE name = ? AND age > ? AND note IS ?"
    );
    assert_eq!(
        query.params(),
        [
            SqlValue::from(name.as_str()),
            SqlValue::Integer(18),
            SqlValue::Null
        ]
    );
}

#[test]
fn placeholders_in_strings_and_comments_are_text() {
    let query = secure::sql!(
        "SELECT '?', \"a?\" FROM t -- why?\nWHERE a = ? /* or ? */",
        1
    );
    assert_eq!(query.params().len(), 1);
}

#[test]
fn identifiers_come_from_the_allowlist() {
    assert_eq!(Column::Name.sql_identifier(), "name");
    assert_eq!(Column::CreatedAt.sql_identifier(), "created_at");
    assert_eq!(Column::Email.sql_identifier(), "e_mail");

    let query = secure::sql!(
        "SELECT {} FROM users WHERE id = ? ORDER BY {} LIMIT ?",
        Column::Email,
        7,
        Column::CreatedAt,
        10
    );
    assert_eq!(
        query.text(),
        r#"SELECT "e_mail" FROM users WHERE id = ? ORDER BY "created_at" LIMIT ?"#
    );
    assert_eq!(
        query.params(),
        [SqlValue::Integer(7), SqlValue::Integer(10)]
    );

    const ALLOWED: &[&str] = &["name", "created_at", "bad name"];
    assert_eq!(
        SqlIdent::from_allowlist("name", ALLOWED).map(|ident| ident.sql_identifier()),
        Some("name")
    );
    assert!(SqlIdent::from_allowlist("\"; DROP TABLE users; --", ALLOWED).is_none());
    assert!(SqlIdent::from_allowlist("bad name", ALLOWED).is_none());
}

#[test]
fn sql_01_like_patterns_escape_wildcards() {
    assert_eq!(LikePattern::contains("OATH_01").as_str(), r"%OATH\_01%");
    assert_eq!(LikePattern::contains("50%").as_str(), r"%50\%%");
    assert_eq!(LikePattern::contains("a\\").as_str(), r"%a\\%");
    assert_eq!(LikePattern::contains("%").as_str(), r"%\%%");
    assert_eq!(LikePattern::contains(r"\%").as_str(), r"%\\\%%");
    assert_eq!(LikePattern::exact("_").as_str(), r"\_");

    let query = secure::sql!(
        r"SELECT name FROM t WHERE name LIKE ? ESCAPE '\'",
        LikePattern::contains("OATH_01")
    );
    assert_eq!(query.params(), [SqlValue::from(r"%OATH\_01%")]);
}

#[test]
fn every_placeholder_of_a_pattern_takes_the_pattern_and_the_others_values() {
    let query = secure::sql!(
        r"SELECT name FROM t WHERE id > ? AND name NOT LIKE '%' || lower(?) || '%' ESCAPE '\' AND path GLOB (?) LIMIT ?",
        7,
        LikePattern::exact("50%"),
        GlobPattern::ends_with("*.rs"),
        10
    );
    assert_eq!(
        query.params(),
        [
            SqlValue::Integer(7),
            SqlValue::from(r"50\%"),
            SqlValue::from("*[*].rs"),
            SqlValue::Integer(10)
        ]
    );
}

#[test]
fn glob_patterns_bracket_wildcards() {
    assert_eq!(GlobPattern::contains("a*b").as_str(), "*a[*]b*");
    assert_eq!(GlobPattern::starts_with("?").as_str(), "[?]*");
    assert_eq!(GlobPattern::exact("[a]").as_str(), "[[]a]");
    assert_eq!(GlobPattern::exact(r"%_\").as_str(), r"%_\");
    assert_eq!(GlobPattern::from_static("*.rs").as_str(), "*.rs");
}

#[test]
fn debug_does_not_show_parameters() {
    let query = secure::sql!("SELECT 1 WHERE ? = ?", "hunter2", "hunter2");
    let debug = format!("{query:?}");
    assert!(!debug.contains("hunter2"), "{debug}");
    assert!(debug.contains("params: 2"), "{debug}");
}
