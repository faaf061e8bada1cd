use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::rc::Rc;
use std::sync::Arc;

use secure::prelude::*;

#[derive(Validate)]
struct Leaf {
    #[validate(length(min = 1))]
    name: String,
}

#[derive(Validate)]
struct Everything<'a> {
    #[validate(length(max = 5))]
    owned: String,
    #[validate(length(max = 5))]
    borrowed: &'a str,
    #[validate(length(max = 5))]
    cow: Cow<'a, str>,
    #[validate(length(max = 5))]
    boxed: Box<str>,
    #[validate(length(max = 5))]
    shared: Arc<str>,
    #[validate(length(max = 5))]
    counted: Rc<String>,
    #[validate(email)]
    optional: Option<String>,
    #[validate(each(length(max = 5)))]
    list: Vec<String>,
    #[validate(each(length(max = 5)))]
    slice: &'a [String],
    #[validate(each(range(max = 5)))]
    array: [u8; 2],
    #[validate(each(length(max = 5)))]
    queue: VecDeque<String>,
    #[validate(each(length(max = 5)))]
    set: BTreeSet<String>,
    #[validate(each(length(max = 5)))]
    hashed: HashSet<String>,
    #[validate(keys(length(max = 5)), values(range(max = 5)))]
    map: HashMap<String, u8>,
    #[validate(keys(length(max = 5)), values(each(range(max = 5))))]
    tree: BTreeMap<String, Vec<u8>>,
    #[validate(nested)]
    leaf: Leaf,
    #[validate(nested)]
    leaves: Option<Vec<Leaf>>,
    #[validate(nested)]
    boxed_leaf: Box<Leaf>,
    #[validate(nested)]
    leaf_map: BTreeMap<u32, Leaf>,
    #[validate(length(min = 12))]
    secret: SecretString,
    #[validate(length(min = 12))]
    maybe_secret: Option<Secret<String>>,
    #[validate(range(max = 5))]
    number: Option<Box<u8>>,
}

fn main() {
    let slice = ["ok".to_owned()];
    let value = Everything {
        owned: "ok".into(),
        borrowed: "ok",
        cow: Cow::Borrowed("ok"),
        boxed: "ok".into(),
        shared: "ok".into(),
        counted: Rc::new("ok".into()),
        optional: None,
        list: vec!["ok".into()],
        slice: &slice,
        array: [1, 2],
        queue: VecDeque::from(["ok".to_owned()]),
        set: BTreeSet::from(["ok".to_owned()]),
        hashed: HashSet::from(["ok".to_owned()]),
        map: HashMap::from([("ok".to_owned(), 1)]),
        tree: BTreeMap::from([("ok".to_owned(), vec![1])]),
        leaf: Leaf { name: "a".into() },
        leaves: Some(vec![Leaf { name: "b".into() }]),
        boxed_leaf: Box::new(Leaf { name: "c".into() }),
        leaf_map: BTreeMap::from([(1, Leaf { name: "d".into() })]),
        secret: Secret::from("long enough secret"),
        maybe_secret: None,
        number: Some(Box::new(5)),
    };
    assert!(Untrusted::new(value).validate().is_ok());
}
