//! The `url` rule and `SafeUrl`, against the WHATWG parser they are built on.
//!
//! `is_url` answers most `http(s)` inputs in a fast path without parsing; this target holds
//! it, for every input, to the answer of the full rule: no whitespace or control byte, a URL
//! the `url` crate parses, an allowed scheme, and never `javascript:` or `vbscript:`. The
//! derive must agree with the rule, and `SafeUrl` must store a serialization that parses back
//! to itself with the same scheme.

#![no_main]

use libfuzzer_sys::fuzz_target;
use secure::encode::SafeUrl;
use secure::validate::rules::is_url;
use secure::{Untrusted, Validate};

#[derive(Validate)]
struct Link {
    #[validate(url)]
    href: String,
}

#[derive(Validate)]
struct Contact {
    #[validate(url(schemes("https", "mailto")))]
    href: String,
}

const WEB: &[&str] = &["http", "https"];
const CONTACT: &[&str] = &["https", "mailto"];
/// An allowlist that names the schemes no allowlist can admit.
const RECKLESS: &[&str] = &["http", "data", "javascript", "vbscript", "file"];

/// The rule as documented, with nothing but the full parser.
fn reference(text: &str, schemes: &[&str]) -> bool {
    if text.bytes().any(|b| b <= b' ' || b == 0x7F) {
        return false;
    }
    match url::Url::parse(text) {
        Ok(url) => {
            let scheme = url.scheme();
            !matches!(scheme, "javascript" | "vbscript") && schemes.contains(&scheme)
        }
        Err(_) => false,
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);

    for schemes in [WEB, CONTACT, RECKLESS] {
        let accepted = is_url(&text, |scheme| schemes.contains(&scheme));
        assert_eq!(
            accepted,
            reference(&text, schemes),
            "fast path and parser disagree"
        );

        match SafeUrl::parse_with_schemes(&text, schemes) {
            Ok(url) => {
                assert!(accepted, "SafeUrl accepted what the rule refuses");
                check_stored(url.as_str(), schemes);
            }
            Err(_) => assert!(!accepted, "SafeUrl refused what the rule accepts"),
        }
    }

    let link = Untrusted::new(Link {
        href: text.to_string(),
    });
    assert_eq!(link.validate().is_ok(), reference(&text, WEB));
    let contact = Untrusted::new(Contact {
        href: text.to_string(),
    });
    assert_eq!(contact.validate().is_ok(), reference(&text, CONTACT));
});

fn check_stored(stored: &str, schemes: &[&str]) {
    assert!(
        !stored.bytes().any(|b| b <= b' ' || b == 0x7F),
        "stored text has whitespace"
    );

    let parsed = url::Url::parse(stored).expect("the stored URL parses");
    let scheme = parsed.scheme();
    assert!(schemes.contains(&scheme) && !matches!(scheme, "javascript" | "vbscript"));
    if matches!(scheme, "http" | "https") {
        assert_eq!(parsed.as_str(), stored, "the serialization is not stable");
        assert!(parsed.host_str().is_some_and(|host| !host.is_empty()));
    }
}
