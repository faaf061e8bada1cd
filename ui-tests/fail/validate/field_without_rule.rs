use secure::prelude::*;
// Strict by default: every field says how it is checked, or that it is not.
#[derive(Validate)]
struct Signup {
    #[validate(email)]
    email: String,
    username: String,
}

fn main() {}
