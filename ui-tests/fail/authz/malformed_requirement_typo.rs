use secure::prelude::*;

secure::roles! {
    pub Admin = "admin";
    pub Editor = "editor";
}

#[requires(anyy(Admin, Editor))]
fn publish(#[subject] caller: &Principal) -> Result<(), Forbidden> {
    Ok(())
}

fn main() {}
