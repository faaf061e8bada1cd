//! CORS policies that cannot be written unsafely.
//!
//! The builder tracks in its type whether it allows any origin and whether it allows
//! credentials, and offers no way to have both: `Access-Control-Allow-Origin: *` together
//! with credentials is a compile error, not a panic at start-up nor a policy that reflects
//! every origin. Listed origins are compared exactly, byte for byte, with the `Origin`
//! header: no suffix or prefix matching, no `null`.
//!
//! ```
//! use http::Method;
//! use secure::http::cors::Cors;
//!
//! let policy = Cors::new()
//!     .allow_origins(["https://app.example.com", "https://admin.example.com"])
//!     .allow_methods([Method::GET, Method::POST])
//!     .allow_headers(["content-type", "x-csrf-token"])
//!     .allow_credentials()
//!     .build()?;
//! assert!(policy.allows_origin("https://app.example.com"));
//! assert!(!policy.allows_origin("https://app.example.com.evil.example"));
//! assert!(!policy.allows_origin("https://APP.example.com"));
//! # Ok::<(), secure::http::cors::CorsError>(())
//! ```
//!
//! This does not compile:
//!
//! ```compile_fail
//! use secure::http::cors::Cors;
//!
//! let policy = Cors::new().allow_any_origin().allow_credentials();
//! ```

use core::fmt;
use core::marker::PhantomData;
use std::time::Duration;

use http::{HeaderName, HeaderValue, Method};

/// No origin chosen yet.
pub enum NoOrigins {}
/// Origins listed one by one.
pub enum ListedOrigins {}
/// Any origin (`*`).
pub enum AnyOrigin {}
/// Credentials (cookies, `Authorization`) are not allowed.
pub enum NoCredentials {}
/// Credentials are allowed.
pub enum WithCredentials {}

/// Whether a state allows credentials.
pub trait CredentialMode {
    /// Whether `Access-Control-Allow-Credentials: true` is sent.
    #[doc(hidden)]
    const ALLOWED: bool;
}
impl CredentialMode for NoCredentials {
    const ALLOWED: bool = false;
}
impl CredentialMode for WithCredentials {
    const ALLOWED: bool = true;
}

/// The origin states that may allow credentials.
#[diagnostic::on_unimplemented(
    message = "a CORS policy that allows any origin cannot allow credentials",
    label = "`allow_any_origin()` was called on this policy",
    note = "list the origins that may send credentials with `.allow_origins([\"https://app.example.com\"])` instead of `.allow_any_origin()`"
)]
pub trait CredentialsAllowed {}
impl CredentialsAllowed for NoOrigins {}
impl CredentialsAllowed for ListedOrigins {}

/// The credential states that may allow any origin.
#[diagnostic::on_unimplemented(
    message = "a CORS policy that allows credentials cannot allow any origin",
    label = "`allow_credentials()` was called on this policy",
    note = "list the origins that may send credentials with `.allow_origins([\"https://app.example.com\"])` instead of `.allow_any_origin()`"
)]
pub trait AnyOriginAllowed {}
impl AnyOriginAllowed for NoCredentials {}

/// The origin states a policy can be built in.
#[diagnostic::on_unimplemented(
    message = "a CORS policy needs origins before it is built",
    label = "no origin was allowed",
    note = "call `.allow_origins([..])` or `.allow_any_origin()` first"
)]
pub trait HasOrigins {}
impl HasOrigins for ListedOrigins {}
impl HasOrigins for AnyOrigin {}

/// A CORS policy being built: start with [`Cors::new`].
#[must_use = "call `build()` to check the policy"]
pub struct Cors<O = NoOrigins, C = NoCredentials> {
    origins: Vec<String>,
    methods: Vec<Method>,
    headers: Vec<String>,
    exposed: Vec<String>,
    max_age: Duration,
    state: PhantomData<fn() -> (O, C)>,
}

impl Cors {
    /// A policy that allows nothing yet: `GET` and `HEAD` once origins are added, no
    /// request headers beyond the CORS-safelisted ones, no credentials, and preflights
    /// cached for ten minutes.
    pub fn new() -> Cors<NoOrigins, NoCredentials> {
        Cors {
            origins: Vec::new(),
            methods: vec![Method::GET, Method::HEAD],
            headers: Vec::new(),
            exposed: Vec::new(),
            max_age: Duration::from_secs(600),
            state: PhantomData,
        }
    }
}

impl Default for Cors {
    fn default() -> Self {
        Cors::new()
    }
}

impl<O, C> Cors<O, C> {
    fn into_state<P, D>(self) -> Cors<P, D> {
        Cors {
            origins: self.origins,
            methods: self.methods,
            headers: self.headers,
            exposed: self.exposed,
            max_age: self.max_age,
            state: PhantomData,
        }
    }

    /// The methods cross-origin requests may use (default `GET`, `HEAD`).
    pub fn allow_methods(mut self, methods: impl IntoIterator<Item = Method>) -> Self {
        self.methods = methods.into_iter().collect();
        self
    }

