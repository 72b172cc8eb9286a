//! Entering JIT code, and catching the traps it raises.
//!
//! JIT code is entered through [`enter`], which pushes an *activation* on a
//! per-thread list and calls the code through a small assembly routine,
//! `tern_jit_enter`. The routine saves the callee-saved registers and
//! records its stack pointer in the activation. A trap in JIT code is a
//! hardware fault (`ud2` → SIGILL, an access to a guard page → SIGSEGV or
//! SIGBUS, a division → SIGFPE); the signal handler installed by [`init`]
//! checks that the fault is in registered JIT code while an activation is
//! live on the faulting thread, records the trap in that activation, and
//! edits the interrupted context so that, when the handler returns, the
//! thread resumes in `tern_jit_landing` on the recorded stack pointer: that
//! restores the saved registers and returns 1 ("trapped") from
//! `tern_jit_enter`, abandoning every JIT frame. Since the handler returns
//! normally, the kernel restores the signal mask itself: no `siglongjmp`.
//!
//! Any other fault goes to the handler that was installed before ours (for
//! SIGSEGV that is usually Rust's stack-overflow reporter), or, if there was
//! none, to the default action.
//!
//! JIT code must not unwind: a Rust function it calls must catch panics.
//! `tern_jit_enter` is `extern "C"`, so a panic reaching it aborts.

use super::code;
use std::cell::Cell;
use std::ffi::{c_int, c_void};
use std::mem::{self, MaybeUninit};
use std::ptr;
use std::sync::{Once, OnceLock};

/// Signature of the "array-call trampoline" the JIT generates: calls JIT
/// code `code` with callee context `vmctx`, reading arguments from and
/// writing results to `values` (u64 slots).
pub(crate) type ArrayTrampoline =
    unsafe extern "C" fn(code: *const u8, vmctx: *mut u8, caller_vmctx: *mut u8, values: *mut u64);

/// The most program counters a [`TrapState`] records.
pub(crate) const MAX_FRAMES: usize = 64;

/// The trap code recorded when SIGILL or SIGFPE comes from a JIT
/// instruction that has no trap record (Cranelift trap codes are never 0).
pub(crate) const NO_TRAP_CODE: u8 = 0;

/// What stopped JIT code.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TrapState {
    /// The trap code byte recorded for `pc` ([`code::trap_code_at`]), or
    /// [`NO_TRAP_CODE`] for a SIGILL or SIGFPE at a pc without record.
    pub code: u8,
    /// The signal that reported the trap (`libc::SIGILL`, ...).
    pub signal: c_int,
    /// The address of the faulting instruction.
    pub pc: usize,
    /// `pc`, then the return addresses into JIT code of the frames that
    /// called it, innermost first (trampoline frames included). Only the
    /// first `nframes` entries are meaningful.
    pub frames: [usize; MAX_FRAMES],
    /// How many entries of `frames` are meaningful (at least 1).
    pub nframes: usize,
    /// Frames found past the first [`MAX_FRAMES`], not kept.
    pub elided: usize,
}

impl TrapState {
    /// The meaningful part of [`TrapState::frames`].
    pub(crate) fn frames(&self) -> &[usize] {
        &self.frames[..self.nframes]
    }
}

/// One live call of [`enter`] on the stack of its thread.
#[derive(Debug)]
struct Activation {
    /// The stack pointer of `tern_jit_enter` after it saved the registers
    /// (written by the routine itself; 16-byte aligned); the landing pad
    /// resumes there.
    sp: usize,
    /// The activation this one is nested in, or null.
    prev: *mut Activation,
    /// Written by the signal handler before it redirects to the landing pad.
    trap: MaybeUninit<TrapState>,
}

thread_local! {
    /// The innermost live activation of this thread, or null. Const-
    /// initialized and without destructor: signal handlers may read it.
    static INNERMOST: Cell<*mut Activation> = const { Cell::new(ptr::null_mut()) };
}

