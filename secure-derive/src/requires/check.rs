//! Checks the attribute against the function it guards: finds the subject parameter, the
//! arguments of each policy and the return type, and produces the [`Plan`] that emission takes.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote};
use syn::spanned::Spanned;
use syn::{FnArg, GenericParam, Ident, ItemFn, Pat, ReturnType, Type, TypeParamBound};

use super::model::{Attr, Param, Plan, Policy};
use crate::errors::Errors;
use crate::keywords::hint_among;

const SUBJECT: &str = "subject";

/// Removes the `#[subject]` markers of one parameter.
pub(crate) fn strip_markers(input: &mut FnArg) {
    let attrs = match input {
        FnArg::Receiver(receiver) => &mut receiver.attrs,
        FnArg::Typed(typed) => &mut typed.attrs,
    };
    attrs.retain(|attr| !attr.path().is_ident(SUBJECT));
}

/// Removes every `#[subject]` marker from the signature, so that the function compiles
/// whatever else goes wrong, and returns the parameters that carried one.
pub(crate) fn take_subject_markers(function: &mut ItemFn, errors: &mut Errors) -> Vec<usize> {
    let mut marked = Vec::new();
    for (index, input) in function.sig.inputs.iter_mut().enumerate() {
        let attrs = match input {
            FnArg::Receiver(receiver) => &mut receiver.attrs,
            FnArg::Typed(typed) => &mut typed.attrs,
        };
        let before = attrs.len();
        attrs.retain(|attr| {
            let is_marker = attr.path().is_ident(SUBJECT);
            if is_marker && !matches!(attr.meta, syn::Meta::Path(_)) {
                errors.at(attr, "`#[subject]` takes no arguments");
            }
            !is_marker
        });
        if attrs.len() != before {
            marked.push(index);
        }
    }
    marked
}

pub(crate) fn check(
    attr: Attr,
    function: &ItemFn,
    marked: &[usize],
    errors: &mut Errors,
) -> Option<Plan> {
    check_shape(function, errors);
    let params = params(function);
    let subject = find_subject(function, marked, errors);
    let output_span = check_output(function, errors);

    let requirement = attr.requirement?;
    let policy_args = requirement
        .policies()
        .into_iter()
        .map(|policy| policy_args(policy, &params, subject, errors))
        .collect();
    let subject = &params[subject?];
    Some(Plan {
        requirement,
        proof: attr.proof,
        csrf: attr.csrf,
        subject: subject.by_name(),
        subject_span: subject.span,
        policy_args,
        output_span: output_span?,
        handler: crate::route::is_handler(function) && marked.is_empty(),
    })
}

fn check_shape(function: &ItemFn, errors: &mut Errors) {
    if let Some(constness) = &function.sig.constness {
        errors.at(
            constness,
            "`#[requires]` cannot guard a `const fn`: the check runs at run time; remove `const`",
        );
    }
    if let Some(variadic) = &function.sig.variadic {
        errors.at(variadic, "`#[requires]` cannot guard a variadic function");
    }
}

/// The names a pattern binds.
fn bound_names(pat: &Pat) -> Vec<Ident> {
    use syn::visit::Visit;

    struct Names(Vec<Ident>);
    impl<'ast> Visit<'ast> for Names {
        fn visit_pat_ident(&mut self, ident: &'ast syn::PatIdent) {
            self.0.push(ident.ident.clone());
            syn::visit::visit_pat_ident(self, ident);
        }
    }
    let mut names = Names(Vec::new());
    names.visit_pat(pat);
    names.0
}

/// Every parameter, receiver first, in the shape a policy can receive it.
fn params(function: &ItemFn) -> Vec<Param> {
    function
        .sig
        .inputs
        .iter()
        .map(|input| match input {
            FnArg::Receiver(receiver) => Param {
                name: Some(Ident::new("self", receiver.self_token.span)),
                span: receiver.span(),
                is_ref: receiver.reference.is_some(),
                bound_inside: Vec::new(),
            },
            FnArg::Typed(typed) => {
                let name = match &*typed.pat {
                    Pat::Ident(ident) if ident.subpat.is_none() => Some(ident.ident.clone()),
                    _ => None,
                };
                let bound_inside = match name {
                    Some(_) => Vec::new(),
                    None => bound_names(&typed.pat),
                };
                Param {
                    name,
                    span: typed.pat.span(),
                    is_ref: matches!(&*typed.ty, Type::Reference(_)),
                    bound_inside,
                }
            }
        })
        .collect()
}

