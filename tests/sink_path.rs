//! The path jail: traversal payloads are refused on every OS, and nothing leaves the root.

use proptest::prelude::*;
use secure::sink::path::{FileNameError, PathError, PathJail, check_file_name};

fn jail() -> (tempfile::TempDir, PathJail) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    std::fs::write(dir.path().join("docs/readme.txt"), "hello").unwrap();
    let jail = PathJail::new(dir.path()).unwrap();
    (dir, jail)
}

#[test]
fn path_01_decoding_happens_once() {
    let (_dir, jail) = jail();
    let cases = [
        ("..%2f..%2fetc%2fpasswd", PathError::ParentDir),
        ("%2e%2e%2f%2e%2e%2fetc/passwd", PathError::ParentDir),
        (".%252e/.%252e/etc/passwd", PathError::EncodedTwice),
        (
            "%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
            PathError::InvalidUtf8,
        ),
        ("..%5c..%5cwindows%5cwin.ini", PathError::Backslash),
        ("../../etc/passwd", PathError::ParentDir),
        ("..\\..\\windows\\win.ini", PathError::Backslash),
        ("docs%00.png", PathError::Nul),
        ("%2fetc%2fpasswd", PathError::Absolute),
    ];
    for (input, expected) in cases {
        assert_eq!(
            jail.join_percent_encoded(input).unwrap_err(),
            expected,
            "{input}"
        );
    }
    assert!(jail.join_percent_encoded("docs/readme.txt").is_ok());
    assert!(jail.join_percent_encoded("docs/new%20file.txt").is_ok());

    // Invalid UTF-8 is an error, never repaired.
    assert_eq!(
        jail.join_bytes(b"\xc0\xae\xc0\xae/etc").unwrap_err(),
        PathError::InvalidUtf8
    );
    assert_eq!(
        jail.join_bytes(b"docs/\xff").unwrap_err(),
        PathError::InvalidUtf8
    );

    // The already-decoded API sees encoded text as plain characters, inside the root.
    let literal = jail.join(".%2e").unwrap();
    assert_eq!(literal.as_path(), jail.root().join(".%2e"));
}

#[test]
fn path_02_windows_forms_are_refused_on_every_os() {
    let (_dir, jail) = jail();
    let cases = [
        "c:/windows/win.ini",
        "C:\\Windows\\win.ini",
        "anypath/c:/x",
        "\\..\\..\\windows\\win.ini",
        "\\\\server\\share\\x",
        "\\\\?\\C:\\x",
        "foo\\..\\..\\bar",
        "c:",
        "docs/file.txt::$DATA",
    ];
    for input in cases {
        let error = jail.join(input).unwrap_err();
        assert!(
            matches!(
                error,
                PathError::Backslash | PathError::InvalidName(FileNameError::Colon)
            ),
            "{input}: {error:?}"
        );
    }

    // The drive and separator forms again, percent-encoded as they arrive in a URL.
    for (input, expected) in [
        (
            "c%3A/windows/win.ini",
            PathError::InvalidName(FileNameError::Colon),
        ),
        ("c%3a", PathError::InvalidName(FileNameError::Colon)),
        ("docs/c%3A%5Cx", PathError::Backslash),
        ("%5C%5Cserver%5Cshare", PathError::Backslash),
        (
            "anypath%2Fc%3A%2Fx",
            PathError::InvalidName(FileNameError::Colon),
        ),
    ] {
        assert_eq!(jail.join_percent_encoded(input), Err(expected), "{input}");
    }
}

#[test]
fn path_03_absolute_and_rooted_paths() {
    let (_dir, jail) = jail();
    assert_eq!(jail.join("/etc/passwd").unwrap_err(), PathError::Absolute);
    assert_eq!(jail.join("//etc/passwd").unwrap_err(), PathError::Absolute);
    assert_eq!(
        jail.join("C:foo").unwrap_err(),
        PathError::InvalidName(FileNameError::Colon)
    );
    assert_eq!(jail.join("\\etc\\x").unwrap_err(), PathError::Backslash);
    assert_eq!(jail.join("").unwrap_err(), PathError::Empty);
    assert_eq!(
        jail.join("docs//readme.txt").unwrap_err(),
        PathError::EmptyComponent
    );
    assert_eq!(jail.join("docs/").unwrap_err(), PathError::EmptyComponent);
    assert_eq!(jail.join("./docs").unwrap_err(), PathError::CurrentDir);
    assert_eq!(jail.join("docs/../../x").unwrap_err(), PathError::ParentDir);
    assert_eq!(
        jail.join("docs/readme.txt").unwrap().as_path(),
        jail.root().join("docs/readme.txt")
    );
}

