//! The taint wrappers cost nothing at run time: `Untrusted<T>` and `Sanitized<T>` have the
//! size and alignment of `T`, and keep its niche, so an `Option` of one is no larger either.

use core::mem::{align_of, size_of};

use secure::{Sanitized, Untrusted};

struct Signup {
    _username: String,
    _age: u32,
    _tags: Vec<String>,
    _website: Option<String>,
}

fn assert_same_layout<T>() {
    let name = core::any::type_name::<T>();
    assert_eq!(
        size_of::<Untrusted<T>>(),
        size_of::<T>(),
        "Untrusted<{name}>"
    );
    assert_eq!(
        align_of::<Untrusted<T>>(),
        align_of::<T>(),
        "Untrusted<{name}>"
    );
    assert_eq!(
        size_of::<Sanitized<T>>(),
        size_of::<T>(),
        "Sanitized<{name}>"
    );
    assert_eq!(
        align_of::<Sanitized<T>>(),
        align_of::<T>(),
        "Sanitized<{name}>"
    );
    assert_eq!(
        size_of::<Option<Untrusted<T>>>(),
        size_of::<Option<T>>(),
        "Option<Untrusted<{name}>>"
    );
    assert_eq!(
        size_of::<Option<Sanitized<T>>>(),
        size_of::<Option<T>>(),
        "Option<Sanitized<{name}>>"
    );
}

#[test]
fn the_wrappers_have_the_layout_of_what_they_wrap() {
    assert_same_layout::<()>();
    assert_same_layout::<u8>();
    assert_same_layout::<u32>();
    assert_same_layout::<u128>();
    assert_same_layout::<String>();
    assert_same_layout::<Box<str>>();
    assert_same_layout::<Vec<String>>();
    assert_same_layout::<[u16; 3]>();
    assert_same_layout::<Signup>();
    assert_same_layout::<secure::SecretString>();
}

#[test]
fn an_option_of_a_wrapped_string_uses_the_string_niche() {
    assert_eq!(size_of::<Option<Untrusted<String>>>(), size_of::<String>());
    assert_eq!(size_of::<Option<Sanitized<String>>>(), size_of::<String>());
}
