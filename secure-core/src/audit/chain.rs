//! The hash chain: [`AuditRecord`]s, each carrying the hash of the one before; [`verify`]
//! and [`verify_against`] an [`Anchor`]; and the [`AuditKey`] of a keyed chain.

use core::fmt;

use hmac::{Hmac, KeyInit as _, Mac as _};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq as _;

use super::{AuditError, AuditEvent};
use crate::secret::load::{DecodeError, decode_key};
use crate::secret::{ExposeSecret, Secret, SecretString};

/// The `prev` of the first record: 64 zeros.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Domain separation for keyed hashes, so that a record's hash never equals another HMAC
/// made with the same key.
const KEYED_LABEL: &[u8] = b"secure/audit/v1";

/// The key of a keyed trail: record hashes are HMAC-SHA-256 under it instead of plain
/// SHA-256, so that whoever can write the trail but does not hold the key cannot compute
/// the hash of a record they edited, inserted or rewrote.
///
/// Give it to [`AuditLog::keyed`](super::AuditLog::keyed) to write the trail, and check the
/// trail with [`AuditKey::verify`] or [`AuditKey::verify_against`]. Keep it where the
/// trail's storage is not (a secret store, the environment of the writing process), and
/// apart from other keys. `Debug` does not show it, and it is wiped from memory when
/// dropped.
///
/// ```
/// use secure::audit::{AuditEvent, AuditKey, AuditLog, MemorySink, Outcome};
/// use secure::prelude::*;
///
/// # let configured = Secret::from("3f9a61c2d84b07e5a1c6f02d9e4b7a58".repeat(2));
/// // 64 hexadecimal digits or padded base64, from configuration.
/// let key = AuditKey::decode(&configured)?;
/// let log = AuditLog::keyed(MemorySink::default(), key)?;
/// log.record(AuditEvent::new("order.refund", Outcome::Success).with_actor("u-7"))?;
///
/// let records = log.with_sink(|sink| sink.records().to_vec());
/// let key = AuditKey::decode(&configured)?;
/// assert_eq!(key.verify(records.iter().cloned().map(Ok))?.records(), 1);
/// // Without the key, the hashes do not check out.
/// assert!(secure::audit::verify(records.into_iter().map(Ok)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # What is not guaranteed
///
/// The process that writes the trail holds the key, so whoever controls that process can
/// write records the key verifies, and rewrite the trail from any point on. A key alone
/// does not show records removed from the end: verify [`against`](Self::verify_against) an
/// [`Anchor`] for that.
pub struct AuditKey(Secret<[u8; 32]>);

impl AuditKey {
    /// A key from its bytes.
    pub fn from_bytes(bytes: Secret<[u8; 32]>) -> AuditKey {
        AuditKey(bytes)
    }

    /// A key from 64 hexadecimal digits or padded standard base64.
    pub fn decode(text: &SecretString) -> Result<AuditKey, DecodeError> {
        decode_key::<32>(text).map(AuditKey)
    }

    /// Checks a whole keyed trail as [`verify`] checks a plain one: every hash must be the
    /// HMAC of its record under this key.
    pub fn verify<I>(&self, records: I) -> Result<Verified, ChainBreak>
    where
        I: IntoIterator<Item = Result<AuditRecord, AuditError>>,
    {
        check(records, Seal::Keyed(self), None)
    }

    /// Checks a whole keyed trail as [`verify_against`] checks a plain one: every hash must
    /// be the HMAC of its record under this key, and the trail must reach `anchor`.
    pub fn verify_against<I>(&self, records: I, anchor: &Anchor) -> Result<Verified, ChainBreak>
    where
        I: IntoIterator<Item = Result<AuditRecord, AuditError>>,
    {
        check(records, Seal::Keyed(self), Some(anchor))
    }
}

impl fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AuditKey([REDACTED])")
    }
}

