//! Loading secrets from the environment or from mounted files, and decoding keys.
//!
//! Two conventions cover most deployments: a variable holds the secret (`DB_PASSWORD=..`), or
//! a variable names a file that holds it (`DB_PASSWORD_FILE=/run/secrets/db_password`, as
//! Docker and Kubernetes mount them). [`from_env_or_file`] accepts either and refuses both at
//! once, so a stale value cannot shadow the mounted one.
//!
//! ```
//! # let dir = tempfile::tempdir().unwrap();
//! # let path = dir.path().join("db_password");
//! # std::fs::write(&path, "hunter2\n").unwrap();
//! # #[cfg(unix)]
//! # {
//! #     use std::os::unix::fs::PermissionsExt;
//! #     std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
//! # }
//! use secure::prelude::*;
//! use secure::secret::load;
//!
//! let password = load::from_file(&path).unwrap();
//! assert_eq!(password.expose_secret(), "hunter2");
//!
//! let missing = load::from_env_or_file("SURELY_UNSET_SECRET").unwrap_err();
//! assert_eq!(
//!     missing.to_string(),
//!     "cannot load a secret from environment variable `SURELY_UNSET_SECRET` or `SURELY_UNSET_SECRET_FILE`: neither is set"
//! );
//! ```
//!
//! # Whitespace
//!
//! One trailing line break (`\n` or `\r\n`) is removed, because editors and `echo` add one
//! to files; nothing else is trimmed. Leading spaces, trailing spaces and a second line break
//! are part of the secret. An empty secret, after that, is an error.
//!
//! # Errors
//!
//! A [`LoadError`] names the source (the variable or the path) and what went wrong, never
//! the value or any part of it.
//!
//! # What is not guaranteed
//!
//! - The permission check runs on Unix only: a file is refused if its group or other users
//!   may read or write it (mode bits `0o077`), or if it belongs to a user other than the one
//!   the process runs as and not to root (as OpenSSH's `StrictModes` checks its keys),
//!   checked on the opened file. Docker and
//!   Kubernetes mount secrets as `0444`/`0644` unless told otherwise: set `mode: 0400` or
//!   `defaultMode: 0400`. On other platforms no check is made. A deliberate exception is
//!   [`unchecked::secret_from_file_any_permissions`](crate::unchecked::secret_from_file_any_permissions).
//! - A value read from the environment stays in the process environment (and in
//!   `/proc/<pid>/environ` on Linux) after it is loaded: removing it takes `unsafe` code in a
//!   threaded program. Prefer files for long-lived secrets.
//! - The file is read into a buffer sized from its metadata and zeroized afterwards; copies
//!   the operating system keeps (page cache) are out of reach.

use core::fmt;
use std::ffi::OsString;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use base64ct::Encoding;
use zeroize::{Zeroize, Zeroizing};

use crate::secret::{ExposeSecret, ExposeSecretMut, Secret, SecretString};

/// The largest secret file read, in bytes: anything larger is not a secret but a mistake
/// (or a device such as `/dev/zero`).
pub const MAX_FILE_LEN: u64 = 64 * 1024;

/// Reads the secret held by the environment variable `name`.
///
/// ```
/// let error = secure::secret::load::from_env("SURELY_UNSET_SECRET").unwrap_err();
/// assert_eq!(error.to_string(), "cannot load a secret from environment variable `SURELY_UNSET_SECRET`: it is not set");
/// ```
pub fn from_env(name: &str) -> Result<SecretString, LoadError> {
    let origin = Origin::Env(name.to_owned());
    check_variable_name(name, &origin)?;
    match std::env::var_os(name) {
        Some(value) => finish(os_string_bytes(value), origin),
        None => Err(LoadError::new(origin, LoadErrorKind::NotSet)),
    }
}

/// Reads the secret held by the file at `path`, refusing (on Unix) a file that other users
/// may read or write, or that belongs to another user than this process's and not to root.
pub fn from_file(path: impl AsRef<Path>) -> Result<SecretString, LoadError> {
    read_file(path.as_ref(), Permissions::Private)
}

