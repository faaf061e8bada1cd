//! The `email` rule, called directly and through `#[derive(Validate)]`.
//!
//! Holds the rule to the grammar documented on `is_email` (one `@`, a dot-atom local part of
//! at most 64 bytes, LDH labels, no whitespace, controls, quotes or brackets), the derive to
//! the same answer as the rule, and the report to the same text whatever the rejected value
//! was: a report that changed with the value would be echoing it.

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use secure::validate::rules::is_email;
use secure::{Untrusted, Validate, ValidationErrors};

#[derive(Validate)]
struct Signup {
    #[validate(email)]
    email: String,
}

fn report(email: &str) -> Result<(), ValidationErrors> {
    let signup = Untrusted::new(Signup {
        email: email.to_owned(),
    });
    signup.validate().map(drop)
}

/// The report for an address that is plainly wrong, as text and as JSON.
static REFUSED: LazyLock<(String, String)> = LazyLock::new(|| {
    let errors = report("not an address").expect_err("refused");
    (errors.to_string(), serde_json::to_string(&errors).unwrap())
});

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let accepted = is_email(&text);

    match report(&text) {
        Ok(()) => {
            assert!(accepted, "the derive accepted what the rule refuses");
            check_grammar(&text);
        }
        Err(errors) => {
            assert!(!accepted, "the derive refused what the rule accepts");
            assert_eq!(
                errors.to_string(),
                REFUSED.0,
                "the report depends on the value"
            );
            assert_eq!(serde_json::to_string(&errors).unwrap(), REFUSED.1);
        }
    }
});

fn check_grammar(address: &str) {
    assert_eq!(address.matches('@').count(), 1, "not exactly one `@`");
    let (local, domain) = address.split_once('@').unwrap();

    assert!(!local.is_empty() && local.len() <= 64, "local part length");
    assert!(!local.starts_with('.') && !local.ends_with('.') && !local.contains(".."));
    for c in address.chars() {
        assert!(
            !c.is_whitespace() && !c.is_control(),
            "whitespace or control"
        );
        assert!(!matches!(
            c,
            '"' | '(' | ')' | ',' | ';' | ':' | '<' | '>' | '[' | ']' | '\\'
        ));
        assert!(!is_bidi_control(c), "bidirectional formatting character");
    }

    // Whatever IDNA maps, the ASCII left in the domain is letters, digits, hyphens and dots.
    for byte in domain.bytes().filter(u8::is_ascii) {
        assert!(byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'.');
    }
    if domain.is_ascii() {
        let labels: Vec<&str> = domain.split('.').collect();
        assert!(labels.len() >= 2, "a single-label domain");
        for label in &labels {
            assert!((1..=63).contains(&label.len()), "label length");
            assert!(!label.starts_with('-') && !label.ends_with('-'));
        }
        let last = labels.last().unwrap();
        assert!(
            !last.bytes().all(|b| b.is_ascii_digit()),
            "an all-digit top label"
        );
        assert!(address.len() <= 254, "address length");
    }
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}
