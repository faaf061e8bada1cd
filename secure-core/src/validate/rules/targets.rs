//! The traits that decide which field types each rule accepts.
//!
//! Each rule has its own trait so that a rule on the wrong type is reported in the rule's own
//! words. Text rules accept every owned and borrowed string type, and see through `Option`
//! (absent values pass), references, `Box`, `Rc`, `Arc` and [`Secret`](crate::Secret)
//! (checked without being exposed to anything but the rule).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::rc::Rc;
use std::sync::Arc;

use secrecy::ExposeSecret;
use zeroize::Zeroize;

use crate::Secret;

macro_rules! text_targets {
    ($($(#[$attr:meta])* $name:ident;)*) => {$(
        $(#[$attr])*
        pub trait $name {
            /// The text to check, or `None` when the value is absent.
            fn text(&self) -> Option<&str>;
        }

        impl $name for str {
            #[inline]
            fn text(&self) -> Option<&str> {
                Some(self)
            }
        }

        impl $name for String {
            #[inline]
            fn text(&self) -> Option<&str> {
                Some(self)
            }
        }

        impl $name for Cow<'_, str> {
            #[inline]
            fn text(&self) -> Option<&str> {
                Some(self)
            }
        }

        impl<T: $name + ?Sized> $name for &T {
            #[inline]
            fn text(&self) -> Option<&str> {
                (**self).text()
            }
        }

        impl<T: $name + ?Sized> $name for Box<T> {
            #[inline]
            fn text(&self) -> Option<&str> {
                (**self).text()
            }
        }

        impl<T: $name + ?Sized> $name for Rc<T> {
            #[inline]
            fn text(&self) -> Option<&str> {
                (**self).text()
            }
        }

        impl<T: $name + ?Sized> $name for Arc<T> {
            #[inline]
            fn text(&self) -> Option<&str> {
                (**self).text()
            }
        }

        impl<T: $name> $name for Option<T> {
            #[inline]
            fn text(&self) -> Option<&str> {
                self.as_ref().and_then(T::text)
            }
        }

        impl<T: $name + Zeroize> $name for Secret<T> {
            #[inline]
            fn text(&self) -> Option<&str> {
                self.expose_secret().text()
            }
        }
    )*};
}

text_targets! {
    /// Types the `email` rule can check.
    #[diagnostic::on_unimplemented(
        message = "the `email` rule checks text, and `{Self}` is not a string type",
        label = "`email` needs a `String`, `&str`, `Cow<str>` or `Secret<String>`, or an `Option` of one",
        note = "to check every element of a collection, write `each(email)`"
    )]
    EmailTarget;

    /// Types the `url` rule can check.
    #[diagnostic::on_unimplemented(
        message = "the `url` rule checks text, and `{Self}` is not a string type",
        label = "`url` needs a `String`, `&str`, `Cow<str>` or `Secret<String>`, or an `Option` of one",
        note = "to check every element of a collection, write `each(url)`"
    )]
    UrlTarget;

    /// Types the `pattern` rule can check.
    #[diagnostic::on_unimplemented(
        message = "the `pattern` rule checks text, and `{Self}` is not a string type",
        label = "`pattern` needs a `String`, `&str`, `Cow<str>` or `Secret<String>`, or an `Option` of one",
        note = "to check every element of a collection, write `each(pattern(\"..\"))`"
    )]
    PatternTarget;

    /// Types `one_of` with string values can check.
    #[diagnostic::on_unimplemented(
        message = "`one_of` with text values checks text, and `{Self}` is not a string type",
        label = "`one_of(\"..\")` needs a `String`, `&str`, `Cow<str>` or `Secret<String>`, or an `Option` of one",
        note = "for numbers, list numeric values: `one_of(1, 2, 3)`"
    )]
    OneOfTextTarget;

    /// Types the `ascii` rule can check.
    #[diagnostic::on_unimplemented(
        message = "the `ascii` rule checks text, and `{Self}` is not a string type",
        label = "`ascii` needs a `String`, `&str`, `Cow<str>` or `Secret<String>`, or an `Option` of one"
    )]
    AsciiTarget;

    /// Types the `alphanumeric` rule can check.
    #[diagnostic::on_unimplemented(
        message = "the `alphanumeric` rule checks text, and `{Self}` is not a string type",
        label = "`alphanumeric` needs a `String`, `&str`, `Cow<str>` or `Secret<String>`, or an `Option` of one"
    )]
    AlphanumericTarget;

    /// Types the `no_control` rule can check.
    #[diagnostic::on_unimplemented(
        message = "the `no_control` rule checks text, and `{Self}` is not a string type",
        label = "`no_control` needs a `String`, `&str`, `Cow<str>` or `Secret<String>`, or an `Option` of one"
    )]
    NoControlTarget;

    /// Types the `contains`, `not_contains`, `starts_with` and `ends_with` rules can check.
    #[diagnostic::on_unimplemented(
        message = "substring rules check text, and `{Self}` is not a string type",
        label = "this rule needs a `String`, `&str`, `Cow<str>` or `Secret<String>`, or an `Option` of one"
    )]
    SubstringTarget;

    /// Types the `ip`, `ipv4` and `ipv6` rules can check.
    #[diagnostic::on_unimplemented(
        message = "the IP address rules check text, and `{Self}` is not a string type",
        label = "this rule needs a `String`, `&str` or `Cow<str>`, or an `Option` of one",
        note = "a field of type `std::net::IpAddr` is already a valid address: use `skip`"
    )]
    IpTarget;

    /// Types the `uuid` rule can check.
    #[diagnostic::on_unimplemented(
        message = "the `uuid` rule checks text, and `{Self}` is not a string type",
        label = "`uuid` needs a `String`, `&str` or `Cow<str>`, or an `Option` of one"
    )]
    UuidTarget;

    /// Types `length(bytes, ..)` and `length(graphemes, ..)` can measure.
    #[diagnostic::on_unimplemented(
        message = "`length` in `bytes` or `graphemes` measures text, and `{Self}` is not a string type",
        label = "this unit needs a `String`, `&str`, `Cow<str>` or `Secret<String>`, or an `Option` of one",
        note = "collections are measured in items: drop the unit"
    )]
    TextLengthTarget;

    /// Types whose text sanitizers can read before rewriting.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` is not text",
        label = "this needs a string type"
    )]
    AnyText;
}

