//! The executor: the interpreter's own call stack, the registers handlers
//! work on, entry from the host, calls, returns and backtraces.
//!
//! A WebAssembly call never recurses on the native stack: `Call` pushes a
//! [`Frame`] and continues with the callee's first instruction, `Return` pops
//! it. A frame's slots live in one value stack shared by all frames: a
//! callee's frame starts at its caller's argument slots, so arguments are
//! passed and results returned without copying. Only calls into host
//! functions (which may call back into WebAssembly) use the native stack.

mod dispatch;
mod handlers;
mod num;

use super::ir::{AccF, AccI, CodeRef, CompiledFunc, Instr, Slot};
use crate::error::{FrameInfo, WasmBacktrace};
use crate::runtime::func::FuncKind;
use crate::runtime::instance::{Instance, InstanceEntity};
use crate::runtime::store::StoreOpaque;
use crate::values::raw_len;
use crate::{Error, Result, Trap};
use std::any::Any;

/// Backtraces keep at most this many frames (innermost first).
const MAX_BACKTRACE_FRAMES: usize = 64;

/// One activation of a WebAssembly function.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame {
    /// Where the caller resumes; null when the caller is the host.
    ret_ip: *const Instr,
    /// Index of the frame's first slot in the value stack.
    base: usize,
    /// The instance whose function this is.
    inst: *const InstanceEntity,
    /// The function's index among its module's defined functions.
    func: u32,
}

/// The interpreter's stacks: slots of all active frames, and the frames.
#[derive(Debug)]
pub(crate) struct Stack {
    pub(crate) values: Vec<u64>,
    frames: Vec<Frame>,
    max_frames: usize,
    /// How many frames fit without reallocating and within `max_frames`:
    /// `min(frames.capacity(), max_frames)`. A call checks only this.
    frame_limit: usize,
    max_values: usize,
    /// First free slot for a call entering from the host.
    top: usize,
    /// Native stack address of the outermost entry into WebAssembly, while
    /// one is running.
    pub(crate) native_entry: Option<usize>,
}

impl Stack {
    pub(crate) fn new(max_frames: usize, max_values: usize) -> Stack {
        Stack {
            values: Vec::new(),
            frames: Vec::new(),
            max_frames,
            frame_limit: 0,
            max_values,
            top: 0,
            native_entry: None,
        }
    }

    /// Makes the value stack at least `end` slots long.
    #[cold]
    #[inline(never)]
    fn grow(&mut self, end: usize) -> Result<(), Trap> {
        if end > self.max_values {
            return Err(Trap::StackOverflow);
        }
        let new_len = end
            .max(self.values.len() * 2)
            .max(1024)
            .min(self.max_values);
        self.values
            .try_reserve_exact(new_len - self.values.len())
            .map_err(|_| Trap::StackOverflow)?;
        self.values.resize(new_len, 0);
        Ok(())
    }

    /// Makes room for one more frame: reserves, or traps at `max_frames`.
    #[cold]
    #[inline(never)]
    fn grow_frames(&mut self) -> Result<(), Trap> {
        if self.frames.len() >= self.max_frames {
            return Err(Trap::StackOverflow);
        }
        let room = self.max_frames - self.frames.len();
        let additional = self.frames.len().max(64).min(room);
        self.frames
            .try_reserve(additional)
            .map_err(|_| Trap::StackOverflow)?;
        self.frame_limit = self.frames.capacity().min(self.max_frames);
        Ok(())
    }

    /// Pushes `frame`, whose function's frame (of `compiled`) starts at
    /// slot `base`, and zeroes its locals; returns the frame's first slot.
    /// The general path of a call: makes room first if needed.
    fn push_frame(
        &mut self,
        compiled: &CompiledFunc,
        base: usize,
        frame: Frame,
    ) -> Result<*mut u64, Trap> {
        let end = base + compiled.frame_size as usize + FRAME_PAD;
        if end > self.values.len() {
            self.grow(end)?;
        }
        if self.frames.len() >= self.frame_limit {
            self.grow_frames()?;
        }
        self.frames.push(frame);
        // SAFETY: `base + frame_size <= values.len()` was ensured above, and
        // the locals lie inside the frame.
        unsafe {
            let sp = self.values.as_mut_ptr().add(base);
            zero_locals(
                sp.add(compiled.num_params as usize),
                compiled.num_locals as usize,
            );
            Ok(sp)
        }
    }
}

/// Slots past the end of the top frame that the value stack always has, so
/// that a call can zero [`FRAME_PAD`] locals at once, however few the
/// callee has (the slots past its frame are free).
const FRAME_PAD: usize = 4;

/// Zeroes `n` slots from `p`. Most functions have a few locals: a fixed
/// run of stores in line, rather than a loop or a call to `memset`, whose
/// call would also make every call handler save and restore registers
/// around it.
///
/// # Safety
///
/// `p` must be valid for writing `max(n, FRAME_PAD)` slots, and the slots
/// past the `n` are free.
#[inline(always)]
unsafe fn zero_locals(p: *mut u64, n: usize) {
    if n > FRAME_PAD {
        // SAFETY: guaranteed by the caller.
        unsafe { zero_many(p, n) };
        return;
    }
    // SAFETY: guaranteed by the caller.
    unsafe { p.cast::<[u64; FRAME_PAD]>().write_unaligned([0; FRAME_PAD]) };
}

