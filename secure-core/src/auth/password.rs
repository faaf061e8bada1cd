//! Password hashing and verification with Argon2id.
//!
//! [`PasswordHasher`] hashes a [`SecretString`] into a [`PasswordHash`] (a PHC string such as
//! `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`), verifies a password against one, and tells
//! when a stored hash was made with other parameters than the current ones.
//!
//! ```
//! use secure::auth::password::{PasswordError, PasswordHash, PasswordHasher};
//! use secure::prelude::*;
//!
//! let hasher = PasswordHasher::new();
//!
//! // Sign-up: store `hash.as_str()`.
//! let hash = hasher.hash(&Secret::from("correct horse battery staple"))?;
//!
//! // Login: look the user up, and verify even when there is none.
//! let stored: Option<PasswordHash> = Some(hash);
//! let attempt = Secret::from("correct horse battery staple");
//! hasher.verify_or_dummy(stored.as_ref(), &attempt)?;
//!
//! let wrong = Secret::from("Tr0ub4dor&3");
//! assert_eq!(hasher.verify_or_dummy(None, &wrong), Err(PasswordError::Mismatch));
//! # Ok::<(), PasswordError>(())
//! ```
//!
//! # What is not guaranteed
//!
//! - Password policy (minimum length, breached-password checks) is not enforced here; use
//!   validation rules on the field before hashing.
//! - The dummy path of [`PasswordHasher::verify_or_dummy`] costs one Argon2 evaluation with
//!   the hasher's current parameters, as a wrong password for an up-to-date user does. Users
//!   whose stored hash has other parameters take a different time until
//!   [`PasswordHasher::needs_rehash`] has upgraded them.
//! - Verification uses the parameters written in the stored hash. A hash taken from an
//!   untrusted source (not your own database) can ask for any amount of memory.

use core::fmt;
use core::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};

use argon2::password_hash::phc;
use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
use argon2::{Algorithm, Argon2, Version};
use base64ct::Encoding as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::random::{self, RandomUnavailable};
use crate::{ExposeSecret, SecretString};

/// The longest password accepted by default, in bytes of UTF-8.
///
/// Long enough for any passphrase a person types or a password manager generates, short
/// enough that a request cannot make the server hash megabytes.
pub const DEFAULT_MAX_PASSWORD_BYTES: usize = 1024;

/// The smallest limit [`PasswordHasher::max_password_bytes`] accepts: NIST SP 800-63B asks
/// that passwords of at least 64 characters be allowed.
pub const MIN_MAX_PASSWORD_BYTES: usize = 64;

const SALT_BYTES: usize = 16;
const OUTPUT_BYTES: usize = 32;

/// Argon2id cost parameters, never below the OWASP recommendation.
///
/// The floor is the OWASP Password Storage Cheat Sheet's first configuration for Argon2id:
/// 19 MiB of memory, 2 passes, 1 lane. Stronger settings are accepted; weaker ones are
/// refused, including the cheat sheet's other configurations that trade memory for passes.
///
/// ```
/// use secure::auth::password::Params;
///
/// let params = Params::new(64 * 1024, 3, 1)?;
/// assert_eq!(params.memory_kib(), 65536);
/// assert!(Params::new(4096, 2, 1).is_err());
/// # Ok::<(), secure::auth::password::PasswordError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Params {
    memory_kib: u32,
    iterations: u32,
    parallelism: u32,
}

impl Params {
    /// The OWASP recommendation: m = 19 MiB, t = 2, p = 1. The default.
    pub const OWASP: Params = Params {
        memory_kib: 19 * 1024,
        iterations: 2,
        parallelism: 1,
    };