/// Types the `length` rule can measure: text in characters, collections in items.
#[diagnostic::on_unimplemented(
    message = "the `length` rule cannot measure `{Self}`",
    label = "`length` needs text (counted in characters) or a collection (counted in items)",
    note = "for numbers, use `range(..)`"
)]
pub trait LengthTarget {
    /// The unit reported with a failure: `"chars"` or `"items"`.
    const UNIT: &'static str;

    /// Whether the length is within `bounds`; absent values fit.
    fn fits(&self, bounds: &super::LengthBounds) -> bool;
}

macro_rules! length_text {
    ($($ty:ty),*) => {$(
        impl LengthTarget for $ty {
            const UNIT: &'static str = "chars";

            #[inline]
            fn fits(&self, bounds: &super::LengthBounds) -> bool {
                bounds.fits_chars(self)
            }
        }
    )*};
}

length_text!(str, String, Cow<'_, str>);

macro_rules! length_items {
    ($([$($generics:tt)*] $ty:ty),* $(,)?) => {$(
        impl<$($generics)*> LengthTarget for $ty {
            const UNIT: &'static str = "items";

            #[inline]
            fn fits(&self, bounds: &super::LengthBounds) -> bool {
                bounds.fits_count(self.len())
            }
        }
    )*};
}

length_items!(
    [T] [T],
    [T, const N: usize] [T; N],
    [T] Vec<T>,
    [T] VecDeque<T>,
    [K, V, S] HashMap<K, V, S>,
    [K, V] BTreeMap<K, V>,
    [T, S] HashSet<T, S>,
    [T] BTreeSet<T>,
);

macro_rules! length_wrappers {
    ($([$($generics:tt)*] $ty:ty),* $(,)?) => {$(
        impl<$($generics)*> LengthTarget for $ty {
            const UNIT: &'static str = T::UNIT;

            #[inline]
            fn fits(&self, bounds: &super::LengthBounds) -> bool {
                (**self).fits(bounds)
            }
        }
    )*};
}

length_wrappers!(
    [T: LengthTarget + ?Sized] &T,
    [T: LengthTarget + ?Sized] Box<T>,
    [T: LengthTarget + ?Sized] Rc<T>,
    [T: LengthTarget + ?Sized] Arc<T>,
);

impl<T: LengthTarget> LengthTarget for Option<T> {
    const UNIT: &'static str = T::UNIT;

    #[inline]
    fn fits(&self, bounds: &super::LengthBounds) -> bool {
        self.as_ref().is_none_or(|value| value.fits(bounds))
    }
}

impl<T: LengthTarget + Zeroize> LengthTarget for Secret<T> {
    const UNIT: &'static str = T::UNIT;

    #[inline]
    fn fits(&self, bounds: &super::LengthBounds) -> bool {
        self.expose_secret().fits(bounds)
    }
}

/// Numbers the `range` rule can compare.
#[diagnostic::on_unimplemented(
    message = "the `range` rule compares numbers, and `{Self}` is not a number type",
    label = "`range` needs an integer or float type, or an `Option` of one",
    note = "for text or collections, use `length(..)`"
)]
pub trait RangeTarget {
    /// The number type the bounds are written in.
    type Number: PartialOrd + Copy + Into<crate::validate::ParamValue>;

