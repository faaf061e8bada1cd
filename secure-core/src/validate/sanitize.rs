//! The sanitizers of `#[sanitize(..)]`: rewrites of an owned value, run before any rule.
//!
//! Each rewrites in place and leaves the text untouched (and unallocated) when there is
//! nothing to change.
//!
//! # Replaced text is wiped
//!
//! A sanitizer either edits the text in its own buffer ([`SanitizeTarget::edit_in_place`]) or
//! hands back a new text ([`SanitizeTarget::rewrite`]); the targets of this module overwrite
//! the replaced text with zeros before they free it, so sanitizing a `Secret<String>` leaves
//! no unwiped copy of the value it held. Text shortened in place stays in the same buffer,
//! which the `Secret` wipes whole when it is dropped.
//!
//! Not covered: a buffer that a sanitizer's output outgrew while it was being built (Unicode
//! case mapping and normalization can lengthen text) is freed without being wiped, as any
//! growing `String` is. A `custom(path)` sanitizer receives the field itself and is trusted
//! as written: assigning a new `Secret` drops and wipes the old one, but copies it makes of
//! the exposed text are its own to wipe.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, VecDeque};

use secrecy::ExposeSecretMut;
use unicode_normalization::{UnicodeNormalization, is_nfc_quick, is_nfkc_quick};
use zeroize::Zeroize;

use super::rules::{is_default_ignorable, modifiers_len, passes_no_control, verdicts};
use crate::Secret;

/// Owned text that sanitizers can rewrite.
///
/// An implementation wipes the text it replaces in [`rewrite`](SanitizeTarget::rewrite),
/// and [`edit_in_place`](SanitizeTarget::edit_in_place) gives edits the text's own buffer.
#[diagnostic::on_unimplemented(
    message = "sanitizers rewrite text in place, and `{Self}` is not owned text",
    label = "this sanitizer needs a `String`, `Box<str>`, `Cow<str>` or `Secret<String>`, or an `Option` of one",
    note = "a borrowed `&str` cannot be rewritten: make the field a `String`, or drop the sanitizer"
)]
pub trait SanitizeTarget {
    /// Rewrites the text with `edit`, which returns `None` to keep it as it is. The replaced
    /// text is wiped.
    fn rewrite(&mut self, edit: impl FnOnce(&str) -> Option<String>);

    /// Rewrites the text in place. `edit` must not replace the `String` it is given (that
    /// would free the old buffer unwiped): a new text goes through
    /// [`rewrite`](SanitizeTarget::rewrite).
    fn edit_in_place(&mut self, edit: impl FnOnce(&mut String));
}

/// Puts `new` in `slot` and wipes the value it held: the way every target of this module
/// lets go of replaced text.
#[inline]
fn replace_wiping<T: Zeroize>(slot: &mut T, new: T) {
    let mut old = core::mem::replace(slot, new);
    old.zeroize();
}

/// `text` as a `Box<str>`. Shrinking a `String` with spare capacity moves it to a new buffer
/// and frees the old one, so that case copies and wipes instead.
fn into_boxed_wiping(mut text: String) -> Box<str> {
    if text.len() == text.capacity() {
        return text.into_boxed_str();
    }
    let boxed = Box::from(text.as_str());
    text.zeroize();
    boxed
}

impl SanitizeTarget for String {
    #[inline]
    fn rewrite(&mut self, edit: impl FnOnce(&str) -> Option<String>) {
        if let Some(new) = edit(self) {
            replace_wiping(self, new);
        }
    }

    #[inline]
    fn edit_in_place(&mut self, edit: impl FnOnce(&mut String)) {
        edit(self);
    }
}

impl SanitizeTarget for Box<str> {
    fn rewrite(&mut self, edit: impl FnOnce(&str) -> Option<String>) {
        if let Some(new) = edit(self) {
            replace_wiping(self, into_boxed_wiping(new));
        }
    }

    fn edit_in_place(&mut self, edit: impl FnOnce(&mut String)) {
        let mut owned = String::from(core::mem::take(self));
        edit(&mut owned);
        *self = into_boxed_wiping(owned);
    }
}

