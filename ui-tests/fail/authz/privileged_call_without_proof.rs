use secure::authz::Authorized;

secure::roles! {
    pub Admin = "admin";
}

fn wipe(_proof: Authorized<Admin>) {}

fn main() {
    wipe();
}
