//! Logs: untrusted text in a log line, with line breaks and control characters escaped.
//!
//! A user name of `"alice\nINFO login ok user=admin"` written into a log as it is forges a
//! second entry; ANSI escape sequences recolour or hide lines in a terminal; bidirectional
//! formatting characters reorder what a reader sees. [`LogSafe`] writes text with those
//! escaped, so one value stays on one line and reads as what it is.
//!
//! ```
//! use secure::sink::log::LogSafe;
//!
//! let name = "alice\r\nINFO login ok user=admin";
//! assert_eq!(format!("login failed user={}", LogSafe(name)), r"login failed user=alice\r\nINFO login ok user=admin");
//! ```

use core::fmt::{self, Write};

use crate::validate::rules::is_control_char;

/// Displays untrusted text for a log line.
///
/// `\` is written `\\`, CR, LF and tab `\r`, `\n`, `\t`, and every other control or
/// bidirectional formatting character ([`is_control_char`]) and the Unicode line and
/// paragraph separators U+2028, U+2029 as `\u{..}`. Everything else is written as it is.
///
/// ```
/// use secure::sink::log::LogSafe;
///
/// assert_eq!(LogSafe("\u{1b}[31mred").to_string(), r"\u{1b}[31mred");
/// assert_eq!(LogSafe("invoice\u{202e}fdp.exe").to_string(), r"invoice\u{202e}fdp.exe");
/// assert_eq!(LogSafe(r"C:\temp").to_string(), r"C:\\temp");
/// ```
///
/// `Display` leaves `"` and spaces as they are: in a `key=value` line, write the value with
/// `{:?}`, which quotes it and escapes `"`, so that it stays one value.
///
/// What is *not* guaranteed: the text is still the user's; a structured logger that
/// serializes fields as JSON already escapes them and does not need this.
#[derive(Clone, Copy)]
pub struct LogSafe<'a>(pub &'a str);

impl LogSafe<'_> {
    /// Writes the text escaped; with `quoted`, `"` too, for the quoted form of `Debug`.
    fn write_escaped(&self, f: &mut fmt::Formatter<'_>, quoted: bool) -> fmt::Result {
        let text = self.0;
        let mut run_start = 0;
        for (at, c) in text.char_indices() {
            let needs_escape = c == '\\'
                || (quoted && c == '"')
                || is_control_char(c)
                || matches!(c, '\u{2028}' | '\u{2029}');
            if !needs_escape {
                continue;
            }
            f.write_str(&text[run_start..at])?;
            match c {
                '\\' => f.write_str("\\\\")?,
                '"' => f.write_str("\\\"")?,
                '\r' => f.write_str("\\r")?,
                '\n' => f.write_str("\\n")?,
                '\t' => f.write_str("\\t")?,
                _ => write!(f, "\\u{{{:x}}}", u32::from(c))?,
            }
            run_start = at + c.len_utf8();
        }
        f.write_str(&text[run_start..])
    }
}

impl fmt::Display for LogSafe<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_escaped(f, false)
    }
}

/// The text in double quotes, with `"` escaped as well, so that it stays one value in a
/// `key="value"` line and in a `tracing` field recorded with `?`.
///
/// ```
/// use secure::sink::log::LogSafe;
///
/// let name = r#"alice" role="admin"#;
/// assert_eq!(format!("user={:?}", LogSafe(name)), r#"user="alice\" role=\"admin""#);
/// ```
impl fmt::Debug for LogSafe<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        self.write_escaped(f, true)?;
        f.write_char('"')
    }
}
