//! Every word the attribute grammar knows, and the "did you mean" table for the rest.

pub(crate) const RULES: &[&str] = &[
    "length",
    "range",
    "email",
    "url",
    "pattern",
    "one_of",
    "ascii",
    "alphanumeric",
    "no_control",
    "contains",
    "not_contains",
    "starts_with",
    "ends_with",
    "ip",
    "ipv4",
    "ipv6",
    "uuid",
    "custom",
    "nested",
    "each",
    "keys",
    "values",
    "required",
    "must_match",
    "skip",
    "sanitize",
];

pub(crate) const SANITIZERS: &[&str] = &[
    "trim",
    "lowercase",
    "uppercase",
    "nfc",
    "nfkc",
    "strip_control",
    "collapse_whitespace",
    "custom",
    "each",
];

/// The forms of a requirement in `#[requires(..)]`, besides a role.
pub(crate) const REQUIREMENTS: &[&str] = &["any", "all", "scope", "policy"];

/// The options of `#[requires(.., proof = name)]`.
pub(crate) const REQUIRES_OPTIONS: &[&str] = &["proof", "csrf"];

pub(crate) const LENGTH_UNITS: &[&str] = &["chars", "bytes", "graphemes"];

/// Names used by other validation crates, mapped to ours.
const ALIASES: &[(&str, &str)] = &[
    ("regex", "pattern"),
    ("matches", "pattern"),
    ("min_length", "length"),
    ("max_length", "length"),
    ("len", "length"),
    ("not_empty", "length"),
    ("in", "one_of"),
    ("enum", "one_of"),
    ("one_of_values", "one_of"),
    ("does_not_contain", "not_contains"),
    ("prefix", "starts_with"),
    ("suffix", "ends_with"),
    ("dive", "nested"),
    ("inner", "each"),
    ("equal_to", "must_match"),
    ("matches_field", "must_match"),
    ("non_control_character", "no_control"),
    ("ascii_only", "ascii"),
    ("alphanum", "alphanumeric"),
    ("trim_whitespace", "trim"),
    ("to_lowercase", "lowercase"),
    ("to_uppercase", "uppercase"),
    ("lower", "lowercase"),
    ("upper", "uppercase"),
    ("or", "any"),
    ("either", "any"),
    ("any_of", "any"),
    ("and", "all"),
    ("both", "all"),
    ("all_of", "all"),
    ("scopes", "scope"),
    ("permission", "scope"),
    ("perm", "scope"),
    ("predicate", "policy"),
    ("check", "policy"),
    ("guard", "policy"),
    ("proof_name", "proof"),
    ("as", "proof"),
];

/// The closest known word to `word` among `known`, for a "did you mean" hint.
pub(crate) fn suggest(word: &str, known: &[&'static str]) -> Option<&'static str> {
    if let Some((_, ours)) = ALIASES
        .iter()
        .find(|(theirs, ours)| *theirs == word && known.contains(ours))
    {
        return Some(ours);
    }
    closest(word, known.iter().copied())
}

/// The candidate most like `word`, if any is alike enough to be what was meant.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .map(|candidate| (strsim::jaro_winkler(word, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// ", did you mean `x`?" over names known only at expansion time, or nothing.
pub(crate) fn hint_among<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    match closest(word, candidates) {
        Some(candidate) => format!("; did you mean `{candidate}`?"),
        None => String::new(),
    }
}

/// ", did you mean `x`?" or nothing.
pub(crate) fn hint(word: &str, known: &[&'static str]) -> String {
    match suggest(word, known) {
        Some(candidate) => format!("; did you mean `{candidate}`?"),
        None => String::new(),
    }
}
