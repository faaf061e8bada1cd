//! Validation of arbitrary input: no rule or sanitizer panics, each agrees with a plain
//! definition of what it means, sanitizers run before the rules, and no report holds the text
//! it rejected.

use std::collections::BTreeMap;

use proptest::prelude::*;
use secure::prelude::*;
use secure::validate::rules::{self, LengthBounds, RangeBounds};
use secure::validate::sanitize;
use secure::validate::{ParamValue, Segment};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Text of every kind: any string, web-form ASCII, and the characters that trip counting
/// and cleaning (multi-byte, combining, invisible, bidi, controls, exotic whitespace).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9 ._@:/-]{0,16}",
        "[ae\u{e9}\u{65e5}\u{301}\u{200b}\u{feff}\u{202e}\u{85}\u{0}\u{7f}\t\n\r \u{a0}\u{3000}\u{2028}]{0,12}",
        "[a\u{e9}\u{845b} \u{3164}\u{ad}\u{34f}\u{2800}\u{2029}\u{200c}\u{200d}\u{2764}\u{1f3f4}\u{fe0f}\u{fe0e}\u{e0100}\u{e0067}\u{e0062}\u{e007f}\u{e0001}]{0,12}",
    ]
}

fn length_bounds() -> impl Strategy<Value = LengthBounds> {
    (
        prop::option::of(0..14usize),
        prop::option::of(0..14usize),
        prop::option::weighted(0.2, 0..14usize),
    )
        .prop_map(|(min, max, equal)| LengthBounds { min, max, equal })
}

/// What a `length` rule means: `equal` if given, otherwise both inclusive bounds.
fn fits(bounds: LengthBounds, count: usize) -> bool {
    match bounds.equal {
        Some(equal) => count == equal,
        None => {
            bounds.min.is_none_or(|min| count >= min) && bounds.max.is_none_or(|max| count <= max)
        }
    }
}

/// Whether `c` is one of the combining marks the grapheme generator uses.
fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// C0 and C1 controls, DEL and the bidirectional formatting characters, written out.
fn is_control(c: char) -> bool {
    let code = u32::from(c);
    code < 0x20
        || (0x7f..=0x9f).contains(&code)
        || [0x61c, 0x200e, 0x200f].contains(&code)
        || (0x202a..=0x202e).contains(&code)
        || (0x2066..=0x2069).contains(&code)
}

/// Unicode 16.0 `Default_Ignorable_Code_Point`, copied from DerivedCoreProperties.txt.
const DEFAULT_IGNORABLE: [(u32, u32); 17] = [
    (0x00ad, 0x00ad),
    (0x034f, 0x034f),
    (0x061c, 0x061c),
    (0x115f, 0x1160),
    (0x17b4, 0x17b5),
    (0x180b, 0x180f),
    (0x200b, 0x200f),
    (0x202a, 0x202e),
    (0x2060, 0x206f),
    (0x3164, 0x3164),
    (0xfe00, 0xfe0f),
    (0xfeff, 0xfeff),
    (0xffa0, 0xffa0),
    (0xfff0, 0xfff8),
    (0x1bca0, 0x1bca3),
    (0x1d173, 0x1d17a),
    (0xe0000, 0xe0fff),
];

fn is_default_ignorable(c: char) -> bool {
    let code = u32::from(c);
    DEFAULT_IGNORABLE
        .iter()
        .any(|(first, last)| (*first..=*last).contains(&code))
}

/// Unicode `Variation_Selector`, copied from PropList.txt.
fn is_variation_selector(c: char) -> bool {
    matches!(
        c,
        '\u{180b}'..='\u{180d}' | '\u{180f}' | '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}'
    )
}

/// An emoji outside ASCII, as the regex crate's Unicode tables know it.
fn is_emoji(c: char) -> bool {
    static EMOJI: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let emoji = EMOJI.get_or_init(|| regex::Regex::new(r"^\p{Emoji}$").unwrap());
    !c.is_ascii() && emoji.is_match(c.encode_utf8(&mut [0; 4]))
}

/// What `is_invisible_char` means: default-ignorable, and neither a joiner nor a variation
/// selector.
fn is_invisible(c: char) -> bool {
    is_default_ignorable(c)
        && !matches!(c, '\u{200c}' | '\u{200d}' | '\u{34f}')
        && !is_variation_selector(c)
}

/// What `trim` removes at the ends: Unicode whitespace, the default-ignorable characters and
/// U+2800.
fn is_trimmed(c: char) -> bool {
    c.is_whitespace() || is_default_ignorable(c) || c == '\u{2800}'
}

