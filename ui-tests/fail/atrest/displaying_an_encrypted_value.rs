// An encrypted column has no text form but its envelope: the value needs `decrypt`.
use secure::crypto::{Context, Encrypted, Key, KeyId, Keyring};

fn main() {
    let keyring = Keyring::new(KeyId::new("k1").unwrap(), Key::generate().unwrap());
    let email = Encrypted::encrypt(&String::from("ada@example.com"), &keyring, &Context::new("users.email", 1)).unwrap();
    let _ = format!("{}", email);
}
