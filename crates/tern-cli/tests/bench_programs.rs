//! The benchmark programs (`bench/programs/*.c`, built to `bench/wasm/*.wasm`
//! and committed) and the held-out probes (`bench/probes/programs/*.c`, built
//! to `bench/probes/wasm/*.wasm`) run under `tern run` at their `small` size,
//! and each must print the checksum line that its set's `expected.txt`
//! records (computed by the native builds; Wasmtime and wasmi print the
//! same). Nothing is timed here: timing is `bench/run.py`'s business.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn bench_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench")
}

/// The two program sets: the suite and the probes.
fn sets() -> [PathBuf; 2] {
    [bench_dir(), bench_dir().join("probes")]
}

/// `SET/expected.txt`: program -> (small checksum, bench checksum).
fn expected(set: &Path) -> BTreeMap<String, (String, String)> {
    let path = set.join("expected.txt");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut table = BTreeMap::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap().trim();
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(fields.len(), 3, "{}: bad line {line:?}", path.display());
        let dup = table.insert(
            fields[0].to_string(),
            (fields[1].to_string(), fields[2].to_string()),
        );
        assert!(dup.is_none(), "{}: {} twice", path.display(), fields[0]);
    }
    table
}

/// The programs in `SET/wasm`, by name.
fn modules(set: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(set.join("wasm"))
        .expect("cannot read the set's wasm directory")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "wasm"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Runs `tern run SET/wasm/NAME.wasm ARG`; returns a description of what
/// went wrong, if anything.
fn check(set: &Path, name: &str, arg: &str, want: &str) -> Option<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_tern"))
        .arg("run")
        .arg(format!("wasm/{name}.wasm"))
        .arg(arg)
        .current_dir(set)
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
    for set in sets() {
        let expected = expected(&set);
        let modules = modules(&set);
        assert!(modules.len() >= 10, "{}: too few programs", set.display());
        for name in expected.keys() {
            assert!(
                modules.contains(name),
                "{}/expected.txt lists {name}, but wasm/{name}.wasm is missing",
                set.display()
            );
        }
        for name in &modules {
            assert!(
                name == "hello" || expected.contains_key(name),
                "{}/wasm/{name}.wasm has no checksums in expected.txt",
                set.display()
            );
            assert!(
                set.join(format!("programs/{name}.c")).exists(),
                "{}/wasm/{name}.wasm has no source programs/{name}.c",
                set.display()
            );
        }
    }
}

#[test]
fn small_sizes_print_the_expected_checksums() {
    let mut failures = Vec::new();
    for set in sets() {
        let expected = expected(&set);
        for name in modules(&set) {
            let want = match expected.get(&name) {
                Some((small, _)) => format!("checksum {small}\n"),
                None if name == "hello" => "Hello, world!\n".to_string(),
                None => {
                    failures.push(format!("{name}: no checksums in expected.txt"));
                    continue;
                }
            };
            failures.extend(check(&set, &name, "small", &want));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Size 0 returns from `main` before SQLite is touched (the harness's
/// time-to-first-instruction run).
#[test]
fn sqlite_size_zero_returns_at_once() {
    assert_eq!(
        check(&bench_dir(), "sqlite", "0", "checksum 0000000000000000\n"),
        None
    );
}