/// What `strip_control` keeps of `text`, and `no_control` accepts, written naively: no
/// control, no line separator (but with `multiline` tab, line feed, CR before LF, U+2028 and
/// U+2029), no invisible character, and tag characters only in an emoji tag sequence.
fn reference_strip_control(text: &str, multiline: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let is_tag = |c: char| ('\u{e0000}'..='\u{e007f}').contains(&c);
    let mut kept = String::new();
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        at += 1;
        if is_tag(c) {
            let before = &chars[..at - 1];
            let tag_base = match before {
                [.., base, '\u{fe0f}'] | [.., base] => is_emoji(*base),
                [] => false,
            };
            let spec = chars[at - 1..]
                .iter()
                .take_while(|c| ('\u{e0020}'..='\u{e007e}').contains(*c))
                .count();
            if tag_base && spec > 0 && chars.get(at - 1 + spec) == Some(&'\u{e007f}') {
                kept.extend(&chars[at - 1..at + spec]);
                at += spec;
            }
            continue;
        }
        let line = matches!(c, '\t' | '\n' | '\u{2028}' | '\u{2029}')
            || (c == '\r' && chars.get(at) == Some(&'\n'));
        let refused = if line {
            !multiline
        } else {
            is_control(c) || is_invisible(c)
        };
        if !refused {
            kept.push(c);
        }
    }
    kept
}

/// What `trim` leaves of `text`, written naively: every trimmable character at the start; at
/// the end, all but the first variation selector after a character outside ASCII (U+FE0E and
/// U+FE0F only after an emoji), then a closed tag sequence if that character is an emoji.
fn reference_trim(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let Some(last) = chars.iter().rposition(|c| !is_trimmed(*c)) else {
        return String::new();
    };
    let first = chars.iter().position(|c| !is_trimmed(*c)).unwrap();
    let base = chars[last];
    let mut end = last + 1;
    let mut tag_base = is_emoji(base);
    if let Some(&selector) = chars.get(end)
        && is_variation_selector(selector)
        && !base.is_ascii()
        && (is_emoji(base) || !matches!(selector, '\u{fe0e}' | '\u{fe0f}'))
    {
        end += 1;
        tag_base &= selector == '\u{fe0f}';
    }
    let spec = chars[end..]
        .iter()
        .take_while(|c| ('\u{e0020}'..='\u{e007e}').contains(*c))
        .count();
    if tag_base && spec > 0 && chars.get(end + spec) == Some(&'\u{e007f}') {
        end += spec + 1;
    }
    chars[first..end].iter().collect()
}

