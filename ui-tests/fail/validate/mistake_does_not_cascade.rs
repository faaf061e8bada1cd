use secure::prelude::*;
// The attribute error is the only error: uses of the type still type-check.
#[derive(Validate)]
struct Signup {
    #[validate(emial)]
    email: String,
}

fn accept(input: secure::Untrusted<Signup>) -> Option<secure::Sanitized<Signup>> {
    input.validate().ok()
}

fn main() {}
