// A hole after a literal `javascript:` (in any case, through a character reference, or with a
// tab inside) is code however it is encoded; so is a hole inside the scheme itself.
use secure::encode::UrlQueryValue;

fn main() {
    let id = UrlQueryValue::encode("1);alert(document.domain");
    let _ = secure::html!("<a href=\"javascript:open({})\">open</a>", &id);
    let _ = secure::html!("<a href=\"JavaScript&#58;open({})\">open</a>", &id);
    let _ = secure::html!("<a href=\"java\tscript:open({})\">open</a>", &id);
    let _ = secure::html!("<iframe src=\"data:text/html,{}\"></iframe>", &id);
    let _ = secure::html!("<a href=\"java{}:open()\">open</a>", &id);
}