#[test]
fn character_classes_agree_with_the_unicode_tables_on_every_character() {
    for c in (0..=0x10ffff).filter_map(char::from_u32) {
        assert_eq!(sanitize::is_trimmable(c), is_trimmed(c), "{c:?}");
        assert_eq!(rules::is_invisible_char(c), is_invisible(c), "{c:?}");
        assert_eq!(rules::is_control_char(c), is_control(c), "{c:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn length_counts_characters_bytes_and_items(text in text(), bounds in length_bounds()) {
        prop_assert_eq!(
            rules::length(text.as_str(), bounds).is_ok(),
            fits(bounds, text.chars().count())
        );
        prop_assert_eq!(rules::length_bytes(text.as_str(), bounds).is_ok(), fits(bounds, text.len()));
        let items: Vec<char> = text.chars().collect();
        prop_assert_eq!(rules::length(&items, bounds).is_ok(), fits(bounds, items.len()));
        prop_assert!(rules::length(&None::<String>, bounds).is_ok());
    }

    #[test]
    fn length_in_graphemes_counts_what_a_reader_sees(
        clusters in prop::collection::vec(("[a-z\u{e9}\u{65e5}]", "[\u{300}-\u{36f}]{0,3}"), 0..10),
        bounds in length_bounds(),
    ) {
        let text: String = clusters.iter().map(|(base, marks)| format!("{base}{marks}")).collect();
        let readable = text.chars().filter(|c| !is_combining(*c)).count();
        prop_assert_eq!(rules::length_graphemes(text.as_str(), bounds).is_ok(), fits(bounds, readable));
    }

    #[test]
    fn range_of_integers_is_the_four_comparisons(
        value in any::<i64>(),
        min in prop::option::of(-50i64..50),
        max in prop::option::of(-50i64..50),
        exclusive_min in prop::option::weighted(0.3, -50i64..50),
        exclusive_max in prop::option::weighted(0.3, -50i64..50),
        near in -60i64..60,
    ) {
        let bounds = RangeBounds { min, max, exclusive_min, exclusive_max };
        for value in [value, near] {
            let expected = min.is_none_or(|min| value >= min)
                && max.is_none_or(|max| value <= max)
                && exclusive_min.is_none_or(|min| value > min)
                && exclusive_max.is_none_or(|max| value < max);
            prop_assert_eq!(rules::range(&value, bounds).is_ok(), expected, "{}", value);
        }
    }

    #[test]
    fn range_of_floats_never_passes_nan_or_infinities(
        value in prop_oneof![
            any::<f64>(),
            Just(f64::NAN),
            Just(-f64::NAN),
            Just(f64::INFINITY),
            Just(f64::NEG_INFINITY),
            Just(-0.0),
            -2.0f64..2.0,
        ],
        min in prop::option::of(-1.0f64..1.0),
        max in prop::option::of(-1.0f64..1.0),
        exclusive_max in prop::option::weighted(0.3, -1.0f64..1.0),
    ) {
        let bounds = RangeBounds { min, max, exclusive_min: None, exclusive_max };
        let expected = value.is_finite()
            && min.is_none_or(|min| value >= min)
            && max.is_none_or(|max| value <= max)
            && exclusive_max.is_none_or(|max| value < max);
        prop_assert_eq!(rules::range(&value, bounds).is_ok(), expected, "{}", value);
        let unbounded = RangeBounds { min: None, max: None, exclusive_min: None, exclusive_max: None };
        prop_assert_eq!(rules::range(&value, unbounded).is_ok(), value.is_finite());
    }

    #[test]
    fn email_agrees_with_its_documented_grammar(
        text in prop_oneof![
            "[a-z0-9.!#'+_-]{0,10}@[a-z0-9._-]{0,14}",
            "[a-zA-Z0-9.@\"() -]{0,20}",
            ("[a-z]{1,70}", prop::collection::vec("[a-z0-9-]{0,66}", 1..5))
                .prop_map(|(local, labels)| format!("{local}@{}", labels.join("."))),
        ],
    ) {
        prop_assert_eq!(rules::is_email(&text), reference_email(&text), "{:?}", text);
    }

    #[test]
    fn email_agrees_with_its_documented_grammar_beyond_ascii(
        text in prop_oneof![
            any::<String>(),
            (any::<String>(), any::<String>()).prop_map(|(local, domain)| format!("{local}@{domain}")),
            (
                "[a-z.+\u{e9}\u{fc}\u{65e5}\u{301}\u{663}\u{20ac}\u{200b}\u{202e}\u{a0} ]{0,8}",
                prop::collection::vec(
                    "(xn--)?[a-zA-Z0-9\u{fc}\u{65e5}\u{df}\u{3c2}\u{200d}\u{ff41}\u{3002}\u{301}\u{663}_-]{0,8}",
                    1..4,
                ),
            )
                .prop_map(|(local, labels)| format!("{local}@{}", labels.join("."))),
            // Mostly valid internationalized addresses, so that acceptance is exercised too.
            (
                "[a-z\u{e9}\u{fc}\u{65e5}\u{663}]{1,6}(\\.[a-z\u{301}\u{fc}]{1,4})?",
                prop::collection::vec("[a-z\u{fc}\u{65e5}\u{df}\u{3c2}A-Z]{1,6}", 2..4),
            )
                .prop_map(|(local, labels)| format!("{local}@{}", labels.join("."))),
        ],
    ) {
        prop_assert_eq!(rules::is_email(&text), reference_email(&text), "{:?}", text);
    }

    #[test]
    fn email_never_panics_on_any_text(text in text()) {
        let _ = rules::is_email(&text);
        let with_domain = format!("user@{text}");
        let _ = rules::is_email(&with_domain);
    }

    #[test]
    fn url_agrees_with_the_whatwg_parser(
        text in prop_oneof![
            "(https?|HTTPS?|ftp|javascript|JaVaScRiPt|vbscript|data|mailto|file|web\\+app)?:?(//)?[a-zA-Z0-9.\\-_@:%\\[\\] \t]{0,16}([/?#\\\\][ -~]{0,12})?",
            any::<String>(),
        ],
    ) {
        let web = |scheme: &str| scheme == "http" || scheme == "https";
        prop_assert_eq!(rules::is_url(&text, web), reference_url(&text, web), "{:?}", text);
        let anything = |_: &str| true;
        prop_assert_eq!(rules::is_url(&text, anything), reference_url(&text, anything), "{:?}", text);

        static LISTED: &[ParamValue] = &[ParamValue::Str("javascript"), ParamValue::Str("mailto")];
        let listed = |scheme: &str| scheme == "mailto";
        prop_assert_eq!(rules::url(text.as_str(), LISTED).is_ok(), reference_url(&text, listed), "{:?}", text);
    }

    #[test]
    fn text_rules_agree_with_their_definitions(text in text()) {
        let errors = Untrusted::new(TextRules::of(&text)).validate().err();
        let failed = |field: &str, code: &str| errors.as_ref().is_some_and(|errors| errors.has(field, code));
        prop_assert_eq!(failed("ascii", "ascii"), !text.is_ascii());
        prop_assert_eq!(failed("alphanumeric", "alphanumeric"), !text.chars().all(char::is_alphanumeric));
        prop_assert_eq!(failed("no_control", "no_control"), reference_strip_control(&text, false) != text);
        prop_assert_eq!(failed("multiline", "no_control"), reference_strip_control(&text, true) != text);
        prop_assert_eq!(failed("contains", "contains"), !text.contains('e'));
        prop_assert_eq!(failed("not_contains", "not_contains"), text.contains("\u{202e}"));
        prop_assert_eq!(failed("starts_with", "starts_with"), !text.starts_with('a'));
        prop_assert_eq!(failed("ends_with", "ends_with"), !text.ends_with(' '));
        prop_assert_eq!(failed("one_of", "one_of"), !["a", "\u{e9}", ""].contains(&text.as_str()));
        let patterns = [
            ("table", "[a-z0-9_]+"),
            ("digits", r"\d{2,4}-[a-z]*"),
            ("either", "yes|no"),
            ("folded", "(?i)ab+c"),
        ];
        for (field, source) in patterns {
            let whole = regex::Regex::new(&format!("^(?:{source})$")).unwrap();
            prop_assert_eq!(failed(field, "pattern"), !whole.is_match(&text), "{}", field);
        }
    }

    #[test]
    fn address_and_uuid_rules_agree_with_their_definitions(
        text in prop_oneof![
            "[0-9a-fA-F:.\\-]{0,40}",
            "[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,4}",
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-gA-G]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
            text(),
        ],
    ) {
        let text = text.as_str();
        prop_assert_eq!(rules::ip(text).is_ok(), text.parse::<std::net::IpAddr>().is_ok());
        prop_assert_eq!(rules::ipv4(text).is_ok(), text.parse::<std::net::Ipv4Addr>().is_ok());
        prop_assert_eq!(rules::ipv6(text).is_ok(), text.parse::<std::net::Ipv6Addr>().is_ok());
        let uuid = text.len() == 36
            && text.char_indices().all(|(at, c)| match at {
                8 | 13 | 18 | 23 => c == '-',
                _ => c.is_ascii_hexdigit(),
            });
        prop_assert_eq!(rules::uuid(text).is_ok(), uuid, "{:?}", text);
    }

    #[test]
    fn sanitizers_agree_with_their_definitions(text in text()) {
        let rewritten = |edit: fn(&mut String)| {
            let mut value = text.clone();
            edit(&mut value);
            value
        };
        prop_assert_eq!(rewritten(sanitize::trim), reference_trim(&text));
        prop_assert_eq!(rewritten(sanitize::lowercase), text.to_lowercase());
        prop_assert_eq!(rewritten(sanitize::uppercase), text.to_uppercase());
        prop_assert_eq!(rewritten(|value| sanitize::strip_control(value, false)), reference_strip_control(&text, false));
        prop_assert_eq!(rewritten(|value| sanitize::strip_control(value, true)), reference_strip_control(&text, true));
        prop_assert_eq!(rewritten(sanitize::collapse_whitespace), reference_collapse(&text));
    }

    #[test]
    fn normalization_agrees_with_the_unicode_normalization_crate(
        text in prop_oneof![
            text(),
            "[e\u{301}\u{e9}\u{327}\u{323}\u{1e0b}\u{fb01}\u{2460}\u{ff21}\u{212b}\u{2126}\u{ac00}\u{1100}\u{1161}\u{11a8}\u{3000}\u{2025}\u{ff0e}]{0,10}",
        ],
    ) {
        let mut nfc = text.clone();
        sanitize::nfc(&mut nfc);
        prop_assert_eq!(nfc, text.nfc().collect::<String>());
        let mut nfkc = text.clone();
        sanitize::nfkc(&mut nfkc);
        prop_assert_eq!(nfkc, text.nfkc().collect::<String>());
    }

    #[test]
    fn sanitizers_run_before_the_rules_and_their_result_is_kept(text in text()) {
        let trimmed = reference_trim(&text).to_lowercase();
        let count = trimmed.chars().count();
        match Untrusted::new(Slug(text.clone())).validate() {
            Ok(slug) => {
                prop_assert!((1..=5).contains(&count), "{:?}", text);
                prop_assert_eq!(&slug.0, &trimmed);
            }
            Err(errors) => {
                prop_assert!(!(1..=5).contains(&count), "{:?}", text);
                prop_assert!(errors.has("", "length"), "{}", errors);
            }
        }
    }

    #[test]
    fn no_rendering_of_a_report_holds_the_rejected_text(middle in "[\u{c6}\u{d8}\u{c5}\u{de}]{3,10}", text in text()) {
        for value in [format!("\u{27e6}{middle}\u{27e7}"), format!("{text}\u{27e6}{middle}")] {
            let Err(errors) = Untrusted::new(TextRules::of(&value)).validate() else {
                panic!("the marker fails `ascii`");
            };
            let renderings = [
                errors.to_string(),
                format!("{errors:?}"),
                format!("{errors:#?}"),
                serde_json::to_string(&errors).unwrap(),
            ];
            for rendering in renderings {
                prop_assert!(!rendering.contains(&middle), "{}", rendering);
                prop_assert!(!rendering.contains('\u{27e6}'), "{}", rendering);
            }
        }
    }
}

