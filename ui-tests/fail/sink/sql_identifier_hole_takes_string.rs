// Column names cannot be bound; a `{}` hole takes an allowlisted identifier.
fn main() {
    let column = String::from("name; DROP TABLE users");
    let _ = secure::sql!("SELECT {} FROM users", column);
}
