//! CORS policies that cannot be written unsafely.
//!
//! The builder tracks in its type whether it allows any origin, any header or any method,
//! and whether it allows credentials, and offers no way to have both: a `*` together with
//! credentials is a compile error, not a panic at start-up nor a policy that reflects every
//! origin. A wildcard is only reached through its own method (`allow_any_origin()`,
//! `allow_any_headers()`, `expose_any_headers()`, `allow_any_methods()`): an empty origin
//! list or a header or method spelled `*` is refused by [`Cors::build`], never read as
//! "any". Listed origins are compared exactly, byte for byte, with the `Origin` header: no
//! suffix or prefix matching, no `null`.
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
//! Neither of these compiles:
//!
//! ```compile_fail
//! use secure::http::cors::Cors;
//!
//! let policy = Cors::new().allow_any_origin().allow_credentials();
//! ```
//!
//! ```compile_fail
//! use secure::http::cors::Cors;
//!
//! let policy = Cors::new().allow_origins(["https://app.example.com"]).allow_any_headers().allow_credentials();
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
/// Any request header, response header or method (`*`) is allowed, so credentials are not.
pub enum Wildcards {}

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
impl CredentialMode for Wildcards {
    const ALLOWED: bool = false;
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

/// The credential states without a wildcard header or method, which may allow credentials.
#[diagnostic::on_unimplemented(
    message = "a CORS policy that allows any header or method cannot allow credentials",
    label = "`allow_any_headers()`, `expose_any_headers()` or `allow_any_methods()` was called on this policy",
    note = "list what credentialed requests may use with `.allow_headers([..])`, `.expose_headers([..])` and `.allow_methods([..])` instead"
)]
pub trait NoWildcards {}
impl NoWildcards for NoCredentials {}
impl NoWildcards for WithCredentials {}

/// The credential states that may allow any origin.
#[diagnostic::on_unimplemented(
    message = "a CORS policy that allows credentials cannot allow any origin",
    label = "`allow_credentials()` was called on this policy",
    note = "list the origins that may send credentials with `.allow_origins([\"https://app.example.com\"])` instead of `.allow_any_origin()`"
)]
pub trait AnyOriginAllowed {}
impl AnyOriginAllowed for NoCredentials {}
impl AnyOriginAllowed for Wildcards {}

/// The credential states that may allow any header or method.
#[diagnostic::on_unimplemented(
    message = "a CORS policy that allows credentials cannot allow any header or method",
    label = "`allow_credentials()` was called on this policy",
    note = "list what credentialed requests may use with `.allow_headers([..])`, `.expose_headers([..])` and `.allow_methods([..])` instead"
)]
pub trait WildcardsAllowed {}
impl WildcardsAllowed for NoCredentials {}
impl WildcardsAllowed for Wildcards {}

/// The origin states a policy can be built in.
#[diagnostic::on_unimplemented(
    message = "a CORS policy needs origins before it is built",
    label = "no origin was allowed",
    note = "call `.allow_origins([..])` or `.allow_any_origin()` first"
)]
pub trait HasOrigins {
    /// Whether any origin is allowed.
    #[doc(hidden)]
    const ANY: bool;
}
impl HasOrigins for ListedOrigins {
    const ANY: bool = false;
}
impl HasOrigins for AnyOrigin {
    const ANY: bool = true;
}

/// A CORS policy being built: start with [`Cors::new`].
#[must_use = "call `build()` to check the policy"]
pub struct Cors<O = NoOrigins, C = NoCredentials> {
    origins: Vec<String>,
    methods: Listed<Method>,
    headers: Listed<String>,
    exposed: Listed<String>,
    max_age: Duration,
    state: PhantomData<fn() -> (O, C)>,
}

/// Names listed one by one, or any name (`*`).
#[derive(Clone, Debug)]
enum Listed<T> {
    Names(Vec<T>),
    Any,
}

impl<T> Listed<T> {
    fn try_map<U, E>(self, f: impl FnMut(T) -> Result<U, E>) -> Result<Listed<U>, E> {
        match self {
            Listed::Names(names) => names
                .into_iter()
                .map(f)
                .collect::<Result<_, _>>()
                .map(Listed::Names),
            Listed::Any => Ok(Listed::Any),
        }
    }

    fn names(&self) -> Option<&[T]> {
        match self {
            Listed::Names(names) => Some(names),
            Listed::Any => None,
        }
    }
}

