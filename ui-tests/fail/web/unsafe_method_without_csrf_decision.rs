use secure::axum::{Caller, Router, post};
use secure::http::Problem;
use secure::prelude::*;

secure::roles! {
    pub Member = "member";
}

#[requires(Member)]
async fn delete_account(caller: Caller) -> Result<&'static str, Problem> {
    Ok("deleted")
}

fn main() {
    let _app: Router = Router::new().route("/account/delete", post(delete_account));
}
