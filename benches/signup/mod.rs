//! The sign-up request of the validation benchmarks, written for `secure`, `garde` and
//! `validator` with the same rules, and the field values of its two cases.

use std::sync::LazyLock;

pub(crate) mod ours {
    use secure::prelude::*;

    #[derive(Clone, Validate)]
    pub(crate) struct Signup {
        #[validate(length(3..=32), pattern("^[A-Za-z0-9_]+$"))]
        pub(crate) username: String,
        #[validate(email)]
        pub(crate) email: String,
        #[validate(length(12..=128))]
        pub(crate) password: String,
        #[validate(range(13..=130))]
        pub(crate) age: u32,
        #[validate(url)]
        pub(crate) website: Option<String>,
        #[validate(length(max = 10), each(length(1..=20)))]
        pub(crate) tags: Vec<String>,
        #[validate(nested)]
        pub(crate) address: Address,
    }

    #[derive(Clone, Validate)]
    pub(crate) struct Address {
        #[validate(length(1..=100))]
        pub(crate) street: String,
        #[validate(length(1..=50))]
        pub(crate) city: String,
        #[validate(length(3..=10))]
        pub(crate) postal_code: String,
    }
}

pub(crate) mod with_garde {
    #[derive(Clone, garde::Validate)]
    pub(crate) struct Signup {
        #[garde(length(chars, min = 3, max = 32), pattern(r"^[A-Za-z0-9_]+$"))]
        pub(crate) username: String,
        #[garde(email)]
        pub(crate) email: String,
        #[garde(length(chars, min = 12, max = 128))]
        pub(crate) password: String,
        #[garde(range(min = 13, max = 130))]
        pub(crate) age: u32,
        #[garde(url)]
        pub(crate) website: Option<String>,
        #[garde(length(max = 10), inner(length(chars, min = 1, max = 20)))]
        pub(crate) tags: Vec<String>,
        #[garde(dive)]
        pub(crate) address: Address,
    }

    #[derive(Clone, garde::Validate)]
    pub(crate) struct Address {
        #[garde(length(chars, min = 1, max = 100))]
        pub(crate) street: String,
        #[garde(length(chars, min = 1, max = 50))]
        pub(crate) city: String,
        #[garde(length(chars, min = 3, max = 10))]
        pub(crate) postal_code: String,
    }
}

pub(crate) mod with_validator {
    use std::sync::LazyLock;

    use regex::Regex;
    use validator::{Validate as _, ValidationError};

    pub(crate) static USERNAME: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[A-Za-z0-9_]+$").expect("a valid pattern"));

    /// validator has no rule for each element of a `Vec<String>`: this checks every tag, as
    /// the other two do, and reports the bad ones as one failure of the list, which is all a
    /// custom function of validator can return.
    fn tags(tags: &[String]) -> Result<(), ValidationError> {
        let bad = tags
            .iter()
            .filter(|tag| !(1..=20).contains(&tag.chars().count()))
            .count();
        if bad > 0 {
            return Err(ValidationError::new("length"));
        }
        Ok(())
    }

    #[derive(Clone, validator::Validate)]
    pub(crate) struct Signup {
        #[validate(length(min = 3, max = 32), regex(path = *USERNAME))]
        pub(crate) username: String,
        #[validate(email)]
        pub(crate) email: String,
        #[validate(length(min = 12, max = 128))]
        pub(crate) password: String,
        #[validate(range(min = 13, max = 130))]
        pub(crate) age: u32,
        #[validate(url)]
        pub(crate) website: Option<String>,
        #[validate(length(max = 10), custom(function = "tags"))]
        pub(crate) tags: Vec<String>,
        #[validate(nested)]
        pub(crate) address: Address,
    }

    #[derive(Clone, validator::Validate)]
    pub(crate) struct Address {
        #[validate(length(min = 1, max = 100))]
        pub(crate) street: String,
        #[validate(length(min = 1, max = 50))]
        pub(crate) city: String,
        #[validate(length(min = 3, max = 10))]
        pub(crate) postal_code: String,
    }
}

