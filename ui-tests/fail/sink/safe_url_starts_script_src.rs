// A `SafeUrl` may point at any site: it cannot choose where a page loads its script from.
use secure::encode::SafeUrl;

fn main() {
    let homepage = SafeUrl::parse("https://attacker.example/x.js").unwrap();
    let _ = secure::html!("<script src=\"{}\"></script>", homepage);
}