    /// Parameters with `memory_kib` KiB of memory, `iterations` passes and `parallelism`
    /// lanes, or [`PasswordError::WeakPolicy`] if any is below [`Params::OWASP`].
    pub fn new(memory_kib: u32, iterations: u32, parallelism: u32) -> Result<Self, PasswordError> {
        let weak = memory_kib < Self::OWASP.memory_kib
            || iterations < Self::OWASP.iterations
            || parallelism < Self::OWASP.parallelism;
        if weak {
            return Err(PasswordError::WeakPolicy);
        }

        let params = Params {
            memory_kib,
            iterations,
            parallelism,
        };
        params.argon2().map(|_| params)
    }

    /// Memory cost in KiB.
    pub fn memory_kib(&self) -> u32 {
        self.memory_kib
    }

    /// Number of passes over memory.
    pub fn iterations(&self) -> u32 {
        self.iterations
    }

    /// Number of lanes.
    pub fn parallelism(&self) -> u32 {
        self.parallelism
    }

    fn argon2(&self) -> Result<Argon2<'static>, PasswordError> {
        let params = argon2::Params::new(
            self.memory_kib,
            self.iterations,
            self.parallelism,
            Some(OUTPUT_BYTES),
        )
        .map_err(|_| PasswordError::WeakPolicy)?;
        Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
    }
}

impl Default for Params {
    fn default() -> Self {
        Params::OWASP
    }
}

/// Hashes and verifies passwords with Argon2id.
///
/// Build one at start-up and share it: it holds the parameters, the dummy hash used for
/// unknown users, and a count of the Argon2 evaluations it has run
/// ([`evaluations`](Self::evaluations)).
///
/// Each hash or verification holds its memory cost for as long as it runs (19 MiB with the
/// OWASP parameters), and an unknown user costs as much as a known one. The hasher does not
/// limit how many run at once: bound that in the service (a `tokio::sync::Semaphore` of a few
/// permits around the blocking call, as the example service does), or a burst of failed
/// sign-ins grows the process by gigabytes.
///
/// ```
/// use secure::auth::password::{Params, PasswordHasher};
/// use secure::prelude::*;
///
/// let hasher = PasswordHasher::with_params(Params::new(32 * 1024, 2, 1)?)
///     .max_password_bytes(256)?;
/// let hash = hasher.hash(&Secret::from("a long passphrase"))?;
/// assert!(hash.as_str().starts_with("$argon2id$v=19$m=32768,t=2,p=1$"));
/// # Ok::<(), secure::auth::password::PasswordError>(())
/// ```
pub struct PasswordHasher {
    params: Params,
    max_bytes: usize,
    dummy: PasswordHash,
    evaluations: AtomicU64,
}

impl PasswordHasher {
    /// A hasher with [`Params::OWASP`] and a limit of [`DEFAULT_MAX_PASSWORD_BYTES`].
    pub fn new() -> Self {
        Self::with_params(Params::OWASP)
    }

    /// A hasher with the given parameters and a limit of [`DEFAULT_MAX_PASSWORD_BYTES`].
    pub fn with_params(params: Params) -> Self {
        PasswordHasher {
            params,
            max_bytes: DEFAULT_MAX_PASSWORD_BYTES,
            dummy: dummy_hash(params),
            evaluations: AtomicU64::new(0),
        }
    }

    /// Sets the longest password accepted, in bytes of UTF-8. Longer passwords are refused
    /// with [`PasswordError::TooLong`] before any hashing, by [`hash`](Self::hash) and by
    /// verification alike. Limits under [`MIN_MAX_PASSWORD_BYTES`] are refused.
    pub fn max_password_bytes(mut self, max: usize) -> Result<Self, PasswordError> {
        if max < MIN_MAX_PASSWORD_BYTES {
            return Err(PasswordError::WeakPolicy);
        }

        self.max_bytes = max;
        Ok(self)
    }

    /// The parameters new hashes are made with.
    pub fn params(&self) -> Params {
        self.params
    }

