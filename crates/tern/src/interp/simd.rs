//! Semantics of the WebAssembly fixed-width SIMD (`simd`) and `relaxed-simd`
//! instructions as pure functions on 128-bit values.
//!
//! # Representation
//!
//! * A `v128` is a `u128` whose lane 0 occupies the least significant bits
//!   (the little-endian lane order of Wasm memory: byte `i` of memory is bits
//!   `8*i..8*i+8`).
//! * A scalar operand or result is a raw 64-bit slot: an `i32` or `f32` lives
//!   in the low 32 bits (the upper 32 bits of an input may be garbage and are
//!   ignored; `i32`/`f32` results are written zero-extended), an `i64` or
//!   `f64` uses all 64 bits.
//! * Function names are wasmparser's visitor names without `visit_`;
//!   ternary operands are in stack order (the first one pushed is `a`).
//!
//! Floating-point NaN results are always NaNs with the quiet bit set. Where an
//! operation propagates an input NaN itself (min/max, rounding, promote,
//! demote) it returns the first NaN operand made quiet, so canonical NaN
//! inputs give canonical NaN outputs.
//!
//! # Relaxed SIMD choices
//!
//! Each relaxed instruction has one fixed behaviour, on every host: the
//! result of the x86-64 lowering that Tern's JIT tier emits with the SSE4.1
//! baseline (one instruction where x86 has one), so that tiering up never
//! changes a program's results. Where that would depend on an optional CPU
//! feature (FMA3, AVX-512), the choice is the one every x86-64 CPU computes
//! the same way. Every choice is among the results the relaxed-simd
//! proposal allows, and its spec tests accept them.
//!
//! | instruction | Tern's result | x86-64 |
//! |---|---|---|
//! | `i8x16.relaxed_swizzle` | index with top bit set gives 0, else lane `index & 15` of `a` | `pshufb` |
//! | `i32x4.relaxed_trunc_f32x4_s` | truncation; NaN and out-of-range give `i32::MIN` | `cvttps2dq` |
//! | `i32x4.relaxed_trunc_f32x4_u` | as `i32x4.trunc_sat_f32x4_u` (NaN 0, saturating) | no unsigned conversion before AVX-512: the saturating sequence |
//! | `i32x4.relaxed_trunc_f64x2_s_zero` | truncation; NaN and out-of-range give `i32::MIN`; lanes 2, 3 zero | `cvttpd2dq` |
//! | `i32x4.relaxed_trunc_f64x2_u_zero` | as `i32x4.trunc_sat_f64x2_u_zero` | the saturating sequence |
//! | `f32x4.relaxed_madd`, `f64x2.relaxed_madd` | unfused `a * b + c` (two roundings) | `mulps`/`addps` (FMA3 is optional) |
//! | `f32x4.relaxed_nmadd`, `f64x2.relaxed_nmadd` | unfused `c - a * b` | `mulps`/`subps` |
//! | `i8x16.relaxed_laneselect` | top bit of each byte of `c` selects `a`, else `b` | `pblendvb` |
//! | `i16x8.relaxed_laneselect` | as `v128.bitselect(a, b, c)` | `pand`/`pandn`/`por` (no 16-bit blend) |
//! | `i32x4.relaxed_laneselect` | top bit of each 32-bit lane of `c` selects | `blendvps` |
//! | `i64x2.relaxed_laneselect` | top bit of each 64-bit lane of `c` selects | `blendvpd` |
//! | `f32x4.relaxed_min`, `f64x2.relaxed_min` | `a < b ? a : b` (NaN in either, or two zeros, give `b`) | `minps`/`minpd` |
//! | `f32x4.relaxed_max`, `f64x2.relaxed_max` | `a > b ? a : b` | `maxps`/`maxpd` |
//! | `i16x8.relaxed_q15mulr_s` | rounded Q15 product, not saturated (`0x8000 * 0x8000` gives `0x8000`) | `pmulhrsw` |
//! | `i16x8.relaxed_dot_i8x16_i7x16_s` | bytes of `b` unsigned, of `a` signed; pair sums saturate to 16 bits | `pmaddubsw` |
//! | `i32x4.relaxed_dot_i8x16_i7x16_add_s` | the 16-bit dot product, adjacent pairs summed into 32 bits, plus `c` (wrapping) | `pmaddubsw`, `pmaddwd` with ones, `paddd` |
//!
//! (Wasmtime's `relaxed_simd_deterministic` mode makes another allowed
//! choice: each relaxed instruction as its non-relaxed counterpart, with a
//! fused `madd`.)

use core::array::from_fn;

// ---------------------------------------------------------------------------
// Lane plumbing
// ---------------------------------------------------------------------------

#[inline(always)]
fn to_u8x16(v: u128) -> [u8; 16] {
    v.to_le_bytes()
}

#[inline(always)]
fn from_u8x16(a: [u8; 16]) -> u128 {
    u128::from_le_bytes(a)
}

#[inline(always)]
fn to_u16x8(v: u128) -> [u16; 8] {
    from_fn(|i| (v >> (16 * i)) as u16)
}

#[inline(always)]
fn from_u16x8(a: [u16; 8]) -> u128 {
    a.iter()
        .enumerate()
        .fold(0, |acc, (i, &x)| acc | (u128::from(x) << (16 * i)))
}

#[inline(always)]
fn to_u32x4(v: u128) -> [u32; 4] {
    from_fn(|i| (v >> (32 * i)) as u32)
}

#[inline(always)]
fn from_u32x4(a: [u32; 4]) -> u128 {
    a.iter()
        .enumerate()
        .fold(0, |acc, (i, &x)| acc | (u128::from(x) << (32 * i)))
}

#[inline(always)]
fn to_u64x2(v: u128) -> [u64; 2] {
    [v as u64, (v >> 64) as u64]
}

#[inline(always)]
fn from_u64x2(a: [u64; 2]) -> u128 {
    u128::from(a[0]) | (u128::from(a[1]) << 64)
}

#[inline(always)]
fn map_u8(a: u128, f: impl Fn(u8) -> u8) -> u128 {
    let a = to_u8x16(a);
    from_u8x16(from_fn(|i| f(a[i])))
}

#[inline(always)]
fn zip_u8(a: u128, b: u128, f: impl Fn(u8, u8) -> u8) -> u128 {
    let (a, b) = (to_u8x16(a), to_u8x16(b));
    from_u8x16(from_fn(|i| f(a[i], b[i])))
}

#[inline(always)]
fn map_u16(a: u128, f: impl Fn(u16) -> u16) -> u128 {
    let a = to_u16x8(a);
    from_u16x8(from_fn(|i| f(a[i])))
}

#[inline(always)]
fn zip_u16(a: u128, b: u128, f: impl Fn(u16, u16) -> u16) -> u128 {
    let (a, b) = (to_u16x8(a), to_u16x8(b));
    from_u16x8(from_fn(|i| f(a[i], b[i])))
}

#[inline(always)]
fn map_u32(a: u128, f: impl Fn(u32) -> u32) -> u128 {
    let a = to_u32x4(a);
    from_u32x4(from_fn(|i| f(a[i])))
}

#[inline(always)]
fn zip_u32(a: u128, b: u128, f: impl Fn(u32, u32) -> u32) -> u128 {
    let (a, b) = (to_u32x4(a), to_u32x4(b));
    from_u32x4(from_fn(|i| f(a[i], b[i])))
}

#[inline(always)]
fn map_u64(a: u128, f: impl Fn(u64) -> u64) -> u128 {
    let a = to_u64x2(a);
    from_u64x2(from_fn(|i| f(a[i])))
}

#[inline(always)]
fn zip_u64(a: u128, b: u128, f: impl Fn(u64, u64) -> u64) -> u128 {
    let (a, b) = (to_u64x2(a), to_u64x2(b));
    from_u64x2(from_fn(|i| f(a[i], b[i])))
}

#[inline(always)]
fn map_f32(a: u128, f: impl Fn(f32) -> f32) -> u128 {
    map_u32(a, |x| f(f32::from_bits(x)).to_bits())
}

#[inline(always)]
fn zip_f32(a: u128, b: u128, f: impl Fn(f32, f32) -> f32) -> u128 {
    zip_u32(a, b, |x, y| {
        f(f32::from_bits(x), f32::from_bits(y)).to_bits()
    })
}

#[inline(always)]
fn map_f64(a: u128, f: impl Fn(f64) -> f64) -> u128 {
    map_u64(a, |x| f(f64::from_bits(x)).to_bits())
}

#[inline(always)]
fn zip_f64(a: u128, b: u128, f: impl Fn(f64, f64) -> f64) -> u128 {
    zip_u64(a, b, |x, y| {
        f(f64::from_bits(x), f64::from_bits(y)).to_bits()
    })
}

#[inline(always)]
fn cmp_u8(a: u128, b: u128, f: impl Fn(u8, u8) -> bool) -> u128 {
    zip_u8(a, b, |x, y| if f(x, y) { u8::MAX } else { 0 })
}

#[inline(always)]
fn cmp_u16(a: u128, b: u128, f: impl Fn(u16, u16) -> bool) -> u128 {
    zip_u16(a, b, |x, y| if f(x, y) { u16::MAX } else { 0 })
}

#[inline(always)]
fn cmp_u32(a: u128, b: u128, f: impl Fn(u32, u32) -> bool) -> u128 {
    zip_u32(a, b, |x, y| if f(x, y) { u32::MAX } else { 0 })
}

#[inline(always)]
fn cmp_u64(a: u128, b: u128, f: impl Fn(u64, u64) -> bool) -> u128 {
    zip_u64(a, b, |x, y| if f(x, y) { u64::MAX } else { 0 })
}

#[inline(always)]
fn cmp_f32(a: u128, b: u128, f: impl Fn(f32, f32) -> bool) -> u128 {
    cmp_u32(a, b, |x, y| f(f32::from_bits(x), f32::from_bits(y)))
}

#[inline(always)]
fn cmp_f64(a: u128, b: u128, f: impl Fn(f64, f64) -> bool) -> u128 {
    cmp_u64(a, b, |x, y| f(f64::from_bits(x), f64::from_bits(y)))
}

/// Shift count of a shift instruction: the i32 slot taken modulo the lane width.
#[inline(always)]
fn shift_amount(count: u64, lane_bits: u32) -> u32 {
    (count as u32) & (lane_bits - 1)
}

/// Boolean i32 result, zero-extended into a slot.
#[inline(always)]
fn bool_slot(b: bool) -> u64 {
    u64::from(b)
}

// ---------------------------------------------------------------------------
// Floating-point helpers
// ---------------------------------------------------------------------------

const F32_QUIET: u32 = 0x0040_0000;
const F64_QUIET: u64 = 0x0008_0000_0000_0000;

#[inline(always)]
fn quiet_f32(x: f32) -> f32 {
    f32::from_bits(x.to_bits() | F32_QUIET)
}

#[inline(always)]
fn quiet_f64(x: f64) -> f64 {
    f64::from_bits(x.to_bits() | F64_QUIET)
}

/// Applies a rounding function, returning a NaN input made quiet.
#[inline(always)]
fn round_f32(x: f32, f: impl Fn(f32) -> f32) -> f32 {
    if x.is_nan() { quiet_f32(x) } else { f(x) }
}

#[inline(always)]
fn round_f64(x: f64, f: impl Fn(f64) -> f64) -> f64 {
    if x.is_nan() { quiet_f64(x) } else { f(x) }
}

/// Wasm `fmin`: NaN if either operand is NaN, `-0 < +0`.
#[inline(always)]
fn fmin_f32(a: f32, b: f32) -> f32 {
    if a.is_nan() {
        quiet_f32(a)
    } else if b.is_nan() {
        quiet_f32(b)
    } else if a == b {
        // Equal values have equal bits, except +0/-0 where OR picks -0.
        f32::from_bits(a.to_bits() | b.to_bits())
    } else if a < b {
        a
    } else {
        b
    }
}

/// Wasm `fmax`: NaN if either operand is NaN, `-0 < +0`.
#[inline(always)]
fn fmax_f32(a: f32, b: f32) -> f32 {
    if a.is_nan() {
        quiet_f32(a)
    } else if b.is_nan() {
        quiet_f32(b)
    } else if a == b {
        // Equal values have equal bits, except +0/-0 where AND picks +0.
        f32::from_bits(a.to_bits() & b.to_bits())
    } else if a > b {
        a
    } else {
        b
    }
}

#[inline(always)]
fn fmin_f64(a: f64, b: f64) -> f64 {
    if a.is_nan() {
        quiet_f64(a)
    } else if b.is_nan() {
        quiet_f64(b)
    } else if a == b {
        f64::from_bits(a.to_bits() | b.to_bits())
    } else if a < b {
        a
    } else {
        b
    }
}

#[inline(always)]
fn fmax_f64(a: f64, b: f64) -> f64 {
    if a.is_nan() {
        quiet_f64(a)
    } else if b.is_nan() {
        quiet_f64(b)
    } else if a == b {
        f64::from_bits(a.to_bits() & b.to_bits())
    } else if a > b {
        a
    } else {
        b
    }
}

/// `f64 -> f32` with round-to-nearest-even; a NaN keeps its sign and the top
/// of its payload and is made quiet.
#[inline(always)]
fn demote(x: f64) -> f32 {
    if x.is_nan() {
        let bits = x.to_bits();
        let sign = ((bits >> 63) as u32) << 31;
        let payload = ((bits >> 29) as u32) & 0x007f_ffff;
        f32::from_bits(sign | 0x7fc0_0000 | payload)
    } else {
        x as f32
    }
}

/// `f32 -> f64` (exact); a NaN keeps its sign and payload and is made quiet.
#[inline(always)]
fn promote(x: f32) -> f64 {
    if x.is_nan() {
        let bits = x.to_bits();
        let sign = u64::from(bits >> 31) << 63;
        let payload = u64::from(bits & 0x007f_ffff) << 29;
        f64::from_bits(sign | 0x7ff8_0000_0000_0000 | payload)
    } else {
        f64::from(x)
    }
}

// ---------------------------------------------------------------------------
// Extending loads (the engine does the memory access)
// ---------------------------------------------------------------------------

/// `v128.load8x8_s` on the 8 loaded bytes (little-endian `u64`): sign-extend each byte to 16 bits.
pub fn v128_load8x8_s(bytes: u64) -> u128 {
    let b = bytes.to_le_bytes();
    from_u16x8(from_fn(|i| i16::from(b[i] as i8) as u16))
}

/// `v128.load8x8_u` on the 8 loaded bytes (little-endian `u64`): zero-extend each byte to 16 bits.
pub fn v128_load8x8_u(bytes: u64) -> u128 {
    let b = bytes.to_le_bytes();
    from_u16x8(from_fn(|i| u16::from(b[i])))
}

/// `v128.load16x4_s` on the 8 loaded bytes (little-endian `u64`): sign-extend each 16-bit half-word to 32 bits.
pub fn v128_load16x4_s(bytes: u64) -> u128 {
    from_u32x4(from_fn(|i| {
        i32::from((bytes >> (16 * i)) as u16 as i16) as u32
    }))
}

/// `v128.load16x4_u` on the 8 loaded bytes (little-endian `u64`): zero-extend each 16-bit half-word to 32 bits.
pub fn v128_load16x4_u(bytes: u64) -> u128 {
    from_u32x4(from_fn(|i| u32::from((bytes >> (16 * i)) as u16)))
}

/// `v128.load32x2_s` on the 8 loaded bytes (little-endian `u64`): sign-extend each 32-bit word to 64 bits.
pub fn v128_load32x2_s(bytes: u64) -> u128 {
    from_u64x2(from_fn(|i| {
        i64::from((bytes >> (32 * i)) as u32 as i32) as u64
    }))
}

/// `v128.load32x2_u` on the 8 loaded bytes (little-endian `u64`): zero-extend each 32-bit word to 64 bits.
pub fn v128_load32x2_u(bytes: u64) -> u128 {
    from_u64x2(from_fn(|i| u64::from((bytes >> (32 * i)) as u32)))
}

// ---------------------------------------------------------------------------
// Shuffle, swizzle, splat
// ---------------------------------------------------------------------------

/// `i8x16.shuffle`: lane `i` is byte `lanes[i]` of the 32-byte concatenation
/// `a ++ b` (`lanes` as 16 little-endian bytes). The lanes come by value: a
/// pointer to a temporary of the interpreter's handler, passed to a function
/// not inlined, would keep the handler from ending in a jump to the next one
/// (its frame must outlive the call), and a loop of shuffles would then grow
/// the native stack.
pub fn i8x16_shuffle(a: u128, b: u128, lanes: u128) -> u128 {
    let lanes = lanes.to_le_bytes();
    let mut src = [0u8; 32];
    src[..16].copy_from_slice(&a.to_le_bytes());
    src[16..].copy_from_slice(&b.to_le_bytes());
    from_u8x16(from_fn(|i| src[usize::from(lanes[i] & 31)]))
}