/// Calls `tramp(code, vmctx, caller_vmctx, values)` inside a new activation.
///
/// Returns `Ok(())` if the trampoline returned, or the trap if JIT code
/// faulted while this activation was the innermost one of the thread (see
/// the module documentation). Activations nest: JIT code may call Rust that
/// calls `enter` again. Calls [`init`] first.
///
/// # Safety
///
/// `tramp` must be JIT code (System V ABI) that is sound to call with these
/// arguments, and must neither unwind nor leave JIT frames by any other way
/// than returning or trapping. No Rust frame may lie between this call and
/// a trapping JIT instruction unless it belongs to a nested `enter`, since a
/// trap abandons the frames in between without running their destructors.
/// JIT code must run on the stack `enter` was called on (no stack switching):
/// the trap handler walks the stack between the two.
pub(crate) unsafe fn enter(
    tramp: ArrayTrampoline,
    code: *const u8,
    vmctx: *mut u8,
    caller_vmctx: *mut u8,
    values: *mut u64,
) -> Result<(), Box<TrapState>> {
    init();
    let mut activation = Activation {
        sp: 0,
        prev: INNERMOST.get(),
        trap: MaybeUninit::uninit(),
    };
    // From here on the activation is only accessed through this pointer,
    // which the signal handler also uses.
    let act = &raw mut activation;
    INNERMOST.set(act);
    // SAFETY: the arguments are valid as the caller guarantees; `sp_out`
    // points to the live activation's `sp`, which the routine writes before
    // calling `tramp`. The activation outlives the call.
    let trapped =
        unsafe { tern_jit_enter(tramp, code, vmctx, caller_vmctx, values, &raw mut (*act).sp) };
    // SAFETY: `act` points to `activation`, still live.
    INNERMOST.set(unsafe { (*act).prev });
    if trapped == 0 {
        Ok(())
    } else {
        // SAFETY: the routine returns nonzero only through the landing pad,
        // which the handler enters after writing the trap into `trap`.
        Err(Box::new(unsafe { (*act).trap.assume_init_read() }))
    }
}

/// Calls `tramp(code, vmctx, caller_vmctx, values)` after saving rbp, rbx,
/// r12-r15 and storing the stack pointer to `*sp_out`; returns 0 when the
/// trampoline returns. `tern_jit_landing` shares its frame layout.
///
/// Frame, from the entry stack pointer E down: E-8 rbp, E-16 rbx, E-24 r12,
/// E-32 r13, E-40 r14, E-48 r15, E-56 padding = the recorded sp, which is
/// 16-byte aligned (E is 8 mod 16), so the call below is ABI-aligned.
#[unsafe(naked)]
unsafe extern "C" fn tern_jit_enter(
    tramp: ArrayTrampoline,
    code: *const u8,
    vmctx: *mut u8,
    caller_vmctx: *mut u8,
    values: *mut u64,
    sp_out: *mut usize,
) -> u32 {
    core::arch::naked_asm!(
        ".cfi_startproc",
        "push rbp",
        ".cfi_def_cfa_offset 16",
        ".cfi_offset rbp, -16",
        "mov rbp, rsp",
        ".cfi_def_cfa_register rbp",
        "push rbx",
        ".cfi_offset rbx, -24",
        "push r12",
        ".cfi_offset r12, -32",
        "push r13",
        ".cfi_offset r13, -40",
        "push r14",
        ".cfi_offset r14, -48",
        "push r15",
        ".cfi_offset r15, -56",
        "sub rsp, 8",
        "mov [r9], rsp",
        "mov rax, rdi",
        "mov rdi, rsi",
        "mov rsi, rdx",
        "mov rdx, rcx",
        "mov rcx, r8",
        "call rax",
        "xor eax, eax",
        "add rsp, 8",
        "pop r15",
        "pop r14",
        "pop r13",
        "pop r12",
        "pop rbx",
        "pop rbp",
        ".cfi_def_cfa rsp, 8",
        "ret",
        ".cfi_endproc",
    )
}

