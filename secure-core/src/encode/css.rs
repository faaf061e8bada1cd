//! CSS string values: [`CssString`].

use core::fmt::Write;

use super::html::text_type_impls;

/// The inside of a quoted CSS string, safe in `content: "…"` or `url('…')`.
///
/// Every ASCII character other than a letter or digit is written as a hexadecimal escape
/// followed by one space (`\27 ` for `'`, `\5c ` for `\`), so the backslash cannot be used to
/// neutralise an escape, no quote or line break can end the string, and `</style>` cannot
/// appear. Characters from U+0080 up stay as they are. NUL, which CSS turns into U+FFFD
/// anyway, is written `\fffd `.
///
/// ```
/// use secure::encode::CssString;
///
/// let value = CssString::encode("x\\'); background:url(//evil.example/");
/// assert_eq!(
///     value.as_str(),
///     r"x\5c \27 \29 \3b \20 background\3a url\28 \2f \2f evil\2e example\2f ",
/// );
/// ```
///
/// What is *not* guaranteed: the value is safe as string data. A URL placed in `url('…')`
/// still needs its scheme checked ([`SafeUrl`](super::SafeUrl)), and an unquoted `url(…)` or
/// a value outside quotes is not a string context.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct CssString(String);

impl CssString {
    /// Encodes `text`.
    pub fn encode(text: &str) -> Self {
        let mut out = String::with_capacity(text.len() + text.len() / 2);
        for c in text.chars() {
            match c {
                'a'..='z' | 'A'..='Z' | '0'..='9' => out.push(c),
                '\u{0}' => out.push_str("\\fffd "),
                '\u{1}'..='\u{7f}' => {
                    // Writing to a `String` cannot fail.
                    let _ = write!(out, "\\{:x} ", u32::from(c));
                }
                _ => out.push(c),
            }
        }
        CssString(out)
    }

    pub(crate) fn from_trusted(value: String) -> Self {
        CssString(value)
    }

    /// The encoded inside of the string, without quotes.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

text_type_impls!(CssString);
