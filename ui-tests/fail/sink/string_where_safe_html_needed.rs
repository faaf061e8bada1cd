// A page body takes `SafeHtml`; user text must be escaped (or passed through `html!`) first.
use secure::encode::SafeHtml;

fn render(body: SafeHtml) -> String {
    body.into_string()
}

fn main() {
    let comment = String::from("<script>alert(1)</script>");
    render(comment);
}
