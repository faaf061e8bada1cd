//! HTML: [`SafeHtml`], the text escaper and the attribute value encoders.

use core::fmt;
use core::ops::{Add, AddAssign};

use serde::{Serialize, Serializer};

/// Markup that is safe to place in the body of an HTML document.
///
/// A `SafeHtml` is made only by escaping text ([`SafeHtml::escape`]), by the
/// [`html!`](https://docs.rs/secure/latest/secure/macro.html.html) macro from a string literal
/// the compiler saw (its holes are encoded for the place they stand in), by joining other
/// `SafeHtml` values, or by sanitizing rich text against an allowlist
/// (`SafeHtml::sanitize_rich_text`, feature `rich-text`). A function that takes a `SafeHtml`
/// therefore cannot be handed raw user text.
///
/// ```
/// use secure::encode::SafeHtml;
///
/// let name = "<script>alert(1)</script>";
/// let mut page = secure::html!("<p>Hello, ");
/// page.push_text(name);
/// page += &secure::html!("</p>");
/// assert_eq!(page.as_str(), "<p>Hello, &lt;script&gt;alert(1)&lt;/script&gt;</p>");
/// ```
///
/// What is *not* guaranteed: every piece is assumed to end where text may follow. Joining a
/// piece that leaves a tag or attribute open (possible only through
/// [`unchecked::safe_html`](crate::unchecked::safe_html)) breaks that assumption; the `html!`
/// macro refuses templates that end inside a tag.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct SafeHtml {
    markup: String,
}

impl SafeHtml {
    /// Empty markup.
    pub const fn new() -> Self {
        SafeHtml {
            markup: String::new(),
        }
    }

    /// Escapes `text` so that it reads as text in an element body or a quoted attribute
    /// value: `&`, `<`, `>`, `"` and `'` become `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&#39;`.
    ///
    /// ```
    /// let html = secure::encode::SafeHtml::escape("<img src=x onerror=alert(1)>");
    /// assert_eq!(html.as_str(), "&lt;img src=x onerror=alert(1)&gt;");
    /// ```
    pub fn escape(text: &str) -> Self {
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        escape_into(text, &mut out);
        SafeHtml { markup: out }
    }

    pub(crate) fn from_trusted(markup: String) -> Self {
        SafeHtml { markup }
    }

    /// Appends other markup.
    pub fn push(&mut self, html: &SafeHtml) {
        self.markup.push_str(&html.markup);
    }

    /// Escapes `text` and appends it.
    pub fn push_text(&mut self, text: &str) {
        escape_into(text, &mut self.markup);
    }

    /// Joins `pieces`, putting `separator` between them.
    ///
    /// ```
    /// use secure::encode::SafeHtml;
    ///
    /// let items = ["a&b", "<c>"].map(|item| secure::html!("<li>{}</li>", item));
    /// let list = SafeHtml::join(&secure::html!("\n"), &items);
    /// assert_eq!(list.as_str(), "<li>a&amp;b</li>\n<li>&lt;c&gt;</li>");
    /// ```
    pub fn join<'a>(separator: &SafeHtml, pieces: impl IntoIterator<Item = &'a SafeHtml>) -> Self {
        let mut out = SafeHtml::new();
        for (position, piece) in pieces.into_iter().enumerate() {
            if position > 0 {
                out.push(separator);
            }
            out.push(piece);
        }
        out
    }

    /// The markup.
    pub fn as_str(&self) -> &str {
        &self.markup
    }

    /// The markup, as an owned string for a response body.
    pub fn into_string(self) -> String {
        self.markup
    }

    /// Whether there is no markup at all.
    pub fn is_empty(&self) -> bool {
        self.markup.is_empty()
    }

    pub(crate) fn push_trusted(&mut self, markup: &str) {
        self.markup.push_str(markup);
    }

    pub(crate) fn buffer(&mut self) -> &mut String {
        &mut self.markup
    }
}

#[cfg(feature = "rich-text")]
impl SafeHtml {
    /// Sanitizes user-written HTML against ammonia's default allowlist of tags, attributes
    /// and URL schemes: scripts, event handlers, `style` and `javascript:` links are removed,
    /// and the markup is re-serialized so that it is well formed.
    ///
    /// ```
    /// let html = secure::encode::SafeHtml::sanitize_rich_text(
    ///     "<b onclick=\"steal()\">bold</b><script>alert(1)</script>",
    /// );
    /// assert_eq!(html.as_str(), "<b>bold</b>");
    /// ```
    pub fn sanitize_rich_text(text: &str) -> Self {
        SafeHtml {
            markup: ammonia::clean(text),
        }
    }

