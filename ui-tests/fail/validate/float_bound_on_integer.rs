use secure::prelude::*;
#[derive(Validate)]
struct Reading {
    #[validate(range(min = 0.5))]
    level: u32,
}

fn main() {}
