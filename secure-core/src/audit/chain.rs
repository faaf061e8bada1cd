//! The hash chain: [`AuditRecord`]s, each carrying the SHA-256 of the one before, and
//! [`verify`].

use core::fmt;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{AuditError, AuditEvent};

/// The `prev` of the first record: 64 zeros.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The part of a record its hash covers, serialized in this field order.
#[derive(Serialize)]
struct Body<'a> {
    seq: u64,
    prev: &'a str,
    event: &'a AuditEvent,
}

/// What parsing a body reads back.
#[derive(Deserialize)]
struct ParsedBody {
    seq: u64,
    prev: String,
    event: serde_json::Value,
}

/// One stored record of an audit trail.
///
/// Its canonical bytes are the compact JSON `{"seq":..,"prev":"..","event":{..}}` exactly as
/// written; `hash` is their SHA-256 in lowercase hexadecimal, and the next record's `prev`.
/// As a JSON line the hash is appended as a last member:
/// `{"seq":0,"prev":"00..00","event":{..},"hash":"9f..."}`.
#[derive(Clone, PartialEq, Eq)]
pub struct AuditRecord {
    seq: u64,
    prev: String,
    hash: String,
    body: String,
}

impl AuditRecord {
    /// Seals `event` as record number `seq`, following the record whose hash is `prev`.
    pub(crate) fn seal(seq: u64, prev: &str, event: &AuditEvent) -> Result<Self, AuditError> {
        let body =
            serde_json::to_string(&Body { seq, prev, event }).map_err(|_| AuditError::Encoding)?;
        Ok(AuditRecord {
            seq,
            prev: prev.to_owned(),
            hash: digest(&body),
            body,
        })
    }

    /// A record as stored elsewhere: its canonical bytes and the hash stored with them. The
    /// hash is checked by [`verify`], not here.
    pub fn from_stored(body: String, hash: String) -> Result<Self, AuditError> {
        let parsed: ParsedBody = serde_json::from_str(&body).map_err(|_| AuditError::Malformed)?;
        if !is_digest(&parsed.prev) || !is_digest(&hash) {
            return Err(AuditError::Malformed);
        }
        Ok(AuditRecord {
            seq: parsed.seq,
            prev: parsed.prev,
            hash,
            body,
        })
    }

    /// Reads one JSON line as [`to_json_line`](AuditRecord::to_json_line) writes it.
    pub fn from_json_line(line: &str) -> Result<Self, AuditError> {
        const SUFFIX_LEN: usize = r#","hash":""}"#.len() + 64;
        let line = line.strip_suffix('\n').unwrap_or(line);
        let split = line
            .len()
            .checked_sub(SUFFIX_LEN)
            .filter(|at| line.is_char_boundary(*at))
            .ok_or(AuditError::Malformed)?;
        let (head, suffix) = line.split_at(split);
        let hash = suffix
            .strip_prefix(r#","hash":""#)
            .and_then(|rest| rest.strip_suffix(r#""}"#))
            .ok_or(AuditError::Malformed)?;
        AuditRecord::from_stored(format!("{head}}}"), hash.to_owned())
    }

    /// The record as one JSON line, without the line break.
    pub fn to_json_line(&self) -> String {
        let open = self.body.strip_suffix('}').unwrap_or(&self.body);
        format!(r#"{open},"hash":"{}"}}"#, self.hash)
    }

    /// The position in the trail, from 0.
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// The hash of the record before, or [`GENESIS`].
    pub fn prev(&self) -> &str {
        &self.prev
    }

    /// The SHA-256 of [`canonical`](AuditRecord::canonical), as stored.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// The canonical bytes the hash covers.
    pub fn canonical(&self) -> &str {
        &self.body
    }

    /// The event the record holds.
    pub fn event(&self) -> Result<AuditEvent, AuditError> {
        let parsed: ParsedBody =
            serde_json::from_str(&self.body).map_err(|_| AuditError::Malformed)?;
        serde_json::from_value(parsed.event).map_err(|_| AuditError::Malformed)
    }

    /// Whether the stored hash is the hash of the canonical bytes.
    pub(crate) fn is_intact(&self) -> bool {
        digest(&self.body) == self.hash
    }
}

impl fmt::Debug for AuditRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuditRecord")
            .field("seq", &self.seq)
            .field("hash", &self.hash)
            .field("body", &self.body)
            .finish()
    }
}

fn digest(body: &str) -> String {
    base16ct::lower::encode_string(&Sha256::digest(body.as_bytes()))
}

fn is_digest(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// A trail that verified: how many records it holds and the hash of the last one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    records: u64,
    head: String,
}

impl Verified {
    /// The number of records.
    pub fn records(&self) -> u64 {
        self.records
    }

    /// The hash of the last record ([`GENESIS`] for an empty trail). Keep it somewhere an
    /// attacker who can write the trail cannot (another system, a signed checkpoint) and
    /// compare it later: only that detects records removed or rewritten at the end.
    pub fn head(&self) -> &str {
        &self.head
    }
}

/// Where a trail stops verifying, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainBreak {
    position: u64,
    kind: BreakKind,
}

impl ChainBreak {
    /// The position of the first record that does not verify, counting from 0 in the order
    /// read.
    pub fn position(&self) -> u64 {
        self.position
    }

