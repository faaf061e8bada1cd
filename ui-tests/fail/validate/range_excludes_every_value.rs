use secure::prelude::*;
#[derive(Validate)]
struct Reading {
    #[validate(range(10..=1))]
    level: u8,
    #[validate(range(min = 1.0, exclusive_max = 1.0))]
    ratio: f64,
}

fn main() {}
