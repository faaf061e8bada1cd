// The fallback answers every method, POST included, so it needs a CSRF decision as a
// handler routed with `any` does.
use secure::axum::Router;
use secure::prelude::*;

#[public]
async fn catch_all() -> &'static str {
    "anything goes"
}

fn main() {
    let _ = Router::<()>::new().fallback(catch_all);
}
