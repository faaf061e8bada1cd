// Two parameters look like the caller: `#[requires]` refuses to guess which one to check.
use secure::prelude::*;

secure::roles! {
    pub Admin = "admin";
}

#[requires(Admin)]
fn transfer(from: &Principal, to: &Principal) -> Result<(), Forbidden> {
    Ok(())
}

fn main() {}
