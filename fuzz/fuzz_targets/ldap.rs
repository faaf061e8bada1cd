//! The LDAP escapers: a filter value (RFC 4515) holds no raw `*`, `(`, `)`, `\` or NUL and
//! reads back as the input; a DN value (RFC 4514) holds no unescaped separator, no unescaped
//! space or `#` where they would be dropped or mean hex, and reads back as the input; a hole of
//! `ldap_filter!` adds no clause to the filter.

#![no_main]

use libfuzzer_sys::fuzz_target;
use secure::sink::ldap::{LdapDnValue, LdapFilterValue};

fuzz_target!(|data: &[u8]| {
    let owned = String::from_utf8_lossy(data);
    let text: &str = &owned;

    let value = LdapFilterValue::escape(text);
    assert_eq!(unescape_filter_value(value.as_str()), text.as_bytes());

    let filter = secure::ldap_filter!("(&(uid={})(|(cn={}*)(mail={})))", text, text, text);
    let escaped = value.as_str();
    let expected = format!("(&(uid={escaped})(|(cn={escaped}*)(mail={escaped})))");
    assert_eq!(filter.as_str(), expected);
    assert_eq!(assertions(filter.as_str()), ["uid=", "cn=", "mail="]);

    let dn = LdapDnValue::escape(text);
    assert_eq!(unescape_dn_value(dn.as_str()), text);
});

/// Decodes a filter value, refusing anything RFC 4515 would read as filter syntax.
fn unescape_filter_value(value: &str) -> Vec<u8> {
    let bytes = value.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => {
                let hex = core::str::from_utf8(&bytes[at + 1..at + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).expect("two hex digits"));
                at += 3;
            }
            b'*' | b'(' | b')' | 0 => panic!("raw filter syntax in a value"),
            byte => {
                assert!(!byte.is_ascii_control(), "a raw control character");
                out.push(byte);
                at += 1;
            }
        }
    }
    out
}

/// The attribute names of the simple assertions of a filter, read by its parentheses.
fn assertions(filter: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in filter.chars() {
        match c {
            '(' => {
                depth += 1;
                current.clear();
            }
            ')' => {
                assert!(depth > 0, "unbalanced");
                depth -= 1;
                if let Some(at) = current.find('=') {
                    names.push(current[..=at].to_owned());
                }
                current.clear();
            }
            c => current.push(c),
        }
    }
    assert_eq!(depth, 0, "unbalanced");
    names
}

/// Decodes a DN attribute value, refusing what RFC 4514 would read as a separator or drop.
fn unescape_dn_value(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    assert_ne!(chars.first(), Some(&' '), "an unescaped leading space");
    assert_ne!(chars.first(), Some(&'#'), "an unescaped leading `#`");

    let mut bytes = Vec::new();
    let mut at = 0;
    let mut last_escaped = false;
    while at < chars.len() {
        let c = chars[at];
        last_escaped = c == '\\';
        if c == '\\' {
            let next = *chars.get(at + 1).expect("a lone backslash");
            if next.is_ascii_hexdigit() {
                let hex: String = chars[at + 1..at + 3].iter().collect();
                bytes.push(u8::from_str_radix(&hex, 16).expect("two hex digits"));
                at += 3;
            } else {
                assert!(matches!(
                    next,
                    '"' | '+' | ',' | ';' | '<' | '>' | '\\' | ' ' | '#' | '='
                ));
                bytes.push(next as u8);
                at += 2;
            }
        } else {
            assert!(
                !matches!(c, '"' | '+' | ',' | ';' | '<' | '>' | '\0'),
                "unescaped {c:?}"
            );
            assert!(!c.is_ascii_control(), "a raw control character");
            let mut buffer = [0; 4];
            bytes.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
            at += 1;
        }
    }
    if chars.last() == Some(&' ') {
        assert!(last_escaped, "an unescaped trailing space");
    }
    String::from_utf8(bytes).expect("the value decodes to UTF-8")
}
