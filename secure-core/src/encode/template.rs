//! What the holes of the `html!` template accept, one trait per place a hole can stand.
//!
//! The macro reads the template at compile time, finds where each `{}` stands (element text,
//! a quoted attribute value, the start or the rest of a URL attribute, a whole unquoted
//! attribute value) and asks for the matching trait. A value of the wrong kind is a compile
//! error that names the kind expected.

use std::borrow::Cow;

use super::html::{HtmlAttrValue, SafeHtml, UnquotedAttrValue, escape_into};
use super::{SafeRedirect, SafeUrl, UrlPathSegment, UrlQueryValue};
use crate::Sanitized;

/// A value that can stand in element text: markup as it is, or text that gets escaped.
///
/// Implement it for view types that render themselves through [`SafeHtml`]; the only ways
/// to write are [`SafeHtml::push`] and [`SafeHtml::push_text`], so an impl cannot add
/// unescaped text.
///
/// ```
/// use secure::encode::{HtmlText, SafeHtml};
///
/// struct Badge<'a>(&'a str);
///
/// impl HtmlText for Badge<'_> {
///     fn write_html(&self, out: &mut SafeHtml) {
///         out.push(&secure::html!("<span class=\"badge\">{}</span>", self.0));
///     }
/// }
///
/// let html = secure::html!("<p>{}</p>", Badge("<new>"));
/// assert_eq!(html.as_str(), "<p><span class=\"badge\">&lt;new&gt;</span></p>");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot fill a text hole of `html!`",
    label = "not markup or text",
    note = "a text hole takes `SafeHtml` as it is, and escapes strings, characters and numbers"
)]
pub trait HtmlText {
    /// Appends the value to `out`.
    fn write_html(&self, out: &mut SafeHtml);
}

mod sealed {
    pub trait Sealed {}
}

/// A value that can stand inside a quoted attribute value; it is escaped there.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot fill an attribute value hole of `html!`",
    label = "not text for an attribute value",
    note = "an attribute value takes text (strings, characters, numbers, checked URLs), which is escaped; `SafeHtml` is markup and does not belong in an attribute"
)]
pub trait HtmlAttrText: sealed::Sealed {
    #[doc(hidden)]
    fn write_attr(&self, out: &mut String);
}

/// A value that can start a URL attribute (`href`, `src`, `action` ...): a checked URL.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a checked URL, and this hole starts a URL attribute of `html!`",
    label = "expected `SafeUrl` or `SafeRedirect`",
    note = "build the URL with `SafeUrl::parse` or `SafeRedirect::local`, which refuse `javascript:` and other dangerous schemes"
)]
pub trait HtmlUrl: sealed::Sealed {
    #[doc(hidden)]
    fn write_url(&self, out: &mut String);
}

/// A value that can start a URL attribute that loads code or moves the page's other URLs
/// (`<script src>`, `<base href>`, `<link href>`, `<object data>`, `<embed src>`,
/// `<form action>`): a [`SafeRedirect`], which stays on this site or on hosts the
/// application listed. A [`SafeUrl`] may point at any site, so it is refused there.
///
/// ```
/// use secure::encode::SafeRedirect;
///
/// let script = SafeRedirect::local("/static/app.js").unwrap();
/// let page = secure::html!("<script src=\"{}\"></script>", script);
/// assert_eq!(page.as_str(), "<script src=\"/static/app.js\"></script>");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a URL on this site, and this hole starts a URL attribute of `html!` that loads code or moves the page's URLs",
    label = "expected `SafeRedirect`",
    note = "a `SafeUrl` may point at any site, and from there the page would run its code; build a path on this site with `SafeRedirect::local`, or write the origin in the template (`src=\"https://cdn.example.com/{{}}\"`) and fill only the path"
)]
pub trait HtmlLocalUrl: sealed::Sealed {
    #[doc(hidden)]
    fn write_local_url(&self, out: &mut String);
}

