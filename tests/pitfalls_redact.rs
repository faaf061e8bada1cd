//! The redaction cases of the pitfalls casebook.

#![allow(dead_code)]

use secure::prelude::*;
use secure::redact::redacted;

#[derive(Redact)]
struct Person {
    #[sensitive]
    phone: Option<String>,
}

#[test]
fn red_01_full_redaction_of_options_shows_no_character() {
    for phone in [Some("+1-555-0100"), Some("ab"), None] {
        let person = Person {
            phone: phone.map(Into::into),
        };
        assert_eq!(format!("{person:?}"), "Person { phone: [REDACTED] }");
    }
}

#[derive(Redact, serde::Serialize)]
struct Config {
    host: String,
    #[sensitive]
    #[serde(serialize_with = "secure::redact::serialize_redacted")]
    db_password: String,
    #[serde(serialize_with = "secure::redact::serialize_redacted")]
    api_key: Secret<String>,
}

#[derive(Redact, serde::Serialize)]
enum Settings {
    One(Config),
    Many(Vec<Config>),
    #[sensitive]
    #[serde(serialize_with = "secure::redact::serialize_redacted")]
    Dsn(String),
}

#[derive(Redact, serde::Serialize)]
#[sensitive]
struct Vault {
    #[serde(serialize_with = "secure::redact::serialize_redacted")]
    key: String,
    #[serde(skip)]
    backup_key: String,
}

#[test]
fn red_03_serializing_never_writes_plain_text() {
    let config = || Config {
        host: "db".into(),
        db_password: "<PLACEHOLDER>".into(),
        api_key: Secret::from("<PLACEHOLDER>"),
    };
    let plain = [
        serde_json::to_string(&config()).unwrap(),
        serde_json::to_string(&vec![config(), config()]).unwrap(),
        serde_json::to_string(&Settings::One(config())).unwrap(),
        serde_json::to_string(&Settings::Many(vec![config()])).unwrap(),
        serde_json::to_string(&redacted(&Settings::Many(vec![config()]))).unwrap(),
        serde_json::to_string(&Settings::Dsn("<PLACEHOLDER>".into())).unwrap(),
        serde_json::to_string(&Vault {
            key: "<PLACEHOLDER>".into(),
            backup_key: "<PLACEHOLDER>".into(),
        })
        .unwrap(),
    ];
    for json in plain {
        assert!(
            json.contains("[REDACTED]") && !json.contains("PLACEHOLDER"),
            "{json}"
        );
    }
}

/// A secret type that opts in to copies, and counts how often a copy is wiped.
#[derive(Clone)]
struct ApiToken(String);

static WIPED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

impl secure::secret::Zeroize for ApiToken {
    fn zeroize(&mut self) {
        self.0.zeroize();
        WIPED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }
}

impl secure::secret::CloneableSecret for ApiToken {}

#[test]
fn sec_01_copies_are_secrets_too() {
    use std::sync::atomic::Ordering;

    let secret: SecretString = serde_json::from_str("\"<PLACEHOLDER>\"").unwrap();
    assert_eq!(format!("{secret:?}"), "Secret([REDACTED])");
    assert_eq!(secret.expose_secret(), "<PLACEHOLDER>");

    let before = WIPED.load(Ordering::SeqCst);
    let a = Secret::new(ApiToken("<PLACEHOLDER>".into()));
    let b = a.clone();
    for copy in [&a, &b] {
        assert_eq!(format!("{copy:?}"), "Secret([REDACTED])");
        assert_eq!(format!("{copy:#?}"), "Secret([REDACTED])");
    }
    assert_eq!(b.expose_secret().0, "<PLACEHOLDER>");
    drop(b);
    assert_eq!(
        WIPED.load(Ordering::SeqCst),
        before + 1,
        "the copy is wiped"
    );
    drop(a);
    assert_eq!(WIPED.load(Ordering::SeqCst), before + 2);
}

#[derive(Redact)]
struct Raw {
    r#type: String,
    #[sensitive]
    r#ref: String,
}

