//! End-to-end tests of the `tern` command line.
//!
//! Each test runs the built binary (`CARGO_BIN_EXE_tern`) as a child process on
//! the small modules and scripts in `tests/fixtures/`, and checks its exit
//! status, standard output and standard error:
//!
//! * `tern run --invoke NAME FILE ARGS...` prints exactly the results, one per
//!   line; bad input is a one-line error on stderr with a non-zero status; a
//!   trap exits with status 134 and prints the trap message and a wasm
//!   backtrace (innermost frame first, with names from the name section);
//! * `tern run FILE` instantiates the module and calls `_start` if exported;
//! * `tern wast` prints a line per script, indented failure details and a
//!   final `N passed, M failed`, and selects the spec version with `--spec`;
//! * help, version and bad usage.
//!
//! Binary modules are generated at run time from the text fixtures with the
//! `wat` crate and written to `CARGO_TARGET_TMPDIR`.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The exit status of a trapped guest (128 + SIGABRT, as Wasmtime uses).
const TRAP_EXIT: i32 = 134;

/// What one run of `tern` did.
#[derive(Debug)]
struct Outcome {
    /// The exit status; `None` if killed by a signal.
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs the `tern` binary with `args` and waits for it.
fn tern<I, S>(args: I) -> Outcome
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let output = Command::new(env!("CARGO_BIN_EXE_tern"))
        .args(args)
        .output()
        .expect("failed to start the tern binary");
    Outcome {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The path of a file in `tests/fixtures/`.
fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(name)
}

/// Writes `bytes` to a file called `name` in the test scratch directory and
/// returns its path. Each test uses its own names, as tests run in parallel.
fn scratch_file(name: &str, bytes: &[u8]) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, bytes).expect("failed to write a scratch file");
    path
}

/// Compiles a text fixture to the binary format (with its name section) and
/// writes it to the scratch directory as `name`.
fn binary_fixture(wat_fixture: &str, name: &str) -> PathBuf {
    let bytes = wat::parse_file(fixture(wat_fixture)).expect("fixture does not parse");
    assert!(bytes.starts_with(b"\0asm"), "wat did not produce a binary");
    scratch_file(name, &bytes)
}

/// Runs `tern run --invoke NAME FILE ARGS...`.
fn invoke(file: &Path, name: &str, args: &[&str]) -> Outcome {
    invoke_with(&[], file, name, args)
}

/// `tern run OPTIONS --invoke NAME FILE ARGS...`.
fn invoke_with(options: &[&str], file: &Path, name: &str, args: &[&str]) -> Outcome {
    let mut command: Vec<&OsStr> = vec![OsStr::new("run")];
    command.extend(options.iter().map(OsStr::new));
    command.extend([OsStr::new("--invoke"), OsStr::new(name), file.as_os_str()]);
    command.extend(args.iter().map(OsStr::new));
    tern(command)
}

/// Asserts that `tern` exited (not killed by a signal) and did not panic.
fn assert_no_panic(out: &Outcome) {
    assert!(out.code.is_some(), "tern was killed by a signal: {out:?}");
    assert!(
        !out.stderr.contains("panicked"),
        "tern panicked: {}",
        out.stderr
    );
}

/// Asserts a successful run whose stdout is exactly `expected` and whose
/// stderr is empty.
fn assert_prints(out: &Outcome, expected: &str) {
    assert_no_panic(out);
    assert_eq!(out.code, Some(0), "expected success: {out:?}");
    assert_eq!(out.stdout, expected, "unexpected stdout: {out:?}");
    assert_eq!(out.stderr, "", "unexpected stderr: {out:?}");
}

/// Runs `--invoke name` on `values.wat` and checks it prints exactly `expected`.
fn check_values(name: &str, args: &[&str], expected: &str) {
    let out = invoke(&fixture("values.wat"), name, args);
    assert_prints(&out, expected);
}

