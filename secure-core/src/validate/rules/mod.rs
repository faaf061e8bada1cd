//! The rules `#[derive(Validate)]` calls, usable by hand as well.
//!
//! Each function returns `Ok(())` when the value passes, or a [`Failure`] that carries the
//! rule's code and bounds, never the value. Absent values (`None`) pass every rule except
//! [`required`]. The meaning of each rule, in one place:
//!
//! | rule | passes when |
//! | --- | --- |
//! | `length` | the length is within the bounds: characters (Unicode scalar values) for text by default, `bytes` or `graphemes` when asked, items for collections |
//! | `range` | the number is within the bounds (inclusive unless written exclusive); NaN and infinities never pass |
//! | `email` | the text is an address in the grammar documented on [`is_email`] |
//! | `url` | the text parses as a WHATWG URL with an allowed scheme (`http`/`https` by default) and holds no whitespace or control characters |
//! | `pattern` | the whole text matches the regular expression (it is anchored at both ends) |
//! | `one_of` | the value equals one of the listed values, exactly (no case folding or trimming) |
//! | `ascii` | every character is ASCII |
//! | `alphanumeric` | every character is a Unicode letter or digit ([`char::is_alphanumeric`]) |
//! | `no_control` | no control character, line separator, or invisible character other than the joiners and variation selectors appears (see [`no_control`]) |
//! | `contains` / `not_contains` | the substring appears / does not appear |
//! | `starts_with` / `ends_with` | the text starts / ends with the given text |
//! | `ip`, `ipv4`, `ipv6` | the text is an address as [`std::net`] parses it (no leading zeros) |
//! | `uuid` | the text is a hyphenated UUID such as `67e55044-10b1-426f-9247-bb680e5fe0c8` |
//! | `required` | the `Option` is `Some` |
//! | `must_match` | the field equals the named field (in constant time for secrets) |

// A `Failure` holds its parameters inline so that reporting one does not allocate; the
// functions are inlined into the derive's code, where the large `Err` costs nothing on the
// passing path.
#![allow(clippy::result_large_err)]

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::OnceLock;

use regex::Regex;
use unicode_segmentation::UnicodeSegmentation;

use super::{Failure, ParamValue};

mod characters;
mod email;
mod targets;
mod url;

pub use characters::{is_control_char, is_invisible_char};
pub(crate) use characters::{is_default_ignorable, modifiers_len, passes_no_control, verdicts};
pub use email::is_email;
pub use targets::*;
pub use url::is_url;
pub(crate) use url::parse_url;

/// The bounds of a `length` rule, all inclusive.
#[derive(Clone, Copy, Debug, Default)]
pub struct LengthBounds {
    /// The smallest accepted length.
    pub min: Option<usize>,
    /// The largest accepted length.
    pub max: Option<usize>,
    /// The only accepted length.
    pub equal: Option<usize>,
}

impl LengthBounds {
    /// Whether `count` is within the bounds.
    #[inline]
    pub fn fits_count(&self, count: usize) -> bool {
        match self.equal {
            Some(equal) => count == equal,
            None => {
                self.min.is_none_or(|min| count >= min) && self.max.is_none_or(|max| count <= max)
            }
        }
    }

    /// Whether the number of characters of `text` is within the bounds.
    #[inline]
    pub fn fits_chars(&self, text: &str) -> bool {
        // A character takes one to four bytes, so the byte length brackets the character
        // count; most inputs are decided without counting.
        let most = text.len();
        let least = most.div_ceil(4);
        let lower = self.equal.or(self.min);
        let upper = self.equal.or(self.max);
        if lower.is_none_or(|min| least >= min) && upper.is_none_or(|max| most <= max) {
            return true;
        }
        self.fits_count(text.chars().count())
    }

    fn error(&self, unit: &'static str) -> Failure {
        let mut error = Failure::new("length");
        for (name, bound) in [("min", self.min), ("max", self.max), ("equal", self.equal)] {
            if let Some(bound) = bound {
                error.push_param(name, bound);
            }
        }
        error.push_param("unit", unit);
        error
    }
}

