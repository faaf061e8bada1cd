//! The audit trail: records deleted, edited, re-hashed, reordered or cut short are found by
//! `verify` at the first broken position, in a JSON-lines file and in SQLite; sensitive
//! details never reach the trail; denials reach it through the `tracing` layer.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use secure::audit::{
    Anchor, AuditError, AuditEvent, AuditKey, AuditLog, AuditRecord, AuditSink, BreakKind,
    ChainBreak, JsonLinesSink, MemorySink, Outcome, verify, verify_against,
};
use secure::prelude::*;
use sha2::{Digest, Sha256};

const CANARY: &str = "CANARY-audit-31c7";

#[derive(Redact)]
#[allow(dead_code, reason = "read only by the derived redaction")]
struct Login {
    user: String,
    #[sensitive]
    password: String,
}

fn event(n: u64) -> AuditEvent {
    AuditEvent::new(format!("action.{n}"), Outcome::Success)
        .with_actor("ada")
        .with_target(format!("order:{n}"))
        .with_request_id(format!("req-{n}"))
        .at(SystemTime::UNIX_EPOCH + Duration::from_secs(1_750_000_000 + n))
}

/// A trail of five records in a file, and its lines.
fn trail(dir: &Path) -> (std::path::PathBuf, Vec<String>) {
    let path = dir.join("audit.jsonl");
    let log = AuditLog::new(JsonLinesSink::open(&path).unwrap()).unwrap();
    for n in 0..5 {
        log.record(event(n)).unwrap();
    }
    let lines = fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    (path, lines)
}

fn verify_lines(path: &Path, lines: &[String]) -> Result<u64, ChainBreak> {
    fs::write(path, lines.join("\n") + "\n").unwrap();
    verify(JsonLinesSink::read(path).unwrap()).map(|verified| verified.records())
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Recomputes the hash of a JSON line after an edit, as a careful forger would.
fn rehash(line: &str) -> String {
    let (body, _) = line.rsplit_once(r#","hash":""#).unwrap();
    let body = format!("{body}}}");
    let open = body.strip_suffix('}').unwrap();
    format!(r#"{open},"hash":"{}"}}"#, sha256_hex(&body))
}

/// Rewrites the trail from record `from` on as a forger who can write the file but holds no
/// key would: every `prev` relinked to the record before, every hash recomputed with
/// SHA-256. The result is a chain that `verify` accepts.
fn rechain(lines: &mut [String], from: usize) {
    for at in from..lines.len() {
        if at > 0 {
            let before = AuditRecord::from_json_line(&lines[at - 1]).unwrap();
            let record = AuditRecord::from_json_line(&lines[at]).unwrap();
            lines[at] = lines[at].replacen(record.prev(), before.hash(), 1);
        }
        lines[at] = rehash(&lines[at]);
    }
}

fn key() -> AuditKey {
    AuditKey::decode(&Secret::from("8c1f4e97a20b6d35c9e8f17a4b02d6e3".repeat(2))).unwrap()
}

/// A trail of five records in a file, written with [`key`], and its lines.
fn keyed_trail(dir: &Path) -> (std::path::PathBuf, Vec<String>) {
    let path = dir.join("keyed.jsonl");
    let log = AuditLog::keyed(JsonLinesSink::open(&path).unwrap(), key()).unwrap();
    for n in 0..5 {
        log.record(event(n)).unwrap();
    }
    let lines = fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    (path, lines)
}

fn anchor_of(path: &Path) -> Anchor {
    verify(JsonLinesSink::read(path).unwrap()).unwrap().anchor()
}

fn verify_lines_against(path: &Path, lines: &[String], anchor: &Anchor) -> Result<u64, ChainBreak> {
    fs::write(path, lines.join("\n") + "\n").unwrap();
    verify_against(JsonLinesSink::read(path).unwrap(), anchor).map(|verified| verified.records())
}

fn verify_keyed_lines(path: &Path, lines: &[String]) -> Result<u64, ChainBreak> {
    fs::write(path, lines.join("\n") + "\n").unwrap();
    key()
        .verify(JsonLinesSink::read(path).unwrap())
        .map(|verified| verified.records())
}

fn broken(position: u64, kind: BreakKind) -> Result<u64, (u64, BreakKind)> {
    Err((position, kind))
}

fn outcome(result: Result<u64, ChainBreak>) -> Result<u64, (u64, BreakKind)> {
    result.map_err(|error| (error.position(), error.kind().clone()))
}

#[test]
fn an_untouched_trail_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let (path, lines) = trail(dir.path());

    assert_eq!(lines.len(), 5);
    let verified = verify(JsonLinesSink::read(&path).unwrap()).unwrap();
    assert_eq!(verified.records(), 5);
    let last = AuditRecord::from_json_line(&lines[4]).unwrap();
    assert_eq!(verified.head(), last.hash());
    assert_eq!(last.seq(), 4);
    assert_eq!(last.event().unwrap(), event(4));
}

#[test]
fn records_link_to_the_hash_of_the_one_before() {
    let dir = tempfile::tempdir().unwrap();
    let (_, lines) = trail(dir.path());
    let records: Vec<AuditRecord> = lines
        .iter()
        .map(|line| AuditRecord::from_json_line(line).unwrap())
        .collect();

    assert_eq!(records[0].prev(), secure::audit::GENESIS);
    for pair in records.windows(2) {
        assert_eq!(pair[1].prev(), pair[0].hash());
        assert_eq!(pair[0].hash(), sha256_hex(pair[0].canonical()));
    }
    assert!(
        lines[0].starts_with(r#"{"seq":0,"prev":"0000"#),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains(r#""when":"2025-06-15T15:06:40.000000Z""#),
        "{}",
        lines[0]
    );
}

#[test]
fn a_deleted_record_is_found_where_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut lines) = trail(dir.path());
    lines.remove(2);

    assert_eq!(
        outcome(verify_lines(&path, &lines)),
        broken(
            2,
            BreakKind::OutOfSequence {
                expected: 2,
                found: 3
            }
        )
    );
}

#[test]
fn an_edited_record_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut lines) = trail(dir.path());
    lines[1] = lines[1].replace(r#""actor":"ada""#, r#""actor":"eve""#);

    assert_eq!(
        outcome(verify_lines(&path, &lines)),
        broken(1, BreakKind::Altered)
    );
}

