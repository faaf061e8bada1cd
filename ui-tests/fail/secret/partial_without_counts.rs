use secure::prelude::*;

#[derive(Redact)]
struct Card {
    #[sensitive(partial)]
    number: String,
}

fn main() {}
