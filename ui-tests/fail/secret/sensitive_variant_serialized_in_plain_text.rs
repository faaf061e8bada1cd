// `#[sensitive]` on a variant covers its fields, and serde's derive writes them.
use secure::prelude::*;

#[derive(Redact, serde::Serialize)]
enum Credential {
    Username(String),
    #[sensitive]
    Password(String),
}

fn main() {}