impl Cors {
    /// A policy that allows nothing yet: `GET` and `HEAD` once origins are added, no
    /// request headers beyond the CORS-safelisted ones, no credentials, and preflights
    /// cached for ten minutes.
    pub fn new() -> Cors<NoOrigins, NoCredentials> {
        Cors {
            origins: Vec::new(),
            methods: Listed::Names(vec![Method::GET, Method::HEAD]),
            headers: Listed::Names(Vec::new()),
            exposed: Listed::Names(Vec::new()),
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

    /// The methods cross-origin requests may use (default `GET`, `HEAD`). A method named
    /// `*` is refused by [`build`](Cors::build); see [`allow_any_methods`](Cors::allow_any_methods).
    pub fn allow_methods(mut self, methods: impl IntoIterator<Item = Method>) -> Self {
        self.methods = Listed::Names(methods.into_iter().collect());
        self
    }

    /// The request headers cross-origin requests may send, beyond the safelisted ones. A
    /// header named `*` is refused by [`build`](Cors::build); see
    /// [`allow_any_headers`](Cors::allow_any_headers).
    pub fn allow_headers<'a>(mut self, headers: impl IntoIterator<Item = &'a str>) -> Self {
        self.headers = Listed::Names(headers.into_iter().map(str::to_owned).collect());
        self
    }

    /// The response headers scripts of the other origin may read. A header named `*` is
    /// refused by [`build`](Cors::build); see [`expose_any_headers`](Cors::expose_any_headers).
    pub fn expose_headers<'a>(mut self, headers: impl IntoIterator<Item = &'a str>) -> Self {
        self.exposed = Listed::Names(headers.into_iter().map(str::to_owned).collect());
        self
    }

    /// Lets cross-origin requests send any request header (`*`), for public data only;
    /// such a policy cannot allow credentials.
    pub fn allow_any_headers(mut self) -> Cors<O, Wildcards>
    where
        C: WildcardsAllowed,
    {
        self.headers = Listed::Any;
        self.into_state()
    }

    /// Lets scripts of the other origin read any response header (`*`), for public data
    /// only; such a policy cannot allow credentials.
    pub fn expose_any_headers(mut self) -> Cors<O, Wildcards>
    where
        C: WildcardsAllowed,
    {
        self.exposed = Listed::Any;
        self.into_state()
    }