    /// What is wrong with it.
    pub fn kind(&self) -> &BreakKind {
        &self.kind
    }
}

/// How a record breaks the chain.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BreakKind {
    /// The record cannot be read: not a record, or cut short.
    Unreadable,
    /// The record's content does not match its hash: it was edited.
    Altered,
    /// The record is not the one expected here: one was deleted, inserted or moved.
    OutOfSequence {
        /// The sequence number expected at this position.
        expected: u64,
        /// The sequence number found.
        found: u64,
    },
    /// The record does not follow the one before (its `prev` is not that record's hash):
    /// the record before was edited and re-hashed, or this one was rewritten.
    Unlinked,
}

impl fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the audit trail breaks at record {}: ", self.position)?;
        match &self.kind {
            BreakKind::Unreadable => f.write_str("it cannot be read"),
            BreakKind::Altered => f.write_str("its content does not match its hash"),
            BreakKind::OutOfSequence { expected, found } => {
                write!(f, "expected sequence number {expected}, found {found}")
            }
            BreakKind::Unlinked => f.write_str("it does not follow the record before"),
        }
    }
}

impl std::error::Error for ChainBreak {}

/// Checks a whole trail, in the order read, from its first record: each record must match
/// its own hash, carry the next sequence number, and name the hash of the record before.
/// Reports the first record that does not.
///
/// ```
/// use secure::audit::{AuditEvent, AuditLog, BreakKind, MemorySink, Outcome, verify};
///
/// let log = AuditLog::new(MemorySink::default())?;
/// for action in ["login", "export", "logout"] {
///     log.record(AuditEvent::new(action, Outcome::Success).with_actor("ada"))?;
/// }
/// let mut records = log.with_sink(|sink| sink.records().to_vec());
/// assert_eq!(verify(records.iter().cloned().map(Ok))?.records(), 3);
///
/// records.remove(1);
/// let broken = verify(records.into_iter().map(Ok)).unwrap_err();
/// assert_eq!(broken.position(), 1);
/// assert_eq!(broken.kind(), &BreakKind::OutOfSequence { expected: 1, found: 2 });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # What is not guaranteed
///
/// A chain without a secret shows changes made by someone who did not recompute the hashes
/// after the change. Whoever can rewrite the whole trail can recompute them all, and
/// records removed from the end leave a shorter trail that verifies: compare
/// [`Verified::head`] with a copy kept out of their reach.
pub fn verify<I>(records: I) -> Result<Verified, ChainBreak>
where
    I: IntoIterator<Item = Result<AuditRecord, AuditError>>,
{
    let mut head = GENESIS.to_owned();
    let mut count = 0;
    for record in records {
        let fail = |kind| ChainBreak {
            position: count,
            kind,
        };
        let record = record.map_err(|_| fail(BreakKind::Unreadable))?;
        if !record.is_intact() {
            return Err(fail(BreakKind::Altered));
        }
        if record.seq != count {
            return Err(fail(BreakKind::OutOfSequence {
                expected: count,
                found: record.seq,
            }));
        }
        if record.prev != head {
            return Err(fail(BreakKind::Unlinked));
        }
        head = record.hash;
        count += 1;
    }
    Ok(Verified {
        records: count,
        head,
    })
}
