//! Every output encoder: its output holds no character that ends its context, and decoding
//! it gives back the input exactly.
//!
//! `SafeHtml::escape` scans 32-byte blocks before it escapes byte by byte; it is held to a
//! plain one-character-at-a-time escaper, at every offset (through `push_text` after a
//! prefix). The URL component encoders are also read back by the WHATWG parser.

#![no_main]

use libfuzzer_sys::fuzz_target;
use secure::encode::{
    CssString, HeaderValueError, HtmlAttrValue, JsString, SafeHeaderValue, SafeHtml,
    UnquotedAttrValue, UrlPathSegment, UrlQueryValue,
};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);

    html_text(&text);
    html_attributes(&text);
    js_string(&text);
    css_string(&text);
    url_components(&text);
    header_value(&text);
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
