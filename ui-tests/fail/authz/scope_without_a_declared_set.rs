use secure::prelude::*;

#[requires(scope("orders:write"))]
fn ship(#[subject] token: &Principal) -> Result<(), Forbidden> {
    Ok(())
}

fn main() {}
