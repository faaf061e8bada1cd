use secure::prelude::*;

secure::roles! {
    pub Admin = "admin";
}

fn owns(_: &Principal, _: &u64) -> bool { true }

#[requires(Admin, prof = admin)]
fn a(#[subject] caller: &Principal) -> Result<(), Forbidden> { Ok(()) }

#[requires(scope(orders_write))]
fn b(#[subject] caller: &Principal) -> Result<(), Forbidden> { Ok(()) }

#[requires(policy(owns(nte)))]
fn c(#[subject] caller: &Principal, note: u64) -> Result<(), Forbidden> { Ok(()) }

fn main() {}