    /// How many Argon2 evaluations this hasher has run: one per [`hash`](Self::hash), one per
    /// verification that got past the length limit, the dummy ones for unknown users
    /// included. Building the hasher runs none.
    ///
    /// Hashing is the costliest work a login does, so this is the number to watch for a
    /// credential-stuffing wave. It is also how the unknown-user path can be checked without
    /// a stopwatch: a known user with a wrong password and an unknown user each add exactly
    /// one, so the count cannot tell them apart either.
    ///
    /// ```
    /// use secure::auth::password::PasswordHasher;
    /// use secure::prelude::*;
    ///
    /// let hasher = PasswordHasher::new();
    /// assert_eq!(hasher.evaluations(), 0);
    /// assert!(hasher.verify_or_dummy(None, &Secret::from("guess")).is_err());
    /// assert_eq!(hasher.evaluations(), 1);
    /// ```
    pub fn evaluations(&self) -> u64 {
        self.evaluations.load(Ordering::Relaxed)
    }

    /// Hashes `password` with a fresh 16-byte salt from the OS random source.
    pub fn hash(&self, password: &SecretString) -> Result<PasswordHash, PasswordError> {
        let password = self.bounded(password)?;
        let salt = random::bytes::<SALT_BYTES>()?;
        self.hash_with_salt(password, &salt)
    }

    /// Checks `password` against `hash`, in time that does not depend on where they differ.
    ///
    /// Returns [`PasswordError::Mismatch`] when the password is wrong.
    pub fn verify(
        &self,
        hash: &PasswordHash,
        password: &SecretString,
    ) -> Result<(), PasswordError> {
        let password = self.bounded(password)?;
        self.verify_phc(hash, password)
    }

    /// Checks `password` against the stored hash of a user who may not exist.
    ///
    /// With `None`, the password is checked against a dummy hash with this hasher's
    /// parameters and the result is always [`PasswordError::Mismatch`]: the answer and the
    /// work done (one Argon2 evaluation, see [`evaluations`](Self::evaluations)) are those
    /// of a wrong password for an existing user, so neither tells an attacker which accounts
    /// exist. The dummy hash exists from the hasher's construction on, so the first unknown
    /// user costs no more than the next.
    pub fn verify_or_dummy(
        &self,
        hash: Option<&PasswordHash>,
        password: &SecretString,
    ) -> Result<(), PasswordError> {
        let bounded = self.bounded(password)?;
        match hash {
            Some(hash) => self.verify_phc(hash, bounded),
            None => {
                let _ = self.verify_phc(&self.dummy, bounded);
                Err(PasswordError::Mismatch)
            }
        }
    }

    /// Whether `hash` was made with other settings than this hasher's (another Argon2
    /// variant or version, other costs or output length): hash the password again after a
    /// successful login and store the new hash.
    pub fn needs_rehash(&self, hash: &PasswordHash) -> bool {
        let Ok(parsed) = hash.phc() else {
            return true;
        };
        let same_algorithm = parsed.algorithm.as_str() == Algorithm::Argon2id.ident().as_str()
            && parsed.version == Some(Version::V0x13.into());
        let same_costs = argon2::Params::try_from(&parsed).is_ok_and(|stored| {
            stored.m_cost() == self.params.memory_kib
                && stored.t_cost() == self.params.iterations
                && stored.p_cost() == self.params.parallelism
        });
        let same_output = parsed
            .hash
            .is_some_and(|output| output.len() == OUTPUT_BYTES);

        !(same_algorithm && same_costs && same_output)
    }

