use secure::authz::Authorized;

secure::roles! {
    pub Admin = "admin", implies(Viewer);
    pub Viewer = "viewer";
}

fn wipe(_proof: Authorized<Admin>) {}

fn as_viewer(viewer: Authorized<Viewer>) {
    wipe(viewer);
}

fn main() {}
