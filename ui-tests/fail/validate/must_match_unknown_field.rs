use secure::prelude::*;
#[derive(Validate)]
struct Signup {
    #[validate(length(min = 12))]
    password: String,
    #[validate(must_match(pasword))]
    confirmation: String,
}

fn main() {}
