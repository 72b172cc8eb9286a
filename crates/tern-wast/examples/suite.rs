//! Runs the bundled specification suites and prints `N passed, M failed` per
//! suite (and per failing file), with each suite's feature set as the test
//! command uses it.
//!
//! `cargo run --release -p tern-wast --example suite` (all suites), or give
//! short names (`v1`, `v2`, `v3`, `simd`, `relaxed-simd`, `tail-call`,
//! `extended-const`, `multi-memory`, `memory64`) to run some.

#[allow(unused)]
#[path = "../tests/common/mod.rs"]
mod common;

use common::Suite;

fn main() {
    let wanted: Vec<String> = std::env::args().skip(1).collect();
    let mut all_ok = true;
    for (suite, short, dir) in Suite::ALL {
        if !wanted.is_empty() && !wanted.iter().any(|w| w == short) {
            continue;
        }
        let (mut passed, mut failed, mut files, mut files_ok) = (0, 0, 0, 0);
        for test in suite.files() {
            let config = suite.config_for(test.name());
            let report =
                tern_wast::run_script(&config, &format!("{dir}/{}", test.name()), test.raw());
            if report.ok() {
                files_ok += 1;
            } else {
                println!("{report}");
            }
            passed += report.passed;
            failed += report.failed;
            files += 1;
        }
        all_ok &= failed == 0;
        println!(
            "{dir} ({files} files, {files_ok} pass entirely): {passed} passed, {failed} failed"
        );
    }
    if !all_ok {
        std::process::exit(1);
    }
}
