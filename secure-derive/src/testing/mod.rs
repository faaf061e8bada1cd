//! What the unit tests of every macro share: running a macro on source text, reading the
//! errors it answers with, and random input in the shape of an attribute or macro call.
//!
//! Inputs are parsed from strings rather than built with `quote!`, so that their tokens carry
//! locations (proc-macro2's `span-locations`, enabled for tests) and an error can be traced to
//! the token it points at.

use std::fmt;
use std::str::FromStr;

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use proptest::prelude::*;

mod malformed;
mod random;

/// A macro of this crate as the compiler calls it, on source text.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Macro {
    Validate,
    Redact,
    SqlIdentifier,
    /// `#[requires(args)]` on an item.
    Requires,
    /// `#[public(args)]` on an item.
    Public,
    Roles,
    Scopes,
    Html,
    Sql,
    Command,
    LdapFilter,
}

impl Macro {
    /// Expands `source`; for the attributes, `args` is what is inside the attribute's
    /// parentheses and `source` the item. `None` when the text is not tokens or, for a
    /// derive, not an item: the compiler would have refused it before the macro ran.
    pub(crate) fn expand(self, args: &str, source: &str) -> Option<TokenStream> {
        let tokens = TokenStream::from_str(source).ok()?;
        let function_like =
            |result: syn::Result<TokenStream>| Some(crate::errors::expression_or_errors(result));
        match self {
            Macro::Validate => Some(crate::validate::expand(&syn::parse2(tokens).ok()?)),
            Macro::Redact => Some(crate::redact::expand(&syn::parse2(tokens).ok()?)),
            Macro::SqlIdentifier => Some(crate::sql_identifier::expand(&syn::parse2(tokens).ok()?)),
            Macro::Requires => {
                let args = TokenStream::from_str(args).ok()?;
                Some(crate::requires::expand(args, tokens))
            }
            Macro::Public => {
                let args = TokenStream::from_str(args).ok()?;
                Some(crate::public::expand(args, tokens))
            }
            Macro::Roles => Some(crate::roles::expand(tokens)),
            Macro::Scopes => Some(crate::scopes::expand(tokens)),
            Macro::Html => function_like(crate::html::expand(tokens)),
            Macro::Sql => function_like(crate::sql::expand(tokens)),
            Macro::Command => function_like(crate::command::expand(tokens)),
            Macro::LdapFilter => function_like(crate::ldap::expand(tokens)),
        }
    }
}

/// One `compile_error!` of a macro's output.
pub(crate) struct Diagnostic {
    pub(crate) message: String,
    /// The source text at the start of the error's span; `None` for the call site.
    pub(crate) at: Option<String>,
}

impl fmt::Debug for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} at {:?}", self.message, self.at)
    }
}

/// Every `compile_error!` in `output`, at any depth.
pub(crate) fn diagnostics(output: &TokenStream) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    collect(output.clone(), &mut found);
    found
}

fn collect(tokens: TokenStream, found: &mut Vec<Diagnostic>) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    for (at, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Ident(ident) if ident == "compile_error" => {
                let Some(TokenTree::Group(group)) = tokens.get(at + 2) else {
                    continue;
                };
                let message: syn::LitStr =
                    syn::parse2(group.stream()).expect("compile_error! holds one string literal");
                found.push(Diagnostic {
                    message: message.value(),
                    at: ident.span().source_text(),
                });
            }
            TokenTree::Group(group) => collect(group.stream(), found),
            _ => {}
        }
    }
}

/// Expands `source` and returns its errors; panics when the macro accepted it.
pub(crate) fn rejected(kind: Macro, args: &str, source: &str) -> Vec<Diagnostic> {
    let output = kind
        .expand(args, source)
        .unwrap_or_else(|| panic!("the test input is not tokens: {source}"));
    let found = diagnostics(&output);
    assert!(!found.is_empty(), "accepted: {args} {source}\n{output}");
    found
}

/// Asserts that the macro refuses `source` with an error whose message holds `message` and
/// which points at the first token of `at`.
pub(crate) fn assert_error(kind: Macro, args: &str, source: &str, message: &str, at: &str) {
    let found = rejected(kind, args, source);
    assert!(
        found
            .iter()
            .any(|error| error.message.contains(message) && error.at.as_deref() == Some(at)),
        "for {args} {source}\nexpected {message:?} at {at:?} in {found:#?}"
    );
}

/// What every answer of a macro must be: tokens, and any error spanned on the input and
/// written in the crate's voice. The call site is allowed only where there is no token to
/// point at: empty input, or input that ends too early.
pub(crate) fn assert_well_formed_answer(output: &TokenStream, input: &str) {
    for error in diagnostics(output) {
        let at_end = error.message.starts_with("unexpected end of input")
            || error.message.contains("expected") && error.message.contains("end of input");
        let no_tokens = TokenStream::from_str(input).is_ok_and(|tokens| tokens.is_empty());
        assert!(
            error.at.is_some() || at_end || no_tokens || needs_no_token(&error),
            "an error at the call site for {input:?}: {error:?}"
        );
        assert!(!error.message.is_empty(), "an empty message for {input:?}");
        assert!(
            !error.message.ends_with('.'),
            "a message ends with a period: {error:?}"
        );
        let first = error.message.chars().next().unwrap_or(' ');
        assert!(
            !first.is_uppercase(),
            "a message starts in upper case: {error:?}"
        );
    }
}

