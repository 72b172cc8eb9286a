//! Accumulator forms: the last step of translation.
//!
//! Executing a register bytecode, a value computed by one instruction and
//! used by the next makes a round trip through memory: stored to its slot,
//! then loaded back, and the load waits for the store (store-to-load
//! forwarding, several cycles on the dependency chain). The interpreter
//! therefore also keeps the last integer result in a register (`Regs::acc`,
//! passed from handler to handler) and the last `f64` result in another
//! (`Regs::facc`); see `Regs::set`. This pass rewrites an instruction that
//! reads the slot the instruction just before it wrote into its
//! *accumulator form*, which takes that operand from the register instead.
//! The slot is still written, so the value stays available to every later
//! reader, and the pass needs no liveness: it only looks at pairs.
//!
//! The pair must execute in sequence: the second instruction must not be a
//! branch target (a jump there would bring another accumulator). The
//! instructions that set the accumulators, and of which kind, are listed in
//! `producers!` (64-bit loads fill both: `i64.load` and `f64.load` are one
//! instruction); an accumulator form reads its operand before writing any
//! slot (fused instructions that write an intermediate first only take their
//! first operands from it). With the `verify-acc` feature (the test suite
//! turns it on), every read of an accumulator checks that it holds the value
//! of the slot it stands for.

use super::ir::{Instr, Slot, op};

/// Which accumulator an instruction's result is kept in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// `Regs::acc`: integers (and the raw bits of untyped copies).
    I,
    /// `Regs::facc`: `f64`.
    F,
    /// Both: 64-bit loads, which serve `i64.load` and `f64.load` alike.
    B,
}

/// Rewrites, in place, every instruction that can take an operand from
/// the accumulator its predecessor filled.
pub(crate) fn accumulate(code: &mut [Instr]) {
    let mut target = vec![false; code.len()];
    for (i, instr) in code.iter().enumerate() {
        if let Some(offset) = instr.branch_offset() {
            let t = i as i64 + i64::from(offset);
            if let Some(t) = usize::try_from(t).ok().filter(|&t| t < code.len()) {
                target[t] = true;
            }
        }
    }
    for i in 1..code.len() {
        if target[i] {
            continue;
        }
        let Some((slot, kind)) = stash(&code[i - 1]) else {
            continue;
        };
        if let Some(form) = acc_form(&code[i], slot, kind) {
            code[i] = form;
            if let Some(pair) = add_and_branch(&code[i - 1], &code[i]) {
                code[i - 1] = pair;
            }
        }
    }
    for i in 1..code.len() {
        if let Some(pair) = copy_and_branch(&code[i - 1], &code[i]) {
            code[i - 1] = pair;
        }
    }
}

/// A copy followed by an unconditional branch (the moves of a loop's
/// variables before its back edge, or of an arm's result before the jump
/// out) as one instruction in the copy's place, jumping where the branch
/// does. The branch stays, for the jumps that land on it; the pair never
/// falls through to it.
fn copy_and_branch(copy: &Instr, br: &Instr) -> Option<Instr> {
    let Instr::Br(op::Br { offset }) = *br else {
        return None;
    };
    let offset = offset.checked_add(1)?;
    match *copy {
        Instr::Copy(op::Copy { dst, src }) => Some(Instr::CopyBr(op::CopyBr { dst, src, offset })),
        Instr::CopyAcc(op::CopyAcc { dst, src }) => {
            Some(Instr::CopyBrAcc(op::CopyBrAcc { dst, src, offset }))
        }
        _ => None,
    }
}

/// A loop's back edge, `i32.add` then a compare-and-branch on the sum (from
/// the accumulator; a comparison with a slot, or with zero), as one instruction in the place of the addition. The
/// branch stays where it was but is never executed: the pair's fall-through
/// skips it, and it is not a branch target (else it would not read the
/// accumulator).
fn add_and_branch(add: &Instr, branch: &Instr) -> Option<Instr> {
    macro_rules! pairs {
        (
            $($br:ident($bound:ident) => $imm:ident, $slot:ident;)*
            ;
            $($test:ident => $zimm:ident, $zslot:ident;)*
        ) => {
            match (*add, *branch) {
                $(
                    (
                        Instr::I32AddImm(op::I32AddImm { dst, lhs, rhs }),
                        Instr::$br(op::$br { $bound: bound, offset, .. }),
                    ) => Some(Instr::$imm(op::$imm {
                        dst,
                        lhs,
                        step: rhs,
                        bound,
                        offset: offset.checked_add(1)?,
                    })),
                    (
                        Instr::I32Add(op::I32Add { dst, lhs, rhs }),
                        Instr::$br(op::$br { $bound: bound, offset, .. }),
                    ) => Some(Instr::$slot(op::$slot {
                        dst,
                        lhs,
                        step: rhs,
                        bound,
                        offset: offset.checked_add(1)?,
                    })),
                )*
                $(
                    (
                        Instr::I32AddImm(op::I32AddImm { dst, lhs, rhs }),
                        Instr::$test(op::$test { offset, .. }),
                    ) => Some(Instr::$zimm(op::$zimm {
                        dst,
                        lhs,
                        step: rhs,
                        offset: offset.checked_add(1)?,
                    })),
                    (
                        Instr::I32Add(op::I32Add { dst, lhs, rhs }),
                        Instr::$test(op::$test { offset, .. }),
                    ) => Some(Instr::$zslot(op::$zslot {
                        dst,
                        lhs,
                        step: rhs,
                        offset: offset.checked_add(1)?,
                    })),
                )*
                _ => None,
            }
        };
    }
    pairs! {
        BrI32EqAccL(rhs) => BrI32AddImmEq, BrI32AddEq;
        BrI32NeAccL(rhs) => BrI32AddImmNe, BrI32AddNe;
        BrI32LtSAccL(rhs) => BrI32AddImmLtS, BrI32AddLtS;
        BrI32LtUAccL(rhs) => BrI32AddImmLtU, BrI32AddLtU;
        BrI32GtSAccL(rhs) => BrI32AddImmGtS, BrI32AddGtS;
        BrI32GtUAccL(rhs) => BrI32AddImmGtU, BrI32AddGtU;
        BrI32LeSAccL(rhs) => BrI32AddImmLeS, BrI32AddLeS;
        BrI32LeUAccL(rhs) => BrI32AddImmLeU, BrI32AddLeU;
        BrI32GeSAccL(rhs) => BrI32AddImmGeS, BrI32AddGeS;
        BrI32GeUAccL(rhs) => BrI32AddImmGeU, BrI32AddGeU;
        // The sum on the right: `bound < sum` is `sum > bound`.
        BrI32EqAccR(lhs) => BrI32AddImmEq, BrI32AddEq;
        BrI32NeAccR(lhs) => BrI32AddImmNe, BrI32AddNe;
        BrI32LtSAccR(lhs) => BrI32AddImmGtS, BrI32AddGtS;
        BrI32LtUAccR(lhs) => BrI32AddImmGtU, BrI32AddGtU;
        BrI32GtSAccR(lhs) => BrI32AddImmLtS, BrI32AddLtS;
        BrI32GtUAccR(lhs) => BrI32AddImmLtU, BrI32AddLtU;
        BrI32LeSAccR(lhs) => BrI32AddImmGeS, BrI32AddGeS;
        BrI32LeUAccR(lhs) => BrI32AddImmGeU, BrI32AddGeU;
        BrI32GeSAccR(lhs) => BrI32AddImmLeS, BrI32AddLeS;
        BrI32GeUAccR(lhs) => BrI32AddImmLeU, BrI32AddLeU;
        ;
        // A test of the sum against zero.
        BrIfNezAcc => BrI32AddImmNez, BrI32AddNez;
        BrIfEqzAcc => BrI32AddImmEqz, BrI32AddEqz;
    }
}

/// Builds the accumulator form `$new` of `$o` (same operand fields).
macro_rules! rebuild {
    ($new:ident, $o:ident, { $($f:ident),* }) => {
        Instr::$new(op::$new { $($f: $o.$f.into()),* })
    };
}

macro_rules! acc_forms {
    ($($orig:ident $fields:tt [$($field:ident: $kind:ident => $new:ident),*];)*) => {
        /// The accumulator form of `instr` that reads `slot` from the
        /// accumulator of `kind`, if it has one.
        fn acc_form(instr: &Instr, slot: Slot, kind: Kind) -> Option<Instr> {
            match *instr {
                $(
                    Instr::$orig(o) => {
                        $(
                            if o.$field == slot && (kind == Kind::$kind || kind == Kind::B) {
                                return Some(rebuild!($new, o, $fields));
                            }
                        )*
                        None
                    }
                )*
                _ => None,
            }
        }
    };
}

