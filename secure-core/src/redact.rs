//! Redaction: how `#[sensitive]` values appear in `Debug`, in logs and in audit records.
//!
//! `#[derive(Redact)]` writes a `Debug` impl in which every `#[sensitive]` field shows
//! `[REDACTED]` (or a partial mask), and an impl of [`SerializeRedacted`], the serialization
//! [`redacted`] uses for logs and audit records. That serialization has the shape serde's
//! derive would give (field and variant names, `rename`, `rename_all`, `skip_serializing`),
//! with sensitive values masked, and redacts nested values that implement it too. The same marks are read by
//! `#[derive(Validate)]`, so a failure of a sensitive field carries nothing derived from its
//! value.
//!
//! ```
//! use secure::prelude::*;
//!
//! #[derive(Redact, serde::Serialize)]
//! struct Customer {
//!     name: String,
//!     #[sensitive(partial(last = 4))]
//!     #[serde(serialize_with = "secure::redact::serialize_redacted")]
//!     card: String,
//!     #[sensitive]
//!     #[serde(skip_serializing)]
//!     password: String,
//! }
//!
//! let customer = Customer {
//!     name: "Ada".into(),
//!     card: "4111 1111 1111 1234".into(),
//!     password: "hunter2".into(),
//! };
//! assert_eq!(
//!     format!("{customer:?}"),
//!     r#"Customer { name: "Ada", card: "****1234", password: [REDACTED] }"#
//! );
//! assert_eq!(
//!     serde_json::to_string(&secure::redact::redacted(&customer)).unwrap(),
//!     r#"{"name":"Ada","card":"****1234"}"#
//! );
//! ```
//!
//! # Serializing a type with sensitive fields
//!
//! A type that derives both `Redact` (or `Validate`) and serde's `Serialize` does not compile
//! while a `#[sensitive]` value would be written in plain text. A mark on a variant or on the
//! whole type covers every field in it, so the rule is the same for each covered field: it
//! must say what serialization does with it, with `#[serde(skip_serializing)]` or
//! `#[serde(serialize_with = "secure::redact::serialize_redacted")]`. Instead of each field:
//!
//! - a `#[sensitive]` variant may decide as a whole, with `#[serde(skip_serializing)]` (then
//!   serializing it is an error) or `#[serde(serialize_with = "..")]`;
//! - a `#[sensitive]` type may serialize as another type, a public view of it, with
//!   `#[serde(into = "..")]`; that type's own marks are checked in turn.
//!
//! ```
//! use secure::prelude::*;
//!
//! #[derive(Clone, Redact, serde::Serialize)]
//! #[sensitive]
//! #[serde(into = "KeySummary")]
//! struct SigningKey {
//!     id: u32,
//!     material: String,
//! }
//!
//! #[derive(serde::Serialize)]
//! struct KeySummary {
//!     id: u32,
//! }
//!
//! impl From<SigningKey> for KeySummary {
//!     fn from(key: SigningKey) -> Self {
//!         KeySummary { id: key.id }
//!     }
//! }
//!
//! let key = SigningKey { id: 7, material: "m4t3rial".into() };
//! assert_eq!(format!("{key:?}"), "SigningKey([REDACTED])");
//! assert_eq!(serde_json::to_string(&key).unwrap(), r#"{"id":7}"#);
//! ```
//!
//! A field whose type is a [`Secret`] needs no decision under a variant or type mark: its
//! own `Serialize` refuses it unless its type opts in with `SerializableSecret`.
//!
//! The check asks whether the type implements `Serialize`; it cannot tell serde's derive
//! from a hand-written impl, so a hand-written one must carry the same decisions as
//! attributes. A generic type is checked as serde's derive bounds it, with every type
//! parameter `Serialize`: a hand-written impl with other bounds, or one for some instances
//! only, is not seen.
//!
//! # What is not guaranteed
//!
//! Redaction covers the channels this crate writes: `Debug`, [`redacted`] and the validation
//! report. A `Display` impl, a hand-written `Serialize`, or code that reads the field and
//! formats it is not redacted. Nor is a derived `Debug` on a type that derives `Validate`
//! without `Redact`: a later `#[derive(Debug)]` attribute is refused, but one in the same
//! `#[derive(..)]` list as `Validate` is invisible to that derive.

