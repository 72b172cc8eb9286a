//! Tier 1: native code from Cranelift.
//!
//! With [`Strategy::Jit`](crate::Strategy::Jit), `Module::new` translates
//! every function body to Cranelift IR (`translate.rs`) and compiles them
//! on all cores; each function's code goes in its *code cell* in the module
//! (`NativeCode`), where calls find it: compiled code calls compiled code
//! directly through the cells, and anything else (host functions, functions
//! the JIT does not compile, instances whose memories lack the guard
//! region) through the runtime (`libcalls.rs`), which enters the
//! interpreter or the host. The interpreter and the host enter compiled code
//! through a per-signature *array trampoline* inside an activation
//! (`signals.rs`) that turns a fault or trap instruction in compiled code
//! into a [`Trap`] with a backtrace.
//!
//! All `unsafe` of this tier is in `code.rs` (executable memory), `signals.rs`
//! (the entry routine and the signal handler) and `libcalls.rs` / `invoke`
//! (calls across the boundary).
//!
//! Supported on x86-64 Linux; elsewhere [`enabled`] is false and everything
//! runs in the interpreter.

#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
mod backend;
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
mod cache;
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
pub(crate) mod code;
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
mod libcalls;
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
pub(crate) mod signals;
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
mod translate;

#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
pub(crate) use backend::*;

use crate::{Engine, Strategy};
use std::any::Any;
use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU32, AtomicUsize};

/// Whether the JIT tier exists on this platform.
pub(crate) const SUPPORTED: bool = cfg!(all(target_arch = "x86_64", target_os = "linux"));

/// Without the JIT no code calls runtime functions.
#[cfg(not(all(target_arch = "x86_64", target_os = "linux")))]
pub(crate) fn libcall_table() -> *const usize {
    std::ptr::null()
}

/// Without the JIT there is no code cache to look in.
#[cfg(not(all(target_arch = "x86_64", target_os = "linux")))]
pub(crate) fn lookup(_: &Engine, _: &[u8], _: &AtomicBool) -> Option<()> {
    None
}

/// Starts describing compiled code in `perf`'s map file
/// (`ProfilingStrategy::PerfMap`); nothing without the JIT.
pub(crate) fn enable_perf_map() {
    #[cfg(all(target_arch = "x86_64", target_os = "linux"))]
    code::perf_map::enable();
}

/// Whether instances of `engine` run compiled code.
pub(crate) fn enabled(engine: &Engine) -> bool {
    SUPPORTED && engine.config().strategy != Strategy::Interpreter
}

/// Whether engine `engine` compiles hot functions in the background.
pub(crate) fn tiered(engine: &Engine) -> bool {
    SUPPORTED && engine.config().strategy == Strategy::Tiered
}

/// The compiled code of a module's functions.
pub(crate) struct NativeCode {
    /// One cell per defined function: its code (the JIT's calling
    /// convention), or null while it has none.
    pub cells: Box<[AtomicPtr<u8>]>,
    /// The array trampoline of each defined function's type, set before its
    /// code cell (0 while it has none).
    pub tramp_cells: Box<[AtomicUsize]>,
    /// Calls of each defined function made in the interpreter (tiered).
    pub counts: Box<[AtomicU32]>,
    /// Whether each defined function was handed to the background compiler.
    pub queued: Box<[AtomicBool]>,
    /// Loop iterations of each defined function counted in the interpreter.
    pub loop_counts: Box<[AtomicU32]>,
    /// Each defined function's entry at its loop headers, for on-stack
    /// replacement (null until compiled; the `OsrCode` is owned by `owned`).
    pub osr_cells: Box<[AtomicPtr<OsrCode>]>,
    /// Whether each defined function's OSR entry was asked for.
    pub osr_queued: Box<[AtomicBool]>,
    /// How many times the interpreter left a loop for compiled code.
    pub osr_transfers: std::sync::atomic::AtomicU64,
    /// Functions the JIT declined because they use exception handling or
    /// hold GC references, which run in the interpreter by design.
    pub by_design: AtomicUsize,
    /// Calls that make a function hot ([`Config::tier_up_threshold`]).
    ///
    /// [`Config::tier_up_threshold`]: crate::Config::tier_up_threshold
    pub threshold: u32,
    /// Array trampolines by engine type id (addresses of code owned here).
    pub trampolines: Mutex<HashMap<u32, usize>>,
    /// What owns the code (executable mappings), freed with the module.
    pub owned: Mutex<Vec<Box<dyn Any + Send + Sync>>>,
}