/// `length` in its default unit: characters for text, items for collections.
#[inline]
pub fn length<T: LengthTarget + ?Sized>(value: &T, bounds: LengthBounds) -> Result<(), Failure> {
    if value.fits(&bounds) {
        Ok(())
    } else {
        Err(bounds.error(T::UNIT))
    }
}

/// `length(bytes, ..)`: the length of the UTF-8 encoding.
#[inline]
pub fn length_bytes<T: TextLengthTarget + ?Sized>(
    value: &T,
    bounds: LengthBounds,
) -> Result<(), Failure> {
    match value.text() {
        Some(text) if !bounds.fits_count(text.len()) => Err(bounds.error("bytes")),
        _ => Ok(()),
    }
}

/// `length(graphemes, ..)`: the number of extended grapheme clusters, what a reader sees as
/// characters (`"é"` written as `e` and a combining accent is one).
#[inline]
pub fn length_graphemes<T: TextLengthTarget + ?Sized>(
    value: &T,
    bounds: LengthBounds,
) -> Result<(), Failure> {
    match value.text() {
        Some(text) if !bounds.fits_count(text.graphemes(true).count()) => {
            Err(bounds.error("graphemes"))
        }
        _ => Ok(()),
    }
}

/// The bounds of a `range` rule.
#[derive(Clone, Copy, Debug)]
pub struct RangeBounds<N> {
    /// The smallest accepted value.
    pub min: Option<N>,
    /// The largest accepted value.
    pub max: Option<N>,
    /// Values must be greater than this.
    pub exclusive_min: Option<N>,
    /// Values must be less than this.
    pub exclusive_max: Option<N>,
}

/// `range`: the number is within the bounds; NaN and infinities never pass.
#[inline]
pub fn range<T, N>(value: &T, bounds: RangeBounds<N>) -> Result<(), Failure>
where
    T: RangeTarget<Number = N> + ?Sized,
    N: PartialOrd + Copy + Into<ParamValue>,
{
    let Some(number) = value.number() else {
        return Ok(());
    };
    // Written so that an incomparable number (NaN) fails every bound instead of passing.
    let fits = T::is_comparable(number)
        && bounds.min.is_none_or(|min| number >= min)
        && bounds.max.is_none_or(|max| number <= max)
        && bounds.exclusive_min.is_none_or(|min| number > min)
        && bounds.exclusive_max.is_none_or(|max| number < max);
    if fits {
        return Ok(());
    }

    let mut error = Failure::new("range");
    for (name, bound) in [
        ("min", bounds.min),
        ("max", bounds.max),
        ("exclusive_min", bounds.exclusive_min),
        ("exclusive_max", bounds.exclusive_max),
    ] {
        if let Some(bound) = bound {
            error.push_param(name, bound);
        }
    }
    Err(error)
}

/// A bound of a `range` rule, which must be written in the number type of the field it
/// bounds. The derive passes each bound through it, so that a bound of another type (`0.5`
/// on an integer field) is reported at the bound, in these words.
///
/// ```
/// use secure::validate::rules::{RangeBound, RangeBounds, range};
///
/// let level = 7u32;
/// let bounds = RangeBounds {
///     min: Some(RangeBound::into_bound(1)),
///     max: Some(RangeBound::into_bound(5)),
///     exclusive_min: None,
///     exclusive_max: None,
/// };
/// assert!(range(&level, bounds).is_err());
/// ```
#[diagnostic::on_unimplemented(
    message = "a `range` bound must be a `{N}`, the number type of the field, and this one is `{Self}`",
    label = "expected a `{N}` here",
    note = "write the bound in the field's type: `0.5` bounds a float field, `1` an integer field"
)]
pub trait RangeBound<N> {
    /// The bound as a number of the field's type.
    fn into_bound(self) -> N;
}