use core::fmt::{self, Write as _};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::rc::Rc;
use std::sync::Arc;

mod flat;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use zeroize::Zeroize;

use crate::secret::{ExposeSecret, Secret};

/// What a fully redacted value shows.
pub const REDACTED: &str = "[REDACTED]";

/// The fixed mask between the shown ends of a partially redacted value. Its width never
/// depends on the value, so the mask reveals neither length nor structure.
pub const MASK: &str = "****";

/// A value that serializes with its sensitive parts masked: what [`redacted`] writes.
///
/// `#[derive(Redact)]` implements it. It is implemented for text, numbers and the standard
/// containers (which redact their elements), and for [`Secret`], which always writes
/// `[REDACTED]`.
pub trait SerializeRedacted {
    /// Serializes the value with every sensitive part masked.
    fn serialize_redacted<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
}

/// Wraps a value so that it serializes in its redacted form.
///
/// The redacted form has the layout serde's derive gives the type, read from the same
/// `#[serde(..)]` attributes: serialize names (`rename`, `rename_all`), skipped fields,
/// enum tagging (`tag`, `content`, `untagged`, also on a variant), a tag on a struct,
/// `transparent` and `flatten`. A `#[sensitive]` variant of an internally tagged enum shows
/// its tag alone. A field that serde writes with `serialize_with` or `with` is written by the
/// same function, or shows `[REDACTED]` when its type names a parameter of the type (the
/// function cannot be called from the redacted form then). Flattening an enum's struct or
/// tuple variant, which serde does through a buffer of its own, is a serialization error.
///
/// ```
/// use secure::prelude::*;
///
/// #[derive(Redact)]
/// struct Login {
///     user: String,
///     #[sensitive]
///     password: String,
/// }
///
/// let login = Login { user: "ada".into(), password: "hunter2".into() };
/// let record = serde_json::to_string(&secure::redact::redacted(&login)).unwrap();
/// assert_eq!(record, r#"{"user":"ada","password":"[REDACTED]"}"#);
/// ```
///
/// A [`Secret`] anywhere inside, even in a field of a plain `Serialize` type
/// and even one that opted in to serialization with
/// [`SerializableSecret`](crate::secret::SerializableSecret) or
/// [`serialize_exposed`](crate::unchecked::serialize_exposed) for a response, is written
/// `"[REDACTED]"` here: the opt-in is for the response, not for logs and audit records.
pub fn redacted<T: SerializeRedacted + ?Sized>(value: &T) -> Redacted<'_, T> {
    Redacted(value)
}

std::thread_local! {
    /// How many redacted serializations are running on this thread, one inside another.
    static REDACTING: core::cell::Cell<usize> = const { core::cell::Cell::new(0) };
}

/// Whether a [`redacted`] serialization is running on this thread, so that a secret met
/// inside a plain `Serialize` value writes `"[REDACTED]"` rather than itself.
fn redacting() -> bool {
    REDACTING.with(|depth| depth.get() > 0)
}

/// Serializes a secret that opted in to serialization: itself, or `"[REDACTED]"` inside a
/// redacted serialization. Every path that writes a secret's value goes through here.
pub(crate) fn serialize_opted_in<T: Serialize + ?Sized, S: Serializer>(
    exposed: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match redacting() {
        true => serializer.serialize_str(REDACTED),
        false => exposed.serialize(serializer),
    }
}

/// Marks a redacted serialization as running until dropped, a panic included.
struct RedactingScope;

impl RedactingScope {
    fn enter() -> Self {
        REDACTING.with(|depth| depth.set(depth.get() + 1));
        RedactingScope
    }
}

impl Drop for RedactingScope {
    fn drop(&mut self) {
        REDACTING.with(|depth| depth.set(depth.get() - 1));
    }
}

/// The value of [`redacted`]: `Serialize` writes the redacted form, `Debug` the value's own
/// (redacted) `Debug`.
pub struct Redacted<'a, T: ?Sized>(&'a T);

impl<T: SerializeRedacted + ?Sized> Serialize for Redacted<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let _scope = RedactingScope::enter();
        self.0.serialize_redacted(serializer)
    }
}

