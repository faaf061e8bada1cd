#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub use secure_core::{
    Authorized, ExposeSecret, ExposeSecretMut, Forbidden, Principal, Sanitized, Secret,
    SecretString, Subject, Untrusted, Validate, ValidationError, ValidationErrors,
};
pub use secure_core::{
    audit, authz, encode, redact, sanitized, secret, sink, unchecked, untrusted, validate,
};

/// Credentials: password hashing, JWT verification, API keys and sessions (feature `auth`).
#[cfg(feature = "auth")]
pub use secure_core::auth;
/// Field-level encryption, keyrings and blind indexes (feature `crypto`).
#[cfg(feature = "crypto")]
pub use secure_core::crypto;
/// Checks of uploaded files and their storage names (feature `upload`).
#[cfg(feature = "upload")]
pub use secure_core::upload;

/// The web edge on axum: validated extractors, the checked router, layers (feature `axum`).
#[cfg(feature = "axum")]
pub use secure_core::axum;
/// HTTP hardening without a framework: problem+json, cookies, CSRF, CORS, headers (feature
/// `http`).
#[cfg(feature = "http")]
pub use secure_core::http;

/// Derives [`Validate`](trait@Validate): sanitizers and rules written on fields.
///
/// ```
/// use secure::prelude::*;
///
/// #[derive(Validate)]
/// #[validate(custom(Self::dates_in_order))]
/// struct Booking {
///     #[validate(sanitize(trim), length(1..=80), no_control)]
///     guest: String,
///     #[validate(range(1..=14))]
///     nights: u8,
///     #[validate(email)]
///     contact: Option<String>,
///     #[validate(length(max = 5), each(length(1..=20)))]
///     requests: Vec<String>,
///     #[validate(skip)]
///     first_night: u32,
///     #[validate(skip)]
///     last_night: u32,
/// }
///
/// impl Booking {
///     fn dates_in_order(&self) -> Result<(), secure::validate::RuleError> {
///         match self.first_night <= self.last_night {
///             true => Ok(()),
///             false => Err(secure::validate::RuleError::new("dates_out_of_order")),
///         }
///     }
/// }
///
/// let booking = Booking {
///     guest: " Ada ".into(),
///     nights: 15,
///     contact: None,
///     requests: vec![],
///     first_night: 9,
///     last_night: 3,
/// };
/// let errors = Untrusted::new(booking).validate().err().unwrap();
/// assert_eq!(errors.to_string(), "nights: must be between 1 and 14; is invalid");
/// ```
///
/// # Attributes
///
/// On a field, `#[validate(rule, rule(..), ..)]` lists its rules (several attributes add up):
/// see the table in the crate documentation or [`validate::rules`]. `sanitize(..)` inside it
/// lists the sanitizers, which run first. `#[sensitive]` on a field, variant or the whole type
/// keeps custom rule parameters and map keys out of the report. A field's `custom(path)`
/// function gets the field as declared: `&Option<T>` for an `Option<T>` field, so it decides
/// what `None` means, where every other rule but `required` lets `None` pass.
///
/// On the type, `#[validate(custom(path))]` adds a rule that sees the whole value. On an enum
/// variant, `#[validate(skip)]` accepts the variant as it is.
///
/// Every field needs a rule, `nested`, or `skip`: forgetting one is a compile error, not a
/// field that is silently accepted. A field whose type implements `Validate` (an `Address`,
/// an `Option<Address>`, a `HashMap<String, Address>`) needs `nested` among its rules even when
/// it has others, such as `#[validate(nested, required)]`; without it the type's own rules
/// would not run, and the derive refuses to compile. On a variant, `#[validate(skip)]` with
/// rules on its fields is refused too.
///
/// # Sensitive values in other channels
///
/// `Validate` keeps `#[sensitive]` values out of the report only. For `Debug`, derive
/// [`Redact`](derive@Redact) beside it: a type with `#[sensitive]` marks and any other
/// `Debug` does not compile, whether that `Debug` is derived in the same list, in another
/// `#[derive]` before or after, under another name, or written by hand (`Debug would print
/// the #[sensitive] values of this type`). A generic type is checked with its parameters
/// `Debug`, as `#[derive(Debug)]` bounds them; a hand-written `Debug` for some instances
/// only is not seen.
///
/// If the type also derives serde's `Serialize`, each `#[sensitive]` value must say what
/// serialization does with it, as with `Redact`: see [`redact`].
pub use secure_derive::Validate;

