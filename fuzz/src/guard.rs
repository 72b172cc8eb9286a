//! What protects a run and keeps its evidence: the input being run (so that a
//! hang, a memory blow-up or a crash can still save it), a panic hook that
//! prints briefly, a watchdog thread (wall clock per input, resident memory),
//! a cap on live heap bytes, and a handler for fatal signals.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::ffi::CString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// An input taking longer than this (wall clock) is a hang.
pub const HANG_LIMIT: Duration = Duration::from_secs(10);
/// Resident memory above this is a host memory blow-up. The largest legal
/// use is two engines × a few memories of at most 64 MiB each.
pub const RSS_LIMIT: u64 = 3 << 30;
/// Live heap bytes above this are a blow-up: the allocation is refused
/// (after the input is saved), which aborts the process.
pub const HEAP_LIMIT: usize = 6 << 30;

/// The input being run, as the watchdog and the signal handler see it.
#[derive(Debug)]
struct Current {
    target: &'static str,
    seed: u64,
    index: u64,
    input: Vec<u8>,
    module: Vec<u8>,
    artifacts: PathBuf,
}

static CURRENT: Mutex<Option<Current>> = Mutex::new(None);
/// When the current input started, in ms since [`epoch`] + 1; 0 when idle.
static STARTED_MS: AtomicU64 = AtomicU64::new(0);
/// Executions and findings of the run so far (for the summary printed when
/// the watchdog ends the process).
pub static EXECS: AtomicU64 = AtomicU64::new(0);
pub static FINDINGS: AtomicU64 = AtomicU64::new(0);
static RUN_START_MS: AtomicU64 = AtomicU64::new(0);
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

// For the signal handler, which may not lock or allocate: the raw parts of
// the current input and module, the run's seed and input index, and paths
// prepared in advance.
static SIG_INPUT: AtomicPtr<u8> = AtomicPtr::new(std::ptr::null_mut());
static SIG_INPUT_LEN: AtomicUsize = AtomicUsize::new(0);
static SIG_MODULE: AtomicPtr<u8> = AtomicPtr::new(std::ptr::null_mut());
static SIG_MODULE_LEN: AtomicUsize = AtomicUsize::new(0);
static SIG_SEED: AtomicU64 = AtomicU64::new(0);
static SIG_INDEX: AtomicU64 = AtomicU64::new(0);
static SIG_INPUT_PATH: AtomicPtr<libc::c_char> = AtomicPtr::new(std::ptr::null_mut());
static SIG_MODULE_PATH: AtomicPtr<libc::c_char> = AtomicPtr::new(std::ptr::null_mut());
static SIG_TARGET: AtomicPtr<libc::c_char> = AtomicPtr::new(std::ptr::null_mut());
static FATAL_SEEN: AtomicBool = AtomicBool::new(false);

fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

fn now_ms() -> u64 {
    epoch().elapsed().as_millis() as u64 + 1
}

fn leak_cstring(s: &str) -> *mut libc::c_char {
    CString::new(s).unwrap_or_default().into_raw()
}

/// Starts a run of `target`: installs the panic hook, the watchdog and the
/// signal handlers (once per process) and prepares the crash paths.
pub fn begin_run(target: &'static str, seed: u64, artifacts: &Path) {
    install_once();
    let dir = artifacts.join(target);
    SIG_INPUT_PATH.store(
        leak_cstring(&dir.join("crash.bin").to_string_lossy()),
        Ordering::SeqCst,
    );
    SIG_MODULE_PATH.store(
        leak_cstring(&dir.join("crash.wasm").to_string_lossy()),
        Ordering::SeqCst,
    );
    SIG_TARGET.store(leak_cstring(target), Ordering::SeqCst);
    SIG_SEED.store(seed, Ordering::SeqCst);
    EXECS.store(0, Ordering::SeqCst);
    FINDINGS.store(0, Ordering::SeqCst);
    RUN_START_MS.store(now_ms(), Ordering::SeqCst);
    let _ = std::fs::create_dir_all(&dir);
    *CURRENT.lock().unwrap_or_else(|e| e.into_inner()) = Some(Current {
        target,
        seed,
        index: 0,
        input: Vec::new(),
        module: Vec::new(),
        artifacts: artifacts.to_path_buf(),
    });
}

