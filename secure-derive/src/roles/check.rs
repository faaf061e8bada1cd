//! Checks a `roles!` block and computes, for each role, the roles it implies transitively.

use std::collections::BTreeSet;

use syn::Ident;

use super::model::{CheckedRole, RoleDecl};
use crate::errors::Errors;
use crate::keywords::hint_among;
use crate::names::{check_name, check_unique};

pub(crate) fn check<'a>(roles: &'a [RoleDecl], errors: &mut Errors) -> Vec<CheckedRole<'a>> {
    if roles.is_empty() {
        errors.push(syn::Error::new(
            proc_macro2::Span::call_site(),
            "`roles!` declares no role; write one per line, such as `pub Admin = \"admin\";`",
        ));
    }
    check_idents(roles, errors);
    for role in roles {
        check_name(&role.name, "role", errors);
    }
    let names: Vec<_> = roles.iter().map(|role| &role.name).collect();
    check_unique(&names, "role", errors);
    let edges: Vec<Vec<usize>> = roles
        .iter()
        .map(|role| direct_implications(role, roles, errors))
        .collect();
    check_cycles(roles, &edges, errors);

    let implied: Vec<BTreeSet<usize>> = (0..roles.len())
        .map(|index| reachable(index, &edges))
        .collect();
    roles
        .iter()
        .enumerate()
        .map(|(index, decl)| CheckedRole {
            decl,
            implies: std::iter::once(index)
                .chain(
                    implied[index]
                        .iter()
                        .copied()
                        .filter(|&other| other != index),
                )
                .map(|other| &roles[other].ident)
                .collect(),
            satisfied_by: std::iter::once(index)
                .chain(
                    (0..roles.len())
                        .filter(|&other| other != index && implied[other].contains(&index)),
                )
                .map(|other| roles[other].name.value())
                .collect(),
        })
        .collect()
}

fn check_idents(roles: &[RoleDecl], errors: &mut Errors) {
    for (index, role) in roles.iter().enumerate() {
        if roles[..index]
            .iter()
            .any(|earlier| earlier.ident == role.ident)
        {
            errors.at(
                &role.ident,
                format!("role `{}` is declared twice", role.ident),
            );
        }
    }
}

/// The indexes of the roles `role` lists in `implies(..)`.
fn direct_implications(role: &RoleDecl, roles: &[RoleDecl], errors: &mut Errors) -> Vec<usize> {
    let mut found = Vec::new();
    for implied in &role.implies {
        match roles.iter().position(|other| other.ident == *implied) {
            Some(index) if roles[index].ident == role.ident => errors.at(
                implied,
                format!("every role implies itself already; remove `{implied}` from `implies(..)`"),
            ),
            Some(index) if found.contains(&index) => {
                errors.at(implied, format!("`{implied}` is listed twice"));
            }
            Some(index) => found.push(index),
            None => {
                let known: Vec<String> =
                    roles.iter().map(|other| other.ident.to_string()).collect();
                let hint = hint_among(&implied.to_string(), known.iter().map(String::as_str));
                errors.at(
                    implied,
                    format!("`{implied}` is not a role of this `roles!` block; a role can imply only roles declared beside it{hint}"),
                );
            }
        }
    }
    found
}

/// Every role reachable from `start` through `implies`, not counting `start` unless a cycle
/// leads back to it.
fn reachable(start: usize, edges: &[Vec<usize>]) -> BTreeSet<usize> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<usize> = edges[start].clone();
    while let Some(next) = stack.pop() {
        if seen.insert(next) {
            stack.extend(edges[next].iter().copied());
        }
    }
    seen
}

fn check_cycles(roles: &[RoleDecl], edges: &[Vec<usize>], errors: &mut Errors) {
    let reach: Vec<BTreeSet<usize>> = (0..roles.len())
        .map(|index| reachable(index, edges))
        .collect();
    for (index, role) in roles.iter().enumerate() {
        let in_cycle = reach[index].contains(&index);
        let reported = (0..index)
            .any(|earlier| reach[earlier].contains(&index) && reach[index].contains(&earlier));
        if !in_cycle || reported {
            continue;
        }
        // Point at the first listed role that leads back, once per cycle.
        let back = role.implies.iter().find(|implied: &&Ident| {
            roles
                .iter()
                .position(|other| other.ident == **implied)
                .is_some_and(|other| reach[other].contains(&index))
        });
        if let Some(back) = back {
            errors.at(
                back,
                format!("roles imply each other in a cycle through `{}` and `{back}`; a cycle makes them one role, so declare one role or drop an `implies`", role.ident),
            );
        }
    }
}
