//! Rate limiting with `governor`, keyed by client address or by subject, behind a store
//! trait.
//!
//! An IPv6 client is counted by its network, a `/64` by default
//! ([`RateLimitLayer::ipv6_prefix`]): one host usually holds a whole `/64` and can pick a new
//! address for every request, so counting single IPv6 addresses would give it unlimited
//! buckets. An IPv4 address mapped into IPv6 (`::ffff:203.0.113.9`) is counted as the IPv4
//! address.

use core::fmt;
use core::future::Future;
use core::marker::PhantomData;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use axum::extract::{ConnectInfo, Request};
use axum::response::{IntoResponse, Response};
pub use governor::Quota;
use governor::clock::{Clock, DefaultClock};
use governor::middleware::NoOpMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use tower::Layer;

use super::extract::Authenticated;
use super::layers::AuthenticationRan;
use super::service::{InnerService, Middleware, Next, SecureService};
use crate::authz::Subject;
use crate::http::{Problem, TrustedProxies};

/// Whom a request is counted against.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RateLimitKey {
    /// The client's address (from the connection, or from trusted proxies): an IPv4
    /// address, or an IPv6 network as its first address (`2001:db8:1:2::` for any address of
    /// `2001:db8:1:2::/64`).
    Address(IpAddr),
    /// The signed-in subject's id.
    SubjectId(String),
}

/// Where request counts live: in process by default ([`InMemoryStore`]); implement it over
/// a shared store (Redis, a database) to limit across instances.
///
/// ```
/// use std::time::Duration;
///
/// use secure::axum::rate_limit::{RateLimitKey, RateLimitStore};
///
/// /// Lets everything through: for a test double.
/// struct Unlimited;
///
/// impl RateLimitStore for Unlimited {
///     async fn check(&self, _key: &RateLimitKey) -> Result<(), Duration> {
///         Ok(())
///     }
/// }
/// ```
pub trait RateLimitStore: Send + Sync + 'static {
    /// Counts one request for `key`: `Ok` if it is within the quota, or how long to wait.
    fn check(&self, key: &RateLimitKey) -> impl Future<Output = Result<(), Duration>> + Send;
}

/// Counts in process with `governor`'s GCRA, one bucket per key.
///
/// The store forgets idle keys on its own, so its memory follows the clients of the last
/// moments, not every client ever seen: once the number of checks since the last sweep
/// reaches the number of keys held (and at least [`SWEEP_AFTER_CHECKS`]), the check that
/// gets there drops every key whose bucket is full again, as if it had never been seen, and
/// releases the memory. A sweep costs time in proportion to the keys held and comes at most
/// once per that many checks, so its cost per check is constant; between sweeps the store
/// holds at most the keys left by the last sweep plus one new key per check since. What is
/// *not* bounded: keys still counting down (clients seen within one replenish period) are
/// all kept, since forgetting them would reset their limits.
///
/// `C` is `governor`'s clock; tests pass a `governor::clock::FakeRelativeClock` to step time.
pub struct InMemoryStore<C: Clock = DefaultClock> {
    limiter: governor::RateLimiter<
        RateLimitKey,
        DefaultKeyedStateStore<RateLimitKey>,
        C,
        NoOpMiddleware<C::Instant>,
    >,
    clock: C,
    sweep: Sweep,
}

/// The fewest checks between two sweeps of an [`InMemoryStore`].
pub const SWEEP_AFTER_CHECKS: usize = 1024;

/// When the next sweep is due.
#[derive(Debug)]
struct Sweep {
    checks: AtomicUsize,
    due_after: AtomicUsize,
    running: AtomicBool,
}

impl InMemoryStore {
    /// A store that allows `quota` per key, such as `Quota::per_minute(nonzero!(60u32))`.
    pub fn new(quota: Quota) -> Self {
        InMemoryStore::with_clock(quota, DefaultClock::default())
    }
}

impl<C: Clock + Clone> InMemoryStore<C> {
    /// A store reading time from `clock`.
    pub fn with_clock(quota: Quota, clock: C) -> Self {
        let store = DefaultKeyedStateStore::default();
        let limiter = governor::RateLimiter::new(quota, store, clock.clone());
        let sweep = Sweep {
            checks: AtomicUsize::new(0),
            due_after: AtomicUsize::new(SWEEP_AFTER_CHECKS),
            running: AtomicBool::new(false),
        };
        InMemoryStore {
            limiter,
            clock,
            sweep,
        }
    }
}

impl<C: Clock> InMemoryStore<C> {
    /// Forgets keys whose buckets are full again now, and releases their memory; the store
    /// also does this on its own (see [`InMemoryStore`]).
    pub fn retain_recent(&self) {
        self.limiter.retain_recent();
        self.limiter.shrink_to_fit();
    }

    /// How many keys the store holds.
    pub fn len(&self) -> usize {
        self.limiter.len()
    }

