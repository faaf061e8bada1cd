// `html!` takes its values after the template; a name inside the braces, as `format!`
// allows, is refused with what to write instead.
fn main() {
    let name = "Ada";
    let _ = secure::html!("<p>Hello, {name}!</p>");
}
