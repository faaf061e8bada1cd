// Encrypted columns serialize as envelopes, sit in `Redact` types, and decrypt into secrets
// of types that opt in with `Plaintext`.
use secure::crypto::{Context, Encrypted, IndexValue, Key, KeyId, Keyring, Plaintext};
use secure::prelude::*;
use secure::secret::Zeroize;

#[derive(serde::Serialize, serde::Deserialize)]
struct Address {
    street: String,
}

impl Zeroize for Address {
    fn zeroize(&mut self) {
        self.street.zeroize();
    }
}

impl Plaintext for Address {}

#[derive(Redact, serde::Serialize, serde::Deserialize)]
struct User {
    id: u64,
    address: Encrypted<Address>,
    email_index: IndexValue,
}

fn main() {
    let keyring = Keyring::new(KeyId::new("k1").unwrap(), Key::generate().unwrap());
    let context = Context::new("users.address", 1);
    let address = Address { street: "1 Main St".into() };
    let user = User {
        id: 1,
        address: Encrypted::encrypt(&address, &keyring, &context).unwrap(),
        email_index: IndexValue::parse(&"0".repeat(64)).unwrap(),
    };
    let json = serde_json::to_string(&user).unwrap();
    let back: User = serde_json::from_str(&json).unwrap();
    let street = back.address.decrypt(&keyring, &context).unwrap();
    assert_eq!(street.expose_secret().street, "1 Main St");
    let _ = format!("{user:?}");
}
