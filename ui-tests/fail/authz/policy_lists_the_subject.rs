use secure::prelude::*;

fn owns(caller: &Principal, note: &u64) -> bool {
    caller.id() == note.to_string()
}

#[requires(policy(owns(caller, note)))]
fn delete(#[subject] caller: &Principal, note: u64) -> Result<(), Forbidden> {
    Ok(())
}

fn main() {}