/// Records the input about to run and starts its clock.
pub fn begin_input(index: u64, input: &[u8]) {
    let mut cur = CURRENT.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(cur) = cur.as_mut() {
        cur.index = index;
        cur.input.clear();
        cur.input.extend_from_slice(input);
        cur.module.clear();
        SIG_INPUT.store(cur.input.as_mut_ptr(), Ordering::SeqCst);
        SIG_INPUT_LEN.store(cur.input.len(), Ordering::SeqCst);
        SIG_MODULE_LEN.store(0, Ordering::SeqCst);
    }
    SIG_INDEX.store(index, Ordering::SeqCst);
    *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = None;
    STARTED_MS.store(now_ms(), Ordering::SeqCst);
}

/// Stops the current input's clock.
pub fn end_input() {
    STARTED_MS.store(0, Ordering::SeqCst);
}

/// Records the module generated from the current input.
pub fn set_current_module(wasm: &[u8]) {
    let mut cur = CURRENT.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(cur) = cur.as_mut() {
        SIG_MODULE_LEN.store(0, Ordering::SeqCst);
        cur.module.clear();
        cur.module.extend_from_slice(wasm);
        SIG_MODULE.store(cur.module.as_mut_ptr(), Ordering::SeqCst);
        SIG_MODULE_LEN.store(cur.module.len(), Ordering::SeqCst);
    }
}

/// The module recorded for the current input, if any.
pub fn current_module() -> Option<Vec<u8>> {
    let cur = CURRENT.lock().unwrap_or_else(|e| e.into_inner());
    cur.as_ref()
        .filter(|c| !c.module.is_empty())
        .map(|c| c.module.clone())
}

/// The message of the last panic (set by the hook), taken.
pub fn take_panic() -> Option<String> {
    LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()).take()
}

/// FNV-1a, 64 bits: the name of an artifact.
pub fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Saves an input (and its module, if any) as
/// `<artifacts>/<target>/<hash>.bin` and `.wasm`; returns the input's path.
pub fn save_artifacts(
    artifacts: &Path,
    target: &str,
    input: &[u8],
    module: Option<&[u8]>,
) -> PathBuf {
    let dir = artifacts.join(target);
    let _ = std::fs::create_dir_all(&dir);
    let name = format!("{:016x}", hash(input));
    let bin = dir.join(format!("{name}.bin"));
    if let Err(e) = std::fs::write(&bin, input) {
        let _ = writeln!(
            std::io::stderr(),
            "tern-fuzz: cannot write {}: {e}",
            bin.display()
        );
    }
    if let Some(module) = module {
        let _ = std::fs::write(dir.join(format!("{name}.wasm")), module);
    }
    bin
}

/// Ends the process for a finding that cannot be recovered from (a hang, a
/// memory blow-up): saves the input, prints the finding and the summary.
fn fatal_finding(what: &str) -> ! {
    // The worker holds the lock only for short copies; wait a little for it.
    let mut saved = None;
    for _ in 0..100 {
        if let Ok(cur) = CURRENT.try_lock() {
            if let Some(c) = cur.as_ref() {
                let module = (!c.module.is_empty()).then_some(&c.module[..]);
                let path = save_artifacts(&c.artifacts, c.target, &c.input, module);
                saved = Some((c.target, c.seed, c.index, path));
            }
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let execs = EXECS.load(Ordering::SeqCst);
    let findings = FINDINGS.load(Ordering::SeqCst) + 1;
    match saved {
        Some((target, seed, index, path)) => {
            let _ = writeln!(
                std::io::stderr(),
                "FINDING [{target}] {what}: input #{index} of seed {seed}; saved {}",
                path.display()
            );
            let _ = writeln!(
                std::io::stderr(),
                "  reproduce: tern-fuzz --target {target} --replay {}",
                path.display()
            );
            let secs = (now_ms() - RUN_START_MS.load(Ordering::SeqCst)) as f64 / 1000.0;
            let _ = writeln!(
                std::io::stdout(),
                "{target}: {execs} execs in {secs:.1} s ({:.1}/s), {findings} findings (stopped: {what})",
                execs as f64 / secs.max(1e-9)
            );
        }
        None => {
            let _ = writeln!(
                std::io::stderr(),
                "FINDING {what} (the input could not be saved)"
            );
        }
    }
    std::process::exit(1);
}

fn read_rss() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

fn install_once() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        epoch();
        std::panic::set_hook(Box::new(|info| {
            let payload = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "<non-string payload>".into());
            let loc = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()))
                .unwrap_or_default();
            let msg = format!("{payload} at {loc}");
            // Not eprintln!: with stderr gone (a closed pipe) it would panic
            // inside the hook, and a double panic aborts.
            let _ = writeln!(std::io::stderr(), "panic: {msg}");
            *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = Some(msg);
        }));
        std::thread::Builder::new()
            .name("watchdog".into())
            .spawn(|| {
                loop {
                    std::thread::sleep(Duration::from_millis(100));
                    let started = STARTED_MS.load(Ordering::SeqCst);
                    if started != 0
                        && now_ms().saturating_sub(started) > HANG_LIMIT.as_millis() as u64
                    {
                        fatal_finding(&format!("hang: input ran over {} s", HANG_LIMIT.as_secs()));
                    }
                    if let Some(rss) = read_rss()
                        && rss > RSS_LIMIT
                    {
                        fatal_finding(&format!(
                            "host memory blow-up: resident memory {} MiB",
                            rss >> 20
                        ));
                    }
                }
            })
            .expect("spawn the watchdog");
        install_signal_handlers();
    });
}

