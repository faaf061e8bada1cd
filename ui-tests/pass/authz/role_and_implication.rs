use secure::prelude::*;

secure::roles! {
    pub Admin = "admin", implies(Editor);
    pub Editor = "editor";
}

#[requires(Editor, proof = editor)]
fn publish(#[subject] caller: &Principal) -> Result<Authorized<Editor>, Forbidden> {
    Ok(editor)
}

fn main() {
    assert!(publish(&Principal::new("u").with_role("admin")).is_ok());
}
