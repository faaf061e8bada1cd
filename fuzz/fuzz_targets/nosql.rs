//! The NoSQL key check: untrusted JSON is accepted only when no key at any depth starts with
//! `$`, contains NUL or (for documents) contains `.`, and it nests no deeper than `MAX_DEPTH`.
//!
//! The first byte wraps the parsed value in that many more levels, alternating arrays and
//! objects, so depths beyond the JSON parser's own recursion limit are reached as well.

#![no_main]

use libfuzzer_sys::fuzz_target;
use secure::sink::nosql::{
    MAX_DEPTH, NoSqlError, check_json, check_json_allowing_dotted_keys, eq, no_operators,
};
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Some((&levels, json)) = data.split_first() else {
        return;
    };
    let Ok(mut value) = serde_json::from_slice::<Value>(json) else {
        return;
    };
    for level in 0..levels {
        value = if level % 2 == 0 {
            Value::Array(vec![Value::Null, value])
        } else {
            Value::Object([("k".to_owned(), value)].into_iter().collect())
        };
    }

    let mut found = Found::default();
    survey(&value, 0, &mut found);

    let document = check_json(&value);
    match document {
        Ok(()) => assert!(!found.operator && !found.dotted && !found.nul && !found.too_deep),
        Err(NoSqlError::OperatorKey) => assert!(found.operator),
        Err(NoSqlError::DottedKey) => assert!(found.dotted),
        Err(NoSqlError::NulInKey) => assert!(found.nul),
        Err(NoSqlError::TooDeep) => assert!(found.too_deep),
        Err(error) => panic!("unexpected {error:?}"),
    }
    assert_eq!(no_operators(&value).is_ok(), document.is_ok());

    match check_json_allowing_dotted_keys(&value) {
        Ok(()) => assert!(!found.operator && !found.nul && !found.too_deep),
        Err(NoSqlError::OperatorKey) => assert!(found.operator),
        Err(NoSqlError::NulInKey) => assert!(found.nul),
        Err(NoSqlError::TooDeep) => assert!(found.too_deep),
        Err(error) => panic!("unexpected {error:?}"),
    }

    match eq(value.clone()) {
        Ok(filter) => {
            assert!(!value.is_object() && !value.is_array());
            let Value::Object(map) = filter else {
                panic!("not an object")
            };
            assert_eq!(map.len(), 1);
            assert_eq!(map.get("$eq"), Some(&value));
        }
        Err(error) => {
            assert_eq!(error, NoSqlError::NotScalar);
            assert!(value.is_object() || value.is_array());
        }
    }
});

#[derive(Default)]
struct Found {
    operator: bool,
    dotted: bool,
    nul: bool,
    too_deep: bool,
}

fn survey(value: &Value, depth: usize, found: &mut Found) {
    if depth > MAX_DEPTH {
        found.too_deep = true;
    }
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                found.operator |= key.starts_with('$');
                found.dotted |= key.contains('.');
                found.nul |= key.contains('\0');
                survey(child, depth + 1, found);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| survey(item, depth + 1, found)),
        _ => {}
    }
}
