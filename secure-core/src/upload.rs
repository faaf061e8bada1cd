//! Uploaded files: checked for what they are, not for what they claim, and stored under a
//! name the client did not choose.
//!
//! An [`UploadPolicy`] lists the [`FileKind`]s a form accepts and a size limit. Its
//! [`check`](UploadPolicy::check) refuses a file when any of these disagree:
//!
//! - the size: empty, or over the limit;
//! - the client's file name: control, format (bidirectional), invisible or separator
//!   characters, `:`, NUL, or a name that ends in a dot or a space (`shell.php\0.png`,
//!   `invoice\u{202E}fdp.exe`, `report.pdf.`, `file.txt::$DATA`);
//! - the extension, which must belong to an allowed kind (compared without case);
//! - the declared content type (the part's `Content-Type`), which must be the kind's type
//!   (or absent, or `application/octet-stream`, which claim nothing);
//! - the content, whose leading bytes must be a file of that kind, as the `infer` crate
//!   detects it; a text kind must be UTF-8 with no NUL that no detector recognises, with or
//!   without a byte order mark in front. Text can still hold markup no detector knows (an
//!   `<svg>` element in a `.txt`), so serve uploads as stored: their kind's type, `nosniff`,
//!   and `Content-Disposition: attachment`.
//!
//! An accepted file gets a [`StorageName`]: 128 random bits in hexadecimal and the kind's
//! own extension. The client's name is never part of it, so it cannot traverse, collide,
//! overwrite or carry a second extension.
//!
//! ```
//! use secure::upload::{FileKind, Upload, UploadError, UploadPolicy};
//!
//! let policy = UploadPolicy::new(5 * 1024 * 1024)
//!     .allow(FileKind::PNG)
//!     .allow(FileKind::PDF);
//!
//! let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
//! let checked = policy.check(&Upload::new("avatar.PNG", Some("image/png"), png)).unwrap();
//! assert_eq!(checked.kind(), FileKind::PNG);
//! assert!(checked.storage_name().as_str().ends_with(".png"));
//! assert!(!checked.storage_name().as_str().contains("avatar"));
//!
//! // A PNG that calls itself a PDF.
//! let lie = policy.check(&Upload::new("invoice.pdf", Some("application/pdf"), png));
//! assert_eq!(lie.unwrap_err(), UploadError::ContentMismatch { expected: "application/pdf", detected: Some("image/png") });
//! ```
//!
//! # What is not guaranteed
//!
//! - Detection reads the leading bytes only. A file can be valid as two formats at once (a
//!   PNG with a ZIP or a script appended): it is accepted as the kind it starts as. Serve
//!   uploads with the stored kind's `Content-Type`, `X-Content-Type-Options: nosniff` and
//!   `Content-Disposition: attachment`, from another origin where possible, and re-encode
//!   images if they are shown to others.
//! - Nothing here scans for malware or checks that the whole file parses.
//! - The size check sees the bytes it is given: cap the request body before reading it.
//! - SVG and HTML have no kind here, on purpose: they carry scripts.

use core::fmt;

use crate::sink::path::{PathError, PathJail, SafePath};
use crate::validate::rules::{is_control_char, is_invisible_char};

/// How the content of a kind is recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Detection {
    /// By its signature, as the `infer` crate detects it, reporting this type.
    Signature,
    /// UTF-8 text with no NUL that no signature matches.
    Text,
}

/// A kind of file a form accepts: its content type, its extensions, and how its content is
/// recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileKind {
    mime: &'static str,
    extensions: &'static [&'static str],
    aliases: &'static [&'static str],
    detection: Detection,
}