/// `zero_locals` for many locals.
///
/// # Safety
///
/// As for [`zero_locals`].
#[cold]
#[inline(never)]
unsafe fn zero_many(p: *mut u64, n: usize) {
    // SAFETY: guaranteed by the caller.
    unsafe { std::ptr::write_bytes(p, 0, n) };
}

/// Why execution stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    /// The entry function returned.
    Done,
    /// A trap.
    Trap(Trap),
    /// An error stored in [`Vm::error`] (a host function's, or translation).
    Error,
}

/// What a handler returns: continue, or stop.
pub(crate) type Flow = Result<(), Stop>;

/// The registers of the interpreter: the hot state every handler receives.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Regs {
    /// The current instruction.
    pub ip: *const Instr,
    /// The current frame's first slot.
    pub sp: *mut u64,
    /// Base of memory 0 of the current instance (null if it has none).
    pub mem: *mut u8,
    /// Size in bytes of memory 0.
    pub mem_len: usize,
    /// The integer accumulator: the last integer value an instruction wrote
    /// to a slot (see [`Regs::set`]). The next instruction may read it here
    /// instead of from its slot when the translator chose an accumulator
    /// form; it is meaningless anywhere else.
    pub acc: u64,
    /// The float accumulator: the same for the last `f64` written.
    pub facc: f64,
}

/// The state an execution works on besides its registers.
pub(crate) struct Vm<'a> {
    pub store: &'a mut StoreOpaque,
    pub data: &'a mut dyn Any,
    pub error: Option<Error>,
    /// Registers handed to slow paths that are not inlined.
    pub spill: Regs,
    /// The current instance. Kept here rather than in a register: few
    /// instructions need it (globals, calls, tables, other memories), and the
    /// register it frees is a scratch register for every handler.
    pub inst: *const InstanceEntity,
    /// Where the tail-call backend keeps the size of memory 0 between
    /// instructions (see `dispatch`); the portable one keeps it in `Regs`.
    pub mem_len: usize,
    /// The running function's frame: the last of `store.stack.frames`,
    /// kept here so that a return finds its return address and its
    /// caller's frame one load from the registers (through the store it
    /// takes three dependent loads, on which the caller's next instructions
    /// would wait). Refreshed wherever the frame stack may have moved:
    /// growth, and calls that leave the interpreter (which may re-enter it).
    top: *mut Frame,
}

/// A value that can live in a slot.
pub(crate) trait Untyped: Copy {
    fn from_slot(raw: u64) -> Self;
    fn into_slot(self) -> u64;
    /// Keeps the value in the accumulator of its kind, if it has one.
    fn stash(self, r: &mut Regs);
}

macro_rules! untyped {
    ($($t:ty: |$r:ident| $from:expr, |$v:ident| $into:expr, |$s:ident, $rr:ident| $stash:expr;)*) => {$(
        impl Untyped for $t {
            #[inline(always)]
            fn from_slot($r: u64) -> Self {
                $from
            }
            #[inline(always)]
            fn into_slot(self) -> u64 {
                let $v = self;
                $into
            }
            #[inline(always)]
            fn stash(self, $rr: &mut Regs) {
                let $s = self;
                $stash
            }
        }
    )*};
}

untyped! {
    i32: |r| r as u32 as i32, |v| v as u32 as u64, |v, r| r.acc = v as u32 as u64;
    u32: |r| r as u32, |v| v as u64, |v, r| r.acc = v as u64;
    i64: |r| r as i64, |v| v as u64, |v, r| r.acc = v as u64;
    u64: |r| r, |v| v, |v, r| r.acc = v;
    f32: |r| f32::from_bits(r as u32), |v| v.to_bits() as u64, |_v, _r| ();
    f64: |r| f64::from_bits(r), |v| v.to_bits(), |v, r| r.facc = v;
    bool: |r| r as u32 != 0, |v| v as u64, |v, r| r.acc = v as u64;
}

/// Nothing, which LLVM must assume has effects: placed on one path of a
/// branch, it keeps LLVM from executing both paths and selecting (see
/// [`Regs::jump`]).
#[inline(always)]
pub(crate) fn barrier() {
    #[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
    // SAFETY: an empty instruction sequence: no registers, memory or flags
    // change.
    unsafe {
        std::arch::asm!("", options(nomem, nostack, preserves_flags));
    }
}

/// A translator bug caught by the `verify-acc` feature.
#[cfg(feature = "verify-acc")]
#[cold]
#[inline(never)]
fn stale_accumulator(slot: Slot) -> ! {
    panic!("the accumulator does not hold the value of slot {slot}")
}

/// Where an operand of type `T` comes from: its slot, or an accumulator.
pub(crate) trait Source<T>: Copy {
    /// Reads the operand.
    ///
    /// # Safety
    ///
    /// The slot must be a slot of the current frame (see [`Regs::get`]).
    unsafe fn read(self, r: &Regs) -> T;
}

impl<T: Untyped> Source<T> for Slot {
    #[inline(always)]
    unsafe fn read(self, r: &Regs) -> T {
        // SAFETY: guaranteed by the caller.
        T::from_slot(unsafe { *r.sp.add(self as usize) })
    }
}

