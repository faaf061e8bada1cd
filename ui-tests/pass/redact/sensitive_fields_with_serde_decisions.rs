use secure::prelude::*;

#[derive(Redact, serde::Serialize)]
struct Config {
    host: String,
    #[sensitive]
    #[serde(skip_serializing)]
    db_password: String,
    #[sensitive(partial(last = 4))]
    #[serde(serialize_with = "secure::redact::serialize_redacted")]
    account: String,
}

#[derive(Redact, Validate, serde::Serialize)]
enum Contact {
    Email(#[validate(email)] String),
    Phone(
        #[sensitive]
        #[serde(skip)]
        #[validate(length(max = 20))]
        String,
    ),
}

#[derive(Redact)]
struct Generic<T> {
    #[sensitive]
    hidden: T,
    shown: u8,
}

struct NotDebug;

fn main() {
    let config = Config { host: "db".into(), db_password: "p".into(), account: "12345678".into() };
    assert_eq!(serde_json::to_string(&config).unwrap(), r#"{"host":"db","account":"[REDACTED]"}"#);
    assert_eq!(format!("{config:?}"), r#"Config { host: "db", db_password: [REDACTED], account: "****5678" }"#);
    let phone = Contact::Phone("+1 555 0100".into());
    assert_eq!(format!("{phone:?}"), "Phone([REDACTED])");
    let generic = Generic { hidden: NotDebug, shown: 1 };
    assert_eq!(format!("{generic:?}"), "Generic { hidden: [REDACTED], shown: 1 }");
}