/// Not a function to call: the signal handler resumes a trapped thread here
/// with rsp set to the sp recorded by `tern_jit_enter`. Restores the
/// registers that routine saved and returns 1 from it.
#[unsafe(naked)]
unsafe extern "C" fn tern_jit_landing() -> u32 {
    core::arch::naked_asm!(
        "mov eax, 1",
        "add rsp, 8",
        "pop r15",
        "pop r14",
        "pop r13",
        "pop r12",
        "pop rbx",
        "pop rbp",
        "ret",
    )
}

/// The signals a trap in JIT code may raise.
const SIGNALS: [c_int; 4] = [libc::SIGSEGV, libc::SIGBUS, libc::SIGILL, libc::SIGFPE];

/// The dispositions [`SIGNALS`] had before [`init`] installed ours, in the
/// same order.
static PREVIOUS: OnceLock<[libc::sigaction; 4]> = OnceLock::new();

/// Installs the trap handler for SIGSEGV, SIGBUS, SIGILL and SIGFPE, once
/// per process (later calls do nothing), remembering the previous handlers
/// to forward foreign faults to.
pub(crate) fn init() {
    static INIT: Once = Once::new();
    INIT.call_once(|| {
        // SAFETY: `sigaction` is plain data; all-zero is a valid value.
        let mut previous: [libc::sigaction; 4] = unsafe { mem::zeroed() };
        for (sig, old) in SIGNALS.iter().zip(previous.iter_mut()) {
            // SAFETY: only reads the current disposition into `old`.
            let rc = unsafe { libc::sigaction(*sig, ptr::null(), old) };
            assert_eq!(rc, 0, "sigaction: {}", std::io::Error::last_os_error());
        }
        // Saved before installing, so our handler always finds them.
        let _ = PREVIOUS.set(previous);
        // SAFETY: as above.
        let mut action: libc::sigaction = unsafe { mem::zeroed() };
        action.sa_sigaction = handle_signal as *const () as libc::sighandler_t;
        // On the alternate stack when there is one (std gives its threads
        // one): a SIGSEGV from a stack overflow must still be handled.
        action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
        // SAFETY: initializes the mask of our own value.
        unsafe { libc::sigemptyset(&mut action.sa_mask) };
        for sig in SIGNALS {
            // SAFETY: installs a handler that is sound for these signals at
            // any time: it only redirects faults in registered JIT code of a
            // live activation, and forwards everything else.
            let rc = unsafe { libc::sigaction(sig, &action, ptr::null_mut()) };
            assert_eq!(rc, 0, "sigaction: {}", std::io::Error::last_os_error());
        }
    });
}

/// The handler for [`SIGNALS`] (`SA_SIGINFO` form).
unsafe extern "C" fn handle_signal(
    signal: c_int,
    info: *mut libc::siginfo_t,
    context: *mut c_void,
) {
    // SAFETY: the kernel passes a valid siginfo and ucontext for the signal
    // being handled on this thread.
    if unsafe { catch_trap(signal, info, context) } {
        return;
    }
    // SAFETY: as above; forwarded unchanged.
    unsafe { forward(signal, info, context) }
}