impl FileKind {
    /// PNG images.
    pub const PNG: FileKind = FileKind::signature("image/png", &["png"]);
    /// JPEG images (`jpg`, `jpeg`; `image/jpg` is accepted as a declared type).
    pub const JPEG: FileKind = FileKind {
        aliases: &["image/jpg", "image/pjpeg"],
        ..FileKind::signature("image/jpeg", &["jpg", "jpeg"])
    };
    /// GIF images.
    pub const GIF: FileKind = FileKind::signature("image/gif", &["gif"]);
    /// WebP images.
    pub const WEBP: FileKind = FileKind::signature("image/webp", &["webp"]);
    /// PDF documents.
    pub const PDF: FileKind = FileKind::signature("application/pdf", &["pdf"]);
    /// ZIP archives.
    pub const ZIP: FileKind = FileKind {
        aliases: &["application/x-zip-compressed"],
        ..FileKind::signature("application/zip", &["zip"])
    };
    /// Plain text.
    pub const TEXT: FileKind = FileKind::text("text/plain", &["txt"]);
    /// Comma-separated values.
    pub const CSV: FileKind = FileKind::text("text/csv", &["csv"]);

    /// A kind recognised by its signature: `mime` must be the type the `infer` crate reports
    /// for it, and `extensions` are lowercase, the first one used in storage names.
    ///
    /// ```
    /// use secure::upload::FileKind;
    ///
    /// const MP4: FileKind = FileKind::signature("video/mp4", &["mp4"]);
    /// # assert_eq!(MP4.mime(), "video/mp4");
    /// ```
    ///
    /// # Panics
    ///
    /// If `extensions` is empty or one of them is not 1 to 16 ASCII lowercase letters and
    /// digits: a [`StorageName`] must be a plain file name, whatever the kind. In a `const`
    /// item, as above, that is a compile error.
    pub const fn signature(mime: &'static str, extensions: &'static [&'static str]) -> FileKind {
        assert_plain_extensions(extensions);
        FileKind {
            mime,
            extensions,
            aliases: &[],
            detection: Detection::Signature,
        }
    }

    /// A text kind: UTF-8 with no NUL that no signature matches.
    ///
    /// # Panics
    ///
    /// As [`signature`](Self::signature) does, for extensions that could not end a file name.
    pub const fn text(mime: &'static str, extensions: &'static [&'static str]) -> FileKind {
        assert_plain_extensions(extensions);
        FileKind {
            mime,
            extensions,
            aliases: &[],
            detection: Detection::Text,
        }
    }

    /// The content type, as it should be served.
    pub const fn mime(&self) -> &'static str {
        self.mime
    }

    /// The extension storage names get.
    pub fn extension(&self) -> &'static str {
        self.extensions.first().copied().unwrap_or("bin")
    }

    fn has_extension(&self, extension: &str) -> bool {
        self.extensions
            .iter()
            .any(|known| known.eq_ignore_ascii_case(extension))
    }

    fn is_declared_as(&self, essence: &str) -> bool {
        self.mime.eq_ignore_ascii_case(essence)
            || self
                .aliases
                .iter()
                .any(|alias| alias.eq_ignore_ascii_case(essence))
    }

    /// Checks the content, returning the type a detector saw when it is not this kind.
    fn recognises(&self, bytes: &[u8]) -> Result<(), Option<&'static str>> {
        let detected = infer::get(bytes).map(|kind| kind.mime_type());
        match self.detection {
            Detection::Signature if detected == Some(self.mime) => Ok(()),
            Detection::Signature => Err(detected),
            // A byte order mark hides a signature from the detector, not from a browser.
            Detection::Text => match detected.or_else(|| {
                let after_mark = bytes.strip_prefix(b"\xEF\xBB\xBF")?;
                infer::get(after_mark).map(|kind| kind.mime_type())
            }) {
                Some(other) => Err(Some(other)),
                None if bytes.contains(&0) || core::str::from_utf8(bytes).is_err() => Err(None),
                None => Ok(()),
            },
        }
    }
}

/// The longest extension a kind may have, in bytes.
const MAX_EXTENSION_BYTES: usize = 16;

/// Refuses (at compile time, in a `const` item) extensions that a storage name could not end
/// with: empty, too long, or anything but ASCII lowercase letters and digits.
const fn assert_plain_extensions(extensions: &[&str]) {
    assert!(
        !extensions.is_empty(),
        "a file kind needs at least one extension"
    );
    let mut at = 0;
    while at < extensions.len() {
        let bytes = extensions[at].as_bytes();
        assert!(
            !bytes.is_empty() && bytes.len() <= MAX_EXTENSION_BYTES,
            "a file kind's extensions are 1 to 16 ASCII lowercase letters and digits"
        );
        let mut index = 0;
        while index < bytes.len() {
            assert!(
                bytes[index].is_ascii_lowercase() || bytes[index].is_ascii_digit(),
                "a file kind's extensions are 1 to 16 ASCII lowercase letters and digits"
            );
            index += 1;
        }
        at += 1;
    }
}

