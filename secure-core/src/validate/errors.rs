//! The validation report: every failure with its path, code and parameters, never the value.

use core::fmt;

use serde::ser::{SerializeMap, SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};
use smallvec::SmallVec;

use super::location::{Location, Path};

/// A parameter of a failed rule, such as the `max` of `length`.
///
/// Parameters hold only numbers and text written in the program (`&'static str`), so a
/// report cannot carry text that arrived at run time.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum ParamValue {
    /// A signed integer.
    Int(i64),
    /// An unsigned integer.
    UInt(u64),
    /// A floating-point number.
    Float(f64),
    /// A flag.
    Bool(bool),
    /// Text written in the program.
    Str(&'static str),
    /// A list written in the program, such as the allowed values of `one_of`.
    List(&'static [ParamValue]),
}

impl fmt::Display for ParamValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParamValue::Int(value) => value.fmt(f),
            ParamValue::UInt(value) => value.fmt(f),
            ParamValue::Float(value) => value.fmt(f),
            ParamValue::Bool(value) => value.fmt(f),
            ParamValue::Str(value) => f.write_str(value),
            ParamValue::List(values) => {
                for (position, value) in values.iter().enumerate() {
                    if position > 0 {
                        f.write_str(", ")?;
                    }
                    value.fmt(f)?;
                }
                Ok(())
            }
        }
    }
}

impl Serialize for ParamValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            ParamValue::Int(value) => serializer.serialize_i64(value),
            ParamValue::UInt(value) => serializer.serialize_u64(value),
            ParamValue::Float(value) => serializer.serialize_f64(value),
            ParamValue::Bool(value) => serializer.serialize_bool(value),
            ParamValue::Str(value) => serializer.serialize_str(value),
            ParamValue::List(values) => {
                let mut seq = serializer.serialize_seq(Some(values.len()))?;
                for value in values {
                    seq.serialize_element(value)?;
                }
                seq.end()
            }
        }
    }
}

macro_rules! param_from {
    ($variant:ident as $target:ty: $($source:ty),*) => {$(
        impl From<$source> for ParamValue {
            fn from(value: $source) -> Self {
                ParamValue::$variant(value as $target)
            }
        }
    )*};
}

param_from!(Int as i64: i8, i16, i32, i64, isize);
param_from!(UInt as u64: u8, u16, u32, u64, usize);
param_from!(Float as f64: f32, f64);

impl From<i128> for ParamValue {
    fn from(value: i128) -> Self {
        i64::try_from(value).map_or(ParamValue::Float(value as f64), ParamValue::Int)
    }
}

impl From<u128> for ParamValue {
    fn from(value: u128) -> Self {
        u64::try_from(value).map_or(ParamValue::Float(value as f64), ParamValue::UInt)
    }
}

impl From<bool> for ParamValue {
    fn from(value: bool) -> Self {
        ParamValue::Bool(value)
    }
}

impl From<&'static str> for ParamValue {
    fn from(value: &'static str) -> Self {
        ParamValue::Str(value)
    }
}

impl From<&'static [ParamValue]> for ParamValue {
    fn from(values: &'static [ParamValue]) -> Self {
        ParamValue::List(values)
    }
}

