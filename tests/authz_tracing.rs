//! With the `tracing` feature, every refusal is reported as one event with the subject's id,
//! the requirement and the function, and nothing else about the subject.
#![cfg(feature = "tracing")]

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex};

use secure::prelude::*;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

secure::roles! {
    pub Admin = "admin";
}

/// One captured event: its level, target and every field, formatted.
#[derive(Debug)]
struct Captured {
    level: Level,
    target: String,
    fields: BTreeMap<String, String>,
}

/// A subscriber that keeps every event, so the test can read them back.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<Captured>>>);

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        self.0.lock().unwrap().push(Captured {
            level: *event.metadata().level(),
            target: event.metadata().target().to_owned(),
            fields,
        });
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

/// A principal that carries a secret, as an application's user type may.
struct Session {
    user: String,
    token: SecretString,
    roles: Vec<String>,
}

impl Subject for Session {
    fn id(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.user)
    }

    fn has_role(&self, name: &str) -> bool {
        self.roles.iter().any(|role| role == name)
    }

    fn has_scope(&self, _scope: &str) -> bool {
        false
    }
}

#[requires(Admin)]
fn drop_tables(
    #[subject] caller: Option<&Session>,
    password: &SecretString,
) -> Result<(), Forbidden> {
    let _ = password;
    Ok(())
}

fn captured(run: impl FnOnce()) -> Vec<Captured> {
    let capture = Capture::default();
    tracing::subscriber::with_default(capture.clone(), run);
    std::mem::take(&mut *capture.0.lock().unwrap())
}

#[test]
fn an_insufficient_subject_is_reported_without_secrets() {
    let session = Session {
        user: "user-17".into(),
        token: Secret::new("tok-SECRET-4711".into()),
        roles: vec!["editor".into(), "internal-only-role".into()],
    };
    let password = Secret::new(String::from("pw-SECRET-0815"));

    let events = captured(|| assert!(drop_tables(Some(&session), &password).is_err()));

    let [event] = events.as_slice() else {
        panic!("expected one event, got {events:?}");
    };
    assert_eq!(event.level, Level::WARN);
    assert_eq!(event.target, "secure::authz");
    let expected: BTreeMap<String, String> = [
        ("message", "access denied"),
        ("subject", "user-17"),
        ("requirement", "Admin"),
        ("function", "authz_tracing::drop_tables"),
        ("denial", "insufficient"),
    ]
    .into_iter()
    .map(|(key, value)| (key.to_owned(), value.to_owned()))
    .collect();
    assert_eq!(event.fields, expected);
    let everything = format!("{events:?}");
    for secret in [
        session.token.expose_secret().as_str(),
        "pw-SECRET-0815",
        "internal-only-role",
    ] {
        assert!(
            !everything.contains(secret),
            "{secret} leaked into {everything}"
        );
    }
}

#[test]
fn an_absent_subject_is_reported_as_unauthenticated() {
    let password = Secret::new(String::from("pw"));

    let events = captured(|| assert!(drop_tables(None, &password).is_err()));

    let [event] = events.as_slice() else {
        panic!("expected one event, got {events:?}");
    };
    assert_eq!(event.level, Level::INFO);
    assert_eq!(event.fields["denial"], "unauthenticated");
    assert_eq!(event.fields["subject"], "");
    assert_eq!(event.fields["requirement"], "Admin");
}

#[test]
fn an_allowed_call_reports_nothing() {
    let session = Session {
        user: "root".into(),
        token: Secret::new("t".into()),
        roles: vec!["admin".into()],
    };
    let password = Secret::new(String::from("pw"));

    let events = captured(|| assert!(drop_tables(Some(&session), &password).is_ok()));

    assert!(events.is_empty(), "{events:?}");
}
