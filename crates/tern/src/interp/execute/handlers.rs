//! The semantics of every instruction, written once; both dispatch backends
//! inline these.
//!
//! # Safety
//!
//! Every `exec` relies on the translator's guarantees: slots are within the
//! frame, branch offsets land on instructions of the same function, table,
//! global, memory, segment and function indices were validated, and `BrTable`
//! is followed by its `len + 1` `Br` entries.

// `!(a < b)` is not `a >= b` for floats: the `Not*` branches exist for NaN.
#![allow(clippy::neg_cmp_op_on_partial_ord)]

use super::num::*;
use super::{Flow, Regs, Stop, Untyped, Vm, barrier};
use crate::Trap;
use crate::interp::ir::Slot;
use crate::interp::ir::{CodeRef, CompiledFunc, Decode, op};
use crate::interp::simd;
use crate::runtime::bulk::range;
use crate::runtime::gc::{ArrayInit, CastTarget, Storage};
use crate::runtime::memory::MemoryEntity;

/// The behaviour of one instruction kind.
pub(crate) trait Exec: Decode {
    /// Executes the instruction at `r.ip`, advancing `r`.
    ///
    /// # Safety
    ///
    /// `r` must describe a frame of the running store, positioned on an
    /// instruction of this kind (see the module documentation).
    unsafe fn exec(self, r: &mut Regs, vm: &mut Vm<'_>) -> Flow;
}

#[cold]
#[inline(never)]
fn trap(code: Trap) -> Flow {
    Err(Stop::Trap(code))
}

/// `memory.grow` through the store (and its resource limiter): the old size
/// in pages, or -1 as the memory's address type has it; `None` when the
/// limiter failed it (the error is in `vm`).
///
/// Not inlined, and its result fits in two registers: LLVM turns no call of
/// a function into a jump once the address of one of its stack slots has
/// escaped, and a larger result (`Result<u64, Stop>`, or an `Error` held in
/// the handler) would be returned through a stack slot whose address the
/// callee receives, so that every `memory.grow` would leave a native frame
/// behind (`tests/dispatch.rs` catches that).
#[inline(never)]
fn grow_memory(vm: &mut Vm<'_>, index: u32, delta: u64, is_64: bool) -> Option<u64> {
    let grown = vm.store.grow_memory(vm.data, index, delta);
    grow_result(vm, grown, is_64)
}

/// `table.grow`, as [`grow_memory`].
#[inline(never)]
fn grow_table(vm: &mut Vm<'_>, table: u32, delta: u64, init: u64, is_64: bool) -> Option<u64> {
    let grown = vm.store.grow_table(vm.data, table, delta, init);
    grow_result(vm, grown, is_64)
}

/// What a growth operator writes: the old size, or -1 in the width of the
/// address type; `None` (the error kept in `vm`) if the limiter failed it.
#[inline(always)]
fn grow_result(vm: &mut Vm<'_>, grown: crate::Result<Option<u64>>, is_64: bool) -> Option<u64> {
    match grown {
        Ok(Some(old)) => Some(old),
        Ok(None) if is_64 => Some(u64::MAX),
        Ok(None) => Some(u64::from(u32::MAX)),
        Err(e) => {
            vm.fail(e);
            None
        }
    }
}

/// The effective address of an access of `size` bytes, if within memory 0.
#[inline(always)]
fn effective(r: &Regs, ptr: u32, offset: u32, size: usize) -> Option<usize> {
    let ea = u64::from(ptr) + u64::from(offset);
    if ea + size as u64 <= r.mem_len as u64 {
        Some(ea as usize)
    } else {
        None
    }
}

/// The address of an access of `size` bytes that ends at `ptr + end` (the
/// short forms carry offset plus size), if it lies in memory 0. One addition
/// gives the bound to check and the address is `end - size`, which keeps
/// the handlers of loads and stores within the scratch registers.
#[inline(always)]
fn ending(r: &Regs, ptr: u32, end: u32, size: usize) -> Option<*mut u8> {
    let end = u64::from(ptr) + u64::from(end);
    if end <= r.mem_len as u64 {
        Some(r.mem.wrapping_add(end as usize - size))
    } else {
        None
    }
}

macro_rules! exec {
    ($($name:ident)|+, |$op:ident, $r:ident, $vm:ident| $body:block) => {$(
        impl Exec for op::$name {
            #[inline(always)]
            #[allow(unused_unsafe, unused_variables, clippy::undocumented_unsafe_blocks)]
            unsafe fn exec(self, $r: &mut Regs, $vm: &mut Vm<'_>) -> Flow {
                let $op = self;
                // SAFETY: see the module documentation.
                unsafe { $body }
            }
        }
    )+};
}

macro_rules! unary {
    ($($($name:ident)|+: $t:ty => $f:expr;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            let a: $t = r.get(o.src);
            r.set(o.dst, ($f)(a));
            r.next();
            Ok(())
        });
    )*};
}

macro_rules! unary_trap {
    ($($($name:ident)|+: $t:ty => $f:expr;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            let a: $t = r.get(o.src);
            match ($f)(a) {
                Ok(v) => r.set(o.dst, v),
                Err(t) => return trap(t),
            }
            r.next();
            Ok(())
        });
    )*};
}

macro_rules! binary {
    ($($($name:ident)|+, $($imm:ident)|+: $t:ty => $f:expr;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            let a: $t = r.get(o.lhs);
            let b: $t = r.get(o.rhs);
            r.set(o.dst, ($f)(a, b));
            r.next();
            Ok(())
        });
        exec!($($imm)|+, |o, r, vm| {
            let a: $t = r.get(o.lhs);
            let b = o.rhs as $t;
            r.set(o.dst, ($f)(a, b));
            r.next();
            Ok(())
        });
    )*};
}

macro_rules! binary_left {
    ($($($name:ident)|+: $t:ty => $f:expr;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            let a = o.lhs as $t;
            let b: $t = r.get(o.rhs);
            r.set(o.dst, ($f)(a, b));
            r.next();
            Ok(())
        });
    )*};
}

macro_rules! binary_trap {
    ($($($name:ident)|+, $($imm:ident)|+, $($left:ident)|+: $t:ty => $f:expr;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            let a: $t = r.get(o.lhs);
            let b: $t = r.get(o.rhs);
            match ($f)(a, b) {
                Ok(v) => r.set(o.dst, v),
                Err(t) => return trap(t),
            }
            r.next();
            Ok(())
        });
        exec!($($imm)|+, |o, r, vm| {
            let a: $t = r.get(o.lhs);
            let b = o.rhs as $t;
            match ($f)(a, b) {
                Ok(v) => r.set(o.dst, v),
                Err(t) => return trap(t),
            }
            r.next();
            Ok(())
        });
        exec!($($left)|+, |o, r, vm| {
            let a = o.lhs as $t;
            let b: $t = r.get(o.rhs);
            match ($f)(a, b) {
                Ok(v) => r.set(o.dst, v),
                Err(t) => return trap(t),
            }
            r.next();
            Ok(())
        });
    )*};
}

macro_rules! float_binary {
    ($($($name:ident)|+: $t:ty => $f:expr;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            let a: $t = r.get(o.lhs);
            let b: $t = r.get(o.rhs);
            r.set(o.dst, ($f)(a, b));
            r.next();
            Ok(())
        });
    )*};
}

macro_rules! branch_cmp {
    ($($($name:ident)|+, $($imm:ident)|+: $t:ty => $f:expr;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            let a: $t = r.get(o.lhs);
            let b: $t = r.get(o.rhs);
            if ($f)(a, b) { r.jump(o.offset) } else { r.next() }
            Ok(())
        });
        exec!($($imm)|+, |o, r, vm| {
            let a: $t = r.get(o.lhs);
            let b = o.rhs as $t;
            if ($f)(a, b) { r.jump(o.offset) } else { r.next() }
            Ok(())
        });
    )*};
}

macro_rules! branch_fcmp {
    ($($($name:ident)|+: $t:ty => $f:expr;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            let a: $t = r.get(o.lhs);
            let b: $t = r.get(o.rhs);
            if ($f)(a, b) { r.jump(o.offset) } else { r.next() }
            Ok(())
        });
    )*};
}

macro_rules! float_binary_imm {
    ($($($name:ident)|+: $t:ty => $f:expr;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            let a: $t = r.get(o.lhs);
            let b = <$t>::from_bits(o.rhs);
            r.set(o.dst, ($f)(a, b));
            r.next();
            Ok(())
        });
    )*};
}

macro_rules! branch_fcmp_imm {
    ($($($name:ident)|+: $t:ty => $f:expr;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            let a: $t = r.get(o.lhs);
            let b = <$t>::from_bits(o.rhs);
            if ($f)(a, b) { r.jump(o.offset) } else { r.next() }
            Ok(())
        });
    )*};
}

macro_rules! float_chain {
    ($($($name:ident)|+: $t:ty => $f1:expr, $f2:expr, $left:literal;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            let a: $t = r.get(o.a);
            let b: $t = r.get(o.b);
            let t: $t = ($f1)(a, b);
            r.set(o.tmp, t);
            let c: $t = r.get(o.c);
            let v: $t = if $left { ($f2)(t, c) } else { ($f2)(c, t) };
            r.set(o.dst, v);
            r.next();
            Ok(())
        });
    )*};
}

/// The end of every scalar load of memory 0: the access of `$n` bytes ending
/// at `$ptr + $end`, checked, read as `$raw`, extended to `$t` and written to
/// `$dst`. A 64-bit value also goes to the float accumulator: `i64.load` and
/// `f64.load` are one instruction.
macro_rules! load_into {
    ($r:ident, $dst:expr, $ptr:expr, $end:expr, $n:literal, $raw:ty => $t:ty) => {{
        let Some(p) = ending($r, $ptr, $end, $n) else {
            return trap(Trap::MemoryOutOfBounds);
        };
        let bytes = std::ptr::read_unaligned(p as *const [u8; $n]);
        $r.set($dst, <$raw>::from_le_bytes(bytes) as $t);
        if $n == 8 {
            $r.facc = f64::from_bits($r.acc);
        }
        $r.next();
        Ok(())
    }};
}

macro_rules! load {
    ($($($name:ident)|+: $n:literal, $raw:ty => $t:ty;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            let ptr: u32 = r.get(o.ptr);
            load_into!(r, o.dst, ptr, o.end, $n, $raw => $t)
        });
    )*};
}

macro_rules! store {
    ($($($name:ident)|+, $($imm:ident)|+: $n:literal, $t:ty;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            let ptr: u32 = r.get(o.ptr);
            let value: u64 = r.get(o.value);
            let Some(ea) = ending(r, ptr, o.end, $n) else {
                return trap(Trap::MemoryOutOfBounds);
            };
            std::ptr::write_unaligned(ea as *mut [u8; $n], (value as $t).to_le_bytes());
            r.next();
            Ok(())
        });
        exec!($($imm)|+, |o, r, vm| {
            let ptr: u32 = r.get(o.ptr);
            let Some(ea) = ending(r, ptr, o.end, $n) else {
                return trap(Trap::MemoryOutOfBounds);
            };
            let value = o.value;
            std::ptr::write_unaligned(ea as *mut [u8; $n], (value as $t).to_le_bytes());
            r.next();
            Ok(())
        });
    )*};
}

// ---- control ----

exec!(Trap, |o, r, vm| { trap(o.code) });
exec!(Br, |o, r, vm| {
    r.jump(o.offset);
    Ok(())
});
exec!(Fuel, |o, r, vm| {
    if vm.store.spend(u64::from(o.cost)).is_err() {
        return trap(Trap::OutOfFuel);
    }
    r.next();
    Ok(())
});
exec!(CheckEpoch, |o, r, vm| {
    if vm.store.epoch_passed() {
        return trap(Trap::Interrupt);
    }
    r.next();
    Ok(())
});
exec!(LoopHeat, |o, r, vm| {
    let module = &vm.instance().module.inner;
    if module.native.osr_entry(o.defined).is_some() {
        // The registers go through `vm` (see `Vm::call_func`).
        vm.spill = *r;
        let flow = vm.osr_enter(o.defined, o.loop_index);
        *r = vm.spill;
        return flow;
    }
    super::count_loop(module, o.defined);
    r.next();
    Ok(())
});
exec!(BrIfNez | BrIfNezAcc, |o, r, vm| {
    if r.get::<u32>(o.cond) != 0 {
        r.jump(o.offset)
    } else {
        r.next()
    }
    Ok(())
});
exec!(BrIfEqz | BrIfEqzAcc, |o, r, vm| {
    if r.get::<u32>(o.cond) == 0 {
        r.jump(o.offset)
    } else {
        r.next()
    }
    Ok(())
});
exec!(BrI64Nez | BrI64NezAcc, |o, r, vm| {
    if r.get::<u64>(o.cond) != 0 {
        r.jump(o.offset)
    } else {
        r.next()
    }
    Ok(())
});
exec!(BrI64Eqz | BrI64EqzAcc, |o, r, vm| {
    if r.get::<u64>(o.cond) == 0 {
        r.jump(o.offset)
    } else {
        r.next()
    }
    Ok(())
});
exec!(BrTable | BrTableAcc, |o, r, vm| {
    let index = r.get::<u32>(o.index).min(o.len);
    let entry = table_entry(r.ip, index as usize);
    let br = op::Br::decode(entry);
    r.ip = entry.offset(br.offset as isize);
    Ok(())
});
exec!(BrTableComputed | BrTableComputedAcc, |o, r, vm| {
    let index = r.get::<u32>(o.index).min(o.len);
    let entry = r.ip.add(1 + index as usize);
    let br = op::Br::decode(entry);
    r.ip = entry.offset(br.offset as isize);
    Ok(())
});

/// The address of entry `k` of the `BrTable` at `ip`, reached through a
/// `match` rather than computed: the target then depends on the index only
/// through control flow, which the branch predictor runs ahead of, instead
/// of through data, which every load of the following instructions would
/// wait for (a guest interpreter's dispatch `br_table` is the case where it
/// matters). The empty `asm!` in each arm keeps LLVM from folding the arms
/// back into arithmetic. Entries past 255 are computed.
#[inline(always)]
fn table_entry(ip: *const crate::interp::ir::Instr, k: usize) -> *const crate::interp::ir::Instr {
    macro_rules! arms {
        ($($k:literal)*) => {
            match k {
                $(
                    $k => {
                        barrier();
                        ip.wrapping_add(1 + $k)
                    }
                )*
                _ => ip.wrapping_add(1 + k),
            }
        };
    }
    arms!(0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 69 70 71 72 73 74 75 76 77 78 79 80 81 82 83 84 85 86 87 88 89 90 91 92 93 94 95 96 97 98 99 100 101 102 103 104 105 106 107 108 109 110 111 112 113 114 115 116 117 118 119 120 121 122 123 124 125 126 127 128 129 130 131 132 133 134 135 136 137 138 139 140 141 142 143 144 145 146 147 148 149 150 151 152 153 154 155 156 157 158 159 160 161 162 163 164 165 166 167 168 169 170 171 172 173 174 175 176 177 178 179 180 181 182 183 184 185 186 187 188 189 190 191 192 193 194 195 196 197 198 199 200 201 202 203 204 205 206 207 208 209 210 211 212 213 214 215 216 217 218 219 220 221 222 223 224 225 226 227 228 229 230 231 232 233 234 235 236 237 238 239 240 241 242 243 244 245 246 247 248 249 250 251 252 253 254 255)
}