/// Runs `--invoke name` with one argument on `values.wat` and returns the
/// single line printed, for float results whose spelling is not fixed.
fn single_result(name: &str, arg: &str) -> String {
    let out = invoke(&fixture("values.wat"), name, &[arg]);
    assert_no_panic(&out);
    assert_eq!(out.code, Some(0), "expected success: {out:?}");
    assert_eq!(out.stderr, "", "unexpected stderr: {out:?}");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "expected one result line: {out:?}");
    assert!(out.stdout.ends_with('\n'), "result line not terminated");
    lines[0].to_string()
}

fn f64_result(arg: &str) -> f64 {
    let line = single_result("id_f64", arg);
    line.parse()
        .unwrap_or_else(|_| panic!("f64 result `{line}` does not parse"))
}

fn f32_result(arg: &str) -> f32 {
    let line = single_result("id_f32", arg);
    line.parse()
        .unwrap_or_else(|_| panic!("f32 result `{line}` does not parse"))
}

/// Asserts a clean failure that is not a trap: a non-zero status other than
/// the trap status, nothing on stdout, and exactly one line on stderr, which
/// is returned.
fn expect_error(out: &Outcome) -> String {
    assert_no_panic(out);
    assert_ne!(out.code, Some(0), "expected failure: {out:?}");
    assert_ne!(
        out.code,
        Some(TRAP_EXIT),
        "a usage or module error must not use the trap status: {out:?}"
    );
    assert_eq!(out.stdout, "", "nothing should be printed on stdout");
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "expected a one-line error on stderr, got:\n{}",
        out.stderr
    );
    assert!(!lines[0].trim().is_empty(), "empty error message");
    lines[0].to_string()
}

/// Asserts an argument error that names the argument's position and its text.
fn expect_bad_argument(out: &Outcome, position: usize, text: &str) {
    let line = expect_error(out);
    assert!(
        line.contains(&format!("argument {position}")),
        "error does not say which argument (expected `argument {position}`): {line}"
    );
    assert!(
        line.contains(text),
        "error does not quote the bad text `{text}`: {line}"
    );
}

/// Whether `line` contains `name` as a whole identifier (so `rec` does not
/// match `record`).
fn names(line: &str, name: &str) -> bool {
    line.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .any(|word| word == name)
}

/// Asserts a trap: status 134, nothing on stdout, `message` on stderr and a
/// wasm backtrace after it. Returns the backtrace's lines (after the line
/// that introduces it).
fn expect_trap<'a>(out: &'a Outcome, message: &str) -> Vec<&'a str> {
    assert_no_panic(out);
    assert_eq!(out.code, Some(TRAP_EXIT), "expected a trap: {out:?}");
    assert_eq!(out.stdout, "", "nothing should be printed on stdout");
    assert!(
        out.stderr.contains(message),
        "stderr lacks the trap message `{message}`:\n{}",
        out.stderr
    );
    let lines: Vec<&str> = out.stderr.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.to_ascii_lowercase().contains("backtrace"))
        .unwrap_or_else(|| panic!("no wasm backtrace on stderr:\n{}", out.stderr));
    lines[start + 1..].to_vec()
}

/// The index of the first backtrace line naming function `name`.
fn frame_of(frames: &[&str], name: &str) -> usize {
    frames
        .iter()
        .position(|l| names(l, name))
        .unwrap_or_else(|| panic!("backtrace does not list `{name}`:\n{}", frames.join("\n")))
}

/// Asserts the backtrace lists `innermost_first` in that order.
fn assert_frame_order(frames: &[&str], innermost_first: &[&str]) {
    let positions: Vec<usize> = innermost_first
        .iter()
        .map(|name| frame_of(frames, name))
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "backtrace should list {innermost_first:?} innermost first:\n{}",
        frames.join("\n")
    );
}

// ---------------------------------------------------------------------------
// tern run --invoke: results
// ---------------------------------------------------------------------------

#[test]
fn invoke_prints_exactly_the_result() {
    check_values("add", &["2", "3"], "5\n");
    check_values("add64", &["40", "2"], "42\n");
}

#[test]
fn invoke_binary_module() {
    let wasm = binary_fixture("values.wat", "invoke_binary_module.wasm");
    assert_prints(&invoke(&wasm, "add", &["20", "22"]), "42\n");
    assert_prints(&invoke(&wasm, "triple", &["1"]), "1\n-2\n0.5\n");
}