/// If the fault described by `info` and `context` is a trap in JIT code of
/// this thread's innermost activation, records it there, redirects the
/// context to the landing pad and returns true. Allocates nothing.
///
/// # Safety
///
/// `info` and `context` must be the arguments of a `SA_SIGINFO` handler
/// running for `signal` on the faulting thread.
unsafe fn catch_trap(signal: c_int, info: *mut libc::siginfo_t, context: *mut c_void) -> bool {
    let act = INNERMOST.try_with(Cell::get).unwrap_or(ptr::null_mut());
    if act.is_null() {
        return false;
    }
    // SAFETY: `info` is valid (contract). A positive `si_code` means the
    // kernel raised the signal for a fault of the interrupted instruction;
    // signals sent by `kill` and the like (si_code <= 0) are not traps.
    if unsafe { (*info).si_code } <= 0 {
        return false;
    }
    // SAFETY: `context` is the valid, exclusively ours ucontext of the
    // interrupted thread (contract); nothing else accesses it meanwhile.
    let gregs = unsafe { &mut (*context.cast::<libc::ucontext_t>()).uc_mcontext.gregs };
    let pc = gregs[libc::REG_RIP as usize] as usize;
    if !code::is_jit_code(pc) {
        return false;
    }
    let trap_code = match code::trap_code_at(pc) {
        Some(trap_code) => trap_code,
        // A bad access with no trap record is a bug, not a wasm trap (or a
        // stack overflow, which the previous handler reports).
        None if signal == libc::SIGSEGV || signal == libc::SIGBUS => return false,
        None => NO_TRAP_CODE,
    };
    // SAFETY: `act` is the innermost activation of this thread, set only
    // while its `enter` runs, so it points into a live frame of this thread.
    let entry_sp = unsafe { (*act).sp };
    let mut trap = TrapState {
        code: trap_code,
        signal,
        pc,
        frames: [0; MAX_FRAMES],
        nframes: 1,
        elided: 0,
    };
    trap.frames[0] = pc;
    let fp = gregs[libc::REG_RBP as usize] as usize;
    let sp = gregs[libc::REG_RSP as usize] as usize;
    // SAFETY: `sp` is the interrupted stack pointer of JIT code running
    // inside the activation whose `tern_jit_enter` recorded `entry_sp`.
    unsafe { walk_frames(&mut trap, fp, sp, entry_sp) };
    // SAFETY: as above; the activation is not otherwise accessed until
    // `enter` reads the trap after the landing pad returns.
    unsafe { (*act).trap = MaybeUninit::new(trap) };
    gregs[libc::REG_RSP as usize] = entry_sp as i64;
    gregs[libc::REG_RIP as usize] = tern_jit_landing as *const () as usize as i64;
    true
}

/// Appends to `trap` the return addresses into JIT code found by following
/// the frame-pointer chain from `fp`. Stops at the first return address
/// outside JIT code, or at a frame pointer that is misaligned, does not
/// grow, or leaves `[sp, entry_sp)`; past a full `trap.frames`, only counts
/// the frames (`trap.elided`).
///
/// # Safety
///
/// `[sp, entry_sp)` must be readable stack memory of the current thread: the
/// part of the stack used by JIT code below its `tern_jit_enter` frame.
unsafe fn walk_frames(trap: &mut TrapState, mut fp: usize, sp: usize, entry_sp: usize) {
    // Every frame record ([fp] = caller's fp, [fp + 8] = return address) of
    // JIT code lies between the faulting sp and the sp that
    // `tern_jit_enter` recorded before calling in. Checking that keeps every
    // read on live stack even if rbp holds something else.
    while fp.is_multiple_of(8) && fp >= sp && fp.checked_add(16).is_some_and(|end| end <= entry_sp)
    {
        // SAFETY: `fp .. fp + 16` is inside `[sp, entry_sp)` and aligned.
        let (caller_fp, ret) = unsafe { (*(fp as *const usize), *((fp + 8) as *const usize)) };
        if !code::is_jit_code(ret) {
            break;
        }
        if trap.nframes < MAX_FRAMES {
            trap.frames[trap.nframes] = ret;
            trap.nframes += 1;
        } else {
            trap.elided += 1;
        }
        if caller_fp <= fp {
            break;
        }
        fp = caller_fp;
    }
}

