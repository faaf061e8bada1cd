use secure::prelude::*;
#[derive(Validate)]
struct Page {
    #[validate(one_of("10", "20"))]
    size: u32,
}

fn main() {}