/// The `(path, code)` of every failure of `value`, in report order.
fn failures<T: Validate>(value: T) -> Vec<(String, &'static str)> {
    match Untrusted::new(value).validate() {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .iter()
            .map(|error| (error.path().to_string(), error.code()))
            .collect(),
    }
}

/// Every rendering a report has: `Display`, `Debug`, pretty `Debug` and JSON.
fn renderings(errors: &ValidationErrors) -> [String; 4] {
    [
        errors.to_string(),
        format!("{errors:?}"),
        format!("{errors:#?}"),
        serde_json::to_string(errors).unwrap(),
    ]
}

/// What `range` means for any number type: the four comparisons, and for floats a finite
/// value.
fn in_range<N: PartialOrd + Copy>(value: N, bounds: RangeBounds<N>, finite: bool) -> bool {
    finite
        && bounds.min.is_none_or(|min| value >= min)
        && bounds.max.is_none_or(|max| value <= max)
        && bounds.exclusive_min.is_none_or(|min| value > min)
        && bounds.exclusive_max.is_none_or(|max| value < max)
}

fn bounds_of<N: core::fmt::Debug + Clone + 'static>(
    number: impl Strategy<Value = N> + Clone,
) -> impl Strategy<Value = RangeBounds<N>> {
    (
        prop::option::of(number.clone()),
        prop::option::of(number.clone()),
        prop::option::weighted(0.3, number.clone()),
        prop::option::weighted(0.3, number),
    )
        .prop_map(|(min, max, exclusive_min, exclusive_max)| RangeBounds {
            min,
            max,
            exclusive_min,
            exclusive_max,
        })
}

