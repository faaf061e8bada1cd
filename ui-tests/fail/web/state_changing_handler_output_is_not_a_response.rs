// The handler has both decisions; what axum cannot use is its output.
use secure::axum::{Router, post};
use secure::prelude::*;

#[public(csrf = protected)]
async fn count() -> u64 {
    42
}

fn main() {
    let _app: Router = Router::new().route("/count", post(count));
}
