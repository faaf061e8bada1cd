use secure::prelude::*;
// rustc owns `#[sanitize]`; the derive points to the form that works.
#[derive(Validate)]
struct Signup {
    #[sanitize(trim)]
    #[validate(length(max = 10))]
    username: String,
}

fn main() {}
