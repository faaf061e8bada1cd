//! XML: parsing of untrusted documents with DTDs refused and size and depth bounded
//! (feature `xml`).
//!
//! A document type declaration is where entity expansion attacks ("billion laughs") and
//! external entities (XXE: reading `file:///etc/passwd`, requests to internal hosts) live.
//! [`parse`] hands the text to `roxmltree` with DTDs disallowed, so any `<!DOCTYPE` is an
//! error, and bounds the input size, the node count and the nesting depth.
//!
//! ```
//! use secure::sink::xml::{parse, XmlError, XmlLimits};
//!
//! let doc = parse("<order><item sku=\"a1\"/></order>", XmlLimits::default()).unwrap();
//! assert_eq!(doc.root_element().tag_name().name(), "order");
//!
//! let xxe = r#"<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>"#;
//! assert_eq!(parse(xxe, XmlLimits::default()).unwrap_err(), XmlError::Doctype);
//! ```
//!
//! What is *not* guaranteed: the parsed tree is data. Attribute values and text are
//! untrusted strings and need the encoders of [`encode`](crate::encode) wherever they go next.

use core::fmt;

pub use roxmltree::Document;

/// Bounds on an untrusted document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct XmlLimits {
    /// The longest input accepted, in bytes.
    pub max_bytes: usize,
    /// The most nodes (elements, text, attributes' owners, comments ...) accepted.
    pub max_nodes: u32,
    /// The deepest element nesting accepted; the root element is at depth 1.
    pub max_depth: usize,
}

impl Default for XmlLimits {
    /// One MiB, 100 000 nodes, depth 64.
    fn default() -> Self {
        XmlLimits {
            max_bytes: 1 << 20,
            max_nodes: 100_000,
            max_depth: 64,
        }
    }
}

/// Parses an untrusted document within `limits`, refusing any DTD.
pub fn parse(text: &str, limits: XmlLimits) -> Result<Document<'_>, XmlError> {
    if text.len() > limits.max_bytes {
        return Err(XmlError::TooLarge);
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: limits.max_nodes,
        ..roxmltree::ParsingOptions::default()
    };
    let document = Document::parse_with_options(text, options).map_err(|error| match error {
        roxmltree::Error::DtdDetected => XmlError::Doctype,
        roxmltree::Error::NodesLimitReached => XmlError::TooManyNodes,
        _ => XmlError::Malformed,
    })?;
    if depth(&document) > limits.max_depth {
        return Err(XmlError::TooDeep);
    }
    Ok(document)
}

fn depth(document: &Document<'_>) -> usize {
    let mut deepest = 0;
    let mut pending = vec![(document.root_element(), 1)];
    while let Some((node, depth)) = pending.pop() {
        deepest = deepest.max(depth);
        pending.extend(
            node.children()
                .filter(|child| child.is_element())
                .map(|child| (child, depth + 1)),
        );
    }
    deepest
}

/// Why an untrusted document was refused. It never holds the document's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum XmlError {
    /// The document has a `<!DOCTYPE` (and so possibly entities).
    Doctype,
    /// The document is longer than [`XmlLimits::max_bytes`].
    TooLarge,
    /// The document has more nodes than [`XmlLimits::max_nodes`].
    TooManyNodes,
    /// Elements nest deeper than [`XmlLimits::max_depth`].
    TooDeep,
    /// The document is not well-formed XML.
    Malformed,
}

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            XmlError::Doctype => "the document has a DOCTYPE, which is not accepted",
            XmlError::TooLarge => "the document is too large",
            XmlError::TooManyNodes => "the document has too many nodes",
            XmlError::TooDeep => "the document nests too deeply",
            XmlError::Malformed => "the document is not well-formed XML",
        })
    }
}

impl std::error::Error for XmlError {}
