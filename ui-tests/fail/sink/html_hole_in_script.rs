// HTML escaping does not protect a value inside `<script>`.
fn main() {
    let name = "x";
    let _ = secure::html!("<script>var name = \"{}\";</script>", name);
}