#[test]
fn invoke_without_parameters_or_results() {
    check_values("answer", &[], "42\n");
    check_values("nothing", &[], "");
}

#[test]
fn invoke_negative_arguments() {
    check_values("add", &["-5", "-7"], "-12\n");
    check_values("add64", &["-5", "-7"], "-12\n");
    check_values("id_i32", &["-2147483648"], "-2147483648\n");
    check_values(
        "id_i64",
        &["-9223372036854775808"],
        "-9223372036854775808\n",
    );
}

#[test]
fn invoke_hex_arguments() {
    check_values("add", &["0x10", "0x20"], "48\n");
    check_values("add64", &["0xff", "1"], "256\n");
    check_values("id_i64", &["0x100000000"], "4294967296\n");
}

#[test]
fn i32_arguments_up_to_u32_max_wrap() {
    check_values("id_i32", &["4294967295"], "-1\n");
    check_values("id_i32", &["0xffffffff"], "-1\n");
    check_values("id_i32", &["2147483648"], "-2147483648\n");
    check_values("id_i32", &["0x80000000"], "-2147483648\n");
    check_values("id_i32", &["2147483647"], "2147483647\n");
}

#[test]
fn i64_arguments_up_to_u64_max_wrap() {
    check_values("id_i64", &["18446744073709551615"], "-1\n");
    check_values("id_i64", &["0xffffffffffffffff"], "-1\n");
    check_values("id_i64", &["9223372036854775808"], "-9223372036854775808\n");
    check_values("id_i64", &["9223372036854775807"], "9223372036854775807\n");
}

#[test]
fn f32_arguments() {
    assert_eq!(f32_result("1.5"), 1.5);
    assert_eq!(f32_result("-0.25"), -0.25);
    assert_eq!(f32_result("0.1"), 0.1_f32);
    assert!(f32_result("nan").is_nan());
    assert_eq!(f32_result("inf"), f32::INFINITY);
    assert_eq!(f32_result("-inf"), f32::NEG_INFINITY);
}

#[test]
fn f64_arguments() {
    assert_eq!(f64_result("1.5"), 1.5);
    assert_eq!(f64_result("-2"), -2.0);
    assert_eq!(f64_result("0.1"), 0.1);
    assert_eq!(f64_result("1e300"), 1e300);
    assert!(f64_result("nan").is_nan());
    assert_eq!(f64_result("inf"), f64::INFINITY);
    assert_eq!(f64_result("-inf"), f64::NEG_INFINITY);
}

#[test]
fn multi_value_results_print_one_per_line() {
    let out = invoke(&fixture("values.wat"), "triple", &["7"]);
    assert_no_panic(&out);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.stderr, "");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "expected three result lines: {out:?}");
    assert_eq!(lines[0], "7");
    assert_eq!(lines[1], "-14");
    assert_eq!(lines[2].parse::<f64>().ok(), Some(0.5), "{out:?}");
    assert!(out.stdout.ends_with('\n'));
}

// ---------------------------------------------------------------------------
// tern run --invoke: errors
// ---------------------------------------------------------------------------

#[test]
fn unknown_export_is_an_error() {
    let line = expect_error(&invoke(&fixture("values.wat"), "nonexistent", &[]));
    assert!(
        line.contains("nonexistent"),
        "error does not name the export: {line}"
    );
}

#[test]
fn wrong_argument_count_is_an_error() {
    for args in [&["1"][..], &["1", "2", "3"][..], &[][..]] {
        let line = expect_error(&invoke(&fixture("values.wat"), "add", args));
        assert!(
            line.contains("add"),
            "error does not name the function: {line}"
        );
    }
    expect_error(&invoke(&fixture("values.wat"), "answer", &["1"]));
}

#[test]
fn unparsable_i32_argument_is_an_error() {
    for bad in [
        "abc",
        "1.5",
        "99999999999",
        "4294967296",
        "-2147483649",
        "0x100000000",
        "12abc",
    ] {
        let out = invoke(&fixture("values.wat"), "add", &["1", bad]);
        expect_bad_argument(&out, 2, bad);
    }
}

