use secure::prelude::*;

#[derive(Validate)]
struct Comment {
    #[validate(length(max = 5))]
    body: String,
}

fn main() {
    let comment = Untrusted::new(Comment { body: "hi".into() }).validate().unwrap();
    comment.body.push_str(" and a very long tail that the rule never saw");
}
