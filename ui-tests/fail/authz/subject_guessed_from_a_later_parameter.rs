// The session type is the caller, but `#[requires]` cannot see that it is a `Subject`: a
// `Principal` later in the list is the account acted on, and checking it would let anyone
// act on an admin's account.
use std::borrow::Cow;

use secure::prelude::*;

secure::roles! {
    pub Admin = "admin";
}

struct Session {
    user: Principal,
}

impl Subject for Session {
    fn id(&self) -> Cow<'_, str> {
        Subject::id(&self.user)
    }

    fn has_role(&self, role: &str) -> bool {
        self.user.has_role(role)
    }

    fn has_scope(&self, scope: &str) -> bool {
        self.user.has_scope(scope)
    }
}

#[requires(Admin)]
fn delete_account(session: &Session, account: &Principal) -> Result<String, Forbidden> {
    Ok(format!("{} deleted {}", session.id(), account.id()))
}

fn main() {}
