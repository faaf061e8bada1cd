//! [`AuditLog`]: appends events to a sink as a hash chain.

use core::fmt;
use std::io;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

use super::chain::{GENESIS, Seal};
use super::{Anchor, AuditEvent, AuditKey, AuditRecord};

/// Where audit records are kept: a file, a table, a remote collector.
///
/// A sink stores records in the order given and gives the last one back, so that a log
/// reopened after a restart continues the chain.
pub trait AuditSink: Send {
    /// Stores `record` after every record stored before.
    fn append(&mut self, record: &AuditRecord) -> Result<(), AuditError>;

    /// The last record stored, if any.
    fn last(&mut self) -> Result<Option<AuditRecord>, AuditError>;
}

/// Records kept in memory, for tests and short-lived tools.
#[derive(Clone, Debug, Default)]
pub struct MemorySink {
    records: Vec<AuditRecord>,
}

impl MemorySink {
    /// The records stored, in order.
    pub fn records(&self) -> &[AuditRecord] {
        &self.records
    }
}

impl AuditSink for MemorySink {
    fn append(&mut self, record: &AuditRecord) -> Result<(), AuditError> {
        self.records.push(record.clone());
        Ok(())
    }

    fn last(&mut self) -> Result<Option<AuditRecord>, AuditError> {
        Ok(self.records.last().cloned())
    }
}

struct Chain<S> {
    sink: S,
    next_seq: u64,
    prev: String,
}

/// An audit trail: events become [`AuditRecord`]s chained by hash and go to one sink, in
/// the order they are recorded.
///
/// Share it with an `Arc`; [`record`](AuditLog::record) takes `&self` and serializes
/// writers, so the chain follows the order of the sink. One log per trail: two processes
/// appending to one file or table would fork the chain (and [`verify`](super::verify)
/// would say so).
///
/// ```
/// use secure::audit::{AuditEvent, AuditLog, MemorySink, Outcome};
///
/// let log = AuditLog::new(MemorySink::default())?;
/// let record = log.record(AuditEvent::new("order.refund", Outcome::Success).with_actor("u-7"))?;
/// assert_eq!(record.seq(), 0);
/// assert_eq!(record.event()?.actor(), Some("u-7"));
/// # Ok::<(), secure::audit::AuditError>(())
/// ```
pub struct AuditLog<S> {
    chain: Mutex<Chain<S>>,
    key: Option<AuditKey>,
    failures: AtomicU64,
}

impl<S: AuditSink> AuditLog<S> {
    /// A log that continues the chain already in `sink`, hashing records with SHA-256. A
    /// last record whose content does not match its hash is refused, rather than chained
    /// onto.
    pub fn new(sink: S) -> Result<Self, AuditError> {
        Self::open(sink, None)
    }

    /// A log like [`new`](Self::new) whose record hashes are HMAC-SHA-256 under `key`, so
    /// that only a holder of the key can compute them. Check the trail with
    /// [`AuditKey::verify`]. A trail is written with one key from its first record: a last
    /// record that does not match its hash under `key` (made with another key, or none) is
    /// refused.
    pub fn keyed(sink: S, key: AuditKey) -> Result<Self, AuditError> {
        Self::open(sink, Some(key))
    }

    fn open(mut sink: S, key: Option<AuditKey>) -> Result<Self, AuditError> {
        let seal = seal(key.as_ref());
        let (next_seq, prev) = match sink.last()? {
            None => (0, GENESIS.to_owned()),
            Some(last) if last.is_intact(seal) => (last.seq() + 1, last.hash().to_owned()),
            Some(_) => return Err(AuditError::Tampered),
        };
        Ok(AuditLog {
            chain: Mutex::new(Chain {
                sink,
                next_seq,
                prev,
            }),
            key,
            failures: AtomicU64::new(0),
        })
    }

    /// Appends `event` to the trail and returns its record. If the sink fails, the chain
    /// does not advance and [`failures`](AuditLog::failures) counts it.
    pub fn record(&self, event: AuditEvent) -> Result<AuditRecord, AuditError> {
        let mut chain = self.chain.lock().unwrap_or_else(PoisonError::into_inner);
        let appended = AuditRecord::seal(chain.next_seq, &chain.prev, &event, self.seal())
            .and_then(|record| chain.sink.append(&record).map(|()| record));
        match appended {
            Ok(record) => {
                chain.next_seq += 1;
                chain.prev = record.hash().to_owned();
                Ok(record)
            }
            Err(error) => {
                self.failures.fetch_add(1, Ordering::Relaxed);
                Err(error)
            }
        }
    }

    /// How many events could not be recorded since the log was opened: the ones whose
    /// errors nobody could return (see [`AuditLayer`](super::AuditLayer)) included.
    pub fn failures(&self) -> u64 {
        self.failures.load(Ordering::Relaxed)
    }

    /// The [`Anchor`] of the trail as written so far: the number of records and the hash of
    /// the last one. Send it somewhere the trail's writer cannot change it, after each
    /// record or now and then, and verify against it later.
    pub fn anchor(&self) -> Anchor {
        let chain = self.chain.lock().unwrap_or_else(PoisonError::into_inner);
        Anchor::of_chain(chain.next_seq, chain.prev.clone())
    }

    /// Runs `f` with the sink, between two records.
    ///
    /// The log stays locked while `f` runs: recording an event from inside `f` waits
    /// forever.
    pub fn with_sink<R>(&self, f: impl FnOnce(&mut S) -> R) -> R {
        let mut chain = self.chain.lock().unwrap_or_else(PoisonError::into_inner);
        f(&mut chain.sink)
    }

    fn seal(&self) -> Seal<'_> {
        seal(self.key.as_ref())
    }
}

fn seal(key: Option<&AuditKey>) -> Seal<'_> {
    match key {
        Some(key) => Seal::Keyed(key),
        None => Seal::Plain,
    }
}

impl<S> fmt::Debug for AuditLog<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuditLog")
            .field("keyed", &self.key.is_some())
            .field("failures", &self.failures.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

/// Why an audit record could not be written or read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuditError {
    /// The event or its details could not be serialized.
    Encoding,
    /// A stored record is not one this crate writes.
    Malformed,
    /// The last stored record does not match its hash, so the chain cannot continue from
    /// it: run [`verify`](super::verify) to find the first broken record.
    Tampered,
    /// Reading or writing the file failed.
    Io(io::ErrorKind),
    /// The database refused a statement, with its message.
    Database(String),
}

impl fmt::Display for AuditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuditError::Encoding => f.write_str("the audit event could not be serialized"),
            AuditError::Malformed => f.write_str("not an audit record"),
            AuditError::Tampered => {
                f.write_str("the last audit record does not match its hash; verify the trail")
            }
            AuditError::Io(kind) => write!(f, "audit trail I/O failed: {kind}"),
            AuditError::Database(message) => write!(f, "audit trail database error: {message}"),
        }
    }
}

impl std::error::Error for AuditError {}

impl From<io::Error> for AuditError {
    fn from(error: io::Error) -> Self {
        AuditError::Io(error.kind())
    }
}