impl SanitizeTarget for Cow<'_, str> {
    fn rewrite(&mut self, edit: impl FnOnce(&str) -> Option<String>) {
        if let Some(new) = edit(self)
            && let Cow::Owned(mut old) = core::mem::replace(self, Cow::Owned(new))
        {
            old.zeroize();
        }
    }

    fn edit_in_place(&mut self, edit: impl FnOnce(&mut String)) {
        let mut probe = String::new();
        // Borrowed text is only copied when the edit changes it.
        let copy = match self {
            Cow::Borrowed(text) => {
                probe.push_str(text);
                edit(&mut probe);
                if probe != *text {
                    Some(probe)
                } else {
                    probe.zeroize();
                    None
                }
            }
            Cow::Owned(text) => {
                edit(text);
                None
            }
        };
        if let Some(changed) = copy {
            *self = Cow::Owned(changed);
        }
    }
}

impl<T: SanitizeTarget> SanitizeTarget for Option<T> {
    #[inline]
    fn rewrite(&mut self, edit: impl FnOnce(&str) -> Option<String>) {
        if let Some(value) = self {
            value.rewrite(edit);
        }
    }

    #[inline]
    fn edit_in_place(&mut self, edit: impl FnOnce(&mut String)) {
        if let Some(value) = self {
            value.edit_in_place(edit);
        }
    }
}

impl<T: SanitizeTarget + ?Sized> SanitizeTarget for Box<T> {
    #[inline]
    fn rewrite(&mut self, edit: impl FnOnce(&str) -> Option<String>) {
        (**self).rewrite(edit);
    }

    #[inline]
    fn edit_in_place(&mut self, edit: impl FnOnce(&mut String)) {
        (**self).edit_in_place(edit);
    }
}

impl<T: SanitizeTarget + Zeroize> SanitizeTarget for Secret<T> {
    #[inline]
    fn rewrite(&mut self, edit: impl FnOnce(&str) -> Option<String>) {
        self.expose_secret_mut().rewrite(edit);
    }

    #[inline]
    fn edit_in_place(&mut self, edit: impl FnOnce(&mut String)) {
        self.expose_secret_mut().edit_in_place(edit);
    }
}

/// Collections whose elements `#[sanitize(each(..))]` rewrites.
#[diagnostic::on_unimplemented(
    message = "`each(..)` rewrites the elements of a collection, and `{Self}` is not one",
    label = "`each` needs a `Vec`, slice, array, `VecDeque` or map (its values), or an `Option` of one"
)]
pub trait EachMutTarget {
    /// The element type.
    type Item;

    /// Calls `edit` with each element.
    fn for_each_item_mut<F: FnMut(&mut Self::Item)>(&mut self, edit: F);
}

macro_rules! each_mut {
    ($([$($generics:tt)*] $ty:ty => $item:ty, $iter:ident),* $(,)?) => {$(
        impl<$($generics)*> EachMutTarget for $ty {
            type Item = $item;

            #[inline]
            fn for_each_item_mut<F: FnMut(&mut $item)>(&mut self, edit: F) {
                self.$iter().for_each(edit);
            }
        }
    )*};
}

each_mut!(
    [T] [T] => T, iter_mut,
    [T, const N: usize] [T; N] => T, iter_mut,
    [T] Vec<T> => T, iter_mut,
    [T] VecDeque<T> => T, iter_mut,
    [K, V, S] HashMap<K, V, S> => V, values_mut,
    [K, V] BTreeMap<K, V> => V, values_mut,
);

impl<T: EachMutTarget> EachMutTarget for Option<T> {
    type Item = T::Item;

    #[inline]
    fn for_each_item_mut<F: FnMut(&mut T::Item)>(&mut self, edit: F) {
        if let Some(collection) = self {
            collection.for_each_item_mut(edit);
        }
    }
}

impl<T: EachMutTarget + ?Sized> EachMutTarget for Box<T> {
    type Item = T::Item;

    #[inline]
    fn for_each_item_mut<F: FnMut(&mut T::Item)>(&mut self, edit: F) {
        (**self).for_each_item_mut(edit);
    }
}

