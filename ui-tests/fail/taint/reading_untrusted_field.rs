use secure::prelude::*;

#[derive(Validate)]
struct Comment {
    #[validate(length(max = 500))]
    body: String,
}

fn main() {
    let input = Untrusted::new(Comment { body: "hi".into() });
    println!("{}", input.body);
}
