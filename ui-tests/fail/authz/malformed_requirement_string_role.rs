// Roles are types, so the string forms of other frameworks are refused with the fix.
use secure::prelude::*;

#[requires(role = "admin")]
fn a(#[subject] caller: &Principal) -> Result<(), Forbidden> { Ok(()) }

#[requires("admin")]
fn b(#[subject] caller: &Principal) -> Result<(), Forbidden> { Ok(()) }

fn main() {}
