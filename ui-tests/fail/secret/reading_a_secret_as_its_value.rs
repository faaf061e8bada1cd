use secure::prelude::*;

fn main() {
    let token: SecretString = Secret::new("t0k3n".into());
    let text: &str = &token;
    let _ = text;
}
