//! End-to-end tests of the module tools of the `tern` command line:
//!
//! * `tern validate FILE` is silent with status 0 on a valid module, and a
//!   one-line `error:` with status 1 that says malformed or invalid, why and
//!   where, otherwise; it takes the `-W` switches of `run`;
//! * `tern inspect FILE` prints the documented summary (checked line by line
//!   on a module with every kind of import and export, and whole on the empty
//!   module);
//! * `tern wat2wasm FILE -o OUT` and `tern wasm2wat FILE [-o OUT]` convert
//!   both ways, and text printed from a binary parses back to the same binary;
//! * every failure is one `error:` line on stderr with status 1, nothing on
//!   stdout and no panic.
//!
//! Each test runs the built binary (`CARGO_BIN_EXE_tern`) as a child process
//! and writes its scratch files to `CARGO_TARGET_TMPDIR` under names of its
//! own, as tests run in parallel.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The exit status, stdout and stderr of one run of `tern`.
#[derive(Debug)]
struct Run {
    /// `None` if the process was killed by a signal.
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `tern` with `args` and waits for it.
fn tern<S: AsRef<OsStr>>(args: &[S]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_tern"))
        .args(args)
        .output()
        .expect("cannot start the tern binary");
    Run {
        status: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A file in `tests/fixtures/`.
fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A path in the scratch directory (nothing is written).
fn scratch(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(name)
}

/// Writes `bytes` to the scratch file `name` and returns its path.
fn scratch_with(name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = scratch(name);
    std::fs::write(&path, bytes).expect("cannot write a scratch file");
    path
}

/// A valid header, then a type section whose size is missing.
const TRUNCATED: &[u8] = b"\0asm\x01\0\0\0\x01";

/// The header of a component (version 0xd, layer 1).
const COMPONENT: &[u8] = b"\0asm\x0d\0\x01\0";

/// Asserts a clean success: status 0, empty stderr. Returns stdout.
fn expect_ok(run: &Run) -> &str {
    assert_eq!(run.status, Some(0), "expected success: {run:?}");
    assert_eq!(run.stderr, "", "unexpected stderr: {run:?}");
    &run.stdout
}

/// Asserts a clean failure: status 1, nothing on stdout, exactly one line on
/// stderr starting with `error: `, which is returned.
fn expect_error(run: &Run) -> &str {
    assert!(!run.stderr.contains("panicked"), "tern panicked: {run:?}");
    assert_eq!(run.status, Some(1), "expected status 1: {run:?}");
    assert_eq!(run.stdout, "", "nothing should be printed on stdout");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "expected a one-line error: {run:?}");
    assert!(
        lines[0].starts_with("error: "),
        "not an error line: {run:?}"
    );
    lines[0]
}

/// Asserts that `line` contains every one of `parts`.
fn assert_mentions(line: &str, parts: &[&str]) {
    for part in parts {
        assert!(line.contains(part), "`{part}` missing from: {line}");
    }
}

/// `tern wat2wasm TEXT -o OUT` on the fixture `name`; returns OUT's bytes.
fn wat2wasm(name: &str, out: &str) -> Vec<u8> {
    let out = scratch(out);
    let _ = std::fs::remove_file(&out);
    let run = tern(&[
        OsStr::new("wat2wasm"),
        fixture(name).as_os_str(),
        OsStr::new("-o"),
        out.as_os_str(),
    ]);
    assert_eq!(expect_ok(&run), "", "wat2wasm printed something");
    std::fs::read(&out).expect("wat2wasm wrote no output file")
}

// ---------------------------------------------------------------------------
// validate
// ---------------------------------------------------------------------------

#[test]
fn validate_accepts_valid_text_and_binary_silently() {
    assert_eq!(
        expect_ok(&tern(&[
            OsStr::new("validate"),
            fixture("values.wat").as_os_str()
        ])),
        ""
    );
    let binary = scratch_with(
        "validate_ok.wasm",
        wat::parse_file(fixture("values.wat")).expect("fixture parses"),
    );
    assert_eq!(
        expect_ok(&tern(&[OsStr::new("validate"), binary.as_os_str()])),
        ""
    );
}

#[test]
fn validate_rejects_an_invalid_module_and_says_why() {
    let run = tern(&[OsStr::new("validate"), fixture("invalid.wat").as_os_str()]);
    let line = expect_error(&run);
    assert_mentions(
        line,
        &[
            "invalid.wat",
            "invalid module",
            "type mismatch",
            "at offset 0x",
        ],
    );
}

#[test]
fn validate_rejects_a_malformed_binary_with_its_offset() {
    let path = scratch_with("validate_truncated.wasm", TRUNCATED);
    let run = tern(&[OsStr::new("validate"), path.as_os_str()]);
    let line = expect_error(&run);
    assert_mentions(
        line,
        &[
            "validate_truncated.wasm",
            "malformed module",
            "at offset 0x9",
        ],
    );
}

#[test]
fn validate_rejects_malformed_text_with_its_line() {
    let run = tern(&[OsStr::new("validate"), fixture("malformed.wat").as_os_str()]);
    let line = expect_error(&run);
    assert_mentions(line, &["malformed.wat", "malformed module", "line 5"]);
}

#[test]
fn validate_missing_file_is_an_error() {
    let run = tern(&["validate", "no-such-module.wasm"]);
    assert_mentions(
        expect_error(&run),
        &["failed to read", "no-such-module.wasm"],
    );
}

#[test]
fn validate_follows_feature_switches() {
    let path = scratch_with(
        "validate_memory64.wat",
        "(module (memory i64 1) (func (result i64) memory.size))",
    );
    expect_ok(&tern(&[OsStr::new("validate"), path.as_os_str()]));
    let run = tern(&[
        OsStr::new("validate"),
        OsStr::new("-W"),
        OsStr::new("memory64=n"),
        path.as_os_str(),
    ]);
    assert_mentions(expect_error(&run), &["`memory64`", "disabled"]);
    let run = tern(&[
        OsStr::new("validate"),
        OsStr::new("-W"),
        OsStr::new("warp=y"),
        path.as_os_str(),
    ]);
    assert_mentions(expect_error(&run), &["unknown option `warp`"]);
}

// ---------------------------------------------------------------------------
// inspect
// ---------------------------------------------------------------------------

/// The lines `tern inspect` printed for `path`, after checking success.
fn inspect(path: &Path) -> Vec<String> {
    let run = tern(&[OsStr::new("inspect"), path.as_os_str()]);
    expect_ok(&run).lines().map(str::to_string).collect()
}

/// Asserts that `expected` appear in `lines` in this order, each right
/// after the previous one.
fn assert_block(lines: &[String], expected: &[&str]) {
    let start = lines
        .iter()
        .position(|l| l == expected[0])
        .unwrap_or_else(|| panic!("no line `{}` in:\n{}", expected[0], lines.join("\n")));
    let got: Vec<&str> = lines[start..]
        .iter()
        .take(expected.len())
        .map(String::as_str)
        .collect();
    assert_eq!(got, expected, "in:\n{}", lines.join("\n"));
}

#[test]
fn inspect_lists_every_kind_of_import_and_export() {
    let lines = inspect(&fixture("inspect.wat"));
    assert_block(
        &lines,
        &[
            "imports: 5",
            "  \"env\" \"add\": func[0] (param i32 i32) (result i32)",
            "  \"env\" \"memory\": memory[0] i64 1 2 shared",
            "  \"env\" \"table\": table[0] i32 1 10 funcref",
            "  \"env\" \"counter\": global[0] (mut i32)",
            "  \"env\" \"oops\": tag[0] (param i32)",
            "exports: 6",
            "  \"sum\": func[2] (param i32 i32) (result i32)",
            "  \"memory\": memory[0] i64 1 2 shared",
            "  \"table\": table[0] i32 1 10 funcref",
            "  \"counter\": global[0] (mut i32)",
            "  \"oops\": tag[0] (param i32)",
            "  \"limit\": global[1] i64",
            "functions: 3 (1 imported, 2 defined)",
        ],
    );
}

#[test]
fn inspect_lists_entities_segments_start_and_sections() {
    let lines = inspect(&fixture("inspect.wat"));
    assert_block(
        &lines,
        &[
            "tables: 2",
            "  table[0] i32 1 10 funcref (imported)",
            "  table[1] i32 2 externref",
            "memories: 2",
            "  memory[0] i64 1 2 shared (imported)",
            "  memory[1] i32 1",
            "globals: 2",
            "  global[0] (mut i32) (imported)",
            "  global[1] i64",
            "tags: 2",
            "  tag[0] (param i32) (imported)",
            "  tag[1]",
            "data segments: 2",
            "element segments: 1",
            "start: func[1]",
        ],
    );
    // The custom section comes first, then the name section `wat` adds.
    assert_block(&lines, &["custom sections: 2", "  \"greeting\": 6 bytes"]);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("  \"name\": ") && l.ends_with(" bytes")),
        "no name section listed:\n{}",
        lines.join("\n")
    );
    // One byte of count, then `$init` (3 bytes) and `$sum` (9 bytes).
    assert_block(&lines, &["code section: 12 bytes, 2 functions"]);
    assert_block(
        &lines,
        &[
            "features: bulk-memory, exceptions, memory64, multi-memory, mutable-global, reference-types, threads",
        ],
    );
}

