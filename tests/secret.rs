//! `Secret<T>`: zeroized on drop, redacted, compared in constant time, opt-in copies.

use std::sync::atomic::{AtomicUsize, Ordering};

use secure::prelude::*;
use secure::secret::{CloneableSecret, SerializableSecret, Zeroize};

static ZEROIZED: AtomicUsize = AtomicUsize::new(0);

/// A key that counts how often its bytes are wiped.
#[derive(Clone)]
struct Key([u8; 4]);

impl Zeroize for Key {
    fn zeroize(&mut self) {
        self.0.zeroize();
        ZEROIZED.fetch_add(1, Ordering::SeqCst);
    }
}

impl CloneableSecret for Key {}

#[test]
fn dropping_a_secret_and_each_of_its_copies_zeroizes_it() {
    let before = ZEROIZED.load(Ordering::SeqCst);
    let key = Secret::new(Key([1, 2, 3, 4]));
    let copy = key.clone();
    assert_eq!(copy.expose_secret().0, [1, 2, 3, 4]);
    drop(key);
    assert_eq!(ZEROIZED.load(Ordering::SeqCst), before + 1);
    drop(copy);
    assert_eq!(ZEROIZED.load(Ordering::SeqCst), before + 2);
}

/// That the text a sanitizer replaces is wiped is tested where it happens, in
/// `secure-core`'s `validate::sanitize`; here, that sanitizers reach a secret field.
#[test]
fn sanitizers_rewrite_a_secret_field() {
    #[derive(Validate)]
    struct Form {
        #[validate(sanitize(trim, nfkc, lowercase), length(min = 1))]
        code: SecretString,
    }
    let form = Untrusted::new(Form {
        code: Secret::from(" \u{FF21}\u{FF11}\u{FF12}Ä "),
    })
    .validate()
    .unwrap();
    assert_eq!(form.code.expose_secret(), "a12ä");
}

/// A custom rule that names what it found: a common password, with its length and the
/// password itself as parameters, as a careless rule might.
fn not_common(password: &SecretString) -> Result<(), secure::validate::RuleError> {
    let text = password.expose_secret();
    match text.as_str() {
        "hunter2" | "password1" => Err(secure::validate::RuleError::new("common_password")
            .with_param("length", text.len())
            .with_param("seen", &*Box::leak(text.clone().into_boxed_str()))),
        _ => Ok(()),
    }
}

#[test]
fn a_custom_rule_checks_a_secret_and_reports_none_of_it() {
    #[derive(Validate)]
    struct SignUp {
        #[validate(custom(not_common))]
        password: SecretString,
    }
    let sign_up = |password: &str| SignUp {
        password: Secret::from(password),
    };
    assert!(Untrusted::new(sign_up("correct horse")).validate().is_ok());

    let errors = Untrusted::new(sign_up("hunter2")).validate().err().unwrap();
    let error = errors.iter().next().unwrap();
    assert_eq!(
        (error.path().to_string(), error.code()),
        ("password".to_owned(), "common_password")
    );
    assert_eq!(
        error.params().len(),
        0,
        "parameters of a rule on a secret are dropped"
    );
    for rendering in [
        errors.to_string(),
        format!("{errors:?}"),
        serde_json::to_string(&errors).unwrap(),
    ] {
        assert!(!rendering.contains("hunter2"), "{rendering}");
    }
}

#[test]
fn debug_never_shows_the_value_and_display_does_not_exist() {
    let password: SecretString = Secret::from("hunter2");
    assert_eq!(format!("{password:?}"), "Secret([REDACTED])");
    assert_eq!(format!("{password:#?}"), "Secret([REDACTED])");
    assert_eq!(
        format!("{:?}", vec![Some(password)]),
        "[Some(Secret([REDACTED]))]"
    );
}

#[test]
fn equality_is_by_value() {
    let token = |text: &str| Secret::from(text);
    assert_eq!(token("abc"), token("abc"));
    assert_ne!(token("abc"), token("abd"));
    assert_ne!(token("abc"), token("abcd"));
    assert_ne!(token(""), token("a"));
    assert_eq!(token(""), token(""));
    assert_eq!(Secret::new(vec![1u8, 2]), Secret::new(vec![1u8, 2]));
    assert_eq!(Secret::new(42u64), Secret::new(42u64));
    assert_ne!(Secret::new(42u64), Secret::new(43u64));
}

