//! The benchmark programs (`bench/programs/*.c`, built to `bench/wasm/*.wasm`
//! and committed) run under `tern run` at their `small` size, and each must
//! print the checksum line that `bench/expected.txt` records (computed by
//! the native builds; Wasmtime and wasmi print the same). Nothing is timed
//! here: timing is `bench/run.py`'s business.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn bench_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench")
}

/// `bench/expected.txt`: program -> (small checksum, bench checksum).
fn expected() -> BTreeMap<String, (String, String)> {
    let text = std::fs::read_to_string(bench_dir().join("expected.txt"))
        .expect("cannot read bench/expected.txt");
    let mut table = BTreeMap::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap().trim();
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(fields.len(), 3, "bench/expected.txt: bad line {line:?}");
        let dup = table.insert(
            fields[0].to_string(),
            (fields[1].to_string(), fields[2].to_string()),
        );
        assert!(dup.is_none(), "bench/expected.txt: {} twice", fields[0]);
    }
    table
}

/// The programs in `bench/wasm`, by name.
fn modules() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(bench_dir().join("wasm"))
        .expect("cannot read bench/wasm")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "wasm"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Runs `tern run bench/wasm/NAME.wasm ARG`; returns a description of what
/// went wrong, if anything.
fn check(name: &str, arg: &str, want: &str) -> Option<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_tern"))
        .arg("run")
        .arg(format!("wasm/{name}.wasm"))
        .arg(arg)
        .current_dir(bench_dir())
        .output()
        .expect("failed to start tern");
    let stdout = String::from_utf8_lossy(&out.stdout);
    if out.status.code() == Some(0) && stdout == want {
        return None;
    }
    Some(format!(
        "{name} {arg}: exit {:?}, stdout {stdout:?}, want {want:?}; stderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    ))
}

#[test]
fn every_program_is_built_and_has_checksums() {
    let expected = expected();
    let modules = modules();
    for name in expected.keys() {
        assert!(
            modules.contains(name),
            "bench/expected.txt lists {name}, but bench/wasm/{name}.wasm is missing"
        );
    }
    for name in &modules {
        assert!(
            name == "hello" || expected.contains_key(name),
            "bench/wasm/{name}.wasm has no checksums in bench/expected.txt"
        );
        assert!(
            bench_dir().join(format!("programs/{name}.c")).exists(),
            "bench/wasm/{name}.wasm has no source bench/programs/{name}.c"
        );
    }
}

#[test]
fn small_sizes_print_the_expected_checksums() {
    let expected = expected();
    let mut failures = Vec::new();
    for name in modules() {
        let want = match expected.get(&name) {
            Some((small, _)) => format!("checksum {small}\n"),
            None if name == "hello" => "Hello, world!\n".to_string(),
            None => {
                failures.push(format!("{name}: no checksums in bench/expected.txt"));
                continue;
            }
        };
        failures.extend(check(&name, "small", &want));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Size 0 returns from `main` before SQLite is touched (the harness's
/// time-to-first-instruction run).
#[test]
fn sqlite_size_zero_returns_at_once() {
    assert_eq!(check("sqlite", "0", "checksum 0000000000000000\n"), None);
}
