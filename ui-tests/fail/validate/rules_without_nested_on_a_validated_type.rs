// A field whose type derives `Validate` must say `nested` when it has other rules, or the
// rules of the type it holds would silently not run.
use secure::prelude::*;
use std::collections::HashMap;

#[derive(Validate)]
struct Address {
    #[validate(length(min = 5, max = 10))]
    zip: String,
}

fn known(_: &Address) -> Result<(), secure::validate::RuleError> {
    Ok(())
}

#[derive(Validate)]
struct Order {
    #[validate(required)]
    shipping: Option<Address>,
    #[validate(length(max = 4))]
    by_label: HashMap<String, Address>,
    #[validate(length(min = 1))]
    stops: Vec<Box<Address>>,
    #[validate(custom(known))]
    billing: Address,
    // These reach inside, and compile.
    #[validate(nested, required)]
    pickup: Option<Address>,
    #[validate(nested, length(max = 4))]
    depots: Vec<Address>,
}

fn linked(_: &Option<Box<Chain>>) -> Result<(), secure::validate::RuleError> {
    Ok(())
}

#[derive(Validate)]
struct Chain {
    #[validate(length(max = 8))]
    name: String,
    #[validate(custom(linked))]
    next: Option<Box<Self>>,
}

#[derive(Validate)]
enum Delivery {
    Courier(#[validate(required)] Option<Address>),
}

fn main() {}
