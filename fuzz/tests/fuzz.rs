//! Short deterministic runs of every target, and replays of the saved
//! reproducers in `regressions/<target>/` (each must run clean: one that
//! fails is a Tern bug not yet fixed; see `regressions/README.md`).

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tern_fuzz::driver::{self, Options};
use tern_fuzz::{Target, differential};

/// The driver keeps the input being run in process-wide state (for the
/// watchdog and the crash handler): one run at a time.
static SERIAL: Mutex<()> = Mutex::new(());

fn short_run(target: Target) {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut opts = Options::new(target);
    opts.runs = Some(200);
    opts.seed = 20261203;
    opts.artifacts = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("artifacts");
    let summary = driver::run(&opts);
    println!("{}", summary.line());
    assert_eq!(summary.execs, 200);
    assert_eq!(summary.findings, 0, "findings: {:?}", summary.signatures);
}

#[test]
fn validate_runs_clean() {
    short_run(Target::Validate);
}

#[test]
fn execute_runs_clean() {
    short_run(Target::Execute);
}

#[test]
fn differential_runs_clean() {
    short_run(Target::Differential);
}

#[test]
fn inputs_are_deterministic() {
    let a = driver::input_bytes(7, 42);
    assert_eq!(a, driver::input_bytes(7, 42));
    assert_ne!(a, driver::input_bytes(7, 43));
    assert_ne!(a, driver::input_bytes(8, 42));
    for i in 0..100 {
        let len = driver::input_bytes(1, i).len();
        assert!((4096..=65536).contains(&len), "{len}");
    }
}

#[test]
fn the_wasmi_select_filter_sees_the_pattern() {
    let bad = tern::Module::wat_to_binary(
        br#"(module (func (param i32) (result i32)
              i32.const 1 local.get 0 local.get 0 i32.eqz select))"#,
    )
    .unwrap();
    let good = tern::Module::wat_to_binary(
        br#"(module (func (param i32) (result i32)
              i32.const 1 local.get 0 local.get 0 select))"#,
    )
    .unwrap();
    assert!(differential::has_wasmi_select_fusion(&bad));
    assert!(!differential::has_wasmi_select_fusion(&good));
}

#[test]
fn the_wasmi_if_parameter_filter_sees_the_pattern() {
    let wat = |body: &str| {
        tern::Module::wat_to_binary(
            format!("(module (func (param i32) (result i32) local.get 0 i32.const 1 {body} drop))")
                .as_bytes(),
        )
        .unwrap()
        .to_vec()
    };
    // Nested in either arm, at any depth: filtered.
    for body in [
        "local.get 0 if (param i32) (result i32) loop end else end",
        "local.get 0 if (param i32) (result i32) else block end end",
        "local.get 0 if (param i32) (result i32) block block end end else end",
        "block (param i32) (result i32) local.get 0 if (param i32) (result i32) if end i32.const 2 else end end",
    ] {
        assert!(
            differential::has_wasmi_if_param_nesting(&wat(body)),
            "{body}"
        );
    }
    // No parameters, or nothing nested: compared.
    for body in [
        "local.get 0 if (param i32) (result i32) br_if 0 (i32.const 0) else end",
        "drop local.get 0 if (result i32) block end i32.const 1 else i32.const 2 end",
        "block (param i32) (result i32) loop end end",
    ] {
        assert!(
            !differential::has_wasmi_if_param_nesting(&wat(body)),
            "{body}"
        );
    }
}

/// Every `.wasm`, `.wat` and `.bin` file under `regressions/<target>/`.
fn regressions() -> Vec<(Target, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("regressions");
    let mut out = Vec::new();
    for target in Target::ALL {
        let Ok(dir) = std::fs::read_dir(root.join(target.name())) else {
            continue;
        };
        let mut files: Vec<PathBuf> = dir
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension()
                    .is_some_and(|e| e == "wasm" || e == "wat" || e == "bin")
            })
            .collect();
        files.sort();
        out.extend(files.into_iter().map(|p| (target, p)));
    }
    out
}

#[test]
fn regressions_replay_clean() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut failed = Vec::new();
    let all = regressions();
    for (target, path) in &all {
        let (summary, finding) = driver::replay(*target, path, false).expect("read the reproducer");
        println!("{}: {}", path.display(), summary.line());
        if let Some(f) = finding {
            failed.push(format!(
                "{target} {}: {}\n{}",
                path.display(),
                f.signature,
                f.detail
            ));
        }
    }
    println!("{} reproducers replayed", all.len());
    assert!(
        failed.is_empty(),
        "{} of {} reproducers still fail:\n{}",
        failed.len(),
        all.len(),
        failed.join("\n")
    );
}
