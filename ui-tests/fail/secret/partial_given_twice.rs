// Two masks for one field would keep only the last: say which part may show once.
use secure::prelude::*;

#[derive(Redact)]
struct Card {
    #[sensitive(partial(last = 4), partial(first = 6, last = 4))]
    number: String,
}

fn main() {}