/// Derives a `Debug` in which `#[sensitive]` values show `[REDACTED]`, and their redacted
/// serialization for logs and audit records ([`redact::redacted`]).
///
/// ```
/// use secure::prelude::*;
///
/// #[derive(Redact)]
/// enum Credential {
///     Password(#[sensitive] String),
///     ApiKey {
///         #[sensitive(partial(first = 3))]
///         key: String,
///         label: String,
///     },
///     #[sensitive]
///     Recovery { phrase: String },
/// }
///
/// let key = Credential::ApiKey { key: "sk_live_0123456789".into(), label: "ci".into() };
/// assert_eq!(format!("{key:?}"), r#"ApiKey { key: "sk_****", label: "ci" }"#);
/// let password = Credential::Password("hunter2".into());
/// assert_eq!(format!("{password:?}"), "Password([REDACTED])");
/// let recovery = Credential::Recovery { phrase: "correct horse".into() };
/// assert_eq!(format!("{recovery:?}"), "Recovery { phrase: [REDACTED] }");
/// ```
///
/// # Attributes
///
/// - `#[sensitive]` on a field shows `[REDACTED]`; on a variant, every field of the variant;
///   on the type, the whole value (`Name([REDACTED])`).
/// - `#[sensitive(partial(first = N, last = M))]` shows the first `N` and last `M` characters
///   of text around a fixed mask, and only when at least as many characters stay hidden.
///
/// If the type derives serde's `Serialize`, each field a `#[sensitive]` mark covers needs
/// `#[serde(skip_serializing)]` or
/// `#[serde(serialize_with = "secure::redact::serialize_redacted")]`; a marked variant may
/// decide as a whole, and a marked type may serialize as another with
/// `#[serde(into = "..")]`: see [`redact`].
///
/// # `Debug` is written here
///
/// The type must not also derive `Debug`. A separate `#[derive(Debug)]` attribute after this
/// one is refused with a message that says so. In the same list, `#[derive(Debug, Redact)]`,
/// the derive cannot see `Debug` (rustc hands it the item without that list), and rustc
/// reports the two impls itself: "conflicting implementations of trait `Debug`" (E0119),
/// pointing at `Redact` and naming `Debug` as the first implementation. Remove `Debug`.
pub use secure_derive::Redact;

