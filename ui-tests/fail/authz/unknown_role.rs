use secure::prelude::*;

secure::roles! {
    pub Admin = "admin";
}

#[requires(Admn)]
fn purge(#[subject] caller: &Principal) -> Result<(), Forbidden> {
    Ok(())
}

fn main() {}