/// Whether `trim` removes `c` from the ends: Unicode `White_Space` (which includes U+00A0,
/// U+3000 IDEOGRAPHIC SPACE, U+2028 and U+2029), every `Default_Ignorable_Code_Point` (zero-width
/// spaces and joiners, U+FEFF, U+00AD SOFT HYPHEN, U+3164 HANGUL FILLER and the other
/// fillers, bidirectional formatting characters, variation selectors, tag characters), and
/// U+2800 BRAILLE PATTERN BLANK, which is in neither set but is drawn as an empty cell and
/// used as an invisible name.
///
/// Not covered: characters that some fonts draw blank although Unicode gives them a shape,
/// and invisible characters in the middle of the text (refuse those with `no_control`).
///
/// ```
/// use secure::validate::sanitize::is_trimmable;
///
/// assert!(is_trimmable('\u{3164}'));
/// assert!(is_trimmable('\u{2800}'));
/// assert!(!is_trimmable('a'));
/// ```
pub fn is_trimmable(c: char) -> bool {
    c.is_whitespace() || c == '\u{2800}' || is_default_ignorable(c)
}

/// `trim`: removes whitespace and invisible characters ([`is_trimmable`]) at both ends.
///
/// At the start, every one goes. At the end, a variation selector or an emoji tag sequence
/// stays when it modifies the character before it, since removing it would change what the
/// reader sees: U+FE0E or U+FE0F after an emoji (`❤️` keeps its emoji form), another
/// variation selector after a character outside ASCII (ideographic variants of names,
/// Mongolian final forms), and tags closed by U+E007F CANCEL TAG after an emoji (the flag of
/// Scotland). Only the first selector counts, and selectors after ASCII text (`admin` and
/// U+FE0F) or after another removed character go.
///
/// Not guaranteed: that a kept selector is one Unicode defines for its base (`é` followed by
/// U+FE00 keeps it).
///
/// ```
/// let mut name = String::from("\u{3164}admin\u{200B}\u{FE0F}");
/// secure::validate::sanitize::trim(&mut name);
/// assert_eq!(name, "admin");
///
/// let mut mood = String::from(" \u{2764}\u{FE0F}\u{200B} ");
/// secure::validate::sanitize::trim(&mut mood);
/// assert_eq!(mood, "\u{2764}\u{FE0F}");
/// ```
#[inline]
pub fn trim<T: SanitizeTarget + ?Sized>(value: &mut T) {
    value.edit_in_place(|text| {
        let end = trimmed_end(text);
        text.truncate(end);
        let start = end - text.trim_start_matches(is_trimmable).len();
        if start > 0 {
            text.drain(..start);
        }
    });
}

/// Where `trim` cuts the end of `text`: after the last character it keeps and the modifiers
/// of that character.
fn trimmed_end(text: &str) -> usize {
    let kept = text.trim_end_matches(is_trimmable);
    match kept.chars().next_back() {
        Some(base) => kept.len() + modifiers_len(base, &text[kept.len()..]),
        None => 0,
    }
}

/// `lowercase`: Unicode lowercase mapping. ASCII text is mapped in its own buffer; other
/// text that changes is mapped into a new one, and the old one is wiped.
#[inline]
pub fn lowercase<T: SanitizeTarget + ?Sized>(value: &mut T) {
    value.edit_in_place(|text| {
        if text.is_ascii() {
            text.make_ascii_lowercase();
        }
    });
    value.rewrite(|text| {
        let changes = !text.is_ascii() && text.chars().any(|c| c.to_lowercase().ne([c]));
        changes.then(|| text.to_lowercase())
    });
}

/// `uppercase`: Unicode uppercase mapping, like [`lowercase`].
#[inline]
pub fn uppercase<T: SanitizeTarget + ?Sized>(value: &mut T) {
    value.edit_in_place(|text| {
        if text.is_ascii() {
            text.make_ascii_uppercase();
        }
    });
    value.rewrite(|text| {
        let changes = !text.is_ascii() && text.chars().any(|c| c.to_uppercase().ne([c]));
        changes.then(|| text.to_uppercase())
    });
}

/// `nfc`: Unicode canonical composition, so that look-alike encodings of the same text
/// compare equal.
#[inline]
pub fn nfc<T: SanitizeTarget + ?Sized>(value: &mut T) {
    value.rewrite(|text| match is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => None,
        _ => Some(text.nfc().collect::<String>()).filter(|normal| normal != text),
    });
}

