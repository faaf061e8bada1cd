// `SafeHtml` has no conversion from a string: text is escaped (`SafeHtml::escape`), literals go
// through `html!`, and `secure::unchecked::safe_html` is the one bypass, visible in review.
use secure::encode::SafeHtml;

fn main() {
    let comment = String::from("<script>alert(1)</script>");
    let _ = SafeHtml::from(comment);
}