#[test]
fn an_edited_and_rehashed_record_breaks_the_link_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut lines) = trail(dir.path());
    lines[1] = rehash(&lines[1].replace(r#""outcome":"success""#, r#""outcome":"failure""#));

    assert_eq!(
        outcome(verify_lines(&path, &lines)),
        broken(2, BreakKind::Unlinked)
    );
}

#[test]
fn reordered_records_are_found() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut lines) = trail(dir.path());
    lines.swap(1, 3);

    assert_eq!(
        outcome(verify_lines(&path, &lines)),
        broken(
            1,
            BreakKind::OutOfSequence {
                expected: 1,
                found: 3
            }
        )
    );
}

#[test]
fn reordered_and_renumbered_records_are_found() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut lines) = trail(dir.path());
    lines.swap(1, 2);
    lines[1] = rehash(&lines[1].replacen(r#"{"seq":2,"#, r#"{"seq":1,"#, 1));
    lines[2] = rehash(&lines[2].replacen(r#"{"seq":1,"#, r#"{"seq":2,"#, 1));

    assert_eq!(
        outcome(verify_lines(&path, &lines)),
        broken(1, BreakKind::Unlinked)
    );
}

#[test]
fn an_inserted_record_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut lines) = trail(dir.path());
    let copy = lines[1].clone();
    lines.insert(2, copy);

    assert_eq!(
        outcome(verify_lines(&path, &lines)),
        broken(
            2,
            BreakKind::OutOfSequence {
                expected: 2,
                found: 1
            }
        )
    );
}

#[test]
fn a_line_cut_short_or_replaced_is_unreadable_at_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut lines) = trail(dir.path());
    lines[4].truncate(40);
    assert_eq!(
        outcome(verify_lines(&path, &lines)),
        broken(4, BreakKind::Unreadable)
    );

    lines[4] = r#"{"seq":4,"note":"nothing happened"}"#.to_owned();
    assert_eq!(
        outcome(verify_lines(&path, &lines)),
        broken(4, BreakKind::Unreadable)
    );
}

