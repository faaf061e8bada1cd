use secure::prelude::*;

#[derive(serde::Serialize)]
struct Config {
    host: String,
    api_key: Secret<String>,
}

fn main() {}
