// The exemption for `Secret` fields under a type mark is for `secure::Secret` itself: another
// type of that name, or a plain value beside a secret, is checked as any field.
use secure::prelude::*;

mod vault {
    #[derive(serde::Serialize)]
    pub struct Secret(pub String);
}

#[derive(serde::Serialize)]
struct Token(String);

impl secure::secret::Zeroize for Token {
    fn zeroize(&mut self) {
        self.0.zeroize();
    }
}

impl secure::secret::SerializableSecret for Token {}

#[derive(Redact, serde::Serialize)]
#[sensitive]
struct Credentials {
    api_key: vault::Secret,
    labelled: (String, Secret<Token>),
    rotated: Secret<Token>,
}

fn main() {}
