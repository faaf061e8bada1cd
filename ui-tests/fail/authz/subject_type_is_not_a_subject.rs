use secure::prelude::*;

secure::roles! {
    pub Admin = "admin";
}

#[requires(Admin)]
fn purge(#[subject] user_id: u64) -> Result<(), Forbidden> {
    Ok(())
}

fn main() {}
