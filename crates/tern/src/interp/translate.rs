//! Translation of one validated function body to register bytecode.
//!
//! The translator walks the operators once, keeping a compile-time model of
//! the operand stack in which each entry is a *local* (not yet copied), a
//! *constant* (not yet materialized) or a *temporary* living in its natural
//! slot: the slot after the entries below it (a `v128` takes two slots, so
//! the natural slot is the sum of the widths below, after the locals). Instructions read locals and constants directly,
//! so `local.get` and `i32.const` emit nothing; a result that is immediately
//! stored to a local is written there directly; a comparison feeding `br_if`
//! or `if` becomes one compare-and-branch instruction.
//!
//! Invariants that keep this correct:
//! - a temporary at stack height `h` always lives in its natural slot, which
//!   depends only on the types below it; validation makes those types the
//!   same on every path to a label, so values merging there meet in the same
//!   slots;
//! - before a local is written, stack entries that still read it are copied
//!   out (`preserve_local`); at every block, loop or if entry all such entries
//!   are copied out, so that copy never lands in only one arm of a branch;
//! - an instruction is only retargeted or fused while no label has been bound
//!   after it (`last` is cleared at every label).
//!
//! The body was validated by `Module::new`; translation trusts that, but a
//! function whose frame would need more than 65 536 slots is refused.

use super::ir::{Catch, CodeRef, Instr, Slot, TryHandler, op};
use crate::Trap;
use crate::module::ModuleInner;
use crate::module::info::ModuleInfo;
use crate::runtime::gc::CastTarget;
use crate::types::{CompositeType, FieldType, FuncType, RefType, StorageType, ValType};
use crate::{Error, Result};
use std::collections::HashMap;
use wasmparser::{BinaryReader, BlockType, FunctionBody, MemArg, Operator};

use super::ir::CompiledFunc;

/// What an operand stack entry holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Operand {
    /// The current value of a local.
    Local(u32),
    /// A temporary in its natural slot.
    Temp,
    /// A scalar constant (raw bits).
    Const(u64),
    /// A `v128` constant.
    V128(u128),
}

/// An operand stack entry.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Entry {
    operand: Operand,
    /// The entry's natural slot.
    slot: Slot,
    /// Whether the value is a `v128` (two slots).
    wide: bool,
}

impl Entry {
    fn width(&self) -> u32 {
        if self.wide { 2 } else { 1 }
    }
}

/// A local's first slot and whether it is a `v128`.
#[derive(Debug, Clone, Copy)]
struct LocalSlot {
    slot: Slot,
    wide: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum ControlKind {
    /// The function body itself: branching to it returns.
    Function,
    Block,
    Loop,
    If,
    Else,
}

#[derive(Debug)]
struct Control {
    kind: ControlKind,
    /// The block's type (the function's type for the function frame).
    ty: BlockType,
    /// Operand stack height below the block's parameters.
    height: u32,
    /// The natural slot of the block's first parameter or result.
    base_slot: u32,
    num_params: u32,
    num_results: u32,
    /// Loop: index of the loop's first instruction.
    loop_start: usize,
    /// Forward branches to patch when the label is bound.
    pending: Vec<usize>,
    /// The conditional branch of an `if` to its `else` (or `end`).
    else_site: Option<usize>,
    /// Whether the `if` itself was reachable (so its else arm is).
    reachable_at_entry: bool,
    /// Whether some branch targets the label.
    branched_to: bool,
    /// A `try_table`: its entry in `Translator::tries`.
    try_index: Option<usize>,
}

impl Control {
    /// How many values a branch to this label carries.
    fn label_arity(&self) -> u32 {
        match self.kind {
            ControlKind::Loop => self.num_params,
            _ => self.num_results,
        }
    }
}

/// A branch target of `br_table` that needs code of its own.
#[derive(Debug)]
struct Pad {
    depth: u32,
    sites: Vec<usize>,
}

struct Translator<'a> {
    info: &'a ModuleInfo,
    /// The module's code table, which calls to its functions point into.
    funcs: &'a [crate::module::FuncCode],
    code: Vec<Instr>,
    /// Slots of the parameters and declared locals.
    locals: Vec<LocalSlot>,
    /// Slots taken by parameters and declared locals.
    num_local_slots: u32,
    stack: Vec<Entry>,
    /// Frame size so far: the end of the highest slot used.
    max_slots: u32,
    /// How many `Local(i)` entries are on the stack, per local.
    local_refs: Vec<u32>,
    /// How many `Local(_)` entries are on the stack in all.
    total_local_refs: u32,
    frames: Vec<Control>,
    reachable: bool,
    /// Nesting depth of blocks inside unreachable code.
    dead_depth: u32,
    /// The last instruction, if it wrote the temporary on top of the stack
    /// and no label was bound since.
    last: Option<usize>,
    /// Where the last label was bound: branches may land there.
    label_at: usize,
    /// Whether to meter fuel: each run of operators starts with a `Fuel`
    /// instruction charging their cost (see `crate::limits`).
    metering: bool,
    /// The tiered strategy: loop headers count iterations (`LoopHeat`).
    tiered: bool,
    /// The defined function's index, and the `loop` operators seen so far
    /// (reachable or not: compiled code numbers loops the same way).
    defined: u32,
    loops_seen: u32,
    /// Whether to check the epoch deadline at entry and loop headers.
    epochs: bool,
    /// The `Fuel` instruction of the current run, and the run's cost so far.
    run_site: Option<usize>,
    run_cost: u32,
    /// The `try_table`s seen so far, open ones with `end == 0`.
    tries: Vec<TryHandler>,
    /// Closed `try_table`s, innermost first for nested ones.
    handlers: Vec<TryHandler>,
}

/// Translates defined function `defined` of `module`.
pub(crate) fn translate(module: &ModuleInner, defined: u32) -> Result<CompiledFunc> {
    let info = &module.info;
    let func_index = info.num_imported_funcs + defined;
    let ty = info.func_type(func_index);
    let range = info.bodies[defined as usize].range.clone();
    let body = FunctionBody::new(BinaryReader::new(
        &module.bytes[range.clone()],
        range.start as u64,
    ));
    let err = |e: wasmparser::BinaryReaderError| Error::malformed(e.to_string());
    let mut reader = body.get_locals_reader().map_err(err)?;
    let mut locals = Vec::new();
    let mut next_slot = 0u32;
    let mut add_locals = |count: u32, ty: &ValType| -> Result<()> {
        let wide = *ty == ValType::V128;
        let width = if wide { 2 } else { 1 };
        // Validation bounds the count (50 000 locals); the frame limit is
        // checked as slots are handed out.
        for _ in 0..count {
            let slot = Slot::try_from(next_slot).map_err(|_| too_large(func_index))?;
            locals.push(LocalSlot { slot, wide });
            next_slot += width;
        }
        Ok(())
    };
    for param in ty.params() {
        add_locals(1, param)?;
    }
    for _ in 0..reader.get_count() {
        let (count, ty) = reader.read().map_err(err)?;
        let ty = ValType::from_wasmparser(ty, &|i| info.resolve(i))
            .ok_or_else(|| Error::unsupported(format!("local of type {ty}")))?;
        add_locals(count, &ty)?;
    }
    let num_param_slots = crate::values::raw_len(ty.params()) as u32;
    let num_local_slots = next_slot;
    if num_local_slots > u32::from(Slot::MAX) {
        return Err(too_large(func_index));
    }
    let num_locals = locals.len();
    let mut t = Translator {
        info,
        funcs: &module.code,
        code: Vec::new(),
        locals,
        num_local_slots,
        stack: Vec::new(),
        max_slots: num_local_slots,
        local_refs: vec![0; num_locals],
        total_local_refs: 0,
        frames: vec![Control {
            kind: ControlKind::Function,
            ty: BlockType::FuncType(info.funcs[func_index as usize]),
            height: 0,
            base_slot: num_local_slots,
            num_params: 0,
            num_results: ty.results().len() as u32,
            loop_start: 0,
            pending: Vec::new(),
            else_site: None,
            reachable_at_entry: true,
            branched_to: false,
            try_index: None,
        }],
        reachable: true,
        dead_depth: 0,
        last: None,
        label_at: 0,
        metering: module.engine.config().consume_fuel,
        tiered: crate::jit::tiered(&module.engine),
        defined,
        loops_seen: 0,
        epochs: module.engine.config().epoch_interruption,
        run_site: None,
        run_cost: 0,
        tries: Vec::new(),
        handlers: Vec::new(),
    };
    t.start_run(true);
    let mut ops = wasmparser::OperatorsReader::new(reader.get_binary_reader());
    while !t.frames.is_empty() {
        let op = ops.read().map_err(err)?;
        t.operator(op).map_err(|e| match e {
            Failure::TooLarge => too_large(func_index),
            Failure::Unsupported(what) => Error::unsupported(format!(
                "function {func_index}: {what} is not supported by the interpreter"
            )),
        })?;
    }
    t.end_run();
    let frame_size = t.max_slots;
    if frame_size > u32::from(Slot::MAX) + 1 {
        return Err(too_large(func_index));
    }
    let mut code = t.code;
    super::accumulate::accumulate(&mut code);
    Ok(CompiledFunc {
        handlers: t.handlers.into(),
        code: code.into(),
        frame_size,
        num_params: num_param_slots,
        num_locals: num_local_slots - num_param_slots,
    })
}

#[cold]
fn too_large(func_index: u32) -> Error {
    Error::unsupported(format!(
        "function {func_index} needs more than 65536 locals and operand slots, \
         the interpreter's frame limit"
    ))
}

/// Why translation stopped.
#[derive(Debug)]
enum Failure {
    TooLarge,
    Unsupported(String),
}

type R<T = ()> = std::result::Result<T, Failure>;

/// Whether `br_table` reaches its entry through a `match` on the index
/// (`BrTable`) rather than computing the entry's address (`BrTableComputed`).
///
/// A guest interpreter's dispatch `br_table` is where it shows. The `match`
/// turns the index into control flow, which the branch predictor runs ahead
/// of; computing keeps one indirect jump fewer. Measured on the `vm`
/// benchmark: on AMD Zen 5 the `match` is 20 % faster, on Zen 4 13 % slower,
/// on Intel Rocket Lake (family 6, model 0xA7) 31 % faster (1.47 → 1.02 s,
/// median of 7 interleaved; `sqlite` 2 % faster). So x86-64 uses the
/// `match` except on AMD before family 0x1A (Zen 4 and older), and other
/// targets, where it was not measured, compute.
fn br_table_by_match() -> bool {
    #[cfg(test)]
    if let Some(forced) = tests::BR_TABLE_BY_MATCH.get() {
        return forced;
    }
    static BY_MATCH: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *BY_MATCH.get_or_init(|| {
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::x86_64::__cpuid;
            let vendor = __cpuid(0);
            let amd = (vendor.ebx, vendor.edx, vendor.ecx)
                == (
                    u32::from_le_bytes(*b"Auth"),
                    u32::from_le_bytes(*b"enti"),
                    u32::from_le_bytes(*b"cAMD"),
                );
            let signature = __cpuid(1).eax;
            let base = (signature >> 8) & 0xf;
            let family = if base == 0xf {
                base + ((signature >> 20) & 0xff)
            } else {
                base
            };
            !amd || family >= 0x1a
        }
        #[cfg(not(target_arch = "x86_64"))]
        false
    })
}

/// Whether an integer binary operator can be folded without trapping.
fn fold_i32(op: &Operator<'_>, a: i32, b: i32) -> Option<i32> {
    Some(match op {
        Operator::I32Add => a.wrapping_add(b),
        Operator::I32Sub => a.wrapping_sub(b),
        Operator::I32Mul => a.wrapping_mul(b),
        Operator::I32And => a & b,
        Operator::I32Or => a | b,
        Operator::I32Xor => a ^ b,
        Operator::I32Shl => a.wrapping_shl(b as u32),
        Operator::I32ShrS => a.wrapping_shr(b as u32),
        Operator::I32ShrU => (a as u32).wrapping_shr(b as u32) as i32,
        _ => return None,
    })
}

fn fold_i64(op: &Operator<'_>, a: i64, b: i64) -> Option<i64> {
    Some(match op {
        Operator::I64Add => a.wrapping_add(b),
        Operator::I64Sub => a.wrapping_sub(b),
        Operator::I64Mul => a.wrapping_mul(b),
        Operator::I64And => a & b,
        Operator::I64Or => a | b,
        Operator::I64Xor => a ^ b,
        Operator::I64Shl => a.wrapping_shl(b as u32),
        Operator::I64ShrS => a.wrapping_shr(b as u32),
        Operator::I64ShrU => (a as u64).wrapping_shr(b as u32) as i64,
        _ => return None,
    })
}

/// The compare-and-branch form of a comparison: branch when it holds, or
/// (`negate`) when it does not.
fn fuse_branch(cmp: &Instr, negate: bool) -> Option<Instr> {
    macro_rules! table {
        ($($cmp:ident => $br:ident, $nbr:ident;)*) => {
            match *cmp {
                $(
                    Instr::$cmp(op::$cmp { lhs, rhs, .. }) => Some(if negate {
                        Instr::$nbr(op::$nbr { lhs, rhs, offset: 0 })
                    } else {
                        Instr::$br(op::$br { lhs, rhs, offset: 0 })
                    }),
                )*
                Instr::I32Eqz(op::I32Eqz { src, .. }) => Some(if negate {
                    Instr::BrIfNez(op::BrIfNez { cond: src, offset: 0 })
                } else {
                    Instr::BrIfEqz(op::BrIfEqz { cond: src, offset: 0 })
                }),
                Instr::I64Eqz(op::I64Eqz { src, .. }) => Some(if negate {
                    Instr::BrI64Nez(op::BrI64Nez { cond: src, offset: 0 })
                } else {
                    Instr::BrI64Eqz(op::BrI64Eqz { cond: src, offset: 0 })
                }),
                _ => None,
            }
        };
    }
    table! {
        I32Eq => BrI32Eq, BrI32Ne;
        I32Ne => BrI32Ne, BrI32Eq;
        I32LtS => BrI32LtS, BrI32GeS;
        I32LtU => BrI32LtU, BrI32GeU;
        I32GtS => BrI32GtS, BrI32LeS;
        I32GtU => BrI32GtU, BrI32LeU;
        I32LeS => BrI32LeS, BrI32GtS;
        I32LeU => BrI32LeU, BrI32GtU;
        I32GeS => BrI32GeS, BrI32LtS;
        I32GeU => BrI32GeU, BrI32LtU;
        I32EqImm => BrI32EqImm, BrI32NeImm;
        I32NeImm => BrI32NeImm, BrI32EqImm;
        I32LtSImm => BrI32LtSImm, BrI32GeSImm;
        I32LtUImm => BrI32LtUImm, BrI32GeUImm;
        I32GtSImm => BrI32GtSImm, BrI32LeSImm;
        I32GtUImm => BrI32GtUImm, BrI32LeUImm;
        I32LeSImm => BrI32LeSImm, BrI32GtSImm;
        I32LeUImm => BrI32LeUImm, BrI32GtUImm;
        I32GeSImm => BrI32GeSImm, BrI32LtSImm;
        I32GeUImm => BrI32GeUImm, BrI32LtUImm;
        I64Eq => BrI64Eq, BrI64Ne;
        I64Ne => BrI64Ne, BrI64Eq;
        I64LtS => BrI64LtS, BrI64GeS;
        I64LtU => BrI64LtU, BrI64GeU;
        I64GtS => BrI64GtS, BrI64LeS;
        I64GtU => BrI64GtU, BrI64LeU;
        I64LeS => BrI64LeS, BrI64GtS;
        I64LeU => BrI64LeU, BrI64GtU;
        I64GeS => BrI64GeS, BrI64LtS;
        I64GeU => BrI64GeU, BrI64LtU;
        I64EqImm => BrI64EqImm, BrI64NeImm;
        I64NeImm => BrI64NeImm, BrI64EqImm;
        I64LtSImm => BrI64LtSImm, BrI64GeSImm;
        I64LtUImm => BrI64LtUImm, BrI64GeUImm;
        I64GtSImm => BrI64GtSImm, BrI64LeSImm;
        I64GtUImm => BrI64GtUImm, BrI64LeUImm;
        I64LeSImm => BrI64LeSImm, BrI64GtSImm;
        I64LeUImm => BrI64LeUImm, BrI64GtUImm;
        I64GeSImm => BrI64GeSImm, BrI64LtSImm;
        I64GeUImm => BrI64GeUImm, BrI64LtUImm;
        F32Eq => BrF32Eq, BrF32Ne;
        F32Ne => BrF32Ne, BrF32Eq;
        F32Lt => BrF32Lt, BrF32NotLt;
        F32Gt => BrF32Gt, BrF32NotGt;
        F32Le => BrF32Le, BrF32NotLe;
        F32Ge => BrF32Ge, BrF32NotGe;
        F64Eq => BrF64Eq, BrF64Ne;
        F64Ne => BrF64Ne, BrF64Eq;
        F64Lt => BrF64Lt, BrF64NotLt;
        F64Gt => BrF64Gt, BrF64NotGt;
        F64Le => BrF64Le, BrF64NotLe;
        F64Ge => BrF64Ge, BrF64NotGe;
        F32EqImm => BrF32EqImm, BrF32NeImm;
        F32NeImm => BrF32NeImm, BrF32EqImm;
        F32LtImm => BrF32LtImm, BrF32NotLtImm;
        F32GtImm => BrF32GtImm, BrF32NotGtImm;
        F32LeImm => BrF32LeImm, BrF32NotLeImm;
        F32GeImm => BrF32GeImm, BrF32NotGeImm;
        F64EqImm => BrF64EqImm, BrF64NeImm;
        F64NeImm => BrF64NeImm, BrF64EqImm;
        F64LtImm => BrF64LtImm, BrF64NotLtImm;
        F64GtImm => BrF64GtImm, BrF64NotGtImm;
        F64LeImm => BrF64LeImm, BrF64NotLeImm;
        F64GeImm => BrF64GeImm, BrF64NotGeImm;
    }
}

