//! The fixed-width SIMD (`simd`) and `relaxed-simd` operators → Cranelift IR.
//!
//! A `v128` is an `I8X16` on the operand stack, in locals, block parameters
//! and signatures; each operator bitcasts its operands to the lane type it
//! works on (a no-op in registers), and `push` casts results back.
//!
//! Every result is the interpreter's (`interp/simd.rs`), bit for bit:
//! - where Cranelift's lowering would pick other NaN bits (`fmin`/`fmax`
//!   give a canonical NaN; the interpreter returns the first NaN operand made
//!   quiet), the operator is built from compares and bit selects;
//! - the relaxed operators use the x86-64 instruction the interpreter's
//!   choice is defined by (`pshufb`, `cvttps2dq`, `pblendvb`, `pmulhrsw`,
//!   `pmaddubsw`, ...), and `relaxed_madd` is an unfused multiply and add;
//! - the arithmetic the hardware does for both tiers (`fadd`, `fsub`, `fmul`,
//!   `fdiv`, `sqrt`, rounding, conversions) is the same SSE instruction.
//!   The one difference the tiers may show: when both operands of a vector
//!   `fadd`/`fsub`/`fmul`/`fdiv` (or the factors, or product and addend, of
//!   `relaxed_madd`/`relaxed_nmadd`) are NaNs, which operand's payload the
//!   result carries depends on the order the instruction takes them in, and
//!   the interpreter's is up to LLVM (Rust leaves NaN payloads unspecified).
//!   LLVM as used today commutes `x + y` and `x * y`, so `fadd` and `fmul`
//!   are emitted with swapped operands, and `tests/jit_simd.rs` sees no
//!   difference; it allows this one (both results NaNs) should LLVM change.

use super::{R, Translator, unsupported};
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{Endianness, InstBuilder, MemFlagsData, Type, Value, types};
use cranelift_frontend::FunctionBuilder;
use wasmparser::{MemArg, Operator};

/// The flags of a bitcast between vector types (little-endian lanes, as
/// in Wasm memory and in the interpreter's `u128`).
pub(super) const LITTLE: MemFlagsData = MemFlagsData::new().with_endianness(Endianness::Little);

use types::{F32X4, F64X2, I8, I8X16, I16, I16X8, I32, I32X4, I64, I64X2};

/// Quiet bits of f32 and f64 lanes.
const F32_QUIET: u64 = 0x0040_0000;
const F64_QUIET: u64 = 0x0008_0000_0000_0000;

/// The integer vector type with the lanes of float vector type `t`.
fn int_of(t: Type) -> Type {
    if t == F32X4 { I32X4 } else { I64X2 }
}

impl Translator<'_, '_> {
    /// `v` as a vector of type `t`.
    fn cast(&mut self, v: Value, t: Type) -> Value {
        if self.b.func.dfg.value_type(v) == t {
            v
        } else {
            self.b.ins().bitcast(t, LITTLE, v)
        }
    }

    /// Pops a `v128` as a vector of type `t`.
    fn vpop(&mut self, t: Type) -> Value {
        let v = self.pop();
        self.cast(v, t)
    }

