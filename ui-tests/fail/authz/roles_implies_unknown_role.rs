secure::roles! {
    pub Admin = "admin", implies(Edtor);
    pub Editor = "editor";
}

fn main() {}
