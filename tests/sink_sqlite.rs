//! SQL through a real SQLite database: injection strings are data.
#![cfg(feature = "sqlite")]

use proptest::prelude::*;
use secure::sink::sql::sqlite::ConnectionExt;
use secure::sink::sql::sqlite::rusqlite::Connection;
use secure::sink::sql::{GlobPattern, LikePattern};

const INJECTIONS: &[&str] = &[
    "' OR '1'='1",
    "' OR 1=1 --",
    "admin'--",
    "'; DROP TABLE users; --",
    "\"; DROP TABLE users; --",
    "1; DELETE FROM users",
    "' UNION SELECT name, sql FROM sqlite_master --",
    "Robert'); DROP TABLE students;--",
    "\\'; DROP TABLE users; --",
    "' AND (SELECT COUNT(*) FROM users) > 0 AND '1'='1",
    "%' OR name LIKE '%",
    "?",
    "/* ? */ ' --",
    "\0' OR '1'='1",
    "ʼ OR ʼ1ʼ=ʼ1",
];

fn database() -> Connection {
    let db = Connection::open_in_memory().unwrap();
    db.execute_query(&secure::sql!(
        "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"
    ))
    .unwrap();
    db.execute_query(&secure::sql!(
        "INSERT INTO users (name) VALUES (?)",
        "alice"
    ))
    .unwrap();
    db
}

fn count(db: &Connection) -> i64 {
    db.query_single(&secure::sql!("SELECT COUNT(*) FROM users"), |row| {
        row.get(0)
    })
    .unwrap()
}

