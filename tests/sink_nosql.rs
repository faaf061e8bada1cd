//! NoSQL operator injection.

use secure::prelude::*;
use secure::sink::nosql::{NoSqlError, check_json, check_json_allowing_dotted_keys, eq};
use serde_json::json;

#[test]
fn nosql_01_login_bodies() {
    #[derive(serde::Deserialize)]
    #[allow(dead_code, reason = "only deserialized")]
    struct Login {
        username: String,
    }

    let attacks = [
        json!({"email": {"$gt": ""}, "password": "x"}),
        json!({"username": {"$ne": null}}),
        json!({"username": {"$regex": "^adm"}}),
    ];
    for attack in &attacks {
        assert_eq!(check_json(attack), Err(NoSqlError::OperatorKey), "{attack}");
    }

    // A typed field refuses objects and arrays where a string is expected.
    for body in [
        r#"{"username": {"$ne": null}}"#,
        r#"{"username": ["a", "b"]}"#,
        r#"{"username": {"$regex": "^adm"}}"#,
    ] {
        assert!(serde_json::from_str::<Login>(body).is_err(), "{body}");
    }

    assert_eq!(eq(json!("alice")).unwrap(), json!({"$eq": "alice"}));
    assert_eq!(eq(json!(null)).unwrap(), json!({"$eq": null}));
    assert_eq!(eq(json!({"$ne": null})), Err(NoSqlError::NotScalar));
    assert_eq!(eq(json!(["a", "b"])), Err(NoSqlError::NotScalar));
}

#[test]
fn nosql_02_nested_and_dotted_keys() {
    assert_eq!(
        check_json(&json!({"profile": {"bio": "x", "$where": "sleep(1000)"}})),
        Err(NoSqlError::OperatorKey)
    );
    assert_eq!(
        check_json(&json!({"items": [{"q": {"$gt": ""}}]})),
        Err(NoSqlError::OperatorKey)
    );
    assert_eq!(
        check_json(&json!([[[{"a": [{"$or": []}]}]]])),
        Err(NoSqlError::OperatorKey)
    );
    assert_eq!(
        check_json(&json!({"profile.role": "admin"})),
        Err(NoSqlError::DottedKey)
    );
    assert_eq!(
        check_json(&json!({"a\u{0}b": 1})),
        Err(NoSqlError::NulInKey)
    );
    assert_eq!(
        check_json_allowing_dotted_keys(&json!({"a\u{0}b": 1})),
        Err(NoSqlError::NulInKey)
    );
    assert!(check_json_allowing_dotted_keys(&json!({"profile.role": 1})).is_ok());

    // Values are data: a `$` or a dot in a value is fine.
    assert!(check_json(&json!({"price": "$5.00", "tags": ["a.b", "$x"]})).is_ok());
}

#[test]
fn refuses_nesting_deeper_than_the_limit() {
    let mut value = json!("leaf");
    for _ in 0..=secure::sink::nosql::MAX_DEPTH {
        value = json!([value]);
    }
    assert_eq!(check_json(&value), Err(NoSqlError::TooDeep));
}

#[test]
fn works_as_a_validation_rule() {
    #[derive(Validate, serde::Deserialize)]
    struct Update {
        #[validate(custom(secure::sink::nosql::no_operators))]
        fields: serde_json::Value,
    }

    let bad: Untrusted<Update> =
        serde_json::from_str(r#"{"fields": {"profile": {"$where": "1"}}}"#).unwrap();
    let errors = bad.validate().err().unwrap();
    assert!(errors.has("fields", "nosql_operator"));
    assert!(!errors.to_string().contains("where"), "{errors}");

    let good: Untrusted<Update> = serde_json::from_str(r#"{"fields": {"bio": "hi"}}"#).unwrap();
    assert!(good.validate().is_ok());
}
