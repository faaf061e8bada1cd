//! Validation of arbitrary input: no rule or sanitizer panics, each agrees with a plain
//! definition of what it means, sanitizers run before the rules, and no report holds the text
//! it rejected.

use proptest::prelude::*;
use secure::prelude::*;
use secure::validate::ParamValue;
use secure::validate::rules::{self, LengthBounds, RangeBounds};
use secure::validate::sanitize;

/// Text of every kind: any string, web-form ASCII, and the characters that trip counting
/// and cleaning (multi-byte, combining, invisible, bidi, controls, exotic whitespace).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9 ._@:/-]{0,16}",
        "[ae\u{e9}\u{65e5}\u{301}\u{200b}\u{feff}\u{202e}\u{85}\u{0}\u{7f}\t\n\r \u{a0}\u{3000}\u{2028}]{0,12}",
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

/// What `no_control` refuses and `strip_control` removes, written out.
fn is_control(c: char) -> bool {
    let code = u32::from(c);
    code < 0x20
        || (0x7f..=0x9f).contains(&code)
        || [0x61c, 0x200e, 0x200f].contains(&code)
        || (0x202a..=0x202e).contains(&code)
        || (0x2066..=0x2069).contains(&code)
}

/// What `trim` removes at the ends: Unicode whitespace and the characters that render as
/// nothing.
fn is_trimmed(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{180e}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}'
        )
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
        prop_assert_eq!(failed("no_control", "no_control"), text.chars().any(is_control));
        prop_assert_eq!(
            failed("multiline", "no_control"),
            text.chars().any(|c| is_control(c) && c != '\t' && c != '\n')
        );
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
        prop_assert_eq!(rewritten(sanitize::trim), text.trim_matches(is_trimmed));
        prop_assert_eq!(rewritten(sanitize::lowercase), text.to_lowercase());
        prop_assert_eq!(rewritten(sanitize::uppercase), text.to_uppercase());
        prop_assert_eq!(
            rewritten(|value| sanitize::strip_control(value, false)),
            text.chars().filter(|c| !is_control(*c)).collect::<String>()
        );
        prop_assert_eq!(
            rewritten(|value| sanitize::strip_control(value, true)),
            text.chars().filter(|c| !is_control(*c) || matches!(c, '\t' | '\n')).collect::<String>()
        );
        prop_assert_eq!(rewritten(sanitize::collapse_whitespace), reference_collapse(&text));
        for normalize in [sanitize::nfc as fn(&mut String), sanitize::nfkc] {
            let once = rewritten(normalize);
            let mut twice = once.clone();
            normalize(&mut twice);
            prop_assert_eq!(&once, &twice, "normalizing is idempotent");
        }
    }

    #[test]
    fn sanitizers_run_before_the_rules_and_their_result_is_kept(text in text()) {
        let trimmed = text.trim_matches(is_trimmed).to_lowercase();
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

/// The email grammar of `secure::validate::rules::is_email`, for ASCII text, written
/// naively.
fn reference_email(text: &str) -> bool {
    const ATEXT: &str = "!#$%&'*+-/=?^_`{|}~";
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    let local_ok = (1..=64).contains(&local.len())
        && local.split('.').all(|atom| {
            !atom.is_empty()
                && atom
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || ATEXT.contains(c))
        });
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            (1..=63).contains(&label.len())
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && !labels.last().unwrap().chars().all(|c| c.is_ascii_digit());
    local_ok && domain_ok && text.len() <= 254
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