/// Reads the secret from the variable `name`, or from the file named by `name` + `_FILE`.
///
/// Setting both is an error, and so is setting neither.
pub fn from_env_or_file(name: &str) -> Result<SecretString, LoadError> {
    let file_variable = format!("{name}_FILE");
    let both = Origin::EnvOrFile(name.to_owned(), file_variable.clone());
    check_variable_name(name, &both)?;
    let direct = std::env::var_os(name);
    let file = std::env::var_os(&file_variable);
    match (direct, file) {
        (Some(value), Some(_)) => {
            drop(Zeroizing::new(os_string_bytes(value)));
            Err(LoadError::new(both, LoadErrorKind::BothSet))
        }
        (Some(value), None) => finish(os_string_bytes(value), Origin::Env(name.to_owned())),
        (None, Some(path)) => from_file(PathBuf::from(path)),
        (None, None) => Err(LoadError::new(both, LoadErrorKind::NotSet)),
    }
}

/// Whether the permission bits of a secret file are checked.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Permissions {
    Private,
    Any,
}

pub(crate) fn read_file(path: &Path, permissions: Permissions) -> Result<SecretString, LoadError> {
    let origin = Origin::File(path.to_owned());
    let fail = |kind| LoadError::new(origin.clone(), kind);
    let file = open_without_waiting(path).map_err(|error| fail(LoadErrorKind::Io(error.kind())))?;
    let metadata = file
        .metadata()
        .map_err(|error| fail(LoadErrorKind::Io(error.kind())))?;

    if !metadata.is_file() {
        return Err(fail(LoadErrorKind::NotAFile));
    }
    if permissions == Permissions::Private {
        check_private(&metadata).map_err(fail)?;
    }
    if metadata.len() > MAX_FILE_LEN {
        return Err(fail(LoadErrorKind::TooLarge {
            limit: MAX_FILE_LEN,
        }));
    }

    let capacity = usize::try_from(metadata.len()).unwrap_or(0) + 1;
    let mut bytes = Vec::with_capacity(capacity);
    let read = file.take(MAX_FILE_LEN + 1).read_to_end(&mut bytes);
    if let Err(error) = read {
        bytes.zeroize();
        return Err(fail(LoadErrorKind::Io(error.kind())));
    }
    if bytes.len() as u64 > MAX_FILE_LEN {
        bytes.zeroize();
        return Err(fail(LoadErrorKind::TooLarge {
            limit: MAX_FILE_LEN,
        }));
    }
    finish(bytes, origin)
}

#[cfg(unix)]
fn check_private(metadata: &std::fs::Metadata) -> Result<(), LoadErrorKind> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    let mode = metadata.permissions().mode() & 0o777;
    let euid = rustix::process::geteuid().as_raw();
    private_file(mode, metadata.uid(), euid)
}

/// Whether a file of this mode and owner keeps a secret from everyone but the user `euid`
/// runs as: no group or other permission bits, and owned by that user or by root, as
/// OpenSSH's `StrictModes` asks of its keys. Any other owner could read the file or replace
/// the secret.
#[cfg(unix)]
fn private_file(mode: u32, owner: u32, euid: u32) -> Result<(), LoadErrorKind> {
    if mode & 0o077 != 0 {
        return Err(LoadErrorKind::Exposed { mode });
    }
    match owner == euid || owner == 0 {
        true => Ok(()),
        false => Err(LoadErrorKind::ForeignOwner { owner }),
    }
}

