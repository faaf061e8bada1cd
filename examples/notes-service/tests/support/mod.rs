//! What the end-to-end tests share: a fresh service on a loopback port, members signed in
//! over HTTP, and a capture of every log line the service writes.

#![allow(dead_code, unreachable_pub)]

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use notes_service::client::Client;
use notes_service::{App, Config, Service};
use secure::prelude::*;
use secure::sink::sql::sqlite::ConnectionExt;
use tracing_subscriber::layer::SubscriberExt;

/// Every log line of every service in this test binary, at every level.
#[derive(Clone, Default)]
pub struct Logs(Arc<Mutex<Vec<u8>>>);

impl Logs {
    /// What was logged so far.
    pub fn text(&self) -> String {
        let bytes = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

impl Write for Logs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let mut buffer = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        buffer.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The capture, installed once as the global subscriber (the services run on tokio's
/// worker threads, which a thread-local subscriber would miss).
pub fn logs() -> Logs {
    static LOGS: OnceLock<Logs> = OnceLock::new();
    LOGS.get_or_init(|| {
        let logs = Logs::default();
        let writer = logs.clone();
        let subscriber = tracing_subscriber::registry().with(
            tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(move || writer.clone()),
        );
        tracing::subscriber::set_global_default(subscriber)
            .unwrap_or_else(|_| panic!("another subscriber was installed first"));
        logs
    })
    .clone()
}

/// A fresh service with its own data directory, removed when it is dropped.
pub struct Running {
    pub service: Service,
    pub base_url: String,
    /// The directory members download files from.
    pub files_dir: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl Running {
    pub async fn start() -> Running {
        logs();
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::in_dir(dir.path());
        config.port = 0;
        let service = Service::start(App::new(&config).unwrap()).await.unwrap();
        Running {
            base_url: service.base_url.clone(),
            service,
            files_dir: config.files_dir.clone(),
            _dir: dir,
        }
    }

    pub fn client(&self) -> Client {
        Client::new(&self.base_url)
    }

    /// A member, signed up and signed in.
    pub async fn member(&self, name: &str, password: &str) -> Client {
        let mut client = self.client();
        assert_eq!(client.sign_up(name, password).await.unwrap().status, 201);
        assert_eq!(client.log_in(name, password).await.unwrap().status, 200);
        client
    }

    /// The administrator `root`, signed in.
    pub async fn admin(&self, password: &str) -> Client {
        self.service
            .app
            .ensure_admin("root", &Secret::from(password))
            .unwrap();
        let mut client = self.client();
        assert_eq!(client.log_in("root", password).await.unwrap().status, 200);
        client
    }

    /// Runs a count query on the service's database.
    pub fn count(&self, query: secure::sink::sql::SqlQuery<'_>) -> i64 {
        self.service
            .app
            .state()
            .db
            .with_connection(|connection| connection.query_single(&query, |row| row.get(0)))
            .unwrap()
    }

    /// The audit trail's records, as their canonical text.
    pub fn audit_records(&self) -> Vec<String> {
        let records = self
            .service
            .app
            .state()
            .audit
            .with_sink(|sink| sink.records())
            .unwrap();
        records
            .into_iter()
            .map(|record| record.unwrap().canonical().to_owned())
            .collect()
    }
}

/// The service's log line for a request, as `log_request` writes it, up to the status.
pub fn request_line(method: &str, path: &str, status: u16) -> String {
    format!("request method={method} path={path} status={status} ")
}

/// Asserts that the capture holds the service's line for each of `requests` (method, path
/// without the query, status), so the capture is known to see this test's traffic, and that
/// no captured line holds any of `secrets`.
pub fn assert_not_logged(requests: &[(&str, &str, u16)], secrets: &[&str]) {
    assert!(!requests.is_empty(), "name a request the test made");
    let logs = logs().text();
    for (method, path, status) in requests {
        let line = request_line(method, path, *status);
        let captured = logs.lines().count();
        assert!(
            logs.contains(&line),
            "no `{line}` among {captured} captured lines"
        );
    }
    for secret in secrets.iter().filter(|secret| !secret.is_empty()) {
        assert!(
            !logs.contains(secret),
            "a secret reached the logs: {secret}"
        );
    }
}
