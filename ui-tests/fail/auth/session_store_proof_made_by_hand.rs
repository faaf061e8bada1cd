// The proof a session store's writes need is made by the manager only.
use secure::auth::session::ManagerOnly;

fn forge() -> ManagerOnly {
    ManagerOnly(())
}

fn main() {}