/// Guards a function: the caller must satisfy a requirement before the body runs.
///
/// ```
/// use secure::prelude::*;
///
/// secure::roles! {
///     pub Admin = "admin", implies(Editor);
///     pub Editor = "editor";
/// }
///
/// #[requires(Editor, proof = editor)]
/// fn publish(#[subject] caller: &Principal, title: &str) -> Result<String, Forbidden> {
///     Ok(store(editor, title))
/// }
///
/// fn store(_proof: Authorized<Editor>, title: &str) -> String {
///     format!("published {title}")
/// }
///
/// let admin = Principal::new("u-1").with_role("admin");
/// assert_eq!(publish(&admin, "news").unwrap(), "published news");
///
/// let viewer = Principal::new("u-2").with_role("viewer");
/// assert_eq!(publish(&viewer, "news").unwrap_err().to_string(), "forbidden: requires `Editor`");
/// ```
///
/// # Requirements
///
/// | requirement | satisfied when the subject | proof |
/// | --- | --- | --- |
/// | `Admin` | holds `Admin` or a role that implies it | `Authorized<Admin>` |
/// | `any(A, B, ..)` | satisfies at least one part | `Authorized<Any<(A, B)>>` |
/// | `all(A, B, ..)` | satisfies every part | `Authorized<All<(A, B)>>` |
/// | `scope("orders:write")` | was granted the scope, declared in the set `Scopes` | `Authorized<ScopeCheck>` |
/// | `scope(Set, "orders:write")` | the same, with the scope declared in `Set` | `Authorized<ScopeCheck>` |
/// | `policy(path)` | makes `path(subject, &arg, ..)` return `true`, with every other argument | `Authorized<PolicyCheck>` |
/// | `policy(path(a, b))` | makes `path(subject, &a, &b)` return `true` | `Authorized<PolicyCheck>` |
///
/// Roles are types declared with [`roles!`], scopes are strings declared with [`scopes!`]:
/// a role or a scope that was not declared is a compile error, and so is a requirement that
/// nobody or everybody satisfies (`any()`, `all()`, an empty attribute).
///
/// Policies see the subject and the function's arguments, for checks such as "the caller
/// owns this note". Arguments reach the predicate by reference (`&T` for a `T` or a `&T`
/// parameter, and `&Self` for `self`):
///
/// ```
/// use secure::prelude::*;
///
/// struct Note {
///     owner: String,
/// }
///
/// fn owns(caller: &Principal, note: &Note) -> bool {
///     note.owner == caller.id()
/// }
///
/// #[requires(policy(owns(note)))]
/// fn edit(#[subject] caller: &Principal, note: &mut Note, text: &str) -> Result<(), Forbidden> {
///     Ok(())
/// }
///
/// let mut note = Note { owner: "ada".into() };
/// assert!(edit(&Principal::new("ada"), &mut note, "hi").is_ok());
/// assert!(edit(&Principal::new("bob"), &mut note, "hi").is_err());
/// ```
///
/// # The subject
///
/// The parameter marked `#[subject]` is the caller; without a mark, the one parameter whose
/// type is `Principal` (behind `&`, `Option`, `Box`, `Rc` or `Arc`), the web extractor
/// `Caller`, a type parameter bounded by `Subject` or an `impl Subject`. Found by its type, a
/// subject other than a `Caller` must be the first parameter: a `Principal` further on may be
/// the account acted on, with the caller in a type the macro cannot see is a `Subject`, so
/// that case asks for the mark. Its type must implement [`Subject`], or be an `Option` of
/// one (or a `Caller`): `None` means nobody is signed in, and the call is refused as
/// [unauthenticated](authz::Denial::Unauthenticated) (401) rather than
/// [insufficient](authz::Denial::Insufficient) (403). On a method, `#[subject] &self` makes
/// the receiver the subject.
///
/// # The function
///
/// Free functions, `async fn`s, methods and generic functions keep their signature, docs,
/// attributes and visibility. The check runs before the body (for an `async fn`, when the
/// future is first polled), and a refusal returns `Err(E::from(forbidden))` through the
/// function's `Result<_, E>`, so `E` must implement `From<Forbidden>`. `proof = name` hands
/// the body the [`Authorized`] proof under `name`.
///
/// # Web handlers
///
/// An `async fn` without `self` whose arguments are owned (the shape of an axum handler)
/// becomes a plain `fn` returning [`authz::Guarded`]: a future with the same output, so it is
/// still called and awaited like before, that records the decision for the checked router
/// (`secure::axum::Router`). Its check runs when the function is called, and the body only
/// if it passed. `csrf = protected` or `csrf = exempt("reason")` adds the CSRF decision that
/// `POST`, `PUT`, `PATCH` and `DELETE` routes need; take the subject as `Caller`, filled by
/// the authentication layer. A function of that shape whose subject parameter is marked
/// `#[subject]` (an `async` trait method taking an owned `Principal`, say) is not a handler,
/// and keeps its signature.
///
/// Every refusal goes through one function of [`authz`], which with the `tracing` feature
/// reports it as an event (subject id, requirement, function; nothing else about the
/// subject).
///
/// What is *not* guaranteed: the check guards this function only. Work it delegates is
/// guarded by the compiler only where that work demands an [`Authorized`] proof.
pub use secure_derive::requires;

/// Marks a web handler as deliberately open to everyone, so that the checked router of
/// [`axum`] (feature `axum`) accepts it without a `#[requires]`.
///
/// ```
/// use secure::prelude::*;
///
/// #[public]
/// async fn health() -> &'static str {
///     "ok"
/// }
///
/// #[public(csrf = exempt("called by the payment provider, which signs each request"))]
/// async fn payment_webhook(body: String) -> &'static str {
///     "received"
/// }
///
/// assert_eq!(futures_executor::block_on(health()), "ok");
/// ```
///
/// The handler stays an ordinary `async fn` to call and await; its future records the
/// decision in its type ([`authz::Guarded`]). `POST`, `PUT`, `PATCH` and `DELETE` routes also
/// need a CSRF decision: `#[public(csrf = protected)]` (the router runs the CSRF checks before
/// the handler) or `#[public(csrf = exempt("reason"))]`. `#[requires(..)]` takes the same
/// `csrf = ..` option.
///
/// It goes on an `async fn` without `self` whose arguments are owned values (extractors);
/// anything else is a compile error.
pub use secure_derive::public;

