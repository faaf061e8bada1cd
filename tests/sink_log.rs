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
