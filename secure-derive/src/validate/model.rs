//! The plain model of a `#[derive(Validate)]` input, between parsing and emission.

use proc_macro2::Span;
use syn::{Expr, Generics, Ident, LitStr, Member, Path, Type};

pub(crate) struct Input<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) generics: &'a Generics,
    pub(crate) shape: Shape<'a>,
    /// Container-level `custom(path)` rules, called with the whole value.
    pub(crate) custom: Vec<Path>,
}

pub(crate) enum Shape<'a> {
    Struct(Vec<Field<'a>>),
    Enum(Vec<Variant<'a>>),
}

pub(crate) struct Variant<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) style: Style,
    /// The step into the variant's content, per serde's tagging.
    pub(crate) step: Step,
    pub(crate) fields: Vec<Field<'a>>,
    pub(crate) skip: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Named,
    Tuple,
    Unit,
}

/// A step of the error path, in the names the client sends.
#[derive(Clone)]
pub(crate) enum Step {
    Field(String),
    Index(usize),
    /// No step: newtypes, flattened fields and serde-transparent wrappers.
    Transparent,
}

pub(crate) struct Field<'a> {
    pub(crate) member: Member,
    /// The Rust name, for messages and `must_match` lookups.
    pub(crate) name: String,
    pub(crate) span: Span,
    pub(crate) ty: &'a Type,
    pub(crate) step: Step,
    /// The name shown in `must_match` messages.
    pub(crate) client_name: String,
    pub(crate) rules: Vec<Rule>,
    pub(crate) sanitizers: Vec<Sanitizer>,
    /// Whether the field has rules or had a mistake in them, so that strictness does not
    /// repeat an error already reported.
    pub(crate) declared: bool,
    pub(crate) sensitive: bool,
}

pub(crate) struct Rule {
    pub(crate) kind: RuleKind,
    /// The rule's name in the attribute, where errors about it point.
    pub(crate) span: Span,
    pub(crate) message: Option<LitStr>,
}

#[allow(
    clippy::large_enum_variant,
    reason = "a handful of rules per expansion, each built once; syn's token sizes vary with proc-macro2's features"
)]
pub(crate) enum RuleKind {
    Length {
        unit: LengthUnit,
        min: Option<Expr>,
        max: Option<Expr>,
        equal: Option<Expr>,
    },
    Range(RangeBounds),
    Email,
    Url {
        schemes: Option<Vec<LitStr>>,
    },
    /// The anchored source of a regular expression that compiled, and its shape when it is
    /// one ASCII character class repeated.
    Pattern(LitStr, Option<AsciiClass>),
    OneOf(OneOf),
    Ascii,
    Alphanumeric,
    NoControl {
        multiline: bool,
    },
    Contains(LitStr),
    NotContains(LitStr),
    StartsWith(LitStr),
    EndsWith(LitStr),
    Ip,
    Ipv4,
    Ipv6,
    Uuid,
    Custom(Path),
    Nested,
    Each(Vec<Rule>),
    Keys(Vec<Rule>),
    Values(Vec<Rule>),
    Required,
    MustMatch(Ident),
    Skip,
}

/// A pattern of the form `[class]{min,max}` over ASCII characters: checked with a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct AsciiClass {
    /// Bit `b` is set when byte `b` is in the class.
    pub(crate) set: u128,
    pub(crate) min: u32,
    pub(crate) max: Option<u32>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum LengthUnit {
    Default,
    Bytes,
    Graphemes,
}

#[derive(Default)]
pub(crate) struct RangeBounds {
    pub(crate) min: Option<Expr>,
    pub(crate) max: Option<Expr>,
    pub(crate) exclusive_min: Option<Expr>,
    pub(crate) exclusive_max: Option<Expr>,
}

pub(crate) enum OneOf {
    Text(Vec<LitStr>),
    /// Numeric literals, each with its value for the report.
    Number(Vec<(Expr, NumberLit)>),
}

#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub(crate) enum NumberLit {
    Int(i128),
    Float(f64),
}

impl NumberLit {
    pub(crate) fn as_f64(self) -> f64 {
        match self {
            NumberLit::Int(value) => value as f64,
            NumberLit::Float(value) => value,
        }
    }
}

pub(crate) struct Sanitizer {
    pub(crate) kind: SanitizerKind,
    pub(crate) span: Span,
}

pub(crate) enum SanitizerKind {
    Trim,
    Lowercase,
    Uppercase,
    Nfc,
    Nfkc,
    StripControl { multiline: bool },
    CollapseWhitespace,
    Custom(Path),
    Each(Vec<Sanitizer>),
}

impl RuleKind {
    /// The name written in the attribute.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            RuleKind::Length { .. } => "length",
            RuleKind::Range(_) => "range",
            RuleKind::Email => "email",
            RuleKind::Url { .. } => "url",
            RuleKind::Pattern(..) => "pattern",
            RuleKind::OneOf(_) => "one_of",
            RuleKind::Ascii => "ascii",
            RuleKind::Alphanumeric => "alphanumeric",
            RuleKind::NoControl { .. } => "no_control",
            RuleKind::Contains(_) => "contains",
            RuleKind::NotContains(_) => "not_contains",
            RuleKind::StartsWith(_) => "starts_with",
            RuleKind::EndsWith(_) => "ends_with",
            RuleKind::Ip => "ip",
            RuleKind::Ipv4 => "ipv4",
            RuleKind::Ipv6 => "ipv6",
            RuleKind::Uuid => "uuid",
            RuleKind::Custom(_) => "custom",
            RuleKind::Nested => "nested",
            RuleKind::Each(_) => "each",
            RuleKind::Keys(_) => "keys",
            RuleKind::Values(_) => "values",
            RuleKind::Required => "required",
            RuleKind::MustMatch(_) => "must_match",
            RuleKind::Skip => "skip",
        }
    }
}
