use secure::prelude::*;

#[derive(Redact)]
struct Card {
    #[sensitive(partial(last = 2))]
    pin: u32,
}

fn main() {}
