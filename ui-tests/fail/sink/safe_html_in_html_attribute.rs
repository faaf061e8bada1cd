// An attribute value holds text; markup does not belong there.
fn main() {
    let bold = secure::html!("<b>x</b>");
    let _ = secure::html!("<p title=\"{}\">hi</p>", bold);
}
