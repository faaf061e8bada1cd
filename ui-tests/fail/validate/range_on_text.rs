use secure::prelude::*;
#[derive(Validate)]
struct Signup {
    #[validate(range(min = 13))]
    age: String,
}

fn main() {}
