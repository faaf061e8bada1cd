//! SQL through a real SQLite database: injection strings are data.
#![cfg(feature = "sqlite")]

use secure::sink::sql::LikePattern;
use secure::sink::sql::sqlite::ConnectionExt;
use secure::sink::sql::sqlite::rusqlite::Connection;

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

#[test]
fn sql_01_like_matches_wildcards_literally() {
    let db = Connection::open_in_memory().unwrap();
    db.execute_query(&secure::sql!("CREATE TABLE items (name TEXT)"))
        .unwrap();
    for name in ["OATH_01", "OATHX01", "50 units", "50% off", r"a\b", "a"] {
        db.execute_query(&secure::sql!("INSERT INTO items (name) VALUES (?)", name))
            .unwrap();
    }
    let search = |term: &str| -> Vec<String> {
        db.query_rows(
            &secure::sql!(
                r"SELECT name FROM items WHERE name LIKE ? ESCAPE '\' ORDER BY name",
                LikePattern::contains(term)
            ),
            |row| row.get(0),
        )
        .unwrap()
    };
    assert_eq!(search("OATH_01"), ["OATH_01"]);
    assert_eq!(search("50%"), ["50% off"]);
    assert_eq!(search("%"), ["50% off"]);
    assert_eq!(search("a\\"), [r"a\b"]);
    assert_eq!(search("_"), ["OATH_01"]);
}

#[test]
fn identifiers_work_against_sqlite() {
    #[derive(secure::SqlIdentifier)]
    enum Sort {
        Name,
        Id,
    }

    let db = database();
    db.execute_query(&secure::sql!("INSERT INTO users (name) VALUES (?)", "bob"))
        .unwrap();
    let sorted = |column: Sort| -> Vec<String> {
        db.query_rows(
            &secure::sql!("SELECT name FROM users ORDER BY {} DESC", column),
            |row| row.get(0),
        )
        .unwrap()
    };
    assert_eq!(sorted(Sort::Name), ["bob", "alice"]);
    assert_eq!(sorted(Sort::Id), ["bob", "alice"]);
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
