//! Runs the bundled specification suites and prints `N passed, M failed` per
//! suite (and per failing file), with each suite's feature set as the test
//! command uses it.
//!
//! `cargo run --release -p tern-wast --example suite` (all suites), or give
//! short names (`v1`, `v2`, `v3`, `simd`, `relaxed-simd`, `tail-call`,
//! `extended-const`, `multi-memory`, `memory64`, `exceptions`,
//! `function-references`) to run some, and
//! `--strategy interp|jit|tiered` for the tier (tiered with a tier-up
//! threshold of two calls, as the tests run it).

#[allow(unused)]
#[path = "../tests/common/mod.rs"]
mod common;

use common::Suite;
use tern::Strategy;

fn main() {
    let mut strategy = Strategy::Interpreter;
    let mut wanted: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--strategy" {
            let value = args.next().unwrap_or_default();
            strategy = value.parse().unwrap_or_else(|e| {
                eprintln!("{e}");
                std::process::exit(2)
            });
        } else {
            wanted.push(arg);
        }
    }
    println!("strategy: {strategy:?}");
    let mut all_ok = true;
    for (suite, short, dir) in Suite::ALL {
        if !wanted.is_empty() && !wanted.iter().any(|w| w == short) {
            continue;
        }
        let (mut passed, mut failed, mut files, mut files_ok) = (0, 0, 0, 0);
        for test in suite.files() {
            let mut config = suite.config_for(test.name());
            config.strategy(strategy).tier_up_threshold(2);
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
