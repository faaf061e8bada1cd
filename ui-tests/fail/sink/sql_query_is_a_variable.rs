fn main() {
    let query = "SELECT * FROM users";
    let _ = secure::sql!(query);
}
