//! How much of the native (host thread's) stack WebAssembly may use.
//!
//! Wasm-to-wasm calls in the interpreter use no native stack, but compiled
//! code does, and so does every nested entry: a host function calling back
//! into WebAssembly, compiled code calling a function that still runs in
//! the interpreter, the interpreter calling compiled code. All of them
//! measure from the outermost entry (`Stack::native_entry`) against one
//! limit, so a program reaches the same depth whichever tier runs which
//! function (with tiering, the mix changes from run to run).

/// Room left on the native stack for the runtime's own frames (trap
/// handling, host functions, the interpreter's loop) below the lowest frame
/// WebAssembly may use.
pub(crate) const HEADROOM: usize = 64 << 10;

/// WebAssembly may always use this much native stack below the outermost
/// entry (unless the thread's stack is smaller), however small
/// `Config::max_wasm_stack`.
const MIN_BUDGET: usize = 1 << 20;

/// The budget where the thread's stack size is not known: small enough for
/// any thread a host gives WebAssembly.
const UNKNOWN_STACK_BUDGET: usize = 512 << 10;

/// The lowest address WebAssembly frames may reach when the outermost entry
/// is at `entry`: `budget_bytes` below it ([`Config::max_wasm_stack`], at
/// least [`MIN_BUDGET`]), or less if the thread's stack ends sooner (with
/// room for [`HEADROOM`] twice).
///
/// [`Config::max_wasm_stack`]: crate::Config::max_wasm_stack
pub(crate) fn limit(entry: usize, budget_bytes: usize) -> usize {
    let budget = budget_bytes.max(MIN_BUDGET);
    match thread_stack_low() {
        // The main thread's stack grows on demand; its reported low end
        // (from the stack size limit) may be far below, which is fine.
        Some(low) => entry
            .saturating_sub(budget)
            .max(low.saturating_add(HEADROOM * 2)),
        None => entry.saturating_sub(budget.min(UNKNOWN_STACK_BUDGET)),
    }
}

/// Whether a nested entry whose frame is at `here` still has room: at least
/// [`HEADROOM`] above `limit` (from [`limit`]).
pub(crate) fn has_room(here: usize, limit: usize) -> bool {
    here >= limit.saturating_add(HEADROOM)
}

/// The lowest address of the calling thread's stack, if known.
fn thread_stack_low() -> Option<usize> {
    thread_local! {
        static LOW: Option<usize> = stack_low_uncached();
    }
    LOW.with(|low| *low)
}

#[cfg(target_os = "linux")]
fn stack_low_uncached() -> Option<usize> {
    let mut attr = std::mem::MaybeUninit::<libc::pthread_attr_t>::uninit();
    // SAFETY: `pthread_getattr_np` initializes `attr` for the calling
    // thread when it returns 0; only then is it read and destroyed.
    unsafe {
        if libc::pthread_getattr_np(libc::pthread_self(), attr.as_mut_ptr()) != 0 {
            return None;
        }
        let mut addr = std::ptr::null_mut();
        let mut size = 0;
        let rc = libc::pthread_attr_getstack(attr.as_ptr(), &mut addr, &mut size);
        libc::pthread_attr_destroy(attr.as_mut_ptr());
        (rc == 0).then_some(addr as usize)
    }
}

#[cfg(not(target_os = "linux"))]
fn stack_low_uncached() -> Option<usize> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_stays_inside_the_thread_stack() {
        let here = {
            let marker = 0u8;
            std::hint::black_box(&marker) as *const u8 as usize
        };
        // A huge budget is cut at the thread's end (or at the fallback).
        let low = limit(here, usize::MAX / 2);
        assert!(low < here);
        match thread_stack_low() {
            Some(end) => assert_eq!(low, end + 2 * HEADROOM),
            None => assert_eq!(low, here - UNKNOWN_STACK_BUDGET),
        }
        // A small budget is raised to the minimum.
        assert!(limit(here, 1) <= here - MIN_BUDGET.min(here - low));
        assert!(has_room(here, limit(here, 1 << 20)));
        assert!(!has_room(low, limit(here, 1 << 20)));
    }
}