    /// Whether the store holds no key.
    pub fn is_empty(&self) -> bool {
        self.limiter.is_empty()
    }

    /// Counts one check, and sweeps if one is due; only one check sweeps at a time.
    fn sweep_if_due(&self) {
        let checks = self.sweep.checks.fetch_add(1, Ordering::Relaxed) + 1;
        if checks < self.sweep.due_after.load(Ordering::Relaxed)
            || self.sweep.running.swap(true, Ordering::Acquire)
        {
            return;
        }
        self.retain_recent();
        let due_after = self.limiter.len().max(SWEEP_AFTER_CHECKS);
        self.sweep.due_after.store(due_after, Ordering::Relaxed);
        self.sweep.checks.store(0, Ordering::Relaxed);
        self.sweep.running.store(false, Ordering::Release);
    }
}

impl<C: Clock> fmt::Debug for InMemoryStore<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InMemoryStore").finish_non_exhaustive()
    }
}

impl<C> RateLimitStore for InMemoryStore<C>
where
    C: Clock + Send + Sync + 'static,
{
    async fn check(&self, key: &RateLimitKey) -> Result<(), Duration> {
        let outcome = self
            .limiter
            .check_key(key)
            .map_err(|not_until| not_until.wait_time_from(self.clock.now()));
        self.sweep_if_due();
        outcome
    }
}

/// Limits requests per client address or per subject: over the quota, a 429 problem with
/// `Retry-After`.
///
/// The address is the connection's peer, from axum's `ConnectInfo<SocketAddr>` (serve with
/// `into_make_service_with_connect_info::<SocketAddr>()`); `X-Forwarded-For` is read only
/// through [`TrustedProxies`]. Without `ConnectInfo` the layer answers 500 rather than
/// counting every client in one bucket.
///
/// ```
/// use std::num::NonZeroU32;
///
/// use secure::axum::rate_limit::{InMemoryStore, Quota, RateLimitLayer};
/// use secure::axum::{Router, post};
/// use secure::prelude::*;
///
/// #[public(csrf = exempt("token endpoint for API clients, no cookies"))]
/// async fn token() -> &'static str {
///     "token"
/// }
///
/// let quota = Quota::per_minute(NonZeroU32::new(10).unwrap());
/// let app: axum::Router = Router::new()
///     .route("/token", post(token))
///     .layer(RateLimitLayer::per_client_address(InMemoryStore::new(quota)))
///     .into();
/// ```
pub struct RateLimitLayer<St, S = crate::authz::Principal> {
    store: Arc<St>,
    proxies: Arc<TrustedProxies>,
    ipv6_prefix: u8,
    per_subject: bool,
    subject: PhantomData<fn() -> S>,
}

/// The IPv6 networks clients are counted by, unless set with
/// [`RateLimitLayer::ipv6_prefix`]: `/64`, what one subscriber line or host is given.
pub const DEFAULT_IPV6_PREFIX: u8 = 64;

impl<St: RateLimitStore> RateLimitLayer<St> {
    /// Counts requests per client address.
    pub fn per_client_address(store: St) -> Self {
        RateLimitLayer {
            store: Arc::new(store),
            proxies: Arc::new(TrustedProxies::none()),
            ipv6_prefix: DEFAULT_IPV6_PREFIX,
            per_subject: false,
            subject: PhantomData,
        }
    }

    /// Counts requests per signed-in subject of type `S` (its [`Subject::id`]), and
    /// anonymous requests per client address.
    ///
    /// The [`AuthenticationLayer`](super::AuthenticationLayer) must run first, so this layer
    /// is added before it (layers run outside in, the last added first). A request that
    /// reaches this layer without passing authentication is answered 500, since the limit
    /// would otherwise count every account by address alone; with `tracing`, an error event
    /// says so.
    pub fn per_subject<S: Subject + Send + Sync + 'static>(store: St) -> RateLimitLayer<St, S> {
        RateLimitLayer {
            store: Arc::new(store),
            proxies: Arc::new(TrustedProxies::none()),
            ipv6_prefix: DEFAULT_IPV6_PREFIX,
            per_subject: true,
            subject: PhantomData,
        }
    }
}

impl<St, S> RateLimitLayer<St, S> {
    /// Reads the client address from `X-Forwarded-For` through these proxies.
    pub fn trusted_proxies(mut self, proxies: TrustedProxies) -> Self {
        self.proxies = Arc::new(proxies);
        self
    }

    /// Counts IPv6 clients by the network of this prefix length (default
    /// [`DEFAULT_IPV6_PREFIX`], 64): `56` or `48` for providers that hand out larger blocks,
    /// `128` for single addresses. Lengths above 128 count as 128. IPv4 clients are always
    /// counted by their address.
    pub fn ipv6_prefix(mut self, length: u8) -> Self {
        self.ipv6_prefix = length.min(128);
        self
    }
}