/// A value that can stand later in a URL attribute, after literal text: an encoded
/// component.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an encoded URL component, and this hole is inside a URL attribute of `html!`",
    label = "expected `UrlQueryValue`, `UrlPathSegment` or an integer",
    note = "encode the value with `UrlQueryValue::encode` or `UrlPathSegment::encode`"
)]
pub trait HtmlUrlPart: sealed::Sealed {
    #[doc(hidden)]
    fn write_url_part(&self, out: &mut String);
}

/// A value that can stand as a whole unquoted attribute value (`<input value={}>`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot fill an unquoted attribute value of `html!`",
    label = "expected `HtmlAttrValue` or `UnquotedAttrValue`",
    note = "quote the value in the template (`value=\"{{}}\"`), or pass `HtmlAttrValue::encode(..)`, which writes the quotes"
)]
pub trait HtmlUnquotedAttr: sealed::Sealed {
    #[doc(hidden)]
    fn write_unquoted(&self, out: &mut String);
}

impl HtmlText for SafeHtml {
    fn write_html(&self, out: &mut SafeHtml) {
        out.push(self);
    }
}

impl<T: HtmlText + ?Sized> HtmlText for &T {
    fn write_html(&self, out: &mut SafeHtml) {
        (**self).write_html(out);
    }
}

impl<T: HtmlText + ?Sized> HtmlText for Box<T> {
    fn write_html(&self, out: &mut SafeHtml) {
        (**self).write_html(out);
    }
}

impl<T: HtmlText> HtmlText for Sanitized<T> {
    fn write_html(&self, out: &mut SafeHtml) {
        (**self).write_html(out);
    }
}

impl<T: sealed::Sealed + ?Sized> sealed::Sealed for &T {}
impl<T: sealed::Sealed> sealed::Sealed for Sanitized<T> {}

macro_rules! text_holes {
    ($($ty:ty => |$value:ident| $text:expr;)*) => {$(
        impl HtmlText for $ty {
            fn write_html(&self, out: &mut SafeHtml) {
                let $value = self;
                escape_into(&$text, out.buffer());
            }
        }

        impl sealed::Sealed for $ty {}

        impl HtmlAttrText for $ty {
            fn write_attr(&self, out: &mut String) {
                let $value = self;
                escape_into(&$text, out);
            }
        }
    )*};
}

text_holes! {
    str => |text| text;
    String => |text| text;
    Cow<'_, str> => |text| text;
    char => |c| c.encode_utf8(&mut [0; 4]);
    bool => |flag| if *flag { "true" } else { "false" };
    SafeUrl => |url| url.as_str();
    SafeRedirect => |target| target.as_str();
    UrlQueryValue => |value| value.as_str();
    UrlPathSegment => |value| value.as_str();
}

macro_rules! number_holes {
    ($($ty:ty),*) => {$(
        impl HtmlText for $ty {
            fn write_html(&self, out: &mut SafeHtml) {
                escape_into(&self.to_string(), out.buffer());
            }
        }

        impl sealed::Sealed for $ty {}

        impl HtmlAttrText for $ty {
            fn write_attr(&self, out: &mut String) {
                escape_into(&self.to_string(), out);
            }
        }

        impl HtmlUrlPart for $ty {
            fn write_url_part(&self, out: &mut String) {
                out.push_str(&self.to_string());
            }
        }
    )*};
}

number_holes!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize
);

impl HtmlText for f32 {
    fn write_html(&self, out: &mut SafeHtml) {
        escape_into(&self.to_string(), out.buffer());
    }
}

impl HtmlText for f64 {
    fn write_html(&self, out: &mut SafeHtml) {
        escape_into(&self.to_string(), out.buffer());
    }
}

impl<T: HtmlAttrText + ?Sized> HtmlAttrText for &T {
    fn write_attr(&self, out: &mut String) {
        (**self).write_attr(out);
    }
}

