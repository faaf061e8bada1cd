//! Output encoding: one type per place a string can end up in a page or a response.
//!
//! Validation checks that a value means what the domain expects; it does not make the value
//! safe to place in HTML, a script or a URL. Each type here can only be produced by the
//! encoder for its context, by a literal the compiler saw, or by an allowlist check, so a
//! function that takes one cannot be handed raw text:
//!
//! | type | made by | safe in |
//! | --- | --- | --- |
//! | [`SafeHtml`] | [`SafeHtml::escape`], `html!`, joining, `sanitize_rich_text` (feature `rich-text`) | element bodies |
//! | [`HtmlAttrValue`] | [`HtmlAttrValue::encode`] (writes the quotes) | after `name=` in a tag |
//! | [`UnquotedAttrValue`] | [`UnquotedAttrValue::encode`] (`&#xHH;` for all but letters and digits) | after `name=`, unquoted |
//! | [`JsString`] | [`JsString::encode`] (`\xHH`, `\uHHHH`) | inside a JavaScript string literal |
//! | [`CssString`] | [`CssString::encode`] (`\HH `) | inside a quoted CSS string or `url('…')` |
//! | [`UrlQueryValue`], [`UrlPathSegment`] | their `encode` (percent-encoding) | one query value, one path segment |
//! | [`SafeUrl`] | [`SafeUrl::parse`] (scheme allowlist) | `href`, `src` |
//! | [`SafeRedirect`] | [`SafeRedirect::local`], [`SafeRedirect::to_hosts`] | `Location` (a response with the `axum` feature), links |
//! | [`SafeHeaderValue`] | [`SafeHeaderValue::new`] (no CR, LF, NUL) | one header value (`http::HeaderValue` with the `http` feature) |
//!
//! The `html!` macro builds [`SafeHtml`] from a template literal and reads where each hole
//! stands, asking for the type of that context:
//!
//! ```
//! use secure::encode::{SafeUrl, UrlQueryValue};
//!
//! let user = "<b>Mallory</b>";
//! let site = SafeUrl::parse("https://example.com/").unwrap();
//! let query = UrlQueryValue::encode("a&b");
//! let html = secure::html!(
//!     "<a href=\"{}\" title=\"{}\">{}</a> <a href=\"/search?q={}\">search</a>",
//!     site, user, user, query,
//! );
//! assert_eq!(
//!     html.as_str(),
//!     "<a href=\"https://example.com/\" title=\"&lt;b&gt;Mallory&lt;/b&gt;\">&lt;b&gt;Mallory&lt;/b&gt;</a> \
//!      <a href=\"/search?q=a%26b\">search</a>",
//! );
//! ```
//!
//! Constructors that skip the checks are in [`unchecked`](crate::unchecked).

mod css;
mod header;
pub(crate) mod html;
mod js;
mod redirect;
pub(crate) mod template;
mod url;

pub use css::CssString;
pub use header::{HeaderValueError, SafeHeaderValue};
pub use html::{HtmlAttrValue, SafeHtml, UnquotedAttrValue};
pub use js::JsString;
pub use redirect::{RedirectError, SafeRedirect};
pub use template::{HtmlAttrText, HtmlLocalUrl, HtmlText, HtmlUnquotedAttr, HtmlUrl, HtmlUrlPart};
pub use url::{DEFAULT_SCHEMES, SafeUrl, UrlError, UrlPathSegment, UrlQueryValue};

/// Escapes `text` for an element body or a quoted attribute value; the same as
/// [`SafeHtml::escape`].
///
/// ```
/// assert_eq!(secure::encode::escape_html("a < b").as_str(), "a &lt; b");
/// ```
pub fn escape_html(text: &str) -> SafeHtml {
    SafeHtml::escape(text)
}
