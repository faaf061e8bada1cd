use std::fmt::Debug;

use secure::prelude::*;

#[derive(Validate)]
struct Page<'a, T, const N: usize>
where
    T: Debug,
{
    #[validate(nested)]
    items: Vec<T>,
    #[validate(length(max = N))]
    title: &'a str,
    #[validate(each(range(max = 100)))]
    scores: [u8; N],
}

#[derive(Validate)]
struct Score(#[validate(range(max = 10))] u32);

impl Debug for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Score")
    }
}

#[derive(Validate)]
struct Labelled<L: AsRef<str>>(#[validate(skip)] L, #[validate(nested)] Option<Box<Score>>);

fn main() {
    let page = Page::<Score, 2> { items: vec![Score(11)], title: "ab", scores: [1, 101] };
    let errors = Untrusted::new(page).validate().err().unwrap();
    assert_eq!(errors.to_string(), "items[0]: must be at most 10; scores[1]: must be at most 100");
    assert!(Untrusted::new(Labelled("x", Some(Box::new(Score(1))))).validate().is_ok());
}
