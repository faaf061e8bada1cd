// A session's identity changes only through the manager, which rotates the id: the store
// it hands out can be read, but its writes need a proof only the manager holds.
use std::time::SystemTime;

use secure::auth::session::{SessionId, SessionManager, SessionRecord, SessionStore};

fn promote(sessions: &SessionManager<String, ()>, id: &SessionId, admin: SessionRecord<String, ()>) {
    let _ = sessions.store().update(&id.store_key(), admin, SystemTime::now());
}

fn main() {}
