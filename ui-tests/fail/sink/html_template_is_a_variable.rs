fn main() {
    let template = "<p>hello</p>";
    let _ = secure::html!(template);
}