/// Passes a fault that is not a JIT trap to the handler installed before
/// ours, as its flags ask; if that was the default action or "ignore",
/// restores the default action and returns, so that the faulting
/// instruction runs again and the fault kills the process as usual.
///
/// # Safety
///
/// The arguments must be those of a `SA_SIGINFO` handler running for
/// `signal`.
unsafe fn forward(signal: c_int, info: *mut libc::siginfo_t, context: *mut c_void) {
    let previous = SIGNALS
        .iter()
        .position(|&s| s == signal)
        .and_then(|i| Some(PREVIOUS.get()?[i]));
    let Some(previous) = previous else {
        // SAFETY: only changes the disposition of `signal`.
        unsafe { reset_to_default(signal) };
        return;
    };
    let handler = previous.sa_sigaction;
    if handler == libc::SIG_DFL || handler == libc::SIG_IGN {
        // A synchronous fault cannot be ignored: the kernel, too, applies
        // the default action to an ignored one.
        // SAFETY: only changes the disposition of `signal`.
        unsafe { reset_to_default(signal) };
        return;
    }
    if previous.sa_flags & libc::SA_RESETHAND != 0 {
        // SAFETY: only changes the disposition of `signal`, as the previous
        // handler's SA_RESETHAND would have on its delivery.
        unsafe { reset_to_default(signal) };
    }
    // Block what the previous handler asked to be blocked while it runs
    // (`signal` itself is already blocked: we do not use SA_NODEFER).
    let mut saved_mask = MaybeUninit::<libc::sigset_t>::uninit();
    // SAFETY: `pthread_sigmask` is async-signal-safe; both sets are valid.
    let masked = unsafe {
        libc::pthread_sigmask(libc::SIG_BLOCK, &previous.sa_mask, saved_mask.as_mut_ptr())
    } == 0;
    if previous.sa_flags & libc::SA_SIGINFO != 0 {
        // SAFETY: with SA_SIGINFO, `sa_sigaction` is a three-argument
        // handler, which we call as the kernel would have.
        unsafe {
            let handler: unsafe extern "C" fn(c_int, *mut libc::siginfo_t, *mut c_void) =
                mem::transmute(handler);
            handler(signal, info, context);
        }
    } else {
        // SAFETY: without SA_SIGINFO, `sa_sigaction` is a one-argument
        // handler (`sa_handler`), which we call as the kernel would have.
        unsafe {
            let handler: unsafe extern "C" fn(c_int) = mem::transmute(handler);
            handler(signal);
        }
    }
    if masked {
        // SAFETY: restores the mask saved above, which was initialized.
        unsafe { libc::pthread_sigmask(libc::SIG_SETMASK, saved_mask.as_ptr(), ptr::null_mut()) };
    }
}