/// `i8x16.swizzle`: lane `i` is `a[b[i]]`, or 0 when `b[i] >= 16`.
pub fn i8x16_swizzle(a: u128, b: u128) -> u128 {
    let (a, s) = (to_u8x16(a), to_u8x16(b));
    from_u8x16(from_fn(|i| {
        let idx = usize::from(s[i]);
        if idx < 16 { a[idx] } else { 0 }
    }))
}

/// `i8x16.splat`: the low 8 bits of the i32 in every lane.
pub fn i8x16_splat(x: u64) -> u128 {
    from_u8x16([x as u8; 16])
}

/// `i16x8.splat`: the low 16 bits of the i32 in every lane.
pub fn i16x8_splat(x: u64) -> u128 {
    from_u16x8([x as u16; 8])
}

/// `i32x4.splat`: the i32 in every lane.
pub fn i32x4_splat(x: u64) -> u128 {
    from_u32x4([x as u32; 4])
}

/// `i64x2.splat`: the i64 in both lanes.
pub fn i64x2_splat(x: u64) -> u128 {
    from_u64x2([x; 2])
}

/// `f32x4.splat`: the f32 bit pattern in every lane.
pub fn f32x4_splat(x: u64) -> u128 {
    from_u32x4([x as u32; 4])
}

/// `f64x2.splat`: the f64 bit pattern in both lanes.
pub fn f64x2_splat(x: u64) -> u128 {
    from_u64x2([x; 2])
}

// ---------------------------------------------------------------------------
// Lane access
// ---------------------------------------------------------------------------

/// `i8x16.extract_lane_s`: lane sign-extended to an i32 (zero-extended slot).
pub fn i8x16_extract_lane_s(a: u128, lane: u8) -> u64 {
    let x = (a >> (8 * u32::from(lane & 15))) as u8;
    u64::from(i32::from(x as i8) as u32)
}

/// `i8x16.extract_lane_u`: lane zero-extended to an i32.
pub fn i8x16_extract_lane_u(a: u128, lane: u8) -> u64 {
    u64::from((a >> (8 * u32::from(lane & 15))) as u8)
}

/// `i8x16.replace_lane`: replace a lane with the low 8 bits of the i32.
pub fn i8x16_replace_lane(a: u128, x: u64, lane: u8) -> u128 {
    let shift = 8 * u32::from(lane & 15);
    (a & !(0xffu128 << shift)) | (u128::from(x as u8) << shift)
}

/// `i16x8.extract_lane_s`: lane sign-extended to an i32 (zero-extended slot).
pub fn i16x8_extract_lane_s(a: u128, lane: u8) -> u64 {
    let x = (a >> (16 * u32::from(lane & 7))) as u16;
    u64::from(i32::from(x as i16) as u32)
}

/// `i16x8.extract_lane_u`: lane zero-extended to an i32.
pub fn i16x8_extract_lane_u(a: u128, lane: u8) -> u64 {
    u64::from((a >> (16 * u32::from(lane & 7))) as u16)
}

/// `i16x8.replace_lane`: replace a lane with the low 16 bits of the i32.
pub fn i16x8_replace_lane(a: u128, x: u64, lane: u8) -> u128 {
    let shift = 16 * u32::from(lane & 7);
    (a & !(0xffffu128 << shift)) | (u128::from(x as u16) << shift)
}

/// `i32x4.extract_lane`: the lane as an i32 slot.
pub fn i32x4_extract_lane(a: u128, lane: u8) -> u64 {
    u64::from((a >> (32 * u32::from(lane & 3))) as u32)
}

/// `i32x4.replace_lane`: replace a lane with the i32.
pub fn i32x4_replace_lane(a: u128, x: u64, lane: u8) -> u128 {
    let shift = 32 * u32::from(lane & 3);
    (a & !(0xffff_ffffu128 << shift)) | (u128::from(x as u32) << shift)
}

/// `i64x2.extract_lane`: the lane as an i64.
pub fn i64x2_extract_lane(a: u128, lane: u8) -> u64 {
    (a >> (64 * u32::from(lane & 1))) as u64
}

/// `i64x2.replace_lane`: replace a lane with the i64.
pub fn i64x2_replace_lane(a: u128, x: u64, lane: u8) -> u128 {
    let shift = 64 * u32::from(lane & 1);
    (a & !(u128::from(u64::MAX) << shift)) | (u128::from(x) << shift)
}

/// `f32x4.extract_lane`: the lane's bit pattern as an f32 slot.
pub fn f32x4_extract_lane(a: u128, lane: u8) -> u64 {
    i32x4_extract_lane(a, lane)
}

/// `f32x4.replace_lane`: replace a lane with the f32 bit pattern.
pub fn f32x4_replace_lane(a: u128, x: u64, lane: u8) -> u128 {
    i32x4_replace_lane(a, x, lane)
}

/// `f64x2.extract_lane`: the lane's bit pattern as an f64 slot.
pub fn f64x2_extract_lane(a: u128, lane: u8) -> u64 {
    i64x2_extract_lane(a, lane)
}

/// `f64x2.replace_lane`: replace a lane with the f64 bit pattern.
pub fn f64x2_replace_lane(a: u128, x: u64, lane: u8) -> u128 {
    i64x2_replace_lane(a, x, lane)
}

// ---------------------------------------------------------------------------
// Comparisons (all-ones lane for true, zero for false)
// ---------------------------------------------------------------------------

/// `i8x16.eq`
pub fn i8x16_eq(a: u128, b: u128) -> u128 {
    cmp_u8(a, b, |x, y| x == y)
}

/// `i8x16.ne`
pub fn i8x16_ne(a: u128, b: u128) -> u128 {
    cmp_u8(a, b, |x, y| x != y)
}

/// `i8x16.lt_s`
pub fn i8x16_lt_s(a: u128, b: u128) -> u128 {
    cmp_u8(a, b, |x, y| (x as i8) < (y as i8))
}

/// `i8x16.lt_u`
pub fn i8x16_lt_u(a: u128, b: u128) -> u128 {
    cmp_u8(a, b, |x, y| x < y)
}

/// `i8x16.gt_s`
pub fn i8x16_gt_s(a: u128, b: u128) -> u128 {
    cmp_u8(a, b, |x, y| (x as i8) > (y as i8))
}

/// `i8x16.gt_u`
pub fn i8x16_gt_u(a: u128, b: u128) -> u128 {
    cmp_u8(a, b, |x, y| x > y)
}

/// `i8x16.le_s`
pub fn i8x16_le_s(a: u128, b: u128) -> u128 {
    cmp_u8(a, b, |x, y| (x as i8) <= (y as i8))
}

/// `i8x16.le_u`
pub fn i8x16_le_u(a: u128, b: u128) -> u128 {
    cmp_u8(a, b, |x, y| x <= y)
}

/// `i8x16.ge_s`
pub fn i8x16_ge_s(a: u128, b: u128) -> u128 {
    cmp_u8(a, b, |x, y| (x as i8) >= (y as i8))
}

/// `i8x16.ge_u`
pub fn i8x16_ge_u(a: u128, b: u128) -> u128 {
    cmp_u8(a, b, |x, y| x >= y)
}

/// `i16x8.eq`
pub fn i16x8_eq(a: u128, b: u128) -> u128 {
    cmp_u16(a, b, |x, y| x == y)
}

/// `i16x8.ne`
pub fn i16x8_ne(a: u128, b: u128) -> u128 {
    cmp_u16(a, b, |x, y| x != y)
}

/// `i16x8.lt_s`
pub fn i16x8_lt_s(a: u128, b: u128) -> u128 {
    cmp_u16(a, b, |x, y| (x as i16) < (y as i16))
}

/// `i16x8.lt_u`
pub fn i16x8_lt_u(a: u128, b: u128) -> u128 {
    cmp_u16(a, b, |x, y| x < y)
}

/// `i16x8.gt_s`
pub fn i16x8_gt_s(a: u128, b: u128) -> u128 {
    cmp_u16(a, b, |x, y| (x as i16) > (y as i16))
}

/// `i16x8.gt_u`
pub fn i16x8_gt_u(a: u128, b: u128) -> u128 {
    cmp_u16(a, b, |x, y| x > y)
}

/// `i16x8.le_s`
pub fn i16x8_le_s(a: u128, b: u128) -> u128 {
    cmp_u16(a, b, |x, y| (x as i16) <= (y as i16))
}

/// `i16x8.le_u`
pub fn i16x8_le_u(a: u128, b: u128) -> u128 {
    cmp_u16(a, b, |x, y| x <= y)
}

/// `i16x8.ge_s`
pub fn i16x8_ge_s(a: u128, b: u128) -> u128 {
    cmp_u16(a, b, |x, y| (x as i16) >= (y as i16))
}

/// `i16x8.ge_u`
pub fn i16x8_ge_u(a: u128, b: u128) -> u128 {
    cmp_u16(a, b, |x, y| x >= y)
}

/// `i32x4.eq`
pub fn i32x4_eq(a: u128, b: u128) -> u128 {
    cmp_u32(a, b, |x, y| x == y)
}

/// `i32x4.ne`
pub fn i32x4_ne(a: u128, b: u128) -> u128 {
    cmp_u32(a, b, |x, y| x != y)
}

/// `i32x4.lt_s`
pub fn i32x4_lt_s(a: u128, b: u128) -> u128 {
    cmp_u32(a, b, |x, y| (x as i32) < (y as i32))
}

/// `i32x4.lt_u`
pub fn i32x4_lt_u(a: u128, b: u128) -> u128 {
    cmp_u32(a, b, |x, y| x < y)
}

/// `i32x4.gt_s`
pub fn i32x4_gt_s(a: u128, b: u128) -> u128 {
    cmp_u32(a, b, |x, y| (x as i32) > (y as i32))
}

/// `i32x4.gt_u`
pub fn i32x4_gt_u(a: u128, b: u128) -> u128 {
    cmp_u32(a, b, |x, y| x > y)
}

/// `i32x4.le_s`
pub fn i32x4_le_s(a: u128, b: u128) -> u128 {
    cmp_u32(a, b, |x, y| (x as i32) <= (y as i32))
}

/// `i32x4.le_u`
pub fn i32x4_le_u(a: u128, b: u128) -> u128 {
    cmp_u32(a, b, |x, y| x <= y)
}

/// `i32x4.ge_s`
pub fn i32x4_ge_s(a: u128, b: u128) -> u128 {
    cmp_u32(a, b, |x, y| (x as i32) >= (y as i32))
}

/// `i32x4.ge_u`
pub fn i32x4_ge_u(a: u128, b: u128) -> u128 {
    cmp_u32(a, b, |x, y| x >= y)
}

/// `i64x2.eq`
pub fn i64x2_eq(a: u128, b: u128) -> u128 {
    cmp_u64(a, b, |x, y| x == y)
}

/// `i64x2.ne`
pub fn i64x2_ne(a: u128, b: u128) -> u128 {
    cmp_u64(a, b, |x, y| x != y)
}

/// `i64x2.lt_s`
pub fn i64x2_lt_s(a: u128, b: u128) -> u128 {
    cmp_u64(a, b, |x, y| (x as i64) < (y as i64))
}

/// `i64x2.gt_s`
pub fn i64x2_gt_s(a: u128, b: u128) -> u128 {
    cmp_u64(a, b, |x, y| (x as i64) > (y as i64))
}

/// `i64x2.le_s`
pub fn i64x2_le_s(a: u128, b: u128) -> u128 {
    cmp_u64(a, b, |x, y| (x as i64) <= (y as i64))
}

/// `i64x2.ge_s`
pub fn i64x2_ge_s(a: u128, b: u128) -> u128 {
    cmp_u64(a, b, |x, y| (x as i64) >= (y as i64))
}

/// `f32x4.eq` (false when either lane is NaN)
pub fn f32x4_eq(a: u128, b: u128) -> u128 {
    cmp_f32(a, b, |x, y| x == y)
}

/// `f32x4.ne` (true when either lane is NaN)
pub fn f32x4_ne(a: u128, b: u128) -> u128 {
    cmp_f32(a, b, |x, y| x != y)
}

/// `f32x4.lt`
pub fn f32x4_lt(a: u128, b: u128) -> u128 {
    cmp_f32(a, b, |x, y| x < y)
}

/// `f32x4.gt`
pub fn f32x4_gt(a: u128, b: u128) -> u128 {
    cmp_f32(a, b, |x, y| x > y)
}

/// `f32x4.le`
pub fn f32x4_le(a: u128, b: u128) -> u128 {
    cmp_f32(a, b, |x, y| x <= y)
}

/// `f32x4.ge`
pub fn f32x4_ge(a: u128, b: u128) -> u128 {
    cmp_f32(a, b, |x, y| x >= y)
}

/// `f64x2.eq` (false when either lane is NaN)
pub fn f64x2_eq(a: u128, b: u128) -> u128 {
    cmp_f64(a, b, |x, y| x == y)
}

/// `f64x2.ne` (true when either lane is NaN)
pub fn f64x2_ne(a: u128, b: u128) -> u128 {
    cmp_f64(a, b, |x, y| x != y)
}

/// `f64x2.lt`
pub fn f64x2_lt(a: u128, b: u128) -> u128 {
    cmp_f64(a, b, |x, y| x < y)
}

/// `f64x2.gt`
pub fn f64x2_gt(a: u128, b: u128) -> u128 {
    cmp_f64(a, b, |x, y| x > y)
}

/// `f64x2.le`
pub fn f64x2_le(a: u128, b: u128) -> u128 {
    cmp_f64(a, b, |x, y| x <= y)
}

/// `f64x2.ge`
pub fn f64x2_ge(a: u128, b: u128) -> u128 {
    cmp_f64(a, b, |x, y| x >= y)
}

// ---------------------------------------------------------------------------
// Bitwise operations and tests
// ---------------------------------------------------------------------------

/// `v128.not`
pub fn v128_not(a: u128) -> u128 {
    !a
}

/// `v128.and`
pub fn v128_and(a: u128, b: u128) -> u128 {
    a & b
}

/// `v128.andnot`: `a & !b`.
pub fn v128_andnot(a: u128, b: u128) -> u128 {
    a & !b
}

/// `v128.or`
pub fn v128_or(a: u128, b: u128) -> u128 {
    a | b
}

/// `v128.xor`
pub fn v128_xor(a: u128, b: u128) -> u128 {
    a ^ b
}

/// `v128.bitselect`: bits of `a` where `c` is 1, bits of `b` where `c` is 0.
pub fn v128_bitselect(a: u128, b: u128, c: u128) -> u128 {
    (a & c) | (b & !c)
}

/// `v128.any_true`: 1 if any bit is set.
pub fn v128_any_true(a: u128) -> u64 {
    bool_slot(a != 0)
}

/// `i8x16.all_true`: 1 if every lane is non-zero.
pub fn i8x16_all_true(a: u128) -> u64 {
    bool_slot(to_u8x16(a).iter().all(|&x| x != 0))
}

/// `i16x8.all_true`: 1 if every lane is non-zero.
pub fn i16x8_all_true(a: u128) -> u64 {
    bool_slot(to_u16x8(a).iter().all(|&x| x != 0))
}

/// `i32x4.all_true`: 1 if every lane is non-zero.
pub fn i32x4_all_true(a: u128) -> u64 {
    bool_slot(to_u32x4(a).iter().all(|&x| x != 0))
}

/// `i64x2.all_true`: 1 if every lane is non-zero.
pub fn i64x2_all_true(a: u128) -> u64 {
    bool_slot(to_u64x2(a).iter().all(|&x| x != 0))
}

/// `i8x16.bitmask`: bit `i` of the result is the top bit of lane `i`.
pub fn i8x16_bitmask(a: u128) -> u64 {
    to_u8x16(a)
        .iter()
        .enumerate()
        .fold(0, |acc, (i, &x)| acc | (u64::from(x >> 7) << i))
}

/// `i16x8.bitmask`: bit `i` of the result is the top bit of lane `i`.
pub fn i16x8_bitmask(a: u128) -> u64 {
    to_u16x8(a)
        .iter()
        .enumerate()
        .fold(0, |acc, (i, &x)| acc | (u64::from(x >> 15) << i))
}

/// `i32x4.bitmask`: bit `i` of the result is the top bit of lane `i`.
pub fn i32x4_bitmask(a: u128) -> u64 {
    to_u32x4(a)
        .iter()
        .enumerate()
        .fold(0, |acc, (i, &x)| acc | (u64::from(x >> 31) << i))
}

/// `i64x2.bitmask`: bit `i` of the result is the top bit of lane `i`.
pub fn i64x2_bitmask(a: u128) -> u64 {
    to_u64x2(a)
        .iter()
        .enumerate()
        .fold(0, |acc, (i, &x)| acc | ((x >> 63) << i))
}

// ---------------------------------------------------------------------------
// i8x16 arithmetic
// ---------------------------------------------------------------------------

/// `i8x16.abs` (wrapping: `abs(-128) = -128`)
pub fn i8x16_abs(a: u128) -> u128 {
    map_u8(a, |x| (x as i8).wrapping_abs() as u8)
}

/// `i8x16.neg` (wrapping)
pub fn i8x16_neg(a: u128) -> u128 {
    map_u8(a, u8::wrapping_neg)
}

