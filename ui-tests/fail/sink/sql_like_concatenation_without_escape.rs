use secure::sink::sql::LikePattern;

fn main() {
    let term = LikePattern::exact("50%");
    let _ = secure::sql!("SELECT * FROM items WHERE name LIKE '%' || ? || '%'", term);
}
