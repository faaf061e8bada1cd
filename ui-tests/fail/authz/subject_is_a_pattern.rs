use secure::prelude::*;

secure::roles! {
    pub Admin = "admin";
}

#[requires(Admin)]
fn purge(#[subject] (caller, _reason): (&Principal, &str)) -> Result<(), Forbidden> {
    Ok(())
}

fn main() {}
