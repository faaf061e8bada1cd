// `*`, `?` and `[` in the term would be wildcards of the `GLOB`.
fn main() {
    let term = "*.rs";
    let _ = secure::sql!("SELECT * FROM files WHERE name GLOB ?", term);
}
