use secure::sink::sql::SqlQuery;

fn main() {
    let _ = SqlQuery::from_trusted(format!("SELECT * FROM t WHERE id = {}", 1).into(), Vec::new());
}
