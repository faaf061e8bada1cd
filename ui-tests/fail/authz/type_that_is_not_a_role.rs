use secure::prelude::*;

struct Admin;

#[requires(Admin)]
fn purge(#[subject] caller: &Principal) -> Result<(), Forbidden> {
    Ok(())
}

fn main() {}
