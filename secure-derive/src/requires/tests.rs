use quote::quote;

use super::expand;
use super::parse::parse;
use crate::errors::Errors;

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
    let check = output.find("authorize").unwrap();
    let granted = output
        .find("Ok (__secure_proof) => __secure_proof")
        .unwrap();
    let body = output.find("body ()").unwrap();
    assert!(
        proof < check && check < granted && granted < body,
        "{output}"
    );
    assert!(!output.contains("mint"), "{output}");
    assert!(output.contains("Docs stay."));
    assert!(output.starts_with("# [doc"));
    assert!(!output.contains("# [subject]"));
}
