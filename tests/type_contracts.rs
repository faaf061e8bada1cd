//! The traits the proof and safe types must not have: a conversion from a string, a parser or
//! a deserializer would let any text become a "safe" value without its encoder, check or
//! macro, and a `Deref`, `Display` or `Serialize` on a tainted or secret value would let it
//! out unchecked. The compile-fail cases in `ui-tests/` show the messages; this file covers
//! every type at once.

use std::borrow::Cow;
use std::fmt::Display;
use std::ops::{Deref, DerefMut};
use std::str::FromStr;

use secure::encode::{
    CssString, HtmlAttrValue, JsString, SafeHeaderValue, SafeHtml, SafeRedirect, SafeUrl,
    UnquotedAttrValue, UrlPathSegment, UrlQueryValue,
};
use secure::prelude::*;
use secure::sink::ldap::{LdapDnValue, LdapFilter, LdapFilterValue};
use secure::sink::path::SafePath;
use secure::sink::shell::SafeCommand;
use secure::sink::sql::{LikePattern, SqlIdent, SqlQuery};

secure::roles! {
    pub Admin = "admin";
}

/// Whether `$ty` implements `$bound`, decided at compile time: an inherent constant, which
/// exists only when the bound holds, wins over the blanket trait's.
macro_rules! implements {
    ($ty:ty: $($bound:tt)+) => {{
        #[allow(dead_code)]
        trait Fallback {
            const IMPLEMENTS: bool = false;
        }
        impl<T: ?Sized> Fallback for T {}
        struct Probe<T: ?Sized>(core::marker::PhantomData<T>);
        #[allow(dead_code)]
        impl<T: ?Sized + $($bound)+> Probe<T> {
            const IMPLEMENTS: bool = true;
        }
        <Probe<$ty>>::IMPLEMENTS
    }};
}

/// No value out of nothing: an empty default is not a checked URL, path, query or command.
macro_rules! assert_no_default {
    ($($ty:ty),+ $(,)?) => {$(
        assert!(!implements!($ty: Default), "{}: Default", stringify!($ty));
    )+};
}