    /// The request headers cross-origin requests may send, beyond the safelisted ones.
    pub fn allow_headers<'a>(mut self, headers: impl IntoIterator<Item = &'a str>) -> Self {
        self.headers = headers.into_iter().map(str::to_owned).collect();
        self
    }

    /// The response headers scripts of the other origin may read.
    pub fn expose_headers<'a>(mut self, headers: impl IntoIterator<Item = &'a str>) -> Self {
        self.exposed = headers.into_iter().map(str::to_owned).collect();
        self
    }

    /// How long browsers may cache a preflight.
    pub fn max_age(mut self, age: Duration) -> Self {
        self.max_age = age;
        self
    }

    /// Lets listed origins send credentials (cookies, `Authorization`) and read the
    /// responses to them.
    pub fn allow_credentials(self) -> Cors<O, WithCredentials>
    where
        O: CredentialsAllowed,
    {
        self.into_state()
    }

    /// Checks the policy.
    ///
    /// # Errors
    ///
    /// [`CorsError`] for an origin not written as browsers send it (scheme, host and port
    /// only, lowercase, no trailing `/`), `null`, or a header name that is not a token.
    pub fn build(self) -> Result<CorsPolicy, CorsError>
    where
        O: HasOrigins,
        C: CredentialMode,
    {
        let mut origins = Vec::with_capacity(self.origins.len());
        for origin in &self.origins {
            origins.push(check_origin(origin)?);
        }
        let names = |names: &[String]| {
            names
                .iter()
                .map(|name| HeaderName::from_bytes(name.as_bytes()).map_err(|_| CorsError::Header))
                .collect::<Result<Vec<_>, _>>()
        };
        Ok(CorsPolicy {
            any_origin: self.origins.is_empty(),
            origins,
            methods: self.methods,
            headers: names(&self.headers)?,
            exposed: names(&self.exposed)?,
            credentials: C::ALLOWED,
            max_age: self.max_age,
        })
    }
}

impl<C> Cors<NoOrigins, C> {
    /// Allows these origins, each written exactly as browsers send the `Origin` header,
    /// such as `https://app.example.com` or `http://localhost:8080`.
    pub fn allow_origins<'a>(
        mut self,
        origins: impl IntoIterator<Item = &'a str>,
    ) -> Cors<ListedOrigins, C> {
        self.origins = origins.into_iter().map(str::to_owned).collect();
        self.into_state()
    }

    /// Allows any origin (`*`), for public data only; such a policy cannot allow
    /// credentials.
    pub fn allow_any_origin(self) -> Cors<AnyOrigin, C>
    where
        C: AnyOriginAllowed,
    {
        self.into_state()
    }
}

fn check_origin(origin: &str) -> Result<HeaderValue, CorsError> {
    let Ok(url) = url::Url::parse(origin) else {
        return Err(CorsError::Origin);
    };
    let serialized = url.origin().ascii_serialization();
    let web = matches!(url.scheme(), "http" | "https");
    // WHATWG hosts may hold `*` and other punctuation; an origin to match exactly must name
    // one host, so domain labels are letters, digits and hyphens (IP literals pass as parsed).
    let one_host = match url.host() {
        Some(url::Host::Domain(domain)) => domain.split('.').all(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        }),
        Some(url::Host::Ipv4(_) | url::Host::Ipv6(_)) => true,
        None => false,
    };
    if !web || !one_host || serialized != origin {
        return Err(CorsError::Origin);
    }
    HeaderValue::from_str(origin).map_err(|_| CorsError::Origin)
}

/// A checked CORS policy. With the `axum` feature it becomes a layer.
#[derive(Clone, Debug)]
pub struct CorsPolicy {
    any_origin: bool,
    origins: Vec<HeaderValue>,
    methods: Vec<Method>,
    headers: Vec<HeaderName>,
    exposed: Vec<HeaderName>,
    credentials: bool,
    max_age: Duration,
}

impl CorsPolicy {
    /// Whether a request with this `Origin` header may read responses.
    pub fn allows_origin(&self, origin: &str) -> bool {
        self.any_origin || self.origins.iter().any(|allowed| allowed == origin)
    }

    /// Whether credentials are allowed.
    pub fn allows_credentials(&self) -> bool {
        self.credentials
    }

    /// The listed origins, or `None` for any origin.
    pub fn origins(&self) -> Option<&[HeaderValue]> {
        (!self.any_origin).then_some(self.origins.as_slice())
    }

    /// The methods cross-origin requests may use.
    pub fn methods(&self) -> &[Method] {
        &self.methods
    }

    /// The request headers cross-origin requests may send.
    pub fn allowed_headers(&self) -> &[HeaderName] {
        &self.headers
    }

    /// The response headers scripts of other origins may read.
    pub fn exposed_headers(&self) -> &[HeaderName] {
        &self.exposed
    }

    /// How long browsers may cache a preflight.
    pub fn max_age(&self) -> Duration {
        self.max_age
    }
}

/// Why a CORS policy was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CorsError {
    /// An origin is not written as browsers send it: `scheme://host[:port]`, lowercase,
    /// http or https, no path and no trailing `/`; `null` is never allowed.
    Origin,
    /// A header name is not an HTTP token.
    Header,
}

impl fmt::Display for CorsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CorsError::Origin => {
                "a CORS origin must be written as browsers send it, such as `https://app.example.com`"
            }
            CorsError::Header => "a CORS header name must be an HTTP token",
        })
    }
}

impl std::error::Error for CorsError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_must_be_serialized_origins() {
        for bad in [
            "https://app.example.com/",
            "https://APP.example.com",
            "https://app.example.com/path",
            "null",
            "*",
            "app.example.com",
            "file:///etc",
            "https://*.example.com",
        ] {
            let outcome = Cors::new().allow_origins([bad]).build();
            assert_eq!(outcome.unwrap_err(), CorsError::Origin, "{bad:?}");
        }
        assert!(
            Cors::new()
                .allow_origins(["http://localhost:8080"])
                .build()
                .is_ok()
        );
    }

    #[test]
    fn credentials_are_tracked() {
        let listed = Cors::new()
            .allow_origins(["https://a.example"])
            .allow_credentials()
            .build()
            .unwrap();
        assert!(listed.allows_credentials());
        let any = Cors::new().allow_any_origin().build().unwrap();
        assert!(!any.allows_credentials());
        assert!(any.allows_origin("https://whoever.example"));
    }
}
