fn main() {
    let _ = secure::html!("<p>{} and {}</p>", "one");
}