exec!(Return, |o, r, vm| { vm.leave(r) });
exec!(ReturnSlot | ReturnSlotAcc, |o, r, vm| {
    let v: u64 = r.get(o.src);
    r.set(0, v);
    vm.leave(r)
});
exec!(ReturnImm, |o, r, vm| {
    r.set(0, o.value);
    vm.leave(r)
});
exec!(ReturnSpan, |o, r, vm| {
    std::ptr::copy(r.sp.add(o.start as usize), r.sp, o.len as usize);
    vm.leave(r)
});
/// The code of defined function `func` of the current instance, translated
/// on first use.
///
/// # Safety
///
/// `vm.inst` is a live instance of the running store and `func` one of its
/// module's defined functions (as validated).
#[inline(always)]
unsafe fn defined_code<'a>(vm: &mut Vm<'_>, func: u32) -> Result<&'a CompiledFunc, Stop> {
    // SAFETY: the current instance outlives the execution.
    let inst = unsafe { vm.instance() };
    // SAFETY: `func` was validated as one of the module's defined functions.
    let code = unsafe { inst.module.inner.code.get_unchecked(func as usize) };
    match code.compiled.get() {
        Some(c) => Ok(c),
        None => inst.module.inner.compiled(func).map_err(|e| vm.fail(e)),
    }
}

/// The code of defined function `func` of the current instance, reached
/// through `code`, its code table entry baked into the call: one load from
/// the call instruction and one from the entry, where going through the
/// instance and the module would take four dependent loads, on which every
/// instruction of the callee would wait.
///
/// # Safety
///
/// As for [`defined_code`], and `code` is `func`'s entry (the translator
/// took it from the module's code table, which outlives the bytecode).
#[inline(always)]
unsafe fn callee_code<'a>(
    vm: &mut Vm<'_>,
    code: CodeRef,
    func: u32,
) -> Result<&'a CompiledFunc, Stop> {
    // SAFETY: guaranteed by the caller.
    match unsafe { &*code.0 }.compiled.get() {
        Some(c) => Ok(c),
        // SAFETY: guaranteed by the caller.
        None => unsafe { defined_code(vm, func) },
    }
}

/// The store index of the function at `table[index]`, checked to have the
/// type of registered id `type_id` or a declared subtype of it.
///
/// # Safety
///
/// `vm.inst` is a live instance of the running store; `table` is a table
/// index of its module (as validated).
#[inline(always)]
unsafe fn indirect_target(vm: &Vm<'_>, type_id: u32, table: u32, index: u64) -> Result<u32, Stop> {
    // SAFETY: the current instance outlives the execution.
    let inst = unsafe { vm.instance() };
    // SAFETY: `table` was validated as one of the module's tables.
    let table = unsafe { *inst.tables.get_unchecked(table as usize) };
    let table = &vm.store.tables[table as usize];
    // `index` is the whole slot: a 32-bit index is its low half.
    let index = if table.ty.is_64() {
        index
    } else {
        index as u32 as u64
    };
    let Some(&raw) = usize::try_from(index)
        .ok()
        .and_then(|i| table.elements.get(i))
    else {
        return Err(Stop::Trap(Trap::TableOutOfBounds));
    };
    if raw == 0 {
        return Err(Stop::Trap(Trap::IndirectCallToNull));
    }
    let func = (raw - 1) as u32;
    let entity = &vm.store.funcs[func as usize];
    // Another type passes if it declares the expected one as a supertype
    // (a scan, not a call: the handler's fast path keeps no frame).
    if entity.ty.0 != type_id && !entity.supertypes.contains(type_id) {
        return Err(Stop::Trap(Trap::BadSignature));
    }
    Ok(func)
}

exec!(Call, |o, r, vm| {
    let compiled = callee_code(vm, o.code, o.func)?;
    vm.enter(r, compiled, o.args, vm.inst, o.func)
});
exec!(CallImported, |o, r, vm| {
    let func = *vm.instance().funcs.get_unchecked(o.func as usize);
    vm.call_func(r, func, o.args)
});
exec!(CallIndirect, |o, r, vm| {
    let func = indirect_target(vm, o.type_id, o.table, r.get(o.index))?;
    vm.call_func(r, func, o.args)
});
exec!(ReturnCall, |o, r, vm| {
    let compiled = callee_code(vm, o.code, o.func)?;
    vm.replace(r, compiled, o.args, vm.inst, o.func)
});
exec!(ReturnCallImported, |o, r, vm| {
    let func = *vm.instance().funcs.get_unchecked(o.func as usize);
    vm.tail_call_func(r, func, o.args)
});
exec!(ReturnCallIndirect, |o, r, vm| {
    let func = indirect_target(vm, o.type_id, o.table, r.get(o.index))?;
    vm.tail_call_func(r, func, o.args)
});

/// The store function a function reference names; traps on null.
#[inline(always)]
fn ref_target(raw: u64) -> Result<u32, Stop> {
    match raw {
        0 => Err(Stop::Trap(Trap::NullReference)),
        _ => Ok((raw - 1) as u32),
    }
}

exec!(CallRef, |o, r, vm| {
    let func = ref_target(r.get(o.func))?;
    vm.call_func(r, func, o.args)
});
exec!(ReturnCallRef, |o, r, vm| {
    let func = ref_target(r.get(o.func))?;
    vm.tail_call_func(r, func, o.args)
});
exec!(RefAsNonNull, |o, r, vm| {
    let raw: u64 = r.get(o.src);
    if raw == 0 {
        return trap(Trap::NullReference);
    }
    r.next();
    Ok(())
});

exec!(RefTest, |o, r, vm| {
    let target = CastTarget {
        kind: o.kind,
        type_id: o.type_id,
    };
    let ok = target.test(vm.store, r.get(o.src));
    r.set(o.dst, u32::from(ok));
    r.next();
    Ok(())
});
exec!(RefCast, |o, r, vm| {
    let target = CastTarget {
        kind: o.kind,
        type_id: o.type_id,
    };
    if !target.test(vm.store, r.get(o.src)) {
        return trap(Trap::CastFailure);
    }
    r.next();
    Ok(())
});

// ---- GC objects (see `runtime::gc`) ----
//
// Each handler spills its registers and calls an outlined function that
// reads and writes slots through the copy: the buffers and results of the
// heap's functions live in that function's frame, so no stack address of
// the handler escapes and its call of the next handler stays a tail call.

/// A value of `storage` from `slot` (a `v128` from two slots).
///
/// # Safety
///
/// `slot` (and for a `v128` the next) is a slot of the current frame.
unsafe fn gc_value(r: &Regs, slot: Slot, storage: Storage) -> u128 {
    // SAFETY: guaranteed by the caller.
    unsafe {
        match storage {
            Storage::V128 => r.get128(slot),
            _ => u128::from(r.get::<u64>(slot)),
        }
    }
}

/// Writes a value of `storage` to `slot` (a `v128` to two slots).
///
/// # Safety
///
/// As for [`gc_value`].
unsafe fn set_gc_value(r: &mut Regs, slot: Slot, value: u128, storage: Storage) {
    // SAFETY: guaranteed by the caller.
    unsafe {
        r.set(slot, value as u64);
        if storage == Storage::V128 {
            r.set(slot + 1, (value >> 64) as u64);
        }
    }
}

/// The values of `n` consecutive slots from `at`.
///
/// # Safety
///
/// The slots are slots of the current frame.
unsafe fn slot_values(r: &Regs, at: Slot, n: usize) -> Vec<u64> {
    // SAFETY: guaranteed by the caller.
    (0..n)
        .map(|i| unsafe { r.get::<u64>(at + i as Slot) })
        .collect()
}

/// Declares handlers that run an outlined `|o, r, vm| -> Result<(), Trap>`
/// body on the spilled registers (see above).
macro_rules! gc_exec {
    ($($name:ident => |$o:ident, $r:ident, $vm:ident| $body:block)*) => {$(
        exec!($name, |o, r, vm| {
            // Takes nothing but `vm`: an argument passed through memory
            // would be a stack address of the handler.
            //
            // # Safety
            //
            // `vm.spill` holds the registers of the handler of an
            // instruction of this kind (as `exec`'s own `r`).
            #[inline(never)]
            unsafe fn outlined($vm: &mut Vm<'_>) -> Result<(), Trap> {
                let mut regs = $vm.spill;
                let $r = &mut regs;
                // SAFETY: `ip` is an instruction of this kind, whose slots
                // are slots of the current frame (the translator placed
                // them).
                unsafe {
                    let $o = op::$name::decode($r.ip);
                    $body
                }
            }
            vm.spill = *r;
            outlined(vm).map_err(Stop::Trap)?;
            r.next();
            Ok(())
        });
    )*};
}

gc_exec! {
    StructNew => |o, r, vm| {
        // Most structs are small: their fields are copied to the frame.
        let words = o.words as usize;
        let mut small = [0u64; 16];
        let big;
        let values = if words <= small.len() {
            for (i, v) in small[..words].iter_mut().enumerate() {
                *v = r.get(o.args + i as Slot);
            }
            &small[..words]
        } else {
            big = slot_values(r, o.args, words);
            &big[..]
        };
        let obj = vm.store.gc_new_struct(o.type_id, Some(values))?;
        r.set(o.dst, obj);
        Ok(())
    }
    StructNewDefault => |o, r, vm| {
        let obj = vm.store.gc_new_struct(o.type_id, None)?;
        r.set(o.dst, obj);
        Ok(())
    }
    StructGet => |o, r, vm| {
        let (v, storage) = vm.store.gc.struct_get(r.get(o.obj), o.field).ok_or(Trap::NullReference)?;
        set_gc_value(r, o.dst, storage.unpack(v, o.signed != 0), storage);
        Ok(())
    }
    StructSet => |o, r, vm| {
        let obj: u64 = r.get(o.obj);
        let (_, storage) = vm.store.gc.struct_get(obj, o.field).ok_or(Trap::NullReference)?;
        let value = gc_value(r, o.value, storage);
        vm.store.gc.struct_set(obj, o.field, value).ok_or(Trap::NullReference)
    }
    ArrayNew => |o, r, vm| {
        let storage = vm.store.gc.element_of(o.type_id);
        let init = ArrayInit::Fill(gc_value(r, o.init, storage));
        let len: u32 = r.get(o.len);
        let arr = vm.store.gc_new_array(o.type_id, u64::from(len), init)?;
        r.set(o.dst, arr);
        Ok(())
    }
    ArrayNewDefault => |o, r, vm| {
        let len: u32 = r.get(o.len);
        let arr = vm.store.gc_new_array(o.type_id, u64::from(len), ArrayInit::Fill(0))?;
        r.set(o.dst, arr);
        Ok(())
    }
    ArrayNewFixed => |o, r, vm| {
        let per = if vm.store.gc.element_of(o.type_id) == Storage::V128 { 2 } else { 1 };
        let values = slot_values(r, o.args, o.count as usize * per);
        let init = ArrayInit::Slots(&values);
        let arr = vm.store.gc_new_array(o.type_id, u64::from(o.count), init)?;
        r.set(o.dst, arr);
        Ok(())
    }
    ArrayNewData => |o, r, vm| {
        let inst = vm.instance();
        let (offset, len): (u32, u32) = (r.get(o.offset), r.get(o.len));
        let arr = vm.store.gc_new_array_data(inst, o.type_id, o.seg, offset, len)?;
        r.set(o.dst, arr);
        Ok(())
    }
    ArrayNewElem => |o, r, vm| {
        let inst = vm.instance();
        let (offset, len): (u32, u32) = (r.get(o.offset), r.get(o.len));
        let arr = vm.store.gc_new_array_elem(inst, o.type_id, o.seg, offset, len)?;
        r.set(o.dst, arr);
        Ok(())
    }
    ArrayGet => |o, r, vm| {
        let (arr, index): (u64, u32) = (r.get(o.arr), r.get(o.index));
        let (v, storage) = vm.store.gc.array_get(arr, index)?;
        set_gc_value(r, o.dst, storage.unpack(v, o.signed != 0), storage);
        Ok(())
    }
    ArraySet => |o, r, vm| {
        let (arr, index): (u64, u32) = (r.get(o.arr), r.get(o.index));
        let storage = vm.store.gc.array_storage(arr).ok_or(Trap::NullReference)?;
        let value = gc_value(r, o.value, storage);
        vm.store.gc.array_fill(arr, index, value, 1)
    }
    ArrayLen => |o, r, vm| {
        let len = vm.store.gc.array_len(r.get(o.arr)).ok_or(Trap::NullReference)?;
        r.set(o.dst, len);
        Ok(())
    }
    ArrayFill => |o, r, vm| {
        let arr: u64 = r.get(o.arr);
        let storage = vm.store.gc.array_storage(arr).ok_or(Trap::NullReference)?;
        let value = gc_value(r, o.value, storage);
        let (index, len): (u32, u32) = (r.get(o.offset), r.get(o.len));
        vm.store.gc_array_fill(arr, index, value, len)
    }
    ArrayCopy => |o, r, vm| {
        let (dst, src): (u64, u64) = (r.get(o.dst_arr), r.get(o.src_arr));
        let (d, s, n): (u32, u32, u32) = (r.get(o.dst_index), r.get(o.src_index), r.get(o.len));
        vm.store.gc_array_copy(dst, d, src, s, n)
    }
    ArrayInitData => |o, r, vm| {
        let inst = vm.instance();
        let arr: u64 = r.get(o.arr);
        let (d, s, n): (u32, u32, u32) = (r.get(o.dst_index), r.get(o.src_offset), r.get(o.len));
        vm.store.gc_array_init_data(inst, arr, o.seg, d, s, n)
    }
    ArrayInitElem => |o, r, vm| {
        let inst = vm.instance();
        let arr: u64 = r.get(o.arr);
        let (d, s, n): (u32, u32, u32) = (r.get(o.dst_index), r.get(o.src_offset), r.get(o.len));
        vm.store.gc_array_init_elem(inst, arr, o.seg, d, s, n)
    }
}

exec!(Throw, |o, r, vm| {
    vm.spill = *r;
    Err(throw_new(vm, o.tag, o.args))
});
exec!(ThrowRef, |o, r, vm| {
    let exn: u64 = r.get(o.exn);
    if exn == 0 {
        return trap(Trap::NullReference);
    }
    vm.spill = *r;
    Err(vm.throw(exn))
});

