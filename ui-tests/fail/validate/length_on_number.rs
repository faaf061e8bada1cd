use secure::prelude::*;
#[derive(Validate)]
struct Signup {
    #[validate(length(max = 3))]
    age: u32,
}

fn main() {}
