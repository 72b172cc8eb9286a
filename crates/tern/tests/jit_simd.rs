//! SIMD in the JIT tier: every fixed-width SIMD and relaxed-SIMD operator
//! is compiled under `Strategy::Jit` (`Module::native_functions`), and its
//! results equal the interpreter's, bit for bit, on inputs chosen to tell
//! implementations apart (NaNs with payloads, signed zeros, out-of-range
//! conversions, swizzle indices past 15, shifts by the lane width and
//! more); and `v128` values cross every boundary of compiled code: `Func`
//! calls, globals, `call_indirect`, host calls and on-stack replacement.
//!
//! On platforms without the JIT both engines interpret, and the
//! comparisons still hold.

use std::time::{Duration, Instant};
use tern::{Config, Engine, Instance, Linker, Module, Store, Strategy, V128, Val, ValType};

const JIT: bool = cfg!(all(target_arch = "x86_64", target_os = "linux"));

fn engine(strategy: Strategy) -> Engine {
    let mut config = Config::new();
    config.strategy(strategy);
    Engine::new(&config).unwrap()
}

/// `(v128, v128) -> v128` operators.
const BINARY: &[&str] = &[
    "i8x16.swizzle",
    "i8x16.eq",
    "i8x16.ne",
    "i8x16.lt_s",
    "i8x16.lt_u",
    "i8x16.gt_s",
    "i8x16.gt_u",
    "i8x16.le_s",
    "i8x16.le_u",
    "i8x16.ge_s",
    "i8x16.ge_u",
    "i16x8.eq",
    "i16x8.ne",
    "i16x8.lt_s",
    "i16x8.lt_u",
    "i16x8.gt_s",
    "i16x8.gt_u",
    "i16x8.le_s",
    "i16x8.le_u",
    "i16x8.ge_s",
    "i16x8.ge_u",
    "i32x4.eq",
    "i32x4.ne",
    "i32x4.lt_s",
    "i32x4.lt_u",
    "i32x4.gt_s",
    "i32x4.gt_u",
    "i32x4.le_s",
    "i32x4.le_u",
    "i32x4.ge_s",
    "i32x4.ge_u",
    "i64x2.eq",
    "i64x2.ne",
    "i64x2.lt_s",
    "i64x2.gt_s",
    "i64x2.le_s",
    "i64x2.ge_s",
    "f32x4.eq",
    "f32x4.ne",
    "f32x4.lt",
    "f32x4.gt",
    "f32x4.le",
    "f32x4.ge",
    "f64x2.eq",
    "f64x2.ne",
    "f64x2.lt",
    "f64x2.gt",
    "f64x2.le",
    "f64x2.ge",
    "v128.and",
    "v128.andnot",
    "v128.or",
    "v128.xor",
    "i8x16.narrow_i16x8_s",
    "i8x16.narrow_i16x8_u",
    "i8x16.add",
    "i8x16.add_sat_s",
    "i8x16.add_sat_u",
    "i8x16.sub",
    "i8x16.sub_sat_s",
    "i8x16.sub_sat_u",
    "i8x16.min_s",
    "i8x16.min_u",
    "i8x16.max_s",
    "i8x16.max_u",
    "i8x16.avgr_u",
    "i16x8.q15mulr_sat_s",
    "i16x8.narrow_i32x4_s",
    "i16x8.narrow_i32x4_u",
    "i16x8.add",
    "i16x8.add_sat_s",
    "i16x8.add_sat_u",
    "i16x8.sub",
    "i16x8.sub_sat_s",
    "i16x8.sub_sat_u",
    "i16x8.mul",
    "i16x8.min_s",
    "i16x8.min_u",
    "i16x8.max_s",
    "i16x8.max_u",
    "i16x8.avgr_u",
    "i16x8.extmul_low_i8x16_s",
    "i16x8.extmul_high_i8x16_s",
    "i16x8.extmul_low_i8x16_u",
    "i16x8.extmul_high_i8x16_u",
    "i32x4.add",
    "i32x4.sub",
    "i32x4.mul",
    "i32x4.min_s",
    "i32x4.min_u",
    "i32x4.max_s",
    "i32x4.max_u",
    "i32x4.dot_i16x8_s",
    "i32x4.extmul_low_i16x8_s",
    "i32x4.extmul_high_i16x8_s",
    "i32x4.extmul_low_i16x8_u",
    "i32x4.extmul_high_i16x8_u",
    "i64x2.add",
    "i64x2.sub",
    "i64x2.mul",
    "i64x2.extmul_low_i32x4_s",
    "i64x2.extmul_high_i32x4_s",
    "i64x2.extmul_low_i32x4_u",
    "i64x2.extmul_high_i32x4_u",
    "f32x4.add",
    "f32x4.sub",
    "f32x4.mul",
    "f32x4.div",
    "f32x4.min",
    "f32x4.max",
    "f32x4.pmin",
    "f32x4.pmax",
    "f64x2.add",
    "f64x2.sub",
    "f64x2.mul",
    "f64x2.div",
    "f64x2.min",
    "f64x2.max",
    "f64x2.pmin",
    "f64x2.pmax",
    "i8x16.relaxed_swizzle",
    "f32x4.relaxed_min",
    "f32x4.relaxed_max",
    "f64x2.relaxed_min",
    "f64x2.relaxed_max",
    "i16x8.relaxed_q15mulr_s",
    "i16x8.relaxed_dot_i8x16_i7x16_s",
];

