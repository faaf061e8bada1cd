use secure::prelude::*;
#[derive(Validate)]
struct Post {
    #[validate(one_of(1, 2))]
    status: String,
}

fn main() {}
