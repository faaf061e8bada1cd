//! Loading secrets from the environment and from files: values as given less one trailing
//! line break, files other users can reach refused, and errors that name the source and
//! never the value.
//!
//! Setting environment variables takes `unsafe` in a threaded program, so the tests that
//! need them run again in a child process with the variables set (see [`in_child`]).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use secure::prelude::*;
use secure::secret::load::{self, LoadErrorKind, Origin};

const CANARY: &str = "CANARY-secret-8d41";
const CHILD: &str = "SECURE_ATREST_SECRETS_CHILD";

/// Runs the test `name` again in a child process with `vars` set, and returns whether this
/// is the child (which then runs the body).
fn in_child(name: &str, vars: &[(&str, &str)]) -> bool {
    if std::env::var_os(CHILD).is_some() {
        return true;
    }
    let output = Command::new(std::env::current_exe().unwrap())
        .args([name, "--exact", "--test-threads=1", "--nocapture"])
        .env(CHILD, "1")
        .envs(vars.iter().copied())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("1 passed"),
        "the child ran the test:\n{stdout}"
    );
    false
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;

    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) {}

fn secret_file(dir: &Path, name: &str, contents: &[u8], mode: u32) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, contents).unwrap();
    set_mode(&path, mode);
    path
}

fn assert_quiet(error: &load::LoadError) {
    for rendering in [
        error.to_string(),
        format!("{error:?}"),
        format!("{error:#?}"),
    ] {
        assert!(!rendering.contains(CANARY), "{rendering}");
        assert!(!rendering.contains("8d41"), "{rendering}");
    }
}

#[test]
fn a_variable_is_read_with_one_trailing_line_break_removed() {
    let value = format!(" {CANARY} \n");
    if !in_child(
        "a_variable_is_read_with_one_trailing_line_break_removed",
        &[("ATREST_DB_PASSWORD", &value), ("ATREST_EMPTY", "\n")],
    ) {
        return;
    }

    let secret = load::from_env("ATREST_DB_PASSWORD").unwrap();
    assert_eq!(secret.expose_secret(), &format!(" {CANARY} "));
    assert_eq!(format!("{secret:?}"), "Secret([REDACTED])");

    let empty = load::from_env("ATREST_EMPTY").unwrap_err();
    assert_eq!(empty.kind(), LoadErrorKind::Empty);
    assert_eq!(
        empty.to_string(),
        "cannot load a secret from environment variable `ATREST_EMPTY`: the value is empty"
    );
}

#[test]
fn a_missing_variable_is_named() {
    let error = load::from_env("ATREST_SURELY_UNSET").unwrap_err();
    assert_eq!(error.kind(), LoadErrorKind::NotSet);
    assert_eq!(error.origin(), &Origin::Env("ATREST_SURELY_UNSET".into()));
    assert_eq!(
        error.to_string(),
        "cannot load a secret from environment variable `ATREST_SURELY_UNSET`: it is not set"
    );
    assert_eq!(
        load::from_env("A=B").unwrap_err().kind(),
        LoadErrorKind::InvalidName
    );
}

#[test]
fn the_file_convention_reads_the_file_a_variable_names() {
    let dir = tempfile::tempdir().unwrap();
    let path = secret_file(dir.path(), "token", format!("{CANARY}\n").as_bytes(), 0o600);
    let path = path.to_str().unwrap();
    if !in_child(
        "the_file_convention_reads_the_file_a_variable_names",
        &[
            ("ATREST_TOKEN_FILE", path),
            ("ATREST_BOTH", CANARY),
            ("ATREST_BOTH_FILE", path),
            ("ATREST_DIRECT", CANARY),
        ],
    ) {
        return;
    }

    let from_file = load::from_env_or_file("ATREST_TOKEN").unwrap();
    assert_eq!(from_file.expose_secret(), CANARY);
    let direct = load::from_env_or_file("ATREST_DIRECT").unwrap();
    assert_eq!(direct.expose_secret(), CANARY);

    let both = load::from_env_or_file("ATREST_BOTH").unwrap_err();
    assert_eq!(both.kind(), LoadErrorKind::BothSet);
    assert_eq!(
        both.to_string(),
        "cannot load a secret from environment variable `ATREST_BOTH` or `ATREST_BOTH_FILE`: both are set; keep one"
    );
    assert_quiet(&both);

    let neither = load::from_env_or_file("ATREST_NEITHER").unwrap_err();
    assert_eq!(neither.kind(), LoadErrorKind::NotSet);
    assert_eq!(
        neither.origin(),
        &Origin::EnvOrFile("ATREST_NEITHER".into(), "ATREST_NEITHER_FILE".into())
    );
}

