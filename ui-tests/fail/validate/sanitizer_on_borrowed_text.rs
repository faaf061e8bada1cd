use secure::prelude::*;
#[derive(Validate)]
struct Signup<'a> {
    #[validate(sanitize(trim), length(max = 10))]
    username: &'a str,
}

fn main() {}
