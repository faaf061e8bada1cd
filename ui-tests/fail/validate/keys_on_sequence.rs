use secure::prelude::*;
#[derive(Validate)]
struct Post {
    #[validate(keys(length(max = 3)))]
    tags: Vec<String>,
}

fn main() {}
