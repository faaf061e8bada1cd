use secure::prelude::*;
#[derive(Validate)]
struct Profile {
    #[validate(url(schemes("https", "javascript")))]
    homepage: String,
}

fn main() {}
