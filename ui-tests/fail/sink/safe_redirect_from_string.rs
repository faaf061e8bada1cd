use secure::encode::SafeRedirect;

fn main() {
    let _: SafeRedirect = String::from("//evil.example").into();
}
