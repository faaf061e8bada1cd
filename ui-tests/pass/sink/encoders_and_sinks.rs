// The sinks used as intended compile, also next to names that shadow the prelude.
#![deny(warnings)]

use secure::encode::{HtmlAttrValue, SafeUrl, UrlQueryValue};
use secure::sink::sql::LikePattern;

#[allow(dead_code)]
struct Vec;
#[allow(dead_code)]
struct Option;
#[allow(dead_code)]
struct String;

#[derive(secure::SqlIdentifier, Clone, Copy)]
enum Sort {
    Name,
    #[sql(name = "created")]
    CreatedAt,
}

fn main() {
    let user = "<Mallory>";
    let site = SafeUrl::parse("https://example.com/").unwrap();
    let _ = secure::html!(
        "<a href=\"{}\" title=\"{}\">{}</a><a href=\"/s?q={}\">{}</a><input value={}>",
        site,
        user,
        user,
        UrlQueryValue::encode(user),
        7,
        HtmlAttrValue::encode(user),
    );
    let _ = secure::sql!(
        r"SELECT {} FROM t WHERE a = ? AND b LIKE ? ESCAPE '\' ORDER BY {}",
        Sort::Name,
        user,
        LikePattern::contains(user),
        Sort::CreatedAt,
    );
    let _ = secure::command!("git", "log", "--", user);
    let _ = secure::ldap_filter!("(&(uid={})(objectClass=person))", user);
}
