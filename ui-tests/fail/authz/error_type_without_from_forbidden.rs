use secure::prelude::*;

secure::roles! {
    pub Admin = "admin";
}

#[requires(Admin)]
fn purge(#[subject] caller: &Principal) -> Result<(), String> {
    Ok(())
}

fn main() {}