#[test]
fn drv_01_raw_identifiers_in_debug() {
    let raw = Raw {
        r#type: "x".repeat(11),
        r#ref: "<PLACEHOLDER_SECRET>".into(),
    };
    let debug = format!("{raw:?}");
    assert_eq!(
        debug,
        format!("Raw {{ type: {:?}, ref: [REDACTED] }}", "x".repeat(11))
    );
}

/// A database URL with a password, as `DATABASE_URL` holds it.
const DSN: &str = "postgres://notes:password=CANARY-7d1e@db.internal:5432/notes";

/// `Display`, `{:#}`, `Debug` and `{:#?}` of an error and of each of its sources.
fn error_forms(error: &(dyn std::error::Error + 'static)) -> Vec<String> {
    let mut forms = vec![format!("{error:?}"), format!("{error:#?}")];
    let mut current = Some(error);
    while let Some(error) = current {
        forms.extend([error.to_string(), format!("{error:#}")]);
        current = error.source();
    }
    forms
}

fn assert_no_password(forms: &[String]) {
    assert!(!forms.is_empty());
    for form in forms {
        assert!(
            !form.contains("CANARY") && !form.contains("7d1e"),
            "the password leaked: {form}"
        );
    }
}

#[derive(Validate, Redact)]
struct DatabaseConfig {
    #[validate(url(schemes("postgres", "postgresql")))]
    url: SecretString,
}

/// Runs the test `name` again in a child process with `vars` set (setting them here would
/// take `unsafe`), and returns whether this is the child, which then runs the body.
fn in_child(name: &str, vars: &[(&str, &std::ffi::OsStr)]) -> bool {
    const CHILD: &str = "SECURE_PITFALLS_REDACT_CHILD";
    if std::env::var_os(CHILD).is_some() {
        return true;
    }
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([name, "--exact", "--test-threads=1"])
        .env(CHILD, "1")
        .envs(vars.iter().copied())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(
        stdout.contains("1 passed"),
        "the child ran the test:\n{stdout}"
    );
    false
}

#[test]
fn red_04_errors_about_a_loaded_database_url_never_show_its_password() {
    use secure::secret::load;

    let dir = tempfile::tempdir().unwrap();
    let mounted = dir.path().join("database_url");
    std::fs::write(&mounted, DSN).unwrap();
    let vars = [
        ("RED_04_DATABASE_URL", DSN.as_ref()),
        ("RED_04_DATABASE_URL_FILE", mounted.as_os_str()),
    ];
    if !in_child(
        "red_04_errors_about_a_loaded_database_url_never_show_its_password",
        &vars,
    ) {
        return;
    }
    let mut forms = Vec::new();

    // Loaded from the environment: the value is a secret, and a refusal names the variable.
    let both = load::from_env_or_file("RED_04_DATABASE_URL").unwrap_err();
    assert_eq!(both.kind(), load::LoadErrorKind::BothSet);
    forms.extend(error_forms(&both));
    let url = load::from_env("RED_04_DATABASE_URL").unwrap();
    assert_eq!(url.expose_secret(), DSN);
    forms.push(format!("{url:?}"));

    // Loaded from a file that other users may read.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&mounted, std::fs::Permissions::from_mode(0o644)).unwrap();
        let exposed = load::from_file(&mounted).unwrap_err();
        assert!(matches!(
            exposed.kind(),
            load::LoadErrorKind::Exposed { .. }
        ));
        forms.extend(error_forms(&exposed));
    }

    // A connection error built from the loaded URL, as a client library might hold it.
    let config = DatabaseConfig { url };
    forms.push(format!("{config:?}"));
    forms.push(serde_json::to_string(&redacted(&config)).unwrap());

    // Refused by validation: another scheme, with the password still in it.
    let mysql = DatabaseConfig {
        url: Secret::new(DSN.replace("postgres", "mysql")),
    };
    let errors = Untrusted::new(mysql).validate().unwrap_err();
    assert_eq!(errors.iter().next().unwrap().path(), "url");
    forms.extend(error_forms(&errors));
    forms.push(serde_json::to_string(&errors).unwrap());

    assert_no_password(&forms);
}
