//! Server-side sessions whose ids rotate on every change of privilege.
//!
//! A [`SessionManager`] hands out [`SessionId`]s and keeps the session's state in a
//! [`SessionStore`]. The state is split in two: the *identity* `A` (who is logged in, with
//! which privileges) and ordinary *data* `D`. The identity can only be set by
//! [`login`](SessionManager::login) and changed by [`elevate`](SessionManager::elevate), and
//! both take the old id by value, remove it from the store and return a new one. Only the
//! manager can write to a store (its writes take a [`ManagerOnly`] proof), so there is no way
//! to change privileges and keep the id, and session fixation is not possible through this
//! API.
//!
//! ```
//! use secure::auth::session::{MemoryStore, SessionError, SessionManager};
//!
//! #[derive(Clone, Debug, PartialEq)]
//! struct User {
//!     id: u64,
//!     admin: bool,
//! }
//!
//! let sessions: SessionManager<User, Vec<String>> = SessionManager::new(MemoryStore::new());
//!
//! let visitor = sessions.start(Vec::new())?;
//! let user = sessions.login(Some(visitor), User { id: 7, admin: false })?;
//! let admin = sessions.elevate(user, |user| user.admin = true)?;
//!
//! assert_eq!(sessions.load(&admin)?.identity(), Some(&User { id: 7, admin: true }));
//! sessions.logout(admin)?;
//! # Ok::<(), SessionError>(())
//! ```
//!
//! # What is not guaranteed
//!
//! - The cookie that carries the id (`Secure`, `HttpOnly`, `SameSite`, `__Host-` prefix) is
//!   the HTTP layer's job.
//! - Concurrent requests with the same id may both pass [`load`](SessionManager::load) while
//!   one of them rotates it; only one of two concurrent rotations succeeds.

mod id;
mod store;

use core::fmt;
use core::marker::PhantomData;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

pub use id::{SessionId, SessionKey};
pub use store::{ManagerOnly, MemoryStore, SessionRecord, SessionStore, StoreError};

use super::{Clock, SystemClock};
use crate::random::RandomUnavailable;

/// What the manager hands its store with every write.
const PROOF: &ManagerOnly = ManagerOnly::PROOF;

/// Default idle timeout: 30 minutes without a request ends the session.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(30 * 60);

/// Default absolute timeout: 8 hours after login the session ends, however active.
pub const DEFAULT_ABSOLUTE_TIMEOUT: Duration = Duration::from_secs(8 * 60 * 60);

/// Issues, checks, rotates and ends sessions.
///
/// `A` is the identity of a logged-in session, `D` its other data, `S` the store.
pub struct SessionManager<A, D, S = MemoryStore<A, D>> {
    store: S,
    idle_timeout: Duration,
    absolute_timeout: Duration,
    clock: Arc<dyn Clock>,
    state: PhantomData<fn() -> (A, D)>,
}

impl<A, D, S: SessionStore<A, D>> SessionManager<A, D, S> {
    /// A manager over `store` with the default timeouts and the system clock.
    pub fn new(store: S) -> Self {
        SessionManager {
            store,
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            absolute_timeout: DEFAULT_ABSOLUTE_TIMEOUT,
            clock: Arc::new(SystemClock),
            state: PhantomData,
        }
    }

