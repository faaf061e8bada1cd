use secure::prelude::*;
// One compile shows every mistake, not only the first.
#[derive(Validate)]
struct Signup {
    #[validate(emial)]
    email: String,
    #[validate(length(min = 9, max = 1))]
    username: String,
    #[validate(pattern("(unclosed"))]
    slug: String,
}

fn main() {}
