use secure::authz::Authorized;

secure::roles! {
    pub Admin = "admin", implies(Viewer);
    pub Viewer = "viewer";
}

fn escalate(viewer: Authorized<Viewer>) -> Authorized<Admin> {
    viewer.weaken::<Admin>()
}

fn main() {}
