use secure::prelude::*;
#[derive(Validate)]
#[validate(email)]
struct Email(#[validate(email)] String);

fn main() {}
