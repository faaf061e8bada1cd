use secure::prelude::*;
#[derive(Validate)]
struct Post {
    #[validate(length(bytes, max = 3))]
    tags: Vec<String>,
}

fn main() {}
