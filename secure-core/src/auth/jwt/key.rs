//! Verification keys, each bound to the one algorithm it may be used with.

use core::fmt;

use jsonwebtoken::{Algorithm, DecodingKey};

use super::JwtError;
use crate::{ExposeSecret, Secret};

/// An HMAC algorithm, for a key shared between issuer and verifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HmacAlgorithm {
    /// HMAC with SHA-256.
    Hs256,
    /// HMAC with SHA-384.
    Hs384,
    /// HMAC with SHA-512.
    Hs512,
}

/// An RSA signature algorithm, for an issuer's public key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RsaAlgorithm {
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    Rs256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    Rs384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    Rs512,
    /// RSASSA-PSS with SHA-256.
    Ps256,
    /// RSASSA-PSS with SHA-384.
    Ps384,
    /// RSASSA-PSS with SHA-512.
    Ps512,
}

/// An ECDSA algorithm, for an issuer's public key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EcAlgorithm {
    /// ECDSA on P-256 with SHA-256.
    Es256,
    /// ECDSA on P-384 with SHA-384.
    Es384,
}

/// The key a [`JwtVerifier`](super::JwtVerifier) checks signatures with, and the only
/// algorithm it accepts.
///
/// Each constructor names the key's kind, so an algorithm can never be paired with the wrong
/// kind of key: a token whose header says `HS256` is refused by a verifier built from an RSA
/// or Ed25519 key before any signature is computed, which closes the attack where the public
/// key is used as an HMAC secret. `none` is not an algorithm here.
///
/// ```
/// use secure::auth::jwt::{HmacAlgorithm, VerificationKey};
/// use secure::Secret;
///
/// let shared = Secret::new(vec![0x5a; 32]);
/// let key = VerificationKey::hmac(HmacAlgorithm::Hs256, &shared)?;
/// assert_eq!(format!("{key:?}"), "VerificationKey { algorithm: HS256, .. }");
///
/// let short = Secret::new(vec![0x5a; 16]);
/// assert!(VerificationKey::hmac(HmacAlgorithm::Hs256, &short).is_err());
/// # Ok::<(), secure::auth::jwt::JwtError>(())
/// ```
pub struct VerificationKey {
    pub(super) key: Secret<DecodingKey>,
    pub(super) algorithm: Algorithm,
}

impl VerificationKey {
    /// A shared HMAC secret.
    ///
    /// Secrets shorter than the hash output (32, 48 or 64 bytes) are refused with
    /// [`JwtError::WeakKey`], as RFC 7518 section 3.2 requires.
    pub fn hmac(algorithm: HmacAlgorithm, secret: &Secret<Vec<u8>>) -> Result<Self, JwtError> {
        let (algorithm, min_bytes) = match algorithm {
            HmacAlgorithm::Hs256 => (Algorithm::HS256, 32),
            HmacAlgorithm::Hs384 => (Algorithm::HS384, 48),
            HmacAlgorithm::Hs512 => (Algorithm::HS512, 64),
        };
        let secret = secret.expose_secret();
        if secret.len() < min_bytes {
            return Err(JwtError::WeakKey);
        }

        let key = DecodingKey::from_secret(secret).map_err(|_| JwtError::InvalidKey)?;
        Ok(Self::bind(key, algorithm))
    }

    /// An RSA public key in PEM (`BEGIN PUBLIC KEY` or `BEGIN RSA PUBLIC KEY`).
    pub fn rsa_pem(algorithm: RsaAlgorithm, pem: &[u8]) -> Result<Self, JwtError> {
        let key = DecodingKey::from_rsa_pem(pem).map_err(|_| JwtError::InvalidKey)?;
        Ok(Self::bind(key, rsa(algorithm)))
    }

    /// An RSA public key from the base64url modulus `n` and exponent `e` of a JWK.
    pub fn rsa_components(algorithm: RsaAlgorithm, n: &str, e: &str) -> Result<Self, JwtError> {
        let key = DecodingKey::from_rsa_components(n, e).map_err(|_| JwtError::InvalidKey)?;
        Ok(Self::bind(key, rsa(algorithm)))
    }

    /// An ECDSA public key in PEM (`BEGIN PUBLIC KEY`).
    pub fn ec_pem(algorithm: EcAlgorithm, pem: &[u8]) -> Result<Self, JwtError> {
        let algorithm = match algorithm {
            EcAlgorithm::Es256 => Algorithm::ES256,
            EcAlgorithm::Es384 => Algorithm::ES384,
        };
        let key = DecodingKey::from_ec_pem(pem).map_err(|_| JwtError::InvalidKey)?;
        Ok(Self::bind(key, algorithm))
    }

    /// An Ed25519 public key in PEM (`BEGIN PUBLIC KEY`), for `EdDSA`.
    pub fn ed25519_pem(pem: &[u8]) -> Result<Self, JwtError> {
        let key = DecodingKey::from_ed_pem(pem).map_err(|_| JwtError::InvalidKey)?;
        Ok(Self::bind(key, Algorithm::EdDSA))
    }

    fn bind(key: DecodingKey, algorithm: Algorithm) -> Self {
        VerificationKey {
            key: Secret::new(key),
            algorithm,
        }
    }
}

fn rsa(algorithm: RsaAlgorithm) -> Algorithm {
    match algorithm {
        RsaAlgorithm::Rs256 => Algorithm::RS256,
        RsaAlgorithm::Rs384 => Algorithm::RS384,
        RsaAlgorithm::Rs512 => Algorithm::RS512,
        RsaAlgorithm::Ps256 => Algorithm::PS256,
        RsaAlgorithm::Ps384 => Algorithm::PS384,
        RsaAlgorithm::Ps512 => Algorithm::PS512,
    }
}

impl fmt::Debug for VerificationKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerificationKey")
            .field("algorithm", &self.algorithm)
            .finish_non_exhaustive()
    }
}
