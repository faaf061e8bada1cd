//! The character classes of `no_control`, `strip_control` and `trim`: controls, line
//! separators, and the characters that render as nothing.
//!
//! The Unicode properties come from `icu_properties`, whose data follows the current Unicode
//! version; a character that a later version adds to a property is covered once that crate's
//! data is updated.

use icu_properties::props::{DefaultIgnorableCodePoint, Emoji, VariationSelector};
use icu_properties::{CodePointSetData, CodePointSetDataBorrowed};

/// Unicode `Default_Ignorable_Code_Point`: the characters a renderer shows as nothing when it
/// does not support them.
const DEFAULT_IGNORABLE: CodePointSetDataBorrowed<'static> =
    CodePointSetData::new::<DefaultIgnorableCodePoint>();

const EMOJI: CodePointSetDataBorrowed<'static> = CodePointSetData::new::<Emoji>();

const VARIATION_SELECTORS: CodePointSetDataBorrowed<'static> =
    CodePointSetData::new::<VariationSelector>();

/// Whether `c` is a character that the log, path and upload sinks refuse or escape, and that
/// `no_control` refuses among others: C0 controls, DEL, C1 controls, and the twelve
/// bidirectional formatting characters (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to
/// U+2069) that reorder how text displays.
///
/// `no_control` also refuses line separators and invisible characters; see
/// [`no_control`](super::no_control) for the whole list.
///
/// ```
/// use secure::validate::rules::is_control_char;
///
/// assert!(is_control_char('\u{1B}'));
/// assert!(is_control_char('\u{202E}'));
/// assert!(!is_control_char('\u{200B}'));
/// ```
pub fn is_control_char(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1F}'
            | '\u{7F}'..='\u{9F}'
            | '\u{61C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// Whether `c` renders as nothing and plays no part in how the characters around it are
/// drawn: a Unicode `Default_Ignorable_Code_Point` other than U+200C ZERO WIDTH NON-JOINER,
/// U+200D ZERO WIDTH JOINER, U+034F COMBINING GRAPHEME JOINER and the variation selectors,
/// which emoji and several scripts need.
///
/// That covers U+00AD SOFT HYPHEN, U+115F, U+1160, U+3164 and U+FFA0 (the Hangul fillers),
/// U+180E MONGOLIAN VOWEL SEPARATOR, U+200B ZERO WIDTH SPACE, U+2060 WORD JOINER and the
/// invisible operators after it, U+FEFF ZERO WIDTH NO-BREAK SPACE, the bidirectional
/// formatting characters, the tag characters U+E0000 to U+E007F, and the code points Unicode
/// reserves as default-ignorable for the future. The tag characters have one use,
/// emoji tag sequences (the flags of England, Scotland and Wales), which `no_control`
/// accepts; this function looks at one character and includes them.
///
/// ```
/// use secure::validate::rules::is_invisible_char;
///
/// assert!(is_invisible_char('\u{200B}'));
/// assert!(is_invisible_char('\u{3164}'));
/// assert!(!is_invisible_char('\u{200D}'));
/// assert!(!is_invisible_char('\u{FE0F}'));
/// assert!(!is_invisible_char(' '));
/// ```
pub fn is_invisible_char(c: char) -> bool {
    !c.is_ascii()
        && DEFAULT_IGNORABLE.contains(c)
        && !matches!(c, '\u{200C}' | '\u{200D}' | '\u{34F}')
        && !VARIATION_SELECTORS.contains(c)
}

/// Whether `c` is a Unicode `Default_Ignorable_Code_Point`.
pub(crate) fn is_default_ignorable(c: char) -> bool {
    !c.is_ascii() && DEFAULT_IGNORABLE.contains(c)
}

/// Whether `c`, outside ASCII, is an emoji that a variation selector or a tag sequence can
/// modify. The ASCII characters with the `Emoji` property (digits, `#`, `*`) are left out:
/// after them, an invisible selector only makes a look-alike of plain text.
fn is_emoji_base(c: char) -> bool {
    !c.is_ascii() && EMOJI.contains(c)
}

