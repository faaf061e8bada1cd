// A length is a count: a bound typed as another integer is refused at the bound.
use secure::prelude::*;

#[derive(Validate)]
struct Signup {
    #[validate(length(3u8..=32u8))]
    username: String,
}

fn main() {}
