//! From the tokens of `#[requires(..)]` to the plain model.
//!
//! The attribute is read as a comma-separated list of expressions, so that `Admin`,
//! `any(A, B)`, `scope("orders:write")`, `policy(owns(note))` and `proof = name` share one
//! grammar; each item is then read by the branch for its shape.

use proc_macro2::{Span, TokenStream};
use syn::punctuated::Punctuated;
use syn::{Expr, ExprAssign, ExprCall, ExprLit, Ident, Lit, LitStr, Path, Token};

use super::model::{Attr, Policy, Requirement, Scope};
use crate::errors::{Errors, parse_input};
use crate::keywords::{REQUIREMENTS, REQUIRES_OPTIONS, hint};
use crate::route;

type Args = Punctuated<Expr, Token![,]>;

const NEEDS_REQUIREMENT: &str = "`#[requires]` needs a requirement, such as `#[requires(Admin)]`, `#[requires(any(Admin, Editor))]` or `#[requires(scope(\"orders:write\"))]`";

pub(crate) fn parse(args: TokenStream, errors: &mut Errors) -> Attr {
    let span = Span::call_site();
    let mut attr = Attr {
        requirement: None,
        proof: None,
        csrf: None,
    };
    let Some(items) = errors.absorb(parse_input(args, Args::parse_terminated)) else {
        return attr;
    };

    let mut explained = false;
    for item in &items {
        match item {
            // proof = name
            Expr::Assign(assign) => explained |= parse_option(assign, &mut attr, errors),
            _ if attr.requirement.is_some() => errors.at(
                item,
                "`#[requires]` takes one requirement; combine several with `all(..)` or `any(..)`",
            ),
            _ => attr.requirement = parse_requirement(item, errors),
        }
    }
    let only_options = items.iter().all(|item| matches!(item, Expr::Assign(_)));
    if attr.requirement.is_none() && only_options && !explained {
        if items.is_empty() {
            errors.push(syn::Error::new(span, NEEDS_REQUIREMENT));
        } else {
            errors.at(&items, NEEDS_REQUIREMENT);
        }
    }
    attr
}

/// Reads `key = value`; returns whether it was a requirement in another library's syntax,
/// whose error already explains what to write.
fn parse_option(assign: &ExprAssign, attr: &mut Attr, errors: &mut Errors) -> bool {
    let Some(key) = single_ident(&assign.left) else {
        errors.at(
            &assign.left,
            "expected an option name, such as `proof = name`",
        );
        return false;
    };
    match key.to_string().as_str() {
        "proof" => match single_ident(&assign.right) {
            Some(name) if attr.proof.is_none() => attr.proof = Some(name.clone()),
            Some(_) => errors.at(assign, "`proof` is given twice"),
            None => errors.at(
                &assign.right,
                "`proof` takes the name the body gets the proof under, such as `proof = admin`",
            ),
        },
        // csrf = protected, csrf = exempt("reason")
        "csrf" if attr.csrf.is_some() => errors.at(assign, "`csrf` is given twice"),
        "csrf" => attr.csrf = route::parse_csrf(&assign.right, errors),
        "role" | "roles" => {
            errors.at(
                assign,
                "roles are types: write the role itself, such as `#[requires(Admin)]`, and declare it with `secure::roles!`",
            );
            return true;
        }
        other => errors.at(
            key,
            format!(
                "unknown option `{other}` of `#[requires]`{}",
                hint(other, REQUIRES_OPTIONS)
            ),
        ),
    }
    false
}

fn parse_requirement(expr: &Expr, errors: &mut Errors) -> Option<Requirement> {
    match expr {
        // Admin, crate::roles::Admin
        Expr::Path(path) if path.qself.is_none() => Some(Requirement::Role(path.path.clone())),
        Expr::Call(call) => parse_call(call, errors),
        Expr::Lit(ExprLit {
            lit: Lit::Str(_), ..
        }) => {
            errors.at(
                expr,
                "roles are types, not strings: write the role, such as `#[requires(Admin)]`; for a scope write `scope(\"..\")`",
            );
            None
        }
        Expr::Binary(binary) => {
            let form = match binary.op {
                syn::BinOp::And(_) | syn::BinOp::BitAnd(_) => "all(A, B)",
                _ => "any(A, B)",
            };
            errors.at(
                binary.op,
                format!("combine requirements with `{form}` rather than an operator"),
            );
            None
        }
        Expr::Unary(unary) => {
            errors.at(
                unary.op,
                "a requirement cannot be negated: `#[requires]` allows only callers who hold something; write a `policy(..)` for anything else",
            );
            None
        }
        _ => {
            errors.at(expr, "expected a requirement: a role such as `Admin`, or `any(..)`, `all(..)`, `scope(\"..\")` or `policy(..)`");
            None
        }
    }
}

