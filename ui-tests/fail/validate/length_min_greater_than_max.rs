use secure::prelude::*;
#[derive(Validate)]
struct Signup {
    #[validate(length(min = 10, max = 3))]
    username: String,
}

fn main() {}
