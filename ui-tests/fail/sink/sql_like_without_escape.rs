fn main() {
    let term = "50%";
    let _ = secure::sql!("SELECT * FROM items WHERE name LIKE ?", term);
}
