use secure::prelude::*;
#[derive(Validate)]
struct Signup {
    #[validate(must_match(password))]
    password: String,
}

fn main() {}