// Four inline parameters hold every built-in rule's report (`range` has at most four), so a
// failure is recorded without allocating.
type Params = SmallVec<[(&'static str, ParamValue); 4]>;

/// What a built-in rule reports when it fails: a code, its parameters, and the message
/// written in the attribute, if any.
///
/// The functions of [`rules`](crate::validate::rules) return it; custom rules return the
/// smaller [`RuleError`].
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub struct Failure {
    code: &'static str,
    params: Params,
    message: Option<&'static str>,
}

impl Failure {
    pub(crate) fn new(code: &'static str) -> Self {
        Failure {
            code,
            params: Params::new(),
            message: None,
        }
    }

    pub(crate) fn with_param(mut self, name: &'static str, value: impl Into<ParamValue>) -> Self {
        self.push_param(name, value);
        self
    }

    /// Adds a parameter in place: a `Failure` is large, and building one by moving it through
    /// [`with_param`](Failure::with_param) once per parameter copies it each time.
    pub(crate) fn push_param(&mut self, name: &'static str, value: impl Into<ParamValue>) {
        self.params.push((name, value.into()));
    }

    pub(crate) fn with_message(mut self, message: &'static str) -> Self {
        self.message = Some(message);
        self
    }

    /// The machine-readable code, such as `"length"`.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// One parameter by name.
    pub fn param(&self, name: &str) -> Option<&ParamValue> {
        self.params
            .iter()
            .find(|(candidate, _)| *candidate == name)
            .map(|(_, value)| value)
    }
}

/// What a custom rule reports when it fails: a code, parameters and an optional message.
///
/// Custom rules return it:
///
/// ```
/// use secure::validate::RuleError;
///
/// fn even(value: &u32) -> Result<(), RuleError> {
///     if value % 2 == 0 {
///         Ok(())
///     } else {
///         Err(RuleError::new("even").with_message("must be an even number"))
///     }
/// }
///
/// assert_eq!(even(&3).unwrap_err().code(), "even");
/// ```
///
/// It is one pointer wide, so functions returning `Result<(), RuleError>` stay small; making
/// one allocates once.
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub struct RuleError(Box<Failure>);

impl RuleError {
    /// A failure with a stable machine-readable code, such as `"even"`.
    pub fn new(code: &'static str) -> Self {
        RuleError(Box::new(Failure::new(code)))
    }

    /// Adds a parameter that a client can use to explain the failure.
    ///
    /// Parameters of custom rules are dropped when the field is `#[sensitive]`, because they
    /// could have been computed from the value.
    pub fn with_param(mut self, name: &'static str, value: impl Into<ParamValue>) -> Self {
        self.0.params.push((name, value.into()));
        self
    }

    /// Sets the human-readable message, replacing the default for the code.
    pub fn with_message(mut self, message: &'static str) -> Self {
        self.0.message = Some(message);
        self
    }

    /// The machine-readable code.
    pub fn code(&self) -> &'static str {
        self.0.code
    }
}

/// One failed rule, located in the input.
#[derive(Clone, PartialEq)]
pub struct ValidationError {
    path: Path,
    failure: Failure,
}

impl ValidationError {
    /// Where the failure is, in the names the client sent.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The stable machine-readable code of the rule, such as `"length"` or `"email"`.
    pub fn code(&self) -> &'static str {
        self.failure.code
    }

    /// The parameters of the rule, such as `min` and `max`.
    pub fn params(&self) -> impl ExactSizeIterator<Item = (&'static str, &ParamValue)> + '_ {
        self.failure
            .params
            .iter()
            .map(|(name, value)| (*name, value))
    }

    /// One parameter by name.
    pub fn param(&self, name: &str) -> Option<&ParamValue> {
        self.failure.param(name)
    }

    /// The human-readable message, without the path.
    pub fn message(&self) -> impl fmt::Display + '_ {
        Message(self)
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_root() {
            write!(f, "{}", self.message())
        } else {
            write!(f, "{}: {}", self.path, self.message())
        }
    }
}

impl fmt::Debug for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ValidationError")
            .field("path", &format_args!("{}", self.path))
            .field("code", &self.failure.code)
            .field("params", &self.failure.params)
            .finish()
    }
}

impl Serialize for ValidationError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut error = serializer.serialize_struct("ValidationError", 4)?;
        error.serialize_field("path", &format_args!("{}", self.path))?;
        error.serialize_field("code", self.failure.code)?;
        error.serialize_field("message", &format_args!("{}", self.message()))?;
        error.serialize_field("params", &ParamsMap(&self.failure.params))?;
        error.end()
    }
}

struct ParamsMap<'a>(&'a Params);

