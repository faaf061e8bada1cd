//! RED-04 of the pitfalls casebook, in the service: a `DATABASE_URL` that carries a password
//! is read as a secret, and no error about it, from parsing to opening the database, shows
//! the password.

use std::process::Command;

use notes_service::{App, Config, DatabaseUrl};

const PASSWORD: &str = "CANARY-pw-62b0";

/// `Display`, `Debug` and `{:#?}` of an error.
fn forms(error: &(dyn std::error::Error + 'static)) -> Vec<String> {
    vec![
        error.to_string(),
        format!("{error:?}"),
        format!("{error:#?}"),
    ]
}

fn assert_no_password(forms: &[String]) {
    for form in forms {
        assert!(
            !form.contains(PASSWORD) && !form.contains("62b0"),
            "the password leaked: {form}"
        );
    }
}

/// Starts the service binary with `DATABASE_URL` set, and returns its exit code and what it
/// wrote.
fn serve_with(database_url: &str, dir: &std::path::Path) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_notes-service"))
        .args(["--port", "0", "--data"])
        .arg(dir)
        .env("DATABASE_URL", database_url)
        .env_remove("NOTES_ADMIN_PASSWORD")
        .env_remove("NOTES_ADMIN_PASSWORD_FILE")
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code(), text)
}

#[test]
fn red_04_database_urls_with_a_password_are_refused_without_repeating_it() {
    let urls = [
        format!("postgres://notes:password={PASSWORD}@db.internal:5432/notes"),
        format!("sqlite://notes:{PASSWORD}@localhost/notes.sqlite3"),
        format!("sqlite://notes.sqlite3?password={PASSWORD}"),
        format!("notes.sqlite3?key={PASSWORD}"),
    ];
    let dir = tempfile::tempdir().unwrap();
    for url in &urls {
        let parsed = DatabaseUrl::parse(url).unwrap_err();
        let configured = Config::from_args(["--port", "0"], Some(url)).unwrap_err();
        assert_eq!(parsed, configured, "{url}");
        assert_no_password(&forms(&parsed));

        let (code, output) = serve_with(url, dir.path());
        assert_eq!(code, Some(2), "{url}: {output}");
        assert!(output.contains("DATABASE_URL"), "{output}");
        assert_no_password(&[output]);
    }
}

#[test]
fn red_04_a_database_that_cannot_be_opened_is_reported_without_its_url() {
    let dir = tempfile::tempdir().unwrap();
    // A directory where the database file should be, and a file where a directory should be.
    let directory = dir.path().join(format!("password={PASSWORD}"));
    std::fs::create_dir(&directory).unwrap();
    let file = dir.path().join(format!("key={PASSWORD}"));
    std::fs::write(&file, "").unwrap();

    for path in [directory.clone(), file.join("notes.sqlite3")] {
        let mut config = Config::in_dir(dir.path());
        config.database = DatabaseUrl::File(path.clone());
        let Err(error) = App::new(&config) else {
            panic!("{} opened as a database", path.display());
        };
        assert_no_password(&forms(&error));

        let (code, output) = serve_with(&format!("sqlite:{}", path.display()), dir.path());
        assert_eq!(code, Some(1), "{output}");
        assert!(output.contains("could not be"), "{output}");
        assert_no_password(&[output]);
    }
}
