// A hole of `ldap_filter!` takes only types whose text is escaped there: an impl by hand
// could write unescaped text into the filter.
use secure::sink::ldap::LdapValue;

struct Raw(&'static str);

impl LdapValue for Raw {
    fn write_escaped(&self, out: &mut String) {
        out.push_str(self.0);
    }
}

fn main() {}
