// What a user types into a search box is FTS5 syntax to `MATCH`: `OR`, `column:`, `*` and a
// stray quote would change or break the query. Each `?` there takes an `FtsQuery`.
fn main() {
    let typed = String::from("secret OR body:*");
    let _ = secure::sql!("SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?", typed);
    let _ = secure::sql!("SELECT rowid FROM notes_fts WHERE body MATCH (?)", typed.as_str());
}
