use secure::prelude::*;

secure::roles! {
    pub Admin = "admin";
}

trait Store {
    #[requires(Admin)]
    fn purge(&self, #[subject] caller: &Principal) -> Result<(), Forbidden>;
}

fn main() {}
