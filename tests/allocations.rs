//! Allocations per validation, counted by a global allocator in this test binary: none on the
//! valid path, at most one per reported failure on the invalid path.

use secure::prelude::*;

/// Allocations made by `work` on this thread.
fn allocations_during<T>(work: impl FnOnce() -> T) -> (T, u64) {
    let mut output = None;
    let info = allocation_counter::measure(|| output = Some(work()));
    (output.expect("the work ran"), info.count_total)
}

#[derive(Validate)]
struct Signup {
    #[validate(length(3..=32), pattern("^[A-Za-z0-9_]+$"))]
    username: String,
    #[validate(email)]
    email: String,
    #[validate(length(12..=128))]
    password: SecretString,
    #[validate(range(13..=130))]
    age: u32,
    #[validate(url)]
    website: Option<String>,
    #[validate(length(max = 10), each(length(1..=20)))]
    tags: Vec<String>,
    #[validate(nested)]
    address: Address,
}

#[derive(Validate)]
struct Address {
    #[validate(length(1..=100))]
    street: String,
    #[validate(length(1..=50))]
    city: String,
    #[validate(length(3..=10), pattern("[A-Z0-9 ]+"))]
    postal_code: String,
    /// Not a single character class: checked by the regex engine.
    #[validate(pattern("[a-z]+(-[a-z]+)*"))]
    district: String,
}

fn valid() -> Signup {
    Signup {
        username: "ada_lovelace".into(),
        email: "ada@example.com".into(),
        password: Secret::from("correct horse battery"),
        age: 36,
        website: Some("https://example.com/ada".into()),
        tags: vec!["math".into(), "engines".into()],
        address: Address {
            street: "12 Analytical Row".into(),
            city: "London".into(),
            postal_code: "EC1A 1BB".into(),
            district: "clerken-well".into(),
        },
    }
}

fn invalid() -> Signup {
    Signup {
        username: "a!".into(),
        email: "not an email".into(),
        password: Secret::from("short"),
        age: 7,
        website: Some("javascript:alert(1)".into()),
        tags: (0..11)
            .map(|i| if i < 2 { String::new() } else { "tag".into() })
            .collect(),
        address: Address {
            street: String::new(),
            city: "x".repeat(51),
            postal_code: "1".into(),
            district: "-".into(),
        },
    }
}

#[test]
fn the_valid_path_allocates_nothing() {
    // The first use compiles the one regex-engine pattern and makes this thread's matching
    // cache; later validations reuse both.
    assert!(Untrusted::new(valid()).validate().is_ok());
    let input = Untrusted::new(valid());
    let (result, allocations) = allocations_during(|| input.validate());
    assert!(result.is_ok());
    assert_eq!(allocations, 0);
}

#[test]
fn the_invalid_path_allocates_at_most_once_per_failure() {
    // The regex engine keeps a matching cache per thread; the first use on a thread makes it.
    assert!(Untrusted::new(invalid()).validate().is_err());
    let input = Untrusted::new(invalid());
    let (result, allocations) = allocations_during(|| input.validate());
    let errors = result.err().unwrap();
    assert_eq!(errors.len(), 13, "{errors}");
    assert!(errors.has("address.district", "pattern"));
    assert!(
        allocations <= errors.len() as u64,
        "{allocations} allocations for {} failures",
        errors.len()
    );
    // The report holds up to eight failures in its first allocation and then grows once. The
    // `javascript:` URL is refused by its scheme, before the full parser would allocate.
    assert_eq!(allocations, 2);
}

#[test]
fn a_url_that_only_the_full_parser_refuses_costs_one_allocation_more() {
    let with_website = |website: &str| {
        let mut signup = invalid();
        signup.website = Some(website.into());
        Untrusted::new(signup)
    };
    assert!(
        with_website("https://example.com:99999/")
            .validate()
            .is_err()
    );
    let input = with_website("https://example.com:99999/");
    let (result, allocations) = allocations_during(|| input.validate());
    let errors = result.err().unwrap();
    assert!(errors.has("website", "url"));
    assert_eq!(allocations, 3);
}

#[test]
fn a_rendered_report_is_built_only_when_asked_for() {
    let errors = Untrusted::new(invalid()).validate().err().unwrap();
    let (codes, allocations) =
        allocations_during(|| errors.iter().filter(|e| e.code() == "length").count());
    assert_eq!(codes, 8);
    assert_eq!(allocations, 0);
}

#[derive(Validate, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Label {
    #[validate(length(1..=20))]
    name: String,
}

#[derive(Validate, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Trimmed {
    #[validate(sanitize(trim), length(1..=20))]
    name: String,
}

#[derive(Validate)]
struct Tagged {
    #[validate(nested)]
    ordered: std::collections::BTreeSet<Label>,
    #[validate(nested)]
    hashed: std::collections::HashSet<Label>,
    #[validate(nested)]
    shared: std::sync::Arc<Label>,
}

#[test]
fn sets_and_shared_values_are_rebuilt_or_copied_only_when_there_is_something_to_sanitize() {
    let label = |name: &str| Label { name: name.into() };
    let shared = std::sync::Arc::new(label("kept"));
    let input = Untrusted::new(Tagged {
        ordered: [label("a"), label("b")].into(),
        hashed: [label("c")].into(),
        shared: std::sync::Arc::clone(&shared),
    });
    let (result, allocations) = allocations_during(|| input.validate());
    assert!(result.is_ok());
    assert_eq!(allocations, 0);

    // With a sanitizer the set is rebuilt, as its elements cannot change in place.
    #[derive(Validate)]
    struct Cleaned {
        #[validate(nested)]
        ordered: std::collections::BTreeSet<Trimmed>,
    }
    let input = Untrusted::new(Cleaned {
        ordered: [Trimmed { name: " a ".into() }].into(),
    });
    let (result, allocations) = allocations_during(|| input.validate());
    assert_eq!(result.ok().unwrap().ordered.first().unwrap().name, "a");
    assert!(allocations > 0);
}
