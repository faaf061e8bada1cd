use secure::prelude::*;
#[derive(Validate)]
struct Signup {
    #[validate(sanitize(trimm), length(max = 10))]
    username: String,
}

fn main() {}
