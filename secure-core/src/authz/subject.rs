//! The caller of a privileged function: the [`Subject`] trait and the ready [`Principal`].

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::rc::Rc;
use std::sync::Arc;

/// Whoever calls a privileged function: a user, a service, an API token.
///
/// Implement it for your own principal type, or use [`Principal`]. `#[requires]` reads the
/// subject only through this trait.
///
/// ```
/// use std::borrow::Cow;
///
/// use secure::prelude::*;
///
/// struct User {
///     id: u64,
///     is_admin: bool,
/// }
///
/// impl Subject for User {
///     fn id(&self) -> Cow<'_, str> {
///         Cow::Owned(self.id.to_string())
///     }
///
///     fn has_role(&self, name: &str) -> bool {
///         name == "admin" && self.is_admin
///     }
///
///     fn has_scope(&self, _scope: &str) -> bool {
///         false
///     }
/// }
///
/// let user = User { id: 7, is_admin: true };
/// assert!(user.has_role("admin"));
/// assert!(!user.has_role("Admin"));
/// ```
///
/// What is *not* guaranteed: `#[requires]` trusts these answers. Compare names exactly, as
/// [`Principal`] does: a subject that folds case or trims whitespace grants `"Admin"` or
/// `"admin "` the rights of `"admin"`, and role claims are often attacker-influenced text.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a subject that `#[requires]` can check",
    label = "does not implement `secure::authz::Subject`",
    note = "the subject is the caller: take a `&Principal` (or an `Option` of one), or implement `secure::authz::Subject` for your principal type"
)]
pub trait Subject {
    /// A stable identifier of the subject, written to denial events and audit records.
    ///
    /// It must be safe to log: an account id or a service name, never a token, a password
    /// or a session id.
    fn id(&self) -> Cow<'_, str>;

    /// Whether the subject holds the role called `name`, compared exactly.
    ///
    /// Answer for the role itself only: `#[requires]` already asks for every role that
    /// implies the required one.
    fn has_role(&self, name: &str) -> bool;

    /// Whether the subject was granted `scope`, compared exactly.
    fn has_scope(&self, scope: &str) -> bool;
}

macro_rules! forward_subject {
    ($($pointer:ty),*) => {$(
        impl<S: Subject + ?Sized> Subject for $pointer {
            fn id(&self) -> Cow<'_, str> {
                (**self).id()
            }

            fn has_role(&self, name: &str) -> bool {
                (**self).has_role(name)
            }

            fn has_scope(&self, scope: &str) -> bool {
                (**self).has_scope(scope)
            }
        }
    )*};
}

forward_subject!(&S, &mut S, Box<S>, Rc<S>, Arc<S>);

/// A ready subject: an id, the names of its roles and its scopes.
///
/// Roles and scopes are compared exactly, byte for byte: `"Admin"` and `"admin "` are not
/// `"admin"`. Build it from a verified source (a session, a verified token), never from
/// request fields.
///
/// ```
/// use secure::prelude::*;
///
/// let alice = Principal::new("user-42")
///     .with_role("editor")
///     .with_scope("orders:read");
///
/// assert_eq!(alice.id(), "user-42");
/// assert!(alice.has_role("editor"));
/// assert!(!alice.has_role("Editor"));
/// assert!(alice.has_scope("orders:read"));
/// ```
///
/// It serializes as `{"id": .., "roles": [..], "scopes": [..]}`, for a session store that
/// keeps it on the server side. A principal read from anything a client can write grants
/// what the client wrote: deserialize one only from storage the server alone controls.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Principal {
    id: String,
    roles: BTreeSet<String>,
    scopes: BTreeSet<String>,
}

impl Principal {
    /// A principal with no role and no scope.
    pub fn new(id: impl Into<String>) -> Self {
        Principal {
            id: id.into(),
            roles: BTreeSet::new(),
            scopes: BTreeSet::new(),
        }
    }

    /// Adds the role called `name`, kept exactly as given.
    #[must_use]
    pub fn with_role(mut self, name: impl Into<String>) -> Self {
        self.roles.insert(name.into());
        self
    }

    /// Adds every role in `names`.
    #[must_use]
    pub fn with_roles<N: Into<String>>(mut self, names: impl IntoIterator<Item = N>) -> Self {
        self.roles.extend(names.into_iter().map(Into::into));
        self
    }

