// After `<!--<script>` inside a script, the browser does not end it at the first `</script>`:
// the hole that looks like text after it would run as script.
fn main() {
    let name = "alert(document.domain)";
    let _ = secure::html!("<script><!--<script>\n'</script>'\n{}\n</script>", name);
}