    /// The number, or `None` when absent.
    fn number(&self) -> Option<Self::Number>;

    /// Whether the number may be compared at all: `false` for NaN and infinities.
    fn is_comparable(number: Self::Number) -> bool;
}

macro_rules! range_ints {
    ($($ty:ty),*) => {$(
        impl RangeTarget for $ty {
            type Number = $ty;

            #[inline]
            fn number(&self) -> Option<$ty> {
                Some(*self)
            }

            #[inline]
            fn is_comparable(_: $ty) -> bool {
                true
            }
        }
    )*};
}

range_ints!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize
);

macro_rules! range_floats {
    ($($ty:ty),*) => {$(
        impl RangeTarget for $ty {
            type Number = $ty;

            #[inline]
            fn number(&self) -> Option<$ty> {
                Some(*self)
            }

            #[inline]
            fn is_comparable(number: $ty) -> bool {
                number.is_finite()
            }
        }
    )*};
}

range_floats!(f32, f64);

macro_rules! range_wrappers {
    ($([$($generics:tt)*] $ty:ty),* $(,)?) => {$(
        impl<$($generics)*> RangeTarget for $ty {
            type Number = T::Number;

            #[inline]
            fn number(&self) -> Option<T::Number> {
                (**self).number()
            }

            #[inline]
            fn is_comparable(number: T::Number) -> bool {
                T::is_comparable(number)
            }
        }
    )*};
}

range_wrappers!(
    [T: RangeTarget + ?Sized] &T,
    [T: RangeTarget + ?Sized] Box<T>,
    [T: RangeTarget + ?Sized] Rc<T>,
    [T: RangeTarget + ?Sized] Arc<T>,
);

impl<T: RangeTarget> RangeTarget for Option<T> {
    type Number = T::Number;

    #[inline]
    fn number(&self) -> Option<T::Number> {
        self.as_ref().and_then(T::number)
    }

    #[inline]
    fn is_comparable(number: T::Number) -> bool {
        T::is_comparable(number)
    }
}

impl<T: RangeTarget + Zeroize> RangeTarget for Secret<T> {
    type Number = T::Number;

    #[inline]
    fn number(&self) -> Option<T::Number> {
        self.expose_secret().number()
    }

    #[inline]
    fn is_comparable(number: T::Number) -> bool {
        T::is_comparable(number)
    }
}

/// Numbers `one_of` with numeric values can look up: every type the `range` rule compares.
#[diagnostic::on_unimplemented(
    message = "`one_of` with numeric values compares numbers, and `{Self}` is not a number type",
    label = "`one_of(1, 2, ..)` needs an integer or float type, or an `Option` of one",
    note = "for text, list quoted values: `one_of(\"draft\", \"published\")`"
)]
pub trait OneOfNumberTarget {
    /// The number type the values are written in.
    type Number: PartialOrd + Copy;

    /// The number to look up, or `None` when absent.
    fn candidate(&self) -> Option<Self::Number>;
}

// Hidden from diagnostics, so that a type that is not a number is reported in the words of
// `one_of` rather than those of `range`.
#[diagnostic::do_not_recommend]
impl<T: RangeTarget + ?Sized> OneOfNumberTarget for T {
    type Number = T::Number;

    #[inline]
    fn candidate(&self) -> Option<T::Number> {
        self.number()
    }
}

/// Fields the `required` rule applies to.
#[diagnostic::on_unimplemented(
    message = "the `required` rule applies to `Option` fields, and `{Self}` is not an `Option`",
    label = "a field of type `{Self}` is always present",
    note = "remove `required`, or make the field an `Option`"
)]
pub trait RequiredTarget {
    /// Whether a value is present.
    fn is_present(&self) -> bool;
}

