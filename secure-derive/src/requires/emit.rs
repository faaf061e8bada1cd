//! Emits the guarded function: the scope checks as constants, the run-time check before the
//! body, and the proof under the chosen name.

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
    let outcome = outcome(plan, &function.sig.ident);
    let proof = plan.proof.as_ref().map(|name| {
        let proof = proof_type(&plan.requirement);
        quote! {
            let #name: ::secure::__private::Authorized<#proof> = ::secure::__private::mint();
        }
    });
    let forbidden = format_ident!("__secure_forbidden", span = Span::mixed_site());
    let refuse = quote_spanned! {plan.output_span=>
        ::secure::__private::refuse(#forbidden)
    };
    let block = &function.block;

    if route::is_handler(function) {
        let denial = format_ident!("__secure_denial", span = Span::mixed_site());
        let prelude = quote! {
            #scope_checks
            let #denial: ::core::option::Option<::secure::Forbidden> = #outcome.err();
        };
        let body = quote! {{
            if let ::core::option::Option::Some(#forbidden) = #denial {
                return #refuse;
            }
            #proof
            #block
        }};
        let decisions = route::decision_types(false, plan.csrf.as_ref());
        return route::guarded_fn(function, decisions, prelude, quote!(#denial), body);
    }

    let ItemFn {
        attrs, vis, sig, ..
    } = function;
    quote! {
        #(#attrs)*
        #vis #sig {
            #scope_checks
            if let ::core::result::Result::Err(#forbidden) = #outcome {
                return #refuse;
            }
            #proof
            #block
        }
    }
}

/// The run-time check, as an expression of type `Result<(), Forbidden>`: `Ok` if the subject
/// satisfies the requirement.
fn outcome(plan: &Plan, function: &syn::Ident) -> TokenStream {
    let hygienic = Span::mixed_site();
    let who = format_ident!("__secure_subject", span = hygienic);
    let site = format_ident!("__SECURE_CHECK", span = hygienic);
    let description = plan.requirement.describe();
    let function = function.to_string();
    let mut policies = plan.policy_args.iter();
    let satisfied = condition(&plan.requirement, &who, &mut policies);
    let subject = &plan.subject;
    let authorize = quote_spanned! {plan.subject_span=>
        ::secure::__private::authorize(&#subject, |#who| #satisfied, &#site)
    };

    quote! {
        {
            const #site: ::secure::__private::Check = ::secure::__private::Check {
                requirement: #description,
                function: ::core::concat!(::core::module_path!(), "::", #function),
            };
            // A requirement of one role reads `|subject| holds::<Role, _>(subject)`.
            #[allow(clippy::redundant_closure)]
            let outcome: ::core::result::Result<(), ::secure::Forbidden> = #authorize;
            outcome
        }
    }
}

/// The boolean expression of `requirement` over the subject `who`.
fn condition<'a>(
    requirement: &Requirement,
    who: &syn::Ident,
    policies: &mut impl Iterator<Item = &'a Vec<TokenStream>>,
) -> TokenStream {
    match requirement {
        Requirement::Role(role) => quote_spanned! {role.span()=>
            ::secure::__private::holds::<#role, _>(#who)
        },
        Requirement::Any(parts) => {
            let parts = parts.iter().map(|part| condition(part, who, policies));
            quote!((false #(|| #parts)*))
        }
        Requirement::All(parts) => {
            let parts = parts.iter().map(|part| condition(part, who, policies));
            quote!((true #(&& #parts)*))
        }
        Requirement::Scope(scope) => {
            let literal = &scope.scope;
            quote!(::secure::__private::granted(#who, #literal))
        }
        Requirement::Policy(policy) => {
            let predicate = &policy.predicate;
            let args = policies.next().into_iter().flatten();
            quote_spanned! {predicate.span()=>
                #predicate(#who #(, #args)*)
            }
        }
    }
}

/// The type parameter of the proof a requirement yields.
fn proof_type(requirement: &Requirement) -> TokenStream {
    match requirement {
        Requirement::Role(role) => quote!(#role),
        Requirement::Any(parts) => {
            let parts = parts.iter().map(proof_type);
            quote!(::secure::__private::Any<(#(#parts,)*)>)
        }
        Requirement::All(parts) => {
            let parts = parts.iter().map(proof_type);
            quote!(::secure::__private::All<(#(#parts,)*)>)
        }
        Requirement::Scope(_) => quote!(::secure::__private::ScopeCheck),
        Requirement::Policy(_) => quote!(::secure::__private::PolicyCheck),
    }
}
