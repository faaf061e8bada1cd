use secure::prelude::*;
#[derive(Validate)]
struct Signup {
    #[validate(length(max = 32), length(min = 3))]
    username: String,
}

fn main() {}
