// `lower` does not escape wildcards: the placeholder is still part of the pattern.
fn main() {
    let term = "50%";
    let _ = secure::sql!(r"SELECT * FROM items WHERE name LIKE lower(?) ESCAPE '\'", term);
}