/// `nfkc`: Unicode compatibility composition; also folds fullwidth forms, ligatures and
/// other compatibility characters (`ｆｉ` becomes `fi`).
#[inline]
pub fn nfkc<T: SanitizeTarget + ?Sized>(value: &mut T) {
    value.rewrite(|text| match is_nfkc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => None,
        _ => Some(text.nfkc().collect::<String>()).filter(|normal| normal != text),
    });
}

/// `strip_control`: removes every character that the `no_control` rule refuses (see
/// [`no_control`](super::rules::no_control)), so that its result always passes that rule;
/// with `multiline`, tab, line feed, U+2028, U+2029 and a carriage return right before a
/// line feed stay.
///
/// ```
/// let mut label = String::from("invoice\u{202E}fdp.exe\u{200B}");
/// secure::validate::sanitize::strip_control(&mut label, false);
/// assert_eq!(label, "invoicefdp.exe");
/// ```
#[inline]
pub fn strip_control<T: SanitizeTarget + ?Sized>(value: &mut T, multiline: bool) {
    value.edit_in_place(|text| {
        if passes_no_control(text, multiline) {
            return;
        }
        // Whether a tag character stays depends on the characters after it, which
        // `retain` does not show: decide every character first.
        let keep: Vec<bool> = verdicts(text, multiline)
            .map(|(_, refused)| !refused)
            .collect();
        let mut keep = keep.into_iter();
        text.retain(|_| keep.next().unwrap_or(true));
    });
}

/// `collapse_whitespace`: replaces each run of Unicode whitespace with one space.
#[inline]
pub fn collapse_whitespace<T: SanitizeTarget + ?Sized>(value: &mut T) {
    value.rewrite(|text| {
        let mut previous_space = false;
        let untouched = text.chars().all(|c| {
            let keep = if c.is_whitespace() {
                c == ' ' && !previous_space
            } else {
                true
            };
            previous_space = c.is_whitespace();
            keep
        });
        if untouched {
            return None;
        }

        let mut collapsed = String::with_capacity(text.len());
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
        Some(collapsed)
    });
}

