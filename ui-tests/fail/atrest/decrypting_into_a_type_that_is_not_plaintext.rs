// Decryption returns a `Secret`, which zeroizes its value: the type must say it can be one.
use secure::crypto::{Context, Encrypted, Keyring};

#[derive(serde::Serialize, serde::Deserialize)]
struct Address {
    street: String,
}

fn read(stored: &Encrypted<Address>, keyring: &Keyring) {
    let _ = stored.decrypt(keyring, &Context::new("users.address", 1));
}

fn main() {}
