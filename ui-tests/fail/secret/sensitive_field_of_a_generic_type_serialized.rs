// A generic type is checked as serde's derive bounds it: with `T: Serialize`.
use secure::prelude::*;

#[derive(Redact, serde::Serialize)]
struct Labelled<T> {
    label: String,
    #[sensitive]
    value: T,
}

fn main() {}
