// Deny by default: a requirement that nobody, or everybody, satisfies does not compile.
use secure::prelude::*;

#[requires]
fn a(#[subject] caller: &Principal) -> Result<(), Forbidden> { Ok(()) }

#[requires(any())]
fn b(#[subject] caller: &Principal) -> Result<(), Forbidden> { Ok(()) }

#[requires(all())]
fn c(#[subject] caller: &Principal) -> Result<(), Forbidden> { Ok(()) }

fn main() {}
