//! Cookies through the facade: strict defaults, and HDR-01's attribute injections refused
//! rather than repaired, so a `Set-Cookie` has exactly the attributes the code set.

#![cfg(feature = "http")]

use std::time::Duration;

use secure::http::cookie::{Cookie, CookieError, request_cookie};

#[test]
fn hdr_01_values_are_refused_not_repaired() {
    let values = [
        "abc\r\nSet-Cookie: admin=1",
        "abc; Domain=evil.example; Path=/; Secure",
        "a,b",
        "x\ty",
        "q\"r",
        "s\\t",
        "\0",
        "\u{7f}",
    ];
    for value in values {
        assert_eq!(
            Cookie::host("sid", value).build(),
            Err(CookieError::InvalidValue),
            "{value:?}"
        );
        assert_eq!(
            Cookie::new("sid", value).build(),
            Err(CookieError::InvalidValue),
            "{value:?}"
        );
        assert_eq!(
            Cookie::secure("sid", value).build(),
            Err(CookieError::InvalidValue),
            "{value:?}"
        );
    }
    for name in ["sid=", "s id", ""] {
        assert_eq!(
            Cookie::host(name, "v").build(),
            Err(CookieError::InvalidName),
            "{name:?}"
        );
    }
}

#[test]
fn set_cookie_has_exactly_the_attributes_set() {
    let session = Cookie::host("sid", "b64url-Value_09")
        .max_age(Duration::from_secs(3600))
        .build()
        .unwrap();
    assert_eq!(
        session.to_header_value(),
        "__Host-sid=b64url-Value_09; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax"
    );
    assert_eq!(
        format!("{session:?}"),
        "SetCookie(__Host-sid=[REDACTED]; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax)"
    );

    let removal = Cookie::host("sid", "").expired().build().unwrap();
    assert_eq!(
        removal.to_header_value(),
        "__Host-sid=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax"
    );
}

#[test]
fn request_cookies_are_read_by_exact_name() {
    let mut headers = axum::http::HeaderMap::new();
    headers.insert(
        "cookie",
        "__host-sid=lower; __Host-sid=right; sid=plain"
            .parse()
            .unwrap(),
    );
    assert_eq!(request_cookie(&headers, "__Host-sid"), Some("right"));
    assert_eq!(request_cookie(&headers, "sid"), Some("plain"));
    assert_eq!(request_cookie(&headers, "__Secure-sid"), None);
}
