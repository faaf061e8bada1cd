// Every mistake of one template is reported, and nothing else: no complaint about the
// macro's expansion.
fn main() {
    let (name, action) = ("x", "y");
    let _ = secure::html!("<script>{}</script><a onclick=\"{}\">go</a>", name, action);
}
