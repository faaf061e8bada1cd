use secure::prelude::*;

secure::roles! {
    pub Admin = "admin";
    pub Clerk = "clerk";
}

secure::scopes! {
    pub Scopes = ["orders:refund"];
}

#[requires(any(Admin, all(Clerk, scope("orders:refund"))))]
fn refund(#[subject] caller: Option<&Principal>) -> Result<(), Forbidden> {
    Ok(())
}

fn main() {
    let clerk = Principal::new("u").with_role("clerk").with_scope("orders:refund");
    assert!(refund(Some(&clerk)).is_ok());
}
