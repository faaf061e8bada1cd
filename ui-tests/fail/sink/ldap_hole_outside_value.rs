fn main() {
    let attribute = "uid";
    let _ = secure::ldap_filter!("({}=admin)", attribute);
}
