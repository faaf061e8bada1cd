use quote::quote;

use super::expand;
use super::parse::parse;
use crate::errors::Errors;
use crate::testing::{Macro, assert_error};

fn describe(args: proc_macro2::TokenStream) -> String {
    let mut errors = Errors::default();
    let attr = parse(args, &mut errors);
    errors.finish().unwrap();
    attr.requirement.unwrap().describe()
}

#[test]
fn requirements_are_described_as_written() {
    assert_eq!(describe(quote!(Admin)), "Admin");
    assert_eq!(describe(quote!(crate::roles::Admin)), "crate::roles::Admin");
    assert_eq!(
        describe(quote!(any(Admin, all(Editor, scope("orders:write"))))),
        r#"any(Admin, all(Editor, scope("orders:write")))"#
    );
    assert_eq!(
        describe(quote!(scope(Billing, "invoices:send"), proof = p)),
        r#"scope(Billing, "invoices:send")"#
    );
    assert_eq!(
        describe(quote!(policy(owns(note, self)))),
        "policy(owns(note, self))"
    );
    // Raw identifiers are described by their names, as the user reads them.
    assert_eq!(
        describe(quote!(any(r#Admin, policy(r#in::owns(r#type))))),
        "any(Admin, policy(in::owns(type)))"
    );
}

#[test]
fn input_that_is_not_a_function_is_an_error_and_never_a_panic() {
    for item in [
        quote!(
            struct S;
        ),
        quote!(fn),
        quote!(),
    ] {
        let output = expand(quote!(Admin), item).to_string();
        assert!(output.contains("compile_error"), "{output}");
    }
}

#[test]
fn the_check_comes_before_the_body() {
    let output = expand(
        quote!(Admin, proof = admin),
        quote! {
            /// Docs stay.
            pub fn purge(#[subject] user: &Principal) -> Result<(), E> { body() }
        },
    )
    .to_string();

    // The proof is what the check returned, bound before the body runs; nothing mints one.
    let proof = output.find("let admin = match").unwrap();
    let check = output.find("evaluate").unwrap();
    let granted = output
        .find("Ok (__secure_proof) => __secure_proof")
        .unwrap();
    let refused = output
        .find("return :: secure :: __private :: Refusal :: refuse")
        .unwrap();
    let body = output.find("body ()").unwrap();
    assert!(
        proof < check && check < granted && granted < refused && refused < body,
        "{output}"
    );
    assert!(!output.contains("mint"), "{output}");
    assert!(output.contains("Docs stay."));
    assert!(output.starts_with("# [doc"));
    assert!(!output.contains("# [subject]"));
}

/// Where the subject cannot be found for sure, the answer is an error on the parameter at
/// fault, never a guess.
#[test]
fn an_uncertain_subject_is_an_error_at_the_parameter() {
    let cases = [
        (
            "fn f(from: &Principal, to: &Principal) -> Result<(), E> {}",
            "several parameters could be the subject",
            "to",
        ),
        (
            "fn f<S: Subject>(a: Option<&S>, b: Arc<Principal>) -> Result<(), E> {}",
            "several parameters could be the subject",
            "b",
        ),
        (
            "fn f(#[subject] a: &Principal, #[subject] b: &Principal) -> Result<(), E> {}",
            "only one parameter can be the `#[subject]`",
            "b",
        ),
        (
            "fn f(#[subject] (a, b): (&Principal, u8)) -> Result<(), E> {}",
            "must be a named parameter",
            "(a, b)",
        ),
        (
            "fn f(#[subject(first)] a: &Principal) -> Result<(), E> {}",
            "`#[subject]` takes no arguments",
            "#",
        ),
        (
            "fn f(id: u64) -> Result<(), E> {}",
            "cannot find the caller: mark the parameter that holds the subject with `#[subject]`",
            "f",
        ),
        (
            "async fn f(Path(id): Path<u64>) -> Result<(), E> {}",
            "cannot find the caller of this handler: take it as an argument, such as `caller: secure::axum::Caller`",
            "f",
        ),
        (
            "async fn f(&self) -> Result<(), E> {}",
            "cannot find the caller: mark the parameter",
            "f",
        ),
    ];
    for (source, message, at) in cases {
        assert_error(Macro::Requires, "Admin", source, message, at);
    }
}

#[test]
fn the_shape_of_the_function_and_the_policy_arguments_are_checked() {
    let cases = [
        (
            "Admin",
            "const fn f(#[subject] a: &Principal) -> Result<(), E> {}",
            "cannot guard a `const fn`",
            "const",
        ),
        (
            "policy(owns)",
            "fn f(#[subject] a: &Principal, (x, y): (u8, u8)) -> Result<(), E> {}",
            "but this one has no name",
            "(x, y)",
        ),
        (
            "policy(owns(a, note))",
            "fn f(#[subject] a: &Principal, note: &Note) -> Result<(), E> {}",
            "`a` is the subject, which the policy already receives first",
            "a",
        ),
        (
            "policy(owns(note))",
            "fn f(#[subject] a: &Principal, notes: &Note) -> Result<(), E> {}",
            "`note` is not a parameter of this function; did you mean `notes`?",
            "note",
        ),
        (
            "any(Admin, policy(is_self(id)))",
            "async fn f(caller: Caller, Path(id): Path<i64>) -> Result<(), E> {}",
            "`id` is bound inside a pattern, and a policy receives whole arguments",
            "id",
        ),
    ];
    for (args, source, message, at) in cases {
        assert_error(Macro::Requires, args, source, message, at);
    }
}

#[test]
fn an_ambiguous_subject_emits_no_check_at_all() {
    let output = Macro::Requires
        .expand(
            "Admin",
            "fn f(from: &Principal, to: &Principal) -> Result<(), E> { body() }",
        )
        .unwrap()
        .to_string();

    assert!(output.contains("compile_error"), "{output}");
    assert!(!output.contains("authorize"), "{output}");
}
