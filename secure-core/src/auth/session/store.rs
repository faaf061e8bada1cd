//! Where sessions live: the [`SessionStore`] trait and the in-process [`MemoryStore`].

use core::fmt;
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::SessionKey;

/// What a store keeps for one session.
///
/// `identity` is `None` until [`login`](super::SessionManager::login); it changes only through
/// the manager's rotating methods, since only the manager can write a record to a store (see
/// [`ManagerOnly`]). `data` is the rest of the session.
///
/// `Serialize` and `Deserialize` (when `A` and `D` have them) let an adapter to an external
/// store encode records; times are seconds and nanoseconds since the epoch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRecord<A, D> {
    identity: Option<A>,
    data: D,
    created_at: SystemTime,
    last_seen: SystemTime,
}

impl<A, D> SessionRecord<A, D> {
    pub(super) fn new(identity: Option<A>, data: D, now: SystemTime) -> Self {
        SessionRecord {
            identity,
            data,
            created_at: now,
            last_seen: now,
        }
    }

    /// Who is logged in, or `None` for an anonymous session.
    pub fn identity(&self) -> Option<&A> {
        self.identity.as_ref()
    }

    /// The session's other data.
    pub fn data(&self) -> &D {
        &self.data
    }

    /// When the session was started or last rotated by a login; the absolute timeout counts
    /// from here.
    pub fn created_at(&self) -> SystemTime {
        self.created_at
    }

    /// When the session was last used; the idle timeout counts from here.
    pub fn last_seen(&self) -> SystemTime {
        self.last_seen
    }

    pub(super) fn identity_mut(&mut self) -> Option<&mut A> {
        self.identity.as_mut()
    }

    pub(super) fn data_mut(&mut self) -> &mut D {
        &mut self.data
    }

    pub(super) fn touch(&mut self, now: SystemTime) {
        self.last_seen = now;
    }

    pub(super) fn into_data(self) -> D {
        self.data
    }
}

/// Proof that a [`SessionStore`] write comes from a [`SessionManager`](super::SessionManager):
/// `insert`, `update` and `take` require one, and only the manager can make one.
///
/// A store reached through [`SessionManager::store`](super::SessionManager::store) can
/// therefore be read but not written: nobody can swap in a record with another identity
/// (a login, a new role) and keep the session id, which is how session fixation and
/// privilege changes without rotation happen. Adapters receive the proof and pass it on to
/// any store they wrap; it cannot be kept beyond the call.
#[derive(Debug)]
pub struct ManagerOnly(());

impl ManagerOnly {
    pub(super) const PROOF: &'static ManagerOnly = &ManagerOnly(());
}

/// Storage for sessions, keyed by the digest of their id.
///
/// [`MemoryStore`] is the in-process default. An adapter to a shared store implements the
/// same five operations, each of which maps to one atomic command:
///
/// | operation | Redis | PostgreSQL |
/// | --- | --- | --- |
/// | `insert` | `SET key value NX PXAT expires_at` | `INSERT ... ON CONFLICT DO NOTHING` |
/// | `get` | `GET key` | `SELECT ... WHERE key = $1` |
/// | `update` | `SET key value XX PXAT expires_at` | `UPDATE ... WHERE key = $1` |
/// | `take` | `GETDEL key` | `DELETE ... WHERE key = $1 RETURNING ...` |
/// | `purge_expired` | nothing (keys expire) | `DELETE ... WHERE expires_at <= $1` |
///
/// `take` must remove and return in one step: rotation relies on it so that two requests
/// racing with the same old id cannot both obtain a new one.
///
/// `expires_at` is a hint for stores that expire keys themselves; the manager checks both
/// timeouts again on every load, so a store that keeps records longer is still safe.
///
/// The writes take a [`ManagerOnly`] proof, so that only the manager calls them. A store that
/// wraps another passes it on:
///
/// ```
/// use std::sync::atomic::{AtomicUsize, Ordering};
/// use std::time::SystemTime;
///
/// use secure::auth::session::{
///     ManagerOnly, MemoryStore, SessionKey, SessionManager, SessionRecord, SessionStore, StoreError,
/// };
///
/// /// Counts the sessions issued.
/// #[derive(Default)]
/// struct Counted {
///     inner: MemoryStore<String, ()>,
///     issued: AtomicUsize,
/// }
///
/// impl SessionStore<String, ()> for Counted {
///     fn insert(
///         &self,
///         key: &SessionKey,
///         record: SessionRecord<String, ()>,
///         expires_at: SystemTime,
///         proof: &ManagerOnly,
///     ) -> Result<(), StoreError> {
///         self.issued.fetch_add(1, Ordering::Relaxed);
///         self.inner.insert(key, record, expires_at, proof)
///     }
///
///     fn get(&self, key: &SessionKey) -> Result<Option<SessionRecord<String, ()>>, StoreError> {
///         self.inner.get(key)
///     }
///
///     fn update(
///         &self,
///         key: &SessionKey,
///         record: SessionRecord<String, ()>,
///         expires_at: SystemTime,
///         proof: &ManagerOnly,
///     ) -> Result<bool, StoreError> {
///         self.inner.update(key, record, expires_at, proof)
///     }
///
///     fn take(
///         &self,
///         key: &SessionKey,
///         proof: &ManagerOnly,
///     ) -> Result<Option<SessionRecord<String, ()>>, StoreError> {
///         self.inner.take(key, proof)
///     }
/// }
///
/// let sessions = SessionManager::new(Counted::default());
/// let visitor = sessions.start(())?;
/// sessions.login(Some(visitor), "ada".to_owned())?;
/// assert_eq!(sessions.store().issued.load(Ordering::Relaxed), 2);
/// # Ok::<(), secure::auth::session::SessionError>(())
/// ```
pub trait SessionStore<A, D>: Send + Sync {
    /// Stores a new record. Keys are 256-bit digests of fresh random ids, so they do not
    /// collide; a store may refuse an existing key with an error.
    fn insert(
        &self,
        key: &SessionKey,
        record: SessionRecord<A, D>,
        expires_at: SystemTime,
        proof: &ManagerOnly,
    ) -> Result<(), StoreError>;

