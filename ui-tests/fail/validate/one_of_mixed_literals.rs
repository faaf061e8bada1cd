use secure::prelude::*;
#[derive(Validate)]
struct Post {
    #[validate(one_of("draft", 1))]
    status: String,
}

fn main() {}
