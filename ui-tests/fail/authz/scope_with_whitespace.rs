// Tokens list scopes separated by spaces, so a scope with a space in it is never granted.
secure::scopes! {
    pub Scopes = ["orders:read", "orders write"];
}

fn main() {}