impl<T: Untyped> Source<T> for AccI {
    #[inline(always)]
    unsafe fn read(self, r: &Regs) -> T {
        // The translator chose this form because the instruction just before
        // wrote this slot, and with it the accumulator.
        #[cfg(feature = "verify-acc")]
        // SAFETY: guaranteed by the caller.
        if r.acc != unsafe { *r.sp.add(self.0 as usize) } {
            stale_accumulator(self.0);
        }
        T::from_slot(r.acc)
    }
}

impl Source<f64> for AccF {
    #[inline(always)]
    unsafe fn read(self, r: &Regs) -> f64 {
        #[cfg(feature = "verify-acc")]
        // SAFETY: guaranteed by the caller.
        if r.facc.to_bits() != unsafe { *r.sp.add(self.0 as usize) } {
            stale_accumulator(self.0);
        }
        r.facc
    }
}

impl Regs {
    /// Reads slot `s` of the current frame.
    ///
    /// # Safety
    ///
    /// `s` must be a slot of the current frame (the translator only emits
    /// slots below the frame size, and the frame was allocated that large).
    #[inline(always)]
    pub unsafe fn get<T: Untyped>(&self, s: impl Source<T>) -> T {
        // SAFETY: guaranteed by the caller.
        unsafe { s.read(self) }
    }

    /// Writes slot `s` of the current frame, and keeps the value in the
    /// accumulator of its kind (`acc` for integers, `facc` for `f64`), where
    /// an accumulator form of the next instruction reads it.
    ///
    /// # Safety
    ///
    /// As for [`Regs::get`].
    #[inline(always)]
    pub unsafe fn set<T: Untyped>(&mut self, s: Slot, value: T) {
        // SAFETY: guaranteed by the caller.
        unsafe { *self.sp.add(s as usize) = value.into_slot() }
        value.stash(self);
    }

    /// Reads the `v128` in slots `s` and `s + 1` of the current frame.
    ///
    /// # Safety
    ///
    /// As for [`Regs::get`], for both slots.
    #[inline(always)]
    pub unsafe fn get128(&self, s: Slot) -> u128 {
        // SAFETY: guaranteed by the caller.
        unsafe {
            let p = self.sp.add(s as usize);
            u128::from(*p) | (u128::from(*p.add(1)) << 64)
        }
    }

    /// Writes a `v128` to slots `s` and `s + 1` of the current frame.
    ///
    /// # Safety
    ///
    /// As for [`Regs::get`], for both slots.
    #[inline(always)]
    pub unsafe fn set128(&self, s: Slot, value: u128) {
        // SAFETY: guaranteed by the caller.
        unsafe {
            let p = self.sp.add(s as usize);
            *p = value as u64;
            *p.add(1) = (value >> 64) as u64;
        }
    }

    /// Moves to the next instruction.
    #[inline(always)]
    pub fn next(&mut self) {
        self.ip = self.ip.wrapping_add(1);
    }

    /// Jumps by `offset` instructions.
    ///
    /// A conditional branch must stay a branch in the handler: if LLVM
    /// turned `if taken { jump } else { next }` into a conditional move, the
    /// next instruction's address, and so every load of the instructions
    /// that follow, would wait for the comparison instead of following the
    /// branch predictor (a loop iteration then costs the whole latency of
    /// its data). An empty `asm!` in the taken path, which LLVM must assume
    /// has effects, keeps it from executing both paths and selecting.
    #[inline(always)]
    pub fn jump(&mut self, offset: i32) {
        barrier();
        self.ip = self.ip.wrapping_offset(offset as isize);
    }

    /// The instance, as a reference.
    ///
    /// Reloads the base and size of memory 0 of `inst` (after growth, a
    /// call that may have grown it, or a change of instance).
    #[inline(always)]
    pub fn reload_memory(&mut self, store: &StoreOpaque, inst: *const InstanceEntity) {
        // SAFETY: `inst` is always a live instance of `store`.
        let inst = unsafe { &*inst };
        (self.mem, self.mem_len) = memory0(store, inst);
    }
}

fn memory0(store: &StoreOpaque, inst: &InstanceEntity) -> (*mut u8, usize) {
    match inst.memories.first() {
        Some(&m) => {
            // Unchecked: a bounds check's panic path is a call, and a call
            // anywhere in a return handler makes LLVM save a register on its
            // every run (stack alignment), which cost `fib` 8%.
            // SAFETY: an instance's memories are memories of its store,
            // which never removes one.
            let mem = &unsafe { store.memories.get_unchecked(m as usize) }.mem;
            (mem.base(), mem.len())
        }
        None => (std::ptr::null_mut(), 0),
    }
}