    /// Ends sessions unused for `timeout`. A timeout of a century or more (`Duration::MAX`)
    /// counts as a century.
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.idle_timeout = timeout;
        self
    }

    /// Ends sessions `timeout` after login (or after they were started, if anonymous). A
    /// timeout of a century or more counts as a century.
    pub fn absolute_timeout(mut self, timeout: Duration) -> Self {
        self.absolute_timeout = timeout;
        self
    }

    /// Reads time from `clock` instead of the system clock, for tests.
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// The store, for maintenance and tests: its own methods and
    /// [`SessionStore::get`]. Its writes need a [`ManagerOnly`] proof, which only the
    /// manager has, so a session's identity cannot be changed through it.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// Starts an anonymous session holding `data`.
    pub fn start(&self, data: D) -> Result<SessionId, SessionError> {
        let record = SessionRecord::new(None, data, self.clock.now());
        self.insert_new(record)
    }

    /// Reads the session `id` names, refusing it if it is unknown or has timed out, and
    /// records that it was used (which restarts its idle timeout).
    pub fn load(&self, id: &SessionId) -> Result<SessionRecord<A, D>, SessionError>
    where
        A: Clone,
        D: Clone,
    {
        let key = id.store_key();
        let mut record = self.live(&key, self.store.get(&key)?)?;
        record.touch(self.clock.now());

        if !self
            .store
            .update(&key, record.clone(), self.expires_at(&record), PROOF)?
        {
            return Err(SessionError::NotFound);
        }
        Ok(record)
    }

    /// Logs `identity` in: a new session with a new id and empty data.
    ///
    /// The `previous` session (the visitor's anonymous one, or another login), if any, is
    /// removed, so its id stops working. Its data is dropped: it was written before
    /// authentication. Use [`login_with`](Self::login_with) to carry some of it over.
    pub fn login(&self, previous: Option<SessionId>, identity: A) -> Result<SessionId, SessionError>
    where
        D: Default,
    {
        self.login_with(previous, identity, |_| D::default())
    }

    /// Logs `identity` in like [`login`](Self::login), building the new session's data from
    /// the previous session's with `carry` (given `D::default()` when there was none or it
    /// had timed out).
    ///
    /// Whatever `carry` keeps was written by an unauthenticated visitor (or an attacker who
    /// planted the id): keep what is harmless, such as a basket, not a post-login redirect.
    pub fn login_with(
        &self,
        previous: Option<SessionId>,
        identity: A,
        carry: impl FnOnce(D) -> D,
    ) -> Result<SessionId, SessionError>
    where
        D: Default,
    {
        let carried = match previous {
            Some(previous) => {
                let key = previous.store_key();
                match self.live(&key, self.store.take(&key, PROOF)?) {
                    Ok(record) => record.into_data(),
                    // The old session must be gone before a new one is issued.
                    Err(SessionError::Store(error)) => return Err(error.into()),
                    Err(_) => D::default(),
                }
            }
            None => D::default(),
        };

        let record = SessionRecord::new(Some(identity), carry(carried), self.clock.now());
        self.insert_new(record)
    }

    /// Changes the identity of a logged-in session (a new role, a step-up, a role dropped)
    /// and rotates its id: the old id stops working and the new one is returned.
    ///
    /// The absolute timeout still counts from the login. An anonymous session is refused
    /// with [`SessionError::NotAuthenticated`] and kept as it was, under the same id.
    pub fn elevate(
        &self,
        id: SessionId,
        change: impl FnOnce(&mut A),
    ) -> Result<SessionId, SessionError> {
        let key = id.store_key();
        let mut record = self.live(&key, self.store.take(&key, PROOF)?)?;
        let Some(identity) = record.identity_mut() else {
            let expires_at = self.expires_at(&record);
            self.store.insert(&key, record, expires_at, PROOF)?;
            return Err(SessionError::NotAuthenticated);
        };
        change(identity);

        record.touch(self.clock.now());
        let new_id = SessionId::generate()?;
        let expires_at = self.expires_at(&record);
        self.store
            .insert(&new_id.store_key(), record, expires_at, PROOF)?;
        Ok(new_id)
    }

    /// Changes the session's data (not its identity) without rotating the id.
    pub fn update(&self, id: &SessionId, change: impl FnOnce(&mut D)) -> Result<(), SessionError> {
        let key = id.store_key();
        let mut record = self.live(&key, self.store.get(&key)?)?;
        change(record.data_mut());

        record.touch(self.clock.now());
        let expires_at = self.expires_at(&record);
        if !self.store.update(&key, record, expires_at, PROOF)? {
            return Err(SessionError::NotFound);
        }
        Ok(())
    }

    /// Ends the session: its id stops working. Ending an unknown session is not an error.
    pub fn logout(&self, id: SessionId) -> Result<(), SessionError> {
        self.store.take(&id.store_key(), PROOF)?;
        Ok(())
    }

    /// Removes timed-out sessions from the store; returns how many.
    pub fn purge_expired(&self) -> Result<usize, SessionError> {
        Ok(self.store.purge_expired(self.clock.now())?)
    }

    /// The record, if there is one and it has not timed out. A timed-out record is removed.
    fn live(
        &self,
        key: &SessionKey,
        record: Option<SessionRecord<A, D>>,
    ) -> Result<SessionRecord<A, D>, SessionError> {
        let record = record.ok_or(SessionError::NotFound)?;
        let now = self.clock.now();
        let timeout = if now >= deadline(record.created_at(), self.absolute_timeout) {
            SessionError::AbsoluteTimeout
        } else if now >= deadline(record.last_seen(), self.idle_timeout) {
            SessionError::IdleTimeout
        } else {
            return Ok(record);
        };

        self.store.take(key, PROOF)?;
        Err(timeout)
    }

    fn insert_new(&self, record: SessionRecord<A, D>) -> Result<SessionId, SessionError> {
        let id = SessionId::generate()?;
        let expires_at = self.expires_at(&record);
        self.store
            .insert(&id.store_key(), record, expires_at, PROOF)?;
        Ok(id)
    }

    fn expires_at(&self, record: &SessionRecord<A, D>) -> SystemTime {
        deadline(record.last_seen(), self.idle_timeout)
            .min(deadline(record.created_at(), self.absolute_timeout))
    }
}