#[test]
fn unparsable_i64_argument_is_an_error() {
    for bad in [
        "18446744073709551616",
        "-9223372036854775809",
        "0x10000000000000000",
        "2.5",
        "xyz",
    ] {
        let out = invoke(&fixture("values.wat"), "id_i64", &[bad]);
        expect_bad_argument(&out, 1, bad);
    }
}

#[test]
fn unparsable_float_argument_is_an_error() {
    for bad in ["abc", "1.2.3", "0x"] {
        expect_bad_argument(&invoke(&fixture("values.wat"), "id_f64", &[bad]), 1, bad);
        expect_bad_argument(&invoke(&fixture("values.wat"), "id_f32", &[bad]), 1, bad);
    }
}

#[test]
fn missing_file_is_an_error() {
    let path = fixture("does-not-exist.wasm");
    let line = expect_error(&invoke(&path, "f", &[]));
    assert!(
        line.contains("does-not-exist.wasm"),
        "error does not name the file: {line}"
    );
}

#[test]
fn malformed_binary_module_is_an_error() {
    // A valid header, then a type section whose size is missing.
    let path = scratch_file("malformed_binary_module.wasm", b"\0asm\x01\0\0\0\x01");
    let line = expect_error(&tern([OsStr::new("run"), path.as_os_str()]));
    assert!(
        line.contains("malformed_binary_module.wasm"),
        "error does not name the file: {line}"
    );
    let line = expect_error(&invoke(&path, "f", &[]));
    assert!(line.contains("malformed_binary_module.wasm"), "{line}");
}

#[test]
fn malformed_text_module_is_a_one_line_error() {
    let path = fixture("malformed.wat");
    let out = tern([OsStr::new("run"), path.as_os_str()]);
    assert!(
        out.stderr.contains("malformed.wat"),
        "error does not name the file: {out:?}"
    );
    expect_error(&out);
}

#[test]
fn invalid_module_is_an_error() {
    let path = fixture("invalid.wat");
    let line = expect_error(&tern([OsStr::new("run"), path.as_os_str()]));
    assert!(
        line.contains("type mismatch"),
        "error does not say why: {line}"
    );
    expect_error(&invoke(&path, "f", &[]));
}

// ---------------------------------------------------------------------------
// tern run: traps
// ---------------------------------------------------------------------------

#[test]
fn division_by_zero_traps_with_backtrace() {
    let out = invoke(&fixture("traps.wat"), "divide", &["0"]);
    let frames = expect_trap(&out, "integer divide by zero");
    assert_frame_order(&frames, &["quotient", "myfunc", "entry"]);
    // The same function without the trap returns normally.
    assert_prints(&invoke(&fixture("traps.wat"), "divide", &["7"]), "14\n");
}

#[test]
fn binary_module_backtrace_uses_name_section() {
    let wasm = binary_fixture("traps.wat", "binary_module_backtrace.wasm");
    let out = invoke(&wasm, "divide", &["0"]);
    let frames = expect_trap(&out, "integer divide by zero");
    assert_frame_order(&frames, &["quotient", "myfunc", "entry"]);
}

#[test]
fn unreachable_traps() {
    let out = invoke(&fixture("traps.wat"), "boom", &[]);
    let frames = expect_trap(&out, "unreachable");
    frame_of(&frames, "boom");
}

#[test]
fn out_of_bounds_load_traps() {
    let out = invoke(&fixture("traps.wat"), "peek", &["65535"]);
    let frames = expect_trap(&out, "out of bounds memory access");
    frame_of(&frames, "peek");
    // The last aligned word of the page is in bounds (and zero).
    assert_prints(&invoke(&fixture("traps.wat"), "peek", &["65532"]), "0\n");
}

#[test]
fn infinite_recursion_exhausts_the_stack() {
    let out = invoke(&fixture("traps.wat"), "forever", &[]);
    let frames = expect_trap(&out, "call stack exhausted");
    frame_of(&frames, "forever");
}