/// `u64` values all over the range, and many beyond `i64::MAX`.
fn big() -> impl Strategy<Value = u64> + Clone {
    const EDGE: u64 = i64::MAX as u64;
    prop_oneof![
        any::<u64>(),
        (u64::MAX - 4)..=u64::MAX,
        (EDGE - 4)..=(EDGE + 4),
    ]
}

fn floats() -> impl Strategy<Value = f32> + Clone {
    prop_oneof![
        any::<f32>(),
        Just(f32::NAN),
        Just(f32::INFINITY),
        Just(f32::NEG_INFINITY),
        Just(f32::MAX),
        Just(-0.0),
        -2.0f32..2.0,
    ]
}

#[derive(Validate)]
struct Presence {
    #[validate(required)]
    bare: Option<String>,
    #[validate(required, length(max = 3))]
    bounded: Option<String>,
    #[validate(length(max = 3))]
    optional: Option<String>,
}

#[derive(Validate)]
struct Confirmation {
    #[validate(skip)]
    password: String,
    #[validate(must_match(password))]
    confirm: String,
}

#[derive(Validate)]
struct Choices {
    #[validate(one_of(1, 5, 200))]
    small: u8,
    #[validate(one_of(-70000, 0, 65536))]
    medium: i32,
    #[validate(one_of(0, 9223372036854775808, 18446744073709551615))]
    big: u64,
    #[validate(one_of(-1.25, 0.5))]
    float: f32,
    #[validate(one_of(-3, 4))]
    maybe: Option<i64>,
}

const SMALL: [u8; 3] = [1, 5, 200];
const MEDIUM: [i32; 3] = [-70000, 0, 65536];
const BIG: [u64; 3] = [0, 9_223_372_036_854_775_808, u64::MAX];
const FLOAT: [f32; 2] = [-1.25, 0.5];
const MAYBE: [i64; 2] = [-3, 4];