/// `(v128) -> v128` operators.
const UNARY: &[&str] = &[
    "v128.not",
    "i8x16.abs",
    "i8x16.neg",
    "i8x16.popcnt",
    "i16x8.extadd_pairwise_i8x16_s",
    "i16x8.extadd_pairwise_i8x16_u",
    "i16x8.abs",
    "i16x8.neg",
    "i16x8.extend_low_i8x16_s",
    "i16x8.extend_high_i8x16_s",
    "i16x8.extend_low_i8x16_u",
    "i16x8.extend_high_i8x16_u",
    "i32x4.extadd_pairwise_i16x8_s",
    "i32x4.extadd_pairwise_i16x8_u",
    "i32x4.abs",
    "i32x4.neg",
    "i32x4.extend_low_i16x8_s",
    "i32x4.extend_high_i16x8_s",
    "i32x4.extend_low_i16x8_u",
    "i32x4.extend_high_i16x8_u",
    "i64x2.abs",
    "i64x2.neg",
    "i64x2.extend_low_i32x4_s",
    "i64x2.extend_high_i32x4_s",
    "i64x2.extend_low_i32x4_u",
    "i64x2.extend_high_i32x4_u",
    "f32x4.ceil",
    "f32x4.floor",
    "f32x4.trunc",
    "f32x4.nearest",
    "f32x4.abs",
    "f32x4.neg",
    "f32x4.sqrt",
    "f64x2.ceil",
    "f64x2.floor",
    "f64x2.trunc",
    "f64x2.nearest",
    "f64x2.abs",
    "f64x2.neg",
    "f64x2.sqrt",
    "i32x4.trunc_sat_f32x4_s",
    "i32x4.trunc_sat_f32x4_u",
    "f32x4.convert_i32x4_s",
    "f32x4.convert_i32x4_u",
    "i32x4.trunc_sat_f64x2_s_zero",
    "i32x4.trunc_sat_f64x2_u_zero",
    "f64x2.convert_low_i32x4_s",
    "f64x2.convert_low_i32x4_u",
    "f32x4.demote_f64x2_zero",
    "f64x2.promote_low_f32x4",
    "i32x4.relaxed_trunc_f32x4_s",
    "i32x4.relaxed_trunc_f32x4_u",
    "i32x4.relaxed_trunc_f64x2_s_zero",
    "i32x4.relaxed_trunc_f64x2_u_zero",
];

/// `(v128, v128, v128) -> v128` operators.
const TERNARY: &[&str] = &[
    "v128.bitselect",
    "f32x4.relaxed_madd",
    "f32x4.relaxed_nmadd",
    "f64x2.relaxed_madd",
    "f64x2.relaxed_nmadd",
    "i8x16.relaxed_laneselect",
    "i16x8.relaxed_laneselect",
    "i32x4.relaxed_laneselect",
    "i64x2.relaxed_laneselect",
    "i32x4.relaxed_dot_i8x16_i7x16_add_s",
];

/// `(v128) -> i32` operators.
const TESTS: &[&str] = &[
    "v128.any_true",
    "i8x16.all_true",
    "i8x16.bitmask",
    "i16x8.all_true",
    "i16x8.bitmask",
    "i32x4.all_true",
    "i32x4.bitmask",
    "i64x2.all_true",
    "i64x2.bitmask",
];

/// `(v128, i32) -> v128` operators.
const SHIFTS: &[&str] = &[
    "i8x16.shl",
    "i8x16.shr_s",
    "i8x16.shr_u",
    "i16x8.shl",
    "i16x8.shr_s",
    "i16x8.shr_u",
    "i32x4.shl",
    "i32x4.shr_s",
    "i32x4.shr_u",
    "i64x2.shl",
    "i64x2.shr_s",
    "i64x2.shr_u",
];