#[test]
fn an_uncaught_exception_exits_134_and_a_caught_one_is_handled() {
    let path = fixture("exceptions.wat");
    for strategy in ["strategy=interp", "strategy=jit", "strategy=tiered"] {
        let run = |name: &str, args: &[&str]| {
            invoke_with(&["-C", strategy, "-W", "exceptions=y"], &path, name, args)
        };
        let out = run("safe_div", &["7", "2"]);
        assert_eq!((out.code, out.stdout.as_str()), (Some(0), "3\n"), "{out:?}");
        let out = run("safe_div", &["7", "0"]);
        assert_eq!(
            (out.code, out.stdout.as_str()),
            (Some(0), "-1\n"),
            "{out:?}"
        );
        let out = run("div", &["7", "0"]);
        let frames = expect_trap(&out, "uncaught wasm exception");
        frame_of(&frames, "div");
    }
}

#[test]
fn typed_function_references_run_by_default_and_can_be_switched_off() {
    let path = fixture("typed_refs.wat");
    for strategy in ["strategy=interp", "strategy=jit", "strategy=tiered"] {
        let run = |name: &str, args: &[&str]| invoke_with(&["-C", strategy], &path, name, args);
        let out = run("apply", &["0", "41"]);
        assert_eq!(
            (out.code, out.stdout.as_str()),
            (Some(0), "42\n"),
            "{out:?}"
        );
        let out = run("apply", &["1", "21"]);
        assert_eq!(
            (out.code, out.stdout.as_str()),
            (Some(0), "42\n"),
            "{out:?}"
        );
        let out = run("call_null", &[]);
        let frames = expect_trap(&out, "null reference");
        frame_of(&frames, "call_null");
    }
    let out = invoke_with(
        &["-W", "function-references=n"],
        &path,
        "apply",
        &["0", "1"],
    );
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(
        out.stderr
            .contains("needs the `function-references` feature, which is disabled"),
        "{out:?}"
    );
}

#[test]
fn the_gc_example_runs_with_gc_switched_on() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/gc-trees.wat");
    for strategy in ["strategy=interp", "strategy=jit", "strategy=tiered"] {
        let out = invoke_with(&["-W", "gc=y", "-C", strategy], &path, "run", &["3"]);
        assert_prints(&out, "393213\n");
    }
    // GC is off by default, as in Wasmtime.
    let out = invoke_with(&[], &path, "run", &["1"]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains("`gc` feature"), "{out:?}");
}

#[test]
fn trap_in_start_function_exits_134() {
    let path = fixture("start_trap.wat");
    let out = tern([OsStr::new("run"), path.as_os_str()]);
    let frames = expect_trap(&out, "unreachable");
    assert_frame_order(&frames, &["explode", "init"]);
    // Also when an export is to be invoked: instantiation comes first.
    let out = invoke(&path, "anything", &[]);
    expect_trap(&out, "unreachable");
}

// ---------------------------------------------------------------------------
// tern run without --invoke
// ---------------------------------------------------------------------------

#[test]
fn run_calls_start_export() {
    // `_start` traps, which shows that it was called.
    let path = fixture("start_export.wat");
    let out = tern([OsStr::new("run"), path.as_os_str()]);
    let frames = expect_trap(&out, "unreachable");
    assert_frame_order(&frames, &["inner", "main"]);
}

#[test]
fn run_with_returning_start_export_prints_nothing() {
    let path = fixture("start_ok.wat");
    assert_prints(&tern([OsStr::new("run"), path.as_os_str()]), "");
}

#[test]
fn run_without_start_export_instantiates_only() {
    let path = fixture("no_start.wat");
    assert_prints(&tern([OsStr::new("run"), path.as_os_str()]), "");
    // The module's start function ran during instantiation.
    assert_prints(&invoke(&path, "ready", &[]), "1\n");
    let wasm = binary_fixture("values.wat", "run_without_start_export.wasm");
    assert_prints(&tern([OsStr::new("run"), wasm.as_os_str()]), "");
}

// ---------------------------------------------------------------------------
// Help, version and bad usage
// ---------------------------------------------------------------------------

