use secure::encode::SafeUrl;

fn main() {
    let _: SafeUrl = String::from("javascript:alert(1)").into();
}
