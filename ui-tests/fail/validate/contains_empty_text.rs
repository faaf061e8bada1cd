use secure::prelude::*;
#[derive(Validate)]
struct Signup {
    #[validate(contains(""))]
    email: String,
}

fn main() {}
