//! Paths: a jail that joins untrusted relative paths under a root directory.
//!
//! [`PathJail::join`] accepts a relative path of plain file names separated by `/` and
//! yields a [`SafePath`] inside the root, or an error. It refuses, on every operating system
//! (so a test on Linux asserts what Windows would do):
//!
//! - absolute and rooted paths (`/etc/passwd`, `//host`), and `..`, `.` and empty components;
//! - backslashes, since Windows reads them as separators (`..\..\win.ini`);
//! - `:` in a component (drive letters `C:`, alternate data streams `file::$DATA`), so no
//!   drive, UNC (`\\server`) or verbatim (`\\?\`) prefix can form;
//! - NUL, control and bidirectional formatting characters, and invisible ones (U+200B ZERO
//!   WIDTH SPACE, U+00AD SOFT HYPHEN, the Hangul fillers), which make a name that looks like
//!   another (`admin\u{200B}.txt` beside `admin.txt`);
//! - component names that Windows would treat as devices or alter, as [`check_file_name`]
//!   documents (`CON`, `nul.tar.gz`, `COM¹`, names ending in a dot or a space);
//! - symbolic links, on the way or at the end, that lead outside the root or nowhere: each
//!   existing component is resolved and must stay under the canonical root.
//!
//! No normalisation is applied: a fullwidth `．．／` or a two-dot leader `‥` is an ordinary
//! character of a file name, stays inside the root, and is never rewritten afterwards.
//! [`PathJail::join_percent_encoded`] decodes percent-encoding exactly once, refuses invalid
//! UTF-8 (overlong forms such as `%c0%ae` included) instead of repairing it, and refuses text
//! that is still percent-encoded after that one decode.
//!
//! ```
//! # let dir = tempfile::tempdir().unwrap();
//! # let uploads = dir.path();
//! use secure::sink::path::{PathError, PathJail};
//!
//! let jail = PathJail::new(uploads).unwrap();
//! let avatar = jail.join("avatars/ada.png").unwrap();
//! assert!(avatar.as_path().starts_with(jail.root()));
//! assert_eq!(jail.join("../../etc/passwd").unwrap_err(), PathError::ParentDir);
//! assert_eq!(jail.join("/etc/passwd").unwrap_err(), PathError::Absolute);
//! ```
//!
//! # The race, and how opening through the jail limits it
//!
//! A path checked now can change before it is used: another process may replace a directory
//! on the way with a symbolic link to `/` between [`join`](PathJail::join) and `open` (a
//! time-of-check to time-of-use race). Checking cannot close that gap; only the way the file
//! is opened can narrow it. [`PathJail::open`] and [`PathJail::open_with`] therefore open
//! the resolved path with `O_NOFOLLOW` on Unix (a symbolic link swapped in at the last
//! component makes the open fail), then resolve the path again and check that it is still
//! inside the root and still names the file that was opened (same device and inode).
//!
//! What is *not* guaranteed: a directory higher up swapped for a link between the open and
//! the second check is detected only if the file differs afterwards, and on Windows only the
//! re-check runs. If other users can write inside the root, open files relative to a
//! directory handle instead (the `cap-std` crate does this with `openat` and
//! `RESOLVE_BENEATH`).

use core::fmt;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use percent_encoding::percent_decode_str;

use crate::validate::RuleError;
use crate::validate::rules::{is_control_char, is_invisible_char};

/// A directory under which untrusted relative paths are joined.
#[derive(Clone, Debug)]
pub struct PathJail {
    root: PathBuf,
}