#[cfg(feature = "crypto")]
#[test]
fn a_keyring_loads_through_the_file_convention() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "k2:{}\nk1:{}\n",
        "5d2e8a0c7f4b19e6d3a2c8f05b7e914a".repeat(2),
        "3f9a61c2d84b07e5a1c6f02d9e4b7a58".repeat(2)
    );
    let path = secret_file(dir.path(), "keys", text.as_bytes(), 0o400);
    if !in_child(
        "a_keyring_loads_through_the_file_convention",
        &[("ATREST_KEYS_FILE", path.to_str().unwrap())],
    ) {
        return;
    }

    let keyring = secure::crypto::Keyring::from_env_or_file("ATREST_KEYS").unwrap();
    assert_eq!(keyring.active(), "k2");
    assert_eq!(
        format!("{keyring:?}"),
        r#"Keyring { active: "k2", keys: ["k1", "k2"] }"#
    );
}

#[test]
fn a_private_file_is_read_as_written_less_one_line_break() {
    let dir = tempfile::tempdir().unwrap();
    let path = secret_file(dir.path(), "password", b"  s3cret \t\r\n", 0o600);
    assert_eq!(
        load::from_file(&path).unwrap().expose_secret(),
        "  s3cret \t"
    );

    let twice = secret_file(dir.path(), "twice", b"s3cret\n\n", 0o400);
    assert_eq!(load::from_file(&twice).unwrap().expose_secret(), "s3cret\n");
}

#[cfg(unix)]
#[test]
fn files_other_users_can_reach_are_refused_with_their_path_and_mode() {
    let dir = tempfile::tempdir().unwrap();
    for (mode, shown) in [
        (0o644, "644"),
        (0o640, "640"),
        (0o604, "604"),
        (0o602, "602"),
        (0o620, "620"),
    ] {
        let path = secret_file(dir.path(), "exposed", CANARY.as_bytes(), mode);
        let error = load::from_file(&path).unwrap_err();
        assert_eq!(error.kind(), LoadErrorKind::Exposed { mode }, "{mode:o}");
        assert_eq!(error.origin(), &Origin::File(path.clone()));
        assert_eq!(
            error.to_string(),
            format!(
                "cannot load a secret from file `{}`: its mode {shown} lets other users read or write it; make it 600 or 400",
                path.display()
            )
        );
        assert_quiet(&error);
    }
}

/// A private file of another user: that user could read it or swap the secret. Root's own
/// files and the process user's are accepted. Changing a file's owner takes root, so as any
/// other user the test checks the one case it can make, its own file.
#[cfg(unix)]
#[test]
fn a_private_file_of_another_user_is_refused() {
    use std::os::unix::fs::{MetadataExt, chown};

    let dir = tempfile::tempdir().unwrap();
    let path = secret_file(dir.path(), "owned", CANARY.as_bytes(), 0o600);
    let me = fs::metadata(dir.path()).unwrap().uid();
    assert_eq!(load::from_file(&path).unwrap().expose_secret(), CANARY);
    if me != 0 {
        return;
    }

    chown(&path, Some(65534), None).unwrap();
    let error = load::from_file(&path).unwrap_err();
    assert_eq!(error.kind(), LoadErrorKind::ForeignOwner { owner: 65534 });
    assert_eq!(
        error.to_string(),
        format!(
            "cannot load a secret from file `{}`: it belongs to another user (uid 65534), who could read or replace it; give it to the user this process runs as, or to root",
            path.display()
        )
    );
    assert_quiet(&error);

    chown(&path, Some(0), None).unwrap();
    assert_eq!(load::from_file(&path).unwrap().expose_secret(), CANARY);
}

