//! Fuzzing for Tern on the stable toolchain.
//!
//! A driver loop ([`driver`]) makes each input from a seeded PRNG (4–64 KiB of
//! bytes), hands it to a target as [`arbitrary::Unstructured`] data, catches
//! panics, watches for hangs and host memory blow-ups, and saves the inputs
//! that find something under `fuzz/artifacts/<target>/`. The targets:
//!
//! - [`validate`]: `Module::new` on random, mutated and generated modules;
//! - [`execute`]: instantiates generated modules under fuel and resource
//!   limits and calls every export;
//! - [`differential`]: runs generated modules on Tern and on wasmi and
//!   compares results, traps, memories, globals and tables.

pub mod differential;
pub mod driver;
pub mod execute;
pub mod guard;
pub mod smith;
pub mod tiers;
pub mod validate;
pub mod values;

use std::collections::BTreeMap;
use std::fmt;

/// A fuzz target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// `Module::new` never panics and agrees with the validator.
    Validate,
    /// Instantiating and calling generated modules never panics or hangs.
    Execute,
    /// Tern and wasmi agree on generated deterministic modules.
    Differential,
}

impl Target {
    /// Every target, in the order the README lists them.
    pub const ALL: [Target; 3] = [Target::Validate, Target::Execute, Target::Differential];

    /// The target's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Target::Validate => "validate",
            Target::Execute => "execute",
            Target::Differential => "differential",
        }
    }

    /// The target of a command-line name.
    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Runs one input (bytes for `Unstructured`) through the target.
    pub fn run_input(self, data: &[u8], ctx: &mut Ctx) -> Result<(), Finding> {
        match self {
            Target::Validate => validate::run(data, ctx),
            Target::Execute => execute::run(data, ctx),
            Target::Differential => differential::run(data, ctx),
        }
    }

    /// Runs a saved module (a `.wasm` file) through the target's checks; the
    /// values the target would take from the input (arguments) are then the
    /// bytes of `extra` (all zero values when it is empty).
    pub fn run_module(self, wasm: &[u8], extra: &[u8], ctx: &mut Ctx) -> Result<(), Finding> {
        ctx.set_module(wasm);
        let mut u = arbitrary::Unstructured::new(extra);
        match self {
            Target::Validate => validate::check_bytes(wasm, validate::Expect::Oracle, ctx),
            Target::Execute => execute::check_module(wasm, &mut u, ctx),
            Target::Differential => {
                differential::check_module(wasm, &mut u, ctx)?;
                tiers::check_module(wasm, &mut arbitrary::Unstructured::new(extra), ctx)
            }
        }
    }
}

/// The module a target generates from an input (the same as a run does).
pub fn module_of_input(target: Target, data: &[u8]) -> Option<Vec<u8>> {
    let mut u = arbitrary::Unstructured::new(data);
    let config = match target {
        Target::Validate => return None,
        Target::Execute => smith::execute_config(&mut u).ok()?,
        Target::Differential => smith::differential_config(&mut u).ok()?,
    };
    wasm_smith::Module::new(config, &mut u)
        .ok()
        .map(|m| m.to_bytes())
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Something a target found: a bug in Tern, or in the harness.
#[derive(Debug, Clone)]
pub struct Finding {
    /// A short line that tells findings of one cause apart (used to limit
    /// how many artifacts of the same kind are saved).
    pub signature: String,
    /// The whole story: what was run, what each side did.
    pub detail: String,
}

impl Finding {
    /// A finding whose signature is `signature` and whose detail adds `detail`.
    pub fn new(signature: impl Into<String>, detail: impl Into<String>) -> Finding {
        Finding {
            signature: signature.into(),
            detail: detail.into(),
        }
    }
}

/// State a target keeps across the inputs of one run.
#[derive(Debug, Default)]
pub struct Ctx {
    /// Counters of things that are not findings (rejections as unsupported,
    /// traps by kind, skipped comparisons), printed with the summary.
    pub notes: BTreeMap<String, u64>,
    /// Print every call and its outcome (for `--replay`).
    pub verbose: bool,
}

impl Ctx {
    /// Adds one to a note's counter.
    pub fn note(&mut self, what: impl Into<String>) {
        *self.notes.entry(what.into()).or_insert(0) += 1;
    }

    /// Records the module under test, so that a finding, a panic, a hang or a
    /// crash saves it next to the input.
    pub fn set_module(&mut self, wasm: &[u8]) {
        guard::set_current_module(wasm);
    }
}

/// Shortens a message to its first line and at most `max` characters, and
/// replaces digits by `N`, so that messages of one kind count as one note.
pub fn note_key(prefix: &str, message: &str, max: usize) -> String {
    let line = message.lines().next().unwrap_or("");
    let mut out = String::with_capacity(prefix.len() + max + 2);
    out.push_str(prefix);
    out.push_str(": ");
    let mut last_digit = false;
    for ch in line.chars().take(max) {
        if ch.is_ascii_digit() {
            if !last_digit {
                out.push('N');
            }
            last_digit = true;
        } else {
            out.push(ch);
            last_digit = false;
        }
    }
    out
}

/// Every binary and test linking this crate counts live heap bytes and
/// refuses to go past [`guard::HEAP_LIMIT`].
#[global_allocator]
static ALLOC: guard::CappedAlloc = guard::CappedAlloc;