// ---- fatal signals -------------------------------------------------------

const FATAL_SIGNALS: [libc::c_int; 5] = [
    libc::SIGSEGV,
    libc::SIGBUS,
    libc::SIGILL,
    libc::SIGFPE,
    libc::SIGABRT,
];
static OLD_ACTIONS: OnceLock<[libc::sigaction; 5]> = OnceLock::new();

fn install_signal_handlers() {
    // SAFETY: `sigaction` is a plain C struct for which all-zero bytes are a
    // valid (empty) value; each entry is overwritten by `sigaction` below.
    let mut old: [libc::sigaction; 5] = unsafe { std::mem::zeroed() };
    for (i, &sig) in FATAL_SIGNALS.iter().enumerate() {
        // SAFETY: a zeroed sigaction is a valid value to fill in; the handler
        // only uses async-signal-safe calls.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_fatal_signal as *const () as usize;
            action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(sig, &action, &mut old[i]);
        }
    }
    let _ = OLD_ACTIONS.set(old);
}

fn write_fd(fd: libc::c_int, bytes: &[u8]) {
    let mut done = 0;
    while done < bytes.len() {
        // SAFETY: writing from a live slice.
        let n = unsafe { libc::write(fd, bytes[done..].as_ptr().cast(), bytes.len() - done) };
        if n <= 0 {
            return;
        }
        done += n as usize;
    }
}

fn write_num(fd: libc::c_int, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    write_fd(fd, &buf[i..]);
}

fn write_cstr(fd: libc::c_int, s: *const libc::c_char) {
    if s.is_null() {
        return;
    }
    // SAFETY: the pointers stored are leaked, NUL-terminated CStrings.
    let len = unsafe { libc::strlen(s) };
    // SAFETY: `s` is valid for `len` bytes before its NUL (just measured),
    // and the CString is leaked, so it outlives the slice.
    write_fd(fd, unsafe {
        std::slice::from_raw_parts(s.cast::<u8>(), len)
    });
}

fn dump(path: *const libc::c_char, data: *const u8, len: usize) {
    if path.is_null() || data.is_null() || len == 0 {
        return;
    }
    // SAFETY: open/write/close are async-signal-safe; the data pointer is
    // the current input's buffer, live while the input runs.
    unsafe {
        let fd = libc::open(path, libc::O_WRONLY | libc::O_CREAT | libc::O_TRUNC, 0o644);
        if fd >= 0 {
            write_fd(fd, std::slice::from_raw_parts(data, len));
            libc::close(fd);
        }
    }
}