/// The fused form of two float operations where `second` reads the result
/// of `first` (see `Translator::chain`).
fn chain_pair(first: &Instr, second: &Instr) -> Option<Instr> {
    chain_float(first, second)
        .or_else(|| chain_address(first, second))
        .or_else(|| chain_load(first, second))
}

/// A load fused with the binary operation that uses the loaded value.
fn chain_load(first: &Instr, second: &Instr) -> Option<Instr> {
    macro_rules! load_ops {
        (
            $($load:ident: $($op:ident => $fused:ident),*;)*
            ;
            $($load2:ident: $($op2:ident => $left:ident, $right:ident),*;)*
        ) => {
            match (*first, *second) {
                $($(
                    (
                        Instr::$load(op::$load { dst: tmp, ptr, end }),
                        Instr::$op(op::$op { dst, lhs, rhs }),
                    ) => {
                        let a = other_operand(lhs, rhs, tmp)?;
                        Some(Instr::$fused(op::$fused { dst, tmp, a, ptr, end }))
                    }
                )*)*
                $($(
                    (
                        Instr::$load2(op::$load2 { dst: tmp, ptr, end }),
                        Instr::$op2(op::$op2 { dst, lhs, rhs }),
                    ) => match (lhs == tmp, rhs == tmp) {
                        (true, false) => {
                            Some(Instr::$left(op::$left { dst, tmp, a: rhs, ptr, end }))
                        }
                        (false, true) => {
                            Some(Instr::$right(op::$right { dst, tmp, a: lhs, ptr, end }))
                        }
                        _ => None,
                    },
                )*)*
                _ => None,
            }
        };
    }
    load_ops! {
        Load32U: I32Add => I32AddLoad, I32Mul => I32MulLoad, I32And => I32AndLoad,
            I32Or => I32OrLoad, I32Xor => I32XorLoad, F32Add => F32AddLoad, F32Mul => F32MulLoad;
        Load64: I64Add => I64AddLoad, I64Mul => I64MulLoad, I64And => I64AndLoad,
            I64Or => I64OrLoad, I64Xor => I64XorLoad, F64Add => F64AddLoad, F64Mul => F64MulLoad;
        ;
        Load32U: I32Sub => I32SubLoadL, I32SubLoadR, F32Sub => F32SubLoadL, F32SubLoadR,
            F32Div => F32DivLoadL, F32DivLoadR;
        Load64: I64Sub => I64SubLoadL, I64SubLoadR, F64Sub => F64SubLoadL, F64SubLoadR,
            F64Div => F64DivLoadL, F64DivLoadR;
    }
}

/// Address arithmetic fused with its use: `x << k` added to something, or
/// a sum used as the address of a load or store.
fn chain_address(first: &Instr, second: &Instr) -> Option<Instr> {
    macro_rules! accesses {
        ($($load:ident => $fused:ident;)* ; $($store:ident => $sfused:ident;)*) => {
            match (*first, *second) {
                (
                    Instr::I32ShlImm(op::I32ShlImm { dst: tmp, lhs: a, rhs: k }),
                    Instr::I32Add(op::I32Add { dst, lhs, rhs }),
                ) => {
                    // Integer addition commutes: either side may be `tmp`.
                    let c = other_operand(lhs, rhs, tmp)?;
                    Some(Instr::I32ShlAdd(op::I32ShlAdd { dst, tmp, a, c, k }))
                }
                (Instr::I32ShlImm(op::I32ShlImm { dst: tmp, lhs: a, rhs: k }), Instr::I32Xor(x)) => {
                    let c = other_operand(x.lhs, x.rhs, tmp)?;
                    Some(Instr::I32ShlXor(op::I32ShlXor { dst: x.dst, tmp, a, c, k }))
                }
                (Instr::I32ShrUImm(op::I32ShrUImm { dst: tmp, lhs: a, rhs: k }), Instr::I32Xor(x)) => {
                    let c = other_operand(x.lhs, x.rhs, tmp)?;
                    Some(Instr::I32ShrUXor(op::I32ShrUXor { dst: x.dst, tmp, a, c, k }))
                }
                (Instr::I64ShlImm(op::I64ShlImm { dst: tmp, lhs: a, rhs: k }), Instr::I64Xor(x)) => {
                    let c = other_operand(x.lhs, x.rhs, tmp)?;
                    Some(Instr::I64ShlXor(op::I64ShlXor { dst: x.dst, tmp, a, c, k: (k & 63) as i32 }))
                }
                (Instr::I64ShrUImm(op::I64ShrUImm { dst: tmp, lhs: a, rhs: k }), Instr::I64Xor(x)) => {
                    let c = other_operand(x.lhs, x.rhs, tmp)?;
                    Some(Instr::I64ShrUXor(op::I64ShrUXor { dst: x.dst, tmp, a, c, k: (k & 63) as i32 }))
                }
                $(
                    (
                        Instr::I32Add(op::I32Add { dst: tmp, lhs: a, rhs: b }),
                        Instr::$load(op::$load { dst, ptr, end }),
                    ) => (ptr == tmp).then_some(Instr::$fused(op::$fused { dst, tmp, a, b, end })),
                )*
                $(
                    (
                        Instr::I32Add(op::I32Add { dst: tmp, lhs: a, rhs: b }),
                        Instr::$store(op::$store { ptr, value, end }),
                    ) => (ptr == tmp)
                        .then_some(Instr::$sfused(op::$sfused { tmp, a, b, value, end })),
                )*
                _ => None,
            }
        };
    }
    accesses! {
        Load8S => Load8SAdd;
        Load8U => Load8UAdd;
        Load16S => Load16SAdd;
        Load16U => Load16UAdd;
        Load32S => Load32SAdd;
        Load32U => Load32UAdd;
        Load64 => Load64Add;
        ;
        Store8 => Store8Add;
        Store16 => Store16Add;
        Store32 => Store32Add;
        Store64 => Store64Add;
    }
}

/// An address `c + (a << k)` fused with the load that uses it, when both
/// intermediates are temporaries (slots from `temps` up): once the load
/// has consumed the address, nothing can read them, so the fused load need
/// not write them.
fn chain_index(first: &Instr, second: &Instr, temps: u32) -> Option<Instr> {
    let Instr::I32ShlAdd(op::I32ShlAdd {
        dst: sum,
        tmp,
        a,
        c,
        k,
    }) = *first
    else {
        return None;
    };
    if u32::from(sum) < temps || u32::from(tmp) < temps {
        return None;
    }
    let k = (k & 31) as u16;
    macro_rules! loads {
        ($($load:ident => $fused:ident;)*) => {
            match *second {
                $(
                    Instr::$load(op::$load { dst, ptr, end }) => {
                        (ptr == sum).then_some(Instr::$fused(op::$fused { dst, a, c, k, end }))
                    }
                )*
                _ => None,
            }
        };
    }
    loads! {
        Load8S => Load8SIdx;
        Load8U => Load8UIdx;
        Load16S => Load16SIdx;
        Load16U => Load16UIdx;
        Load32S => Load32SIdx;
        Load32U => Load32UIdx;
        Load64 => Load64Idx;
    }
}

/// An address `base + k` (an `i32.add` of a constant) fused with the load
/// that uses it, and such a load fused with the operation that uses the
/// loaded value, when the intermediate is a temporary (a slot from `temps`
/// up): once consumed, nothing can read it, so the fused instruction need
/// not write it.
fn chain_offset(first: &Instr, second: &Instr, temps: u32) -> Option<Instr> {
    let temp = |slot: Slot| u32::from(slot) >= temps;
    macro_rules! offsets {
        (
            $($load:ident => $off:ident;)*
            ;
            $($lo:ident: $op:ident => $fused:ident;)*
            ;
            $($lo2:ident: $op2:ident => $left:ident, $right:ident;)*
        ) => {
            match (*first, *second) {
                $(
                    (
                        Instr::I32AddImm(op::I32AddImm { dst: sum, lhs: base, rhs: k }),
                        Instr::$load(op::$load { dst, ptr, end }),
                    ) => (ptr == sum && temp(sum))
                        .then_some(Instr::$off(op::$off { dst, base, k, end })),
                )*
                $(
                    (
                        Instr::$lo(op::$lo { dst: tmp, base, k, end }),
                        Instr::$op(op::$op { dst, lhs, rhs }),
                    ) => {
                        let a = other_operand(lhs, rhs, tmp).filter(|_| temp(tmp))?;
                        Some(Instr::$fused(op::$fused { dst, a, base, k, end }))
                    }
                )*
                $(
                    (
                        Instr::$lo2(op::$lo2 { dst: tmp, base, k, end }),
                        Instr::$op2(op::$op2 { dst, lhs, rhs }),
                    ) => match (lhs == tmp && temp(tmp), rhs == tmp && temp(tmp)) {
                        (true, false) => {
                            Some(Instr::$left(op::$left { dst, a: rhs, base, k, end }))
                        }
                        (false, true) => {
                            Some(Instr::$right(op::$right { dst, a: lhs, base, k, end }))
                        }
                        _ => None,
                    },
                )*
                _ => None,
            }
        };
    }
    offsets! {
        Load8S => Load8SOff;
        Load8U => Load8UOff;
        Load16S => Load16SOff;
        Load16U => Load16UOff;
        Load32S => Load32SOff;
        Load32U => Load32UOff;
        Load64 => Load64Off;
        ;
        Load32UOff: I32Add => I32AddLoadOff;
        Load32UOff: I32Mul => I32MulLoadOff;
        Load32UOff: I32And => I32AndLoadOff;
        Load32UOff: I32Or => I32OrLoadOff;
        Load32UOff: I32Xor => I32XorLoadOff;
        Load64Off: I64Add => I64AddLoadOff;
        Load64Off: I64Mul => I64MulLoadOff;
        Load64Off: I64And => I64AndLoadOff;
        Load64Off: I64Or => I64OrLoadOff;
        Load64Off: I64Xor => I64XorLoadOff;
        Load32UOff: F32Add => F32AddLoadOff;
        Load32UOff: F32Mul => F32MulLoadOff;
        Load64Off: F64Add => F64AddLoadOff;
        Load64Off: F64Mul => F64MulLoadOff;
        ;
        Load32UOff: I32Sub => I32SubLoadLOff, I32SubLoadROff;
        Load64Off: I64Sub => I64SubLoadLOff, I64SubLoadROff;
        Load32UOff: F32Sub => F32SubLoadLOff, F32SubLoadROff;
        Load32UOff: F32Div => F32DivLoadLOff, F32DivLoadROff;
        Load64Off: F64Sub => F64SubLoadLOff, F64SubLoadROff;
        Load64Off: F64Div => F64DivLoadLOff, F64DivLoadROff;
    }
}

/// A constant added to a base (`base + imm`: where a local array sits in
/// the frame) fused into the indexed address `(a << k) + sum` that adds it,
/// and that address into the load that uses it, when each intermediate is
/// a temporary that nothing reads again. The sums wrap at 32 bits, as the
/// `i32.add`s do, so the order of the additions does not matter.
fn chain_base(first: &Instr, second: &Instr, temps: u32) -> Option<Instr> {
    let temp = |slot: Slot| u32::from(slot) >= temps;
    macro_rules! loads {
        ($($load:ident => $fused:ident;)*) => {
            match (*first, *second) {
                (
                    Instr::I32AddImm(op::I32AddImm { dst: sum, lhs: base, rhs: imm }),
                    Instr::I32ShlAdd(op::I32ShlAdd { dst, tmp, a, c, k }),
                ) => (c == sum && a != sum && temp(sum) && temp(tmp))
                    .then_some(Instr::I32ShlAddK(op::I32ShlAddK { dst, a, c: base, k, imm })),
                $(
                    (
                        Instr::I32ShlAddK(op::I32ShlAddK { dst: sum, a, c, k, imm }),
                        Instr::$load(op::$load { dst, ptr, end }),
                    ) => {
                        let imm = i16::try_from(imm).ok().filter(|_| ptr == sum && temp(sum))?;
                        let k = (k & 31) as u16;
                        Some(Instr::$fused(op::$fused { dst, a, c, k, imm, end }))
                    }
                )*
                _ => None,
            }
        };
    }
    loads! {
        Load8S => Load8SIdxK;
        Load8U => Load8UIdxK;
        Load16S => Load16SIdxK;
        Load16U => Load16UIdxK;
        Load32S => Load32SIdxK;
        Load32U => Load32UIdxK;
        Load64 => Load64IdxK;
    }
}

/// Two loads of one kind from the same address slot, one after the other
/// (the fields of a struct), as one instruction; not when the first
/// overwrites the address the second uses.
fn chain_loads(first: &Instr, second: &Instr) -> Option<Instr> {
    macro_rules! pairs {
        ($($load:ident => $pair:ident;)*) => {
            match (*first, *second) {
                $(
                    (Instr::$load(one), Instr::$load(two)) => {
                        (one.ptr == two.ptr && one.dst != one.ptr).then_some(Instr::$pair(op::$pair {
                            dst: one.dst,
                            ptr: one.ptr,
                            end: one.end,
                            dst2: two.dst,
                            end2: two.end,
                        }))
                    }
                )*
                _ => None,
            }
        };
    }
    pairs! {
        Load8S => Load8SPair;
        Load8U => Load8UPair;
        Load16S => Load16SPair;
        Load16U => Load16UPair;
        Load32S => Load32SPair;
        Load32U => Load32UPair;
        Load64 => Load64Pair;
    }
}

/// The operand of a commutative operation that is not `tmp` (none if both
/// or neither are).
fn other_operand(lhs: Slot, rhs: Slot, tmp: Slot) -> Option<Slot> {
    match (lhs == tmp, rhs == tmp) {
        (true, false) => Some(rhs),
        (false, true) => Some(lhs),
        _ => None,
    }
}

/// Two dependent float operations fused.
fn chain_float(first: &Instr, second: &Instr) -> Option<Instr> {
    macro_rules! pairs {
        ($($first:ident, $second:ident => $l:ident, $r:ident;)*) => {
            match (*first, *second) {
                $(
                    (
                        Instr::$first(op::$first { dst: tmp, lhs: a, rhs: b }),
                        Instr::$second(op::$second { dst, lhs, rhs }),
                    ) => {
                        if lhs == tmp {
                            Some(Instr::$l(op::$l { dst, tmp, a, b, c: rhs }))
                        } else if rhs == tmp {
                            Some(Instr::$r(op::$r { dst, tmp, a, b, c: lhs }))
                        } else {
                            None
                        }
                    }
                )*
                _ => None,
            }
        };
    }
    pairs! {
        F32Add, F32Add => F32AddAddL, F32AddAddR;
        F32Add, F32Sub => F32AddSubL, F32AddSubR;
        F32Add, F32Mul => F32AddMulL, F32AddMulR;
        F32Sub, F32Add => F32SubAddL, F32SubAddR;
        F32Sub, F32Sub => F32SubSubL, F32SubSubR;
        F32Sub, F32Mul => F32SubMulL, F32SubMulR;
        F32Mul, F32Add => F32MulAddL, F32MulAddR;
        F32Mul, F32Sub => F32MulSubL, F32MulSubR;
        F32Mul, F32Mul => F32MulMulL, F32MulMulR;
        F64Add, F64Add => F64AddAddL, F64AddAddR;
        F64Add, F64Sub => F64AddSubL, F64AddSubR;
        F64Add, F64Mul => F64AddMulL, F64AddMulR;
        F64Sub, F64Add => F64SubAddL, F64SubAddR;
        F64Sub, F64Sub => F64SubSubL, F64SubSubR;
        F64Sub, F64Mul => F64SubMulL, F64SubMulR;
        F64Mul, F64Add => F64MulAddL, F64MulAddR;
        F64Mul, F64Sub => F64MulSubL, F64MulSubR;
        F64Mul, F64Mul => F64MulMulL, F64MulMulR;
    }
}

/// A branch condition after `take_condition`.
enum Cond {
    /// A comparison removed from the code, to be fused with the branch.
    Fused(Instr),
    /// The same, for a condition that is the comparison's negation.
    Negated(Instr),
    /// An `i32` in a slot.
    Slot(Slot),
}

/// The memory an access goes to (`None` for a GC array).
fn memory_of(memarg: &MemArg) -> Option<u32> {
    match memarg.target {
        wasmparser::MemArgTarget::Memory(m) => Some(m),
        wasmparser::MemArgTarget::Array(_) => None,
    }
}

/// Builders of the short form of a load (memory 0, 32-bit, offset inline)
/// and of the long form (any memory, followed by a `MemArg`).
type LoadForms = (fn(Slot, Slot, u32) -> Instr, fn(Slot, Slot) -> Instr);

/// Builders of a store's short forms (from a slot, of a constant) and of its
/// long form.
type StoreForms = (
    fn(Slot, Slot, u32) -> Instr,
    fn(Slot, u32, u64) -> Instr,
    fn(Slot, Slot) -> Instr,
);

/// Builders of a `load*_lane`'s short and long forms.
type LaneLoadForms = (
    fn(Slot, Slot, Slot, u32, u8) -> Instr,
    fn(Slot, Slot, Slot, u8) -> Instr,
);

/// Builders of a `store*_lane`'s short and long forms.
type LaneStoreForms = (
    fn(Slot, Slot, u32, u8) -> Instr,
    fn(Slot, Slot, u8) -> Instr,
);

/// Builders of the three forms of a binary operator.
struct BinOp {
    ss: fn(Slot, Slot, Slot) -> Instr,
    imm: Option<fn(Slot, Slot, u64) -> Instr>,
    imm_lhs: Option<fn(Slot, u64, Slot) -> Instr>,
}

