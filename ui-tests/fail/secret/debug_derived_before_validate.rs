// Whichever way a `Debug` reaches a type with `#[sensitive]` marks — a `#[derive(Debug)]`
// before `#[derive(Validate)]`, the derive under another name, or written by hand — it would
// print them; only the `Debug` that `#[derive(Redact)]` writes is accepted.
use secure::prelude::*;
use std::fmt;

#[derive(Debug)]
#[derive(Validate)]
struct Login {
    #[validate(length(1..=20))]
    user: String,
    #[sensitive]
    #[validate(length(min = 8))]
    password: String,
}

mod renamed {
    pub use core::fmt::Debug as Printable;
}

#[derive(renamed::Printable, Validate)]
enum Credential {
    #[sensitive]
    Pin(#[validate(length(4..=8))] String),
}

#[derive(Validate)]
struct Token<T> {
    #[sensitive]
    #[validate(skip)]
    value: T,
}

impl<T: fmt::Debug> fmt::Debug for Token<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Token({:?})", self.value)
    }
}

#[derive(Debug, Validate)]
struct Recovery {
    #[sensitive]
    #[validate(length(min = 12))]
    phrase: String,
}

fn main() {}
