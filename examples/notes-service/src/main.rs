//! `notes-service [--port N] [--data DIR]` serves on 127.0.0.1 (SQLite in `DIR`, by default
//! `notes-data/`; `DATABASE_URL` picks another SQLite database).
//! `notes-service tour` attacks a fresh in-process instance and reports what got through.
//!
//! An administrator account `admin` is created or updated at start when
//! `NOTES_ADMIN_PASSWORD` (or the file `NOTES_ADMIN_PASSWORD_FILE` names) is set.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line program"
)]

use std::process::ExitCode;

use notes_service::{App, Config, tour};
use secure::ExposeSecret;
use secure::audit::AuditLayer;
use secure::secret::load::{self, LoadErrorKind};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, fmt};

const USAGE: &str = "\
usage: notes-service [--port N] [--data DIR]
       notes-service tour

Serves the notes service on 127.0.0.1:N (3000 by default). Its SQLite database and its
downloadable files are in DIR (notes-data/ by default).

  --port N       the port to listen on; 0 picks a free one
  --data DIR     where the database and the files are kept
  tour           attacks a fresh in-process instance and reports what got through

environment:
  DATABASE_URL                 another SQLite database: sqlite://path, sqlite::memory: or a
                               path (the files stay in DIR)
  NOTES_ADMIN_PASSWORD         creates or updates the account `admin` at start
  NOTES_ADMIN_PASSWORD_FILE    the same, read from a file
  RUST_LOG                     the log filter (info by default)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("notes-service: the async runtime did not start: {error}");
            return ExitCode::FAILURE;
        }
    };
    match args.first().map(String::as_str) {
        Some("--help" | "-h") if args.len() == 1 => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some("tour") if args.len() == 1 => runtime.block_on(run_tour()),
        _ => runtime.block_on(serve(&args)),
    }
}

async fn run_tour() -> ExitCode {
    println!("notes-service tour: hostile requests against a fresh instance on 127.0.0.1\n");
    match tour::run().await {
        Ok(attempts) => {
            let mut out = std::io::stdout().lock();
            if let Err(error) = tour::print(&attempts, &mut out) {
                eprintln!("notes-service: {error}");
                return ExitCode::FAILURE;
            }
            tour::exit_code(&attempts)
        }
        Err(error) => {
            eprintln!("notes-service tour: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(args: &[String]) -> ExitCode {
    // A database URL may carry a password: it is read as a secret, and no error repeats it.
    let database_url = match load::from_env("DATABASE_URL") {
        Ok(url) => Some(url),
        Err(error) if error.kind() == LoadErrorKind::NotSet => None,
        Err(error) => {
            eprintln!("notes-service: {error}");
            return ExitCode::from(2);
        }
    };
    let database_url = database_url
        .as_ref()
        .map(|url| url.expose_secret().as_str());
    let config = match Config::from_args(args, database_url) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("notes-service: {error}");
            return ExitCode::from(2);
        }
    };
    let app = match App::new(&config) {
        Ok(app) => app,
        Err(error) => {
            eprintln!("notes-service: {error}");
            return ExitCode::FAILURE;
        }
    };

    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::registry()
        .with(filter)
        .with(fmt::layer().with_writer(std::io::stderr))
        .with(AuditLayer::new(app.state().audit.clone()))
        .init();

    match load::from_env_or_file("NOTES_ADMIN_PASSWORD") {
        Ok(password) => {
            if let Err(error) = app.ensure_admin("admin", &password) {
                eprintln!("notes-service: {error}");
                return ExitCode::FAILURE;
            }
            tracing::info!("administrator account `admin` is ready");
        }
        Err(error) if error.kind() == LoadErrorKind::NotSet => {
            tracing::info!("no administrator: set NOTES_ADMIN_PASSWORD to create `admin`");
        }
        Err(error) => {
            eprintln!("notes-service: {error}");
            return ExitCode::FAILURE;
        }
    }

    let listener = match tokio::net::TcpListener::bind(("127.0.0.1", config.port)).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!(
                "notes-service: cannot listen on 127.0.0.1:{}: {error}",
                config.port
            );
            return ExitCode::FAILURE;
        }
    };
    match listener.local_addr() {
        Ok(address) => tracing::info!("listening on http://{address}"),
        Err(error) => tracing::warn!(error = %error, "listening, address unknown"),
    }
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("shutting down");
    };
    match app.serve(listener, shutdown).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("notes-service: {error}");
            ExitCode::FAILURE
        }
    }
}