impl PathJail {
    /// A jail rooted at `root`, which must be an existing directory. The root is
    /// canonicalized once here, so links in the root's own path are resolved.
    pub fn new(root: impl AsRef<Path>) -> io::Result<Self> {
        let root = fs::canonicalize(root)?;
        if !root.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::NotADirectory,
                "the root of a path jail must be a directory",
            ));
        }
        Ok(PathJail { root })
    }

    /// The canonical root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Joins an untrusted relative path, already decoded, under the root.
    pub fn join(&self, untrusted: &str) -> Result<SafePath, PathError> {
        let components = check_relative(untrusted)?;
        self.resolve(&components)
    }

    /// Joins an untrusted relative path given as bytes, which must be valid UTF-8.
    pub fn join_bytes(&self, untrusted: &[u8]) -> Result<SafePath, PathError> {
        let text = core::str::from_utf8(untrusted).map_err(|_| PathError::InvalidUtf8)?;
        self.join(text)
    }

    /// Decodes percent-encoding in `untrusted` exactly once, then joins it.
    ///
    /// ```
    /// # let dir = tempfile::tempdir().unwrap();
    /// use secure::sink::path::{PathError, PathJail};
    ///
    /// let jail = PathJail::new(dir.path()).unwrap();
    /// assert!(jail.join_percent_encoded("reports/Q1%20summary.pdf").is_ok());
    /// assert_eq!(jail.join_percent_encoded("..%2f..%2fetc%2fpasswd").unwrap_err(), PathError::ParentDir);
    /// assert_eq!(jail.join_percent_encoded("%c0%ae%c0%ae/etc").unwrap_err(), PathError::InvalidUtf8);
    /// assert_eq!(jail.join_percent_encoded(".%252e/etc").unwrap_err(), PathError::EncodedTwice);
    /// ```
    pub fn join_percent_encoded(&self, untrusted: &str) -> Result<SafePath, PathError> {
        let bytes: Vec<u8> = percent_decode_str(untrusted).collect();
        let decoded = String::from_utf8(bytes).map_err(|_| PathError::InvalidUtf8)?;
        if still_encoded(&decoded) {
            return Err(PathError::EncodedTwice);
        }
        self.join(&decoded)
    }

    /// Opens an untrusted relative path for reading.
    pub fn open(&self, untrusted: &str) -> Result<File, PathError> {
        self.open_with(untrusted, OpenOptions::new().read(true))
    }

    /// Opens an untrusted relative path with `options`, refusing a symbolic link at the last
    /// component (Unix) and checking after the open that the file is still inside the root.
    ///
    /// ```
    /// # let dir = tempfile::tempdir().unwrap();
    /// use std::fs::OpenOptions;
    /// use std::io::Write;
    /// use secure::sink::path::PathJail;
    ///
    /// let jail = PathJail::new(dir.path()).unwrap();
    /// let mut file = jail.open_with("note.txt", OpenOptions::new().write(true).create(true)).unwrap();
    /// file.write_all(b"hello").unwrap();
    /// assert_eq!(std::io::read_to_string(jail.open("note.txt").unwrap()).unwrap(), "hello");
    /// ```
    pub fn open_with(&self, untrusted: &str, options: &OpenOptions) -> Result<File, PathError> {
        let path = self.join(untrusted)?;
        let mut options = options.clone();
        no_follow(&mut options);
        let file = options.open(&path.path).map_err(PathError::from)?;
        self.verify_opened(&file, &path.path)?;
        Ok(file)
    }

    fn resolve(&self, components: &[&str]) -> Result<SafePath, PathError> {
        let mut current = self.root.clone();
        for (position, component) in components.iter().enumerate() {
            let candidate = current.join(component);
            match fs::symlink_metadata(&candidate) {
                Ok(metadata) if metadata.file_type().is_symlink() => {
                    let target = fs::canonicalize(&candidate).map_err(|_| PathError::Symlink)?;
                    if !target.starts_with(&self.root) {
                        return Err(PathError::Symlink);
                    }
                    current = target;
                }
                Ok(_) => current = candidate,
                Err(error) if error.kind() == io::ErrorKind::NotFound => {
                    // Nothing exists from here on, so no further link can be on the way.
                    current = candidate;
                    current.extend(&components[position + 1..]);
                    break;
                }
                Err(error) => return Err(error.into()),
            }
        }
        Ok(SafePath { path: current })
    }

    fn verify_opened(&self, file: &File, path: &Path) -> Result<(), PathError> {
        let resolved = fs::canonicalize(path)?;
        if !resolved.starts_with(&self.root) {
            return Err(PathError::Symlink);
        }
        same_file(file, &resolved)
    }
}

#[cfg(unix)]
fn no_follow(options: &mut OpenOptions) {
    use std::os::unix::fs::OpenOptionsExt;

    options.custom_flags(libc::O_NOFOLLOW);
}

