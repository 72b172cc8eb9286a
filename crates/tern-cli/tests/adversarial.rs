//! The adversarial suite: hostile modules run through `tern` as a user
//! would, each with its exact expected outcome.
//!
//! Every `tests/adversarial/*.wat` file (at the repository root) holds one
//! module and, in its leading `;;` comment lines, one or more cases:
//!
//! ```text
//! ;; tern: run --fuel 1000 --invoke spin {}
//! ;; exit: 134
//! ;; stderr: all fuel consumed by WebAssembly (--fuel 1000)
//! ;; stdout: 7
//! ;; seconds: 5
//! ;; rss: 64M
//! ```
//!
//! `tern:` starts a case: the arguments of `tern`, split on spaces, with
//! `{}` standing for the file and `{tmp}` for a fresh empty directory.
//! Then: `exit:` the exact exit status (required), `stderr:` a substring of
//! standard error (any number), `stdout:` a line of standard output (all
//! the lines, in order, must be exactly standard output; none means it is
//! empty), `seconds:` the most wall-clock time the run may take (default 10),
//! `rss:` the most resident memory the process may reach (default 256M,
//! suffixes K, M, G). A run over its time is killed and fails the case.
//!
//! Cases of `tern run` and `tern wast` run under every strategy (the
//! interpreter, the JIT, then tiered: `-C strategy=...` goes after the
//! command) and
//! must have the same outcome under each.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[derive(Clone)]
struct Case {
    file: PathBuf,
    line: usize,
    args: Vec<String>,
    exit: Option<i32>,
    stderr: Vec<String>,
    stdout: Vec<String>,
    seconds: f64,
    rss: u64,
}

fn size(text: &str) -> u64 {
    let text = text.trim();
    let (n, shift) = match text.as_bytes().last() {
        Some(b'K') => (&text[..text.len() - 1], 10),
        Some(b'M') => (&text[..text.len() - 1], 20),
        Some(b'G') => (&text[..text.len() - 1], 30),
        _ => (text, 0),
    };
    n.parse::<u64>().expect("a size") << shift
}

fn cases_of(file: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(file).unwrap();
    let mut cases: Vec<Case> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some(comment) = line.strip_prefix(";;") else {
            if line.trim().is_empty() {
                continue;
            }
            break;
        };
        let Some((key, value)) = comment.trim_start().split_once(':') else {
            continue;
        };
        let value = value.trim().to_string();
        if key == "tern" {
            cases.push(Case {
                file: file.to_path_buf(),
                line: i + 1,
                args: value.split(' ').map(str::to_string).collect(),
                exit: None,
                stderr: Vec::new(),
                stdout: Vec::new(),
                seconds: 10.0,
                rss: 256 << 20,
            });
            continue;
        }
        let Some(case) = cases.last_mut() else {
            continue;
        };
        match key {
            "exit" => case.exit = Some(value.parse().expect("an exit status")),
            "stderr" => case.stderr.push(value),
            "stdout" => case.stdout.push(value),
            "seconds" => case.seconds = value.parse().expect("seconds"),
            "rss" => case.rss = size(&value),
            _ => {}
        }
    }
    cases
}

/// Peak resident memory of a running process, from `/proc` (0 if gone).
fn peak_rss(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb << 10)
}

/// Runs one case; returns what went wrong, if anything.
fn run(case: &Case, scratch: &Path) -> Result<(), String> {
    let tmp = scratch.join(format!(
        "{}-{}",
        case.file.file_stem().unwrap().to_string_lossy(),
        case.line
    ));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    let args: Vec<String> = case
        .args
        .iter()
        .map(|a| {
            a.replace("{tmp}", &tmp.to_string_lossy())
                .replace("{}", &case.file.to_string_lossy())
        })
        .collect();
    let out_path = tmp.join("stdout");
    let err_path = tmp.join("stderr");
    let mut child = Command::new(env!("CARGO_BIN_EXE_tern"))
        .args(&args)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let limit = Duration::from_secs_f64(case.seconds);
    let mut rss = 0;
    let status = loop {
        rss = rss.max(peak_rss(child.id()));
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("still running after {limit:?}: killed"));
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let elapsed = start.elapsed();
    let stdout = std::fs::read_to_string(&out_path).unwrap_or_default();
    let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&tmp);
    let mut problems = Vec::new();
    if status.code() != case.exit {
        problems.push(format!(
            "exit status {:?}, expected {:?}",
            status.code(),
            case.exit
        ));
    }
    for want in &case.stderr {
        if !stderr.contains(want.as_str()) {
            problems.push(format!("stderr lacks `{want}`"));
        }
    }
    let lines: Vec<&str> = stdout.lines().collect();
    if lines != case.stdout {
        problems.push(format!("stdout {lines:?}, expected {:?}", case.stdout));
    }
    if rss > case.rss {
        problems.push(format!(
            "peak RSS {} MiB, more than {} MiB",
            rss >> 20,
            case.rss >> 20
        ));
    }
    println!(
        "{}:{}: {:?} in {:.0} ms, peak RSS {} MiB",
        case.file.file_name().unwrap().to_string_lossy(),
        case.line,
        status.code(),
        elapsed.as_secs_f64() * 1e3,
        rss >> 20
    );
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{}\nstderr: {stderr}", problems.join("; ")))
    }
}

/// The strategies every `run` and `wast` case runs under.
const STRATEGIES: [&str; 3] = ["interp", "jit", "tiered"];

/// `case` run under `strategy`: the first strategy runs every case as it
/// is written; the others only cases that run code, with `-C strategy=`.
fn under(case: &Case, strategy: &str) -> Option<Case> {
    let first = strategy == STRATEGIES[0];
    let runs_code = matches!(case.args.first().map(String::as_str), Some("run" | "wast"));
    if !runs_code {
        return first.then(|| case.clone());
    }
    let mut case = case.clone();
    case.args
        .splice(1..1, ["-C".to_string(), format!("strategy={strategy}")]);
    Some(case)
}

#[test]
fn adversarial_suite() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/adversarial");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "wat"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "the suite is in {}", dir.display());
    let scratch = std::env::temp_dir().join(format!("tern-adversarial-{}", std::process::id()));
    let mut failures = Vec::new();
    let mut counts = Vec::new();
    for strategy in STRATEGIES {
        let (mut count, before) = (0, failures.len());
        for file in &files {
            let cases = cases_of(file);
            assert!(!cases.is_empty(), "{}: no `;; tern:` case", file.display());
            for case in &cases {
                assert!(
                    case.exit.is_some(),
                    "{}:{}: no `exit:`",
                    file.display(),
                    case.line
                );
                let Some(case) = under(case, strategy) else {
                    continue;
                };
                count += 1;
                if let Err(problem) = run(&case, &scratch) {
                    failures.push(format!(
                        "{}:{}: tern {}: {problem}",
                        file.display(),
                        case.line,
                        case.args.join(" ")
                    ));
                }
            }
        }
        counts.push((strategy, count, failures.len() - before));
    }
    let _ = std::fs::remove_dir_all(&scratch);
    for (strategy, count, failed) in counts {
        println!("{strategy}: {} passed, {failed} failed", count - failed);
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
