//! `PathJail`: whatever the untrusted path, a joined path lies under the root once every link
//! on it is resolved, and every path the documented rules refuse is refused.
//!
//! The root holds directories, files and symbolic links of each kind the jail must handle:
//! one to a directory inside, one to the directory above the root, one to `/`, one that
//! dangles, and one that points to itself.

#![no_main]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Component, Path, PathBuf};
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use secure::sink::path::{PathError, PathJail};

struct Fixture {
    // Kept for its lifetime: the directory is removed when the fuzzer exits.
    _dir: tempfile::TempDir,
    jail: PathJail,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("root");
    fs::create_dir_all(root.join("docs/reports")).unwrap();
    fs::create_dir_all(dir.path().join("outside")).unwrap();
    fs::write(root.join("docs/a.txt"), "a").unwrap();
    fs::write(root.join("docs/reports/q1.pdf"), "q1").unwrap();
    fs::write(dir.path().join("outside/secret.txt"), "secret").unwrap();
    symlink(root.join("docs"), root.join("inside")).unwrap();
    symlink("reports", root.join("docs/rel")).unwrap();
    symlink(dir.path().join("outside"), root.join("up")).unwrap();
    symlink("../outside", root.join("docs/dotdot")).unwrap();
    symlink("/", root.join("slash")).unwrap();
    symlink(root.join("missing"), root.join("dangling")).unwrap();
    symlink(root.join("loop"), root.join("loop")).unwrap();

    let jail = PathJail::new(&root).unwrap();
    Fixture { _dir: dir, jail }
});

fuzz_target!(|data: &[u8]| {
    let jail = &FIXTURE.jail;
    let text = String::from_utf8_lossy(data);

    let joined = jail.join(&text);
    if let Ok(path) = &joined {
        check_documented_rules(&text);
        check_inside(jail.root(), path.as_path());
    }

    match core::str::from_utf8(data) {
        Ok(_) => assert_eq!(jail.join_bytes(data), joined),
        Err(_) => assert_eq!(jail.join_bytes(data), Err(PathError::InvalidUtf8)),
    }

    if let Ok(path) = jail.join_percent_encoded(&text) {
        check_inside(jail.root(), path.as_path());
        let decoded = percent_encoding::percent_decode_str(&text)
            .decode_utf8()
            .unwrap();
        check_documented_rules(&decoded);
        assert!(!has_percent_escape(&decoded), "decoded twice");
    }

    // Opening for reading goes through the same join, then checks the file it opened.
    if let Ok(file) = jail.open(&text) {
        assert!(joined.is_ok(), "opened a path that join refuses");
        drop(file);
    }
});

fn has_percent_escape(text: &str) -> bool {
    text.as_bytes()
        .windows(3)
        .any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit())
}

/// The rules of the module docs and `check_file_name`, written out again.
fn check_documented_rules(text: &str) {
    assert!(!text.is_empty() && !text.starts_with('/'));
    assert!(!text.contains(['\\', '\0', ':', '<', '>', '"', '|', '?', '*']));
    for component in text.split('/') {
        assert!(!matches!(component, "" | "." | ".."), "empty, `.` or `..`");
        assert!(component.len() <= 255);
        assert!(!component.ends_with(['.', ' ']), "trailing dot or space");
        for c in component.chars() {
            assert!(!c.is_control(), "control character");
            assert!(!matches!(
                c,
                '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}'
            ));
            assert!(!matches!(c, '\u{2066}'..='\u{2069}'));
            assert!(
                !matches!(
                    c,
                    '\u{AD}'
                        | '\u{115F}'
                        | '\u{1160}'
                        | '\u{180E}'
                        | '\u{200B}'
                        | '\u{2060}'..='\u{2064}'
                        | '\u{3164}'
                        | '\u{FEFF}'
                        | '\u{FFA0}'
                        | '\u{E0000}'..='\u{E007F}'
                ),
                "invisible character"
            );
        }
        let stem = component.split('.').next().unwrap().trim_end_matches(' ');
        let upper = stem.to_uppercase();
        assert!(!matches!(
            upper.as_str(),
            "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$"
        ));
        let device = |prefix: &str| {
            upper.strip_prefix(prefix).is_some_and(|rest| {
                let mut chars = rest.chars();
                matches!(chars.next(), Some('0'..='9' | '¹' | '²' | '³')) && chars.next().is_none()
            })
        };
        assert!(!device("COM") && !device("LPT"), "a Windows device name");
    }
}

/// The path, with every link resolved as far as the file system goes, is under the root.
fn check_inside(root: &Path, path: &Path) {
    assert!(path.starts_with(root), "not under the root");
    let below = path.strip_prefix(root).unwrap();
    assert!(
        below
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
    );

    let mut existing = PathBuf::from(path);
    let resolved = loop {
        match fs::canonicalize(&existing) {
            Ok(resolved) => break resolved,
            Err(_) => {
                // A missing tail is created later under whatever the existing head is.
                assert!(
                    fs::symlink_metadata(&existing).is_err(),
                    "a link that goes nowhere"
                );
                assert!(existing.pop());
            }
        }
    };
    assert!(
        resolved.starts_with(root),
        "a link on the way leads out of the root"
    );
}
