//! Password hashing: known answers from the Argon2 reference implementation, the length limit,
//! rehash detection and the unknown-user path.

#![cfg(feature = "auth")]

use secure::auth::password::{Params, PasswordError, PasswordHash, PasswordHasher};
use secure::prelude::*;

/// Argon2id v1.3 vectors of the reference implementation's `test.c` (phc-winner-argon2), also
/// used by the `argon2` crate: (password, PHC string).
const ARGON2ID_VECTORS: &[(&str, &str)] = &[
    (
        "password",
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
    ),
    (
        "password",
        "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
    ),
    (
        "password",
        "$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc",
    ),
    (
        "password",
        "$argon2id$v=19$m=65536,t=1,p=1$c29tZXNhbHQ$9qWtwbpyPd3vm1rB1GThgPzZ3/ydHL92zKL+15XZypg",
    ),
    (
        "password",
        "$argon2id$v=19$m=65536,t=4,p=1$c29tZXNhbHQ$kCXUjmjvc5XMqQedpMTsOv+zyJEf5PhtGiUghW9jFyw",
    ),
    (
        "differentpassword",
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$C4TWUs9rDEvq7w3+J4umqA32aWKB1+DSiRuBfYxFj94",
    ),
    (
        "password",
        "$argon2id$v=19$m=65536,t=2,p=1$ZGlmZnNhbHQ$vfMrBczELrFdWP0ZsfhWsRPaHppYdP3MVEMIVlqoFBw",
    ),
];

/// The reference `argon2i` vector: verifiable, but made with another variant.
const ARGON2I_VECTOR: &str =
    "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA";

fn secret(text: &str) -> SecretString {
    Secret::from(text)
}

#[test]
fn reference_vectors_verify_through_the_api() {
    let hasher = PasswordHasher::new();
    for (password, phc) in ARGON2ID_VECTORS {
        let hash = PasswordHash::parse(phc).unwrap();
        assert_eq!(hasher.verify(&hash, &secret(password)), Ok(()), "{phc}");
        assert_eq!(
            hasher.verify_or_dummy(Some(&hash), &secret(password)),
            Ok(()),
            "{phc}"
        );
    }

    let argon2i = PasswordHash::parse(ARGON2I_VECTOR).unwrap();
    assert_eq!(hasher.verify(&argon2i, &secret("password")), Ok(()));
}

#[test]
fn reference_vectors_refuse_other_passwords() {
    let hasher = PasswordHasher::new();
    for (password, phc) in ARGON2ID_VECTORS {
        let hash = PasswordHash::parse(phc).unwrap();
        let wrong = secret(&format!("{password}!"));
        assert_eq!(
            hasher.verify(&hash, &wrong),
            Err(PasswordError::Mismatch),
            "{phc}"
        );
    }

    // One output byte changed: "CTFh" became "CTFi".
    let altered = PasswordHash::parse(
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFiFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
    )
    .unwrap();
    assert_eq!(
        hasher.verify(&altered, &secret("password")),
        Err(PasswordError::Mismatch)
    );
}

#[test]
fn new_hashes_are_argon2id_with_the_owasp_parameters() {
    let hasher = PasswordHasher::new();
    let hash = hasher
        .hash(&secret("correct horse battery staple"))
        .unwrap();

    assert!(
        hash.as_str().starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash:?}"
    );
    assert_eq!(
        hasher.verify(&hash, &secret("correct horse battery staple")),
        Ok(())
    );
    assert_eq!(
        hasher.verify(&hash, &secret("correct horse battery stapl")),
        Err(PasswordError::Mismatch)
    );
    assert_eq!(hasher.params(), Params::OWASP);
}

#[test]
fn parameters_below_owasp_are_refused() {
    assert_eq!(
        Params::new(19 * 1024 - 1, 2, 1),
        Err(PasswordError::WeakPolicy)
    );
    assert_eq!(Params::new(19 * 1024, 1, 1), Err(PasswordError::WeakPolicy));
    assert_eq!(Params::new(19 * 1024, 2, 0), Err(PasswordError::WeakPolicy));
    assert_eq!(Params::new(19 * 1024, 2, 1), Ok(Params::OWASP));
    assert!(Params::new(64 * 1024, 3, 4).is_ok());
}

#[test]
fn overlong_passwords_are_refused_before_hashing() {
    let hasher = PasswordHasher::new();
    let stored = PasswordHash::parse(ARGON2ID_VECTORS[0].1).unwrap();
    let limit = secret(&"a".repeat(1024));
    let over = secret(&"a".repeat(1025));
    let huge = secret(&"a".repeat(64 * 1024 * 1024));
    let too_long = Err(PasswordError::TooLong { max_bytes: 1024 });

    assert!(hasher.hash(&limit).is_ok());
    assert_eq!(hasher.hash(&over).map(|_| ()), too_long);
    assert_eq!(hasher.hash(&huge).map(|_| ()), too_long);
    assert_eq!(hasher.verify(&stored, &over), too_long);
    assert_eq!(hasher.verify_or_dummy(Some(&stored), &huge), too_long);
    assert_eq!(hasher.verify_or_dummy(None, &huge), too_long);
    // Only the password at the limit was hashed.
    assert_eq!(hasher.evaluations(), 1);
}

