// Both derives see the later `Debug` and say the same, so the error shows once.
use secure::prelude::*;

#[derive(Redact, Validate)]
#[derive(Debug)]
struct Login {
    #[validate(length(max = 64))]
    user: String,
    #[sensitive]
    #[validate(length(min = 12))]
    password: String,
}

fn main() {}