impl Vm<'_> {
    /// The current instance.
    ///
    /// # Safety
    ///
    /// `inst` points to an instance of the running store, which is kept
    /// alive (boxed, never removed) for as long as the store.
    #[inline(always)]
    pub unsafe fn instance<'a>(&self) -> &'a InstanceEntity {
        // SAFETY: guaranteed by the caller.
        unsafe { &*self.inst }
    }

    /// Points `top` at the last frame again, after the frame stack may have
    /// moved.
    fn sync_top(&mut self) {
        let frames = &mut self.store.stack.frames;
        // SAFETY: while code runs, the frame of the running function is on
        // the stack, so `len >= 1`.
        self.top = unsafe { frames.as_mut_ptr().add(frames.len() - 1) };
    }

    /// Records an error to report, and stops.
    #[cold]
    fn fail(&mut self, error: Error) -> Stop {
        self.error = Some(error);
        Stop::Error
    }

    /// Throws the exception with handle `exn` from the instruction in
    /// `self.spill`: stops, and [`run_entry`] looks for its handler.
    #[cold]
    pub(crate) fn throw(&mut self, exn: u64) -> Stop {
        let exception = crate::ExnRef {
            store: self.store.id(),
            raw: exn,
        };
        self.fail(Error::throw(exception))
    }

    /// Looks for a handler of the exception in `self.error` (if it is one)
    /// among the frames of this entry, from the instruction in `self.spill`
    /// outwards. Where a catch clause takes it, pops the frames above its
    /// own, puts the exception's values (and reference) where the clause's
    /// landing pad expects them, and returns the registers to go on with
    /// there.
    #[cold]
    #[inline(never)]
    fn catch(&mut self, entry_depth: usize) -> Option<Regs> {
        let exception = self.error.as_ref()?.exception()?;
        if exception.store != self.store.id() {
            return None;
        }
        let raw = exception.raw;
        let exn_tag = self.store.exceptions.get(raw)?.tag;
        let mut ip = self.spill.ip;
        for k in (entry_depth..self.store.stack.frames.len()).rev() {
            let frame = self.store.stack.frames[k];
            // SAFETY: frames only hold live instances of this store.
            let inst = unsafe { &*frame.inst };
            let compiled = inst.module.inner.compiled(frame.func).ok()?;
            let start = compiled.code.as_ptr() as usize;
            let at = (ip as usize).wrapping_sub(start) / size_of::<Instr>();
            // A tail call has left its frame: its callee's exceptions pass.
            let left = match compiled.code.get(at) {
                None => true,
                Some(instr) => matches!(
                    instr,
                    Instr::ReturnCall(_)
                        | Instr::ReturnCallImported(_)
                        | Instr::ReturnCallIndirect(_)
                        | Instr::ReturnCallRef(_)
                ),
            };
            let clause = compiled
                .handlers
                .iter()
                .filter(|h| !left && (h.start as usize..h.end as usize).contains(&at))
                .flat_map(|h| h.catches.iter())
                .find(|c| c.tag.is_none_or(|t| inst.tags[t as usize] == exn_tag))
                .copied();
            if let Some(clause) = clause {
                let stack = &mut self.store.stack;
                stack.frames.truncate(k + 1);
                let exn = self.store.exceptions.get(raw)?;
                let at = frame.base + clause.slot as usize;
                let mut n = 0;
                if clause.tag.is_some() {
                    n = exn.values.len();
                    stack.values[at..at + n].copy_from_slice(&exn.values);
                }
                if clause.with_ref {
                    stack.values[at + n] = raw;
                }
                // SAFETY: the frame lies within the value stack.
                let sp = unsafe { stack.values.as_mut_ptr().add(frame.base) };
                let (mem, mem_len) = memory0(self.store, inst);
                self.inst = frame.inst;
                self.sync_top();
                self.error = None;
                return Some(Regs {
                    // SAFETY: the pad is an instruction of the function.
                    ip: unsafe { compiled.code.as_ptr().add(clause.pad as usize) },
                    sp,
                    mem,
                    mem_len,
                    acc: 0,
                    facc: 0.0,
                });
            }
            // The caller resumes after its call instruction.
            ip = frame.ret_ip.wrapping_sub(1);
        }
        None
    }

    /// Enters `compiled` (function `func` of instance `callee`) with its
    /// arguments at slot `args` of the current frame.
    #[inline(always)]
    fn enter(
        &mut self,
        r: &mut Regs,
        compiled: &CompiledFunc,
        args: Slot,
        callee: *const InstanceEntity,
        func: u32,
    ) -> Flow {
        let stack = &mut self.store.stack;
        let depth = stack.frames.len();
        // SAFETY: `top` is the running function's frame.
        let caller_base = unsafe { (*self.top).base };
        let base = caller_base + args as usize;
        let end = base + compiled.frame_size as usize + FRAME_PAD;
        if end > stack.values.len() || depth >= stack.frame_limit {
            self.enter_slow(r, compiled, base, callee, func)?;
        } else {
            let frame = Frame {
                ret_ip: r.ip.wrapping_add(1),
                base,
                inst: callee,
                func,
            };
            // SAFETY: `depth < frame_limit <= capacity`; the callee's frame
            // starts at the caller's argument slots (the caller's frame is
            // the top one, so `r.sp` is at `caller_base`), and its end plus
            // FRAME_PAD slots lie within the value stack.
            unsafe {
                self.top = self.top.add(1);
                self.top.write(frame);
                stack.frames.set_len(depth + 1);
                r.sp = r.sp.add(args as usize);
                zero_locals(
                    r.sp.add(compiled.num_params as usize),
                    compiled.num_locals as usize,
                );
            }
        }
        self.start(r, compiled, callee);
        Ok(())
    }

    /// Continues at the first instruction of `compiled`, a function of
    /// instance `callee`, whose frame is in place.
    #[inline(always)]
    fn start(&mut self, r: &mut Regs, compiled: &CompiledFunc, callee: *const InstanceEntity) {
        r.ip = compiled.code.as_ptr();
        if callee != self.inst {
            self.inst = callee;
            r.reload_memory(self.store, callee);
        }
    }

    /// [`Vm::enter`] when the value stack or the frame stack must grow (or
    /// is full).
    #[inline(always)]
    fn enter_slow(
        &mut self,
        r: &mut Regs,
        compiled: &CompiledFunc,
        base: usize,
        callee: *const InstanceEntity,
        func: u32,
    ) -> Flow {
        // The registers go through `self` (see `call_func`).
        self.spill = *r;
        let flow = self.enter_grow(compiled, base, callee, func);
        *r = self.spill;
        flow
    }

    /// The part of [`Vm::enter_slow`] kept out of line.
    #[cold]
    #[inline(never)]
    fn enter_grow(
        &mut self,
        compiled: &CompiledFunc,
        base: usize,
        callee: *const InstanceEntity,
        func: u32,
    ) -> Flow {
        let frame = Frame {
            ret_ip: self.spill.ip.wrapping_add(1),
            base,
            inst: callee,
            func,
        };
        let sp = self
            .store
            .stack
            .push_frame(compiled, base, frame)
            .map_err(Stop::Trap)?;
        self.spill.sp = sp;
        self.sync_top();
        Ok(())
    }

    /// Replaces the current frame by one of `compiled` (function `func` of
    /// instance `callee`), whose arguments are at slot `args`: a tail call,
    /// which leaves the call stack as deep as it was.
    #[inline(always)]
    fn replace(
        &mut self,
        r: &mut Regs,
        compiled: &CompiledFunc,
        args: Slot,
        callee: *const InstanceEntity,
        func: u32,
    ) -> Flow {
        let stack = &mut self.store.stack;
        // SAFETY: `top` is the running function's frame.
        let frame = unsafe { &mut *self.top };
        frame.inst = callee;
        frame.func = func;
        let base = frame.base;
        let params = compiled.num_params as usize;
        // SAFETY: the arguments are slots of the current frame, and the
        // frame is at least as large as the callee's parameters (they are
        // among its operand slots); `copy` allows the ranges to overlap.
        unsafe { std::ptr::copy(r.sp.add(args as usize), r.sp, params) };
        let end = base + compiled.frame_size as usize + FRAME_PAD;
        if end > stack.values.len() {
            stack.grow(end).map_err(Stop::Trap)?;
        }
        // SAFETY: `base + frame_size + FRAME_PAD <= values.len()`, the
        // locals lie inside the frame, and the slots past it are free.
        unsafe {
            r.sp = stack.values.as_mut_ptr().add(base);
            zero_locals(r.sp.add(params), compiled.num_locals as usize);
        }
        self.start(r, compiled, callee);
        Ok(())
    }

    /// Tail-calls the store's function `func` with arguments at slot `args`.
    #[inline(always)]
    fn tail_call_func(&mut self, r: &mut Regs, func: u32, args: Slot) -> Flow {
        let entity = &self.store.funcs[func as usize];
        match &entity.kind {
            FuncKind::Wasm { .. } if self.store.jit && native_code(self.store, func) => {
                self.spill = *r;
                let flow = self.tail_call_native(func, args);
                *r = self.spill;
                flow
            }
            &FuncKind::Wasm {
                instance,
                defined,
                code,
            } => {
                let (callee, compiled) = self.wasm_callee(instance, defined, code)?;
                self.replace(r, compiled, args, callee, defined)
            }
            FuncKind::Host(_) => {
                // The registers go through `self` (see `call_func`).
                self.spill = *r;
                let flow = self.tail_call_native(func, args);
                *r = self.spill;
                flow
            }
        }
    }

    /// Tail-calls a function that runs on the native stack (a host function
    /// or compiled code): it returns at once, so call it, then return its
    /// results.
    /// The registers are those of `self.spill`, before and after.
    #[inline(never)]
    fn tail_call_native(&mut self, func: u32, args: Slot) -> Flow {
        let results = raw_len(self.store.func_type(func).results());
        self.call_host(func, args)?;
        let mut r = self.spill;
        // SAFETY: the results are slots of the current frame.
        unsafe { std::ptr::copy(r.sp.add(args as usize), r.sp, results) };
        let flow = self.leave(&mut r);
        self.spill = r;
        flow
    }

    /// Returns from the current function to its caller.
    #[inline(always)]
    fn leave(&mut self, r: &mut Regs) -> Flow {
        let stack = &mut self.store.stack;
        // SAFETY: `top` is the returning function's frame, the last one.
        let ret_ip = unsafe { (*self.top).ret_ip };
        // SAFETY: the stack holds that frame, so `len >= 1`.
        unsafe { stack.frames.set_len(stack.frames.len() - 1) };
        if ret_ip.is_null() {
            return Err(Stop::Done);
        }
        // SAFETY: a frame with a return address has its caller's frame just
        // below it in the frame list.
        let (base, inst) = unsafe {
            self.top = self.top.sub(1);
            ((*self.top).base, (*self.top).inst)
        };
        r.ip = ret_ip;
        // SAFETY: the caller's frame lies within the value stack.
        r.sp = unsafe { stack.values.as_mut_ptr().add(base) };
        if inst != self.inst {
            self.inst = inst;
            r.reload_memory(self.store, inst);
        }
        Ok(())
    }

    /// The instance and the bytecode (translated on first use) of defined
    /// function `defined` of the store's instance `instance`, whose code
    /// table entry is `code`, for a call from the interpreter; counts the
    /// call for tier-up.
    #[inline(always)]
    fn wasm_callee<'a>(
        &mut self,
        instance: u32,
        defined: u32,
        code: CodeRef,
    ) -> Result<(*const InstanceEntity, &'a CompiledFunc), Stop> {
        let callee: *const InstanceEntity = &*self.store.instances[instance as usize];
        if self.store.tiered {
            // SAFETY: instances are boxed and never removed from the store.
            count_call(unsafe { &(*callee).module }, defined);
        }
        // SAFETY: `code` is the entry of `defined` in the code table of
        // `callee`'s module (set so when the function was made).
        match unsafe { code_of(callee, code, defined) } {
            Ok(compiled) => Ok((callee, compiled)),
            Err(e) => Err(self.fail(e)),
        }
    }

    /// Calls the store's function `func` with arguments at slot `args`.
    #[inline(always)]
    fn call_func(&mut self, r: &mut Regs, func: u32, args: Slot) -> Flow {
        let entity = &self.store.funcs[func as usize];
        match &entity.kind {
            FuncKind::Wasm { .. } if self.store.jit && native_code(self.store, func) => {
                self.spill = *r;
                let flow = self.call_host(func, args);
                *r = self.spill;
                flow
            }
            &FuncKind::Wasm {
                instance,
                defined,
                code,
            } => {
                let (callee, compiled) = self.wasm_callee(instance, defined, code)?;
                self.enter(r, compiled, args, callee, defined)
            }
            FuncKind::Host(_) => {
                // The registers go through `self` rather than by reference: a
                // pointer to a handler's locals passed to a call that is not
                // inlined would stop LLVM from compiling the handler's final
                // call as a jump.
                self.spill = *r;
                let flow = self.call_host(func, args);
                *r = self.spill;
                flow
            }
        }
    }

    /// Leaves the interpreter for the compiled entry of the current
    /// function (defined function `defined`) at the header of loop
    /// `loop_index`, where it stands: the locals go to compiled code, which
    /// runs the function to its end, and the frame returns its results.
    /// The registers are those of `self.spill`, before and after.
    #[inline(never)]
    fn osr_enter(&mut self, defined: u32, loop_index: u32) -> Flow {
        let mut r = self.spill;
        // SAFETY: `inst` is a live instance of this store.
        let inst = unsafe { self.instance() };
        let module = inst.module.inner.clone();
        let vmctx: *const crate::runtime::vmctx::VmContext = &*inst.vmctx;
        let Some(osr) = module.native.osr_entry(defined) else {
            r.next();
            self.spill = r;
            return Ok(());
        };
        let compiled = match module.compiled(defined) {
            Ok(c) => c,
            Err(e) => return Err(self.fail(e)),
        };
        let info = &module.info;
        let results = raw_len(info.func_type(info.num_imported_funcs + defined).results());
        let locals = (compiled.num_params + compiled.num_locals) as usize;
        let mut io = vec![0u64; locals.max(results).max(1)];
        for (i, slot) in io.iter_mut().enumerate().take(locals) {
            // SAFETY: the locals are slots of the current frame.
            *slot = unsafe { r.get::<u64>(i as Slot) };
        }
        let stack = &mut self.store.stack;
        // SAFETY: the running function's frame is on the stack.
        let base = unsafe { stack.frames.last().unwrap_unchecked() }.base;
        let saved_top = stack.top;
        stack.top = base + compiled.frame_size as usize;
        module
            .native
            .osr_transfers
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let result = native_osr(
            self.store,
            self.data,
            osr,
            loop_index,
            vmctx.cast_mut(),
            &mut io,
        );
        self.store.stack.top = saved_top;
        self.sync_top();
        if let Err(e) = result {
            return Err(self.fail(e));
        }
        // SAFETY: the current frame is still within the value stack (which
        // nested entries may have moved), and has room for the results.
        r.sp = unsafe { self.store.stack.values.as_mut_ptr().add(base) };
        r.reload_memory(self.store, self.inst);
        for (i, value) in io.iter().enumerate().take(results) {
            // SAFETY: as above.
            unsafe { r.set::<u64>(i as Slot, *value) };
        }
        let flow = self.leave(&mut r);
        self.spill = r;
        flow
    }

    /// Calls `func`, a host function or a function with compiled code, with
    /// arguments (and results) at slot `args` of the frame described by
    /// `self.spill`.
    #[inline(never)]
    fn call_host(&mut self, func: u32, args: Slot) -> Flow {
        let host = match &self.store.funcs[func as usize].kind {
            FuncKind::Host(host) => Some(host.clone()),
            FuncKind::Wasm { .. } => None,
        };
        let mut r = self.spill;
        let ty = self.store.func_type(func);
        let np = raw_len(ty.params());
        let nr = raw_len(ty.results());
        let len = np.max(nr);
        let mut small = [0u64; 16];
        let mut large = Vec::new();
        let io: &mut [u64] = if len <= small.len() {
            &mut small[..len]
        } else {
            large.resize(len, 0);
            &mut large
        };
        for (i, slot) in io.iter_mut().enumerate().take(np) {
            // SAFETY: the arguments are slots of the current frame.
            *slot = unsafe { r.get::<u64>(args + i as Slot) };
        }
        let stack = &mut self.store.stack;
        // SAFETY: the calling function's frame is on the stack.
        let base = unsafe { stack.frames.last().unwrap_unchecked() }.base;
        let saved_top = stack.top;
        stack.top = base + args as usize;
        let caller = Instance {
            store: self.store.id(),
            // SAFETY: `inst` is a live instance of this store.
            index: unsafe { self.instance() }.index,
        };
        let result = match host {
            Some(host) => (host.call)(self.store, self.data, Some(caller), io),
            None => native_call(self.store, self.data, func, io),
        };
        self.store.stack.top = saved_top;
        self.sync_top();
        if let Err(e) = result {
            return Err(self.fail(e));
        }
        // The host may have re-entered WebAssembly (moving the value stack)
        // or grown memory: reload both.
        // SAFETY: the current frame is still within the value stack.
        r.sp = unsafe { self.store.stack.values.as_mut_ptr().add(base) };
        r.reload_memory(self.store, self.inst);
        for (i, value) in io.iter().enumerate().take(nr) {
            // SAFETY: results go to the argument slots of the current frame,
            // which the translator sized for them.
            unsafe { r.set::<u64>(args + i as Slot, *value) };
        }
        r.next();
        self.spill = r;
        Ok(())
    }
}

