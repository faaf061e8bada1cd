//! The plain model of a `#[requires(..)]` attribute and of the function it guards.

use proc_macro2::{Span, TokenStream};
use syn::{Ident, LitStr, Path};

pub(crate) use crate::route::Csrf;

/// What the attribute says, as parsed.
pub(crate) struct Attr {
    pub(crate) requirement: Option<Requirement>,
    /// The name the body gets the proof under, from `proof = name`.
    pub(crate) proof: Option<Ident>,
    /// The CSRF decision of a handler, from `csrf = ..`.
    pub(crate) csrf: Option<Csrf>,
}

pub(crate) enum Requirement {
    /// `Admin`
    Role(Path),
    /// `any(A, B, ..)`
    Any(Vec<Requirement>),
    /// `all(A, B, ..)`
    All(Vec<Requirement>),
    /// `scope("orders:write")` or `scope(Set, "orders:write")`
    Scope(Scope),
    /// `policy(path)` or `policy(path(a, b))`
    Policy(Policy),
}

pub(crate) struct Scope {
    /// The set named in the requirement, or `Scopes` spanned on the `scope` keyword.
    pub(crate) set: Path,
    pub(crate) named_set: bool,
    pub(crate) scope: LitStr,
}

pub(crate) struct Policy {
    pub(crate) predicate: Path,
    /// The arguments listed as `policy(path(a, b))`, or `None` for every argument.
    pub(crate) args: Option<Vec<Ident>>,
}

/// One parameter of the guarded function, as a policy can receive it.
pub(crate) struct Param {
    /// The name the body knows it by (`self` for the receiver), or `None` for a pattern.
    pub(crate) name: Option<Ident>,
    /// Where errors about the parameter point.
    pub(crate) span: Span,
    /// Whether its type is a reference, which a policy receives reborrowed.
    pub(crate) is_ref: bool,
    /// For a pattern (`Path(id)`), the names it binds, which a policy cannot receive.
    pub(crate) bound_inside: Vec<Ident>,
}

/// The checked plan that emission works from.
pub(crate) struct Plan {
    pub(crate) requirement: Requirement,
    pub(crate) proof: Option<Ident>,
    pub(crate) csrf: Option<Csrf>,
    /// The expression naming the subject parameter (`user` or `self`).
    pub(crate) subject: TokenStream,
    /// Where a subject parameter of the wrong type is reported.
    pub(crate) subject_span: Span,
    /// The arguments each policy receives, in the order of [`Requirement::policies`].
    pub(crate) policy_args: Vec<Vec<TokenStream>>,
    /// Where a return type that cannot carry a refusal is reported.
    pub(crate) output_span: Span,
    /// Whether the function is a web handler: it has a handler's shape, and no parameter is
    /// marked `#[subject]` (a handler takes its caller as the `Caller` extractor).
    pub(crate) handler: bool,
}

impl Requirement {
    /// Every policy, depth first, left to right.
    pub(crate) fn policies(&self) -> Vec<&Policy> {
        let mut found = Vec::new();
        self.walk(&mut |requirement| {
            if let Requirement::Policy(policy) = requirement {
                found.push(policy);
            }
        });
        found
    }

    /// Every scope, depth first, left to right.
    pub(crate) fn scopes(&self) -> Vec<&Scope> {
        let mut found = Vec::new();
        self.walk(&mut |requirement| {
            if let Requirement::Scope(scope) = requirement {
                found.push(scope);
            }
        });
        found
    }

    fn walk<'a>(&'a self, visit: &mut impl FnMut(&'a Requirement)) {
        visit(self);
        if let Requirement::Any(parts) | Requirement::All(parts) = self {
            for part in parts {
                part.walk(visit);
            }
        }
    }

    /// The requirement as the attribute wrote it, for errors and events.
    pub(crate) fn describe(&self) -> String {
        match self {
            Requirement::Role(path) => describe_path(path),
            Requirement::Any(parts) => format!("any({})", describe_parts(parts)),
            Requirement::All(parts) => format!("all({})", describe_parts(parts)),
            Requirement::Scope(scope) if scope.named_set => {
                let set = describe_path(&scope.set);
                format!("scope({set}, {:?})", scope.scope.value())
            }
            Requirement::Scope(scope) => format!("scope({:?})", scope.scope.value()),
            Requirement::Policy(policy) => {
                let predicate = describe_path(&policy.predicate);
                match &policy.args {
                    Some(args) => {
                        let args: Vec<String> = args
                            .iter()
                            .map(|arg| syn::ext::IdentExt::unraw(arg).to_string())
                            .collect();
                        format!("policy({predicate}({}))", args.join(", "))
                    }
                    None => format!("policy({predicate})"),
                }
            }
        }
    }
}

fn describe_parts(parts: &[Requirement]) -> String {
    let parts: Vec<String> = parts.iter().map(Requirement::describe).collect();
    parts.join(", ")
}

pub(crate) fn describe_path(path: &Path) -> String {
    let segments: Vec<String> = path
        .segments
        .iter()
        .map(|segment| syn::ext::IdentExt::unraw(&segment.ident).to_string())
        .collect();
    let joined = segments.join("::");
    if path.leading_colon.is_some() {
        format!("::{joined}")
    } else {
        joined
    }
}
