// A verifier that checks no issuer would accept tokens from anyone holding the key.
use secure::auth::jwt::{HmacAlgorithm, JwtVerifier, VerificationKey};
use secure::Secret;

fn main() {
    let key = VerificationKey::hmac(HmacAlgorithm::Hs256, &Secret::new(vec![7; 32])).unwrap();
    let _ = JwtVerifier::<serde_json::Value>::builder(key).audience("orders-api").build();
}
