use secure::prelude::*;
#[derive(Validate)]
struct Signup {
    #[validate(required)]
    username: String,
}

fn main() {}
