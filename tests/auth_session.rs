//! Sessions: rotation on login and privilege change, timeouts, and what the store holds.

#![cfg(feature = "auth")]

use std::collections::HashSet;
use std::time::{Duration, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use secure::auth::ManualClock;
use secure::auth::session::{MemoryStore, SessionError, SessionId, SessionManager, SessionStore};
use secure::prelude::*;

#[derive(Clone, Debug, PartialEq)]
struct User {
    id: u64,
    roles: Vec<&'static str>,
}

fn user() -> User {
    User {
        id: 7,
        roles: vec!["reader"],
    }
}

type Sessions = SessionManager<User, Vec<String>>;

const IDLE: Duration = Duration::from_secs(15 * 60);
const ABSOLUTE: Duration = Duration::from_secs(4 * 60 * 60);

fn sessions() -> (Sessions, ManualClock) {
    let clock = ManualClock::new(UNIX_EPOCH + Duration::from_secs(1_700_000_000));
    let manager = SessionManager::new(MemoryStore::new())
        .idle_timeout(IDLE)
        .absolute_timeout(ABSOLUTE)
        .clock(clock.clone());
    (manager, clock)
}

/// A second handle on the same id, as an attacker who knows it would present it.
fn copy(id: &SessionId) -> SessionId {
    SessionId::parse(Secret::new(id.expose_secret().clone())).unwrap()
}

#[test]
fn ids_are_256_random_bits() {
    let (sessions, _) = sessions();
    let ids: Vec<SessionId> = (0..200)
        .map(|_| sessions.start(Vec::new()).unwrap())
        .collect();

    let texts: HashSet<&String> = ids.iter().map(|id| id.expose_secret()).collect();
    assert_eq!(texts.len(), 200);
    for text in texts {
        assert_eq!(text.len(), 43);
        assert_eq!(URL_SAFE_NO_PAD.decode(text).unwrap().len(), 32);
    }
}

#[test]
fn login_issues_a_new_id_and_refuses_the_old_one() {
    let (sessions, _) = sessions();
    let visitor = sessions.start(vec!["basket: 1 book".into()]).unwrap();
    let planted = copy(&visitor);

    let logged_in = sessions.login(Some(visitor), user()).unwrap();

    assert_ne!(logged_in.expose_secret(), planted.expose_secret());
    assert!(matches!(
        sessions.load(&planted),
        Err(SessionError::NotFound)
    ));
    let record = sessions.load(&logged_in).unwrap();
    assert_eq!(record.identity(), Some(&user()));
    assert!(
        record.data().is_empty(),
        "pre-login data is dropped by default"
    );
    assert_eq!(sessions.store().len(), 1);
}

#[test]
fn login_with_carries_only_what_it_keeps() {
    let (sessions, _) = sessions();
    let visitor = sessions
        .start(vec!["basket: 1 book".into(), "next: //evil.example".into()])
        .unwrap();

    let logged_in = sessions
        .login_with(Some(visitor), user(), |data| {
            data.into_iter()
                .filter(|item| item.starts_with("basket:"))
                .collect()
        })
        .unwrap();

    let record = sessions.load(&logged_in).unwrap();
    assert_eq!(record.data(), &vec![String::from("basket: 1 book")]);
}

#[test]
fn a_privilege_change_issues_a_new_id_and_refuses_the_old_one() {
    let (sessions, _) = sessions();
    let reader = sessions.login(None, user()).unwrap();
    let stolen = copy(&reader);

    let admin = sessions
        .elevate(reader, |user| user.roles.push("admin"))
        .unwrap();

    assert_ne!(admin.expose_secret(), stolen.expose_secret());
    assert!(matches!(
        sessions.load(&stolen),
        Err(SessionError::NotFound)
    ));
    assert_eq!(
        sessions.load(&admin).unwrap().identity().unwrap().roles,
        vec!["reader", "admin"]
    );

    // Dropping a privilege rotates too.
    let before = copy(&admin);
    let reader_again = sessions
        .elevate(admin, |user| user.roles.retain(|r| *r != "admin"))
        .unwrap();
    assert!(matches!(
        sessions.load(&before),
        Err(SessionError::NotFound)
    ));
    assert_eq!(
        sessions.load(&reader_again).unwrap().identity(),
        Some(&user())
    );
}

#[test]
fn only_one_of_two_racing_rotations_succeeds() {
    let (sessions, _) = sessions();
    let first = sessions.login(None, user()).unwrap();
    let second = copy(&first);

    assert!(
        sessions
            .elevate(first, |user| user.roles.push("admin"))
            .is_ok()
    );
    assert!(matches!(
        sessions.elevate(second, |user| user.roles.push("admin")),
        Err(SessionError::NotFound)
    ));
    assert_eq!(sessions.store().len(), 1);
}

#[test]
fn anonymous_sessions_cannot_be_elevated() {
    let (sessions, _) = sessions();
    let visitor = sessions.start(vec!["basket".to_owned()]).unwrap();
    assert!(matches!(
        sessions.elevate(copy(&visitor), |user| user.roles.push("admin")),
        Err(SessionError::NotAuthenticated)
    ));
    // The refusal leaves the visitor's session as it was.
    let kept = sessions.load(&visitor).unwrap();
    assert_eq!(kept.identity(), None);
    assert_eq!(kept.data(), &vec!["basket".to_owned()]);
}

/// `Duration::MAX` means "as long as can be", not an overflow that ends every session.
#[test]
fn the_longest_timeouts_keep_sessions_rather_than_overflow() {
    let clock = ManualClock::new(UNIX_EPOCH + Duration::from_secs(1_700_000_000));
    let sessions: Sessions = SessionManager::new(MemoryStore::new())
        .idle_timeout(Duration::MAX)
        .absolute_timeout(Duration::MAX)
        .clock(clock.clone());
    let id = sessions.login(None, user()).unwrap();
    clock.advance(Duration::from_secs(10 * 365 * 24 * 60 * 60));
    assert!(sessions.load(&id).is_ok());
}

#[test]
fn idle_sessions_are_refused_and_removed() {
    let (sessions, clock) = sessions();
    let id = sessions.login(None, user()).unwrap();

    clock.advance(IDLE - Duration::from_secs(1));
    assert!(
        sessions.load(&id).is_ok(),
        "activity restarts the idle timeout"
    );
    clock.advance(IDLE - Duration::from_secs(1));
    assert!(sessions.load(&id).is_ok());

    clock.advance(IDLE);
    assert!(matches!(sessions.load(&id), Err(SessionError::IdleTimeout)));
    assert!(matches!(sessions.load(&id), Err(SessionError::NotFound)));
    assert!(sessions.store().is_empty());
}

#[test]
fn sessions_are_refused_after_the_absolute_timeout_however_active() {
    let (sessions, clock) = sessions();
    let id = sessions.login(None, user()).unwrap();

    let step = Duration::from_secs(10 * 60);
    let mut elapsed = Duration::ZERO;
    while elapsed + step < ABSOLUTE {
        clock.advance(step);
        elapsed += step;
        assert!(sessions.load(&id).is_ok(), "at {elapsed:?}");
    }
    clock.advance(ABSOLUTE - elapsed);
    assert!(matches!(
        sessions.load(&id),
        Err(SessionError::AbsoluteTimeout)
    ));
    assert!(matches!(sessions.load(&id), Err(SessionError::NotFound)));
}

#[test]
fn a_privilege_change_does_not_extend_the_absolute_timeout() {
    let (sessions, clock) = sessions();
    let sessions = sessions.idle_timeout(ABSOLUTE);
    let id = sessions.login(None, user()).unwrap();

    clock.advance(ABSOLUTE - Duration::from_secs(60));
    let admin = sessions
        .elevate(id, |user| user.roles.push("admin"))
        .unwrap();
    clock.advance(Duration::from_secs(60));
    assert!(matches!(
        sessions.load(&admin),
        Err(SessionError::AbsoluteTimeout)
    ));
}

#[test]
fn expired_sessions_cannot_be_rotated_or_updated() {
    let (sessions, clock) = sessions();
    let id = sessions.login(None, user()).unwrap();
    let again = copy(&id);
    clock.advance(IDLE);

    assert!(matches!(
        sessions.elevate(id, |_| {}),
        Err(SessionError::IdleTimeout)
    ));
    assert!(matches!(
        sessions.update(&again, |_| {}),
        Err(SessionError::NotFound)
    ));

    // Logging in from an expired session starts afresh.
    let fresh = sessions.login(Some(again), user()).unwrap();
    assert!(sessions.load(&fresh).unwrap().data().is_empty());
}

#[test]
fn updates_keep_the_id_and_logout_ends_the_session() {
    let (sessions, _) = sessions();
    let id = sessions.login(None, user()).unwrap();
    let same = copy(&id);

    sessions
        .update(&id, |data| data.push("theme: dark".into()))
        .unwrap();
    assert_eq!(
        sessions.load(&same).unwrap().data(),
        &vec![String::from("theme: dark")]
    );

    sessions.logout(id).unwrap();
    assert!(matches!(sessions.load(&same), Err(SessionError::NotFound)));
    assert!(sessions.logout(same).is_ok());
}

#[test]
fn the_store_holds_digests_not_ids() {
    let (sessions, clock) = sessions();
    let id = sessions.login(None, user()).unwrap();
    let key = id.store_key();

    assert!(sessions.store().get(&key).unwrap().is_some());
    assert_ne!(key.to_hex(), *id.expose_secret());
    // Presenting the digest as an id finds nothing.
    let digest_as_id = URL_SAFE_NO_PAD.encode(key.as_bytes());
    let forged = SessionId::parse(Secret::new(digest_as_id)).unwrap();
    assert!(matches!(
        sessions.load(&forged),
        Err(SessionError::NotFound)
    ));

    clock.advance(ABSOLUTE);
    assert_eq!(sessions.purge_expired().unwrap(), 1);
    assert!(sessions.store().is_empty());
}

#[test]
fn presented_ids_are_checked_for_shape() {
    for text in [
        "",
        "short",
        &"A".repeat(42),
        &"A".repeat(44),
        &format!("{}!", "A".repeat(42)),
    ] {
        assert!(
            matches!(
                SessionId::parse(Secret::from(text)),
                Err(SessionError::Malformed)
            ),
            "{text:?}"
        );
    }
}

#[test]
fn sessions_hold_the_authorization_principal() {
    use secure::authz::{Principal, Subject};

    let sessions: SessionManager<Principal, ()> = SessionManager::new(MemoryStore::new());
    let id = sessions
        .login(None, Principal::new("user-42").with_role("editor"))
        .unwrap();
    let admin = sessions
        .elevate(id, |principal| {
            *principal = principal.clone().with_role("admin");
        })
        .unwrap();

    let record = sessions.load(&admin).unwrap();
    let principal = record.identity().unwrap();
    assert!(principal.has_role("admin") && principal.has_role("editor"));
}
