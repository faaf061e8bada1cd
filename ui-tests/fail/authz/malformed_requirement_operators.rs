use secure::prelude::*;

secure::roles! {
    pub Admin = "admin";
    pub Editor = "editor";
}

#[requires(Admin | Editor)]
fn a(#[subject] caller: &Principal) -> Result<(), Forbidden> { Ok(()) }

#[requires(!Admin)]
fn b(#[subject] caller: &Principal) -> Result<(), Forbidden> { Ok(()) }

#[requires(Admin, Editor)]
fn c(#[subject] caller: &Principal) -> Result<(), Forbidden> { Ok(()) }

fn main() {}
