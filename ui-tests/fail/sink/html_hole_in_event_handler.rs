fn main() {
    let id = "x";
    let _ = secure::html!("<button onclick=\"remove('{}')\">x</button>", id);
}