/// `throw`: makes an exception of the module's tag `tag` from the values in
/// the slots from `args` of the frame in `vm.spill`, and throws it.
#[cold]
#[inline(never)]
fn throw_new(vm: &mut Vm<'_>, tag: u32, args: Slot) -> Stop {
    // SAFETY: the current instance outlives the execution.
    let inst = unsafe { vm.instance() };
    let tag = inst.tags[tag as usize];
    let n = crate::values::raw_len(vm.store.tags[tag as usize].ty.ty().params());
    let r = vm.spill;
    // SAFETY: the translator placed the tag's values in `n` consecutive
    // slots of the current frame from `args`.
    let values: Box<[u64]> = (0..n)
        .map(|i| unsafe { r.get::<u64>(args + i as Slot) })
        .collect();
    let exn = vm.store.alloc_exception(tag, values);
    vm.throw(exn)
}

// ---- compare and branch ----

branch_cmp! {
    BrI32Eq | BrI32EqAccL | BrI32EqAccR, BrI32EqImm | BrI32EqImmAcc: i32 => |a, b| a == b;
    BrI32Ne | BrI32NeAccL | BrI32NeAccR, BrI32NeImm | BrI32NeImmAcc: i32 => |a, b| a != b;
    BrI32LtS | BrI32LtSAccL | BrI32LtSAccR, BrI32LtSImm | BrI32LtSImmAcc: i32 => |a, b| a < b;
    BrI32LtU | BrI32LtUAccL | BrI32LtUAccR, BrI32LtUImm | BrI32LtUImmAcc: u32 => |a, b| a < b;
    BrI32GtS | BrI32GtSAccL | BrI32GtSAccR, BrI32GtSImm | BrI32GtSImmAcc: i32 => |a, b| a > b;
    BrI32GtU | BrI32GtUAccL | BrI32GtUAccR, BrI32GtUImm | BrI32GtUImmAcc: u32 => |a, b| a > b;
    BrI32LeS | BrI32LeSAccL | BrI32LeSAccR, BrI32LeSImm | BrI32LeSImmAcc: i32 => |a, b| a <= b;
    BrI32LeU | BrI32LeUAccL | BrI32LeUAccR, BrI32LeUImm | BrI32LeUImmAcc: u32 => |a, b| a <= b;
    BrI32GeS | BrI32GeSAccL | BrI32GeSAccR, BrI32GeSImm | BrI32GeSImmAcc: i32 => |a, b| a >= b;
    BrI32GeU | BrI32GeUAccL | BrI32GeUAccR, BrI32GeUImm | BrI32GeUImmAcc: u32 => |a, b| a >= b;
    BrI64Eq | BrI64EqAccL | BrI64EqAccR, BrI64EqImm | BrI64EqImmAcc: i64 => |a, b| a == b;
    BrI64Ne | BrI64NeAccL | BrI64NeAccR, BrI64NeImm | BrI64NeImmAcc: i64 => |a, b| a != b;
    BrI64LtS | BrI64LtSAccL | BrI64LtSAccR, BrI64LtSImm | BrI64LtSImmAcc: i64 => |a, b| a < b;
    BrI64LtU | BrI64LtUAccL | BrI64LtUAccR, BrI64LtUImm | BrI64LtUImmAcc: u64 => |a, b| a < b;
    BrI64GtS | BrI64GtSAccL | BrI64GtSAccR, BrI64GtSImm | BrI64GtSImmAcc: i64 => |a, b| a > b;
    BrI64GtU | BrI64GtUAccL | BrI64GtUAccR, BrI64GtUImm | BrI64GtUImmAcc: u64 => |a, b| a > b;
    BrI64LeS | BrI64LeSAccL | BrI64LeSAccR, BrI64LeSImm | BrI64LeSImmAcc: i64 => |a, b| a <= b;
    BrI64LeU | BrI64LeUAccL | BrI64LeUAccR, BrI64LeUImm | BrI64LeUImmAcc: u64 => |a, b| a <= b;
    BrI64GeS | BrI64GeSAccL | BrI64GeSAccR, BrI64GeSImm | BrI64GeSImmAcc: i64 => |a, b| a >= b;
    BrI64GeU | BrI64GeUAccL | BrI64GeUAccR, BrI64GeUImm | BrI64GeUImmAcc: u64 => |a, b| a >= b;
}

branch_fcmp! {
    BrF32Eq: f32 => |a, b| a == b;
    BrF32Ne: f32 => |a, b| a != b;
    BrF32Lt: f32 => |a, b| a < b;
    BrF32Gt: f32 => |a, b| a > b;
    BrF32Le: f32 => |a, b| a <= b;
    BrF32Ge: f32 => |a, b| a >= b;
    BrF32NotLt: f32 => |a: f32, b: f32| !(a < b);
    BrF32NotGt: f32 => |a: f32, b: f32| !(a > b);
    BrF32NotLe: f32 => |a: f32, b: f32| !(a <= b);
    BrF32NotGe: f32 => |a: f32, b: f32| !(a >= b);
    BrF64Eq | BrF64EqAccL | BrF64EqAccR: f64 => |a, b| a == b;
    BrF64Ne | BrF64NeAccL | BrF64NeAccR: f64 => |a, b| a != b;
    BrF64Lt | BrF64LtAccL | BrF64LtAccR: f64 => |a, b| a < b;
    BrF64Gt | BrF64GtAccL | BrF64GtAccR: f64 => |a, b| a > b;
    BrF64Le | BrF64LeAccL | BrF64LeAccR: f64 => |a, b| a <= b;
    BrF64Ge | BrF64GeAccL | BrF64GeAccR: f64 => |a, b| a >= b;
    BrF64NotLt | BrF64NotLtAccL | BrF64NotLtAccR: f64 => |a: f64, b: f64| !(a < b);
    BrF64NotGt | BrF64NotGtAccL | BrF64NotGtAccR: f64 => |a: f64, b: f64| !(a > b);
    BrF64NotLe | BrF64NotLeAccL | BrF64NotLeAccR: f64 => |a: f64, b: f64| !(a <= b);
    BrF64NotGe | BrF64NotGeAccL | BrF64NotGeAccR: f64 => |a: f64, b: f64| !(a >= b);
}

// ---- copies, constants, select ----

exec!(Copy | CopyAcc, |o, r, vm| {
    let v: u64 = r.get(o.src);
    r.set(o.dst, v);
    r.next();
    Ok(())
});
exec!(CopyBr | CopyBrAcc, |o, r, vm| {
    let v: u64 = r.get(o.src);
    r.set(o.dst, v);
    r.jump(o.offset);
    Ok(())
});
exec!(Store64AccF, |o, r, vm| {
    let ptr: u32 = r.get(o.ptr);
    let value: f64 = r.get(o.value);
    let Some(ea) = ending(r, ptr, o.end, 8) else {
        return trap(Trap::MemoryOutOfBounds);
    };
    std::ptr::write_unaligned(ea as *mut [u8; 8], value.to_bits().to_le_bytes());
    r.next();
    Ok(())
});
exec!(SelectImmA | SelectImmAAcc, |o, r, vm| {
    let v: u64 = if r.get::<u32>(o.cond) != 0 {
        o.a
    } else {
        r.get(o.b)
    };
    r.set(o.dst, v);
    r.next();
    Ok(())
});
exec!(SelectImmB | SelectImmBAcc, |o, r, vm| {
    let v: u64 = if r.get::<u32>(o.cond) != 0 {
        r.get(o.a)
    } else {
        o.b
    };
    r.set(o.dst, v);
    r.next();
    Ok(())
});
exec!(CopyAccF, |o, r, vm| {
    let v: f64 = r.get(o.src);
    r.set(o.dst, v);
    r.next();
    Ok(())
});
exec!(Copy128, |o, r, vm| {
    let v = r.get128(o.src);
    r.set128(o.dst, v);
    r.next();
    Ok(())
});
exec!(Select128, |o, r, vm| {
    let v = if r.get::<u32>(o.cond) != 0 {
        r.get128(o.a)
    } else {
        r.get128(o.b)
    };
    r.set128(o.dst, v);
    r.next();
    Ok(())
});
exec!(Const, |o, r, vm| {
    r.set(o.dst, o.value);
    r.next();
    Ok(())
});
exec!(Select | SelectAcc, |o, r, vm| {
    let v: u64 = if r.get::<u32>(o.cond) != 0 {
        r.get(o.a)
    } else {
        r.get(o.b)
    };
    r.set(o.dst, v);
    r.next();
    Ok(())
});

// ---- globals ----

exec!(GlobalGet, |o, r, vm| {
    let v = **vm.instance().globals.get_unchecked(o.index as usize);
    r.set(o.dst, v);
    r.next();
    Ok(())
});
exec!(GlobalSet | GlobalSetAcc, |o, r, vm| {
    let v: u64 = r.get(o.src);
    **vm.instance().globals.get_unchecked(o.index as usize) = v;
    r.next();
    Ok(())
});

exec!(GlobalGet128, |o, r, vm| {
    // Globals have two slots (see `GlobalEntity`).
    let p = *vm.instance().globals.get_unchecked(o.index as usize);
    r.set128(o.dst, u128::from(*p) | (u128::from(*p.add(1)) << 64));
    r.next();
    Ok(())
});
exec!(GlobalSet128, |o, r, vm| {
    let v = r.get128(o.src);
    let p = *vm.instance().globals.get_unchecked(o.index as usize);
    *p = v as u64;
    *p.add(1) = (v >> 64) as u64;
    r.next();
    Ok(())
});

// ---- memory ----

load! {
    Load8S | Load8SAcc: 1, i8 => i64;
    Load8U | Load8UAcc: 1, u8 => u64;
    Load16S | Load16SAcc: 2, i16 => i64;
    Load16U | Load16UAcc: 2, u16 => u64;
    Load32S | Load32SAcc: 4, i32 => i64;
    Load32U | Load32UAcc: 4, u32 => u64;
    Load64 | Load64Acc: 8, u64 => u64;
}

store! {
    Store8 | Store8AccV | Store8AccP, Store8Imm | Store8ImmAcc: 1, u8;
    Store16 | Store16AccV | Store16AccP, Store16Imm | Store16ImmAcc: 2, u16;
    Store32 | Store32AccV | Store32AccP, Store32Imm | Store32ImmAcc: 4, u32;
    Store64 | Store64AccV | Store64AccP, Store64Imm | Store64ImmAcc: 8, u64;
}

/// Memory `index` of the current instance.
///
/// # Safety
///
/// `vm.inst` is a live instance of the running store and `index` one of its
/// memories (as validated).
#[inline(always)]
unsafe fn memory<'a>(vm: &'a Vm<'_>, index: u32) -> &'a MemoryEntity {
    // SAFETY: the current instance outlives the execution; `index` was
    // validated as one of its memories.
    let m = unsafe { *vm.instance().memories.get_unchecked(index as usize) };
    &vm.store.memories[m as usize]
}

/// Reads an address or length operand of a memory: 64 bits for a 64-bit
/// memory, else 32.
///
/// # Safety
///
/// `slot` is a slot of the current frame.
#[inline(always)]
unsafe fn address(r: &Regs, slot: Slot, is_64: bool) -> u64 {
    // SAFETY: `slot` is a slot of the current frame.
    unsafe {
        if is_64 {
            r.get::<u64>(slot)
        } else {
            u64::from(r.get::<u32>(slot))
        }
    }
}

/// The host address of an access of `size` bytes described by the
/// `MemArg` after the current instruction, if within bounds. The sums are
/// checked, so no address or offset can wrap around.
///
/// # Safety
///
/// The current instruction is a long-form access (followed by its `MemArg`)
/// of the running function, and `ptr` a slot of the current frame.
#[inline(always)]
unsafe fn access(r: &Regs, vm: &Vm<'_>, ptr: Slot, size: u64) -> Option<*mut u8> {
    // SAFETY: the translator puts a `MemArg` after every `*Mem` access.
    let arg = unsafe { op::MemArg::decode(r.ip.add(1)) };
    // SAFETY: `arg.memory` was validated.
    let entity = unsafe { memory(vm, arg.memory) };
    // SAFETY: `ptr` is a slot of the current frame.
    let ptr = unsafe { address(r, ptr, entity.ty.is_64()) };
    let ea = ptr.checked_add(arg.offset)?;
    if ea.checked_add(size)? > entity.mem.len() as u64 {
        return None;
    }
    // SAFETY: `[ea, ea + size)` lies within the memory's `len` bytes.
    Some(unsafe { entity.mem.base().add(ea as usize) })
}

macro_rules! load_mem {
    ($($($name:ident)|+: $n:literal, $raw:ty => $t:ty;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            let Some(p) = access(r, vm, o.ptr, $n) else {
                return trap(Trap::MemoryOutOfBounds);
            };
            let bytes = std::ptr::read_unaligned(p as *const [u8; $n]);
            r.set(o.dst, <$raw>::from_le_bytes(bytes) as $t);
            r.jump(2);
            Ok(())
        });
    )*};
}

macro_rules! store_mem {
    ($($($name:ident)|+: $n:literal, $t:ty;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            let value: u64 = r.get(o.value);
            let Some(p) = access(r, vm, o.ptr, $n) else {
                return trap(Trap::MemoryOutOfBounds);
            };
            std::ptr::write_unaligned(p as *mut [u8; $n], (value as $t).to_le_bytes());
            r.jump(2);
            Ok(())
        });
    )*};
}

load_mem! {
    Load8SMem: 1, i8 => i64;
    Load8UMem: 1, u8 => u64;
    Load16SMem: 2, i16 => i64;
    Load16UMem: 2, u16 => u64;
    Load32SMem: 4, i32 => i64;
    Load32UMem: 4, u32 => u64;
    Load64Mem: 8, u64 => u64;
}

store_mem! {
    Store8Mem: 1, u8;
    Store16Mem: 2, u16;
    Store32Mem: 4, u32;
    Store64Mem: 8, u64;
}

