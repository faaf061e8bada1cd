//! The XML entry point: it never panics, refuses every document with a DTD, and a document it
//! accepts is within its limits on size, node count and element depth.
//!
//! The first bytes pick small limits, so that the node and depth limits are reached often;
//! the same text is also parsed with a DTD in front, which must always be refused.

#![no_main]

use libfuzzer_sys::fuzz_target;
use secure::sink::xml::{XmlError, XmlLimits, parse};

fuzz_target!(|data: &[u8]| {
    let Some((limits, rest)) = data.split_first_chunk::<3>() else {
        return;
    };
    let limits = XmlLimits {
        max_bytes: usize::from(limits[0]) * 64,
        max_nodes: u32::from(limits[1]) + 1,
        max_depth: usize::from(limits[2] % 32),
    };
    let text = String::from_utf8_lossy(rest);

    for limits in [limits, XmlLimits::default()] {
        match parse(&text, limits) {
            Ok(document) => {
                assert!(text.len() <= limits.max_bytes);
                let nodes = document.descendants().count();
                assert!(nodes <= limits.max_nodes as usize, "{nodes} nodes");
                let deepest = document
                    .descendants()
                    .filter(|node| node.is_element())
                    .map(|node| node.ancestors().filter(|a| a.is_element()).count())
                    .max()
                    .unwrap();
                assert!(deepest <= limits.max_depth, "depth {deepest}");
            }
            Err(XmlError::TooLarge) => assert!(text.len() > limits.max_bytes),
            Err(_) => {}
        }
    }

    for prolog in [
        "<!DOCTYPE r [",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE r SYSTEM \"file:///etc/passwd\" [",
        "<!-- c --><!DOCTYPE r PUBLIC \"-//x//y\" \"http://127.0.0.1/x.dtd\">",
    ] {
        let document = format!("{prolog}{text}");
        let refused = parse(&document, XmlLimits::default());
        assert_eq!(
            refused.err(),
            Some(XmlError::Doctype),
            "a DTD was not refused"
        );
    }
});
