//! Why a token was refused. Never carries the token or any of its claims.

use core::fmt;

use jsonwebtoken::errors::ErrorKind;

/// Why a token was refused or a verifier could not be built.
///
/// Every variant is a fixed description: no text from the token, its header or its claims is
/// kept, so the error can be logged or returned to a client as it is.
///
/// ```
/// use secure::auth::jwt::JwtError;
///
/// assert_eq!(JwtError::Expired.to_string(), "the token has expired");
/// assert_eq!(JwtError::MissingClaim("aud").to_string(), "the token has no `aud` claim");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum JwtError {
    /// Not a compact JWS (`header.payload.signature` in base64url JSON).
    Malformed,
    /// Longer than the verifier accepts; nothing was decoded.
    TooLarge {
        /// The verifier's limit, in bytes.
        max_bytes: usize,
    },
    /// The header names another algorithm than the verifier's (including `none`).
    AlgorithmNotAllowed,
    /// The signature does not match the header and claims under the verifier's key.
    BadSignature,
    /// `exp` is in the past (beyond the leeway).
    Expired,
    /// `nbf` is in the future (beyond the leeway).
    NotYetValid,
    /// `aud` names none of the verifier's audiences.
    WrongAudience,
    /// `iss` is not one of the verifier's issuers.
    WrongIssuer,
    /// A claim the verifier requires (`exp`, `aud` or `iss`) is absent.
    MissingClaim(&'static str),
    /// A registered claim has the wrong type, such as a string `exp`.
    InvalidClaim(&'static str),
    /// The claims do not fit the claims type, or [`FromClaims`](super::FromClaims) refused them.
    ClaimsRejected(super::ClaimsRejected),
    /// The key material could not be read.
    InvalidKey,
    /// An HMAC secret shorter than its hash output.
    WeakKey,
}

impl fmt::Display for JwtError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JwtError::Malformed => f.write_str("the token is not a well-formed JWT"),
            JwtError::TooLarge { max_bytes } => {
                write!(f, "the token is longer than {max_bytes} bytes")
            }
            JwtError::AlgorithmNotAllowed => {
                f.write_str("the token's algorithm is not the one this verifier accepts")
            }
            JwtError::BadSignature => f.write_str("the token's signature is not valid"),
            JwtError::Expired => f.write_str("the token has expired"),
            JwtError::NotYetValid => f.write_str("the token is not valid yet"),
            JwtError::WrongAudience => f.write_str("the token is meant for another audience"),
            JwtError::WrongIssuer => {
                f.write_str("the token comes from an issuer that is not trusted")
            }
            JwtError::MissingClaim(claim) => write!(f, "the token has no `{claim}` claim"),
            JwtError::InvalidClaim(claim) => {
                write!(f, "the token's `{claim}` claim has the wrong type")
            }
            JwtError::ClaimsRejected(rejected) => rejected.fmt(f),
            JwtError::InvalidKey => f.write_str("the verification key could not be read"),
            JwtError::WeakKey => f.write_str("the HMAC secret is shorter than the hash output"),
        }
    }
}

impl std::error::Error for JwtError {}

/// Maps the errors of `jsonwebtoken` to ours, dropping whatever text they carry.
pub(super) fn from_jsonwebtoken(error: &jsonwebtoken::errors::Error) -> JwtError {
    match error.kind() {
        ErrorKind::InvalidSignature => JwtError::BadSignature,
        ErrorKind::InvalidAlgorithm
        | ErrorKind::InvalidAlgorithmName
        | ErrorKind::MissingAlgorithm
        | ErrorKind::UnsupportedAlgorithm => JwtError::AlgorithmNotAllowed,
        ErrorKind::ExpiredSignature => JwtError::Expired,
        ErrorKind::ImmatureSignature => JwtError::NotYetValid,
        ErrorKind::InvalidAudience => JwtError::WrongAudience,
        ErrorKind::InvalidIssuer => JwtError::WrongIssuer,
        ErrorKind::MissingRequiredClaim(claim) => JwtError::MissingClaim(claim_name(claim)),
        ErrorKind::InvalidClaimFormat(claim) => JwtError::InvalidClaim(claim_name(claim)),
        ErrorKind::InvalidEcdsaKey
        | ErrorKind::InvalidEddsaKey
        | ErrorKind::InvalidRsaKey(_)
        | ErrorKind::InvalidKeyFormat => JwtError::InvalidKey,
        _ => JwtError::Malformed,
    }
}

fn claim_name(claim: &str) -> &'static str {
    match claim {
        "exp" => "exp",
        "nbf" => "nbf",
        "aud" => "aud",
        "iss" => "iss",
        "sub" => "sub",
        _ => "registered claim",
    }
}