#[test]
fn inspect_binary_and_text_agree() {
    let binary = scratch_with(
        "inspect_same.wasm",
        wat::parse_file(fixture("inspect.wat")).expect("fixture parses"),
    );
    assert_eq!(inspect(&binary), inspect(&fixture("inspect.wat")));
}

#[test]
fn inspect_of_the_empty_module_prints_the_whole_format() {
    let path = scratch_with("inspect_empty.wat", "(module)");
    let run = tern(&[OsStr::new("inspect"), path.as_os_str()]);
    assert_eq!(
        expect_ok(&run),
        "types: 0\n\
         imports: 0\n\
         exports: 0\n\
         functions: 0 (0 imported, 0 defined)\n\
         tables: 0\n\
         memories: 0\n\
         globals: 0\n\
         tags: 0\n\
         data segments: 0\n\
         element segments: 0\n\
         start: none\n\
         custom sections: 0\n\
         code section: none\n\
         features: none\n"
    );
}

#[test]
fn inspect_names_the_proposals_a_module_uses() {
    let path = scratch_with(
        "inspect_features.wat",
        r#"(module
             (global i32 (i32.add (i32.const 1) (i32.const 2)))
             (func (param v128) (result v128) local.get 0 i32x4.abs)
             (func (param i32) (result i32) local.get 0 i32.extend8_s)
             (func (param f32) (result i32) local.get 0 i32.trunc_sat_f32_s)
             (func (result i32 i64) i32.const 0 i64.const 0)
             (func (result i32) i32.const 0 return_call 3))"#,
    );
    let lines = inspect(&path);
    assert_block(
        &lines,
        &[
            "features: extended-const, multi-value, saturating-float-to-int, sign-extension, simd, tail-call",
        ],
    );
    let lines = inspect(&fixture("start_ok.wat"));
    assert_block(&lines, &["features: none"]);
}

