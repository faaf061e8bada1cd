// serde's derive knows nothing of `#[sensitive]`: the field must say what to write instead.
use secure::prelude::*;

#[derive(Redact, serde::Serialize)]
struct Config {
    host: String,
    #[sensitive]
    db_password: String,
}

fn main() {}
