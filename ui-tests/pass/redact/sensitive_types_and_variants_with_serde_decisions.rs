// The forms that say what serialization does with what a type or variant mark covers.
use secure::prelude::*;

// Every field of a sensitive type decides for itself.
#[derive(Redact, Validate, serde::Serialize)]
#[sensitive]
struct Vault {
    #[serde(serialize_with = "secure::redact::serialize_redacted")]
    #[validate(length(min = 1))]
    key: String,
    #[serde(skip_serializing)]
    #[validate(skip)]
    iv: Vec<u8>,
    // A `Secret` refuses serialization itself unless its type opts in.
    #[serde(skip)]
    #[validate(skip)]
    salt: Secret<String>,
}

// The whole type serializes as another, public view of it.
#[derive(Clone, Redact, serde::Serialize)]
#[sensitive]
#[serde(into = "KeySummary")]
struct SigningKey {
    id: u32,
    material: String,
}

#[derive(serde::Serialize)]
struct KeySummary {
    id: u32,
}

impl From<SigningKey> for KeySummary {
    fn from(key: SigningKey) -> Self {
        KeySummary { id: key.id }
    }
}

// A sensitive variant decides as a whole, or each of its fields does.
#[derive(Redact, serde::Serialize)]
enum Credential {
    Username(String),
    #[sensitive]
    #[serde(serialize_with = "secure::redact::serialize_redacted")]
    Password(String),
    #[sensitive]
    #[serde(skip_serializing)]
    Recovery { phrase: String },
    #[sensitive]
    ApiKey {
        #[serde(serialize_with = "secure::redact::serialize_redacted")]
        key: String,
    },
}

// A generic type whose sensitive field is left out.
#[derive(Redact, serde::Serialize)]
struct Labelled<T> {
    label: String,
    #[sensitive]
    #[serde(skip)]
    value: T,
}

// Secrets that opted in to serialization, alone or in a container, decide for themselves.
#[derive(serde::Serialize)]
struct IssuedToken(String);

impl secure::secret::Zeroize for IssuedToken {
    fn zeroize(&mut self) {
        self.0.zeroize();
    }
}

impl secure::secret::SerializableSecret for IssuedToken {}

#[derive(Redact, serde::Serialize)]
#[sensitive]
struct Issued {
    token: Secret<IssuedToken>,
    refresh: Option<Secret<IssuedToken>>,
    previous: Vec<Box<Secret<IssuedToken>>>,
}

// Predicates on `Self` in a generic sensitive type.
#[derive(Redact, serde::Serialize)]
struct Scoped<T>
where
    Self: Sized,
    T: Clone,
{
    scope: T,
    #[sensitive]
    #[serde(skip)]
    grant: String,
}

fn main() {
    let scoped = Scoped { scope: 3u8, grant: "g".into() };
    assert_eq!(serde_json::to_string(&scoped).unwrap(), r#"{"scope":3}"#);
    let issued = Issued {
        token: Secret::new(IssuedToken("t0k".into())),
        refresh: None,
        previous: vec![],
    };
    assert_eq!(
        serde_json::to_string(&issued).unwrap(),
        r#"{"token":"t0k","refresh":null,"previous":[]}"#
    );
    // A sensitive type is one value to the redacted form.
    assert_eq!(
        serde_json::to_string(&secure::redact::redacted(&issued)).unwrap(),
        r#""[REDACTED]""#
    );
    let vault = Vault { key: "k3y".into(), iv: vec![1, 2], salt: Secret::from("s4lt") };
    assert_eq!(serde_json::to_string(&vault).unwrap(), r#"{"key":"[REDACTED]"}"#);
    let key = SigningKey { id: 7, material: "m4t3rial".into() };
    assert_eq!(serde_json::to_string(&key).unwrap(), r#"{"id":7}"#);
    let password = Credential::Password("hunter2".into());
    assert_eq!(serde_json::to_string(&password).unwrap(), r#"{"Password":"[REDACTED]"}"#);
    let recovery = Credential::Recovery { phrase: "correct horse".into() };
    assert!(serde_json::to_string(&recovery).is_err());
    let api_key = Credential::ApiKey { key: "sk_live".into() };
    assert_eq!(serde_json::to_string(&api_key).unwrap(), r#"{"ApiKey":{"key":"[REDACTED]"}}"#);
    let user = Credential::Username("ada".into());
    assert_eq!(serde_json::to_string(&user).unwrap(), r#"{"Username":"ada"}"#);
    let labelled = Labelled { label: "pin".into(), value: 1234 };
    assert_eq!(serde_json::to_string(&labelled).unwrap(), r#"{"label":"pin"}"#);
}