/// Declares roles as types, with the name subjects hold each one by and the roles it implies.
///
/// ```
/// use secure::authz::Role;
///
/// secure::roles! {
///     /// Runs everything.
///     pub Admin = "admin", implies(Editor, Auditor);
///     /// Writes content.
///     pub Editor = "editor", implies(Viewer);
///     /// Reads the audit log.
///     pub Auditor = "auditor";
///     /// Reads content.
///     pub Viewer = "viewer";
/// }
///
/// assert_eq!(Viewer::NAME, "viewer");
/// ```
///
/// Implication is transitive: above, an `admin` satisfies `Viewer`. Each role becomes an
/// uninhabited type implementing [`authz::Role`] and [`authz::Implies`]. Compile errors:
/// an `implies` naming a role not declared in the same block (with a "did you mean"), a
/// cycle, a name declared twice or twice up to case, and a name with surrounding whitespace
/// or control characters, since names are compared exactly at run time.
pub use secure_derive::roles;

/// Declares a set of scopes (or permissions) that `scope("..")` requirements are checked
/// against at compile time.
///
/// ```
/// use secure::prelude::*;
///
/// secure::scopes! {
///     /// What an API token may grant.
///     pub Scopes = ["orders:read", "orders:write"];
/// }
///
/// #[requires(scope("orders:write"))]
/// fn ship(#[subject] token: &Principal) -> Result<(), Forbidden> {
///     Ok(())
/// }
///
/// assert!(ship(&Principal::new("svc").with_scope("orders:write")).is_ok());
/// ```
///
/// `scope("..")` looks for the set named `Scopes` where the function is written; name
/// another with `scope(Billing, "invoices:send")`. A scope outside the set fails to compile
/// with "scope is not declared in `Scopes`" and the closest declared scope. An empty set, a
/// scope declared twice or twice up to case, and whitespace around a scope are compile
/// errors.
pub use secure_derive::scopes;

#[doc(no_inline)]
pub use secure_core::sink::sql::SqlIdentifier;
/// Derives [`SqlIdentifier`](trait@SqlIdentifier) for a fieldless enum whose variants
/// are the allowed table or column names.
///
/// Each variant stands for its name in `snake_case`, or the name given with
/// `#[sql(name = "...")]`; names must be plain identifiers, which is checked at compile time.
///
/// ```
/// use secure::sink::sql::SqlIdentifier;
///
/// #[derive(secure::SqlIdentifier)]
/// enum SortBy {
///     Name,
///     #[sql(name = "created")]
///     CreatedAt,
/// }
///
/// assert_eq!(SortBy::CreatedAt.sql_identifier(), "created");
/// ```
pub use secure_derive::SqlIdentifier;

/// Builds [`SafeHtml`](encode::SafeHtml) from a string literal, with `{}` holes encoded for
/// the place they stand in.
///
/// The template must be a string literal; anything else is a compile error. The macro reads
/// the template as a browser would and gives each hole the type of its context:
///
/// | the hole stands in | it accepts |
/// | --- | --- |
/// | element text (`<p>{}</p>`) | [`SafeHtml`](encode::SafeHtml) as it is; text and numbers, escaped ([`HtmlText`](encode::HtmlText)) |
/// | a quoted attribute value (`title="{}"`) | text, numbers, checked URLs, escaped ([`HtmlAttrText`](encode::HtmlAttrText)) |
/// | the start of a URL attribute (`href="{}"`) | [`SafeUrl`](encode::SafeUrl), [`SafeRedirect`](encode::SafeRedirect) |
/// | later in a URL attribute (`href="/s?q={}"`) | [`UrlQueryValue`](encode::UrlQueryValue), [`UrlPathSegment`](encode::UrlPathSegment), integers |
/// | a whole unquoted value (`value={}`) | [`HtmlAttrValue`](encode::HtmlAttrValue), [`UnquotedAttrValue`](encode::UnquotedAttrValue) |
///
/// Holes are refused at compile time inside `<script>`, `<style>` and other raw-text
/// elements, in event handler attributes (`on*`), `style` and `srcdoc`, in comments, and in
/// place of tag or attribute names; a template must end in text. In a URL attribute, a hole
/// after a literal scheme that runs code (`href="javascript:go({})"`, `vbscript:`, `data:`
/// anywhere but an image's `src`, also spelled with character references or a tab inside)
/// is refused, and so is a hole inside the scheme itself (`href="java{}:.."`). Write `{{` and `}}` for braces.
///
/// ```
/// let name = "<Mallory>";
/// let html = secure::html!("<p class=\"greeting\">Hello, {}!</p>", name);
/// assert_eq!(html.as_str(), "<p class=\"greeting\">Hello, &lt;Mallory&gt;!</p>");
/// ```
pub use secure_derive::html;

