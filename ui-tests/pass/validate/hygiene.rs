// Generated code names everything by its full path, so local items that shadow the prelude
// do not change it, and it raises no lint even when every lint is denied.
#![forbid(unsafe_code)]
#![deny(warnings, unused, nonstandard_style, rust_2018_idioms, unused_qualifications)]
#![deny(clippy::all, clippy::pedantic)]
#![allow(dead_code, clippy::needless_pass_by_value)]

use secure::prelude::*;

struct Option;
struct Some;
struct None;
struct Result;
struct Ok;
struct Err;
struct Box;
trait PartialEq {}
mod core {}
mod std {}

fn check(value: &::std::string::String) -> ::core::result::Result<(), secure::validate::RuleError> {
    let _ = value;
    ::core::result::Result::Ok(())
}

#[derive(Validate)]
#[validate(custom(Self::whole))]
struct Shadowed {
    #[validate(length(1..=5), custom(check), pattern("[a-z]+"))]
    name: ::std::string::String,
    #[validate(must_match(name))]
    again: ::std::string::String,
    #[validate(each(range(max = 9)))]
    values: ::std::vec::Vec<u8>,
    #[validate(required, url)]
    link: ::core::option::Option<::std::string::String>,
}

impl Shadowed {
    fn whole(&self) -> ::core::result::Result<(), secure::validate::RuleError> {
        ::core::result::Result::Ok(())
    }
}

fn main() {
    let value = Shadowed {
        name: "abc".into(),
        again: "abc".into(),
        values: ::std::vec![1],
        link: ::core::option::Option::Some("https://example.com".into()),
    };
    assert!(Untrusted::new(value).validate().is_ok());
}