fn parse_call(call: &ExprCall, errors: &mut Errors) -> Option<Requirement> {
    let Some(head) = single_ident(&call.func) else {
        errors.at(
            &call.func,
            "a role takes no arguments; write the role alone, such as `Admin`",
        );
        return None;
    };
    let name = head.to_string();
    match name.as_str() {
        // any(A, B, ..)
        "any" => parse_parts(call, "any", errors).map(Requirement::Any),
        // all(A, B, ..)
        "all" => parse_parts(call, "all", errors).map(Requirement::All),
        // scope("orders:write") or scope(Set, "orders:write")
        "scope" => parse_scope(call, head, errors).map(Requirement::Scope),
        // policy(path) or policy(path(a, b))
        "policy" => parse_policy(call, errors).map(Requirement::Policy),
        _ if name.starts_with(|c: char| c.is_ascii_uppercase()) => {
            errors.at(
                call,
                "a role takes no arguments; write the role alone, such as `Admin`",
            );
            None
        }
        _ => {
            errors.at(
                head,
                format!(
                    "unknown requirement `{name}(..)`{}",
                    requirement_hint(&name)
                ),
            );
            None
        }
    }
}

fn requirement_hint(name: &str) -> String {
    match hint(name, REQUIREMENTS) {
        found if !found.is_empty() => found,
        _ => "; expected `any(..)`, `all(..)`, `scope(\"..\")` or `policy(..)`".to_owned(),
    }
}

fn parse_parts(call: &ExprCall, form: &str, errors: &mut Errors) -> Option<Vec<Requirement>> {
    if call.args.is_empty() {
        let message = match form {
            "any" => {
                "`any()` lists no requirement, so nobody could ever satisfy it; list at least one, such as `any(Admin, Editor)`"
            }
            _ => {
                "`all()` lists no requirement and would let everyone in; `#[requires]` denies by default, so list what callers need, such as `all(Admin, scope(\"orders:write\"))`"
            }
        };
        errors.at(call, message);
        return None;
    }
    let parts: Vec<Option<Requirement>> = call
        .args
        .iter()
        .map(|part| parse_requirement(part, errors))
        .collect();
    // The same requirement twice is a slip: the second was likely meant to be another.
    let mut seen: Vec<String> = Vec::new();
    for (part, parsed) in call.args.iter().zip(&parts) {
        let Some(parsed) = parsed else { continue };
        let described = parsed.describe();
        if seen.contains(&described) {
            errors.at(
                part,
                format!("`{described}` is already listed in this `{form}(..)`; list each requirement once"),
            );
        } else {
            seen.push(described);
        }
    }
    parts.into_iter().collect()
}

fn parse_scope(call: &ExprCall, head: &Ident, errors: &mut Errors) -> Option<Scope> {
    const USAGE: &str = "`scope` takes the scope as a string literal, such as `scope(\"orders:write\")`, optionally after its set: `scope(Scopes, \"orders:write\")`";
    let args: Vec<&Expr> = call.args.iter().collect();
    let (set, named_set, literal) = match args.as_slice() {
        [literal] => (
            Path::from(Ident::new("Scopes", head.span())),
            false,
            *literal,
        ),
        [Expr::Path(set), literal] if set.qself.is_none() => (set.path.clone(), true, *literal),
        _ => {
            errors.at(call, USAGE);
            return None;
        }
    };
    let scope = string_literal(literal).or_else(|| {
        errors.at(literal, USAGE);
        None
    })?;
    if scope.value().is_empty() {
        errors.at(
            &scope,
            "`scope(\"\")` names no scope; write the scope callers need",
        );
        return None;
    }
    Some(Scope {
        set,
        named_set,
        scope,
    })
}

fn parse_policy(call: &ExprCall, errors: &mut Errors) -> Option<Policy> {
    const USAGE: &str = "`policy` takes a predicate, such as `policy(owns_note)` to pass it every argument, or `policy(owns_note(note))` to pass it the arguments listed";
    let [predicate] = call.args.iter().collect::<Vec<_>>()[..] else {
        errors.at(call, USAGE);
        return None;
    };
    match predicate {
        Expr::Path(path) if path.qself.is_none() => Some(Policy {
            predicate: path.path.clone(),
            args: None,
        }),
        Expr::Call(inner) => {
            let Expr::Path(path) = &*inner.func else {
                errors.at(&inner.func, USAGE);
                return None;
            };
            let mut args = Vec::new();
            for arg in &inner.args {
                match single_ident(arg) {
                    Some(name) => args.push(name.clone()),
                    None => errors.at(
                        arg,
                        "a policy receives parameters of the function by name, such as `policy(owns_note(note))`",
                    ),
                }
            }
            Some(Policy {
                predicate: path.path.clone(),
                args: Some(args),
            })
        }
        _ => {
            errors.at(predicate, USAGE);
            None
        }
    }
}

fn single_ident(expr: &Expr) -> Option<&Ident> {
    match expr {
        Expr::Path(path) if path.qself.is_none() && path.attrs.is_empty() => path.path.get_ident(),
        _ => None,
    }
}

fn string_literal(expr: &Expr) -> Option<LitStr> {
    match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Str(literal),
            ..
        }) => Some(literal.clone()),
        _ => None,
    }
}