    fn bounded<'a>(&self, password: &'a SecretString) -> Result<&'a [u8], PasswordError> {
        let bytes = password.expose_secret().as_bytes();
        if bytes.len() > self.max_bytes {
            return Err(PasswordError::TooLong {
                max_bytes: self.max_bytes,
            });
        }
        Ok(bytes)
    }

    fn hash_with_salt(&self, password: &[u8], salt: &[u8]) -> Result<PasswordHash, PasswordError> {
        let argon2 = self.params.argon2()?;

        self.evaluations.fetch_add(1, Ordering::Relaxed);
        let phc = argon2
            .hash_password_with_salt(password, salt)
            .map_err(|_| PasswordError::Hashing)?;
        Ok(PasswordHash(phc.to_string()))
    }

    fn verify_phc(&self, hash: &PasswordHash, password: &[u8]) -> Result<(), PasswordError> {
        let phc = hash.phc()?;

        // The stored parameters, salt and variant are read from the hash itself.
        self.evaluations.fetch_add(1, Ordering::Relaxed);
        match Argon2::default().verify_password(password, &phc) {
            Ok(()) => Ok(()),
            Err(argon2::password_hash::Error::PasswordInvalid) => Err(PasswordError::Mismatch),
            Err(_) => Err(PasswordError::Hashing),
        }
    }
}

/// The hash unknown users are checked against: the PHC string of an Argon2id hash with
/// `params`, a salt and an output of the usual sizes.
///
/// Nothing is hashed to make it. Verifying a password against it runs Argon2 with `params`
/// over the salt, as verifying against a real hash does, and compares the result with an
/// output that no password is known to produce; the answer is discarded anyway. The salt
/// and output are fixed: this hash is never stored, so there is nothing for a
/// precomputation to find.
fn dummy_hash(params: Params) -> PasswordHash {
    let salt = base64ct::Base64Unpadded::encode_string(&[0x5a; SALT_BYTES]);
    let output = base64ct::Base64Unpadded::encode_string(&[0xa5; OUTPUT_BYTES]);
    PasswordHash(format!(
        "$argon2id$v=19$m={},t={},p={}${salt}${output}",
        params.memory_kib, params.iterations, params.parallelism
    ))
}

impl Default for PasswordHasher {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for PasswordHasher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PasswordHasher")
            .field("params", &self.params)
            .field("max_password_bytes", &self.max_bytes)
            .finish_non_exhaustive()
    }
}

/// A stored password hash: an Argon2 PHC string.
///
/// Parsing checks the shape (an Argon2 variant, parameters, a salt and an output), so a
/// `PasswordHash` in hand is always one [`PasswordHasher`] can verify against. Store it with
/// [`as_str`](Self::as_str); read it back with [`parse`](Self::parse) or `serde`.
///
/// `Debug` shows the variant and parameters but not the salt or output: they are not the
/// password, but they are what an offline guessing attack needs. There is no `Display`.
///
/// ```
/// use secure::auth::password::PasswordHash;
///
/// let hash = PasswordHash::parse(
///     "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
/// )?;
/// assert_eq!(
///     format!("{hash:?}"),
///     "PasswordHash(\"$argon2id$v=19$m=65536,t=2,p=1$…\")",
/// );
/// assert!(PasswordHash::parse("5f4dcc3b5aa765d61d8327deb882cf99").is_err());
/// # Ok::<(), secure::auth::password::PasswordError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordHash(String);

impl PasswordHash {
    /// Reads a PHC string made by Argon2 (`argon2id`, `argon2i` or `argon2d`).
    ///
    /// Other formats are refused with [`PasswordError::MalformedHash`].
    pub fn parse(phc: &str) -> Result<Self, PasswordError> {
        let parsed = phc::PasswordHash::new(phc).map_err(|_| PasswordError::MalformedHash)?;
        let known = Algorithm::try_from(parsed.algorithm.as_str()).is_ok()
            && argon2::Params::try_from(&parsed).is_ok()
            && parsed.salt.is_some()
            && parsed.hash.is_some();
        if !known {
            return Err(PasswordError::MalformedHash);
        }

        Ok(PasswordHash(phc.to_owned()))
    }

    /// The PHC string, to store.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The PHC string, to store.
    pub fn into_string(self) -> String {
        self.0
    }

    fn phc(&self) -> Result<phc::PasswordHash, PasswordError> {
        phc::PasswordHash::new(&self.0).map_err(|_| PasswordError::MalformedHash)
    }
}

