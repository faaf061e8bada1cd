//! `sql!`, identifiers and `LIKE` patterns, without a database.

use proptest::prelude::*;
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
    assert_eq!(LikePattern::exact("a\0b").as_str(), "a\\\0b");

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
    assert_eq!(GlobPattern::exact("a\0b").as_str(), "a[\0]b");
    assert_eq!(GlobPattern::from_static("*.rs").as_str(), "*.rs");
}

#[test]
fn debug_does_not_show_parameters() {
    let query = secure::sql!("SELECT 1 WHERE ? = ?", "hunter2", "hunter2");
    let debug = format!("{query:?}");
    assert!(!debug.contains("hunter2"), "{debug}");
    assert!(debug.contains("params: 2"), "{debug}");
}

/// A piece of a pattern as the database reads it.
#[derive(Debug, PartialEq, Eq)]
enum Piece {
    /// A character that matches itself.
    Literal(char),
    /// `%` or `*`: any run of characters.
    AnyRun,
    /// `_` or `?`: any one character.
    AnyOne,
    /// A `[...]` set that is not one literal character.
    Set,
}

/// Reads a `LIKE ... ESCAPE '\'` pattern.
fn read_like(pattern: &str) -> Vec<Piece> {
    let mut chars = pattern.chars();
    let mut pieces = Vec::new();
    while let Some(c) = chars.next() {
        pieces.push(match c {
            '\\' => Piece::Literal(chars.next().expect("an escape escapes something")),
            '%' => Piece::AnyRun,
            '_' => Piece::AnyOne,
            c => Piece::Literal(c),
        });
    }
    pieces
}

/// Reads a SQLite `GLOB` pattern; a set of one character other than `^` is that character.
fn read_glob(pattern: &str) -> Vec<Piece> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut pieces = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        let (piece, width) = match chars[at] {
            '*' => (Piece::AnyRun, 1),
            '?' => (Piece::AnyOne, 1),
            '[' => match chars.get(at + 1..at + 3) {
                Some([c, ']']) if *c != '^' => (Piece::Literal(*c), 3),
                _ => (Piece::Set, 1),
            },
            c => (Piece::Literal(c), 1),
        };
        pieces.push(piece);
        at += width;
    }
    pieces
}

/// What a pattern of `term` must read as: `before`, each character literally, `after`.
fn literal(before: Option<Piece>, term: &str, after: Option<Piece>) -> Vec<Piece> {
    before
        .into_iter()
        .chain(term.chars().map(Piece::Literal))
        .chain(after)
        .collect()
}

proptest! {
    #[test]
    fn like_patterns_read_back_as_the_term(term in prop_oneof!["[%_\\\\a\u{0}]{0,8}", any::<String>()]) {
        prop_assert_eq!(read_like(LikePattern::contains(&term).as_str()), literal(Some(Piece::AnyRun), &term, Some(Piece::AnyRun)));
        prop_assert_eq!(read_like(LikePattern::starts_with(&term).as_str()), literal(None, &term, Some(Piece::AnyRun)));
        prop_assert_eq!(read_like(LikePattern::ends_with(&term).as_str()), literal(Some(Piece::AnyRun), &term, None));
        prop_assert_eq!(read_like(LikePattern::exact(&term).as_str()), literal(None, &term, None));
    }

    #[test]
    fn glob_patterns_read_back_as_the_term(term in prop_oneof!["[*?\\[\\]^a\u{0}]{0,8}", any::<String>()]) {
        prop_assert_eq!(read_glob(GlobPattern::contains(&term).as_str()), literal(Some(Piece::AnyRun), &term, Some(Piece::AnyRun)));
        prop_assert_eq!(read_glob(GlobPattern::starts_with(&term).as_str()), literal(None, &term, Some(Piece::AnyRun)));
        prop_assert_eq!(read_glob(GlobPattern::ends_with(&term).as_str()), literal(Some(Piece::AnyRun), &term, None));
        prop_assert_eq!(read_glob(GlobPattern::exact(&term).as_str()), literal(None, &term, None));
    }
}
