use secure::prelude::*;

fn main() {
    let input = Untrusted::new(String::from("<script>"));
    println!("{input}");
}
