// `partial` counts characters: a negative or non-numeric count is refused with what it takes.
use secure::prelude::*;

#[derive(Redact)]
struct Card {
    #[sensitive(partial(first = -1))]
    number: String,
    #[sensitive(partial(last = "4"))]
    iban: String,
}

fn main() {}