/// `after` past `from`, a timeout of a century or more counting as a century, so that no
/// configured timeout overflows the clock and ends a session at once.
fn deadline(from: SystemTime, after: Duration) -> SystemTime {
    const CENTURY: Duration = Duration::from_secs(100 * 365 * 24 * 60 * 60);
    from.checked_add(after.min(CENTURY)).unwrap_or(from)
}

impl<A, D, S> fmt::Debug for SessionManager<A, D, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionManager")
            .field("idle_timeout", &self.idle_timeout)
            .field("absolute_timeout", &self.absolute_timeout)
            .finish_non_exhaustive()
    }
}

/// Why a session was refused or could not be changed. Never carries the session id.
///
/// ```
/// use secure::auth::session::SessionError;
///
/// assert_eq!(SessionError::IdleTimeout.to_string(), "the session has been idle too long");
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum SessionError {
    /// No such session: never issued, logged out, rotated away or purged.
    NotFound,
    /// Unused for longer than the idle timeout; it has been removed.
    IdleTimeout,
    /// Older than the absolute timeout; it has been removed.
    AbsoluteTimeout,
    /// The session is anonymous, so it has no identity to change.
    NotAuthenticated,
    /// The presented id is not 43 base64url characters.
    Malformed,
    /// The store failed.
    Store(StoreError),
    /// The OS random source failed, so no id was made.
    Random(RandomUnavailable),
}

impl fmt::Display for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SessionError::NotFound => f.write_str("the session does not exist"),
            SessionError::IdleTimeout => f.write_str("the session has been idle too long"),
            SessionError::AbsoluteTimeout => f.write_str("the session has reached its maximum age"),
            SessionError::NotAuthenticated => f.write_str("the session is not logged in"),
            SessionError::Malformed => f.write_str("the session id is not in the expected format"),
            SessionError::Store(error) => write!(f, "session store: {error}"),
            SessionError::Random(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for SessionError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SessionError::Store(error) => Some(error),
            SessionError::Random(error) => Some(error),
            _ => None,
        }
    }
}

impl From<StoreError> for SessionError {
    fn from(error: StoreError) -> Self {
        SessionError::Store(error)
    }
}

impl From<RandomUnavailable> for SessionError {
    fn from(error: RandomUnavailable) -> Self {
        SessionError::Random(error)
    }
}