impl<T> RequiredTarget for Option<T> {
    #[inline]
    fn is_present(&self) -> bool {
        self.is_some()
    }
}

/// Collections whose elements `each(..)` checks.
#[diagnostic::on_unimplemented(
    message = "`each(..)` checks the elements of a collection, and `{Self}` is not one",
    label = "`each` needs a `Vec`, slice, array, `VecDeque` or set, or an `Option` of one",
    note = "for maps, use `keys(..)` and `values(..)`; for a single value, write the rules directly"
)]
pub trait EachTarget {
    /// The element type.
    type Item: ?Sized;

    /// Calls `visit` with each element and its position.
    fn for_each_item<F: FnMut(usize, &Self::Item)>(&self, visit: F);
}

macro_rules! each_sequences {
    ($([$($generics:tt)*] $ty:ty),* $(,)?) => {$(
        impl<$($generics)*> EachTarget for $ty {
            type Item = T;

            #[inline]
            fn for_each_item<F: FnMut(usize, &T)>(&self, mut visit: F) {
                for (index, item) in self.iter().enumerate() {
                    visit(index, item);
                }
            }
        }
    )*};
}

each_sequences!(
    [T] [T],
    [T, const N: usize] [T; N],
    [T] Vec<T>,
    [T] VecDeque<T>,
    [T, S] HashSet<T, S>,
    [T] BTreeSet<T>,
);

macro_rules! each_wrappers {
    ($([$($generics:tt)*] $ty:ty),* $(,)?) => {$(
        impl<$($generics)*> EachTarget for $ty {
            type Item = T::Item;

            #[inline]
            fn for_each_item<F: FnMut(usize, &T::Item)>(&self, visit: F) {
                (**self).for_each_item(visit)
            }
        }
    )*};
}

each_wrappers!(
    [T: EachTarget + ?Sized] &T,
    [T: EachTarget + ?Sized] Box<T>,
    [T: EachTarget + ?Sized] Rc<T>,
    [T: EachTarget + ?Sized] Arc<T>,
);

impl<T: EachTarget> EachTarget for Option<T> {
    type Item = T::Item;

    #[inline]
    fn for_each_item<F: FnMut(usize, &T::Item)>(&self, visit: F) {
        if let Some(collection) = self {
            collection.for_each_item(visit);
        }
    }
}

/// Maps whose keys and values `keys(..)` and `values(..)` check.
#[diagnostic::on_unimplemented(
    message = "`keys(..)` and `values(..)` check the entries of a map, and `{Self}` is not one",
    label = "this needs a `HashMap` or `BTreeMap`, or an `Option` of one",
    note = "for sequences, use `each(..)`"
)]
pub trait MapTarget {
    /// The key type.
    type Key;
    /// The value type.
    type Value;

    /// Calls `visit` with each entry.
    fn for_each_entry<F: FnMut(&Self::Key, &Self::Value)>(&self, visit: F);
}

impl<K, V, S> MapTarget for HashMap<K, V, S> {
    type Key = K;
    type Value = V;

    #[inline]
    fn for_each_entry<F: FnMut(&K, &V)>(&self, mut visit: F) {
        for (key, value) in self {
            visit(key, value);
        }
    }
}

impl<K, V> MapTarget for BTreeMap<K, V> {
    type Key = K;
    type Value = V;

    #[inline]
    fn for_each_entry<F: FnMut(&K, &V)>(&self, mut visit: F) {
        for (key, value) in self {
            visit(key, value);
        }
    }
}

impl<T: MapTarget> MapTarget for Option<T> {
    type Key = T::Key;
    type Value = T::Value;

    #[inline]
    fn for_each_entry<F: FnMut(&T::Key, &T::Value)>(&self, visit: F) {
        if let Some(map) = self {
            map.for_each_entry(visit);
        }
    }
}

impl<T: MapTarget + ?Sized> MapTarget for Box<T> {
    type Key = T::Key;
    type Value = T::Value;

    #[inline]
    fn for_each_entry<F: FnMut(&T::Key, &T::Value)>(&self, visit: F) {
        (**self).for_each_entry(visit)
    }
}

impl<T: MapTarget + ?Sized> MapTarget for &T {
    type Key = T::Key;
    type Value = T::Value;

    #[inline]
    fn for_each_entry<F: FnMut(&T::Key, &T::Value)>(&self, visit: F) {
        (**self).for_each_entry(visit)
    }
}