#[test]
fn a_removed_tail_verifies_alone_but_not_against_the_anchor() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut lines) = trail(dir.path());
    let anchor = anchor_of(&path);
    assert_eq!((anchor.records(), anchor.head().len()), (5, 64));
    lines.pop();

    // The chain alone cannot tell.
    assert_eq!(verify_lines(&path, &lines), Ok(4));
    assert_eq!(
        outcome(verify_lines_against(&path, &lines, &anchor)),
        broken(
            4,
            BreakKind::Truncated {
                expected: 5,
                found: 4
            }
        )
    );

    // An emptied trail.
    fs::write(&path, "").unwrap();
    assert_eq!(
        outcome(
            verify_against(JsonLinesSink::read(&path).unwrap(), &anchor)
                .map(|verified| verified.records())
        ),
        broken(
            0,
            BreakKind::Truncated {
                expected: 5,
                found: 0
            }
        )
    );
}

#[test]
fn a_trail_rewritten_with_recomputed_hashes_verifies_alone_but_not_against_the_anchor() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut lines) = trail(dir.path());
    let anchor = anchor_of(&path);
    lines[1] = lines[1].replace(r#""actor":"ada""#, r#""actor":"eve""#);
    rechain(&mut lines, 1);

    assert_eq!(verify_lines(&path, &lines), Ok(5));
    assert_eq!(
        outcome(verify_lines_against(&path, &lines, &anchor)),
        broken(4, BreakKind::Diverged)
    );

    // A record dropped, and the ones after it renumbered and relinked.
    let dir = tempfile::tempdir().unwrap();
    let (path, mut lines) = trail(dir.path());
    lines.remove(1);
    for (at, line) in lines.iter_mut().enumerate().skip(1) {
        *line = line.replacen(
            &format!(r#"{{"seq":{},"#, at + 1),
            &format!(r#"{{"seq":{at},"#),
            1,
        );
    }
    rechain(&mut lines, 1);
    assert_eq!(verify_lines(&path, &lines), Ok(4));
    assert_eq!(
        outcome(verify_lines_against(&path, &lines, &anchor)),
        broken(
            4,
            BreakKind::Truncated {
                expected: 5,
                found: 4
            }
        )
    );
}

#[test]
fn records_appended_after_the_anchor_verify_against_it() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = trail(dir.path());
    let log = AuditLog::new(JsonLinesSink::open(&path).unwrap()).unwrap();
    let anchor = log.anchor();
    assert_eq!(anchor, anchor_of(&path));
    log.record(event(5)).unwrap();
    log.record(event(6)).unwrap();

    let verified = verify_against(JsonLinesSink::read(&path).unwrap(), &anchor).unwrap();
    assert_eq!(verified.records(), 7);
    assert_eq!(verified.anchor(), log.anchor());

    // An anchor of another trail of the same length is not this one's.
    let other = tempfile::tempdir().unwrap();
    let (other_path, _) = keyed_trail(other.path());
    let foreign = key()
        .verify(JsonLinesSink::read(&other_path).unwrap())
        .unwrap()
        .anchor();
    assert_eq!(
        outcome(
            verify_against(JsonLinesSink::read(&path).unwrap(), &foreign)
                .map(|verified| verified.records())
        ),
        broken(4, BreakKind::Diverged)
    );
}

#[test]
fn anchors_are_kept_as_json_and_checked_when_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = trail(dir.path());
    let anchor = anchor_of(&path);

    let json = serde_json::to_string(&anchor).unwrap();
    assert_eq!(
        json,
        format!(r#"{{"records":5,"head":"{}"}}"#, anchor.head())
    );
    assert_eq!(serde_json::from_str::<Anchor>(&json).unwrap(), anchor);
    assert_eq!(Anchor::new(5, anchor.head()), Ok(anchor.clone()));
    assert_eq!(
        Anchor::new(0, secure::audit::GENESIS).unwrap(),
        AuditLog::new(MemorySink::default()).unwrap().anchor()
    );

    let uppercase = anchor.head().to_uppercase();
    for (records, head) in [
        (5, "not a digest"),
        (5, uppercase.as_str()),
        (5, secure::audit::GENESIS),
        (0, anchor.head()),
    ] {
        assert_eq!(
            Anchor::new(records, head),
            Err(AuditError::Malformed),
            "{head}"
        );
        let json = format!(r#"{{"records":{records},"head":"{head}"}}"#);
        assert!(serde_json::from_str::<Anchor>(&json).is_err(), "{json}");
    }
}

#[test]
fn a_keyed_trail_verifies_with_its_key_only() {
    let dir = tempfile::tempdir().unwrap();
    let (path, lines) = keyed_trail(dir.path());

    assert_eq!(verify_keyed_lines(&path, &lines), Ok(5));
    // The hashes are not SHA-256 of the records, so the plain check fails at once.
    assert_eq!(
        outcome(verify_lines(&path, &lines)),
        broken(0, BreakKind::Altered)
    );
    let other =
        AuditKey::decode(&Secret::from("e4b7a0593c2d81f6a7e05c9b3d18f2c4".repeat(2))).unwrap();
    assert_eq!(
        other
            .verify(JsonLinesSink::read(&path).unwrap())
            .unwrap_err()
            .position(),
        0
    );
    assert_eq!(format!("{:?}", key()), "AuditKey([REDACTED])");
}

#[test]
fn an_edit_rehashed_without_the_key_is_found_in_a_keyed_trail() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut lines) = keyed_trail(dir.path());
    lines[2] = lines[2].replace(r#""outcome":"success""#, r#""outcome":"failure""#);
    rechain(&mut lines, 2);

    assert_eq!(
        outcome(verify_keyed_lines(&path, &lines)),
        broken(2, BreakKind::Altered)
    );

    // Every record rewritten from the first: found at the first.
    let dir = tempfile::tempdir().unwrap();
    let (path, mut lines) = keyed_trail(dir.path());
    rechain(&mut lines, 0);
    assert_eq!(
        outcome(verify_keyed_lines(&path, &lines)),
        broken(0, BreakKind::Altered)
    );
}

#[test]
fn a_keyed_trail_with_its_tail_removed_is_found_against_the_anchor() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut lines) = keyed_trail(dir.path());
    let anchor = key()
        .verify(JsonLinesSink::read(&path).unwrap())
        .unwrap()
        .anchor();
    lines.truncate(3);
    fs::write(&path, lines.join("\n") + "\n").unwrap();

    // The key alone cannot tell.
    assert_eq!(verify_keyed_lines(&path, &lines), Ok(3));
    let broken_at = key()
        .verify_against(JsonLinesSink::read(&path).unwrap(), &anchor)
        .unwrap_err();
    assert_eq!(
        (broken_at.position(), broken_at.kind()),
        (
            3,
            &BreakKind::Truncated {
                expected: 5,
                found: 3
            }
        )
    );
    assert_eq!(
        broken_at.to_string(),
        "the audit trail breaks at record 3: the trail ends after 3 records, its anchor counts 5"
    );
}

