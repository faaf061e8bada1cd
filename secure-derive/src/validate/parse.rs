//! From `syn` input and `#[validate(..)]` attributes to the plain model.
//!
//! Every attribute is parsed as a comma-separated list of expressions, so that `email`,
//! `length(3..=32)`, `range(min = 0, max = 10)` and `each(pattern("^[a-z]+$"))` all share one
//! grammar; each item is then read by the branch for its name.

use syn::ext::IdentExt;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{
    Attribute, Data, DeriveInput, Expr, ExprLit, ExprRange, Fields, Ident, Lit, LitStr, Path,
    RangeLimits, Token, UnOp,
};

use super::model::*;
use crate::errors::Errors;
use crate::keywords::{LENGTH_UNITS, RULES, SANITIZERS, hint};
use crate::sensitive::{self, names_secret};
use crate::serde_attr::{Direction, RenameRule, SerdeContainer, SerdeField, SerdeVariant, Tagging};

type Args = Punctuated<Expr, Token![,]>;

pub(crate) fn parse<'a>(input: &'a DeriveInput, errors: &mut Errors) -> Input<'a> {
    let serde = SerdeContainer::from_attrs(&input.attrs, Direction::Deserialize);
    let container_sensitive = sensitive::parse(&input.attrs, errors).is_some();
    let custom = parse_container_attrs(&input.attrs, errors);
    if let Some(debug) = sensitive::later_debug_derive(&input.attrs)
        && sensitive::has_marks(input)
    {
        errors.push(syn::Error::new(
            debug,
            sensitive::DEBUG_PRINTS_SENSITIVE_VALUES,
        ));
    }

    let shape = match &input.data {
        Data::Struct(data) => {
            let naming = Naming {
                rename_all: serde.rename_all,
                transparent: serde.transparent,
            };
            Shape::Struct(parse_fields(
                &data.fields,
                &naming,
                container_sensitive,
                errors,
            ))
        }
        Data::Enum(data) => Shape::Enum(
            data.variants
                .iter()
                .map(|variant| parse_variant(variant, &serde, container_sensitive, errors))
                .collect(),
        ),
        Data::Union(data) => {
            errors.at(data.union_token, "`Validate` cannot be derived for unions");
            Shape::Struct(Vec::new())
        }
    };
    Input {
        ident: &input.ident,
        generics: &input.generics,
        shape,
        custom,
    }
}

/// How the fields of one struct or variant are named in the data.
struct Naming {
    rename_all: Option<RenameRule>,
    transparent: bool,
}

fn parse_container_attrs(attrs: &[Attribute], errors: &mut Errors) -> Vec<Path> {
    let mut custom = Vec::new();
    for item in validate_items(attrs, errors) {
        match (item.name.to_string().as_str(), &item.args) {
            // #[validate(custom(path::to::check))] on the type
            ("custom", Some(args)) => {
                if let Some(path) = one_path(&item, args, errors) {
                    custom.push(path);
                }
            }
            _ => errors.at(
                &item.name,
                "only `custom(path)` applies to a whole type; put other rules on its fields",
            ),
        }
    }
    custom
}

fn parse_variant<'a>(
    variant: &'a syn::Variant,
    container: &SerdeContainer,
    container_sensitive: bool,
    errors: &mut Errors,
) -> Variant<'a> {
    let serde = SerdeVariant::from_attrs(&variant.attrs, Direction::Deserialize);
    let sensitive = container_sensitive || sensitive::parse(&variant.attrs, errors).is_some();
    let mut skip = false;
    for item in validate_items(&variant.attrs, errors) {
        if item.name == "skip" && item.args.is_none() {
            skip = true;
        } else {
            errors.at(
                &item.name,
                "only `skip` applies to a whole variant; put rules on its fields",
            );
        }
    }

    let client_name = serde.rename.clone().unwrap_or_else(|| {
        let name = variant.ident.unraw().to_string();
        container
            .rename_all
            .map_or(name.clone(), |rule| rule.apply_to_variant(&name))
    });
    let step = match (&container.tagging, serde.untagged) {
        (_, true) | (Tagging::Untagged | Tagging::Internal { .. }, _) => Step::Transparent,
        (Tagging::External, _) => Step::Field(client_name),
        (Tagging::Adjacent { content, .. }, _) => Step::Field(content.clone()),
    };
    let naming = Naming {
        rename_all: serde.rename_all.or(container.rename_all_fields),
        transparent: false,
    };
    let fields = if skip {
        // A skipped variant's fields are never checked: a rule written on one would be a
        // promise the derive does not keep.
        for field in &variant.fields {
            for attr in field
                .attrs
                .iter()
                .filter(|attr| attr.path().is_ident("validate"))
            {
                // `skip` again says nothing new, and is harmless.
                let only_skip = attr
                    .parse_args::<syn::Path>()
                    .is_ok_and(|path| path.is_ident("skip"));
                if only_skip {
                    continue;
                }
                errors.at(
                    attr.path(),
                    "this variant is `#[validate(skip)]`, so rules on its fields would never run; remove the variant's `skip` or these rules",
                );
            }
        }
        Vec::new()
    } else {
        parse_fields(&variant.fields, &naming, sensitive, errors)
    };
    let style = match variant.fields {
        Fields::Named(_) => Style::Named,
        Fields::Unnamed(_) => Style::Tuple,
        Fields::Unit => Style::Unit,
    };
    Variant {
        ident: &variant.ident,
        style,
        step,
        fields,
        skip,
    }
}