#[test]
fn injection_strings_round_trip_as_data() {
    let db = database();
    for (position, injection) in INJECTIONS.iter().enumerate() {
        let inserted = db
            .execute_query(&secure::sql!(
                "INSERT INTO users (name) VALUES (?)",
                *injection
            ))
            .unwrap();
        assert_eq!(inserted, 1);
        assert_eq!(count(&db), position as i64 + 2, "{injection}");

        let found: Vec<String> = db
            .query_rows(
                &secure::sql!("SELECT name FROM users WHERE name = ?", *injection),
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(found, [*injection]);
    }

    // The table is intact and only alice matches her own name.
    let alice: Vec<i64> = db
        .query_rows(
            &secure::sql!("SELECT id FROM users WHERE name = ?", "alice"),
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(alice, [1]);
    for injection in INJECTIONS {
        let logged_in: i64 = db
            .query_single(
                &secure::sql!(
                    "SELECT COUNT(*) FROM users WHERE name = 'alice' AND name = ?",
                    *injection
                ),
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(logged_in, 0, "{injection}");
    }
}

/// A table of the SQL-01 rows, and rows whose names hold `\`, `*`, `?` and `[`.
fn items() -> Connection {
    let db = Connection::open_in_memory().unwrap();
    db.execute_query(&secure::sql!("CREATE TABLE items (name TEXT)"))
        .unwrap();
    for name in [
        "OATH_01", "OATHX01", "50 units", "50% off", r"a\b", "a", "a*b", "axb", "a?b", "[ab]", "b",
    ] {
        db.execute_query(&secure::sql!("INSERT INTO items (name) VALUES (?)", name))
            .unwrap();
    }
    db
}

fn names(db: &Connection, query: &secure::sink::sql::SqlQuery<'_>) -> Vec<String> {
    db.query_rows(query, |row| row.get(0)).unwrap()
}

#[test]
fn sql_01_like_matches_wildcards_literally() {
    let db = items();
    let search = |term: &str| {
        names(
            &db,
            &secure::sql!(
                r"SELECT name FROM items WHERE name LIKE ? ESCAPE '\' ORDER BY name",
                LikePattern::contains(term)
            ),
        )
    };
    assert_eq!(search("OATH_01"), ["OATH_01"]);
    assert_eq!(search("50%"), ["50% off"]);
    assert_eq!(search("%"), ["50% off"]);
    assert_eq!(search("a\\"), [r"a\b"]);
    assert_eq!(search("_"), ["OATH_01"]);
}

#[test]
fn sql_01_like_patterns_match_literally_however_the_pattern_is_spelt() {
    let db = items();
    let concatenated = |term: &str| {
        names(
            &db,
            &secure::sql!(
                r"SELECT name FROM items WHERE name LIKE '%' || ? || '%' ESCAPE '\' ORDER BY name",
                LikePattern::exact(term)
            ),
        )
    };
    let lowered = |term: &str| {
        names(
            &db,
            &secure::sql!(
                r"SELECT name FROM items WHERE lower(name) LIKE '%' || lower(?) || '%' ESCAPE '\' ORDER BY name",
                LikePattern::exact(term)
            ),
        )
    };
    let parenthesised = |term: &str| {
        names(
            &db,
            &secure::sql!(
                r"SELECT name FROM items WHERE name LIKE (?) ESCAPE '\' ORDER BY name",
                LikePattern::contains(term)
            ),
        )
    };
    for search in [
        &concatenated as &dyn Fn(&str) -> Vec<String>,
        &lowered,
        &parenthesised,
    ] {
        assert_eq!(search("OATH_01"), ["OATH_01"]);
        assert_eq!(search("50%"), ["50% off"]);
        assert_eq!(search("%"), ["50% off"]);
        assert_eq!(search("a\\"), [r"a\b"]);
        assert_eq!(search("\\%"), Vec::<String>::new());
        assert_eq!(search("_"), ["OATH_01"]);
        // SQLite stops reading at a NUL; the escaped NUL leaves a pattern that matches nothing.
        assert_eq!(search("a\0zzz"), Vec::<String>::new());
    }
    assert_eq!(lowered("oath_01"), ["OATH_01"]);

    let excluded: Vec<String> = names(
        &db,
        &secure::sql!(
            r"SELECT name FROM items WHERE name NOT LIKE ? ESCAPE '\' AND name LIKE ? ESCAPE '\' ORDER BY name",
            LikePattern::contains("_"),
            LikePattern::starts_with("OATH")
        ),
    );
    assert_eq!(excluded, ["OATHX01"]);
}

#[test]
fn glob_patterns_match_literally() {
    let db = items();
    let glob = |pattern: GlobPattern| {
        names(
            &db,
            &secure::sql!(
                "SELECT name FROM items WHERE name GLOB ? ORDER BY name",
                pattern
            ),
        )
    };
    assert_eq!(glob(GlobPattern::contains("*")), ["a*b"]);
    assert_eq!(glob(GlobPattern::contains("?")), ["a?b"]);
    assert_eq!(glob(GlobPattern::exact("[ab]")), ["[ab]"]);
    assert_eq!(glob(GlobPattern::starts_with("a")).len(), 5);
    assert_eq!(
        glob(GlobPattern::ends_with("b")),
        ["a*b", "a?b", r"a\b", "axb", "b"]
    );
    assert_eq!(glob(GlobPattern::contains("oath")), Vec::<String>::new());
    assert_eq!(
        glob(GlobPattern::starts_with("a\0zzz")),
        Vec::<String>::new()
    );

    let concatenated: Vec<String> = names(
        &db,
        &secure::sql!(
            "SELECT name FROM items WHERE name GLOB '*' || ? || '*' ORDER BY name",
            GlobPattern::exact("?")
        ),
    );
    assert_eq!(concatenated, ["a?b"]);
}

#[test]
fn identifiers_work_against_sqlite() {
    #[derive(secure::SqlIdentifier)]
    enum Sort {
        Name,
        Id,
    }

    let db = database();
    for name in ["carol", "bob"] {
        db.execute_query(&secure::sql!("INSERT INTO users (name) VALUES (?)", name))
            .unwrap();
    }
    let sorted = |column: Sort| -> Vec<String> {
        db.query_rows(
            &secure::sql!("SELECT name FROM users ORDER BY {} DESC", column),
            |row| row.get(0),
        )
        .unwrap()
    };
    // The two orders differ, so a swapped or constant identifier would show.
    assert_eq!(sorted(Sort::Name), ["carol", "bob", "alice"]);
    assert_eq!(sorted(Sort::Id), ["bob", "carol", "alice"]);
}

/// Text that is mostly the characters patterns treat specially.
fn pattern_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[%_\\\\*?\\[\\]^aAbB\u{e9}\u{c9}\u{0} ]{0,6}",
        any::<String>(),
    ]
}

/// A table of `rows`, and a connection to query it.
fn table(rows: &[String]) -> Connection {
    let db = Connection::open_in_memory().unwrap();
    db.execute_query(&secure::sql!(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"
    ))
    .unwrap();
    for row in rows {
        db.execute_query(&secure::sql!("INSERT INTO t (v) VALUES (?)", row))
            .unwrap();
    }
    db
}

fn ids(db: &Connection, query: &secure::sink::sql::SqlQuery<'_>) -> Vec<usize> {
    db.query_rows(query, |row| row.get::<_, i64>(0))
        .unwrap()
        .into_iter()
        .map(|id| usize::try_from(id).unwrap() - 1)
        .collect()
}

/// The indices of the rows `matches` accepts.
fn expected(rows: &[String], matches: impl Fn(&str) -> bool) -> Vec<usize> {
    (0..rows.len()).filter(|at| matches(&rows[*at])).collect()
}

/// Rows built around `term`: itself, with text around it, with one character changed, and
/// unrelated text.
fn rows_around(term: &str, others: Vec<String>) -> Vec<String> {
    let mut rows = vec![
        term.to_owned(),
        format!("x{term}y"),
        term.to_uppercase(),
        term.replacen(|c: char| c != 'a', "a", 1),
        term.chars().rev().collect(),
    ];
    rows.extend(others);
    rows
}

/// The text SQLite's `LIKE` and `GLOB` see of a value: up to its first NUL.
fn seen(text: &str) -> &str {
    text.split('\0').next().unwrap_or_default()
}

proptest! {
    // SQLite reads values and patterns up to their first NUL: a row is matched on the text
    // before it, and a term that holds one matches no row.
    #[test]
    fn like_patterns_match_exactly_the_rows_holding_the_term(
        term in pattern_text(),
        others in prop::collection::vec(pattern_text(), 0..6),
    ) {
        let rows = rows_around(&term, others);
        let db = table(&rows);
        // SQLite's LIKE folds ASCII letters only.
        let fold = |text: &str| seen(text).to_ascii_lowercase();
        let term_folded = if term.contains('\0') { None } else { Some(term.to_ascii_lowercase()) };
        let reference = |matches: &dyn Fn(String, &str) -> bool| {
            expected(&rows, |row| term_folded.as_deref().is_some_and(|term| matches(fold(row), term)))
        };

        let contains = ids(&db, &secure::sql!(r"SELECT id FROM t WHERE v LIKE ? ESCAPE '\' ORDER BY id", LikePattern::contains(&term)));
        prop_assert_eq!(contains, reference(&|row, term| row.contains(term)));
        let starts = ids(&db, &secure::sql!(r"SELECT id FROM t WHERE v LIKE ? ESCAPE '\' ORDER BY id", LikePattern::starts_with(&term)));
        prop_assert_eq!(starts, reference(&|row, term| row.starts_with(term)));
        let ends = ids(&db, &secure::sql!(r"SELECT id FROM t WHERE v LIKE ? ESCAPE '\' ORDER BY id", LikePattern::ends_with(&term)));
        prop_assert_eq!(ends, reference(&|row, term| row.ends_with(term)));
        let exact = ids(&db, &secure::sql!(r"SELECT id FROM t WHERE v LIKE ? ESCAPE '\' ORDER BY id", LikePattern::exact(&term)));
        prop_assert_eq!(exact, reference(&|row, term| row == term));
        let concatenated = ids(&db, &secure::sql!(r"SELECT id FROM t WHERE v LIKE '%' || ? || '%' ESCAPE '\' ORDER BY id", LikePattern::exact(&term)));
        prop_assert_eq!(concatenated, reference(&|row, term| row.contains(term)));
    }

    #[test]
    fn glob_patterns_match_exactly_the_rows_holding_the_term(
        term in pattern_text(),
        others in prop::collection::vec(pattern_text(), 0..6),
    ) {
        let rows = rows_around(&term, others);
        let db = table(&rows);
        let reference = |matches: &dyn Fn(&str, &str) -> bool| {
            expected(&rows, |row| !term.contains('\0') && matches(seen(row), &term))
        };

        let contains = ids(&db, &secure::sql!("SELECT id FROM t WHERE v GLOB ? ORDER BY id", GlobPattern::contains(&term)));
        prop_assert_eq!(contains, reference(&|row, term| row.contains(term)));
        let starts = ids(&db, &secure::sql!("SELECT id FROM t WHERE v GLOB ? ORDER BY id", GlobPattern::starts_with(&term)));
        prop_assert_eq!(starts, reference(&|row, term| row.starts_with(term)));
        let ends = ids(&db, &secure::sql!("SELECT id FROM t WHERE v GLOB ? ORDER BY id", GlobPattern::ends_with(&term)));
        prop_assert_eq!(ends, reference(&|row, term| row.ends_with(term)));
        let exact = ids(&db, &secure::sql!("SELECT id FROM t WHERE v GLOB ? ORDER BY id", GlobPattern::exact(&term)));
        prop_assert_eq!(exact, reference(&|row, term| row == term));
    }
}

/// An identifier written by hand that returns whatever it holds, with no allowlist: only the
/// quoting keeps its name one identifier.
struct Unchecked(&'static str);

impl secure::sink::sql::SqlIdentifier for Unchecked {
    fn sql_identifier(&self) -> &'static str {
        self.0
    }
}

#[test]
fn a_hand_written_identifier_stays_one_quoted_identifier() {
    const HOSTILE: &str = r#"name" FROM users; DROP TABLE users; --"#;
    let db = database();

    db.execute_query(&secure::sql!(
        "ALTER TABLE users ADD COLUMN {} TEXT",
        Unchecked(HOSTILE)
    ))
    .unwrap();
    db.execute_query(&secure::sql!(
        "UPDATE users SET {} = ?",
        Unchecked(HOSTILE),
        "kept"
    ))
    .unwrap();
    let values: Vec<String> = db
        .query_rows(
            &secure::sql!("SELECT {} FROM users", Unchecked(HOSTILE)),
            |row| row.get(0),
        )
        .unwrap();

    // SQLite stored the whole string as the name of one column, and the table is still there.
    assert_eq!(values, ["kept"]);
    let columns: Vec<String> = db
        .query_rows(
            &secure::sql!("SELECT name FROM pragma_table_info('users') ORDER BY cid"),
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(columns, ["id", "name", HOSTILE]);
    assert_eq!(count(&db), 1);
}

/// An FTS5 table of notes, each with the words of its body.
fn notes() -> Connection {
    let db = Connection::open_in_memory().unwrap();
    db.execute_query(&secure::sql!(
        "CREATE VIRTUAL TABLE notes USING fts5(name, body)"
    ))
    .unwrap();
    for (name, body) in [
        ("shopping", "milk eggs bread"),
        ("secret", "the launch code"),
        ("quote", "she said \"hi\" twice"),
        ("recipe", "eggs and flour"),
    ] {
        db.execute_query(&secure::sql!(
            "INSERT INTO notes (name, body) VALUES (?, ?)",
            name,
            body
        ))
        .unwrap();
    }
    db
}

#[test]
fn full_text_queries_search_for_the_words_typed_and_nothing_else() {
    use secure::sink::sql::FtsQuery;

    let db = notes();
    let search = |query: FtsQuery| -> Result<Vec<String>, String> {
        let query = secure::sql!(
            "SELECT name FROM notes WHERE body MATCH ? ORDER BY name",
            query
        );
        db.query_rows(&query, |row| row.get(0))
            .map_err(|error| error.to_string())
    };
    assert_eq!(
        search(FtsQuery::all_words("eggs")).unwrap(),
        ["recipe", "shopping"]
    );
    assert_eq!(
        search(FtsQuery::all_words("eggs milk")).unwrap(),
        ["shopping"]
    );
    assert_eq!(search(FtsQuery::phrase("said \"hi\"")).unwrap(), ["quote"]);
    assert_eq!(search(FtsQuery::prefix("lau")).unwrap(), ["secret"]);
    // FTS5 operators typed by a user are words: none widens the search or breaks the query.
    // Read as operators, `eggs OR code`, `name:secret` and `e*` would each find notes.
    for typed in [
        "eggs OR code",
        "eggs NOT milk",
        "name:secret",
        "body:*",
        "NEAR(eggs code)",
        "\"unclosed",
        "e*",
        "(",
        "",
        "   ",
    ] {
        let found = search(FtsQuery::all_words(typed)).unwrap();
        assert!(found.is_empty(), "{typed:?} found {found:?}");
        let found = search(FtsQuery::phrase(typed)).unwrap();
        assert!(found.is_empty(), "{typed:?} found {found:?}");
    }
    // A query the program writes keeps its operators.
    assert_eq!(
        search(FtsQuery::from_static("eggs OR code")).unwrap(),
        ["recipe", "secret", "shopping"]
    );
}
