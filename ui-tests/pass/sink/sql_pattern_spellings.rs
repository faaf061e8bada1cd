// Every spelling of a `LIKE` or `GLOB` pattern with a placeholder takes the pattern type, and
// the placeholders around it take plain values.
use secure::sink::sql::{GlobPattern, LikePattern};

fn main() {
    let term = "50%";
    let _ = secure::sql!(
        r"SELECT * FROM items WHERE id > ? AND name LIKE '%' || ? || '%' ESCAPE '\' LIMIT ?",
        7,
        LikePattern::exact(term),
        10,
    );
    let _ = secure::sql!(r"SELECT * FROM items WHERE name LIKE (?) ESCAPE '\'", LikePattern::contains(term));
    let _ = secure::sql!(r"SELECT * FROM items WHERE name LIKE lower(?) ESCAPE '\'", LikePattern::contains(term));
    let _ = secure::sql!(r"SELECT * FROM items WHERE name NOT LIKE ? ESCAPE '\'", LikePattern::contains(term));
    let _ = secure::sql!(r"SELECT * FROM items WHERE name ILIKE ? ESCAPE '\'", &LikePattern::contains(term));
    let _ = secure::sql!("SELECT * FROM files WHERE name GLOB ? AND size > ?", GlobPattern::ends_with(".rs"), 0);
    let _ = secure::sql!("SELECT * FROM items WHERE name LIKE 'x%' AND note = ?", term);
}