#[derive(Validate)]
struct Collections {
    #[validate(each(length(max = 3)))]
    list: Vec<String>,
    #[validate(keys(length(max = 3)), values(range(max = 10)))]
    map: BTreeMap<String, u32>,
}

#[derive(Validate)]
struct Keyed {
    #[validate(values(range(max = 10)))]
    shown: BTreeMap<String, u32>,
    #[sensitive]
    #[validate(values(range(max = 10)))]
    hidden: BTreeMap<String, u32>,
}

#[derive(Validate)]
struct Inner {
    #[validate(ascii, email)]
    text: String,
}

#[derive(Validate)]
struct Outer {
    #[validate(nested)]
    inner: Inner,
    #[validate(nested)]
    items: Vec<Inner>,
    #[validate(nested)]
    named: BTreeMap<String, Inner>,
    #[validate(each(ascii, length(max = 3)))]
    list: Vec<String>,
    #[validate(values(ascii))]
    map: BTreeMap<String, String>,
    #[validate(keys(ascii))]
    keyed: BTreeMap<String, u32>,
    #[sensitive]
    #[validate(keys(ascii), values(ascii))]
    hidden: BTreeMap<String, String>,
}

impl Outer {
    /// `value` in every place, under the key `k` where a key is shown and as the key where
    /// it is not.
    fn of(value: &str) -> Self {
        let inner = || Inner {
            text: value.to_owned(),
        };
        Outer {
            inner: inner(),
            items: vec![inner()],
            named: BTreeMap::from([("k".to_owned(), inner())]),
            list: vec![value.to_owned()],
            map: BTreeMap::from([("k".to_owned(), value.to_owned())]),
            keyed: BTreeMap::from([(value.to_owned(), 1)]),
            hidden: BTreeMap::from([(value.to_owned(), value.to_owned())]),
        }
    }
}