/// Splats, with the scalar type they take.
const SPLATS: &[(&str, &str)] = &[
    ("i8x16.splat", "i32"),
    ("i16x8.splat", "i32"),
    ("i32x4.splat", "i32"),
    ("i64x2.splat", "i64"),
    ("f32x4.splat", "f32"),
    ("f64x2.splat", "f64"),
];

/// Lane accesses: instruction, scalar type, lane count.
const LANES: &[(&str, &str, u8)] = &[
    ("i8x16.extract_lane_s", "i32", 16),
    ("i8x16.extract_lane_u", "i32", 16),
    ("i16x8.extract_lane_s", "i32", 8),
    ("i16x8.extract_lane_u", "i32", 8),
    ("i32x4.extract_lane", "i32", 4),
    ("i64x2.extract_lane", "i64", 2),
    ("f32x4.extract_lane", "f32", 4),
    ("f64x2.extract_lane", "f64", 2),
    ("i8x16.replace_lane", "i32", 16),
    ("i16x8.replace_lane", "i32", 8),
    ("i32x4.replace_lane", "i32", 4),
    ("i64x2.replace_lane", "i64", 2),
    ("f32x4.replace_lane", "f32", 4),
    ("f64x2.replace_lane", "f64", 2),
];

const SHUFFLES: &[[u8; 16]] = &[
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    [
        31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16,
    ],
    [0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23],
    [3, 3, 3, 3, 19, 19, 19, 19, 8, 9, 10, 11, 28, 29, 30, 31],
    [15, 0, 14, 1, 13, 2, 12, 3, 11, 4, 10, 5, 9, 6, 8, 7],
];

/// Loads: instruction, access size.
const LOADS: &[(&str, u32)] = &[
    ("v128.load", 16),
    ("v128.load8x8_s", 8),
    ("v128.load8x8_u", 8),
    ("v128.load16x4_s", 8),
    ("v128.load16x4_u", 8),
    ("v128.load32x2_s", 8),
    ("v128.load32x2_u", 8),
    ("v128.load8_splat", 1),
    ("v128.load16_splat", 2),
    ("v128.load32_splat", 4),
    ("v128.load64_splat", 8),
    ("v128.load32_zero", 4),
    ("v128.load64_zero", 8),
];

/// Lane loads and stores: suffix (`8` for `load8_lane`), lane count.
const LANE_MEMORY: &[(u32, u8)] = &[(8, 16), (16, 8), (32, 4), (64, 2)];

fn f32x4(l: [u32; 4]) -> u128 {
    l.iter()
        .enumerate()
        .fold(0, |a, (i, &x)| a | (u128::from(x) << (32 * i)))
}

fn f64x2(l: [u64; 2]) -> u128 {
    u128::from(l[0]) | (u128::from(l[1]) << 64)
}

fn i16x8(l: [u16; 8]) -> u128 {
    l.iter()
        .enumerate()
        .fold(0, |a, (i, &x)| a | (u128::from(x) << (16 * i)))
}

/// Vectors that tell implementations apart.
fn vectors() -> Vec<u128> {
    let mut v = vec![
        0,
        u128::MAX,
        u128::from_le_bytes([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]),
        // Swizzle indices past 15, and with the top bit set.
        u128::from_le_bytes([
            15, 16, 17, 31, 32, 0x7f, 0x80, 0x81, 0x8f, 0xf0, 0xff, 1, 0x40, 0x10, 0x0f, 0x90,
        ]),
        i16x8([0x8000, 0x7fff, 1, 0xffff, 0x4000, 0xc000, 0x0080, 0xff7f]),
        i16x8([
            0x8000, 0x8000, 0x7fff, 0x7fff, 0xff80, 0x007f, 0x0100, 0xfeff,
        ]),
        f32x4([0x8000_0000, 0x7fff_ffff, 1, 0xffff_ffff]),
        // f32: a signalling NaN with a payload, a negative quiet NaN with a
        // payload, -0, +0.
        f32x4([0x7f80_0001, 0xffc1_2345, 0x8000_0000, 0]),
        f32x4([
            1.5f32.to_bits(),
            (-2.5f32).to_bits(),
            3e9f32.to_bits(),
            (-3e9f32).to_bits(),
        ]),
        f32x4([
            f32::INFINITY.to_bits(),
            f32::NEG_INFINITY.to_bits(),
            0.5f32.to_bits(),
            4294967296.0f32.to_bits(),
        ]),
        f32x4([0, 0x8000_0000, 0x7fa0_0000, 0x7fc0_0000]),
        f32x4([
            2147483520.0f32.to_bits(),
            (-2147483904.0f32).to_bits(),
            1e-40f32.to_bits(),
            (-0.5f32).to_bits(),
        ]),
        // f64: a signalling NaN with a payload and -0; a quiet NaN with a
        // payload and a value past i32.
        f64x2([0x7ff0_0000_0000_0001, 0x8000_0000_0000_0000]),
        f64x2([0xfff8_dead_0000_beef, 3e10f64.to_bits()]),
        f64x2([(-1e300f64).to_bits(), 2.5f64.to_bits()]),
        f64x2([0, f64::NEG_INFINITY.to_bits()]),
        f64x2([(-2147483649.0f64).to_bits(), 4294967295.5f64.to_bits()]),
        f64x2([(-2147483648.9f64).to_bits(), 2147483647.9f64.to_bits()]),
        f64x2([0x8000_0000_0000_0000, 0]),
    ];
    // And a few pseudo-random ones.
    let mut x = 0x9e37_79b9_7f4a_7c15_u64;
    for _ in 0..4 {
        let mut lanes = [0u64; 2];
        for l in &mut lanes {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *l = x;
        }
        v.push(f64x2(lanes));
    }
    v
}

