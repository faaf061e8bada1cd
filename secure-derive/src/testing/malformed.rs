//! Malformed input for the macros without a `tests.rs` of their own, and the spans of the
//! errors every macro gives when its input ends too early: each error names the mistake and
//! points at the token at fault.

use super::{Macro, assert_error, rejected};

#[test]
fn template_macros_point_at_the_template_or_the_argument() {
    let cases = [
        (
            Macro::Sql,
            "query",
            "the query of `sql!` must be a string literal",
            "query",
        ),
        (
            Macro::Sql,
            "format!(\"SELECT {}\", table)",
            "does not accept `format!`",
            "format",
        ),
        (
            Macro::Sql,
            "\"SELECT ?\", 1, 2",
            "this argument of `sql!` has no",
            "2",
        ),
        (
            Macro::Sql,
            "\"SELECT ? WHERE ?\", 1",
            "has 2 placeholders (`?` or `{}`) but 1 argument",
            "\"SELECT ? WHERE ?\"",
        ),
        (Macro::Sql, "\"SELECT 'a\"", "", "\"SELECT 'a\""),
        (
            Macro::Sql,
            "\"SELECT 1 WHERE a LIKE ?\", x",
            "ESCAPE",
            "\"SELECT 1 WHERE a LIKE ?\"",
        ),
        (
            Macro::Command,
            "program, \"-l\"",
            "the program of `command!` must be a string literal",
            "program",
        ),
        (Macro::Command, "\"\"", "cannot be empty", "\"\""),
        (
            Macro::Command,
            "\"ls\", \"a\\0b\"",
            "cannot hold NUL",
            "\"a\\0b\"",
        ),
        (
            Macro::LdapFilter,
            "filter",
            "must be a string literal",
            "filter",
        ),
        (
            Macro::LdapFilter,
            "\"uid={}\", x",
            "one parenthesised filter",
            "\"uid={}\"",
        ),
        (Macro::LdapFilter, "\"({}=x)\", x", "", "\"({}=x)\""),
        (
            Macro::LdapFilter,
            "\"(uid={})\"",
            "has 1 `{}` hole but 0 arguments",
            "\"(uid={})\"",
        ),
        (Macro::Html, "page", "must be a string literal", "page"),
        (Macro::Html, "\"<p>{}</p>\", a, b", "has no", "b"),
        (
            Macro::Html,
            "\"<p>{</p>\"",
            "a brace in the template",
            "\"<p>{</p>\"",
        ),
        (
            Macro::Html,
            "\"<script>{}</script>\", x",
            "script",
            "\"<script>{}</script>\"",
        ),
    ];
    for (kind, source, message, at) in cases {
        assert_error(kind, "", source, message, at);
    }
}

#[test]
fn template_macros_without_input_are_errors_at_the_call() {
    for kind in [Macro::Sql, Macro::Command, Macro::LdapFilter, Macro::Html] {
        let errors = rejected(kind, "", "");
        assert!(errors[0].message.contains("expects a"), "{errors:?}");
        assert_eq!(errors[0].at, None);
    }
}

#[test]
fn several_template_mistakes_are_one_expression() {
    let output = Macro::Html
        .expand("", "\"<script>{}</script><a onclick=\\\"{}\\\">\", a, b, c")
        .unwrap();
    assert!(super::diagnostics(&output).len() >= 2, "{output}");
    assert!(syn::parse2::<syn::Expr>(output).is_ok());
}

#[test]
fn sql_identifier_points_at_the_variant_or_its_name() {
    let cases = [
        (
            "struct Column;",
            "only be derived for a fieldless enum",
            "Column",
        ),
        (
            "enum Column { Name(String) }",
            "cannot have fields",
            "(String)",
        ),
        (
            "enum Column { #[sql(rename = \"x\")] Name }",
            "unknown `#[sql(...)]` key",
            "rename",
        ),
        (
            "enum Column { #[sql(name = 1)] Name }",
            "expected string literal",
            "1",
        ),
        ("enum Column { #[sql(name)] Name }", "expected `=`", ")"),
        (
            "enum Column { #[sql(name = \"bad name\")] Name }",
            "not a plain SQL identifier",
            "\"bad name\"",
        ),
        (
            "enum Column { Name, #[sql(name = \"name\")] Other }",
            "listed twice",
            "\"name\"",
        ),
        (
            "enum Column { r#Type, Type2, #[sql(name = \"1st\")] First }",
            "not a plain",
            "\"1st\"",
        ),
    ];
    for (source, message, at) in cases {
        assert_error(Macro::SqlIdentifier, "", source, message, at);
    }
}

