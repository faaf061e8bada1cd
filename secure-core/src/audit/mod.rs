//! The audit trail: security-relevant actions as tamper-evident, redacted records.
//!
//! An [`AuditEvent`] says who did what to which target, with what outcome, when, and in
//! which request; its details go through the same `#[sensitive]` rules as logs
//! ([`redacted`](crate::redact::redacted)), so a trail never holds a password or a card
//! number. An [`AuditLog`] turns events into [`AuditRecord`]s, each carrying the hash of
//! the record before, and hands them to an [`AuditSink`]: [`JsonLinesSink`] (a file,
//! the default), [`SqliteSink`] (a table, with the `sqlite` feature) or your own.
//! [`verify`] finds the first record that was deleted, inserted, moved or edited.
//!
//! Two additions cover what a bare hash chain cannot show:
//!
//! - an [`Anchor`] (the record count and last hash, from [`AuditLog::anchor`]) kept where the
//!   trail's writer cannot change it: [`verify_against`] it finds records removed from the
//!   end, and a trail rewritten with recomputed hashes;
//! - an [`AuditKey`] ([`AuditLog::keyed`]): hashes become HMAC-SHA-256 under a key, which a
//!   tamperer who can write the trail but not read the key cannot recompute.
//!
//! Two things produce events:
//!
//! - the application, for the calls it marks as audited, with [`AuditLog::record`];
//! - authorization: with the `tracing` feature, [`AuditLayer`] records every `#[requires]`
//!   refusal (see there why it is a `tracing` layer rather than a global hook).
//!
//! ```
//! use secure::audit::{AuditEvent, AuditLog, MemorySink, Outcome, verify};
//! use secure::prelude::*;
//!
//! #[derive(Redact)]
//! struct Refund {
//!     order: u64,
//!     #[sensitive(partial(last = 4))]
//!     card: String,
//! }
//!
//! let log = AuditLog::new(MemorySink::default())?;
//! let refund = Refund { order: 1234, card: "4111 1111 1111 1111".into() };
//! log.record(
//!     AuditEvent::new("order.refund", Outcome::Success)
//!         .with_actor("clerk-7")
//!         .with_target("order:1234")
//!         .with_details(&refund)?,
//! )?;
//!
//! let records = log.with_sink(|sink| sink.records().to_vec());
//! assert!(records[0].canonical().contains(r#""card":"****1111""#));
//! assert_eq!(verify(records.into_iter().map(Ok))?.records(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What is not guaranteed
//!
//! The chain is tamper-evident, not tamper-proof: see [`verify`] for what it detects with
//! and without an anchor and a key. The actor, target and request id are written as
//! given: pass ids, never credentials. Events are recorded when the code says so; an action
//! the code does not record leaves no trace.

mod chain;
mod event;
mod json_lines;
#[cfg(feature = "tracing")]
mod layer;
mod log;
#[cfg(feature = "sqlite")]
mod sqlite;

pub use chain::{
    Anchor, AuditKey, AuditRecord, BreakKind, ChainBreak, GENESIS, Verified, verify, verify_against,
};
pub use event::{AuditEvent, Outcome};
pub use json_lines::JsonLinesSink;
#[cfg(feature = "tracing")]
pub use layer::{AuditLayer, DENIAL_TARGET};
pub use log::{AuditError, AuditLog, AuditSink, MemorySink};
#[cfg(feature = "sqlite")]
pub use sqlite::SqliteSink;