impl Param {
    fn by_name(&self) -> TokenStream {
        self.name.to_token_stream()
    }

    /// The parameter as a policy receives it, written with `name` so that type errors
    /// point there: `&name`, or `&*name` for a reference.
    fn passed_as(&self, name: &Ident) -> TokenStream {
        if self.is_ref {
            quote!(&*#name)
        } else {
            quote!(&#name)
        }
    }
}

/// The index of the subject parameter: the one marked `#[subject]`, or else the only one
/// whose type is a subject by its look (`Principal`, or a type parameter bound by `Subject`).
fn find_subject(function: &ItemFn, marked: &[usize], errors: &mut Errors) -> Option<usize> {
    let inputs: Vec<&FnArg> = function.sig.inputs.iter().collect();
    if let [first, rest @ ..] = marked {
        for extra in rest {
            errors.at(
                inputs[*extra],
                "only one parameter can be the `#[subject]` of `#[requires]`",
            );
        }
        return named_subject(inputs[*first], errors).then_some(*first);
    }

    let candidates: Vec<usize> = inputs
        .iter()
        .enumerate()
        .filter(|(_, input)| match input {
            FnArg::Typed(typed) => looks_like_subject(&typed.ty, function),
            FnArg::Receiver(_) => false,
        })
        .map(|(index, _)| index)
        .collect();
    // The caller is taken by its type only where that cannot be the target of the call: a
    // `Caller` extractor anywhere, or a subject as the first parameter. Elsewhere it may be
    // the account acted on while the caller's own type goes unrecognised.
    let first_typed = inputs
        .iter()
        .position(|input| matches!(input, FnArg::Typed(_)));
    match candidates.as_slice() {
        [only] if Some(*only) != first_typed && !is_caller_extractor(inputs[*only]) => {
            errors.at(
                inputs[*only],
                "`#[requires]` would check this parameter, which is not the first: if it is the caller, mark it with `#[subject]` or put it first; if another parameter is the caller, mark that one with `#[subject]`",
            );
            None
        }
        [only] => named_subject(inputs[*only], errors).then_some(*only),
        [] if crate::route::is_handler(function) && marked.is_empty() => {
            errors.at(
                &function.sig.ident,
                "`#[requires]` cannot find the caller of this handler: take it as an argument, such as `caller: secure::axum::Caller`; if this is not a web handler, mark the parameter that holds the subject with `#[subject]`",
            );
            None
        }
        [] => {
            errors.at(
                &function.sig.ident,
                "`#[requires]` cannot find the caller: mark the parameter that holds the subject with `#[subject]`, such as `#[subject] user: &Principal`",
            );
            None
        }
        [_, others @ ..] => {
            for other in others {
                errors.at(
                    inputs[*other],
                    "several parameters could be the subject of `#[requires]`; mark the caller with `#[subject]`",
                );
            }
            None
        }
    }
}

/// Whether the parameter's type is the web `Caller` extractor.
fn is_caller_extractor(input: &FnArg) -> bool {
    let FnArg::Typed(typed) = input else {
        return false;
    };
    match &*typed.ty {
        Type::Path(path) => path
            .path
            .segments
            .last()
            .is_some_and(|last| last.ident == "Caller"),
        _ => false,
    }
}

fn named_subject(input: &FnArg, errors: &mut Errors) -> bool {
    match input {
        FnArg::Receiver(_) => true,
        FnArg::Typed(typed) => match &*typed.pat {
            Pat::Ident(ident) if ident.subpat.is_none() => true,
            pattern => {
                errors.at(
                    pattern,
                    "the subject of `#[requires]` must be a named parameter, such as `#[subject] user: &Principal`",
                );
                false
            }
        },
    }
}

/// Whether `ty`, behind references, `Option`, smart pointers and the web `Caller` extractor,
/// is `Principal`, a type parameter bound by `Subject`, an `impl Subject`, or `Caller`.
fn looks_like_subject(ty: &Type, function: &ItemFn) -> bool {
    match ty {
        Type::Reference(reference) => looks_like_subject(&reference.elem, function),
        Type::Paren(paren) => looks_like_subject(&paren.elem, function),
        Type::ImplTrait(bounds) => bounds.bounds.iter().any(is_subject_bound),
        Type::Path(path) if path.qself.is_none() => {
            let Some(last) = path.path.segments.last() else {
                return false;
            };
            let wrapped = match &last.arguments {
                syn::PathArguments::AngleBracketed(args)
                    if ["Option", "Box", "Rc", "Arc", "Caller"]
                        .contains(&last.ident.to_string().as_str()) =>
                {
                    args.args.iter().any(|arg| match arg {
                        syn::GenericArgument::Type(inner) => looks_like_subject(inner, function),
                        _ => false,
                    })
                }
                _ => false,
            };
            wrapped
                || last.ident == "Principal"
                || last.ident == "Caller"
                || (path.path.segments.len() == 1 && is_subject_param(&last.ident, function))
        }
        _ => false,
    }
}

fn is_subject_param(ident: &Ident, function: &ItemFn) -> bool {
    let generics = &function.sig.generics;
    let in_params = generics.params.iter().any(|param| match param {
        GenericParam::Type(param) => {
            param.ident == *ident && param.bounds.iter().any(is_subject_bound)
        }
        _ => false,
    });
    let in_where = generics.where_clause.iter().any(|clause| {
        clause.predicates.iter().any(|predicate| match predicate {
            syn::WherePredicate::Type(predicate) => {
                matches!(&predicate.bounded_ty, Type::Path(path) if path.path.is_ident(ident))
                    && predicate.bounds.iter().any(is_subject_bound)
            }
            _ => false,
        })
    });
    in_params || in_where
}

fn is_subject_bound(bound: &TypeParamBound) -> bool {
    match bound {
        TypeParamBound::Trait(bound) => bound
            .path
            .segments
            .last()
            .is_some_and(|segment| segment.ident == "Subject"),
        _ => false,
    }
}

/// The span the return type check lands on, or an error if nothing is returned at all.
fn check_output(function: &ItemFn, errors: &mut Errors) -> Option<Span> {
    match &function.sig.output {
        ReturnType::Type(_, ty) => Some(ty.span()),
        ReturnType::Default => {
            let name = &function.sig.ident;
            errors.at(
                name,
                format!("`#[requires]` returns refusals through the function's `Result`, but `{name}` returns nothing; return `Result<(), E>` where `E: From<secure::authz::Forbidden>`"),
            );
            None
        }
    }
}

/// What one policy receives after the subject: the arguments it lists, or every argument
/// but the subject.
fn policy_args(
    policy: &Policy,
    params: &[Param],
    subject: Option<usize>,
    errors: &mut Errors,
) -> Vec<TokenStream> {
    match &policy.args {
        Some(names) => names
            .iter()
            .filter_map(|name| listed_arg(name, params, subject, errors))
            .collect(),
        None => params
            .iter()
            .enumerate()
            .filter(|(index, _)| Some(*index) != subject)
            .filter_map(|(_, param)| {
                if param.name.is_none() {
                    errors.push(syn::Error::new(
                        param.span,
                        "`policy(path)` passes every argument to the predicate, but this one has no name; bind it to a name, or list the arguments: `policy(path(a, b))`",
                    ));
                }
                param.name.as_ref().map(|name| param.passed_as(name))
            })
            .collect(),
    }
}

fn listed_arg(
    name: &Ident,
    params: &[Param],
    subject: Option<usize>,
    errors: &mut Errors,
) -> Option<TokenStream> {
    let found = params
        .iter()
        .position(|param| param.name.as_ref() == Some(name));
    match found {
        Some(index) if Some(index) == subject => {
            errors.at(
                name,
                format!("`{name}` is the subject, which the policy already receives first; list only the other arguments"),
            );
            None
        }
        Some(index) => Some(params[index].passed_as(name)),
        None if params.iter().any(|param| param.bound_inside.contains(name)) => {
            errors.at(
                name,
                format!("`{name}` is bound inside a pattern, and a policy receives whole arguments: name the argument instead, as `{name}: Path<..>` rather than `Path({name})`, and let the policy take it"),
            );
            None
        }
        None => {
            let known = params.iter().filter_map(|param| param.name.as_ref());
            let names: Vec<String> = known.map(Ident::to_string).collect();
            let hint = hint_among(&name.to_string(), names.iter().map(String::as_str));
            errors.at(
                name,
                format!("`{name}` is not a parameter of this function{hint}"),
            );
            None
        }
    }
}