/// What the client sent: its file name, its declared content type, and the bytes.
#[derive(Clone, Copy)]
pub struct Upload<'a> {
    file_name: &'a str,
    declared_type: Option<&'a str>,
    bytes: &'a [u8],
}

impl<'a> Upload<'a> {
    /// An uploaded file as received, such as a multipart part's `filename`, its
    /// `Content-Type`, and its body.
    pub fn new(file_name: &'a str, declared_type: Option<&'a str>, bytes: &'a [u8]) -> Self {
        Upload {
            file_name,
            declared_type,
            bytes,
        }
    }
}

/// The client's name and bytes are left out: they are the client's to choose.
impl fmt::Debug for Upload<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Upload")
            .field("bytes", &self.bytes.len())
            .finish_non_exhaustive()
    }
}

/// What a form accepts: a size limit and the allowed kinds.
#[derive(Clone, Debug)]
pub struct UploadPolicy {
    max_bytes: u64,
    kinds: Vec<FileKind>,
}

impl UploadPolicy {
    /// A policy that accepts files of at most `max_bytes` and, until kinds are allowed,
    /// nothing.
    pub fn new(max_bytes: u64) -> Self {
        UploadPolicy {
            max_bytes,
            kinds: Vec::new(),
        }
    }

    /// Accepts files of `kind` too.
    #[must_use]
    pub fn allow(mut self, kind: FileKind) -> Self {
        self.kinds.push(kind);
        self
    }

    /// Checks an upload against the policy, and names its storage.
    pub fn check(&self, upload: &Upload<'_>) -> Result<CheckedUpload, UploadError> {
        let size = upload.bytes.len() as u64;
        if size == 0 {
            return Err(UploadError::Empty);
        }
        if size > self.max_bytes {
            return Err(UploadError::TooLarge {
                max_bytes: self.max_bytes,
            });
        }

        let extension = extension_of(upload.file_name)?;
        let kind = self
            .kinds
            .iter()
            .find(|kind| kind.has_extension(extension))
            .copied()
            .ok_or_else(|| UploadError::DisallowedExtension {
                allowed: self.allowed_extensions(),
            })?;
        if let Some(declared) = upload.declared_type {
            let essence = declared.split(';').next().unwrap_or("").trim();
            let claims_nothing = essence.eq_ignore_ascii_case("application/octet-stream");
            if !claims_nothing && !kind.is_declared_as(essence) {
                return Err(UploadError::DeclaredTypeMismatch {
                    expected: kind.mime,
                });
            }
        }
        kind.recognises(upload.bytes)
            .map_err(|detected| UploadError::ContentMismatch {
                expected: kind.mime,
                detected,
            })?;

        Ok(CheckedUpload {
            kind,
            size,
            storage_name: StorageName::generate(kind)?,
        })
    }

    fn allowed_extensions(&self) -> Vec<&'static str> {
        self.kinds
            .iter()
            .flat_map(|kind| kind.extensions.iter().copied())
            .collect()
    }
}

/// The extension of a client's file name, refusing names built to fool a check.
fn extension_of(file_name: &str) -> Result<&str, UploadError> {
    let suspicious = file_name.is_empty()
        || file_name.ends_with(['.', ' '])
        || file_name.chars().any(|c| {
            is_control_char(c) || is_invisible_char(c) || matches!(c, '/' | '\\' | ':' | '\0')
        });
    if suspicious {
        return Err(UploadError::SuspiciousName);
    }
    match file_name.rsplit_once('.') {
        Some((stem, extension))
            if !stem.is_empty() && extension.bytes().all(|b| b.is_ascii_alphanumeric()) =>
        {
            Ok(extension)
        }
        _ => Err(UploadError::MissingExtension),
    }
}

/// An upload that passed its policy: its kind, its size, and where to store it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedUpload {
    kind: FileKind,
    size: u64,
    storage_name: StorageName,
}

