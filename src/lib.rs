#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub use secure_core::{
    ExposeSecret, ExposeSecretMut, Sanitized, Secret, SecretString, Untrusted, Validate,
    ValidationError, ValidationErrors,
};
pub use secure_core::{redact, sanitized, secret, unchecked, untrusted, validate};

/// Derives [`Validate`](trait@Validate): sanitizers and rules written on fields.
///
/// ```
/// use secure::prelude::*;
///
/// #[derive(Validate)]
/// #[validate(custom(Self::dates_in_order))]
/// struct Booking {
///     #[validate(sanitize(trim), length(1..=80), no_control)]
///     guest: String,
///     #[validate(range(1..=14))]
///     nights: u8,
///     #[validate(email)]
///     contact: Option<String>,
///     #[validate(length(max = 5), each(length(1..=20)))]
///     requests: Vec<String>,
///     #[validate(skip)]
///     first_night: u32,
///     #[validate(skip)]
///     last_night: u32,
/// }
///
/// impl Booking {
///     fn dates_in_order(&self) -> Result<(), secure::validate::RuleError> {
///         match self.first_night <= self.last_night {
///             true => Ok(()),
///             false => Err(secure::validate::RuleError::new("dates_out_of_order")),
///         }
///     }
/// }
///
/// let booking = Booking {
///     guest: " Ada ".into(),
///     nights: 15,
///     contact: None,
///     requests: vec![],
///     first_night: 9,
///     last_night: 3,
/// };
/// let errors = Untrusted::new(booking).validate().err().unwrap();
/// assert_eq!(errors.to_string(), "nights: must be between 1 and 14; is invalid");
/// ```
///
/// # Attributes
///
/// On a field, `#[validate(rule, rule(..), ..)]` lists its rules (several attributes add up):
/// see the table in the crate documentation or [`validate::rules`]. `sanitize(..)` inside it
/// lists the sanitizers, which run first. `#[sensitive]` on a field, variant or the whole type
/// keeps custom rule parameters and map keys out of the report.
///
/// On the type, `#[validate(custom(path))]` adds a rule that sees the whole value. On an enum
/// variant, `#[validate(skip)]` accepts the variant as it is.
///
/// Every field needs a rule, `nested`, or `skip`: forgetting one is a compile error, not a
/// field that is silently accepted.
pub use secure_derive::Validate;

/// Derives a `Debug` in which `#[sensitive]` values show `[REDACTED]`, and their redacted
/// serialization for logs and audit records ([`redact::redacted`]).
///
/// ```
/// use secure::prelude::*;
///
/// #[derive(Redact)]
/// enum Credential {
///     Password(#[sensitive] String),
///     ApiKey {
///         #[sensitive(partial(first = 3))]
///         key: String,
///         label: String,
///     },
///     #[sensitive]
///     Recovery { phrase: String },
/// }
///
/// let key = Credential::ApiKey { key: "sk_live_0123456789".into(), label: "ci".into() };
/// assert_eq!(format!("{key:?}"), r#"ApiKey { key: "sk_****", label: "ci" }"#);
/// let password = Credential::Password("hunter2".into());
/// assert_eq!(format!("{password:?}"), "Password([REDACTED])");
/// let recovery = Credential::Recovery { phrase: "correct horse".into() };
/// assert_eq!(format!("{recovery:?}"), "Recovery { phrase: [REDACTED] }");
/// ```
///
/// # Attributes
///
/// - `#[sensitive]` on a field shows `[REDACTED]`; on a variant, every field of the variant;
///   on the type, the whole value (`Name([REDACTED])`).
/// - `#[sensitive(partial(first = N, last = M))]` shows the first `N` and last `M` characters
///   of text around a fixed mask, and only when at least as many characters stay hidden.
///
/// The type must not also derive `Debug`. If it derives serde's `Serialize`, each sensitive
/// field needs `#[serde(skip_serializing)]` or
/// `#[serde(serialize_with = "secure::redact::serialize_redacted")]`: see [`redact`].
pub use secure_derive::Redact;

/// Everything a typical module needs: `use secure::prelude::*;`.
pub mod prelude {
    pub use crate::{
        ExposeSecret, ExposeSecretMut, Redact, Sanitized, Secret, SecretString, Untrusted,
        Validate, ValidationErrors,
    };
}

#[doc(hidden)]
pub mod __private {
    pub use secure_core::__private::*;
}