#[test]
fn a_keyed_log_continues_with_its_key_and_refuses_another() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = keyed_trail(dir.path());

    let other =
        AuditKey::decode(&Secret::from("e4b7a0593c2d81f6a7e05c9b3d18f2c4".repeat(2))).unwrap();
    let refused = AuditLog::keyed(JsonLinesSink::open(&path).unwrap(), other).unwrap_err();
    assert_eq!(refused, AuditError::Tampered);
    let unkeyed = AuditLog::new(JsonLinesSink::open(&path).unwrap()).unwrap_err();
    assert_eq!(unkeyed, AuditError::Tampered);

    let log = AuditLog::keyed(JsonLinesSink::open(&path).unwrap(), key()).unwrap();
    assert_eq!(log.record(event(5)).unwrap().seq(), 5);
    assert_eq!(
        key()
            .verify(JsonLinesSink::read(&path).unwrap())
            .unwrap()
            .records(),
        6
    );
}

#[test]
fn a_reopened_log_continues_the_chain() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = trail(dir.path());

    let log = AuditLog::new(JsonLinesSink::open(&path).unwrap()).unwrap();
    let record = log.record(event(5)).unwrap();
    assert_eq!(record.seq(), 5);
    assert_eq!(
        verify(JsonLinesSink::read(&path).unwrap())
            .unwrap()
            .records(),
        6
    );
}

