use secure::authz::Authorized;

secure::roles! {
    pub Admin = "admin";
}

fn main() {
    let _forged = Authorized::<Admin>::new();
}