/// Every way a value could be made from text without its own constructor.
macro_rules! assert_not_from_text {
    ($($ty:ty),+ $(,)?) => {$(
        let name = stringify!($ty);
        assert!(!implements!($ty: From<String>), "{name}: From<String>");
        assert!(!implements!($ty: From<&'static str>), "{name}: From<&str>");
        assert!(!implements!($ty: From<Cow<'static, str>>), "{name}: From<Cow<str>>");
        assert!(!implements!($ty: From<Box<str>>), "{name}: From<Box<str>>");
        assert!(!implements!($ty: FromStr), "{name}: FromStr");
        assert!(!implements!($ty: serde::de::DeserializeOwned), "{name}: Deserialize");
        assert!(!implements!($ty: DerefMut), "{name}: DerefMut");
        assert!(!implements!($ty: AsMut<str>), "{name}: AsMut<str>");
    )+};
}

#[test]
fn safe_types_are_made_only_by_their_encoder_check_or_macro() {
    assert_not_from_text!(
        SafeHtml,
        HtmlAttrValue,
        UnquotedAttrValue,
        JsString,
        CssString,
        UrlQueryValue,
        UrlPathSegment,
        SafeUrl,
        SafeRedirect,
        SafeHeaderValue,
        SqlQuery<'static>,
        LikePattern,
        SqlIdent,
        SafePath,
        SafeCommand,
        LdapFilterValue,
        LdapDnValue,
        LdapFilter,
    );
    assert_no_default!(
        HtmlAttrValue,
        UnquotedAttrValue,
        JsString,
        CssString,
        UrlQueryValue,
        UrlPathSegment,
        SafeUrl,
        SafeRedirect,
        SafeHeaderValue,
        SqlQuery<'static>,
        LikePattern,
        SqlIdent,
        SafePath,
        SafeCommand,
        LdapFilterValue,
        LdapDnValue,
        LdapFilter,
    );
    // The one default: empty markup, which holds nothing to escape.
    assert_eq!(SafeHtml::default().as_str(), "");
}

#[test]
fn untrusted_values_cannot_be_read_or_written_out() {
    type Input = Untrusted<String>;
    assert!(!implements!(Input: Deref));
    assert!(!implements!(Input: AsRef<String>));
    assert!(!implements!(Input: AsRef<str>));
    assert!(!implements!(Input: std::borrow::Borrow<String>));
    assert!(!implements!(Input: Display));
    assert!(!implements!(Input: serde::Serialize));
    assert!(implements!(Input: serde::de::DeserializeOwned));
}

#[test]
fn sanitized_values_are_proofs_that_cannot_be_forged_or_edited() {
    type Checked = Sanitized<String>;
    assert!(implements!(Checked: Deref<Target = String>));
    assert!(!implements!(Checked: DerefMut));
    assert!(!implements!(Checked: AsMut<String>));
    assert!(!implements!(Checked: From<String>));
    assert!(!implements!(Checked: Default));
    assert!(!implements!(Checked: serde::de::DeserializeOwned));
    assert!(implements!(Checked: serde::Serialize));
}

#[test]
fn secrets_are_read_only_through_expose_secret() {
    assert!(!implements!(SecretString: Deref));
    assert!(!implements!(SecretString: AsRef<str>));
    assert!(!implements!(SecretString: AsRef<String>));
    assert!(!implements!(SecretString: Display));
    assert!(!implements!(SecretString: serde::Serialize));
    assert!(!implements!(SecretString: Clone));
    assert!(!implements!(SecretString: PartialEq<String>));
    assert!(!implements!(SecretString: PartialEq<str>));
    assert!(implements!(SecretString: serde::de::DeserializeOwned));
    assert!(implements!(SecretString: ExposeSecret<String>));
}

#[test]
fn proofs_of_authorization_are_minted_only_by_the_check() {
    type Proof = Authorized<Admin>;
    assert_eq!(core::mem::size_of::<Proof>(), 0);
    assert!(!implements!(Proof: Default));
    assert!(!implements!(Proof: serde::de::DeserializeOwned));
    assert!(!implements!(Proof: From<Admin>));
    assert!(!implements!(Proof: From<()>));
    assert!(!implements!(Proof: From<Authorized<secure::authz::Any<(Admin,)>>>));
}

/// The hidden functions the generated check calls are reachable by hand through
/// `secure::__private`; none of them makes a proof for a subject the check would refuse.
#[test]
fn the_hidden_check_makes_no_proof_the_check_would_refuse() {
    use secure::__private::{Check, Role, all, any, authorize, policy, scope};

    const CHECK: Check = Check {
        requirement: "Admin",
        function: "type_contracts::by_hand",
    };
    let guest = Principal::new("guest").with_role("viewer");
    let admin = Principal::new("root").with_role("admin");
    let nobody: Option<&Principal> = None;

    let as_admin = |subject: &Principal| authorize(subject, Admin::check, &CHECK);
    assert!(as_admin(&guest).is_err());
    let proof: Authorized<Admin> = as_admin(&admin).unwrap();
    assert_eq!(format!("{proof:?}"), "Authorized<type_contracts::Admin>");
    assert!(authorize(&nobody, Admin::check, &CHECK).is_err());

    // The parts of a combination must each return their own proof.
    let refused = authorize(
        &guest,
        |who| {
            any((
                || Admin::check(who),
                || scope(who, "orders:write"),
                || policy(who, |caller| caller.id() == "root"),
            ))
        },
        &CHECK,
    );
    assert!(refused.is_err());
    let half = authorize(
        &admin,
        |who| all((|| Admin::check(who), || scope(who, "orders:write"))),
        &CHECK,
    );
    assert!(half.is_err());
}