/// `each(..)`: applies `edit` to every element.
#[inline]
pub fn each<T: EachMutTarget + ?Sized>(value: &mut T, edit: impl FnMut(&mut T::Item)) {
    value.for_each_item_mut(edit);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(sanitize: fn(&mut String), input: &str) -> String {
        let mut text = input.to_owned();
        sanitize(&mut text);
        text
    }

    #[test]
    fn trim_removes_invisible_characters_too() {
        for (input, expected) in [
            ("\u{200B}admin\u{00A0}", "admin"),
            ("\u{FEFF}alice\u{3000}", "alice"),
            ("bob\u{2028}", "bob"),
            ("\u{180E}carol", "carol"),
            ("  spaced out  ", "spaced out"),
            ("\u{200B}", ""),
            ("", ""),
            ("in\u{200B}side", "in\u{200B}side"),
        ] {
            assert_eq!(run(trim, input), expected, "{input:?}");
        }
    }

    #[test]
    fn trim_removes_every_default_ignorable_and_the_braille_blank() {
        for invisible in [
            '\u{3164}',
            '\u{115F}',
            '\u{1160}',
            '\u{FFA0}',
            '\u{AD}',
            '\u{34F}',
            '\u{61C}',
            '\u{17B4}',
            '\u{2064}',
            '\u{206F}',
            '\u{FFF0}',
            '\u{1BCA0}',
            '\u{1D173}',
            '\u{E0001}',
            '\u{E0FFF}',
            '\u{2800}',
        ] {
            let input = format!("{invisible}admin{invisible}");
            assert_eq!(run(trim, &input), "admin", "{invisible:?}");
            let inside = format!("ad{invisible}min");
            assert_eq!(run(trim, &inside), inside, "{invisible:?}");
        }
    }

    #[test]
    fn trim_keeps_trailing_modifiers_of_the_last_character_only() {
        let scotland = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
        for (input, expected) in [
            ("\u{2764}\u{FE0F}", "\u{2764}\u{FE0F}"),
            ("\u{2764}\u{FE0F} \u{200B}", "\u{2764}\u{FE0F}"),
            ("\u{FE0F}\u{2764}", "\u{2764}"),
            ("\u{2764}\u{FE0F}\u{FE0F}", "\u{2764}\u{FE0F}"),
            ("\u{2764}\u{200B}\u{FE0F}", "\u{2764}"),
            ("\u{2764}\u{200D}", "\u{2764}"),
            (scotland, scotland),
            ("\u{E0067}\u{E007F}flag", "flag"),
            ("\u{845B}\u{E0100}", "\u{845B}\u{E0100}"),
            ("admin\u{FE0F}", "admin"),
            ("user1\u{FE0F}", "user1"),
            ("admin\u{E0061}\u{E007F}", "admin"),
            ("caf\u{E9}\u{FE0F}", "caf\u{E9}"),
            ("\u{FE0F}\u{E007F}", ""),
        ] {
            assert_eq!(run(trim, input), expected, "{input:?}");
        }
    }

    #[test]
    fn strip_control_covers_c0_c1_and_all_bidi_controls() {
        for (input, expected) in [
            ("invoice\u{202E}fdp.exe", "invoicefdp.exe"),
            ("log\x1b[31mFAKE\x1b[0m", "log[31mFAKE[0m"),
            ("a\u{85}b", "ab"),
            ("x\u{2066}y\u{2069}", "xy"),
            ("p\u{061C}q", "pq"),
            ("r\u{200F}s", "rs"),
            ("t\x7Fu", "tu"),
            (
                "l\u{200E}\u{202A}\u{202B}\u{202C}\u{202D}\u{2067}\u{2068}m",
                "lm",
            ),
            ("tab\there\nnext", "tabherenext"),
        ] {
            assert_eq!(
                run(|t| strip_control(t, false), input),
                expected,
                "{input:?}"
            );
        }
        assert_eq!(run(|t| strip_control(t, true), "a\tb\nc\rd"), "a\tb\ncd");
    }

    #[test]
    fn strip_control_removes_invisible_characters_and_keeps_what_shapes_text() {
        let wales = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F}";
        for (input, expected) in [
            ("ad\u{200B}m\u{2060}i\u{FEFF}n", "admin"),
            ("\u{3164}a\u{115F}\u{1160}b\u{FFA0}", "ab"),
            ("pay\u{AD}pal\u{180E}", "paypal"),
            ("line\u{2028}para\u{2029}", "linepara"),
            ("admin\u{E0020}\u{E0061}", "admin"),
            (wales, wales),
            ("\u{1F469}\u{200D}\u{1F4BB}", "\u{1F469}\u{200D}\u{1F4BB}"),
            ("\u{645}\u{200C}\u{6CC}", "\u{645}\u{200C}\u{6CC}"),
            ("\u{2764}\u{FE0F}", "\u{2764}\u{FE0F}"),
            ("u\u{34F}\u{308}", "u\u{34F}\u{308}"),
        ] {
            assert_eq!(
                run(|t| strip_control(t, false), input),
                expected,
                "{input:?}"
            );
        }
        assert_eq!(
            run(|t| strip_control(t, true), "a\u{2028}b\u{2029}\u{200B}"),
            "a\u{2028}b\u{2029}"
        );
    }

    #[test]
    fn case_mappings() {
        assert_eq!(run(lowercase, "ABC"), "abc");
        assert_eq!(run(lowercase, "ÄÖÜ"), "äöü");
        assert_eq!(run(uppercase, "straße"), "STRASSE");
        assert_eq!(run(lowercase, "déjà"), "déjà");
    }

    #[test]
    fn normalization() {
        assert_eq!(run(nfc, "e\u{301}"), "\u{e9}");
        assert_eq!(run(nfkc, "\u{FF41}\u{FB01}"), "afi");
        assert_eq!(run(nfkc, "\u{FF0E}\u{FF0E}\u{FF0F}"), "../");
        assert_eq!(run(nfc, "plain"), "plain");
    }

    /// Text that records whether an in-place edit swapped its buffer for another, which
    /// would free the old one unwiped, and how many texts it replaced through `rewrite`.
    #[derive(Default)]
    struct Observed {
        text: String,
        swapped: bool,
        rewritten: usize,
    }

    impl SanitizeTarget for Observed {
        fn rewrite(&mut self, edit: impl FnOnce(&str) -> Option<String>) {
            if let Some(new) = edit(&self.text) {
                replace_wiping(&mut self.text, new);
                self.rewritten += 1;
            }
        }

        fn edit_in_place(&mut self, edit: impl FnOnce(&mut String)) {
            let buffer = self.text.as_ptr();
            edit(&mut self.text);
            self.swapped |= self.text.as_ptr() != buffer;
        }
    }

    #[test]
    fn sanitizers_replace_text_only_through_rewrite() {
        type Sanitizer<T> = fn(&mut T);
        let sanitizers: [(&str, Sanitizer<Observed>, Sanitizer<String>); 8] = [
            ("trim", trim, trim),
            ("lowercase", lowercase, lowercase),
            ("uppercase", uppercase, uppercase),
            ("nfc", nfc, nfc),
            ("nfkc", nfkc, nfkc),
            (
                "strip_control",
                |t| strip_control(t, false),
                |t| strip_control(t, false),
            ),
            (
                "strip_control(multiline)",
                |t| strip_control(t, true),
                |t| strip_control(t, true),
            ),
            (
                "collapse_whitespace",
                collapse_whitespace,
                collapse_whitespace,
            ),
        ];
        let inputs = [
            "  Plain ASCII  ",
            "ÄÖÜ straße",
            "İstanbul",
            "e\u{301}\u{FF41}\u{FB01}",
            "a\u{202E}b\x1b\tc\n",
            "a \u{3000}\t b",
            "\u{200B}déjà vu\u{00A0}",
            "\u{3164}x\u{E0061}\u{1F3F4}\u{E0061}\u{E007F}\u{2028}\u{2764}\u{FE0F}\u{AD}",
        ];
        for (name, on_observed, on_string) in sanitizers {
            for input in inputs {
                let mut observed = Observed {
                    text: input.to_owned(),
                    ..Observed::default()
                };
                on_observed(&mut observed);
                let mut plain = input.to_owned();
                on_string(&mut plain);
                assert_eq!(observed.text, plain, "{name} on {input:?}");
                assert!(
                    !observed.swapped,
                    "{name} on {input:?} replaced the text inside an in-place edit"
                );
            }
        }
    }

    #[test]
    fn non_ascii_case_mapping_is_a_rewrite() {
        let mut observed = Observed {
            text: "ÄÖÜ".to_owned(),
            ..Observed::default()
        };
        lowercase(&mut observed);
        uppercase(&mut observed);
        assert_eq!((observed.text.as_str(), observed.rewritten), ("ÄÖÜ", 2));
    }

    /// A value that counts how often it is wiped.
    struct Counted(std::rc::Rc<core::cell::Cell<usize>>);

    impl Zeroize for Counted {
        fn zeroize(&mut self) {
            self.0.set(self.0.get() + 1);
        }
    }

    #[test]
    fn replacing_wipes_the_old_value_and_only_it() {
        let old_wipes = std::rc::Rc::default();
        let new_wipes = std::rc::Rc::default();
        let mut slot = Counted(std::rc::Rc::clone(&old_wipes));
        replace_wiping(&mut slot, Counted(std::rc::Rc::clone(&new_wipes)));
        assert_eq!((old_wipes.get(), new_wipes.get()), (1, 0));
        assert!(std::rc::Rc::ptr_eq(&slot.0, &new_wipes));
    }

    #[test]
    fn boxing_keeps_the_text_whatever_its_spare_capacity() {
        let mut spare = String::with_capacity(64);
        spare.push_str("sh0rt");
        assert_eq!(&*into_boxed_wiping(spare), "sh0rt");
        assert_eq!(&*into_boxed_wiping(String::from("exact")), "exact");
    }

    #[test]
    fn collapse() {
        assert_eq!(run(collapse_whitespace, "a  b\t\tc\n d"), "a b c d");
        assert_eq!(run(collapse_whitespace, "a b"), "a b");
        assert_eq!(run(collapse_whitespace, "a\u{3000}b"), "a b");
    }
}
