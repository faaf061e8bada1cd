fn main() {
    let id = "1 OR 1=1";
    let _ = secure::sql!(format!("SELECT * FROM users WHERE id = {id}"));
}
