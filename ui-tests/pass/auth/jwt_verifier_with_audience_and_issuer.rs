// Audience and issuer in either order, several of each: `build()` is available.
use secure::auth::jwt::{HmacAlgorithm, JwtVerifier, VerificationKey};
use secure::Secret;

fn main() {
    let key = VerificationKey::hmac(HmacAlgorithm::Hs256, &Secret::new(vec![7; 32])).unwrap();
    let _ = JwtVerifier::<serde_json::Value>::builder(key)
        .issuer("https://login.example.com")
        .audience("orders-api")
        .audience("billing-api")
        .build();
}