macro_rules! producers {
    (
        I: [$($i:ident),* $(,)?], F: [$($f:ident),* $(,)?], B: [$($b:ident),* $(,)?],
        PI: [$($pi:ident),* $(,)?], PB: [$($pb:ident),* $(,)?] $(,)?
    ) => {
        /// The slot whose value `instr` leaves in an accumulator, and which
        /// (a pair of loads leaves its second value, `dst2`).
        fn stash(instr: &Instr) -> Option<(Slot, Kind)> {
            match instr {
                $( Instr::$i(o) => Some((o.dst, Kind::I)), )*
                $( Instr::$f(o) => Some((o.dst, Kind::F)), )*
                $( Instr::$b(o) => Some((o.dst, Kind::B)), )*
                $( Instr::$pi(o) => Some((o.dst2, Kind::I)), )*
                $( Instr::$pb(o) => Some((o.dst2, Kind::B)), )*
                _ => None,
            }
        }
    };
}

acc_forms! {
    Load8SIdx { dst, a, c, k, end } [a: I => Load8SIdxAccA, c: I => Load8SIdxAccC];
    Load8UIdx { dst, a, c, k, end } [a: I => Load8UIdxAccA, c: I => Load8UIdxAccC];
    Load16SIdx { dst, a, c, k, end } [a: I => Load16SIdxAccA, c: I => Load16SIdxAccC];
    Load16UIdx { dst, a, c, k, end } [a: I => Load16UIdxAccA, c: I => Load16UIdxAccC];
    Load32SIdx { dst, a, c, k, end } [a: I => Load32SIdxAccA, c: I => Load32SIdxAccC];
    Load32UIdx { dst, a, c, k, end } [a: I => Load32UIdxAccA, c: I => Load32UIdxAccC];
    Load64Idx { dst, a, c, k, end } [a: I => Load64IdxAccA, c: I => Load64IdxAccC];
    Load8SIdxK { dst, a, c, k, imm, end } [a: I => Load8SIdxKAccA];
    Load8UIdxK { dst, a, c, k, imm, end } [a: I => Load8UIdxKAccA];
    Load16SIdxK { dst, a, c, k, imm, end } [a: I => Load16SIdxKAccA];
    Load16UIdxK { dst, a, c, k, imm, end } [a: I => Load16UIdxKAccA];
    Load32SIdxK { dst, a, c, k, imm, end } [a: I => Load32SIdxKAccA];
    Load32UIdxK { dst, a, c, k, imm, end } [a: I => Load32UIdxKAccA];
    Load64IdxK { dst, a, c, k, imm, end } [a: I => Load64IdxKAccA];
    Load8SPair { dst, ptr, end, dst2, end2 } [ptr: I => Load8SPairAcc];
    Load8UPair { dst, ptr, end, dst2, end2 } [ptr: I => Load8UPairAcc];
    Load16SPair { dst, ptr, end, dst2, end2 } [ptr: I => Load16SPairAcc];
    Load16UPair { dst, ptr, end, dst2, end2 } [ptr: I => Load16UPairAcc];
    Load32SPair { dst, ptr, end, dst2, end2 } [ptr: I => Load32SPairAcc];
    Load32UPair { dst, ptr, end, dst2, end2 } [ptr: I => Load32UPairAcc];
    Load64Pair { dst, ptr, end, dst2, end2 } [ptr: I => Load64PairAcc];
    I32ShlAddK { dst, a, c, k, imm } [a: I => I32ShlAddKAccA];
    BrTable { index, len } [index: I => BrTableAcc];
    BrTableComputed { index, len } [index: I => BrTableComputedAcc];
    Load8SOff { dst, base, k, end } [base: I => Load8SOffAcc];
    Load8UOff { dst, base, k, end } [base: I => Load8UOffAcc];
    Load16SOff { dst, base, k, end } [base: I => Load16SOffAcc];
    Load16UOff { dst, base, k, end } [base: I => Load16UOffAcc];
    Load32SOff { dst, base, k, end } [base: I => Load32SOffAcc];
    Load32UOff { dst, base, k, end } [base: I => Load32UOffAcc];
    Load64Off { dst, base, k, end } [base: I => Load64OffAcc];
    I32AddLoadOff { dst, a, base, k, end } [a: I => I32AddLoadOffAccA];
    I32MulLoadOff { dst, a, base, k, end } [a: I => I32MulLoadOffAccA];
    I32AndLoadOff { dst, a, base, k, end } [a: I => I32AndLoadOffAccA];
    I32OrLoadOff { dst, a, base, k, end } [a: I => I32OrLoadOffAccA];
    I32XorLoadOff { dst, a, base, k, end } [a: I => I32XorLoadOffAccA];
    I32SubLoadLOff { dst, a, base, k, end } [a: I => I32SubLoadLOffAccA];
    I32SubLoadROff { dst, a, base, k, end } [a: I => I32SubLoadROffAccA];
    I64AddLoadOff { dst, a, base, k, end } [a: I => I64AddLoadOffAccA];
    I64MulLoadOff { dst, a, base, k, end } [a: I => I64MulLoadOffAccA];
    I64AndLoadOff { dst, a, base, k, end } [a: I => I64AndLoadOffAccA];
    I64OrLoadOff { dst, a, base, k, end } [a: I => I64OrLoadOffAccA];
    I64XorLoadOff { dst, a, base, k, end } [a: I => I64XorLoadOffAccA];
    I64SubLoadLOff { dst, a, base, k, end } [a: I => I64SubLoadLOffAccA];
    I64SubLoadROff { dst, a, base, k, end } [a: I => I64SubLoadROffAccA];
    F64AddLoadOff { dst, a, base, k, end } [a: F => F64AddLoadOffAccA];
    F64MulLoadOff { dst, a, base, k, end } [a: F => F64MulLoadOffAccA];
    F64SubLoadLOff { dst, a, base, k, end } [a: F => F64SubLoadLOffAccA];
    F64SubLoadROff { dst, a, base, k, end } [a: F => F64SubLoadROffAccA];
    F64DivLoadLOff { dst, a, base, k, end } [a: F => F64DivLoadLOffAccA];
    F64DivLoadROff { dst, a, base, k, end } [a: F => F64DivLoadROffAccA];
    I32AddLoad { dst, tmp, a, ptr, end } [a: I => I32AddLoadAccA, ptr: I => I32AddLoadAccP];
    I32MulLoad { dst, tmp, a, ptr, end } [a: I => I32MulLoadAccA, ptr: I => I32MulLoadAccP];
    I32AndLoad { dst, tmp, a, ptr, end } [a: I => I32AndLoadAccA, ptr: I => I32AndLoadAccP];
    I32OrLoad { dst, tmp, a, ptr, end } [a: I => I32OrLoadAccA, ptr: I => I32OrLoadAccP];
    I32XorLoad { dst, tmp, a, ptr, end } [a: I => I32XorLoadAccA, ptr: I => I32XorLoadAccP];
    I32SubLoadL { dst, tmp, a, ptr, end } [a: I => I32SubLoadLAccA, ptr: I => I32SubLoadLAccP];
    I32SubLoadR { dst, tmp, a, ptr, end } [a: I => I32SubLoadRAccA, ptr: I => I32SubLoadRAccP];
    I64AddLoad { dst, tmp, a, ptr, end } [a: I => I64AddLoadAccA, ptr: I => I64AddLoadAccP];
    I64MulLoad { dst, tmp, a, ptr, end } [a: I => I64MulLoadAccA, ptr: I => I64MulLoadAccP];
    I64AndLoad { dst, tmp, a, ptr, end } [a: I => I64AndLoadAccA, ptr: I => I64AndLoadAccP];
    I64OrLoad { dst, tmp, a, ptr, end } [a: I => I64OrLoadAccA, ptr: I => I64OrLoadAccP];
    I64XorLoad { dst, tmp, a, ptr, end } [a: I => I64XorLoadAccA, ptr: I => I64XorLoadAccP];
    I64SubLoadL { dst, tmp, a, ptr, end } [a: I => I64SubLoadLAccA, ptr: I => I64SubLoadLAccP];
    I64SubLoadR { dst, tmp, a, ptr, end } [a: I => I64SubLoadRAccA, ptr: I => I64SubLoadRAccP];
    F32AddLoad { dst, tmp, a, ptr, end } [ptr: I => F32AddLoadAccP];
    F32MulLoad { dst, tmp, a, ptr, end } [ptr: I => F32MulLoadAccP];
    F32SubLoadL { dst, tmp, a, ptr, end } [ptr: I => F32SubLoadLAccP];
    F32SubLoadR { dst, tmp, a, ptr, end } [ptr: I => F32SubLoadRAccP];
    F32DivLoadL { dst, tmp, a, ptr, end } [ptr: I => F32DivLoadLAccP];
    F32DivLoadR { dst, tmp, a, ptr, end } [ptr: I => F32DivLoadRAccP];
    F64AddLoad { dst, tmp, a, ptr, end } [a: F => F64AddLoadAccA, ptr: I => F64AddLoadAccP];
    F64MulLoad { dst, tmp, a, ptr, end } [a: F => F64MulLoadAccA, ptr: I => F64MulLoadAccP];
    F64SubLoadL { dst, tmp, a, ptr, end } [a: F => F64SubLoadLAccA, ptr: I => F64SubLoadLAccP];
    F64SubLoadR { dst, tmp, a, ptr, end } [a: F => F64SubLoadRAccA, ptr: I => F64SubLoadRAccP];
    F64DivLoadL { dst, tmp, a, ptr, end } [a: F => F64DivLoadLAccA, ptr: I => F64DivLoadLAccP];
    F64DivLoadR { dst, tmp, a, ptr, end } [a: F => F64DivLoadRAccA, ptr: I => F64DivLoadRAccP];
    I32Add { dst, lhs, rhs } [lhs: I => I32AddAccL, rhs: I => I32AddAccR];
    I32AddImm { dst, lhs, rhs } [lhs: I => I32AddImmAcc];
    I32Sub { dst, lhs, rhs } [lhs: I => I32SubAccL, rhs: I => I32SubAccR];
    I32SubImm { dst, lhs, rhs } [lhs: I => I32SubImmAcc];
    I32Mul { dst, lhs, rhs } [lhs: I => I32MulAccL, rhs: I => I32MulAccR];
    I32MulImm { dst, lhs, rhs } [lhs: I => I32MulImmAcc];
    I32DivS { dst, lhs, rhs } [lhs: I => I32DivSAccL, rhs: I => I32DivSAccR];
    I32DivSImm { dst, lhs, rhs } [lhs: I => I32DivSImmAcc];
    I32DivU { dst, lhs, rhs } [lhs: I => I32DivUAccL, rhs: I => I32DivUAccR];
    I32DivUImm { dst, lhs, rhs } [lhs: I => I32DivUImmAcc];
    I32RemS { dst, lhs, rhs } [lhs: I => I32RemSAccL, rhs: I => I32RemSAccR];
    I32RemSImm { dst, lhs, rhs } [lhs: I => I32RemSImmAcc];
    I32RemU { dst, lhs, rhs } [lhs: I => I32RemUAccL, rhs: I => I32RemUAccR];
    I32RemUImm { dst, lhs, rhs } [lhs: I => I32RemUImmAcc];
    I32And { dst, lhs, rhs } [lhs: I => I32AndAccL, rhs: I => I32AndAccR];
    I32AndImm { dst, lhs, rhs } [lhs: I => I32AndImmAcc];
    I32Or { dst, lhs, rhs } [lhs: I => I32OrAccL, rhs: I => I32OrAccR];
    I32OrImm { dst, lhs, rhs } [lhs: I => I32OrImmAcc];
    I32Xor { dst, lhs, rhs } [lhs: I => I32XorAccL, rhs: I => I32XorAccR];
    I32XorImm { dst, lhs, rhs } [lhs: I => I32XorImmAcc];
    I32Shl { dst, lhs, rhs } [lhs: I => I32ShlAccL, rhs: I => I32ShlAccR];
    I32ShlImm { dst, lhs, rhs } [lhs: I => I32ShlImmAcc];
    I32ShrS { dst, lhs, rhs } [lhs: I => I32ShrSAccL, rhs: I => I32ShrSAccR];
    I32ShrSImm { dst, lhs, rhs } [lhs: I => I32ShrSImmAcc];
    I32ShrU { dst, lhs, rhs } [lhs: I => I32ShrUAccL, rhs: I => I32ShrUAccR];
    I32ShrUImm { dst, lhs, rhs } [lhs: I => I32ShrUImmAcc];
    I32Rotl { dst, lhs, rhs } [lhs: I => I32RotlAccL, rhs: I => I32RotlAccR];
    I32RotlImm { dst, lhs, rhs } [lhs: I => I32RotlImmAcc];
    I32Rotr { dst, lhs, rhs } [lhs: I => I32RotrAccL, rhs: I => I32RotrAccR];
    I32RotrImm { dst, lhs, rhs } [lhs: I => I32RotrImmAcc];
    I32Eq { dst, lhs, rhs } [lhs: I => I32EqAccL, rhs: I => I32EqAccR];
    I32EqImm { dst, lhs, rhs } [lhs: I => I32EqImmAcc];
    I32Ne { dst, lhs, rhs } [lhs: I => I32NeAccL, rhs: I => I32NeAccR];
    I32NeImm { dst, lhs, rhs } [lhs: I => I32NeImmAcc];
    I32LtS { dst, lhs, rhs } [lhs: I => I32LtSAccL, rhs: I => I32LtSAccR];
    I32LtSImm { dst, lhs, rhs } [lhs: I => I32LtSImmAcc];
    I32LtU { dst, lhs, rhs } [lhs: I => I32LtUAccL, rhs: I => I32LtUAccR];
    I32LtUImm { dst, lhs, rhs } [lhs: I => I32LtUImmAcc];
    I32GtS { dst, lhs, rhs } [lhs: I => I32GtSAccL, rhs: I => I32GtSAccR];
    I32GtSImm { dst, lhs, rhs } [lhs: I => I32GtSImmAcc];
    I32GtU { dst, lhs, rhs } [lhs: I => I32GtUAccL, rhs: I => I32GtUAccR];
    I32GtUImm { dst, lhs, rhs } [lhs: I => I32GtUImmAcc];
    I32LeS { dst, lhs, rhs } [lhs: I => I32LeSAccL, rhs: I => I32LeSAccR];
    I32LeSImm { dst, lhs, rhs } [lhs: I => I32LeSImmAcc];
    I32LeU { dst, lhs, rhs } [lhs: I => I32LeUAccL, rhs: I => I32LeUAccR];
    I32LeUImm { dst, lhs, rhs } [lhs: I => I32LeUImmAcc];
    I32GeS { dst, lhs, rhs } [lhs: I => I32GeSAccL, rhs: I => I32GeSAccR];
    I32GeSImm { dst, lhs, rhs } [lhs: I => I32GeSImmAcc];
    I32GeU { dst, lhs, rhs } [lhs: I => I32GeUAccL, rhs: I => I32GeUAccR];
    I32GeUImm { dst, lhs, rhs } [lhs: I => I32GeUImmAcc];
    I32SubImmL { dst, lhs, rhs } [rhs: I => I32SubImmLAcc];
    I32DivSImmL { dst, lhs, rhs } [rhs: I => I32DivSImmLAcc];
    I32DivUImmL { dst, lhs, rhs } [rhs: I => I32DivUImmLAcc];
    I32RemSImmL { dst, lhs, rhs } [rhs: I => I32RemSImmLAcc];
    I32RemUImmL { dst, lhs, rhs } [rhs: I => I32RemUImmLAcc];
    I32ShlImmL { dst, lhs, rhs } [rhs: I => I32ShlImmLAcc];
    I32ShrSImmL { dst, lhs, rhs } [rhs: I => I32ShrSImmLAcc];
    I32ShrUImmL { dst, lhs, rhs } [rhs: I => I32ShrUImmLAcc];
    I32RotlImmL { dst, lhs, rhs } [rhs: I => I32RotlImmLAcc];
    I32RotrImmL { dst, lhs, rhs } [rhs: I => I32RotrImmLAcc];
    BrI32Eq { lhs, rhs, offset } [lhs: I => BrI32EqAccL, rhs: I => BrI32EqAccR];
    BrI32EqImm { lhs, rhs, offset } [lhs: I => BrI32EqImmAcc];
    BrI32Ne { lhs, rhs, offset } [lhs: I => BrI32NeAccL, rhs: I => BrI32NeAccR];
    BrI32NeImm { lhs, rhs, offset } [lhs: I => BrI32NeImmAcc];
    BrI32LtS { lhs, rhs, offset } [lhs: I => BrI32LtSAccL, rhs: I => BrI32LtSAccR];
    BrI32LtSImm { lhs, rhs, offset } [lhs: I => BrI32LtSImmAcc];
    BrI32LtU { lhs, rhs, offset } [lhs: I => BrI32LtUAccL, rhs: I => BrI32LtUAccR];
    BrI32LtUImm { lhs, rhs, offset } [lhs: I => BrI32LtUImmAcc];
    BrI32GtS { lhs, rhs, offset } [lhs: I => BrI32GtSAccL, rhs: I => BrI32GtSAccR];
    BrI32GtSImm { lhs, rhs, offset } [lhs: I => BrI32GtSImmAcc];
    BrI32GtU { lhs, rhs, offset } [lhs: I => BrI32GtUAccL, rhs: I => BrI32GtUAccR];
    BrI32GtUImm { lhs, rhs, offset } [lhs: I => BrI32GtUImmAcc];
    BrI32LeS { lhs, rhs, offset } [lhs: I => BrI32LeSAccL, rhs: I => BrI32LeSAccR];
    BrI32LeSImm { lhs, rhs, offset } [lhs: I => BrI32LeSImmAcc];
    BrI32LeU { lhs, rhs, offset } [lhs: I => BrI32LeUAccL, rhs: I => BrI32LeUAccR];
    BrI32LeUImm { lhs, rhs, offset } [lhs: I => BrI32LeUImmAcc];
    BrI32GeS { lhs, rhs, offset } [lhs: I => BrI32GeSAccL, rhs: I => BrI32GeSAccR];
    BrI32GeSImm { lhs, rhs, offset } [lhs: I => BrI32GeSImmAcc];
    BrI32GeU { lhs, rhs, offset } [lhs: I => BrI32GeUAccL, rhs: I => BrI32GeUAccR];
    BrI32GeUImm { lhs, rhs, offset } [lhs: I => BrI32GeUImmAcc];
    I64Add { dst, lhs, rhs } [lhs: I => I64AddAccL, rhs: I => I64AddAccR];
    I64AddImm { dst, lhs, rhs } [lhs: I => I64AddImmAcc];
    I64Sub { dst, lhs, rhs } [lhs: I => I64SubAccL, rhs: I => I64SubAccR];
    I64SubImm { dst, lhs, rhs } [lhs: I => I64SubImmAcc];
    I64Mul { dst, lhs, rhs } [lhs: I => I64MulAccL, rhs: I => I64MulAccR];
    I64MulImm { dst, lhs, rhs } [lhs: I => I64MulImmAcc];
    I64DivS { dst, lhs, rhs } [lhs: I => I64DivSAccL, rhs: I => I64DivSAccR];
    I64DivSImm { dst, lhs, rhs } [lhs: I => I64DivSImmAcc];
    I64DivU { dst, lhs, rhs } [lhs: I => I64DivUAccL, rhs: I => I64DivUAccR];
    I64DivUImm { dst, lhs, rhs } [lhs: I => I64DivUImmAcc];
    I64RemS { dst, lhs, rhs } [lhs: I => I64RemSAccL, rhs: I => I64RemSAccR];
    I64RemSImm { dst, lhs, rhs } [lhs: I => I64RemSImmAcc];
    I64RemU { dst, lhs, rhs } [lhs: I => I64RemUAccL, rhs: I => I64RemUAccR];
    I64RemUImm { dst, lhs, rhs } [lhs: I => I64RemUImmAcc];
    I64And { dst, lhs, rhs } [lhs: I => I64AndAccL, rhs: I => I64AndAccR];
    I64AndImm { dst, lhs, rhs } [lhs: I => I64AndImmAcc];
    I64Or { dst, lhs, rhs } [lhs: I => I64OrAccL, rhs: I => I64OrAccR];
    I64OrImm { dst, lhs, rhs } [lhs: I => I64OrImmAcc];
    I64Xor { dst, lhs, rhs } [lhs: I => I64XorAccL, rhs: I => I64XorAccR];
    I64XorImm { dst, lhs, rhs } [lhs: I => I64XorImmAcc];
    I64Shl { dst, lhs, rhs } [lhs: I => I64ShlAccL, rhs: I => I64ShlAccR];
    I64ShlImm { dst, lhs, rhs } [lhs: I => I64ShlImmAcc];
    I64ShrS { dst, lhs, rhs } [lhs: I => I64ShrSAccL, rhs: I => I64ShrSAccR];
    I64ShrSImm { dst, lhs, rhs } [lhs: I => I64ShrSImmAcc];
    I64ShrU { dst, lhs, rhs } [lhs: I => I64ShrUAccL, rhs: I => I64ShrUAccR];
    I64ShrUImm { dst, lhs, rhs } [lhs: I => I64ShrUImmAcc];
    I64Rotl { dst, lhs, rhs } [lhs: I => I64RotlAccL, rhs: I => I64RotlAccR];
    I64RotlImm { dst, lhs, rhs } [lhs: I => I64RotlImmAcc];
    I64Rotr { dst, lhs, rhs } [lhs: I => I64RotrAccL, rhs: I => I64RotrAccR];
    I64RotrImm { dst, lhs, rhs } [lhs: I => I64RotrImmAcc];
    I64Eq { dst, lhs, rhs } [lhs: I => I64EqAccL, rhs: I => I64EqAccR];
    I64EqImm { dst, lhs, rhs } [lhs: I => I64EqImmAcc];
    I64Ne { dst, lhs, rhs } [lhs: I => I64NeAccL, rhs: I => I64NeAccR];
    I64NeImm { dst, lhs, rhs } [lhs: I => I64NeImmAcc];
    I64LtS { dst, lhs, rhs } [lhs: I => I64LtSAccL, rhs: I => I64LtSAccR];
    I64LtSImm { dst, lhs, rhs } [lhs: I => I64LtSImmAcc];
    I64LtU { dst, lhs, rhs } [lhs: I => I64LtUAccL, rhs: I => I64LtUAccR];
    I64LtUImm { dst, lhs, rhs } [lhs: I => I64LtUImmAcc];
    I64GtS { dst, lhs, rhs } [lhs: I => I64GtSAccL, rhs: I => I64GtSAccR];
    I64GtSImm { dst, lhs, rhs } [lhs: I => I64GtSImmAcc];
    I64GtU { dst, lhs, rhs } [lhs: I => I64GtUAccL, rhs: I => I64GtUAccR];
    I64GtUImm { dst, lhs, rhs } [lhs: I => I64GtUImmAcc];
    I64LeS { dst, lhs, rhs } [lhs: I => I64LeSAccL, rhs: I => I64LeSAccR];
    I64LeSImm { dst, lhs, rhs } [lhs: I => I64LeSImmAcc];
    I64LeU { dst, lhs, rhs } [lhs: I => I64LeUAccL, rhs: I => I64LeUAccR];
    I64LeUImm { dst, lhs, rhs } [lhs: I => I64LeUImmAcc];
    I64GeS { dst, lhs, rhs } [lhs: I => I64GeSAccL, rhs: I => I64GeSAccR];
    I64GeSImm { dst, lhs, rhs } [lhs: I => I64GeSImmAcc];
    I64GeU { dst, lhs, rhs } [lhs: I => I64GeUAccL, rhs: I => I64GeUAccR];
    I64GeUImm { dst, lhs, rhs } [lhs: I => I64GeUImmAcc];
    I64SubImmL { dst, lhs, rhs } [rhs: I => I64SubImmLAcc];
    I64DivSImmL { dst, lhs, rhs } [rhs: I => I64DivSImmLAcc];
    I64DivUImmL { dst, lhs, rhs } [rhs: I => I64DivUImmLAcc];
    I64RemSImmL { dst, lhs, rhs } [rhs: I => I64RemSImmLAcc];
    I64RemUImmL { dst, lhs, rhs } [rhs: I => I64RemUImmLAcc];
    I64ShlImmL { dst, lhs, rhs } [rhs: I => I64ShlImmLAcc];
    I64ShrSImmL { dst, lhs, rhs } [rhs: I => I64ShrSImmLAcc];
    I64ShrUImmL { dst, lhs, rhs } [rhs: I => I64ShrUImmLAcc];
    I64RotlImmL { dst, lhs, rhs } [rhs: I => I64RotlImmLAcc];
    I64RotrImmL { dst, lhs, rhs } [rhs: I => I64RotrImmLAcc];
    BrI64Eq { lhs, rhs, offset } [lhs: I => BrI64EqAccL, rhs: I => BrI64EqAccR];
    BrI64EqImm { lhs, rhs, offset } [lhs: I => BrI64EqImmAcc];
    BrI64Ne { lhs, rhs, offset } [lhs: I => BrI64NeAccL, rhs: I => BrI64NeAccR];
    BrI64NeImm { lhs, rhs, offset } [lhs: I => BrI64NeImmAcc];
    BrI64LtS { lhs, rhs, offset } [lhs: I => BrI64LtSAccL, rhs: I => BrI64LtSAccR];
    BrI64LtSImm { lhs, rhs, offset } [lhs: I => BrI64LtSImmAcc];
    BrI64LtU { lhs, rhs, offset } [lhs: I => BrI64LtUAccL, rhs: I => BrI64LtUAccR];
    BrI64LtUImm { lhs, rhs, offset } [lhs: I => BrI64LtUImmAcc];
    BrI64GtS { lhs, rhs, offset } [lhs: I => BrI64GtSAccL, rhs: I => BrI64GtSAccR];
    BrI64GtSImm { lhs, rhs, offset } [lhs: I => BrI64GtSImmAcc];
    BrI64GtU { lhs, rhs, offset } [lhs: I => BrI64GtUAccL, rhs: I => BrI64GtUAccR];
    BrI64GtUImm { lhs, rhs, offset } [lhs: I => BrI64GtUImmAcc];
    BrI64LeS { lhs, rhs, offset } [lhs: I => BrI64LeSAccL, rhs: I => BrI64LeSAccR];
    BrI64LeSImm { lhs, rhs, offset } [lhs: I => BrI64LeSImmAcc];
    BrI64LeU { lhs, rhs, offset } [lhs: I => BrI64LeUAccL, rhs: I => BrI64LeUAccR];
    BrI64LeUImm { lhs, rhs, offset } [lhs: I => BrI64LeUImmAcc];
    BrI64GeS { lhs, rhs, offset } [lhs: I => BrI64GeSAccL, rhs: I => BrI64GeSAccR];
    BrI64GeSImm { lhs, rhs, offset } [lhs: I => BrI64GeSImmAcc];
    BrI64GeU { lhs, rhs, offset } [lhs: I => BrI64GeUAccL, rhs: I => BrI64GeUAccR];
    BrI64GeUImm { lhs, rhs, offset } [lhs: I => BrI64GeUImmAcc];
    F64Add { dst, lhs, rhs } [lhs: F => F64AddAccL, rhs: F => F64AddAccR];
    F64Sub { dst, lhs, rhs } [lhs: F => F64SubAccL, rhs: F => F64SubAccR];
    F64Mul { dst, lhs, rhs } [lhs: F => F64MulAccL, rhs: F => F64MulAccR];
    F64Div { dst, lhs, rhs } [lhs: F => F64DivAccL, rhs: F => F64DivAccR];
    F64Min { dst, lhs, rhs } [lhs: F => F64MinAccL, rhs: F => F64MinAccR];
    F64Max { dst, lhs, rhs } [lhs: F => F64MaxAccL, rhs: F => F64MaxAccR];
    F64Copysign { dst, lhs, rhs } [lhs: F => F64CopysignAccL, rhs: F => F64CopysignAccR];
    F64Eq { dst, lhs, rhs } [lhs: F => F64EqAccL, rhs: F => F64EqAccR];
    F64Ne { dst, lhs, rhs } [lhs: F => F64NeAccL, rhs: F => F64NeAccR];
    F64Lt { dst, lhs, rhs } [lhs: F => F64LtAccL, rhs: F => F64LtAccR];
    F64Gt { dst, lhs, rhs } [lhs: F => F64GtAccL, rhs: F => F64GtAccR];
    F64Le { dst, lhs, rhs } [lhs: F => F64LeAccL, rhs: F => F64LeAccR];
    F64Ge { dst, lhs, rhs } [lhs: F => F64GeAccL, rhs: F => F64GeAccR];
    F64AddImm { dst, lhs, rhs } [lhs: F => F64AddImmAcc];
    F64SubImm { dst, lhs, rhs } [lhs: F => F64SubImmAcc];
    F64MulImm { dst, lhs, rhs } [lhs: F => F64MulImmAcc];
    F64DivImm { dst, lhs, rhs } [lhs: F => F64DivImmAcc];
    F64EqImm { dst, lhs, rhs } [lhs: F => F64EqImmAcc];
    F64NeImm { dst, lhs, rhs } [lhs: F => F64NeImmAcc];
    F64LtImm { dst, lhs, rhs } [lhs: F => F64LtImmAcc];
    F64GtImm { dst, lhs, rhs } [lhs: F => F64GtImmAcc];
    F64LeImm { dst, lhs, rhs } [lhs: F => F64LeImmAcc];
    F64GeImm { dst, lhs, rhs } [lhs: F => F64GeImmAcc];
    BrF64Eq { lhs, rhs, offset } [lhs: F => BrF64EqAccL, rhs: F => BrF64EqAccR];
    BrF64EqImm { lhs, rhs, offset } [lhs: F => BrF64EqImmAcc];
    BrF64Ne { lhs, rhs, offset } [lhs: F => BrF64NeAccL, rhs: F => BrF64NeAccR];
    BrF64NeImm { lhs, rhs, offset } [lhs: F => BrF64NeImmAcc];
    BrF64Lt { lhs, rhs, offset } [lhs: F => BrF64LtAccL, rhs: F => BrF64LtAccR];
    BrF64LtImm { lhs, rhs, offset } [lhs: F => BrF64LtImmAcc];
    BrF64Gt { lhs, rhs, offset } [lhs: F => BrF64GtAccL, rhs: F => BrF64GtAccR];
    BrF64GtImm { lhs, rhs, offset } [lhs: F => BrF64GtImmAcc];
    BrF64Le { lhs, rhs, offset } [lhs: F => BrF64LeAccL, rhs: F => BrF64LeAccR];
    BrF64LeImm { lhs, rhs, offset } [lhs: F => BrF64LeImmAcc];
    BrF64Ge { lhs, rhs, offset } [lhs: F => BrF64GeAccL, rhs: F => BrF64GeAccR];
    BrF64GeImm { lhs, rhs, offset } [lhs: F => BrF64GeImmAcc];
    BrF64NotLt { lhs, rhs, offset } [lhs: F => BrF64NotLtAccL, rhs: F => BrF64NotLtAccR];
    BrF64NotLtImm { lhs, rhs, offset } [lhs: F => BrF64NotLtImmAcc];
    BrF64NotGt { lhs, rhs, offset } [lhs: F => BrF64NotGtAccL, rhs: F => BrF64NotGtAccR];
    BrF64NotGtImm { lhs, rhs, offset } [lhs: F => BrF64NotGtImmAcc];
    BrF64NotLe { lhs, rhs, offset } [lhs: F => BrF64NotLeAccL, rhs: F => BrF64NotLeAccR];
    BrF64NotLeImm { lhs, rhs, offset } [lhs: F => BrF64NotLeImmAcc];
    BrF64NotGe { lhs, rhs, offset } [lhs: F => BrF64NotGeAccL, rhs: F => BrF64NotGeAccR];
    BrF64NotGeImm { lhs, rhs, offset } [lhs: F => BrF64NotGeImmAcc];
    I32Eqz { dst, src } [src: I => I32EqzAcc];
    I64Eqz { dst, src } [src: I => I64EqzAcc];
    I32Clz { dst, src } [src: I => I32ClzAcc];
    I32Ctz { dst, src } [src: I => I32CtzAcc];
    I32Popcnt { dst, src } [src: I => I32PopcntAcc];
    I64Clz { dst, src } [src: I => I64ClzAcc];
    I64Ctz { dst, src } [src: I => I64CtzAcc];
    I64Popcnt { dst, src } [src: I => I64PopcntAcc];
    I64Extend8S { dst, src } [src: I => I64Extend8SAcc];
    I64Extend16S { dst, src } [src: I => I64Extend16SAcc];
    I64Extend32S { dst, src } [src: I => I64Extend32SAcc];
    I64ExtendI32U { dst, src } [src: I => I64ExtendI32UAcc];
    F32ConvertI32S { dst, src } [src: I => F32ConvertI32SAcc];
    F32ConvertI32U { dst, src } [src: I => F32ConvertI32UAcc];
    F32ConvertI64S { dst, src } [src: I => F32ConvertI64SAcc];
    F32ConvertI64U { dst, src } [src: I => F32ConvertI64UAcc];
    F64ConvertI32S { dst, src } [src: I => F64ConvertI32SAcc];
    F64ConvertI32U { dst, src } [src: I => F64ConvertI32UAcc];
    F64ConvertI64S { dst, src } [src: I => F64ConvertI64SAcc];
    F64ConvertI64U { dst, src } [src: I => F64ConvertI64UAcc];
    F64Abs { dst, src } [src: F => F64AbsAcc];
    F64Neg { dst, src } [src: F => F64NegAcc];
    F64Ceil { dst, src } [src: F => F64CeilAcc];
    F64Floor { dst, src } [src: F => F64FloorAcc];
    F64Trunc { dst, src } [src: F => F64TruncAcc];
    F64Nearest { dst, src } [src: F => F64NearestAcc];
    F64Sqrt { dst, src } [src: F => F64SqrtAcc];
    I32TruncSatF64S { dst, src } [src: F => I32TruncSatF64SAcc];
    I32TruncSatF64U { dst, src } [src: F => I32TruncSatF64UAcc];
    I64TruncSatF64S { dst, src } [src: F => I64TruncSatF64SAcc];
    I64TruncSatF64U { dst, src } [src: F => I64TruncSatF64UAcc];
    F32DemoteF64 { dst, src } [src: F => F32DemoteF64Acc];
    I32TruncF64S { dst, src } [src: F => I32TruncF64SAcc];
    I32TruncF64U { dst, src } [src: F => I32TruncF64UAcc];
    I64TruncF64S { dst, src } [src: F => I64TruncF64SAcc];
    I64TruncF64U { dst, src } [src: F => I64TruncF64UAcc];
    BrIfNez { cond, offset } [cond: I => BrIfNezAcc];
    BrIfEqz { cond, offset } [cond: I => BrIfEqzAcc];
    BrI64Nez { cond, offset } [cond: I => BrI64NezAcc];
    BrI64Eqz { cond, offset } [cond: I => BrI64EqzAcc];
    Load8S { dst, ptr, end } [ptr: I => Load8SAcc];
    Load8U { dst, ptr, end } [ptr: I => Load8UAcc];
    Load16S { dst, ptr, end } [ptr: I => Load16SAcc];
    Load16U { dst, ptr, end } [ptr: I => Load16UAcc];
    Load32S { dst, ptr, end } [ptr: I => Load32SAcc];
    Load32U { dst, ptr, end } [ptr: I => Load32UAcc];
    Load64 { dst, ptr, end } [ptr: I => Load64Acc];
    Store8 { ptr, value, end } [value: I => Store8AccV, ptr: I => Store8AccP];
    Store8Imm { ptr, end, value } [ptr: I => Store8ImmAcc];
    Store16 { ptr, value, end } [value: I => Store16AccV, ptr: I => Store16AccP];
    Store16Imm { ptr, end, value } [ptr: I => Store16ImmAcc];
    Store32 { ptr, value, end } [value: I => Store32AccV, ptr: I => Store32AccP];
    Store32Imm { ptr, end, value } [ptr: I => Store32ImmAcc];
    Store64 { ptr, value, end } [value: I => Store64AccV, value: F => Store64AccF, ptr: I => Store64AccP];
    Store64Imm { ptr, end, value } [ptr: I => Store64ImmAcc];
    Copy { dst, src } [src: I => CopyAcc, src: F => CopyAccF];
    Select { dst, cond, a, b } [cond: I => SelectAcc];
    SelectImmA { dst, cond, b, a } [cond: I => SelectImmAAcc];
    SelectImmB { dst, cond, a, b } [cond: I => SelectImmBAcc];
    GlobalSet { src, index } [src: I => GlobalSetAcc];
    ReturnSlot { src } [src: I => ReturnSlotAcc];
    I32ShlXor { dst, tmp, a, c, k } [a: I => I32ShlXorAccA];
    I32ShrUXor { dst, tmp, a, c, k } [a: I => I32ShrUXorAccA];
    I64ShlXor { dst, tmp, a, c, k } [a: I => I64ShlXorAccA];
    I64ShrUXor { dst, tmp, a, c, k } [a: I => I64ShrUXorAccA];
    I32ShlAdd { dst, tmp, a, c, k } [a: I => I32ShlAddAccA];
    Load8SAdd { dst, tmp, a, b, end } [a: I => Load8SAddAccA, b: I => Load8SAddAccB];
    Load8UAdd { dst, tmp, a, b, end } [a: I => Load8UAddAccA, b: I => Load8UAddAccB];
    Load16SAdd { dst, tmp, a, b, end } [a: I => Load16SAddAccA, b: I => Load16SAddAccB];
    Load16UAdd { dst, tmp, a, b, end } [a: I => Load16UAddAccA, b: I => Load16UAddAccB];
    Load32SAdd { dst, tmp, a, b, end } [a: I => Load32SAddAccA, b: I => Load32SAddAccB];
    Load32UAdd { dst, tmp, a, b, end } [a: I => Load32UAddAccA, b: I => Load32UAddAccB];
    Load64Add { dst, tmp, a, b, end } [a: I => Load64AddAccA, b: I => Load64AddAccB];
    Store8Add { tmp, a, b, value, end } [a: I => Store8AddAccA, b: I => Store8AddAccB];
    Store16Add { tmp, a, b, value, end } [a: I => Store16AddAccA, b: I => Store16AddAccB];
    Store32Add { tmp, a, b, value, end } [a: I => Store32AddAccA, b: I => Store32AddAccB];
    Store64Add { tmp, a, b, value, end } [a: I => Store64AddAccA, b: I => Store64AddAccB];
    F64AddAddL { dst, tmp, a, b, c } [a: F => F64AddAddLAccA, b: F => F64AddAddLAccB];
    F64AddAddR { dst, tmp, a, b, c } [a: F => F64AddAddRAccA, b: F => F64AddAddRAccB];
    F64AddSubL { dst, tmp, a, b, c } [a: F => F64AddSubLAccA, b: F => F64AddSubLAccB];
    F64AddSubR { dst, tmp, a, b, c } [a: F => F64AddSubRAccA, b: F => F64AddSubRAccB];
    F64AddMulL { dst, tmp, a, b, c } [a: F => F64AddMulLAccA, b: F => F64AddMulLAccB];
    F64AddMulR { dst, tmp, a, b, c } [a: F => F64AddMulRAccA, b: F => F64AddMulRAccB];
    F64SubAddL { dst, tmp, a, b, c } [a: F => F64SubAddLAccA, b: F => F64SubAddLAccB];
    F64SubAddR { dst, tmp, a, b, c } [a: F => F64SubAddRAccA, b: F => F64SubAddRAccB];
    F64SubSubL { dst, tmp, a, b, c } [a: F => F64SubSubLAccA, b: F => F64SubSubLAccB];
    F64SubSubR { dst, tmp, a, b, c } [a: F => F64SubSubRAccA, b: F => F64SubSubRAccB];
    F64SubMulL { dst, tmp, a, b, c } [a: F => F64SubMulLAccA, b: F => F64SubMulLAccB];
    F64SubMulR { dst, tmp, a, b, c } [a: F => F64SubMulRAccA, b: F => F64SubMulRAccB];
    F64MulAddL { dst, tmp, a, b, c } [a: F => F64MulAddLAccA, b: F => F64MulAddLAccB];
    F64MulAddR { dst, tmp, a, b, c } [a: F => F64MulAddRAccA, b: F => F64MulAddRAccB];
    F64MulSubL { dst, tmp, a, b, c } [a: F => F64MulSubLAccA, b: F => F64MulSubLAccB];
    F64MulSubR { dst, tmp, a, b, c } [a: F => F64MulSubRAccA, b: F => F64MulSubRAccB];
    F64MulMulL { dst, tmp, a, b, c } [a: F => F64MulMulLAccA, b: F => F64MulMulLAccB];
    F64MulMulR { dst, tmp, a, b, c } [a: F => F64MulMulRAccA, b: F => F64MulMulRAccB];
}

