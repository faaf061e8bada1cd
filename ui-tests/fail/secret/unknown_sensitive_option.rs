use secure::prelude::*;

#[derive(Redact)]
struct Card {
    #[sensitive(partal(last = 4))]
    number: String,
}

fn main() {}