    /// Adds `scope`, kept exactly as given.
    #[must_use]
    pub fn with_scope(mut self, scope: impl Into<String>) -> Self {
        self.scopes.insert(scope.into());
        self
    }

    /// Adds every scope in `scopes`.
    #[must_use]
    pub fn with_scopes<S: Into<String>>(mut self, scopes: impl IntoIterator<Item = S>) -> Self {
        self.scopes.extend(scopes.into_iter().map(Into::into));
        self
    }

    /// The identifier given to [`new`](Principal::new).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The names of the roles held, in sorted order.
    pub fn roles(&self) -> impl Iterator<Item = &str> {
        self.roles.iter().map(String::as_str)
    }

    /// The scopes granted, in sorted order.
    pub fn scopes(&self) -> impl Iterator<Item = &str> {
        self.scopes.iter().map(String::as_str)
    }
}

impl Subject for Principal {
    fn id(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.id)
    }

    fn has_role(&self, name: &str) -> bool {
        self.roles.contains(name)
    }

    fn has_scope(&self, scope: &str) -> bool {
        self.scopes.contains(scope)
    }
}

/// What a `#[requires]` function may take its subject as: the subject itself (by value or
/// behind a reference or a smart pointer), or an `Option` of it, where `None` means that
/// nobody is signed in and every requirement fails as [unauthenticated](super::Denial).
///
/// ```
/// use secure::prelude::*;
///
/// secure::roles! {
///     pub Admin = "admin";
/// }
///
/// #[requires(Admin)]
/// fn purge(#[subject] caller: Option<&Principal>) -> Result<(), Forbidden> {
///     Ok(())
/// }
///
/// assert!(purge(None).unwrap_err().is_unauthenticated());
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the subject of `#[requires]`",
    label = "does not implement `secure::authz::Subject`",
    note = "the subject parameter must be a `Subject` (such as `&Principal`) or an `Option` of one; implement `Subject` for your principal type"
)]
pub trait SubjectArg {
    /// The subject type behind the parameter.
    type Subject: Subject + ?Sized;

    /// The subject, or `None` if nobody is signed in.
    fn subject(&self) -> Option<&Self::Subject>;
}

impl<S: Subject> SubjectArg for S {
    type Subject = S;

    fn subject(&self) -> Option<&S> {
        Some(self)
    }
}

impl<S: Subject> SubjectArg for Option<S> {
    type Subject = S;

    fn subject(&self) -> Option<&S> {
        self.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_principal_round_trips_through_its_documented_json() {
        let principal = Principal::new("u1")
            .with_roles(["editor", "admin"])
            .with_scope("orders:read");
        let json = serde_json::to_value(&principal).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "id": "u1",
                "roles": ["admin", "editor"],
                "scopes": ["orders:read"],
            })
        );
        assert_eq!(
            serde_json::from_value::<Principal>(json).unwrap(),
            principal
        );
    }

    #[test]
    fn roles_and_scopes_match_exactly() {
        let principal = Principal::new("u1")
            .with_roles(["admin", "Editor"])
            .with_scopes(["orders:read"]);

        assert!(principal.has_role("admin"));
        assert!(!principal.has_role("Admin"));
        assert!(!principal.has_role("admin "));
        assert!(!principal.has_role(" admin"));
        assert!(!principal.has_role("editor"));
        assert!(principal.has_scope("orders:read"));
        assert!(!principal.has_scope("ORDERS:READ"));
        assert!(!principal.has_scope("orders:read\n"));
    }

    #[test]
    fn pointers_forward_to_the_subject() {
        let principal = Arc::new(Principal::new("u2").with_role("viewer"));

        assert_eq!(Subject::id(&principal), "u2");
        assert!(Box::new(&principal).has_role("viewer"));
    }

    #[test]
    fn an_absent_subject_is_none() {
        let nobody: Option<&Principal> = None;
        let somebody = Some(Principal::new("u3"));

        assert!(nobody.subject().is_none());
        assert_eq!(
            somebody.subject().map(|s| Subject::id(s).into_owned()),
            Some("u3".into())
        );
    }
}
