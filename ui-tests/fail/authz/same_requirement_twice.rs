// A requirement listed twice in `any(..)` or `all(..)` is a slip: the second was likely
// meant to be another role.
use secure::prelude::*;

secure::roles! {
    pub Admin = "admin";
    pub Auditor = "auditor";
}

#[requires(all(Admin, Admin))]
fn purge(#[subject] caller: &Principal) -> Result<(), Forbidden> {
    Ok(())
}

#[requires(any(Auditor, scope("logs:read"), scope("logs:read")))]
fn read_logs(#[subject] caller: &Principal) -> Result<(), Forbidden> {
    Ok(())
}

fn main() {}
