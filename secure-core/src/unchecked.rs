//! Every way to bypass a guarantee of this crate, gathered in one module.
//!
//! Each function here produces a value that the types would otherwise only hand out after a
//! check. They exist for tests, migrations of trusted data, and the rare case the checks cannot
//! express. Search for `unchecked::` to list every bypass in a code base.

use serde::{Serialize, Serializer};
use zeroize::Zeroize;

use crate::{Authorized, ExposeSecret, Sanitized, Secret, Untrusted};

/// Reads an [`Untrusted`] value without validating it.
///
/// ```
/// let raw = secure::unchecked::untrusted_into_inner(secure::Untrusted::new(5));
/// assert_eq!(raw, 5);
/// ```
pub fn untrusted_into_inner<T>(value: Untrusted<T>) -> T {
    value.into_inner()
}

/// Builds a [`Sanitized`] proof without running any sanitizer or rule.
///
/// Use it for values that are trusted by construction, such as rows the program wrote itself.
///
/// ```
/// let trusted = secure::unchecked::sanitized(String::from("written by us"));
/// assert_eq!(trusted.as_str(), "written by us");
/// ```
pub fn sanitized<T>(value: T) -> Sanitized<T> {
    crate::sanitized::proof(value)
}

/// Serializes a [`Secret`] as its plain value, for a field that must carry it on purpose.
///
/// ```
/// use secure::prelude::*;
///
/// #[derive(serde::Serialize)]
/// struct IssuedKey {
///     #[serde(serialize_with = "secure::unchecked::serialize_exposed")]
///     key: SecretString,
/// }
///
/// let body = IssuedKey { key: Secret::new("k-123".into()) };
/// assert_eq!(serde_json::to_string(&body).unwrap(), r#"{"key":"k-123"}"#);
/// ```
pub fn serialize_exposed<T, S>(secret: &Secret<T>, serializer: S) -> Result<S::Ok, S::Error>
where
    T: Zeroize + Serialize,
    S: Serializer,
{
    secret.expose_secret().serialize(serializer)
}

/// Makes an [`Authorized`] proof without checking anything.
///
/// For tests of privileged functions and for jobs that run with authority of their own (a
/// migration, a scheduled task). Every call grants what `R` grants to whoever holds the proof.
///
/// ```
/// use secure::authz::Authorized;
///
/// secure::roles! {
///     pub Admin = "admin";
/// }
///
/// fn wipe(_proof: Authorized<Admin>) -> bool {
///     true
/// }
///
/// assert!(wipe(secure::unchecked::authorized::<Admin>()));
/// ```
pub fn authorized<R: ?Sized>() -> Authorized<R> {
    Authorized::new()
}

/// Routes an axum `MethodRouter` through the checked router without any authorization or
/// CSRF decision, for handlers the checks cannot see (a mounted static file service, an
/// axum handler from another crate).
///
/// ```
/// use secure::axum::Router;
///
/// async fn legacy() -> &'static str {
///     "decided elsewhere"
/// }
///
/// let app: axum::Router = Router::new()
///     .route("/legacy", secure::unchecked::route(axum::routing::get(legacy)))
///     .into();
/// ```
#[cfg(feature = "axum")]
pub fn route<S: Clone + Send + Sync + 'static>(
    methods: axum::routing::MethodRouter<S>,
) -> crate::axum::MethodRouter<S> {
    crate::axum::unchecked_methods(methods)
}