exec!(MemArg, |o, r, vm| {
    // Only ever skipped by the access before it.
    trap(Trap::UnreachableCodeReached)
});
exec!(MemorySize, |o, r, vm| {
    let pages = memory(vm, o.mem).mem.pages();
    r.set(o.dst, pages);
    r.next();
    Ok(())
});
exec!(MemoryGrow, |o, r, vm| {
    let index = *vm.instance().memories.get_unchecked(o.mem as usize);
    let is_64 = vm.store.memories[index as usize].ty.is_64();
    let delta = address(r, o.delta, is_64);
    let Some(result) = grow_memory(vm, index, delta, is_64) else {
        return Err(Stop::Error);
    };
    r.reload_memory(vm.store, vm.inst);
    r.set(o.dst, result);
    r.next();
    Ok(())
});
exec!(MemoryFill, |o, r, vm| {
    let entity = memory(vm, o.mem);
    let is_64 = entity.ty.is_64();
    let addr = address(r, o.addr, is_64);
    let value: u32 = r.get(o.value);
    let len = address(r, o.len, is_64);
    let Some(dst) = range(addr, len, entity.mem.len()) else {
        return trap(Trap::MemoryOutOfBounds);
    };
    let to = entity.mem.base().add(dst.start);
    if vm.store.bulk_is_slow(dst.len()) {
        vm.store
            .fill_chunked(to, value as u8, dst.len())
            .map_err(Stop::Trap)?;
    } else {
        std::ptr::write_bytes(to, value as u8, dst.len());
    }
    r.next();
    Ok(())
});
exec!(MemoryCopy, |o, r, vm| {
    let dst_mem = memory(vm, o.dst_mem);
    let src_mem = memory(vm, o.src_mem);
    let (dst_64, src_64) = (dst_mem.ty.is_64(), src_mem.ty.is_64());
    let d = address(r, o.dst_addr, dst_64);
    let s = address(r, o.src_addr, src_64);
    // The length has the narrower of the two address types.
    let n = address(r, o.len, dst_64 && src_64);
    let (Some(dst), Some(src)) = (
        range(d, n, dst_mem.mem.len()),
        range(s, n, src_mem.mem.len()),
    ) else {
        return trap(Trap::MemoryOutOfBounds);
    };
    let (from, to) = (
        src_mem.mem.base().add(src.start),
        dst_mem.mem.base().add(dst.start),
    );
    if vm.store.bulk_is_slow(dst.len()) {
        vm.store
            .copy_chunked(from, to, dst.len())
            .map_err(Stop::Trap)?;
    } else {
        // `copy` allows overlap (the same memory).
        std::ptr::copy(from, to, dst.len());
    }
    r.next();
    Ok(())
});
exec!(MemoryInit, |o, r, vm| {
    let index = *vm.instance().memories.get_unchecked(o.mem as usize);
    let d = address(r, o.dst_addr, vm.store.memories[index as usize].ty.is_64());
    let s: u32 = r.get(o.src_offset);
    let n: u32 = r.get(o.len);
    let inst = vm.instance();
    vm.store
        .memory_init(inst, index, o.seg, d, u64::from(s), u64::from(n))
        .map_err(Stop::Trap)?;
    r.next();
    Ok(())
});
exec!(DataDrop, |o, r, vm| {
    vm.instance()
        .data_dropped
        .get_unchecked(o.seg as usize)
        .set(true);
    r.next();
    Ok(())
});

// ---- tables and references ----

exec!(TableGet, |o, r, vm| {
    let table = &vm.store.tables[*vm.instance().tables.get_unchecked(o.table as usize) as usize];
    let index = address(r, o.index, table.ty.is_64());
    let Some(&v) = usize::try_from(index)
        .ok()
        .and_then(|i| table.elements.get(i))
    else {
        return trap(Trap::TableOutOfBounds);
    };
    r.set(o.dst, v);
    r.next();
    Ok(())
});
exec!(TableSet, |o, r, vm| {
    let value: u64 = r.get(o.value);
    let t = *vm.instance().tables.get_unchecked(o.table as usize) as usize;
    let table = &mut vm.store.tables[t];
    let index = address(r, o.index, table.ty.is_64());
    let Some(slot) = usize::try_from(index)
        .ok()
        .and_then(|i| table.elements.get_mut(i))
    else {
        return trap(Trap::TableOutOfBounds);
    };
    *slot = value;
    r.next();
    Ok(())
});
exec!(TableSize, |o, r, vm| {
    let table = &vm.store.tables[*vm.instance().tables.get_unchecked(o.table as usize) as usize];
    r.set(o.dst, table.elements.len() as u64);
    r.next();
    Ok(())
});
exec!(TableGrow, |o, r, vm| {
    let init: u64 = r.get(o.init);
    let table = *vm.instance().tables.get_unchecked(o.table as usize);
    let is_64 = vm.store.tables[table as usize].ty.is_64();
    let delta = address(r, o.delta, is_64);
    let Some(result) = grow_table(vm, table, delta, init, is_64) else {
        return Err(Stop::Error);
    };
    r.set(o.dst, result);
    r.next();
    Ok(())
});
exec!(TableFill, |o, r, vm| {
    let value: u64 = r.get(o.value);
    let t = *vm.instance().tables.get_unchecked(o.table as usize);
    let is_64 = vm.store.tables[t as usize].ty.is_64();
    let (start, len) = (address(r, o.start, is_64), address(r, o.len, is_64));
    vm.store
        .table_fill(t, start, value, len)
        .map_err(Stop::Trap)?;
    r.next();
    Ok(())
});
exec!(TableCopy, |o, r, vm| {
    let inst = vm.instance();
    let dst_table = *inst.tables.get_unchecked(o.dst_table as usize);
    let src_table = *inst.tables.get_unchecked(o.src_table as usize);
    let tables = &vm.store.tables;
    let dst_64 = tables[dst_table as usize].ty.is_64();
    let src_64 = tables[src_table as usize].ty.is_64();
    let d = address(r, o.dst_index, dst_64);
    let s = address(r, o.src_index, src_64);
    // The length has the narrower of the two index types.
    let n = address(r, o.len, dst_64 && src_64);
    vm.store
        .table_copy(dst_table, src_table, d, s, n)
        .map_err(Stop::Trap)?;
    r.next();
    Ok(())
});
exec!(TableInit, |o, r, vm| {
    let s: u32 = r.get(o.src_offset);
    let n: u32 = r.get(o.len);
    let inst = vm.instance();
    let t = *inst.tables.get_unchecked(o.table as usize);
    let d = address(r, o.dst_index, vm.store.tables[t as usize].ty.is_64());
    vm.store
        .table_init(inst, t, o.seg, d, u64::from(s), u64::from(n))
        .map_err(Stop::Trap)?;
    r.next();
    Ok(())
});
exec!(ElemDrop, |o, r, vm| {
    vm.instance().elems.borrow_mut()[o.seg as usize] = Box::new([]);
    r.next();
    Ok(())
});
exec!(RefFunc, |o, r, vm| {
    let func = *vm.instance().funcs.get_unchecked(o.func as usize);
    r.set(o.dst, u64::from(func) + 1);
    r.next();
    Ok(())
});

// ---- unary numeric ----

unary! {
    I32Eqz | I32EqzAcc: u32 => |a: u32| a == 0;
    I64Eqz | I64EqzAcc: u64 => |a: u64| a == 0;
    I32Clz | I32ClzAcc: u32 => |a: u32| a.leading_zeros();
    I32Ctz | I32CtzAcc: u32 => |a: u32| a.trailing_zeros();
    I32Popcnt | I32PopcntAcc: u32 => |a: u32| a.count_ones();
    I64Clz | I64ClzAcc: u64 => |a: u64| u64::from(a.leading_zeros());
    I64Ctz | I64CtzAcc: u64 => |a: u64| u64::from(a.trailing_zeros());
    I64Popcnt | I64PopcntAcc: u64 => |a: u64| u64::from(a.count_ones());
    I64Extend8S | I64Extend8SAcc: u64 => |a: u64| a as i8 as i64;
    I64Extend16S | I64Extend16SAcc: u64 => |a: u64| a as i16 as i64;
    I64Extend32S | I64Extend32SAcc: u64 => |a: u64| a as i32 as i64;
    I64ExtendI32U | I64ExtendI32UAcc: u32 => |a: u32| u64::from(a);
    F32Abs: f32 => |a: f32| a.abs();
    F32Neg: f32 => |a: f32| -a;
    F32Ceil: f32 => f32_ceil;
    F32Floor: f32 => f32_floor;
    F32Trunc: f32 => f32_trunc;
    F32Nearest: f32 => f32_nearest;
    F32Sqrt: f32 => f32_sqrt;
    F64Abs | F64AbsAcc: f64 => |a: f64| a.abs();
    F64Neg | F64NegAcc: f64 => |a: f64| -a;
    F64Ceil | F64CeilAcc: f64 => f64_ceil;
    F64Floor | F64FloorAcc: f64 => f64_floor;
    F64Trunc | F64TruncAcc: f64 => f64_trunc;
    F64Nearest | F64NearestAcc: f64 => f64_nearest;
    F64Sqrt | F64SqrtAcc: f64 => f64_sqrt;
    I32TruncSatF32S: f32 => |a: f32| a as i32;
    I32TruncSatF32U: f32 => |a: f32| a as u32;
    I32TruncSatF64S | I32TruncSatF64SAcc: f64 => |a: f64| a as i32;
    I32TruncSatF64U | I32TruncSatF64UAcc: f64 => |a: f64| a as u32;
    I64TruncSatF32S: f32 => |a: f32| a as i64;
    I64TruncSatF32U: f32 => |a: f32| a as u64;
    I64TruncSatF64S | I64TruncSatF64SAcc: f64 => |a: f64| a as i64;
    I64TruncSatF64U | I64TruncSatF64UAcc: f64 => |a: f64| a as u64;
    F32ConvertI32S | F32ConvertI32SAcc: i32 => |a: i32| a as f32;
    F32ConvertI32U | F32ConvertI32UAcc: u32 => |a: u32| a as f32;
    F32ConvertI64S | F32ConvertI64SAcc: i64 => |a: i64| a as f32;
    F32ConvertI64U | F32ConvertI64UAcc: u64 => |a: u64| a as f32;
    F64ConvertI32S | F64ConvertI32SAcc: i32 => |a: i32| a as f64;
    F64ConvertI32U | F64ConvertI32UAcc: u32 => |a: u32| a as f64;
    F64ConvertI64S | F64ConvertI64SAcc: i64 => |a: i64| a as f64;
    F64ConvertI64U | F64ConvertI64UAcc: u64 => |a: u64| a as f64;
    F32DemoteF64 | F32DemoteF64Acc: f64 => |a: f64| a as f32;
    F64PromoteF32: f32 => |a: f32| a as f64;
}

unary! {
    RefI31: u32 => crate::runtime::gc::i31_raw;
    RefConvert: u64 => crate::runtime::gc::convert;
}

unary_trap! {
    I31GetS: u64 => |a| crate::runtime::gc::i31_get(a, true).ok_or(Trap::NullReference);
    I31GetU: u64 => |a| crate::runtime::gc::i31_get(a, false).ok_or(Trap::NullReference);
    I32TruncF32S: f32 => i32_trunc_f32_s;
    I32TruncF32U: f32 => i32_trunc_f32_u;
    I32TruncF64S | I32TruncF64SAcc: f64 => i32_trunc_f64_s;
    I32TruncF64U | I32TruncF64UAcc: f64 => i32_trunc_f64_u;
    I64TruncF32S: f32 => i64_trunc_f32_s;
    I64TruncF32U: f32 => i64_trunc_f32_u;
    I64TruncF64S | I64TruncF64SAcc: f64 => i64_trunc_f64_s;
    I64TruncF64U | I64TruncF64UAcc: f64 => i64_trunc_f64_u;
}

// ---- binary numeric ----

binary! {
    I32Add | I32AddAccL | I32AddAccR, I32AddImm | I32AddImmAcc: i32 => |a: i32, b: i32| a.wrapping_add(b);
    I32Sub | I32SubAccL | I32SubAccR, I32SubImm | I32SubImmAcc: i32 => |a: i32, b: i32| a.wrapping_sub(b);
    I32Mul | I32MulAccL | I32MulAccR, I32MulImm | I32MulImmAcc: i32 => |a: i32, b: i32| a.wrapping_mul(b);
    I32And | I32AndAccL | I32AndAccR, I32AndImm | I32AndImmAcc: i32 => |a: i32, b: i32| a & b;
    I32Or | I32OrAccL | I32OrAccR, I32OrImm | I32OrImmAcc: i32 => |a: i32, b: i32| a | b;
    I32Xor | I32XorAccL | I32XorAccR, I32XorImm | I32XorImmAcc: i32 => |a: i32, b: i32| a ^ b;
    I32Shl | I32ShlAccL | I32ShlAccR, I32ShlImm | I32ShlImmAcc: i32 => |a: i32, b: i32| a.wrapping_shl(b as u32);
    I32ShrS | I32ShrSAccL | I32ShrSAccR, I32ShrSImm | I32ShrSImmAcc: i32 => |a: i32, b: i32| a.wrapping_shr(b as u32);
    I32ShrU | I32ShrUAccL | I32ShrUAccR, I32ShrUImm | I32ShrUImmAcc: u32 => |a: u32, b: u32| a.wrapping_shr(b);
    I32Rotl | I32RotlAccL | I32RotlAccR, I32RotlImm | I32RotlImmAcc: u32 => |a: u32, b: u32| a.rotate_left(b);
    I32Rotr | I32RotrAccL | I32RotrAccR, I32RotrImm | I32RotrImmAcc: u32 => |a: u32, b: u32| a.rotate_right(b);
    I32Eq | I32EqAccL | I32EqAccR, I32EqImm | I32EqImmAcc: i32 => |a: i32, b: i32| a == b;
    I32Ne | I32NeAccL | I32NeAccR, I32NeImm | I32NeImmAcc: i32 => |a: i32, b: i32| a != b;
    I32LtS | I32LtSAccL | I32LtSAccR, I32LtSImm | I32LtSImmAcc: i32 => |a: i32, b: i32| a < b;
    I32LtU | I32LtUAccL | I32LtUAccR, I32LtUImm | I32LtUImmAcc: u32 => |a: u32, b: u32| a < b;
    I32GtS | I32GtSAccL | I32GtSAccR, I32GtSImm | I32GtSImmAcc: i32 => |a: i32, b: i32| a > b;
    I32GtU | I32GtUAccL | I32GtUAccR, I32GtUImm | I32GtUImmAcc: u32 => |a: u32, b: u32| a > b;
    I32LeS | I32LeSAccL | I32LeSAccR, I32LeSImm | I32LeSImmAcc: i32 => |a: i32, b: i32| a <= b;
    I32LeU | I32LeUAccL | I32LeUAccR, I32LeUImm | I32LeUImmAcc: u32 => |a: u32, b: u32| a <= b;
    I32GeS | I32GeSAccL | I32GeSAccR, I32GeSImm | I32GeSImmAcc: i32 => |a: i32, b: i32| a >= b;
    I32GeU | I32GeUAccL | I32GeUAccR, I32GeUImm | I32GeUImmAcc: u32 => |a: u32, b: u32| a >= b;
    I64Add | I64AddAccL | I64AddAccR, I64AddImm | I64AddImmAcc: i64 => |a: i64, b: i64| a.wrapping_add(b);
    I64Sub | I64SubAccL | I64SubAccR, I64SubImm | I64SubImmAcc: i64 => |a: i64, b: i64| a.wrapping_sub(b);
    I64Mul | I64MulAccL | I64MulAccR, I64MulImm | I64MulImmAcc: i64 => |a: i64, b: i64| a.wrapping_mul(b);
    I64And | I64AndAccL | I64AndAccR, I64AndImm | I64AndImmAcc: i64 => |a: i64, b: i64| a & b;
    I64Or | I64OrAccL | I64OrAccR, I64OrImm | I64OrImmAcc: i64 => |a: i64, b: i64| a | b;
    I64Xor | I64XorAccL | I64XorAccR, I64XorImm | I64XorImmAcc: i64 => |a: i64, b: i64| a ^ b;
    I64Shl | I64ShlAccL | I64ShlAccR, I64ShlImm | I64ShlImmAcc: i64 => |a: i64, b: i64| a.wrapping_shl(b as u32);
    I64ShrS | I64ShrSAccL | I64ShrSAccR, I64ShrSImm | I64ShrSImmAcc: i64 => |a: i64, b: i64| a.wrapping_shr(b as u32);
    I64ShrU | I64ShrUAccL | I64ShrUAccR, I64ShrUImm | I64ShrUImmAcc: u64 => |a: u64, b: u64| a.wrapping_shr(b as u32);
    I64Rotl | I64RotlAccL | I64RotlAccR, I64RotlImm | I64RotlImmAcc: u64 => |a: u64, b: u64| a.rotate_left(b as u32);
    I64Rotr | I64RotrAccL | I64RotrAccR, I64RotrImm | I64RotrImmAcc: u64 => |a: u64, b: u64| a.rotate_right(b as u32);
    I64Eq | I64EqAccL | I64EqAccR, I64EqImm | I64EqImmAcc: i64 => |a: i64, b: i64| a == b;
    I64Ne | I64NeAccL | I64NeAccR, I64NeImm | I64NeImmAcc: i64 => |a: i64, b: i64| a != b;
    I64LtS | I64LtSAccL | I64LtSAccR, I64LtSImm | I64LtSImmAcc: i64 => |a: i64, b: i64| a < b;
    I64LtU | I64LtUAccL | I64LtUAccR, I64LtUImm | I64LtUImmAcc: u64 => |a: u64, b: u64| a < b;
    I64GtS | I64GtSAccL | I64GtSAccR, I64GtSImm | I64GtSImmAcc: i64 => |a: i64, b: i64| a > b;
    I64GtU | I64GtUAccL | I64GtUAccR, I64GtUImm | I64GtUImmAcc: u64 => |a: u64, b: u64| a > b;
    I64LeS | I64LeSAccL | I64LeSAccR, I64LeSImm | I64LeSImmAcc: i64 => |a: i64, b: i64| a <= b;
    I64LeU | I64LeUAccL | I64LeUAccR, I64LeUImm | I64LeUImmAcc: u64 => |a: u64, b: u64| a <= b;
    I64GeS | I64GeSAccL | I64GeSAccR, I64GeSImm | I64GeSImmAcc: i64 => |a: i64, b: i64| a >= b;
    I64GeU | I64GeUAccL | I64GeUAccR, I64GeUImm | I64GeUImmAcc: u64 => |a: u64, b: u64| a >= b;
}

