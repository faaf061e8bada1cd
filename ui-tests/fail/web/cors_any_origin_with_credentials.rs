use secure::http::cors::Cors;

fn main() {
    let _policy = Cors::new().allow_any_origin().allow_credentials().build();
}
