use secure::prelude::*;

secure::roles! {
    pub Admin = "admin";
}

#[requires(Admin, csrf = protected)]
fn purge(caller: &Principal) -> Result<(), Forbidden> {
    Ok(())
}

fn main() {}
