use secure::prelude::*;

#[derive(Redact)]
struct Card {
    #[sensitive(partial(end = 4))]
    number: String,
}

fn main() {}
