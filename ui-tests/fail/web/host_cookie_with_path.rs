use secure::http::cookie::Cookie;

fn main() {
    let _cookie = Cookie::host("sid", "abc").path("/app").build();
}