impl Serialize for ParamsMap<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// Every failure found by one validation.
///
/// It never holds a rejected value: each failure has a [path](ValidationError::path) in the
/// client's terms, a stable [code](ValidationError::code) and the rule's
/// [parameters](ValidationError::params).
///
/// # JSON shape
///
/// Serialized, it is an array with one object per failure:
///
/// ```json
/// [
///   {
///     "path": "address.zip",
///     "code": "length",
///     "message": "must be between 3 and 10 characters long",
///     "params": { "min": 3, "max": 10, "unit": "chars" }
///   }
/// ]
/// ```
///
/// `path` is empty for a failure of the value as a whole. `message` is English text for
/// people; clients should branch on `code` and `params`.
///
/// A report holds at most [`MAX_FAILURES`] failures, so that a request cannot make a reply
/// many times its own size (a list of thousands of bad items). Past that, one last entry
/// says that more were found, and the others are not recorded:
///
/// ```json
/// { "path": "", "code": "too_many_failures", "message": "more failures were found than the 100 reported", "params": { "limit": 100 } }
/// ```
///
/// ```
/// use secure::prelude::*;
///
/// #[derive(Validate)]
/// struct Signup {
///     #[validate(email)]
///     email: String,
/// }
///
/// let errors = Untrusted::new(Signup { email: "nope".into() }).validate().err().unwrap();
/// let failure = errors.iter().next().unwrap();
/// assert_eq!(failure.path(), "email");
/// assert_eq!(failure.code(), "email");
/// assert_eq!(errors.to_string(), "email: must be a valid email address");
/// ```
#[derive(Clone, Default, PartialEq)]
pub struct ValidationErrors {
    errors: Vec<ValidationError>,
}

/// The most failures a [`ValidationErrors`] records; one more entry, coded
/// `too_many_failures`, says that others were found.
pub const MAX_FAILURES: usize = 100;

impl ValidationErrors {
    /// An empty report.
    pub const fn new() -> Self {
        ValidationErrors { errors: Vec::new() }
    }

    /// Records the failure of a custom rule at `at`.
    ///
    /// At a sensitive location its parameters are dropped, since they could have been
    /// computed from the value, and map keys are hidden from the path.
    pub fn add(&mut self, at: &Location<'_>, error: RuleError) {
        let mut failure = *error.0;
        if at.is_sensitive() {
            failure.params.clear();
        }
        self.add_failure(at, failure);
    }

    /// Records the failure of a built-in rule, whose parameters are its own bounds and
    /// constants and never come from the value.
    pub fn add_failure(&mut self, at: &Location<'_>, failure: Failure) {
        if self.errors.capacity() == 0 {
            // One allocation holds a typical report; growing it is rarely needed.
            self.errors.reserve(8);
        }
        match self.errors.len() {
            n if n < MAX_FAILURES => self.errors.push(ValidationError {
                path: at.to_path(),
                failure,
            }),
            MAX_FAILURES => self.errors.push(ValidationError {
                path: Location::root().to_path(),
                failure: Failure::new("too_many_failures").with_param("limit", MAX_FAILURES as u64),
            }),
            _ => {}
        }
    }

    /// Whether more failures were found than the report holds ([`MAX_FAILURES`]); its last
    /// entry, coded `too_many_failures`, says so.
    pub fn is_truncated(&self) -> bool {
        self.errors.len() > MAX_FAILURES
    }

    /// Whether no rule failed.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// The number of failures.
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// The failures in the order they were found: fields in declaration order.
    pub fn iter(&self) -> core::slice::Iter<'_, ValidationError> {
        self.errors.iter()
    }

    /// Whether some failure has this path and code.
    pub fn has(&self, path: &str, code: &str) -> bool {
        self.errors
            .iter()
            .any(|error| error.path == *path && error.code() == code)
    }
}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a ValidationError;
    type IntoIter = core::slice::Iter<'a, ValidationError>;

    fn into_iter(self) -> Self::IntoIter {
        self.errors.iter()
    }
}

impl IntoIterator for ValidationErrors {
    type Item = ValidationError;
    type IntoIter = std::vec::IntoIter<ValidationError>;

    fn into_iter(self) -> Self::IntoIter {
        self.errors.into_iter()
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.errors.is_empty() {
            return f.write_str("no validation errors");
        }
        for (position, error) in self.errors.iter().enumerate() {
            if position > 0 {
                f.write_str("; ")?;
            }
            error.fmt(f)?;
        }
        Ok(())
    }
}

impl fmt::Debug for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.errors).finish()
    }
}

impl std::error::Error for ValidationErrors {}

impl Serialize for ValidationErrors {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(&self.errors)
    }
}

struct Message<'a>(&'a ValidationError);

