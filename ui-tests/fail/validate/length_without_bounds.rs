use secure::prelude::*;
#[derive(Validate)]
struct Signup {
    #[validate(length())]
    username: String,
}

fn main() {}