fn scalars(ty: &str) -> Vec<Val> {
    match ty {
        "i32" => [0, -1, 0x1234_5678, 0x80, 0x8000, i32::MIN, 0x7fff_ffff]
            .map(Val::I32)
            .to_vec(),
        "i64" => [0, -1, 0x1234_5678_9abc_def0, i64::MIN, 0x80]
            .map(Val::I64)
            .to_vec(),
        "f32" => [0x7f80_0001, 0xffc1_2345, 0x8000_0000, 0x3fc0_0000]
            .map(Val::F32)
            .to_vec(),
        _ => [
            0x7ff0_0000_0000_0001,
            0xfff8_dead_0000_beef,
            0x8000_0000_0000_0000,
            1.25f64.to_bits(),
        ]
        .map(Val::F64)
        .to_vec(),
    }
}

/// One function per operator (and lane, shuffle, load), exported as `fN`,
/// with its name.
fn operators_module() -> (String, Vec<String>) {
    let mut funcs = Vec::new();
    let mut names = Vec::new();
    let mut add = |name: String, body: String| {
        funcs.push(format!("(func (export \"f{}\") {body})", names.len()));
        names.push(name);
    };
    for op in BINARY {
        add(
            op.to_string(),
            format!("(param v128 v128) (result v128) ({op} (local.get 0) (local.get 1))"),
        );
    }
    for op in UNARY {
        add(
            op.to_string(),
            format!("(param v128) (result v128) ({op} (local.get 0))"),
        );
    }
    for op in TERNARY {
        add(
            op.to_string(),
            format!(
                "(param v128 v128 v128) (result v128) ({op} (local.get 0) (local.get 1) (local.get 2))"
            ),
        );
    }
    for op in TESTS {
        add(
            op.to_string(),
            format!("(param v128) (result i32) ({op} (local.get 0))"),
        );
    }
    for op in SHIFTS {
        add(
            op.to_string(),
            format!("(param v128 i32) (result v128) ({op} (local.get 0) (local.get 1))"),
        );
    }
    for (op, ty) in SPLATS {
        add(
            op.to_string(),
            format!("(param {ty}) (result v128) ({op} (local.get 0))"),
        );
    }
    for (op, ty, n) in LANES {
        for lane in [0, n / 2 - 1, n - 1] {
            let body = if op.contains("extract") {
                format!("(param v128) (result {ty}) ({op} {lane} (local.get 0))")
            } else {
                format!("(param v128 {ty}) (result v128) ({op} {lane} (local.get 0) (local.get 1))")
            };
            add(format!("{op} {lane}"), body);
        }
    }
    for lanes in SHUFFLES {
        let l: Vec<String> = lanes.iter().map(u8::to_string).collect();
        add(
            format!("i8x16.shuffle {}", l.join(" ")),
            format!(
                "(param v128 v128) (result v128) (i8x16.shuffle {} (local.get 0) (local.get 1))",
                l.join(" ")
            ),
        );
    }
    // v128 through control flow: select, block results, branches, loops.
    let control = [
        (
            "select",
            "(param v128 v128 i32) (result v128) (select (local.get 0) (local.get 1) (local.get 2))",
        ),
        (
            "typed select",
            "(param v128 v128 i32) (result v128) (select (result v128) (local.get 0) (local.get 1) (local.get 2))",
        ),
        (
            "if",
            "(param v128 v128 i32) (result v128) (if (result v128) (local.get 2) (then (local.get 0)) (else (i8x16.add (local.get 0) (local.get 1))))",
        ),
        (
            "br_if",
            "(param v128 v128 i32) (result v128) (block (result v128) (br_if 0 (local.get 1) (local.get 2)) (drop) (local.get 0))",
        ),
        (
            "br_table",
            "(param v128 v128 i32) (result v128) block (result v128) block (result v128) local.get 0 local.get 2 br_table 0 1 end local.get 1 i64x2.sub end local.get 1 f32x4.max",
        ),
        (
            "loop",
            "(param v128 v128 i32) (result v128) local.get 0 loop (param v128) (result v128) local.get 1 i16x8.add local.tee 0 local.set 1 local.get 1 local.get 2 i32.const 1 i32.shr_u local.tee 2 i32.const 0xff i32.and br_if 0 end",
        ),
    ];
    for (name, body) in control {
        add(name.to_string(), body.to_string());
    }
    let module = format!("(module\n{}\n)", funcs.join("\n"));
    (module, names)
}

