use secure::prelude::*;

#[public(csrf = exempt)]
async fn webhook() -> &'static str {
    "ok"
}

#[public(csrf = exempt(""))]
async fn another() -> &'static str {
    "ok"
}

fn main() {}
