// `SafeHtml` has no public constructor from a string; `secure::unchecked::safe_html` is the
// one, visible in review.
use secure::encode::SafeHtml;

fn main() {
    let _ = SafeHtml(String::from("<script>alert(1)</script>"));
}
