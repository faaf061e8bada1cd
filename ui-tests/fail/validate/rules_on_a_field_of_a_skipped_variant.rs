// A variant that is `#[validate(skip)]` is accepted as it is, so a rule on one of its fields
// would never run.
use secure::prelude::*;

#[derive(Validate)]
enum Contact {
    Email(#[validate(email)] String),
    // `skip` on the field of a skipped variant says nothing new, and is accepted.
    #[validate(skip)]
    Fax(#[validate(skip)] String),
    #[validate(skip)]
    Phone {
        #[validate(length(max = 20))]
        number: String,
    },
}

fn main() {}
