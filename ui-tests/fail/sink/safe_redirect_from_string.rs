use secure::encode::SafeRedirect;

fn main() {
    let _: SafeRedirect = "//evil.example".parse().unwrap();
}
