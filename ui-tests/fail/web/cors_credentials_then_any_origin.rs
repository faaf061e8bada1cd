use secure::http::cors::Cors;

fn main() {
    let _policy = Cors::new().allow_credentials().allow_any_origin().build();
}
