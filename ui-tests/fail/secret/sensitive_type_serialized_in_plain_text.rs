// `#[sensitive]` on the type covers every field, and serde's derive writes each of them.
use secure::prelude::*;

#[derive(Redact, serde::Serialize)]
#[sensitive]
struct Vault {
    key: String,
}

fn main() {}
