use secure::http::cookie::Cookie;

fn main() {
    let _cookie = Cookie::new("widget", "abc").insecure().same_site_none().build();
}
