use secure::prelude::*;

secure::roles! {
    pub Admin = "admin";
}

#[requires(Admin)]
fn transfer(#[subject] from: &Principal, #[subject] to: &Principal) -> Result<(), Forbidden> {
    Ok(())
}

fn main() {}
