//! Emits the guarded function: the scope checks as constants, the run-time check before the
//! body, and the proof it returns under the chosen name.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::ItemFn;
use syn::spanned::Spanned;

use super::model::{Plan, Requirement};
use crate::route;

pub(crate) fn emit(plan: &Plan, function: &ItemFn) -> TokenStream {
    let scope_checks = plan.requirement.scopes().into_iter().map(|scope| {
        let set = &scope.set;
        let literal = &scope.scope;
        // The check is spanned on the scope, where a refusal points; the item around it is not,
        // so that rustc suggests no generic parameter on it when the set is not declared.
        let check = quote_spanned! {literal.span()=>
            if let ::core::option::Option::Some(message) =
                ::secure::__private::undeclared_scope::<#set>(#literal)
            {
                ::core::panic!("{}", message)
            }
        };
        quote!(const _: () = #check;)
    });
    let scope_checks = quote!(#(#scope_checks)*);
    let proof = match &plan.proof {
        Some(name) => quote!(#name),
        None => quote!(_),
    };
    let hygienic = Span::mixed_site();
    let granted = format_ident!("__secure_proof", span = hygienic);
    // The body's statements, spliced after the check rather than nested as a block: a block
    // in tail position would draw an `unused_braces` warning on a one-line body.
    let block = &function.block.stmts;
    let block = quote!(#(#block)*);

    if plan.handler {
        // A handler keeps the refusal as a value: the router reads it as the route's denial.
        let outcome = outcome(plan, &function.sig.ident);
        let forbidden = format_ident!("__secure_forbidden", span = hygienic);
        // Spanned on the return type, where a type that cannot carry the refusal is reported.
        let refuse = quote_spanned! {plan.output_span=>
            ::secure::__private::Refusal::refusal(#forbidden)
        };
        let checked = format_ident!("__secure_outcome", span = hygienic);
        let prelude = quote! {
            #scope_checks
            let #checked = #outcome;
        };
        let body = quote! {{
            let #proof = match #checked {
                ::core::result::Result::Ok(#granted) => #granted,
                ::core::result::Result::Err(#forbidden) => return #refuse,
            };
            #block
        }};
        let decisions = route::decision_types(false, plan.csrf.as_ref());
        let denial = quote!(#checked.err());
        return route::guarded_fn(function, decisions, prelude, denial, body);
    }

    // Elsewhere the refusal is built by one cold call straight into the return value, so the
    // refused path costs what a hand-written `return Err(..)` does.
    let refused = format_ident!("__secure_refused", span = hygienic);
    let site = format_ident!("__SECURE_CHECK", span = hygienic);
    let check = check_site(plan, &function.sig.ident);
    let evaluated = evaluation(plan, "evaluate", None);
    // Spanned on the return type, where a type that cannot carry the refusal is reported.
    let refuse = quote_spanned! {plan.output_span=>
        ::secure::__private::Refusal::refuse(#refused, &#site)
    };
    let ItemFn {
        attrs, vis, sig, ..
    } = function;
    let (outer, inner) = route::split_attributes(attrs);
    quote! {
        #(#outer)*
        #vis #sig {
            #(#inner)*
            #scope_checks
            #check
            let #proof = match #evaluated {
                ::core::result::Result::Ok(#granted) => #granted,
                ::core::result::Result::Err(#refused) => return #refuse,
            };
            #block
        }
    }
}

/// The constant that names the check in its refusal: the requirement as written and the
/// function's path.
fn check_site(plan: &Plan, function: &syn::Ident) -> TokenStream {
    let site = format_ident!("__SECURE_CHECK", span = Span::mixed_site());
    let description = plan.requirement.describe();
    let function = syn::ext::IdentExt::unraw(function).to_string();
    quote! {
        const #site: ::secure::__private::Check = ::secure::__private::Check {
            requirement: #description,
            function: ::core::concat!(::core::module_path!(), "::", #function),
        };
    }
}

/// `evaluator(&subject, |who| proof, [&check])`: the requirement evaluated over the subject by
/// the function of `secure::__private` called `evaluator`.
fn evaluation(plan: &Plan, evaluator: &str, site: Option<&syn::Ident>) -> TokenStream {
    let evaluator = format_ident!("{evaluator}", span = plan.subject_span);
    let who = format_ident!("__secure_subject", span = Span::mixed_site());
    let mut policies = plan.policy_args.iter();
    let proven = proof(&plan.requirement, &who, &mut policies);
    let subject = &plan.subject;
    let site = site.map(|site| quote!(, &#site));
    let call = quote_spanned! {plan.subject_span=>
        ::secure::__private::#evaluator(&#subject, |#who| #proven #site)
    };
    quote! {{
        // A requirement of one role reads `|subject| <Role as ..>::check(subject)`.
        #[allow(clippy::redundant_closure)]
        let outcome = #call;
        outcome
    }}
}

/// The run-time check of a handler, as an expression of type
/// `Result<Authorized<R>, Forbidden>`: the proof of the requirement if the subject satisfies
/// it, made by the functions that evaluate it.
fn outcome(plan: &Plan, function: &syn::Ident) -> TokenStream {
    let site = format_ident!("__SECURE_CHECK", span = Span::mixed_site());
    let check = check_site(plan, function);
    let authorize = evaluation(plan, "authorize", Some(&site));
    quote! {{
        #check
        #authorize
    }}
}

/// The expression of `requirement` over the subject `who`: its proof, or `None`.
fn proof<'a>(
    requirement: &Requirement,
    who: &syn::Ident,
    policies: &mut impl Iterator<Item = &'a Vec<TokenStream>>,
) -> TokenStream {
    match requirement {
        // A qualified path rather than a generic argument: a role that is not declared is then
        // reported without a suggestion to make it a type parameter of the function.
        Requirement::Role(role) => quote_spanned! {role.span()=>
            <#role as ::secure::__private::Role>::check(#who)
        },
        Requirement::Any(parts) => {
            let parts = parts.iter().map(|part| proof(part, who, policies));
            quote!(::secure::__private::any((#(|| #parts,)*)))
        }
        Requirement::All(parts) => {
            let parts = parts.iter().map(|part| proof(part, who, policies));
            quote!(::secure::__private::all((#(|| #parts,)*)))
        }
        Requirement::Scope(scope) => {
            let literal = &scope.scope;
            quote!(::secure::__private::scope(#who, #literal))
        }
        Requirement::Policy(policy) => {
            let predicate = &policy.predicate;
            let args = policies.next().into_iter().flatten();
            let call = quote_spanned! {predicate.span()=>
                #predicate(#who #(, #args)*)
            };
            quote!(::secure::__private::policy(#who, |#who| #call))
        }
    }
}