impl Translator<'_> {
    fn height(&self) -> u32 {
        self.stack.len() as u32
    }

    /// The natural slot of an entry at `height`: after the entries below.
    fn slot_after(&self, height: u32) -> u32 {
        match height.checked_sub(1) {
            Some(below) => {
                let e = &self.stack[below as usize];
                u32::from(e.slot) + e.width()
            }
            None => self.num_local_slots,
        }
    }

    fn local(&self, x: u32) -> LocalSlot {
        self.locals[x as usize]
    }

    fn push(&mut self, operand: Operand, wide: bool) -> R {
        if let Operand::Local(i) = operand {
            self.local_refs[i as usize] += 1;
            self.total_local_refs += 1;
        }
        let slot = self.slot_after(self.height());
        let end = slot + if wide { 2 } else { 1 };
        if end > u32::from(Slot::MAX) + 1 {
            return Err(Failure::TooLarge);
        }
        self.max_slots = self.max_slots.max(end);
        self.stack.push(Entry {
            operand,
            slot: slot as Slot,
            wide,
        });
        Ok(())
    }

    /// Pushes local `x`.
    fn push_local(&mut self, x: u32) -> R {
        let wide = self.local(x).wide;
        self.push(Operand::Local(x), wide)
    }

    /// Pushes a temporary and returns its slot.
    fn push_temp(&mut self, wide: bool) -> R<Slot> {
        self.push(Operand::Temp, wide)?;
        Ok(self.top().slot)
    }

    fn top(&self) -> Entry {
        let top = self.stack.last().copied();
        debug_assert!(top.is_some(), "operand stack underflow in valid code");
        top.unwrap_or(Entry {
            operand: Operand::Temp,
            slot: 0,
            wide: false,
        })
    }

    fn pop(&mut self) -> Entry {
        let entry = self.top();
        self.stack.pop();
        if let Operand::Local(i) = entry.operand {
            self.local_refs[i as usize] -= 1;
            self.total_local_refs -= 1;
        }
        entry
    }

    fn truncate(&mut self, height: u32) {
        while self.height() > height {
            self.pop();
        }
    }

    fn emit(&mut self, instr: Instr) -> usize {
        self.code.push(instr);
        self.last = None;
        self.code.len() - 1
    }

    /// Emits an instruction whose result is the new top-of-stack temporary.
    fn emit_result(&mut self, instr: Instr) {
        let index = self.emit(instr);
        self.last = Some(index);
    }

    /// Marks the current position as a branch target.
    fn bind_label(&mut self) {
        self.last = None;
        self.label_at = self.code.len();
    }

    fn patch(&mut self, site: usize, target: usize) {
        let offset = target as i64 - site as i64;
        let patched = self.code[site].set_branch_offset(offset as i32);
        debug_assert!(patched, "patched a non-branch");
    }

    /// Emits a copy of a value of one or two slots.
    fn emit_copy(&mut self, dst: Slot, src: Slot, wide: bool) {
        self.emit(if wide {
            Instr::Copy128(op::Copy128 { dst, src })
        } else {
            Instr::Copy(op::Copy { dst, src })
        });
    }

    /// Emits code that puts `operand` (a local or a constant) in `dst`.
    fn emit_put(&mut self, dst: Slot, operand: Operand) {
        match operand {
            Operand::Local(x) => {
                let local = self.local(x);
                self.emit_copy(dst, local.slot, local.wide);
            }
            Operand::Const(value) => {
                self.emit(Instr::Const(op::Const { dst, value }));
            }
            Operand::V128(value) => {
                self.emit(Instr::Const(op::Const {
                    dst,
                    value: value as u64,
                }));
                self.emit(Instr::Const(op::Const {
                    dst: dst + 1,
                    value: (value >> 64) as u64,
                }));
            }
            Operand::Temp => {}
        }
    }

    /// The slot holding a popped entry; constants are materialized into
    /// their natural slot.
    fn slot_of(&mut self, entry: Entry) -> R<Slot> {
        Ok(match entry.operand {
            Operand::Local(i) => self.local(i).slot,
            Operand::Temp => entry.slot,
            constant => {
                self.emit_put(entry.slot, constant);
                entry.slot
            }
        })
    }

    /// Pops the top operand and returns its slot.
    fn pop_slot(&mut self) -> R<Slot> {
        let entry = self.pop();
        self.slot_of(entry)
    }

    /// Moves the entry at height `h` into its natural slot.
    fn materialize(&mut self, h: u32) -> R {
        let entry = self.stack[h as usize];
        if entry.operand == Operand::Temp {
            return Ok(());
        }
        self.emit_put(entry.slot, entry.operand);
        if let Operand::Local(i) = entry.operand {
            self.local_refs[i as usize] -= 1;
            self.total_local_refs -= 1;
        }
        self.stack[h as usize].operand = Operand::Temp;
        Ok(())
    }

    fn materialize_top(&mut self, n: u32) -> R {
        let len = self.height();
        for h in len - n..len {
            self.materialize(h)?;
        }
        Ok(())
    }

    /// Copies every stack entry that reads local `x` into its own slot.
    fn preserve_local(&mut self, x: u32) -> R {
        let mut h = self.height();
        while self.local_refs[x as usize] > 0 && h > 0 {
            h -= 1;
            if self.stack[h as usize].operand == Operand::Local(x) {
                self.materialize(h)?;
            }
        }
        Ok(())
    }

    /// Copies every stack entry that reads a local into its own slot.
    fn preserve_all_locals(&mut self) -> R {
        let mut h = self.height();
        while self.total_local_refs > 0 && h > 0 {
            h -= 1;
            if let Operand::Local(_) = self.stack[h as usize].operand {
                self.materialize(h)?;
            }
        }
        Ok(())
    }

    /// Whether the top temporary was written by the last instruction, which
    /// may therefore be retargeted or removed.
    fn last_wrote_top(&self) -> Option<usize> {
        let index = self.last?;
        // An access or a shuffle is followed by a word of its operands.
        let followed_by_data = index + 2 == self.code.len()
            && matches!(self.code[index + 1], Instr::MemArg(_) | Instr::Lanes(_));
        if index + 1 != self.code.len() && !followed_by_data {
            return None;
        }
        let top = self.stack.last()?;
        (top.operand == Operand::Temp && self.code[index].result() == Some(top.slot))
            .then_some(index)
    }

    fn block_arity(&self, ty: BlockType) -> (u32, u32) {
        match ty {
            BlockType::Empty => (0, 0),
            BlockType::Type(_) => (0, 1),
            BlockType::FuncType(t) => {
                let ty = self.info.signature(t);
                (ty.params().len() as u32, ty.results().len() as u32)
            }
        }
    }

    /// Whether parameter (or result) `i` of a block type is a `v128`.
    fn block_value_wide(&self, ty: BlockType, results: bool, i: u32) -> bool {
        let wide = |t: &wasmparser::ValType| *t == wasmparser::ValType::V128;
        match ty {
            BlockType::Empty => false,
            BlockType::Type(t) => wide(&t),
            BlockType::FuncType(t) => {
                let ty = self.info.signature(t);
                let list = if results { ty.results() } else { ty.params() };
                list.get(i as usize) == Some(&ValType::V128)
            }
        }
    }

    fn push_frame(&mut self, kind: ControlKind, ty: BlockType) {
        let (num_params, num_results) = self.block_arity(ty);
        let height = self.height() - num_params;
        let base_slot = self.slot_after(height);
        self.frames.push(Control {
            kind,
            ty,
            height,
            base_slot,
            num_params,
            num_results,
            loop_start: self.code.len(),
            pending: Vec::new(),
            else_site: None,
            reachable_at_entry: true,
            branched_to: false,
            try_index: None,
        });
    }

    fn frame_index(&self, depth: u32) -> usize {
        self.frames.len() - 1 - depth as usize
    }

    /// Records a branch instruction at `site` to the label of frame `target`.
    fn attach(&mut self, target: usize, site: usize) {
        let frame = &mut self.frames[target];
        frame.branched_to = true;
        if frame.kind == ControlKind::Loop {
            let start = frame.loop_start;
            self.patch(site, start);
        } else {
            frame.pending.push(site);
        }
    }

    /// The slots of the first `arity` results (or parameters) of frame
    /// `target`, laid out from the frame's base slot.
    fn frame_slots(&self, target: usize, arity: u32, results: bool) -> R<Vec<Slot>> {
        let frame = &self.frames[target];
        let mut slot = frame.base_slot;
        let mut slots = Vec::with_capacity(arity as usize);
        for i in 0..arity {
            slots.push(Slot::try_from(slot).map_err(|_| Failure::TooLarge)?);
            slot += if self.block_value_wide(frame.ty, results, i) {
                2
            } else {
                1
            };
        }
        Ok(slots)
    }

    /// The slots a branch to frame `target` delivers its values to.
    fn label_slots(&self, target: usize) -> R<Vec<Slot>> {
        let frame = &self.frames[target];
        let results = frame.kind != ControlKind::Loop;
        self.frame_slots(target, frame.label_arity(), results)
    }

    /// Whether branching to frame `target` must move values first.
    fn needs_copies(&self, target: usize) -> R<bool> {
        let slots = self.label_slots(target)?;
        let len = self.height() as usize;
        let top = &self.stack[len - slots.len()..];
        Ok(top
            .iter()
            .zip(&slots)
            .any(|(e, &slot)| e.operand != Operand::Temp || e.slot != slot))
    }

    /// Moves the values a branch to frame `target` carries into the label's
    /// slots, without changing the stack model (the copies may run only on
    /// the branch's path).
    fn emit_copies(&mut self, target: usize) -> R {
        let slots = self.label_slots(target)?;
        self.emit_moves(&slots)
    }

    /// Moves the top `slots.len()` values into `slots`, without changing
    /// the stack model. Each destination is at or below its source, so
    /// copying in order never overwrites a value still to be moved.
    fn emit_moves(&mut self, slots: &[Slot]) -> R {
        let len = self.height() as usize;
        for (i, &dst) in slots.iter().enumerate() {
            let entry = self.stack[len - slots.len() + i];
            match entry.operand {
                Operand::Temp if entry.slot != dst => self.emit_copy(dst, entry.slot, entry.wide),
                Operand::Temp => {}
                other => self.emit_put(dst, other),
            }
        }
        Ok(())
    }

    /// Returns from the function with the top operands as results, without
    /// changing the stack model.
    fn emit_return(&mut self) -> R {
        let n = self.frames[0].num_results as usize;
        let len = self.height() as usize;
        let results = &self.stack[len - n..];
        match (n, results.first().copied()) {
            (0, _) | (_, None) => {
                self.emit(Instr::Return(op::Return {}));
            }
            (1, Some(e)) if !e.wide => {
                let instr = match e.operand {
                    Operand::Local(x) => Instr::ReturnSlot(op::ReturnSlot {
                        src: self.local(x).slot,
                    }),
                    Operand::Const(value) => Instr::ReturnImm(op::ReturnImm { value }),
                    _ => Instr::ReturnSlot(op::ReturnSlot { src: e.slot }),
                };
                self.emit(instr);
            }
            (
                1,
                Some(Entry {
                    operand: Operand::Local(x),
                    ..
                }),
            ) => {
                // A `v128` local: return its two slots where they are.
                let src = self.local(x).slot;
                self.emit(Instr::ReturnSpan(op::ReturnSpan { start: src, len: 2 }));
            }
            (_, Some(first)) => {
                // Put every result in its natural slot; they are then laid
                // out as the caller expects, from the first one's slot.
                let mut width = 0;
                for h in len - n..len {
                    let e = self.stack[h];
                    self.emit_put(e.slot, e.operand);
                    width += e.width();
                }
                self.emit(Instr::ReturnSpan(op::ReturnSpan {
                    start: first.slot,
                    len: width as u16,
                }));
            }
        }
        Ok(())
    }

    /// Pops a branch condition, taking a comparison that computed it out of
    /// the code so it can be fused with the branch.
    fn take_condition(&mut self) -> R<Cond> {
        // `cmp; i32.eqz` branches when the comparison fails: one branch on
        // the negated comparison (for floats, "not less", which NaN meets).
        // Both go only if nothing jumps to the `eqz` between them.
        if let Some(index) = self.last_wrote_top()
            && index >= 1
            && self.label_at < index
            && let Instr::I32Eqz(op::I32Eqz { src, .. }) = self.code[index]
            && self.code[index - 1].result() == Some(src)
            && fuse_branch(&self.code[index - 1], true).is_some()
            && u32::from(src) >= self.num_local_slots
        {
            self.pop();
            self.code.remove(index);
            let cmp = self.code.remove(index - 1);
            self.last = None;
            return Ok(Cond::Negated(cmp));
        }
        if let Some(index) = self.last_wrote_top()
            && fuse_branch(&self.code[index], false).is_some()
        {
            self.pop();
            let cmp = self.code.remove(index);
            self.last = None;
            return Ok(Cond::Fused(cmp));
        }
        Ok(Cond::Slot(self.pop_slot()?))
    }

    /// Emits a branch taken when the condition holds (or, with `negate`, when
    /// it does not); returns the site to patch.
    fn emit_cond_branch(&mut self, cond: &Cond, negate: bool) -> usize {
        let instr = match cond {
            Cond::Fused(cmp) => match fuse_branch(cmp, negate) {
                Some(instr) => instr,
                None => unreachable_fuse(),
            },
            Cond::Negated(cmp) => match fuse_branch(cmp, !negate) {
                Some(instr) => instr,
                None => unreachable_fuse(),
            },
            Cond::Slot(cond) if negate => Instr::BrIfEqz(op::BrIfEqz {
                cond: *cond,
                offset: 0,
            }),
            Cond::Slot(cond) => Instr::BrIfNez(op::BrIfNez {
                cond: *cond,
                offset: 0,
            }),
        };
        self.emit(instr)
    }

    fn br(&mut self, depth: u32) -> R {
        let target = self.frame_index(depth);
        if self.frames[target].kind == ControlKind::Function {
            self.emit_return()?;
        } else {
            self.emit_copies(target)?;
            let site = self.emit(Instr::Br(op::Br { offset: 0 }));
            self.attach(target, site);
        }
        self.reachable = false;
        Ok(())
    }

    fn br_if(&mut self, depth: u32) -> R {
        let cond = self.take_condition()?;
        self.br_on(depth, &cond, false)
    }

    /// Branches to the label at `depth` when `cond` holds (with `negate`,
    /// when it does not), carrying the label's values from the stack top.
    fn br_on(&mut self, depth: u32, cond: &Cond, negate: bool) -> R {
        let target = self.frame_index(depth);
        if self.frames[target].kind != ControlKind::Function && !self.needs_copies(target)? {
            let site = self.emit_cond_branch(cond, negate);
            self.attach(target, site);
            return Ok(());
        }
        let skip = self.emit_cond_branch(cond, !negate);
        if self.frames[target].kind == ControlKind::Function {
            self.emit_return()?;
        } else {
            self.emit_copies(target)?;
            let site = self.emit(Instr::Br(op::Br { offset: 0 }));
            self.attach(target, site);
        }
        let here = self.code.len();
        self.patch(skip, here);
        self.bind_label();
        Ok(())
    }

    /// `br_on_null` (`on_null`) and `br_on_non_null`: a branch on whether
    /// the reference on top is null. `br_on_null` drops the reference when
    /// it branches and keeps it otherwise; `br_on_non_null` carries it to
    /// the label and drops it otherwise.
    fn br_on_null(&mut self, depth: u32, on_null: bool) -> R {
        let h = self.height() - 1;
        self.materialize(h)?;
        let reference = self.top().slot;
        let is_null = self.push_temp(false)?;
        self.emit_result(Instr::I64Eqz(op::I64Eqz {
            dst: is_null,
            src: reference,
        }));
        let cond = self.take_condition()?;
        if on_null {
            self.pop();
            self.br_on(depth, &cond, false)?;
            // The same natural slot as before: the reference is still there.
            self.push(Operand::Temp, false)
        } else {
            self.br_on(depth, &cond, true)?;
            self.pop();
            Ok(())
        }
    }

    /// What a cast to `(ref null? hty)` checks.
    fn cast_target(&self, hty: wasmparser::HeapType, nullable: bool) -> R<CastTarget> {
        let ty = wasmparser::RefType::new(nullable, hty)
            .and_then(|r| RefType::from_wasmparser(r, &|i| self.info.resolve(i)))
            .ok_or_else(|| Failure::Unsupported(format!("a cast to {hty:?}")))?;
        let is_final = match hty {
            wasmparser::HeapType::Concrete(wasmparser::UnpackedIndex::Module(i)) => {
                self.info.type_final[i as usize]
            }
            _ => false,
        };
        Ok(CastTarget::new(ty, is_final))
    }

    /// The fields of the struct type at `index`.
    fn struct_fields(&self, index: u32) -> &[FieldType] {
        match &self.info.types[index as usize] {
            CompositeType::Struct(s) => s.fields(),
            _ => &[],
        }
    }

    /// The element type of the array type at `index`.
    fn array_element(&self, index: u32) -> StorageType {
        match &self.info.types[index as usize] {
            CompositeType::Array(a) => *a.field_type().element_type(),
            _ => StorageType::I8,
        }
    }

    /// `struct.get`, `struct.get_s` (`signed`) and `struct.get_u`.
    fn struct_get(&mut self, ty: u32, field: u32, signed: bool) -> R {
        let wide = self.struct_fields(ty)[field as usize]
            .element_type()
            .unpacked()
            == ValType::V128;
        let obj = self.pop_slot()?;
        let dst = self.push_temp(wide)?;
        self.emit_result(Instr::StructGet(op::StructGet {
            dst,
            obj,
            field,
            signed: u32::from(signed),
        }));
        Ok(())
    }

    /// `array.get`, `array.get_s` (`signed`) and `array.get_u`.
    fn array_get(&mut self, ty: u32, signed: bool) -> R {
        let wide = self.array_element(ty).unpacked() == ValType::V128;
        let [arr, index] = self.pop_slots::<2>()?;
        let dst = self.push_temp(wide)?;
        self.emit_result(Instr::ArrayGet(op::ArrayGet {
            dst,
            arr,
            index,
            signed: u32::from(signed),
        }));
        Ok(())
    }

    /// `ref.test`.
    fn ref_test(&mut self, hty: wasmparser::HeapType, nullable: bool) -> R {
        let target = self.cast_target(hty, nullable)?;
        let src = self.pop_slot()?;
        let dst = self.push_temp(false)?;
        self.emit_result(Instr::RefTest(op::RefTest {
            dst,
            src,
            kind: target.kind,
            type_id: target.type_id,
        }));
        Ok(())
    }

    /// `ref.cast`: checks the reference on top, which stays there.
    fn ref_cast(&mut self, hty: wasmparser::HeapType, nullable: bool) -> R {
        let target = self.cast_target(hty, nullable)?;
        let src = self.top_slot()?;
        self.emit(Instr::RefCast(op::RefCast {
            src,
            kind: target.kind,
            type_id: target.type_id,
        }));
        Ok(())
    }

    /// `br_on_cast` and (`on_fail`) `br_on_cast_fail`: a branch on whether
    /// the reference on top has type `to`; it stays on the stack either way.
    fn br_on_cast(&mut self, depth: u32, to: wasmparser::RefType, on_fail: bool) -> R {
        let target = self.cast_target(to.heap_type(), to.is_nullable())?;
        let h = self.height() - 1;
        self.materialize(h)?;
        let reference = self.top().slot;
        let ok = self.push_temp(false)?;
        self.emit_result(Instr::RefTest(op::RefTest {
            dst: ok,
            src: reference,
            kind: target.kind,
            type_id: target.type_id,
        }));
        let cond = self.take_condition()?;
        self.br_on(depth, &cond, on_fail)
    }

    /// The slot holding the top entry, which stays on the stack.
    fn top_slot(&mut self) -> R<Slot> {
        let entry = self.top();
        Ok(match entry.operand {
            Operand::Local(i) => self.local(i).slot,
            Operand::Temp => entry.slot,
            _ => {
                self.materialize(self.height() - 1)?;
                entry.slot
            }
        })
    }

    fn br_table(&mut self, targets: &wasmparser::BrTable<'_>) -> R {
        let mut depths = Vec::with_capacity(targets.len() as usize + 1);
        for depth in targets.targets() {
            match depth {
                Ok(d) => depths.push(d),
                Err(e) => return Err(Failure::Unsupported(e.to_string())),
            }
        }
        depths.push(targets.default());
        let index_entry = self.pop();
        if let Operand::Const(c) = index_entry.operand {
            let i = (c as u32 as usize).min(depths.len() - 1);
            return self.br(depths[i]);
        }
        let index = self.slot_of(index_entry)?;
        let len = depths.len() as u32 - 1;
        self.emit(if br_table_by_match() {
            Instr::BrTable(op::BrTable { index, len })
        } else {
            Instr::BrTableComputed(op::BrTableComputed { index, len })
        });
        // Targets that need copies (or return) share one pad per depth.
        let mut pads: Vec<Pad> = Vec::new();
        let mut pad_of_depth: HashMap<u32, usize> = HashMap::new();
        let mut direct_of_depth: HashMap<u32, bool> = HashMap::new();
        for depth in depths {
            let target = self.frame_index(depth);
            let site = self.emit(Instr::Br(op::Br { offset: 0 }));
            let direct = match direct_of_depth.get(&depth) {
                Some(&d) => d,
                None => {
                    let d = self.frames[target].kind != ControlKind::Function
                        && !self.needs_copies(target)?;
                    direct_of_depth.insert(depth, d);
                    d
                }
            };
            if direct {
                self.attach(target, site);
            } else {
                let index = *pad_of_depth.entry(depth).or_insert_with(|| {
                    pads.push(Pad {
                        depth,
                        sites: Vec::new(),
                    });
                    pads.len() - 1
                });
                pads[index].sites.push(site);
            }
        }
        for pad in pads {
            let here = self.code.len();
            for site in pad.sites {
                self.patch(site, here);
            }
            self.bind_label();
            let target = self.frame_index(pad.depth);
            if self.frames[target].kind == ControlKind::Function {
                self.emit_return()?;
            } else {
                self.emit_copies(target)?;
                let site = self.emit(Instr::Br(op::Br { offset: 0 }));
                self.attach(target, site);
            }
        }
        self.reachable = false;
        Ok(())
    }

    fn end(&mut self) -> R {
        let Some(frame) = self.frames.last() else {
            return Ok(());
        };
        if frame.kind == ControlKind::Function {
            if self.reachable {
                self.emit_return()?;
            }
            self.frames.pop();
            return Ok(());
        }
        let target = self.frames.len() - 1;
        if let Some(i) = self.frames[target].try_index {
            // The body ends here: the moves below cannot throw.
            let mut handler = std::mem::take(&mut self.tries[i]);
            handler.end = self.code.len() as u32;
            self.handlers.push(handler);
        }
        if self.reachable {
            let results = self.frames[target].num_results;
            let slots = self.frame_slots(target, results, true)?;
            self.emit_moves(&slots)?;
        }
        let Some(frame) = self.frames.pop() else {
            return Ok(());
        };
        let here = self.code.len();
        if let Some(site) = frame.else_site {
            self.patch(site, here);
        }
        if frame.kind != ControlKind::Loop {
            for &site in &frame.pending {
                self.patch(site, here);
            }
        }
        self.bind_label();
        self.reachable = self.reachable
            || (frame.kind != ControlKind::Loop && frame.branched_to)
            || (frame.kind == ControlKind::If && frame.else_site.is_some());
        self.truncate(frame.height);
        self.push_block_values(frame.ty, frame.height, frame.num_results, true)
    }

    fn else_(&mut self) -> R {
        let target = self.frames.len() - 1;
        if self.reachable {
            self.emit_copies(target)?;
            let site = self.emit(Instr::Br(op::Br { offset: 0 }));
            self.frames[target].pending.push(site);
            self.frames[target].branched_to = true;
        }
        let here = self.code.len();
        if let Some(site) = self.frames[target].else_site.take() {
            self.patch(site, here);
        }
        self.bind_label();
        let frame = &mut self.frames[target];
        frame.kind = ControlKind::Else;
        let (height, params, reachable) =
            (frame.height, frame.num_params, frame.reachable_at_entry);
        let ty = frame.ty;
        self.reachable = reachable;
        self.truncate(height);
        self.push_block_values(ty, height, params, false)
    }

    /// `try_table`: a block whose body's code range catches exceptions.
    /// Each catch clause gets a landing pad, placed before the body behind
    /// a jump over them: the exception's values (and reference) arrive in
    /// the slots above the block's operands, as if pushed where the
    /// `try_table` stands, and the pad branches with them to the clause's
    /// label (which counts from outside the block), exactly as a `br` there
    /// would.
    fn try_table(&mut self, tt: wasmparser::TryTable) -> R {
        let (np, _) = self.block_arity(tt.ty);
        self.preserve_all_locals()?;
        let height = self.height() - np;
        let skip = (!tt.catches.is_empty()).then(|| self.emit(Instr::Br(op::Br { offset: 0 })));
        // The block's parameters stay as they are (no local among them
        // now); the pads work below them.
        let params: Vec<Entry> = self.stack.drain(height as usize..).collect();
        let mut catches = Vec::with_capacity(tt.catches.len());
        for catch in tt.catches {
            use wasmparser::Catch as C;
            let (tag, with_ref, label) = match catch {
                C::One { tag, label } => (Some(tag), false, label),
                C::OneRef { tag, label } => (Some(tag), true, label),
                C::All { label } => (None, false, label),
                C::AllRef { label } => (None, true, label),
            };
            let pad = self.code.len() as u32;
            self.bind_label();
            let slot = Slot::try_from(self.slot_after(height)).map_err(|_| Failure::TooLarge)?;
            if let Some(tag) = tag {
                let info = self.info;
                for ty in info.tag_type(tag).params() {
                    self.push(Operand::Temp, *ty == ValType::V128)?;
                }
            }
            if with_ref {
                self.push(Operand::Temp, false)?;
            }
            self.reachable = true;
            self.br(label)?;
            self.truncate(height);
            catches.push(Catch {
                tag,
                with_ref,
                pad,
                slot,
            });
        }
        self.stack.extend(params);
        self.reachable = true;
        if let Some(site) = skip {
            let here = self.code.len();
            self.patch(site, here);
            self.bind_label();
        }
        self.push_frame(ControlKind::Block, tt.ty);
        let index = self.tries.len();
        self.tries.push(TryHandler {
            start: self.code.len() as u32,
            end: 0,
            catches: catches.into(),
        });
        if let Some(frame) = self.frames.last_mut() {
            frame.try_index = Some(index);
        }
        Ok(())
    }

    /// Pushes the results (or parameters) of a block of type `ty` whose
    /// values start at stack height `height`, as temporaries.
    fn push_block_values(&mut self, ty: BlockType, height: u32, n: u32, results: bool) -> R {
        // Valid code never pops below a block's height; stay consistent if
        // it somehow did.
        debug_assert!(self.height() == height, "operand stack below a block");
        while self.height() < height {
            self.push(Operand::Temp, false)?;
        }
        for i in 0..n {
            let wide = self.block_value_wide(ty, results, i);
            self.push(Operand::Temp, wide)?;
        }
        Ok(())
    }

    fn local_set(&mut self, x: u32, tee: bool) -> R {
        let value = self.top();
        if value.operand == Operand::Local(x) {
            if !tee {
                self.pop();
            }
            return Ok(());
        }
        let local = self.local(x);
        if self.local_refs[x as usize] == 0
            && let Some(index) = self.last_wrote_top()
        {
            self.code[index].set_result(local.slot);
            self.last = None;
            self.pop();
            if tee {
                self.push_local(x)?;
            }
            return Ok(());
        }
        self.pop();
        self.preserve_local(x)?;
        match value.operand {
            Operand::Temp => self.emit_copy(local.slot, value.slot, value.wide),
            other => self.emit_put(local.slot, other),
        }
        if tee {
            self.push(value.operand, value.wide)?;
        }
        Ok(())
    }

    /// An operator with one operand and one result.
    fn unary(&mut self, build: fn(Slot, Slot) -> Instr) -> R {
        self.unary_to(false, build)
    }

    /// An operator with one operand and one result, `wide` if a `v128`.
    fn unary_to(&mut self, wide: bool, build: fn(Slot, Slot) -> Instr) -> R {
        let src = self.pop_slot()?;
        let dst = self.push_temp(wide)?;
        self.emit_result(build(dst, src));
        Ok(())
    }

    fn binary(&mut self, op: BinOp, fold: Option<&dyn Fn(u64, u64) -> Option<u64>>) -> R {
        let rhs = self.pop();
        let lhs = self.pop();
        if let (Operand::Const(a), Operand::Const(b), Some(fold)) = (lhs.operand, rhs.operand, fold)
            && let Some(value) = fold(a, b)
        {
            return self.push(Operand::Const(value), false);
        }
        let dst = lhs.slot;
        let instr = match (lhs.operand, rhs.operand, op.imm, op.imm_lhs) {
            (_, Operand::Const(c), Some(imm), _) => {
                let l = self.slot_of(lhs)?;
                imm(dst, l, c)
            }
            (Operand::Const(c), _, _, Some(imm_lhs)) => {
                let r = self.slot_of(rhs)?;
                imm_lhs(dst, c, r)
            }
            _ => {
                let l = self.slot_of(lhs)?;
                let r = self.slot_of(rhs)?;
                (op.ss)(dst, l, r)
            }
        };
        self.push_temp(false)?;
        let instr = self.chain(instr);
        self.emit_result(instr);
        Ok(())
    }

    /// Fuses `second` with the instruction just before it when that one
    /// computed one of its operands: two dependent float operations become
    /// one instruction that passes the value in a register. Only while no
    /// label was bound between them (nothing may jump to `second` alone).
    ///
    /// A fused instruction is tried again with the one before it, so that a
    /// chain of three or more can become one.
    fn chain(&mut self, mut second: Instr) -> Instr {
        loop {
            let Some(index) = self.code.len().checked_sub(1) else {
                return second;
            };
            if self.label_at > index {
                return second;
            }
            let temps = self.num_local_slots;
            let first = &self.code[index];
            let fused = chain_index(first, &second, temps)
                .or_else(|| chain_offset(first, &second, temps))
                .or_else(|| chain_base(first, &second, temps))
                .or_else(|| chain_pair(first, &second))
                .or_else(|| chain_loads(first, &second));
            let Some(fused) = fused else {
                return second;
            };
            self.code.pop();
            if self.last == Some(index) {
                self.last = None;
            }
            second = fused;
        }
    }

    /// An operator with two operands and one result, `wide` if a `v128`.
    fn binary_to(&mut self, wide: bool, build: fn(Slot, Slot, Slot) -> Instr) -> R {
        let [lhs, rhs] = self.pop_slots::<2>()?;
        let dst = self.push_temp(wide)?;
        self.emit_result(build(dst, lhs, rhs));
        Ok(())
    }

    /// An operator with three `v128` operands and a `v128` result.
    fn ternary_v128(&mut self, build: fn(Slot, Slot, Slot, Slot) -> Instr) -> R {
        let [a, b, c] = self.pop_slots::<3>()?;
        let dst = self.push_temp(true)?;
        self.emit_result(build(dst, a, b, c));
        Ok(())
    }

    /// An `extract_lane`: a vector to a scalar.
    fn extract_lane(&mut self, lane: u8, build: fn(Slot, Slot, u8) -> Instr) -> R {
        let src = self.pop_slot()?;
        let dst = self.push_temp(false)?;
        self.emit_result(build(dst, src, lane));
        Ok(())
    }

    /// A `replace_lane`: a vector and a scalar to a vector.
    fn replace_lane(&mut self, lane: u8, build: fn(Slot, Slot, Slot, u8) -> Instr) -> R {
        let [lhs, rhs] = self.pop_slots::<2>()?;
        let dst = self.push_temp(true)?;
        self.emit_result(build(dst, lhs, rhs, lane));
        Ok(())
    }

    /// `i8x16.shuffle`: the lane indices follow in a `Lanes` word.
    fn shuffle(&mut self, lanes: [u8; 16]) -> R {
        let [lhs, rhs] = self.pop_slots::<2>()?;
        let dst = self.push_temp(true)?;
        let lanes = u128::from_le_bytes(lanes);
        let index = self.emit(Instr::I8x16Shuffle(op::I8x16Shuffle {
            dst,
            lhs,
            rhs,
            lo: lanes as u64,
        }));
        self.emit(Instr::Lanes(op::Lanes {
            hi: (lanes >> 64) as u64,
        }));
        self.last = Some(index);
        Ok(())
    }

    /// `v128.store`, in the short or the long form.
    fn v128_store(&mut self, memarg: &MemArg) -> R {
        let [ptr, value] = self.pop_slots::<2>()?;
        match self.short_form(memarg) {
            Some(offset) => {
                self.emit(Instr::V128Store(op::V128Store { ptr, value, offset }));
            }
            None => {
                self.emit(Instr::V128StoreMem(op::V128StoreMem { ptr, value }));
                self.emit_memarg(memarg)?;
            }
        }
        Ok(())
    }

    /// `v128.load*_lane`: a vector with one lane loaded from memory.
    fn load_lane(&mut self, memarg: &MemArg, lane: u8, forms: LaneLoadForms) -> R {
        let [ptr, src] = self.pop_slots::<2>()?;
        let dst = self.push_temp(true)?;
        match self.short_form(memarg) {
            Some(offset) => self.emit_result((forms.0)(dst, src, ptr, offset, lane)),
            None => {
                let index = self.emit((forms.1)(dst, src, ptr, lane));
                self.emit_memarg(memarg)?;
                self.last = Some(index);
            }
        }
        Ok(())
    }

    /// `v128.store*_lane`: one lane of a vector stored to memory.
    fn store_lane(&mut self, memarg: &MemArg, lane: u8, forms: LaneStoreForms) -> R {
        let [ptr, value] = self.pop_slots::<2>()?;
        match self.short_form(memarg) {
            Some(offset) => {
                self.emit((forms.0)(ptr, value, offset, lane));
            }
            None => {
                self.emit((forms.1)(ptr, value, lane));
                self.emit_memarg(memarg)?;
            }
        }
        Ok(())
    }

    /// Whether an access can use the short form: memory 0, 32-bit, whose
    /// base and size the interpreter keeps in registers.
    fn short_form(&self, memarg: &MemArg) -> Option<u32> {
        self.short_form_end(memarg, 0)
    }

    /// The short form's immediate of a scalar access of `size` bytes: its
    /// offset plus `size` (the end of the access past `ptr`), if it is an
    /// access to a 32-bit memory 0 and that fits in 32 bits.
    fn short_form_end(&self, memarg: &MemArg, size: u32) -> Option<u32> {
        let memory0_32 = self.info.memories.first().is_some_and(|m| !m.is_64());
        (memory_of(memarg) == Some(0) && memory0_32)
            .then(|| u32::try_from(memarg.offset.checked_add(u64::from(size))?).ok())
            .flatten()
    }

    /// Emits the `MemArg` that follows an access in the long form.
    fn emit_memarg(&mut self, memarg: &MemArg) -> R {
        let memory = memory_of(memarg)
            .ok_or_else(|| Failure::Unsupported("an access to a GC array".to_string()))?;
        self.emit(Instr::MemArg(op::MemArg {
            memory,
            offset: memarg.offset,
        }));
        Ok(())
    }

    /// A scalar load of `size` bytes (its short form carries the end).
    fn load(&mut self, memarg: &MemArg, size: u32, forms: LoadForms) -> R {
        self.load_at(false, memarg, size, forms)
    }

    /// A `v128` load (its short form carries the offset).
    fn load_to(&mut self, wide: bool, memarg: &MemArg, forms: LoadForms) -> R {
        self.load_at(wide, memarg, 0, forms)
    }

    fn load_at(&mut self, wide: bool, memarg: &MemArg, size: u32, (short, long): LoadForms) -> R {
        let ptr = self.pop_slot()?;
        let dst = self.push_temp(wide)?;
        match self.short_form_end(memarg, size) {
            Some(offset) => {
                let instr = self.chain(short(dst, ptr, offset));
                self.emit_result(instr);
            }
            None => {
                let index = self.emit(long(dst, ptr));
                self.emit_memarg(memarg)?;
                // The access may still be retargeted: `last_wrote_top`
                // looks past the `MemArg`.
                self.last = Some(index);
            }
        }
        Ok(())
    }

    /// A scalar store of `size` bytes (its short forms carry the end).
    fn store(&mut self, memarg: &MemArg, size: u32, (short, short_imm, long): StoreForms) -> R {
        let value = self.pop();
        let ptr = self.pop_slot()?;
        match self.short_form_end(memarg, size) {
            Some(offset) => {
                let instr = match value.operand {
                    Operand::Const(c) => short_imm(ptr, offset, c),
                    _ => {
                        let value = self.slot_of(value)?;
                        short(ptr, value, offset)
                    }
                };
                let instr = self.chain(instr);
                self.emit(instr);
            }
            None => {
                let value = self.slot_of(value)?;
                self.emit(long(ptr, value));
                self.emit_memarg(memarg)?;
            }
        }
        Ok(())
    }

    /// Pops `n` operands into slots, in stack order.
    fn pop_slots<const N: usize>(&mut self) -> R<[Slot; N]> {
        let mut entries = [self.top(); N];
        for i in (0..N).rev() {
            entries[i] = self.pop();
        }
        let mut slots = [0; N];
        for i in 0..N {
            slots[i] = self.slot_of(entries[i])?;
        }
        Ok(slots)
    }

    /// Moves `n` arguments into their natural slots and returns the first
    /// one's slot (where a call's frame starts).
    fn call_args(&mut self, n: u32) -> R<Slot> {
        self.materialize_top(n)?;
        let start = self.height() - n;
        let slot = self.slot_after(start);
        Slot::try_from(slot).map_err(|_| Failure::TooLarge)
    }

    /// Replaces `np` arguments by the results of a call to a function of
    /// type `ty`.
    fn push_call_results(&mut self, np: u32, ty: &FuncType) -> R {
        self.truncate(self.height() - np);
        for result in ty.results() {
            self.push(Operand::Temp, *result == ValType::V128)?;
        }
        Ok(())
    }

    fn call(&mut self, func: u32, tail: bool) -> R {
        let ty = self.info.func_type(func);
        let np = ty.params().len() as u32;
        let args = self.call_args(np)?;
        let imported = self.info.num_imported_funcs;
        self.emit(match (func < imported, tail) {
            (true, false) => Instr::CallImported(op::CallImported { func, args }),
            (true, true) => Instr::ReturnCallImported(op::ReturnCallImported { func, args }),
            (false, false) => Instr::Call(op::Call {
                func: func - imported,
                args,
                code: CodeRef(&self.funcs[(func - imported) as usize]),
            }),
            (false, true) => Instr::ReturnCall(op::ReturnCall {
                func: func - imported,
                args,
                code: CodeRef(&self.funcs[(func - imported) as usize]),
            }),
        });
        if tail {
            self.reachable = false;
        }
        self.push_call_results(np, ty)
    }

    fn call_indirect(&mut self, ty: u32, table: u32, tail: bool) -> R {
        let type_id = self.info.type_ids[ty as usize];
        self.call_dynamic(ty, tail, |index, args| {
            if tail {
                Instr::ReturnCallIndirect(op::ReturnCallIndirect {
                    type_id,
                    table,
                    index,
                    args,
                })
            } else {
                Instr::CallIndirect(op::CallIndirect {
                    type_id,
                    table,
                    index,
                    args,
                })
            }
        })
    }

    /// `call_ref` and `return_call_ref` of a function of module type `ty`.
    fn call_ref(&mut self, ty: u32, tail: bool) -> R {
        self.call_dynamic(ty, tail, |func, args| {
            if tail {
                Instr::ReturnCallRef(op::ReturnCallRef { func, args })
            } else {
                Instr::CallRef(op::CallRef { func, args })
            }
        })
    }

    /// A call of a function of module type `ty` chosen at run time by the
    /// operand on top (a table index or a reference): `build` makes the
    /// instruction from that operand's slot and the arguments' first slot.
    fn call_dynamic(&mut self, ty: u32, tail: bool, build: impl FnOnce(Slot, Slot) -> Instr) -> R {
        let callee = self.pop_slot()?;
        let func_ty = self.info.signature(ty);
        let np = func_ty.params().len() as u32;
        let args = self.call_args(np)?;
        self.reachable = !tail;
        self.emit(build(callee, args));
        self.push_call_results(np, func_ty)
    }

    /// Translates one operator.
    fn operator(&mut self, operator: Operator<'_>) -> R {
        if let Operator::Loop { .. } = operator {
            self.loops_seen += 1;
        }
        if !self.reachable {
            match operator {
                Operator::Block { .. }
                | Operator::Loop { .. }
                | Operator::If { .. }
                | Operator::TryTable { .. } => {
                    self.dead_depth += 1;
                }
                Operator::Else if self.dead_depth == 0 => self.else_()?,
                Operator::End if self.dead_depth > 0 => self.dead_depth -= 1,
                Operator::End => self.end()?,
                _ => {}
            }
            // Code after the label that `else` or `end` bound may be
            // reachable again: it is a new run. The run that ended in
            // unreachable code gets its cost first (every operator that
            // makes code unreachable also ends its run; this keeps a run
            // from ever going uncharged should one not).
            if self.metering && self.reachable && !self.frames.is_empty() {
                self.end_run();
                self.start_run(false);
            }
            return Ok(());
        }
        if !(self.metering || self.epochs) {
            return translate_operator(self, operator);
        }
        self.metered_operator(operator)
    }

    /// Translates one reachable operator, with fuel metering or epoch
    /// checks: counts its cost, and ends or starts runs around it.
    fn metered_operator(&mut self, operator: Operator<'_>) -> R {
        if self.metering {
            let cost = crate::limits::operator_cost(&operator);
            // The run's `Fuel` goes before the code of its first operator
            // that costs anything: every path into the run (through its
            // label) passes there before any costly operator, and a run of
            // `end`s and `block`s costs no instruction at all.
            if cost > 0 && self.run_site.is_none() {
                self.run_site = Some(self.emit(Instr::Fuel(op::Fuel { cost: 0 })));
            }
            self.run_cost = self.run_cost.saturating_add(cost);
        }
        let ends_run = crate::limits::ends_run(&operator);
        let is_loop = matches!(operator, Operator::Loop { .. });
        translate_operator(self, operator)?;
        if ends_run || is_loop {
            self.end_run();
            if self.reachable && !self.frames.is_empty() {
                self.start_run(is_loop);
            }
        }
        Ok(())
    }

    /// Starts a run of operators (see `crate::limits`); at function entry
    /// and loop headers (`header`), emits the epoch check. The run's `Fuel`
    /// comes with its first costly operator (see `metered_operator`).
    fn start_run(&mut self, header: bool) {
        if header && self.epochs {
            self.emit(Instr::CheckEpoch(op::CheckEpoch {}));
        }
        self.run_site = None;
        self.run_cost = 0;
    }

    /// Ends the current run: its `Fuel` instruction, if it has one, gets
    /// the run's cost.
    fn end_run(&mut self) {
        if let Some(site) = self.run_site.take()
            && let Instr::Fuel(fuel) = &mut self.code[site]
        {
            fuel.cost = self.run_cost;
        }
        self.run_cost = 0;
    }
}

