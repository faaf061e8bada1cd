use secure::prelude::*;

fn main() {
    let forged: Sanitized<String> = Sanitized(String::from("not checked"));
    let _ = forged;
}
