use secure::http::cookie::Cookie;

fn main() {
    let _cookie = Cookie::host("sid", "abc").domain("example.com").build();
}
