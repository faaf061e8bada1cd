fn main() {
    let filter = format!("(uid={})", "*");
    let _ = secure::ldap_filter!(filter);
}
