use secure::prelude::*;

#[derive(Validate, serde::Serialize)]
struct Profile {
    #[validate(length(max = 100))]
    name: String,
    #[sensitive]
    #[validate(length(max = 20))]
    phone: String,
}

fn main() {}
