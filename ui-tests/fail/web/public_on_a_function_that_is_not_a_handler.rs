use secure::prelude::*;

#[public]
fn health() -> &'static str {
    "ok"
}

#[public]
async fn borrowed(name: &str) -> String {
    name.to_owned()
}

fn main() {}