// One impl per number type rather than a blanket `impl<N> RangeBound<N> for N`: a literal
// then stays ambiguous until the field's type decides it, instead of fixing it first.
macro_rules! range_bounds {
    ($($ty:ty),*) => {$(
        #[diagnostic::do_not_recommend]
        impl RangeBound<$ty> for $ty {
            #[inline]
            fn into_bound(self) -> $ty {
                self
            }
        }
    )*};
}

range_bounds!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64
);

/// `email`: see [`is_email`] for the grammar.
#[inline]
pub fn email<T: EmailTarget + ?Sized>(value: &T) -> Result<(), Failure> {
    check_text(value.text(), is_email, || Failure::new("email"))
}

/// The schemes the `url` rule allows when none are listed.
pub const DEFAULT_URL_SCHEMES: &[ParamValue] = &[ParamValue::Str("http"), ParamValue::Str("https")];

/// `url`: the text is a WHATWG URL whose scheme is one of `schemes` (lowercase).
#[inline]
pub fn url<T: UrlTarget + ?Sized>(
    value: &T,
    schemes: &'static [ParamValue],
) -> Result<(), Failure> {
    let allowed = |scheme: &str| {
        schemes
            .iter()
            .any(|allowed| matches!(allowed, ParamValue::Str(name) if *name == scheme))
    };
    check_text(
        value.text(),
        |text| is_url(text, allowed),
        || Failure::new("url").with_param("schemes", schemes),
    )
}

/// A regular expression of a `pattern` rule, compiled on first use and kept.
///
/// The derive checks the expression when it expands, anchors it at both ends and stores it
/// in a `static`, so it is compiled once per program. A pattern that is one ASCII character
/// class repeated (`^[A-Za-z0-9_]+$`, `[0-9]{5}`) is recognized by the derive and checked
/// with a 128-bit table instead, with the same answers.
#[derive(Debug)]
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Regex>,
    ascii: Option<AsciiClass>,
}

#[derive(Clone, Copy, Debug)]
struct AsciiClass {
    set: u128,
    min: u32,
    max: Option<u32>,
}

impl Pattern {
    /// A pattern whose whole-text matching expression is `source`, already anchored.
    pub const fn new(source: &'static str) -> Self {
        Pattern {
            source,
            compiled: OnceLock::new(),
            ascii: None,
        }
    }

    /// A pattern that matches `min..=max` characters, each an ASCII character whose bit is set
    /// in `set`; `source` is the equivalent anchored expression.
    pub const fn ascii_class(source: &'static str, set: u128, min: u32, max: Option<u32>) -> Self {
        Pattern {
            source,
            compiled: OnceLock::new(),
            ascii: Some(AsciiClass { set, min, max }),
        }
    }

    /// Whether `text` matches.
    pub fn matches(&self, text: &str) -> bool {
        if let Some(AsciiClass { set, min, max }) = self.ascii {
            // Every character of a match is one ASCII byte, so bytes count characters.
            let length = text.len();
            return length >= min as usize
                && max.is_none_or(|max| length <= max as usize)
                && text
                    .bytes()
                    .all(|byte| byte < 128 && set & (1 << byte) != 0);
        }
        self.compiled
            .get_or_init(|| {
                Regex::new(self.source).expect("the derive compiled this expression already")
            })
            .is_match(text)
    }
}

/// `pattern`: the whole text matches.
#[inline]
pub fn pattern<T: PatternTarget + ?Sized>(value: &T, pattern: &Pattern) -> Result<(), Failure> {
    check_text(
        value.text(),
        |text| pattern.matches(text),
        || Failure::new("pattern"),
    )
}

/// `one_of` with text values: the text equals one of them exactly.
#[inline]
pub fn one_of_text<T: OneOfTextTarget + ?Sized>(
    value: &T,
    allowed: &'static [ParamValue],
) -> Result<(), Failure> {
    let listed = |text: &str| {
        allowed
            .iter()
            .any(|item| matches!(item, ParamValue::Str(s) if *s == text))
    };
    check_text(value.text(), listed, || {
        Failure::new("one_of").with_param("allowed", allowed)
    })
}