impl<T: HtmlAttrText> HtmlAttrText for Sanitized<T> {
    fn write_attr(&self, out: &mut String) {
        (**self).write_attr(out);
    }
}

impl HtmlUrl for SafeUrl {
    fn write_url(&self, out: &mut String) {
        escape_into(self.as_str(), out);
    }
}

impl HtmlUrl for SafeRedirect {
    fn write_url(&self, out: &mut String) {
        escape_into(self.as_str(), out);
    }
}

impl<T: HtmlUrl + ?Sized> HtmlUrl for &T {
    fn write_url(&self, out: &mut String) {
        (**self).write_url(out);
    }
}

impl HtmlLocalUrl for SafeRedirect {
    fn write_local_url(&self, out: &mut String) {
        escape_into(self.as_str(), out);
    }
}

impl<T: HtmlLocalUrl + ?Sized> HtmlLocalUrl for &T {
    fn write_local_url(&self, out: &mut String) {
        (**self).write_local_url(out);
    }
}

impl HtmlUrlPart for UrlQueryValue {
    fn write_url_part(&self, out: &mut String) {
        out.push_str(self.as_str());
    }
}

impl HtmlUrlPart for UrlPathSegment {
    fn write_url_part(&self, out: &mut String) {
        out.push_str(self.as_str());
    }
}

impl<T: HtmlUrlPart + ?Sized> HtmlUrlPart for &T {
    fn write_url_part(&self, out: &mut String) {
        (**self).write_url_part(out);
    }
}

impl sealed::Sealed for HtmlAttrValue {}
impl sealed::Sealed for UnquotedAttrValue {}

impl HtmlUnquotedAttr for HtmlAttrValue {
    fn write_unquoted(&self, out: &mut String) {
        out.push_str(self.as_str());
    }
}

impl HtmlUnquotedAttr for UnquotedAttrValue {
    fn write_unquoted(&self, out: &mut String) {
        out.push_str(self.as_str());
    }
}

impl<T: HtmlUnquotedAttr + ?Sized> HtmlUnquotedAttr for &T {
    fn write_unquoted(&self, out: &mut String) {
        (**self).write_unquoted(out);
    }
}

/// The calls `html!` emits.
pub(crate) mod emit {
    use super::*;

    /// A template without holes.
    pub fn literal(markup: &'static str) -> SafeHtml {
        SafeHtml::from_trusted(markup.into())
    }

    /// An empty buffer for a template with holes.
    pub fn with_capacity(capacity: usize) -> SafeHtml {
        SafeHtml::from_trusted(String::with_capacity(capacity))
    }

    /// A literal piece of the template.
    pub fn push_literal(out: &mut SafeHtml, markup: &'static str) {
        out.push_trusted(markup);
    }

    /// A hole in element text.
    pub fn text<T: HtmlText + ?Sized>(out: &mut SafeHtml, value: &T) {
        value.write_html(out);
    }

    /// A hole in a quoted attribute value.
    pub fn attr<T: HtmlAttrText + ?Sized>(out: &mut SafeHtml, value: &T) {
        value.write_attr(out.buffer());
    }

    /// A hole that starts a URL attribute.
    pub fn url<T: HtmlUrl + ?Sized>(out: &mut SafeHtml, value: &T) {
        value.write_url(out.buffer());
    }

    /// A hole that starts a URL attribute that loads code.
    pub fn local_url<T: HtmlLocalUrl + ?Sized>(out: &mut SafeHtml, value: &T) {
        value.write_local_url(out.buffer());
    }

    /// A hole later in a URL attribute.
    pub fn url_part<T: HtmlUrlPart + ?Sized>(out: &mut SafeHtml, value: &T) {
        value.write_url_part(out.buffer());
    }

    /// A hole that is a whole unquoted attribute value.
    pub fn unquoted<T: HtmlUnquotedAttr + ?Sized>(out: &mut SafeHtml, value: &T) {
        value.write_unquoted(out.buffer());
    }
}