#[cold]
fn unreachable_fuse() -> Instr {
    // `take_condition` only removes comparisons that `fuse_branch` accepts.
    Instr::Trap(op::Trap {
        code: Trap::UnreachableCodeReached,
    })
}

macro_rules! ss {
    ($name:ident) => {
        |dst, lhs, rhs| Instr::$name(op::$name { dst, lhs, rhs })
    };
}
macro_rules! imm32 {
    ($name:ident) => {
        Some(|dst, lhs, rhs: u64| {
            Instr::$name(op::$name {
                dst,
                lhs,
                rhs: rhs as i32,
            })
        })
    };
}
macro_rules! imm64 {
    ($name:ident) => {
        Some(|dst, lhs, rhs: u64| {
            Instr::$name(op::$name {
                dst,
                lhs,
                rhs: rhs as i64,
            })
        })
    };
}
/// Constant on the left of a commutative (or flipped) operator.
macro_rules! swap32 {
    ($name:ident) => {
        Some(|dst, lhs: u64, rhs| {
            Instr::$name(op::$name {
                dst,
                lhs: rhs,
                rhs: lhs as i32,
            })
        })
    };
}
macro_rules! swap64 {
    ($name:ident) => {
        Some(|dst, lhs: u64, rhs| {
            Instr::$name(op::$name {
                dst,
                lhs: rhs,
                rhs: lhs as i64,
            })
        })
    };
}
macro_rules! left32 {
    ($name:ident) => {
        Some(|dst, lhs: u64, rhs| {
            Instr::$name(op::$name {
                dst,
                lhs: lhs as i32,
                rhs,
            })
        })
    };
}
macro_rules! left64 {
    ($name:ident) => {
        Some(|dst, lhs: u64, rhs| {
            Instr::$name(op::$name {
                dst,
                lhs: lhs as i64,
                rhs,
            })
        })
    };
}
macro_rules! un {
    ($name:ident) => {
        |dst, src| Instr::$name(op::$name { dst, src })
    };
}
macro_rules! ld {
    ($name:ident, $long:ident) => {
        (
            |dst, ptr, end| Instr::$name(op::$name { dst, ptr, end }),
            |dst, ptr| Instr::$long(op::$long { dst, ptr }),
        )
    };
}
/// The forms of a `v128` load (its short form carries the offset).
macro_rules! ldv {
    ($name:ident, $long:ident) => {
        (
            |dst, ptr, offset| Instr::$name(op::$name { dst, ptr, offset }),
            |dst, ptr| Instr::$long(op::$long { dst, ptr }),
        )
    };
}
macro_rules! st {
    ($name:ident, $imm:ident, $long:ident, $ty:ty) => {
        (
            |ptr, value, end| Instr::$name(op::$name { ptr, value, end }),
            |ptr, end, value: u64| {
                Instr::$imm(op::$imm {
                    ptr,
                    end,
                    value: value as $ty,
                })
            },
            |ptr, value| Instr::$long(op::$long { ptr, value }),
        )
    };
}