/// Sets the disposition of `signal` to the default action.
///
/// # Safety
///
/// Changes process-wide signal state; callers must mean it.
unsafe fn reset_to_default(signal: c_int) {
    // SAFETY: `sigaction` is plain data; all-zero is a valid value.
    let mut action: libc::sigaction = unsafe { mem::zeroed() };
    action.sa_sigaction = libc::SIG_DFL;
    // SAFETY: initializes our own mask, then sets a plain disposition.
    unsafe {
        libc::sigemptyset(&mut action.sa_mask);
        libc::sigaction(signal, &action, ptr::null_mut());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jit::code::{CodeMemory, FuncMeta, NO_FUNC_INDEX, frame_at};

    /// Registers `bytes` as one stub-like function with the given traps.
    fn blob(bytes: &[u8], traps: Vec<(u32, u8)>) -> CodeMemory {
        let func = FuncMeta {
            offset: 0,
            len: bytes.len() as u32,
            func_index: NO_FUNC_INDEX,
            name: None,
            traps,
        };
        CodeMemory::new(bytes, vec![func], None).unwrap()
    }

    /// The code at offset 0 of `mem`, as a trampoline.
    fn tramp(mem: &CodeMemory) -> ArrayTrampoline {
        // SAFETY: the tests' blobs are machine code that follows the
        // trampoline's calling convention.
        unsafe { mem::transmute::<*const u8, ArrayTrampoline>(mem.base()) }
    }

    /// Enters `mem` at offset 0 with `values` and null contexts.
    fn run(mem: &CodeMemory, values: &mut [u64]) -> Result<(), Box<TrapState>> {
        // SAFETY: as in `tramp`; the blobs touch at most `values`.
        unsafe {
            enter(
                tramp(mem),
                mem.base(),
                ptr::null_mut(),
                ptr::null_mut(),
                values.as_mut_ptr(),
            )
        }
    }

    fn innermost() -> *mut Activation {
        INNERMOST.get()
    }

    #[test]
    fn ud2_traps_then_normal_call_works() {
        let ud2 = blob(&[0x0f, 0x0b], vec![(0, 7)]);
        let trap = run(&ud2, &mut []).unwrap_err();
        assert_eq!(trap.code, 7);
        assert_eq!(trap.signal, libc::SIGILL);
        assert_eq!(trap.pc, ud2.base() as usize);
        assert_eq!(trap.frames(), &[ud2.base() as usize]);
        assert!(innermost().is_null());

        let ret = blob(&[0xc3], vec![]);
        run(&ret, &mut []).unwrap();
        assert!(innermost().is_null());
        // And the handler still works after a trap.
        assert_eq!(run(&ud2, &mut []).unwrap_err().code, 7);
    }

    #[test]
    fn load_from_null_traps() {
        // mov rax, [0]; ret
        let load = blob(&[0x48, 0x8b, 0x04, 0x25, 0, 0, 0, 0, 0xc3], vec![(0, 3)]);
        let trap = run(&load, &mut []).unwrap_err();
        assert_eq!((trap.code, trap.signal), (3, libc::SIGSEGV));
        assert_eq!(trap.pc, load.base() as usize);
        assert!(innermost().is_null());
    }

    #[test]
    fn division_by_zero_traps() {
        // xor ecx, ecx; div rcx; ret
        let div = blob(&[0x31, 0xc9, 0x48, 0xf7, 0xf1, 0xc3], vec![(2, 4)]);
        let trap = run(&div, &mut []).unwrap_err();
        assert_eq!((trap.code, trap.signal), (4, libc::SIGFPE));
        assert_eq!(trap.pc, div.base() as usize + 2);
    }

    #[test]
    fn ud2_without_record_has_no_trap_code() {
        let ud2 = blob(&[0x90, 0x0f, 0x0b], vec![]);
        let trap = run(&ud2, &mut []).unwrap_err();
        assert_eq!(trap.code, NO_TRAP_CODE);
        assert_eq!(trap.pc, ud2.base() as usize + 1);
    }

    // Faults that are not JIT traps must reach the previous handler (Rust's
    // stack-overflow reporter for SIGSEGV in a test binary) and then kill the
    // process: `forwarded_faults` checks that in child processes, which run
    // this test binary again on `forwarded_fault_child` with `CHILD_CASE` set.

    /// Names the case `forwarded_fault_child` runs in a child process.
    const CHILD_CASE: &str = "TERN_JIT_SIGNALS_CHILD_CASE";

    /// Recurses until the stack overflows.
    fn recurse(depth: u64) -> u64 {
        if depth == u64::MAX {
            return 0;
        }
        let frame = std::hint::black_box([depth; 64]);
        recurse(depth + 1) + frame[(depth % 64) as usize]
    }

    /// Runs the fault named by `CHILD_CASE`, if set; otherwise does nothing.
    #[test]
    fn forwarded_fault_child() {
        let Ok(case) = std::env::var(CHILD_CASE) else {
            return;
        };
        init();
        // mov rax, [0]; ret
        let load = [0x48, 0x8b, 0x04, 0x25, 0, 0, 0, 0, 0xc3];
        match case.as_str() {
            "unregistered" => {
                // Executable memory that is not registered JIT code.
                // SAFETY: maps a fresh page; checked below.
                let page = unsafe {
                    libc::mmap(
                        ptr::null_mut(),
                        4096,
                        libc::PROT_READ | libc::PROT_WRITE,
                        libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                        -1,
                        0,
                    )
                };
                assert_ne!(page, libc::MAP_FAILED);
                // SAFETY: the fresh page is writable and large enough.
                unsafe { ptr::copy_nonoverlapping(load.as_ptr(), page.cast::<u8>(), load.len()) };
                // SAFETY: changes the rights of our own page only.
                let rc = unsafe { libc::mprotect(page, 4096, libc::PROT_READ | libc::PROT_EXEC) };
                assert_eq!(rc, 0);
                // SAFETY: the page holds the code above, which only faults.
                let _ = unsafe {
                    let tramp = mem::transmute::<*mut c_void, ArrayTrampoline>(page);
                    enter(
                        tramp,
                        ptr::null(),
                        ptr::null_mut(),
                        ptr::null_mut(),
                        ptr::null_mut(),
                    )
                };
            }
            "no-record" => {
                let mem = blob(&load, vec![]);
                let _ = run(&mem, &mut []);
            }
            "stack-overflow" => {
                std::hint::black_box(recurse(0));
            }
            _ => {}
        }
        unreachable!("case {case:?} survived its fault");
    }

    /// Runs `forwarded_fault_child` with `case` in a child process.
    fn run_child(case: &str) -> std::process::Output {
        let module = module_path!();
        let test = module.split_once("::").map_or(module, |(_, rest)| rest);
        std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "--nocapture", "--test-threads=1"])
            .arg(format!("{test}::forwarded_fault_child"))
            .env(CHILD_CASE, case)
            .output()
            .unwrap()
    }

    #[test]
    fn forwarded_faults() {
        use std::os::unix::process::ExitStatusExt;
        for case in ["unregistered", "no-record"] {
            let out = run_child(case);
            assert_eq!(out.status.signal(), Some(libc::SIGSEGV), "{case}: {out:?}");
        }
        // Rust's own handler, installed before ours, still reports overflows.
        let out = run_child("stack-overflow");
        assert_eq!(out.status.signal(), Some(libc::SIGABRT), "{out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("has overflowed its stack"), "{stderr}");
    }

    #[test]
    fn arguments_and_alignment() {
        // mov [rcx], rdi; mov [rcx+8], rsi; mov [rcx+16], rdx; mov [rcx+24], rsp; ret
        let store = blob(
            &[
                0x48, 0x89, 0x39, 0x48, 0x89, 0x71, 0x08, 0x48, 0x89, 0x51, 0x10, 0x48, 0x89, 0x61,
                0x18, 0xc3,
            ],
            vec![],
        );
        let mut values = [0u64; 4];
        let (vmctx, caller) = (0x1234usize as *mut u8, 0x5678usize as *mut u8);
        // SAFETY: the blob writes exactly four slots of `values`.
        unsafe {
            enter(
                tramp(&store),
                0x9abc as *const u8,
                vmctx,
                caller,
                values.as_mut_ptr(),
            )
        }
        .unwrap();
        assert_eq!(&values[..3], &[0x9abc, 0x1234, 0x5678]);
        // At the trampoline's first instruction rsp is 8 mod 16, per ABI.
        assert_eq!(values[3] % 16, 8);
    }

    #[test]
    fn callee_saved_registers_survive_a_trap() {
        // mov rbx, -1; mov r12..r15, -1; mov rbp, -1; ud2
        let mut bytes = Vec::new();
        for modrm_rex in [
            (0x48, 0xc3),
            (0x49, 0xc4),
            (0x49, 0xc5),
            (0x49, 0xc6),
            (0x49, 0xc7),
            (0x48, 0xc5),
        ] {
            bytes.extend_from_slice(&[modrm_rex.0, 0xc7, modrm_rex.1, 0xff, 0xff, 0xff, 0xff]);
        }
        bytes.extend_from_slice(&[0x0f, 0x0b]);
        let clobber = blob(&bytes, vec![(42, 5)]);
        let inputs: Vec<u64> = (1..=20).collect();
        let mut sum = 0u64;
        for (i, v) in inputs.iter().enumerate() {
            let trap = run(&clobber, &mut []).unwrap_err();
            assert_eq!(trap.code, 5);
            // rbp = -1 is not a frame pointer: the walk stops at once.
            assert_eq!(trap.nframes, 1);
            sum += v * i as u64 + std::hint::black_box(3);
        }
        assert_eq!(sum, (1..=20u64).map(|v| v * (v - 1) + 3).sum::<u64>());
    }

    #[test]
    fn frames_are_walked() {
        // a (offset 0): push rbp; mov rbp, rsp; call b; pop rbp; ret
        // b (offset 16): push rbp; mov rbp, rsp; ud2
        let mut bytes = vec![0x55, 0x48, 0x89, 0xe5, 0xe8, 7, 0, 0, 0, 0x5d, 0xc3];
        bytes.resize(16, 0xcc);
        bytes.extend_from_slice(&[0x55, 0x48, 0x89, 0xe5, 0x0f, 0x0b]);
        let funcs = vec![
            FuncMeta {
                offset: 0,
                len: 11,
                func_index: 0,
                name: Some("a".to_owned()),
                traps: vec![],
            },
            FuncMeta {
                offset: 16,
                len: 6,
                func_index: 1,
                name: Some("b".to_owned()),
                traps: vec![(4, 9)],
            },
        ];
        let module = Some("signals-test-frames".to_owned());
        let mem = CodeMemory::new(&bytes, funcs, module.clone()).unwrap();
        let base = mem.base() as usize;
        let trap = run(&mem, &mut []).unwrap_err();
        assert_eq!(trap.code, 9);
        assert_eq!(trap.frames(), &[base + 20, base + 9]);
        assert_eq!(
            frame_at(trap.frames[0], false),
            Some((module.clone(), 1, Some("b".to_owned())))
        );
        assert_eq!(
            frame_at(trap.frames[1], true),
            Some((module, 0, Some("a".to_owned())))
        );
    }

    thread_local! {
        /// For `nested`: the inner blob's address, and what the callback saw.
        static NESTED_BLOB: Cell<usize> = const { Cell::new(0) };
        static NESTED_SEEN: Cell<(u8, bool, bool)> = const { Cell::new((0, false, false)) };
    }

    /// Called from JIT code in `nested`: enters the inner blob, which traps.
    extern "C" fn nested_callback() {
        let outer = innermost();
        let code = NESTED_BLOB.get() as *const u8;
        // SAFETY: the inner blob is a `ud2` with a trap record.
        let tramp: ArrayTrampoline = unsafe { mem::transmute(code) };
        // SAFETY: as above; it touches nothing.
        let result = unsafe {
            enter(
                tramp,
                code,
                ptr::null_mut(),
                ptr::null_mut(),
                ptr::null_mut(),
            )
        };
        let code = result.map_or_else(|trap| trap.code, |()| 0);
        NESTED_SEEN.set((code, !outer.is_null(), innermost() == outer));
    }

    #[test]
    fn nested() {
        let inner = blob(&[0x0f, 0x0b], vec![(0, 7)]);
        // push rbp; mov rbp, rsp; call rsi; ud2
        let outer = blob(
            &[0x55, 0x48, 0x89, 0xe5, 0xff, 0xd6, 0x0f, 0x0b],
            vec![(6, 11)],
        );
        NESTED_BLOB.set(inner.base() as usize);
        let callback = nested_callback as *const () as *mut u8;
        // SAFETY: the outer blob calls `vmctx` (our callback) and traps.
        let result = unsafe {
            enter(
                tramp(&outer),
                outer.base(),
                callback,
                ptr::null_mut(),
                ptr::null_mut(),
            )
        };
        let trap = result.unwrap_err();
        assert_eq!(NESTED_SEEN.get(), (7, true, true));
        assert_eq!(trap.code, 11);
        assert_eq!(trap.frames(), &[outer.base() as usize + 6]);
        assert!(innermost().is_null());
    }

    #[test]
    fn init_is_idempotent_and_installs_the_handler() {
        init();
        init();
        assert!(innermost().is_null());
        assert!(PREVIOUS.get().is_some());
        for sig in SIGNALS {
            // SAFETY: `sigaction` is plain data; all-zero is a valid value.
            let mut current: libc::sigaction = unsafe { mem::zeroed() };
            // SAFETY: only reads the current disposition.
            let rc = unsafe { libc::sigaction(sig, ptr::null(), &mut current) };
            assert_eq!(rc, 0);
            assert_eq!(current.sa_sigaction, handle_signal as *const () as usize);
            assert_eq!(current.sa_flags & libc::SA_SIGINFO, libc::SA_SIGINFO);
        }
    }
}