impl fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `$variant$v=..$params$salt$output`: keep the first three fields.
        let end = self.0.match_indices('$').nth(3).map_or(0, |(at, _)| at + 1);
        write!(f, "PasswordHash(\"{}…\")", &self.0[..end])
    }
}

impl FromStr for PasswordHash {
    type Err = PasswordError;

    fn from_str(phc: &str) -> Result<Self, Self::Err> {
        PasswordHash::parse(phc)
    }
}

impl Serialize for PasswordHash {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for PasswordHash {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let phc = String::deserialize(deserializer)?;
        PasswordHash::parse(&phc).map_err(serde::de::Error::custom)
    }
}

/// Why hashing or verifying a password failed. Never carries the password.
///
/// ```
/// use secure::auth::password::PasswordError;
///
/// let error = PasswordError::TooLong { max_bytes: 1024 };
/// assert_eq!(error.to_string(), "the password is longer than 1024 bytes");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PasswordError {
    /// The password does not match, or the user does not exist.
    Mismatch,
    /// The password is longer than the hasher accepts; nothing was hashed.
    TooLong {
        /// The hasher's limit, in bytes of UTF-8.
        max_bytes: usize,
    },
    /// A stored hash is not an Argon2 PHC string.
    MalformedHash,
    /// Parameters or a length limit below the minimum this module allows.
    WeakPolicy,
    /// Argon2 failed to run (for example it could not allocate its memory).
    Hashing,
    /// The OS random source failed, so no salt could be drawn.
    Random(RandomUnavailable),
}

impl fmt::Display for PasswordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PasswordError::Mismatch => f.write_str("the password does not match"),
            PasswordError::TooLong { max_bytes } => {
                write!(f, "the password is longer than {max_bytes} bytes")
            }
            PasswordError::MalformedHash => f.write_str("the stored hash is not an Argon2 PHC string"),
            PasswordError::WeakPolicy => f.write_str(
                "password hashing settings are below the minimum (argon2 m = 19 MiB, t = 2, p = 1; a length limit of at least 64 bytes)",
            ),
            PasswordError::Hashing => f.write_str("argon2 failed to hash the password"),
            PasswordError::Random(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for PasswordError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PasswordError::Random(error) => Some(error),
            _ => None,
        }
    }
}

impl From<RandomUnavailable> for PasswordError {
    fn from(error: RandomUnavailable) -> Self {
        PasswordError::Random(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference vector of the Argon2 specification's implementation (`test.c`):
    /// Argon2id v1.3, m = 64 MiB, t = 2, p = 1, password "password", salt "somesalt".
    const REFERENCE: &str =
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

    #[test]
    fn hashing_reproduces_the_reference_vector() {
        let hasher = PasswordHasher::with_params(Params::new(65536, 2, 1).unwrap());
        let hash = hasher.hash_with_salt(b"password", b"somesalt").unwrap();
        assert_eq!(hash.as_str(), REFERENCE);
    }

    #[test]
    fn the_dummy_hash_is_a_hash_of_the_hashers_own_shape() {
        for params in [Params::OWASP, Params::new(32 * 1024, 3, 2).unwrap()] {
            let hasher = PasswordHasher::with_params(params);
            let dummy = PasswordHash::parse(hasher.dummy.as_str()).unwrap();
            assert!(!hasher.needs_rehash(&dummy), "{dummy:?}");
            assert_eq!(dummy.phc().unwrap().salt.unwrap().len(), SALT_BYTES);
        }
    }

    #[test]
    fn fresh_hashes_use_a_random_salt_of_sixteen_bytes() {
        let hasher = PasswordHasher::new();
        let password = SecretString::from("same password");
        let first = hasher.hash(&password).unwrap();
        let second = hasher.hash(&password).unwrap();

        assert_ne!(first, second);
        let salt = first.phc().unwrap().salt.unwrap();
        assert_eq!(salt.len(), SALT_BYTES);
    }
}
