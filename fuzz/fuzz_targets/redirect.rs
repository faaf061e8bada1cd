//! `SafeRedirect`: a local target stays on this origin, an absolute one goes to an allowed
//! host, and both are valid header values.
//!
//! "Stays on this origin" is checked the way a browser decides it: the target is resolved
//! with the WHATWG parser against several base URLs, and the origin must not change.

#![no_main]

use libfuzzer_sys::fuzz_target;
use secure::encode::{SafeHeaderValue, SafeRedirect};

const HOSTS: &[&str] = &["accounts.example.com", "Login.Example.Org"];

const BASES: &[&str] = &[
    "https://app.example.com/",
    "https://app.example.com/a/b/c?x=1#f",
    "http://127.0.0.1:8080/deep/path/",
    "https://[::1]/",
];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);

    if let Ok(target) = SafeRedirect::local(&text) {
        assert_eq!(target.as_str(), text, "a local target is stored as given");
        check_local(target.as_str());
        check_header(target);
    }

    if let Ok(target) = SafeRedirect::to_hosts(&text, HOSTS) {
        if text.starts_with('/') {
            check_local(target.as_str());
        } else {
            check_absolute(target.as_str());
        }
        check_header(target);
    }
});

fn check_local(target: &str) {
    let bytes = target.as_bytes();
    assert_eq!(bytes.first(), Some(&b'/'));
    assert!(
        !matches!(bytes.get(1), Some(b'/' | b'\\')),
        "protocol-relative target"
    );
    assert!(
        !bytes
            .iter()
            .any(|&b| !(b' '..0x7F).contains(&b) || b == b'\\')
    );

    for base in BASES {
        let base = url::Url::parse(base).unwrap();
        let resolved = base.join(target).expect("a local target resolves");
        assert_eq!(
            resolved.origin(),
            base.origin(),
            "a local target left the origin"
        );
    }
}

fn check_absolute(target: &str) {
    assert!(!target.bytes().any(|b| b <= b' ' || b >= 0x7F || b == b'\\'));

    let url = url::Url::parse(target).expect("an absolute target parses");
    assert!(matches!(url.scheme(), "http" | "https"));
    assert!(
        url.username().is_empty() && url.password().is_none(),
        "credentials"
    );
    let host = url.host_str().expect("a host");
    assert!(
        HOSTS
            .iter()
            .any(|allowed| allowed.eq_ignore_ascii_case(host)),
        "host"
    );

    // A browser resolving the stored text against any page lands on the same host.
    for base in BASES {
        let resolved = url::Url::parse(base).unwrap().join(target).unwrap();
        assert_eq!(resolved.host_str(), Some(host));
    }
}

fn check_header(target: SafeRedirect) {
    let text = target.as_str().to_owned();
    let header = SafeHeaderValue::from(target);
    assert_eq!(header.as_str(), text);
    assert!(
        SafeHeaderValue::new(&text).is_ok(),
        "a redirect target is no header value"
    );
}
