//! HTML text escaping against html-escape and askama's escaper, in bytes per second: 64 KiB
//! of plain prose, 64 KiB in which one byte in ten is special, and a 32-byte string.
//!
//! Each escaper writes into a new `String` of the same capacity, as `SafeHtml::escape` does,
//! so the three differ only in how they escape. All three escape the same five characters
//! (`&`, `<`, `>`, `"`, `'`); their entities differ in spelling only.
//!
//! Run with `cargo bench --bench encode`.

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use secure::encode::SafeHtml;

const PROSE: &str = "The quick brown fox jumps over the lazy dog, and the rain in Spain stays mainly in the plain. ";

/// 64 KiB of prose.
fn plain() -> String {
    let mut text = PROSE.repeat(64 * 1024 / PROSE.len() + 1);
    text.truncate(64 * 1024);
    text
}

/// The prose with one byte in ten, chosen by a fixed pseudo-random sequence, replaced by one
/// of the five special characters.
fn special_ten_percent() -> String {
    const SPECIAL: [u8; 5] = [b'&', b'<', b'>', b'"', b'\''];
    let mut bytes = plain().into_bytes();
    let mut state: u32 = 0x9E37_79B9;
    for byte in &mut bytes {
        // xorshift32: a fixed sequence, so every run escapes the same text.
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        if state.is_multiple_of(10) {
            *byte = SPECIAL[(state / 10 % 5) as usize];
        }
    }
    String::from_utf8(bytes).expect("ASCII replaced by ASCII")
}

fn capacity(text: &str) -> usize {
    text.len() + text.len() / 8
}

fn escape(c: &mut Criterion) {
    let inputs = [
        ("64 KiB plain", plain()),
        ("64 KiB 10% special", special_ten_percent()),
        ("32 B plain", "Ada Lovelace, Analytical Engines".to_owned()),
    ];
    for (name, text) in inputs {
        let mut group = c.benchmark_group(format!("escape_html/{name}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function("secure", |b| b.iter(|| SafeHtml::escape(black_box(&text))));
        group.bench_function("html-escape", |b| {
            b.iter(|| {
                let mut out = String::with_capacity(capacity(&text));
                html_escape::encode_quoted_attribute_to_string(black_box(&text), &mut out);
                out
            })
        });
        group.bench_function("askama_escape", |b| {
            b.iter(|| {
                let mut out = String::with_capacity(capacity(&text));
                let escaped = askama_escape::escape(black_box(&text), askama_escape::Html);
                write!(out, "{escaped}").expect("a String accepts any text");
                out
            })
        });
        group.finish();
    }
}

criterion_group!(benches, escape);
criterion_main!(benches);
