use secure::prelude::*;

struct Notes;

impl Notes {
    fn owns(&self, caller: &Principal, note: &str) -> bool {
        note.starts_with(caller.id())
    }

    #[requires(policy(Notes::owns_note(self, note)))]
    pub async fn edit(&self, caller: &Principal, note: &str) -> Result<(), Forbidden> {
        Ok(())
    }

    fn owns_note(caller: &Principal, notes: &Notes, note: &str) -> bool {
        notes.owns(caller, note)
    }
}

fn main() {
    let _ = Notes.edit(&Principal::new("u"), "u/1");
}
