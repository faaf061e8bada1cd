// In one list `Redact` cannot see `Debug`; rustc reports the two impls and points at `Redact`.
use secure::prelude::*;

#[derive(Debug, Redact)]
struct Login {
    user: String,
    #[sensitive]
    password: String,
}

fn main() {}
