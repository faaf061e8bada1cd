use secure::prelude::*;
#[derive(Validate)]
struct Item {
    #[validate(length(min = 1))]
    sku: String,
}

#[derive(Validate)]
struct Order {
    #[validate(nested(message = "bad item"))]
    item: Item,
}

fn main() {}