/// Whether `op` is vector float arithmetic whose result, when at least two
/// operand lanes are NaNs, may carry either NaN's payload: the one
/// difference the tiers are allowed (see `jit/translate/simd.rs`).
fn nan_choice(op: &str) -> Option<u32> {
    let arith = ["add", "sub", "mul", "div", "relaxed_madd", "relaxed_nmadd"];
    let (shape, name) = op.split_once('.')?;
    if !arith.contains(&name) {
        return None;
    }
    match shape {
        "f32x4" => Some(32),
        "f64x2" => Some(64),
        _ => None,
    }
}

fn lanes(v: u128, bits: u32) -> Vec<u64> {
    (0..128 / bits)
        .map(|i| ((v >> (i * bits)) & (u128::MAX >> (128 - bits))) as u64)
        .collect()
}

fn is_nan(x: u64, bits: u32) -> bool {
    if bits == 32 {
        f32::from_bits(x as u32).is_nan()
    } else {
        f64::from_bits(x).is_nan()
    }
}

/// Whether the JIT's `got` may differ from the interpreter's `want`.
fn allowed(op: &str, args: &[Val], want: &Val, got: &Val) -> bool {
    let (Some(bits), Val::V128(w), Val::V128(g)) = (nan_choice(op), want, got) else {
        return false;
    };
    let ins: Vec<Vec<u64>> = args
        .iter()
        .map(|a| lanes(u128::from(a.unwrap_v128()), bits))
        .collect();
    let (w, g) = (lanes(u128::from(*w), bits), lanes(u128::from(*g), bits));
    // Two NaNs meet: both operands' lanes, or (`relaxed_madd`,
    // `relaxed_nmadd`) both factors or the product and the addend.
    let two_nans = |i: usize| {
        if op.contains("madd") {
            let product = if bits == 32 {
                (f32::from_bits(ins[0][i] as u32) * f32::from_bits(ins[1][i] as u32)).is_nan()
            } else {
                (f64::from_bits(ins[0][i]) * f64::from_bits(ins[1][i])).is_nan()
            };
            (product && is_nan(ins[2][i], bits))
                || (is_nan(ins[0][i], bits) && is_nan(ins[1][i], bits))
        } else {
            is_nan(ins[0][i], bits) && is_nan(ins[1][i], bits)
        }
    };
    (0..w.len()).all(|i| w[i] == g[i] || (is_nan(w[i], bits) && is_nan(g[i], bits) && two_nans(i)))
}