#[cfg(not(unix))]
fn no_follow(_: &mut OpenOptions) {}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> Result<(), PathError> {
    use std::os::unix::fs::MetadataExt;

    let opened = file.metadata()?;
    let named = fs::metadata(path)?;
    if (opened.dev(), opened.ino()) == (named.dev(), named.ino()) {
        Ok(())
    } else {
        Err(PathError::Changed)
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, _: &Path) -> Result<(), PathError> {
    Ok(())
}

fn check_relative(text: &str) -> Result<Vec<&str>, PathError> {
    if text.is_empty() {
        return Err(PathError::Empty);
    }
    if text.contains('\0') {
        return Err(PathError::Nul);
    }
    if text.contains('\\') {
        return Err(PathError::Backslash);
    }
    if text.starts_with('/') {
        return Err(PathError::Absolute);
    }
    let components: Vec<&str> = text.split('/').collect();
    for component in &components {
        match *component {
            "" => return Err(PathError::EmptyComponent),
            ".." => return Err(PathError::ParentDir),
            "." => return Err(PathError::CurrentDir),
            name => check_file_name(name).map_err(PathError::InvalidName)?,
        }
    }
    Ok(components)
}

fn still_encoded(text: &str) -> bool {
    text.as_bytes()
        .windows(3)
        .any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit())
}

/// A path that [`PathJail`] checked: inside its root when it was made.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SafePath {
    path: PathBuf,
}

impl SafePath {
    pub(crate) fn from_trusted(path: PathBuf) -> Self {
        SafePath { path }
    }

    /// The path.
    pub fn as_path(&self) -> &Path {
        &self.path
    }

    /// The owned path.
    pub fn into_path_buf(self) -> PathBuf {
        self.path
    }
}

impl AsRef<Path> for SafePath {
    fn as_ref(&self) -> &Path {
        &self.path
    }
}

/// The longest file name accepted, in bytes (the limit of most file systems).
pub const MAX_FILE_NAME_BYTES: usize = 255;

/// Checks one file name, portable to Windows and Unix.
///
/// Refused: the empty name, `.` and `..`; names over [`MAX_FILE_NAME_BYTES`]; `/`, `\` and
/// `:` (Windows alternate data streams and drives); NUL, control, bidirectional formatting and
/// invisible characters ([`is_invisible_char`]: a name that looks like another); `<`, `>`,
/// `"`, `|`, `?` and `*`; names ending in a dot or a space (Windows drops them, so
/// `report.pdf.` would be `report.pdf`); and the Windows device names `CON`,
/// `PRN`, `AUX`, `NUL`, `COM0`–`COM9`, `LPT0`–`LPT9`, `COM¹`–`COM³`, `LPT¹`–`LPT³`, `CONIN$`,
/// `CONOUT$`, without regard to case and whatever extension follows (`nul.tar.gz`,
/// `COM1 .txt`).
///
/// ```
/// use secure::sink::path::check_file_name;
///
/// assert!(check_file_name("report.pdf").is_ok());
/// assert!(check_file_name("nul.tar.gz").is_err());
/// assert!(check_file_name("file.txt::$DATA").is_err());
/// ```
pub fn check_file_name(name: &str) -> Result<(), FileNameError> {
    if name.is_empty() {
        return Err(FileNameError::Empty);
    }
    if name == "." || name == ".." {
        return Err(FileNameError::Special);
    }
    if name.len() > MAX_FILE_NAME_BYTES {
        return Err(FileNameError::TooLong);
    }
    for c in name.chars() {
        match c {
            '\0' => return Err(FileNameError::Nul),
            '/' | '\\' => return Err(FileNameError::Separator),
            ':' => return Err(FileNameError::Colon),
            '<' | '>' | '"' | '|' | '?' | '*' => return Err(FileNameError::ReservedCharacter),
            c if is_control_char(c) || is_invisible_char(c) => {
                return Err(FileNameError::Control);
            }
            _ => {}
        }
    }
    if name.ends_with('.') || name.ends_with(' ') {
        return Err(FileNameError::TrailingDotOrSpace);
    }
    if is_device_name(name) {
        return Err(FileNameError::DeviceName);
    }
    Ok(())
}

fn is_device_name(name: &str) -> bool {
    // Windows resolves devices on the part before the first dot, with trailing spaces gone.
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches(' ');
    let upper = stem.to_uppercase();
    match upper.as_str() {
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$" => true,
        _ => {
            let mut chars = upper.chars();
            let prefix: String = chars.by_ref().take(3).collect();
            let rest: Vec<char> = chars.collect();
            (prefix == "COM" || prefix == "LPT")
                && matches!(
                    rest.as_slice(),
                    ['0'..='9' | '\u{B9}' | '\u{B2}' | '\u{B3}']
                )
        }
    }
}

