//! Redirect targets and header values.

use secure::encode::{HeaderValueError, RedirectError, SafeHeaderValue, SafeRedirect};

/// Decodes percent-encoding once, as a framework does before handing a query value over.
fn decode_once(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .unwrap()
        .into_owned()
}

#[test]
fn redir_01_local_redirects() {
    let attacks = [
        String::from("//evil.example"),
        String::from("/\\evil.example"),
        String::from("\\/evil.example"),
        String::from("/\\/evil.example"),
        String::from("/\t/evil.example"),
        decode_once("/%5Cevil.example"),
        String::from("https:evil.example"),
        String::from("https://evil.example"),
        String::from("evil.example"),
        String::from("/\u{0}/evil.example"),
        String::from("/\u{7f}/evil.example"),
        String::from("/\u{3000}/evil.example"),
        String::from(""),
    ];
    for attack in &attacks {
        assert!(SafeRedirect::local(attack).is_err(), "{attack:?}");
        let fallback = SafeRedirect::local(attack).unwrap_or_else(|_| SafeRedirect::root());
        assert_eq!(fallback.as_str(), "/");
    }
    for control in ["/dashboard", "/app?x=1#y", "/%5Cevil.example"] {
        assert_eq!(SafeRedirect::local(control).unwrap().as_str(), control);
    }
    assert_eq!(
        SafeRedirect::local("/\\evil.example"),
        Err(RedirectError::ForbiddenCharacter)
    );
    assert_eq!(
        SafeRedirect::local("//evil.example"),
        Err(RedirectError::NotLocal)
    );
}

#[test]
fn redir_01_every_accepted_target_stays_on_the_origin() {
    let base = url::Url::parse("https://shop.example/account/").unwrap();
    for target in [
        "/dashboard",
        "/app?x=1#y",
        "/%5Cevil.example",
        "/a/../../b",
        "/.//x",
    ] {
        let accepted = SafeRedirect::local(target).unwrap();
        assert_eq!(
            base.join(accepted.as_str()).unwrap().host_str(),
            Some("shop.example")
        );
    }
}

#[test]
fn redir_03_line_breaks_never_reach_a_header() {
    let attacks = [
        String::from("/dashboard\r\nSet-Cookie: session=<ATTACKER>"),
        String::from("/dashboard\r\nLocation: https://evil.example"),
        String::from("/a\nb"),
        String::from("/a\0b"),
        decode_once("/dashboard%0d%0aSet-Cookie:%20session=x"),
        decode_once("/a%0ab"),
        decode_once("/a%00b"),
    ];
    for attack in &attacks {
        assert_eq!(
            SafeRedirect::local(attack),
            Err(RedirectError::ForbiddenCharacter),
            "{attack:?}"
        );
        assert!(SafeHeaderValue::new(attack).is_err(), "{attack:?}");
    }
    assert_eq!(
        SafeHeaderValue::new("a\r\nb"),
        Err(HeaderValueError::LineBreak)
    );
    assert_eq!(
        SafeHeaderValue::new("a\nb"),
        Err(HeaderValueError::LineBreak)
    );
    assert_eq!(SafeHeaderValue::new("a\0b"), Err(HeaderValueError::Nul));
    assert_eq!(
        SafeHeaderValue::new("a\u{1b}b"),
        Err(HeaderValueError::Control)
    );
    assert_eq!(SafeHeaderValue::new("a\tb").unwrap().as_str(), "a\tb");

    let location = SafeHeaderValue::from(SafeRedirect::local("/dashboard").unwrap());
    assert_eq!(location.as_str(), "/dashboard");
}

#[test]
fn redirects_to_allowlisted_hosts() {
    let hosts = ["accounts.example.com"];
    let accepted = SafeRedirect::to_hosts("https://ACCOUNTS.example.com/login?next=%2F", &hosts);
    assert_eq!(
        accepted.unwrap().as_str(),
        "https://accounts.example.com/login?next=%2F"
    );
    assert!(SafeRedirect::to_hosts("/local", &hosts).is_ok());
    for attack in [
        "https://evil.example/",
        "https:accounts.example.com",
        "https:/accounts.example.com",
        "https://accounts.example.com@evil.example/",
        "https://user:pw@accounts.example.com/",
        "https://accounts.example.com.evil.example/",
        "javascript://accounts.example.com/%0aalert(1)",
        "ftp://accounts.example.com/",
        "https://accounts.example.com\\@evil.example/",
        "//accounts.example.com",
        "https://accounts.example.com/\r\nSet-Cookie: a=b",
    ] {
        assert!(
            SafeRedirect::to_hosts(attack, &hosts).is_err(),
            "{attack:?}"
        );
    }
}

#[cfg(feature = "http")]
#[test]
fn header_values_convert_byte_for_byte_and_unchecked_breaks_are_refused() {
    let value = SafeHeaderValue::new("inline;\tfilename=\"caf\u{e9}.txt\"").unwrap();
    let header = axum::http::HeaderValue::try_from(value).unwrap();
    assert_eq!(
        header.as_bytes(),
        "inline;\tfilename=\"caf\u{e9}.txt\"".as_bytes()
    );

    for (raw, error) in [
        ("/a\r\nSet-Cookie: x=y", HeaderValueError::LineBreak),
        ("/a\0b", HeaderValueError::Nul),
        ("/a\u{7f}b", HeaderValueError::Control),
    ] {
        let trusted = secure::unchecked::safe_header_value(raw.to_owned());
        assert_eq!(
            axum::http::HeaderValue::try_from(trusted),
            Err(error),
            "{raw:?}"
        );
    }
}