/// Calls every export `fN` of both instances with every combination of
/// inputs and compares.
fn compare_all(wat: &str, names: &[String]) {
    let interp = engine(Strategy::Interpreter);
    let jit = engine(Strategy::Jit);
    let m_interp = Module::new(&interp, wat).unwrap();
    let m_jit = Module::new(&jit, wat).unwrap();
    if JIT {
        assert_eq!(
            m_jit.native_functions(),
            names.len(),
            "every SIMD function is compiled"
        );
    }
    let mut s_interp = Store::new(&interp, ());
    let mut s_jit = Store::new(&jit, ());
    let i_interp = Instance::new(&mut s_interp, &m_interp, &[]).unwrap();
    let i_jit = Instance::new(&mut s_jit, &m_jit, &[]).unwrap();
    let vectors: Vec<Val> = vectors()
        .into_iter()
        .map(|v| Val::V128(V128::from(v)))
        .collect();
    let mut checked = 0;
    for (i, name) in names.iter().enumerate() {
        let export = format!("f{i}");
        let fi = i_interp.get_func(&mut s_interp, &export).unwrap();
        let fj = i_jit.get_func(&mut s_jit, &export).unwrap();
        let ty = fi.ty(&s_interp);
        let params: Vec<Vec<Val>> = ty
            .params()
            .iter()
            .map(|p| match p {
                ValType::V128 => vectors.clone(),
                ValType::I32 if SHIFTS.contains(&name.as_str()) => [
                    0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, -1,
                ]
                .map(Val::I32)
                .to_vec(),
                other => scalars(&other.to_string()),
            })
            .collect();
        // Every combination (the ternary ones on a subset).
        let mut combos: Vec<Vec<Val>> = vec![Vec::new()];
        for (k, choices) in params.iter().enumerate() {
            let take = if params.len() == 3 && k > 0 {
                8
            } else {
                usize::MAX
            };
            combos = combos
                .into_iter()
                .flat_map(|c| {
                    choices.iter().take(take).map(move |x| {
                        let mut c = c.clone();
                        c.push(*x);
                        c
                    })
                })
                .collect();
        }
        let n = ty.results().len();
        for args in combos {
            let mut want = vec![Val::I32(0); n];
            let mut got = vec![Val::I32(0); n];
            fi.call(&mut s_interp, &args, &mut want).unwrap();
            fj.call(&mut s_jit, &args, &mut got).unwrap();
            let same = want == got || allowed(name, &args, &want[0], &got[0]);
            assert!(
                same,
                "{name} {args:x?}: interpreter {want:x?}, JIT {got:x?}"
            );
            checked += 1;
        }
    }
    assert!(checked > 10_000, "{checked}");
}

#[test]
fn every_simd_operator_is_compiled_and_agrees_with_the_interpreter() {
    let (wat, names) = operators_module();
    compare_all(&wat, &names);
}

