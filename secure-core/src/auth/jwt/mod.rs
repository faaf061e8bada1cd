//! JWT verification where the caller, not the token, decides what is trusted.
//!
//! A [`JwtVerifier`] is built once from a [`VerificationKey`] (which fixes the one accepted
//! algorithm), the audience(s) and the issuer(s). The builder's `build()` cannot be called
//! until both an audience and an issuer are set, so forgetting either is a compile error rather
//! than a token accepted for the wrong service. `exp` is always required.
//!
//! ```
//! use secure::auth::jwt::{HmacAlgorithm, JwtError, JwtVerifier, VerificationKey};
//! use secure::prelude::*;
//!
//! #[derive(serde::Deserialize)]
//! struct Claims {
//!     sub: String,
//! }
//!
//! let shared: Secret<Vec<u8>> = Secret::new(b"an HMAC secret of at least 32 bytes".to_vec());
//! let key = VerificationKey::hmac(HmacAlgorithm::Hs256, &shared)?;
//! let verifier = JwtVerifier::<Claims>::builder(key)
//!     .audience("orders-api")
//!     .issuer("https://login.example.com")
//!     .build();
//!
//! let token = Secret::from("not.a.token");
//! assert_eq!(verifier.verify(&token).err(), Some(JwtError::Malformed));
//! # Ok::<(), JwtError>(())
//! ```
//!
//! Mapping verified claims to the type an application authorizes with is one
//! [`FromClaims`] impl, used by [`JwtVerifier::verify_as`]; for the subject `#[requires]`
//! checks, that is `impl FromClaims<YourClaims> for Principal`
//! ([`Principal`](crate::authz::Principal)).
//!
//! # What is not guaranteed
//!
//! - Revocation: a verified token is valid until `exp`. Keep lifetimes short, or check `jti`
//!   against a deny list after verification.
//! - Key rotation and JWKS fetching are not done here: build one verifier per key, and pick
//!   the verifier by `kid` if the issuer rotates keys.
//! - Nested or encrypted tokens (JWE) are refused as malformed.

mod error;
mod key;

use core::fmt;
use core::marker::PhantomData;
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, Validation};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

pub use error::JwtError;
pub use key::{EcAlgorithm, HmacAlgorithm, RsaAlgorithm, VerificationKey};

use super::{Clock, SystemClock};
use crate::{ExposeSecret, SecretString};

/// The longest token accepted by default, in bytes.
pub const DEFAULT_MAX_TOKEN_BYTES: usize = 8 * 1024;

/// The clock skew tolerated by default on `exp` and `nbf`.
pub const DEFAULT_LEEWAY: Duration = Duration::from_secs(30);

/// The most clock skew a verifier can be set to tolerate: beyond a few minutes a leeway no
/// longer covers skew, it extends every token's life.
pub const MAX_LEEWAY: Duration = Duration::from_secs(5 * 60);

/// Checks signed tokens against a fixed key, algorithm, audience and issuer.
///
/// `C` is the type the claims deserialize into. Build it with [`JwtVerifier::builder`].
pub struct JwtVerifier<C> {
    key: VerificationKey,
    validation: Validation,
    audiences: Vec<String>,
    issuers: Vec<String>,
    leeway: Duration,
    max_token_bytes: usize,
    clock: Arc<dyn Clock>,
    claims: PhantomData<fn() -> C>,
}

impl<C: DeserializeOwned> JwtVerifier<C> {
    /// Starts a verifier for tokens signed with `key`.
    ///
    /// `build()` becomes available once [`audience`](JwtVerifierBuilder::audience) and
    /// [`issuer`](JwtVerifierBuilder::issuer) have both been called.
    pub fn builder(key: VerificationKey) -> JwtVerifierBuilder<C, NoAudience, NoIssuer> {
        JwtVerifierBuilder {
            key,
            audiences: Vec::new(),
            issuers: Vec::new(),
            leeway: DEFAULT_LEEWAY,
            max_token_bytes: DEFAULT_MAX_TOKEN_BYTES,
            clock: Arc::new(SystemClock),
            state: PhantomData,
        }
    }

