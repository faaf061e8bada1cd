// A variant that is `#[validate(skip)]` is accepted as it is, so a rule on one of its fields
// would never run.
use secure::prelude::*;

#[derive(Validate)]
enum Contact {
    Email(#[validate(email)] String),
    #[validate(skip)]
    Phone {
        #[validate(length(max = 20))]
        number: String,
    },
}

fn main() {}