/// A key of at least 64 characters, and a marked tail past the 64th that a path must never
/// show.
fn long_key() -> impl Strategy<Value = (String, String)> {
    (text(), "[\u{c6}\u{d8}\u{c5}\u{de}]{3,10}").prop_map(|(text, tail)| {
        let head: String = format!("{text:x<64}").chars().take(64).collect();
        (format!("{head}\u{27e6}{tail}"), tail)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn required_fails_exactly_the_absent_values(value in prop::option::of(text())) {
        let too_long = value.as_ref().is_some_and(|value| value.chars().count() > 3);
        let mut expected = Vec::new();
        if value.is_none() {
            expected.push(("bare".to_owned(), "required"));
            expected.push(("bounded".to_owned(), "required"));
        }
        if too_long {
            expected.push(("bounded".to_owned(), "length"));
            expected.push(("optional".to_owned(), "length"));
        }
        expected.sort();
        let mut found = failures(Presence {
            bare: value.clone(),
            bounded: value.clone(),
            optional: value,
        });
        found.sort();
        prop_assert_eq!(found, expected);
    }

    #[test]
    fn must_match_fails_exactly_when_the_fields_differ(
        (password, confirm) in prop_oneof![
            (text(), text()),
            text().prop_map(|text| (text.clone(), text)),
            Just(("\u{e9}".to_owned(), "e\u{301}".to_owned())),
            Just(("a".to_owned(), "a ".to_owned())),
        ],
    ) {
        let differ = password != confirm;
        let errors = Untrusted::new(Confirmation { password, confirm }).validate().err();
        match errors {
            None => prop_assert!(!differ),
            Some(errors) => {
                prop_assert!(differ);
                let found: Vec<_> = errors.iter().map(|e| (e.path().to_string(), e.code())).collect();
                prop_assert_eq!(found, [("confirm".to_owned(), "must_match")]);
                let params: Vec<_> = errors.iter().flat_map(|e| e.params()).map(|(name, value)| (name, *value)).collect();
                prop_assert_eq!(params, [("other", ParamValue::Str("password"))]);
            }
        }
    }

    #[test]
    fn numeric_one_of_fails_exactly_the_unlisted_numbers(
        small in prop_oneof![any::<u8>(), prop::sample::select(SMALL.to_vec())],
        medium in prop_oneof![any::<i32>(), prop::sample::select(MEDIUM.to_vec())],
        big in prop_oneof![big(), prop::sample::select(BIG.to_vec())],
        float in prop_oneof![floats(), prop::sample::select(FLOAT.to_vec())],
        maybe in prop::option::of(prop_oneof![any::<i64>(), prop::sample::select(MAYBE.to_vec())]),
    ) {
        let mut expected = Vec::new();
        for (field, listed) in [
            ("small", SMALL.contains(&small)),
            ("medium", MEDIUM.contains(&medium)),
            ("big", BIG.contains(&big)),
            ("float", FLOAT.contains(&float)),
            ("maybe", maybe.is_none_or(|maybe| MAYBE.contains(&maybe))),
        ] {
            if !listed {
                expected.push((field.to_owned(), "one_of"));
            }
        }
        prop_assert_eq!(failures(Choices { small, medium, big, float, maybe }), expected);
    }

    #[test]
    fn range_of_other_number_types_is_the_four_comparisons(
        small in any::<u8>(),
        small_bounds in bounds_of(any::<u8>()),
        medium in any::<i32>(),
        medium_bounds in bounds_of(any::<i32>()),
        big in big(),
        big_bounds in bounds_of(big()),
        float in floats(),
        float_bounds in bounds_of(-2.0f32..2.0),
    ) {
        prop_assert_eq!(rules::range(&small, small_bounds).is_ok(), in_range(small, small_bounds, true));
        prop_assert_eq!(rules::range(&medium, medium_bounds).is_ok(), in_range(medium, medium_bounds, true));
        prop_assert_eq!(rules::range(&big, big_bounds).is_ok(), in_range(big, big_bounds, true));
        prop_assert_eq!(
            rules::range(&float, float_bounds).is_ok(),
            in_range(float, float_bounds, float.is_finite()),
            "{}", float
        );
    }

    #[test]
    fn each_keys_and_values_check_every_element_and_entry(
        list in prop::collection::vec("[ab\u{e9}]{0,5}", 0..6),
        map in prop::collection::btree_map("[ab\u{e9}]{0,5}", 0u32..20, 0..6),
    ) {
        let mut expected: Vec<(String, &str)> = list
            .iter()
            .enumerate()
            .filter(|(_, item)| item.chars().count() > 3)
            .map(|(at, _)| (format!("list[{at}]"), "length"))
            .collect();
        expected.extend(
            map.keys()
                .filter(|key| key.chars().count() > 3)
                .map(|_| ("map".to_owned(), "length")),
        );
        expected.extend(
            map.iter()
                .filter(|(_, value)| **value > 10)
                .map(|(key, _)| (format!("map[\"{key}\"]"), "range")),
        );
        prop_assert_eq!(failures(Collections { list, map }), expected);
    }

    #[test]
    fn map_keys_in_paths_are_escaped_cut_and_hidden_when_sensitive(
        key in prop_oneof![text(), long_key().prop_map(|(key, _)| key)],
        (long, tail) in long_key(),
        (hidden, middle) in (text(), "[\u{c6}\u{d8}\u{c5}\u{de}]{3,10}")
            .prop_map(|(text, middle)| (format!("{text}\u{27e6}{middle}"), middle)),
    ) {
        let shown = BTreeMap::from([(key, 11), (long, 11)]);
        let cut = |key: &String| match key.char_indices().nth(64) {
            Some((at, _)) => format!("{}\u{2026}", &key[..at]),
            None => key.clone(),
        };
        let expected: Vec<String> = shown.keys().map(cut).collect();
        let errors = Untrusted::new(Keyed {
            shown,
            hidden: BTreeMap::from([(hidden, 11)]),
        })
        .validate()
        .err()
        .expect("every entry is out of range");

        let keys: Vec<String> = errors
            .iter()
            .filter_map(|error| match error.path().segments() {
                [Segment::Field("shown"), Segment::Key(shown)] => Some(shown.to_string()),
                _ => None,
            })
            .collect();
        prop_assert_eq!(keys, expected);

        let hidden_paths: Vec<String> = errors
            .iter()
            .filter(|error| error.path().segments().first() == Some(&Segment::Field("hidden")))
            .map(|error| error.path().to_string())
            .collect();
        prop_assert_eq!(hidden_paths, ["hidden[..]"]);
        for rendering in renderings(&errors) {
            let controls = rendering.chars().filter(|c| is_control(*c) && *c != '\n').count();
            prop_assert_eq!(controls, 0, "{:?}", rendering);
            prop_assert!(!rendering.contains(&tail), "{}", rendering);
            prop_assert!(!rendering.contains(&middle), "{}", rendering);
        }
        prop_assert!(!errors.to_string().contains('\n'));
    }

    #[test]
    fn no_rendering_of_a_nested_report_holds_the_rejected_text(
        middle in "[\u{c6}\u{d8}\u{c5}\u{de}]{3,10}",
        text in text(),
    ) {
        let marked = format!("\u{27e6}{middle}\u{27e7}");
        let found = failures(Outer::of(&marked));
        let expected = [
            ("inner.text", "ascii"),
            ("inner.text", "email"),
            ("items[0].text", "ascii"),
            ("items[0].text", "email"),
            ("named[\"k\"].text", "ascii"),
            ("named[\"k\"].text", "email"),
            ("list[0]", "ascii"),
            ("list[0]", "length"),
            ("map[\"k\"]", "ascii"),
            ("keyed", "ascii"),
            ("hidden", "ascii"),
            ("hidden[..]", "ascii"),
        ];
        let expected: Vec<(String, &str)> = expected.iter().map(|(path, code)| ((*path).to_owned(), *code)).collect();
        prop_assert_eq!(found, expected);

        for value in [marked, format!("{text}\u{27e6}{middle}")] {
            let errors = Untrusted::new(Outer::of(&value)).validate().err().expect("non-ASCII everywhere");
            for rendering in renderings(&errors) {
                prop_assert!(!rendering.contains(&middle), "{}", rendering);
                prop_assert!(!rendering.contains('\u{27e6}'), "{}", rendering);
            }
        }
    }
}

/// The email grammar documented on `secure::validate::rules::is_email`, written naively.
fn reference_email(text: &str) -> bool {
    const ATEXT: &str = "!#$%&'*+-/=?^_`{|}~";
    let atext = |c: char| match c.is_ascii() {
        true => c.is_ascii_alphanumeric() || ATEXT.contains(c),
        false => c.is_alphanumeric() || is_combining_mark(c),
    };
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    let local_ok = (1..=64).contains(&local.len())
        && local
            .split('.')
            .all(|atom| !atom.is_empty() && atom.chars().all(atext));
    let domain = match domain.is_ascii() {
        true => domain.to_owned(),
        false => match idna::domain_to_ascii_strict(domain) {
            Ok(ascii) => ascii,
            Err(_) => return false,
        },
    };
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            (1..=63).contains(&label.len())
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && !labels.last().unwrap().chars().all(|c| c.is_ascii_digit());
    local_ok && domain_ok && local.len() + 1 + domain.len() <= 254
}

/// The `url` rule as documented: the WHATWG parser accepts it with an allowed scheme that
/// does not run code, and it holds no whitespace or control character.
fn reference_url(text: &str, allowed: impl Fn(&str) -> bool) -> bool {
    !text.chars().any(|c| c <= ' ' || c == '\u{7f}')
        && url::Url::parse(text).is_ok_and(|url| {
            !["javascript", "vbscript"].contains(&url.scheme()) && allowed(url.scheme())
        })
}

/// Each run of whitespace becomes one space.
fn reference_collapse(text: &str) -> String {
    let mut collapsed = String::new();
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                collapsed.push(' ');
            }
            in_space = true;
        } else {
            collapsed.push(c);
            in_space = false;
        }
    }
    collapsed
}

