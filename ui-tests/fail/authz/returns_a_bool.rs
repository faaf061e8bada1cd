use secure::prelude::*;

secure::roles! {
    pub Admin = "admin";
}

#[requires(Admin)]
fn purge(#[subject] caller: &Principal) -> bool {
    true
}

fn main() {}
