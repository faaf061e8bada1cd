#!/usr/bin/env python3
"""Compile time of a crate with 200 structs of 6 validated fields, for secure, garde and validator.

Generates the same crate three times (one per library) outside the repository, builds each
once to compile its dependencies, then times rebuilding only the generated crate from scratch
(incremental compilation off), in dev and release profiles, and prints the medians and the
ratios to the faster peer.

    python3 benches/compile_time.py [--structs 200] [--runs 3] [--dir /tmp/secure-compile-time]
"""

import argparse
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent

FIELDS = {
    "secure": [
        ('#[validate(length(3..=80))]', "title: String"),
        ('#[validate(email)]', "contact: String"),
        ('#[validate(range(13..=130))]', "age: u32"),
        ('#[validate(url)]', "homepage: Option<String>"),
        ('#[validate(length(max = 10))]', "tags: Vec<String>"),
        ('#[validate(length(max = 500))]', "note: String"),
    ],
    "garde": [
        ('#[garde(length(chars, min = 3, max = 80))]', "title: String"),
        ('#[garde(email)]', "contact: String"),
        ('#[garde(range(min = 13, max = 130))]', "age: u32"),
        ('#[garde(url)]', "homepage: Option<String>"),
        ('#[garde(length(max = 10))]', "tags: Vec<String>"),
        ('#[garde(length(chars, max = 500))]', "note: String"),
    ],
    "validator": [
        ('#[validate(length(min = 3, max = 80))]', "title: String"),
        ('#[validate(email)]', "contact: String"),
        ('#[validate(range(min = 13, max = 130))]', "age: u32"),
        ('#[validate(url)]', "homepage: Option<String>"),
        ('#[validate(length(max = 10))]', "tags: Vec<String>"),
        ('#[validate(length(max = 500))]', "note: String"),
    ],
}

DEPENDENCIES = {
    "secure": f'secure = {{ path = "{ROOT}" }}',
    "garde": 'garde = { version = "0.23", default-features = false, features = ["derive", "email", "url"] }',
    "validator": 'validator = { version = "0.21", features = ["derive"] }',
}

DERIVE = {
    "secure": "secure::Validate",
    "garde": "garde::Validate",
    "validator": "validator::Validate",
}


def generate(directory: pathlib.Path, library: str, structs: int) -> None:
    (directory / "src").mkdir(parents=True, exist_ok=True)
    (directory / "Cargo.toml").write_text(
        "[package]\n"
        f'name = "bench-{library}"\n'
        'version = "0.0.0"\n'
        'edition = "2024"\n'
        "publish = false\n\n"
        "[workspace]\n\n"
        "[dependencies]\n"
        f"{DEPENDENCIES[library]}\n"
    )
    lines = ["#![allow(dead_code)]", ""]
    for index in range(structs):
        lines.append(f"#[derive({DERIVE[library]})]")
        lines.append(f"pub struct Request{index} {{")
        for attribute, field in FIELDS[library]:
            lines.append(f"    {attribute}")
            lines.append(f"    pub {field},")
        lines.append("}")
        lines.append("")
    (directory / "src" / "lib.rs").write_text("\n".join(lines))


def build(directory: pathlib.Path, release: bool) -> float:
    command = ["cargo", "build", "--quiet"] + (["--release"] if release else [])
    # Incremental compilation would reuse most of the previous dev build of the crate, which
    # is not what a first build or a change to every struct costs: turn it off in both profiles.
    environment = dict(os.environ, CARGO_INCREMENTAL="0")
    start = time.perf_counter()
    subprocess.run(command, cwd=directory, check=True, env=environment)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--structs", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", default="/tmp/secure-compile-time")
    options = parser.parse_args()

    base = pathlib.Path(options.dir)
    shutil.rmtree(base, ignore_errors=True)
    results = {}
    for library in FIELDS:
        directory = base / library
        generate(directory, library, options.structs)
        for profile, release in [("dev", False), ("release", True)]:
            build(directory, release)  # compiles the dependencies once
            times = []
            for _ in range(options.runs):
                os.utime(directory / "src" / "lib.rs")
                times.append(build(directory, release))
            results[(library, profile)] = statistics.median(times)
            print(f"{library:9} {profile:7} {results[(library, profile)]:6.2f} s", file=sys.stderr)

    print(f"\n{options.structs} structs x 6 fields, median of {options.runs} rebuilds\n")
    print("| profile | secure | garde | validator | secure / faster peer |")
    print("| --- | --- | --- | --- | --- |")
    for profile in ["dev", "release"]:
        ours = results[("secure", profile)]
        garde = results[("garde", profile)]
        validator = results[("validator", profile)]
        ratio = ours / min(garde, validator)
        print(f"| {profile} | {ours:.2f} s | {garde:.2f} s | {validator:.2f} s | {ratio:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
