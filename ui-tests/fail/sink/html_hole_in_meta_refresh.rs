// The `content` of a `<meta http-equiv="refresh">` sends the page to a URL.
fn main() {
    let next = "javascript:alert(1)";
    let _ = secure::html!("<meta http-equiv=\"refresh\" content=\"0; url={}\">", next);
}