fn parse_fields<'a>(
    fields: &'a Fields,
    naming: &Naming,
    sensitive: bool,
    errors: &mut Errors,
) -> Vec<Field<'a>> {
    let newtype = matches!(fields, Fields::Unnamed(unnamed) if unnamed.unnamed.len() == 1);
    fields
        .iter()
        .enumerate()
        .map(|(index, field)| {
            let serde = SerdeField::from_attrs(&field.attrs, Direction::Deserialize);
            let (member, name) = match &field.ident {
                Some(ident) => (syn::Member::Named(ident.clone()), ident.unraw().to_string()),
                None => (syn::Member::Unnamed(index.into()), index.to_string()),
            };
            let client_name = match (&serde.rename, &field.ident, naming.rename_all) {
                (Some(rename), _, _) => rename.clone(),
                (None, Some(_), Some(rule)) => rule.apply_to_field(&name),
                _ => name.clone(),
            };
            let step = if naming.transparent || serde.flatten || newtype {
                Step::Transparent
            } else if field.ident.is_some() {
                Step::Field(client_name.clone())
            } else {
                Step::Index(index)
            };
            let marked = sensitive::parse(&field.attrs, errors);
            let field_sensitive = sensitive || marked.is_some() || names_secret(&field.ty);

            let mut rules = Vec::new();
            let mut sanitizers = Vec::new();
            let errors_before = errors.count();
            reject_builtin_sanitize(&field.attrs, errors);
            for item in validate_items(&field.attrs, errors) {
                if item.name == "sanitize" {
                    sanitizers.extend(parse_sanitize_group(&item, errors));
                } else if let Some(rule) = parse_rule(&item, Level::Field, errors) {
                    rules.push(rule);
                }
            }
            // A field whose attribute had a mistake is not also reported as having no rule.
            let declared = !rules.is_empty() || errors.count() > errors_before;

            let span = field
                .ident
                .as_ref()
                .map_or_else(|| field.ty.span(), Ident::span);
            Field {
                member,
                name,
                span,
                ty: &field.ty,
                step,
                client_name,
                rules,
                sanitizers,
                declared,
                sensitive: field_sensitive,
            }
        })
        .collect()
}

/// rustc owns `#[sanitize]` (a built-in attribute), so it cannot be a helper of this derive.
fn reject_builtin_sanitize(attrs: &[Attribute], errors: &mut Errors) {
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("sanitize")) {
        errors.at(
            attr,
            "`#[sanitize]` is a built-in attribute of rustc; write sanitizers as `#[validate(sanitize(trim, ..))]`",
        );
    }
}

/// One item of an attribute: `name`, `name(args)` or `name = value`.
pub(crate) struct Item {
    pub(crate) name: Ident,
    pub(crate) args: Option<Args>,
    pub(crate) value: Option<Expr>,
}

fn validate_items(attrs: &[Attribute], errors: &mut Errors) -> Vec<Item> {
    let mut items = Vec::new();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("validate")) {
        let list = match &attr.meta {
            syn::Meta::List(list) => list,
            _ => {
                errors.at(
                    attr,
                    "expected a list of rules, such as `#[validate(email)]`",
                );
                continue;
            }
        };
        if list.tokens.is_empty() {
            errors.at(
                attr,
                "expected a list of rules, such as `#[validate(email)]`",
            );
            continue;
        }
        let Some(exprs) = errors.absorb(list.parse_args_with(Args::parse_terminated)) else {
            continue;
        };
        items.extend(
            exprs
                .into_iter()
                .filter_map(|expr| errors.absorb(item(expr))),
        );
    }
    items
}