#[test]
fn a_log_does_not_continue_after_an_edited_last_record() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut lines) = trail(dir.path());
    lines[4] = lines[4].replace("action.4", "action.9");
    fs::write(&path, lines.join("\n") + "\n").unwrap();

    let error = AuditLog::new(JsonLinesSink::open(&path).unwrap()).unwrap_err();
    assert_eq!(error, AuditError::Tampered);
}

#[cfg(unix)]
#[test]
fn the_trail_file_is_private_to_its_owner() {
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().unwrap();
    let (path, _) = trail(dir.path());
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn sensitive_details_never_reach_the_trail() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.jsonl");
    let log = AuditLog::new(JsonLinesSink::open(&path).unwrap()).unwrap();
    let login = Login {
        user: "ada".into(),
        password: CANARY.into(),
    };
    let event = AuditEvent::new("session.login", Outcome::Failure)
        .with_actor("ada")
        .with_details(&login)
        .unwrap();
    log.record(event).unwrap();

    let text = fs::read_to_string(&path).unwrap();
    assert!(!text.contains(CANARY), "{text}");
    let record = AuditRecord::from_json_line(text.trim_end()).unwrap();
    assert_eq!(
        record.event().unwrap().details(),
        Some(&serde_json::json!({"user": "ada", "password": "[REDACTED]"}))
    );
}

/// A sink whose storage is down.
struct Down;

impl AuditSink for Down {
    fn append(&mut self, _: &AuditRecord) -> Result<(), AuditError> {
        Err(AuditError::Io(std::io::ErrorKind::StorageFull))
    }

    fn last(&mut self) -> Result<Option<AuditRecord>, AuditError> {
        Ok(None)
    }
}

#[test]
fn a_failed_write_is_counted_and_does_not_advance_the_chain() {
    let log = AuditLog::new(Down).unwrap();
    assert_eq!(
        log.record(event(0)).unwrap_err(),
        AuditError::Io(std::io::ErrorKind::StorageFull)
    );
    assert_eq!(log.failures(), 1);

    let memory = AuditLog::new(MemorySink::default()).unwrap();
    assert_eq!(memory.record(event(0)).unwrap().seq(), 0);
    assert_eq!(memory.failures(), 0);
}

/// RFC 3339 writes four-digit years from 1970 on: an event dated outside them is refused
/// with an error, not a panic, and the chain goes on from the record before it.
#[test]
fn an_event_dated_outside_1970_to_9999_is_refused_and_the_chain_goes_on() {
    let log = AuditLog::new(MemorySink::default()).unwrap();
    log.record(event(0)).unwrap();
    let year_10000 = SystemTime::UNIX_EPOCH + Duration::from_secs(253_402_300_800);
    for when in [
        SystemTime::UNIX_EPOCH - Duration::from_secs(1),
        year_10000,
        year_10000 + Duration::from_secs(86_400 * 365 * 1000),
    ] {
        let refused = AuditEvent::new("clock.skewed", Outcome::Success).at(when);
        assert_eq!(log.record(refused).unwrap_err(), AuditError::Encoding);
    }
    let last_instant = year_10000 - Duration::from_micros(1);
    let edge = AuditEvent::new("edge", Outcome::Success).at(last_instant);
    assert_eq!(log.record(edge).unwrap().seq(), 1);
    let first = AuditEvent::new("epoch", Outcome::Success).at(SystemTime::UNIX_EPOCH);
    assert_eq!(log.record(first).unwrap().seq(), 2);

    let records = log.with_sink(|sink| sink.records().to_vec());
    assert!(
        records[1]
            .to_json_line()
            .contains("9999-12-31T23:59:59.999999Z")
    );
    assert_eq!(verify(records.into_iter().map(Ok)).unwrap().records(), 3);
}

