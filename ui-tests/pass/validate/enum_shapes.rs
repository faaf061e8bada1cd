use secure::prelude::*;

#[derive(Validate)]
enum Contact {
    Email {
        #[validate(email)]
        address: String,
    },
    Phone(#[validate(starts_with("+"))] String),
    Pair(#[validate(range(max = 9))] u8, #[validate(range(max = 9))] u8),
    Nobody,
    #[validate(skip)]
    Legacy(String),
}

#[derive(Validate)]
enum Never {}

fn main() {
    let cases = [
        (Contact::Email { address: "a@example.com".into() }, true),
        (Contact::Email { address: "nope".into() }, false),
        (Contact::Phone("+41".into()), true),
        (Contact::Pair(1, 10), false),
        (Contact::Nobody, true),
        (Contact::Legacy("anything".into()), true),
    ];
    for (contact, valid) in cases {
        assert_eq!(Untrusted::new(contact).validate().is_ok(), valid);
    }
    let _: Option<Untrusted<Never>> = None;
}