    /// Verifies `token` and returns its claims.
    ///
    /// In order: the length limit, the header's algorithm against the key's, the signature,
    /// the presence of `exp`, `aud` and `iss`, the audience and issuer, then `exp` and `nbf`
    /// against the clock, and last the shape of `C`.
    pub fn verify(&self, token: &SecretString) -> Result<C, JwtError> {
        let token = token.expose_secret();
        if token.len() > self.max_token_bytes {
            return Err(JwtError::TooLarge {
                max_bytes: self.max_token_bytes,
            });
        }

        self.check_header(token)?;
        let claims = jsonwebtoken::decode::<Map<String, Value>>(
            token,
            self.key.key.expose_secret(),
            &self.validation,
        )
        .map_err(|error| error::from_jsonwebtoken(&error))?
        .claims;
        self.check_times(&claims)?;

        C::deserialize(Value::Object(claims)).map_err(|_| {
            JwtError::ClaimsRejected(ClaimsRejected::new("the claims do not fit the claims type"))
        })
    }

    /// Verifies `token` and maps its claims to `S` with [`FromClaims`].
    pub fn verify_as<S: FromClaims<C>>(&self, token: &SecretString) -> Result<S, JwtError> {
        let claims = self.verify(token)?;
        S::from_claims(claims).map_err(JwtError::ClaimsRejected)
    }

    /// Refuses a header whose `alg` is not the key's before any other work. `jsonwebtoken`
    /// would refuse it too; checking here first gives `none` the same answer as any other
    /// foreign algorithm instead of a parse error.
    fn check_header(&self, token: &str) -> Result<(), JwtError> {
        #[derive(Deserialize)]
        struct Header {
            alg: String,
        }

        let encoded = token.split('.').next().ok_or(JwtError::Malformed)?;
        let json = URL_SAFE_NO_PAD
            .decode(encoded)
            .map_err(|_| JwtError::Malformed)?;
        let header: Header = serde_json::from_slice(&json).map_err(|_| JwtError::Malformed)?;
        match header.alg.parse::<Algorithm>() {
            Ok(algorithm) if algorithm == self.key.algorithm => Ok(()),
            _ => Err(JwtError::AlgorithmNotAllowed),
        }
    }

    fn check_times(&self, claims: &Map<String, Value>) -> Result<(), JwtError> {
        let now = self
            .clock
            .now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs_f64();
        let leeway = self.leeway.as_secs_f64();

        let expires = numeric_date(claims, "exp")?.ok_or(JwtError::MissingClaim("exp"))?;
        if now >= expires + leeway {
            return Err(JwtError::Expired);
        }

        match numeric_date(claims, "nbf")? {
            Some(not_before) if now + leeway < not_before => Err(JwtError::NotYetValid),
            _ => Ok(()),
        }
    }
}

/// Reads a NumericDate claim (RFC 7519: seconds since the epoch, possibly fractional).
fn numeric_date(claims: &Map<String, Value>, name: &'static str) -> Result<Option<f64>, JwtError> {
    match claims.get(name) {
        None => Ok(None),
        Some(Value::Number(number)) => match number.as_f64() {
            Some(seconds) if seconds.is_finite() => Ok(Some(seconds)),
            _ => Err(JwtError::InvalidClaim(name)),
        },
        Some(_) => Err(JwtError::InvalidClaim(name)),
    }
}

impl<C> fmt::Debug for JwtVerifier<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JwtVerifier")
            .field("algorithm", &self.key.algorithm)
            .field("audiences", &self.audiences)
            .field("issuers", &self.issuers)
            .field("leeway", &self.leeway)
            .field("max_token_bytes", &self.max_token_bytes)
            .finish_non_exhaustive()
    }
}

