use secure::prelude::*;
#[derive(Validate)]
struct Signup {
    #[validate(skip, length(max = 10))]
    username: String,
}

fn main() {}
