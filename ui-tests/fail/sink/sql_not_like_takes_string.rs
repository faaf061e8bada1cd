fn main() {
    let term = "50%";
    let _ = secure::sql!(r"SELECT * FROM items WHERE name NOT LIKE ? ESCAPE '\'", term);
}
