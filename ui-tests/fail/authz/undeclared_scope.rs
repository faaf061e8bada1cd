use secure::prelude::*;

secure::scopes! {
    pub Scopes = ["orders:read", "orders:write"];
}

#[requires(scope("orders:wirte"))]
fn ship(#[subject] token: &Principal) -> Result<(), Forbidden> {
    Ok(())
}

fn main() {}
