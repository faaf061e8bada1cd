// A blind index has its own key: an encryption key is refused.
use secure::crypto::{BlindIndex, Key, Normalization};

fn main() {
    let _ = BlindIndex::new(Key::generate().unwrap(), Normalization::Exact);
}
