use secure::prelude::*;
#[derive(Validate)]
struct Reading {
    #[validate(range(min = 0, exclusive_min = 0))]
    level: u8,
}

fn main() {}
