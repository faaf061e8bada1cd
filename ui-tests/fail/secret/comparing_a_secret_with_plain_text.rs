// Secrets compare only with secrets, in constant time; never with a plain value.
use secure::prelude::*;

fn main() {
    let token: SecretString = Secret::new("t0k3n".into());
    let _ = token == String::from("t0k3n");
}
