use secure::prelude::*;

#[derive(Validate)]
struct Record {
    #[validate(length(max = 10))]
    r#type: String,
    #[validate(must_match(r#type))]
    r#match: String,
}

#[derive(Validate)]
enum r#Enum {
    r#Variant {
        #[validate(length(max = 1))]
        r#fn: String,
    },
}

fn main() {
    let record = Record { r#type: "x".repeat(11), r#match: "y".into() };
    let errors = Untrusted::new(record).validate().err().unwrap();
    assert_eq!(errors.to_string(), "type: must be at most 10 characters long; match: must match `type`");
    let value = r#Enum::r#Variant { r#fn: "ab".into() };
    let errors = Untrusted::new(value).validate().err().unwrap();
    assert_eq!(errors.to_string(), "Variant.fn: must be at most 1 character long");
}
