// NaN compares false with every number: a range bounded by it accepts no value at all.
use secure::prelude::*;

#[derive(Validate)]
struct Reading {
    #[validate(range(min = f64::NAN, max = 100.0))]
    celsius: f64,
}

fn main() {}
