//! HTML text escaping against askama_escape, on plain prose and on markup-heavy text, in bytes
//! per second.
//!
//! Run with `cargo bench --bench encode`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use secure::encode::SafeHtml;

fn inputs() -> [(&'static str, String); 2] {
    let prose = "The quick brown fox jumps over the lazy dog, and the rain in Spain stays mainly \
                 in the plain. ";
    let markup = "Tom & Jerry <b>say</b> \"hi\" it's ";
    [
        ("plain", prose.repeat(64 * 1024 / prose.len())),
        ("markup", markup.repeat(64 * 1024 / markup.len())),
    ]
}

fn escape(c: &mut Criterion) {
    for (name, text) in inputs() {
        let mut group = c.benchmark_group(format!("escape_html/{name}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function("secure", |b| b.iter(|| SafeHtml::escape(black_box(&text))));
        group.bench_function("askama_escape", |b| {
            b.iter(|| askama_escape::escape(black_box(&text), askama_escape::Html).to_string())
        });
        group.finish();
    }
}

criterion_group!(benches, escape);
criterion_main!(benches);
