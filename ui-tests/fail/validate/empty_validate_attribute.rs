use secure::prelude::*;
#[derive(Validate)]
struct Signup {
    #[validate()]
    username: String,
}

fn main() {}
