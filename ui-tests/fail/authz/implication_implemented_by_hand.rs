// Implications come only from `roles!`: an impl by hand would let `weaken` turn a viewer's
// proof into an admin's.
use secure::authz::Implies;

secure::roles! {
    pub Admin = "admin";
    pub Viewer = "viewer";
}

impl Implies<Admin> for Viewer {}

fn main() {}
