#[derive(secure::SqlIdentifier)]
enum Column {
    Name,
    #[sql(name = "created at")]
    CreatedAt,
    Email(String),
}

fn main() {}
