// Roles come only from `roles!`, which computes the roles that satisfy each one.
use secure::authz::Role;

pub enum Root {}

impl Role for Root {
    const NAME: &'static str = "root";
    const SATISFIED_BY: &'static [&'static str] = &["root", "guest"];
}

fn main() {}
