//! LDAP escaping per RFC 4515 (filters) and RFC 4514 (distinguished names).

use proptest::prelude::*;
use secure::sink::ldap::{LdapDnValue, LdapFilterValue};

/// Decodes an RFC 4515 assertion value: `\HH` stands for one byte.
fn decode_filter_value(escaped: &str) -> Vec<u8> {
    let bytes = escaped.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'\\' {
            let hex = std::str::from_utf8(&bytes[at + 1..at + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            at += 3;
        } else {
            out.push(bytes[at]);
            at += 1;
        }
    }
    out
}

/// Parses `(attr=value)` per RFC 4515 and returns the number of assertions and whether the
/// value holds a wildcard; `None` if it is not one simple equality filter.
fn equality_assertions(filter: &str) -> Option<(usize, bool)> {
    let inner = filter.strip_prefix('(')?.strip_suffix(')')?;
    let (attribute, value) = inner.split_once('=')?;
    if attribute.is_empty() || !attribute.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let bytes = value.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'(' | b')' | 0..=0x1f => return None,
            b'\\'
                if bytes.len() > at + 2
                    && bytes[at + 1..at + 3].iter().all(u8::is_ascii_hexdigit) =>
            {
                at += 3
            }
            b'\\' => return None,
            _ => at += 1,
        }
    }
    Some((1, value.contains('*')))
}

#[test]
fn ldap_01_filter_values() {
    let cases = [
        ("*", r"\2a"),
        ("foo)(|(objectClass=*)", r"foo\29\28|\28objectClass=\2a\29"),
        ("admin\0", r"admin\00"),
        ("a\\b", r"a\5cb"),
        ("<NAME> (admin)", r"<NAME> \28admin\29"),
        ("\u{e9}", "\u{e9}"),
    ];
    for (input, expected) in cases {
        let escaped = LdapFilterValue::escape(input);
        assert_eq!(escaped.as_str(), expected);
        assert_eq!(decode_filter_value(escaped.as_str()), input.as_bytes());
        let filter = secure::ldap_filter!("(uid={})", input);
        assert_eq!(
            equality_assertions(filter.as_str()),
            Some((1, false)),
            "{input:?}"
        );
    }
    // A single pass: the backslash added for `*` is not escaped again.
    assert_eq!(LdapFilterValue::escape(r"\*").as_str(), r"\5c\2a");
}

#[test]
fn rfc_4515_examples() {
    // Section 4: the values of the example filters, escaped from their plain text.
    assert_eq!(
        format!(
            "(cn={})",
            LdapFilterValue::escape("Parens R Us (for all your parenthetical needs)")
        ),
        r"(cn=Parens R Us \28for all your parenthetical needs\29)"
    );
    assert_eq!(
        format!("(cn=*{}*)", LdapFilterValue::escape("*")),
        r"(cn=*\2a*)"
    );
    assert_eq!(
        format!("(filename={})", LdapFilterValue::escape(r"C:\MyFile")),
        r"(filename=C:\5cMyFile)"
    );
    let binary = String::from_utf8(vec![0, 0, 0, 4]).unwrap();
    assert_eq!(
        format!("(bin={})", LdapFilterValue::escape(&binary)),
        r"(bin=\00\00\00\04)"
    );
    // `(sn=Lu\c4\8di\c4\87)`: UTF-8 may stay literal; both forms decode to the same bytes.
    let escaped = LdapFilterValue::escape("Lu\u{10d}i\u{107}");
    assert_eq!(
        decode_filter_value(escaped.as_str()),
        decode_filter_value(r"Lu\c4\8di\c4\87")
    );
}

#[test]
fn rfc_4514_examples() {
    // Section 4.
    assert_eq!(
        format!(
            "CN={},DC=example,DC=net",
            LdapDnValue::escape("James \"Jim\" Smith, III")
        ),
        r#"CN=James \"Jim\" Smith\, III,DC=example,DC=net"#
    );
    assert_eq!(
        format!("CN={}", LdapDnValue::escape("Before\rAfter")),
        r"CN=Before\0dAfter"
    );
    assert_eq!(
        format!("CN={},O=Test", LdapDnValue::escape("Steve Kille")),
        "CN=Steve Kille,O=Test"
    );
    assert_eq!(
        LdapDnValue::escape("Sales+Marketing").as_str(),
        r"Sales\+Marketing"
    );
    assert_eq!(
        LdapDnValue::escape("Lu\u{10d}i\u{107}").as_str(),
        "Lu\u{10d}i\u{107}"
    );
    // Section 2.4: leading space or `#`, trailing space.
    assert_eq!(LdapDnValue::escape(" #x ").as_str(), r"\ #x\ ");
    assert_eq!(LdapDnValue::escape("#x").as_str(), r"\#x");
    assert_eq!(LdapDnValue::escape("a;b<c>d\\").as_str(), r"a\;b\<c\>d\\");
    assert_eq!(LdapDnValue::escape("a\0b").as_str(), r"a\00b");
}

#[test]
fn filter_template_escapes_every_hole() {
    let filter = secure::ldap_filter!(
        "(&(uid={})(|(mail={})(employeeNumber={})))",
        "*",
        "a)(uid=*",
        42
    );
    assert_eq!(
        filter.as_str(),
        r"(&(uid=\2a)(|(mail=a\29\28uid=\2a)(employeeNumber=42)))"
    );
}

proptest! {
    #[test]
    fn filter_values_stay_one_assertion(text in any::<String>()) {
        let escaped = LdapFilterValue::escape(&text);
        prop_assert!(!escaped.as_str().contains(['*', '(', ')', '\0']));
        prop_assert_eq!(decode_filter_value(escaped.as_str()), text.as_bytes());
        let filter = secure::ldap_filter!("(uid={})", &text);
        prop_assert_eq!(equality_assertions(filter.as_str()), Some((1, false)));
    }

    #[test]
    fn dn_values_have_no_unescaped_separator(text in any::<String>()) {
        let escaped = LdapDnValue::escape(&text);
        let bytes = escaped.as_str().as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            match bytes[at] {
                b'\\' => at += 2,
                b',' | b'+' | b';' | b'"' | b'<' | b'>' | 0 => prop_assert!(false, "unescaped {:?}", escaped),
                _ => at += 1,
            }
        }
    }
}

/// Decodes an RFC 4514 attribute value: `\HH` is one byte, `\` and another character is that
/// character.
fn decode_dn_value(escaped: &str) -> Vec<u8> {
    let bytes = escaped.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] != b'\\' {
            out.push(bytes[at]);
            at += 1;
        } else if bytes.len() > at + 2 && bytes[at + 1..at + 3].iter().all(u8::is_ascii_hexdigit) {
            let hex = std::str::from_utf8(&bytes[at + 1..at + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            at += 3;
        } else {
            out.push(bytes[at + 1]);
            at += 2;
        }
    }
    out
}

proptest! {
    #[test]
    fn dn_values_decode_back_to_the_input(text in any::<String>()) {
        let escaped = LdapDnValue::escape(&text);
        prop_assert_eq!(decode_dn_value(escaped.as_str()), text.as_bytes());
        let bytes = escaped.as_str().as_bytes();
        if let Some(first) = bytes.first() {
            prop_assert!(*first != b' ' && *first != b'#');
        }
        if bytes.len() >= 2 && bytes[bytes.len() - 1] == b' ' {
            prop_assert_eq!(bytes[bytes.len() - 2], b'\\');
        }
    }
}