pub(crate) struct Fields {
    username: String,
    email: String,
    password: String,
    age: u32,
    website: Option<String>,
    tags: Vec<String>,
    street: String,
    city: String,
    postal_code: String,
}

pub(crate) static VALID: LazyLock<Fields> = LazyLock::new(|| Fields {
    username: "ada_lovelace".into(),
    email: "ada@example.com".into(),
    password: "correct horse battery".into(),
    age: 36,
    website: Some("https://example.com/ada".into()),
    tags: vec!["math".into(), "engines".into()],
    street: "12 Analytical Row".into(),
    city: "London".into(),
    postal_code: "EC1A 1BB".into(),
});

/// Every field breaks a rule: 12 failures for secure and garde (the username two, the tags
/// three: too many, and two empty), 11 for validator, whose custom tag check reports the two
/// empty tags as one failure.
pub(crate) static INVALID: LazyLock<Fields> = LazyLock::new(|| Fields {
    username: "a!".into(),
    email: "not an email".into(),
    password: "short".into(),
    age: 7,
    // A port out of range: every library rejects it, after a full parse.
    website: Some("https://example.com:99999/".into()),
    tags: (0..11)
        .map(|i| if i < 2 { String::new() } else { "tag".into() })
        .collect(),
    street: String::new(),
    city: "x".repeat(51),
    postal_code: "1".into(),
});

pub(crate) fn ours(fields: &Fields) -> ours::Signup {
    ours::Signup {
        username: fields.username.clone(),
        email: fields.email.clone(),
        password: fields.password.clone(),
        age: fields.age,
        website: fields.website.clone(),
        tags: fields.tags.clone(),
        address: ours::Address {
            street: fields.street.clone(),
            city: fields.city.clone(),
            postal_code: fields.postal_code.clone(),
        },
    }
}

pub(crate) fn garde(fields: &Fields) -> with_garde::Signup {
    with_garde::Signup {
        username: fields.username.clone(),
        email: fields.email.clone(),
        password: fields.password.clone(),
        age: fields.age,
        website: fields.website.clone(),
        tags: fields.tags.clone(),
        address: with_garde::Address {
            street: fields.street.clone(),
            city: fields.city.clone(),
            postal_code: fields.postal_code.clone(),
        },
    }
}

pub(crate) fn validator(fields: &Fields) -> with_validator::Signup {
    with_validator::Signup {
        username: fields.username.clone(),
        email: fields.email.clone(),
        password: fields.password.clone(),
        age: fields.age,
        website: fields.website.clone(),
        tags: fields.tags.clone(),
        address: with_validator::Address {
            street: fields.street.clone(),
            city: fields.city.clone(),
            postal_code: fields.postal_code.clone(),
        },
    }
}

/// The failures `secure` reports for `value`, checked by reference as the peers check.
pub(crate) fn secure_failures(value: &ours::Signup) -> usize {
    let mut errors = secure::ValidationErrors::new();
    secure::Validate::check(value, &secure::validate::Location::root(), &mut errors);
    errors.len()
}

/// The failures garde reports for `value`.
pub(crate) fn garde_failures(value: &with_garde::Signup) -> usize {
    garde::Validate::validate(value).map_or_else(|report| report.iter().count(), |()| 0)
}

/// The failures validator reports for `value`, through nested structs and lists.
pub(crate) fn validator_failures(value: &with_validator::Signup) -> usize {
    fn count(errors: &validator::ValidationErrors) -> usize {
        errors
            .errors()
            .values()
            .map(|kind| match kind {
                validator::ValidationErrorsKind::Field(errors) => errors.len(),
                validator::ValidationErrorsKind::Struct(nested) => count(nested),
                validator::ValidationErrorsKind::List(items) => {
                    items.values().map(|e| count(e)).sum()
                }
            })
            .sum()
    }
    validator::Validate::validate(value).map_or_else(|errors| count(&errors), |()| 0)
}
