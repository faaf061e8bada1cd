use secure::prelude::*;
#[derive(Validate)]
struct Signup {
    #[validate(pattern("[a-z"))]
    username: String,
}

fn main() {}