extern "C" fn on_fatal_signal(
    sig: libc::c_int,
    info: *mut libc::siginfo_t,
    ctx: *mut libc::c_void,
) {
    if !FATAL_SEEN.swap(true, Ordering::SeqCst) {
        let e = libc::STDERR_FILENO;
        write_fd(e, b"\nFINDING [");
        write_cstr(e, SIG_TARGET.load(Ordering::SeqCst));
        write_fd(e, b"] crash: fatal signal ");
        write_num(e, sig as u64);
        write_fd(e, b" on input #");
        write_num(e, SIG_INDEX.load(Ordering::SeqCst));
        write_fd(e, b" of seed ");
        write_num(e, SIG_SEED.load(Ordering::SeqCst));
        write_fd(e, b"; input saved as ");
        write_cstr(e, SIG_INPUT_PATH.load(Ordering::SeqCst));
        write_fd(
            e,
            b" (module as crash.wasm)\n  reproduce: tern-fuzz --target ",
        );
        write_cstr(e, SIG_TARGET.load(Ordering::SeqCst));
        write_fd(e, b" --replay ");
        write_cstr(e, SIG_INPUT_PATH.load(Ordering::SeqCst));
        write_fd(e, b"\n");
        dump(
            SIG_INPUT_PATH.load(Ordering::SeqCst),
            SIG_INPUT.load(Ordering::SeqCst),
            SIG_INPUT_LEN.load(Ordering::SeqCst),
        );
        dump(
            SIG_MODULE_PATH.load(Ordering::SeqCst),
            SIG_MODULE.load(Ordering::SeqCst),
            SIG_MODULE_LEN.load(Ordering::SeqCst),
        );
    }
    // Hand over to the handler that was there before (Rust's stack-overflow
    // report for SIGSEGV/SIGBUS), or to the default action.
    let i = FATAL_SIGNALS.iter().position(|&s| s == sig).unwrap_or(0);
    if let Some(old) = OLD_ACTIONS.get() {
        let old = &old[i];
        if old.sa_sigaction != libc::SIG_DFL && old.sa_sigaction != libc::SIG_IGN {
            if old.sa_flags & libc::SA_SIGINFO != 0 {
                // SAFETY: the previous handler was installed with SA_SIGINFO,
                // so it has this signature.
                let f: extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void) =
                    unsafe { std::mem::transmute(old.sa_sigaction) };
                f(sig, info, ctx);
            } else {
                // SAFETY: as above, without SA_SIGINFO.
                let f: extern "C" fn(libc::c_int) =
                    unsafe { std::mem::transmute(old.sa_sigaction) };
                f(sig);
            }
            return;
        }
    }
    // SAFETY: restoring the default action; returning re-raises the fault
    // (or, for abort(), abort raises again).
    unsafe {
        libc::signal(sig, libc::SIG_DFL);
    }
    if sig != libc::SIGSEGV && sig != libc::SIGBUS && sig != libc::SIGILL && sig != libc::SIGFPE {
        // SAFETY: raising a signal whose action is now the default.
        unsafe { libc::raise(sig) };
    }
}

// ---- heap cap --------------------------------------------------------------

/// The system allocator with a count of live bytes and a cap on them.
#[derive(Debug)]
pub struct CappedAlloc;

static LIVE: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static IN_CAP_REPORT: Cell<bool> = const { Cell::new(false) };
}

impl CappedAlloc {
    fn admit(size: usize) -> bool {
        let live = LIVE.fetch_add(size, Ordering::Relaxed) + size;
        if live <= HEAP_LIMIT {
            return true;
        }
        LIVE.fetch_sub(size, Ordering::Relaxed);
        // Allocations made while reporting go through.
        if IN_CAP_REPORT.with(|c| c.get()) {
            LIVE.fetch_add(size, Ordering::Relaxed);
            return true;
        }
        // Over the cap: report (the report allocates a little), then refuse,
        // which aborts the process unless the caller handles the failure.
        IN_CAP_REPORT.with(|c| c.set(true));
        let _ = writeln!(
            std::io::stderr(),
            "tern-fuzz: refusing an allocation of {size} bytes with {} MiB live",
            (live - size) >> 20
        );
        if let Ok(cur) = CURRENT.try_lock()
            && let Some(c) = cur.as_ref()
        {
            let module = (!c.module.is_empty()).then_some(&c.module[..]);
            let path = save_artifacts(&c.artifacts, c.target, &c.input, module);
            let _ = writeln!(
                std::io::stderr(),
                "FINDING [{}] host memory blow-up: input #{} of seed {}; saved {}",
                c.target,
                c.index,
                c.seed,
                path.display()
            );
        }
        IN_CAP_REPORT.with(|c| c.set(false));
        false
    }
}

// SAFETY: forwards to the system allocator; the count only decides whether
// to forward.
unsafe impl GlobalAlloc for CappedAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if !Self::admit(layout.size()) {
            return std::ptr::null_mut();
        }
        // SAFETY: the caller's layout contract is passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if !Self::admit(layout.size()) {
            return std::ptr::null_mut();
        }
        // SAFETY: as for alloc.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as for alloc.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            if !Self::admit(new_size - layout.size()) {
                return std::ptr::null_mut();
            }
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        // SAFETY: as for alloc.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if p.is_null() {
            // The block is unchanged: undo the count.
            if new_size > layout.size() {
                LIVE.fetch_sub(new_size - layout.size(), Ordering::Relaxed);
            } else {
                LIVE.fetch_add(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}
