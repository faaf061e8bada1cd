//! The binary as an operator starts it: `DATABASE_URL` picks the database, and an unusable
//! one is refused without printing what it holds.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use secure::sink::sql::sqlite::ConnectionExt;
use secure::sink::sql::sqlite::rusqlite::Connection;

/// `notes-service --port 0 --data DIR`, with `DATABASE_URL` set to `url`.
fn service(data: &Path, url: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_notes-service"));
    command
        .args(["--port", "0", "--data"])
        .arg(data)
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "info")
        .env_remove("NOTES_ADMIN_PASSWORD")
        .env_remove("NOTES_ADMIN_PASSWORD_FILE")
        .stdin(Stdio::null())
        .stdout(Stdio::null());
    command
}

/// Waits until the running service logs its address; stops it and panics if it does not
/// within a minute.
fn wait_until_listening(child: &mut Child) {
    let stderr = child.stderr.take().unwrap();
    let (lines, received) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { return };
            if lines.send(line).is_err() {
                return;
            }
        }
    });
    loop {
        match received.recv_timeout(Duration::from_secs(60)) {
            Ok(line) if line.contains("listening on http://127.0.0.1:") => return,
            Ok(_) => {}
            Err(_) => {
                let _ = child.kill();
                panic!("the service did not start listening");
            }
        }
    }
}

fn run(command: &mut Command) -> Output {
    command.stderr(Stdio::piped()).output().unwrap()
}

#[test]
fn database_url_from_the_environment_selects_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let chosen = dir.path().join("chosen.sqlite3");
    let data = dir.path().join("data");
    let url = format!("sqlite://{}", chosen.display());

    let mut child = service(&data, &url).stderr(Stdio::piped()).spawn().unwrap();
    wait_until_listening(&mut child);
    child.kill().unwrap();
    child.wait().unwrap();

    assert!(chosen.is_file());
    assert!(!data.join("notes.sqlite3").exists());
    // It holds password hashes and sessions: its owner alone reads it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&chosen).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
    // The audit trail is in the chosen database, beside the service's tables.
    let connection = Connection::open(&chosen).unwrap();
    let tables: i64 = connection
        .query_single(
            &secure::sql!(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('users', 'notes', 'audit_log')"
            ),
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(tables, 3);
}

#[test]
fn credentials_in_database_url_are_refused_without_being_printed() {
    let dir = tempfile::tempdir().unwrap();
    for url in [
        "sqlite://admin:hunter2@db.example/notes.sqlite3",
        "sqlite://notes.sqlite3?password=hunter2",
        "postgres://admin:hunter2@db.example/notes",
    ] {
        let output = run(&mut service(dir.path(), url));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{url}: {stderr}");
        assert!(stderr.contains("`DATABASE_URL`"), "{url}: {stderr}");
        assert!(
            !stderr.contains("hunter2") && !stderr.contains("admin"),
            "{url}: {stderr}"
        );
    }
}

/// A path is a valid `DATABASE_URL`, so one that holds a password reaches SQLite; when
/// SQLite cannot open it, the error names the failure, not the path.
#[test]
fn a_database_that_cannot_be_opened_is_reported_without_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("password=hunter2");
    // A directory is not a database file.
    std::fs::create_dir(&path).unwrap();

    let output = run(&mut service(dir.path(), &path.display().to_string()));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("the database could not be opened"),
        "{stderr}"
    );
    assert!(!stderr.contains("hunter2"), "{stderr}");

    let config = notes_service::Config::from_args(
        ["--data", &dir.path().display().to_string()],
        Some(&format!("sqlite://{}", path.display())),
    )
    .unwrap();
    let error = notes_service::App::new(&config).unwrap_err();
    for shown in [error.to_string(), format!("{error:?}")] {
        assert!(!shown.contains("hunter2"), "{shown}");
    }
}

#[test]
fn help_prints_the_usage_and_unknown_arguments_point_to_it() {
    let help = Command::new(env!("CARGO_BIN_EXE_notes-service"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(help.status.success());
    let usage = String::from_utf8(help.stdout).unwrap();
    for part in [
        "--port N",
        "--data DIR",
        "tour",
        "DATABASE_URL",
        "NOTES_ADMIN_PASSWORD",
    ] {
        assert!(usage.contains(part), "{part} missing from:\n{usage}");
    }

    let unknown = run(Command::new(env!("CARGO_BIN_EXE_notes-service")).arg("--verbose"));
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("--help"));
}