/// Translates a SIMD operator without memory access; `None` if `operator`
/// is not one.
fn translate_simd(t: &mut Translator<'_>, operator: &Operator<'_>) -> Option<R> {
    use Operator as O;
    macro_rules! simd {
        (
            binary: $($bin:ident),*;
            unary: $($un:ident),*;
            ternary: $($ter:ident),*;
            test: $($test:ident),*;
            shift: $($shift:ident),*;
            splat: $($splat:ident),*;
            extract: $($ext:ident),*;
            replace: $($rep:ident),*;
        ) => {
            Some(match *operator {
                $(O::$bin => t.binary_to(true, |dst, lhs, rhs| Instr::$bin(op::$bin { dst, lhs, rhs })),)*
                $(O::$un => t.unary_to(true, |dst, src| Instr::$un(op::$un { dst, src })),)*
                $(O::$ter => t.ternary_v128(|dst, a, b, c| Instr::$ter(op::$ter { dst, a, b, c })),)*
                $(O::$test => t.unary_to(false, |dst, src| Instr::$test(op::$test { dst, src })),)*
                $(O::$shift => t.binary_to(true, |dst, lhs, rhs| Instr::$shift(op::$shift { dst, lhs, rhs })),)*
                $(O::$splat => t.unary_to(true, |dst, src| Instr::$splat(op::$splat { dst, src })),)*
                $(O::$ext { lane } => t.extract_lane(lane, |dst, src, lane| Instr::$ext(op::$ext { dst, src, lane })),)*
                $(O::$rep { lane } => t.replace_lane(lane, |dst, lhs, rhs, lane| Instr::$rep(op::$rep { dst, lhs, rhs, lane })),)*
                O::I8x16Shuffle { lanes } => t.shuffle(lanes),
                _ => return None,
            })
        };
    }
    simd! {
        binary: I8x16Swizzle, I8x16Eq, I8x16Ne, I8x16LtS, I8x16LtU, I8x16GtS, I8x16GtU, I8x16LeS, I8x16LeU, I8x16GeS, I8x16GeU, I16x8Eq, I16x8Ne, I16x8LtS, I16x8LtU, I16x8GtS, I16x8GtU, I16x8LeS, I16x8LeU, I16x8GeS, I16x8GeU, I32x4Eq, I32x4Ne, I32x4LtS, I32x4LtU, I32x4GtS, I32x4GtU, I32x4LeS, I32x4LeU, I32x4GeS, I32x4GeU, I64x2Eq, I64x2Ne, I64x2LtS, I64x2GtS, I64x2LeS, I64x2GeS, F32x4Eq, F32x4Ne, F32x4Lt, F32x4Gt, F32x4Le, F32x4Ge, F64x2Eq, F64x2Ne, F64x2Lt, F64x2Gt, F64x2Le, F64x2Ge, V128And, V128AndNot, V128Or, V128Xor, I8x16NarrowI16x8S, I8x16NarrowI16x8U, I8x16Add, I8x16AddSatS, I8x16AddSatU, I8x16Sub, I8x16SubSatS, I8x16SubSatU, I8x16MinS, I8x16MinU, I8x16MaxS, I8x16MaxU, I8x16AvgrU, I16x8Q15MulrSatS, I16x8NarrowI32x4S, I16x8NarrowI32x4U, I16x8Add, I16x8AddSatS, I16x8AddSatU, I16x8Sub, I16x8SubSatS, I16x8SubSatU, I16x8Mul, I16x8MinS, I16x8MinU, I16x8MaxS, I16x8MaxU, I16x8AvgrU, I16x8ExtMulLowI8x16S, I16x8ExtMulHighI8x16S, I16x8ExtMulLowI8x16U, I16x8ExtMulHighI8x16U, I32x4Add, I32x4Sub, I32x4Mul, I32x4MinS, I32x4MinU, I32x4MaxS, I32x4MaxU, I32x4DotI16x8S, I32x4ExtMulLowI16x8S, I32x4ExtMulHighI16x8S, I32x4ExtMulLowI16x8U, I32x4ExtMulHighI16x8U, I64x2Add, I64x2Sub, I64x2Mul, I64x2ExtMulLowI32x4S, I64x2ExtMulHighI32x4S, I64x2ExtMulLowI32x4U, I64x2ExtMulHighI32x4U, F32x4Add, F32x4Sub, F32x4Mul, F32x4Div, F32x4Min, F32x4Max, F32x4PMin, F32x4PMax, F64x2Add, F64x2Sub, F64x2Mul, F64x2Div, F64x2Min, F64x2Max, F64x2PMin, F64x2PMax, I8x16RelaxedSwizzle, F32x4RelaxedMin, F32x4RelaxedMax, F64x2RelaxedMin, F64x2RelaxedMax, I16x8RelaxedQ15mulrS, I16x8RelaxedDotI8x16I7x16S;
        unary: V128Not, I8x16Abs, I8x16Neg, I8x16Popcnt, I16x8ExtAddPairwiseI8x16S, I16x8ExtAddPairwiseI8x16U, I16x8Abs, I16x8Neg, I16x8ExtendLowI8x16S, I16x8ExtendHighI8x16S, I16x8ExtendLowI8x16U, I16x8ExtendHighI8x16U, I32x4ExtAddPairwiseI16x8S, I32x4ExtAddPairwiseI16x8U, I32x4Abs, I32x4Neg, I32x4ExtendLowI16x8S, I32x4ExtendHighI16x8S, I32x4ExtendLowI16x8U, I32x4ExtendHighI16x8U, I64x2Abs, I64x2Neg, I64x2ExtendLowI32x4S, I64x2ExtendHighI32x4S, I64x2ExtendLowI32x4U, I64x2ExtendHighI32x4U, F32x4Ceil, F32x4Floor, F32x4Trunc, F32x4Nearest, F32x4Abs, F32x4Neg, F32x4Sqrt, F64x2Ceil, F64x2Floor, F64x2Trunc, F64x2Nearest, F64x2Abs, F64x2Neg, F64x2Sqrt, I32x4TruncSatF32x4S, I32x4TruncSatF32x4U, F32x4ConvertI32x4S, F32x4ConvertI32x4U, I32x4TruncSatF64x2SZero, I32x4TruncSatF64x2UZero, F64x2ConvertLowI32x4S, F64x2ConvertLowI32x4U, F32x4DemoteF64x2Zero, F64x2PromoteLowF32x4, I32x4RelaxedTruncF32x4S, I32x4RelaxedTruncF32x4U, I32x4RelaxedTruncF64x2SZero, I32x4RelaxedTruncF64x2UZero;
        ternary: V128Bitselect, F32x4RelaxedMadd, F32x4RelaxedNmadd, F64x2RelaxedMadd, F64x2RelaxedNmadd, I8x16RelaxedLaneselect, I16x8RelaxedLaneselect, I32x4RelaxedLaneselect, I64x2RelaxedLaneselect, I32x4RelaxedDotI8x16I7x16AddS;
        test: V128AnyTrue, I8x16AllTrue, I8x16Bitmask, I16x8AllTrue, I16x8Bitmask, I32x4AllTrue, I32x4Bitmask, I64x2AllTrue, I64x2Bitmask;
        shift: I8x16Shl, I8x16ShrS, I8x16ShrU, I16x8Shl, I16x8ShrS, I16x8ShrU, I32x4Shl, I32x4ShrS, I32x4ShrU, I64x2Shl, I64x2ShrS, I64x2ShrU;
        splat: I8x16Splat, I16x8Splat, I32x4Splat, I64x2Splat, F32x4Splat, F64x2Splat;
        extract: I8x16ExtractLaneS, I8x16ExtractLaneU, I16x8ExtractLaneS, I16x8ExtractLaneU, I32x4ExtractLane, I64x2ExtractLane, F32x4ExtractLane, F64x2ExtractLane;
        replace: I8x16ReplaceLane, I16x8ReplaceLane, I32x4ReplaceLane, I64x2ReplaceLane, F32x4ReplaceLane, F64x2ReplaceLane;
    }
}

macro_rules! lane_ld {
    ($name:ident, $long:ident) => {
        (
            |dst, src, ptr, offset, lane| {
                Instr::$name(op::$name {
                    dst,
                    src,
                    ptr,
                    offset,
                    lane,
                })
            },
            |dst, src, ptr, lane| {
                Instr::$long(op::$long {
                    dst,
                    src,
                    ptr,
                    lane,
                })
            },
        )
    };
}
macro_rules! lane_st {
    ($name:ident, $long:ident) => {
        (
            |ptr, value, offset, lane| {
                Instr::$name(op::$name {
                    ptr,
                    value,
                    offset,
                    lane,
                })
            },
            |ptr, value, lane| Instr::$long(op::$long { ptr, value, lane }),
        )
    };
}