binary_left! {
    I32SubImmL | I32SubImmLAcc: i32 => |a: i32, b: i32| a.wrapping_sub(b);
    I32ShlImmL | I32ShlImmLAcc: i32 => |a: i32, b: i32| a.wrapping_shl(b as u32);
    I32ShrSImmL | I32ShrSImmLAcc: i32 => |a: i32, b: i32| a.wrapping_shr(b as u32);
    I32ShrUImmL | I32ShrUImmLAcc: u32 => |a: u32, b: u32| a.wrapping_shr(b);
    I32RotlImmL | I32RotlImmLAcc: u32 => |a: u32, b: u32| a.rotate_left(b);
    I32RotrImmL | I32RotrImmLAcc: u32 => |a: u32, b: u32| a.rotate_right(b);
    I64SubImmL | I64SubImmLAcc: i64 => |a: i64, b: i64| a.wrapping_sub(b);
    I64ShlImmL | I64ShlImmLAcc: i64 => |a: i64, b: i64| a.wrapping_shl(b as u32);
    I64ShrSImmL | I64ShrSImmLAcc: i64 => |a: i64, b: i64| a.wrapping_shr(b as u32);
    I64ShrUImmL | I64ShrUImmLAcc: u64 => |a: u64, b: u64| a.wrapping_shr(b as u32);
    I64RotlImmL | I64RotlImmLAcc: u64 => |a: u64, b: u64| a.rotate_left(b as u32);
    I64RotrImmL | I64RotrImmLAcc: u64 => |a: u64, b: u64| a.rotate_right(b as u32);
}

binary_trap! {
    I32DivS | I32DivSAccL | I32DivSAccR, I32DivSImm | I32DivSImmAcc, I32DivSImmL | I32DivSImmLAcc: i32 => i32_div_s;
    I32DivU | I32DivUAccL | I32DivUAccR, I32DivUImm | I32DivUImmAcc, I32DivUImmL | I32DivUImmLAcc: u32 => i32_div_u;
    I32RemS | I32RemSAccL | I32RemSAccR, I32RemSImm | I32RemSImmAcc, I32RemSImmL | I32RemSImmLAcc: i32 => i32_rem_s;
    I32RemU | I32RemUAccL | I32RemUAccR, I32RemUImm | I32RemUImmAcc, I32RemUImmL | I32RemUImmLAcc: u32 => i32_rem_u;
    I64DivS | I64DivSAccL | I64DivSAccR, I64DivSImm | I64DivSImmAcc, I64DivSImmL | I64DivSImmLAcc: i64 => i64_div_s;
    I64DivU | I64DivUAccL | I64DivUAccR, I64DivUImm | I64DivUImmAcc, I64DivUImmL | I64DivUImmLAcc: u64 => i64_div_u;
    I64RemS | I64RemSAccL | I64RemSAccR, I64RemSImm | I64RemSImmAcc, I64RemSImmL | I64RemSImmLAcc: i64 => i64_rem_s;
    I64RemU | I64RemUAccL | I64RemUAccR, I64RemUImm | I64RemUImmAcc, I64RemUImmL | I64RemUImmLAcc: u64 => i64_rem_u;
}

float_binary! {
    F32Add: f32 => |a: f32, b: f32| a + b;
    F32Sub: f32 => |a: f32, b: f32| a - b;
    F32Mul: f32 => |a: f32, b: f32| a * b;
    F32Div: f32 => |a: f32, b: f32| a / b;
    F32Min: f32 => f32_min;
    F32Max: f32 => f32_max;
    F32Copysign: f32 => |a: f32, b: f32| a.copysign(b);
    F32Eq: f32 => |a: f32, b: f32| a == b;
    F32Ne: f32 => |a: f32, b: f32| a != b;
    F32Lt: f32 => |a: f32, b: f32| a < b;
    F32Gt: f32 => |a: f32, b: f32| a > b;
    F32Le: f32 => |a: f32, b: f32| a <= b;
    F32Ge: f32 => |a: f32, b: f32| a >= b;
    F64Add | F64AddAccL | F64AddAccR: f64 => |a: f64, b: f64| a + b;
    F64Sub | F64SubAccL | F64SubAccR: f64 => |a: f64, b: f64| a - b;
    F64Mul | F64MulAccL | F64MulAccR: f64 => |a: f64, b: f64| a * b;
    F64Div | F64DivAccL | F64DivAccR: f64 => |a: f64, b: f64| a / b;
    F64Min | F64MinAccL | F64MinAccR: f64 => f64_min;
    F64Max | F64MaxAccL | F64MaxAccR: f64 => f64_max;
    F64Copysign | F64CopysignAccL | F64CopysignAccR: f64 => |a: f64, b: f64| a.copysign(b);
    F64Eq | F64EqAccL | F64EqAccR: f64 => |a: f64, b: f64| a == b;
    F64Ne | F64NeAccL | F64NeAccR: f64 => |a: f64, b: f64| a != b;
    F64Lt | F64LtAccL | F64LtAccR: f64 => |a: f64, b: f64| a < b;
    F64Gt | F64GtAccL | F64GtAccR: f64 => |a: f64, b: f64| a > b;
    F64Le | F64LeAccL | F64LeAccR: f64 => |a: f64, b: f64| a <= b;
    F64Ge | F64GeAccL | F64GeAccR: f64 => |a: f64, b: f64| a >= b;
}

branch_fcmp_imm! {
    BrF32EqImm: f32 => |a: f32, b: f32| a == b;
    BrF32NeImm: f32 => |a: f32, b: f32| a != b;
    BrF32LtImm: f32 => |a: f32, b: f32| a < b;
    BrF32GtImm: f32 => |a: f32, b: f32| a > b;
    BrF32LeImm: f32 => |a: f32, b: f32| a <= b;
    BrF32GeImm: f32 => |a: f32, b: f32| a >= b;
    BrF32NotLtImm: f32 => |a: f32, b: f32| !(a < b);
    BrF32NotGtImm: f32 => |a: f32, b: f32| !(a > b);
    BrF32NotLeImm: f32 => |a: f32, b: f32| !(a <= b);
    BrF32NotGeImm: f32 => |a: f32, b: f32| !(a >= b);
    BrF64EqImm | BrF64EqImmAcc: f64 => |a: f64, b: f64| a == b;
    BrF64NeImm | BrF64NeImmAcc: f64 => |a: f64, b: f64| a != b;
    BrF64LtImm | BrF64LtImmAcc: f64 => |a: f64, b: f64| a < b;
    BrF64GtImm | BrF64GtImmAcc: f64 => |a: f64, b: f64| a > b;
    BrF64LeImm | BrF64LeImmAcc: f64 => |a: f64, b: f64| a <= b;
    BrF64GeImm | BrF64GeImmAcc: f64 => |a: f64, b: f64| a >= b;
    BrF64NotLtImm | BrF64NotLtImmAcc: f64 => |a: f64, b: f64| !(a < b);
    BrF64NotGtImm | BrF64NotGtImmAcc: f64 => |a: f64, b: f64| !(a > b);
    BrF64NotLeImm | BrF64NotLeImmAcc: f64 => |a: f64, b: f64| !(a <= b);
    BrF64NotGeImm | BrF64NotGeImmAcc: f64 => |a: f64, b: f64| !(a >= b);
}

float_binary_imm! {
    F32AddImm: f32 => |a: f32, b: f32| a + b;
    F32SubImm: f32 => |a: f32, b: f32| a - b;
    F32MulImm: f32 => |a: f32, b: f32| a * b;
    F32DivImm: f32 => |a: f32, b: f32| a / b;
    F32EqImm: f32 => |a: f32, b: f32| a == b;
    F32NeImm: f32 => |a: f32, b: f32| a != b;
    F32LtImm: f32 => |a: f32, b: f32| a < b;
    F32GtImm: f32 => |a: f32, b: f32| a > b;
    F32LeImm: f32 => |a: f32, b: f32| a <= b;
    F32GeImm: f32 => |a: f32, b: f32| a >= b;
    F64AddImm | F64AddImmAcc: f64 => |a: f64, b: f64| a + b;
    F64SubImm | F64SubImmAcc: f64 => |a: f64, b: f64| a - b;
    F64MulImm | F64MulImmAcc: f64 => |a: f64, b: f64| a * b;
    F64DivImm | F64DivImmAcc: f64 => |a: f64, b: f64| a / b;
    F64EqImm | F64EqImmAcc: f64 => |a: f64, b: f64| a == b;
    F64NeImm | F64NeImmAcc: f64 => |a: f64, b: f64| a != b;
    F64LtImm | F64LtImmAcc: f64 => |a: f64, b: f64| a < b;
    F64GtImm | F64GtImmAcc: f64 => |a: f64, b: f64| a > b;
    F64LeImm | F64LeImmAcc: f64 => |a: f64, b: f64| a <= b;
    F64GeImm | F64GeImmAcc: f64 => |a: f64, b: f64| a >= b;
}

float_chain! {
    F32AddAddL: f32 => |x: f32, y: f32| x + y, |x: f32, y: f32| x + y, true;
    F32AddAddR: f32 => |x: f32, y: f32| x + y, |x: f32, y: f32| x + y, false;
    F32AddSubL: f32 => |x: f32, y: f32| x + y, |x: f32, y: f32| x - y, true;
    F32AddSubR: f32 => |x: f32, y: f32| x + y, |x: f32, y: f32| x - y, false;
    F32AddMulL: f32 => |x: f32, y: f32| x + y, |x: f32, y: f32| x * y, true;
    F32AddMulR: f32 => |x: f32, y: f32| x + y, |x: f32, y: f32| x * y, false;
    F32SubAddL: f32 => |x: f32, y: f32| x - y, |x: f32, y: f32| x + y, true;
    F32SubAddR: f32 => |x: f32, y: f32| x - y, |x: f32, y: f32| x + y, false;
    F32SubSubL: f32 => |x: f32, y: f32| x - y, |x: f32, y: f32| x - y, true;
    F32SubSubR: f32 => |x: f32, y: f32| x - y, |x: f32, y: f32| x - y, false;
    F32SubMulL: f32 => |x: f32, y: f32| x - y, |x: f32, y: f32| x * y, true;
    F32SubMulR: f32 => |x: f32, y: f32| x - y, |x: f32, y: f32| x * y, false;
    F32MulAddL: f32 => |x: f32, y: f32| x * y, |x: f32, y: f32| x + y, true;
    F32MulAddR: f32 => |x: f32, y: f32| x * y, |x: f32, y: f32| x + y, false;
    F32MulSubL: f32 => |x: f32, y: f32| x * y, |x: f32, y: f32| x - y, true;
    F32MulSubR: f32 => |x: f32, y: f32| x * y, |x: f32, y: f32| x - y, false;
    F32MulMulL: f32 => |x: f32, y: f32| x * y, |x: f32, y: f32| x * y, true;
    F32MulMulR: f32 => |x: f32, y: f32| x * y, |x: f32, y: f32| x * y, false;
    F64AddAddL | F64AddAddLAccA | F64AddAddLAccB: f64 => |x: f64, y: f64| x + y, |x: f64, y: f64| x + y, true;
    F64AddAddR | F64AddAddRAccA | F64AddAddRAccB: f64 => |x: f64, y: f64| x + y, |x: f64, y: f64| x + y, false;
    F64AddSubL | F64AddSubLAccA | F64AddSubLAccB: f64 => |x: f64, y: f64| x + y, |x: f64, y: f64| x - y, true;
    F64AddSubR | F64AddSubRAccA | F64AddSubRAccB: f64 => |x: f64, y: f64| x + y, |x: f64, y: f64| x - y, false;
    F64AddMulL | F64AddMulLAccA | F64AddMulLAccB: f64 => |x: f64, y: f64| x + y, |x: f64, y: f64| x * y, true;
    F64AddMulR | F64AddMulRAccA | F64AddMulRAccB: f64 => |x: f64, y: f64| x + y, |x: f64, y: f64| x * y, false;
    F64SubAddL | F64SubAddLAccA | F64SubAddLAccB: f64 => |x: f64, y: f64| x - y, |x: f64, y: f64| x + y, true;
    F64SubAddR | F64SubAddRAccA | F64SubAddRAccB: f64 => |x: f64, y: f64| x - y, |x: f64, y: f64| x + y, false;
    F64SubSubL | F64SubSubLAccA | F64SubSubLAccB: f64 => |x: f64, y: f64| x - y, |x: f64, y: f64| x - y, true;
    F64SubSubR | F64SubSubRAccA | F64SubSubRAccB: f64 => |x: f64, y: f64| x - y, |x: f64, y: f64| x - y, false;
    F64SubMulL | F64SubMulLAccA | F64SubMulLAccB: f64 => |x: f64, y: f64| x - y, |x: f64, y: f64| x * y, true;
    F64SubMulR | F64SubMulRAccA | F64SubMulRAccB: f64 => |x: f64, y: f64| x - y, |x: f64, y: f64| x * y, false;
    F64MulAddL | F64MulAddLAccA | F64MulAddLAccB: f64 => |x: f64, y: f64| x * y, |x: f64, y: f64| x + y, true;
    F64MulAddR | F64MulAddRAccA | F64MulAddRAccB: f64 => |x: f64, y: f64| x * y, |x: f64, y: f64| x + y, false;
    F64MulSubL | F64MulSubLAccA | F64MulSubLAccB: f64 => |x: f64, y: f64| x * y, |x: f64, y: f64| x - y, true;
    F64MulSubR | F64MulSubRAccA | F64MulSubRAccB: f64 => |x: f64, y: f64| x * y, |x: f64, y: f64| x - y, false;
    F64MulMulL | F64MulMulLAccA | F64MulMulLAccB: f64 => |x: f64, y: f64| x * y, |x: f64, y: f64| x * y, true;
    F64MulMulR | F64MulMulRAccA | F64MulMulRAccB: f64 => |x: f64, y: f64| x * y, |x: f64, y: f64| x * y, false;
}

