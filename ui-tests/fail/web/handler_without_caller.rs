use axum::extract::Path;
use secure::http::Problem;
use secure::prelude::*;

secure::roles! {
    pub Admin = "admin";
}

#[requires(Admin)]
async fn remove(Path(id): Path<u64>) -> Result<String, Problem> {
    Ok(format!("removed {id}"))
}

fn main() {}
