// The `?` inside the string literal is text, not a placeholder.
fn main() {
    let _ = secure::sql!("SELECT * FROM users WHERE note = '?' AND id = ?", 1, 2);
}
