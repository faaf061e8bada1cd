//! Every way to bypass a guarantee of this crate, gathered in one module.
//!
//! Each function here produces a value that the types would otherwise only hand out after a
//! check. They exist for tests, migrations of trusted data, and the rare case the checks cannot
//! express. Search for `unchecked::` to list every bypass in a code base.
//!
//! The hidden `secure::__private` module that generated code calls holds no such bypass: its
//! authorization functions return a proof only when the requirement passed, and its sink
//! functions escape or quote every value themselves. They trust only text typed
//! `&'static str` as written in the program; `SECURITY.md` lists them.

use std::path::Path;

use serde::{Serialize, Serializer};
use zeroize::Zeroize;

use crate::encode::{
    CssString, HtmlAttrValue, JsString, SafeHeaderValue, SafeHtml, SafeRedirect, SafeUrl,
    UnquotedAttrValue, UrlPathSegment, UrlQueryValue,
};
use crate::secret::SecretString;
use crate::secret::load::{LoadError, Permissions, read_file};
use crate::sink::ldap::{LdapDnValue, LdapFilter, LdapFilterValue};
use crate::sink::path::SafePath;
use crate::sink::shell::SafeCommand;
use crate::sink::sql::{SqlIdent, SqlQuery, SqlValue};
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
    crate::redact::serialize_opted_in(secret.expose_secret(), serializer)
}

/// Makes an [`Authorized`] proof without checking anything: the only way to get one other
/// than the check of `#[requires]`.
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

/// Trusts `markup` as HTML without escaping or sanitizing it.
///
/// ```
/// let html = secure::unchecked::safe_html(String::from("<b>from our CMS</b>"));
/// assert_eq!(html.as_str(), "<b>from our CMS</b>");
/// ```
pub fn safe_html(markup: String) -> SafeHtml {
    SafeHtml::from_trusted(markup)
}

/// Trusts `value` as a quoted attribute value, quotes included.
pub fn html_attr_value(value: String) -> HtmlAttrValue {
    HtmlAttrValue::from_trusted(value)
}

/// Trusts `value` as an unquoted attribute value.
pub fn unquoted_attr_value(value: String) -> UnquotedAttrValue {
    UnquotedAttrValue::from_trusted(value)
}

/// Trusts `value` as the inside of a JavaScript string literal.
pub fn js_string(value: String) -> JsString {
    JsString::from_trusted(value)
}

/// Trusts `value` as the inside of a CSS string.
pub fn css_string(value: String) -> CssString {
    CssString::from_trusted(value)
}

/// Trusts `value` as an encoded query value.
pub fn url_query_value(value: String) -> UrlQueryValue {
    UrlQueryValue::from_trusted(value)
}

/// Trusts `value` as an encoded path segment.
pub fn url_path_segment(value: String) -> UrlPathSegment {
    UrlPathSegment::from_trusted(value)
}

/// Trusts `url` without checking its scheme.
///
/// ```
/// let url = secure::unchecked::safe_url(String::from("tel:+1-555-0100"));
/// assert_eq!(url.as_str(), "tel:+1-555-0100");
/// ```
pub fn safe_url(url: String) -> SafeUrl {
    SafeUrl::from_trusted(url)
}

/// Trusts `target` as a redirect target without checking where it leads.
pub fn safe_redirect(target: String) -> SafeRedirect {
    SafeRedirect::from_trusted(target)
}

/// Trusts `value` as a header value without looking for line breaks.
pub fn safe_header_value(value: String) -> SafeHeaderValue {
    SafeHeaderValue::from_trusted(value)
}

/// Trusts `text` as SQL, for statements built by code the macro cannot see (migrations,
/// generated schemas).
///
/// ```
/// let query = secure::unchecked::sql_query(String::from("VACUUM"), Vec::new());
/// assert_eq!(query.text(), "VACUUM");
/// ```
pub fn sql_query<'a>(text: String, params: Vec<SqlValue<'a>>) -> SqlQuery<'a> {
    SqlQuery::from_trusted(text.into(), params)
}

/// Trusts `name` as a table or column name without an allowlist.
pub fn sql_ident(name: &'static str) -> SqlIdent {
    SqlIdent::from_trusted(name)
}

/// Starts a command whose program comes from a run-time value.
///
/// Arguments added afterwards are still checked.
pub fn command(program: impl AsRef<std::ffi::OsStr>) -> SafeCommand {
    SafeCommand::from_trusted(program.as_ref())
}

/// Trusts `filter` as an LDAP search filter.
pub fn ldap_filter(filter: String) -> LdapFilter {
    LdapFilter::from_trusted(filter)
}

/// Trusts `value` as an escaped LDAP filter value.
pub fn ldap_filter_value(value: String) -> LdapFilterValue {
    LdapFilterValue::from_trusted(value)
}

/// Trusts `value` as an escaped DN attribute value.
pub fn ldap_dn_value(value: String) -> LdapDnValue {
    LdapDnValue::from_trusted(value)
}

/// Trusts `path` as inside a jail without checking it.
pub fn safe_path(path: std::path::PathBuf) -> SafePath {
    SafePath::from_trusted(path)
}

/// Reads a secret file like [`secret::load::from_file`](crate::secret::load::from_file),
/// without refusing a file that other users may read or write.
///
/// For platforms that mount secrets with fixed permissions the deployment cannot change.
///
/// ```
/// # let dir = tempfile::tempdir().unwrap();
/// # let path = dir.path().join("token");
/// # std::fs::write(&path, "t0k3n\n").unwrap();
/// use secure::prelude::*;
///
/// let token = secure::unchecked::secret_from_file_any_permissions(&path).unwrap();
/// assert_eq!(token.expose_secret(), "t0k3n");
/// ```
pub fn secret_from_file_any_permissions(path: impl AsRef<Path>) -> Result<SecretString, LoadError> {
    read_file(path.as_ref(), Permissions::Any)
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
