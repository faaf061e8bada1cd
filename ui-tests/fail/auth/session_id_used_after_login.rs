// `login` consumes the pre-login id: it is removed from the store and cannot be used again.
use secure::auth::session::{MemoryStore, SessionManager};

fn main() {
    let sessions: SessionManager<u64, ()> = SessionManager::new(MemoryStore::new());
    let visitor = sessions.start(()).unwrap();
    let _user = sessions.login(Some(visitor), 7).unwrap();
    let _ = sessions.load(&visitor);
}
