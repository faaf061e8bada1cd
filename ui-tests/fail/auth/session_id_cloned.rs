// Session ids are secrets without `Clone`: a copy kept across a rotation is a fixation bug.
use secure::auth::session::{MemoryStore, SessionManager};

fn main() {
    let sessions: SessionManager<u64, ()> = SessionManager::new(MemoryStore::new());
    let user = sessions.login(None, 7).unwrap();
    let _kept = user.clone();
}
