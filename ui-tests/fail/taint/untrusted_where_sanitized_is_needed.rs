use secure::prelude::*;

#[derive(Validate)]
struct Comment {
    #[validate(length(max = 500))]
    body: String,
}

fn publish(comment: Sanitized<Comment>) -> usize {
    comment.body.len()
}

fn main() {
    let input = Untrusted::new(Comment { body: "hi".into() });
    publish(input);
}
