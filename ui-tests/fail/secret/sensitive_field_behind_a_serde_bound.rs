// A `#[serde(bound = "..")]` changes the bounds serde's derive puts on `Serialize`; the check
// that a sensitive field is not serialized in plain text follows the same bounds.
use secure::prelude::*;
use std::marker::PhantomData;

#[derive(Redact, serde::Serialize)]
#[serde(bound = "T: std::fmt::Display")]
struct Login<T> {
    user: String,
    #[sensitive]
    password: String,
    #[serde(skip)]
    _tenant: PhantomData<T>,
}

fn main() {}
