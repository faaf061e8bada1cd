use quote::quote;

use super::check::check;
use super::parse::Roles;
use crate::errors::Errors;

fn closure(input: proc_macro2::TokenStream) -> Vec<(String, Vec<String>, Vec<String>)> {
    let Roles(roles) = syn::parse2(input).unwrap();
    let mut errors = Errors::default();
    let checked = check(&roles, &mut errors);
    errors.finish().unwrap();
    checked
        .iter()
        .map(|role| {
            let implies = role.implies.iter().map(|ident| ident.to_string()).collect();
            (
                role.decl.ident.to_string(),
                implies,
                role.satisfied_by.clone(),
            )
        })
        .collect()
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|name| (*name).to_owned()).collect()
}

#[test]
fn implication_is_transitive_and_satisfied_by_is_its_reverse() {
    let roles = closure(quote! {
        pub Admin = "admin", implies(Editor, Auditor);
        pub Editor = "editor", implies(Viewer);
        pub Auditor = "auditor";
        pub Viewer = "viewer";
    });

    assert_eq!(
        roles,
        vec![
            (
                "Admin".into(),
                names(&["Admin", "Editor", "Auditor", "Viewer"]),
                names(&["admin"])
            ),
            (
                "Editor".into(),
                names(&["Editor", "Viewer"]),
                names(&["editor", "admin"])
            ),
            (
                "Auditor".into(),
                names(&["Auditor"]),
                names(&["auditor", "admin"])
            ),
            (
                "Viewer".into(),
                names(&["Viewer"]),
                names(&["viewer", "admin", "editor"])
            ),
        ]
    );
}

#[test]
fn every_mistake_is_reported_at_once() {
    let Roles(roles) = syn::parse2(quote! {
        pub A = "a", implies(B, Zed);
        pub B = "b", implies(A);
        pub C = " c";
    })
    .unwrap();
    let mut errors = Errors::default();
    let _ = check(&roles, &mut errors);

    let messages: Vec<String> = errors
        .finish()
        .unwrap_err()
        .into_iter()
        .map(|error| error.to_string())
        .collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(messages[0].starts_with("role names are compared exactly"));
    assert!(messages[1].starts_with("`Zed` is not a role of this `roles!` block"));
    assert!(messages[2].starts_with("roles imply each other in a cycle through `A` and `B`"));
}