#[test]
fn inspect_decodes_without_validating() {
    // `invalid.wat` decodes: inspect describes it, validate refuses it.
    let lines = inspect(&fixture("invalid.wat"));
    assert_block(&lines, &["exports: 1", "  \"f\": func[0] (result i32)"]);
}

#[test]
fn inspect_errors_are_one_line() {
    let truncated = scratch_with("inspect_truncated.wasm", TRUNCATED);
    let run = tern(&[OsStr::new("inspect"), truncated.as_os_str()]);
    assert_mentions(
        expect_error(&run),
        &[
            "inspect_truncated.wasm",
            "malformed module",
            "at offset 0x9",
        ],
    );
    let run = tern(&[OsStr::new("inspect"), fixture("malformed.wat").as_os_str()]);
    assert_mentions(expect_error(&run), &["malformed.wat", "line 5"]);
    let run = tern(&["inspect", "no-such-module.wat"]);
    assert_mentions(expect_error(&run), &["no-such-module.wat"]);
    let component = scratch_with("inspect_component.wasm", COMPONENT);
    let run = tern(&[OsStr::new("inspect"), component.as_os_str()]);
    assert_mentions(expect_error(&run), &["a component, not a core module"]);
    // A body that ends in the middle of an instruction is caught too.
    let bad_body = scratch_with(
        "inspect_bad_body.wasm",
        b"\0asm\x01\0\0\0\x01\x04\x01\x60\0\0\x03\x02\x01\0\x0a\x05\x01\x03\0\x41\x80",
    );
    let run = tern(&[OsStr::new("inspect"), bad_body.as_os_str()]);
    assert_mentions(expect_error(&run), &["malformed module"]);
}

// ---------------------------------------------------------------------------
// wat2wasm and wasm2wat
// ---------------------------------------------------------------------------

#[test]
fn wat2wasm_writes_what_the_wat_crate_encodes() {
    let bytes = wat2wasm("inspect.wat", "wat2wasm_same.wasm");
    let expected = wat::parse_file(fixture("inspect.wat")).expect("fixture parses");
    assert_eq!(bytes, expected);
}