impl fmt::Display for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let error = self.0;
        if let Some(message) = error.failure.message {
            return f.write_str(message);
        }
        if error.param("key") == Some(&ParamValue::Bool(true)) {
            f.write_str("a key ")?;
        }
        let param = |name| error.param(name);
        match error.failure.code {
            "length" => length_message(f, error),
            "range" => range_message(f, error),
            "email" => f.write_str("must be a valid email address"),
            "too_many_failures" => write!(
                f,
                "more failures were found than the {MAX_FAILURES} reported"
            ),
            "url" => match param("schemes") {
                Some(schemes) => write!(f, "must be a valid URL with scheme {schemes}"),
                None => f.write_str("must be a valid URL"),
            },
            "pattern" => f.write_str("does not have the expected format"),
            "one_of" => match param("allowed") {
                Some(allowed) => write!(f, "must be one of: {allowed}"),
                None => f.write_str("is not an allowed value"),
            },
            "ascii" => f.write_str("must contain only ASCII characters"),
            "alphanumeric" => f.write_str("must contain only letters and digits"),
            "no_control" => f.write_str("must not contain control or invisible characters"),
            "contains" => quoted(f, "must contain", param("substring")),
            "not_contains" => quoted(f, "must not contain", param("substring")),
            "starts_with" => quoted(f, "must start with", param("prefix")),
            "ends_with" => quoted(f, "must end with", param("suffix")),
            "ip" => f.write_str("must be a valid IP address"),
            "ipv4" => f.write_str("must be a valid IPv4 address"),
            "ipv6" => f.write_str("must be a valid IPv6 address"),
            "uuid" => f.write_str("must be a valid UUID"),
            "required" => f.write_str("is required"),
            "must_match" => match param("other") {
                Some(other) => write!(f, "must match `{other}`"),
                None => f.write_str("must match the other field"),
            },
            _ => f.write_str("is invalid"),
        }
    }
}

fn quoted(f: &mut fmt::Formatter<'_>, text: &str, value: Option<&ParamValue>) -> fmt::Result {
    match value {
        Some(value) => write!(f, "{text} \"{value}\""),
        None => write!(f, "{text} the required text"),
    }
}

fn length_message(f: &mut fmt::Formatter<'_>, error: &ValidationError) -> fmt::Result {
    let param = |name| error.param(name);
    let unit = match param("unit") {
        Some(ParamValue::Str(unit)) => *unit,
        _ => "chars",
    };
    let noun = |count: Option<&ParamValue>| {
        let one = matches!(count, Some(ParamValue::UInt(1) | ParamValue::Int(1)));
        match (unit, one) {
            ("bytes", true) => "byte",
            ("bytes", false) => "bytes",
            ("graphemes", true) => "grapheme",
            ("graphemes", false) => "graphemes",
            ("items", true) => "item",
            ("items", false) => "items",
            (_, true) => "character",
            (_, false) => "characters",
        }
    };
    let (lead, tail) = if unit == "items" {
        ("must have", "")
    } else {
        ("must be", " long")
    };
    match (param("equal"), param("min"), param("max")) {
        (Some(equal), _, _) => write!(f, "{lead} exactly {equal} {}{tail}", noun(Some(equal))),
        (None, Some(min), Some(max)) => {
            write!(
                f,
                "{lead} between {min} and {max} {}{tail}",
                noun(Some(max))
            )
        }
        (None, Some(min), None) => write!(f, "{lead} at least {min} {}{tail}", noun(Some(min))),
        (None, None, Some(max)) => write!(f, "{lead} at most {max} {}{tail}", noun(Some(max))),
        (None, None, None) => f.write_str("has an invalid length"),
    }
}

fn range_message(f: &mut fmt::Formatter<'_>, error: &ValidationError) -> fmt::Result {
    let param = |name| error.param(name);
    let lower = match (param("min"), param("exclusive_min")) {
        (Some(min), _) => Some(("at least", min)),
        (None, Some(min)) => Some(("greater than", min)),
        (None, None) => None,
    };
    let upper = match (param("max"), param("exclusive_max")) {
        (Some(max), _) => Some(("at most", max)),
        (None, Some(max)) => Some(("less than", max)),
        (None, None) => None,
    };
    match (lower, upper) {
        (Some(("at least", min)), Some(("at most", max))) => {
            write!(f, "must be between {min} and {max}")
        }
        (Some((lower, min)), Some((upper, max))) => {
            write!(f, "must be {lower} {min} and {upper} {max}")
        }
        (Some((lower, min)), None) => write!(f, "must be {lower} {min}"),
        (None, Some((upper, max))) => write!(f, "must be {upper} {max}"),
        (None, None) => f.write_str("must be a finite number"),
    }
}
