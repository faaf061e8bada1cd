//! The rendering harness of the leak tests: a value through every output channel that can
//! show it, so that a test can assert that a canary secret appears in none of them.

use std::error::Error;
use std::fmt::{Debug, Display};
use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Mutex};

use secure::redact::{SerializeRedacted, redacted};

/// Everything written about some values, one string per rendering.
#[derive(Default)]
pub struct Renderings(Vec<String>);

impl Renderings {
    pub fn new() -> Self {
        Renderings::default()
    }

    /// `{:?}`, `{:#?}`, a panic message with `{:?}`, and a `tracing` event with a `?` field.
    pub fn debug<T: Debug + ?Sized>(&mut self, value: &T) -> &mut Self {
        self.0.push(format!("{value:?}"));
        self.0.push(format!("{value:#?}"));
        self.0.push(panic_message(|| panic!("{value:?}")));
        self.0.push(captured_logs(
            || tracing::info!(value = ?value, "debug field"),
        ));
        self
    }

    /// What [`debug`](Renderings::debug) writes, and `{}`, `{:#}` and a `%` field.
    pub fn display<T: Debug + Display + ?Sized>(&mut self, value: &T) -> &mut Self {
        self.debug(value);
        self.0.push(value.to_string());
        self.0.push(format!("{value:#}"));
        self.0.push(captured_logs(
            || tracing::warn!(value = %value, "display field"),
        ));
        self
    }

    /// What [`display`](Renderings::display) writes for the error and each of its sources,
    /// and the panic of `unwrap` on a result that holds it.
    pub fn error<E: Error + 'static>(&mut self, error: &E) -> &mut Self {
        self.display(error);
        let mut source = error.source();
        while let Some(error) = source {
            self.display(error);
            source = error.source();
        }
        self.0.push(panic_message(|| failed(error).unwrap()));
        self
    }

    /// serde's JSON, compact and pretty.
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> &mut Self {
        self.0.push(serde_json::to_string(value).unwrap());
        self.0.push(serde_json::to_string_pretty(value).unwrap());
        self
    }

    /// The redacted serialization as JSON, compact and pretty, and as a `tracing` field.
    pub fn redacted<T: SerializeRedacted + ?Sized>(&mut self, value: &T) -> &mut Self {
        self.json(&redacted(value));
        #[cfg(feature = "tracing")]
        self.0.push(captured_logs(|| {
            tracing::info!(value = secure::redact::field(value), "redacted field");
        }));
        self
    }

    /// A rendering made by the test itself, such as a stored form.
    pub fn text(&mut self, rendering: impl Into<String>) -> &mut Self {
        self.0.push(rendering.into());
        self
    }

    /// How many renderings there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The renderings so far.
    pub fn as_slice(&self) -> &[String] {
        &self.0
    }

    /// Asserts that no rendering contains any of `canaries`.
    pub fn assert_free_of(&self, canaries: &[&str]) {
        assert!(!self.0.is_empty(), "nothing was rendered");
        for rendering in &self.0 {
            for canary in canaries {
                assert!(
                    !rendering.contains(canary),
                    "{canary:?} leaked:\n{rendering}"
                );
            }
        }
    }
}

/// A result as a handler would return it, so that `unwrap` panics with the error.
fn failed<E>(error: &E) -> Result<(), &E> {
    Err(error)
}

/// The message of the panic `action` raises.
pub fn panic_message(action: impl FnOnce()) -> String {
    let payload = catch_unwind(AssertUnwindSafe(action)).expect_err("the action panics");
    match payload.downcast::<String>() {
        Ok(message) => *message,
        Err(payload) => payload
            .downcast::<&str>()
            .map(|message| message.to_string())
            .unwrap(),
    }
}

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().write(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What a `tracing` subscriber writes for the events `log` records.
pub fn captured_logs(log: impl FnOnce()) -> String {
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    tracing::subscriber::with_default(subscriber, log);
    let text = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    assert!(!text.is_empty(), "the subscriber captured the events");
    text
}