impl<T: fmt::Debug + ?Sized> fmt::Debug for Redacted<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Serializes any value as `"[REDACTED]"`, for
/// `#[serde(serialize_with = "secure::redact::serialize_redacted")]` on a sensitive field.
///
/// ```
/// #[derive(serde::Serialize)]
/// struct Row {
///     #[serde(serialize_with = "secure::redact::serialize_redacted")]
///     token: String,
/// }
///
/// let row = Row { token: "t0k3n".into() };
/// assert_eq!(serde_json::to_string(&row).unwrap(), r#"{"token":"[REDACTED]"}"#);
/// ```
pub fn serialize_redacted<T: ?Sized, S: Serializer>(
    _value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(REDACTED)
}

/// Serializes text masked as [`Partial`] shows it, `FIRST` leading and `LAST` trailing
/// characters around the mask, for
/// `#[serde(serialize_with = "secure::redact::serialize_partial::<0, 4, _, _>")]` on a field
/// a response may show in part, such as the end of a card number.
///
/// ```
/// #[derive(serde::Serialize)]
/// struct Card {
///     #[serde(serialize_with = "secure::redact::serialize_partial::<0, 4, _, _>")]
///     number: String,
/// }
///
/// let card = Card { number: "4111 1111 1111 1234".into() };
/// assert_eq!(serde_json::to_string(&card).unwrap(), r#"{"number":"****1234"}"#);
/// ```
pub fn serialize_partial<const FIRST: usize, const LAST: usize, T, S>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error>
where
    T: MaskTarget + ?Sized,
    S: Serializer,
{
    Partial::of(value, FIRST, LAST).serialize(serializer)
}

/// Text that can be shown partly, by `#[sensitive(partial(first = N, last = M))]`.
#[diagnostic::on_unimplemented(
    message = "`partial` masking shows part of some text, and `{Self}` is not text",
    label = "`partial` needs a `String`, `&str`, `Cow<str>` or `Secret<String>`, or an `Option` of one",
    note = "use `#[sensitive]` to hide the whole value"
)]
pub trait MaskTarget {
    /// The text to mask, or `None` when absent.
    fn masked_text(&self) -> Option<&str>;
}

macro_rules! mask_text {
    ($($ty:ty),*) => {$(
        impl MaskTarget for $ty {
            fn masked_text(&self) -> Option<&str> {
                Some(self)
            }
        }
    )*};
}

mask_text!(str, String, Cow<'_, str>);

impl<T: MaskTarget + ?Sized> MaskTarget for &T {
    fn masked_text(&self) -> Option<&str> {
        (**self).masked_text()
    }
}

impl<T: MaskTarget + ?Sized> MaskTarget for Box<T> {
    fn masked_text(&self) -> Option<&str> {
        (**self).masked_text()
    }
}

impl<T: MaskTarget> MaskTarget for Option<T> {
    fn masked_text(&self) -> Option<&str> {
        self.as_ref().and_then(MaskTarget::masked_text)
    }
}

impl<T: MaskTarget + Zeroize> MaskTarget for Secret<T> {
    fn masked_text(&self) -> Option<&str> {
        self.expose_secret().masked_text()
    }
}

/// A partial mask of some text: the first `first` and last `last` characters around
/// [`MASK`].
///
/// The ends are shown only when at least as many characters stay hidden as are shown;
/// shorter values, and absent ones, show `[REDACTED]` instead. So a four-digit suffix of a
/// card number is shown, but the last four characters of a five-character secret are not.
///
/// ```
/// use secure::redact::Partial;
///
/// assert_eq!(Partial::new("4111 1111 1111 1234", 0, 4).to_string(), "****1234");
/// assert_eq!(Partial::new("ada@example.com", 1, 4).to_string(), "a****.com");
/// assert_eq!(Partial::new("12345", 0, 4).to_string(), "[REDACTED]");
/// ```
#[derive(Clone, Copy)]
pub struct Partial<'a> {
    text: Option<&'a str>,
    first: usize,
    last: usize,
}

impl<'a> Partial<'a> {
    /// Masks `text`, showing `first` leading and `last` trailing characters at most.
    pub fn new(text: &'a str, first: usize, last: usize) -> Self {
        Partial {
            text: Some(text),
            first,
            last,
        }
    }

