secure::scopes! {
    pub Scopes = ["orders:read", "orders:read"];
    pub Nothing = [];
}

fn main() {}
