use secure::prelude::*;
#[derive(Validate)]
struct Item {
    #[validate(length(min = 1))]
    sku: String,
}

#[derive(Validate)]
struct Order {
    #[validate(each(nested))]
    items: Vec<Item>,
}

fn main() {}