/// How the hashes of a trail are made.
#[derive(Clone, Copy)]
pub(crate) enum Seal<'a> {
    /// SHA-256 of the canonical bytes.
    Plain,
    /// HMAC-SHA-256 under the key, of [`KEYED_LABEL`] and the canonical bytes.
    Keyed(&'a AuditKey),
}

impl Seal<'_> {
    fn digest(self, body: &str) -> String {
        let bytes = match self {
            Seal::Plain => Sha256::digest(body.as_bytes()),
            Seal::Keyed(key) => {
                let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key.0.expose_secret()) else {
                    unreachable!("HMAC takes keys of any length")
                };
                mac.update(KEYED_LABEL);
                mac.update(body.as_bytes());
                mac.finalize().into_bytes()
            }
        };
        base16ct::lower::encode_string(&bytes)
    }
}

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
/// written; `hash` is their SHA-256 (in a keyed trail, their HMAC-SHA-256 under the
/// [`AuditKey`]) in lowercase hexadecimal, and the next record's `prev`.
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
    pub(crate) fn seal(
        seq: u64,
        prev: &str,
        event: &AuditEvent,
        seal: Seal<'_>,
    ) -> Result<Self, AuditError> {
        let body =
            serde_json::to_string(&Body { seq, prev, event }).map_err(|_| AuditError::Encoding)?;
        Ok(AuditRecord {
            seq,
            prev: prev.to_owned(),
            hash: seal.digest(&body),
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

    /// The SHA-256 (or keyed HMAC) of [`canonical`](AuditRecord::canonical), as stored.
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
    pub(crate) fn is_intact(&self, seal: Seal<'_>) -> bool {
        let expected = seal.digest(&self.body);
        bool::from(expected.as_bytes().ct_eq(self.hash.as_bytes()))
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

    /// The hash of the last record ([`GENESIS`] for an empty trail).
    pub fn head(&self) -> &str {
        &self.head
    }

    /// The trail's [`Anchor`], to keep where whoever can write the trail cannot, and to
    /// verify against later.
    pub fn anchor(&self) -> Anchor {
        Anchor::of_chain(self.records, self.head.clone())
    }
}

/// A checkpoint of a trail kept apart from it: how many records it held and the hash of the
/// last one. [`verify_against`] an anchor finds records removed from the end, and records
/// up to the anchored one rewritten with their hashes recomputed, which a chain alone cannot
/// show.
///
/// Take one with [`AuditLog::anchor`](super::AuditLog::anchor) or [`Verified::anchor`] and
/// keep it where the writer of the trail cannot change it: another system, a ticket, a
/// signed message. It holds hashes and a count, nothing of the events. `Serialize` and
/// `Deserialize` read and write `{"records":3,"head":"9f.."}`.
///
/// ```
/// use secure::audit::{Anchor, AuditEvent, AuditLog, BreakKind, MemorySink, Outcome, verify_against};
///
/// let log = AuditLog::new(MemorySink::default())?;
/// for action in ["login", "export", "logout"] {
///     log.record(AuditEvent::new(action, Outcome::Success).with_actor("ada"))?;
/// }
/// let anchor: Anchor = log.anchor();
/// let mut records = log.with_sink(|sink| sink.records().to_vec());
/// assert_eq!(verify_against(records.iter().cloned().map(Ok), &anchor)?.records(), 3);
///
/// // The last record removed: the shorter trail is a valid chain, but not the anchored one.
/// records.pop();
/// let broken = verify_against(records.into_iter().map(Ok), &anchor).unwrap_err();
/// assert_eq!(broken.kind(), &BreakKind::Truncated { expected: 3, found: 2 });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StoredAnchor")]
pub struct Anchor {
    records: u64,
    head: String,
}

impl Anchor {
    /// An anchor read back from where it was kept: `records` records, the last one's hash
    /// `head`. [`AuditError::Malformed`] if `head` is not 64 lowercase hexadecimal digits,
    /// or is [`GENESIS`] for a trail with records (or not, for one without).
    pub fn new(records: u64, head: &str) -> Result<Anchor, AuditError> {
        if !is_digest(head) || (records == 0) != (head == GENESIS) {
            return Err(AuditError::Malformed);
        }
        Ok(Anchor {
            records,
            head: head.to_owned(),
        })
    }

    /// The anchor of a chain this crate wrote or verified.
    pub(crate) fn of_chain(records: u64, head: String) -> Anchor {
        Anchor { records, head }
    }

    /// How many records the trail held.
    pub fn records(&self) -> u64 {
        self.records
    }

    /// The hash of its last record ([`GENESIS`] for an empty trail).
    pub fn head(&self) -> &str {
        &self.head
    }
}

/// An anchor as serialized, checked by [`Anchor::new`] on the way in.
#[derive(Deserialize)]
struct StoredAnchor {
    records: u64,
    head: String,
}

impl TryFrom<StoredAnchor> for Anchor {
    type Error = AuditError;

    fn try_from(stored: StoredAnchor) -> Result<Self, Self::Error> {
        Anchor::new(stored.records, &stored.head)
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
    /// The trail ends before the [`Anchor`]'s last record: records were removed from its
    /// end. The position is where the first missing record belongs.
    Truncated {
        /// The number of records the anchor counts.
        expected: u64,
        /// The number of records found.
        found: u64,
    },
    /// The record at the [`Anchor`]'s position is not the anchored one: the trail was
    /// rewritten up to here (or the anchor belongs to another trail).
    Diverged,
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
            BreakKind::Truncated { expected, found } => {
                write!(
                    f,
                    "the trail ends after {found} records, its anchor counts {expected}"
                )
            }
            BreakKind::Diverged => f.write_str("it is not the record its anchor names"),
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
/// A chain without a key or an anchor shows changes made by someone who did not recompute
/// the hashes after the change. It does not show:
///
/// - records removed from the end: the shorter trail is a valid chain. [`verify_against`]
///   an [`Anchor`] kept elsewhere shows it, up to the anchor;
/// - a trail rewritten from some record on with every hash recomputed: SHA-256 needs no
///   secret. An anchor shows it if the rewrite reaches back before the anchor; an
///   [`AuditKey`] shows it unless the rewriter holds the key.
///
/// Records appended after the last anchor can be removed, and (in a plain chain) rewritten,
/// without a trace: anchor often. Nothing shows a trail deleted together with its anchors.
pub fn verify<I>(records: I) -> Result<Verified, ChainBreak>
where
    I: IntoIterator<Item = Result<AuditRecord, AuditError>>,
{
    check(records, Seal::Plain, None)
}

/// Checks a whole trail like [`verify`], and that it reaches `anchor`: it holds at least the
/// anchor's number of records, and the last of those has the anchor's hash. Records after
/// the anchor are checked as a chain.
///
/// A trail cut short before the anchor's last record breaks with [`BreakKind::Truncated`];
/// a trail rewritten (hashes recomputed) up to the anchor's last record breaks with
/// [`BreakKind::Diverged`] there, or earlier. See [`Anchor`] for an example and [`verify`]
/// for what stays undetectable.
pub fn verify_against<I>(records: I, anchor: &Anchor) -> Result<Verified, ChainBreak>
where
    I: IntoIterator<Item = Result<AuditRecord, AuditError>>,
{
    check(records, Seal::Plain, Some(anchor))
}

fn check<I>(records: I, seal: Seal<'_>, anchor: Option<&Anchor>) -> Result<Verified, ChainBreak>
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
        if !record.is_intact(seal) {
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
        let diverged =
            anchor.is_some_and(|anchor| anchor.records == count + 1 && anchor.head != record.hash);
        if diverged {
            return Err(fail(BreakKind::Diverged));
        }
        head = record.hash;
        count += 1;
    }

    if let Some(anchor) = anchor.filter(|anchor| anchor.records > count) {
        return Err(ChainBreak {
            position: count,
            kind: BreakKind::Truncated {
                expected: anchor.records,
                found: count,
            },
        });
    }
    Ok(Verified {
        records: count,
        head,
    })
}
