//! `tern-fuzz`: the command line of the fuzz driver. See README.md.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;
use tern_fuzz::Target;
use tern_fuzz::driver::{self, Options};

const USAGE: &str = "\
usage: tern-fuzz --target validate|execute|differential|all[,...]
                 [--runs N] [--seconds S] [--seed S] [--start I]
                 [--artifacts DIR] [--progress SECS]
       tern-fuzz --target T --replay FILE [--verbose]
       tern-fuzz --print FILE.wasm|FILE.bin --target T   (the module as text)
       tern-fuzz --wat2wasm IN.wat OUT.wasm

Runs each target over inputs made from a seeded PRNG (the same seed and runs
give the same inputs) and prints one line per target:
  <target>: N execs in T s (X/s), M findings
Exits 1 if anything was found (inputs saved under fuzz/artifacts/<target>/).
With neither --runs nor --seconds, 1000 runs; with both, whichever ends first.
--start I begins at input #I of the seed (re-run input #I alone with --runs 1).
--replay re-runs one saved input (.bin) or module (.wasm, or .wat text).
--print shows a module (for a .bin input: the module the target makes of it).";

fn parse() -> Result<(Vec<Target>, Options, Option<PathBuf>, bool), String> {
    let mut targets = Vec::new();
    let mut opts = Options::new(Target::Validate);
    let mut replay = None;
    let mut verbose = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--target" => {
                for name in value("--target")?.split(',') {
                    if name == "all" {
                        targets.extend(Target::ALL);
                    } else {
                        targets.push(
                            Target::from_name(name)
                                .ok_or_else(|| format!("unknown target {name:?}"))?,
                        );
                    }
                }
            }
            "--runs" => {
                opts.runs = Some(
                    value("--runs")?
                        .parse()
                        .map_err(|e| format!("--runs: {e}"))?,
                )
            }
            "--seconds" => {
                opts.seconds = Some(
                    value("--seconds")?
                        .parse()
                        .map_err(|e| format!("--seconds: {e}"))?,
                )
            }
            "--seed" => {
                opts.seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            "--start" => {
                opts.start = value("--start")?
                    .parse()
                    .map_err(|e| format!("--start: {e}"))?
            }
            "--artifacts" => opts.artifacts = PathBuf::from(value("--artifacts")?),
            "--progress" => {
                let secs: f64 = value("--progress")?
                    .parse()
                    .map_err(|e| format!("--progress: {e}"))?;
                opts.progress = Some(Duration::from_secs_f64(secs));
            }
            "--replay" => replay = Some(PathBuf::from(value("--replay")?)),
            "--verbose" | "-v" => verbose = true,
            "--print" => {
                let file = PathBuf::from(value("--print")?);
                let target = targets.first().copied();
                std::process::exit(print(&file, target));
            }
            "--wat2wasm" => {
                let input = PathBuf::from(value("--wat2wasm")?);
                let output = PathBuf::from(value("--wat2wasm")?);
                let text =
                    std::fs::read(&input).map_err(|e| format!("{}: {e}", input.display()))?;
                let wasm = tern::Module::wat_to_binary(&text).map_err(|e| e.to_string())?;
                std::fs::write(&output, &wasm).map_err(|e| format!("{}: {e}", output.display()))?;
                std::process::exit(0);
            }
            "--help" | "-h" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if targets.is_empty() {
        return Err("--target is required".into());
    }
    Ok((targets, opts, replay, verbose))
}

/// Prints a module as text; for an input, the module a target makes of it.
fn print(file: &std::path::Path, target: Option<Target>) -> i32 {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("tern-fuzz: {}: {e}", file.display());
            return 2;
        }
    };
    let wasm = if bytes.starts_with(b"\0asm") {
        bytes
    } else {
        match target.and_then(|t| tern_fuzz::module_of_input(t, &bytes)) {
            Some(w) => w,
            None => {
                eprintln!(
                    "tern-fuzz: {} is no module, and no --target (before --print) makes one of it",
                    file.display()
                );
                return 2;
            }
        }
    };
    match wasmprinter::print_bytes(&wasm) {
        Ok(text) => {
            println!("{text}");
            0
        }
        Err(e) => {
            eprintln!("tern-fuzz: cannot print: {e}");
            1
        }
    }
}

fn main() -> ExitCode {
    let (targets, opts, replay, verbose) = match parse() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("tern-fuzz: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut findings = 0;
    for target in targets {
        let summary = if let Some(path) = &replay {
            match driver::replay(target, path, verbose) {
                Ok((summary, finding)) => {
                    if let Some(f) = finding {
                        eprintln!("FINDING [{target}] {}\n{}", f.signature, f.detail);
                    }
                    summary
                }
                Err(e) => {
                    eprintln!("tern-fuzz: cannot read {}: {e}", path.display());
                    return ExitCode::from(2);
                }
            }
        } else {
            driver::run(&Options {
                target,
                ..opts.clone()
            })
        };
        if !summary.notes.is_empty() {
            eprint!("{target} notes (not findings):\n{}", summary.notes_text(40));
        }
        println!("{}", summary.line());
        findings += summary.findings;
    }
    if findings > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
