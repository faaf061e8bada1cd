//! Checks shared by `roles!` and `scopes!` on the names subjects hold at run time.
//!
//! Names are compared exactly at run time, so a declared name with surrounding whitespace, a
//! control character, or a twin that differs only by case would be a rule nobody can meet,
//! or two rules where one was meant.

use syn::LitStr;

use crate::errors::Errors;

/// Reports a declared name that cannot be matched as intended.
pub(crate) fn check_name(name: &LitStr, what: &str, errors: &mut Errors) {
    let value = name.value();
    if value.is_empty() {
        errors.at(name, format!("a {what} name cannot be empty"));
    } else if value.trim() != value {
        errors.at(
            name,
            format!("{what} names are compared exactly, so this one would never match `{:?}`; remove the surrounding whitespace", value.trim()),
        );
    } else if value.chars().any(char::is_control) {
        errors.at(
            name,
            format!("a {what} name cannot contain control characters"),
        );
    }
}

/// Reports names declared twice, or twice up to case.
pub(crate) fn check_unique(names: &[&LitStr], what: &str, errors: &mut Errors) {
    for (index, name) in names.iter().enumerate() {
        let value = name.value();
        let earlier = names[..index].iter().map(|earlier| earlier.value());
        let mut earlier = earlier.filter(|earlier| earlier.eq_ignore_ascii_case(&value));
        match earlier.next() {
            Some(earlier) if earlier == value => {
                errors.at(name, format!("{what} `{value}` is declared twice"));
            }
            Some(earlier) => errors.at(
                name,
                format!("{what} `{value}` differs from `{earlier}` only by case; names are compared exactly, so pick one spelling"),
            ),
            None => {}
        }
    }
}
