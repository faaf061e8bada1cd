use secure::axum::{Router, get};

async fn export() -> &'static str {
    "every order, to whoever asks"
}

fn main() {
    let _app: Router = Router::new().route("/admin/export", get(export));
}