/// Errors about the whole invocation, which the call site (the attribute or the macro
/// call, in rustc) shows best.
fn needs_no_token(error: &Diagnostic) -> bool {
    error
        .message
        .starts_with("`#[requires]` needs a function with a body")
}

/// A token tree as text: a leaf, or a group of trees.
#[derive(Clone, Debug)]
pub(crate) enum Tree {
    Leaf(String),
    Group(Delimiter, Vec<Tree>),
}

impl fmt::Display for Tree {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tree::Leaf(text) => f.write_str(text),
            Tree::Group(delimiter, trees) => {
                let (open, close) = match delimiter {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::None => ("", ""),
                };
                write!(f, "{open}{}{close}", render(trees))
            }
        }
    }
}

/// Trees separated by spaces, so that adjacent punctuation stays apart.
pub(crate) fn render(trees: &[Tree]) -> String {
    trees
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Tokens that any grammar of this crate may meet: punctuation, literals of every kind,
/// keywords, paths and lifetimes.
const COMMON: &[&str] = &[
    ",",
    "=",
    "==",
    "..",
    "..=",
    "-",
    "+",
    "*",
    "&",
    "!",
    "#",
    "::",
    ":",
    ";",
    "<",
    ">",
    "->",
    "=>",
    "?",
    "@",
    "|",
    "$",
    "'a",
    "_",
    "0",
    "1",
    "-1",
    "255",
    "4294967296",
    "99999999999999999999999",
    "1.5",
    "-0.0",
    "1e400",
    "0x10",
    "1u8",
    "'c'",
    "b'c'",
    "\"\"",
    "\"x\"",
    "\"a b\"",
    "\"\\0\"",
    "\"[a-z\"",
    "\"(?<\"",
    "\"{}\"",
    "\"?\"",
    "\"\\u{202e}\"",
    "r#\"raw\"#",
    "b\"bytes\"",
    "c\"c\"",
    "true",
    "self",
    "Self",
    "super",
    "crate",
    "r#type",
    "r#ref",
    "fn",
    "pub",
    "async",
    "a::b",
    "::a",
    "x",
    "String",
    "u8",
    "Vec<u8>",
];

/// A random sequence of tree-shaped tokens drawn from `words` and [`COMMON`], at most `depth`
/// groups deep.
pub(crate) fn soup(words: &'static [&'static str], depth: u32) -> impl Strategy<Value = Vec<Tree>> {
    let leaf = prop_oneof![
        3 => prop::sample::select(words).prop_map(|word| Tree::Leaf(word.to_owned())),
        2 => prop::sample::select(COMMON).prop_map(|word| Tree::Leaf(word.to_owned())),
    ];
    let tree = leaf.prop_recursive(depth, 24, 6, |inner| {
        (
            prop::sample::select(vec![
                Delimiter::Parenthesis,
                Delimiter::Brace,
                Delimiter::Bracket,
            ]),
            prop::collection::vec(inner, 0..6),
        )
            .prop_map(|(delimiter, trees)| Tree::Group(delimiter, trees))
    });
    prop::collection::vec(tree, 0..8)
}

/// Any text, mostly of characters that lex, for inputs nobody thought of. Text that does not
/// lex is skipped by [`Macro::expand`]: the compiler would refuse it first.
pub(crate) fn lexable_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9_ ,=().:;<>#!&|*+@'-]{0,48}",
        "[a-z_ ,=()\"]{0,48}",
    ]
}

/// Text a template macro may meet: markup, SQL, holes, braces, quotes and controls.
pub(crate) fn template_text() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "{}",
        "{{",
        "}}",
        "{",
        "}",
        "?",
        "'",
        "\"",
        "`",
        "--",
        "/*",
        "*/",
        "\\",
        "<",
        ">",
        "</",
        "<a href=\"",
        "<a href=",
        "<p title='",
        "=",
        " ",
        "\n",
        "\0",
        "<script>",
        "</script>",
        "<style>",
        "<!--",
        "-->",
        "<!DOCTYPE",
        " onclick=\"",
        " style=\"",
        "(",
        ")",
        "*",
        "&",
        "|",
        "uid=",
        "LIKE ? ",
        "GLOB ",
        " || ",
        "CASE ",
        " END",
        "ESCAPE '\\'",
        "SELECT ",
        "a",
        "\u{e9}",
        "\u{202e}",
    ]);
    prop::collection::vec(piece, 0..16).prop_map(|pieces| pieces.concat())
}

/// A Rust string literal of `text`.
pub(crate) fn string_literal(text: &str) -> String {
    format!("{text:?}")
}
