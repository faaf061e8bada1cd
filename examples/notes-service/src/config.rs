//! Where the service keeps its data, from the command line and the environment.

use core::fmt;
use std::path::{Path, PathBuf};

/// The default data directory, relative to where the service starts.
pub const DEFAULT_DATA_DIR: &str = "notes-data";

/// The default port on 127.0.0.1.
pub const DEFAULT_PORT: u16 = 3000;

/// Which SQLite database to use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A database file, created on first start.
    File(PathBuf),
    /// A database that lives as long as the process, for trials.
    Memory,
}

impl DatabaseUrl {
    /// Reads `DATABASE_URL`'s forms: `sqlite://path`, `sqlite:path`, `sqlite::memory:`, or a
    /// bare path. Other schemes are refused: the service is built on SQLite alone. So are
    /// URLs with a user or password (`sqlite://user:password@host/..`) or options
    /// (`?password=..`), which SQLite would not use: the error names neither.
    ///
    /// ```
    /// use notes_service::{ConfigError, DatabaseUrl};
    ///
    /// assert_eq!(DatabaseUrl::parse("sqlite::memory:"), Ok(DatabaseUrl::Memory));
    /// assert_eq!(DatabaseUrl::parse("sqlite://db/notes.sqlite3"), Ok(DatabaseUrl::File("db/notes.sqlite3".into())));
    /// assert!(DatabaseUrl::parse("postgres://localhost/notes").is_err());
    /// assert_eq!(DatabaseUrl::parse("sqlite://notes.db?password=hunter2"), Err(ConfigError::DatabaseUrlExtras));
    /// ```
    pub fn parse(url: &str) -> Result<Self, ConfigError> {
        if url == "sqlite::memory:" || url == ":memory:" {
            return Ok(DatabaseUrl::Memory);
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        let has_other_scheme = path.contains("://");
        if has_other_scheme {
            return Err(ConfigError::UnsupportedDatabase);
        }

        // A user or password before the first `/`, or options after `?` (also on a bare path,
        // where they would become part of a file name).
        let first = path.split('/').next().unwrap_or("");
        if path.contains(['?', '#']) || first.contains('@') {
            return Err(ConfigError::DatabaseUrlExtras);
        }
        if path.is_empty() {
            return Err(ConfigError::UnsupportedDatabase);
        }
        Ok(DatabaseUrl::File(PathBuf::from(path)))
    }
}

/// What the service needs to start.
#[derive(Clone, Debug)]
pub struct Config {
    /// The database.
    pub database: DatabaseUrl,
    /// The directory of files members may download (`GET /files/..`).
    pub files_dir: PathBuf,
    /// The port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
}

impl Config {
    /// Everything under one data directory: `notes.sqlite3` and `files/`.
    pub fn in_dir(dir: impl AsRef<Path>) -> Self {
        let dir = dir.as_ref();
        Config {
            database: DatabaseUrl::File(dir.join("notes.sqlite3")),
            files_dir: dir.join("files"),
            port: DEFAULT_PORT,
        }
    }

    /// Reads `--port N` and `--data DIR` from `args`, and `DATABASE_URL` from `database_url`.
    ///
    /// ```
    /// use notes_service::{Config, DatabaseUrl};
    ///
    /// let config = Config::from_args(["--port", "8080"], None)?;
    /// assert_eq!(config.port, 8080);
    /// assert_eq!(config.database, DatabaseUrl::File("notes-data/notes.sqlite3".into()));
    /// assert!(Config::from_args(["--port", "eighty"], None).is_err());
    /// # Ok::<(), notes_service::ConfigError>(())
    /// ```
    pub fn from_args<I, A>(args: I, database_url: Option<&str>) -> Result<Self, ConfigError>
    where
        I: IntoIterator<Item = A>,
        A: AsRef<str>,
    {
        let mut port = DEFAULT_PORT;
        let mut data_dir = PathBuf::from(DEFAULT_DATA_DIR);
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            match arg.as_ref() {
                "--port" => {
                    let value = args.next().ok_or(ConfigError::MissingValue("--port"))?;
                    port = value.as_ref().parse().map_err(|_| ConfigError::BadPort)?;
                }
                "--data" => {
                    let value = args.next().ok_or(ConfigError::MissingValue("--data"))?;
                    data_dir = PathBuf::from(value.as_ref());
                }
                _ => return Err(ConfigError::UnknownArgument),
            }
        }

        let mut config = Config::in_dir(&data_dir);
        config.port = port;
        if let Some(url) = database_url {
            config.database = DatabaseUrl::parse(url)?;
        }
        Ok(config)
    }
}

/// A configuration that cannot be used. The messages name the setting, never its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// A flag was given without its value.
    MissingValue(&'static str),
    /// `--port` is not a number from 0 to 65535.
    BadPort,
    /// An argument the service does not know.
    UnknownArgument,
    /// `DATABASE_URL` names a database other than SQLite.
    UnsupportedDatabase,
    /// `DATABASE_URL` carries a user, a password or options, which SQLite does not take.
    DatabaseUrlExtras,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::MissingValue(flag) => write!(f, "`{flag}` needs a value"),
            ConfigError::BadPort => f.write_str("`--port` takes a number from 0 to 65535"),
            ConfigError::UnknownArgument => f.write_str(
                "unknown argument; usage: notes-service [--port N] [--data DIR] | notes-service tour | notes-service --help",
            ),
            ConfigError::UnsupportedDatabase => f.write_str(
                "`DATABASE_URL` must name a SQLite database: `sqlite://path`, `sqlite::memory:` or a path",
            ),
            ConfigError::DatabaseUrlExtras => f.write_str(
                "`DATABASE_URL` must not carry a user, a password or `?` options: SQLite takes none; give `sqlite://path`",
            ),
        }
    }
}

impl std::error::Error for ConfigError {}