#[test]
fn secrets_work_as_map_keys() {
    let mut sessions = std::collections::HashMap::new();
    sessions.insert(Secret::from("session-a"), 1);
    sessions.insert(Secret::from("session-b"), 2);
    assert_eq!(sessions.get(&Secret::from("session-b")), Some(&2));
    assert_eq!(sessions.get(&Secret::from("session-c")), None);
}

#[test]
fn deserializing_needs_no_plain_copy_and_serializing_needs_an_opt_in() {
    let secret: SecretString = serde_json::from_str("\"<PLACEHOLDER>\"").unwrap();
    assert_eq!(secret.expose_secret(), "<PLACEHOLDER>");

    #[derive(serde::Serialize)]
    struct IssuedToken(String);
    impl Zeroize for IssuedToken {
        fn zeroize(&mut self) {
            self.0.zeroize();
        }
    }
    impl SerializableSecret for IssuedToken {}
    let issued = Secret::new(IssuedToken("t0k3n".into()));
    assert_eq!(serde_json::to_string(&issued).unwrap(), "\"t0k3n\"");
}

/// A secret that opted in to serialization, for a response, inside a plain `Serialize` type
/// inside a `Redact` one: the redacted form, for logs and audit records, still masks it.
#[test]
fn an_opted_in_secret_is_masked_in_the_redacted_form_wherever_it_sits() {
    #[derive(Debug, serde::Serialize)]
    struct IssuedToken(String);
    impl Zeroize for IssuedToken {
        fn zeroize(&mut self) {
            self.0.zeroize();
        }
    }
    impl SerializableSecret for IssuedToken {}

    #[derive(Debug, serde::Serialize)]
    struct Issued {
        user: String,
        token: Secret<IssuedToken>,
        #[serde(serialize_with = "secure::unchecked::serialize_exposed")]
        refresh: SecretString,
    }

    #[derive(Redact)]
    struct Details {
        action: &'static str,
        issued: Issued,
        direct: Secret<IssuedToken>,
    }

    let issued = || Issued {
        user: "ada".into(),
        token: Secret::new(IssuedToken("CANARY-token-1".into())),
        refresh: Secret::from("CANARY-refresh-2"),
    };
    // The response shows what it opted in to.
    assert_eq!(
        serde_json::to_string(&issued()).unwrap(),
        r#"{"user":"ada","token":"CANARY-token-1","refresh":"CANARY-refresh-2"}"#
    );

    let details = Details {
        action: "issue",
        issued: issued(),
        direct: Secret::new(IssuedToken("CANARY-token-3".into())),
    };
    assert_eq!(
        serde_json::to_string(&secure::redact::redacted(&details)).unwrap(),
        r#"{"action":"issue","issued":{"user":"ada","token":"[REDACTED]","refresh":"[REDACTED]"},"direct":"[REDACTED]"}"#
    );
    // And once the redacted form is written, serialization shows the response's form again.
    assert!(
        serde_json::to_string(&issued())
            .unwrap()
            .contains("CANARY-token-1")
    );
}

/// serde's own messages quote the value they could not read; a secret's never does.
#[test]
fn a_secret_of_the_wrong_type_is_not_quoted_by_the_parse_error() {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code, reason = "only the parse error is read")]
    struct Login {
        password: SecretString,
        pin: Secret<u32>,
    }
    for body in [
        r#"{"password": 913245687, "pin": 1}"#,
        r#"{"password": "x", "pin": "CANARY-4321"}"#,
        r#"{"password": ["CANARY-4321"], "pin": 1}"#,
    ] {
        let error = serde_json::from_str::<Untrusted<Login>>(body).unwrap_err();
        let shown = format!("{error} {error:?}");
        assert!(
            !shown.contains("913245687") && !shown.contains("CANARY"),
            "{shown}"
        );
        assert!(
            error.to_string().starts_with(
                "invalid type: a secret field holds a value of another type at line 1"
            ),
            "{error}"
        );
    }
}
