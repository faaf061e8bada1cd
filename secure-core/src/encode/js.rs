//! JavaScript string literals: [`JsString`].

use core::fmt::Write;

use super::html::text_type_impls;

/// The inside of a JavaScript string literal, safe between `"…"`, `'…'` or `` `…` `` in a
/// script element or a `.js` file.
///
/// Letters, digits, space, `_`, `.` and `,` stay as they are, as does every character from
/// U+0080 up except the line terminators U+2028 and U+2029. Every other ASCII character is
/// written `\xHH` and the two line terminators `\u2028`, `\u2029`, so the value contains no
/// raw `<`, `>`, `&`, quote, backtick, `$`, `\`, `/` or line break: it can close neither the
/// string nor the `<script>` element, and decoding the literal gives back the input exactly.
///
/// ```
/// use secure::encode::JsString;
///
/// let value = JsString::encode("</script><script>alert(1)</script>");
/// assert_eq!(
///     value.as_str(),
///     r"\x3c\x2fscript\x3e\x3cscript\x3ealert\x281\x29\x3c\x2fscript\x3e",
/// );
/// let script = format!("<script>var n = \"{value}\";</script>");
/// assert!(!script[8..script.len() - 9].contains('<'));
/// ```
///
/// What is *not* guaranteed: the value is data inside a string. Placing it anywhere else in
/// a script (as an expression, a property name, inside a regular expression) is not safe.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct JsString(String);

impl JsString {
    /// Encodes `text`.
    pub fn encode(text: &str) -> Self {
        let mut out = String::with_capacity(text.len() + text.len() / 4);
        for c in text.chars() {
            match c {
                'a'..='z' | 'A'..='Z' | '0'..='9' | ' ' | '_' | '.' | ',' => out.push(c),
                '\u{0}'..='\u{7f}' => {
                    // Writing to a `String` cannot fail.
                    let _ = write!(out, "\\x{:02x}", u32::from(c));
                }
                '\u{2028}' | '\u{2029}' => {
                    let _ = write!(out, "\\u{:04x}", u32::from(c));
                }
                _ => out.push(c),
            }
        }
        JsString(out)
    }

    pub(crate) fn from_trusted(value: String) -> Self {
        JsString(value)
    }

    /// The encoded inside of the literal, without quotes.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

text_type_impls!(JsString);