/// Opens a file for reading without waiting on a named pipe for a writer: the pipe is then
/// refused as [`LoadErrorKind::NotAFile`]. `O_NONBLOCK` changes nothing for a regular file.
#[cfg(unix)]
fn open_without_waiting(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;

    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> io::Result<File> {
    File::open(path)
}

#[cfg(not(unix))]
fn check_private(_metadata: &std::fs::Metadata) -> Result<(), LoadErrorKind> {
    Ok(())
}

fn check_variable_name(name: &str, origin: &Origin) -> Result<(), LoadError> {
    match name.is_empty() || name.contains(['=', '\0']) {
        true => Err(LoadError::new(origin.clone(), LoadErrorKind::InvalidName)),
        false => Ok(()),
    }
}

fn os_string_bytes(value: OsString) -> Vec<u8> {
    value.into_encoded_bytes()
}

/// Turns raw bytes into the secret: UTF-8, one trailing line break removed, not empty.
fn finish(bytes: Vec<u8>, origin: Origin) -> Result<SecretString, LoadError> {
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            error.into_bytes().zeroize();
            return Err(LoadError::new(origin, LoadErrorKind::NotUnicode));
        }
    };
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    match text.is_empty() {
        true => Err(LoadError::new(origin, LoadErrorKind::Empty)),
        false => Ok(Secret::new(text)),
    }
}

/// Where a secret was to be loaded from. Shown in errors; never holds the value.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Origin {
    /// An environment variable, by name.
    Env(String),
    /// A variable or the file its `_FILE` twin names.
    EnvOrFile(String, String),
    /// A file, by path.
    File(PathBuf),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Env(name) => write!(f, "environment variable `{name}`"),
            Origin::EnvOrFile(name, file) => {
                write!(f, "environment variable `{name}` or `{file}`")
            }
            Origin::File(path) => write!(f, "file `{}`", path.display()),
        }
    }
}

/// Why a secret could not be loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LoadErrorKind {
    /// The variable (or both variables) is not set.
    NotSet,
    /// The variable and its `_FILE` twin are both set.
    BothSet,
    /// The variable name is empty or contains `=` or NUL.
    InvalidName,
    /// The value is not UTF-8.
    NotUnicode,
    /// The value is empty once a trailing line break is removed.
    Empty,
    /// The path names a directory, a device or a pipe rather than a file.
    NotAFile,
    /// The file is larger than the limit, in bytes.
    TooLarge {
        /// [`MAX_FILE_LEN`].
        limit: u64,
    },
    /// The file's group or other users may read or write it (Unix), with its mode bits.
    Exposed {
        /// The permission bits, such as `0o644`.
        mode: u32,
    },
    /// The file belongs to a user other than the one this process runs as, and not to root
    /// (Unix): that user could read it or replace the secret.
    ForeignOwner {
        /// The owner's user id.
        owner: u32,
    },
    /// Opening or reading the file failed.
    Io(io::ErrorKind),
}

/// A secret that could not be loaded: its [`Origin`] and the [`LoadErrorKind`], never the
/// value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    origin: Origin,
    kind: LoadErrorKind,
}

impl LoadError {
    fn new(origin: Origin, kind: LoadErrorKind) -> Self {
        LoadError { origin, kind }
    }

