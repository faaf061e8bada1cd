//! `ldap_filter!`: an LDAP search filter from a literal, every hole escaped as a value by the
//! one runtime function that joins the literal pieces and the values.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::errors::Errors;
use crate::template::{self, Literal, Token};

const LITERAL: Literal = Literal {
    name: "ldap_filter!",
    what: "filter",
    why: "pass values as arguments that fill `{}` holes, where they are escaped as RFC 4515 values",
};

pub(crate) fn expand(tokens: TokenStream) -> syn::Result<TokenStream> {
    let input = template::parse(tokens, &LITERAL)?;
    let text = input.literal.value();
    let tokens = template::tokens(&text, "ldap_filter!")
        .map_err(|message| syn::Error::new_spanned(&input.literal, message))?;

    let mut errors = Errors::default();
    let pieces = match scan(&tokens) {
        Ok(pieces) => pieces,
        Err(messages) => {
            messages
                .iter()
                .for_each(|message| errors.at(&input.literal, message));
            Vec::new()
        }
    };
    let holes = tokens.iter().filter(|token| **token == Token::Hole).count();
    template::check_arity(
        &input,
        holes,
        "ldap_filter!",
        ["`{}` hole", "`{}` holes", "hole"],
        &mut errors,
    );
    errors.finish()?;

    let values = input
        .args
        .iter()
        .map(|arg| quote_spanned!(arg.span()=> &(#arg)));
    Ok(quote! {
        ::secure::__private::ldap::filter(&[#(#pieces),*], &[#(#values),*])
    })
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    /// Between filters: `(` or `)` expected.
    Between,
    /// Right after `(`: an operator (`&`, `|`, `!`) or an attribute.
    Open,
    /// In the attribute description, before the match type.
    Attribute,
    /// In the assertion value, after `=`.
    Value,
}

/// Checks that the template is one parenthesised filter with holes only in assertion values,
/// and returns the literal text around the holes: one piece more than there are holes.
fn scan(tokens: &[Token]) -> Result<Vec<String>, Vec<String>> {
    let mut errors = Vec::new();
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut state = State::Between;
    let mut depth = 0usize;
    let mut closed = 0usize;
    let push_error = |errors: &mut Vec<String>, message: &str| {
        if !errors.iter().any(|known| known == message) {
            errors.push(String::from(message));
        }
    };

    if tokens.first() != Some(&Token::Char('(')) {
        push_error(
            &mut errors,
            "the filter of `ldap_filter!` must be one parenthesised filter, such as `(uid={})`",
        );
    }
    for token in tokens {
        let c = match token {
            Token::Hole if state == State::Value => {
                pieces.push(std::mem::take(&mut literal));
                continue;
            }
            Token::Hole => {
                push_error(
                    &mut errors,
                    "a hole of `ldap_filter!` can only stand in an assertion value, after `=`, `~=`, `>=` or `<=`",
                );
                continue;
            }
            Token::Char(c) => *c,
        };
        literal.push(c);
        state = match (state, c) {
            (State::Between, '(') | (State::Open, '(') => {
                depth += 1;
                State::Open
            }
            (State::Between | State::Value | State::Open, ')') if depth > 0 => {
                depth -= 1;
                State::Between
            }
            (State::Open, '&' | '|' | '!') => State::Between,
            (State::Open | State::Attribute, '=') => State::Value,
            (State::Open | State::Attribute, _) if c != '(' && c != ')' => State::Attribute,
            (State::Value, '(') => {
                push_error(
                    &mut errors,
                    "an assertion value in the filter of `ldap_filter!` holds an unescaped `(`; write `\\28`",
                );
                State::Value
            }
            (State::Value, _) => State::Value,
            (State::Between, c) if c.is_whitespace() => State::Between,
            _ => {
                push_error(
                    &mut errors,
                    "the filter of `ldap_filter!` is not well formed; write filters such as `(&(uid={})(objectClass=person))`",
                );
                state
            }
        };
        if depth == 0 && c == ')' {
            closed += 1;
        }
    }
    if closed > 1 {
        push_error(
            &mut errors,
            "the filter of `ldap_filter!` must be one parenthesised filter; combine several with `(&...)` or `(|...)`",
        );
    }
    if depth != 0 || state != State::Between {
        push_error(
            &mut errors,
            "the filter of `ldap_filter!` has unbalanced parentheses; close every `(`",
        );
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    pieces.push(literal);
    Ok(pieces)
}

#[cfg(test)]
mod tests {
    use super::scan;
    use crate::template::tokens;

    fn accepts(filter: &str) -> bool {
        scan(&tokens(filter, "ldap_filter!").unwrap()).is_ok()
    }

    #[test]
    fn accepts_filters_with_holes_in_values() {
        assert!(accepts("(uid={})"));
        assert!(accepts("(&(uid={})(objectClass=person))"));
        assert!(accepts("(|(cn=*{}*)(!(mail>={})))"));
    }

    #[test]
    fn literal_pieces_surround_every_hole() {
        let pieces = |filter| scan(&tokens(filter, "ldap_filter!").unwrap()).unwrap();

        assert_eq!(pieces("(&(uid={})(cn=*{}*))"), ["(&(uid=", ")(cn=*", "*))"]);
        assert_eq!(pieces("(uid={})"), ["(uid=", ")"]);
        assert_eq!(pieces("(objectClass=*)"), ["(objectClass=*)"]);
    }

    #[test]
    fn refuses_holes_elsewhere_and_broken_filters() {
        for filter in [
            "({}=x)",
            "(&{})",
            "uid={}",
            "(uid={}",
            "(uid=a(b)",
            "(uid=x))(",
            "{}",
            "(a=b)(c=d)",
        ] {
            assert!(!accepts(filter), "{filter}");
        }
    }
}
