//! LDAP: filter values escaped per RFC 4515, DN attribute values per RFC 4514.
//!
//! The `ldap_filter!` macro takes the filter as a string literal and escapes every hole as a
//! filter value, so a hole can add neither a wildcard nor a clause:
//!
//! ```
//! let user = "foo)(|(objectClass=*)";
//! let filter = secure::ldap_filter!("(&(uid={})(objectClass=person))", user);
//! assert_eq!(filter.as_str(), r"(&(uid=foo\29\28|\28objectClass=\2a\29)(objectClass=person))");
//! ```

use core::fmt::Write;

use crate::encode::html::text_type_impls;

/// A value escaped for an assertion of an LDAP search filter (RFC 4515).
///
/// `*`, `(`, `)`, `\` and NUL become `\2a`, `\28`, `\29`, `\5c` and `\00`, in a single pass,
/// so the value matches itself literally and cannot end its assertion; the other ASCII control
/// characters are written `\HH` as well. Other characters, including non-ASCII ones, stay as
/// UTF-8, which RFC 4515 allows.
///
/// ```
/// use secure::sink::ldap::LdapFilterValue;
///
/// assert_eq!(LdapFilterValue::escape("*").as_str(), r"\2a");
/// assert_eq!(LdapFilterValue::escape("admin\0").as_str(), r"admin\00");
/// assert_eq!(LdapFilterValue::escape(r"a\b").as_str(), r"a\5cb");
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct LdapFilterValue(String);

impl LdapFilterValue {
    /// Escapes `text`.
    pub fn escape(text: &str) -> Self {
        let mut out = String::with_capacity(text.len());
        escape_filter_into(text, &mut out);
        LdapFilterValue(out)
    }

    pub(crate) fn from_trusted(value: String) -> Self {
        LdapFilterValue(value)
    }

    /// The escaped value.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn escape_filter_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '*' | '(' | ')' | '\\' | '\0'..='\u{1f}' | '\u{7f}' => push_hex(out, c as u8),
            _ => out.push(c),
        }
    }
}

fn push_hex(out: &mut String, byte: u8) {
    // Writing to a `String` cannot fail.
    let _ = write!(out, "\\{byte:02x}");
}

/// A value escaped for an attribute value of a distinguished name (RFC 4514).
///
/// `"`, `+`, `,`, `;`, `<`, `>` and `\` are escaped with a backslash; a leading space or `#`
/// and a trailing space are escaped too; NUL and other control characters are written as
/// `\HH`. The value then stays one attribute value of one RDN.
///
/// ```
/// use secure::sink::ldap::LdapDnValue;
///
/// let value = LdapDnValue::escape("James \"Jim\" Smith, III");
/// assert_eq!(format!("CN={value},DC=example,DC=net"), r#"CN=James \"Jim\" Smith\, III,DC=example,DC=net"#);
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct LdapDnValue(String);

impl LdapDnValue {
    /// Escapes `text`.
    pub fn escape(text: &str) -> Self {
        let mut out = String::with_capacity(text.len());
        let last = text.chars().count().saturating_sub(1);
        for (position, c) in text.chars().enumerate() {
            match c {
                '"' | '+' | ',' | ';' | '<' | '>' | '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                ' ' if position == 0 || position == last => out.push_str("\\ "),
                '#' if position == 0 => out.push_str("\\#"),
                '\0'..='\u{1f}' | '\u{7f}' => push_hex(&mut out, c as u8),
                _ => out.push(c),
            }
        }
        LdapDnValue(out)
    }

    pub(crate) fn from_trusted(value: String) -> Self {
        LdapDnValue(value)
    }

    /// The escaped value.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A search filter from a literal template whose holes were escaped.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct LdapFilter(String);

impl LdapFilter {
    pub(crate) fn from_trusted(filter: String) -> Self {
        LdapFilter(filter)
    }

    /// The filter.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

text_type_impls!(LdapFilterValue, LdapDnValue, LdapFilter);

/// A value that can fill a hole of `ldap_filter!`: it is escaped there.
///
/// The trait is sealed: it is implemented for strings, integers and [`Sanitized`] values of
/// those, whose text is always escaped as an RFC 4515 value, so that no impl can write
/// unescaped text into a filter. Pass a type of your own by its text, such as
/// `name.as_str()`.
///
/// [`Sanitized`]: crate::Sanitized
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot fill a hole of `ldap_filter!`",
    label = "not text or a number",
    note = "holes take strings or integers, which are escaped as RFC 4515 filter values"
)]
pub trait LdapValue: sealed::Sealed {
    #[doc(hidden)]
    fn write_escaped(&self, out: &mut String);
}

mod sealed {
    #[diagnostic::on_unimplemented(
        message = "`LdapValue` is implemented by `secure` only, so that every hole is escaped",
        label = "`{Self}` cannot fill a hole of `ldap_filter!`",
        note = "pass the value's text (`value.as_str()`) or a number, which the hole escapes"
    )]
    pub trait Sealed {}

    impl<T: Sealed + ?Sized> Sealed for &T {}
    impl Sealed for str {}
    impl Sealed for String {}
    impl<T: Sealed> Sealed for crate::Sanitized<T> {}
}

impl<T: LdapValue + ?Sized> LdapValue for &T {
    fn write_escaped(&self, out: &mut String) {
        (**self).write_escaped(out);
    }
}

impl LdapValue for str {
    fn write_escaped(&self, out: &mut String) {
        escape_filter_into(self, out);
    }
}

impl LdapValue for String {
    fn write_escaped(&self, out: &mut String) {
        escape_filter_into(self, out);
    }
}

impl<T: LdapValue> LdapValue for crate::Sanitized<T> {
    fn write_escaped(&self, out: &mut String) {
        (**self).write_escaped(out);
    }
}

macro_rules! number_values {
    ($($ty:ty),*) => {$(
        impl sealed::Sealed for $ty {}

        impl LdapValue for $ty {
            fn write_escaped(&self, out: &mut String) {
                let _ = write!(out, "{self}");
            }
        }
    )*};
}

number_values!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize
);

/// The call `ldap_filter!` emits.
#[doc(hidden)]
pub mod emit {
    use super::*;

    /// The filter whose literal `pieces` surround the holes, each hole filled with the escaped
    /// value at its place in `values`: one piece more than there are values.
    ///
    /// It does the joining itself, so that what it returns holds no text other than the
    /// pieces and escaped values. The pieces are `&'static str` as the sign of text written in
    /// the program; `ldap_filter!` also checks that they form one well-formed filter.
    pub fn filter(pieces: &'static [&'static str], values: &[&dyn LdapValue]) -> LdapFilter {
        assert_eq!(
            pieces.len(),
            values.len() + 1,
            "a filter has one literal piece more than it has holes"
        );
        let capacity = pieces.iter().map(|piece| piece.len()).sum();
        let mut out = String::with_capacity(capacity);
        out.push_str(pieces[0]);
        for (value, piece) in values.iter().zip(&pieces[1..]) {
            value.write_escaped(&mut out);
            out.push_str(piece);
        }
        LdapFilter(out)
    }
}

#[cfg(test)]
mod tests {
    use super::emit::filter;

    #[test]
    fn holes_are_escaped_between_the_pieces() {
        let built = filter(&["(&(uid=", ")(n=", "))"], &[&"a)(x=*", &7]);

        assert_eq!(built.as_str(), r"(&(uid=a\29\28x=\2a)(n=7))");
    }

    #[test]
    #[should_panic(expected = "one literal piece more")]
    fn pieces_and_values_must_alternate() {
        let _ = filter(&["(uid=", ")"], &[]);
    }
}
