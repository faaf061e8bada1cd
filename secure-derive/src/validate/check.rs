//! Checks of the parsed model that need more than one attribute at a time: bounds that
//! exclude every value, duplicates, references to other fields, and fields with no rule.

use super::model::*;
use super::parse::number;
use crate::errors::Errors;

/// An input whose every check passed; emission accepts nothing else.
pub(crate) struct Checked<'a>(Input<'a>);

impl<'a> Checked<'a> {
    pub(crate) fn input(&self) -> &Input<'a> {
        &self.0
    }
}

pub(crate) fn check<'a>(input: Input<'a>, errors: &mut Errors) -> Checked<'a> {
    match &input.shape {
        Shape::Struct(fields) => check_fields(fields, errors),
        Shape::Enum(variants) => {
            for variant in variants.iter().filter(|variant| !variant.skip) {
                check_fields(&variant.fields, errors);
            }
        }
    }
    Checked(input)
}

fn check_fields(fields: &[Field<'_>], errors: &mut Errors) {
    for field in fields {
        if !field.declared {
            errors.push(syn::Error::new(
                field.span,
                format!(
                    "field `{}` has no validation rule; add one such as `#[validate(length(max = 100))]`, `#[validate(nested)]` for a type that derives `Validate`, or `#[validate(skip)]` to accept any value",
                    field.name
                ),
            ));
        }
        let skip = field
            .rules
            .iter()
            .find(|rule| matches!(rule.kind, RuleKind::Skip));
        if let Some(skip) = skip
            && field.rules.len() > 1
        {
            errors.push(syn::Error::new(
                skip.span,
                "`skip` accepts any value, so it cannot be combined with rules",
            ));
        }
        check_rules(&field.rules, errors);
        for rule in &field.rules {
            if let RuleKind::MustMatch(other) = &rule.kind {
                check_must_match(field, other, fields, errors);
            }
            if let (RuleKind::Range(bounds), Some(limits)) = (&rule.kind, integer_limits(field.ty))
            {
                check_range_within(bounds, limits, errors);
            }
        }
    }
}

fn check_rules(rules: &[Rule], errors: &mut Errors) {
    for (position, rule) in rules.iter().enumerate() {
        let earlier = &rules[..position];
        let duplicate = earlier.iter().any(|seen| match (&seen.kind, &rule.kind) {
            (RuleKind::Custom(a), RuleKind::Custom(b)) => a == b,
            (a, b) => a.name() == b.name(),
        });
        if duplicate {
            let message = match rule.kind {
                RuleKind::Custom(_) => {
                    "this custom rule is already listed for this field".to_owned()
                }
                _ => format!(
                    "duplicate rule `{0}`; write one `{0}(..)` with every bound",
                    rule.kind.name()
                ),
            };
            errors.push(syn::Error::new(rule.span, message));
        }

        match &rule.kind {
            RuleKind::Length {
                min, max, equal, ..
            } => check_length(rule, min, max, equal, errors),
            RuleKind::Range(bounds) => check_range(rule, bounds, errors),
            RuleKind::Each(inner) | RuleKind::Keys(inner) | RuleKind::Values(inner) => {
                check_rules(inner, errors);
            }
            _ => {}
        }
    }
}

fn check_length(
    rule: &Rule,
    min: &Option<syn::Expr>,
    max: &Option<syn::Expr>,
    equal: &Option<syn::Expr>,
    errors: &mut Errors,
) {
    if equal.is_some() && (min.is_some() || max.is_some()) {
        errors.push(syn::Error::new(
            rule.span,
            "`equal` already fixes the length; drop `min` and `max`",
        ));
    }
    for bound in [min, max, equal].into_iter().flatten() {
        if matches!(number(bound), Some(NumberLit::Int(value)) if value < 0)
            || matches!(number(bound), Some(NumberLit::Float(_)))
        {
            errors.at(bound, "a length is a whole number of zero or more");
        }
    }
    if let (Some(low), Some(high)) = (min, max)
        && let (Some(NumberLit::Int(low_value)), Some(NumberLit::Int(high_value))) =
            (number(low), number(high))
        && low_value > high_value
    {
        errors.at(
            low,
            format!(
                "`min` ({low_value}) is greater than `max` ({high_value}), so no value can pass"
            ),
        );
    }
}

fn check_range(rule: &Rule, bounds: &RangeBounds, errors: &mut Errors) {
    let given = [
        &bounds.min,
        &bounds.max,
        &bounds.exclusive_min,
        &bounds.exclusive_max,
    ];
    for bound in given.into_iter().flatten() {
        let nan = matches!(bound, syn::Expr::Path(path)
            if path.path.segments.last().is_some_and(|segment| segment.ident == "NAN"));
        if nan {
            errors.at(
                bound,
                "`NAN` compares false with every number, so no value can pass; give a number",
            );
        }
    }
    if bounds.min.is_some() && bounds.exclusive_min.is_some() {
        errors.push(syn::Error::new(
            rule.span,
            "give either `min` or `exclusive_min`, not both",
        ));
    }
    if bounds.max.is_some() && bounds.exclusive_max.is_some() {
        errors.push(syn::Error::new(
            rule.span,
            "give either `max` or `exclusive_max`, not both",
        ));
    }
    let lower = bounds
        .min
        .as_ref()
        .map(|min| (min, false))
        .or(bounds.exclusive_min.as_ref().map(|min| (min, true)));
    let upper = bounds
        .max
        .as_ref()
        .map(|max| (max, false))
        .or(bounds.exclusive_max.as_ref().map(|max| (max, true)));
    let (Some((low, low_exclusive)), Some((high, high_exclusive))) = (lower, upper) else {
        return;
    };
    let (Some(low_value), Some(high_value)) = (number(low), number(high)) else {
        return;
    };
    let empty = if low_exclusive || high_exclusive {
        low_value.as_f64() >= high_value.as_f64()
    } else {
        low_value.as_f64() > high_value.as_f64()
    };
    if empty {
        errors.at(
            low,
            "the lower bound is not below the upper bound, so no value can pass",
        );
    }
}

fn check_must_match(
    field: &Field<'_>,
    other: &syn::Ident,
    fields: &[Field<'_>],
    errors: &mut Errors,
) {
    let wanted = syn::ext::IdentExt::unraw(other).to_string();
    if wanted == field.name {
        errors.at(
            other,
            "a field always matches itself; name the field it must equal",
        );
        return;
    }
    if fields.iter().any(|candidate| candidate.name == wanted) {
        return;
    }
    let names: Vec<&str> = fields
        .iter()
        .map(|candidate| candidate.name.as_str())
        .collect();
    let closest = names
        .iter()
        .map(|name| (strsim::jaro_winkler(&wanted, name), *name))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let hint = closest.map_or_else(String::new, |(_, name)| format!("; did you mean `{name}`?"));
    errors.at(other, format!("no field named `{wanted}` to match{hint}"));
}

/// The smallest and largest values of a field typed as a primitive integer, or an `Option`
/// of one, as the type is written.
fn integer_limits(ty: &syn::Type) -> Option<(i128, i128, String)> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    if path.qself.is_some() {
        return None;
    }
    let last = path.path.segments.last()?;
    if last.ident == "Option" {
        let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
            return None;
        };
        return match args.args.first()? {
            syn::GenericArgument::Type(inner) => integer_limits(inner),
            _ => None,
        };
    }
    if path.path.segments.len() != 1 || !last.arguments.is_empty() {
        return None;
    }
    let name = last.ident.to_string();
    let (lowest, highest) = match name.as_str() {
        "u8" => (0, i128::from(u8::MAX)),
        "u16" => (0, i128::from(u16::MAX)),
        "u32" => (0, i128::from(u32::MAX)),
        "u64" => (0, i128::from(u64::MAX)),
        "i8" => (i128::from(i8::MIN), i128::from(i8::MAX)),
        "i16" => (i128::from(i16::MIN), i128::from(i16::MAX)),
        "i32" => (i128::from(i32::MIN), i128::from(i32::MAX)),
        "i64" => (i128::from(i64::MIN), i128::from(i64::MAX)),
        _ => return None,
    };
    Some((lowest, highest, name))
}

/// Refuses an exclusive bound that leaves no value of the field's integer type.
fn check_range_within(
    bounds: &RangeBounds,
    (lowest, highest, name): (i128, i128, String),
    errors: &mut Errors,
) {
    if let Some(bound) = &bounds.exclusive_min
        && let Some(NumberLit::Int(value)) = number(bound)
        && value >= highest
    {
        errors.at(
            bound,
            format!("no `{name}` is above {value}, so no value can pass"),
        );
    }
    if let Some(bound) = &bounds.exclusive_max
        && let Some(NumberLit::Int(value)) = number(bound)
        && value <= lowest
    {
        errors.at(
            bound,
            format!("no `{name}` is below {value}, so no value can pass"),
        );
    }
}
