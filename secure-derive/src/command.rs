//! `command!`: a process whose program is a literal and whose arguments are argv elements.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Expr, Lit};

use crate::errors::Errors;
use crate::template::{self, Literal};

const LITERAL: Literal = Literal {
    name: "command!",
    what: "program",
    why: "a program chosen at run time can run anything; name it in the source, or use `secure::unchecked::command` when it must come from configuration",
};

pub(crate) fn expand(tokens: TokenStream) -> syn::Result<TokenStream> {
    let input = template::parse(tokens, &LITERAL)?;
    let mut errors = Errors::default();
    let program = input.literal.value();
    if program.is_empty() {
        errors.at(&input.literal, "the program of `command!` cannot be empty");
    }
    if program.contains('\0') {
        errors.at(&input.literal, "the program of `command!` cannot hold NUL");
    }
    for arg in &input.args {
        if let Some(text) = literal_text(arg)
            && text.value().contains('\0')
        {
            errors.at(text, "an argument of `command!` cannot hold NUL");
        }
    }
    errors.finish()?;

    let program = &input.literal;
    let steps = input.args.iter().map(|arg| match literal_text(arg) {
        Some(text) => quote!(__secure_command.literal(#text);),
        None => quote_spanned!(arg.span()=> __secure_command.untrusted(&(#arg));),
    });
    Ok(quote!({
        let mut __secure_command = ::secure::__private::shell::Builder::new(#program);
        #(#steps)*
        __secure_command.finish()
    }))
}

/// A string literal argument: written in the source, so trusted to be an option.
fn literal_text(arg: &Expr) -> Option<&syn::LitStr> {
    match arg {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(text),
            ..
        }) => Some(text),
        _ => None,
    }
}
