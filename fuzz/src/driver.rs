//! The driver loop: deterministic inputs from a seed, panics caught,
//! findings saved and counted, one summary line per target.

use crate::{Ctx, Finding, Target, guard};
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// The target.
    pub target: Target,
    /// Stop after this many inputs.
    pub runs: Option<u64>,
    /// Stop after this much wall-clock time.
    pub seconds: Option<f64>,
    /// The PRNG seed: the same seed and input index give the same input.
    pub seed: u64,
    /// The index of the first input (to re-run input #N of a seed alone).
    pub start: u64,
    /// Where findings are saved (`<artifacts>/<target>/<hash>.bin`).
    pub artifacts: PathBuf,
    /// How many artifacts of one finding signature are saved (all are counted).
    pub max_saved_per_signature: usize,
    /// Print a progress line to stderr this often (None: never).
    pub progress: Option<Duration>,
}

impl Options {
    /// Defaults: 1000 runs, seed 0, artifacts in this crate's `artifacts/`.
    pub fn new(target: Target) -> Options {
        Options {
            target,
            runs: None,
            seconds: None,
            seed: 0,
            start: 0,
            artifacts: default_artifacts_dir(),
            max_saved_per_signature: 10,
            progress: None,
        }
    }
}

/// `fuzz/artifacts`, next to this crate's manifest.
pub fn default_artifacts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts")
}

/// The outcome of a run.
#[derive(Debug, Clone)]
pub struct Summary {
    /// The target run.
    pub target: Target,
    /// Inputs run.
    pub execs: u64,
    /// Wall-clock seconds.
    pub secs: f64,
    /// Findings (inputs that found something).
    pub findings: u64,
    /// Findings by signature.
    pub signatures: BTreeMap<String, u64>,
    /// Counters of non-findings (see [`Ctx::notes`]).
    pub notes: BTreeMap<String, u64>,
}

impl Summary {
    /// `<target>: N execs in T s (X/s), M findings`.
    pub fn line(&self) -> String {
        format!(
            "{}: {} execs in {:.1} s ({:.1}/s), {} findings",
            self.target,
            self.execs,
            self.secs,
            self.execs as f64 / self.secs.max(1e-9),
            self.findings
        )
    }

    /// The notes, one per line, most frequent first (at most `max`).
    pub fn notes_text(&self, max: usize) -> String {
        let mut notes: Vec<_> = self.notes.iter().collect();
        notes.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let mut out = String::new();
        for (k, v) in notes.iter().take(max) {
            out.push_str(&format!("  {v:>9}  {k}\n"));
        }
        if notes.len() > max {
            out.push_str(&format!("  ({} more kinds)\n", notes.len() - max));
        }
        out
    }
}

/// SplitMix64: a small, good, seedable PRNG.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from a seed.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// The bytes of input `index` of `seed`: 4–64 KiB from a PRNG seeded by both.
pub fn input_bytes(seed: u64, index: u64) -> Vec<u8> {
    let mut mix = SplitMix64::new(seed ^ 0x5851_f42d_4c95_7f2d);
    let base = mix.next_u64();
    let mut rng = SplitMix64::new(base ^ index.wrapping_mul(0xd6e8_feb8_6659_fd93));
    rng.next_u64();
    let len = 4096 + (rng.next_u64() % (60 * 1024 + 1)) as usize;
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        out.extend_from_slice(&rng.next_u64().to_le_bytes());
    }
    out.truncate(len);
    out
}

/// Runs `f` with panics caught; a panic becomes a finding.
fn guarded(f: impl FnOnce() -> Result<(), Finding>) -> Option<Finding> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(())) => None,
        Ok(Err(finding)) => Some(finding),
        Err(_) => {
            let msg = guard::take_panic().unwrap_or_else(|| "<unknown panic>".into());
            // The signature: the panic's location, without the message's
            // varying numbers.
            let at = msg.rsplit(" at ").next().unwrap_or(&msg).to_string();
            Some(Finding::new(
                format!("panic at {at}"),
                format!("panic: {msg}"),
            ))
        }
    }
}

/// Runs a target over inputs `start..` of a seed until the runs or the time
/// are used up (1000 runs if neither is given).
pub fn run(opts: &Options) -> Summary {
    on_big_stack(|| run_here(opts))
}

/// The native stack of the thread that runs the targets. Tern is built with
/// debug assertions here, and with them LLVM no longer turns the
/// interpreter's handler-to-handler calls into jumps (see the note in the
/// root Cargo.toml), so the native stack grows with every instruction
/// executed until the call returns. Fuel bounds that; this reservation (not
/// committed until touched) leaves room for it.
pub const STACK_SIZE: usize = 4 << 30;

/// Runs `f` on a thread with a [`STACK_SIZE`] stack.
pub fn on_big_stack<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("fuzz".into())
            .stack_size(STACK_SIZE)
            .spawn_scoped(s, f)
            .expect("spawn the fuzz thread")
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e))
    })
}

