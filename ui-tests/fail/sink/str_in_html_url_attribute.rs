// A hole that starts `href` takes a checked URL, not a string.
fn main() {
    let website: &str = "javascript:alert(1)";
    let _ = secure::html!("<a href=\"{}\">home</a>", website);
}