    /// Where the secret was to come from.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// What went wrong.
    pub fn kind(&self) -> LoadErrorKind {
        self.kind
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot load a secret from {}: ", self.origin)?;
        match self.kind {
            LoadErrorKind::NotSet if matches!(self.origin, Origin::EnvOrFile(..)) => {
                f.write_str("neither is set")
            }
            LoadErrorKind::NotSet => f.write_str("it is not set"),
            LoadErrorKind::BothSet => f.write_str("both are set; keep one"),
            LoadErrorKind::InvalidName => f.write_str("the name is empty or contains `=` or NUL"),
            LoadErrorKind::NotUnicode => f.write_str("the value is not UTF-8"),
            LoadErrorKind::Empty => f.write_str("the value is empty"),
            LoadErrorKind::NotAFile => f.write_str("it is not a regular file"),
            LoadErrorKind::TooLarge { limit } => write!(f, "it is larger than {limit} bytes"),
            LoadErrorKind::Exposed { mode } => write!(
                f,
                "its mode {mode:03o} lets other users read or write it; make it 600 or 400"
            ),
            LoadErrorKind::ForeignOwner { owner } => write!(
                f,
                "it belongs to another user (uid {owner}), who could read or replace it; give it to the user this process runs as, or to root"
            ),
            LoadErrorKind::Io(kind) => write!(f, "{kind}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// Decodes a hexadecimal secret (either case), such as a key loaded with this module.
///
/// Decoding runs in constant time, so timing does not reveal the digits.
///
/// ```
/// use secure::prelude::*;
/// use secure::secret::load::decode_hex;
///
/// let key = decode_hex(&Secret::new("00ff10".to_owned())).unwrap();
/// assert_eq!(key.expose_secret(), &[0x00, 0xff, 0x10]);
/// assert!(decode_hex(&Secret::new("0g".to_owned())).is_err());
/// ```
pub fn decode_hex(secret: &SecretString) -> Result<Secret<Vec<u8>>, DecodeError> {
    base16ct::mixed::decode_vec(secret.expose_secret())
        .map(Secret::new)
        .map_err(|_| DecodeError::Hex)
}

/// Decodes a base64 secret in the standard alphabet with padding (RFC 4648 §4), as
/// `openssl rand -base64 32` writes it.
///
/// Decoding runs in constant time, so timing does not reveal the characters.
///
/// ```
/// use secure::prelude::*;
/// use secure::secret::load::decode_base64;
///
/// let key = decode_base64(&Secret::new("AP8Q".to_owned())).unwrap();
/// assert_eq!(key.expose_secret(), &[0x00, 0xff, 0x10]);
/// ```
pub fn decode_base64(secret: &SecretString) -> Result<Secret<Vec<u8>>, DecodeError> {
    base64ct::Base64::decode_vec(secret.expose_secret())
        .map(Secret::new)
        .map_err(|_| DecodeError::Base64)
}

/// Decodes a key of exactly `N` bytes, given in hexadecimal or in padded standard base64
/// (a text of `2 * N` hexadecimal digits is read as hexadecimal).
///
/// A key of one byte repeated (`000…0`, `aaaa…`, the base64 `AAAA…=`) is refused as
/// [`DecodeError::Placeholder`]: it is what an example configuration holds, not a random key
/// (one of those is so made once in 2^248 tries for 32 bytes).
///
/// ```
/// use secure::prelude::*;
/// use secure::secret::load::{DecodeError, decode_key};
///
/// let hex = Secret::new("00112233445566778899aabbccddeeff".repeat(2));
/// assert_eq!(decode_key::<32>(&hex).unwrap().expose_secret()[..3], [0x00, 0x11, 0x22]);
/// let short = Secret::new("AP8Q".to_owned());
/// assert_eq!(decode_key::<32>(&short).unwrap_err(), DecodeError::Length { expected: 32 });
/// let example = Secret::new("0".repeat(64));
/// assert_eq!(decode_key::<32>(&example).unwrap_err(), DecodeError::Placeholder);
/// ```
pub fn decode_key<const N: usize>(secret: &SecretString) -> Result<Secret<[u8; N]>, DecodeError> {
    let text = secret.expose_secret();
    let looks_hex = text.len() == 2 * N && text.bytes().all(|b| b.is_ascii_hexdigit());
    let bytes = match looks_hex {
        true => decode_hex(secret)?,
        false => decode_base64(secret)?,
    };
    let bytes = bytes.expose_secret();
    if bytes.len() != N {
        return Err(DecodeError::Length { expected: N });
    }
    if N > 1 && bytes.iter().all(|&byte| byte == bytes[0]) {
        return Err(DecodeError::Placeholder);
    }
    let mut key = Secret::new([0; N]);
    key.expose_secret_mut().copy_from_slice(bytes);
    Ok(key)
}

/// A secret that is not in the expected encoding. Carries no part of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// Not hexadecimal.
    Hex,
    /// Not padded standard base64.
    Base64,
    /// Decoded, but not the expected number of bytes.
    Length {
        /// The number of bytes expected.
        expected: usize,
    },
    /// A key of one byte repeated: a placeholder, not a random key.
    Placeholder,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Hex => f.write_str("the secret is not hexadecimal"),
            DecodeError::Base64 => f.write_str("the secret is not padded standard base64"),
            DecodeError::Length { expected } => {
                write!(f, "the secret does not decode to {expected} bytes")
            }
            DecodeError::Placeholder => f.write_str(
                "the key is one byte repeated, a placeholder rather than a random key; generate one with `openssl rand -hex 32`",
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn finished(bytes: &[u8]) -> Result<String, LoadErrorKind> {
        finish(bytes.to_vec(), Origin::Env("X".into()))
            .map(|secret| secret.expose_secret().clone())
            .map_err(|error| error.kind())
    }

    #[cfg(unix)]
    #[test]
    fn a_private_file_belongs_to_the_process_user_or_to_root() {
        assert_eq!(private_file(0o600, 1000, 1000), Ok(()));
        assert_eq!(private_file(0o400, 0, 1000), Ok(()));
        assert_eq!(private_file(0o600, 0, 0), Ok(()));
        assert_eq!(
            private_file(0o600, 1001, 1000),
            Err(LoadErrorKind::ForeignOwner { owner: 1001 })
        );
        assert_eq!(
            private_file(0o600, 1000, 0),
            Err(LoadErrorKind::ForeignOwner { owner: 1000 })
        );
        assert_eq!(
            private_file(0o640, 1000, 1000),
            Err(LoadErrorKind::Exposed { mode: 0o640 })
        );
    }

    #[test]
    fn only_one_trailing_line_break_is_removed() {
        assert_eq!(finished(b"s3cret\n").unwrap(), "s3cret");
        assert_eq!(finished(b"s3cret\r\n").unwrap(), "s3cret");
        assert_eq!(finished(b"s3cret\n\n").unwrap(), "s3cret\n");
        assert_eq!(finished(b" s3cret \n").unwrap(), " s3cret ");
        assert_eq!(finished(b"s3cret\r").unwrap(), "s3cret\r");
        assert_eq!(finished(b"\ts3cret").unwrap(), "\ts3cret");
    }

    #[test]
    fn empty_and_non_unicode_values_are_refused() {
        assert_eq!(finished(b"").unwrap_err(), LoadErrorKind::Empty);
        assert_eq!(finished(b"\n").unwrap_err(), LoadErrorKind::Empty);
        assert_eq!(
            finished(b"\xff\xfe").unwrap_err(),
            LoadErrorKind::NotUnicode
        );
    }

    #[test]
    fn keys_decode_from_hex_or_base64_at_their_exact_length() {
        let hex = Secret::new("AbCd".repeat(8));
        assert_eq!(
            decode_key::<16>(&hex).unwrap().expose_secret(),
            &[0xab, 0xcd].repeat(8)[..]
        );
        let base64 = Secret::new("q83vASNFZ4mrze8BI0VniQ==".to_owned());
        assert_eq!(
            decode_key::<16>(&base64).unwrap().expose_secret()[..2],
            [0xab, 0xcd]
        );
        let unpadded = Secret::new("q83vASNFZ4mrze8BI0VniQ".to_owned());
        assert_eq!(
            decode_key::<16>(&unpadded).unwrap_err(),
            DecodeError::Base64
        );
        assert_eq!(
            decode_key::<32>(&base64).unwrap_err(),
            DecodeError::Length { expected: 32 }
        );
    }

    #[test]
    fn a_key_of_one_byte_repeated_is_a_placeholder() {
        for placeholder in [
            "0".repeat(64),
            "f".repeat(64),
            "ab".repeat(32),
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=".to_owned(),
        ] {
            assert_eq!(
                decode_key::<32>(&Secret::new(placeholder.clone())).unwrap_err(),
                DecodeError::Placeholder,
                "{placeholder}"
            );
        }
        let one_byte_apart = format!("{}01", "0".repeat(62));
        assert!(decode_key::<32>(&Secret::new(one_byte_apart)).is_ok());
    }
}
