use secure::prelude::*;

#[derive(Redact)]
#[derive(Debug)]
struct Login {
    user: String,
    #[sensitive]
    password: String,
}

fn main() {}
