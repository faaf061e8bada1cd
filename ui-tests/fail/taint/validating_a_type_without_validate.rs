use secure::prelude::*;

struct Comment {
    body: String,
}

fn main() {
    let input = Untrusted::new(Comment { body: "hi".into() });
    let _ = input.validate();
}