#[test]
fn redact_points_at_the_option_or_the_field() {
    let cases = [
        ("union U { a: u8 }", "cannot be derived for unions", "union"),
        (
            "struct S { #[sensitive(partal)] a: String }",
            "unknown `#[sensitive]` option `partal`",
            "partal",
        ),
        (
            "struct S { #[sensitive(partial)] a: String }",
            "`partial` needs `first = N`",
            "partial",
        ),
        (
            "struct S { #[sensitive(partial(first = 0))] a: String }",
            "`partial` needs",
            "partial",
        ),
        (
            "struct S { #[sensitive(partial(last = 1, last = 2))] a: String }",
            "given twice",
            "last",
        ),
        (
            "struct S { #[sensitive(partial(last = 4), partial(first = 6))] a: String }",
            "`partial` is given twice",
            "partial",
        ),
        (
            "struct S { #[sensitive(partial(end = 4))] a: String }",
            "unknown `partial` option `end`",
            "end",
        ),
        (
            "struct S { #[sensitive(partial(last = x))] a: String }",
            "",
            "x",
        ),
        (
            "struct S { #[sensitive = 1] a: String }",
            "#[sensitive]",
            "#",
        ),
        (
            "struct S { #[sensitive] #[sensitive] a: String }",
            "duplicate `#[sensitive]` attribute",
            "#",
        ),
        (
            "#[derive(Debug)] struct S { #[sensitive] a: String }",
            "would print `#[sensitive]` values in plain text",
            "Debug",
        ),
        (
            "#[derive(Debug)] struct S { a: String }",
            "remove `Debug` from this derive",
            "Debug",
        ),
    ];
    for (source, message, at) in cases {
        assert_error(Macro::Redact, "", source, message, at);
    }
}

#[test]
fn public_points_at_the_decision_or_the_handler() {
    let handler = "async fn hook() {}";
    let cases = [
        ("Admin", handler, "takes only a CSRF decision", "Admin"),
        ("csrf = maybe", handler, "", "maybe"),
        ("csrf = exempt", handler, "needs the reason", "exempt"),
        (
            "csrf = exempt(\"  \")",
            handler,
            "gives no reason",
            "\"  \"",
        ),
        (
            "csrf = protected, csrf = protected",
            handler,
            "`csrf` is given twice",
            "csrf",
        ),
        ("", "fn hook() {}", "this one is not `async`", "fn"),
        ("", "async fn hook(&self) {}", "this one takes `self`", "&"),
        (
            "",
            "async fn hook<'a>(x: u8) {}",
            "lifetime parameters",
            "<",
        ),
        (
            "",
            "async fn hook(id: u8, name: &str) {}",
            "this argument borrows",
            "&",
        ),
        (
            "csrf = protected",
            "async fn hook(name: Cow<'static, str>, user: &'a User) {}",
            "this argument borrows",
            "&",
        ),
        (
            "",
            "struct Hook;",
            "goes on an `async fn` handler",
            "struct",
        ),
    ];
    for (args, item, message, at) in cases {
        assert_error(Macro::Public, args, item, message, at);
    }
}

#[test]
fn scopes_point_at_the_set_or_the_scope() {
    let cases = [
        ("pub Scopes = [];", "declares no scope", "[]"),
        ("pub Scopes = [\"a\", \"a\"];", "declared twice", "\"a\""),
        ("pub Scopes = [\"\"];", "cannot be empty", "\"\""),
        (
            "pub Scopes = [\"orders read\"];",
            "cannot contain whitespace",
            "\"orders read\"",
        ),
        (
            "pub Scopes = [orders];",
            "expected string literal",
            "orders",
        ),
    ];
    for (source, message, at) in cases {
        assert_error(Macro::Scopes, "", source, message, at);
    }
}

/// Outside the compiler a group's closing span is its last character, so the error points at
/// the end of the expected token; rustc shows the whole token.
#[test]
fn input_that_ends_too_early_is_reported_at_its_last_token() {
    let cases = [
        (
            Macro::Roles,
            "",
            "pub Admin",
            "expected `=` and the name",
            "Admin",
        ),
        (
            Macro::Roles,
            "",
            "pub Admin =",
            "expected the role's name",
            "=",
        ),
        (Macro::Scopes, "", "pub Scopes =", "", "="),
        (Macro::Public, "csrf =", "async fn hook() {}", "", "="),
        (
            Macro::Requires,
            "any(Admin), proof =",
            "fn f(user: &Principal) -> Result<(), E> { Ok(()) }",
            "",
            "=",
        ),
        (
            Macro::Requires,
            "Admin",
            "fn f(user: &Principal) -> Result<(), E>",
            "",
            "E>",
        ),
        (Macro::Sql, "", "\"SELECT ?\", a +", "", "+"),
    ];
    for (kind, args, source, message, last) in cases {
        let errors = rejected(kind, args, source);
        assert!(
            errors.iter().any(|error| error.message.contains(message)
                && error
                    .at
                    .as_deref()
                    .is_some_and(|at| !at.is_empty() && last.ends_with(at))),
            "for {args} {source}: expected {message:?} at the end of {last:?} in {errors:#?}"
        );
    }
}

#[test]
fn requires_with_options_only_points_at_them() {
    assert_error(
        Macro::Requires,
        "proof = admin",
        "fn f(user: &Principal) -> Result<(), E> { Ok(()) }",
        "`#[requires]` needs a requirement",
        "proof",
    );
    let errors = rejected(
        Macro::Requires,
        "",
        "fn f(user: &Principal) -> Result<(), E> { Ok(()) }",
    );
    assert!(errors[0].message.contains("needs a requirement"));
    assert_eq!(errors[0].at, None, "an empty attribute is shown whole");
}