/// `i8x16.popcnt`: number of set bits in each lane.
pub fn i8x16_popcnt(a: u128) -> u128 {
    map_u8(a, |x| x.count_ones() as u8)
}

/// `i8x16.narrow_i16x8_s`: signed 16-bit lanes of `a` then `b`, saturated to signed 8 bits.
pub fn i8x16_narrow_i16x8_s(a: u128, b: u128) -> u128 {
    let (a, b) = (to_u16x8(a), to_u16x8(b));
    from_u8x16(from_fn(|i| {
        let x = if i < 8 { a[i] } else { b[i - 8] } as i16;
        x.clamp(i16::from(i8::MIN), i16::from(i8::MAX)) as u8
    }))
}

/// `i8x16.narrow_i16x8_u`: signed 16-bit lanes of `a` then `b`, saturated to unsigned 8 bits.
pub fn i8x16_narrow_i16x8_u(a: u128, b: u128) -> u128 {
    let (a, b) = (to_u16x8(a), to_u16x8(b));
    from_u8x16(from_fn(|i| {
        let x = if i < 8 { a[i] } else { b[i - 8] } as i16;
        x.clamp(0, i16::from(u8::MAX)) as u8
    }))
}

/// `i8x16.shl`: shift left by the count modulo 8.
pub fn i8x16_shl(a: u128, count: u64) -> u128 {
    let n = shift_amount(count, 8);
    map_u8(a, |x| x << n)
}

/// `i8x16.shr_s`: arithmetic shift right by the count modulo 8.
pub fn i8x16_shr_s(a: u128, count: u64) -> u128 {
    let n = shift_amount(count, 8);
    map_u8(a, |x| ((x as i8) >> n) as u8)
}

/// `i8x16.shr_u`: logical shift right by the count modulo 8.
pub fn i8x16_shr_u(a: u128, count: u64) -> u128 {
    let n = shift_amount(count, 8);
    map_u8(a, |x| x >> n)
}

/// `i8x16.add` (wrapping)
pub fn i8x16_add(a: u128, b: u128) -> u128 {
    zip_u8(a, b, u8::wrapping_add)
}

/// `i8x16.add_sat_s`
pub fn i8x16_add_sat_s(a: u128, b: u128) -> u128 {
    zip_u8(a, b, |x, y| (x as i8).saturating_add(y as i8) as u8)
}

/// `i8x16.add_sat_u`
pub fn i8x16_add_sat_u(a: u128, b: u128) -> u128 {
    zip_u8(a, b, u8::saturating_add)
}

/// `i8x16.sub` (wrapping)
pub fn i8x16_sub(a: u128, b: u128) -> u128 {
    zip_u8(a, b, u8::wrapping_sub)
}

/// `i8x16.sub_sat_s`
pub fn i8x16_sub_sat_s(a: u128, b: u128) -> u128 {
    zip_u8(a, b, |x, y| (x as i8).saturating_sub(y as i8) as u8)
}

/// `i8x16.sub_sat_u`
pub fn i8x16_sub_sat_u(a: u128, b: u128) -> u128 {
    zip_u8(a, b, u8::saturating_sub)
}

/// `i8x16.min_s`
pub fn i8x16_min_s(a: u128, b: u128) -> u128 {
    zip_u8(a, b, |x, y| (x as i8).min(y as i8) as u8)
}

/// `i8x16.min_u`
pub fn i8x16_min_u(a: u128, b: u128) -> u128 {
    zip_u8(a, b, u8::min)
}

/// `i8x16.max_s`
pub fn i8x16_max_s(a: u128, b: u128) -> u128 {
    zip_u8(a, b, |x, y| (x as i8).max(y as i8) as u8)
}

/// `i8x16.max_u`
pub fn i8x16_max_u(a: u128, b: u128) -> u128 {
    zip_u8(a, b, u8::max)
}

/// `i8x16.avgr_u`: `(a + b + 1) / 2` without overflow.
pub fn i8x16_avgr_u(a: u128, b: u128) -> u128 {
    zip_u8(a, b, |x, y| ((u16::from(x) + u16::from(y) + 1) >> 1) as u8)
}

// ---------------------------------------------------------------------------
// i16x8 arithmetic
// ---------------------------------------------------------------------------

/// `i16x8.extadd_pairwise_i8x16_s`: sum of each pair of sign-extended 8-bit lanes.
pub fn i16x8_extadd_pairwise_i8x16_s(a: u128) -> u128 {
    let a = to_u8x16(a);
    from_u16x8(from_fn(|i| {
        (i16::from(a[2 * i] as i8) + i16::from(a[2 * i + 1] as i8)) as u16
    }))
}

/// `i16x8.extadd_pairwise_i8x16_u`: sum of each pair of zero-extended 8-bit lanes.
pub fn i16x8_extadd_pairwise_i8x16_u(a: u128) -> u128 {
    let a = to_u8x16(a);
    from_u16x8(from_fn(|i| u16::from(a[2 * i]) + u16::from(a[2 * i + 1])))
}

/// `i16x8.abs` (wrapping: `abs(-32768) = -32768`)
pub fn i16x8_abs(a: u128) -> u128 {
    map_u16(a, |x| (x as i16).wrapping_abs() as u16)
}

/// `i16x8.neg` (wrapping)
pub fn i16x8_neg(a: u128) -> u128 {
    map_u16(a, u16::wrapping_neg)
}

/// Q15 rounding multiply with saturation: `sat_i16((a * b + 0x4000) >> 15)`.
#[inline(always)]
fn q15mulr_sat(x: u16, y: u16) -> u16 {
    let p = (i32::from(x as i16) * i32::from(y as i16) + 0x4000) >> 15;
    p.clamp(i32::from(i16::MIN), i32::from(i16::MAX)) as u16
}

/// `i16x8.q15mulr_sat_s`: `(a * b + 0x4000) >> 15`, saturated to signed 16 bits.
pub fn i16x8_q15mulr_sat_s(a: u128, b: u128) -> u128 {
    zip_u16(a, b, q15mulr_sat)
}

/// `i16x8.narrow_i32x4_s`: signed 32-bit lanes of `a` then `b`, saturated to signed 16 bits.
pub fn i16x8_narrow_i32x4_s(a: u128, b: u128) -> u128 {
    let (a, b) = (to_u32x4(a), to_u32x4(b));
    from_u16x8(from_fn(|i| {
        let x = if i < 4 { a[i] } else { b[i - 4] } as i32;
        x.clamp(i32::from(i16::MIN), i32::from(i16::MAX)) as u16
    }))
}

/// `i16x8.narrow_i32x4_u`: signed 32-bit lanes of `a` then `b`, saturated to unsigned 16 bits.
pub fn i16x8_narrow_i32x4_u(a: u128, b: u128) -> u128 {
    let (a, b) = (to_u32x4(a), to_u32x4(b));
    from_u16x8(from_fn(|i| {
        let x = if i < 4 { a[i] } else { b[i - 4] } as i32;
        x.clamp(0, i32::from(u16::MAX)) as u16
    }))
}

/// `i16x8.extend_low_i8x16_s`: sign-extend 8-bit lanes 0..8.
pub fn i16x8_extend_low_i8x16_s(a: u128) -> u128 {
    let a = to_u8x16(a);
    from_u16x8(from_fn(|i| i16::from(a[i] as i8) as u16))
}

/// `i16x8.extend_high_i8x16_s`: sign-extend 8-bit lanes 8..16.
pub fn i16x8_extend_high_i8x16_s(a: u128) -> u128 {
    let a = to_u8x16(a);
    from_u16x8(from_fn(|i| i16::from(a[i + 8] as i8) as u16))
}

/// `i16x8.extend_low_i8x16_u`: zero-extend 8-bit lanes 0..8.
pub fn i16x8_extend_low_i8x16_u(a: u128) -> u128 {
    let a = to_u8x16(a);
    from_u16x8(from_fn(|i| u16::from(a[i])))
}

/// `i16x8.extend_high_i8x16_u`: zero-extend 8-bit lanes 8..16.
pub fn i16x8_extend_high_i8x16_u(a: u128) -> u128 {
    let a = to_u8x16(a);
    from_u16x8(from_fn(|i| u16::from(a[i + 8])))
}

/// `i16x8.shl`: shift left by the count modulo 16.
pub fn i16x8_shl(a: u128, count: u64) -> u128 {
    let n = shift_amount(count, 16);
    map_u16(a, |x| x << n)
}

/// `i16x8.shr_s`: arithmetic shift right by the count modulo 16.
pub fn i16x8_shr_s(a: u128, count: u64) -> u128 {
    let n = shift_amount(count, 16);
    map_u16(a, |x| ((x as i16) >> n) as u16)
}

/// `i16x8.shr_u`: logical shift right by the count modulo 16.
pub fn i16x8_shr_u(a: u128, count: u64) -> u128 {
    let n = shift_amount(count, 16);
    map_u16(a, |x| x >> n)
}

/// `i16x8.add` (wrapping)
pub fn i16x8_add(a: u128, b: u128) -> u128 {
    zip_u16(a, b, u16::wrapping_add)
}

/// `i16x8.add_sat_s`
pub fn i16x8_add_sat_s(a: u128, b: u128) -> u128 {
    zip_u16(a, b, |x, y| (x as i16).saturating_add(y as i16) as u16)
}

/// `i16x8.add_sat_u`
pub fn i16x8_add_sat_u(a: u128, b: u128) -> u128 {
    zip_u16(a, b, u16::saturating_add)
}

/// `i16x8.sub` (wrapping)
pub fn i16x8_sub(a: u128, b: u128) -> u128 {
    zip_u16(a, b, u16::wrapping_sub)
}

/// `i16x8.sub_sat_s`
pub fn i16x8_sub_sat_s(a: u128, b: u128) -> u128 {
    zip_u16(a, b, |x, y| (x as i16).saturating_sub(y as i16) as u16)
}

/// `i16x8.sub_sat_u`
pub fn i16x8_sub_sat_u(a: u128, b: u128) -> u128 {
    zip_u16(a, b, u16::saturating_sub)
}

/// `i16x8.mul` (wrapping)
pub fn i16x8_mul(a: u128, b: u128) -> u128 {
    zip_u16(a, b, u16::wrapping_mul)
}

/// `i16x8.min_s`
pub fn i16x8_min_s(a: u128, b: u128) -> u128 {
    zip_u16(a, b, |x, y| (x as i16).min(y as i16) as u16)
}

/// `i16x8.min_u`
pub fn i16x8_min_u(a: u128, b: u128) -> u128 {
    zip_u16(a, b, u16::min)
}

/// `i16x8.max_s`
pub fn i16x8_max_s(a: u128, b: u128) -> u128 {
    zip_u16(a, b, |x, y| (x as i16).max(y as i16) as u16)
}

/// `i16x8.max_u`
pub fn i16x8_max_u(a: u128, b: u128) -> u128 {
    zip_u16(a, b, u16::max)
}

/// `i16x8.avgr_u`: `(a + b + 1) / 2` without overflow.
pub fn i16x8_avgr_u(a: u128, b: u128) -> u128 {
    zip_u16(a, b, |x, y| ((u32::from(x) + u32::from(y) + 1) >> 1) as u16)
}

/// `i16x8.extmul_low_i8x16_s`: products of sign-extended 8-bit lanes 0..8.
pub fn i16x8_extmul_low_i8x16_s(a: u128, b: u128) -> u128 {
    let (a, b) = (to_u8x16(a), to_u8x16(b));
    from_u16x8(from_fn(|i| {
        (i16::from(a[i] as i8) * i16::from(b[i] as i8)) as u16
    }))
}

/// `i16x8.extmul_high_i8x16_s`: products of sign-extended 8-bit lanes 8..16.
pub fn i16x8_extmul_high_i8x16_s(a: u128, b: u128) -> u128 {
    let (a, b) = (to_u8x16(a), to_u8x16(b));
    from_u16x8(from_fn(|i| {
        (i16::from(a[i + 8] as i8) * i16::from(b[i + 8] as i8)) as u16
    }))
}

/// `i16x8.extmul_low_i8x16_u`: products of zero-extended 8-bit lanes 0..8.
pub fn i16x8_extmul_low_i8x16_u(a: u128, b: u128) -> u128 {
    let (a, b) = (to_u8x16(a), to_u8x16(b));
    from_u16x8(from_fn(|i| u16::from(a[i]) * u16::from(b[i])))
}

/// `i16x8.extmul_high_i8x16_u`: products of zero-extended 8-bit lanes 8..16.
pub fn i16x8_extmul_high_i8x16_u(a: u128, b: u128) -> u128 {
    let (a, b) = (to_u8x16(a), to_u8x16(b));
    from_u16x8(from_fn(|i| u16::from(a[i + 8]) * u16::from(b[i + 8])))
}

// ---------------------------------------------------------------------------
// i32x4 arithmetic
// ---------------------------------------------------------------------------

/// `i32x4.extadd_pairwise_i16x8_s`: sum of each pair of sign-extended 16-bit lanes.
pub fn i32x4_extadd_pairwise_i16x8_s(a: u128) -> u128 {
    let a = to_u16x8(a);
    from_u32x4(from_fn(|i| {
        (i32::from(a[2 * i] as i16) + i32::from(a[2 * i + 1] as i16)) as u32
    }))
}

/// `i32x4.extadd_pairwise_i16x8_u`: sum of each pair of zero-extended 16-bit lanes.
pub fn i32x4_extadd_pairwise_i16x8_u(a: u128) -> u128 {
    let a = to_u16x8(a);
    from_u32x4(from_fn(|i| u32::from(a[2 * i]) + u32::from(a[2 * i + 1])))
}

/// `i32x4.abs` (wrapping: `abs(i32::MIN) = i32::MIN`)
pub fn i32x4_abs(a: u128) -> u128 {
    map_u32(a, |x| (x as i32).wrapping_abs() as u32)
}

/// `i32x4.neg` (wrapping)
pub fn i32x4_neg(a: u128) -> u128 {
    map_u32(a, u32::wrapping_neg)
}

/// `i32x4.extend_low_i16x8_s`: sign-extend 16-bit lanes 0..4.
pub fn i32x4_extend_low_i16x8_s(a: u128) -> u128 {
    let a = to_u16x8(a);
    from_u32x4(from_fn(|i| i32::from(a[i] as i16) as u32))
}

/// `i32x4.extend_high_i16x8_s`: sign-extend 16-bit lanes 4..8.
pub fn i32x4_extend_high_i16x8_s(a: u128) -> u128 {
    let a = to_u16x8(a);
    from_u32x4(from_fn(|i| i32::from(a[i + 4] as i16) as u32))
}

/// `i32x4.extend_low_i16x8_u`: zero-extend 16-bit lanes 0..4.
pub fn i32x4_extend_low_i16x8_u(a: u128) -> u128 {
    let a = to_u16x8(a);
    from_u32x4(from_fn(|i| u32::from(a[i])))
}

/// `i32x4.extend_high_i16x8_u`: zero-extend 16-bit lanes 4..8.
pub fn i32x4_extend_high_i16x8_u(a: u128) -> u128 {
    let a = to_u16x8(a);
    from_u32x4(from_fn(|i| u32::from(a[i + 4])))
}

/// `i32x4.shl`: shift left by the count modulo 32.
pub fn i32x4_shl(a: u128, count: u64) -> u128 {
    let n = shift_amount(count, 32);
    map_u32(a, |x| x << n)
}

/// `i32x4.shr_s`: arithmetic shift right by the count modulo 32.
pub fn i32x4_shr_s(a: u128, count: u64) -> u128 {
    let n = shift_amount(count, 32);
    map_u32(a, |x| ((x as i32) >> n) as u32)
}

/// `i32x4.shr_u`: logical shift right by the count modulo 32.
pub fn i32x4_shr_u(a: u128, count: u64) -> u128 {
    let n = shift_amount(count, 32);
    map_u32(a, |x| x >> n)
}

/// `i32x4.add` (wrapping)
pub fn i32x4_add(a: u128, b: u128) -> u128 {
    zip_u32(a, b, u32::wrapping_add)
}

/// `i32x4.sub` (wrapping)
pub fn i32x4_sub(a: u128, b: u128) -> u128 {
    zip_u32(a, b, u32::wrapping_sub)
}

/// `i32x4.mul` (wrapping)
pub fn i32x4_mul(a: u128, b: u128) -> u128 {
    zip_u32(a, b, u32::wrapping_mul)
}

/// `i32x4.min_s`
pub fn i32x4_min_s(a: u128, b: u128) -> u128 {
    zip_u32(a, b, |x, y| (x as i32).min(y as i32) as u32)
}

/// `i32x4.min_u`
pub fn i32x4_min_u(a: u128, b: u128) -> u128 {
    zip_u32(a, b, u32::min)
}

/// `i32x4.max_s`
pub fn i32x4_max_s(a: u128, b: u128) -> u128 {
    zip_u32(a, b, |x, y| (x as i32).max(y as i32) as u32)
}

/// `i32x4.max_u`
pub fn i32x4_max_u(a: u128, b: u128) -> u128 {
    zip_u32(a, b, u32::max)
}

