use secure::prelude::*;
#[derive(Validate)]
struct Signup {
    #[validate(emial)]
    email: String,
}

fn main() {}