    /// Masks a field value: the derive calls this for `#[sensitive(partial(..))]`.
    pub fn of<T: MaskTarget + ?Sized>(value: &'a T, first: usize, last: usize) -> Self {
        Partial {
            text: value.masked_text(),
            first,
            last,
        }
    }

    fn ends(&self) -> Option<(&'a str, &'a str)> {
        let text = self.text?;
        let shown = self.first + self.last;
        // At least twice as many characters as are shown, counted only that far.
        if shown == 0 || text.chars().nth(shown * 2 - 1).is_none() {
            return None;
        }
        let head_end = text
            .char_indices()
            .nth(self.first)
            .map_or(text.len(), |(at, _)| at);
        let tail_start = match self.last {
            0 => text.len(),
            last => text
                .char_indices()
                .nth_back(last - 1)
                .map_or(0, |(at, _)| at),
        };
        Some((&text[..head_end], &text[tail_start..]))
    }
}

impl fmt::Display for Partial<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.ends() {
            Some((head, tail)) => write!(f, "{head}{MASK}{tail}"),
            None => f.write_str(REDACTED),
        }
    }
}

impl fmt::Debug for Partial<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some((head, tail)) = self.ends() else {
            return f.write_str(REDACTED);
        };
        f.write_char('"')?;
        write_escaped(f, head)?;
        f.write_str(MASK)?;
        write_escaped(f, tail)?;
        f.write_char('"')
    }
}

/// Writes `text` as `escape_debug` does, in runs: the characters that need no escape are
/// written a slice at a time rather than one by one.
fn write_escaped(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    let mut run = 0;
    for (at, character) in text.char_indices() {
        let escaped = character.escape_debug();
        if escaped.len() != 1 {
            f.write_str(&text[run..at])?;
            for part in escaped {
                f.write_char(part)?;
            }
            run = at + character.len_utf8();
        }
    }
    f.write_str(&text[run..])
}

impl Serialize for Partial<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Shows `[REDACTED]` in `Debug` and serializes as `"[REDACTED]"`.
#[derive(Clone, Copy)]
pub struct Hidden;

impl fmt::Debug for Hidden {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl Serialize for Hidden {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(REDACTED)
    }
}

impl<T: Zeroize> SerializeRedacted for Secret<T> {
    fn serialize_redacted<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(REDACTED)
    }
}

macro_rules! plain {
    ($($ty:ty),*) => {$(
        impl SerializeRedacted for $ty {
            fn serialize_redacted<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.serialize(serializer)
            }
        }
    )*};
}

plain!(
    bool,
    char,
    str,
    String,
    Cow<'_, str>,
    i8,
    i16,
    i32,
    i64,
    i128,
    isize,
    u8,
    u16,
    u32,
    u64,
    u128,
    usize,
    f32,
    f64,
    ()
);

macro_rules! through_pointer {
    ($($ty:ident),*) => {$(
        impl<T: SerializeRedacted + ?Sized> SerializeRedacted for $ty<T> {
            fn serialize_redacted<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                (**self).serialize_redacted(serializer)
            }
        }
    )*};
}

through_pointer!(Box, Rc, Arc);

impl<T: SerializeRedacted + ?Sized> SerializeRedacted for &T {
    fn serialize_redacted<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize_redacted(serializer)
    }
}

impl<T: SerializeRedacted> SerializeRedacted for Option<T> {
    fn serialize_redacted<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) => serializer.serialize_some(&Redacted(value)),
            None => serializer.serialize_none(),
        }
    }
}

fn redacted_seq<'a, T, S>(
    items: impl ExactSizeIterator<Item = &'a T>,
    serializer: S,
) -> Result<S::Ok, S::Error>
where
    T: SerializeRedacted + 'a,
    S: Serializer,
{
    let mut seq = serializer.serialize_seq(Some(items.len()))?;
    for item in items {
        seq.serialize_element(&Redacted(item))?;
    }
    seq.end()
}

macro_rules! sequences {
    ($([$($generics:tt)*] $ty:ty),* $(,)?) => {$(
        impl<$($generics)*> SerializeRedacted for $ty {
            fn serialize_redacted<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                redacted_seq(self.iter(), serializer)
            }
        }
    )*};
}