/// `i32x4.dot_i16x8_s`: wrapping sum of the two products of each pair of signed 16-bit lanes.
pub fn i32x4_dot_i16x8_s(a: u128, b: u128) -> u128 {
    let (a, b) = (to_u16x8(a), to_u16x8(b));
    from_u32x4(from_fn(|i| {
        let p0 = i32::from(a[2 * i] as i16) * i32::from(b[2 * i] as i16);
        let p1 = i32::from(a[2 * i + 1] as i16) * i32::from(b[2 * i + 1] as i16);
        p0.wrapping_add(p1) as u32
    }))
}

/// `i32x4.extmul_low_i16x8_s`: products of sign-extended 16-bit lanes 0..4.
pub fn i32x4_extmul_low_i16x8_s(a: u128, b: u128) -> u128 {
    let (a, b) = (to_u16x8(a), to_u16x8(b));
    from_u32x4(from_fn(|i| {
        (i32::from(a[i] as i16) * i32::from(b[i] as i16)) as u32
    }))
}

/// `i32x4.extmul_high_i16x8_s`: products of sign-extended 16-bit lanes 4..8.
pub fn i32x4_extmul_high_i16x8_s(a: u128, b: u128) -> u128 {
    let (a, b) = (to_u16x8(a), to_u16x8(b));
    from_u32x4(from_fn(|i| {
        (i32::from(a[i + 4] as i16) * i32::from(b[i + 4] as i16)) as u32
    }))
}

/// `i32x4.extmul_low_i16x8_u`: products of zero-extended 16-bit lanes 0..4.
pub fn i32x4_extmul_low_i16x8_u(a: u128, b: u128) -> u128 {
    let (a, b) = (to_u16x8(a), to_u16x8(b));
    from_u32x4(from_fn(|i| u32::from(a[i]) * u32::from(b[i])))
}

/// `i32x4.extmul_high_i16x8_u`: products of zero-extended 16-bit lanes 4..8.
pub fn i32x4_extmul_high_i16x8_u(a: u128, b: u128) -> u128 {
    let (a, b) = (to_u16x8(a), to_u16x8(b));
    from_u32x4(from_fn(|i| u32::from(a[i + 4]) * u32::from(b[i + 4])))
}

// ---------------------------------------------------------------------------
// i64x2 arithmetic
// ---------------------------------------------------------------------------

/// `i64x2.abs` (wrapping: `abs(i64::MIN) = i64::MIN`)
pub fn i64x2_abs(a: u128) -> u128 {
    map_u64(a, |x| (x as i64).wrapping_abs() as u64)
}

/// `i64x2.neg` (wrapping)
pub fn i64x2_neg(a: u128) -> u128 {
    map_u64(a, u64::wrapping_neg)
}

/// `i64x2.extend_low_i32x4_s`: sign-extend 32-bit lanes 0 and 1.
pub fn i64x2_extend_low_i32x4_s(a: u128) -> u128 {
    let a = to_u32x4(a);
    from_u64x2(from_fn(|i| i64::from(a[i] as i32) as u64))
}

/// `i64x2.extend_high_i32x4_s`: sign-extend 32-bit lanes 2 and 3.
pub fn i64x2_extend_high_i32x4_s(a: u128) -> u128 {
    let a = to_u32x4(a);
    from_u64x2(from_fn(|i| i64::from(a[i + 2] as i32) as u64))
}

/// `i64x2.extend_low_i32x4_u`: zero-extend 32-bit lanes 0 and 1.
pub fn i64x2_extend_low_i32x4_u(a: u128) -> u128 {
    let a = to_u32x4(a);
    from_u64x2(from_fn(|i| u64::from(a[i])))
}

/// `i64x2.extend_high_i32x4_u`: zero-extend 32-bit lanes 2 and 3.
pub fn i64x2_extend_high_i32x4_u(a: u128) -> u128 {
    let a = to_u32x4(a);
    from_u64x2(from_fn(|i| u64::from(a[i + 2])))
}

/// `i64x2.shl`: shift left by the count modulo 64.
pub fn i64x2_shl(a: u128, count: u64) -> u128 {
    let n = shift_amount(count, 64);
    map_u64(a, |x| x << n)
}

/// `i64x2.shr_s`: arithmetic shift right by the count modulo 64.
pub fn i64x2_shr_s(a: u128, count: u64) -> u128 {
    let n = shift_amount(count, 64);
    map_u64(a, |x| ((x as i64) >> n) as u64)
}

/// `i64x2.shr_u`: logical shift right by the count modulo 64.
pub fn i64x2_shr_u(a: u128, count: u64) -> u128 {
    let n = shift_amount(count, 64);
    map_u64(a, |x| x >> n)
}

/// `i64x2.add` (wrapping)
pub fn i64x2_add(a: u128, b: u128) -> u128 {
    zip_u64(a, b, u64::wrapping_add)
}

/// `i64x2.sub` (wrapping)
pub fn i64x2_sub(a: u128, b: u128) -> u128 {
    zip_u64(a, b, u64::wrapping_sub)
}

/// `i64x2.mul` (wrapping)
pub fn i64x2_mul(a: u128, b: u128) -> u128 {
    zip_u64(a, b, u64::wrapping_mul)
}

/// `i64x2.extmul_low_i32x4_s`: products of sign-extended 32-bit lanes 0 and 1.
pub fn i64x2_extmul_low_i32x4_s(a: u128, b: u128) -> u128 {
    let (a, b) = (to_u32x4(a), to_u32x4(b));
    from_u64x2(from_fn(|i| {
        (i64::from(a[i] as i32) * i64::from(b[i] as i32)) as u64
    }))
}

/// `i64x2.extmul_high_i32x4_s`: products of sign-extended 32-bit lanes 2 and 3.
pub fn i64x2_extmul_high_i32x4_s(a: u128, b: u128) -> u128 {
    let (a, b) = (to_u32x4(a), to_u32x4(b));
    from_u64x2(from_fn(|i| {
        (i64::from(a[i + 2] as i32) * i64::from(b[i + 2] as i32)) as u64
    }))
}

/// `i64x2.extmul_low_i32x4_u`: products of zero-extended 32-bit lanes 0 and 1.
pub fn i64x2_extmul_low_i32x4_u(a: u128, b: u128) -> u128 {
    let (a, b) = (to_u32x4(a), to_u32x4(b));
    from_u64x2(from_fn(|i| u64::from(a[i]) * u64::from(b[i])))
}

/// `i64x2.extmul_high_i32x4_u`: products of zero-extended 32-bit lanes 2 and 3.
pub fn i64x2_extmul_high_i32x4_u(a: u128, b: u128) -> u128 {
    let (a, b) = (to_u32x4(a), to_u32x4(b));
    from_u64x2(from_fn(|i| u64::from(a[i + 2]) * u64::from(b[i + 2])))
}

// ---------------------------------------------------------------------------
// f32x4 arithmetic
// ---------------------------------------------------------------------------

/// `f32x4.ceil` (keeps the sign of zero; NaN stays NaN)
pub fn f32x4_ceil(a: u128) -> u128 {
    map_f32(a, |x| round_f32(x, f32::ceil))
}

/// `f32x4.floor` (keeps the sign of zero; NaN stays NaN)
pub fn f32x4_floor(a: u128) -> u128 {
    map_f32(a, |x| round_f32(x, f32::floor))
}

/// `f32x4.trunc` (keeps the sign of zero; NaN stays NaN)
pub fn f32x4_trunc(a: u128) -> u128 {
    map_f32(a, |x| round_f32(x, f32::trunc))
}

/// `f32x4.nearest`: round half to even (keeps the sign of zero; NaN stays NaN).
pub fn f32x4_nearest(a: u128) -> u128 {
    map_f32(a, |x| round_f32(x, f32::round_ties_even))
}

/// `f32x4.abs`: clear the sign bit (NaNs included).
pub fn f32x4_abs(a: u128) -> u128 {
    map_u32(a, |x| x & 0x7fff_ffff)
}

/// `f32x4.neg`: flip the sign bit (NaNs included).
pub fn f32x4_neg(a: u128) -> u128 {
    map_u32(a, |x| x ^ 0x8000_0000)
}

/// `f32x4.sqrt`
pub fn f32x4_sqrt(a: u128) -> u128 {
    map_f32(a, f32::sqrt)
}

/// `f32x4.add`
pub fn f32x4_add(a: u128, b: u128) -> u128 {
    zip_f32(a, b, |x, y| x + y)
}

/// `f32x4.sub`
pub fn f32x4_sub(a: u128, b: u128) -> u128 {
    zip_f32(a, b, |x, y| x - y)
}

/// `f32x4.mul`
pub fn f32x4_mul(a: u128, b: u128) -> u128 {
    zip_f32(a, b, |x, y| x * y)
}

/// `f32x4.div`
pub fn f32x4_div(a: u128, b: u128) -> u128 {
    zip_f32(a, b, |x, y| x / y)
}

/// `f32x4.min`: NaN if either lane is NaN, `min(-0, +0) = -0`.
pub fn f32x4_min(a: u128, b: u128) -> u128 {
    zip_f32(a, b, fmin_f32)
}

/// `f32x4.max`: NaN if either lane is NaN, `max(-0, +0) = +0`.
pub fn f32x4_max(a: u128, b: u128) -> u128 {
    zip_f32(a, b, fmax_f32)
}

/// `f32x4.pmin`: `if b < a { b } else { a }`, returning the chosen lane's bits.
pub fn f32x4_pmin(a: u128, b: u128) -> u128 {
    zip_f32(a, b, |x, y| if y < x { y } else { x })
}

/// `f32x4.pmax`: `if a < b { b } else { a }`, returning the chosen lane's bits.
pub fn f32x4_pmax(a: u128, b: u128) -> u128 {
    zip_f32(a, b, |x, y| if x < y { y } else { x })
}

// ---------------------------------------------------------------------------
// f64x2 arithmetic
// ---------------------------------------------------------------------------

/// `f64x2.ceil` (keeps the sign of zero; NaN stays NaN)
pub fn f64x2_ceil(a: u128) -> u128 {
    map_f64(a, |x| round_f64(x, f64::ceil))
}

/// `f64x2.floor` (keeps the sign of zero; NaN stays NaN)
pub fn f64x2_floor(a: u128) -> u128 {
    map_f64(a, |x| round_f64(x, f64::floor))
}

/// `f64x2.trunc` (keeps the sign of zero; NaN stays NaN)
pub fn f64x2_trunc(a: u128) -> u128 {
    map_f64(a, |x| round_f64(x, f64::trunc))
}

/// `f64x2.nearest`: round half to even (keeps the sign of zero; NaN stays NaN).
pub fn f64x2_nearest(a: u128) -> u128 {
    map_f64(a, |x| round_f64(x, f64::round_ties_even))
}

/// `f64x2.abs`: clear the sign bit (NaNs included).
pub fn f64x2_abs(a: u128) -> u128 {
    map_u64(a, |x| x & 0x7fff_ffff_ffff_ffff)
}

/// `f64x2.neg`: flip the sign bit (NaNs included).
pub fn f64x2_neg(a: u128) -> u128 {
    map_u64(a, |x| x ^ 0x8000_0000_0000_0000)
}

/// `f64x2.sqrt`
pub fn f64x2_sqrt(a: u128) -> u128 {
    map_f64(a, f64::sqrt)
}

/// `f64x2.add`
pub fn f64x2_add(a: u128, b: u128) -> u128 {
    zip_f64(a, b, |x, y| x + y)
}

/// `f64x2.sub`
pub fn f64x2_sub(a: u128, b: u128) -> u128 {
    zip_f64(a, b, |x, y| x - y)
}

/// `f64x2.mul`
pub fn f64x2_mul(a: u128, b: u128) -> u128 {
    zip_f64(a, b, |x, y| x * y)
}

/// `f64x2.div`
pub fn f64x2_div(a: u128, b: u128) -> u128 {
    zip_f64(a, b, |x, y| x / y)
}

/// `f64x2.min`: NaN if either lane is NaN, `min(-0, +0) = -0`.
pub fn f64x2_min(a: u128, b: u128) -> u128 {
    zip_f64(a, b, fmin_f64)
}

/// `f64x2.max`: NaN if either lane is NaN, `max(-0, +0) = +0`.
pub fn f64x2_max(a: u128, b: u128) -> u128 {
    zip_f64(a, b, fmax_f64)
}

/// `f64x2.pmin`: `if b < a { b } else { a }`, returning the chosen lane's bits.
pub fn f64x2_pmin(a: u128, b: u128) -> u128 {
    zip_f64(a, b, |x, y| if y < x { y } else { x })
}

/// `f64x2.pmax`: `if a < b { b } else { a }`, returning the chosen lane's bits.
pub fn f64x2_pmax(a: u128, b: u128) -> u128 {
    zip_f64(a, b, |x, y| if x < y { y } else { x })
}

// ---------------------------------------------------------------------------
// Conversions
// ---------------------------------------------------------------------------

/// `i32x4.trunc_sat_f32x4_s`: truncate, NaN to 0, saturate out-of-range values.
pub fn i32x4_trunc_sat_f32x4_s(a: u128) -> u128 {
    // Rust's float-to-int `as` is exactly Wasm's saturating truncation.
    map_u32(a, |x| f32::from_bits(x) as i32 as u32)
}

/// `i32x4.trunc_sat_f32x4_u`: truncate, NaN and negatives to 0, saturate at `u32::MAX`.
pub fn i32x4_trunc_sat_f32x4_u(a: u128) -> u128 {
    map_u32(a, |x| f32::from_bits(x) as u32)
}

/// `f32x4.convert_i32x4_s`: signed lanes to f32, round to nearest even.
pub fn f32x4_convert_i32x4_s(a: u128) -> u128 {
    map_u32(a, |x| (x as i32 as f32).to_bits())
}

/// `f32x4.convert_i32x4_u`: unsigned lanes to f32, round to nearest even.
pub fn f32x4_convert_i32x4_u(a: u128) -> u128 {
    map_u32(a, |x| (x as f32).to_bits())
}

/// `i32x4.trunc_sat_f64x2_s_zero`: both f64 lanes truncated with signed saturation into lanes 0 and 1; lanes 2 and 3 are 0.
pub fn i32x4_trunc_sat_f64x2_s_zero(a: u128) -> u128 {
    let a = to_u64x2(a);
    from_u32x4([
        f64::from_bits(a[0]) as i32 as u32,
        f64::from_bits(a[1]) as i32 as u32,
        0,
        0,
    ])
}

/// `i32x4.trunc_sat_f64x2_u_zero`: both f64 lanes truncated with unsigned saturation into lanes 0 and 1; lanes 2 and 3 are 0.
pub fn i32x4_trunc_sat_f64x2_u_zero(a: u128) -> u128 {
    let a = to_u64x2(a);
    from_u32x4([
        f64::from_bits(a[0]) as u32,
        f64::from_bits(a[1]) as u32,
        0,
        0,
    ])
}

/// `f64x2.convert_low_i32x4_s`: signed 32-bit lanes 0 and 1 to f64 (exact).
pub fn f64x2_convert_low_i32x4_s(a: u128) -> u128 {
    let a = to_u32x4(a);
    from_u64x2(from_fn(|i| f64::from(a[i] as i32).to_bits()))
}

/// `f64x2.convert_low_i32x4_u`: unsigned 32-bit lanes 0 and 1 to f64 (exact).
pub fn f64x2_convert_low_i32x4_u(a: u128) -> u128 {
    let a = to_u32x4(a);
    from_u64x2(from_fn(|i| f64::from(a[i]).to_bits()))
}

/// `f32x4.demote_f64x2_zero`: both f64 lanes rounded to f32 in lanes 0 and 1; lanes 2 and 3 are +0.
pub fn f32x4_demote_f64x2_zero(a: u128) -> u128 {
    let a = to_u64x2(a);
    from_u32x4([
        demote(f64::from_bits(a[0])).to_bits(),
        demote(f64::from_bits(a[1])).to_bits(),
        0,
        0,
    ])
}

/// `f64x2.promote_low_f32x4`: f32 lanes 0 and 1 widened to f64 (exact).
pub fn f64x2_promote_low_f32x4(a: u128) -> u128 {
    let a = to_u32x4(a);
    from_u64x2(from_fn(|i| promote(f32::from_bits(a[i])).to_bits()))
}

// ---------------------------------------------------------------------------
// Relaxed SIMD (see the table in the module documentation)
// ---------------------------------------------------------------------------

/// `i8x16.relaxed_swizzle`, as x86 `pshufb`: an index with its top bit set
/// gives 0, any other selects lane `index & 15` of `a`.
pub fn i8x16_relaxed_swizzle(a: u128, b: u128) -> u128 {
    let (a, b) = (to_u8x16(a), to_u8x16(b));
    from_u8x16(from_fn(|i| {
        let index = b[i];
        if index & 0x80 != 0 {
            0
        } else {
            a[usize::from(index & 15)]
        }
    }))
}

