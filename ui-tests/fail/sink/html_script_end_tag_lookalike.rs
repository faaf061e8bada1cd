// `</scriptx>` does not end a script for the browser, so the hole is still inside it.
fn main() {
    let name = "alert(document.domain)";
    let _ = secure::html!("<script>var a = 1;</scriptx>{}</script>", name);
}