/// Calls the store's function `func` from the host: parameters are in
/// `io[..params]` and results are written to `io[..results]`.
pub(crate) fn invoke(
    store: &mut StoreOpaque,
    data: &mut dyn Any,
    func: u32,
    io: &mut [u64],
) -> Result<()> {
    invoke_from(store, data, None, func, io)
}

/// [`invoke`] from WebAssembly code of instance `caller` (which a host
/// function sees as its `Caller`).
pub(crate) fn invoke_from(
    store: &mut StoreOpaque,
    data: &mut dyn Any,
    caller: Option<Instance>,
    func: u32,
    io: &mut [u64],
) -> Result<()> {
    let kind = store.funcs[func as usize].kind.clone();
    match kind {
        FuncKind::Host(host) => (host.call)(store, data, caller, io),
        FuncKind::Wasm { .. } if store.jit && native_code(store, func) => {
            native_call(store, data, func, io)
        }
        FuncKind::Wasm {
            instance, defined, ..
        } => run(store, data, instance, defined, io),
    }
}

/// Whether store function `func` (a WebAssembly function) has compiled code.
#[inline(always)]
fn native_code(store: &StoreOpaque, func: u32) -> bool {
    #[cfg(all(target_arch = "x86_64", target_os = "linux"))]
    return crate::jit::has_code(store, func);
    #[cfg(not(all(target_arch = "x86_64", target_os = "linux")))]
    {
        let _ = (store, func);
        false
    }
}