/// Whether [`check_file_name`] accepts `name`.
pub fn is_file_name(name: &str) -> bool {
    check_file_name(name).is_ok()
}

/// The rule form of [`check_file_name`], for `#[validate(custom(...))]`.
///
/// ```
/// use secure::prelude::*;
///
/// #[derive(Validate)]
/// struct Upload {
///     #[validate(custom(secure::sink::path::file_name))]
///     name: String,
/// }
///
/// let errors = Untrusted::new(Upload { name: "CON".into() }).validate().err().unwrap();
/// assert!(errors.has("name", "file_name"));
/// ```
pub fn file_name<T: AsRef<str> + ?Sized>(value: &T) -> Result<(), RuleError> {
    check_file_name(value.as_ref()).map_err(|_| {
        RuleError::new("file_name")
            .with_message("must be a plain file name that every system accepts")
    })
}

/// Why a file name was refused. It never holds the name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FileNameError {
    /// The name is empty.
    Empty,
    /// The name is `.` or `..`.
    Special,
    /// The name is longer than [`MAX_FILE_NAME_BYTES`].
    TooLong,
    /// The name holds NUL.
    Nul,
    /// The name holds `/` or `\`.
    Separator,
    /// The name holds `:`.
    Colon,
    /// The name holds `<`, `>`, `"`, `|`, `?` or `*`.
    ReservedCharacter,
    /// The name holds a control, bidirectional formatting or invisible character.
    Control,
    /// The name ends in a dot or a space.
    TrailingDotOrSpace,
    /// The name is a Windows device name.
    DeviceName,
}

impl fmt::Display for FileNameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileNameError::Empty => "the file name is empty",
            FileNameError::Special => "the file name is `.` or `..`",
            FileNameError::TooLong => "the file name is too long",
            FileNameError::Nul => "the file name holds NUL",
            FileNameError::Separator => "the file name holds a path separator",
            FileNameError::Colon => "the file name holds `:`",
            FileNameError::ReservedCharacter => "the file name holds a reserved character",
            FileNameError::Control => "the file name holds a control or invisible character",
            FileNameError::TrailingDotOrSpace => "the file name ends in a dot or a space",
            FileNameError::DeviceName => "the file name is a Windows device name",
        })
    }
}

impl std::error::Error for FileNameError {}

/// Why an untrusted path was refused. It never holds the path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PathError {
    /// The path is empty.
    Empty,
    /// The path starts with `/`.
    Absolute,
    /// A component is `..`.
    ParentDir,
    /// A component is `.`.
    CurrentDir,
    /// Two separators follow each other, or the path ends in one.
    EmptyComponent,
    /// The path holds a backslash.
    Backslash,
    /// The path holds NUL.
    Nul,
    /// A component is not an acceptable file name.
    InvalidName(FileNameError),
    /// The path is not valid UTF-8 (after decoding, for the decoding join).
    InvalidUtf8,
    /// The path is still percent-encoded after one decode.
    EncodedTwice,
    /// A symbolic link leads outside the root, or nowhere.
    Symlink,
    /// The file changed between the check and the open.
    Changed,
    /// The file system refused an operation.
    Io(io::ErrorKind),
}

impl From<io::Error> for PathError {
    fn from(error: io::Error) -> Self {
        PathError::Io(error.kind())
    }
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathError::Empty => f.write_str("the path is empty"),
            PathError::Absolute => f.write_str("the path is absolute"),
            PathError::ParentDir => f.write_str("the path holds a `..` component"),
            PathError::CurrentDir => f.write_str("the path holds a `.` component"),
            PathError::EmptyComponent => f.write_str("the path holds an empty component"),
            PathError::Backslash => f.write_str("the path holds a backslash"),
            PathError::Nul => f.write_str("the path holds NUL"),
            PathError::InvalidName(error) => error.fmt(f),
            PathError::InvalidUtf8 => f.write_str("the path is not valid UTF-8"),
            PathError::EncodedTwice => f.write_str("the path is percent-encoded more than once"),
            PathError::Symlink => f.write_str("a symbolic link leads outside the root"),
            PathError::Changed => f.write_str("the file changed while it was opened"),
            PathError::Io(kind) => write!(f, "the file system refused: {kind}"),
        }
    }
}

impl std::error::Error for PathError {}
