use secure::prelude::*;
fn is_even(value: &u32) -> bool {
    value % 2 == 0
}

#[derive(Validate)]
struct Reading {
    #[validate(custom(is_even))]
    level: u32,
}

fn main() {}