#[test]
fn concurrent_writers_keep_one_chain() {
    let log = std::sync::Arc::new(AuditLog::new(MemorySink::default()).unwrap());
    let writers: Vec<_> = (0..4)
        .map(|writer| {
            let log = std::sync::Arc::clone(&log);
            std::thread::spawn(move || {
                for n in 0..25 {
                    log.record(event(writer * 100 + n)).unwrap();
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }

    let records = log.with_sink(|sink| sink.records().to_vec());
    assert_eq!(verify(records.into_iter().map(Ok)).unwrap().records(), 100);
}

#[cfg(feature = "sqlite")]
mod sqlite {
    use rusqlite::Connection;
    use secure::audit::SqliteSink;

    use super::*;

    fn table() -> AuditLog<SqliteSink> {
        let log =
            AuditLog::new(SqliteSink::new(Connection::open_in_memory().unwrap()).unwrap()).unwrap();
        for n in 0..5 {
            log.record(event(n)).unwrap();
        }
        log
    }

    fn verified(log: &AuditLog<SqliteSink>) -> Result<u64, (u64, BreakKind)> {
        outcome(log.with_sink(|sink| verify(sink.records().unwrap()).map(|v| v.records())))
    }

    fn execute(log: &AuditLog<SqliteSink>, sql: &str) {
        log.with_sink(|sink| sink.connection().execute_batch(sql).unwrap());
    }

    #[test]
    fn an_untouched_table_verifies_and_continues_after_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.db");
        let log =
            AuditLog::new(SqliteSink::new(Connection::open(&path).unwrap()).unwrap()).unwrap();
        log.record(event(0)).unwrap();
        drop(log);

        let log =
            AuditLog::new(SqliteSink::new(Connection::open(&path).unwrap()).unwrap()).unwrap();
        assert_eq!(log.record(event(1)).unwrap().seq(), 1);
        assert_eq!(verified(&log), Ok(2));
        assert_eq!(verified(&table()), Ok(5));
    }

    #[test]
    fn a_deleted_row_is_found() {
        let log = table();
        execute(&log, "DELETE FROM audit_log WHERE seq = 3");
        assert_eq!(
            verified(&log),
            broken(
                3,
                BreakKind::OutOfSequence {
                    expected: 3,
                    found: 4
                }
            )
        );
    }

    #[test]
    fn an_edited_row_is_found() {
        let log = table();
        execute(
            &log,
            "UPDATE audit_log SET record = replace(record, '\"actor\":\"ada\"', '\"actor\":\"eve\"') WHERE seq = 2",
        );
        assert_eq!(verified(&log), broken(2, BreakKind::Altered));
    }

    #[test]
    fn rows_whose_records_were_swapped_are_found() {
        let log = table();
        execute(
            &log,
            "UPDATE audit_log SET seq = -1 WHERE seq = 1;
             UPDATE audit_log SET seq = 1 WHERE seq = 2;
             UPDATE audit_log SET seq = 2 WHERE seq = -1;",
        );
        assert_eq!(
            verified(&log),
            broken(
                1,
                BreakKind::OutOfSequence {
                    expected: 1,
                    found: 2
                }
            )
        );
    }
}

#[cfg(feature = "tracing")]
mod denials {
    use std::sync::Arc;

    use secure::audit::{AuditLayer, DENIAL_TARGET};
    use tracing_subscriber::prelude::*;

    use super::*;

    fn audited(emit: impl FnOnce()) -> Vec<AuditEvent> {
        let log = Arc::new(AuditLog::new(MemorySink::default()).unwrap());
        let subscriber = tracing_subscriber::registry().with(AuditLayer::new(Arc::clone(&log)));
        tracing::subscriber::with_default(subscriber, emit);
        let records = log.with_sink(|sink| sink.records().to_vec());
        assert!(verify(records.iter().cloned().map(Ok)).is_ok());
        records
            .iter()
            .map(|record| record.event().unwrap())
            .collect()
    }

    #[test]
    fn denial_events_become_records_with_the_innermost_request_id() {
        let events = audited(|| {
            let _outer = tracing::info_span!("server", request_id = "outer").entered();
            let _request = tracing::info_span!("request", request_id = %"req-42").entered();
            let _handler = tracing::info_span!("handler").entered();
            tracing::warn!(
                target: DENIAL_TARGET,
                subject = "u-7",
                requirement = "any(Admin, Clerk)",
                function = "shop::refund",
                denial = "insufficient",
                "access denied",
            );
            tracing::info!(
                target: DENIAL_TARGET,
                subject = "",
                requirement = "Admin",
                function = "shop::purge",
                denial = "unauthenticated",
                "access denied",
            );
            tracing::warn!(target: "app", subject = "u-7", "unrelated");
        });

        assert_eq!(events.len(), 2);
        assert_eq!(events[0].action(), "shop::refund");
        assert_eq!(events[0].actor(), Some("u-7"));
        assert_eq!(events[0].outcome(), Outcome::Denied);
        assert_eq!(events[0].request_id(), Some("req-42"));
        assert_eq!(
            events[0].details(),
            Some(
                &serde_json::json!({"requirement": "any(Admin, Clerk)", "denial": "insufficient"})
            )
        );
        assert_eq!(events[1].action(), "shop::purge");
        assert_eq!(events[1].actor(), None);
    }

    secure::roles! {
        pub Admin = "admin";
    }

    #[secure::requires(Admin)]
    fn purge(#[subject] caller: Option<&Principal>) -> Result<(), Forbidden> {
        Ok(())
    }

    #[test]
    fn requires_denials_are_audited_and_grants_are_not() {
        let clerk = Principal::new("u-clerk").with_role("clerk");
        let admin = Principal::new("u-admin").with_role("admin");
        let events = audited(|| {
            let _request = tracing::info_span!("request", request_id = "req-9").entered();
            assert!(purge(Some(&admin)).is_ok());
            assert!(purge(Some(&clerk)).is_err());
            assert!(purge(None).unwrap_err().is_unauthenticated());
        });

        assert_eq!(events.len(), 2);
        assert!(
            events[0].action().ends_with("purge"),
            "{}",
            events[0].action()
        );
        assert_eq!(events[0].actor(), Some("u-clerk"));
        assert_eq!(events[0].outcome(), Outcome::Denied);
        assert_eq!(events[0].request_id(), Some("req-9"));
        assert_eq!(
            events[0].details(),
            Some(&serde_json::json!({"requirement": "Admin", "denial": "insufficient"}))
        );
        assert_eq!(events[1].actor(), None);
        assert_eq!(
            events[1].details(),
            Some(&serde_json::json!({"requirement": "Admin", "denial": "unauthenticated"}))
        );
    }

    #[test]
    fn each_subscriber_writes_to_its_own_log() {
        let denial = || {
            tracing::warn!(
                target: DENIAL_TARGET,
                subject = "u-1",
                requirement = "Admin",
                function = "f",
                denial = "insufficient",
            )
        };
        let (first, second) = std::thread::scope(|scope| {
            let first = scope.spawn(|| audited(|| (0..3).for_each(|_| denial())));
            let second = scope.spawn(|| audited(denial));
            (first.join().unwrap(), second.join().unwrap())
        });
        assert_eq!(first.len(), 3);
        assert_eq!(second.len(), 1);
        assert!(audited(|| {}).is_empty());
    }
}