pub(crate) fn item(expr: Expr) -> syn::Result<Item> {
    match expr {
        Expr::Path(path) => Ok(Item {
            name: single_ident(&path)?,
            args: None,
            value: None,
        }),
        Expr::Call(call) => match &*call.func {
            Expr::Path(path) => {
                let name = single_ident(path)?;
                Ok(Item {
                    name,
                    args: Some(call.args),
                    value: None,
                })
            }
            other => Err(syn::Error::new_spanned(
                other,
                "expected the name of a rule",
            )),
        },
        Expr::Assign(assign) => match &*assign.left {
            Expr::Path(path) => {
                let name = single_ident(path)?;
                Ok(Item {
                    name,
                    args: None,
                    value: Some(*assign.right),
                })
            }
            other => Err(syn::Error::new_spanned(
                other,
                "expected the name of a rule",
            )),
        },
        other => Err(syn::Error::new_spanned(
            other,
            "expected a rule, such as `email`, `length(max = 10)` or `custom(path)`",
        )),
    }
}

fn single_ident(path: &syn::ExprPath) -> syn::Result<Ident> {
    path.path
        .get_ident()
        .cloned()
        .ok_or_else(|| syn::Error::new_spanned(path, "expected the name of a rule"))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    Field,
    /// Inside `each(..)`, `keys(..)` or `values(..)`.
    Element,
}

