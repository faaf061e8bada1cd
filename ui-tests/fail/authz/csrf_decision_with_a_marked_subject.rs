// A function whose subject is marked `#[subject]` is not a web handler, so a CSRF decision on
// it means nothing; a handler takes its caller as the `Caller` extractor.
use secure::prelude::*;

secure::roles! {
    pub Admin = "admin";
}

#[requires(Admin, csrf = protected)]
async fn purge(#[subject] caller: Principal) -> Result<(), Forbidden> {
    Ok(())
}

fn main() {}
