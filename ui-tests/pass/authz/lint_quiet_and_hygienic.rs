// The expansion is quiet under strict lints and does not depend on prelude names.
#![deny(warnings, unused, rust_2018_idioms, unused_qualifications)]
#![allow(dead_code)]

use secure::prelude::*;

struct Option;
struct Some;
struct None;
struct Result;
struct Ok;
struct Err;

secure::roles! {
    pub Admin = "admin";
}

#[requires(Admin, proof = _admin)]
fn purge(#[subject] caller: &Principal) -> core::result::Result<(), Forbidden> {
    core::result::Result::Ok(())
}

// A body on one line, and lint attributes at the top of a body.
#[requires(Admin)]
fn ping(caller: &Principal) -> core::result::Result<(), Forbidden> { core::result::Result::Ok(()) }

#[requires(Admin)]
fn tally(caller: &Principal) -> core::result::Result<u32, Forbidden> {
    #![allow(unused_variables)]
    let unused = 1;
    core::result::Result::Ok(2)
}

fn main() {}
