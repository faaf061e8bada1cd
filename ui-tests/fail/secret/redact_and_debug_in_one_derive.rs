// Both would write `Debug`; rustc names the two derives that conflict.
use secure::prelude::*;

#[derive(Debug, Redact)]
struct Login {
    user: String,
    #[sensitive]
    password: String,
}

fn main() {}
