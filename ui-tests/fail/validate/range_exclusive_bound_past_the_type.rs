// An exclusive bound at the edge of the field's integer type leaves no value to pass.
use secure::prelude::*;

#[derive(Validate)]
struct Settings {
    #[validate(range(exclusive_min = 255))]
    level: u8,
    #[validate(range(exclusive_max = 0))]
    retries: Option<u32>,
    // Within the type, and so accepted.
    #[validate(range(exclusive_min = 0, exclusive_max = 100))]
    percent: i8,
}

fn main() {}