/// The length in bytes of the variation selector and emoji tag sequence at the start of
/// `rest` that modify `base`, the character before it; 0 when none does.
///
/// U+FE0E and U+FE0F (text and emoji presentation) modify an emoji outside ASCII; the other
/// variation selectors (ideographic variants, Mongolian forms, standardized variants) modify
/// any character outside ASCII; a tag sequence (U+E0020 to U+E007E, closed by U+E007F CANCEL
/// TAG) modifies an emoji, or an emoji followed by U+FE0F. Only the first selector counts.
pub(crate) fn modifiers_len(base: char, rest: &str) -> usize {
    if base.is_ascii() {
        return 0;
    }
    let mut tag_base = is_emoji_base(base);
    let mut len = 0;

    if let Some(selector) = rest
        .chars()
        .next()
        .filter(|&c| VARIATION_SELECTORS.contains(c))
    {
        let presentation = matches!(selector, '\u{FE0E}' | '\u{FE0F}');
        if presentation && !tag_base {
            return 0;
        }
        tag_base &= selector == '\u{FE0F}';
        len = selector.len_utf8();
    }

    if tag_base {
        len += emoji_tag_len(&rest[len..]);
    }
    len
}

/// The length in bytes of the tag specification and CANCEL TAG at the start of `rest`, or 0
/// when `rest` does not start with one.
fn emoji_tag_len(rest: &str) -> usize {
    let spec = rest.len() - rest.trim_start_matches(is_tag_spec).len();
    if spec > 0 && rest[spec..].starts_with('\u{E007F}') {
        spec + '\u{E007F}'.len_utf8()
    } else {
        0
    }
}

/// Whether `no_control` refuses `c` wherever it appears; tag characters are refused outside
/// an emoji tag sequence, which only [`verdicts`] can see.
fn is_refused(c: char, multiline: bool) -> bool {
    match c {
        '\t' | '\n' | '\u{2028}' | '\u{2029}' => !multiline,
        _ => c.is_control() || is_invisible_char(c),
    }
}

/// Whether `c` is a tag character that can name a tag: U+E0020 to U+E007E.
fn is_tag_spec(c: char) -> bool {
    ('\u{E0020}'..='\u{E007E}').contains(&c)
}

/// Whether `c` is a tag character.
fn is_tag(c: char) -> bool {
    ('\u{E0000}'..='\u{E007F}').contains(&c)
}

/// Each character of `text`, in order, with whether `no_control` refuses it: see
/// [`no_control`](super::no_control).
pub(crate) fn verdicts(text: &str, multiline: bool) -> impl Iterator<Item = (char, bool)> + '_ {
    // The end of the emoji tag sequence being read, and the two characters before this one.
    let mut tag_sequence_end = 0;
    let mut before = ['\0'; 2];
    text.char_indices().map(move |(at, c)| {
        let refused = if c == '\r' {
            !(multiline && is_line_break_pair(text, at))
        } else if !is_tag(c) {
            is_refused(c, multiline)
        } else if at < tag_sequence_end {
            false
        } else {
            let after_emoji = match before {
                [base, '\u{FE0F}'] | [_, base] => is_emoji_base(base),
            };
            let len = if after_emoji {
                emoji_tag_len(&text[at..])
            } else {
                0
            };
            tag_sequence_end = at + len;
            len == 0
        };
        before = [before[1], c];
        (c, refused)
    })
}

/// Whether the carriage return at byte `at` of `text` starts a CR LF pair, the line break
/// that browsers send for the lines of a `<textarea>`.
fn is_line_break_pair(text: &str, at: usize) -> bool {
    text.as_bytes().get(at + 1) == Some(&b'\n')
}

