use secure::prelude::*;

#[derive(Validate)]
#[derive(Debug)]
struct Login {
    #[validate(length(max = 64))]
    user: String,
    #[sensitive]
    #[validate(length(min = 12))]
    password: String,
}

fn main() {}