macro_rules! shift_xor {
    ($($($name:ident)|+: $t:ty => $shift:ident;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            let a: $t = r.get(o.a);
            let t = a.$shift(o.k as u32);
            r.set(o.tmp, t);
            let c: $t = r.get(o.c);
            r.set(o.dst, t ^ c);
            r.next();
            Ok(())
        });
    )*};
}

shift_xor! {
    I32ShlXor | I32ShlXorAccA: u32 => wrapping_shl;
    I32ShrUXor | I32ShrUXorAccA: u32 => wrapping_shr;
    I64ShlXor | I64ShlXorAccA: u64 => wrapping_shl;
    I64ShrUXor | I64ShrUXorAccA: u64 => wrapping_shr;
}

exec!(I32ShlAddK | I32ShlAddKAccA, |o, r, vm| {
    let a: i32 = r.get(o.a);
    let c: i32 = r.get(o.c);
    r.set(
        o.dst,
        a.wrapping_shl(o.k as u32)
            .wrapping_add(c)
            .wrapping_add(o.imm),
    );
    r.next();
    Ok(())
});

exec!(I32ShlAdd | I32ShlAddAccA, |o, r, vm| {
    let a: i32 = r.get(o.a);
    let t = a.wrapping_shl(o.k as u32);
    r.set(o.tmp, t);
    let c: i32 = r.get(o.c);
    r.set(o.dst, t.wrapping_add(c));
    r.next();
    Ok(())
});

macro_rules! add_branch {
    ($($imm:ident, $slot:ident: $t:ty => $f:expr;)*) => {$(
        exec!($imm, |o, r, vm| {
            let a: i32 = r.get(o.lhs);
            let v = a.wrapping_add(o.step);
            r.set(o.dst, v);
            let b: $t = r.get(o.bound);
            if ($f)(v as $t, b) { r.jump(o.offset) } else { r.ip = r.ip.wrapping_add(2) }
            Ok(())
        });
        exec!($slot, |o, r, vm| {
            let a: i32 = r.get(o.lhs);
            let step: i32 = r.get(o.step);
            let v = a.wrapping_add(step);
            r.set(o.dst, v);
            let b: $t = r.get(o.bound);
            if ($f)(v as $t, b) { r.jump(o.offset) } else { r.ip = r.ip.wrapping_add(2) }
            Ok(())
        });
    )*};
}

add_branch! {
    BrI32AddImmEq, BrI32AddEq: i32 => |a: i32, b: i32| a == b;
    BrI32AddImmNe, BrI32AddNe: i32 => |a: i32, b: i32| a != b;
    BrI32AddImmLtS, BrI32AddLtS: i32 => |a: i32, b: i32| a < b;
    BrI32AddImmLtU, BrI32AddLtU: u32 => |a: u32, b: u32| a < b;
    BrI32AddImmGtS, BrI32AddGtS: i32 => |a: i32, b: i32| a > b;
    BrI32AddImmGtU, BrI32AddGtU: u32 => |a: u32, b: u32| a > b;
    BrI32AddImmLeS, BrI32AddLeS: i32 => |a: i32, b: i32| a <= b;
    BrI32AddImmLeU, BrI32AddLeU: u32 => |a: u32, b: u32| a <= b;
    BrI32AddImmGeS, BrI32AddGeS: i32 => |a: i32, b: i32| a >= b;
    BrI32AddImmGeU, BrI32AddGeU: u32 => |a: u32, b: u32| a >= b;
}

macro_rules! add_branch_zero {
    ($($imm:ident, $slot:ident: $zero:literal;)*) => {$(
        exec!($imm, |o, r, vm| {
            let a: i32 = r.get(o.lhs);
            let v = a.wrapping_add(o.step);
            r.set(o.dst, v);
            if (v == 0) == $zero { r.jump(o.offset) } else { r.ip = r.ip.wrapping_add(2) }
            Ok(())
        });
        exec!($slot, |o, r, vm| {
            let a: i32 = r.get(o.lhs);
            let step: i32 = r.get(o.step);
            let v = a.wrapping_add(step);
            r.set(o.dst, v);
            if (v == 0) == $zero { r.jump(o.offset) } else { r.ip = r.ip.wrapping_add(2) }
            Ok(())
        });
    )*};
}

add_branch_zero! {
    BrI32AddImmNez, BrI32AddNez: false;
    BrI32AddImmEqz, BrI32AddEqz: true;
}

/// Loads whose address is computed from their operands by `$addr` (a
/// wrapping `u32` expression of the operand struct `$o` and the registers
/// `$r`), into `dst`.
macro_rules! load_at {
    (|$o:ident, $r:ident| $addr:expr; $($($name:ident)|+: $n:literal, $raw:ty => $t:ty;)*) => {$(
        exec!($($name)|+, |$o, $r, vm| {
            let ptr: u32 = $addr;
            load_into!($r, $o.dst, ptr, $o.end, $n, $raw => $t)
        });
    )*};
}

// `c + (a << k)`.
load_at! {
    |o, r| r.get::<u32>(o.a).wrapping_shl(u32::from(o.k)).wrapping_add(r.get::<u32>(o.c));
    Load8SIdx | Load8SIdxAccA | Load8SIdxAccC: 1, i8 => i64;
    Load8UIdx | Load8UIdxAccA | Load8UIdxAccC: 1, u8 => u64;
    Load16SIdx | Load16SIdxAccA | Load16SIdxAccC: 2, i16 => i64;
    Load16UIdx | Load16UIdxAccA | Load16UIdxAccC: 2, u16 => u64;
    Load32SIdx | Load32SIdxAccA | Load32SIdxAccC: 4, i32 => i64;
    Load32UIdx | Load32UIdxAccA | Load32UIdxAccC: 4, u32 => u64;
    Load64Idx | Load64IdxAccA | Load64IdxAccC: 8, u64 => u64;
}

// `c + imm + (a << k)`.
load_at! {
    |o, r| r
        .get::<u32>(o.a)
        .wrapping_shl(u32::from(o.k))
        .wrapping_add(r.get::<u32>(o.c))
        .wrapping_add(i32::from(o.imm) as u32);
    Load8SIdxK | Load8SIdxKAccA: 1, i8 => i64;
    Load8UIdxK | Load8UIdxKAccA: 1, u8 => u64;
    Load16SIdxK | Load16SIdxKAccA: 2, i16 => i64;
    Load16UIdxK | Load16UIdxKAccA: 2, u16 => u64;
    Load32SIdxK | Load32SIdxKAccA: 4, i32 => i64;
    Load32UIdxK | Load32UIdxKAccA: 4, u32 => u64;
    Load64IdxK | Load64IdxKAccA: 8, u64 => u64;
}

/// Two loads from one address slot; both are bounds-checked before either
/// result is written (an access out of bounds traps, and a trap discards
/// the frame, so no partial result can be seen).
macro_rules! load_pair {
    ($($($name:ident)|+: $n:literal, $raw:ty => $t:ty;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            let ptr: u32 = r.get(o.ptr);
            // One check covers both: the access that ends last.
            let end = o.end.max(o.end2);
            let Some(last) = ending(r, ptr, end, $n) else {
                return trap(Trap::MemoryOutOfBounds);
            };
            let at = last.wrapping_sub(end as usize);
            let p = at.wrapping_add(o.end as usize);
            let q = at.wrapping_add(o.end2 as usize);
            let first = <$raw>::from_le_bytes(std::ptr::read_unaligned(p as *const [u8; $n]));
            let second = <$raw>::from_le_bytes(std::ptr::read_unaligned(q as *const [u8; $n]));
            r.set(o.dst, first as $t);
            r.set(o.dst2, second as $t);
            if $n == 8 {
                r.facc = f64::from_bits(r.acc);
            }
            r.next();
            Ok(())
        });
    )*};
}

load_pair! {
    Load8SPair | Load8SPairAcc: 1, i8 => i64;
    Load8UPair | Load8UPairAcc: 1, u8 => u64;
    Load16SPair | Load16SPairAcc: 2, i16 => i64;
    Load16UPair | Load16UPairAcc: 2, u16 => u64;
    Load32SPair | Load32SPairAcc: 4, i32 => i64;
    Load32UPair | Load32UPairAcc: 4, u32 => u64;
    Load64Pair | Load64PairAcc: 8, u64 => u64;
}

macro_rules! load_op {
    ($($($name:ident)|+: $n:literal, $raw:ty => $t:ty, $left:literal, $f:expr;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            // Both operands are read before `tmp` is written (and with it
            // the accumulator).
            let ptr: u32 = r.get(o.ptr);
            let a: $t = r.get(o.a);
            let Some(p) = ending(r, ptr, o.end, $n) else {
                return trap(Trap::MemoryOutOfBounds);
            };
            let bits = <$raw>::from_le_bytes(std::ptr::read_unaligned(p as *const [u8; $n]));
            r.set(o.tmp, bits);
            let m = <$t as Untyped>::from_slot(u64::from(bits));
            let v: $t = if $left { ($f)(m, a) } else { ($f)(a, m) };
            r.set(o.dst, v);
            r.next();
            Ok(())
        });
    )*};
}

load_op! {
    I32AddLoad | I32AddLoadAccA | I32AddLoadAccP: 4, u32 => i32, false, |a: i32, b: i32| a.wrapping_add(b);
    I32MulLoad | I32MulLoadAccA | I32MulLoadAccP: 4, u32 => i32, false, |a: i32, b: i32| a.wrapping_mul(b);
    I32AndLoad | I32AndLoadAccA | I32AndLoadAccP: 4, u32 => i32, false, |a: i32, b: i32| a & b;
    I32OrLoad | I32OrLoadAccA | I32OrLoadAccP: 4, u32 => i32, false, |a: i32, b: i32| a | b;
    I32XorLoad | I32XorLoadAccA | I32XorLoadAccP: 4, u32 => i32, false, |a: i32, b: i32| a ^ b;
    I32SubLoadL | I32SubLoadLAccA | I32SubLoadLAccP: 4, u32 => i32, true, |a: i32, b: i32| a.wrapping_sub(b);
    I32SubLoadR | I32SubLoadRAccA | I32SubLoadRAccP: 4, u32 => i32, false, |a: i32, b: i32| a.wrapping_sub(b);
    I64AddLoad | I64AddLoadAccA | I64AddLoadAccP: 8, u64 => i64, false, |a: i64, b: i64| a.wrapping_add(b);
    I64MulLoad | I64MulLoadAccA | I64MulLoadAccP: 8, u64 => i64, false, |a: i64, b: i64| a.wrapping_mul(b);
    I64AndLoad | I64AndLoadAccA | I64AndLoadAccP: 8, u64 => i64, false, |a: i64, b: i64| a & b;
    I64OrLoad | I64OrLoadAccA | I64OrLoadAccP: 8, u64 => i64, false, |a: i64, b: i64| a | b;
    I64XorLoad | I64XorLoadAccA | I64XorLoadAccP: 8, u64 => i64, false, |a: i64, b: i64| a ^ b;
    I64SubLoadL | I64SubLoadLAccA | I64SubLoadLAccP: 8, u64 => i64, true, |a: i64, b: i64| a.wrapping_sub(b);
    I64SubLoadR | I64SubLoadRAccA | I64SubLoadRAccP: 8, u64 => i64, false, |a: i64, b: i64| a.wrapping_sub(b);
    F32AddLoad | F32AddLoadAccP: 4, u32 => f32, false, |a: f32, b: f32| a + b;
    F32MulLoad | F32MulLoadAccP: 4, u32 => f32, false, |a: f32, b: f32| a * b;
    F32SubLoadL | F32SubLoadLAccP: 4, u32 => f32, true, |a: f32, b: f32| a - b;
    F32SubLoadR | F32SubLoadRAccP: 4, u32 => f32, false, |a: f32, b: f32| a - b;
    F32DivLoadL | F32DivLoadLAccP: 4, u32 => f32, true, |a: f32, b: f32| a / b;
    F32DivLoadR | F32DivLoadRAccP: 4, u32 => f32, false, |a: f32, b: f32| a / b;
    F64AddLoad | F64AddLoadAccA | F64AddLoadAccP: 8, u64 => f64, false, |a: f64, b: f64| a + b;
    F64MulLoad | F64MulLoadAccA | F64MulLoadAccP: 8, u64 => f64, false, |a: f64, b: f64| a * b;
    F64SubLoadL | F64SubLoadLAccA | F64SubLoadLAccP: 8, u64 => f64, true, |a: f64, b: f64| a - b;
    F64SubLoadR | F64SubLoadRAccA | F64SubLoadRAccP: 8, u64 => f64, false, |a: f64, b: f64| a - b;
    F64DivLoadL | F64DivLoadLAccA | F64DivLoadLAccP: 8, u64 => f64, true, |a: f64, b: f64| a / b;
    F64DivLoadR | F64DivLoadRAccA | F64DivLoadRAccP: 8, u64 => f64, false, |a: f64, b: f64| a / b;
}

// `base + k`.
load_at! {
    |o, r| r.get::<u32>(o.base).wrapping_add(o.k as u32);
    Load8SOff | Load8SOffAcc: 1, i8 => i64;
    Load8UOff | Load8UOffAcc: 1, u8 => u64;
    Load16SOff | Load16SOffAcc: 2, i16 => i64;
    Load16UOff | Load16UOffAcc: 2, u16 => u64;
    Load32SOff | Load32SOffAcc: 4, i32 => i64;
    Load32UOff | Load32UOffAcc: 4, u32 => u64;
    Load64Off | Load64OffAcc: 8, u64 => u64;
}

/// A load at `base + k` fused with the operation that uses the value; the
/// loaded value is not written to any slot (it was a temporary).
macro_rules! load_op_off {
    ($($($name:ident)|+: $n:literal, $raw:ty => $t:ty, $left:literal, $f:expr;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            let base: u32 = r.get(o.base);
            let a: $t = r.get(o.a);
            let ptr = base.wrapping_add(o.k as u32);
            let Some(p) = ending(r, ptr, o.end, $n) else {
                return trap(Trap::MemoryOutOfBounds);
            };
            let bits = <$raw>::from_le_bytes(std::ptr::read_unaligned(p as *const [u8; $n]));
            let m = <$t as Untyped>::from_slot(u64::from(bits));
            let v: $t = if $left { ($f)(m, a) } else { ($f)(a, m) };
            r.set(o.dst, v);
            r.next();
            Ok(())
        });
    )*};
}