fn run_here(opts: &Options) -> Summary {
    let target = opts.target;
    guard::begin_run(target.name(), opts.seed, &opts.artifacts);
    let runs = match (opts.runs, opts.seconds) {
        (None, None) => Some(1000),
        (r, _) => r,
    };
    let start = Instant::now();
    let deadline = opts.seconds.map(|s| start + Duration::from_secs_f64(s));
    let mut ctx = Ctx::default();
    let mut summary = Summary {
        target,
        execs: 0,
        secs: 0.0,
        findings: 0,
        signatures: BTreeMap::new(),
        notes: BTreeMap::new(),
    };
    let mut saved_per_sig: BTreeMap<String, usize> = BTreeMap::new();
    let mut next_progress = opts.progress.map(|p| start + p);
    let mut index = opts.start;
    loop {
        if runs.is_some_and(|r| summary.execs >= r) {
            break;
        }
        let now = Instant::now();
        if deadline.is_some_and(|d| now >= d) {
            break;
        }
        if let (Some(p), Some(every)) = (next_progress, opts.progress)
            && now >= p
        {
            eprintln!(
                "[{target}] {} execs, {:.0} s, {} findings",
                summary.execs,
                (now - start).as_secs_f64(),
                summary.findings
            );
            next_progress = Some(p + every);
        }
        let data = input_bytes(opts.seed, index);
        guard::begin_input(index, &data);
        let finding = guarded(|| target.run_input(&data, &mut ctx));
        guard::end_input();
        summary.execs += 1;
        guard::EXECS.store(summary.execs, std::sync::atomic::Ordering::SeqCst);
        if let Some(f) = finding {
            summary.findings += 1;
            guard::FINDINGS.store(summary.findings, std::sync::atomic::Ordering::SeqCst);
            *summary.signatures.entry(f.signature.clone()).or_insert(0) += 1;
            let saved = saved_per_sig.entry(f.signature.clone()).or_insert(0);
            if *saved < opts.max_saved_per_signature {
                *saved += 1;
                let module = guard::current_module();
                let path =
                    guard::save_artifacts(&opts.artifacts, target.name(), &data, module.as_deref());
                eprintln!(
                    "FINDING [{target}] {} (input #{index} of seed {})\n  saved {}{}\n  reproduce: tern-fuzz --target {target} --replay {}\n{}",
                    f.signature,
                    opts.seed,
                    path.display(),
                    if module.is_some() { " and .wasm" } else { "" },
                    path.display(),
                    indent(&f.detail)
                );
            } else {
                eprintln!(
                    "FINDING [{target}] {} (input #{index}; not saved: {} of this kind already)",
                    f.signature, opts.max_saved_per_signature
                );
            }
        }
        index += 1;
    }
    summary.secs = start.elapsed().as_secs_f64();
    summary.notes = ctx.notes;
    summary
}

fn indent(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines().take(60) {
        out.push_str("    ");
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Re-runs one saved input: a `.bin` input is generated from as in the run
/// that saved it; a `.wasm` file (or any file starting with the Wasm magic)
/// is the module itself, checked by the target's module checks.
pub fn replay(
    target: Target,
    path: &Path,
    verbose: bool,
) -> std::io::Result<(Summary, Option<Finding>)> {
    on_big_stack(|| replay_here(target, path, verbose))
}

fn replay_here(
    target: Target,
    path: &Path,
    verbose: bool,
) -> std::io::Result<(Summary, Option<Finding>)> {
    let mut bytes = std::fs::read(path)?;
    if path.extension().is_some_and(|e| e == "wat") {
        bytes = tern::Module::wat_to_binary(&bytes)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()))?
            .into_owned();
    }
    guard::begin_run(target.name(), 0, &default_artifacts_dir());
    let start = Instant::now();
    let mut ctx = Ctx {
        verbose,
        ..Ctx::default()
    };
    let is_module = path.extension().is_some_and(|e| e == "wasm") || bytes.starts_with(b"\0asm");
    guard::begin_input(0, &bytes);
    let finding = guarded(|| {
        if is_module {
            target.run_module(&bytes, &[], &mut ctx)
        } else {
            target.run_input(&bytes, &mut ctx)
        }
    });
    guard::end_input();
    let mut signatures = BTreeMap::new();
    if let Some(f) = &finding {
        signatures.insert(f.signature.clone(), 1);
    }
    let summary = Summary {
        target,
        execs: 1,
        secs: start.elapsed().as_secs_f64(),
        findings: u64::from(finding.is_some()),
        signatures,
        notes: ctx.notes,
    };
    Ok((summary, finding))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_finding() {
        let dir = std::env::temp_dir().join("tern-fuzz-unit");
        guard::begin_run("validate", 0, &dir);
        let finding = guarded(|| panic!("boom {}", 42)).expect("a finding");
        assert!(
            finding.signature.starts_with("panic at src/driver.rs:"),
            "{}",
            finding.signature
        );
        assert!(finding.detail.contains("boom 42"), "{}", finding.detail);
        assert!(guarded(|| Ok(())).is_none());
    }
}