/// `one_of` with numeric values: the number equals one of them.
#[inline]
pub fn one_of_number<T, N>(
    value: &T,
    allowed: &[N],
    params: &'static [ParamValue],
) -> Result<(), Failure>
where
    T: OneOfNumberTarget<Number = N> + ?Sized,
    N: PartialOrd + Copy,
{
    match value.candidate() {
        Some(number) if !allowed.contains(&number) => {
            Err(Failure::new("one_of").with_param("allowed", params))
        }
        _ => Ok(()),
    }
}

/// `ascii`: every character is ASCII.
#[inline]
pub fn ascii<T: AsciiTarget + ?Sized>(value: &T) -> Result<(), Failure> {
    check_text(value.text(), str::is_ascii, || Failure::new("ascii"))
}

/// `alphanumeric`: every character is a Unicode letter or digit.
///
/// Combine with `ascii` to accept only `A-Z`, `a-z` and `0-9`.
#[inline]
pub fn alphanumeric<T: AlphanumericTarget + ?Sized>(value: &T) -> Result<(), Failure> {
    check_text(
        value.text(),
        |text| text.chars().all(char::is_alphanumeric),
        || Failure::new("alphanumeric"),
    )
}

/// `no_control`: no character that breaks a line, controls a terminal or reorders text, and
/// none that renders as nothing and could hide a difference between two texts. Refused:
///
/// - the control characters: C0 (U+0000 to U+001F), DEL and C1 (U+0080 to U+009F);
/// - U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR, line breaks that many programs
///   do not count as such;
/// - the invisible characters of [`is_invisible_char`]: the bidirectional formatting
///   characters, zero-width spaces, word joiners, U+FEFF, the Hangul fillers, U+00AD SOFT
///   HYPHEN, and the rest of Unicode's `Default_Ignorable_Code_Point` set;
/// - tag characters (U+E0000 to U+E007F), except in an emoji tag sequence: an emoji,
///   optionally U+FE0F, tags U+E0020 to U+E007E and U+E007F CANCEL TAG, as in the flags of
///   England, Scotland and Wales.
///
/// With `multiline`, tab, line feed, U+2028 and U+2029 are allowed, and so is a carriage
/// return right before a line feed: CR LF is how browsers send the lines of a `<textarea>`.
/// A carriage return anywhere else is refused, as it can make a log line or a terminal show
/// text over what came before it.
///
/// Accepted although invisible, because text needs them to be drawn right: U+200C ZERO WIDTH
/// NON-JOINER and U+200D ZERO WIDTH JOINER (Persian, Indic scripts, emoji such as 👩‍💻),
/// U+034F COMBINING GRAPHEME JOINER, and the variation selectors (the emoji form of ❤️,
/// ideographic variants of names). They can still make two texts that look alike compare
/// unequal: `trim` removes them where they modify nothing, at the ends, and `nfc`/`nfkc`
/// do not remove them.
///
/// The soft hyphen is refused although it marks where a long word may break: a form field
/// does not need the hint, and `strip_control` removes it without changing what is read.
///
/// ```
/// use secure::validate::rules::no_control;
///
/// assert!(no_control("caf\u{E9} \u{2764}\u{FE0F}", false).is_ok());
/// assert!(no_control("ad\u{200B}min", false).is_err());
/// assert!(no_control("two\u{2028}lines", false).is_err());
/// assert!(no_control("two\u{2028}lines", true).is_ok());
/// assert!(no_control("two\r\nlines", true).is_ok());
/// assert!(no_control("over\rwritten", true).is_err());
/// ```
#[inline]
pub fn no_control<T: NoControlTarget + ?Sized>(value: &T, multiline: bool) -> Result<(), Failure> {
    check_text(
        value.text(),
        |text| passes_no_control(text, multiline),
        || Failure::new("no_control"),
    )
}