/// x86 `cvttps2dq`/`cvttpd2dq` on one lane: truncation, and the "integer
/// indefinite" `i32::MIN` for NaN and every value out of range.
#[inline(always)]
fn cvtt_i32(x: f64) -> u32 {
    let t = x.trunc();
    if (-2_147_483_648.0..2_147_483_648.0).contains(&t) {
        t as i32 as u32
    } else {
        i32::MIN as u32
    }
}

/// `i32x4.relaxed_trunc_f32x4_s`, as x86 `cvttps2dq`: NaN and out-of-range
/// lanes give `i32::MIN`.
pub fn i32x4_relaxed_trunc_f32x4_s(a: u128) -> u128 {
    map_u32(a, |x| cvtt_i32(f64::from(f32::from_bits(x))))
}

/// `i32x4.relaxed_trunc_f32x4_u`: as `i32x4.trunc_sat_f32x4_u` (x86 has no
/// unsigned conversion before AVX-512; the JIT emits the saturating sequence).
pub fn i32x4_relaxed_trunc_f32x4_u(a: u128) -> u128 {
    i32x4_trunc_sat_f32x4_u(a)
}

/// `i32x4.relaxed_trunc_f64x2_s_zero`, as x86 `cvttpd2dq`: NaN and
/// out-of-range lanes give `i32::MIN`; lanes 2 and 3 are zero.
pub fn i32x4_relaxed_trunc_f64x2_s_zero(a: u128) -> u128 {
    let a = to_u64x2(a);
    from_u32x4([
        cvtt_i32(f64::from_bits(a[0])),
        cvtt_i32(f64::from_bits(a[1])),
        0,
        0,
    ])
}

/// `i32x4.relaxed_trunc_f64x2_u_zero`: as `i32x4.trunc_sat_f64x2_u_zero`.
pub fn i32x4_relaxed_trunc_f64x2_u_zero(a: u128) -> u128 {
    i32x4_trunc_sat_f64x2_u_zero(a)
}

/// `f32x4.relaxed_madd`: unfused `a * b + c` (two roundings, as `mulps`
/// then `addps`; x86-64 without FMA3 has nothing else).
pub fn f32x4_relaxed_madd(a: u128, b: u128, c: u128) -> u128 {
    f32x4_add(f32x4_mul(a, b), c)
}

/// `f32x4.relaxed_nmadd`: unfused `-(a * b) + c`, computed as `c - a * b`.
pub fn f32x4_relaxed_nmadd(a: u128, b: u128, c: u128) -> u128 {
    f32x4_sub(c, f32x4_mul(a, b))
}

/// `f64x2.relaxed_madd`: unfused `a * b + c`.
pub fn f64x2_relaxed_madd(a: u128, b: u128, c: u128) -> u128 {
    f64x2_add(f64x2_mul(a, b), c)
}

/// `f64x2.relaxed_nmadd`: unfused `-(a * b) + c`, computed as `c - a * b`.
pub fn f64x2_relaxed_nmadd(a: u128, b: u128, c: u128) -> u128 {
    f64x2_sub(c, f64x2_mul(a, b))
}

/// Lane select by the top bit of each `bits`-wide lane of `c` (x86
/// `pblendvb`, `blendvps`, `blendvpd`): set selects `a`, clear selects `b`.
#[inline(always)]
fn blendv(a: u128, b: u128, c: u128, bits: u32) -> u128 {
    let mut mask = 0u128;
    let mut lane = 0;
    while lane < 128 {
        if (c >> (lane + bits - 1)) & 1 != 0 {
            mask |= (u128::MAX >> (128 - bits)) << lane;
        }
        lane += bits;
    }
    (a & mask) | (b & !mask)
}

/// `i8x16.relaxed_laneselect`, as `pblendvb`: each byte of `c` selects by
/// its top bit.
pub fn i8x16_relaxed_laneselect(a: u128, b: u128, c: u128) -> u128 {
    blendv(a, b, c, 8)
}

/// `i16x8.relaxed_laneselect`: as `v128.bitselect(a, b, c)` (x86 has no
/// 16-bit blend; `pblendvb` would split a lane by its bytes' top bits).
pub fn i16x8_relaxed_laneselect(a: u128, b: u128, c: u128) -> u128 {
    v128_bitselect(a, b, c)
}

/// `i32x4.relaxed_laneselect`, as `blendvps`: each 32-bit lane of `c`
/// selects by its top bit.
pub fn i32x4_relaxed_laneselect(a: u128, b: u128, c: u128) -> u128 {
    blendv(a, b, c, 32)
}

/// `i64x2.relaxed_laneselect`, as `blendvpd`: each 64-bit lane of `c`
/// selects by its top bit.
pub fn i64x2_relaxed_laneselect(a: u128, b: u128, c: u128) -> u128 {
    blendv(a, b, c, 64)
}

/// `f32x4.relaxed_min`, as `minps a, b`: `a < b ? a : b` per lane (so a NaN
/// in either operand, or two zeros, give `b`).
pub fn f32x4_relaxed_min(a: u128, b: u128) -> u128 {
    zip_f32(a, b, |x, y| if x < y { x } else { y })
}

/// `f32x4.relaxed_max`, as `maxps a, b`: `a > b ? a : b` per lane.
pub fn f32x4_relaxed_max(a: u128, b: u128) -> u128 {
    zip_f32(a, b, |x, y| if x > y { x } else { y })
}

/// `f64x2.relaxed_min`, as `minpd a, b`: `a < b ? a : b` per lane.
pub fn f64x2_relaxed_min(a: u128, b: u128) -> u128 {
    zip_f64(a, b, |x, y| if x < y { x } else { y })
}

/// `f64x2.relaxed_max`, as `maxpd a, b`: `a > b ? a : b` per lane.
pub fn f64x2_relaxed_max(a: u128, b: u128) -> u128 {
    zip_f64(a, b, |x, y| if x > y { x } else { y })
}

/// `i16x8.relaxed_q15mulr_s`, as x86 `pmulhrsw`: the rounded Q15 product
/// without saturation (`0x8000 * 0x8000` gives `0x8000`).
pub fn i16x8_relaxed_q15mulr_s(a: u128, b: u128) -> u128 {
    zip_u16(a, b, |x, y| {
        let product = i32::from(x as i16) * i32::from(y as i16);
        ((product + 0x4000) >> 15) as u16
    })
}

/// x86 `pmaddubsw b, a`: bytes of `b` unsigned, bytes of `a` signed, each
/// adjacent pair of products summed with signed 16-bit saturation.
#[inline(always)]
fn pmaddubsw(a: u128, b: u128) -> [i16; 8] {
    let (a, b) = (to_u8x16(a), to_u8x16(b));
    from_fn(|i| {
        let p = |j: usize| i32::from(b[j]) * i32::from(a[j] as i8);
        (p(2 * i) + p(2 * i + 1)).clamp(i32::from(i16::MIN), i32::from(i16::MAX)) as i16
    })
}

/// `i16x8.relaxed_dot_i8x16_i7x16_s`, as `pmaddubsw`: `b` (the 7-bit
/// operand) read unsigned, `a` signed, pair sums saturated to 16 bits.
pub fn i16x8_relaxed_dot_i8x16_i7x16_s(a: u128, b: u128) -> u128 {
    from_u16x8(pmaddubsw(a, b).map(|x| x as u16))
}

