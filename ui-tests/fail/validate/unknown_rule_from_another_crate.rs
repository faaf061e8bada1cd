use secure::prelude::*;
// `regex` is what other validation crates call it; the hint names ours.
#[derive(Validate)]
struct Signup {
    #[validate(regex("^[a-z]+$"))]
    username: String,
}

fn main() {}
