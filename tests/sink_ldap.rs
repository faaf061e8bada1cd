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

/// A search filter as RFC 4515 section 3 reads it; values are the bytes they stand for.
#[derive(Debug, PartialEq, Eq)]
enum Filter {
    And(Vec<Filter>),
    Or(Vec<Filter>),
    Not(Box<Filter>),
    Equality(String, Vec<u8>),
    Substrings(String, Vec<Vec<u8>>),
    Present(String),
    GreaterOrEqual(String, Vec<u8>),
    LessOrEqual(String, Vec<u8>),
    Approx(String, Vec<u8>),
}

fn eq(attribute: &str, value: &str) -> Filter {
    Filter::Equality(attribute.into(), value.into())
}

/// Parses a whole filter string per the RFC 4515 grammar (extensible matches aside, which
/// the filters here never hold); `None` if it is not exactly one filter.
fn parse_filter(text: &str) -> Option<Filter> {
    let mut parser = FilterParser {
        bytes: text.as_bytes(),
        at: 0,
    };
    let filter = parser.filter()?;
    (parser.at == parser.bytes.len()).then_some(filter)
}

struct FilterParser<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl FilterParser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }

    // filter = LPAREN filtercomp RPAREN
    fn filter(&mut self) -> Option<Filter> {
        self.eat(b'(')?;
        let filter = match self.peek()? {
            b'&' => Filter::And(self.list()?),
            b'|' => Filter::Or(self.list()?),
            b'!' => {
                self.at += 1;
                Filter::Not(Box::new(self.filter()?))
            }
            _ => self.item()?,
        };
        self.eat(b')')?;
        Some(filter)
    }

    // filterlist = 1*filter, after the `&` or `|`
    fn list(&mut self) -> Option<Vec<Filter>> {
        self.at += 1;
        let mut filters = vec![self.filter()?];
        while self.peek() == Some(b'(') {
            filters.push(self.filter()?);
        }
        Some(filters)
    }

    // item = simple / present / substring; attr = descr / numericoid, with options
    fn item(&mut self) -> Option<Filter> {
        let start = self.at;
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b';'))
        {
            self.at += 1;
        }
        let attribute = std::str::from_utf8(&self.bytes[start..self.at]).ok()?;
        if !attribute.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            return None;
        }
        let attribute = attribute.to_owned();
        let operator = match self.peek()? {
            b'=' => b'=',
            operator @ (b'~' | b'>' | b'<') => {
                self.at += 1;
                operator
            }
            _ => return None,
        };
        self.eat(b'=')?;
        let mut parts = vec![self.value()?];
        while self.eat(b'*').is_some() {
            parts.push(self.value()?);
        }
        Some(match (operator, parts.len()) {
            (b'=', 1) => Filter::Equality(attribute, parts.pop()?),
            (b'=', 2) if parts.iter().all(Vec::is_empty) => Filter::Present(attribute),
            (b'=', _) => Filter::Substrings(attribute, parts),
            (b'>', 1) => Filter::GreaterOrEqual(attribute, parts.pop()?),
            (b'<', 1) => Filter::LessOrEqual(attribute, parts.pop()?),
            (b'~', 1) => Filter::Approx(attribute, parts.pop()?),
            _ => return None,
        })
    }

    // valueencoding = 0*(normal / escaped); escaped = ESC HEX HEX
    fn value(&mut self) -> Option<Vec<u8>> {
        let mut value = Vec::new();
        loop {
            match self.peek()? {
                b')' | b'*' => return Some(value),
                b'(' | 0 => return None,
                b'\\' => {
                    let hex = self.bytes.get(self.at + 1..self.at + 3)?;
                    let hex = std::str::from_utf8(hex).ok()?;
                    value.push(u8::from_str_radix(hex, 16).ok()?);
                    self.at += 3;
                }
                byte => {
                    value.push(byte);
                    self.at += 1;
                }
            }
        }
    }
}

#[test]
fn the_filter_parser_tells_filters_apart() {
    assert_eq!(parse_filter("(uid=a)"), Some(eq("uid", "a")));
    assert_eq!(parse_filter("(uid=)"), Some(eq("uid", "")));
    assert_eq!(parse_filter(r"(uid=\2a)"), Some(eq("uid", "*")));
    assert_eq!(parse_filter("(uid=*)"), Some(Filter::Present("uid".into())));
    assert_eq!(
        parse_filter("(uid=a*b)"),
        Some(Filter::Substrings(
            "uid".into(),
            vec![b"a".to_vec(), b"b".to_vec()]
        ))
    );
    assert_eq!(
        parse_filter("(&(uid=a)(!(cn>=b)))"),
        Some(Filter::And(vec![
            eq("uid", "a"),
            Filter::Not(Box::new(Filter::GreaterOrEqual("cn".into(), b"b".to_vec())))
        ]))
    );
    for not_one_filter in [
        "(uid=a)(cn=b)",
        "(uid=a",
        "(uid=a)(|(objectClass=*))",
        "(uid=foo)(|(objectClass=*)",
        r"(uid=\2)",
        r"(uid=\zz)",
        "(uid=a\0)",
        "(uid=(a)",
        "(=a)",
        "uid=a",
    ] {
        assert_eq!(parse_filter(not_one_filter), None, "{not_one_filter}");
    }
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
            parse_filter(filter.as_str()),
            Some(eq("uid", input)),
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
    assert_eq!(
        parse_filter(filter.as_str()),
        Some(Filter::And(vec![
            eq("uid", "*"),
            Filter::Or(vec![eq("mail", "a)(uid=*"), eq("employeeNumber", "42")])
        ]))
    );
}

proptest! {
    #[test]
    fn filter_values_stay_one_assertion(text in any::<String>()) {
        let escaped = LdapFilterValue::escape(&text);
        prop_assert!(!escaped.as_str().contains(['*', '(', ')', '\0']));
        prop_assert_eq!(decode_filter_value(escaped.as_str()), text.as_bytes());
        let filter = secure::ldap_filter!("(uid={})", &text);
        prop_assert_eq!(parse_filter(filter.as_str()), Some(Filter::Equality("uid".into(), text.into_bytes())));
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
