//! A handler may return `#[requires]`'s refusal itself, as the note on a return type that
//! cannot carry it advises: `Forbidden` answers as the router's 401/403 problem.

use secure::axum::{Caller, Router, get};
use secure::prelude::*;

secure::roles! {
    pub Admin = "admin";
}

#[requires(Admin)]
async fn admin(caller: Caller) -> Result<&'static str, Forbidden> {
    Ok("welcome")
}

fn main() {
    let _app: axum::Router = Router::new().route("/admin", get(admin)).into();
}
