//! Untrusted text in log lines.

use proptest::prelude::*;
use secure::sink::log::LogSafe;

#[test]
fn line_breaks_and_controls_are_escaped() {
    let cases = [
        (
            "alice\r\nINFO login ok user=admin",
            r"alice\r\nINFO login ok user=admin",
        ),
        ("a\nb", r"a\nb"),
        ("tab\there", r"tab\there"),
        ("\u{1b}[31mFAKE\u{1b}[0m", r"\u{1b}[31mFAKE\u{1b}[0m"),
        ("invoice\u{202e}fdp.exe", r"invoice\u{202e}fdp.exe"),
        ("a\u{85}b", r"a\u{85}b"),
        ("x\u{2028}y\u{2029}", r"x\u{2028}y\u{2029}"),
        ("t\u{7f}u", r"t\u{7f}u"),
        ("already \\n escaped", r"already \\n escaped"),
        ("plain ünïcode", "plain ünïcode"),
    ];
    for (input, expected) in cases {
        assert_eq!(LogSafe(input).to_string(), expected);
    }
    assert_eq!(format!("{:?}", LogSafe("a\nb")), r#""a\nb""#);
}

proptest! {
    #[test]
    fn one_value_stays_on_one_line(text in any::<String>()) {
        let logged = LogSafe(&text).to_string();
        let breaks = |c: char| {
            secure::validate::rules::is_control_char(c) || matches!(c, '\u{2028}' | '\u{2029}')
        };
        prop_assert!(!logged.chars().any(breaks));
    }
}

/// Reads a logged value back: the escapes `LogSafe` writes, and nothing else.
fn unescape(logged: &str) -> String {
    let mut out = String::new();
    let mut chars = logged.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('"') => out.push('"'),
            Some('r') => out.push('\r'),
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('u') => {
                assert_eq!(chars.next(), Some('{'));
                let hex: String = chars.by_ref().take_while(|c| *c != '}').collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
            }
            other => panic!("unexpected escape {other:?} in {logged:?}"),
        }
    }
    out
}

proptest! {
    #[test]
    fn a_logged_value_reads_back_as_it_was(text in any::<String>()) {
        prop_assert_eq!(unescape(&LogSafe(&text).to_string()), text);
    }

    /// The quoted form holds no bare `"`: the value cannot end its quotes and add a field.
    #[test]
    fn the_quoted_form_stays_one_quoted_value(text in any::<String>()) {
        let quoted = format!("{:?}", LogSafe(&text));
        let inner = &quoted[1..quoted.len() - 1];
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            prop_assert_ne!(c, '"');
            if c == '\\' {
                chars.next();
            }
        }
        prop_assert_eq!(unescape(inner), text);
    }
}

#[test]
fn a_quote_in_the_value_cannot_add_a_field_to_a_key_value_line() {
    let name = r#"alice" role="admin"#;
    assert_eq!(
        format!("user={:?}", LogSafe(name)),
        r#"user="alice\" role=\"admin""#
    );
    assert_eq!(
        format!("user={:?}", LogSafe(name)),
        format!("user={name:?}")
    );
    // Display, for text outside quotes, leaves the quote alone.
    assert_eq!(LogSafe(name).to_string(), name);
}
