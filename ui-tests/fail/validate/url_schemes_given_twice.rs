// Two `schemes(..)` lists would keep only the last: `https` would be refused.
use secure::prelude::*;

#[derive(Validate)]
struct Profile {
    #[validate(url(schemes("https"), schemes("mailto")))]
    contact: String,
}

fn main() {}
