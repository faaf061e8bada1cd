// The query writes the wildcards, but a `%` or `_` in the term would still be one.
fn main() {
    let term = "50%";
    let _ = secure::sql!(r"SELECT * FROM items WHERE name LIKE '%' || ? || '%' ESCAPE '\'", term);
}
