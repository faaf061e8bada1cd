//! [`AuditEvent`]: who did what to which target, with what outcome, when.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::redact::{SerializeRedacted, redacted};

use super::AuditError;

/// How an audited action ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// It was carried out.
    Success,
    /// It was attempted and failed (a wrong password, an invalid request).
    Failure,
    /// It was refused by an authorization check.
    Denied,
}

/// One security-relevant action: who (the actor), what (the action), on what (the
/// target), with what outcome, when, and in which request.
///
/// Extra details are taken through [`redacted`]: a `#[sensitive]` field of the details is
/// `[REDACTED]` before the event holds it, so no sink, `Debug` or log line can see it.
///
/// ```
/// use secure::audit::{AuditEvent, Outcome};
/// use secure::prelude::*;
///
/// #[derive(Redact)]
/// struct PasswordChange {
///     method: &'static str,
///     #[sensitive]
///     new_password: String,
/// }
///
/// let change = PasswordChange { method: "reset-link", new_password: "hunter2".into() };
/// let event = AuditEvent::new("account.password.change", Outcome::Success)
///     .with_actor("user-42")
///     .with_target("user-42")
///     .with_request_id("req-7f3a")
///     .with_details(&change)?;
///
/// assert_eq!(
///     event.details().unwrap().to_string(),
///     r#"{"method":"reset-link","new_password":"[REDACTED]"}"#
/// );
/// assert!(!format!("{event:?}").contains("hunter2"));
/// # Ok::<(), secure::audit::AuditError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEvent {
    actor: Option<String>,
    action: String,
    target: Option<String>,
    outcome: Outcome,
    #[serde(serialize_with = "write_time", deserialize_with = "read_time")]
    when: SystemTime,
    request_id: Option<String>,
    details: Option<serde_json::Value>,
}

impl AuditEvent {
    /// An event of `action` (a stable name such as `order.refund`) that ended with
    /// `outcome`, now, by nobody in particular.
    pub fn new(action: impl Into<String>, outcome: Outcome) -> Self {
        AuditEvent {
            actor: None,
            action: action.into(),
            target: None,
            outcome,
            when: SystemTime::now(),
            request_id: None,
            details: None,
        }
    }

    /// Who acted: an account id or a service name, never a credential.
    #[must_use]
    pub fn with_actor(mut self, actor: impl Into<String>) -> Self {
        self.actor = Some(actor.into());
        self
    }

    /// What was acted on, such as `order:1234`.
    #[must_use]
    pub fn with_target(mut self, target: impl Into<String>) -> Self {
        self.target = Some(target.into());
        self
    }

    /// The id of the request the action was part of.
    #[must_use]
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }

    /// When it happened, if not now.
    #[must_use]
    pub fn at(mut self, when: SystemTime) -> Self {
        self.when = when;
        self
    }

    /// Adds details in their [`redacted`] form.
    pub fn with_details<T: SerializeRedacted + ?Sized>(
        mut self,
        details: &T,
    ) -> Result<Self, AuditError> {
        let value = serde_json::to_value(redacted(details)).map_err(|_| AuditError::Encoding)?;
        self.details = Some(value);
        Ok(self)
    }

    /// Who acted, if anybody was signed in.
    pub fn actor(&self) -> Option<&str> {
        self.actor.as_deref()
    }

    /// What was done.
    pub fn action(&self) -> &str {
        &self.action
    }

    /// What it was done to.
    pub fn target(&self) -> Option<&str> {
        self.target.as_deref()
    }

    /// How it ended.
    pub fn outcome(&self) -> Outcome {
        self.outcome
    }

    /// When it happened.
    pub fn when(&self) -> SystemTime {
        self.when
    }

    /// The request it was part of.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The redacted details.
    pub fn details(&self) -> Option<&serde_json::Value> {
        self.details.as_ref()
    }
}

/// An event holds nothing sensitive (its details are redacted when added), so its redacted
/// form is its plain form.
impl SerializeRedacted for AuditEvent {
    fn serialize_redacted<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serialize(serializer)
    }
}

/// RFC 3339 in UTC with microseconds, such as `2025-06-01T12:00:00.000000Z`. A time before
/// 1970 or after 9999, which that form cannot write, is an error.
fn write_time<S: Serializer>(when: &SystemTime, serializer: S) -> Result<S::Ok, S::Error> {
    /// 10000-01-01T00:00:00Z, the first instant a four-digit year cannot write.
    const YEAR_10000: Duration = Duration::from_secs(253_402_300_800);

    let writable = when
        .duration_since(UNIX_EPOCH)
        .is_ok_and(|since| since < YEAR_10000);
    if !writable {
        return Err(serde::ser::Error::custom(
            "the event's time is outside the years 1970 to 9999",
        ));
    }
    serializer.collect_str(&humantime::format_rfc3339_micros(*when))
}

fn read_time<'de, D: Deserializer<'de>>(deserializer: D) -> Result<SystemTime, D::Error> {
    let text = String::deserialize(deserializer)?;
    humantime::parse_rfc3339(&text).map_err(|_| serde::de::Error::custom("not an RFC 3339 time"))
}
