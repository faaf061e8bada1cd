// The handler has its decision; what axum cannot use is its output.
use secure::axum::{Router, get};
use secure::prelude::*;

#[public]
async fn visits() -> u64 {
    42
}

fn main() {
    let _app: Router = Router::new().route("/visits", get(visits));
}
