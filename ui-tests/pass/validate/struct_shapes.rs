use secure::prelude::*;

#[derive(Validate)]
struct Named {
    #[validate(length(1..=10))]
    name: String,
}

#[derive(Validate)]
struct Tuple(#[validate(range(max = 9))] u8, #[validate(email)] String);

#[derive(Validate)]
struct Newtype(#[validate(length(max = 3))] String);

#[derive(Validate)]
struct Unit;

#[derive(Validate)]
struct Empty {}

fn main() {
    assert!(Untrusted::new(Named { name: "ok".into() }).validate().is_ok());
    assert!(Untrusted::new(Tuple(10, "a@example.com".into())).validate().is_err());
    assert!(Untrusted::new(Newtype("abcd".into())).validate().is_err());
    assert!(Untrusted::new(Unit).validate().is_ok());
    assert!(Untrusted::new(Empty {}).validate().is_ok());
}
