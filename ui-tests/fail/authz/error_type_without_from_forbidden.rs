use secure::prelude::*;

secure::roles! {
    pub Admin = "admin";
}

// A local error type, so the expected output does not depend on which crates in the build
// add `From` impls to a std type.
pub struct PurgeError;

#[requires(Admin)]
fn purge(#[subject] caller: &Principal) -> Result<(), PurgeError> {
    Ok(())
}

fn main() {}
