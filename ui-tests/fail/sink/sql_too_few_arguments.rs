fn main() {
    let _ = secure::sql!("SELECT * FROM users WHERE name = ? AND age > ?", "ada");
}