/// Builds a [`JwtVerifier`]; `build()` exists once both an audience and an issuer are set.
///
/// `A` and `I` record whether [`audience`](Self::audience) and [`issuer`](Self::issuer) were
/// called: [`NoAudience`] / [`WithAudience`] and [`NoIssuer`] / [`WithIssuer`].
///
/// ```compile_fail
/// use secure::auth::jwt::{HmacAlgorithm, JwtVerifier, VerificationKey};
///
/// let shared = secure::Secret::new(vec![1; 32]);
/// let key = VerificationKey::hmac(HmacAlgorithm::Hs256, &shared).unwrap();
/// // No issuer: does not compile.
/// let verifier = JwtVerifier::<serde_json::Value>::builder(key).audience("api").build();
/// ```
pub struct JwtVerifierBuilder<C, A, I> {
    key: VerificationKey,
    audiences: Vec<String>,
    issuers: Vec<String>,
    leeway: Duration,
    max_token_bytes: usize,
    clock: Arc<dyn Clock>,
    state: PhantomData<BuilderState<C, A, I>>,
}

/// The claims type and whether audience and issuer are set, held only in the type.
type BuilderState<C, A, I> = (fn() -> C, A, I);

impl<C, A, I> JwtVerifierBuilder<C, A, I> {
    /// Accepts tokens whose `aud` names `audience`. Call it again to accept several.
    ///
    /// # Panics
    ///
    /// If `audience` is empty or only whitespace, as a configuration read with
    /// `env::var("AUD").unwrap_or_default()` would give: a verifier would then accept tokens
    /// with `"aud": ""`, which names no service.
    pub fn audience(
        mut self,
        audience: impl Into<String>,
    ) -> JwtVerifierBuilder<C, WithAudience, I> {
        let audience = audience.into();
        assert!(
            !audience.trim().is_empty(),
            "JwtVerifierBuilder::audience: the audience is empty"
        );
        self.audiences.push(audience);
        self.into_state()
    }

    /// Accepts tokens whose `iss` is `issuer`. Call it again to accept several.
    ///
    /// # Panics
    ///
    /// If `issuer` is empty or only whitespace, for the reason [`audience`](Self::audience)
    /// gives.
    pub fn issuer(mut self, issuer: impl Into<String>) -> JwtVerifierBuilder<C, A, WithIssuer> {
        let issuer = issuer.into();
        assert!(
            !issuer.trim().is_empty(),
            "JwtVerifierBuilder::issuer: the issuer is empty"
        );
        self.issuers.push(issuer);
        self.into_state()
    }

    /// The clock skew tolerated on `exp` and `nbf`; [`DEFAULT_LEEWAY`] unless set.
    ///
    /// # Panics
    ///
    /// If `leeway` is over [`MAX_LEEWAY`], five minutes: a longer one would accept a token
    /// long after it expired.
    pub fn leeway(mut self, leeway: Duration) -> Self {
        assert!(
            leeway <= MAX_LEEWAY,
            "JwtVerifierBuilder::leeway: {leeway:?} is over MAX_LEEWAY ({MAX_LEEWAY:?})"
        );
        self.leeway = leeway;
        self
    }

    /// The longest token accepted, in bytes; [`DEFAULT_MAX_TOKEN_BYTES`] unless set.
    pub fn max_token_bytes(mut self, max: usize) -> Self {
        self.max_token_bytes = max;
        self
    }

    /// Where `exp` and `nbf` are checked against; the system clock unless set.
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Builds the verifier.
    pub fn build(self) -> JwtVerifier<C>
    where
        A: AudienceIsSet,
        I: IssuerIsSet,
    {
        install_crypto_provider();

        let mut validation = Validation::new(self.key.algorithm);
        validation.set_audience(&self.audiences);
        validation.set_issuer(&self.issuers);
        validation.set_required_spec_claims(&["aud", "iss"]);
        // `exp` (required) and `nbf` are checked by `check_times` against the verifier's clock.
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.leeway = 0;

        JwtVerifier {
            key: self.key,
            validation,
            audiences: self.audiences,
            issuers: self.issuers,
            leeway: self.leeway,
            max_token_bytes: self.max_token_bytes,
            clock: self.clock,
            claims: PhantomData,
        }
    }

    fn into_state<A2, I2>(self) -> JwtVerifierBuilder<C, A2, I2> {
        JwtVerifierBuilder {
            key: self.key,
            audiences: self.audiences,
            issuers: self.issuers,
            leeway: self.leeway,
            max_token_bytes: self.max_token_bytes,
            clock: self.clock,
            state: PhantomData,
        }
    }
}

