//! Every requirement form of `#[requires]`, role implication, async functions, methods and
//! policies, and that a refused call never runs its body.

use std::cell::Cell;

use secure::authz::{Authorized, Denial};
use secure::prelude::*;

secure::roles! {
    pub Admin = "admin", implies(Editor);
    pub Editor = "editor", implies(Viewer);
    pub Viewer = "viewer";
    pub Auditor = "auditor";
}

secure::scopes! {
    pub Scopes = ["orders:read", "orders:write"];
    pub Billing = ["invoices:send"];
}

#[derive(Debug, PartialEq)]
enum AppError {
    Unauthorized,
    Forbidden(&'static str),
}

impl From<Forbidden> for AppError {
    fn from(error: Forbidden) -> Self {
        match error.denial() {
            Denial::Unauthenticated => AppError::Unauthorized,
            _ => AppError::Forbidden(error.requirement()),
        }
    }
}

fn user(roles: &[&str]) -> Principal {
    Principal::new("user-1").with_roles(roles.iter().copied())
}

thread_local! {
    static RUNS: Cell<u32> = const { Cell::new(0) };
}

fn runs() -> u32 {
    RUNS.with(Cell::get)
}

fn record_run() {
    RUNS.with(|runs| runs.set(runs.get() + 1));
}

#[requires(Editor)]
fn edit(#[subject] caller: &Principal) -> Result<u32, AppError> {
    record_run();
    Ok(1)
}

#[test]
fn a_role_admits_its_holders_and_refuses_others() {
    assert_eq!(edit(&user(&["editor"])), Ok(1));
    assert_eq!(
        edit(&user(&["auditor"])),
        Err(AppError::Forbidden("Editor"))
    );
    assert_eq!(edit(&user(&[])), Err(AppError::Forbidden("Editor")));
}

#[test]
fn roles_are_implied_transitively_and_only_downwards() {
    assert_eq!(edit(&user(&["admin"])), Ok(1));

    #[requires(Viewer)]
    fn view(#[subject] caller: &Principal) -> Result<(), AppError> {
        Ok(())
    }
    assert_eq!(view(&user(&["admin"])), Ok(()));
    assert_eq!(view(&user(&["editor"])), Ok(()));
    assert_eq!(
        view(&user(&["auditor"])),
        Err(AppError::Forbidden("Viewer"))
    );

    #[requires(Admin)]
    fn administer(#[subject] caller: &Principal) -> Result<(), AppError> {
        Ok(())
    }
    assert_eq!(
        administer(&user(&["editor", "viewer"])),
        Err(AppError::Forbidden("Admin"))
    );
}

/// AUTHZ-01: role names are matched exactly, with no case folding or trimming.
#[test]
fn role_names_match_exactly() {
    for claim in [
        "Admin", "admin ", " admin", "ADMIN", "admin\n", "admin\0", "editor:",
    ] {
        assert_eq!(
            edit(&user(&[claim])),
            Err(AppError::Forbidden("Editor")),
            "{claim:?} must not pass as a role"
        );
    }
}

#[test]
fn a_refused_call_does_not_run_the_body() {
    let before = runs();

    assert!(edit(&user(&["viewer"])).is_err());
    assert!(edit(&user(&["Editor"])).is_err());
    assert_eq!(runs(), before);

    assert!(edit(&user(&["editor"])).is_ok());
    assert_eq!(runs(), before + 1);
}

#[requires(any(Admin, Auditor))]
fn read_audit_log(#[subject] caller: &Principal) -> Result<(), AppError> {
    Ok(())
}

#[test]
fn any_admits_each_part() {
    assert_eq!(read_audit_log(&user(&["admin"])), Ok(()));
    assert_eq!(read_audit_log(&user(&["auditor"])), Ok(()));
    assert_eq!(
        read_audit_log(&user(&["editor"])),
        Err(AppError::Forbidden("any(Admin, Auditor)"))
    );
}

#[requires(all(Editor, scope("orders:write")), proof = proof)]
fn write_order(#[subject] caller: &Principal) -> Result<Authorized<Editor>, AppError> {
    let (editor, _scope) = proof.split();
    Ok(editor)
}

#[test]
fn all_needs_every_part() {
    let both = user(&["editor"]).with_scope("orders:write");
    let role_only = user(&["editor"]);
    let scope_only = user(&["viewer"]).with_scope("orders:write");
    let refused = Err(AppError::Forbidden(r#"all(Editor, scope("orders:write"))"#));

    assert!(write_order(&both).is_ok());
    assert_eq!(write_order(&role_only).map(|_| ()), refused);
    assert_eq!(write_order(&scope_only).map(|_| ()), refused);
}

#[requires(scope("orders:read"))]
fn list_orders(#[subject] token: &Principal) -> Result<(), AppError> {
    Ok(())
}

#[requires(scope(Billing, "invoices:send"))]
fn send_invoice(#[subject] token: &Principal) -> Result<(), AppError> {
    Ok(())
}

#[test]
fn scopes_match_exactly_in_their_set() {
    assert_eq!(list_orders(&user(&[]).with_scope("orders:read")), Ok(()));
    assert!(list_orders(&user(&[]).with_scope("orders:write")).is_err());
    assert!(list_orders(&user(&[]).with_scope("Orders:Read")).is_err());
    assert!(list_orders(&user(&[]).with_scope("orders:read ")).is_err());
    assert!(list_orders(&user(&["admin"])).is_err());

    assert_eq!(send_invoice(&user(&[]).with_scope("invoices:send")), Ok(()));
    assert_eq!(
        send_invoice(&user(&[])),
        Err(AppError::Forbidden(r#"scope(Billing, "invoices:send")"#))
    );
}

struct Note {
    owner: String,
}

fn owns(caller: &Principal, note: &Note) -> bool {
    note.owner == caller.id()
}

#[requires(policy(owns(note)))]
fn rename(#[subject] caller: &Principal, note: &mut Note, title: String) -> Result<(), AppError> {
    record_run();
    note.owner.push_str(&title);
    Ok(())
}

#[test]
fn a_policy_reads_the_arguments_it_lists() {
    let mut mine = Note {
        owner: "user-1".into(),
    };
    let mut theirs = Note {
        owner: "user-2".into(),
    };
    let before = runs();

    assert_eq!(
        rename(&user(&[]), &mut theirs, "!".into()),
        Err(AppError::Forbidden("policy(owns(note))"))
    );
    assert_eq!(theirs.owner, "user-2");
    assert_eq!(runs(), before);

    assert_eq!(rename(&user(&[]), &mut mine, "!".into()), Ok(()));
    assert_eq!(mine.owner, "user-1!");
}

fn below_limit(caller: &Principal, amount: &u64, currency: &str) -> bool {
    let limit = if caller.has_role("admin") {
        10_000
    } else {
        100
    };
    *amount <= limit && currency == "EUR"
}

#[requires(any(Admin, policy(below_limit)))]
fn refund(#[subject] caller: &Principal, amount: u64, currency: &str) -> Result<u64, AppError> {
    Ok(amount)
}

#[test]
fn a_bare_policy_sees_every_other_argument_in_order() {
    assert_eq!(refund(&user(&[]), 50, "EUR"), Ok(50));
    assert!(refund(&user(&[]), 500, "EUR").is_err());
    assert!(refund(&user(&[]), 50, "USD").is_err());
    assert_eq!(refund(&user(&["admin"]), 500_000, "XXX"), Ok(500_000));
}

#[test]
fn no_subject_is_unauthenticated_and_runs_nothing() {
    #[requires(Viewer)]
    fn view(caller: Option<&Principal>) -> Result<(), AppError> {
        record_run();
        Ok(())
    }
    let before = runs();

    assert_eq!(view(None), Err(AppError::Unauthorized));
    assert_eq!(runs(), before);
    assert_eq!(view(Some(&user(&["viewer"]))), Ok(()));
}

#[test]
fn forbidden_names_the_function_and_not_the_subject() {
    #[requires(Admin)]
    fn purge(caller: &Principal) -> Result<(), Forbidden> {
        Ok(())
    }
    let error = purge(&Principal::new("alice@example.com").with_role("editor")).unwrap_err();

    assert_eq!(error.function(), "authz_requires::purge");
    assert_eq!(error.to_string(), "forbidden: requires `Admin`");
    assert!(!format!("{error:?}").contains("alice"));
}

struct Notes {
    saved: Cell<u32>,
}

impl Notes {
    /// Saves a note.
    #[requires(Editor, proof = editor)]
    pub fn save(&self, #[subject] caller: &Principal) -> Result<Authorized<Viewer>, AppError> {
        self.saved.set(self.saved.get() + 1);
        Ok(editor.weaken())
    }

    #[requires(policy(Notes::is_open))]
    fn comment(&self, caller: &Principal, text: &str) -> Result<usize, AppError> {
        Ok(text.len())
    }

    fn is_open(_caller: &Principal, notes: &Notes, text: &str) -> bool {
        notes.saved.get() > 0 && !text.is_empty()
    }
}

#[test]
fn methods_are_guarded_and_policies_see_self() {
    let notes = Notes {
        saved: Cell::new(0),
    };

    assert_eq!(
        notes.comment(&user(&[]), "hi"),
        Err(AppError::Forbidden("policy(Notes::is_open)"))
    );
    assert!(notes.save(&user(&["viewer"])).is_err());
    assert_eq!(notes.saved.get(), 0);

    assert!(notes.save(&user(&["admin"])).is_ok());
    assert_eq!(notes.saved.get(), 1);
    assert_eq!(notes.comment(&user(&[]), "hi"), Ok(2));
}

/// A user type of the application, which is its own subject.
struct Account {
    id: u64,
    staff: bool,
}

impl Subject for Account {
    fn id(&self) -> std::borrow::Cow<'_, str> {
        self.id.to_string().into()
    }

    fn has_role(&self, name: &str) -> bool {
        self.staff && name == "auditor"
    }

    fn has_scope(&self, _scope: &str) -> bool {
        false
    }
}

impl Account {
    #[requires(Auditor)]
    fn export(#[subject] &self) -> Result<u64, AppError> {
        Ok(self.id)
    }
}

#[test]
fn the_receiver_can_be_the_subject() {
    assert_eq!(Account { id: 3, staff: true }.export(), Ok(3));
    assert!(
        Account {
            id: 4,
            staff: false
        }
        .export()
        .is_err()
    );
}

#[requires(Editor)]
fn generic<S: Subject, T: Clone>(caller: &S, value: &T) -> Result<T, AppError> {
    Ok(value.clone())
}

#[requires(Viewer)]
fn by_impl(caller: impl Subject, value: u8) -> Result<u8, AppError> {
    Ok(value)
}

#[test]
fn generic_functions_are_guarded() {
    assert_eq!(generic(&user(&["editor"]), &"x"), Ok("x"));
    assert!(generic(&Account { id: 1, staff: true }, &1).is_err());
    assert_eq!(by_impl(user(&["viewer"]), 7), Ok(7));
    assert!(by_impl(Account { id: 1, staff: true }, 7).is_err());
}

mod asynchronous {
    use futures_executor::block_on;

    use super::*;

    #[requires(any(Admin, scope("orders:write")), proof = proof)]
    async fn ship(#[subject] caller: &Principal, order: u32) -> Result<u32, AppError> {
        let _: Authorized<secure::authz::Any<(Admin, secure::authz::ScopeCheck)>> = proof;
        record_run();
        Ok(order)
    }

    struct Queue;

    impl Queue {
        #[requires(Editor)]
        async fn push(
            &self,
            #[subject] caller: Option<&Principal>,
            job: &str,
        ) -> Result<usize, AppError> {
            Ok(job.len())
        }
    }

    /// An async method of a trait impl, without `self`, whose subject is owned: it has a web
    /// handler's shape, and the `#[subject]` mark says it is not one, so its signature stays
    /// the trait's.
    trait Maintenance {
        async fn purge(caller: Principal, keep: u32) -> Result<u32, AppError>;
    }

    struct Store;

    impl Maintenance for Store {
        #[requires(Admin)]
        async fn purge(#[subject] caller: Principal, keep: u32) -> Result<u32, AppError> {
            record_run();
            Ok(keep)
        }
    }

    #[test]
    fn a_marked_subject_keeps_an_async_trait_method_a_plain_function() {
        let before = runs();
        assert_eq!(
            block_on(Store::purge(user(&["viewer"]), 3)),
            Err(AppError::Forbidden("Admin"))
        );
        assert_eq!(runs(), before);
        assert_eq!(block_on(Store::purge(user(&["admin"]), 3)), Ok(3));
        assert_eq!(runs(), before + 1);
    }

    #[test]
    fn async_functions_check_before_the_body() {
        let before = runs();

        assert_eq!(
            block_on(ship(&user(&["viewer"]), 9)),
            Err(AppError::Forbidden(r#"any(Admin, scope("orders:write"))"#))
        );
        assert_eq!(runs(), before);

        let token = user(&[]).with_scope("orders:write");
        assert_eq!(block_on(ship(&token, 9)), Ok(9));
        assert_eq!(runs(), before + 1);
    }

    #[test]
    fn async_methods_tell_401_from_403() {
        let queue = Queue;

        assert_eq!(
            block_on(queue.push(None, "job")),
            Err(AppError::Unauthorized)
        );
        assert_eq!(
            block_on(queue.push(Some(&user(&["viewer"])), "job")),
            Err(AppError::Forbidden("Editor"))
        );
        assert_eq!(block_on(queue.push(Some(&user(&["admin"])), "job")), Ok(3));
    }
}
