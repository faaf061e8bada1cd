// A link target takes `SafeUrl`, whose scheme was checked; a `&str` could be `javascript:`.
use secure::encode::SafeUrl;

fn link(target: &SafeUrl) -> String {
    format!("<a href=\"{target}\">")
}

fn main() {
    let next: &str = "javascript:alert(1)";
    link(next);
}