#[test]
fn path_05_file_names() {
    let refused = [
        ("CON", FileNameError::DeviceName),
        ("con ", FileNameError::TrailingDotOrSpace),
        ("NUL.txt", FileNameError::DeviceName),
        ("nul.tar.gz", FileNameError::DeviceName),
        ("COM1 .txt", FileNameError::DeviceName),
        ("COM\u{B9}", FileNameError::DeviceName),
        ("lpt\u{b3}.log", FileNameError::DeviceName),
        ("LPT9", FileNameError::DeviceName),
        ("conin$", FileNameError::DeviceName),
        ("report.pdf.", FileNameError::TrailingDotOrSpace),
        ("report.pdf ", FileNameError::TrailingDotOrSpace),
        ("file.txt::$DATA", FileNameError::Colon),
        ("shell.php\0.png", FileNameError::Nul),
        (".", FileNameError::Special),
        ("..", FileNameError::Special),
        ("", FileNameError::Empty),
        ("a<b", FileNameError::ReservedCharacter),
        ("invoice\u{202e}fdp.exe", FileNameError::Control),
        ("tab\there", FileNameError::Control),
        // Invisible characters make a name that looks like another one.
        ("admin\u{200B}.txt", FileNameError::Control),
        ("re\u{AD}port.pdf", FileNameError::Control),
        ("\u{3164}.txt", FileNameError::Control),
        ("a\u{FEFF}", FileNameError::Control),
        ("x\u{E0041}.txt", FileNameError::Control),
    ];
    for (name, expected) in refused {
        assert_eq!(check_file_name(name), Err(expected), "{name:?}");
    }
    let long = "a".repeat(256);
    assert_eq!(check_file_name(&long), Err(FileNameError::TooLong));
    for name in [
        "report.pdf",
        "CONSOLE.txt",
        "com10",
        "lpt",
        "nul_file",
        ".gitignore",
        "日本語.txt",
        // The joiners shape Persian and Indic words, and a variation selector an emoji.
        "\u{645}\u{6CC}\u{200C}\u{62E}\u{648}\u{627}\u{647}\u{645}.txt",
        "\u{915}\u{94D}\u{200D}\u{937}.txt",
        "\u{2764}\u{FE0F}.png",
    ] {
        assert_eq!(check_file_name(name), Ok(()), "{name:?}");
    }

    let (_dir, jail) = jail();
    assert_eq!(
        jail.join("docs/NUL.txt").unwrap_err(),
        PathError::InvalidName(FileNameError::DeviceName)
    );
    assert_eq!(jail.join("shell.php\0.png").unwrap_err(), PathError::Nul);
}

#[test]
fn path_06_look_alike_characters_stay_literal() {
    let (_dir, jail) = jail();
    let cases = [
        (
            "\u{FF0E}\u{FF0E}\u{FF0F}\u{FF0E}\u{FF0E}\u{FF0F}etc/passwd",
            [
                "\u{FF0E}\u{FF0E}\u{FF0F}\u{FF0E}\u{FF0E}\u{FF0F}etc",
                "passwd",
            ]
            .as_slice(),
        ),
        (
            "\u{2025}/etc/passwd",
            ["\u{2025}", "etc", "passwd"].as_slice(),
        ),
        ("..\u{2215}etc", ["..\u{2215}etc"].as_slice()),
    ];
    for (input, components) in cases {
        let path = jail.join(input).unwrap();
        let expected = components
            .iter()
            .fold(jail.root().to_path_buf(), |path, part| path.join(part));
        assert_eq!(path.as_path(), expected, "{input}");
        assert!(path.as_path().starts_with(jail.root()));
    }
}

