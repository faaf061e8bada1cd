//! NoSQL (MongoDB-style documents): untrusted JSON cannot carry query operators.
//!
//! Document databases read keys that start with `$` as operators and keys with `.` as paths
//! into nested fields. When a request body is passed on as a filter or an update, an object
//! where a string was expected turns `{"password": {"$ne": null}}` into "any password", and
//! `{"profile.role": "admin"}` reaches a field the endpoint never meant to expose.
//!
//! [`check_json`] walks the whole value (objects and arrays, at any depth) and refuses keys
//! that start with `$`, contain `.` or contain NUL. [`eq`] wraps a user scalar as
//! `{"$eq": value}` so that it is compared, never interpreted.
//!
//! ```
//! use secure::sink::nosql::{check_json, NoSqlError};
//!
//! let login: serde_json::Value = serde_json::json!({"email": {"$gt": ""}, "password": "x"});
//! assert_eq!(check_json(&login), Err(NoSqlError::OperatorKey));
//! assert!(check_json(&serde_json::json!({"email": "a@example.com"})).is_ok());
//! ```
//!
//! Deserializing into typed request structs is the first defence: a `String` field refuses
//! an object or an array. Use these checks where JSON stays untyped.

use core::fmt;

use serde_json::Value;

use crate::validate::RuleError;

/// How deep [`check_json`] looks before it refuses a value as too deeply nested.
pub const MAX_DEPTH: usize = 128;

/// Refuses `value` if any key, at any depth, starts with `$`, contains `.` or contains NUL.
pub fn check_json(value: &Value) -> Result<(), NoSqlError> {
    check_with(value, KeyPolicy::Document)
}

/// Like [`check_json`], but accepts dotted keys, for input whose keys are paths the
/// application itself allowlists (a projection, a sort specification).
///
/// ```
/// use secure::sink::nosql::check_json_allowing_dotted_keys;
///
/// assert!(check_json_allowing_dotted_keys(&serde_json::json!({"profile.name": 1})).is_ok());
/// assert!(check_json_allowing_dotted_keys(&serde_json::json!({"$where": "1"})).is_err());
/// ```
pub fn check_json_allowing_dotted_keys(value: &Value) -> Result<(), NoSqlError> {
    check_with(value, KeyPolicy::Paths)
}

#[derive(Clone, Copy, PartialEq)]
enum KeyPolicy {
    Document,
    Paths,
}

fn check_with(value: &Value, policy: KeyPolicy) -> Result<(), NoSqlError> {
    // An explicit stack: the depth of untrusted JSON must not decide the depth of recursion.
    let mut pending = vec![(value, 0usize)];
    while let Some((value, depth)) = pending.pop() {
        if depth > MAX_DEPTH {
            return Err(NoSqlError::TooDeep);
        }
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    check_key(key, policy)?;
                    pending.push((child, depth + 1));
                }
            }
            Value::Array(items) => pending.extend(items.iter().map(|item| (item, depth + 1))),
            _ => {}
        }
    }
    Ok(())
}

fn check_key(key: &str, policy: KeyPolicy) -> Result<(), NoSqlError> {
    if key.starts_with('$') {
        Err(NoSqlError::OperatorKey)
    } else if key.contains('\0') {
        Err(NoSqlError::NulInKey)
    } else if policy == KeyPolicy::Document && key.contains('.') {
        Err(NoSqlError::DottedKey)
    } else {
        Ok(())
    }
}

/// The rule form of [`check_json`], for `#[validate(custom(...))]`.
///
/// ```
/// use secure::prelude::*;
///
/// #[derive(Validate, serde::Deserialize)]
/// struct Update {
///     #[validate(custom(secure::sink::nosql::no_operators))]
///     fields: serde_json::Value,
/// }
///
/// let body = r#"{"fields": {"items": [{"q": {"$gt": ""}}]}}"#;
/// let update: Untrusted<Update> = serde_json::from_str(body).unwrap();
/// assert!(update.validate().err().unwrap().has("fields", "nosql_operator"));
/// ```
pub fn no_operators(value: &Value) -> Result<(), RuleError> {
    check_json(value).map_err(|_| {
        RuleError::new("nosql_operator")
            .with_message("must not contain keys that start with `$`, contain `.` or NUL")
    })
}

/// Wraps a scalar as `{"$eq": value}`, so a filter compares it and never reads it as an
/// operator. Objects and arrays are refused.
///
/// ```
/// use secure::sink::nosql::eq;
///
/// assert_eq!(eq("alice".into()).unwrap(), serde_json::json!({"$eq": "alice"}));
/// assert!(eq(serde_json::json!({"$ne": null})).is_err());
/// ```
pub fn eq(value: Value) -> Result<Value, NoSqlError> {
    match value {
        Value::Object(_) | Value::Array(_) => Err(NoSqlError::NotScalar),
        scalar => {
            let mut filter = serde_json::Map::with_capacity(1);
            filter.insert(String::from("$eq"), scalar);
            Ok(Value::Object(filter))
        }
    }
}

/// Why untrusted JSON was refused. It never holds the key or the value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NoSqlError {
    /// A key starts with `$`.
    OperatorKey,
    /// A key contains `.`.
    DottedKey,
    /// A key contains NUL.
    NulInKey,
    /// The value nests deeper than [`MAX_DEPTH`].
    TooDeep,
    /// [`eq`] was given an object or an array.
    NotScalar,
}

impl fmt::Display for NoSqlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NoSqlError::OperatorKey => "a key starts with `$`",
            NoSqlError::DottedKey => "a key contains `.`",
            NoSqlError::NulInKey => "a key contains NUL",
            NoSqlError::TooDeep => "the value is nested too deeply",
            NoSqlError::NotScalar => "expected a string, number, boolean or null",
        })
    }
}

impl std::error::Error for NoSqlError {}