load_op_off! {
    I32AddLoadOff | I32AddLoadOffAccA: 4, u32 => i32, false, |a: i32, b: i32| a.wrapping_add(b);
    I32MulLoadOff | I32MulLoadOffAccA: 4, u32 => i32, false, |a: i32, b: i32| a.wrapping_mul(b);
    I32AndLoadOff | I32AndLoadOffAccA: 4, u32 => i32, false, |a: i32, b: i32| a & b;
    I32OrLoadOff | I32OrLoadOffAccA: 4, u32 => i32, false, |a: i32, b: i32| a | b;
    I32XorLoadOff | I32XorLoadOffAccA: 4, u32 => i32, false, |a: i32, b: i32| a ^ b;
    I32SubLoadLOff | I32SubLoadLOffAccA: 4, u32 => i32, true, |a: i32, b: i32| a.wrapping_sub(b);
    I32SubLoadROff | I32SubLoadROffAccA: 4, u32 => i32, false, |a: i32, b: i32| a.wrapping_sub(b);
    I64AddLoadOff | I64AddLoadOffAccA: 8, u64 => i64, false, |a: i64, b: i64| a.wrapping_add(b);
    I64MulLoadOff | I64MulLoadOffAccA: 8, u64 => i64, false, |a: i64, b: i64| a.wrapping_mul(b);
    I64AndLoadOff | I64AndLoadOffAccA: 8, u64 => i64, false, |a: i64, b: i64| a & b;
    I64OrLoadOff | I64OrLoadOffAccA: 8, u64 => i64, false, |a: i64, b: i64| a | b;
    I64XorLoadOff | I64XorLoadOffAccA: 8, u64 => i64, false, |a: i64, b: i64| a ^ b;
    I64SubLoadLOff | I64SubLoadLOffAccA: 8, u64 => i64, true, |a: i64, b: i64| a.wrapping_sub(b);
    I64SubLoadROff | I64SubLoadROffAccA: 8, u64 => i64, false, |a: i64, b: i64| a.wrapping_sub(b);
    F32AddLoadOff: 4, u32 => f32, false, |a: f32, b: f32| a + b;
    F32MulLoadOff: 4, u32 => f32, false, |a: f32, b: f32| a * b;
    F32SubLoadLOff: 4, u32 => f32, true, |a: f32, b: f32| a - b;
    F32SubLoadROff: 4, u32 => f32, false, |a: f32, b: f32| a - b;
    F32DivLoadLOff: 4, u32 => f32, true, |a: f32, b: f32| a / b;
    F32DivLoadROff: 4, u32 => f32, false, |a: f32, b: f32| a / b;
    F64AddLoadOff | F64AddLoadOffAccA: 8, u64 => f64, false, |a: f64, b: f64| a + b;
    F64MulLoadOff | F64MulLoadOffAccA: 8, u64 => f64, false, |a: f64, b: f64| a * b;
    F64SubLoadLOff | F64SubLoadLOffAccA: 8, u64 => f64, true, |a: f64, b: f64| a - b;
    F64SubLoadROff | F64SubLoadROffAccA: 8, u64 => f64, false, |a: f64, b: f64| a - b;
    F64DivLoadLOff | F64DivLoadLOffAccA: 8, u64 => f64, true, |a: f64, b: f64| a / b;
    F64DivLoadROff | F64DivLoadROffAccA: 8, u64 => f64, false, |a: f64, b: f64| a / b;
}

macro_rules! load_add {
    ($($($name:ident)|+: $n:literal, $raw:ty => $t:ty;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            let a: u32 = r.get(o.a);
            let b: u32 = r.get(o.b);
            let ptr = a.wrapping_add(b);
            r.set(o.tmp, ptr);
            load_into!(r, o.dst, ptr, o.end, $n, $raw => $t)
        });
    )*};
}

load_add! {
    Load8SAdd | Load8SAddAccA | Load8SAddAccB: 1, i8 => i64;
    Load8UAdd | Load8UAddAccA | Load8UAddAccB: 1, u8 => u64;
    Load16SAdd | Load16SAddAccA | Load16SAddAccB: 2, i16 => i64;
    Load16UAdd | Load16UAddAccA | Load16UAddAccB: 2, u16 => u64;
    Load32SAdd | Load32SAddAccA | Load32SAddAccB: 4, i32 => i64;
    Load32UAdd | Load32UAddAccA | Load32UAddAccB: 4, u32 => u64;
    Load64Add | Load64AddAccA | Load64AddAccB: 8, u64 => u64;
}

macro_rules! store_add {
    ($($($name:ident)|+: $n:literal, $t:ty;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            let a: u32 = r.get(o.a);
            let b: u32 = r.get(o.b);
            let ptr = a.wrapping_add(b);
            r.set(o.tmp, ptr);
            let value: u64 = r.get(o.value);
            let Some(p) = ending(r, ptr, o.end, $n) else {
                return trap(Trap::MemoryOutOfBounds);
            };
            std::ptr::write_unaligned(p as *mut [u8; $n], (value as $t).to_le_bytes());
            r.next();
            Ok(())
        });
    )*};
}

store_add! {
    Store8Add | Store8AddAccA | Store8AddAccB: 1, u8;
    Store16Add | Store16AddAccA | Store16AddAccB: 2, u16;
    Store32Add | Store32AddAccA | Store32AddAccB: 4, u32;
    Store64Add | Store64AddAccA | Store64AddAccB: 8, u64;
}

// ---- SIMD: the lane semantics are in `interp::simd` ----

macro_rules! simd_binary {
    ($($($name:ident)|+ => $f:path;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            r.set128(o.dst, $f(r.get128(o.lhs), r.get128(o.rhs)));
            r.next();
            Ok(())
        });
    )*};
}

macro_rules! simd_unary {
    ($($($name:ident)|+ => $f:path;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            r.set128(o.dst, $f(r.get128(o.src)));
            r.next();
            Ok(())
        });
    )*};
}

macro_rules! simd_ternary {
    ($($($name:ident)|+ => $f:path;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            r.set128(o.dst, $f(r.get128(o.a), r.get128(o.b), r.get128(o.c)));
            r.next();
            Ok(())
        });
    )*};
}

macro_rules! simd_test {
    ($($($name:ident)|+ => $f:path;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            r.set::<u64>(o.dst, $f(r.get128(o.src)));
            r.next();
            Ok(())
        });
    )*};
}

macro_rules! simd_shift {
    ($($($name:ident)|+ => $f:path;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            r.set128(o.dst, $f(r.get128(o.lhs), r.get::<u64>(o.rhs)));
            r.next();
            Ok(())
        });
    )*};
}

macro_rules! simd_splat {
    ($($($name:ident)|+ => $f:path;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            r.set128(o.dst, $f(r.get::<u64>(o.src)));
            r.next();
            Ok(())
        });
    )*};
}

macro_rules! simd_extract {
    ($($($name:ident)|+ => $f:path;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            r.set::<u64>(o.dst, $f(r.get128(o.src), o.lane));
            r.next();
            Ok(())
        });
    )*};
}

macro_rules! simd_replace {
    ($($($name:ident)|+ => $f:path;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            r.set128(o.dst, $f(r.get128(o.lhs), r.get::<u64>(o.rhs), o.lane));
            r.next();
            Ok(())
        });
    )*};
}

simd_binary! {
    I8x16Swizzle => simd::i8x16_swizzle;
    I8x16Eq => simd::i8x16_eq;
    I8x16Ne => simd::i8x16_ne;
    I8x16LtS => simd::i8x16_lt_s;
    I8x16LtU => simd::i8x16_lt_u;
    I8x16GtS => simd::i8x16_gt_s;
    I8x16GtU => simd::i8x16_gt_u;
    I8x16LeS => simd::i8x16_le_s;
    I8x16LeU => simd::i8x16_le_u;
    I8x16GeS => simd::i8x16_ge_s;
    I8x16GeU => simd::i8x16_ge_u;
    I16x8Eq => simd::i16x8_eq;
    I16x8Ne => simd::i16x8_ne;
    I16x8LtS => simd::i16x8_lt_s;
    I16x8LtU => simd::i16x8_lt_u;
    I16x8GtS => simd::i16x8_gt_s;
    I16x8GtU => simd::i16x8_gt_u;
    I16x8LeS => simd::i16x8_le_s;
    I16x8LeU => simd::i16x8_le_u;
    I16x8GeS => simd::i16x8_ge_s;
    I16x8GeU => simd::i16x8_ge_u;
    I32x4Eq => simd::i32x4_eq;
    I32x4Ne => simd::i32x4_ne;
    I32x4LtS => simd::i32x4_lt_s;
    I32x4LtU => simd::i32x4_lt_u;
    I32x4GtS => simd::i32x4_gt_s;
    I32x4GtU => simd::i32x4_gt_u;
    I32x4LeS => simd::i32x4_le_s;
    I32x4LeU => simd::i32x4_le_u;
    I32x4GeS => simd::i32x4_ge_s;
    I32x4GeU => simd::i32x4_ge_u;
    I64x2Eq => simd::i64x2_eq;
    I64x2Ne => simd::i64x2_ne;
    I64x2LtS => simd::i64x2_lt_s;
    I64x2GtS => simd::i64x2_gt_s;
    I64x2LeS => simd::i64x2_le_s;
    I64x2GeS => simd::i64x2_ge_s;
    F32x4Eq => simd::f32x4_eq;
    F32x4Ne => simd::f32x4_ne;
    F32x4Lt => simd::f32x4_lt;
    F32x4Gt => simd::f32x4_gt;
    F32x4Le => simd::f32x4_le;
    F32x4Ge => simd::f32x4_ge;
    F64x2Eq => simd::f64x2_eq;
    F64x2Ne => simd::f64x2_ne;
    F64x2Lt => simd::f64x2_lt;
    F64x2Gt => simd::f64x2_gt;
    F64x2Le => simd::f64x2_le;
    F64x2Ge => simd::f64x2_ge;
    V128And => simd::v128_and;
    V128AndNot => simd::v128_andnot;
    V128Or => simd::v128_or;
    V128Xor => simd::v128_xor;
    I8x16NarrowI16x8S => simd::i8x16_narrow_i16x8_s;
    I8x16NarrowI16x8U => simd::i8x16_narrow_i16x8_u;
    I8x16Add => simd::i8x16_add;
    I8x16AddSatS => simd::i8x16_add_sat_s;
    I8x16AddSatU => simd::i8x16_add_sat_u;
    I8x16Sub => simd::i8x16_sub;
    I8x16SubSatS => simd::i8x16_sub_sat_s;
    I8x16SubSatU => simd::i8x16_sub_sat_u;
    I8x16MinS => simd::i8x16_min_s;
    I8x16MinU => simd::i8x16_min_u;
    I8x16MaxS => simd::i8x16_max_s;
    I8x16MaxU => simd::i8x16_max_u;
    I8x16AvgrU => simd::i8x16_avgr_u;
    I16x8Q15MulrSatS => simd::i16x8_q15mulr_sat_s;
    I16x8NarrowI32x4S => simd::i16x8_narrow_i32x4_s;
    I16x8NarrowI32x4U => simd::i16x8_narrow_i32x4_u;
    I16x8Add => simd::i16x8_add;
    I16x8AddSatS => simd::i16x8_add_sat_s;
    I16x8AddSatU => simd::i16x8_add_sat_u;
    I16x8Sub => simd::i16x8_sub;
    I16x8SubSatS => simd::i16x8_sub_sat_s;
    I16x8SubSatU => simd::i16x8_sub_sat_u;
    I16x8Mul => simd::i16x8_mul;
    I16x8MinS => simd::i16x8_min_s;
    I16x8MinU => simd::i16x8_min_u;
    I16x8MaxS => simd::i16x8_max_s;
    I16x8MaxU => simd::i16x8_max_u;
    I16x8AvgrU => simd::i16x8_avgr_u;
    I16x8ExtMulLowI8x16S => simd::i16x8_extmul_low_i8x16_s;
    I16x8ExtMulHighI8x16S => simd::i16x8_extmul_high_i8x16_s;
    I16x8ExtMulLowI8x16U => simd::i16x8_extmul_low_i8x16_u;
    I16x8ExtMulHighI8x16U => simd::i16x8_extmul_high_i8x16_u;
    I32x4Add => simd::i32x4_add;
    I32x4Sub => simd::i32x4_sub;
    I32x4Mul => simd::i32x4_mul;
    I32x4MinS => simd::i32x4_min_s;
    I32x4MinU => simd::i32x4_min_u;
    I32x4MaxS => simd::i32x4_max_s;
    I32x4MaxU => simd::i32x4_max_u;
    I32x4DotI16x8S => simd::i32x4_dot_i16x8_s;
    I32x4ExtMulLowI16x8S => simd::i32x4_extmul_low_i16x8_s;
    I32x4ExtMulHighI16x8S => simd::i32x4_extmul_high_i16x8_s;
    I32x4ExtMulLowI16x8U => simd::i32x4_extmul_low_i16x8_u;
    I32x4ExtMulHighI16x8U => simd::i32x4_extmul_high_i16x8_u;
    I64x2Add => simd::i64x2_add;
    I64x2Sub => simd::i64x2_sub;
    I64x2Mul => simd::i64x2_mul;
    I64x2ExtMulLowI32x4S => simd::i64x2_extmul_low_i32x4_s;
    I64x2ExtMulHighI32x4S => simd::i64x2_extmul_high_i32x4_s;
    I64x2ExtMulLowI32x4U => simd::i64x2_extmul_low_i32x4_u;
    I64x2ExtMulHighI32x4U => simd::i64x2_extmul_high_i32x4_u;
    F32x4Add => simd::f32x4_add;
    F32x4Sub => simd::f32x4_sub;
    F32x4Mul => simd::f32x4_mul;
    F32x4Div => simd::f32x4_div;
    F32x4Min => simd::f32x4_min;
    F32x4Max => simd::f32x4_max;
    F32x4PMin => simd::f32x4_pmin;
    F32x4PMax => simd::f32x4_pmax;
    F64x2Add => simd::f64x2_add;
    F64x2Sub => simd::f64x2_sub;
    F64x2Mul => simd::f64x2_mul;
    F64x2Div => simd::f64x2_div;
    F64x2Min => simd::f64x2_min;
    F64x2Max => simd::f64x2_max;
    F64x2PMin => simd::f64x2_pmin;
    F64x2PMax => simd::f64x2_pmax;
    I8x16RelaxedSwizzle => simd::i8x16_relaxed_swizzle;
    F32x4RelaxedMin => simd::f32x4_relaxed_min;
    F32x4RelaxedMax => simd::f32x4_relaxed_max;
    F64x2RelaxedMin => simd::f64x2_relaxed_min;
    F64x2RelaxedMax => simd::f64x2_relaxed_max;
    I16x8RelaxedQ15mulrS => simd::i16x8_relaxed_q15mulr_s;
    I16x8RelaxedDotI8x16I7x16S => simd::i16x8_relaxed_dot_i8x16_i7x16_s;
}