#[test]
fn help_exits_zero() {
    let out = tern(["--help"]);
    assert_no_panic(&out);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.contains("run"), "{out:?}");
    assert!(out.stdout.contains("wast"), "{out:?}");

    let out = tern(["run", "--help"]);
    assert_no_panic(&out);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.contains("--invoke"), "{out:?}");

    let out = tern(["wast", "--help"]);
    assert_no_panic(&out);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.contains("--spec"), "{out:?}");
}

#[test]
fn version_ends_with_package_version() {
    let out = tern(["--version"]);
    assert_no_panic(&out);
    assert_eq!(out.code, Some(0), "{out:?}");
    let first = out.stdout.lines().next().expect("no version output");
    assert_eq!(
        first.split_whitespace().last(),
        Some(env!("CARGO_PKG_VERSION")),
        "{out:?}"
    );
}

#[test]
fn bad_usage_fails_without_panic() {
    let values = fixture("values.wat");
    let values = values.to_str().expect("fixture path is not UTF-8");
    for args in [
        &["frobnicate"][..],
        &["--frobnicate"][..],
        &["run", "--frobnicate", values][..],
        &["run"][..],
        &["run", "--invoke"][..],
        &["wast"][..],
        &["wast", "--frobnicate", values][..],
        &[][..],
    ] {
        let out = tern(args);
        assert_no_panic(&out);
        assert_ne!(
            out.code,
            Some(0),
            "`tern {}` should fail: {out:?}",
            args.join(" ")
        );
        assert!(!out.stderr.is_empty(), "no error message: {out:?}");
    }
}

// ---------------------------------------------------------------------------
// tern wast
// ---------------------------------------------------------------------------

/// Runs `tern wast` with `flags` on the given fixtures; returns the outcome
/// and the fixtures' paths as `tern` prints them.
fn wast(flags: &[&str], fixtures: &[&str]) -> (Outcome, Vec<String>) {
    let paths: Vec<PathBuf> = fixtures.iter().map(|name| fixture(name)).collect();
    let mut args: Vec<&OsStr> = vec![OsStr::new("wast")];
    args.extend(flags.iter().map(OsStr::new));
    args.extend(paths.iter().map(|p| p.as_os_str()));
    let out = tern(args);
    assert_no_panic(&out);
    let shown = paths.iter().map(|p| p.display().to_string()).collect();
    (out, shown)
}

/// Asserts `lines` are indented failure details: at least one, all indented,
/// none empty.
fn assert_details(lines: &[&str]) {
    assert!(!lines.is_empty(), "no failure details");
    for line in lines {
        assert!(
            line.starts_with(char::is_whitespace) && !line.trim().is_empty(),
            "failure detail line is not indented: {line:?}"
        );
    }
}