impl CheckedUpload {
    /// The kind the content was recognised as.
    pub fn kind(&self) -> FileKind {
        self.kind
    }

    /// The size in bytes.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The generated name to store the file under.
    pub fn storage_name(&self) -> &StorageName {
        &self.storage_name
    }
}

/// A file name made by this crate: 32 random hexadecimal digits, a dot and the kind's
/// extension, such as `9f86d081884c7d659a2feaa0c55ad015.png`. It is one plain path
/// component that a [`PathJail`] accepts: no separator, no dot segment, no device name, no
/// trailing dot or space, whatever the kind (kinds refuse other extensions).
///
/// ```
/// # let dir = tempfile::tempdir().unwrap();
/// use secure::sink::path::PathJail;
/// use secure::upload::{FileKind, StorageName};
///
/// let uploads = PathJail::new(dir.path())?;
/// let name = StorageName::generate(FileKind::PDF)?;
/// let path = name.path_in(&uploads)?;
/// assert_eq!(path.as_path(), uploads.root().join(name.as_str()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StorageName(String);

impl StorageName {
    /// A fresh name for a file of `kind`.
    pub fn generate(kind: FileKind) -> Result<StorageName, UploadError> {
        let mut random = [0; 16];
        getrandom::fill(&mut random).map_err(|_| UploadError::Random)?;
        let hex = base16ct::lower::encode_string(&random);
        Ok(StorageName(format!("{hex}.{}", kind.extension())))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Where the file goes under `jail`: the name joined to the jail's root.
    ///
    /// The name always passes the jail's checks of names. The join still fails, with
    /// [`PathError::Symlink`], if a symbolic link of that very name already sits in the
    /// root and leads out of it; open the path with `create_new` so that an existing file
    /// of the name is never overwritten either.
    pub fn path_in(&self, jail: &PathJail) -> Result<SafePath, PathError> {
        jail.join(&self.0)
    }
}

impl fmt::Display for StorageName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why an upload was refused. Never repeats the client's file name, declared type or bytes:
/// only the policy's own values and the type a detector reported.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum UploadError {
    /// The file is empty.
    Empty,
    /// The file is larger than the policy allows.
    TooLarge {
        /// The limit, in bytes.
        max_bytes: u64,
    },
    /// The file name holds control, format, invisible or separator characters, `:` or NUL, or
    /// ends in a dot or a space.
    SuspiciousName,
    /// The file name has no extension.
    MissingExtension,
    /// The extension is not one the policy allows.
    DisallowedExtension {
        /// The extensions the policy allows.
        allowed: Vec<&'static str>,
    },
    /// The declared content type is not the type of the kind the extension names.
    DeclaredTypeMismatch {
        /// The content type of that kind.
        expected: &'static str,
    },
    /// The content is not a file of the kind the extension names.
    ContentMismatch {
        /// The content type of that kind.
        expected: &'static str,
        /// What a detector recognised instead, if anything.
        detected: Option<&'static str>,
    },
    /// The operating system's random generator failed.
    Random,
}

impl fmt::Display for UploadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UploadError::Empty => f.write_str("the file is empty"),
            UploadError::TooLarge { max_bytes } => {
                write!(f, "the file is larger than {max_bytes} bytes")
            }
            UploadError::SuspiciousName => f.write_str(
                "the file name holds control, invisible or separator characters, or ends in a dot or a space",
            ),
            UploadError::MissingExtension => f.write_str("the file name has no extension"),
            UploadError::DisallowedExtension { allowed } => {
                write!(f, "files of this extension are not accepted; accepted: {}", allowed.join(", "))
            }
            UploadError::DeclaredTypeMismatch { expected } => {
                write!(f, "the declared content type does not match the extension, which means {expected}")
            }
            UploadError::ContentMismatch {
                expected,
                detected: Some(detected),
            } => write!(f, "the content is {detected}, not {expected}"),
            UploadError::ContentMismatch { expected, .. } => {
                write!(f, "the content is not {expected}")
            }
            UploadError::Random => f.write_str("the operating system's random generator failed"),
        }
    }
}

impl std::error::Error for UploadError {}