/// A named pipe would block the open until something writes to it; it is refused at once.
#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_without_waiting_for_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg("-m")
        .arg("600")
        .arg(&pipe)
        .status()
        .unwrap();
    assert!(made.success());

    let (sender, receiver) = std::sync::mpsc::channel();
    let path = pipe.clone();
    std::thread::spawn(move || sender.send(load::from_file(&path).map_err(|e| e.kind())));
    let outcome = receiver
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("from_file waited on the pipe");
    assert_eq!(outcome.unwrap_err(), LoadErrorKind::NotAFile);
}

#[cfg(unix)]
#[test]
fn a_link_to_a_private_file_is_followed_and_its_target_checked() {
    let dir = tempfile::tempdir().unwrap();
    let target = secret_file(dir.path(), "target", CANARY.as_bytes(), 0o600);
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    assert_eq!(load::from_file(&link).unwrap().expose_secret(), CANARY);

    set_mode(&target, 0o644);
    assert_eq!(
        load::from_file(&link).unwrap_err().kind(),
        LoadErrorKind::Exposed { mode: 0o644 }
    );
}

#[cfg(unix)]
#[test]
fn the_escape_hatch_reads_a_file_whatever_its_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = secret_file(
        dir.path(),
        "mounted",
        format!("{CANARY}\n").as_bytes(),
        0o444,
    );
    let secret = secure::unchecked::secret_from_file_any_permissions(&path).unwrap();
    assert_eq!(secret.expose_secret(), CANARY);
}

#[test]
fn unreadable_and_unsuitable_files_are_named_errors() {
    let dir = tempfile::tempdir().unwrap();

    let missing = load::from_file(dir.path().join("missing")).unwrap_err();
    assert_eq!(
        missing.kind(),
        LoadErrorKind::Io(std::io::ErrorKind::NotFound)
    );
    assert!(missing.to_string().contains("missing"), "{missing}");

    let directory = load::from_file(dir.path()).unwrap_err();
    assert_eq!(directory.kind(), LoadErrorKind::NotAFile);

    let large = secret_file(dir.path(), "large", &vec![b'a'; 64 * 1024 + 1], 0o600);
    assert_eq!(
        load::from_file(&large).unwrap_err().kind(),
        LoadErrorKind::TooLarge { limit: 64 * 1024 }
    );

    let binary = secret_file(
        dir.path(),
        "binary",
        b"\xff\xfe\x00CANARY-secret-8d41",
        0o600,
    );
    let error = load::from_file(&binary).unwrap_err();
    assert_eq!(error.kind(), LoadErrorKind::NotUnicode);
    assert_quiet(&error);

    let empty = secret_file(dir.path(), "empty", b"\r\n", 0o600);
    assert_eq!(
        load::from_file(&empty).unwrap_err().kind(),
        LoadErrorKind::Empty
    );
}

#[test]
fn decoding_errors_never_carry_the_secret() {
    let bad = Secret::new(format!("{CANARY}!!"));
    for error in [
        load::decode_hex(&bad).unwrap_err(),
        load::decode_base64(&bad).unwrap_err(),
        load::decode_key::<32>(&bad).unwrap_err(),
    ] {
        assert!(!error.to_string().contains("8d41"), "{error}");
        assert!(!format!("{error:?}").contains("8d41"), "{error:?}");
    }
}
