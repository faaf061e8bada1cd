//! Validates a sign-up request read from a JSON file and prints the outcome.
//!
//! ```sh
//! cargo run --example validate_json -- examples/signup.json
//! ```

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line program"
)]

use std::process::ExitCode;

use secure::prelude::*;
use serde::Deserialize;

#[derive(Validate, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Signup {
    #[validate(sanitize(trim, lowercase), length(3..=32), pattern("[a-z0-9_]+"))]
    username: String,
    #[validate(sanitize(trim), email)]
    email: String,
    #[validate(length(12..=128))]
    password: SecretString,
    #[validate(range(13..=130))]
    age: u32,
    #[validate(url)]
    website: Option<String>,
    #[validate(length(max = 10), each(length(1..=20)))]
    tags: Vec<String>,
    #[validate(nested)]
    address: Address,
}

#[derive(Validate, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Address {
    #[validate(length(1..=100))]
    street: String,
    #[validate(length(1..=50))]
    city: String,
    #[validate(sanitize(trim, uppercase), length(3..=10))]
    postal_code: String,
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: validate_json <file.json>");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("cannot read {path}: {error}");
            return ExitCode::from(2);
        }
    };
    // The file is input from outside: it is only ever read through validation.
    let request: Untrusted<Signup> = match serde_json::from_str(&text) {
        Ok(request) => request,
        Err(error) => {
            // serde_json's message names the line and column, not the content.
            eprintln!("not a sign-up request: {error}");
            return ExitCode::from(1);
        }
    };
    match request.validate() {
        Ok(signup) => {
            println!(
                "valid: {} <{}>, {} tag(s), postal code {}",
                signup.username,
                signup.email,
                signup.tags.len(),
                signup.address.postal_code
            );
            ExitCode::SUCCESS
        }
        Err(errors) => {
            println!(
                "{}",
                serde_json::to_string_pretty(&errors).expect("reports serialize")
            );
            ExitCode::from(1)
        }
    }
}