    /// The record under `key`, if any.
    fn get(&self, key: &SessionKey) -> Result<Option<SessionRecord<A, D>>, StoreError>;

    /// Replaces the record under `key` if there still is one; returns whether there was.
    fn update(
        &self,
        key: &SessionKey,
        record: SessionRecord<A, D>,
        expires_at: SystemTime,
        proof: &ManagerOnly,
    ) -> Result<bool, StoreError>;

    /// Removes the record under `key` and returns it, in one atomic step.
    fn take(
        &self,
        key: &SessionKey,
        proof: &ManagerOnly,
    ) -> Result<Option<SessionRecord<A, D>>, StoreError>;

    /// Removes every record whose `expires_at` is not after `now`; returns how many. Stores
    /// that expire keys themselves keep the default, which does nothing.
    fn purge_expired(&self, now: SystemTime) -> Result<usize, StoreError> {
        let _ = now;
        Ok(0)
    }
}

/// The in-process session store: a map behind a mutex.
///
/// Sessions are lost on restart and not shared between instances; use an adapter to a shared
/// store when either matters. Call
/// [`SessionManager::purge_expired`](super::SessionManager::purge_expired) now and then to
/// drop sessions nobody came back for.
///
/// ```
/// use secure::auth::session::{MemoryStore, SessionManager};
///
/// let manager: SessionManager<u64, ()> = SessionManager::new(MemoryStore::new());
/// let id = manager.start(())?;
/// assert!(manager.load(&id)?.identity().is_none());
/// # Ok::<(), secure::auth::session::SessionError>(())
/// ```
pub struct MemoryStore<A, D> {
    sessions: Mutex<Sessions<A, D>>,
}

/// Each record with its expiry time.
type Sessions<A, D> = HashMap<SessionKey, (SessionRecord<A, D>, SystemTime)>;

impl<A, D> MemoryStore<A, D> {
    /// An empty store.
    pub fn new() -> Self {
        MemoryStore {
            sessions: Mutex::new(HashMap::new()),
        }
    }

    /// How many sessions are stored, expired ones included until purged.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether no session is stored.
    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    fn lock(&self) -> MutexGuard<'_, Sessions<A, D>> {
        // A panic while the lock was held leaves the map itself consistent.
        self.sessions.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl<A, D> Default for MemoryStore<A, D> {
    fn default() -> Self {
        Self::new()
    }
}

impl<A, D> fmt::Debug for MemoryStore<A, D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MemoryStore")
            .field("sessions", &self.len())
            .finish()
    }
}

impl<A, D> SessionStore<A, D> for MemoryStore<A, D>
where
    A: Clone + Send,
    D: Clone + Send,
{
    fn insert(
        &self,
        key: &SessionKey,
        record: SessionRecord<A, D>,
        expires_at: SystemTime,
        _: &ManagerOnly,
    ) -> Result<(), StoreError> {
        let mut sessions = self.lock();
        if sessions.contains_key(key) {
            return Err(StoreError::new("a session with this key already exists"));
        }

        sessions.insert(*key, (record, expires_at));
        Ok(())
    }

    fn get(&self, key: &SessionKey) -> Result<Option<SessionRecord<A, D>>, StoreError> {
        Ok(self.lock().get(key).map(|(record, _)| record.clone()))
    }

    fn update(
        &self,
        key: &SessionKey,
        record: SessionRecord<A, D>,
        expires_at: SystemTime,
        _: &ManagerOnly,
    ) -> Result<bool, StoreError> {
        match self.lock().get_mut(key) {
            Some(entry) => {
                *entry = (record, expires_at);
                Ok(true)
            }
            None => Ok(false),
        }
    }

    fn take(
        &self,
        key: &SessionKey,
        _: &ManagerOnly,
    ) -> Result<Option<SessionRecord<A, D>>, StoreError> {
        Ok(self.lock().remove(key).map(|(record, _)| record))
    }

    fn purge_expired(&self, now: SystemTime) -> Result<usize, StoreError> {
        let mut sessions = self.lock();
        let before = sessions.len();
        sessions.retain(|_, (_, expires_at)| *expires_at > now);
        Ok(before - sessions.len())
    }
}

/// A session store failed.
///
/// Adapters describe the failure with a fixed message and may attach the driver's error as
/// the [`source`](std::error::Error::source). Store keys are digests, so a driver error that
/// names one does not reveal a session id.
///
/// ```
/// use secure::auth::session::StoreError;
///
/// let error = StoreError::new("the session store is unreachable");
/// assert_eq!(error.to_string(), "the session store is unreachable");
/// ```
#[derive(Debug)]
pub struct StoreError {
    message: &'static str,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl StoreError {
    /// A failure described by `message`.
    pub fn new(message: &'static str) -> Self {
        StoreError {
            message,
            source: None,
        }
    }

    /// A failure described by `message`, caused by `source`.
    pub fn with_source(
        message: &'static str,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        StoreError {
            message,
            source: Some(Box::new(source)),
        }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message)
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|source| source as &(dyn std::error::Error + 'static))
    }
}
