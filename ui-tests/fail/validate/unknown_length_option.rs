use secure::prelude::*;
#[derive(Validate)]
struct Signup {
    #[validate(length(minimum = 3))]
    username: String,
}

fn main() {}
