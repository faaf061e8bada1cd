use secure::prelude::*;
struct Address {
    zip: String,
}

#[derive(Validate)]
struct Signup {
    #[validate(nested)]
    address: Address,
}

fn main() {}
