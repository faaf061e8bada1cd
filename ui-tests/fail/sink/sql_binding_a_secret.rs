// A secret is not a SQL parameter by accident: binding one asks for `expose_secret()`.
use secure::SecretString;

fn main() {
    let token = SecretString::from("tok_live_canary");
    let _ = secure::sql!("INSERT INTO tokens (value) VALUES (?)", token);
}