/// Whether `text` holds nothing that `no_control` refuses; ASCII text is decided byte by byte.
pub(crate) fn passes_no_control(text: &str, multiline: bool) -> bool {
    if text.is_ascii() {
        return !text.bytes().enumerate().any(|(at, byte)| match byte {
            b'\r' => !(multiline && is_line_break_pair(text, at)),
            _ => is_refused(char::from(byte), multiline),
        });
    }
    !verdicts(text, multiline).any(|(_, refused)| refused)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str, multiline: bool) -> String {
        verdicts(text, multiline)
            .filter_map(|(c, refused)| refused.then_some(c))
            .collect()
    }

    #[test]
    fn emoji_tag_sequences_are_accepted_and_stray_tags_refused() {
        let england = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}";
        assert_eq!(refused(england, false), "");
        assert_eq!(refused(&format!("{england}{england}"), false), "");
        assert_eq!(refused("\u{1F3F4}\u{FE0F}\u{E0067}\u{E007F}", false), "");
        assert_eq!(
            refused("\u{1F3F4}\u{FE0F}\u{FE0F}\u{E0067}\u{E007F}", false),
            "\u{E0067}\u{E007F}"
        );
        assert_eq!(refused("a\u{E0067}\u{E007F}", false), "\u{E0067}\u{E007F}");
        assert_eq!(refused("\u{1F3F4}\u{E0067}", false), "\u{E0067}");
        assert_eq!(refused("\u{1F3F4}\u{E007F}", false), "\u{E007F}");
        assert_eq!(
            refused("\u{1F3F4}\u{E0001}\u{E007F}", false),
            "\u{E0001}\u{E007F}"
        );
        assert_eq!(
            refused("\u{1F3F4}\u{200B}\u{E0067}\u{E007F}", false),
            "\u{200B}\u{E0067}\u{E007F}"
        );
        assert_eq!(refused("#\u{E0067}\u{E007F}", false), "\u{E0067}\u{E007F}");
    }

    #[test]
    fn line_separators_are_line_breaks() {
        assert_eq!(
            refused("a\u{2028}b\u{2029}c\nd", false),
            "\u{2028}\u{2029}\n"
        );
        assert_eq!(refused("a\u{2028}b\u{2029}c\nd\re", true), "\r");
    }

    #[test]
    fn a_carriage_return_passes_only_before_a_line_feed_in_multiline_text() {
        assert_eq!(refused("one\r\ntwo\r\n", true), "");
        assert_eq!(refused("one\r\ntwo", false), "\r\n");
        assert_eq!(refused("one\rtwo\r", true), "\r\r");
        assert_eq!(refused("one\r\r\ntwo\n\r", true), "\r\r");
        assert_eq!(refused("caf\u{E9}\r\n\u{E9}t\u{E9}\r", true), "\r");
    }

    #[test]
    fn the_ascii_shortcut_agrees_with_the_scan() {
        for byte in 0..128u8 {
            let text = format!("a{}b", char::from(byte));
            for multiline in [false, true] {
                assert_eq!(
                    passes_no_control(&text, multiline),
                    refused(&text, multiline).is_empty(),
                    "{byte:#x}"
                );
            }
        }
    }

    #[test]
    fn modifiers_attach_only_to_what_they_can_modify() {
        let flag = "\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
        for (base, rest, expected) in [
            ('\u{2764}', "\u{FE0F}", 3),
            ('\u{2764}', "\u{FE0F}\u{FE0F}", 3),
            ('\u{2764}', "\u{200B}\u{FE0F}", 0),
            ('n', "\u{FE0F}", 0),
            ('1', "\u{FE0F}", 0),
            ('\u{E9}', "\u{FE0F}", 0),
            ('\u{845B}', "\u{E0100}", 4),
            ('\u{1820}', "\u{180B}", 3),
            ('a', "\u{E0100}", 0),
            ('\u{1F3F4}', flag, flag.len()),
            ('\u{1F3F4}', &format!("\u{FE0F}{flag}"), 3 + flag.len()),
            ('\u{1F3F4}', &format!("\u{FE0E}{flag}"), 3),
            ('\u{1F3F4}', "\u{E0067}\u{E0062}", 0),
            ('\u{E9}', flag, 0),
        ] {
            assert_eq!(modifiers_len(base, rest), expected, "{base:?} {rest:?}");
        }
    }
}