    /// Sanitizes user-written HTML with an ammonia `Builder` the application configured.
    ///
    /// What is *not* guaranteed: the builder's allowlist is the application's; allowing
    /// `style`, `<script>` or generic attributes undoes the protection.
    ///
    /// ```
    /// let mut only_links = ammonia::Builder::empty();
    /// only_links.add_tags(["a"]).add_tag_attributes("a", ["href"]);
    /// let html = secure::encode::SafeHtml::sanitize_rich_text_with(
    ///     &only_links,
    ///     "<a href=\"https://example.com\">x</a><img src=x>",
    /// );
    /// assert_eq!(html.as_str(), "<a href=\"https://example.com\" rel=\"noopener noreferrer\">x</a>");
    /// ```
    pub fn sanitize_rich_text_with(builder: &ammonia::Builder<'_>, text: &str) -> Self {
        SafeHtml {
            markup: builder.clean(text).to_string(),
        }
    }
}

impl fmt::Display for SafeHtml {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.markup)
    }
}

impl fmt::Debug for SafeHtml {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SafeHtml").field(&self.markup).finish()
    }
}

impl Serialize for SafeHtml {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.markup)
    }
}

impl AsRef<str> for SafeHtml {
    fn as_ref(&self) -> &str {
        &self.markup
    }
}

impl AddAssign<&SafeHtml> for SafeHtml {
    fn add_assign(&mut self, other: &SafeHtml) {
        self.push(other);
    }
}

impl AddAssign for SafeHtml {
    fn add_assign(&mut self, other: SafeHtml) {
        self.push(&other);
    }
}

impl Add<&SafeHtml> for SafeHtml {
    type Output = SafeHtml;

    fn add(mut self, other: &SafeHtml) -> SafeHtml {
        self.push(other);
        self
    }
}

impl Add for SafeHtml {
    type Output = SafeHtml;

    fn add(mut self, other: SafeHtml) -> SafeHtml {
        self.push(&other);
        self
    }
}

impl<'a> Extend<&'a SafeHtml> for SafeHtml {
    fn extend<I: IntoIterator<Item = &'a SafeHtml>>(&mut self, pieces: I) {
        pieces.into_iter().for_each(|piece| self.push(piece));
    }
}

impl Extend<SafeHtml> for SafeHtml {
    fn extend<I: IntoIterator<Item = SafeHtml>>(&mut self, pieces: I) {
        pieces.into_iter().for_each(|piece| self.push(&piece));
    }
}

impl FromIterator<SafeHtml> for SafeHtml {
    fn from_iter<I: IntoIterator<Item = SafeHtml>>(pieces: I) -> Self {
        let mut out = SafeHtml::new();
        out.extend(pieces);
        out
    }
}

impl<'a> FromIterator<&'a SafeHtml> for SafeHtml {
    fn from_iter<I: IntoIterator<Item = &'a SafeHtml>>(pieces: I) -> Self {
        let mut out = SafeHtml::new();
        out.extend(pieces);
        out
    }
}

/// Escapes `text` for an element body or a quoted attribute value, appending to `out`.
///
/// Blocks of 32 bytes are tested with comparisons the compiler turns into vector
/// instructions, and skipped while they hold none of the five special bytes; plain runs are
/// then copied in one piece.
pub(crate) fn escape_into(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let mut run_start = 0;
    let mut at = 0;

    while at < bytes.len() {
        let plain = bytes[at..]
            .chunks_exact(BLOCK)
            .take_while(|block| block_is_plain(block))
            .count();
        at += plain * BLOCK;
        let end = (at + BLOCK).min(bytes.len());
        for position in at..end {
            run_start = escape_byte(text, position, run_start, out);
        }
        at = end;
    }
    out.push_str(&text[run_start..]);
}

const BLOCK: usize = 32;

#[inline]
fn block_is_plain(block: &[u8]) -> bool {
    // The special bytes are 0x22 `"`, 0x26 `&`, 0x27 `'`, 0x3C `<` and 0x3E `>`: `b | 1`
    // folds `&` onto `'`, and `b | 2` folds `<` onto `>`, so three comparisons cover five.
    // Accumulating into a byte, without an early exit, lets the loop be vectorized.
    let mut found = 0u8;
    for &byte in block {
        found |=
            u8::from(byte == b'"') | u8::from((byte | 1) == b'\'') | u8::from((byte | 2) == b'>');
    }
    found == 0
}

/// The entity of each special byte, by an index from [`ENTITY_OF`]; 0 for a plain byte.
const ENTITIES: [&str; 6] = ["", "&amp;", "&lt;", "&gt;", "&quot;", "&#39;"];

/// For each byte, its index in [`ENTITIES`]: one table load decides a byte.
const ENTITY_OF: [u8; 256] = {
    let mut table = [0u8; 256];
    table[b'&' as usize] = 1;
    table[b'<' as usize] = 2;
    table[b'>' as usize] = 3;
    table[b'"' as usize] = 4;
    table[b'\'' as usize] = 5;
    table
};