#[cfg(unix)]
#[test]
fn symlinks_that_leave_the_root_are_refused() {
    use std::os::unix::fs::symlink;

    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    let (dir, jail) = jail();
    symlink(outside.path(), dir.path().join("escape")).unwrap();
    symlink(
        outside.path().join("secret.txt"),
        dir.path().join("secret-link"),
    )
    .unwrap();
    symlink(dir.path().join("missing"), dir.path().join("dangling")).unwrap();
    symlink(dir.path().join("docs"), dir.path().join("inside")).unwrap();
    symlink("../..", dir.path().join("docs/up")).unwrap();

    for input in [
        "escape",
        "escape/secret.txt",
        "escape/new.txt",
        "secret-link",
        "dangling",
        "dangling/x",
        "docs/up/etc",
    ] {
        assert_eq!(jail.join(input).unwrap_err(), PathError::Symlink, "{input}");
        assert!(jail.open(input).is_err(), "{input}");
    }

    // A link that stays inside resolves to its target.
    let inside = jail.join("inside/readme.txt").unwrap();
    assert_eq!(inside.as_path(), jail.root().join("docs/readme.txt"));
    assert_eq!(
        std::io::read_to_string(jail.open("inside/readme.txt").unwrap()).unwrap(),
        "hello"
    );
}

#[cfg(unix)]
#[test]
fn opening_refuses_a_link_swapped_in_after_the_check() {
    use std::os::unix::fs::symlink;

    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    let (dir, jail) = jail();

    // The check passes while the name does not exist yet ...
    let checked = jail.join("report.txt").unwrap();
    assert_eq!(checked.as_path(), jail.root().join("report.txt"));
    // ... then a link to a file outside takes its place: opening through the jail refuses it.
    symlink(
        outside.path().join("secret.txt"),
        dir.path().join("report.txt"),
    )
    .unwrap();
    assert_eq!(jail.open("report.txt").unwrap_err(), PathError::Symlink);
    let write = std::fs::OpenOptions::new().write(true).clone();
    assert_eq!(
        jail.open_with("report.txt", &write).unwrap_err(),
        PathError::Symlink
    );
    assert_eq!(
        std::fs::read_to_string(outside.path().join("secret.txt")).unwrap(),
        "secret"
    );
}

#[test]
fn opens_and_creates_through_the_jail() {
    use std::io::Write;

    let (_dir, jail) = jail();
    assert_eq!(
        std::io::read_to_string(jail.open("docs/readme.txt").unwrap()).unwrap(),
        "hello"
    );
    let mut file = jail
        .open_with(
            "docs/new.txt",
            std::fs::OpenOptions::new().write(true).create_new(true),
        )
        .unwrap();
    file.write_all(b"written").unwrap();
    assert_eq!(
        std::fs::read_to_string(jail.root().join("docs/new.txt")).unwrap(),
        "written"
    );
    assert!(matches!(
        jail.open("docs/none.txt").unwrap_err(),
        PathError::Io(std::io::ErrorKind::NotFound)
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_yields_a_path_outside_the_root(
        parts in prop::collection::vec(
            prop_oneof![
                Just(String::from("..")),
                Just(String::from(".")),
                Just(String::from("")),
                Just(String::from("docs")),
                Just(String::from("C:")),
                Just(String::from("\\..")),
                Just(String::from("%2e%2e")),
                Just(String::from("%252e")),
                Just(String::from("\u{FF0E}\u{FF0E}")),
                "[a-z.]{1,4}",
                any::<String>(),
            ],
            0..6,
        ),
        leading_slash in any::<bool>(),
    ) {
        let (_dir, jail) = jail();
        let mut input = parts.join("/");
        if leading_slash {
            input.insert(0, '/');
        }
        for path in [jail.join(&input), jail.join_percent_encoded(&input)].into_iter().flatten() {
            prop_assert!(path.as_path().starts_with(jail.root()), "{:?}", input);
            let below: Vec<_> = path.as_path().strip_prefix(jail.root()).unwrap().components().collect();
            prop_assert!(below.iter().all(|c| matches!(c, std::path::Component::Normal(_))), "{:?}", input);
        }
    }
}
