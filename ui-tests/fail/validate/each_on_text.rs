use secure::prelude::*;
#[derive(Validate)]
struct Post {
    #[validate(each(length(max = 3)))]
    title: String,
}

fn main() {}