#[inline]
fn escape_byte(text: &str, at: usize, run_start: usize, out: &mut String) -> usize {
    let entity = ENTITY_OF[usize::from(text.as_bytes()[at])];
    if entity == 0 {
        return run_start;
    }
    // The special bytes are ASCII, so `at` is a character boundary.
    out.push_str(&text[run_start..at]);
    out.push_str(ENTITIES[usize::from(entity)]);
    at + 1
}

/// An HTML attribute value with its quotes, safe after `name=` in a tag.
///
/// The encoder always emits the surrounding double quotes, so the value cannot be written
/// unquoted by mistake, and escapes `&`, `<`, `>`, `"` and `'` inside them.
///
/// ```
/// use secure::encode::HtmlAttrValue;
///
/// let value = HtmlAttrValue::encode("x\" autofocus onfocus=\"alert(1)");
/// assert_eq!(value.as_str(), "\"x&quot; autofocus onfocus=&quot;alert(1)\"");
/// ```
///
/// What is *not* guaranteed: the value is safe as data, not as code or as a URL. Event
/// handler attributes (`onclick`), `style` and URL attributes (`href`, `src`) need their own
/// encoders ([`JsString`](super::JsString), [`CssString`](super::CssString),
/// [`SafeUrl`](super::SafeUrl)).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct HtmlAttrValue(String);

impl HtmlAttrValue {
    /// Quotes and escapes `text`.
    pub fn encode(text: &str) -> Self {
        let mut out = String::with_capacity(text.len() + 2);
        out.push('"');
        escape_into(text, &mut out);
        out.push('"');
        HtmlAttrValue(out)
    }

    pub(crate) fn from_trusted(value: String) -> Self {
        HtmlAttrValue(value)
    }

    /// The quoted value.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An HTML attribute value safe to write without quotes (`<input value=VALUE>`).
///
/// Every character below U+0100 other than an ASCII letter or digit is written as `&#xHH;`,
/// so space, tab, `/`, `` ` ``, `=`, `>` and the quotes cannot end the value. Prefer
/// [`HtmlAttrValue`], which is shorter and always quoted.
///
/// ```
/// use secure::encode::UnquotedAttrValue;
///
/// let value = UnquotedAttrValue::encode("x onmouseover=alert(1)");
/// assert_eq!(value.as_str(), "x&#x20;onmouseover&#x3d;alert&#x28;1&#x29;");
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct UnquotedAttrValue(String);

impl UnquotedAttrValue {
    /// Encodes `text`.
    pub fn encode(text: &str) -> Self {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if c.is_ascii_alphanumeric() || u32::from(c) > 0xFF {
                out.push(c);
            } else {
                push_hex_entity(&mut out, c);
            }
        }
        UnquotedAttrValue(out)
    }

    pub(crate) fn from_trusted(value: String) -> Self {
        UnquotedAttrValue(value)
    }

    /// The encoded value.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn push_hex_entity(out: &mut String, c: char) {
    use fmt::Write;

    // Writing to a `String` cannot fail.
    let _ = write!(out, "&#x{:02x};", u32::from(c));
}

macro_rules! text_type_impls {
    ($($name:ident),*) => {$(
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_tuple(stringify!($name)).field(&self.0).finish()
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }
    )*};
}

pub(crate) use text_type_impls;

text_type_impls!(HtmlAttrValue, UnquotedAttrValue);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_characters_in_every_position_of_a_block() {
        for length in [0, 1, 31, 32, 33, 64, 100] {
            for at in 0..length {
                for (special, entity) in [
                    ('&', "&amp;"),
                    ('<', "&lt;"),
                    ('>', "&gt;"),
                    ('"', "&quot;"),
                    ('\'', "&#39;"),
                ] {
                    let mut text: Vec<char> = vec!['a'; length];
                    text[at] = special;
                    let text: String = text.into_iter().collect();
                    let expected =
                        format!("{}{entity}{}", "a".repeat(at), "a".repeat(length - at - 1));
                    assert_eq!(SafeHtml::escape(&text).as_str(), expected);
                }
            }
        }
    }

    #[test]
    fn folded_comparisons_do_not_catch_neighbours() {
        let neighbours = "!#$%()*+,-./0123456789:;=?@ \u{7f}é漢";
        assert_eq!(
            SafeHtml::escape(&neighbours.repeat(3)).as_str(),
            neighbours.repeat(3)
        );
    }

    #[test]
    fn unquoted_keeps_only_alphanumerics_and_wide_characters() {
        assert_eq!(UnquotedAttrValue::encode("a/b").as_str(), "a&#x2f;b");
        assert_eq!(
            UnquotedAttrValue::encode("\u{a0}é漢").as_str(),
            "&#xa0;&#xe9;漢"
        );
    }
}
