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
    // Text that decodes to a space does not start the value: the hole after it is a part,
    // which could spell the scheme.
    let _ = secure::html!("<a href=\"&#32;{}:open()\">open</a>", &id);
    // A reference with any number of leading zeros is still a `j`.
    let _ = secure::html!("<a href=\"&#00000000000000000000000000000000000000000000106;avascript:{}\">open</a>", &id);
}