simd_unary! {
    V128Not => simd::v128_not;
    I8x16Abs => simd::i8x16_abs;
    I8x16Neg => simd::i8x16_neg;
    I8x16Popcnt => simd::i8x16_popcnt;
    I16x8ExtAddPairwiseI8x16S => simd::i16x8_extadd_pairwise_i8x16_s;
    I16x8ExtAddPairwiseI8x16U => simd::i16x8_extadd_pairwise_i8x16_u;
    I16x8Abs => simd::i16x8_abs;
    I16x8Neg => simd::i16x8_neg;
    I16x8ExtendLowI8x16S => simd::i16x8_extend_low_i8x16_s;
    I16x8ExtendHighI8x16S => simd::i16x8_extend_high_i8x16_s;
    I16x8ExtendLowI8x16U => simd::i16x8_extend_low_i8x16_u;
    I16x8ExtendHighI8x16U => simd::i16x8_extend_high_i8x16_u;
    I32x4ExtAddPairwiseI16x8S => simd::i32x4_extadd_pairwise_i16x8_s;
    I32x4ExtAddPairwiseI16x8U => simd::i32x4_extadd_pairwise_i16x8_u;
    I32x4Abs => simd::i32x4_abs;
    I32x4Neg => simd::i32x4_neg;
    I32x4ExtendLowI16x8S => simd::i32x4_extend_low_i16x8_s;
    I32x4ExtendHighI16x8S => simd::i32x4_extend_high_i16x8_s;
    I32x4ExtendLowI16x8U => simd::i32x4_extend_low_i16x8_u;
    I32x4ExtendHighI16x8U => simd::i32x4_extend_high_i16x8_u;
    I64x2Abs => simd::i64x2_abs;
    I64x2Neg => simd::i64x2_neg;
    I64x2ExtendLowI32x4S => simd::i64x2_extend_low_i32x4_s;
    I64x2ExtendHighI32x4S => simd::i64x2_extend_high_i32x4_s;
    I64x2ExtendLowI32x4U => simd::i64x2_extend_low_i32x4_u;
    I64x2ExtendHighI32x4U => simd::i64x2_extend_high_i32x4_u;
    F32x4Ceil => simd::f32x4_ceil;
    F32x4Floor => simd::f32x4_floor;
    F32x4Trunc => simd::f32x4_trunc;
    F32x4Nearest => simd::f32x4_nearest;
    F32x4Abs => simd::f32x4_abs;
    F32x4Neg => simd::f32x4_neg;
    F32x4Sqrt => simd::f32x4_sqrt;
    F64x2Ceil => simd::f64x2_ceil;
    F64x2Floor => simd::f64x2_floor;
    F64x2Trunc => simd::f64x2_trunc;
    F64x2Nearest => simd::f64x2_nearest;
    F64x2Abs => simd::f64x2_abs;
    F64x2Neg => simd::f64x2_neg;
    F64x2Sqrt => simd::f64x2_sqrt;
    I32x4TruncSatF32x4S => simd::i32x4_trunc_sat_f32x4_s;
    I32x4TruncSatF32x4U => simd::i32x4_trunc_sat_f32x4_u;
    F32x4ConvertI32x4S => simd::f32x4_convert_i32x4_s;
    F32x4ConvertI32x4U => simd::f32x4_convert_i32x4_u;
    I32x4TruncSatF64x2SZero => simd::i32x4_trunc_sat_f64x2_s_zero;
    I32x4TruncSatF64x2UZero => simd::i32x4_trunc_sat_f64x2_u_zero;
    F64x2ConvertLowI32x4S => simd::f64x2_convert_low_i32x4_s;
    F64x2ConvertLowI32x4U => simd::f64x2_convert_low_i32x4_u;
    F32x4DemoteF64x2Zero => simd::f32x4_demote_f64x2_zero;
    F64x2PromoteLowF32x4 => simd::f64x2_promote_low_f32x4;
    I32x4RelaxedTruncF32x4S => simd::i32x4_relaxed_trunc_f32x4_s;
    I32x4RelaxedTruncF32x4U => simd::i32x4_relaxed_trunc_f32x4_u;
    I32x4RelaxedTruncF64x2SZero => simd::i32x4_relaxed_trunc_f64x2_s_zero;
    I32x4RelaxedTruncF64x2UZero => simd::i32x4_relaxed_trunc_f64x2_u_zero;
}

simd_ternary! {
    V128Bitselect => simd::v128_bitselect;
    F32x4RelaxedMadd => simd::f32x4_relaxed_madd;
    F32x4RelaxedNmadd => simd::f32x4_relaxed_nmadd;
    F64x2RelaxedMadd => simd::f64x2_relaxed_madd;
    F64x2RelaxedNmadd => simd::f64x2_relaxed_nmadd;
    I8x16RelaxedLaneselect => simd::i8x16_relaxed_laneselect;
    I16x8RelaxedLaneselect => simd::i16x8_relaxed_laneselect;
    I32x4RelaxedLaneselect => simd::i32x4_relaxed_laneselect;
    I64x2RelaxedLaneselect => simd::i64x2_relaxed_laneselect;
    I32x4RelaxedDotI8x16I7x16AddS => simd::i32x4_relaxed_dot_i8x16_i7x16_add_s;
}

simd_test! {
    V128AnyTrue => simd::v128_any_true;
    I8x16AllTrue => simd::i8x16_all_true;
    I8x16Bitmask => simd::i8x16_bitmask;
    I16x8AllTrue => simd::i16x8_all_true;
    I16x8Bitmask => simd::i16x8_bitmask;
    I32x4AllTrue => simd::i32x4_all_true;
    I32x4Bitmask => simd::i32x4_bitmask;
    I64x2AllTrue => simd::i64x2_all_true;
    I64x2Bitmask => simd::i64x2_bitmask;
}

simd_shift! {
    I8x16Shl => simd::i8x16_shl;
    I8x16ShrS => simd::i8x16_shr_s;
    I8x16ShrU => simd::i8x16_shr_u;
    I16x8Shl => simd::i16x8_shl;
    I16x8ShrS => simd::i16x8_shr_s;
    I16x8ShrU => simd::i16x8_shr_u;
    I32x4Shl => simd::i32x4_shl;
    I32x4ShrS => simd::i32x4_shr_s;
    I32x4ShrU => simd::i32x4_shr_u;
    I64x2Shl => simd::i64x2_shl;
    I64x2ShrS => simd::i64x2_shr_s;
    I64x2ShrU => simd::i64x2_shr_u;
}

simd_splat! {
    I8x16Splat => simd::i8x16_splat;
    I16x8Splat => simd::i16x8_splat;
    I32x4Splat => simd::i32x4_splat;
    I64x2Splat => simd::i64x2_splat;
    F32x4Splat => simd::f32x4_splat;
    F64x2Splat => simd::f64x2_splat;
}

simd_extract! {
    I8x16ExtractLaneS => simd::i8x16_extract_lane_s;
    I8x16ExtractLaneU => simd::i8x16_extract_lane_u;
    I16x8ExtractLaneS => simd::i16x8_extract_lane_s;
    I16x8ExtractLaneU => simd::i16x8_extract_lane_u;
    I32x4ExtractLane => simd::i32x4_extract_lane;
    I64x2ExtractLane => simd::i64x2_extract_lane;
    F32x4ExtractLane => simd::f32x4_extract_lane;
    F64x2ExtractLane => simd::f64x2_extract_lane;
}

simd_replace! {
    I8x16ReplaceLane => simd::i8x16_replace_lane;
    I16x8ReplaceLane => simd::i16x8_replace_lane;
    I32x4ReplaceLane => simd::i32x4_replace_lane;
    I64x2ReplaceLane => simd::i64x2_replace_lane;
    F32x4ReplaceLane => simd::f32x4_replace_lane;
    F64x2ReplaceLane => simd::f64x2_replace_lane;
}
exec!(I8x16Shuffle, |o, r, vm| {
    let hi = op::Lanes::decode(r.ip.add(1)).hi;
    let lanes = u128::from(o.lo) | (u128::from(hi) << 64);
    r.set128(
        o.dst,
        simd::i8x16_shuffle(r.get128(o.lhs), r.get128(o.rhs), lanes),
    );
    r.jump(2);
    Ok(())
});
exec!(Lanes, |o, r, vm| {
    // Only ever skipped by the shuffle before it.
    trap(Trap::UnreachableCodeReached)
});

/// Loads of `N` bytes into a vector, in the short form (memory 0, offset
/// inline) and the long form (any memory, `MemArg` after).
macro_rules! v128_load {
    ($($($name:ident)|+, $long:ident: $n:literal => $conv:expr;)*) => {$(
        exec!($($name)|+, |o, r, vm| {
            let ptr: u32 = r.get(o.ptr);
            let Some(ea) = effective(r, ptr, o.offset, $n) else {
                return trap(Trap::MemoryOutOfBounds);
            };
            let bytes = std::ptr::read_unaligned(r.mem.add(ea) as *const [u8; $n]);
            r.set128(o.dst, ($conv)(bytes));
            r.next();
            Ok(())
        });
        exec!($long, |o, r, vm| {
            let Some(p) = access(r, vm, o.ptr, $n) else {
                return trap(Trap::MemoryOutOfBounds);
            };
            let bytes = std::ptr::read_unaligned(p as *const [u8; $n]);
            r.set128(o.dst, ($conv)(bytes));
            r.jump(2);
            Ok(())
        });
    )*};
}

v128_load! {
    V128Load, V128LoadMem: 16 => u128::from_le_bytes;
    V128Load8x8S, V128Load8x8SMem: 8 => |b| simd::v128_load8x8_s(u64::from_le_bytes(b));
    V128Load8x8U, V128Load8x8UMem: 8 => |b| simd::v128_load8x8_u(u64::from_le_bytes(b));
    V128Load16x4S, V128Load16x4SMem: 8 => |b| simd::v128_load16x4_s(u64::from_le_bytes(b));
    V128Load16x4U, V128Load16x4UMem: 8 => |b| simd::v128_load16x4_u(u64::from_le_bytes(b));
    V128Load32x2S, V128Load32x2SMem: 8 => |b| simd::v128_load32x2_s(u64::from_le_bytes(b));
    V128Load32x2U, V128Load32x2UMem: 8 => |b| simd::v128_load32x2_u(u64::from_le_bytes(b));
    V128Load8Splat, V128Load8SplatMem: 1 => |b: [u8; 1]| simd::i8x16_splat(u64::from(b[0]));
    V128Load16Splat, V128Load16SplatMem: 2 => |b| simd::i16x8_splat(u64::from(u16::from_le_bytes(b)));
    V128Load32Splat, V128Load32SplatMem: 4 => |b| simd::i32x4_splat(u64::from(u32::from_le_bytes(b)));
    V128Load64Splat, V128Load64SplatMem: 8 => |b| simd::i64x2_splat(u64::from_le_bytes(b));
    V128Load32Zero, V128Load32ZeroMem: 4 => |b| u128::from(u32::from_le_bytes(b));
    V128Load64Zero, V128Load64ZeroMem: 8 => |b| u128::from(u64::from_le_bytes(b));
}

exec!(V128Store, |o, r, vm| {
    let ptr: u32 = r.get(o.ptr);
    let Some(ea) = effective(r, ptr, o.offset, 16) else {
        return trap(Trap::MemoryOutOfBounds);
    };
    std::ptr::write_unaligned(
        r.mem.add(ea) as *mut [u8; 16],
        r.get128(o.value).to_le_bytes(),
    );
    r.next();
    Ok(())
});
exec!(V128StoreMem, |o, r, vm| {
    let Some(p) = access(r, vm, o.ptr, 16) else {
        return trap(Trap::MemoryOutOfBounds);
    };
    std::ptr::write_unaligned(p as *mut [u8; 16], r.get128(o.value).to_le_bytes());
    r.jump(2);
    Ok(())
});

/// `load*_lane` and `store*_lane`, in both forms: the lane is read or
/// written with the `replace_lane` / `extract_lane` of its width.
macro_rules! v128_lane {
    ($($load:ident, $load_long:ident, $store:ident, $store_long:ident: $n:literal, $raw:ty,
       $replace:path, $extract:path;)*) => {$(
        exec!($load, |o, r, vm| {
            let ptr: u32 = r.get(o.ptr);
            let Some(ea) = effective(r, ptr, o.offset, $n) else {
                return trap(Trap::MemoryOutOfBounds);
            };
            let bytes = std::ptr::read_unaligned(r.mem.add(ea) as *const [u8; $n]);
            let x = <$raw>::from_le_bytes(bytes) as u64;
            r.set128(o.dst, $replace(r.get128(o.src), x, o.lane));
            r.next();
            Ok(())
        });
        exec!($load_long, |o, r, vm| {
            let Some(p) = access(r, vm, o.ptr, $n) else {
                return trap(Trap::MemoryOutOfBounds);
            };
            let bytes = std::ptr::read_unaligned(p as *const [u8; $n]);
            let x = <$raw>::from_le_bytes(bytes) as u64;
            r.set128(o.dst, $replace(r.get128(o.src), x, o.lane));
            r.jump(2);
            Ok(())
        });
        exec!($store, |o, r, vm| {
            let ptr: u32 = r.get(o.ptr);
            let Some(ea) = effective(r, ptr, o.offset, $n) else {
                return trap(Trap::MemoryOutOfBounds);
            };
            let x = $extract(r.get128(o.value), o.lane) as $raw;
            std::ptr::write_unaligned(r.mem.add(ea) as *mut [u8; $n], x.to_le_bytes());
            r.next();
            Ok(())
        });
        exec!($store_long, |o, r, vm| {
            let Some(p) = access(r, vm, o.ptr, $n) else {
                return trap(Trap::MemoryOutOfBounds);
            };
            let x = $extract(r.get128(o.value), o.lane) as $raw;
            std::ptr::write_unaligned(p as *mut [u8; $n], x.to_le_bytes());
            r.jump(2);
            Ok(())
        });
    )*};
}

v128_lane! {
    V128Load8Lane, V128Load8LaneMem, V128Store8Lane, V128Store8LaneMem: 1, u8,
        simd::i8x16_replace_lane, simd::i8x16_extract_lane_u;
    V128Load16Lane, V128Load16LaneMem, V128Store16Lane, V128Store16LaneMem: 2, u16,
        simd::i16x8_replace_lane, simd::i16x8_extract_lane_u;
    V128Load32Lane, V128Load32LaneMem, V128Store32Lane, V128Store32LaneMem: 4, u32,
        simd::i32x4_replace_lane, simd::i32x4_extract_lane;
    V128Load64Lane, V128Load64LaneMem, V128Store64Lane, V128Store64LaneMem: 8, u64,
        simd::i64x2_replace_lane, simd::i64x2_extract_lane;
}