fn translate_operator(t: &mut Translator<'_>, operator: Operator<'_>) -> R {
    use Operator as O;
    let f32fold: Option<&dyn Fn(u64, u64) -> Option<u64>> = None;
    macro_rules! bin32 {
        ($ss:ident, $imm:ident, $lhs:expr) => {{
            let o = &operator;
            let fold = |a: u64, b: u64| fold_i32(o, a as i32, b as i32).map(|v| v as u32 as u64);
            t.binary(
                BinOp {
                    ss: ss!($ss),
                    imm: imm32!($imm),
                    imm_lhs: $lhs,
                },
                Some(&fold),
            )
        }};
    }
    macro_rules! bin64 {
        ($ss:ident, $imm:ident, $lhs:expr) => {{
            let o = &operator;
            let fold = |a: u64, b: u64| fold_i64(o, a as i64, b as i64).map(|v| v as u64);
            t.binary(
                BinOp {
                    ss: ss!($ss),
                    imm: imm64!($imm),
                    imm_lhs: $lhs,
                },
                Some(&fold),
            )
        }};
    }
    macro_rules! binf {
        ($ss:ident) => {
            t.binary(
                BinOp {
                    ss: ss!($ss),
                    imm: None,
                    imm_lhs: None,
                },
                f32fold,
            )
        };
    }
    // A float operation whose constant right operand is an immediate (its
    // bits), so no `Const` runs inside a loop for `x * 0.5` or `x < 4.0`.
    macro_rules! binfi {
        ($ss:ident, $imm:ident, $bits:ty) => {
            t.binary(
                BinOp {
                    ss: ss!($ss),
                    imm: Some(|dst, lhs, rhs: u64| {
                        Instr::$imm(op::$imm {
                            dst,
                            lhs,
                            rhs: rhs as $bits,
                        })
                    }),
                    imm_lhs: None,
                },
                f32fold,
            )
        };
    }
    match operator {
        O::Unreachable => {
            t.emit(Instr::Trap(op::Trap {
                code: Trap::UnreachableCodeReached,
            }));
            t.reachable = false;
        }
        O::Nop => {}
        O::Block { blockty } => {
            t.preserve_all_locals()?;
            t.push_frame(ControlKind::Block, blockty);
        }
        O::Loop { blockty } => {
            let (np, _) = t.block_arity(blockty);
            let enterable = np == 0 && t.stack.is_empty();
            t.preserve_all_locals()?;
            t.materialize_top(np)?;
            t.bind_label();
            // The header counts iterations (tiered): branches to the loop
            // land on it.
            let heat = (t.tiered && enterable).then(|| {
                t.emit(Instr::LoopHeat(op::LoopHeat {
                    defined: t.defined,
                    loop_index: t.loops_seen - 1,
                }))
            });
            t.push_frame(ControlKind::Loop, blockty);
            if let (Some(at), Some(frame)) = (heat, t.frames.last_mut()) {
                frame.loop_start = at;
            }
        }
        O::If { blockty } => {
            let cond = t.take_condition()?;
            let (np, _) = t.block_arity(blockty);
            t.preserve_all_locals()?;
            t.materialize_top(np)?;
            let site = t.emit_cond_branch(&cond, true);
            t.push_frame(ControlKind::If, blockty);
            if let Some(frame) = t.frames.last_mut() {
                frame.else_site = Some(site);
            }
        }
        O::TryTable { try_table } => t.try_table(try_table)?,
        O::Throw { tag_index } => {
            let n = t.info.tag_type(tag_index).params().len() as u32;
            let args = t.call_args(n)?;
            t.truncate(t.height() - n);
            t.emit(Instr::Throw(op::Throw {
                tag: tag_index,
                args,
            }));
            t.reachable = false;
        }
        O::ThrowRef => {
            let exn = t.pop_slot()?;
            t.emit(Instr::ThrowRef(op::ThrowRef { exn }));
            t.reachable = false;
        }
        O::Else => t.else_()?,
        O::End => t.end()?,
        O::Br { relative_depth } => t.br(relative_depth)?,
        O::BrIf { relative_depth } => t.br_if(relative_depth)?,
        O::BrTable { targets } => t.br_table(&targets)?,
        O::Return => {
            t.emit_return()?;
            t.reachable = false;
        }
        O::Call { function_index } => t.call(function_index, false)?,
        O::CallIndirect {
            type_index,
            table_index,
        } => t.call_indirect(type_index, table_index, false)?,
        O::ReturnCall { function_index } => t.call(function_index, true)?,
        O::ReturnCallIndirect {
            type_index,
            table_index,
        } => t.call_indirect(type_index, table_index, true)?,
        O::CallRef { type_index } => t.call_ref(type_index, false)?,
        O::ReturnCallRef { type_index } => t.call_ref(type_index, true)?,
        O::RefAsNonNull => {
            let src = t.top_slot()?;
            t.emit(Instr::RefAsNonNull(op::RefAsNonNull { src }));
        }
        O::BrOnNull { relative_depth } => t.br_on_null(relative_depth, true)?,
        O::RefTestNonNull { hty } => t.ref_test(hty, false)?,
        O::RefTestNullable { hty } => t.ref_test(hty, true)?,
        O::RefCastNonNull { hty } => t.ref_cast(hty, false)?,
        O::RefCastNullable { hty } => t.ref_cast(hty, true)?,
        O::StructNew { struct_type_index } => {
            let n = t.struct_fields(struct_type_index).len() as u32;
            let args = t.call_args(n)?;
            let words = (t.height() - n..t.height())
                .map(|i| if t.stack[i as usize].wide { 2 } else { 1 })
                .sum();
            t.truncate(t.height() - n);
            let dst = t.push_temp(false)?;
            let type_id = t.info.type_ids[struct_type_index as usize];
            t.emit_result(Instr::StructNew(op::StructNew {
                dst,
                args,
                type_id,
                words,
            }));
        }
        O::StructNewDefault { struct_type_index } => {
            let dst = t.push_temp(false)?;
            let type_id = t.info.type_ids[struct_type_index as usize];
            t.emit_result(Instr::StructNewDefault(op::StructNewDefault {
                dst,
                type_id,
            }));
        }
        O::StructGet {
            struct_type_index,
            field_index,
        }
        | O::StructGetU {
            struct_type_index,
            field_index,
        } => t.struct_get(struct_type_index, field_index, false)?,
        O::StructGetS {
            struct_type_index,
            field_index,
        } => t.struct_get(struct_type_index, field_index, true)?,
        O::StructSet { field_index, .. } => {
            let [obj, value] = t.pop_slots::<2>()?;
            t.emit(Instr::StructSet(op::StructSet {
                obj,
                value,
                field: field_index,
            }));
        }
        O::ArrayNew { array_type_index } => {
            let [init, len] = t.pop_slots::<2>()?;
            let dst = t.push_temp(false)?;
            let type_id = t.info.type_ids[array_type_index as usize];
            t.emit_result(Instr::ArrayNew(op::ArrayNew {
                dst,
                init,
                len,
                type_id,
            }));
        }
        O::ArrayNewDefault { array_type_index } => {
            let len = t.pop_slot()?;
            let dst = t.push_temp(false)?;
            let type_id = t.info.type_ids[array_type_index as usize];
            t.emit_result(Instr::ArrayNewDefault(op::ArrayNewDefault {
                dst,
                len,
                type_id,
            }));
        }
        O::ArrayNewFixed {
            array_type_index,
            array_size,
        } => {
            let args = t.call_args(array_size)?;
            t.truncate(t.height() - array_size);
            let dst = t.push_temp(false)?;
            let type_id = t.info.type_ids[array_type_index as usize];
            t.emit_result(Instr::ArrayNewFixed(op::ArrayNewFixed {
                dst,
                args,
                count: array_size,
                type_id,
            }));
        }
        O::ArrayNewData {
            array_type_index,
            array_data_index,
        } => {
            let [offset, len] = t.pop_slots::<2>()?;
            let dst = t.push_temp(false)?;
            let type_id = t.info.type_ids[array_type_index as usize];
            t.emit_result(Instr::ArrayNewData(op::ArrayNewData {
                dst,
                offset,
                len,
                type_id,
                seg: array_data_index,
            }));
        }
        O::ArrayNewElem {
            array_type_index,
            array_elem_index,
        } => {
            let [offset, len] = t.pop_slots::<2>()?;
            let dst = t.push_temp(false)?;
            let type_id = t.info.type_ids[array_type_index as usize];
            t.emit_result(Instr::ArrayNewElem(op::ArrayNewElem {
                dst,
                offset,
                len,
                type_id,
                seg: array_elem_index,
            }));
        }
        O::ArrayGet { array_type_index } | O::ArrayGetU { array_type_index } => {
            t.array_get(array_type_index, false)?
        }
        O::ArrayGetS { array_type_index } => t.array_get(array_type_index, true)?,
        O::ArraySet { .. } => {
            let [arr, index, value] = t.pop_slots::<3>()?;
            t.emit(Instr::ArraySet(op::ArraySet { arr, index, value }));
        }
        O::ArrayLen => {
            let arr = t.pop_slot()?;
            let dst = t.push_temp(false)?;
            t.emit_result(Instr::ArrayLen(op::ArrayLen { dst, arr }));
        }
        O::ArrayFill { .. } => {
            let [arr, offset, value, len] = t.pop_slots::<4>()?;
            t.emit(Instr::ArrayFill(op::ArrayFill {
                arr,
                offset,
                value,
                len,
            }));
        }
        O::ArrayCopy { .. } => {
            let [dst_arr, dst_index, src_arr, src_index, len] = t.pop_slots::<5>()?;
            t.emit(Instr::ArrayCopy(op::ArrayCopy {
                dst_arr,
                dst_index,
                src_arr,
                src_index,
                len,
            }));
        }
        O::ArrayInitData {
            array_data_index, ..
        } => {
            let [arr, dst_index, src_offset, len] = t.pop_slots::<4>()?;
            t.emit(Instr::ArrayInitData(op::ArrayInitData {
                arr,
                dst_index,
                src_offset,
                len,
                seg: array_data_index,
            }));
        }
        O::ArrayInitElem {
            array_elem_index, ..
        } => {
            let [arr, dst_index, src_offset, len] = t.pop_slots::<4>()?;
            t.emit(Instr::ArrayInitElem(op::ArrayInitElem {
                arr,
                dst_index,
                src_offset,
                len,
                seg: array_elem_index,
            }));
        }
        O::BrOnCast {
            relative_depth,
            to_ref_type,
            ..
        } => t.br_on_cast(relative_depth, to_ref_type, false)?,
        O::BrOnCastFail {
            relative_depth,
            to_ref_type,
            ..
        } => t.br_on_cast(relative_depth, to_ref_type, true)?,
        O::BrOnNonNull { relative_depth } => t.br_on_null(relative_depth, false)?,
        O::Drop => {
            t.pop();
        }
        O::Select | O::TypedSelect { .. } if !t.stack[t.stack.len() - 2].wide => {
            // A constant operand (one; two are rare) is an immediate.
            let cond = t.pop();
            let b = t.pop();
            let a = t.pop();
            let instr = match (a.operand, b.operand) {
                (Operand::Const(a), Operand::Local(_) | Operand::Temp) => {
                    let cond = t.slot_of(cond)?;
                    let b = t.slot_of(b)?;
                    let dst = t.push_temp(false)?;
                    Instr::SelectImmA(op::SelectImmA { dst, cond, b, a })
                }
                (Operand::Local(_) | Operand::Temp, Operand::Const(b)) => {
                    let cond = t.slot_of(cond)?;
                    let a = t.slot_of(a)?;
                    let dst = t.push_temp(false)?;
                    Instr::SelectImmB(op::SelectImmB { dst, cond, a, b })
                }
                _ => {
                    let a = t.slot_of(a)?;
                    let b = t.slot_of(b)?;
                    let cond = t.slot_of(cond)?;
                    let dst = t.push_temp(false)?;
                    Instr::Select(op::Select { dst, cond, a, b })
                }
            };
            t.emit_result(instr);
        }
        O::Select | O::TypedSelect { .. } => {
            let wide = t.stack[t.stack.len() - 2].wide;
            let [a, b, cond] = t.pop_slots::<3>()?;
            let dst = t.push_temp(wide)?;
            t.emit_result(if wide {
                Instr::Select128(op::Select128 { dst, cond, a, b })
            } else {
                Instr::Select(op::Select { dst, cond, a, b })
            });
        }
        O::LocalGet { local_index } => t.push_local(local_index)?,
        O::LocalSet { local_index } => t.local_set(local_index, false)?,
        O::LocalTee { local_index } => t.local_set(local_index, true)?,
        O::GlobalGet { global_index } => {
            let index = global_index;
            let wide = *t.info.globals[index as usize].content() == ValType::V128;
            let dst = t.push_temp(wide)?;
            t.emit_result(if wide {
                Instr::GlobalGet128(op::GlobalGet128 { dst, index })
            } else {
                Instr::GlobalGet(op::GlobalGet { dst, index })
            });
        }
        O::GlobalSet { global_index } => {
            let index = global_index;
            let wide = t.top().wide;
            let src = t.pop_slot()?;
            t.emit(if wide {
                Instr::GlobalSet128(op::GlobalSet128 { src, index })
            } else {
                Instr::GlobalSet(op::GlobalSet { src, index })
            });
        }
        O::I32Load { memarg } | O::F32Load { memarg } | O::I64Load32U { memarg } => {
            t.load(&memarg, 4, ld!(Load32U, Load32UMem))?
        }
        O::I64Load { memarg } | O::F64Load { memarg } => {
            t.load(&memarg, 8, ld!(Load64, Load64Mem))?
        }
        O::I32Load8S { memarg } | O::I64Load8S { memarg } => {
            t.load(&memarg, 1, ld!(Load8S, Load8SMem))?
        }
        O::I32Load8U { memarg } | O::I64Load8U { memarg } => {
            t.load(&memarg, 1, ld!(Load8U, Load8UMem))?
        }
        O::I32Load16S { memarg } | O::I64Load16S { memarg } => {
            t.load(&memarg, 2, ld!(Load16S, Load16SMem))?
        }
        O::I32Load16U { memarg } | O::I64Load16U { memarg } => {
            t.load(&memarg, 2, ld!(Load16U, Load16UMem))?
        }
        O::I64Load32S { memarg } => t.load(&memarg, 4, ld!(Load32S, Load32SMem))?,
        O::I32Store { memarg } | O::F32Store { memarg } | O::I64Store32 { memarg } => {
            t.store(&memarg, 4, st!(Store32, Store32Imm, Store32Mem, u32))?
        }
        O::I64Store { memarg } | O::F64Store { memarg } => {
            t.store(&memarg, 8, st!(Store64, Store64Imm, Store64Mem, u64))?
        }
        O::I32Store8 { memarg } | O::I64Store8 { memarg } => {
            t.store(&memarg, 1, st!(Store8, Store8Imm, Store8Mem, u32))?
        }
        O::I32Store16 { memarg } | O::I64Store16 { memarg } => {
            t.store(&memarg, 2, st!(Store16, Store16Imm, Store16Mem, u32))?
        }
        O::MemorySize { mem } => {
            let dst = t.push_temp(false)?;
            t.emit_result(Instr::MemorySize(op::MemorySize { dst, mem }));
        }
        O::MemoryGrow { mem } => {
            let delta = t.pop_slot()?;
            let dst = t.push_temp(false)?;
            t.emit_result(Instr::MemoryGrow(op::MemoryGrow { dst, delta, mem }));
        }
        O::MemoryFill { mem } => {
            let [addr, value, len] = t.pop_slots::<3>()?;
            t.emit(Instr::MemoryFill(op::MemoryFill {
                mem,
                addr,
                value,
                len,
            }));
        }
        O::MemoryCopy { dst_mem, src_mem } => {
            let [dst_addr, src_addr, len] = t.pop_slots::<3>()?;
            t.emit(Instr::MemoryCopy(op::MemoryCopy {
                dst_mem,
                src_mem,
                dst_addr,
                src_addr,
                len,
            }));
        }
        O::MemoryInit { data_index, mem } => {
            let [dst_addr, src_offset, len] = t.pop_slots::<3>()?;
            t.emit(Instr::MemoryInit(op::MemoryInit {
                seg: data_index,
                mem,
                dst_addr,
                src_offset,
                len,
            }));
        }
        O::DataDrop { data_index } => {
            t.emit(Instr::DataDrop(op::DataDrop { seg: data_index }));
        }
        O::I32Const { value } => t.push(Operand::Const(value as u32 as u64), false)?,
        O::I64Const { value } => t.push(Operand::Const(value as u64), false)?,
        O::F32Const { value } => t.push(Operand::Const(u64::from(value.bits())), false)?,
        O::F64Const { value } => t.push(Operand::Const(value.bits()), false)?,
        O::V128Const { value } => {
            t.push(Operand::V128(u128::from_le_bytes(*value.bytes())), true)?
        }
        O::RefNull { .. } => t.push(Operand::Const(0), false)?,
        O::RefIsNull => t.unary(un!(I64Eqz))?,
        // Equal references are equal words (see `runtime::gc`).
        O::RefEq => bin64!(I64Eq, I64EqImm, swap64!(I64EqImm))?,
        O::RefI31 => t.unary(un!(RefI31))?,
        O::AnyConvertExtern | O::ExternConvertAny => t.unary(un!(RefConvert))?,
        O::I31GetS => t.unary(un!(I31GetS))?,
        O::I31GetU => t.unary(un!(I31GetU))?,
        O::RefFunc { function_index } => {
            let dst = t.push_temp(false)?;
            t.emit_result(Instr::RefFunc(op::RefFunc {
                dst,
                func: function_index,
            }));
        }
        O::TableGet { table } => {
            let index = t.pop_slot()?;
            let dst = t.push_temp(false)?;
            t.emit_result(Instr::TableGet(op::TableGet { table, dst, index }));
        }
        O::TableSet { table } => {
            let [index, value] = t.pop_slots::<2>()?;
            t.emit(Instr::TableSet(op::TableSet {
                table,
                index,
                value,
            }));
        }
        O::TableSize { table } => {
            let dst = t.push_temp(false)?;
            t.emit_result(Instr::TableSize(op::TableSize { table, dst }));
        }
        O::TableGrow { table } => {
            let [init, delta] = t.pop_slots::<2>()?;
            let dst = t.push_temp(false)?;
            t.emit_result(Instr::TableGrow(op::TableGrow {
                table,
                dst,
                init,
                delta,
            }));
        }
        O::TableFill { table } => {
            let [start, value, len] = t.pop_slots::<3>()?;
            t.emit(Instr::TableFill(op::TableFill {
                table,
                start,
                value,
                len,
            }));
        }
        O::TableCopy {
            dst_table,
            src_table,
        } => {
            let [dst_index, src_index, len] = t.pop_slots::<3>()?;
            t.emit(Instr::TableCopy(op::TableCopy {
                dst_table,
                src_table,
                dst_index,
                src_index,
                len,
            }));
        }
        O::TableInit { elem_index, table } => {
            let [dst_index, src_offset, len] = t.pop_slots::<3>()?;
            t.emit(Instr::TableInit(op::TableInit {
                table,
                seg: elem_index,
                dst_index,
                src_offset,
                len,
            }));
        }
        O::ElemDrop { elem_index } => {
            t.emit(Instr::ElemDrop(op::ElemDrop { seg: elem_index }));
        }

        // Bit-preserving conversions need no instruction: slots are untyped
        // and 32-bit values are read from the low half of a slot.
        O::I32WrapI64
        | O::I32ReinterpretF32
        | O::I64ReinterpretF64
        | O::F32ReinterpretI32
        | O::F64ReinterpretI64 => {}

        O::I32Eqz => t.unary(un!(I32Eqz))?,
        O::I64Eqz => t.unary(un!(I64Eqz))?,
        O::I32Clz => t.unary(un!(I32Clz))?,
        O::I32Ctz => t.unary(un!(I32Ctz))?,
        O::I32Popcnt => t.unary(un!(I32Popcnt))?,
        O::I64Clz => t.unary(un!(I64Clz))?,
        O::I64Ctz => t.unary(un!(I64Ctz))?,
        O::I64Popcnt => t.unary(un!(I64Popcnt))?,
        O::I32Extend8S | O::I64Extend8S => t.unary(un!(I64Extend8S))?,
        O::I32Extend16S | O::I64Extend16S => t.unary(un!(I64Extend16S))?,
        O::I64Extend32S | O::I64ExtendI32S => t.unary(un!(I64Extend32S))?,
        O::I64ExtendI32U => t.unary(un!(I64ExtendI32U))?,
        O::F32Abs => t.unary(un!(F32Abs))?,
        O::F32Neg => t.unary(un!(F32Neg))?,
        O::F32Ceil => t.unary(un!(F32Ceil))?,
        O::F32Floor => t.unary(un!(F32Floor))?,
        O::F32Trunc => t.unary(un!(F32Trunc))?,
        O::F32Nearest => t.unary(un!(F32Nearest))?,
        O::F32Sqrt => t.unary(un!(F32Sqrt))?,
        O::F64Abs => t.unary(un!(F64Abs))?,
        O::F64Neg => t.unary(un!(F64Neg))?,
        O::F64Ceil => t.unary(un!(F64Ceil))?,
        O::F64Floor => t.unary(un!(F64Floor))?,
        O::F64Trunc => t.unary(un!(F64Trunc))?,
        O::F64Nearest => t.unary(un!(F64Nearest))?,
        O::F64Sqrt => t.unary(un!(F64Sqrt))?,
        O::I32TruncF32S => t.unary(un!(I32TruncF32S))?,
        O::I32TruncF32U => t.unary(un!(I32TruncF32U))?,
        O::I32TruncF64S => t.unary(un!(I32TruncF64S))?,
        O::I32TruncF64U => t.unary(un!(I32TruncF64U))?,
        O::I64TruncF32S => t.unary(un!(I64TruncF32S))?,
        O::I64TruncF32U => t.unary(un!(I64TruncF32U))?,
        O::I64TruncF64S => t.unary(un!(I64TruncF64S))?,
        O::I64TruncF64U => t.unary(un!(I64TruncF64U))?,
        O::I32TruncSatF32S => t.unary(un!(I32TruncSatF32S))?,
        O::I32TruncSatF32U => t.unary(un!(I32TruncSatF32U))?,
        O::I32TruncSatF64S => t.unary(un!(I32TruncSatF64S))?,
        O::I32TruncSatF64U => t.unary(un!(I32TruncSatF64U))?,
        O::I64TruncSatF32S => t.unary(un!(I64TruncSatF32S))?,
        O::I64TruncSatF32U => t.unary(un!(I64TruncSatF32U))?,
        O::I64TruncSatF64S => t.unary(un!(I64TruncSatF64S))?,
        O::I64TruncSatF64U => t.unary(un!(I64TruncSatF64U))?,
        O::F32ConvertI32S => t.unary(un!(F32ConvertI32S))?,
        O::F32ConvertI32U => t.unary(un!(F32ConvertI32U))?,
        O::F32ConvertI64S => t.unary(un!(F32ConvertI64S))?,
        O::F32ConvertI64U => t.unary(un!(F32ConvertI64U))?,
        O::F64ConvertI32S => t.unary(un!(F64ConvertI32S))?,
        O::F64ConvertI32U => t.unary(un!(F64ConvertI32U))?,
        O::F64ConvertI64S => t.unary(un!(F64ConvertI64S))?,
        O::F64ConvertI64U => t.unary(un!(F64ConvertI64U))?,
        O::F32DemoteF64 => t.unary(un!(F32DemoteF64))?,
        O::F64PromoteF32 => t.unary(un!(F64PromoteF32))?,

        O::I32Add => bin32!(I32Add, I32AddImm, swap32!(I32AddImm))?,
        O::I32Sub => bin32!(I32Sub, I32SubImm, left32!(I32SubImmL))?,
        O::I32Mul => bin32!(I32Mul, I32MulImm, swap32!(I32MulImm))?,
        O::I32DivS => bin32!(I32DivS, I32DivSImm, left32!(I32DivSImmL))?,
        O::I32DivU => bin32!(I32DivU, I32DivUImm, left32!(I32DivUImmL))?,
        O::I32RemS => bin32!(I32RemS, I32RemSImm, left32!(I32RemSImmL))?,
        O::I32RemU => bin32!(I32RemU, I32RemUImm, left32!(I32RemUImmL))?,
        O::I32And => bin32!(I32And, I32AndImm, swap32!(I32AndImm))?,
        O::I32Or => bin32!(I32Or, I32OrImm, swap32!(I32OrImm))?,
        O::I32Xor => bin32!(I32Xor, I32XorImm, swap32!(I32XorImm))?,
        O::I32Shl => bin32!(I32Shl, I32ShlImm, left32!(I32ShlImmL))?,
        O::I32ShrS => bin32!(I32ShrS, I32ShrSImm, left32!(I32ShrSImmL))?,
        O::I32ShrU => bin32!(I32ShrU, I32ShrUImm, left32!(I32ShrUImmL))?,
        O::I32Rotl => bin32!(I32Rotl, I32RotlImm, left32!(I32RotlImmL))?,
        O::I32Rotr => bin32!(I32Rotr, I32RotrImm, left32!(I32RotrImmL))?,
        O::I32Eq => bin32!(I32Eq, I32EqImm, swap32!(I32EqImm))?,
        O::I32Ne => bin32!(I32Ne, I32NeImm, swap32!(I32NeImm))?,
        O::I32LtS => bin32!(I32LtS, I32LtSImm, swap32!(I32GtSImm))?,
        O::I32LtU => bin32!(I32LtU, I32LtUImm, swap32!(I32GtUImm))?,
        O::I32GtS => bin32!(I32GtS, I32GtSImm, swap32!(I32LtSImm))?,
        O::I32GtU => bin32!(I32GtU, I32GtUImm, swap32!(I32LtUImm))?,
        O::I32LeS => bin32!(I32LeS, I32LeSImm, swap32!(I32GeSImm))?,
        O::I32LeU => bin32!(I32LeU, I32LeUImm, swap32!(I32GeUImm))?,
        O::I32GeS => bin32!(I32GeS, I32GeSImm, swap32!(I32LeSImm))?,
        O::I32GeU => bin32!(I32GeU, I32GeUImm, swap32!(I32LeUImm))?,

        O::I64Add => bin64!(I64Add, I64AddImm, swap64!(I64AddImm))?,
        O::I64Sub => bin64!(I64Sub, I64SubImm, left64!(I64SubImmL))?,
        O::I64Mul => bin64!(I64Mul, I64MulImm, swap64!(I64MulImm))?,
        O::I64DivS => bin64!(I64DivS, I64DivSImm, left64!(I64DivSImmL))?,
        O::I64DivU => bin64!(I64DivU, I64DivUImm, left64!(I64DivUImmL))?,
        O::I64RemS => bin64!(I64RemS, I64RemSImm, left64!(I64RemSImmL))?,
        O::I64RemU => bin64!(I64RemU, I64RemUImm, left64!(I64RemUImmL))?,
        O::I64And => bin64!(I64And, I64AndImm, swap64!(I64AndImm))?,
        O::I64Or => bin64!(I64Or, I64OrImm, swap64!(I64OrImm))?,
        O::I64Xor => bin64!(I64Xor, I64XorImm, swap64!(I64XorImm))?,
        O::I64Shl => bin64!(I64Shl, I64ShlImm, left64!(I64ShlImmL))?,
        O::I64ShrS => bin64!(I64ShrS, I64ShrSImm, left64!(I64ShrSImmL))?,
        O::I64ShrU => bin64!(I64ShrU, I64ShrUImm, left64!(I64ShrUImmL))?,
        O::I64Rotl => bin64!(I64Rotl, I64RotlImm, left64!(I64RotlImmL))?,
        O::I64Rotr => bin64!(I64Rotr, I64RotrImm, left64!(I64RotrImmL))?,
        O::I64Eq => bin64!(I64Eq, I64EqImm, swap64!(I64EqImm))?,
        O::I64Ne => bin64!(I64Ne, I64NeImm, swap64!(I64NeImm))?,
        O::I64LtS => bin64!(I64LtS, I64LtSImm, swap64!(I64GtSImm))?,
        O::I64LtU => bin64!(I64LtU, I64LtUImm, swap64!(I64GtUImm))?,
        O::I64GtS => bin64!(I64GtS, I64GtSImm, swap64!(I64LtSImm))?,
        O::I64GtU => bin64!(I64GtU, I64GtUImm, swap64!(I64LtUImm))?,
        O::I64LeS => bin64!(I64LeS, I64LeSImm, swap64!(I64GeSImm))?,
        O::I64LeU => bin64!(I64LeU, I64LeUImm, swap64!(I64GeUImm))?,
        O::I64GeS => bin64!(I64GeS, I64GeSImm, swap64!(I64LeSImm))?,
        O::I64GeU => bin64!(I64GeU, I64GeUImm, swap64!(I64LeUImm))?,

        O::F32Add => binfi!(F32Add, F32AddImm, u32)?,
        O::F32Sub => binfi!(F32Sub, F32SubImm, u32)?,
        O::F32Mul => binfi!(F32Mul, F32MulImm, u32)?,
        O::F32Div => binfi!(F32Div, F32DivImm, u32)?,
        O::F32Min => binf!(F32Min)?,
        O::F32Max => binf!(F32Max)?,
        O::F32Copysign => binf!(F32Copysign)?,
        O::F32Eq => binfi!(F32Eq, F32EqImm, u32)?,
        O::F32Ne => binfi!(F32Ne, F32NeImm, u32)?,
        O::F32Lt => binfi!(F32Lt, F32LtImm, u32)?,
        O::F32Gt => binfi!(F32Gt, F32GtImm, u32)?,
        O::F32Le => binfi!(F32Le, F32LeImm, u32)?,
        O::F32Ge => binfi!(F32Ge, F32GeImm, u32)?,
        O::F64Add => binfi!(F64Add, F64AddImm, u64)?,
        O::F64Sub => binfi!(F64Sub, F64SubImm, u64)?,
        O::F64Mul => binfi!(F64Mul, F64MulImm, u64)?,
        O::F64Div => binfi!(F64Div, F64DivImm, u64)?,
        O::F64Min => binf!(F64Min)?,
        O::F64Max => binf!(F64Max)?,
        O::F64Copysign => binf!(F64Copysign)?,
        O::F64Eq => binfi!(F64Eq, F64EqImm, u64)?,
        O::F64Ne => binfi!(F64Ne, F64NeImm, u64)?,
        O::F64Lt => binfi!(F64Lt, F64LtImm, u64)?,
        O::F64Gt => binfi!(F64Gt, F64GtImm, u64)?,
        O::F64Le => binfi!(F64Le, F64LeImm, u64)?,
        O::F64Ge => binfi!(F64Ge, F64GeImm, u64)?,

        O::V128Load { memarg } => t.load_to(true, &memarg, ldv!(V128Load, V128LoadMem))?,
        O::V128Load8x8S { memarg } => {
            t.load_to(true, &memarg, ldv!(V128Load8x8S, V128Load8x8SMem))?
        }
        O::V128Load8x8U { memarg } => {
            t.load_to(true, &memarg, ldv!(V128Load8x8U, V128Load8x8UMem))?
        }
        O::V128Load16x4S { memarg } => {
            t.load_to(true, &memarg, ldv!(V128Load16x4S, V128Load16x4SMem))?
        }
        O::V128Load16x4U { memarg } => {
            t.load_to(true, &memarg, ldv!(V128Load16x4U, V128Load16x4UMem))?
        }
        O::V128Load32x2S { memarg } => {
            t.load_to(true, &memarg, ldv!(V128Load32x2S, V128Load32x2SMem))?
        }
        O::V128Load32x2U { memarg } => {
            t.load_to(true, &memarg, ldv!(V128Load32x2U, V128Load32x2UMem))?
        }
        O::V128Load8Splat { memarg } => {
            t.load_to(true, &memarg, ldv!(V128Load8Splat, V128Load8SplatMem))?
        }
        O::V128Load16Splat { memarg } => {
            t.load_to(true, &memarg, ldv!(V128Load16Splat, V128Load16SplatMem))?
        }
        O::V128Load32Splat { memarg } => {
            t.load_to(true, &memarg, ldv!(V128Load32Splat, V128Load32SplatMem))?
        }
        O::V128Load64Splat { memarg } => {
            t.load_to(true, &memarg, ldv!(V128Load64Splat, V128Load64SplatMem))?
        }
        O::V128Load32Zero { memarg } => {
            t.load_to(true, &memarg, ldv!(V128Load32Zero, V128Load32ZeroMem))?
        }
        O::V128Load64Zero { memarg } => {
            t.load_to(true, &memarg, ldv!(V128Load64Zero, V128Load64ZeroMem))?
        }
        O::V128Store { memarg } => t.v128_store(&memarg)?,
        O::V128Load8Lane { memarg, lane } => {
            t.load_lane(&memarg, lane, lane_ld!(V128Load8Lane, V128Load8LaneMem))?
        }
        O::V128Load16Lane { memarg, lane } => {
            t.load_lane(&memarg, lane, lane_ld!(V128Load16Lane, V128Load16LaneMem))?
        }
        O::V128Load32Lane { memarg, lane } => {
            t.load_lane(&memarg, lane, lane_ld!(V128Load32Lane, V128Load32LaneMem))?
        }
        O::V128Load64Lane { memarg, lane } => {
            t.load_lane(&memarg, lane, lane_ld!(V128Load64Lane, V128Load64LaneMem))?
        }
        O::V128Store8Lane { memarg, lane } => {
            t.store_lane(&memarg, lane, lane_st!(V128Store8Lane, V128Store8LaneMem))?
        }
        O::V128Store16Lane { memarg, lane } => {
            t.store_lane(&memarg, lane, lane_st!(V128Store16Lane, V128Store16LaneMem))?
        }
        O::V128Store32Lane { memarg, lane } => {
            t.store_lane(&memarg, lane, lane_st!(V128Store32Lane, V128Store32LaneMem))?
        }
        O::V128Store64Lane { memarg, lane } => {
            t.store_lane(&memarg, lane, lane_st!(V128Store64Lane, V128Store64LaneMem))?
        }

        other => match translate_simd(t, &other) {
            Some(result) => result?,
            None => return Err(Failure::Unsupported(format!("operator {other:?}"))),
        },
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::{Engine, Instance, Module, Store};

    thread_local! {
        /// Forces the form of `br_table` translated on this thread.
        pub(super) static BR_TABLE_BY_MATCH: std::cell::Cell<Option<bool>> =
            const { std::cell::Cell::new(None) };
    }

    #[test]
    fn a_copy_before_a_jump_is_one_instruction() {
        // Iterative Fibonacci: the loop body ends with moves, then `br 0`.
        let wat = r#"(module (func (export "fib") (param i32) (result i32) (local i32 i32 i32)
            (local.set 2 (i32.const 1))
            (block (loop
              (br_if 1 (i32.eqz (local.get 0)))
              (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
              (local.set 3 (i32.add (local.get 1) (local.get 2)))
              (local.set 1 (local.get 2))
              (local.set 2 (local.get 3))
              (br 0)))
            (local.get 1)))"#;
        let (names, text) = listing(wat);
        let at = names.iter().position(|&n| n == "CopyBr").expect(&text);
        // The `Br` stays behind it, never reached from the copy.
        assert_eq!(names[at + 1], "Br", "{text}");
        let engine = interpreter();
        let module = Module::new(&engine, wat).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        let fib = instance
            .get_typed_func::<i32, i32>(&mut store, "fib")
            .unwrap();
        for (n, want) in [(0, 0), (1, 1), (2, 1), (10, 55), (30, 832_040)] {
            assert_eq!(fib.call(&mut store, n).unwrap(), want, "fib({n})");
        }
    }

    #[test]
    fn br_table_in_either_form() {
        let wat = r#"(module (func (export "f") (param i32) (result i32)
            (block (block (block (br_table 0 1 2 (local.get 0)))
                          (return (i32.const 10)))
                   (return (i32.const 11)))
            (i32.const 12)))"#;
        for by_match in [true, false] {
            BR_TABLE_BY_MATCH.set(Some(by_match));
            let (names, text) = listing(wat);
            let form = if by_match {
                "BrTable"
            } else {
                "BrTableComputed"
            };
            assert_eq!(names[0], form, "{text}");
            let engine = interpreter();
            let module = Module::new(&engine, wat).unwrap();
            let mut store = Store::new(&engine, ());
            let instance = Instance::new(&mut store, &module, &[]).unwrap();
            let f = instance
                .get_typed_func::<i32, i32>(&mut store, "f")
                .unwrap();
            // The last entry is the default: every index from 2 up.
            for (index, want) in [(0, 10), (1, 11), (2, 12), (3, 12), (-1, 12)] {
                assert_eq!(f.call(&mut store, index).unwrap(), want, "{form} {index}");
            }
        }
        // An index computed just before is taken from the accumulator.
        let wat = r#"(module (func (export "f") (param i32) (result i32)
            (block (block (block (br_table 0 1 2 (i32.sub (local.get 0) (i32.const 1))))
                          (return (i32.const 10)))
                   (return (i32.const 11)))
            (i32.const 12)))"#;
        for (by_match, form) in [(true, "BrTableAcc"), (false, "BrTableComputedAcc")] {
            BR_TABLE_BY_MATCH.set(Some(by_match));
            let (names, text) = listing(wat);
            assert_eq!(names[..2], ["I32SubImm", form], "{text}");
            let (mut store, f) = export::<i32, i32>(wat);
            for (index, want) in [(1, 10), (2, 11), (3, 12), (0, 12), (9, 12)] {
                assert_eq!(f.call(&mut store, index).unwrap(), want, "{form} {index}");
            }
        }
        BR_TABLE_BY_MATCH.set(None);
    }

    /// An engine that only interprets (the default, tiered, adds loop
    /// counters to the bytecode).
    fn interpreter() -> Engine {
        let mut config = crate::Config::new();
        config.strategy(crate::Strategy::Interpreter);
        Engine::new(&config).unwrap()
    }

    /// The mnemonics of defined function 0 of `wat`, with the listing.
    fn listing(wat: &str) -> (Vec<&'static str>, String) {
        let module = Module::new(&interpreter(), wat).unwrap();
        let compiled = module.inner.compiled(0).unwrap();
        let names = compiled.code.iter().map(|i| i.name()).collect();
        (names, compiled.to_string())
    }

    #[test]
    fn locals_constants_and_comparisons_cost_no_extra_instructions() {
        let (names, text) = listing(
            r#"(module (func (param i32) (result i32) (local i32)
                 (local.set 1 (i32.add (local.get 0) (i32.const 5)))
                 (if (i32.lt_s (local.get 1) (i32.const 10))
                   (then (return (i32.const 1))))
                 (local.get 1)))"#,
        );
        // The add writes the local directly; the comparison and the `if`
        // are one negated compare-and-branch, which takes the sum from the
        // accumulator.
        assert_eq!(
            names,
            ["I32AddImm", "BrI32GeSImmAcc", "ReturnImm", "ReturnSlot"],
            "{text}"
        );
        assert!(text.contains("dst: 1, lhs: 0, rhs: 5"), "{text}");
    }

    #[test]
    fn accumulator_forms_read_what_the_previous_instruction_computed() {
        // An f64 chain: the square root takes the sum from the float
        // accumulator, the store takes the root from it too.
        let (names, text) = listing(
            r#"(module (memory 1) (func (param f64 f64 i32)
                 (f64.store (local.get 2) (f64.sqrt (f64.add (local.get 0) (local.get 1))))))"#,
        );
        assert_eq!(
            names,
            ["F64Add", "F64SqrtAcc", "Store64AccF", "Return"],
            "{text}"
        );
        // An integer result reinterpreted as a float is not in the float
        // accumulator: the add reads its slot.
        let (names, text) = listing(
            r#"(module (func (param i64 i64 f64) (result f64)
                 (f64.add (f64.reinterpret_i64 (i64.add (local.get 0) (local.get 1)))
                          (local.get 2))))"#,
        );
        assert_eq!(names, ["I64Add", "F64Add", "ReturnSlot"], "{text}");
        // A 64-bit load fills both accumulators: `f64.load` and `i64.load`
        // are one instruction.
        let (names, text) = listing(
            r#"(module (memory 1) (func (param i32) (result i32)
                 (f64.store (local.get 0) (f64.sqrt (f64.load (local.get 0))))
                 (i64.eqz (i64.load (local.get 0)))))"#,
        );
        assert_eq!(
            names,
            [
                "Load64",
                "F64SqrtAcc",
                "Store64AccF",
                "Load64",
                "I64EqzAcc",
                "ReturnSlotAcc"
            ],
            "{text}"
        );
        // A load feeding a binary operation is fused with it instead.
        let (names, text) = listing(
            r#"(module (memory 1) (func (param i32 f64) (result f64)
                 (f64.sub (local.get 1) (f64.load (local.get 0)))))"#,
        );
        assert_eq!(names, ["F64SubLoadR", "ReturnSlot"], "{text}");
    }

    #[test]
    fn select_takes_a_constant_operand_as_an_immediate() {
        let (names, text) = listing(
            r#"(module (func (param i32 i64) (result i64)
                 (select (i64.const 0) (local.get 1) (local.get 0))))"#,
        );
        assert_eq!(names, ["SelectImmA", "ReturnSlotAcc"], "{text}");
        assert!(text.contains("cond: 0, b: 1, a: 0"), "{text}");
        let (names, text) = listing(
            r#"(module (func (param i32 f64) (result f64)
                 (select (local.get 1) (f64.const 1.5) (i32.eqz (local.get 0)))))"#,
        );
        assert_eq!(
            names,
            ["I32Eqz", "SelectImmBAcc", "ReturnSlotAcc"],
            "{text}"
        );
        assert!(text.contains(&format!("b: {}", 1.5f64.to_bits())), "{text}");
    }

    #[test]
    fn indexed_loads_are_one_instruction_when_the_address_is_a_temporary() {
        let (names, text) = listing(
            r#"(module (memory 1) (func (param i32 i32) (result i64)
                 (i64.load (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 3))))))"#,
        );
        assert_eq!(names, ["Load64Idx", "ReturnSlotAcc"], "{text}");
        assert!(text.contains("a: 1, c: 0, k: 3, end: 8"), "{text}");
        // An address kept in a local is computed into it.
        let (names, text) = listing(
            r#"(module (memory 1) (func (param i32 i32) (result i32)
                 (i32.load (local.tee 1 (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 2)))))))"#,
        );
        assert_eq!(
            names,
            ["I32ShlAdd", "Load32UAcc", "ReturnSlotAcc"],
            "{text}"
        );
    }

    /// Instantiates `wat` on the interpreter and returns its export `f`.
    fn export<P: crate::WasmParams, T: crate::WasmResults>(
        wat: &str,
    ) -> (Store<()>, crate::TypedFunc<P, T>) {
        let engine = interpreter();
        let module = Module::new(&engine, wat).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        let f = instance.get_typed_func::<P, T>(&mut store, "f").unwrap();
        (store, f)
    }

    #[test]
    fn an_element_of_a_local_array_is_one_instruction() {
        // `frame[48 + i * 8]`: the frame pointer plus a constant (where the
        // array sits in the frame), plus the scaled index.
        let wat = r#"(module (memory 1)
            (data (i32.const 0) "\01\00\00\00\00\00\00\00\02\00\00\00\00\00\00\00")
            (data (i32.const 64) "\03\00\00\00\00\00\00\00\04\00\00\00\00\00\00\00")
            (func (export "f") (param i32 i32) (result i64)
              (i64.load (i32.add (i32.add (local.get 0) (i32.const 48))
                                 (i32.shl (local.get 1) (i32.const 3))))))"#;
        let (names, text) = listing(wat);
        assert_eq!(names, ["Load64IdxK", "ReturnSlotAcc"], "{text}");
        assert!(text.contains("a: 1, c: 0, k: 3, imm: 48, end: 8"), "{text}");
        let (mut store, f) = export::<(i32, i32), i64>(wat);
        assert_eq!(f.call(&mut store, (16, 0)).unwrap(), 3);
        assert_eq!(f.call(&mut store, (16, 1)).unwrap(), 4);
        // The sums wrap at 32 bits, as the `i32.add`s do: -48 + 48 is 0,
        // and -56 + 48 + 8 * 2 is 8.
        assert_eq!(f.call(&mut store, (-48, 0)).unwrap(), 1);
        assert_eq!(f.call(&mut store, (-56, 2)).unwrap(), 2);
        // Past the end of memory: the trap of the unfused load.
        let err = f.call(&mut store, (65536 - 48 - 4, 0)).unwrap_err();
        assert_eq!(err.trap(), Some(crate::Trap::MemoryOutOfBounds));
        // A constant that does not fit the fused form's 16 bits leaves the
        // address computed (in one instruction) before the load.
        let (names, text) = listing(&wat.replace("(i32.const 48)", "(i32.const 40000)"));
        assert_eq!(
            names,
            ["I32ShlAddK", "Load64Acc", "ReturnSlotAcc"],
            "{text}"
        );
        let (mut store, f) =
            export::<(i32, i32), i64>(&wat.replace("(i32.const 48)", "(i32.const 40000)"));
        assert_eq!(f.call(&mut store, (64 - 40000, 1)).unwrap(), 4);
        // The address of a store is computed in one instruction too.
        let (names, text) = listing(
            r#"(module (memory 1) (func (param i32 i32 i64)
                 (i64.store (i32.add (i32.add (local.get 0) (i32.const -8))
                                     (i32.shl (local.get 1) (i32.const 3)))
                            (local.get 2))))"#,
        );
        assert_eq!(names, ["I32ShlAddK", "Store64AccP", "Return"], "{text}");
    }

    #[test]
    fn two_loads_from_one_address_are_one_instruction() {
        // Two fields of the struct at `p`, added.
        let wat = r#"(module (memory 1)
            (data (i32.const 8) "\05\07")
            (func (export "f") (param i32) (result i32)
              (i32.add (i32.load8_u offset=1 (local.get 0))
                       (i32.mul (i32.load8_u (local.get 0)) (i32.const 10)))))"#;
        let (names, text) = listing(wat);
        assert_eq!(names[0], "Load8UPair", "{text}");
        assert!(text.contains("ptr: 0, end: 2,"), "{text}");
        let (mut store, f) = export::<i32, i32>(wat);
        assert_eq!(f.call(&mut store, 8).unwrap(), 7 + 50);
        // The second load out of bounds traps, as it would alone.
        let err = f.call(&mut store, 65535).unwrap_err();
        assert_eq!(err.trap(), Some(crate::Trap::MemoryOutOfBounds));
        // Each result may go straight to a local.
        let wat = r#"(module (memory 1)
            (data (i32.const 0) "\10\00\00\00\20\00\00\00\30\00\00\00")
            (func (export "f") (param i32) (result i32) (local i32 i32)
              (local.set 1 (i32.load offset=4 (local.get 0)))
              (local.set 2 (i32.load offset=8 (local.get 0)))
              (i32.sub (local.get 2) (local.get 1))))"#;
        let (names, text) = listing(wat);
        assert_eq!(names[0], "Load32UPair", "{text}");
        assert!(
            text.contains("dst: 1, ptr: 0, end: 8, dst2: 2, end2: 12"),
            "{text}"
        );
        let (mut store, f) = export::<i32, i32>(wat);
        assert_eq!(f.call(&mut store, 0).unwrap(), 0x10);
        // A load that overwrites its own address (`p = p->next`) is not
        // paired with the load after it, which reads the new address.
        let wat = r#"(module (memory 1)
            (data (i32.const 0) "\08\00\00\00\00\00\00\00\00\00\00\00\2a\00\00\00")
            (func (export "f") (param i32) (result i32)
              (local.set 0 (i32.load (local.get 0)))
              (i32.load offset=4 (local.get 0))))"#;
        let (names, text) = listing(wat);
        assert!(!names.contains(&"Load32UPair"), "{text}");
        let (mut store, f) = export::<i32, i32>(wat);
        assert_eq!(f.call(&mut store, 0).unwrap(), 42);
    }

    #[test]
    fn a_constant_added_to_an_address_is_part_of_the_load() {
        // `(p + 16)` loaded and added: one instruction, and the next sum
        // takes the first from the float accumulator.
        let (names, text) = listing(
            r#"(module (memory 1) (func (param i32 f64) (result f64)
                 (f64.add (f64.add (local.get 1) (f64.load (i32.add (local.get 0) (i32.const 16))))
                          (f64.load (i32.add (local.get 0) (i32.const -8))))))"#,
        );
        assert_eq!(
            names,
            ["F64AddLoadOff", "F64AddLoadOffAccA", "ReturnSlot"],
            "{text}"
        );
        assert!(text.contains("a: 1, base: 0, k: 16, end: 8"), "{text}");
        assert!(text.contains("base: 0, k: -8, end: 8"), "{text}");
        // A plain load, with the base from the accumulator; the loaded byte
        // goes on in the accumulator; subtraction keeps its operand order.
        let (names, text) = listing(
            r#"(module (memory 1) (func (param i32 i32) (result i32)
                 (i32.sub (i32.load8_u offset=3 (i32.add (i32.add (local.get 0) (local.get 1)) (i32.const 5)))
                          (i32.load (i32.add (local.get 1) (i32.const 4))))))"#,
        );
        assert_eq!(
            names,
            [
                "I32Add",
                "Load8UOffAcc",
                "I32SubLoadROffAccA",
                "ReturnSlotAcc"
            ],
            "{text}"
        );
        assert!(text.contains("k: 5, end: 4"), "{text}");
        // A sum kept in a local, or a loaded value kept in one, is written.
        let (names, text) = listing(
            r#"(module (memory 1) (func (param i32 i64) (result i64)
                 (i64.add (i64.load (local.tee 0 (i32.add (local.get 0) (i32.const 8))))
                          (i64.extend_i32_u (local.get 0)))))"#,
        );
        assert_eq!(
            names,
            [
                "I32AddImm",
                "Load64Acc",
                "I64ExtendI32U",
                "I64AddAccR",
                "ReturnSlotAcc"
            ],
            "{text}"
        );
    }

    #[test]
    fn a_loop_back_edge_is_one_instruction() {
        let (names, text) = listing(
            r#"(module (func (param i32) (result i32) (local i32)
                 (loop (br_if 0 (i32.lt_s (local.tee 1 (i32.add (local.get 1) (i32.const 1)))
                                          (local.get 0))))
                 (local.get 1)))"#,
        );
        // The add and the branch become `BrI32AddImmLtS` in the add's place;
        // the branch after it is skipped, never executed.
        assert_eq!(
            names,
            ["BrI32AddImmLtS", "BrI32LtSAccL", "ReturnSlot"],
            "{text}"
        );
        assert!(
            text.contains("dst: 1, lhs: 1, step: 1, bound: 0, offset: 0  ; -> 0"),
            "{text}"
        );
    }

    #[test]
    fn a_back_edge_with_the_sum_on_the_right_is_one_instruction() {
        // `bound >= sum` is `sum <= bound`.
        let (names, text) = listing(
            r#"(module (func (param i32) (result i32) (local i32)
                 (loop (br_if 0 (i32.ge_s (local.get 0)
                                          (local.tee 1 (i32.add (local.get 1) (i32.const 2))))))
                 (local.get 1)))"#,
        );
        assert_eq!(
            names,
            ["BrI32AddImmLeS", "BrI32GeSAccR", "ReturnSlot"],
            "{text}"
        );
        assert!(text.contains("step: 2, bound: 0, offset: 0"), "{text}");
    }

    #[test]
    fn a_loop_counting_up_to_zero_ends_in_one_instruction() {
        let (names, text) = listing(
            r#"(module (func (param i32) (result i32)
                 (loop (br_if 0 (local.tee 0 (i32.add (local.get 0) (i32.const 4)))))
                 (local.get 0)))"#,
        );
        assert_eq!(
            names,
            ["BrI32AddImmNez", "BrIfNezAcc", "ReturnSlot"],
            "{text}"
        );
        assert!(
            text.contains("dst: 0, lhs: 0, step: 4, offset: 0  ; -> 0"),
            "{text}"
        );
    }

    #[test]
    fn no_accumulator_form_where_a_branch_lands() {
        // The multiplication heads the loop: the back edge reaches it too,
        // after the branch, so it reads its operand from the slot.
        let (names, text) = listing(
            r#"(module (func (param i32) (result i32)
                 (local.set 0 (i32.add (local.get 0) (i32.const 7)))
                 (loop
                   (local.set 0 (i32.mul (local.get 0) (i32.const 3)))
                   (br_if 0 (i32.lt_u (local.get 0) (i32.const 1000))))
                 (local.get 0)))"#,
        );
        assert_eq!(
            names,
            ["I32AddImm", "I32MulImm", "BrI32LtUImmAcc", "ReturnSlot"],
            "{text}"
        );
    }

    #[test]
    fn call_arguments_are_computed_in_place() {
        let (names, text) = listing(
            r#"(module (func $f (param i32) (result i32)
                 (call $f (i32.sub (local.get 0) (i32.const 1)))))"#,
        );
        // The argument is computed into the callee's first slot; the call's
        // result is returned from the same slot.
        assert_eq!(names, ["I32SubImm", "Call", "ReturnSlot"], "{text}");
    }

    #[test]
    fn branch_to_a_loop_carries_values_by_copy() {
        let (names, text) = listing(
            r#"(module (func (param i32) (result i32)
                 (local.get 0)
                 (loop (param i32) (result i32)
                   (i32.sub (i32.const 1))
                   (local.tee 0)
                   (br_if 0 (local.get 0)))))"#,
        );
        // The loop parameter lives in slot 1; the value the branch carries
        // (local 0, after the `tee`) is copied there only when it is taken.
        // The branch and the return read what the instruction before them
        // computed from the accumulator; the copy and the jump back are one
        // instruction (the `Br` left behind is not reached).
        assert_eq!(
            names,
            [
                "Copy",
                "I32SubImm",
                "BrIfEqzAcc",
                "CopyBr",
                "Br",
                "Copy",
                "ReturnSlotAcc"
            ],
            "{text}"
        );
        assert!(text.contains("Br offset: -3  ; -> 1"), "{text}");
    }
}
