//! Rate limiting with `governor`, keyed by client address or by subject, behind a store
//! trait.

use core::fmt;
use core::future::Future;
use core::marker::PhantomData;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, Request};
use axum::response::{IntoResponse, Response};
pub use governor::Quota;
use governor::clock::{Clock, DefaultClock};
use governor::middleware::NoOpMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use tower::Layer;

use super::extract::Authenticated;
use super::service::{InnerService, Middleware, Next, SecureService};
use crate::authz::Subject;
use crate::http::{Problem, TrustedProxies};

/// Whom a request is counted against.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RateLimitKey {
    /// The client's address (from the connection, or from trusted proxies).
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
/// `C` is `governor`'s clock; tests pass a `governor::clock::FakeRelativeClock` to step time.
pub struct InMemoryStore<C: Clock = DefaultClock> {
    limiter: governor::RateLimiter<
        RateLimitKey,
        DefaultKeyedStateStore<RateLimitKey>,
        C,
        NoOpMiddleware<C::Instant>,
    >,
    clock: C,
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
        InMemoryStore { limiter, clock }
    }

    /// Forgets keys whose buckets are full again, to bound memory.
    pub fn retain_recent(&self) {
        self.limiter.retain_recent();
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
        self.limiter
            .check_key(key)
            .map_err(|not_until| not_until.wait_time_from(self.clock.now()))
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
    per_subject: bool,
    subject: PhantomData<fn() -> S>,
}

impl<St: RateLimitStore> RateLimitLayer<St> {
    /// Counts requests per client address.
    pub fn per_client_address(store: St) -> Self {
        RateLimitLayer {
            store: Arc::new(store),
            proxies: Arc::new(TrustedProxies::none()),
            per_subject: false,
            subject: PhantomData,
        }
    }

    /// Counts requests per signed-in subject of type `S` (its [`Subject::id`]), and
    /// anonymous requests per client address. The authentication layer must run first.
    pub fn per_subject<S: Subject + Send + Sync + 'static>(store: St) -> RateLimitLayer<St, S> {
        RateLimitLayer {
            store: Arc::new(store),
            proxies: Arc::new(TrustedProxies::none()),
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
}

impl<St, S> Clone for RateLimitLayer<St, S> {
    fn clone(&self) -> Self {
        RateLimitLayer {
            store: Arc::clone(&self.store),
            proxies: Arc::clone(&self.proxies),
            per_subject: self.per_subject,
            subject: PhantomData,
        }
    }
}

impl<St, S> fmt::Debug for RateLimitLayer<St, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RateLimitLayer")
            .field("per_subject", &self.per_subject)
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
                RateLimitKey::Address(self.proxies.client_ip(peer.ip(), request.headers()))
            }
        };
        match self.store.check(&key).await {
            Ok(()) => next.run(request).await,
            Err(wait) => Problem::rate_limited(wait).into_response(),
        }
    }
}