fn parse_rule(item: &Item, level: Level, errors: &mut Errors) -> Option<Rule> {
    let name = item.name.unraw().to_string();
    if let Some(value) = &item.value {
        let message = match name.as_str() {
            "message" => {
                "`message = ..` goes inside the rule it belongs to, as in `email(message = \"..\")`"
                    .to_owned()
            }
            known if RULES.contains(&known) => {
                format!("write `{known}(..)` rather than `{known} = ..`")
            }
            _ => format!("unknown rule `{name}`{}", hint(&name, RULES)),
        };
        let name_token = &item.name;
        errors.at(quote::quote!(#name_token = #value), message);
        return None;
    }

    let mut args = item.args.clone().unwrap_or_default();
    let message = take_named(&mut args, "message", errors)
        .and_then(|expr| errors.absorb(lit_str(&expr, "`message` must be a string literal")));
    let span = item.name.span();
    let kind = match name.as_str() {
        // length(3..=32), length(min = 3, max = 32), length(equal = 5), length(bytes, max = 64)
        "length" => parse_length(item, &args, errors)?,
        // range(0..=100), range(min = 0.0, exclusive_max = 1.0)
        "range" => RuleKind::Range(parse_range_bounds(item, &args, errors)?),
        // email
        "email" => no_args(item, &args, RuleKind::Email, errors)?,
        // url, url(schemes("https", "mailto"))
        "url" => parse_url(&args, errors)?,
        // pattern("^[a-z]+$")
        "pattern" => parse_pattern(item, &args, errors)?,
        // one_of("draft", "published"), one_of(1, 2, 4)
        "one_of" => parse_one_of(item, &args, errors)?,
        // ascii
        "ascii" => no_args(item, &args, RuleKind::Ascii, errors)?,
        // alphanumeric
        "alphanumeric" => no_args(item, &args, RuleKind::Alphanumeric, errors)?,
        // no_control, no_control(multiline)
        "no_control" => RuleKind::NoControl {
            multiline: multiline_flag(item, &args, errors)?,
        },
        // contains("@"), not_contains(".."), starts_with("+"), ends_with(".pdf")
        "contains" => RuleKind::Contains(one_text(item, &args, errors)?),
        "not_contains" => RuleKind::NotContains(one_text(item, &args, errors)?),
        "starts_with" => RuleKind::StartsWith(one_text(item, &args, errors)?),
        "ends_with" => RuleKind::EndsWith(one_text(item, &args, errors)?),
        // ip, ipv4, ipv6, uuid
        "ip" => no_args(item, &args, RuleKind::Ip, errors)?,
        "ipv4" => no_args(item, &args, RuleKind::Ipv4, errors)?,
        "ipv6" => no_args(item, &args, RuleKind::Ipv6, errors)?,
        "uuid" => no_args(item, &args, RuleKind::Uuid, errors)?,
        // custom(path::to::check)
        "custom" => RuleKind::Custom(one_path(item, &args, errors)?),
        // required
        "required" => no_args(item, &args, RuleKind::Required, errors)?,
        // nested
        "nested" if level == Level::Element => {
            errors.at(
                &item.name,
                "`nested` already validates every element of a collection; write `nested` on the field itself",
            );
            return None;
        }
        "nested" => no_args(item, &args, RuleKind::Nested, errors)?,
        // each(rules..), keys(rules..), values(rules..)
        "each" => RuleKind::Each(parse_element_rules(item, errors)?),
        "keys" => RuleKind::Keys(parse_element_rules(item, errors)?),
        "values" => RuleKind::Values(parse_element_rules(item, errors)?),
        // must_match(other_field)
        "must_match" if level == Level::Element => {
            errors.at(
                &item.name,
                "`must_match` compares two fields and cannot apply to elements",
            );
            return None;
        }
        "must_match" => RuleKind::MustMatch(one_ident(item, &args, errors)?),
        // skip
        "skip" if level == Level::Element => {
            errors.at(
                &item.name,
                "`skip` applies to whole fields; remove it from here",
            );
            return None;
        }
        "skip" => no_args(item, &args, RuleKind::Skip, errors)?,
        "sanitize" => {
            errors.at(&item.name, "`sanitize(..)` applies to whole fields; to rewrite elements, write `sanitize(each(..))` on the field");
            return None;
        }
        _ => {
            errors.at(
                &item.name,
                format!("unknown rule `{name}`{}", hint(&name, RULES)),
            );
            return None;
        }
    };
    if message.is_some()
        && matches!(
            kind,
            RuleKind::Nested
                | RuleKind::Skip
                | RuleKind::Each(_)
                | RuleKind::Keys(_)
                | RuleKind::Values(_)
                | RuleKind::Custom(_)
        )
    {
        errors.at(
            &item.name,
            format!("`{name}` reports no message of its own; put `message` on the rules inside it"),
        );
    }
    Some(Rule {
        kind,
        span,
        message,
    })
}

fn parse_element_rules(item: &Item, errors: &mut Errors) -> Option<Vec<Rule>> {
    let args = match &item.args {
        Some(args) if !args.is_empty() => args,
        _ => {
            let name = &item.name;
            errors.at(
                name,
                format!("`{name}` needs the rules to apply, as in `{name}(length(max = 20))`"),
            );
            return None;
        }
    };
    let mut rules = Vec::new();
    for expr in args {
        if let Some(inner) = errors.absorb(self::item(expr.clone())) {
            rules.extend(parse_rule(&inner, Level::Element, errors));
        }
    }
    Some(rules)
}

fn parse_length(item: &Item, args: &Args, errors: &mut Errors) -> Option<RuleKind> {
    let errors_before = errors.count();
    let mut unit = None;
    let mut bounds = (None, None, None);
    let mut ranged = false;
    for arg in args {
        match arg {
            Expr::Path(path)
                if path
                    .path
                    .get_ident()
                    .is_some_and(|ident| LENGTH_UNITS.iter().any(|unit| ident == unit)) =>
            {
                if unit.is_some() {
                    errors.at(arg, "`length` takes one unit");
                }
                unit = Some(
                    match path.path.get_ident().map(ToString::to_string).as_deref() {
                        Some("bytes") => LengthUnit::Bytes,
                        Some("graphemes") => LengthUnit::Graphemes,
                        _ => LengthUnit::Default,
                    },
                );
            }
            Expr::Range(range) => {
                ranged = true;
                let (min, max) = inclusive_bounds(range, errors)?;
                bounds.0 = min;
                bounds.1 = max;
            }
            Expr::Assign(assign) => {
                let slot = match named(assign).as_deref() {
                    Some("min") => &mut bounds.0,
                    Some("max") => &mut bounds.1,
                    Some("equal") => &mut bounds.2,
                    other => {
                        let word = other.unwrap_or_default();
                        errors.at(&assign.left, format!(
                            "unknown `length` option `{word}`, expected `min`, `max` or `equal`{}",
                            hint(word, &["min", "max", "equal"])
                        ));
                        continue;
                    }
                };
                if slot.replace((*assign.right).clone()).is_some() {
                    errors.at(&assign.left, "this bound is given twice");
                }
            }
            Expr::Path(path) => {
                let word = path
                    .path
                    .get_ident()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                errors.at(
                    arg,
                    format!(
                        "unknown unit `{word}`, expected `chars`, `bytes` or `graphemes`{}",
                        hint(&word, LENGTH_UNITS)
                    ),
                );
            }
            _ => errors.at(
                arg,
                "expected bounds such as `3..=32` or `min = 3, max = 32`",
            ),
        }
    }
    if ranged && args.iter().any(|arg| matches!(arg, Expr::Assign(_))) {
        errors.at(
            &item.name,
            "write the bounds of `length` either as a range or as `min`/`max`, not both",
        );
    }
    let (min, max, equal) = bounds;
    // A length is a count: a literal typed otherwise would be a type error inside the
    // generated code.
    for bound in [&min, &max, &equal].into_iter().flatten() {
        if let Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(int),
            ..
        }) = bound
            && !matches!(int.suffix(), "" | "usize")
        {
            errors.at(
                bound,
                format!(
                    "a `length` bound is a count (`usize`); drop the `{}` suffix",
                    int.suffix()
                ),
            );
        }
    }
    if min.is_none() && max.is_none() && equal.is_none() {
        if errors.count() > errors_before {
            return None;
        }
        errors.at(
            &item.name,
            "`length` needs bounds, as in `length(3..=32)` or `length(max = 100)`",
        );
        return None;
    }
    Some(RuleKind::Length {
        unit: unit.unwrap_or(LengthUnit::Default),
        min,
        max,
        equal,
    })
}

