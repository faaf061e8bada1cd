// serde bounds a field of an associated type (`T::Password: Serialize`); the check that a
// sensitive field is not serialized in plain text sees the same impl.
use secure::prelude::*;

pub trait Store {
    type Password;
}

pub struct Memory;

impl Store for Memory {
    type Password = String;
}

#[derive(Redact, serde::Serialize)]
struct Login<T: Store> {
    user: String,
    #[sensitive]
    password: T::Password,
}

fn main() {}