/// The bytecode of defined function `defined` of instance `callee`, whose
/// entry in its module's code table is `code`, translated on first use: one
/// load from the entry, where the instance would lead to it in four.
///
/// # Safety
///
/// `callee` is a live instance (instances are boxed and never removed from
/// their store) and `code` the entry of `defined` in its module's table,
/// which the module, and so the instance, keeps alive.
#[inline(always)]
unsafe fn code_of<'a>(
    callee: *const InstanceEntity,
    code: CodeRef,
    defined: u32,
) -> Result<&'a CompiledFunc> {
    // SAFETY: guaranteed by the caller.
    unsafe {
        match (*code.0).compiled.get() {
            Some(c) => Ok(c),
            None => (*callee).module.inner.compiled(defined),
        }
    }
}

/// Counts a call made in the interpreter, for tier-up.
#[inline(always)]
fn count_call(module: &crate::Module, defined: u32) {
    #[cfg(all(target_arch = "x86_64", target_os = "linux"))]
    crate::jit::count_call(&module.inner, defined);
    #[cfg(not(all(target_arch = "x86_64", target_os = "linux")))]
    let _ = (module, defined);
}

/// Counts a loop iteration made in the interpreter, for on-stack
/// replacement.
#[inline(always)]
fn count_loop(module: &std::sync::Arc<crate::module::ModuleInner>, defined: u32) {
    #[cfg(all(target_arch = "x86_64", target_os = "linux"))]
    crate::jit::count_loop(module, defined);
    #[cfg(not(all(target_arch = "x86_64", target_os = "linux")))]
    let _ = (module, defined);
}

