// Values come back from `decrypt` as a `Secret`, which zeroizes them: a type must opt in.
use secure::crypto::{Context, Encrypted, Keyring};

#[derive(serde::Serialize, serde::Deserialize)]
struct Address {
    street: String,
}

fn store(address: &Address, keyring: &Keyring) {
    let _ = Encrypted::encrypt(address, keyring, &Context::new("users.address", 1));
}

fn main() {}
