use secure::prelude::*;
#[derive(Validate)]
struct Signup {
    #[validate(email)]
    email: u64,
}

fn main() {}