impl<C, A, I> fmt::Debug for JwtVerifierBuilder<C, A, I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JwtVerifierBuilder")
            .field("algorithm", &self.key.algorithm)
            .field("audiences", &self.audiences)
            .field("issuers", &self.issuers)
            .finish_non_exhaustive()
    }
}

/// `jsonwebtoken` picks its crypto backend from its cargo features, and panics when it finds
/// both. Installing the pure-Rust one explicitly keeps verification working if another crate
/// in the build enables the other backend.
fn install_crypto_provider() {
    if jsonwebtoken::crypto::CryptoProvider::try_get_default().is_none() {
        let _ = jsonwebtoken::crypto::rust_crypto::DEFAULT_PROVIDER.install_default();
    }
}

/// Builder state: no audience set yet.
#[derive(Debug)]
pub enum NoAudience {}

/// Builder state: at least one audience set.
#[derive(Debug)]
pub enum WithAudience {}

/// Builder state: no issuer set yet.
#[derive(Debug)]
pub enum NoIssuer {}

/// Builder state: at least one issuer set.
#[derive(Debug)]
pub enum WithIssuer {}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::WithAudience {}
    impl Sealed for super::WithIssuer {}
}

/// Proof, in the builder's type, that an audience was set.
#[diagnostic::on_unimplemented(
    message = "the JWT verifier has no audience: tokens for any service would be accepted",
    label = "`build()` needs an audience",
    note = "call `.audience(\"your-api\")` on the builder before `.build()`"
)]
pub trait AudienceIsSet: sealed::Sealed {}
impl AudienceIsSet for WithAudience {}

/// Proof, in the builder's type, that an issuer was set.
#[diagnostic::on_unimplemented(
    message = "the JWT verifier has no issuer: tokens from any issuer sharing the key would be accepted",
    label = "`build()` needs an issuer",
    note = "call `.issuer(\"https://your-issuer\")` on the builder before `.build()`"
)]
pub trait IssuerIsSet: sealed::Sealed {}
impl IssuerIsSet for WithIssuer {}

/// Maps verified claims to the subject an application authorizes with.
///
/// Implement it once for your subject type; [`JwtVerifier::verify_as`] then verifies a token
/// and produces the subject in one call. The claims are already verified when `from_claims`
/// runs; it decides only whether they describe an acceptable subject.
///
/// ```
/// use secure::auth::jwt::{ClaimsRejected, FromClaims};
///
/// #[derive(serde::Deserialize)]
/// struct Claims {
///     sub: String,
///     scope: String,
/// }
///
/// struct User {
///     id: String,
///     can_write: bool,
/// }
///
/// impl FromClaims<Claims> for User {
///     fn from_claims(claims: Claims) -> Result<Self, ClaimsRejected> {
///         if claims.sub.is_empty() {
///             return Err(ClaimsRejected::new("the token has an empty subject"));
///         }
///         let can_write = claims.scope.split(' ').any(|scope| scope == "orders:write");
///         Ok(User { id: claims.sub, can_write })
///     }
/// }
///
/// let user = User::from_claims(Claims { sub: "u-1".into(), scope: "orders:write".into() });
/// assert!(user.is_ok_and(|user| user.can_write && user.id == "u-1"));
/// ```
pub trait FromClaims<C>: Sized {
    /// The subject the claims describe, or why they describe none.
    fn from_claims(claims: C) -> Result<Self, ClaimsRejected>;
}

/// Why claims were refused: a fixed description written in the program.
///
/// It holds a `&'static str` only, so it cannot carry text from the token.
///
/// ```
/// use secure::auth::jwt::ClaimsRejected;
///
/// let rejected = ClaimsRejected::new("the token has no tenant");
/// assert_eq!(rejected.reason(), "the token has no tenant");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClaimsRejected(&'static str);

impl ClaimsRejected {
    /// A refusal with a fixed `reason`.
    pub const fn new(reason: &'static str) -> Self {
        ClaimsRejected(reason)
    }

    /// The reason given.
    pub const fn reason(&self) -> &'static str {
        self.0
    }
}

impl fmt::Display for ClaimsRejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for ClaimsRejected {}