/// `i32x4.relaxed_dot_i8x16_i7x16_add_s`, as `pmaddubsw`, `pmaddwd` with
/// ones, `paddd`: the 16-bit dot product above, adjacent pairs summed into
/// 32 bits, plus `c` (wrapping).
pub fn i32x4_relaxed_dot_i8x16_i7x16_add_s(a: u128, b: u128, c: u128) -> u128 {
    let d = pmaddubsw(a, b);
    let c = to_u32x4(c);
    from_u32x4(from_fn(|i| {
        let sum = i32::from(d[2 * i]) + i32::from(d[2 * i + 1]);
        sum.wrapping_add(c[i] as i32) as u32
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Builders from lane arrays (lane 0 first). These are deliberately written
    // independently of the module's own lane plumbing.
    fn u8s(l: [u8; 16]) -> u128 {
        let mut v = 0u128;
        for (i, x) in l.iter().enumerate() {
            v |= u128::from(*x) << (8 * i);
        }
        v
    }
    fn i8s(l: [i8; 16]) -> u128 {
        u8s(l.map(|x| x as u8))
    }
    fn u16s(l: [u16; 8]) -> u128 {
        let mut v = 0u128;
        for (i, x) in l.iter().enumerate() {
            v |= u128::from(*x) << (16 * i);
        }
        v
    }
    fn i16s(l: [i16; 8]) -> u128 {
        u16s(l.map(|x| x as u16))
    }
    fn u32s(l: [u32; 4]) -> u128 {
        let mut v = 0u128;
        for (i, x) in l.iter().enumerate() {
            v |= u128::from(*x) << (32 * i);
        }
        v
    }
    fn i32s(l: [i32; 4]) -> u128 {
        u32s(l.map(|x| x as u32))
    }
    fn u64s(l: [u64; 2]) -> u128 {
        u128::from(l[0]) | (u128::from(l[1]) << 64)
    }
    fn i64s(l: [i64; 2]) -> u128 {
        u64s(l.map(|x| x as u64))
    }
    fn f32s(l: [f32; 4]) -> u128 {
        u32s(l.map(f32::to_bits))
    }
    fn f64s(l: [f64; 2]) -> u128 {
        u64s(l.map(f64::to_bits))
    }
    fn lanes_u32(v: u128) -> [u32; 4] {
        [
            v as u32,
            (v >> 32) as u32,
            (v >> 64) as u32,
            (v >> 96) as u32,
        ]
    }
    fn lanes_u64(v: u128) -> [u64; 2] {
        [v as u64, (v >> 64) as u64]
    }

    const GARBAGE: u64 = 0xdead_beef_0000_0000;
    const F32_CANON: u32 = 0x7fc0_0000;
    const F64_CANON: u64 = 0x7ff8_0000_0000_0000;

    fn is_quiet_nan32(bits: u32) -> bool {
        bits & 0x7fc0_0000 == 0x7fc0_0000
    }
    fn is_quiet_nan64(bits: u64) -> bool {
        bits & 0x7ff8_0000_0000_0000 == 0x7ff8_0000_0000_0000
    }

    // ----- representation -----

    #[test]
    fn lane_zero_is_least_significant() {
        assert_eq!(
            i32s([1, 2, 3, 4]),
            0x0000_0004_0000_0003_0000_0002_0000_0001
        );
        assert_eq!(
            i32x4_extract_lane(0x0000_0004_0000_0003_0000_0002_0000_0001, 0),
            1
        );
        assert_eq!(
            i32x4_extract_lane(0x0000_0004_0000_0003_0000_0002_0000_0001, 3),
            4
        );
        assert_eq!(
            i8x16_extract_lane_u(0x0f0e_0d0c_0b0a_0908_0706_0504_0302_0100, 5),
            5
        );
    }

    // ----- splat -----

    #[test]
    fn splat_ignores_upper_slot_bits() {
        assert_eq!(i8x16_splat(GARBAGE | 0x1_ff), u8s([0xff; 16]));
        assert_eq!(i16x8_splat(GARBAGE | 0x1234_8001), u16s([0x8001; 8]));
        assert_eq!(i32x4_splat(GARBAGE | 0x8000_0001), u32s([0x8000_0001; 4]));
        assert_eq!(
            i64x2_splat(0x8000_0000_0000_0001),
            u64s([0x8000_0000_0000_0001; 2])
        );
        assert_eq!(f32x4_splat(GARBAGE | 0x3f80_0000), f32s([1.0; 4]));
        assert_eq!(f64x2_splat((-2.5f64).to_bits()), f64s([-2.5; 2]));
    }

    // ----- lanes -----

    #[test]
    fn extract_lane_sign_and_zero_extension() {
        let v = i8s([0, -1, 127, -128, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -2]);
        assert_eq!(i8x16_extract_lane_s(v, 1), 0xffff_ffff);
        assert_eq!(i8x16_extract_lane_u(v, 1), 0xff);
        assert_eq!(i8x16_extract_lane_s(v, 2), 127);
        assert_eq!(i8x16_extract_lane_s(v, 3), 0xffff_ff80);
        assert_eq!(i8x16_extract_lane_u(v, 3), 0x80);
        assert_eq!(i8x16_extract_lane_s(v, 15), 0xffff_fffe);
        let w = i16s([0, -1, 0x7fff, -0x8000, 0, 0, 0, 3]);
        assert_eq!(i16x8_extract_lane_s(w, 1), 0xffff_ffff);
        assert_eq!(i16x8_extract_lane_u(w, 1), 0xffff);
        assert_eq!(i16x8_extract_lane_s(w, 2), 0x7fff);
        assert_eq!(i16x8_extract_lane_s(w, 3), 0xffff_8000);
        assert_eq!(i16x8_extract_lane_u(w, 3), 0x8000);
        assert_eq!(i16x8_extract_lane_u(w, 7), 3);
        let d = i32s([-1, 2, 3, i32::MIN]);
        assert_eq!(i32x4_extract_lane(d, 0), 0xffff_ffff);
        assert_eq!(i32x4_extract_lane(d, 3), 0x8000_0000);
        let q = i64s([-1, 7]);
        assert_eq!(i64x2_extract_lane(q, 0), u64::MAX);
        assert_eq!(i64x2_extract_lane(q, 1), 7);
        let f = f32s([1.0, -0.0, 2.5, f32::INFINITY]);
        assert_eq!(f32x4_extract_lane(f, 1), 0x8000_0000);
        assert_eq!(f32x4_extract_lane(f, 3), 0x7f80_0000);
        let g = f64s([1.5, -0.0]);
        assert_eq!(f64x2_extract_lane(g, 0), 1.5f64.to_bits());
        assert_eq!(f64x2_extract_lane(g, 1), 0x8000_0000_0000_0000);
    }

    #[test]
    fn replace_lane_truncates_scalar() {
        let z = 0u128;
        assert_eq!(
            i8x16_replace_lane(u8s([7; 16]), GARBAGE | 0x1_80, 4),
            u8s([7, 7, 7, 7, 0x80, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7])
        );
        assert_eq!(
            i16x8_replace_lane(z, GARBAGE | 0xabcd_1234, 7),
            u16s([0, 0, 0, 0, 0, 0, 0, 0x1234])
        );
        assert_eq!(
            i32x4_replace_lane(u32s([1, 2, 3, 4]), GARBAGE | 9, 2),
            u32s([1, 2, 9, 4])
        );
        assert_eq!(
            i64x2_replace_lane(u64s([1, 2]), u64::MAX, 0),
            u64s([u64::MAX, 2])
        );
        assert_eq!(
            f32x4_replace_lane(z, GARBAGE | 0x3f80_0000, 1),
            f32s([0.0, 1.0, 0.0, 0.0])
        );
        assert_eq!(
            f64x2_replace_lane(f64s([1.0, 2.0]), (-3.0f64).to_bits(), 1),
            f64s([1.0, -3.0])
        );
    }

    // ----- shuffle / swizzle -----

    #[test]
    fn shuffle_selects_from_both_operands() {
        let a = u8s([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
        let b = u8s([
            100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115,
        ]);
        let lanes = [31, 0, 16, 15, 1, 17, 2, 18, 30, 14, 3, 3, 20, 4, 0, 31];
        assert_eq!(
            i8x16_shuffle(a, b, u128::from_le_bytes(lanes)),
            u8s([
                115, 0, 100, 15, 1, 101, 2, 102, 114, 14, 3, 3, 104, 4, 0, 115
            ])
        );
    }

    #[test]
    fn swizzle_out_of_range_is_zero() {
        let a = u8s([
            0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d,
            0x1e, 0x1f,
        ]);
        let s = u8s([
            15, 0, 16, 17, 31, 127, 128, 255, 1, 2, 3, 0x8f, 0x40, 14, 0x10, 7,
        ]);
        assert_eq!(
            i8x16_swizzle(a, s),
            u8s([
                0x1f, 0x10, 0, 0, 0, 0, 0, 0, 0x11, 0x12, 0x13, 0, 0, 0x1e, 0, 0x17
            ])
        );
    }

    // ----- comparisons -----

    #[test]
    fn integer_comparisons_signed_vs_unsigned() {
        let a = i8s([-1, 0, 1, -128, 127, 5, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        let b = i8s([1, 0, -1, 127, -128, 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
        let t = -1i8;
        assert_eq!(
            i8x16_lt_s(a, b),
            i8s([t, 0, 0, t, 0, 0, t, 0, 0, 0, 0, 0, 0, 0, 0, t])
        );
        assert_eq!(
            i8x16_lt_u(a, b),
            i8s([0, 0, t, 0, t, 0, t, 0, 0, 0, 0, 0, 0, 0, 0, t])
        );
        assert_eq!(
            i8x16_ge_s(a, b),
            i8s([0, t, t, 0, t, t, 0, t, t, t, t, t, t, t, t, 0])
        );
        assert_eq!(
            i8x16_gt_u(a, b),
            i8s([t, 0, 0, t, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        );
        assert_eq!(
            i8x16_le_u(a, b),
            i8s([0, t, t, 0, t, t, t, t, t, t, t, t, t, t, t, t])
        );
        assert_eq!(i8x16_eq(a, a), u128::MAX);
        assert_eq!(i8x16_ne(a, a), 0);

        let a = i16s([-1, 0, i16::MIN, i16::MAX, 3, 3, 0, 0]);
        let b = i16s([1, 0, i16::MAX, i16::MIN, 3, 4, 0, 0]);
        let t = -1i16;
        assert_eq!(i16x8_gt_s(a, b), i16s([0, 0, 0, t, 0, 0, 0, 0]));
        assert_eq!(i16x8_gt_u(a, b), i16s([t, 0, t, 0, 0, 0, 0, 0]));
        assert_eq!(i16x8_le_s(a, b), i16s([t, t, t, 0, t, t, t, t]));
        assert_eq!(i16x8_ge_u(a, b), i16s([t, t, t, 0, t, 0, t, t]));
        assert_eq!(i16x8_lt_u(a, b), i16s([0, 0, 0, t, 0, t, 0, 0]));
        assert_eq!(i16x8_ne(a, b), i16s([t, 0, t, t, 0, t, 0, 0]));

        let a = i32s([-1, i32::MIN, 7, 0]);
        let b = i32s([0, i32::MAX, 7, 1]);
        assert_eq!(i32x4_lt_s(a, b), i32s([-1, -1, 0, -1]));
        assert_eq!(i32x4_lt_u(a, b), i32s([0, 0, 0, -1]));
        assert_eq!(i32x4_ge_s(a, b), i32s([0, 0, -1, 0]));
        assert_eq!(i32x4_ge_u(a, b), i32s([-1, -1, -1, 0]));
        assert_eq!(i32x4_gt_u(a, b), i32s([-1, -1, 0, 0]));
        assert_eq!(i32x4_le_u(a, b), i32s([0, 0, -1, -1]));
        assert_eq!(i32x4_eq(a, b), i32s([0, 0, -1, 0]));

        let a = i64s([-1, i64::MAX]);
        let b = i64s([0, i64::MAX]);
        assert_eq!(i64x2_lt_s(a, b), i64s([-1, 0]));
        assert_eq!(i64x2_le_s(a, b), i64s([-1, -1]));
        assert_eq!(i64x2_gt_s(a, b), i64s([0, 0]));
        assert_eq!(i64x2_ge_s(a, b), i64s([0, -1]));
        assert_eq!(i64x2_eq(a, b), i64s([0, -1]));
        assert_eq!(i64x2_ne(a, b), i64s([-1, 0]));
    }

    #[test]
    fn float_comparisons_with_nan_and_zero() {
        let nan = f32::NAN;
        let a = f32s([nan, 0.0, 1.0, -1.0]);
        let b = f32s([nan, -0.0, 2.0, -1.0]);
        assert_eq!(f32x4_eq(a, b), i32s([0, -1, 0, -1]));
        assert_eq!(f32x4_ne(a, b), i32s([-1, 0, -1, 0]));
        assert_eq!(f32x4_lt(a, b), i32s([0, 0, -1, 0]));
        assert_eq!(f32x4_le(a, b), i32s([0, -1, -1, -1]));
        assert_eq!(f32x4_gt(a, b), i32s([0, 0, 0, 0]));
        assert_eq!(f32x4_ge(a, b), i32s([0, -1, 0, -1]));
        let a = f64s([f64::NAN, -0.0]);
        let b = f64s([1.0, 0.0]);
        assert_eq!(f64x2_eq(a, b), i64s([0, -1]));
        assert_eq!(f64x2_ne(a, b), i64s([-1, 0]));
        assert_eq!(f64x2_lt(a, b), i64s([0, 0]));
        assert_eq!(f64x2_le(a, b), i64s([0, -1]));
        assert_eq!(f64x2_gt(b, a), i64s([0, 0]));
        assert_eq!(f64x2_ge(b, a), i64s([0, -1]));
    }

    // ----- bitwise -----

    #[test]
    fn bitwise_operations() {
        let a = 0xff00_ff00_0f0f_f0f0_1234_5678_9abc_def0u128;
        let b = 0x0ff0_0ff0_ffff_0000_ffff_0000_ffff_0000u128;
        assert_eq!(v128_not(a), 0x00ff_00ff_f0f0_0f0f_edcb_a987_6543_210f);
        assert_eq!(v128_and(a, b), 0x0f00_0f00_0f0f_0000_1234_0000_9abc_0000);
        assert_eq!(v128_andnot(a, b), 0xf000_f000_0000_f0f0_0000_5678_0000_def0);
        assert_eq!(v128_or(a, b), 0xfff0_fff0_ffff_f0f0_ffff_5678_ffff_def0);
        assert_eq!(v128_xor(a, b), 0xf0f0_f0f0_f0f0_f0f0_edcb_5678_6543_def0);
        // bitselect: bits of a where the mask is 1, bits of b elsewhere.
        assert_eq!(
            v128_bitselect(
                0xaaaa_aaaa_aaaa_aaaa_aaaa_aaaa_aaaa_aaaa,
                0x5555_5555_5555_5555_5555_5555_5555_5555,
                0xffff_0000_ff00_f0f0_0000_0000_0000_0001
            ),
            0xaaaa_5555_aa55_a5a5_5555_5555_5555_5554
        );
    }

    #[test]
    fn any_true_all_true_bitmask() {
        assert_eq!(v128_any_true(0), 0);
        assert_eq!(v128_any_true(1 << 127), 1);
        let mut all = u8s([1; 16]);
        assert_eq!(i8x16_all_true(all), 1);
        all = i8x16_replace_lane(all, 0, 9);
        assert_eq!(i8x16_all_true(all), 0);
        assert_eq!(i16x8_all_true(u16s([0x100; 8])), 1);
        assert_eq!(i16x8_all_true(u16s([1, 1, 1, 1, 1, 1, 1, 0])), 0);
        // Lanes of 0x0100 are non-zero 16-bit lanes even though bytes are zero.
        assert_eq!(i8x16_all_true(u16s([0x100; 8])), 0);
        assert_eq!(i32x4_all_true(u32s([1, 1 << 31, 2, 3])), 1);
        assert_eq!(i32x4_all_true(u32s([1, 0, 2, 3])), 0);
        assert_eq!(i64x2_all_true(u64s([1 << 40, 1])), 1);
        assert_eq!(i64x2_all_true(u64s([1 << 40, 0])), 0);

        let v = i8s([-1, 0, -128, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -5]);
        assert_eq!(i8x16_bitmask(v), 0b1000_0000_0000_0101);
        assert_eq!(i8x16_bitmask(u128::MAX), 0xffff);
        assert_eq!(
            i16x8_bitmask(i16s([-1, 1, -1, 1, 0, 0, i16::MIN, 0x7fff])),
            0b0100_0101
        );
        assert_eq!(i32x4_bitmask(i32s([0, -1, 0, i32::MIN])), 0b1010);
        assert_eq!(i64x2_bitmask(i64s([-1, 1])), 0b01);
        assert_eq!(i64x2_bitmask(i64s([1, i64::MIN])), 0b10);
    }

    // ----- integer arithmetic -----

    #[test]
    fn narrow_saturates() {
        let a = i16s([0, 127, 128, -128, -129, 300, -300, 42]);
        let b = i16s([i16::MAX, i16::MIN, 255, 256, -1, 1, 0, -42]);
        assert_eq!(
            i8x16_narrow_i16x8_s(a, b),
            i8s([
                0, 127, 127, -128, -128, 127, -128, 42, 127, -128, 127, 127, -1, 1, 0, -42
            ])
        );
        // Unsigned saturation of *signed* inputs: negatives become 0.
        assert_eq!(
            i8x16_narrow_i16x8_u(a, b),
            u8s([0, 127, 128, 0, 0, 255, 0, 42, 255, 0, 255, 255, 0, 1, 0, 0])
        );
        let a = i32s([70000, -70000, 32767, -32769]);
        let b = i32s([65535, 65536, -1, 40000]);
        assert_eq!(
            i16x8_narrow_i32x4_s(a, b),
            i16s([32767, -32768, 32767, -32768, 32767, 32767, -1, 32767])
        );
        assert_eq!(
            i16x8_narrow_i32x4_u(a, b),
            u16s([65535, 0, 32767, 0, 65535, 65535, 0, 40000])
        );
    }

    #[test]
    fn shifts_take_count_modulo_lane_width() {
        let v = i8s([1, -128, -1, 64, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x7f]);
        // 9 mod 8 = 1; upper slot bits are ignored.
        assert_eq!(
            i8x16_shl(v, GARBAGE | 9),
            i8s([2, 0, -2, -128, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -2])
        );
        assert_eq!(
            i8x16_shr_s(v, 1),
            i8s([0, -64, -1, 32, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x3f])
        );
        assert_eq!(
            i8x16_shr_u(v, 1),
            u8s([0, 64, 127, 32, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x3f])
        );
        assert_eq!(i8x16_shl(v, 8), v);
        assert_eq!(
            i8x16_shr_s(v, 0xffff_ffff),
            i8s([0, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        );

        let w = i16s([1, i16::MIN, -1, 0x4000, 0, 0, 0, 0x1234]);
        assert_eq!(
            i16x8_shl(w, 17),
            i16s([2, 0, -2, i16::MIN, 0, 0, 0, 0x2468])
        );
        assert_eq!(i16x8_shr_s(w, 15), i16s([0, -1, -1, 0, 0, 0, 0, 0]));
        assert_eq!(i16x8_shr_u(w, 15), i16s([0, 1, 1, 0, 0, 0, 0, 0]));
        assert_eq!(i16x8_shr_u(w, 16), w);

        let d = i32s([1, i32::MIN, -16, 0x0100_0000]);
        assert_eq!(i32x4_shl(d, 33), i32s([2, 0, -32, 0x0200_0000]));
        assert_eq!(i32x4_shr_s(d, 4), i32s([0, -0x0800_0000, -1, 0x0010_0000]));
        assert_eq!(
            i32x4_shr_u(d, 4),
            i32s([0, 0x0800_0000, 0x0fff_ffff, 0x0010_0000])
        );
        assert_eq!(i32x4_shr_u(d, 32), d);

        let q = i64s([i64::MIN, 3]);
        assert_eq!(i64x2_shr_s(q, 63), i64s([-1, 0]));
        assert_eq!(i64x2_shr_u(q, 63), i64s([1, 0]));
        assert_eq!(i64x2_shl(q, 65), i64s([0, 6]));
        assert_eq!(i64x2_shl(q, GARBAGE | 64), q);
    }

    #[test]
    fn add_sub_saturating_and_wrapping() {
        let a = i8s([127, -128, 100, -100, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1]);
        let b = i8s([1, -1, 100, -100, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1]);
        assert_eq!(
            i8x16_add(a, b),
            i8s([-128, 127, -56, 56, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -2])
        );
        assert_eq!(
            i8x16_add_sat_s(a, b),
            i8s([127, -128, 127, -128, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -2])
        );
        // As unsigned: 127+1, 128+255, 100+100, 156+156, ..., 255+255
        assert_eq!(
            i8x16_add_sat_u(a, b),
            u8s([128, 255, 200, 255, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255])
        );
        assert_eq!(
            i8x16_sub(a, b),
            i8s([126, -127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        );
        let c = i8s([-128, 127, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        let d = i8s([1, -1, 1, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(
            i8x16_sub_sat_s(c, d),
            i8s([-128, 127, -1, -5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        );
        assert_eq!(
            i8x16_sub_sat_u(c, d),
            u8s([127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        );

        let a = i16s([i16::MAX, i16::MIN, -2, 2, 0, 0, 0, 0]);
        let b = i16s([1, -1, 3, -3, 0, 0, 0, 0]);
        assert_eq!(
            i16x8_add(a, b),
            i16s([i16::MIN, i16::MAX, 1, -1, 0, 0, 0, 0])
        );
        assert_eq!(
            i16x8_add_sat_s(a, b),
            i16s([i16::MAX, i16::MIN, 1, -1, 0, 0, 0, 0])
        );
        assert_eq!(
            i16x8_add_sat_u(a, b),
            u16s([0x8000, 0xffff, 0xffff, 0xffff, 0, 0, 0, 0])
        );
        assert_eq!(i16x8_sub(a, b), i16s([32766, -32767, -5, 5, 0, 0, 0, 0]));
        assert_eq!(
            i16x8_sub_sat_s(a, b),
            i16s([32766, -32767, -5, 5, 0, 0, 0, 0])
        );
        assert_eq!(
            i16x8_sub_sat_s(b, a),
            i16s([-32766, 32767, 5, -5, 0, 0, 0, 0])
        );
        // As unsigned: b = [1, 0xffff, 3, 0xfffd], a = [0x7fff, 0x8000, 0xfffe, 2].
        assert_eq!(
            i16x8_sub_sat_u(b, a),
            u16s([0, 0x7fff, 0, 0xfffb, 0, 0, 0, 0])
        );
        assert_eq!(
            i16x8_sub_sat_u(a, b),
            u16s([0x7ffe, 0, 0xfffb, 0, 0, 0, 0, 0])
        );

        assert_eq!(
            i32x4_add(i32s([i32::MAX, 1, -1, 0]), i32s([1, 2, 1, 0])),
            i32s([i32::MIN, 3, 0, 0])
        );
        assert_eq!(
            i32x4_sub(i32s([i32::MIN, 1, 0, 0]), i32s([1, 2, 1, 0])),
            i32s([i32::MAX, -1, -1, 0])
        );
        assert_eq!(
            i64x2_add(i64s([i64::MAX, -1]), i64s([1, 1])),
            i64s([i64::MIN, 0])
        );
        assert_eq!(
            i64x2_sub(i64s([i64::MIN, 0]), i64s([1, 1])),
            i64s([i64::MAX, -1])
        );
    }

    #[test]
    fn multiplication_wraps() {
        assert_eq!(
            i16x8_mul(
                i16s([300, -2, 0x4000, 7, 0, 0, 0, 1]),
                i16s([300, 3, 4, -7, 0, 0, 0, 1])
            ),
            // 90000 mod 65536 = 24464; 0x4000*4 = 0x10000 -> 0
            i16s([24464, -6, 0, -49, 0, 0, 0, 1])
        );
        assert_eq!(
            i32x4_mul(
                i32s([0x10000, -3, i32::MIN, 46341]),
                i32s([0x10000, 5, -1, 46341])
            ),
            // 46341^2 = 2147488281 -> wraps to -2147479015
            i32s([0, -15, i32::MIN, -2_147_479_015])
        );
        assert_eq!(
            i64x2_mul(i64s([i64::MIN, 0x1_0000_0001]), i64s([-1, 0x1_0000_0001])),
            // (2^32+1)^2 = 2^64 + 2^33 + 1 -> 2^33 + 1
            i64s([i64::MIN, 0x2_0000_0001])
        );
    }

    #[test]
    fn min_max_avgr() {
        let a = i8s([-1, 5, -128, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        let b = i8s([1, 5, 127, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1]);
        assert_eq!(
            i8x16_min_s(a, b),
            i8s([-1, 5, -128, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1])
        );
        assert_eq!(
            i8x16_min_u(a, b),
            i8s([1, 5, 127, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        );
        assert_eq!(
            i8x16_max_s(a, b),
            i8s([1, 5, 127, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        );
        assert_eq!(
            i8x16_max_u(a, b),
            i8s([-1, 5, -128, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1])
        );
        // (a + b + 1) / 2 without overflow: 255+255+1 = 511 -> 255.
        let a = u8s([255, 0, 0, 1, 2, 200, 0, 0, 0, 0, 0, 0, 0, 0, 0, 254]);
        let b = u8s([255, 0, 1, 2, 2, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255]);
        assert_eq!(
            i8x16_avgr_u(a, b),
            u8s([255, 0, 1, 2, 2, 150, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255])
        );
        let a = u16s([0xffff, 0, 1, 0x8000, 0, 0, 0, 3]);
        let b = u16s([0xffff, 1, 1, 0x7fff, 0, 0, 0, 4]);
        assert_eq!(i16x8_avgr_u(a, b), u16s([0xffff, 1, 1, 0x8000, 0, 0, 0, 4]));
        assert_eq!(i16x8_min_s(a, b), u16s([0xffff, 0, 1, 0x8000, 0, 0, 0, 3]));
        assert_eq!(i16x8_min_u(a, b), u16s([0xffff, 0, 1, 0x7fff, 0, 0, 0, 3]));
        assert_eq!(i16x8_max_s(a, b), u16s([0xffff, 1, 1, 0x7fff, 0, 0, 0, 4]));
        assert_eq!(i16x8_max_u(a, b), u16s([0xffff, 1, 1, 0x8000, 0, 0, 0, 4]));
        let a = i32s([-1, i32::MIN, 3, 0]);
        let b = i32s([1, i32::MAX, 3, -7]);
        assert_eq!(i32x4_min_s(a, b), i32s([-1, i32::MIN, 3, -7]));
        assert_eq!(i32x4_min_u(a, b), i32s([1, i32::MAX, 3, 0]));
        assert_eq!(i32x4_max_s(a, b), i32s([1, i32::MAX, 3, 0]));
        assert_eq!(i32x4_max_u(a, b), i32s([-1, i32::MIN, 3, -7]));
    }

    #[test]
    fn abs_neg_popcnt_wrap_at_min() {
        assert_eq!(
            i8x16_abs(i8s([
                -128, -1, 1, 127, -127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
            ])),
            i8s([-128, 1, 1, 127, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        );
        assert_eq!(
            i8x16_neg(i8s([-128, -1, 1, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])),
            i8s([-128, 1, -1, -127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        );
        assert_eq!(
            i16x8_abs(i16s([i16::MIN, -5, 5, 0, 0, 0, 0, 0])),
            i16s([i16::MIN, 5, 5, 0, 0, 0, 0, 0])
        );
        assert_eq!(
            i16x8_neg(i16s([i16::MIN, -5, 5, 0, 0, 0, 0, 0])),
            i16s([i16::MIN, 5, -5, 0, 0, 0, 0, 0])
        );
        assert_eq!(
            i32x4_abs(i32s([i32::MIN, -5, 5, 0])),
            i32s([i32::MIN, 5, 5, 0])
        );
        assert_eq!(
            i32x4_neg(i32s([i32::MIN, -5, 5, 0])),
            i32s([i32::MIN, 5, -5, 0])
        );
        assert_eq!(i64x2_abs(i64s([i64::MIN, -9])), i64s([i64::MIN, 9]));
        assert_eq!(i64x2_neg(i64s([i64::MIN, -9])), i64s([i64::MIN, 9]));
        assert_eq!(
            i8x16_popcnt(u8s([
                0, 1, 3, 0xff, 0x80, 0x55, 0xf0, 7, 0, 0, 0, 0, 0, 0, 0, 0xfe
            ])),
            u8s([0, 1, 2, 8, 1, 4, 4, 3, 0, 0, 0, 0, 0, 0, 0, 7])
        );
    }

    #[test]
    fn q15mulr_sat() {
        let a = i16s([i16::MIN, 16384, 1, -1, 0x7fff, i16::MIN, -16384, 3]);
        let b = i16s([i16::MIN, 16384, 16384, 16384, 0x7fff, 0x7fff, 3, 0]);
        // (a*b + 0x4000) >> 15, saturated:
        //  2^30 + 2^14 >> 15 = 32768 -> 32767
        //  2^28 + 2^14 >> 15 = 8192
        //  2^14 + 2^14 >> 15 = 1
        //  -2^14 + 2^14 >> 15 = 0
        //  (32767^2 + 16384) >> 15 = 32766
        //  (-32768*32767 + 16384) >> 15 = -32767
        //  (-49152 + 16384) >> 15 = -1 (floor)
        assert_eq!(
            i16x8_q15mulr_sat_s(a, b),
            i16s([32767, 8192, 1, 0, 32766, -32767, -1, 0])
        );
    }

    #[test]
    fn extend_extmul_extadd() {
        let v = i8s([-1, 2, -128, 127, 0, 1, 2, 3, -2, 4, -6, 8, 100, -100, 0, -1]);
        assert_eq!(
            i16x8_extend_low_i8x16_s(v),
            i16s([-1, 2, -128, 127, 0, 1, 2, 3])
        );
        assert_eq!(
            i16x8_extend_high_i8x16_s(v),
            i16s([-2, 4, -6, 8, 100, -100, 0, -1])
        );
        assert_eq!(
            i16x8_extend_low_i8x16_u(v),
            i16s([255, 2, 128, 127, 0, 1, 2, 3])
        );
        assert_eq!(
            i16x8_extend_high_i8x16_u(v),
            i16s([254, 4, 250, 8, 100, 156, 0, 255])
        );
        assert_eq!(
            i16x8_extadd_pairwise_i8x16_s(v),
            i16s([1, -1, 1, 5, 2, 2, 0, -1])
        );
        assert_eq!(
            i16x8_extadd_pairwise_i8x16_u(v),
            i16s([257, 255, 1, 5, 258, 258, 256, 255])
        );
        let m = i8s([-128, -128, 127, -1, 0, 0, 0, 0, -128, 2, 0, 0, 0, 0, 0, -1]);
        assert_eq!(
            i16x8_extmul_low_i8x16_s(m, m),
            i16s([16384, 16384, 16129, 1, 0, 0, 0, 0])
        );
        assert_eq!(
            i16x8_extmul_low_i8x16_u(m, m),
            u16s([16384, 16384, 16129, 65025, 0, 0, 0, 0])
        );
        assert_eq!(
            i16x8_extmul_high_i8x16_s(m, v),
            i16s([256, 8, 0, 0, 0, 0, 0, 1])
        );
        assert_eq!(
            i16x8_extmul_high_i8x16_u(m, v),
            // 128*254, 2*4, ..., 255*255
            u16s([32512, 8, 0, 0, 0, 0, 0, 65025])
        );

        let w = i16s([-1, 2, i16::MIN, i16::MAX, -3, 4, 5, -6]);
        assert_eq!(i32x4_extend_low_i16x8_s(w), i32s([-1, 2, -32768, 32767]));
        assert_eq!(i32x4_extend_high_i16x8_s(w), i32s([-3, 4, 5, -6]));
        assert_eq!(i32x4_extend_low_i16x8_u(w), i32s([65535, 2, 32768, 32767]));
        assert_eq!(i32x4_extend_high_i16x8_u(w), i32s([65533, 4, 5, 65530]));
        assert_eq!(i32x4_extadd_pairwise_i16x8_s(w), i32s([1, -1, 1, -1]));
        assert_eq!(
            i32x4_extadd_pairwise_i16x8_u(w),
            i32s([65537, 65535, 65537, 65535])
        );
        assert_eq!(
            i32x4_extmul_low_i16x8_s(w, w),
            i32s([1, 4, 1 << 30, 32767 * 32767])
        );
        assert_eq!(
            i32x4_extmul_low_i16x8_u(w, w),
            // 65535^2 = 4294836225 = 0xfffe0001
            u32s([0xfffe_0001, 4, 1 << 30, 32767 * 32767])
        );
        assert_eq!(i32x4_extmul_high_i16x8_s(w, w), i32s([9, 16, 25, 36]));
        assert_eq!(
            i32x4_extmul_high_i16x8_u(w, w),
            u32s([65533 * 65533, 16, 25, 65530 * 65530])
        );

        let d = i32s([-1, 2, i32::MIN, 7]);
        assert_eq!(i64x2_extend_low_i32x4_s(d), i64s([-1, 2]));
        assert_eq!(i64x2_extend_high_i32x4_s(d), i64s([i64::from(i32::MIN), 7]));
        assert_eq!(i64x2_extend_low_i32x4_u(d), i64s([0xffff_ffff, 2]));
        assert_eq!(i64x2_extend_high_i32x4_u(d), i64s([0x8000_0000, 7]));
        assert_eq!(i64x2_extmul_low_i32x4_s(d, d), i64s([1, 4]));
        assert_eq!(i64x2_extmul_high_i32x4_s(d, d), i64s([1 << 62, 49]));
        assert_eq!(
            i64x2_extmul_low_i32x4_u(d, d),
            u64s([0xffff_fffe_0000_0001, 4])
        );
        assert_eq!(i64x2_extmul_high_i32x4_u(d, d), u64s([1 << 62, 49]));
    }

    #[test]
    fn dot_i16x8_wraps_on_overflow() {
        let a = i16s([1, 2, 3, 4, i16::MIN, i16::MIN, -1, 5]);
        let b = i16s([5, 6, -7, 8, i16::MIN, i16::MIN, 32767, 3]);
        // 5+12, -21+32, 2^30+2^30 = 2^31 -> wraps to i32::MIN, -32767+15
        assert_eq!(i32x4_dot_i16x8_s(a, b), i32s([17, 11, i32::MIN, -32752]));
    }

    // ----- floating point -----

    #[test]
    fn float_arithmetic_basic() {
        assert_eq!(
            f32x4_add(
                f32s([1.5, -0.0, f32::INFINITY, 3e38]),
                f32s([2.25, -0.0, 1.0, 3e38])
            ),
            f32s([3.75, -0.0, f32::INFINITY, f32::INFINITY])
        );
        assert_eq!(
            f32x4_sub(f32s([1.0, 0.0, 3.0, -0.0]), f32s([0.5, 0.0, 5.0, 0.0])),
            f32s([0.5, 0.0, -2.0, -0.0])
        );
        assert_eq!(
            f32x4_mul(f32s([1.5, -2.0, 0.0, 3.0]), f32s([2.0, 0.0, -1.0, 3.0])),
            f32s([3.0, -0.0, -0.0, 9.0])
        );
        assert_eq!(
            f32x4_div(f32s([1.0, -1.0, 0.0, 9.0]), f32s([0.0, 0.0, -5.0, 3.0])),
            f32s([f32::INFINITY, f32::NEG_INFINITY, -0.0, 3.0])
        );
        assert_eq!(
            f64x2_add(f64s([0.1, -0.0]), f64s([0.2, 0.0])),
            f64s([0.300_000_000_000_000_04, 0.0])
        );
        assert_eq!(
            f64x2_sub(f64s([1.0, 0.0]), f64s([0.25, 0.0])),
            f64s([0.75, 0.0])
        );
        assert_eq!(
            f64x2_mul(f64s([1e300, 2.0]), f64s([1e300, -0.5])),
            f64s([f64::INFINITY, -1.0])
        );
        let l = lanes_u64(f64x2_div(f64s([1.0, 0.0]), f64s([-0.0, 0.0])));
        assert_eq!(l[0], f64::NEG_INFINITY.to_bits());
        assert!(is_quiet_nan64(l[1]));
        // Invalid operations give a NaN.
        let r = lanes_u32(f32x4_sub(
            f32s([f32::INFINITY; 4]),
            f32s([f32::INFINITY; 4]),
        ));
        assert!(r.iter().all(|&x| is_quiet_nan32(x)));
        let r = lanes_u64(f64x2_mul(
            f64s([0.0, f64::INFINITY]),
            f64s([f64::INFINITY, 0.0]),
        ));
        assert!(r.iter().all(|&x| is_quiet_nan64(x)));
    }

    #[test]
    fn float_abs_neg_are_bitwise() {
        let v = u32s([0x7fc0_0001, 0xffc0_0000, 0x8000_0000, 0x3f80_0000]);
        assert_eq!(
            f32x4_abs(v),
            u32s([0x7fc0_0001, 0x7fc0_0000, 0, 0x3f80_0000])
        );
        assert_eq!(
            f32x4_neg(v),
            u32s([0xffc0_0001, 0x7fc0_0000, 0, 0xbf80_0000])
        );
        let w = u64s([0xfff0_0000_0000_0001, 0]);
        assert_eq!(f64x2_abs(w), u64s([0x7ff0_0000_0000_0001, 0]));
        assert_eq!(
            f64x2_neg(w),
            u64s([0x7ff0_0000_0000_0001, 0x8000_0000_0000_0000])
        );
    }

    #[test]
    fn float_sqrt() {
        let r = f32x4_sqrt(f32s([4.0, -0.0, 2.0, -1.0]));
        let l = lanes_u32(r);
        assert_eq!(l[0], 2.0f32.to_bits());
        assert_eq!(l[1], 0x8000_0000);
        assert_eq!(l[2], 0x3fb5_04f3); // sqrt(2) rounded to f32
        assert!(is_quiet_nan32(l[3]));
        let l = lanes_u64(f64x2_sqrt(f64s([2.0, f64::INFINITY])));
        assert_eq!(l[0], 0x3ff6_a09e_667f_3bcd);
        assert_eq!(l[1], f64::INFINITY.to_bits());
    }

    #[test]
    fn float_min_max() {
        // NaN in either operand gives a quiet NaN; canonical inputs stay canonical.
        let a = f32s([f32::NAN, 1.0, -0.0, 0.0]);
        let b = f32s([1.0, f32::NAN, 0.0, -0.0]);
        let mn = lanes_u32(f32x4_min(a, b));
        let mx = lanes_u32(f32x4_max(a, b));
        assert_eq!(mn[0], F32_CANON);
        assert_eq!(mn[1], F32_CANON);
        assert_eq!(mx[0], F32_CANON);
        assert_eq!(mx[1], F32_CANON);
        assert_eq!(mn[2], 0x8000_0000);
        assert_eq!(mn[3], 0x8000_0000);
        assert_eq!(mx[2], 0);
        assert_eq!(mx[3], 0);
        // A signalling NaN comes back quiet (and still a NaN).
        let snan = u32s([0x7f80_0001, 0x3f80_0000, 0xff80_0002, 0]);
        let other = f32s([0.0, -1.0, 5.0, 0.0]);
        let mn = lanes_u32(f32x4_min(snan, other));
        assert_eq!(mn[0], 0x7fc0_0001);
        assert_eq!(mn[1], (-1.0f32).to_bits());
        assert_eq!(mn[2], 0xffc0_0002);
        let mx = lanes_u32(f32x4_max(other, snan));
        assert_eq!(mx[0], 0x7fc0_0001);
        assert_eq!(mx[1], 1.0f32.to_bits());
        assert_eq!(mx[2], 0xffc0_0002);
        assert_eq!(
            f32x4_min(
                f32s([1.0, -3.0, f32::NEG_INFINITY, 7.0]),
                f32s([2.0, -4.0, 0.0, 7.0])
            ),
            f32s([1.0, -4.0, f32::NEG_INFINITY, 7.0])
        );
        assert_eq!(
            f32x4_max(
                f32s([1.0, -3.0, f32::NEG_INFINITY, 7.0]),
                f32s([2.0, -4.0, 0.0, 7.0])
            ),
            f32s([2.0, -3.0, 0.0, 7.0])
        );

        let mn = lanes_u64(f64x2_min(f64s([-0.0, f64::NAN]), f64s([0.0, 1.0])));
        assert_eq!(mn, [0x8000_0000_0000_0000, F64_CANON]);
        let mx = lanes_u64(f64x2_max(f64s([0.0, 1.0]), f64s([-0.0, f64::NAN])));
        assert_eq!(mx, [0, F64_CANON]);
        let mn = lanes_u64(f64x2_min(
            u64s([0x7ff0_0000_0000_0001, 0]),
            f64s([1.0, 2.0]),
        ));
        assert_eq!(mn, [0x7ff8_0000_0000_0001, 0]);
        assert_eq!(
            f64x2_max(f64s([1.0, -5.0]), f64s([2.0, -6.0])),
            f64s([2.0, -5.0])
        );
    }

    #[test]
    fn float_pmin_pmax_return_operand_bits() {
        let nan1 = 0x7fc0_1234u32;
        let a = u32s([nan1, 1.0f32.to_bits(), 0x8000_0000, 0]);
        let b = u32s([1.0f32.to_bits(), nan1, 0, 0x8000_0000]);
        // pmin(a, b) = b < a ? b : a; comparisons with NaN are false -> a.
        assert_eq!(
            f32x4_pmin(a, b),
            u32s([nan1, 1.0f32.to_bits(), 0x8000_0000, 0])
        );
        // pmax(a, b) = a < b ? b : a
        assert_eq!(
            f32x4_pmax(a, b),
            u32s([nan1, 1.0f32.to_bits(), 0x8000_0000, 0])
        );
        assert_eq!(
            f32x4_pmin(f32s([3.0, 1.0, -2.0, 0.0]), f32s([2.0, 4.0, -3.0, 0.0])),
            f32s([2.0, 1.0, -3.0, 0.0])
        );
        assert_eq!(
            f32x4_pmax(f32s([3.0, 1.0, -2.0, 0.0]), f32s([2.0, 4.0, -3.0, 0.0])),
            f32s([3.0, 4.0, -2.0, 0.0])
        );
        let nan2 = 0xfff0_0000_0000_0005u64; // signalling, returned untouched
        assert_eq!(
            f64x2_pmin(u64s([nan2, 2.0f64.to_bits()]), f64s([1.0, 1.0])),
            u64s([nan2, 1.0f64.to_bits()])
        );
        assert_eq!(
            f64x2_pmax(f64s([1.0, 1.0]), u64s([nan2, 2.0f64.to_bits()])),
            u64s([1.0f64.to_bits(), 2.0f64.to_bits()])
        );
        assert_eq!(
            f64x2_pmax(f64s([-0.0, 0.0]), f64s([0.0, -0.0])),
            f64s([-0.0, 0.0])
        );
        assert_eq!(
            f64x2_pmin(f64s([-0.0, 0.0]), f64s([0.0, -0.0])),
            f64s([-0.0, 0.0])
        );
    }

    #[test]
    fn float_rounding_f32() {
        let v = f32s([-0.5, 1.5, 2.5, -2.5]);
        assert_eq!(f32x4_ceil(v), f32s([-0.0, 2.0, 3.0, -2.0]));
        assert_eq!(f32x4_floor(v), f32s([-1.0, 1.0, 2.0, -3.0]));
        assert_eq!(f32x4_trunc(v), f32s([-0.0, 1.0, 2.0, -2.0]));
        assert_eq!(f32x4_nearest(v), f32s([-0.0, 2.0, 2.0, -2.0]));
        let v = f32s([0.5, -0.0, 8_388_609.0, -0.7]);
        assert_eq!(f32x4_nearest(v), f32s([0.0, -0.0, 8_388_609.0, -1.0]));
        assert_eq!(f32x4_ceil(v), f32s([1.0, -0.0, 8_388_609.0, -0.0]));
        assert_eq!(f32x4_floor(v), f32s([0.0, -0.0, 8_388_609.0, -1.0]));
        assert_eq!(f32x4_trunc(v), f32s([0.0, -0.0, 8_388_609.0, -0.0]));
        // 0.49999997 (largest float below 0.5) rounds to 0, not 1.
        assert_eq!(f32x4_nearest(u32s([0x3eff_ffff; 4])), f32s([0.0; 4]));
        let n = u32s([0x7f80_0001, F32_CANON, 0xff80_0000, 0x7f80_0000]);
        for f in [f32x4_ceil, f32x4_floor, f32x4_trunc, f32x4_nearest] {
            let l = lanes_u32(f(n));
            assert_eq!(l[0], 0x7fc0_0001);
            assert_eq!(l[1], F32_CANON);
            assert_eq!(l[2], 0xff80_0000);
            assert_eq!(l[3], 0x7f80_0000);
        }
    }

    #[test]
    fn float_rounding_f64() {
        let v = f64s([-0.5, 2.5]);
        assert_eq!(f64x2_ceil(v), f64s([-0.0, 3.0]));
        assert_eq!(f64x2_floor(v), f64s([-1.0, 2.0]));
        assert_eq!(f64x2_trunc(v), f64s([-0.0, 2.0]));
        assert_eq!(f64x2_nearest(v), f64s([-0.0, 2.0]));
        let v = f64s([3.5, -4_503_599_627_370_497.0]);
        assert_eq!(f64x2_nearest(v), f64s([4.0, -4_503_599_627_370_497.0]));
        assert_eq!(f64x2_ceil(v), f64s([4.0, -4_503_599_627_370_497.0]));
        let n = u64s([0x7ff0_0000_0000_0001, F64_CANON]);
        for f in [f64x2_ceil, f64x2_floor, f64x2_trunc, f64x2_nearest] {
            assert_eq!(lanes_u64(f(n)), [0x7ff8_0000_0000_0001, F64_CANON]);
        }
    }

    // ----- conversions -----

    #[test]
    fn trunc_sat_f32() {
        let v = f32s([f32::NAN, 3e9, -3e9, -1.9]);
        assert_eq!(
            i32x4_trunc_sat_f32x4_s(v),
            i32s([0, i32::MAX, i32::MIN, -1])
        );
        assert_eq!(i32x4_trunc_sat_f32x4_u(v), u32s([0, 3_000_000_000, 0, 0]));
        let v = f32s([-0.9, 4.3e9, 2_147_483_520.0, -2_147_483_648.0]);
        assert_eq!(
            i32x4_trunc_sat_f32x4_s(v),
            i32s([0, i32::MAX, 2_147_483_520, i32::MIN])
        );
        assert_eq!(
            i32x4_trunc_sat_f32x4_u(v),
            u32s([0, u32::MAX, 2_147_483_520, 0])
        );
        let v = f32s([f32::INFINITY, f32::NEG_INFINITY, 4_294_967_040.0, 1.99]);
        assert_eq!(
            i32x4_trunc_sat_f32x4_s(v),
            i32s([i32::MAX, i32::MIN, i32::MAX, 1])
        );
        assert_eq!(
            i32x4_trunc_sat_f32x4_u(v),
            u32s([u32::MAX, 0, 4_294_967_040, 1])
        );
    }

    #[test]
    fn trunc_sat_f64_zero() {
        let v = f64s([f64::NAN, -2_147_483_648.9]);
        assert_eq!(i32x4_trunc_sat_f64x2_s_zero(v), i32s([0, i32::MIN, 0, 0]));
        assert_eq!(i32x4_trunc_sat_f64x2_u_zero(v), i32s([0, 0, 0, 0]));
        let v = f64s([2_147_483_647.9, 4_294_967_295.9]);
        assert_eq!(
            i32x4_trunc_sat_f64x2_s_zero(v),
            i32s([i32::MAX, i32::MAX, 0, 0])
        );
        assert_eq!(
            i32x4_trunc_sat_f64x2_u_zero(v),
            u32s([2_147_483_647, u32::MAX, 0, 0])
        );
        let v = f64s([-2_147_483_649.0, 1e10]);
        assert_eq!(
            i32x4_trunc_sat_f64x2_s_zero(v),
            i32s([i32::MIN, i32::MAX, 0, 0])
        );
        assert_eq!(i32x4_trunc_sat_f64x2_u_zero(v), u32s([0, u32::MAX, 0, 0]));
        assert_eq!(
            i32x4_trunc_sat_f64x2_u_zero(f64s([-0.99, 7.5])),
            u32s([0, 7, 0, 0])
        );
    }

    #[test]
    fn int_to_float_conversions() {
        assert_eq!(
            f32x4_convert_i32x4_s(i32s([-1, i32::MIN, 16_777_217, 16_777_219])),
            // 2^24+1 ties to even 2^24; 2^24+3 ties to even 2^24+4
            f32s([-1.0, -2_147_483_648.0, 16_777_216.0, 16_777_220.0])
        );
        assert_eq!(
            f32x4_convert_i32x4_u(u32s([u32::MAX, 0x8000_0000, 1, 16_777_217])),
            f32s([4_294_967_296.0, 2_147_483_648.0, 1.0, 16_777_216.0])
        );
        assert_eq!(
            f64x2_convert_low_i32x4_s(i32s([-1, i32::MIN, 99, 99])),
            f64s([-1.0, -2_147_483_648.0])
        );
        assert_eq!(
            f64x2_convert_low_i32x4_u(i32s([-1, i32::MIN, 99, 99])),
            f64s([4_294_967_295.0, 2_147_483_648.0])
        );
    }

    #[test]
    fn demote_and_promote() {
        // 1 + 2^-24 is a tie -> 1.0; 1 + 3*2^-24 is a tie -> 1 + 2^-22.
        let v = u64s([0x3ff0_0000_1000_0000, 0x3ff0_0000_3000_0000]);
        assert_eq!(
            f32x4_demote_f64x2_zero(v),
            u32s([0x3f80_0000, 0x3f80_0002, 0, 0])
        );
        let v = f64s([1e300, -1e-300]);
        assert_eq!(
            f32x4_demote_f64x2_zero(v),
            u32s([0x7f80_0000, 0x8000_0000, 0, 0])
        );
        let v = u64s([F64_CANON, 0xfff0_0000_2000_0000]);
        let l = lanes_u32(f32x4_demote_f64x2_zero(v));
        assert_eq!(l[0], F32_CANON);
        assert_eq!(l[1], 0xffc0_0001);
        assert_eq!((l[2], l[3]), (0, 0));

        let v = u32s([0x3fa0_0000, 0x8000_0001, 7, 7]);
        assert_eq!(
            f64x2_promote_low_f32x4(v),
            u64s([1.25f64.to_bits(), 0xb6a0_0000_0000_0000])
        );
        let v = u32s([F32_CANON, 0xff80_0001, 0, 0]);
        assert_eq!(
            f64x2_promote_low_f32x4(v),
            u64s([F64_CANON, 0xfff8_0000_2000_0000])
        );
    }

    #[test]
    fn extending_load_helpers() {
        let bytes = u64::from_le_bytes([0x80, 0x7f, 0xff, 0x01, 0x00, 0xfe, 0x12, 0x34]);
        assert_eq!(
            v128_load8x8_s(bytes),
            i16s([-128, 127, -1, 1, 0, -2, 0x12, 0x34])
        );
        assert_eq!(
            v128_load8x8_u(bytes),
            u16s([0x80, 0x7f, 0xff, 0x01, 0x00, 0xfe, 0x12, 0x34])
        );
        assert_eq!(
            v128_load16x4_s(bytes),
            i32s([0x7f80, 0x01ff, -0x0200, 0x3412])
        );
        assert_eq!(
            v128_load16x4_u(bytes),
            u32s([0x7f80, 0x01ff, 0xfe00, 0x3412])
        );
        assert_eq!(v128_load32x2_s(bytes), i64s([0x01ff_7f80, 0x3412_fe00]));
        let neg = u64::from_le_bytes([0, 0, 0, 0x80, 0xff, 0xff, 0xff, 0xff]);
        assert_eq!(v128_load32x2_s(neg), i64s([i64::from(i32::MIN), -1]));
        assert_eq!(v128_load32x2_u(neg), u64s([0x8000_0000, 0xffff_ffff]));
    }

    // ----- relaxed SIMD -----

    #[test]
    fn relaxed_swizzle_is_pshufb() {
        let a = u8s([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
        assert_eq!(i8x16_relaxed_swizzle(a, a), a);
        // 16..=127 wrap to lane index & 15; a set top bit gives 0.
        let idx = u8s([16, 17, 31, 127, 128, 255, 0x8f, 3, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(
            i8x16_relaxed_swizzle(a, idx),
            u8s([0, 1, 15, 15, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0])
        );
    }

    #[test]
    fn relaxed_trunc_signed_is_cvtt() {
        let v = f32s([f32::NAN, 3e9, -3e9, -7.9]);
        assert_eq!(
            i32x4_relaxed_trunc_f32x4_s(v),
            i32s([i32::MIN, i32::MIN, i32::MIN, -7])
        );
        let edge = f32s([2147483520.0, -2147483648.0, 2147483648.0, -0.5]);
        assert_eq!(
            i32x4_relaxed_trunc_f32x4_s(edge),
            i32s([2147483520, i32::MIN, i32::MIN, 0])
        );
        let v = f64s([f64::NAN, -2147483648.9]);
        assert_eq!(
            i32x4_relaxed_trunc_f64x2_s_zero(v),
            i32s([i32::MIN, i32::MIN, 0, 0])
        );
        let v = f64s([2147483647.9, 1e300]);
        assert_eq!(
            i32x4_relaxed_trunc_f64x2_s_zero(v),
            i32s([i32::MAX, i32::MIN, 0, 0])
        );
    }

    #[test]
    fn relaxed_trunc_unsigned_saturates() {
        let v = f32s([f32::NAN, 5e9, -1.0, 7.9]);
        assert_eq!(i32x4_relaxed_trunc_f32x4_u(v), u32s([0, u32::MAX, 0, 7]));
        let v = f64s([f64::NAN, 4294967295.9]);
        assert_eq!(
            i32x4_relaxed_trunc_f64x2_u_zero(v),
            u32s([0, u32::MAX, 0, 0])
        );
    }

    #[test]
    fn relaxed_madd_is_unfused() {
        // Fused, MAX * 2 - MAX is MAX; unfused, the product overflows first.
        let r = f32x4_relaxed_madd(f32s([f32::MAX; 4]), f32s([2.0; 4]), f32s([-f32::MAX; 4]));
        assert_eq!(r, f32s([f32::INFINITY; 4]));
        let r = f64x2_relaxed_madd(f64s([f64::MAX; 2]), f64s([2.0; 2]), f64s([-f64::MAX; 2]));
        assert_eq!(r, f64s([f64::INFINITY; 2]));
        // (1 + e)(1 - e) - 1 is -e^2 fused, 0 with the product rounded.
        let e = f32::EPSILON;
        let (x, y, z) = (f32s([1.0 + e; 4]), f32s([1.0 - e; 4]), f32s([-1.0; 4]));
        assert_eq!(f32x4_relaxed_madd(x, y, z), f32s([0.0; 4]));
        assert_eq!(f32x4_relaxed_nmadd(x, y, f32s([1.0; 4])), f32s([0.0; 4]));
        let e = f64::EPSILON;
        let (x, y) = (f64s([1.0 + e; 2]), f64s([1.0 - e; 2]));
        assert_eq!(f64x2_relaxed_madd(x, y, f64s([-1.0; 2])), f64s([0.0; 2]));
        assert_eq!(
            f64x2_relaxed_nmadd(f64s([2.0, -0.0]), f64s([3.0, 1.0]), f64s([1.0, -0.0])),
            f64s([-5.0, 0.0])
        );
    }

    #[test]
    fn relaxed_laneselect_uses_top_bits_except_i16() {
        let a = u128::MAX;
        let b = 0u128;
        // Byte masks: only the top bit of each byte counts.
        let m = u8s([
            0x80, 0x7f, 0xff, 0, 0x81, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80,
        ]);
        assert_eq!(
            i8x16_relaxed_laneselect(a, b, m),
            u8s([0xff, 0, 0xff, 0, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff])
        );
        let m = u32s([0x8000_0000, 0x7fff_ffff, 0xffff_ffff, 1]);
        assert_eq!(
            i32x4_relaxed_laneselect(a, b, m),
            u32s([u32::MAX, 0, u32::MAX, 0])
        );
        let m = u64s([0x8000_0000_0000_0000, 0x7fff_ffff_ffff_ffff]);
        assert_eq!(i64x2_relaxed_laneselect(a, b, m), u64s([u64::MAX, 0]));
        // 16-bit lanes select bit by bit.
        let m = u16s([0x8001, 0x00ff, 0, 0xffff, 0, 0, 0, 0]);
        assert_eq!(i16x8_relaxed_laneselect(a, b, m), m);
        let (x, y) = (u16s([0x1234; 8]), u16s([0xabcd; 8]));
        assert_eq!(i16x8_relaxed_laneselect(x, y, m), v128_bitselect(x, y, m));
    }

    #[test]
    fn relaxed_min_max_are_minps_maxps() {
        let nan = f32::NAN;
        // A NaN on either side, or two zeros, give the second operand.
        let (a, b) = (f32s([nan, 1.0, 0.0, -0.0]), f32s([2.0, nan, -0.0, 0.0]));
        let min = lanes_u32(f32x4_relaxed_min(a, b));
        assert_eq!(min[0], 2.0f32.to_bits());
        assert!(f32::from_bits(min[1]).is_nan());
        assert_eq!(min[2], (-0.0f32).to_bits());
        assert_eq!(min[3], 0.0f32.to_bits());
        let max = lanes_u32(f32x4_relaxed_max(a, b));
        assert_eq!(max[0], 2.0f32.to_bits());
        assert!(f32::from_bits(max[1]).is_nan());
        assert_eq!(max[2], (-0.0f32).to_bits());
        assert_eq!(max[3], 0.0f32.to_bits());
        assert_eq!(
            f32x4_relaxed_min(f32s([1.0, 5.0, -2.0, 3.0]), f32s([2.0, 4.0, -3.0, 3.0])),
            f32s([1.0, 4.0, -3.0, 3.0])
        );
        assert_eq!(
            f64x2_relaxed_min(f64s([f64::NAN, -0.0]), f64s([1.0, 0.0])),
            f64s([1.0, 0.0])
        );
        assert_eq!(
            f64x2_relaxed_max(f64s([1.0, -1.0]), f64s([2.0, -2.0])),
            f64s([2.0, -1.0])
        );
    }

    #[test]
    fn relaxed_q15mulr_is_pmulhrsw() {
        let a = i16s([i16::MIN, 0x4000, -0x4000, 1, 0x7fff, 3, -3, 0]);
        let b = i16s([i16::MIN, 0x4000, 0x4000, 0x4000, 0x7fff, 0x2aab, 0x2aab, 5]);
        assert_eq!(
            i16x8_relaxed_q15mulr_s(a, b),
            i16s([i16::MIN, 0x2000, -0x2000, 1, 0x7ffe, 1, -1, 0])
        );
    }

    #[test]
    fn relaxed_dot_products_are_pmaddubsw() {
        let a = i8s([1, 2, 3, 4, 5, 6, 7, 8, -1, -2, -3, -4, -5, -6, -7, -8]);
        let b = i8s([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8]);
        assert_eq!(
            i16x8_relaxed_dot_i8x16_i7x16_s(a, b),
            i16s([3, 14, 33, 60, -15, -42, -77, -120])
        );
        // `b` bytes with the top bit set read unsigned; sums saturate.
        let a = i8s([-128, -128, 127, 127, 1, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        let b = i8s([-128, -128, -1, -1, -1, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(
            i16x8_relaxed_dot_i8x16_i7x16_s(a, b),
            i16s([i16::MIN, i16::MAX, 255, -255, 0, 0, 0, 0])
        );
        assert_eq!(
            i32x4_relaxed_dot_i8x16_i7x16_add_s(a, b, i32s([1, 2, 3, 4])),
            i32s([0, 2, 3, 4]) // (-32768 + 32767) + 1, (255 - 255) + 2
        );
        // The final accumulation wraps in 32 bits.
        let one = i8s([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(
            i32x4_relaxed_dot_i8x16_i7x16_add_s(one, one, i32s([i32::MAX, 0, 0, 0])),
            i32s([i32::MIN, 0, 0, 0])
        );
    }
}
