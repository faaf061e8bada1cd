secure::roles! {
    pub Admin = "admin", implies(Editor);
    pub Editor = "editor", implies(Admin);
}

fn main() {}