impl NativeCode {
    pub(crate) fn new(functions: usize, engine: &Engine) -> NativeCode {
        NativeCode {
            threshold: engine.config().tier_up_threshold,
            cells: (0..functions)
                .map(|_| AtomicPtr::new(std::ptr::null_mut()))
                .collect(),
            tramp_cells: (0..functions).map(|_| AtomicUsize::new(0)).collect(),
            counts: (0..functions).map(|_| AtomicU32::new(0)).collect(),
            queued: (0..functions).map(|_| AtomicBool::new(false)).collect(),
            loop_counts: (0..functions).map(|_| AtomicU32::new(0)).collect(),
            osr_cells: (0..functions)
                .map(|_| AtomicPtr::new(std::ptr::null_mut()))
                .collect(),
            osr_queued: (0..functions).map(|_| AtomicBool::new(false)).collect(),
            osr_transfers: std::sync::atomic::AtomicU64::new(0),
            by_design: AtomicUsize::new(0),
            trampolines: Mutex::new(HashMap::new()),
            owned: Mutex::new(Vec::new()),
        }
    }
}

/// Compiled code that continues a function at a loop header: its OSR
/// entry.
#[derive(Debug)]
pub(crate) struct OsrCode {
    /// The entry: `tail` convention, `(vmctx, caller, locals, loop) ->
    /// results`, reading the function's locals from the slots at `locals`
    /// and jumping to the header of loop `loop` (an ordinal).
    pub code: usize,
    /// Its array trampoline (`values` holds the locals pointer and the
    /// loop, then gets the results).
    pub tramp: usize,
}

impl NativeCode {
    /// The OSR entry of defined function `defined`, if compiled.
    #[inline(always)]
    pub(crate) fn osr_entry(&self, defined: u32) -> Option<&OsrCode> {
        let p = self.osr_cells[defined as usize].load(std::sync::atomic::Ordering::Acquire);
        // SAFETY: a non-null cell points to an `OsrCode` boxed in `owned`,
        // which lives as long as `self` and is never changed.
        unsafe { p.as_ref() }
    }
}

impl std::fmt::Debug for NativeCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NativeCode")
            .field("functions", &self.cells.len())
            .finish()
    }
}

/// Why compiled code stopped: the trap codes it records (Cranelift's own
/// for what it checks itself, user codes for Tern's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TrapKind {
    /// A runtime function failed; its error is pending in the store.
    Pending,
    Unreachable,
    MemoryOutOfBounds,
    TableOutOfBounds,
    IndirectCallToNull,
    BadSignature,
    OutOfFuel,
    Interrupt,
    StackOverflow,
    IntegerOverflow,
    IntegerDivisionByZero,
    BadConversionToInteger,
    NullReference,
}

/// The runtime functions compiled code calls (`libcalls.rs`); each takes
/// the calling instance's context first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LibCall {
    /// `(vmctx, vmfunc, values) -> status`: calls a function through the
    /// runtime with arguments and results in `values`.
    Call,
    /// `(vmctx, mem, delta) -> old pages, -1, or -2 (error pending)`.
    MemoryGrow,
    /// `(vmctx, mem, dst, value, len) -> status`.
    MemoryFill,
    /// `(vmctx, dst_mem | src_mem << 32, dst, src, len) -> status`.
    MemoryCopy,
    /// `(vmctx, mem | seg << 32, dst, src, len) -> status`.
    MemoryInit,
    /// `(vmctx, seg)`.
    DataDrop,
    /// `(vmctx, table, init, delta) -> old size, -1, or -2`.
    TableGrow,
    /// `(vmctx, table, dst, value, len) -> status`.
    TableFill,
    /// `(vmctx, dst_table | src_table << 32, dst, src, len) -> status`.
    TableCopy,
    /// `(vmctx, table | seg << 32, dst, src, len) -> status`.
    TableInit,
    /// `(vmctx, seg)`.
    ElemDrop,
    /// `(vmctx, vmfunc) -> code or 0`: compiles a WebAssembly function that
    /// has no machine code yet, now (for a tail call, which can only stay
    /// in constant stack space from compiled code to compiled code).
    CompileNow,
    /// `(vmctx, actual, expected) -> 1 or 0`: whether registered function
    /// type `actual` declares `expected` as a supertype (`call_indirect`
    /// asks when the two differ).
    IsSubtype,
}

impl LibCall {
    /// Every runtime function, in ordinal order (`self as usize` indexes
    /// the table `VmContext::libcalls` points to).
    pub(crate) const ALL: [LibCall; 13] = [
        LibCall::Call,
        LibCall::MemoryGrow,
        LibCall::MemoryFill,
        LibCall::MemoryCopy,
        LibCall::MemoryInit,
        LibCall::DataDrop,
        LibCall::TableGrow,
        LibCall::TableFill,
        LibCall::TableCopy,
        LibCall::TableInit,
        LibCall::ElemDrop,
        LibCall::CompileNow,
        LibCall::IsSubtype,
    ];
}