#[derive(Validate)]
struct TextRules {
    #[validate(ascii)]
    ascii: String,
    #[validate(alphanumeric)]
    alphanumeric: String,
    #[validate(no_control)]
    no_control: String,
    #[validate(no_control(multiline))]
    multiline: String,
    #[validate(contains("e"))]
    contains: String,
    #[validate(not_contains("\u{202e}"))]
    not_contains: String,
    #[validate(starts_with("a"))]
    starts_with: String,
    #[validate(ends_with(" "))]
    ends_with: String,
    #[validate(one_of("a", "\u{e9}", ""))]
    one_of: String,
    #[validate(pattern("[a-z0-9_]+"))]
    table: String,
    #[validate(pattern(r"\d{2,4}-[a-z]*"))]
    digits: String,
    #[validate(pattern("yes|no"))]
    either: String,
    #[validate(pattern("(?i)ab+c"))]
    folded: String,
    #[validate(email, url, uuid, ip, length(max = 3))]
    everything: String,
}

impl TextRules {
    fn of(text: &str) -> Self {
        TextRules {
            ascii: text.into(),
            alphanumeric: text.into(),
            no_control: text.into(),
            multiline: text.into(),
            contains: text.into(),
            not_contains: text.into(),
            starts_with: text.into(),
            ends_with: text.into(),
            one_of: text.into(),
            table: text.into(),
            digits: text.into(),
            either: text.into(),
            folded: text.into(),
            everything: text.into(),
        }
    }
}

#[derive(Validate)]
struct Slug(#[validate(sanitize(trim, lowercase), length(1..=5))] String);