    /// Lets cross-origin requests use any method (`*`), for public data only; such a
    /// policy cannot allow credentials.
    pub fn allow_any_methods(mut self) -> Cors<O, Wildcards>
    where
        C: WildcardsAllowed,
    {
        self.methods = Listed::Any;
        self.into_state()
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
        C: NoWildcards,
    {
        self.into_state()
    }

    /// Checks the policy.
    ///
    /// # Errors
    ///
    /// [`CorsError`] for an empty origin list, an origin not written as browsers send it
    /// (scheme, host and port only, lowercase, no trailing `/`), `null`, a header name that
    /// is not a token, or a header or method named `*`.
    pub fn build(self) -> Result<CorsPolicy, CorsError>
    where
        O: HasOrigins,
        C: CredentialMode,
    {
        if !O::ANY && self.origins.is_empty() {
            return Err(CorsError::EmptyOriginList);
        }
        let origins = self
            .origins
            .iter()
            .map(|origin| check_origin(origin))
            .collect::<Result<_, _>>()?;

        Ok(CorsPolicy {
            any_origin: O::ANY,
            origins,
            methods: self.methods.try_map(check_method)?,
            headers: self.headers.try_map(check_header)?,
            exposed: self.exposed.try_map(check_header)?,
            credentials: C::ALLOWED,
            max_age: self.max_age,
        })
    }
}

impl<C> Cors<NoOrigins, C> {
    /// Allows these origins, each written exactly as browsers send the `Origin` header,
    /// such as `https://app.example.com` or `http://localhost:8080`. An empty list is
    /// refused by [`build`](Cors::build): it never means any origin.
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

// `*` is a valid token, so `http` accepts it as a header name and as a method, and a list of
// it alone is sent as the wildcard: only the `allow_any_*` methods, which the type keeps
// apart from credentials, may mean "any".
fn check_header(name: String) -> Result<HeaderName, CorsError> {
    if name == "*" {
        return Err(CorsError::Wildcard);
    }
    HeaderName::from_bytes(name.as_bytes()).map_err(|_| CorsError::Header)
}

fn check_method(method: Method) -> Result<Method, CorsError> {
    if method.as_str() == "*" {
        return Err(CorsError::Wildcard);
    }
    Ok(method)
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
    methods: Listed<Method>,
    headers: Listed<HeaderName>,
    exposed: Listed<HeaderName>,
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

    /// The methods cross-origin requests may use, or `None` for any method.
    pub fn methods(&self) -> Option<&[Method]> {
        self.methods.names()
    }

    /// The request headers cross-origin requests may send, or `None` for any header.
    pub fn allowed_headers(&self) -> Option<&[HeaderName]> {
        self.headers.names()
    }

    /// The response headers scripts of other origins may read, or `None` for any header.
    pub fn exposed_headers(&self) -> Option<&[HeaderName]> {
        self.exposed.names()
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
    /// The origin list is empty. An empty list never means any origin: call
    /// `allow_any_origin()` for that, or leave the CORS layer out to allow none.
    EmptyOriginList,
    /// A header name is not an HTTP token.
    Header,
    /// A header or method is named `*`. A wildcard is written with `allow_any_headers()`,
    /// `expose_any_headers()` or `allow_any_methods()`, which cannot be combined with
    /// credentials.
    Wildcard,
}

impl fmt::Display for CorsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CorsError::Origin => {
                "a CORS origin must be written as browsers send it, such as `https://app.example.com`"
            }
            CorsError::EmptyOriginList => {
                "a CORS origin list must not be empty; use `allow_any_origin()` for public data or leave CORS out"
            }
            CorsError::Header => "a CORS header name must be an HTTP token",
            CorsError::Wildcard => {
                "a CORS header or method cannot be named `*`; use `allow_any_headers()`, `expose_any_headers()` or `allow_any_methods()`, which refuse credentials"
            }
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

    #[test]
    fn an_empty_origin_list_is_refused_not_read_as_any() {
        let public = Cors::new().allow_origins([]).build();
        assert_eq!(public.unwrap_err(), CorsError::EmptyOriginList);
        let credentialed = Cors::new().allow_origins([]).allow_credentials().build();
        assert_eq!(credentialed.unwrap_err(), CorsError::EmptyOriginList);
    }

    #[test]
    fn listed_origins_are_never_any() {
        let policy = Cors::new()
            .allow_origins(["https://a.example"])
            .build()
            .unwrap();
        assert_eq!(policy.origins().map(<[_]>::len), Some(1));
        assert!(!policy.allows_origin("https://b.example"));
    }

    #[test]
    fn a_header_or_method_named_star_is_refused_with_or_without_credentials() {
        let star = Method::from_bytes(b"*").unwrap();
        let listed = || Cors::new().allow_origins(["https://a.example"]);
        let outcomes = [
            listed().allow_headers(["*"]).allow_credentials().build(),
            listed().expose_headers(["*"]).allow_credentials().build(),
            listed()
                .allow_methods([star.clone()])
                .allow_credentials()
                .build(),
            listed().allow_headers(["content-type", "*"]).build(),
            listed().expose_headers(["*"]).build(),
            listed().allow_methods([Method::GET, star]).build(),
        ];
        for (case, outcome) in outcomes.into_iter().enumerate() {
            assert_eq!(outcome.unwrap_err(), CorsError::Wildcard, "case {case}");
        }
    }

    #[test]
    fn wildcards_come_only_from_their_own_methods() {
        let policy = Cors::new()
            .allow_origins(["https://a.example"])
            .allow_any_headers()
            .expose_any_headers()
            .allow_any_methods()
            .build()
            .unwrap();
        assert!(!policy.allows_credentials());
        assert_eq!(policy.allowed_headers(), None);
        assert_eq!(policy.exposed_headers(), None);
        assert_eq!(policy.methods(), None);
        let listed = Cors::new()
            .allow_origins(["https://a.example"])
            .allow_headers(["x-a"])
            .build()
            .unwrap();
        assert_eq!(listed.allowed_headers().map(<[_]>::len), Some(1));
        assert_eq!(listed.exposed_headers().map(<[_]>::len), Some(0));
        assert_eq!(listed.methods(), Some(&[Method::GET, Method::HEAD][..]));
    }
}