#[test]
fn wast_passing_script() {
    let (out, paths) = wast(&[], &["pass.wast"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(
        out.stdout,
        format!("{}: 5 passed, 0 failed\n5 passed, 0 failed\n", paths[0]),
        "{out:?}"
    );
}

#[test]
fn wast_failing_script() {
    let (out, paths) = wast(&[], &["fail.wast"]);
    assert_ne!(out.code, Some(0), "{out:?}");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(lines.len() >= 3, "{out:?}");
    assert_eq!(lines[0], format!("{}: 2 passed, 1 failed", paths[0]));
    let details = &lines[1..lines.len() - 1];
    assert_details(details);
    assert!(
        names(details[0], "6"),
        "failure detail does not give the directive's line (6): {}",
        details[0]
    );
    assert_eq!(lines[lines.len() - 1], "2 passed, 1 failed");
}

#[test]
fn wast_totals_over_files() {
    let (out, paths) = wast(&[], &["pass.wast", "fail.wast"]);
    assert_ne!(out.code, Some(0), "{out:?}");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(lines.len() >= 4, "{out:?}");
    assert_eq!(lines[0], format!("{}: 5 passed, 0 failed", paths[0]));
    assert_eq!(lines[1], format!("{}: 2 passed, 1 failed", paths[1]));
    assert_details(&lines[2..lines.len() - 1]);
    assert_eq!(lines[lines.len() - 1], "7 passed, 1 failed");
}

#[test]
fn wast_spec_2_accepts_sign_extension() {
    for flags in [&[][..], &["--spec", "2"][..], &["--spec=2"][..]] {
        let (out, paths) = wast(flags, &["extend8.wast"]);
        assert_eq!(out.code, Some(0), "{flags:?}: {out:?}");
        assert_eq!(
            out.stdout,
            format!("{}: 2 passed, 0 failed\n2 passed, 0 failed\n", paths[0]),
            "{flags:?}"
        );
    }
}

#[test]
fn wast_spec_1_rejects_sign_extension() {
    let (out, paths) = wast(&["--spec", "1"], &["extend8.wast"]);
    assert_ne!(out.code, Some(0), "{out:?}");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(lines.len() >= 3, "{out:?}");
    assert_eq!(lines[0], format!("{}: 0 passed, 2 failed", paths[0]));
    let details = &lines[1..lines.len() - 1];
    assert_details(details);
    assert!(
        names(details[0], "4"),
        "the first failure should be the module directive on line 4: {}",
        details[0]
    );
    assert_eq!(lines[lines.len() - 1], "0 passed, 2 failed");
    // A 1.0 script still passes under --spec 1.
    let (out, _) = wast(&["--spec", "1"], &["pass.wast"]);
    assert_eq!(out.code, Some(0), "{out:?}");
}

#[test]
fn wast_spec_3_runs_and_others_are_rejected() {
    let (out, _) = wast(&["--spec", "3"], &["pass.wast"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    for spec in ["4", "0", "two"] {
        let (out, _) = wast(&["--spec", spec], &["pass.wast"]);
        assert_ne!(
            out.code,
            Some(0),
            "--spec {spec} should be rejected: {out:?}"
        );
        assert_eq!(out.stdout, "", "--spec {spec} ran the script: {out:?}");
        assert!(!out.stderr.is_empty(), "no error message: {out:?}");
    }
}

#[test]
fn wast_missing_file_fails() {
    let (out, _) = wast(&[], &["pass.wast", "does-not-exist.wast"]);
    assert_ne!(out.code, Some(0), "{out:?}");
    let last = out.stdout.lines().last().unwrap_or("");
    assert!(
        !last.ends_with(" 0 failed"),
        "a missing script must count as a failure: {out:?}"
    );
}

#[test]
fn feature_switch_turns_a_feature_off_and_the_error_names_it() {
    let wat = scratch_file(
        "extended-const.wat",
        b"(module (global (export \"g\") i32 (i32.add (i32.const 1) (i32.const 2))))",
    );
    // On by default, as in Wasmtime.
    let out = tern([OsStr::new("run"), wat.as_os_str()]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let out = tern([
        OsStr::new("run"),
        OsStr::new("-W"),
        OsStr::new("extended-const=n"),
        wat.as_os_str(),
    ]);
    let message = expect_error(&out);
    assert!(
        message.contains("`extended-const` feature"),
        "the error should name the feature: {message}"
    );
    // Comma-separated lists and bare names (`=y`) are accepted.
    let out = tern([
        OsStr::new("run"),
        OsStr::new("-W"),
        OsStr::new("extended-const=n,extended-const"),
        wat.as_os_str(),
    ]);
    assert_eq!(out.code, Some(0), "{out:?}");
}

#[test]
fn feature_switch_errors_are_clear() {
    let wat = fixture("values.wat");
    for (arg, needle) in [
        ("no-such-feature=y", "unknown option `no-such-feature`"),
        ("simd=maybe", "expected `y` or `n`"),
    ] {
        let out = tern([
            OsStr::new("run"),
            OsStr::new("-W"),
            OsStr::new(arg),
            wat.as_os_str(),
        ]);
        let message = expect_error(&out);
        assert!(message.contains(needle), "-W {arg}: {message}");
    }
    let (out, _) = wast(&["-W", "tail-call=perhaps"], &["pass.wast"]);
    let message = expect_error(&out);
    assert!(message.contains("expected `y` or `n`"), "{message}");
}

#[test]
fn every_proposal_switch_is_on_by_default_and_named_when_off() {
    let cases: [(&str, &[u8]); 6] = [
        (
            "simd",
            b"(module (func (export \"f\") (result i32) (i32x4.extract_lane 0 (v128.const i32x4 1 2 3 4))))",
        ),
        (
            "relaxed-simd",
            b"(module (func (export \"f\") (result v128) (i8x16.relaxed_swizzle (v128.const i64x2 0 0) (v128.const i64x2 0 0))))",
        ),
        (
            "tail-call",
            b"(module (func $g (result i32) (i32.const 1)) (func (export \"f\") (result i32) (return_call $g)))",
        ),
        (
            "extended-const",
            b"(module (global i32 (i32.mul (i32.const 2) (i32.const 3))))",
        ),
        ("multi-memory", b"(module (memory 1) (memory 1))"),
        ("memory64", b"(module (memory i64 1))"),
    ];
    for (feature, text) in cases {
        let wat = scratch_file(&format!("switch-{feature}.wat"), text);
        let out = tern([OsStr::new("run"), wat.as_os_str()]);
        assert_eq!(
            out.code,
            Some(0),
            "{feature} should be on by default: {out:?}"
        );
        let off = format!("{feature}=n");
        let out = tern([
            OsStr::new("run"),
            OsStr::new("-W"),
            OsStr::new(&off),
            wat.as_os_str(),
        ]);
        let message = expect_error(&out);
        assert!(
            message.contains(&format!("`{feature}` feature")),
            "turning {feature} off should name it: {message}"
        );
    }
}

#[test]
fn jit_code_is_cached_where_cache_dir_says_and_cache_n_writes_nothing() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-code-cache");
    let _ = std::fs::remove_dir_all(&dir);
    let module = fixture("values.wat");
    let cached = format!("strategy=jit,cache-dir={}", dir.display());
    let run = |codegen: &str| {
        let out = invoke_with(&["-C", codegen], &module, "add", &["40", "2"]);
        assert_no_panic(&out);
        assert_eq!(out.stdout, "42\n", "{}", out.stderr);
    };
    run(&cached);
    let entries = || std::fs::read_dir(&dir).map_or(0, |d| d.count());
    let expected = usize::from(cfg!(all(target_arch = "x86_64", target_os = "linux")));
    assert_eq!(entries(), expected);
    // The second run reads the entry and adds none.
    run(&cached);
    assert_eq!(entries(), expected);
    // So does a tiered run of the same module in binary form (what the
    // text compiles to): its code comes from the entry, mapped before the
    // first instruction.
    let binary = binary_fixture("values.wat", "values-cached.wasm");
    let out = Command::new(env!("CARGO_BIN_EXE_tern"))
        .env("TERN_JIT_STATS", "1")
        .args(["run", "-C"])
        .arg(format!("strategy=tiered,cache-dir={}", dir.display()))
        .args(["--invoke", "add"])
        .arg(&binary)
        .args(["40", "2"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "42\n", "{stderr}");
    if expected == 1 {
        assert!(stderr.contains("from the code cache"), "{stderr}");
    }
    assert_eq!(entries(), expected);
    // `cache=n` after `cache-dir` turns it off again.
    std::fs::remove_dir_all(&dir).ok();
    run(&format!("{cached},cache=n"));
    assert_eq!(entries(), 0);
    let out = tern(["run", "-C", "cache=maybe", module.to_str().unwrap()]);
    assert!(expect_error(&out).contains("-C cache: expected `y` or `n`"));
}

#[test]
fn cranelift_debug_verifier_is_a_codegen_switch() {
    let module = fixture("values.wat");
    let out = tern([
        "run",
        "-C",
        "strategy=jit,cranelift-debug-verifier=y,cache=n",
        "--invoke",
        "add",
        module.to_str().unwrap(),
        "40",
        "2",
    ]);
    assert_no_panic(&out);
    assert_eq!(out.stdout, "42\n", "{}", out.stderr);
    let out = tern([
        "run",
        "-C",
        "cranelift-debug-verifier=sometimes",
        module.to_str().unwrap(),
    ]);
    assert!(expect_error(&out).contains("-C cranelift-debug-verifier: expected `y` or `n`"));
}