/// The address `client` is counted under: IPv4 as it is (an IPv4-mapped IPv6 address as its
/// IPv4 one), IPv6 cut to its `prefix` network. The layer keys [`RateLimitKey::Address`]
/// with it; a key of one's own that includes the client (an account at an address) should
/// too, so that one host cannot take a fresh count from each address of its network.
///
/// ```
/// use std::net::IpAddr;
///
/// use secure::axum::rate_limit::{DEFAULT_IPV6_PREFIX, counted_address};
///
/// let host: IpAddr = "2001:db8:1:2::7".parse().unwrap();
/// let network: IpAddr = "2001:db8:1:2::".parse().unwrap();
/// assert_eq!(counted_address(host, DEFAULT_IPV6_PREFIX), network);
/// let mapped: IpAddr = "::ffff:192.0.2.1".parse().unwrap();
/// assert_eq!(counted_address(mapped, DEFAULT_IPV6_PREFIX), "192.0.2.1".parse::<IpAddr>().unwrap());
/// ```
pub fn counted_address(client: IpAddr, prefix: u8) -> IpAddr {
    match client.to_canonical() {
        IpAddr::V6(address) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
            IpAddr::V6(Ipv6Addr::from(u128::from(address) & mask))
        }
        v4 => v4,
    }
}

impl<St, S> Clone for RateLimitLayer<St, S> {
    fn clone(&self) -> Self {
        RateLimitLayer {
            store: Arc::clone(&self.store),
            proxies: Arc::clone(&self.proxies),
            ipv6_prefix: self.ipv6_prefix,
            per_subject: self.per_subject,
            subject: PhantomData,
        }
    }
}

impl<St, S> fmt::Debug for RateLimitLayer<St, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RateLimitLayer")
            .field("per_subject", &self.per_subject)
            .field("ipv6_prefix", &self.ipv6_prefix)
            .finish_non_exhaustive()
    }
}

impl<St, S, I> Layer<I> for RateLimitLayer<St, S>
where
    St: RateLimitStore,
    S: Subject + Send + Sync + 'static,
{
    type Service = SecureService<Self, I>;

    fn layer(&self, inner: I) -> Self::Service {
        SecureService::new(self.clone(), inner)
    }
}

impl<St, S> Middleware for RateLimitLayer<St, S>
where
    St: RateLimitStore,
    S: Subject + Send + Sync + 'static,
{
    async fn handle<I: InnerService>(self, request: Request, next: Next<I>) -> Response {
        if self.per_subject && request.extensions().get::<AuthenticationRan>().is_none() {
            // Added outside the authentication layer, the limit would count every caller by
            // address: a limit per account spread over addresses. Fail closed, and say why.
            #[cfg(feature = "tracing")]
            tracing::error!(
                "RateLimitLayer::per_subject runs before the AuthenticationLayer; add it before the AuthenticationLayer in the code, so that it runs inside it"
            );
            return Problem::internal(None).into_response();
        }
        let subject = match self.per_subject {
            true => request
                .extensions()
                .get::<Authenticated<S>>()
                .map(|found| found.subject().id().into_owned()),
            false => None,
        };
        let key = match subject {
            Some(id) => RateLimitKey::SubjectId(id),
            None => {
                let Some(ConnectInfo(peer)) = request.extensions().get::<ConnectInfo<SocketAddr>>()
                else {
                    return Problem::internal(None).into_response();
                };
                let client = self.proxies.client_ip(peer.ip(), request.headers());
                RateLimitKey::Address(counted_address(client, self.ipv6_prefix))
            }
        };
        match self.store.check(&key).await {
            Ok(()) => next.run(request).await,
            Err(wait) => Problem::rate_limited(wait).into_response(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_network() {
        let one_host = [
            "2001:db8:1:2::1",
            "2001:db8:1:2:ffff:ffff:ffff:ffff",
            "2001:db8:1:2:abcd::9",
        ];
        for address in one_host {
            assert_eq!(counted_address(ip(address), 64), ip("2001:db8:1:2::"));
        }
        assert_eq!(
            counted_address(ip("2001:db8:1:3::1"), 64),
            ip("2001:db8:1:3::")
        );
        assert_eq!(
            counted_address(ip("2001:db8:1:2ff::1"), 56),
            ip("2001:db8:1:200::")
        );
        assert_eq!(counted_address(ip("2001:db8::1"), 128), ip("2001:db8::1"));
        assert_eq!(counted_address(ip("2001:db8::1"), 0), ip("::"));
    }

    #[test]
    fn ipv4_clients_are_counted_by_their_address_even_when_mapped() {
        assert_eq!(counted_address(ip("203.0.113.9"), 64), ip("203.0.113.9"));
        assert_eq!(
            counted_address(ip("::ffff:203.0.113.9"), 64),
            ip("203.0.113.9")
        );
        assert_eq!(
            counted_address(ip("::ffff:203.0.113.9"), 0),
            ip("203.0.113.9")
        );
    }
}