/// `contains`: the substring appears.
#[inline]
pub fn contains<T: SubstringTarget + ?Sized>(
    value: &T,
    substring: &'static str,
) -> Result<(), Failure> {
    check_text(
        value.text(),
        |text| text.contains(substring),
        || Failure::new("contains").with_param("substring", substring),
    )
}

/// `not_contains`: the substring does not appear.
#[inline]
pub fn not_contains<T: SubstringTarget + ?Sized>(
    value: &T,
    substring: &'static str,
) -> Result<(), Failure> {
    check_text(
        value.text(),
        |text| !text.contains(substring),
        || Failure::new("not_contains").with_param("substring", substring),
    )
}

/// `starts_with`: the text starts with `prefix`.
#[inline]
pub fn starts_with<T: SubstringTarget + ?Sized>(
    value: &T,
    prefix: &'static str,
) -> Result<(), Failure> {
    check_text(
        value.text(),
        |text| text.starts_with(prefix),
        || Failure::new("starts_with").with_param("prefix", prefix),
    )
}

/// `ends_with`: the text ends with `suffix`.
#[inline]
pub fn ends_with<T: SubstringTarget + ?Sized>(
    value: &T,
    suffix: &'static str,
) -> Result<(), Failure> {
    check_text(
        value.text(),
        |text| text.ends_with(suffix),
        || Failure::new("ends_with").with_param("suffix", suffix),
    )
}

/// `ip`: an IPv4 or IPv6 address.
#[inline]
pub fn ip<T: IpTarget + ?Sized>(value: &T) -> Result<(), Failure> {
    check_text(
        value.text(),
        |text| text.parse::<IpAddr>().is_ok(),
        || Failure::new("ip"),
    )
}

/// `ipv4`: an IPv4 address in dotted decimal.
#[inline]
pub fn ipv4<T: IpTarget + ?Sized>(value: &T) -> Result<(), Failure> {
    check_text(
        value.text(),
        |text| text.parse::<Ipv4Addr>().is_ok(),
        || Failure::new("ipv4"),
    )
}

/// `ipv6`: an IPv6 address.
#[inline]
pub fn ipv6<T: IpTarget + ?Sized>(value: &T) -> Result<(), Failure> {
    check_text(
        value.text(),
        |text| text.parse::<Ipv6Addr>().is_ok(),
        || Failure::new("ipv6"),
    )
}

/// `uuid`: a hyphenated UUID (`8-4-4-4-12` hexadecimal digits, either case).
#[inline]
pub fn uuid<T: UuidTarget + ?Sized>(value: &T) -> Result<(), Failure> {
    let hyphenated = |text: &str| {
        let bytes = text.as_bytes();
        bytes.len() == 36
            && [8, 13, 18, 23].iter().all(|&at| bytes[at] == b'-')
            && uuid::Uuid::try_parse(text).is_ok()
    };
    check_text(value.text(), hyphenated, || Failure::new("uuid"))
}

/// `required`: the `Option` holds a value.
#[inline]
pub fn required<T: RequiredTarget + ?Sized>(value: &T) -> Result<(), Failure> {
    if value.is_present() {
        Ok(())
    } else {
        Err(Failure::new("required"))
    }
}

/// `must_match`: the field equals the one named `other`.
#[inline]
pub fn must_match<T: PartialEq + ?Sized>(
    value: &T,
    other_value: &T,
    other: &'static str,
) -> Result<(), Failure> {
    if value == other_value {
        Ok(())
    } else {
        Err(Failure::new("must_match").with_param("other", other))
    }
}

/// Marks a failure of a `keys(..)` rule, which is reported at the map without the key.
pub fn on_key(failure: Failure) -> Failure {
    failure.with_param("key", true)
}

#[inline]
fn check_text(
    text: Option<&str>,
    passes: impl FnOnce(&str) -> bool,
    error: impl FnOnce() -> Failure,
) -> Result<(), Failure> {
    match text {
        Some(text) if !passes(text) => Err(error()),
        _ => Ok(()),
    }
}