    fn vunary(&mut self, t: Type, f: impl FnOnce(&mut FunctionBuilder<'_>, Value) -> Value) {
        let a = self.vpop(t);
        let v = f(&mut self.b, a);
        self.push(v);
    }

    fn vbinary(
        &mut self,
        t: Type,
        f: impl FnOnce(&mut FunctionBuilder<'_>, Value, Value) -> Value,
    ) {
        let y = self.vpop(t);
        let x = self.vpop(t);
        let v = f(&mut self.b, x, y);
        self.push(v);
    }

    /// A vector constant of type `t` with bits `bits` (lane 0 lowest).
    fn vconst_bits(&mut self, t: Type, bits: u128) -> Value {
        let c = self
            .b
            .func
            .dfg
            .constants
            .insert(bits.to_le_bytes().to_vec().into());
        self.b.ins().vconst(t, c)
    }

    /// A vector of type `t` with every lane `lane` (its low bits).
    fn vsplat_bits(&mut self, t: Type, lane: u64) -> Value {
        let bits = t.lane_bits();
        let lane = u128::from(lane) & (u128::MAX >> (128 - bits));
        let mut all = 0u128;
        for i in 0..t.lane_count() {
            all |= lane << (i * bits);
        }
        self.vconst_bits(t, all)
    }

    /// A shift of lanes of type `t` by the i32 on top of the stack, taken
    /// modulo the lane width.
    fn vshift(&mut self, t: Type, f: impl FnOnce(&mut FunctionBuilder<'_>, Value, Value) -> Value) {
        let n = self.pop();
        let a = self.vpop(t);
        let n = self.b.ins().band_imm_u(n, i64::from(t.lane_bits() - 1));
        let v = f(&mut self.b, a, n);
        self.push(v);
    }

    /// A vector comparison: all-ones lanes where it holds.
    fn vicmp(&mut self, t: Type, cc: IntCC) {
        self.vbinary(t, |b, x, y| b.ins().icmp(cc, x, y));
    }

    fn vfcmp(&mut self, t: Type, cc: FloatCC) {
        self.vbinary(t, |b, x, y| b.ins().fcmp(cc, x, y));
    }

    /// Wasm `fmin` (`max` false) or `fmax` on float vectors of type `t`, as
    /// the interpreter computes it: the first NaN operand made quiet, else
    /// the smaller (larger) operand, `-0 < +0`.
    fn vfminmax(&mut self, t: Type, max: bool) {
        let it = int_of(t);
        let y = self.vpop(t);
        let x = self.vpop(t);
        let quiet = if t == F32X4 { F32_QUIET } else { F64_QUIET };
        let q = self.vsplat_bits(it, quiet);
        let b = &mut self.b;
        let (xi, yi) = (
            b.ins().bitcast(it, LITTLE, x),
            b.ins().bitcast(it, LITTLE, y),
        );
        let cc = if max {
            FloatCC::GreaterThan
        } else {
            FloatCC::LessThan
        };
        let pick_x = b.ins().fcmp(cc, x, y);
        let eq = b.ins().fcmp(FloatCC::Equal, x, y);
        let x_nan = b.ins().fcmp(FloatCC::Unordered, x, x);
        let y_nan = b.ins().fcmp(FloatCC::Unordered, y, y);
        let r = b.ins().bitselect(pick_x, xi, yi);
        // Equal values have equal bits but for +0/-0: OR picks -0 (min),
        // AND picks +0 (max).
        let both = if max {
            b.ins().band(xi, yi)
        } else {
            b.ins().bor(xi, yi)
        };
        let r = b.ins().bitselect(eq, both, r);
        let yq = b.ins().bor(yi, q);
        let r = b.ins().bitselect(y_nan, yq, r);
        let xq = b.ins().bor(xi, q);
        let r = b.ins().bitselect(x_nan, xq, r);
        self.push(r);
    }

    /// `x cc y ? x : y` per lane of float vectors of type `t`, returning
    /// the chosen lane's bits (`pmin`, `pmax`, `relaxed_min`, `relaxed_max`).
    fn vfpick(&mut self, t: Type, cc: FloatCC, swap: bool) {
        let it = int_of(t);
        let y = self.vpop(t);
        let x = self.vpop(t);
        let (x, y) = if swap { (y, x) } else { (x, y) };
        let b = &mut self.b;
        let c = b.ins().fcmp(cc, x, y);
        let (xi, yi) = (
            b.ins().bitcast(it, LITTLE, x),
            b.ins().bitcast(it, LITTLE, y),
        );
        let r = b.ins().bitselect(c, xi, yi);
        self.push(r);
    }

    /// The address of a vector access of `size` bytes.
    fn vaddress(&mut self, memarg: &MemArg, size: u64) -> (Value, i32) {
        self.address(memarg, size)
    }

    /// Loads a scalar of type `t` and makes a vector of it with `f`.
    fn vload_scalar(
        &mut self,
        memarg: &MemArg,
        t: Type,
        f: impl FnOnce(&mut FunctionBuilder<'_>, Value) -> Value,
    ) {
        let (addr, offset) = self.vaddress(memarg, u64::from(t.bytes()));
        let x = self.b.ins().load(t, MemFlagsData::new(), addr, offset);
        let v = f(&mut self.b, x);
        self.push(v);
    }

    /// `v128.loadN_lane`: lane `lane` (of vector type `vt`) from memory.
    fn vload_lane(&mut self, memarg: &MemArg, vt: Type, lane: u8) {
        let v = self.vpop(vt);
        let t = vt.lane_type();
        let (addr, offset) = self.vaddress(memarg, u64::from(t.bytes()));
        let x = self.b.ins().load(t, MemFlagsData::new(), addr, offset);
        let r = self.b.ins().insertlane(v, x, lane);
        self.push(r);
    }

    /// `v128.storeN_lane`: lane `lane` (of vector type `vt`) to memory.
    fn vstore_lane(&mut self, memarg: &MemArg, vt: Type, lane: u8) {
        let v = self.vpop(vt);
        let x = self.b.ins().extractlane(v, lane);
        let (addr, offset) = self.vaddress(memarg, u64::from(vt.lane_type().bytes()));
        self.b.ins().store(MemFlagsData::new(), x, addr, offset);
    }

    /// An extending load of 8 bytes (`sload8x8` and the like).
    fn vload_extend(
        &mut self,
        memarg: &MemArg,
        f: impl FnOnce(&mut FunctionBuilder<'_>, MemFlagsData, Value, i32) -> Value,
    ) {
        let (addr, offset) = self.vaddress(memarg, 8);
        let v = f(&mut self.b, MemFlagsData::new(), addr, offset);
        self.push(v);
    }

    fn vsplat(&mut self, t: Type) {
        let x = self.pop();
        let lane = t.lane_type();
        let x = if lane == I8 || lane == I16 {
            self.b.ins().ireduce(lane, x)
        } else {
            x
        };
        let v = self.b.ins().splat(t, x);
        self.push(v);
    }

    /// `extract_lane`: `ext` widens an 8- or 16-bit lane to i32 (`Some(true)`
    /// signed).
    fn vextract(&mut self, t: Type, lane: u8, ext: Option<bool>) {
        let v = self.vpop(t);
        let x = self.b.ins().extractlane(v, lane);
        let x = match ext {
            Some(true) => self.b.ins().sextend(I32, x),
            Some(false) => self.b.ins().uextend(I32, x),
            None => x,
        };
        self.push(x);
    }

    fn vreplace(&mut self, t: Type, lane: u8) {
        let x = self.pop();
        let v = self.vpop(t);
        let lt = t.lane_type();
        let x = if lt == I8 || lt == I16 {
            self.b.ins().ireduce(lt, x)
        } else {
            x
        };
        let r = self.b.ins().insertlane(v, x, lane);
        self.push(r);
    }

    /// A vector test with a scalar i32 result.
    fn vtest(&mut self, t: Type, f: impl FnOnce(&mut FunctionBuilder<'_>, Value) -> Value) {
        let a = self.vpop(t);
        let x = f(&mut self.b, a);
        let x = if self.b.func.dfg.value_type(x) == I32 {
            x
        } else {
            self.b.ins().uextend(I32, x)
        };
        self.push(x);
    }

    /// The low lanes of `t`-typed `a` and `b` widened (`signed` or not) and
    /// multiplied (`high`: the high lanes).
    fn vextmul(&mut self, t: Type, signed: bool, high: bool) {
        self.vbinary(t, |b, x, y| {
            let widen = |b: &mut FunctionBuilder<'_>, v: Value| match (signed, high) {
                (true, false) => b.ins().swiden_low(v),
                (true, true) => b.ins().swiden_high(v),
                (false, false) => b.ins().uwiden_low(v),
                (false, true) => b.ins().uwiden_high(v),
            };
            let (x, y) = (widen(b, x), widen(b, y));
            b.ins().imul(x, y)
        });
    }

    fn vextadd_pairwise(&mut self, t: Type, signed: bool) {
        self.vunary(t, |b, a| {
            let (lo, hi) = if signed {
                (b.ins().swiden_low(a), b.ins().swiden_high(a))
            } else {
                (b.ins().uwiden_low(a), b.ins().uwiden_high(a))
            };
            b.ins().iadd_pairwise(lo, hi)
        });
    }

    fn vextend(&mut self, t: Type, signed: bool, high: bool) {
        self.vunary(t, |b, a| match (signed, high) {
            (true, false) => b.ins().swiden_low(a),
            (true, true) => b.ins().swiden_high(a),
            (false, false) => b.ins().uwiden_low(a),
            (false, true) => b.ins().uwiden_high(a),
        });
    }

    /// `f64x2` lanes truncated to i32 with saturation (`signed` or not)
    /// into lanes 0 and 1; lanes 2 and 3 zero.
    fn vtrunc_sat_f64x2(&mut self, signed: bool) {
        let a = self.vpop(F64X2);
        let zero = self.vconst_bits(I64X2, 0);
        let v = if signed {
            let c = self.b.ins().fcvt_to_sint_sat(I64X2, a);
            self.b.ins().snarrow(c, zero)
        } else {
            let c = self.b.ins().fcvt_to_uint_sat(I64X2, a);
            self.b.ins().uunarrow(c, zero)
        };
        self.push(v);
    }

    /// Everything but the scalar operators: the SIMD and relaxed-SIMD
    /// operators; any other is unsupported.
    pub(super) fn simd(&mut self, op: Operator<'_>) -> R {
        use Operator as O;
        match op {
            // ---- memory ----
            O::V128Load { memarg } => self.load(&memarg, I8X16, 16, None),
            O::V128Store { memarg } => self.store(&memarg, 16),
            O::V128Load8x8S { memarg } => {
                self.vload_extend(&memarg, |b, f, p, o| b.ins().sload8x8(f, p, o))
            }
            O::V128Load8x8U { memarg } => {
                self.vload_extend(&memarg, |b, f, p, o| b.ins().uload8x8(f, p, o))
            }
            O::V128Load16x4S { memarg } => {
                self.vload_extend(&memarg, |b, f, p, o| b.ins().sload16x4(f, p, o))
            }
            O::V128Load16x4U { memarg } => {
                self.vload_extend(&memarg, |b, f, p, o| b.ins().uload16x4(f, p, o))
            }
            O::V128Load32x2S { memarg } => {
                self.vload_extend(&memarg, |b, f, p, o| b.ins().sload32x2(f, p, o))
            }
            O::V128Load32x2U { memarg } => {
                self.vload_extend(&memarg, |b, f, p, o| b.ins().uload32x2(f, p, o))
            }
            O::V128Load8Splat { memarg } => {
                self.vload_scalar(&memarg, I8, |b, x| b.ins().splat(I8X16, x))
            }
            O::V128Load16Splat { memarg } => {
                self.vload_scalar(&memarg, I16, |b, x| b.ins().splat(I16X8, x))
            }
            O::V128Load32Splat { memarg } => {
                self.vload_scalar(&memarg, I32, |b, x| b.ins().splat(I32X4, x))
            }
            O::V128Load64Splat { memarg } => {
                self.vload_scalar(&memarg, I64, |b, x| b.ins().splat(I64X2, x))
            }
            O::V128Load32Zero { memarg } => {
                self.vload_scalar(&memarg, I32, |b, x| b.ins().scalar_to_vector(I32X4, x))
            }
            O::V128Load64Zero { memarg } => {
                self.vload_scalar(&memarg, I64, |b, x| b.ins().scalar_to_vector(I64X2, x))
            }
            O::V128Load8Lane { memarg, lane } => self.vload_lane(&memarg, I8X16, lane),
            O::V128Load16Lane { memarg, lane } => self.vload_lane(&memarg, I16X8, lane),
            O::V128Load32Lane { memarg, lane } => self.vload_lane(&memarg, I32X4, lane),
            O::V128Load64Lane { memarg, lane } => self.vload_lane(&memarg, I64X2, lane),
            O::V128Store8Lane { memarg, lane } => self.vstore_lane(&memarg, I8X16, lane),
            O::V128Store16Lane { memarg, lane } => self.vstore_lane(&memarg, I16X8, lane),
            O::V128Store32Lane { memarg, lane } => self.vstore_lane(&memarg, I32X4, lane),
            O::V128Store64Lane { memarg, lane } => self.vstore_lane(&memarg, I64X2, lane),

            // ---- constants, shuffles, lanes ----
            O::V128Const { value } => {
                let v = self.vconst_bits(I8X16, u128::from_le_bytes(*value.bytes()));
                self.push(v);
            }
            O::I8x16Shuffle { lanes } => {
                let y = self.vpop(I8X16);
                let x = self.vpop(I8X16);
                let mask = self.b.func.dfg.immediates.push(lanes.to_vec().into());
                let v = self.b.ins().shuffle(x, y, mask);
                self.push(v);
            }
            O::I8x16Swizzle => self.vbinary(I8X16, |b, x, y| b.ins().swizzle(x, y)),
            O::I8x16Splat => self.vsplat(I8X16),
            O::I16x8Splat => self.vsplat(I16X8),
            O::I32x4Splat => self.vsplat(I32X4),
            O::I64x2Splat => self.vsplat(I64X2),
            O::F32x4Splat => self.vsplat(F32X4),
            O::F64x2Splat => self.vsplat(F64X2),
            O::I8x16ExtractLaneS { lane } => self.vextract(I8X16, lane, Some(true)),
            O::I8x16ExtractLaneU { lane } => self.vextract(I8X16, lane, Some(false)),
            O::I16x8ExtractLaneS { lane } => self.vextract(I16X8, lane, Some(true)),
            O::I16x8ExtractLaneU { lane } => self.vextract(I16X8, lane, Some(false)),
            O::I32x4ExtractLane { lane } => self.vextract(I32X4, lane, None),
            O::I64x2ExtractLane { lane } => self.vextract(I64X2, lane, None),
            O::F32x4ExtractLane { lane } => self.vextract(F32X4, lane, None),
            O::F64x2ExtractLane { lane } => self.vextract(F64X2, lane, None),
            O::I8x16ReplaceLane { lane } => self.vreplace(I8X16, lane),
            O::I16x8ReplaceLane { lane } => self.vreplace(I16X8, lane),
            O::I32x4ReplaceLane { lane } => self.vreplace(I32X4, lane),
            O::I64x2ReplaceLane { lane } => self.vreplace(I64X2, lane),
            O::F32x4ReplaceLane { lane } => self.vreplace(F32X4, lane),
            O::F64x2ReplaceLane { lane } => self.vreplace(F64X2, lane),

            // ---- comparisons ----
            O::I8x16Eq => self.vicmp(I8X16, IntCC::Equal),
            O::I8x16Ne => self.vicmp(I8X16, IntCC::NotEqual),
            O::I8x16LtS => self.vicmp(I8X16, IntCC::SignedLessThan),
            O::I8x16LtU => self.vicmp(I8X16, IntCC::UnsignedLessThan),
            O::I8x16GtS => self.vicmp(I8X16, IntCC::SignedGreaterThan),
            O::I8x16GtU => self.vicmp(I8X16, IntCC::UnsignedGreaterThan),
            O::I8x16LeS => self.vicmp(I8X16, IntCC::SignedLessThanOrEqual),
            O::I8x16LeU => self.vicmp(I8X16, IntCC::UnsignedLessThanOrEqual),
            O::I8x16GeS => self.vicmp(I8X16, IntCC::SignedGreaterThanOrEqual),
            O::I8x16GeU => self.vicmp(I8X16, IntCC::UnsignedGreaterThanOrEqual),
            O::I16x8Eq => self.vicmp(I16X8, IntCC::Equal),
            O::I16x8Ne => self.vicmp(I16X8, IntCC::NotEqual),
            O::I16x8LtS => self.vicmp(I16X8, IntCC::SignedLessThan),
            O::I16x8LtU => self.vicmp(I16X8, IntCC::UnsignedLessThan),
            O::I16x8GtS => self.vicmp(I16X8, IntCC::SignedGreaterThan),
            O::I16x8GtU => self.vicmp(I16X8, IntCC::UnsignedGreaterThan),
            O::I16x8LeS => self.vicmp(I16X8, IntCC::SignedLessThanOrEqual),
            O::I16x8LeU => self.vicmp(I16X8, IntCC::UnsignedLessThanOrEqual),
            O::I16x8GeS => self.vicmp(I16X8, IntCC::SignedGreaterThanOrEqual),
            O::I16x8GeU => self.vicmp(I16X8, IntCC::UnsignedGreaterThanOrEqual),
            O::I32x4Eq => self.vicmp(I32X4, IntCC::Equal),
            O::I32x4Ne => self.vicmp(I32X4, IntCC::NotEqual),
            O::I32x4LtS => self.vicmp(I32X4, IntCC::SignedLessThan),
            O::I32x4LtU => self.vicmp(I32X4, IntCC::UnsignedLessThan),
            O::I32x4GtS => self.vicmp(I32X4, IntCC::SignedGreaterThan),
            O::I32x4GtU => self.vicmp(I32X4, IntCC::UnsignedGreaterThan),
            O::I32x4LeS => self.vicmp(I32X4, IntCC::SignedLessThanOrEqual),
            O::I32x4LeU => self.vicmp(I32X4, IntCC::UnsignedLessThanOrEqual),
            O::I32x4GeS => self.vicmp(I32X4, IntCC::SignedGreaterThanOrEqual),
            O::I32x4GeU => self.vicmp(I32X4, IntCC::UnsignedGreaterThanOrEqual),
            O::I64x2Eq => self.vicmp(I64X2, IntCC::Equal),
            O::I64x2Ne => self.vicmp(I64X2, IntCC::NotEqual),
            O::I64x2LtS => self.vicmp(I64X2, IntCC::SignedLessThan),
            O::I64x2GtS => self.vicmp(I64X2, IntCC::SignedGreaterThan),
            O::I64x2LeS => self.vicmp(I64X2, IntCC::SignedLessThanOrEqual),
            O::I64x2GeS => self.vicmp(I64X2, IntCC::SignedGreaterThanOrEqual),
            O::F32x4Eq => self.vfcmp(F32X4, FloatCC::Equal),
            O::F32x4Ne => self.vfcmp(F32X4, FloatCC::NotEqual),
            O::F32x4Lt => self.vfcmp(F32X4, FloatCC::LessThan),
            O::F32x4Gt => self.vfcmp(F32X4, FloatCC::GreaterThan),
            O::F32x4Le => self.vfcmp(F32X4, FloatCC::LessThanOrEqual),
            O::F32x4Ge => self.vfcmp(F32X4, FloatCC::GreaterThanOrEqual),
            O::F64x2Eq => self.vfcmp(F64X2, FloatCC::Equal),
            O::F64x2Ne => self.vfcmp(F64X2, FloatCC::NotEqual),
            O::F64x2Lt => self.vfcmp(F64X2, FloatCC::LessThan),
            O::F64x2Gt => self.vfcmp(F64X2, FloatCC::GreaterThan),
            O::F64x2Le => self.vfcmp(F64X2, FloatCC::LessThanOrEqual),
            O::F64x2Ge => self.vfcmp(F64X2, FloatCC::GreaterThanOrEqual),

            // ---- bitwise operations and tests ----
            O::V128Not => self.vunary(I8X16, |b, a| b.ins().bnot(a)),
            O::V128And => self.vbinary(I8X16, |b, x, y| b.ins().band(x, y)),
            O::V128AndNot => self.vbinary(I8X16, |b, x, y| b.ins().band_not(x, y)),
            O::V128Or => self.vbinary(I8X16, |b, x, y| b.ins().bor(x, y)),
            O::V128Xor => self.vbinary(I8X16, |b, x, y| b.ins().bxor(x, y)),
            O::V128Bitselect | O::I16x8RelaxedLaneselect => {
                let c = self.vpop(I8X16);
                let y = self.vpop(I8X16);
                let x = self.vpop(I8X16);
                let v = self.b.ins().bitselect(c, x, y);
                self.push(v);
            }
            O::V128AnyTrue => self.vtest(I8X16, |b, a| b.ins().vany_true(a)),
            O::I8x16AllTrue => self.vtest(I8X16, |b, a| b.ins().vall_true(a)),
            O::I16x8AllTrue => self.vtest(I16X8, |b, a| b.ins().vall_true(a)),
            O::I32x4AllTrue => self.vtest(I32X4, |b, a| b.ins().vall_true(a)),
            O::I64x2AllTrue => self.vtest(I64X2, |b, a| b.ins().vall_true(a)),
            O::I8x16Bitmask => self.vtest(I8X16, |b, a| b.ins().vhigh_bits(I32, a)),
            O::I16x8Bitmask => self.vtest(I16X8, |b, a| b.ins().vhigh_bits(I32, a)),
            O::I32x4Bitmask => self.vtest(I32X4, |b, a| b.ins().vhigh_bits(I32, a)),
            O::I64x2Bitmask => self.vtest(I64X2, |b, a| b.ins().vhigh_bits(I32, a)),

            // ---- integer arithmetic ----
            O::I8x16Abs => self.vunary(I8X16, |b, a| b.ins().iabs(a)),
            O::I16x8Abs => self.vunary(I16X8, |b, a| b.ins().iabs(a)),
            O::I32x4Abs => self.vunary(I32X4, |b, a| b.ins().iabs(a)),
            O::I64x2Abs => self.vunary(I64X2, |b, a| b.ins().iabs(a)),
            O::I8x16Neg => self.vunary(I8X16, |b, a| b.ins().ineg(a)),
            O::I16x8Neg => self.vunary(I16X8, |b, a| b.ins().ineg(a)),
            O::I32x4Neg => self.vunary(I32X4, |b, a| b.ins().ineg(a)),
            O::I64x2Neg => self.vunary(I64X2, |b, a| b.ins().ineg(a)),
            O::I8x16Popcnt => self.vunary(I8X16, |b, a| b.ins().popcnt(a)),
            O::I8x16NarrowI16x8S => self.vbinary(I16X8, |b, x, y| b.ins().snarrow(x, y)),
            O::I8x16NarrowI16x8U => self.vbinary(I16X8, |b, x, y| b.ins().unarrow(x, y)),
            O::I16x8NarrowI32x4S => self.vbinary(I32X4, |b, x, y| b.ins().snarrow(x, y)),
            O::I16x8NarrowI32x4U => self.vbinary(I32X4, |b, x, y| b.ins().unarrow(x, y)),
            O::I8x16Shl => self.vshift(I8X16, |b, a, n| b.ins().ishl(a, n)),
            O::I8x16ShrS => self.vshift(I8X16, |b, a, n| b.ins().sshr(a, n)),
            O::I8x16ShrU => self.vshift(I8X16, |b, a, n| b.ins().ushr(a, n)),
            O::I16x8Shl => self.vshift(I16X8, |b, a, n| b.ins().ishl(a, n)),
            O::I16x8ShrS => self.vshift(I16X8, |b, a, n| b.ins().sshr(a, n)),
            O::I16x8ShrU => self.vshift(I16X8, |b, a, n| b.ins().ushr(a, n)),
            O::I32x4Shl => self.vshift(I32X4, |b, a, n| b.ins().ishl(a, n)),
            O::I32x4ShrS => self.vshift(I32X4, |b, a, n| b.ins().sshr(a, n)),
            O::I32x4ShrU => self.vshift(I32X4, |b, a, n| b.ins().ushr(a, n)),
            O::I64x2Shl => self.vshift(I64X2, |b, a, n| b.ins().ishl(a, n)),
            O::I64x2ShrS => self.vshift(I64X2, |b, a, n| b.ins().sshr(a, n)),
            O::I64x2ShrU => self.vshift(I64X2, |b, a, n| b.ins().ushr(a, n)),
            O::I8x16Add => self.vbinary(I8X16, |b, x, y| b.ins().iadd(x, y)),
            O::I16x8Add => self.vbinary(I16X8, |b, x, y| b.ins().iadd(x, y)),
            O::I32x4Add => self.vbinary(I32X4, |b, x, y| b.ins().iadd(x, y)),
            O::I64x2Add => self.vbinary(I64X2, |b, x, y| b.ins().iadd(x, y)),
            O::I8x16Sub => self.vbinary(I8X16, |b, x, y| b.ins().isub(x, y)),
            O::I16x8Sub => self.vbinary(I16X8, |b, x, y| b.ins().isub(x, y)),
            O::I32x4Sub => self.vbinary(I32X4, |b, x, y| b.ins().isub(x, y)),
            O::I64x2Sub => self.vbinary(I64X2, |b, x, y| b.ins().isub(x, y)),
            O::I16x8Mul => self.vbinary(I16X8, |b, x, y| b.ins().imul(x, y)),
            O::I32x4Mul => self.vbinary(I32X4, |b, x, y| b.ins().imul(x, y)),
            O::I64x2Mul => self.vbinary(I64X2, |b, x, y| b.ins().imul(x, y)),
            O::I8x16AddSatS => self.vbinary(I8X16, |b, x, y| b.ins().sadd_sat(x, y)),
            O::I8x16AddSatU => self.vbinary(I8X16, |b, x, y| b.ins().uadd_sat(x, y)),
            O::I8x16SubSatS => self.vbinary(I8X16, |b, x, y| b.ins().ssub_sat(x, y)),
            O::I8x16SubSatU => self.vbinary(I8X16, |b, x, y| b.ins().usub_sat(x, y)),
            O::I16x8AddSatS => self.vbinary(I16X8, |b, x, y| b.ins().sadd_sat(x, y)),
            O::I16x8AddSatU => self.vbinary(I16X8, |b, x, y| b.ins().uadd_sat(x, y)),
            O::I16x8SubSatS => self.vbinary(I16X8, |b, x, y| b.ins().ssub_sat(x, y)),
            O::I16x8SubSatU => self.vbinary(I16X8, |b, x, y| b.ins().usub_sat(x, y)),
            O::I8x16MinS => self.vbinary(I8X16, |b, x, y| b.ins().smin(x, y)),
            O::I8x16MinU => self.vbinary(I8X16, |b, x, y| b.ins().umin(x, y)),
            O::I8x16MaxS => self.vbinary(I8X16, |b, x, y| b.ins().smax(x, y)),
            O::I8x16MaxU => self.vbinary(I8X16, |b, x, y| b.ins().umax(x, y)),
            O::I16x8MinS => self.vbinary(I16X8, |b, x, y| b.ins().smin(x, y)),
            O::I16x8MinU => self.vbinary(I16X8, |b, x, y| b.ins().umin(x, y)),
            O::I16x8MaxS => self.vbinary(I16X8, |b, x, y| b.ins().smax(x, y)),
            O::I16x8MaxU => self.vbinary(I16X8, |b, x, y| b.ins().umax(x, y)),
            O::I32x4MinS => self.vbinary(I32X4, |b, x, y| b.ins().smin(x, y)),
            O::I32x4MinU => self.vbinary(I32X4, |b, x, y| b.ins().umin(x, y)),
            O::I32x4MaxS => self.vbinary(I32X4, |b, x, y| b.ins().smax(x, y)),
            O::I32x4MaxU => self.vbinary(I32X4, |b, x, y| b.ins().umax(x, y)),
            O::I8x16AvgrU => self.vbinary(I8X16, |b, x, y| b.ins().avg_round(x, y)),
            O::I16x8AvgrU => self.vbinary(I16X8, |b, x, y| b.ins().avg_round(x, y)),
            O::I16x8Q15MulrSatS => self.vbinary(I16X8, |b, x, y| b.ins().sqmul_round_sat(x, y)),
            O::I16x8ExtendLowI8x16S => self.vextend(I8X16, true, false),
            O::I16x8ExtendHighI8x16S => self.vextend(I8X16, true, true),
            O::I16x8ExtendLowI8x16U => self.vextend(I8X16, false, false),
            O::I16x8ExtendHighI8x16U => self.vextend(I8X16, false, true),
            O::I32x4ExtendLowI16x8S => self.vextend(I16X8, true, false),
            O::I32x4ExtendHighI16x8S => self.vextend(I16X8, true, true),
            O::I32x4ExtendLowI16x8U => self.vextend(I16X8, false, false),
            O::I32x4ExtendHighI16x8U => self.vextend(I16X8, false, true),
            O::I64x2ExtendLowI32x4S => self.vextend(I32X4, true, false),
            O::I64x2ExtendHighI32x4S => self.vextend(I32X4, true, true),
            O::I64x2ExtendLowI32x4U => self.vextend(I32X4, false, false),
            O::I64x2ExtendHighI32x4U => self.vextend(I32X4, false, true),
            O::I16x8ExtMulLowI8x16S => self.vextmul(I8X16, true, false),
            O::I16x8ExtMulHighI8x16S => self.vextmul(I8X16, true, true),
            O::I16x8ExtMulLowI8x16U => self.vextmul(I8X16, false, false),
            O::I16x8ExtMulHighI8x16U => self.vextmul(I8X16, false, true),
            O::I32x4ExtMulLowI16x8S => self.vextmul(I16X8, true, false),
            O::I32x4ExtMulHighI16x8S => self.vextmul(I16X8, true, true),
            O::I32x4ExtMulLowI16x8U => self.vextmul(I16X8, false, false),
            O::I32x4ExtMulHighI16x8U => self.vextmul(I16X8, false, true),
            O::I64x2ExtMulLowI32x4S => self.vextmul(I32X4, true, false),
            O::I64x2ExtMulHighI32x4S => self.vextmul(I32X4, true, true),
            O::I64x2ExtMulLowI32x4U => self.vextmul(I32X4, false, false),
            O::I64x2ExtMulHighI32x4U => self.vextmul(I32X4, false, true),
            O::I16x8ExtAddPairwiseI8x16S => self.vextadd_pairwise(I8X16, true),
            O::I16x8ExtAddPairwiseI8x16U => self.vextadd_pairwise(I8X16, false),
            O::I32x4ExtAddPairwiseI16x8S => self.vextadd_pairwise(I16X8, true),
            O::I32x4ExtAddPairwiseI16x8U => self.vextadd_pairwise(I16X8, false),
            O::I32x4DotI16x8S => self.vbinary(I16X8, |b, x, y| {
                let (xl, yl) = (b.ins().swiden_low(x), b.ins().swiden_low(y));
                let (xh, yh) = (b.ins().swiden_high(x), b.ins().swiden_high(y));
                let lo = b.ins().imul(xl, yl);
                let hi = b.ins().imul(xh, yh);
                b.ins().iadd_pairwise(lo, hi)
            }),

            // ---- floating point ----
            O::F32x4Ceil => self.vunary(F32X4, |b, a| b.ins().ceil(a)),
            O::F32x4Floor => self.vunary(F32X4, |b, a| b.ins().floor(a)),
            O::F32x4Trunc => self.vunary(F32X4, |b, a| b.ins().trunc(a)),
            O::F32x4Nearest => self.vunary(F32X4, |b, a| b.ins().nearest(a)),
            O::F64x2Ceil => self.vunary(F64X2, |b, a| b.ins().ceil(a)),
            O::F64x2Floor => self.vunary(F64X2, |b, a| b.ins().floor(a)),
            O::F64x2Trunc => self.vunary(F64X2, |b, a| b.ins().trunc(a)),
            O::F64x2Nearest => self.vunary(F64X2, |b, a| b.ins().nearest(a)),
            O::F32x4Abs => self.vunary(F32X4, |b, a| b.ins().fabs(a)),
            O::F64x2Abs => self.vunary(F64X2, |b, a| b.ins().fabs(a)),
            O::F32x4Neg => self.vunary(F32X4, |b, a| b.ins().fneg(a)),
            O::F64x2Neg => self.vunary(F64X2, |b, a| b.ins().fneg(a)),
            O::F32x4Sqrt => self.vunary(F32X4, |b, a| b.ins().sqrt(a)),
            O::F64x2Sqrt => self.vunary(F64X2, |b, a| b.ins().sqrt(a)),
            // `fadd` and `fmul` take their operands swapped: when both
            // lanes are NaNs the result is then the second operand's NaN,
            // as in the interpreter as built (LLVM commutes `x + y` and
            // `x * y`); see the module documentation.
            O::F32x4Add => self.vbinary(F32X4, |b, x, y| b.ins().fadd(y, x)),
            O::F64x2Add => self.vbinary(F64X2, |b, x, y| b.ins().fadd(y, x)),
            O::F32x4Sub => self.vbinary(F32X4, |b, x, y| b.ins().fsub(x, y)),
            O::F64x2Sub => self.vbinary(F64X2, |b, x, y| b.ins().fsub(x, y)),
            O::F32x4Mul => self.vbinary(F32X4, |b, x, y| b.ins().fmul(y, x)),
            O::F64x2Mul => self.vbinary(F64X2, |b, x, y| b.ins().fmul(y, x)),
            O::F32x4Div => self.vbinary(F32X4, |b, x, y| b.ins().fdiv(x, y)),
            O::F64x2Div => self.vbinary(F64X2, |b, x, y| b.ins().fdiv(x, y)),
            O::F32x4Min => self.vfminmax(F32X4, false),
            O::F64x2Min => self.vfminmax(F64X2, false),
            O::F32x4Max => self.vfminmax(F32X4, true),
            O::F64x2Max => self.vfminmax(F64X2, true),
            // pmin: `b < a ? b : a`; pmax: `a < b ? b : a`.
            O::F32x4PMin => self.vfpick(F32X4, FloatCC::LessThan, true),
            O::F64x2PMin => self.vfpick(F64X2, FloatCC::LessThan, true),
            O::F32x4PMax => {
                let y = self.vpop(F32X4);
                let x = self.vpop(F32X4);
                self.pick_pmax(F32X4, x, y);
            }
            O::F64x2PMax => {
                let y = self.vpop(F64X2);
                let x = self.vpop(F64X2);
                self.pick_pmax(F64X2, x, y);
            }

            // ---- conversions ----
            O::I32x4TruncSatF32x4S => self.vunary(F32X4, |b, a| b.ins().fcvt_to_sint_sat(I32X4, a)),
            O::I32x4TruncSatF32x4U | O::I32x4RelaxedTruncF32x4U => {
                self.vunary(F32X4, |b, a| b.ins().fcvt_to_uint_sat(I32X4, a))
            }
            O::F32x4ConvertI32x4S => self.vunary(I32X4, |b, a| b.ins().fcvt_from_sint(F32X4, a)),
            O::F32x4ConvertI32x4U => self.vunary(I32X4, |b, a| b.ins().fcvt_from_uint(F32X4, a)),
            O::I32x4TruncSatF64x2SZero => self.vtrunc_sat_f64x2(true),
            O::I32x4TruncSatF64x2UZero | O::I32x4RelaxedTruncF64x2UZero => {
                self.vtrunc_sat_f64x2(false)
            }
            O::F64x2ConvertLowI32x4S => self.vunary(I32X4, |b, a| {
                let w = b.ins().swiden_low(a);
                b.ins().fcvt_from_sint(F64X2, w)
            }),
            O::F64x2ConvertLowI32x4U => self.vunary(I32X4, |b, a| {
                let w = b.ins().uwiden_low(a);
                b.ins().fcvt_from_uint(F64X2, w)
            }),
            O::F32x4DemoteF64x2Zero => self.vunary(F64X2, |b, a| b.ins().fvdemote(a)),
            O::F64x2PromoteLowF32x4 => self.vunary(F32X4, |b, a| b.ins().fvpromote_low(a)),

            // ---- relaxed SIMD (the interpreter's choices: interp/simd.rs) ----
            O::I8x16RelaxedSwizzle => self.vbinary(I8X16, |b, x, y| b.ins().x86_pshufb(x, y)),
            O::I32x4RelaxedTruncF32x4S => self.vunary(F32X4, |b, a| b.ins().x86_cvtt2dq(I32X4, a)),
            O::I32x4RelaxedTruncF64x2SZero => {
                let a = self.vpop(F64X2);
                let zero = self.vconst_bits(I64X2, 0);
                let c = self.b.ins().x86_cvtt2dq(I64X2, a);
                let v = self.b.ins().snarrow(c, zero);
                self.push(v);
            }
            O::F32x4RelaxedMadd
            | O::F64x2RelaxedMadd
            | O::F32x4RelaxedNmadd
            | O::F64x2RelaxedNmadd => {
                let t = match op {
                    O::F32x4RelaxedMadd | O::F32x4RelaxedNmadd => F32X4,
                    _ => F64X2,
                };
                let c = self.vpop(t);
                let y = self.vpop(t);
                let x = self.vpop(t);
                // Unfused, as the interpreter: two roundings (operands of
                // `fmul` and `fadd` swapped, as for `f32x4.add`).
                let p = self.b.ins().fmul(y, x);
                let v = match op {
                    O::F32x4RelaxedMadd | O::F64x2RelaxedMadd => self.b.ins().fadd(c, p),
                    _ => self.b.ins().fsub(c, p),
                };
                self.push(v);
            }
            O::I8x16RelaxedLaneselect | O::I32x4RelaxedLaneselect | O::I64x2RelaxedLaneselect => {
                let t = match op {
                    O::I8x16RelaxedLaneselect => I8X16,
                    O::I32x4RelaxedLaneselect => I32X4,
                    _ => I64X2,
                };
                let c = self.vpop(t);
                let y = self.vpop(t);
                let x = self.vpop(t);
                // The top bit of each lane of `c` selects `x` (`pblendvb`,
                // `blendvps`, `blendvpd`).
                let v = self.b.ins().blendv(c, x, y);
                self.push(v);
            }
            // `minps a, b`: `a < b ? a : b`; `maxps a, b`: `a > b ? a : b`.
            O::F32x4RelaxedMin => self.vfpick(F32X4, FloatCC::LessThan, false),
            O::F64x2RelaxedMin => self.vfpick(F64X2, FloatCC::LessThan, false),
            O::F32x4RelaxedMax => self.vfpick(F32X4, FloatCC::GreaterThan, false),
            O::F64x2RelaxedMax => self.vfpick(F64X2, FloatCC::GreaterThan, false),
            O::I16x8RelaxedQ15mulrS => self.vbinary(I16X8, |b, x, y| b.ins().x86_pmulhrsw(x, y)),
            O::I16x8RelaxedDotI8x16I7x16S => {
                // `a` signed, `b` (the 7-bit operand) unsigned.
                self.vbinary(I8X16, |b, x, y| b.ins().x86_pmaddubsw(x, y))
            }
            O::I32x4RelaxedDotI8x16I7x16AddS => {
                let c = self.vpop(I32X4);
                let y = self.vpop(I8X16);
                let x = self.vpop(I8X16);
                let b = &mut self.b;
                let d = b.ins().x86_pmaddubsw(x, y);
                let lo = b.ins().swiden_low(d);
                let hi = b.ins().swiden_high(d);
                let sum = b.ins().iadd_pairwise(lo, hi);
                let v = b.ins().iadd(sum, c);
                self.push(v);
            }

            other => return unsupported(format!("operator {other:?}")),
        }
        Ok(())
    }

    /// `pmax`: `x < y ? y : x` per lane, the chosen lane's bits.
    fn pick_pmax(&mut self, t: Type, x: Value, y: Value) {
        let it = int_of(t);
        let b = &mut self.b;
        let c = b.ins().fcmp(FloatCC::LessThan, x, y);
        let (xi, yi) = (
            b.ins().bitcast(it, LITTLE, x),
            b.ins().bitcast(it, LITTLE, y),
        );
        let r = b.ins().bitselect(c, yi, xi);
        self.push(r);
    }
}
