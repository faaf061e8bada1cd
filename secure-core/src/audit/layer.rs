//! [`AuditLayer`]: authorization denials, as `tracing` reports them, into an audit trail.

use core::fmt;
use std::collections::BTreeMap;
use std::sync::Arc;

use tracing::field::{Field, Visit};
use tracing::{Event, Subscriber, span};
use tracing_subscriber::layer::{Context, Layer};
use tracing_subscriber::registry::LookupSpan;

use super::{AuditEvent, AuditLog, AuditSink, Outcome};

/// The `tracing` target of the event every `#[requires]` refusal emits.
pub const DENIAL_TARGET: &str = "secure::authz";

/// A `tracing` layer that records every authorization denial in an [`AuditLog`].
///
/// Every refusal of a `#[requires]` check goes through one function, which emits an event
/// on the target [`DENIAL_TARGET`] with the subject's id, the requirement and the guarded
/// function. This layer turns each such event into an [`AuditEvent`]: the function is the
/// action, the subject the actor (none when nobody was signed in), the outcome
/// [`Denied`](Outcome::Denied), and the requirement and the kind of denial the details. The
/// request id is the `request_id` field of the innermost enclosing span that has one.
///
/// ```
/// use std::sync::Arc;
///
/// use secure::audit::{AuditLayer, AuditLog, MemorySink, Outcome};
/// use tracing_subscriber::prelude::*;
///
/// let log = Arc::new(AuditLog::new(MemorySink::default())?);
/// let subscriber = tracing_subscriber::registry().with(AuditLayer::new(Arc::clone(&log)));
///
/// tracing::subscriber::with_default(subscriber, || {
///     let _request = tracing::info_span!("request", request_id = "req-1").entered();
///     // What a refused `#[requires(Admin)]` check emits:
///     tracing::warn!(
///         target: "secure::authz",
///         subject = "u-2",
///         requirement = "Admin",
///         function = "shop::purge",
///         denial = "insufficient",
///         "access denied",
///     );
/// });
///
/// let event = log.with_sink(|sink| sink.records()[0].event())?;
/// assert_eq!(event.action(), "shop::purge");
/// assert_eq!(event.actor(), Some("u-2"));
/// assert_eq!(event.outcome(), Outcome::Denied);
/// assert_eq!(event.request_id(), Some("req-1"));
/// # Ok::<(), secure::audit::AuditError>(())
/// ```
///
/// # Why a layer
///
/// The layer holds the log it writes to, and the subscriber holds the layer: nothing is
/// registered in a global of this crate. A test scopes its own subscriber with
/// `tracing::subscriber::with_default` and its own log, so parallel tests never share one;
/// an application installs it once with the rest of its `tracing` setup.
///
/// # What is not guaranteed
///
/// The layer sees only the events its subscriber lets through. A filter applied to the
/// whole subscriber (an `EnvFilter` added with `.with(..)` rather than a per-layer filter),
/// or `tracing`'s `max_level_*` features, can drop the `info` events of unauthenticated
/// refusals, and then they are not audited either: filter other layers per layer. A record
/// that cannot be written is counted by [`AuditLog::failures`], since a layer cannot
/// return an error.
pub struct AuditLayer<S> {
    log: Arc<AuditLog<S>>,
}

impl<S> AuditLayer<S> {
    /// A layer that records denials in `log`.
    pub fn new(log: Arc<AuditLog<S>>) -> Self {
        AuditLayer { log }
    }
}

impl<S> fmt::Debug for AuditLayer<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuditLayer").finish_non_exhaustive()
    }
}

/// The request id of a span, kept in its extensions.
struct RequestId(String);

/// The fields of a denial event or a span.
#[derive(Default)]
struct Fields {
    subject: Option<String>,
    requirement: Option<String>,
    function: Option<String>,
    denial: Option<String>,
    request_id: Option<String>,
}

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        let slot = match field.name() {
            "subject" => &mut self.subject,
            "requirement" => &mut self.requirement,
            "function" => &mut self.function,
            "denial" => &mut self.denial,
            "request_id" => &mut self.request_id,
            _ => return,
        };
        *slot = Some(value.to_owned());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        if field.name() == "request_id" {
            self.request_id = Some(format!("{value:?}"));
        }
    }
}

impl<S, Sub> Layer<Sub> for AuditLayer<S>
where
    S: AuditSink + 'static,
    Sub: Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_new_span(&self, attrs: &span::Attributes<'_>, id: &span::Id, ctx: Context<'_, Sub>) {
        let mut fields = Fields::default();
        attrs.record(&mut fields);
        if let (Some(request_id), Some(span)) = (fields.request_id, ctx.span(id)) {
            span.extensions_mut().insert(RequestId(request_id));
        }
    }

    fn on_record(&self, id: &span::Id, values: &span::Record<'_>, ctx: Context<'_, Sub>) {
        let mut fields = Fields::default();
        values.record(&mut fields);
        if let (Some(request_id), Some(span)) = (fields.request_id, ctx.span(id)) {
            span.extensions_mut().replace(RequestId(request_id));
        }
    }

    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, Sub>) {
        if event.metadata().target() != DENIAL_TARGET {
            return;
        }
        let mut fields = Fields::default();
        event.record(&mut fields);
        let (Some(function), Some(requirement)) = (fields.function, fields.requirement) else {
            return;
        };

        let details = BTreeMap::from([
            ("requirement", requirement),
            ("denial", fields.denial.unwrap_or_default()),
        ]);
        let mut audit = AuditEvent::new(function, Outcome::Denied);
        if let Some(subject) = fields.subject.filter(|subject| !subject.is_empty()) {
            audit = audit.with_actor(subject);
        }
        let request_id = ctx.event_scope(event).and_then(|scope| {
            scope
                .into_iter()
                .find_map(|span| span.extensions().get::<RequestId>().map(|id| id.0.clone()))
        });
        if let Some(request_id) = request_id {
            audit = audit.with_request_id(request_id);
        }
        // A failure here is counted by the log: a layer has nobody to return it to.
        let _ = audit
            .with_details(&details)
            .and_then(|audit| self.log.record(audit));
    }
}