/// `a..=b` as `(Some(a), Some(b))`; `a..b` as `(Some(a), Some(b - 1))` for integer lengths.
fn inclusive_bounds(
    range: &ExprRange,
    errors: &mut Errors,
) -> Option<(Option<Expr>, Option<Expr>)> {
    let min = range.start.as_deref().cloned();
    let max = match (&range.limits, range.end.as_deref()) {
        (RangeLimits::Closed(_), end) => end.cloned(),
        (RangeLimits::HalfOpen(_), None) => None,
        (RangeLimits::HalfOpen(_), Some(end)) => match number(end) {
            Some(NumberLit::Int(value)) if value > 0 => {
                let mut last = proc_macro2::Literal::i128_unsuffixed(value - 1);
                last.set_span(end.span());
                Some(syn::parse_quote!(#last))
            }
            Some(_) => {
                errors.at(
                    end,
                    "an exclusive upper bound of `length` must be greater than zero",
                );
                return None;
            }
            None => Some(syn::parse_quote_spanned!(end.span()=> (#end) - 1)),
        },
    };
    if min.is_none() && max.is_none() {
        errors.at(range, "the range needs at least one bound");
        return None;
    }
    Some((min, max))
}

fn parse_range_bounds(item: &Item, args: &Args, errors: &mut Errors) -> Option<RangeBounds> {
    let errors_before = errors.count();
    let mut bounds = RangeBounds::default();
    let mut ranged = false;
    for arg in args {
        match arg {
            Expr::Range(range) => {
                ranged = true;
                bounds.min = range.start.as_deref().cloned();
                match range.limits {
                    RangeLimits::Closed(_) => bounds.max = range.end.as_deref().cloned(),
                    RangeLimits::HalfOpen(_) => {
                        bounds.exclusive_max = range.end.as_deref().cloned()
                    }
                }
            }
            Expr::Assign(assign) => {
                let slot = match named(assign).as_deref() {
                    Some("min") => &mut bounds.min,
                    Some("max") => &mut bounds.max,
                    Some("exclusive_min") => &mut bounds.exclusive_min,
                    Some("exclusive_max") => &mut bounds.exclusive_max,
                    other => {
                        let word = other.unwrap_or_default();
                        errors.at(&assign.left, format!(
                            "unknown `range` option `{word}`, expected `min`, `max`, `exclusive_min` or `exclusive_max`{}",
                            hint(word, &["min", "max", "exclusive_min", "exclusive_max"])
                        ));
                        continue;
                    }
                };
                if slot.replace((*assign.right).clone()).is_some() {
                    errors.at(&assign.left, "this bound is given twice");
                }
            }
            _ => errors.at(
                arg,
                "expected bounds such as `0..=100` or `min = 0, max = 100`",
            ),
        }
    }
    if ranged && args.iter().any(|arg| matches!(arg, Expr::Assign(_))) {
        errors.at(
            &item.name,
            "write the bounds of `range` either as a range or as named bounds, not both",
        );
    }
    let RangeBounds {
        min,
        max,
        exclusive_min,
        exclusive_max,
    } = &bounds;
    if min.is_none() && max.is_none() && exclusive_min.is_none() && exclusive_max.is_none() {
        if errors.count() > errors_before {
            return None;
        }
        errors.at(
            &item.name,
            "`range` needs bounds, as in `range(0..=100)` or `range(min = 1)`",
        );
        return None;
    }
    Some(bounds)
}

fn parse_url(args: &Args, errors: &mut Errors) -> Option<RuleKind> {
    let mut schemes = None;
    for arg in args {
        let Some(Item {
            name,
            args: Some(list),
            ..
        }) = item(arg.clone()).ok().filter(|item| item.name == "schemes")
        else {
            errors.at(arg, "expected `schemes(\"https\", ..)`");
            continue;
        };
        if schemes.is_some() {
            errors.at(
                &name,
                "`schemes` is given twice; list every scheme in one `schemes(..)`",
            );
            continue;
        }
        let mut listed = Vec::new();
        for scheme in &list {
            let Some(scheme) = errors.absorb(lit_str(
                scheme,
                "a scheme is a string literal, such as \"https\"",
            )) else {
                continue;
            };
            let text = scheme.value();
            if matches!(text.as_str(), "javascript" | "vbscript") {
                errors.at(
                    &scheme,
                    format!(
                        "the `{text}` scheme runs code in the browser and can never be allowed"
                    ),
                );
            } else if !is_scheme(&text) {
                errors.at(&scheme, "a scheme is lowercase ASCII letters, digits, `+`, `-` and `.`, starting with a letter, without the `:`");
            }
            listed.push(scheme);
        }
        if listed.is_empty() {
            errors.at(&name, "`schemes` needs at least one scheme");
        }
        schemes = Some(listed);
    }
    Some(RuleKind::Url { schemes })
}

fn is_scheme(text: &str) -> bool {
    let mut bytes = text.bytes();
    bytes.next().is_some_and(|first| first.is_ascii_lowercase())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"+-.".contains(&b))
}

fn parse_pattern(item: &Item, args: &Args, errors: &mut Errors) -> Option<RuleKind> {
    let literal = one_text(item, args, errors)?;
    let source = literal.value();
    if let Err(error) = regex::Regex::new(&source) {
        errors.at(
            &literal,
            format!("invalid regular expression: {}", regex_reason(&error)),
        );
        return None;
    }
    // Anchored so that the whole value must match, not merely contain a match.
    let anchored = format!(r"\A(?:{source})\z");
    if let Err(error) = regex::Regex::new(&anchored) {
        errors.at(
            &literal,
            format!("invalid regular expression: {}", regex_reason(&error)),
        );
        return None;
    }
    let shape = ascii_class(&source);
    Some(RuleKind::Pattern(
        LitStr::new(&anchored, literal.span()),
        shape,
    ))
}

/// The shape of a pattern that is one ASCII character class repeated, such as
/// `^[A-Za-z0-9_]+$` or `[0-9]{5}`: such patterns are checked with a table, not a regex.
pub(crate) fn ascii_class(source: &str) -> Option<AsciiClass> {
    use regex_syntax::hir::{Class, HirKind, Look};

    let hir = regex_syntax::Parser::new().parse(source).ok()?;
    let mut parts: Vec<&regex_syntax::hir::Hir> = match hir.kind() {
        HirKind::Concat(parts) => parts.iter().collect(),
        _ => vec![&hir],
    };
    // `^` and `$` add nothing: the pattern is anchored at both ends anyway.
    parts.retain(|part| !matches!(part.kind(), HirKind::Look(Look::Start | Look::End)));
    let [part] = parts[..] else {
        return None;
    };
    let (class, min, max) = match part.kind() {
        HirKind::Repetition(repetition) => {
            (repetition.sub.as_ref(), repetition.min, repetition.max)
        }
        HirKind::Class(_) => (part, 1, Some(1)),
        _ => return None,
    };
    let HirKind::Class(class) = class.kind() else {
        return None;
    };
    let ranges: Vec<(u32, u32)> = match class {
        Class::Unicode(class) => class
            .ranges()
            .iter()
            .map(|range| (u32::from(range.start()), u32::from(range.end())))
            .collect(),
        Class::Bytes(class) => class
            .ranges()
            .iter()
            .map(|range| (u32::from(range.start()), u32::from(range.end())))
            .collect(),
    };
    if ranges.iter().any(|&(_, end)| end > 0x7F) {
        return None;
    }
    let set = ranges.iter().fold(0u128, |set, &(start, end)| {
        (start..=end).fold(set, |set, byte| set | (1u128 << byte))
    });
    Some(AsciiClass { set, min, max })
}

fn regex_reason(error: &regex::Error) -> String {
    match error {
        regex::Error::Syntax(text) => text
            .lines()
            .find_map(|line| line.strip_prefix("error: "))
            .unwrap_or(text)
            .to_owned(),
        regex::Error::CompiledTooBig(limit) => format!("it compiles to more than {limit} bytes"),
        other => other.to_string(),
    }
}

fn parse_one_of(item: &Item, args: &Args, errors: &mut Errors) -> Option<RuleKind> {
    if args.is_empty() {
        errors.at(
            &item.name,
            "`one_of` needs the allowed values, as in `one_of(\"draft\", \"published\")`",
        );
        return None;
    }
    if args.iter().all(|arg| {
        matches!(
            arg,
            Expr::Lit(ExprLit {
                lit: Lit::Str(_),
                ..
            })
        )
    }) {
        let texts = args
            .iter()
            .filter_map(|arg| lit_str(arg, "").ok())
            .collect();
        return Some(RuleKind::OneOf(OneOf::Text(texts)));
    }
    let mut numbers = Vec::new();
    for arg in args {
        match number(arg) {
            Some(value) => numbers.push((arg.clone(), value)),
            None => errors.at(
                arg,
                "`one_of` takes literals that are all strings or all numbers",
            ),
        }
    }
    (numbers.len() == args.len()).then_some(RuleKind::OneOf(OneOf::Number(numbers)))
}

fn multiline_flag(item: &Item, args: &Args, errors: &mut Errors) -> Option<bool> {
    match args.iter().collect::<Vec<_>>().as_slice() {
        [] => Some(false),
        [Expr::Path(path)] if path.path.is_ident("multiline") => Some(true),
        _ => {
            let name = &item.name;
            errors.at(
                args,
                format!("`{name}` takes only the flag `multiline`, which allows tab and line feed"),
            );
            None
        }
    }
}

fn parse_sanitize_group(item: &Item, errors: &mut Errors) -> Vec<Sanitizer> {
    match &item.args {
        Some(args) if !args.is_empty() => parse_sanitizers(args, errors),
        _ => {
            errors.at(
                &item.name,
                "`sanitize` needs the sanitizers to run, as in `sanitize(trim, lowercase)`",
            );
            Vec::new()
        }
    }
}

fn parse_sanitizers(args: &Args, errors: &mut Errors) -> Vec<Sanitizer> {
    let mut sanitizers = Vec::new();
    for expr in args {
        let Some(item) = errors.absorb(item(expr.clone())) else {
            continue;
        };
        if let Some(kind) = parse_sanitizer(&item, errors) {
            sanitizers.push(Sanitizer {
                kind,
                span: item.name.span(),
            });
        }
    }
    sanitizers
}

fn parse_sanitizer(item: &Item, errors: &mut Errors) -> Option<SanitizerKind> {
    let name = item.name.unraw().to_string();
    if item.value.is_some() {
        errors.at(
            &item.name,
            format!("write `{name}(..)` rather than `{name} = ..`"),
        );
        return None;
    }
    let args = item.args.clone().unwrap_or_default();
    let simple = |kind, errors: &mut Errors| {
        if item.args.is_some() {
            errors.at(
                &item.name,
                format!("the `{name}` sanitizer takes no arguments"),
            );
            return None;
        }
        Some(kind)
    };
    match name.as_str() {
        // trim, lowercase, uppercase, nfc, nfkc, collapse_whitespace
        "trim" => simple(SanitizerKind::Trim, errors),
        "lowercase" => simple(SanitizerKind::Lowercase, errors),
        "uppercase" => simple(SanitizerKind::Uppercase, errors),
        "nfc" => simple(SanitizerKind::Nfc, errors),
        "nfkc" => simple(SanitizerKind::Nfkc, errors),
        "collapse_whitespace" => simple(SanitizerKind::CollapseWhitespace, errors),
        // strip_control, strip_control(multiline)
        "strip_control" => multiline_flag(item, &args, errors)
            .map(|multiline| SanitizerKind::StripControl { multiline }),
        // custom(path::to::rewrite)
        "custom" => one_path(item, &args, errors).map(SanitizerKind::Custom),
        // each(sanitizers..)
        "each" if !args.is_empty() => Some(SanitizerKind::Each(parse_sanitizers(&args, errors))),
        "each" => {
            errors.at(
                &item.name,
                "`each` needs the sanitizers to apply, as in `each(trim)`",
            );
            None
        }
        _ => {
            errors.at(
                &item.name,
                format!("unknown sanitizer `{name}`{}", hint(&name, SANITIZERS)),
            );
            None
        }
    }
}

/// Removes `name = value` from `args` and returns the value.
fn take_named(args: &mut Args, name: &str, errors: &mut Errors) -> Option<Expr> {
    let mut found = None;
    let kept: Args = std::mem::take(args)
        .into_iter()
        .filter_map(|arg| match arg {
            Expr::Assign(assign) if named(&assign).as_deref() == Some(name) => {
                if found.replace((*assign.right).clone()).is_some() {
                    errors.at(&assign.left, format!("`{name}` is given twice"));
                }
                None
            }
            other => Some(other),
        })
        .collect();
    *args = kept;
    found
}

fn named(assign: &syn::ExprAssign) -> Option<String> {
    match &*assign.left {
        Expr::Path(path) => path.path.get_ident().map(ToString::to_string),
        _ => None,
    }
}

fn no_args<K>(item: &Item, args: &Args, kind: K, errors: &mut Errors) -> Option<K> {
    if args.is_empty() {
        Some(kind)
    } else {
        let name = &item.name;
        errors.at(args, format!("`{name}` takes no arguments"));
        None
    }
}

fn one_text(item: &Item, args: &Args, errors: &mut Errors) -> Option<LitStr> {
    let name = &item.name;
    let [arg] = args.iter().collect::<Vec<_>>()[..] else {
        errors.at(
            &item.name,
            format!("`{name}` takes one string literal, as in `{name}(\"..\")`"),
        );
        return None;
    };
    let literal = errors.absorb(lit_str(arg, &format!("`{name}` takes a string literal")))?;
    if literal.value().is_empty() && name != "pattern" {
        errors.at(
            &literal,
            format!("`{name}` with an empty string accepts everything"),
        );
        return None;
    }
    Some(literal)
}

fn one_path(item: &Item, args: &Args, errors: &mut Errors) -> Option<Path> {
    let name = &item.name;
    match args.iter().collect::<Vec<_>>()[..] {
        [Expr::Path(path)] => Some(path.path.clone()),
        [
            Expr::Lit(ExprLit {
                lit: Lit::Str(text),
                ..
            }),
        ] => {
            errors.at(
                text,
                format!(
                    "write the function as a path, not a string: `{name}({})`",
                    text.value()
                ),
            );
            None
        }
        _ => {
            errors.at(
                &item.name,
                format!("`{name}` takes the path of a function, as in `{name}(check_sku)`"),
            );
            None
        }
    }
}

fn one_ident(item: &Item, args: &Args, errors: &mut Errors) -> Option<Ident> {
    let name = &item.name;
    match args.iter().collect::<Vec<_>>()[..] {
        [Expr::Path(path)] if path.path.get_ident().is_some() => path.path.get_ident().cloned(),
        _ => {
            errors.at(
                &item.name,
                format!("`{name}` takes the name of another field, as in `{name}(password)`"),
            );
            None
        }
    }
}

fn lit_str(expr: &Expr, message: &str) -> syn::Result<LitStr> {
    match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Str(text),
            ..
        }) => Ok(text.clone()),
        other => Err(syn::Error::new_spanned(other, message)),
    }
}

/// The value of an integer or float literal, possibly negated.
pub(crate) fn number(expr: &Expr) -> Option<NumberLit> {
    match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Int(int), ..
        }) => int.base10_parse().ok().map(NumberLit::Int),
        Expr::Lit(ExprLit {
            lit: Lit::Float(float),
            ..
        }) => float.base10_parse().ok().map(NumberLit::Float),
        Expr::Unary(unary) if matches!(unary.op, UnOp::Neg(_)) => match number(&unary.expr)? {
            NumberLit::Int(value) => Some(NumberLit::Int(-value)),
            NumberLit::Float(value) => Some(NumberLit::Float(-value)),
        },
        Expr::Paren(paren) => number(&paren.expr),
        Expr::Group(group) => number(&group.expr),
        _ => None,
    }
}
