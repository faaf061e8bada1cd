// Names are compared exactly at run time, so these could never match what was meant.
secure::roles! {
    pub Admin = "admin ";
    pub Editor = "editor";
    pub Writer = "Editor";
}

fn main() {}