/// Builds a [`SqlQuery`](sink::sql::SqlQuery) from a literal query, binding each argument to
/// its `?` placeholder; see [`sink::sql`].
///
/// The query must be a string literal: a variable or a `format!` is a compile error. The
/// number of placeholders (`?` for values, `{}` for [allowlisted
/// identifiers](sink::sql::SqlIdentifier)) must match the number of arguments, which is
/// checked at compile time; placeholders inside SQL strings, quoted identifiers and comments
/// do not count. Each `?` in the pattern of a `LIKE` takes a
/// [`LikePattern`](sink::sql::LikePattern), and the pattern must be followed by
/// `ESCAPE '\'`; each `?` in the pattern of a `GLOB` takes a
/// [`GlobPattern`](sink::sql::GlobPattern), and each `?` in the query of a full-text `MATCH`
/// an [`FtsQuery`](sink::sql::FtsQuery). Named and numbered placeholders (`:name`, `$1`,
/// `?1`) are compile errors. The text is SQLite's; for PostgreSQL and MySQL
/// read [the dialect notes](sink::sql#dialects).
///
/// ```
/// let email = "a@example.com' OR '1'='1";
/// let query = secure::sql!("SELECT id FROM users WHERE email = ?", email);
/// assert_eq!(query.text(), "SELECT id FROM users WHERE email = ?");
/// assert_eq!(query.params().len(), 1);
/// ```
pub use secure_derive::sql;

/// Builds a [`SafeCommand`](sink::shell::SafeCommand): a literal program, literal options,
/// and untrusted arguments checked as argv elements; see [`sink::shell`].
///
/// It returns `Result<SafeCommand, CommandError>`: an untrusted argument that holds NUL, or
/// starts with `-` before a literal `"--"`, is refused.
///
/// ```
/// let file = "notes.txt";
/// let mut command = secure::command!("wc", "-l", "--", file).unwrap();
/// assert_eq!(command.get_args().count(), 3);
/// ```
pub use secure_derive::command;

/// Builds an [`LdapFilter`](sink::ldap::LdapFilter) from a literal filter whose `{}` holes
/// are escaped as RFC 4515 assertion values; see [`sink::ldap`].
///
/// The filter must be a string literal of one parenthesised filter, and holes may only stand
/// in assertion values; both are checked at compile time.
///
/// ```
/// let user = "*";
/// let filter = secure::ldap_filter!("(&(uid={})(objectClass=person))", user);
/// assert_eq!(filter.as_str(), r"(&(uid=\2a)(objectClass=person))");
/// ```
pub use secure_derive::ldap_filter;

/// Everything a typical module needs: `use secure::prelude::*;`.
pub mod prelude {
    pub use crate::SqlIdentifier;
    pub use crate::encode::{SafeHtml, SafeRedirect, SafeUrl};
    pub use crate::sink::path::{PathJail, SafePath};
    pub use crate::sink::sql::{FtsQuery, GlobPattern, LikePattern, SqlQuery};
    pub use crate::{
        Authorized, ExposeSecret, ExposeSecretMut, Forbidden, Principal, Redact, Sanitized, Secret,
        SecretString, Subject, Untrusted, Validate, ValidationErrors, public, requires, roles,
        scopes,
    };
    pub use crate::{command, html, ldap_filter, sql};
}

/// Paths the macros emit, such as the check that hands out [`Authorized`]. Not public API:
/// nothing here follows semver. Its functions make a proof only after the check passed and a
/// safe value only from literals and escaped values, but code that names it is outside what
/// this crate promises: see the escape hatches in `SECURITY.md`.
#[doc(hidden)]
pub mod __private {
    pub use secure_core::__private::*;
}
