// `Validate` reads `#[sensitive]` too, and refuses the same plain-text serialization.
use secure::prelude::*;

#[derive(Validate, serde::Serialize)]
#[sensitive]
struct Recovery {
    #[validate(length(min = 12))]
    phrase: String,
}

fn main() {}
