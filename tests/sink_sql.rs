//! `sql!`, identifiers and `LIKE` patterns, without a database.

use secure::sink::sql::{LikePattern, SqlIdent, SqlIdentifier, SqlValue};

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
fn a_hand_written_identifier_is_quoted_with_its_quotes_doubled() {
    struct Unchecked(&'static str);

    impl SqlIdentifier for Unchecked {
        fn sql_identifier(&self) -> &'static str {
            self.0
        }
    }

    let query = secure::sql!(
        "SELECT id FROM users ORDER BY {}",
        Unchecked(r#"name"; DROP TABLE users; --"#)
    );

    assert_eq!(
        query.text(),
        r#"SELECT id FROM users ORDER BY "name""; DROP TABLE users; --""#
    );
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
fn debug_does_not_show_parameters() {
    let query = secure::sql!("SELECT 1 WHERE ? = ?", "hunter2", "hunter2");
    let debug = format!("{query:?}");
    assert!(!debug.contains("hunter2"), "{debug}");
    assert!(debug.contains("params: 2"), "{debug}");
}