#[test]
fn simd_memory_accesses_agree_and_trap_alike() {
    // Loads, lane loads and stores near the end of a 32-bit memory (checked
    // by the guard region) and of a memory64 (checked explicitly), with
    // unaligned addresses.
    let mut funcs = Vec::new();
    let mut names = Vec::new();
    for (mem, idx) in [("$m32", "i32"), ("$m64", "i64")] {
        for (op, _) in LOADS {
            for offset in [0, 3] {
                funcs.push(format!(
                    "(func (export \"f{}\") (param {idx}) (result v128) ({op} {mem} offset={offset} (local.get 0)))",
                    names.len()
                ));
                names.push(format!("{op} {mem} {offset}"));
            }
        }
        for (bits, n) in LANE_MEMORY {
            for lane in [0, n - 1] {
                funcs.push(format!(
                    "(func (export \"f{}\") (param {idx}) (result v128) (v128.load{bits}_lane {mem} offset=1 {lane} (local.get 0) (v128.const i64x2 -1 0x1234)))",
                    names.len()
                ));
                names.push(format!("load{bits}_lane {mem} {lane}"));
                funcs.push(format!(
                    "(func (export \"f{}\") (param {idx}) (result v128) (v128.store{bits}_lane {mem} offset=2 {lane} (local.get 0) (v128.const i64x2 0x0102030405060708 0x1112131415161718)) (v128.load {mem} (local.get 0)))",
                    names.len()
                ));
                names.push(format!("store{bits}_lane {mem} {lane}"));
            }
        }
        funcs.push(format!(
            "(func (export \"f{}\") (param {idx}) (result v128) (v128.store {mem} offset=5 (local.get 0) (v128.const i32x4 1 2 3 4)) (v128.load {mem} offset=4 (local.get 0)))",
            names.len()
        ));
        names.push(format!("store {mem}"));
        // An unaligned load that could be an instruction's memory operand.
        funcs.push(format!(
            "(func (export \"f{}\") (param {idx}) (result v128) (i32x4.add (v128.const i32x4 1 2 3 4) (v128.load {mem} offset=1 (local.get 0))))",
            names.len()
        ));
        names.push(format!("load into add {mem}"));
    }
    let wat = format!(
        "(module (memory $m32 (export \"m32\") 1) (memory $m64 (export \"m64\") i64 1)
           (data (memory $m32) (i32.const 0) \"\\01\\82\\03\\84\\05\\86\\07\\88\\09\\8a\\0b\\8c\\0d\\8e\\0f\\90\\ff\\fe\")
           (data (memory $m64) (i64.const 65500) \"\\01\\82\\03\\84\\05\\86\\07\\88\\09\\8a\\0b\\8c\\0d\\8e\\0f\\90\\ff\\fe\")
           {})",
        funcs.join("\n")
    );
    let interp = engine(Strategy::Interpreter);
    let jit = engine(Strategy::Jit);
    let m_interp = Module::new(&interp, &wat).unwrap();
    let m_jit = Module::new(&jit, &wat).unwrap();
    if JIT {
        assert_eq!(m_jit.native_functions(), names.len());
    }
    let mut s_interp = Store::new(&interp, ());
    let mut s_jit = Store::new(&jit, ());
    let i_interp = Instance::new(&mut s_interp, &m_interp, &[]).unwrap();
    let i_jit = Instance::new(&mut s_jit, &m_jit, &[]).unwrap();
    for (i, name) in names.iter().enumerate() {
        let export = format!("f{i}");
        let fi = i_interp.get_func(&mut s_interp, &export).unwrap();
        let fj = i_jit.get_func(&mut s_jit, &export).unwrap();
        let is_64 = name.contains("$m64");
        for addr in [
            0u64,
            1,
            7,
            65500,
            65518,
            65519,
            65520,
            65521,
            65535,
            65536,
            1 << 32,
        ] {
            let arg = if is_64 {
                Val::I64(addr as i64)
            } else {
                Val::I32(addr as i32)
            };
            let mut want = [Val::I32(0)];
            let mut got = [Val::I32(0)];
            let a = fi.call(&mut s_interp, &[arg], &mut want);
            let b = fj.call(&mut s_jit, &[arg], &mut got);
            match (a, b) {
                (Ok(()), Ok(())) => assert_eq!(want, got, "{name} at {addr}"),
                (Err(a), Err(b)) => assert_eq!(a.trap(), b.trap(), "{name} at {addr}"),
                (a, b) => panic!("{name} at {addr}: interpreter {a:?}, JIT {b:?}"),
            }
        }
    }
    // The stores left the same bytes in both memories.
    for mem in ["m32", "m64"] {
        let a = i_interp.get_memory(&mut s_interp, mem).unwrap();
        let b = i_jit.get_memory(&mut s_jit, mem).unwrap();
        assert!(a.data(&s_interp) == b.data(&s_jit), "{mem}");
    }
}

#[test]
fn v128_crosses_globals_indirect_calls_and_host_calls() {
    let wat = r#"(module
      (import "host" "swap" (func $swap (param v128 i32 v128) (result v128 i64 v128)))
      (type $t (func (param v128 i32 v128) (result v128 i64 v128)))
      (table 2 funcref)
      (elem (i32.const 0) $swap $mix)
      (global $g (export "g") (mut v128) (v128.const i32x4 1 2 3 4))
      (func $mix (param v128 i32 v128) (result v128 i64 v128)
        (i32x4.add (local.get 0) (i32x4.splat (local.get 1)))
        (i64.extend_i32_u (local.get 1))
        (f32x4.min (local.get 2) (local.get 0)))
      (func (export "get") (result v128) (global.get $g))
      (func (export "set") (param v128) (global.set $g (local.get 0)))
      (func (export "indirect") (param v128 i32 v128 i32) (result v128 i64 v128)
        (call_indirect (type $t) (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
      (func (export "tail") (param v128 i32 v128 i32) (result v128 i64 v128)
        (return_call_indirect (type $t) (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
      (func (export "through") (param v128 v128) (result v128)
        (local $a v128) (local $b i64) (local $c v128)
        (call $swap (local.get 0) (i32.const 7) (local.get 1))
        (local.set $c) (local.set $b) (local.set $a)
        (global.set $g (i8x16.add (local.get $a) (local.get $c)))
        (i64x2.add (global.get $g) (i64x2.splat (local.get $b)))))"#;
    for strategy in [Strategy::Interpreter, Strategy::Jit] {
        let engine = engine(strategy);
        let module = Module::new(&engine, wat).unwrap();
        let mut linker = Linker::new(&engine);
        linker
            .func_wrap("host", "swap", |a: V128, n: i32, b: V128| {
                (b, i64::from(n) * 3, a)
            })
            .unwrap();
        let mut store = Store::new(&engine, ());
        let inst = linker.instantiate(&mut store, &module).unwrap();
        if JIT && strategy == Strategy::Jit {
            assert_eq!(module.native_functions(), 6);
        }
        let get = inst.get_typed_func::<(), V128>(&mut store, "get").unwrap();
        let set = inst.get_typed_func::<V128, ()>(&mut store, "set").unwrap();
        let x = 0x0123_4567_89ab_cdef_fedc_ba98_7654_3210_u128;
        assert_eq!(
            u128::from(get.call(&mut store, ()).unwrap()),
            f32x4([1, 2, 3, 4])
        );
        set.call(&mut store, V128::from(x)).unwrap();
        assert_eq!(u128::from(get.call(&mut store, ()).unwrap()), x);
        let global = inst.get_global(&mut store, "g").unwrap();
        assert_eq!(global.get(&mut store), Val::V128(V128::from(x)));

        let a = f32x4([0x7f80_0001, 0x8000_0000, 5, 6]);
        let b = f32x4([1, 0, 0xffc1_2345, 0x4000_0000]);
        for name in ["indirect", "tail"] {
            let f = inst
                .get_typed_func::<(V128, i32, V128, i32), (V128, i64, V128)>(&mut store, name)
                .unwrap();
            let (r0, r1, r2) = f
                .call(&mut store, (V128::from(a), 9, V128::from(b), 0))
                .unwrap();
            assert_eq!(
                (u128::from(r0), r1, u128::from(r2)),
                (b, 27, a),
                "{name} host"
            );
            let (r0, r1, r2) = f
                .call(&mut store, (V128::from(a), 9, V128::from(b), 1))
                .unwrap();
            let sum = f32x4([0x7f80_000a, 0x8000_0009, 14, 15]);
            // min(b, a): lane 0 the quiet NaN of a, lane 1 -0, lane 2 the
            // quiet NaN of b, lane 3 a's 6.
            let min = f32x4([0x7fc0_0001, 0x8000_0000, 0xffc1_2345, 6]);
            assert_eq!(
                (u128::from(r0), r1, u128::from(r2)),
                (sum, 9, min),
                "{name} mix"
            );
        }
        let through = inst
            .get_typed_func::<(V128, V128), V128>(&mut store, "through")
            .unwrap();
        let r = through
            .call(&mut store, (V128::from(1u128), V128::from(2u128 << 64)))
            .unwrap();
        // a = 2 << 64, c = 1; g = a + c (bytes); result g + splat(21).
        assert_eq!(u128::from(r), ((2u128 + 21) << 64) | (1 + 21));
        assert_eq!(
            u128::from(get.call(&mut store, ()).unwrap()),
            (2u128 << 64) | 1
        );
    }
}

#[test]
fn a_loop_carrying_a_v128_moves_to_compiled_code() {
    // One call, one loop with v128 locals around an i32 one: the OSR entry
    // reads them from the interpreter's slots (two per v128).
    let wat = r#"(module
      (func (export "run") (param $n i32) (param $seed v128) (result v128 i32)
        (local $acc v128) (local $i i32) (local $step v128)
        (local.set $step (i32x4.splat (i32.const 3)))
        (local.set $acc (local.get $seed))
        (loop $l
          (local.set $acc (i32x4.add (local.get $acc) (local.get $step)))
          (local.set $step (i32x4.replace_lane 3 (local.get $step) (local.get $i)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
        (local.get $acc) (local.get $i)))"#;
    let mut config = Config::new();
    config.strategy(Strategy::Tiered).tier_up_threshold(100);
    let engine = Engine::new(&config).unwrap();
    let module = Module::new(&engine, wat).unwrap();
    let mut store = Store::new(&engine, ());
    let inst = Instance::new(&mut store, &module, &[]).unwrap();
    let run = inst
        .get_typed_func::<(i32, V128), (V128, i32)>(&mut store, "run")
        .unwrap();
    let n: u32 = 20_000_000;
    let seed = f32x4([10, 20, 30, 0x8000_0000]);
    // Lanes 0..2 gain 3 per iteration; lane 3 gains 3, then i - 1 each
    // iteration after the first (step's lane 3 holds the previous i).
    let lane3 = 0x8000_0000u32
        .wrapping_add(3)
        .wrapping_add(((u64::from(n) - 1) * u64::from(n - 2) / 2) as u32);
    let want = f32x4([
        10u32.wrapping_add(3 * n),
        20u32.wrapping_add(3 * n),
        30u32.wrapping_add(3 * n),
        lane3,
    ]);
    let start = Instant::now();
    loop {
        let (acc, i) = run.call(&mut store, (n as i32, V128::from(seed))).unwrap();
        assert_eq!((u128::from(acc), i as u32), (want, n));
        if !JIT || module.osr_transfers() > 0 {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the loop never moved to compiled code"
        );
    }
}