#[test]
fn round_trip_gives_the_same_binary() {
    for name in ["inspect.wat", "values.wat", "traps.wat"] {
        let binary = wat2wasm(name, &format!("round_trip_{name}.wasm"));
        let path = scratch_with(&format!("round_trip_in_{name}.wasm"), &binary);
        // To stdout...
        let run = tern(&[OsStr::new("wasm2wat"), path.as_os_str()]);
        let text = expect_ok(&run);
        assert!(text.starts_with("(module"), "not a text module: {text}");
        let reparsed = wat::parse_str(text).expect("printed text does not parse");
        assert_eq!(reparsed, binary, "{name}: text from wasm2wat:\n{text}");
        // ... and to a file, the same text.
        let out = scratch(&format!("round_trip_{name}.wat"));
        let run = tern(&[
            OsStr::new("wasm2wat"),
            path.as_os_str(),
            OsStr::new("-o"),
            out.as_os_str(),
        ]);
        assert_eq!(expect_ok(&run), "");
        assert_eq!(std::fs::read_to_string(&out).expect("no output file"), text);
    }
}

#[test]
fn wat2wasm_errors() {
    let out = scratch("wat2wasm_never.wasm");
    let _ = std::fs::remove_file(&out);
    let run = tern(&[
        OsStr::new("wat2wasm"),
        fixture("malformed.wat").as_os_str(),
        OsStr::new("-o"),
        out.as_os_str(),
    ]);
    assert_mentions(
        expect_error(&run),
        &["malformed.wat", "malformed module", "line 5"],
    );
    assert!(!out.exists(), "an output file was written for bad input");

    let run = tern(&[
        OsStr::new("wat2wasm"),
        OsStr::new("no-such-module.wat"),
        OsStr::new("-o"),
        out.as_os_str(),
    ]);
    assert_mentions(expect_error(&run), &["no-such-module.wat"]);

    let run = tern(&[
        OsStr::new("wat2wasm"),
        fixture("values.wat").as_os_str(),
        OsStr::new("-o"),
        fixture("no-such-dir/out.wasm").as_os_str(),
    ]);
    assert_mentions(expect_error(&run), &["failed to write", "out.wasm"]);

    // No `-o`: a usage error from the argument parser (as for `run`), which
    // names the missing option and writes nothing to stdout.
    let run = tern(&[OsStr::new("wat2wasm"), fixture("values.wat").as_os_str()]);
    assert!(!run.stderr.contains("panicked"), "{run:?}");
    assert_ne!(run.status, Some(0), "{run:?}");
    assert_eq!(run.stdout, "", "{run:?}");
    assert!(run.stderr.contains("--output"), "{run:?}");
}

#[test]
fn wasm2wat_errors() {
    let truncated = scratch_with("wasm2wat_truncated.wasm", TRUNCATED);
    let run = tern(&[OsStr::new("wasm2wat"), truncated.as_os_str()]);
    assert_mentions(
        expect_error(&run),
        &["wasm2wat_truncated.wasm", "unexpected end", "0x9"],
    );
    let run = tern(&["wasm2wat", "no-such-module.wasm"]);
    assert_mentions(expect_error(&run), &["no-such-module.wasm"]);
    let component = scratch_with("wasm2wat_component.wasm", COMPONENT);
    let run = tern(&[OsStr::new("wasm2wat"), component.as_os_str()]);
    assert_mentions(expect_error(&run), &["a component, not a core module"]);
    let binary = scratch_with(
        "wasm2wat_ok.wasm",
        wat::parse_file(fixture("values.wat")).expect("fixture parses"),
    );
    let run = tern(&[
        OsStr::new("wasm2wat"),
        binary.as_os_str(),
        OsStr::new("-o"),
        fixture("no-such-dir/out.wat").as_os_str(),
    ]);
    assert_mentions(expect_error(&run), &["failed to write", "out.wat"]);
}

#[test]
fn help_lists_the_tools() {
    let run = tern(&["--help"]);
    let help = expect_ok(&run);
    for command in ["validate", "inspect", "wat2wasm", "wasm2wat"] {
        assert!(
            help.lines().any(|l| l.trim_start().starts_with(command)),
            "`{command}` missing from --help:\n{help}"
        );
    }
    let run = tern(&["inspect", "--help"]);
    assert!(
        expect_ok(&run).contains("  code section: SIZE bytes, N functions | none"),
        "inspect --help does not document the format"
    );
}
