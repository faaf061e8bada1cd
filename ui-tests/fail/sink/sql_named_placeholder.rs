// `sql!` counts `?` placeholders against its arguments; a named or numbered one would be
// counted by nothing and fail only when the query runs.
fn main() {
    let title = "groceries";
    let _ = secure::sql!("SELECT id FROM notes WHERE title = :title", title);
    let _ = secure::sql!("SELECT id FROM notes WHERE title = $1", title);
}
