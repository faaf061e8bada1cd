use secure::http::cors::Cors;

fn main() {
    let _policy = Cors::new()
        .allow_origins(["https://app.example.com"])
        .allow_any_headers()
        .allow_credentials()
        .build();
}
