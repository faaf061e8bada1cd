//! [`JsonLinesSink`]: the default sink, one JSON record per line in an append-only file.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use super::{AuditError, AuditRecord, AuditSink};

/// Appends records to a file, one JSON line each, and syncs the file after each record.
///
/// The file is created readable and writable by its owner only (Unix). Read it back with
/// [`JsonLinesSink::read`] and check it with [`verify`](super::verify):
///
/// ```
/// # let dir = tempfile::tempdir().unwrap();
/// # let path = dir.path().join("audit.jsonl");
/// use secure::audit::{AuditEvent, AuditLog, JsonLinesSink, Outcome, verify};
///
/// let log = AuditLog::new(JsonLinesSink::open(&path)?)?;
/// log.record(AuditEvent::new("session.start", Outcome::Success).with_actor("ada"))?;
/// drop(log);
///
/// // Reopened, the log continues the chain.
/// let log = AuditLog::new(JsonLinesSink::open(&path)?)?;
/// log.record(AuditEvent::new("session.end", Outcome::Success).with_actor("ada"))?;
///
/// let verified = verify(JsonLinesSink::read(&path)?)?;
/// assert_eq!(verified.records(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// A crash in the middle of a write can leave a last line cut short; `verify` reports it as
/// unreadable, and the log refuses to continue after it until it is dealt with.
#[derive(Debug)]
pub struct JsonLinesSink {
    file: File,
    path: PathBuf,
}

impl JsonLinesSink {
    /// Opens (or creates) the trail at `path` for appending.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, AuditError> {
        let path = path.as_ref().to_owned();
        let mut options = OpenOptions::new();
        options.append(true).create(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(&path)?;
        Ok(JsonLinesSink { file, path })
    }

    /// Every record of the trail at `path`, in file order; a line that is not a record is
    /// an error at its position.
    pub fn read(
        path: impl AsRef<Path>,
    ) -> Result<Vec<Result<AuditRecord, AuditError>>, AuditError> {
        let reader = BufReader::new(File::open(path)?);
        let mut records = Vec::new();
        for line in reader.lines() {
            let record = line
                .map_err(AuditError::from)
                .and_then(|line| AuditRecord::from_json_line(&line));
            records.push(record);
        }
        Ok(records)
    }
}

impl AuditSink for JsonLinesSink {
    fn append(&mut self, record: &AuditRecord) -> Result<(), AuditError> {
        let mut line = record.to_json_line();
        line.push('\n');
        self.file.write_all(line.as_bytes())?;
        self.file.sync_data()?;
        Ok(())
    }

    fn last(&mut self) -> Result<Option<AuditRecord>, AuditError> {
        let records = JsonLinesSink::read(&self.path)?;
        records.into_iter().last().transpose()
    }
}
