//! Every output encoder: its output holds no character that ends its context, and decoding
//! it gives back the input exactly.
//!
//! `SafeHtml::escape` scans 32-byte blocks before it escapes byte by byte; it is held to a
//! plain one-character-at-a-time escaper, at every offset (through `push_text` after a
//! prefix). The URL component encoders are also read back by the WHATWG parser. `LIKE` and
//! `GLOB` patterns hold a wildcard only where their constructor puts one, and a log value
//! holds no line break, control or bidirectional character.

#![no_main]

use libfuzzer_sys::fuzz_target;
use secure::encode::{
    CssString, HeaderValueError, HtmlAttrValue, JsString, SafeHeaderValue, SafeHtml,
    UnquotedAttrValue, UrlPathSegment, UrlQueryValue,
};
use secure::sink::log::LogSafe;
use secure::sink::sql::{GlobPattern, LikePattern};
use secure::validate::rules::is_control_char;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);

    html_text(&text);
    html_attributes(&text);
    js_string(&text);
    css_string(&text);
    url_components(&text);
    header_value(&text);
    like_pattern(&text);
    glob_pattern(&text);
    log_value(&text);
});

fn naive_html(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn html_text(text: &str) {
    let escaped = SafeHtml::escape(text);
    assert_eq!(escaped.as_str(), naive_html(text));
    assert!(!escaped.as_str().contains(['<', '>', '"', '\'']));
    assert_eq!(unescape_html(escaped.as_str()), text);

    // The block scan must give the same answer wherever the text starts in the buffer.
    let shift = text.len() % 33;
    let mut page = SafeHtml::escape(&"p".repeat(shift));
    page.push_text(text);
    assert_eq!(&page.as_str()[shift..], escaped.as_str());
}

fn unescape_html(markup: &str) -> String {
    let mut out = String::new();
    let mut rest = markup;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (entity, c) = [("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>')]
            .into_iter()
            .chain([("&quot;", '"'), ("&#39;", '\'')])
            .find(|(entity, _)| rest.starts_with(entity))
            .expect("every `&` starts an entity");
        out.push(c);
        rest = &rest[entity.len()..];
    }
    out.push_str(rest);
    out
}

fn html_attributes(text: &str) {
    let quoted = HtmlAttrValue::encode(text);
    let inside = quoted
        .as_str()
        .strip_prefix('"')
        .and_then(|value| value.strip_suffix('"'))
        .expect("the value is quoted");
    assert_eq!(inside, naive_html(text));

    let unquoted = UnquotedAttrValue::encode(text);
    let mut decoded = String::new();
    let mut rest = unquoted.as_str();
    while let Some(c) = rest.chars().next() {
        if c == '&' {
            let end = rest.find(';').expect("an entity ends");
            let hex = rest[..end].strip_prefix("&#x").expect("a hex entity");
            decoded.push(char::from_u32(u32::from_str_radix(hex, 16).unwrap()).unwrap());
            rest = &rest[end + 1..];
        } else {
            assert!(
                c.is_ascii_alphanumeric() || u32::from(c) > 0xFF,
                "raw {c:?}"
            );
            decoded.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    assert_eq!(decoded, text);
}

fn js_string(text: &str) {
    let encoded = JsString::encode(text);
    let mut decoded = String::new();
    let mut rest = encoded.as_str();
    while let Some(c) = rest.chars().next() {
        assert!(!matches!(
            c,
            '\u{0}'..='\u{1f}' | '\u{7f}' | '\u{2028}' | '\u{2029}'
        ));
        assert!(!matches!(
            c,
            '<' | '>' | '&' | '"' | '\'' | '`' | '$' | '/' | '{' | '}'
        ));
        if c == '\\' {
            let (digits, skip) = match rest.as_bytes().get(1) {
                Some(b'x') => (&rest[2..4], 4),
                Some(b'u') => (&rest[2..6], 6),
                _ => panic!("a backslash that is no \\x or \\u escape"),
            };
            decoded.push(char::from_u32(u32::from_str_radix(digits, 16).unwrap()).unwrap());
            rest = &rest[skip..];
        } else {
            decoded.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    assert_eq!(decoded, text);
}

fn css_string(text: &str) {
    let encoded = CssString::encode(text);
    let mut decoded = String::new();
    let mut rest = encoded.as_str();
    while let Some(c) = rest.chars().next() {
        if c == '\\' {
            // CSS reads up to six hex digits, then swallows one space.
            let end = rest.find(' ').expect("an escape ends with a space");
            let hex = &rest[1..end];
            assert!((1..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()));
            decoded.push(char::from_u32(u32::from_str_radix(hex, 16).unwrap()).unwrap());
            rest = &rest[end + 1..];
        } else {
            assert!(c.is_ascii_alphanumeric() || !c.is_ascii(), "raw {c:?}");
            decoded.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    assert_eq!(decoded, text.replace('\0', "\u{FFFD}"));
}

fn is_unreserved_or_percent(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'%')
}

fn url_components(text: &str) {
    let query = UrlQueryValue::encode(text);
    assert!(query.as_str().bytes().all(is_unreserved_or_percent));
    let decoded = percent_encoding::percent_decode_str(query.as_str()).decode_utf8();
    assert_eq!(decoded.unwrap(), text);

    let page = url::Url::parse(&format!("https://app.example.com/s?q={query}&page=2")).unwrap();
    let pairs: Vec<(String, String)> = page.query_pairs().into_owned().collect();
    assert_eq!(
        pairs,
        [("q".into(), text.into()), ("page".into(), "2".into())]
    );
    assert_eq!(page.fragment(), None);

    match UrlPathSegment::encode(text) {
        Err(_) => assert!(text == "." || text == ".."),
        Ok(segment) => {
            assert!(text != "." && text != "..");
            assert!(segment.as_str().bytes().all(is_unreserved_or_percent));
            let base = url::Url::parse("https://app.example.com/files/").unwrap();
            let joined = base.join(&format!("{segment}?v=1")).unwrap();
            let segments: Vec<&str> = joined.path_segments().unwrap().collect();
            assert_eq!(
                segments,
                ["files", segment.as_str()],
                "the segment left its place"
            );
            assert_eq!(joined.query(), Some("v=1"));
        }
    }
}

fn header_value(text: &str) {
    let expected = text.bytes().find_map(|byte| match byte {
        b'\r' | b'\n' => Some(HeaderValueError::LineBreak),
        0 => Some(HeaderValueError::Nul),
        b'\t' => None,
        0..=0x1F | 0x7F => Some(HeaderValueError::Control),
        _ => None,
    });
    match SafeHeaderValue::new(text) {
        Ok(value) => {
            assert_eq!(expected, None);
            assert_eq!(value.as_str(), text);
        }
        Err(error) => assert_eq!(Some(error), expected),
    }
}

/// A piece of a `LIKE` or `GLOB` pattern as the database reads it.
#[derive(Debug, PartialEq, Eq)]
enum Piece {
    Literal(char),
    AnyRun,
    AnyOne,
}

/// The pieces a pattern of `text` must read as, between the constructor's wildcards.
fn pieces(before: bool, text: &str, after: bool) -> Vec<Piece> {
    before
        .then_some(Piece::AnyRun)
        .into_iter()
        .chain(text.chars().map(Piece::Literal))
        .chain(after.then_some(Piece::AnyRun))
        .collect()
}

/// Reads a pattern written for `ESCAPE '\'`.
fn read_like(pattern: &str) -> Vec<Piece> {
    let mut chars = pattern.chars();
    let mut read = Vec::new();
    while let Some(c) = chars.next() {
        read.push(match c {
            '\\' => {
                let escaped = chars.next().expect("an escape escapes something");
                assert!(
                    matches!(escaped, '\\' | '%' | '_' | '\0'),
                    "needless escape of {escaped:?}"
                );
                Piece::Literal(escaped)
            }
            '%' => Piece::AnyRun,
            '_' => Piece::AnyOne,
            '\0' => panic!("an unescaped NUL ends the pattern early in SQLite"),
            c => Piece::Literal(c),
        });
    }
    read
}

fn like_pattern(text: &str) {
    let cases = [
        (LikePattern::contains(text), true, true),
        (LikePattern::starts_with(text), false, true),
        (LikePattern::ends_with(text), true, false),
        (LikePattern::exact(text), false, false),
    ];
    for (pattern, before, after) in cases {
        assert_eq!(read_like(pattern.as_str()), pieces(before, text, after));
    }
}

/// Reads a SQLite `GLOB` pattern; every set must be one literal character.
fn read_glob(pattern: &str) -> Vec<Piece> {
    let mut chars = pattern.chars();
    let mut read = Vec::new();
    while let Some(c) = chars.next() {
        read.push(match c {
            '*' => Piece::AnyRun,
            '?' => Piece::AnyOne,
            '[' => {
                let (inside, close) = (chars.next(), chars.next());
                assert_eq!(close, Some(']'), "a set of more than one character");
                let inside = inside.expect("a set holds a character");
                assert!(
                    matches!(inside, '*' | '?' | '[' | '\0'),
                    "needless set of {inside:?}"
                );
                Piece::Literal(inside)
            }
            '\0' => panic!("a NUL outside a set ends the pattern early in SQLite"),
            c => Piece::Literal(c),
        });
    }
    read
}

fn glob_pattern(text: &str) {
    let cases = [
        (GlobPattern::contains(text), true, true),
        (GlobPattern::starts_with(text), false, true),
        (GlobPattern::ends_with(text), true, false),
        (GlobPattern::exact(text), false, false),
    ];
    for (pattern, before, after) in cases {
        assert_eq!(read_glob(pattern.as_str()), pieces(before, text, after));
    }
}

fn log_value(text: &str) {
    let logged = LogSafe(text).to_string();
    let mut decoded = String::new();
    let mut rest = logged.as_str();
    while let Some(c) = rest.chars().next() {
        assert!(
            !is_control_char(c) && !matches!(c, '\u{2028}' | '\u{2029}'),
            "raw {c:?}"
        );
        if c != '\\' {
            decoded.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let (escaped, skip) = match rest.as_bytes().get(1) {
            Some(b'\\') => ('\\', 2),
            Some(b'r') => ('\r', 2),
            Some(b'n') => ('\n', 2),
            Some(b't') => ('\t', 2),
            Some(b'u') => {
                let end = rest.find('}').expect("a \\u{..} escape ends");
                let hex = rest[2..end].strip_prefix('{').expect("a \\u{..} escape");
                let escaped = char::from_u32(u32::from_str_radix(hex, 16).unwrap()).unwrap();
                assert!(
                    is_control_char(escaped) || matches!(escaped, '\u{2028}' | '\u{2029}'),
                    "needless escape of {escaped:?}"
                );
                (escaped, end + 1)
            }
            _ => panic!("a backslash that starts no escape"),
        };
        decoded.push(escaped);
        rest = &rest[skip..];
    }
    assert_eq!(decoded, text);
    // The quoted form escapes `"` as well, and nothing else differs.
    let quoted = logged.replace('"', "\\\"");
    assert_eq!(format!("{:?}", LogSafe(text)), format!("\"{quoted}\""));
}