#[test]
fn the_limit_counts_bytes_and_is_configurable() {
    let hasher = PasswordHasher::new().max_password_bytes(64).unwrap();
    // 22 characters, 66 bytes of UTF-8.
    let long_in_bytes = secret(&"日".repeat(22));
    assert_eq!(
        hasher.hash(&long_in_bytes).map(|_| ()),
        Err(PasswordError::TooLong { max_bytes: 64 })
    );
    assert!(hasher.hash(&secret(&"日".repeat(21))).is_ok());

    assert_eq!(
        PasswordHasher::new().max_password_bytes(63).map(|_| ()),
        Err(PasswordError::WeakPolicy)
    );
}

#[test]
fn needs_rehash_when_the_parameters_change() {
    let current = PasswordHasher::new();
    let fresh = current.hash(&secret("hunter2 but longer")).unwrap();
    assert!(!current.needs_rehash(&fresh));

    let stronger = PasswordHasher::with_params(Params::new(32 * 1024, 3, 1).unwrap());
    assert!(stronger.needs_rehash(&fresh));
    let upgraded = stronger.hash(&secret("hunter2 but longer")).unwrap();
    assert!(!stronger.needs_rehash(&upgraded));
    assert!(current.needs_rehash(&upgraded));

    // Older settings and other variants are flagged too.
    for (_, phc) in ARGON2ID_VECTORS {
        assert!(
            current.needs_rehash(&PasswordHash::parse(phc).unwrap()),
            "{phc}"
        );
    }
    let argon2i_same_costs = PasswordHash::parse(
        "$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA",
    )
    .unwrap();
    assert!(current.needs_rehash(&argon2i_same_costs));
}

#[test]
fn unknown_users_get_the_answer_of_a_wrong_password() {
    let hasher = PasswordHasher::new();
    let stored = hasher.hash(&secret("the right one")).unwrap();

    let unknown = hasher.verify_or_dummy(None, &secret("the right one"));
    let wrong = hasher.verify_or_dummy(Some(&stored), &secret("a wrong one"));
    assert_eq!(unknown, Err(PasswordError::Mismatch));
    assert_eq!(unknown, wrong);
    assert_eq!(
        unknown.unwrap_err().to_string(),
        "the password does not match"
    );
}

/// The time of the unknown-user path is Argon2's: counting evaluations shows it runs
/// exactly once per call, the first call included, without timing anything.
#[test]
fn unknown_users_cost_one_argon2_evaluation_like_a_wrong_password() {
    let hasher = PasswordHasher::new();
    assert_eq!(
        hasher.evaluations(),
        0,
        "building the hasher hashes nothing"
    );
    let stored = hasher.hash(&secret("the right one")).unwrap();
    assert_eq!(hasher.evaluations(), 1);

    let mut costs = Vec::new();
    for hash in [None, None, Some(&stored), None, Some(&stored)] {
        let before = hasher.evaluations();
        assert_eq!(
            hasher.verify_or_dummy(hash, &secret("a wrong one")),
            Err(PasswordError::Mismatch)
        );
        costs.push(hasher.evaluations() - before);
    }
    assert_eq!(costs, [1, 1, 1, 1, 1]);

    // Whatever the password, an unknown user gets a mismatch after one evaluation.
    assert_eq!(
        hasher.verify_or_dummy(None, &secret("")),
        Err(PasswordError::Mismatch)
    );
    assert_eq!(hasher.evaluations(), 7);
}

#[test]
fn only_argon2_phc_strings_are_accepted_as_hashes() {
    for text in [
        "",
        "password",
        "5f4dcc3b5aa765d61d8327deb882cf99",
        "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
        "$pbkdf2-sha256$i=600000$c29tZXNhbHQ$ZG9lcyBub3QgbWF0dGVy",
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ",
        "$argon2id$v=19$m=65536,t=2,p=1",
        "$argon2x$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
    ] {
        assert_eq!(
            PasswordHash::parse(text),
            Err(PasswordError::MalformedHash),
            "{text}"
        );
    }
}

#[test]
fn hashes_round_trip_through_storage() {
    let hash = PasswordHash::parse(ARGON2ID_VECTORS[0].1).unwrap();
    let json = serde_json::to_string(&hash).unwrap();
    assert_eq!(json, format!("\"{}\"", ARGON2ID_VECTORS[0].1));
    assert_eq!(serde_json::from_str::<PasswordHash>(&json).unwrap(), hash);
    assert!(serde_json::from_str::<PasswordHash>("\"md5:abc\"").is_err());

    let parsed: PasswordHash = hash.as_str().parse().unwrap();
    assert_eq!(parsed.into_string(), ARGON2ID_VECTORS[0].1);
}
