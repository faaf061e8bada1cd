//! Scopes and permissions: strings, checked at compile time against a declared set.

/// A set of scopes (or permissions), declared with `secure::scopes!`.
///
/// `#[requires(scope("orders:write"))]` looks the string up in the set named `Scopes` where
/// the function is written (or in the set it names: `scope(Billing, "invoices:send")`), and a
/// string the set does not declare is a compile error, so a typo cannot silently deny (or,
/// through a catch-all, allow) every caller.
///
/// ```
/// use secure::authz::ScopeSet;
///
/// secure::scopes! {
///     /// What an API token may grant.
///     pub Scopes = ["orders:read", "orders:write"];
/// }
///
/// assert_eq!(Scopes::SCOPES, ["orders:read", "orders:write"]);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a set of scopes",
    label = "not declared with `secure::scopes!`",
    note = "declare the scopes with `secure::scopes! {{ pub Scopes = [\"orders:read\"]; }}`"
)]
pub trait ScopeSet: 'static {
    /// Every scope of the set, as declared.
    const SCOPES: &'static [&'static str];

    /// The compile error for a scope outside the set: one "did you mean" message per declared
    /// scope, in the same order, then one listing the whole set.
    #[doc(hidden)]
    const UNDECLARED: &'static [&'static str];
}

/// The compile error for `scope` if `S` does not declare it, or `None`.
///
/// A `const fn` so that `#[requires]` can run it in a constant, which makes an undeclared
/// scope fail the build with the message returned here.
#[doc(hidden)]
pub const fn undeclared_scope<S: ScopeSet>(scope: &str) -> Option<&'static str> {
    let mut closest = S::UNDECLARED.len() - 1;
    let mut closest_distance = usize::MAX;
    let mut index = 0;
    while index < S::SCOPES.len() {
        let distance = edit_distance(S::SCOPES[index].as_bytes(), scope.as_bytes());
        if distance == 0 {
            return None;
        }
        if distance < closest_distance && is_likely_typo(distance, S::SCOPES[index].len()) {
            closest = index;
            closest_distance = distance;
        }
        index += 1;
    }
    Some(S::UNDECLARED[closest])
}

const fn is_likely_typo(distance: usize, len: usize) -> bool {
    distance <= 2 || distance * 3 <= len
}

/// The longest scope the "did you mean" search compares; longer ones are only listed.
const MAX_COMPARED: usize = 64;

/// Levenshtein distance over bytes, or `usize::MAX` for strings too long to compare.
const fn edit_distance(a: &[u8], b: &[u8]) -> usize {
    if a.len() > MAX_COMPARED || b.len() > MAX_COMPARED {
        return if equal(a, b) { 0 } else { usize::MAX };
    }
    let mut previous = [0usize; MAX_COMPARED + 1];
    let mut current = [0usize; MAX_COMPARED + 1];
    let mut j = 0;
    while j <= b.len() {
        previous[j] = j;
        j += 1;
    }
    let mut i = 0;
    while i < a.len() {
        current[0] = i + 1;
        let mut j = 0;
        while j < b.len() {
            let substitution = previous[j] + (a[i] != b[j]) as usize;
            let deletion = previous[j + 1] + 1;
            let insertion = current[j] + 1;
            current[j + 1] = min(substitution, min(deletion, insertion));
            j += 1;
        }
        previous = current;
        i += 1;
    }
    previous[b.len()]
}

const fn equal(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut index = 0;
    while index < a.len() {
        if a[index] != b[index] {
            return false;
        }
        index += 1;
    }
    true
}

const fn min(a: usize, b: usize) -> usize {
    if a < b { a } else { b }
}

#[cfg(test)]
mod tests {
    use super::*;

    enum Orders {}

    impl ScopeSet for Orders {
        const SCOPES: &'static [&'static str] = &["orders:read", "orders:write"];
        const UNDECLARED: &'static [&'static str] = &["near read", "near write", "listed"];
    }

    #[test]
    fn declared_scopes_pass_exactly() {
        assert_eq!(undeclared_scope::<Orders>("orders:read"), None);
        assert_eq!(undeclared_scope::<Orders>("orders:write"), None);
    }

    #[test]
    fn near_misses_name_the_closest_scope() {
        assert_eq!(
            undeclared_scope::<Orders>("orders:wirte"),
            Some("near write")
        );
        assert_eq!(undeclared_scope::<Orders>("Orders:Read"), Some("near read"));
        assert_eq!(
            undeclared_scope::<Orders>("orders:write "),
            Some("near write")
        );
    }

    #[test]
    fn distant_scopes_list_the_set() {
        assert_eq!(undeclared_scope::<Orders>("billing:admin"), Some("listed"));
        assert_eq!(undeclared_scope::<Orders>(""), Some("listed"));
        assert_eq!(undeclared_scope::<Orders>(&"x".repeat(100)), Some("listed"));
    }

    #[test]
    fn edit_distance_counts_single_byte_edits() {
        assert_eq!(edit_distance(b"kitten", b"sitting"), 3);
        assert_eq!(edit_distance(b"", b"abc"), 3);
        assert_eq!(edit_distance(b"abc", b"abc"), 0);
    }
}