/// Runs compiled OSR entry `osr` (see `Vm::osr_enter`).
#[cold]
fn native_osr(
    store: &mut StoreOpaque,
    data: &mut dyn Any,
    osr: &crate::jit::OsrCode,
    loop_index: u32,
    vmctx: *mut crate::runtime::vmctx::VmContext,
    io: &mut [u64],
) -> Result<()> {
    #[cfg(all(target_arch = "x86_64", target_os = "linux"))]
    return crate::jit::invoke_osr(store, data, osr, loop_index, vmctx, io);
    #[cfg(not(all(target_arch = "x86_64", target_os = "linux")))]
    {
        let _ = (store, data, osr, loop_index, vmctx, io);
        Err(Error::msg(
            "internal error: no compiled code on this platform",
        ))
    }
}

/// Calls store function `func` through its compiled code.
#[cold]
fn native_call(
    store: &mut StoreOpaque,
    data: &mut dyn Any,
    func: u32,
    io: &mut [u64],
) -> Result<()> {
    #[cfg(all(target_arch = "x86_64", target_os = "linux"))]
    return crate::jit::invoke(store, data, func, io);
    #[cfg(not(all(target_arch = "x86_64", target_os = "linux")))]
    {
        let _ = (store, data, func, io);
        Err(Error::msg(
            "internal error: no compiled code on this platform",
        ))
    }
}