sequences!(
    [T: SerializeRedacted] [T],
    [T: SerializeRedacted, const N: usize] [T; N],
    [T: SerializeRedacted] Vec<T>,
    [T: SerializeRedacted] VecDeque<T>,
    [T: SerializeRedacted] BTreeSet<T>,
    [T: SerializeRedacted, H] HashSet<T, H>,
);

macro_rules! maps {
    ($([$($generics:tt)*] $ty:ty),* $(,)?) => {$(
        impl<$($generics)*> SerializeRedacted for $ty {
            fn serialize_redacted<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.len()))?;
                for (key, value) in self {
                    map.serialize_entry(key, &Redacted(value))?;
                }
                map.end()
            }
        }
    )*};
}

maps!(
    [K: Serialize, V: SerializeRedacted] BTreeMap<K, V>,
    [K: Serialize, V: SerializeRedacted, H] HashMap<K, V, H>,
);

/// Records a value as a `tracing` field in its redacted JSON form.
///
/// ```
/// use secure::prelude::*;
///
/// #[derive(Redact)]
/// struct Login {
///     user: String,
///     #[sensitive]
///     password: String,
/// }
///
/// let login = Login { user: "ada".into(), password: "hunter2".into() };
/// tracing::info!(login = secure::redact::field(&login), "login attempt");
/// assert_eq!(
///     secure::redact::field(&login).to_string(),
///     r#"{"user":"ada","password":"[REDACTED]"}"#
/// );
/// ```
#[cfg(feature = "tracing")]
pub fn field<T: SerializeRedacted + ?Sized>(
    value: &T,
) -> tracing::field::DisplayValue<Json<'_, T>> {
    tracing::field::display(Json(value))
}

/// The redacted JSON form of a value, written by its `Display`.
#[cfg(feature = "tracing")]
pub struct Json<'a, T: ?Sized>(&'a T);

#[cfg(feature = "tracing")]
impl<T: SerializeRedacted + ?Sized> fmt::Display for Json<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = serde_json::to_string(&Redacted(self.0)).map_err(|_| fmt::Error)?;
        f.write_str(&text)
    }
}

#[cfg(feature = "tracing")]
impl<T: SerializeRedacted + ?Sized> fmt::Debug for Json<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// What the derives call; not public API.
#[doc(hidden)]
pub mod __private {
    use serde::{Serialize, Serializer};

    pub use super::flat::FlatMap;

    use super::{Redacted, SerializeRedacted};

