//! What the template macros (`html!`, `sql!`, `ldap_filter!`, `command!`) share: a string
//! literal first, then arguments, and `{}` holes in the literal.

use proc_macro2::TokenStream;
use syn::punctuated::Punctuated;
use syn::{Expr, Lit, LitStr, Token};

use crate::errors::{Errors, parse_input};

/// A macro input: the literal and the arguments after it.
pub(crate) struct Input {
    pub(crate) literal: LitStr,
    pub(crate) args: Vec<Expr>,
}

/// How a macro names its literal in error messages.
pub(crate) struct Literal {
    /// `sql!`
    pub(crate) name: &'static str,
    /// What the literal is: "query", "program", "template", "filter".
    pub(crate) what: &'static str,
    /// Why it must be a literal, and what to do instead.
    pub(crate) why: &'static str,
}

/// Parses `"literal", arg, arg, ...`; the first item must be a string literal.
pub(crate) fn parse(tokens: TokenStream, literal: &Literal) -> syn::Result<Input> {
    let items = parse_input(tokens, Punctuated::<Expr, Token![,]>::parse_terminated)?;
    let mut items = items.into_iter();
    let Some(first) = items.next() else {
        let message = format!(
            "`{}` expects a {} as a string literal",
            literal.name, literal.what
        );
        return Err(syn::Error::new(proc_macro2::Span::call_site(), message));
    };
    match first {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(text),
            ..
        }) => Ok(Input {
            literal: text,
            args: items.collect(),
        }),
        Expr::Macro(call) if call.mac.path.is_ident("format") => {
            let message = format!(
                "`{}` does not accept `format!` for its {}: formatting splices values into the text; {}",
                literal.name, literal.what, literal.why
            );
            Err(syn::Error::new_spanned(call, message))
        }
        other => {
            let message = format!(
                "the {} of `{}` must be a string literal; {}",
                literal.what, literal.name, literal.why
            );
            Err(syn::Error::new_spanned(other, message))
        }
    }
}

/// One element of a template with `{}` holes: a character or a hole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Token {
    Char(char),
    Hole,
}

/// Splits `text` into characters and holes; `{{` and `}}` stand for braces.
pub(crate) fn tokens(text: &str, name: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('{', Some('}')) => {
                chars.next();
                out.push(Token::Hole);
            }
            ('{', Some('{')) | ('}', Some('}')) => {
                chars.next();
                out.push(Token::Char(c));
            }
            ('{' | '}', _) => {
                return Err(format!(
                    "a brace in the template of `{name}` must be a hole `{{}}` or doubled as `{{{{` or `}}}}`; named and inline arguments (`{{x}}`) are not supported: write `{{}}` and pass `x` after the template"
                ));
            }
            _ => out.push(Token::Char(c)),
        }
    }
    Ok(out)
}

/// Reports a difference between the number of holes and of arguments. `hole` names one
/// hole, several holes, and one hole in short: "`{}` hole", "`{}` holes", "hole".
pub(crate) fn check_arity(
    input: &Input,
    count: usize,
    name: &str,
    hole: [&str; 3],
    errors: &mut Errors,
) {
    let args = input.args.len();
    if args > count {
        let message = format!(
            "this argument of `{name}` has no {} to fill; add one or remove the argument",
            hole[0]
        );
        errors.at(&input.args[count], message);
    } else if args < count {
        let holes = if count == 1 { hole[0] } else { hole[1] };
        let arguments = if args == 1 { "argument" } else { "arguments" };
        let message = format!(
            "`{name}` has {count} {holes} but {args} {arguments}; pass one argument per {}, in order",
            hole[2]
        );
        errors.at(&input.literal, message);
    }
}