fn run(
    store: &mut StoreOpaque,
    data: &mut dyn Any,
    instance: u32,
    defined: u32,
    io: &mut [u64],
) -> Result<()> {
    // Nested entries (wasm -> host -> wasm ...) recurse on the native stack:
    // bound how deep that goes.
    let marker = 0u8;
    let here = std::hint::black_box(&marker) as *const u8 as usize;
    let outermost = match store.stack.native_entry {
        None => {
            store.stack.native_entry = Some(here);
            true
        }
        Some(entry) => {
            // The limit compiled code has too (`runtime::native_stack`):
            // with tiering, compiled and interpreted frames alternate.
            let budget = store.engine().config().max_stack_slots.saturating_mul(8);
            let limit = crate::runtime::native_stack::limit(entry, budget);
            if !crate::runtime::native_stack::has_room(here, limit) {
                return Err(Trap::StackOverflow.into());
            }
            false
        }
    };
    let entry = Entry {
        frames: store.stack.frames.len(),
        top: store.stack.top,
        outermost,
        store,
    };
    run_entry(entry.store, data, instance, defined, io)
}

/// Restores the stacks to their state at an entry from the host when the
/// entry ends, also when a host function panics through it, so the store
/// stays usable if the embedder catches the panic.
struct Entry<'a> {
    store: &'a mut StoreOpaque,
    frames: usize,
    top: usize,
    outermost: bool,
}

impl Drop for Entry<'_> {
    fn drop(&mut self) {
        let stack = &mut self.store.stack;
        stack.frames.truncate(self.frames);
        stack.top = self.top;
        if self.outermost {
            stack.native_entry = None;
        }
    }
}

fn run_entry(
    store: &mut StoreOpaque,
    data: &mut dyn Any,
    instance: u32,
    defined: u32,
    io: &mut [u64],
) -> Result<()> {
    let inst: *const InstanceEntity = &*store.instances[instance as usize];
    // SAFETY: instances are boxed and live as long as the store; the module
    // handle is cloned so the code outlives this borrow.
    let module = unsafe { (*inst).module.clone() };
    if store.tiered {
        count_call(&module, defined);
    }
    let compiled = module.inner.compiled(defined)?;
    let info = &module.inner.info;
    let ty = info.func_type(info.num_imported_funcs + defined);
    let (np, nr) = (raw_len(ty.params()), raw_len(ty.results()));

    let stack = &mut store.stack;
    let base = stack.top;
    let entry_depth = stack.frames.len();
    let end = base + (compiled.frame_size as usize).max(nr);
    if end > stack.values.len() {
        stack.grow(end)?;
    }
    stack.values[base..base + np].copy_from_slice(&io[..np]);
    let frame = Frame {
        ret_ip: std::ptr::null(),
        base,
        inst,
        func: defined,
    };
    let sp = stack.push_frame(compiled, base, frame)?;
    // SAFETY: `inst` is a live instance of `store`.
    let (mem, mem_len) = memory0(store, unsafe { &*inst });
    let regs = Regs {
        ip: compiled.code.as_ptr(),
        sp,
        mem,
        mem_len,
        acc: 0,
        facc: 0.0,
    };
    let mut vm = Vm {
        store,
        data,
        error: None,
        spill: regs,
        inst,
        mem_len: regs.mem_len,
        top: std::ptr::null_mut(),
    };
    vm.sync_top();
    let mut regs = regs;
    let stop = loop {
        // SAFETY: the registers describe a freshly pushed frame of a
        // validated, translated function of a live instance, or the landing
        // pad of a catch clause in a frame of this entry.
        let stop = unsafe { dispatch::run(&mut vm, regs) };
        if stop == Stop::Error
            && let Some(pad) = vm.catch(entry_depth)
        {
            regs = pad;
            continue;
        }
        break stop;
    };
    let error = vm.error.take();
    match stop {
        Stop::Done => {
            io[..nr].copy_from_slice(&store.stack.values[base..base + nr]);
            Ok(())
        }
        Stop::Trap(trap) => Err(unwind(store, entry_depth, trap.into())),
        Stop::Error => {
            let error = error.unwrap_or_else(|| Error::msg("execution stopped"));
            Err(unwind(store, entry_depth, error))
        }
    }
}

/// Attaches a backtrace of the frames above `entry_depth` to `error` and
/// pops them.
#[cold]
fn unwind(store: &mut StoreOpaque, entry_depth: usize, mut error: Error) -> Error {
    let frames = &store.stack.frames[entry_depth.min(store.stack.frames.len())..];
    let mut infos = Vec::new();
    for frame in frames.iter().rev().take(MAX_BACKTRACE_FRAMES) {
        // SAFETY: frames only hold live instances of this store.
        let info = &unsafe { &*frame.inst }.module.inner.info;
        let index = info.num_imported_funcs + frame.func;
        infos.push(FrameInfo::new(
            info.name.clone(),
            index,
            info.func_name(index).map(str::to_string),
        ));
    }
    let elided = frames.len().saturating_sub(MAX_BACKTRACE_FRAMES);
    error.set_backtrace(WasmBacktrace::new(infos, elided));
    store.stack.frames.truncate(entry_depth);
    error
}