    /// Picks the redacted serialization of a field when its type has one, and its plain
    /// `Serialize` otherwise (for types such as timestamps that carry nothing sensitive).
    /// Method resolution tries `UseRedacted` (on `&Field`) before `UsePlain` (on `Field`).
    pub struct Field<'a, T: ?Sized>(pub &'a T);

    impl<T: ?Sized> Clone for Field<'_, T> {
        fn clone(&self) -> Self {
            *self
        }
    }

    impl<T: ?Sized> Copy for Field<'_, T> {}

    pub trait UseRedacted<'a, T: ?Sized> {
        fn pick(self) -> Redacted<'a, T>;
    }

    impl<'a, T: SerializeRedacted + ?Sized> UseRedacted<'a, T> for &Field<'a, T> {
        fn pick(self) -> Redacted<'a, T> {
            Redacted(self.0)
        }
    }

    pub trait UsePlain<'a, T: ?Sized> {
        fn pick(self) -> Plain<'a, T>;
    }

    impl<'a, T: Serialize + ?Sized> UsePlain<'a, T> for Field<'a, T> {
        fn pick(self) -> Plain<'a, T> {
            Plain(self.0)
        }
    }

    pub struct Plain<'a, T: ?Sized>(&'a T);

    impl<T: Serialize + ?Sized> Serialize for Plain<'_, T> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            self.0.serialize(serializer)
        }
    }

    /// The checks the derives emit as trait probes: method resolution on `(&Probe::<T>::new())`
    /// tries the impl on `Probe<T>` (bounded on the property checked) before the one on
    /// `&Probe<T>`, which answers `Private`. For `Serialize`, `Probe<T>` answers
    /// `SerializedInPlainText` when `T: Serialize`; only `Private` satisfies the
    /// `StaysPrivate` traits, one per place the `#[sensitive]` mark is written.
    pub struct Probe<T: ?Sized>(core::marker::PhantomData<T>);

    impl<T: ?Sized> Probe<T> {
        pub const fn new() -> Self {
            Probe(core::marker::PhantomData)
        }
    }

    impl<T: ?Sized> Default for Probe<T> {
        fn default() -> Self {
            Self::new()
        }
    }

    pub trait ProbeSerialize<T: ?Sized> {
        fn probe(&self) -> SerializedInPlainText<T>;
    }

    impl<T: Serialize + ?Sized> ProbeSerialize<T> for Probe<T> {
        fn probe(&self) -> SerializedInPlainText<T> {
            SerializedInPlainText(core::marker::PhantomData)
        }
    }

    pub trait ProbeOther {
        fn probe(&self) -> Private;
    }

    impl<T: ?Sized> ProbeOther for &Probe<T> {
        fn probe(&self) -> Private {
            Private
        }
    }

    pub struct SerializedInPlainText<T: ?Sized>(core::marker::PhantomData<T>);

    pub struct Private;

    #[diagnostic::on_unimplemented(
        message = "a `#[sensitive]` field would be serialized in plain text",
        label = "this field is `#[sensitive]`, and the type it belongs to implements `Serialize`",
        note = "say what serialization does with it: `#[serde(skip_serializing)]` leaves it out, `#[serde(serialize_with = \"secure::redact::serialize_redacted\")]` writes \"[REDACTED]\""
    )]
    pub trait StaysPrivate {}

    #[diagnostic::on_unimplemented(
        message = "a field of a `#[sensitive]` variant would be serialized in plain text",
        label = "the variant is `#[sensitive]`, so this field is too, and the type it belongs to implements `Serialize`",
        note = "say what serialization does with the variant: `#[serde(skip_serializing)]` on it refuses to serialize it; or with each field: `#[serde(skip_serializing)]` leaves it out, `#[serde(serialize_with = \"secure::redact::serialize_redacted\")]` writes \"[REDACTED]\""
    )]
    pub trait VariantStaysPrivate {}

    #[diagnostic::on_unimplemented(
        message = "a field of a `#[sensitive]` type would be serialized in plain text",
        label = "the type is `#[sensitive]`, so this field is too, and the type implements `Serialize`",
        note = "say what serialization does with each field: `#[serde(skip_serializing)]` leaves it out, `#[serde(serialize_with = \"secure::redact::serialize_redacted\")]` writes \"[REDACTED]\"; or serialize the whole type as another with `#[serde(into = \"..\")]`"
    )]
    pub trait TypeStaysPrivate {}

    impl StaysPrivate for Private {}

    impl VariantStaysPrivate for Private {}

    impl TypeStaysPrivate for Private {}

    pub fn assert_stays_private<P: StaysPrivate>(_: P) {}

    pub fn assert_variant_stays_private<P: VariantStaysPrivate>(_: P) {}

    pub fn assert_type_stays_private<P: TypeStaysPrivate>(_: P) {}

    /// Written by `#[derive(Redact)]`: the type's `Debug` is the one that hides its
    /// `#[sensitive]` values.
    pub trait DebugByRedact {}

    /// The check that a type with `#[sensitive]` marks has no `Debug` but `Redact`'s:
    /// `Probe<T>` answers `HasDebug<T>` when `T: Debug` and `Private` otherwise.
    pub trait ProbeDebug<T: ?Sized> {
        fn probe(&self) -> HasDebug<T>;
    }

    impl<T: core::fmt::Debug + ?Sized> ProbeDebug<T> for Probe<T> {
        fn probe(&self) -> HasDebug<T> {
            HasDebug(core::marker::PhantomData)
        }
    }

    pub struct HasDebug<T: ?Sized>(core::marker::PhantomData<T>);

    #[diagnostic::on_unimplemented(
        message = "`Debug` would print the `#[sensitive]` values of this type",
        label = "this is `#[sensitive]`, and the type's `Debug` is not the one `#[derive(Redact)]` writes",
        note = "derive `Redact` in place of `Debug`: it writes a `Debug` that hides every `#[sensitive]` value"
    )]
    pub trait DebugHidesSensitive {}

    #[diagnostic::do_not_recommend]
    impl DebugHidesSensitive for Private {}

    #[diagnostic::do_not_recommend]
    impl<T: DebugByRedact + ?Sized> DebugHidesSensitive for HasDebug<T> {}

    pub fn assert_debug_hides_sensitive<P: DebugHidesSensitive>(_: P) {}

    /// A field that a type or variant mark covers and whose type names `Secret`: it may be
    /// serialized only when it holds nothing but `secure::Secret` values, which serialize
    /// only by their own opt-in. A type merely named `Secret`, or a `Secret` beside a plain
    /// value (a tuple, a map's keys), is checked as any other field.
    pub trait SecretFieldStaysPrivate<F: ?Sized> {}

    impl<F: ?Sized> SecretFieldStaysPrivate<F> for Private {}

    impl<T: ?Sized, F: HoldsOnlySecrets + ?Sized> SecretFieldStaysPrivate<F>
        for SerializedInPlainText<T>
    {
    }

    pub fn assert_secret_field_stays_private<F: ?Sized, P: SecretFieldStaysPrivate<F>>(_: P) {}

    /// Types whose serialization writes nothing but `Secret` values.
    #[diagnostic::on_unimplemented(
        message = "a field of a `#[sensitive]` type or variant would be serialized in plain text",
        label = "the mark covers this field, and `{Self}` is not only `secure::Secret` values",
        note = "only `secure::Secret`, alone or in an `Option`, `Vec`, `Box`, array or slice, keeps itself out of serialization; say what serialization does with this field: `#[serde(skip_serializing)]` leaves it out, `#[serde(serialize_with = \"secure::redact::serialize_redacted\")]` writes \"[REDACTED]\""
    )]
    pub trait HoldsOnlySecrets {}

    impl<T: zeroize::Zeroize> HoldsOnlySecrets for crate::Secret<T> {}
    impl<T: HoldsOnlySecrets> HoldsOnlySecrets for Option<T> {}
    impl<T: HoldsOnlySecrets> HoldsOnlySecrets for Vec<T> {}
    impl<T: HoldsOnlySecrets + ?Sized> HoldsOnlySecrets for Box<T> {}
    impl<T: HoldsOnlySecrets> HoldsOnlySecrets for [T] {}
    impl<T: HoldsOnlySecrets, const N: usize> HoldsOnlySecrets for [T; N] {}
    impl<T: HoldsOnlySecrets + ?Sized> HoldsOnlySecrets for &T {}
    impl<T: HoldsOnlySecrets + ?Sized> HoldsOnlySecrets for std::rc::Rc<T> {}
    impl<T: HoldsOnlySecrets + ?Sized> HoldsOnlySecrets for std::sync::Arc<T> {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_masks_show_only_the_requested_ends() {
        for (text, first, last, expected) in [
            ("4111 1111 1111 1234", 0, 4, "****1234"),
            ("+1-555-0100", 0, 4, "****0100"),
            ("ada@example.com", 2, 0, "ad****"),
            ("日本語のテキスト", 1, 1, "日****ト"),
            ("12345678", 0, 4, "****5678"),
            ("1234567", 0, 4, "[REDACTED]"),
            ("ab", 0, 4, "[REDACTED]"),
            ("", 1, 1, "[REDACTED]"),
            ("anything", 0, 0, "[REDACTED]"),
        ] {
            assert_eq!(
                Partial::new(text, first, last).to_string(),
                expected,
                "{text}"
            );
        }
    }

    #[test]
    fn masks_have_a_fixed_width_whatever_the_length() {
        let short = Partial::new("12345678", 0, 4).to_string();
        let long = Partial::new(&"9".repeat(60), 0, 4).to_string();
        assert_eq!(short.len(), long.len());
    }

    #[test]
    fn absent_values_are_redacted_too() {
        let none: Option<String> = None;
        assert_eq!(Partial::of(&none, 0, 4).to_string(), "[REDACTED]");
        assert_eq!(
            format!("{:?}", Partial::of(&Some("12345678"), 0, 4)),
            "\"****5678\""
        );
    }
}