producers! {
    I: [
        I32Add, I32AddImm, I32Sub, I32SubImm, I32Mul, I32MulImm, I32DivS, I32DivSImm, I32DivU,
        I32DivUImm, I32RemS, I32RemSImm, I32RemU, I32RemUImm, I32And, I32AndImm, I32Or, I32OrImm,
        I32Xor, I32XorImm, I32Shl, I32ShlImm, I32ShrS, I32ShrSImm, I32ShrU, I32ShrUImm, I32Rotl,
        I32RotlImm, I32Rotr, I32RotrImm, I32Eq, I32EqImm, I32Ne, I32NeImm, I32LtS, I32LtSImm,
        I32LtU, I32LtUImm, I32GtS, I32GtSImm, I32GtU, I32GtUImm, I32LeS, I32LeSImm, I32LeU,
        I32LeUImm, I32GeS, I32GeSImm, I32GeU, I32GeUImm, I32SubImmL, I32DivSImmL, I32DivUImmL,
        I32RemSImmL, I32RemUImmL, I32ShlImmL, I32ShrSImmL, I32ShrUImmL, I32RotlImmL, I32RotrImmL,
        I64Add, I64AddImm, I64Sub, I64SubImm, I64Mul, I64MulImm, I64DivS, I64DivSImm, I64DivU,
        I64DivUImm, I64RemS, I64RemSImm, I64RemU, I64RemUImm, I64And, I64AndImm, I64Or, I64OrImm,
        I64Xor, I64XorImm, I64Shl, I64ShlImm, I64ShrS, I64ShrSImm, I64ShrU, I64ShrUImm, I64Rotl,
        I64RotlImm, I64Rotr, I64RotrImm, I64Eq, I64EqImm, I64Ne, I64NeImm, I64LtS, I64LtSImm,
        I64LtU, I64LtUImm, I64GtS, I64GtSImm, I64GtU, I64GtUImm, I64LeS, I64LeSImm, I64LeU,
        I64LeUImm, I64GeS, I64GeSImm, I64GeU, I64GeUImm, I64SubImmL, I64DivSImmL, I64DivUImmL,
        I64RemSImmL, I64RemUImmL, I64ShlImmL, I64ShrSImmL, I64ShrUImmL, I64RotlImmL, I64RotrImmL,
        F32Eq, F32EqImm, F32Ne, F32NeImm, F32Lt, F32LtImm, F32Gt, F32GtImm, F32Le, F32LeImm, F32Ge,
        F32GeImm, F64Eq, F64EqImm, F64Ne, F64NeImm, F64Lt, F64LtImm, F64Gt, F64GtImm, F64Le,
        F64LeImm, F64Ge, F64GeImm, I32Eqz, I64Eqz, I32Clz, I32Ctz, I32Popcnt, I64Clz, I64Ctz,
        I64Popcnt, I64Extend8S, I64Extend16S, I64Extend32S, I64ExtendI32U, I32TruncSatF32S,
        I32TruncSatF32U, I64TruncSatF32S, I64TruncSatF32U, I32TruncSatF64S, I32TruncSatF64U,
        I64TruncSatF64S, I64TruncSatF64U, I32TruncF32S, I32TruncF32U, I64TruncF32S, I64TruncF32U,
        I32TruncF64S, I32TruncF64U, I64TruncF64S, I64TruncF64U, Load8S, Load8U, Load16S, Load16U,
        Load32S, Load32U, Load8SAdd, Load8UAdd, Load16SAdd, Load16UAdd, Load32SAdd,
        Load32UAdd, I32ShlXor, I32ShrUXor, I64ShlXor, I64ShrUXor, I32ShlAdd, Copy, Const,
        I32AddLoad, I32MulLoad, I32AndLoad, I32OrLoad, I32XorLoad, I32SubLoadL, I32SubLoadR, I64AddLoad, I64MulLoad, I64AndLoad, I64OrLoad, I64XorLoad, I64SubLoadL, I64SubLoadR,
        I32AddLoadAccA, I32AddLoadAccP, I32MulLoadAccA, I32MulLoadAccP, I32AndLoadAccA, I32AndLoadAccP, I32OrLoadAccA, I32OrLoadAccP, I32XorLoadAccA, I32XorLoadAccP, I32SubLoadLAccA, I32SubLoadLAccP, I32SubLoadRAccA, I32SubLoadRAccP, I64AddLoadAccA, I64AddLoadAccP, I64MulLoadAccA, I64MulLoadAccP, I64AndLoadAccA, I64AndLoadAccP, I64OrLoadAccA, I64OrLoadAccP, I64XorLoadAccA, I64XorLoadAccP, I64SubLoadLAccA, I64SubLoadLAccP, I64SubLoadRAccA, I64SubLoadRAccP,
        Load8SIdx, Load8SIdxAccA, Load8SIdxAccC, Load8UIdx, Load8UIdxAccA, Load8UIdxAccC, Load16SIdx, Load16SIdxAccA, Load16SIdxAccC, Load16UIdx, Load16UIdxAccA, Load16UIdxAccC, Load32SIdx, Load32SIdxAccA, Load32SIdxAccC, Load32UIdx, Load32UIdxAccA, Load32UIdxAccC,
        Select, SelectImmA, SelectImmB, SelectImmAAcc, SelectImmBAcc, GlobalGet, I32AddAccL, I32AddAccR, I32AddImmAcc, I32SubAccL, I32SubAccR,
        I32SubImmAcc, I32MulAccL, I32MulAccR, I32MulImmAcc, I32DivSAccL, I32DivSAccR, I32DivSImmAcc,
        I32DivUAccL, I32DivUAccR, I32DivUImmAcc, I32RemSAccL, I32RemSAccR, I32RemSImmAcc,
        I32RemUAccL, I32RemUAccR, I32RemUImmAcc, I32AndAccL, I32AndAccR, I32AndImmAcc, I32OrAccL,
        I32OrAccR, I32OrImmAcc, I32XorAccL, I32XorAccR, I32XorImmAcc, I32ShlAccL, I32ShlAccR,
        I32ShlImmAcc, I32ShrSAccL, I32ShrSAccR, I32ShrSImmAcc, I32ShrUAccL, I32ShrUAccR,
        I32ShrUImmAcc, I32RotlAccL, I32RotlAccR, I32RotlImmAcc, I32RotrAccL, I32RotrAccR,
        I32RotrImmAcc, I32EqAccL, I32EqAccR, I32EqImmAcc, I32NeAccL, I32NeAccR, I32NeImmAcc,
        I32LtSAccL, I32LtSAccR, I32LtSImmAcc, I32LtUAccL, I32LtUAccR, I32LtUImmAcc, I32GtSAccL,
        I32GtSAccR, I32GtSImmAcc, I32GtUAccL, I32GtUAccR, I32GtUImmAcc, I32LeSAccL, I32LeSAccR,
        I32LeSImmAcc, I32LeUAccL, I32LeUAccR, I32LeUImmAcc, I32GeSAccL, I32GeSAccR, I32GeSImmAcc,
        I32GeUAccL, I32GeUAccR, I32GeUImmAcc, I32SubImmLAcc, I32DivSImmLAcc, I32DivUImmLAcc,
        I32RemSImmLAcc, I32RemUImmLAcc, I32ShlImmLAcc, I32ShrSImmLAcc, I32ShrUImmLAcc,
        I32RotlImmLAcc, I32RotrImmLAcc, I64AddAccL, I64AddAccR, I64AddImmAcc, I64SubAccL,
        I64SubAccR, I64SubImmAcc, I64MulAccL, I64MulAccR, I64MulImmAcc, I64DivSAccL, I64DivSAccR,
        I64DivSImmAcc, I64DivUAccL, I64DivUAccR, I64DivUImmAcc, I64RemSAccL, I64RemSAccR,
        I64RemSImmAcc, I64RemUAccL, I64RemUAccR, I64RemUImmAcc, I64AndAccL, I64AndAccR,
        I64AndImmAcc, I64OrAccL, I64OrAccR, I64OrImmAcc, I64XorAccL, I64XorAccR, I64XorImmAcc,
        I64ShlAccL, I64ShlAccR, I64ShlImmAcc, I64ShrSAccL, I64ShrSAccR, I64ShrSImmAcc, I64ShrUAccL,
        I64ShrUAccR, I64ShrUImmAcc, I64RotlAccL, I64RotlAccR, I64RotlImmAcc, I64RotrAccL,
        I64RotrAccR, I64RotrImmAcc, I64EqAccL, I64EqAccR, I64EqImmAcc, I64NeAccL, I64NeAccR,
        I64NeImmAcc, I64LtSAccL, I64LtSAccR, I64LtSImmAcc, I64LtUAccL, I64LtUAccR, I64LtUImmAcc,
        I64GtSAccL, I64GtSAccR, I64GtSImmAcc, I64GtUAccL, I64GtUAccR, I64GtUImmAcc, I64LeSAccL,
        I64LeSAccR, I64LeSImmAcc, I64LeUAccL, I64LeUAccR, I64LeUImmAcc, I64GeSAccL, I64GeSAccR,
        I64GeSImmAcc, I64GeUAccL, I64GeUAccR, I64GeUImmAcc, I64SubImmLAcc, I64DivSImmLAcc,
        I64DivUImmLAcc, I64RemSImmLAcc, I64RemUImmLAcc, I64ShlImmLAcc, I64ShrSImmLAcc,
        I64ShrUImmLAcc, I64RotlImmLAcc, I64RotrImmLAcc, F64EqAccL, F64EqAccR, F64NeAccL, F64NeAccR,
        F64LtAccL, F64LtAccR, F64GtAccL, F64GtAccR, F64LeAccL, F64LeAccR, F64GeAccL, F64GeAccR,
        F64EqImmAcc, F64NeImmAcc, F64LtImmAcc, F64GtImmAcc, F64LeImmAcc, F64GeImmAcc, I32EqzAcc,
        I64EqzAcc, I32ClzAcc, I32CtzAcc, I32PopcntAcc, I64ClzAcc, I64CtzAcc, I64PopcntAcc,
        I64Extend8SAcc, I64Extend16SAcc, I64Extend32SAcc, I64ExtendI32UAcc, I32TruncSatF64SAcc,
        I32TruncSatF64UAcc, I64TruncSatF64SAcc, I64TruncSatF64UAcc, I32TruncF64SAcc,
        I32TruncF64UAcc, I64TruncF64SAcc, I64TruncF64UAcc, Load8SAcc, Load8UAcc, Load16SAcc,
        Load16UAcc, Load32SAcc, Load32UAcc, CopyAcc, SelectAcc, I32ShlXorAccA,
        I32ShrUXorAccA, I64ShlXorAccA, I64ShrUXorAccA, I32ShlAddAccA, Load8SAddAccA, Load8SAddAccB,
        Load8UAddAccA, Load8UAddAccB, Load16SAddAccA, Load16SAddAccB, Load16UAddAccA,
        Load16UAddAccB, Load32SAddAccA, Load32SAddAccB, Load32UAddAccA, Load32UAddAccB,
        Load8SIdxK, Load8SIdxKAccA, Load8UIdxK, Load8UIdxKAccA, Load16SIdxK, Load16SIdxKAccA,
        Load16UIdxK, Load16UIdxKAccA, Load32SIdxK, Load32SIdxKAccA, Load32UIdxK, Load32UIdxKAccA,
        I32ShlAddK, I32ShlAddKAccA,
        Load8SOff, Load8SOffAcc, Load8UOff, Load8UOffAcc, Load16SOff, Load16SOffAcc, Load16UOff, Load16UOffAcc, Load32SOff, Load32SOffAcc, Load32UOff, Load32UOffAcc, I32AddLoadOff, I32AddLoadOffAccA, I32MulLoadOff, I32MulLoadOffAccA, I32AndLoadOff, I32AndLoadOffAccA, I32OrLoadOff, I32OrLoadOffAccA, I32XorLoadOff, I32XorLoadOffAccA, I32SubLoadLOff, I32SubLoadLOffAccA, I32SubLoadROff, I32SubLoadROffAccA, I64AddLoadOff, I64AddLoadOffAccA, I64MulLoadOff, I64MulLoadOffAccA, I64AndLoadOff, I64AndLoadOffAccA, I64OrLoadOff, I64OrLoadOffAccA, I64XorLoadOff, I64XorLoadOffAccA, I64SubLoadLOff, I64SubLoadLOffAccA, I64SubLoadROff, I64SubLoadROffAccA,
        ],
    F: [
        F64AddLoadAccA, F64AddLoadAccP, F64MulLoadAccA, F64MulLoadAccP, F64SubLoadLAccA, F64SubLoadLAccP, F64SubLoadRAccA, F64SubLoadRAccP, F64DivLoadLAccA, F64DivLoadLAccP, F64DivLoadRAccA, F64DivLoadRAccP,
        F64AddLoad, F64MulLoad, F64SubLoadL, F64SubLoadR, F64DivLoadL, F64DivLoadR,
        F64Add, F64Sub, F64Mul, F64Div, F64Min, F64Max, F64Copysign, F64AddImm, F64SubImm,
        F64MulImm, F64DivImm, F64Abs, F64Neg, F64Ceil, F64Floor, F64Trunc, F64Nearest, F64Sqrt,
        F64ConvertI32S, F64ConvertI32U, F64ConvertI64S, F64ConvertI64U, F64PromoteF32, F64AddAddL,
        F64AddAddR, F64AddSubL, F64AddSubR, F64AddMulL, F64AddMulR, F64SubAddL, F64SubAddR,
        F64SubSubL, F64SubSubR, F64SubMulL, F64SubMulR, F64MulAddL, F64MulAddR, F64MulSubL,
        F64MulSubR, F64MulMulL, F64MulMulR, F64AddAccL, F64AddAccR, F64SubAccL, F64SubAccR,
        F64MulAccL, F64MulAccR, F64DivAccL, F64DivAccR, F64MinAccL, F64MinAccR, F64MaxAccL,
        F64MaxAccR, F64CopysignAccL, F64CopysignAccR, F64AddImmAcc, F64SubImmAcc, F64MulImmAcc,
        F64DivImmAcc, F64ConvertI32SAcc, F64ConvertI32UAcc, F64ConvertI64SAcc, F64ConvertI64UAcc,
        F64AbsAcc, F64NegAcc, F64CeilAcc, F64FloorAcc, F64TruncAcc, F64NearestAcc, F64SqrtAcc,
        F64AddAddLAccA, F64AddAddLAccB, F64AddAddRAccA, F64AddAddRAccB, F64AddSubLAccA,
        F64AddSubLAccB, F64AddSubRAccA, F64AddSubRAccB, F64AddMulLAccA, F64AddMulLAccB,
        F64AddMulRAccA, F64AddMulRAccB, F64SubAddLAccA, F64SubAddLAccB, F64SubAddRAccA,
        F64SubAddRAccB, F64SubSubLAccA, F64SubSubLAccB, F64SubSubRAccA, F64SubSubRAccB,
        F64SubMulLAccA, F64SubMulLAccB, F64SubMulRAccA, F64SubMulRAccB, F64MulAddLAccA,
        F64MulAddLAccB, F64MulAddRAccA, F64MulAddRAccB, F64MulSubLAccA, F64MulSubLAccB,
        F64MulSubRAccA, F64MulSubRAccB, F64MulMulLAccA, F64MulMulLAccB, F64MulMulRAccA,
        F64MulMulRAccB, CopyAccF,
        F64AddLoadOff, F64AddLoadOffAccA, F64MulLoadOff, F64MulLoadOffAccA, F64SubLoadLOff, F64SubLoadLOffAccA, F64SubLoadROff, F64SubLoadROffAccA, F64DivLoadLOff, F64DivLoadLOffAccA, F64DivLoadROff, F64DivLoadROffAccA,
    ],
    B: [
        Load64, Load64Acc, Load64Add, Load64AddAccA, Load64AddAccB, Load64Idx, Load64IdxAccA,
        Load64IdxAccC, Load64Off, Load64OffAcc, Load64IdxK, Load64IdxKAccA,
    ],
    PI: [
        Load8SPair, Load8SPairAcc, Load8UPair, Load8UPairAcc, Load16SPair, Load16SPairAcc,
        Load16UPair, Load16UPairAcc, Load32SPair, Load32SPairAcc, Load32UPair, Load32UPairAcc,
    ],
    PB: [Load64Pair, Load64PairAcc],
}
