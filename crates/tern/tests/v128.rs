//! `v128` values at the embedding boundary: arguments and results of
//! [`Func::call`], host functions, globals, and mixed with scalars (a `v128`
//! takes two interpreter slots, so every value after it moves).

use tern::{
    Caller, Config, Engine, FuncType, Global, GlobalType, Instance, Linker, Module, Mutability,
    Store, V128, Val, ValType,
};

type TestResult = tern::Result<()>;

fn engine() -> Engine {
    let mut config = Config::new();
    config.wasm_simd(true);
    Engine::new(&config).unwrap()
}

const A: u128 = 0x0011_2233_4455_6677_8899_aabb_ccdd_eeff;
const B: u128 = 0xfedc_ba98_7654_3210_0123_4567_89ab_cdef;

#[test]
fn v128_arguments_and_results_keep_their_neighbours() -> TestResult {
    let engine = engine();
    let module = Module::new(
        &engine,
        r#"(module
          (func (export "swap") (param i32 v128 i64 v128 f32) (result f32 v128 i64 v128 i32)
            (local.get 4) (local.get 3) (local.get 2) (local.get 1) (local.get 0))
          (func (export "pick") (param v128 v128 i32) (result v128)
            (select (local.get 0) (local.get 1) (local.get 2)))
          (func (export "through_blocks") (param v128 i32) (result i32 v128)
            (local v128)
            (local.set 2 (local.get 0))
            (block (result i32 v128)
              (i32.const 7) (local.get 2)
              (br_if 0 (local.get 1))
              (drop) (drop)
              (i32.const 8) (v128.const i64x2 1 2))))"#,
    )?;
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[])?;
    let swap = instance.get_func(&store, "swap").unwrap();
    let mut results = [Val::I32(0); 5];
    swap.call(
        &mut store,
        &[
            Val::I32(-5),
            Val::V128(A.into()),
            Val::I64(1 << 40),
            Val::V128(B.into()),
            Val::from(2.5f32),
        ],
        &mut results,
    )?;
    assert_eq!(
        results,
        [
            Val::from(2.5f32),
            Val::V128(B.into()),
            Val::I64(1 << 40),
            Val::V128(A.into()),
            Val::I32(-5)
        ]
    );

    let pick = instance.get_func(&store, "pick").unwrap();
    let mut out = [Val::I32(0)];
    for (cond, expected) in [(1, A), (0, B)] {
        pick.call(
            &mut store,
            &[Val::V128(A.into()), Val::V128(B.into()), Val::I32(cond)],
            &mut out,
        )?;
        assert_eq!(out[0].unwrap_v128().as_u128(), expected, "select {cond}");
    }

    let blocks = instance.get_func(&store, "through_blocks").unwrap();
    let mut out = [Val::I32(0); 2];
    blocks.call(&mut store, &[Val::V128(A.into()), Val::I32(1)], &mut out)?;
    assert_eq!(out, [Val::I32(7), Val::V128(A.into())]);
    blocks.call(&mut store, &[Val::V128(A.into()), Val::I32(0)], &mut out)?;
    assert_eq!(out, [Val::I32(8), Val::V128((2u128 << 64 | 1).into())]);
    Ok(())
}

#[test]
fn host_functions_take_and_return_v128() -> TestResult {
    let engine = engine();
    let module = Module::new(
        &engine,
        r#"(module
          (import "host" "mix" (func $mix (param i64 v128 i32) (result v128 i64)))
          (func (export "go") (param v128) (result v128 i64)
            (call $mix (i64.const 3) (local.get 0) (i32.const 4))))"#,
    )?;
    let mut linker = Linker::new(&engine);
    linker.func_new(
        "host",
        "mix",
        FuncType::new(
            [ValType::I64, ValType::V128, ValType::I32],
            [ValType::V128, ValType::I64],
        ),
        |_: Caller<'_, ()>, params: &[Val], results: &mut [Val]| {
            let v = params[1].unwrap_v128().as_u128();
            results[0] = Val::V128((!v).into());
            results[1] = Val::I64(params[0].unwrap_i64() * i64::from(params[2].unwrap_i32()));
            Ok(())
        },
    )?;
    let mut store = Store::new(&engine, ());
    let instance = linker.instantiate(&mut store, &module)?;
    let go = instance.get_func(&store, "go").unwrap();
    let mut out = [Val::I32(0); 2];
    go.call(&mut store, &[Val::V128(A.into())], &mut out)?;
    assert_eq!(out, [Val::V128((!A).into()), Val::I64(12)]);
    Ok(())
}

#[test]
fn v128_globals_hold_all_128_bits() -> TestResult {
    let engine = engine();
    let module = Module::new(
        &engine,
        r#"(module
          (global $g (export "g") (mut v128) (v128.const i32x4 1 2 3 4))
          (global $c (export "c") v128 (v128.const i64x2 5 6))
          (func (export "rotate") (result v128)
            (global.set $g (global.get $c))
            (global.get $g)))"#,
    )?;
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[])?;
    let g = instance.get_global(&mut store, "g").unwrap();
    let initial: u128 = 1 | 2 << 32 | 3 << 64 | 4 << 96;
    assert_eq!(g.get(&mut store).unwrap_v128().as_u128(), initial);
    g.set(&mut store, Val::V128(B.into()))?;
    assert_eq!(g.get(&mut store).unwrap_v128().as_u128(), B);
    let rotate = instance.get_func(&store, "rotate").unwrap();
    let mut out = [Val::I32(0)];
    rotate.call(&mut store, &[], &mut out)?;
    assert_eq!(out[0].unwrap_v128().as_u128(), 5 | 6 << 64);
    assert_eq!(g.get(&mut store).unwrap_v128().as_u128(), 5 | 6 << 64);

    let host = Global::new(
        &mut store,
        GlobalType::new(ValType::V128, Mutability::Const),
        Val::V128(V128::from_le_bytes([9; 16])),
    )?;
    assert_eq!(host.get(&mut store).unwrap_v128().to_le_bytes(), [9; 16]);
    assert_eq!(Val::default_for(&ValType::V128), Some(Val::V128(0.into())));
    Ok(())
}

/// Relaxed SIMD gives the documented x86-64 results (the ones the JIT tier
/// will produce), not merely one the proposal allows: each case below has
/// another allowed answer that Tern must not give.
#[test]
fn relaxed_simd_follows_the_x86_choices() -> TestResult {
    let engine = engine();
    let module = Module::new(
        &engine,
        r#"(module
          (func (export "swizzle") (result v128)
            (i8x16.relaxed_swizzle
              (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)
              (v128.const i8x16 17 128 0 0 0 0 0 0 0 0 0 0 0 0 0 0)))
          (func (export "trunc") (result v128)
            (i32x4.relaxed_trunc_f32x4_s (v128.const f32x4 nan 3e9 -3e9 -1.5)))
          (func (export "madd") (result v128)
            (f32x4.relaxed_madd (v128.const f32x4 3.4e38 0 0 0)
              (v128.const f32x4 2 0 0 0) (v128.const f32x4 -3.4e38 0 0 0)))
          (func (export "laneselect") (result v128)
            (i32x4.relaxed_laneselect (v128.const i32x4 -1 -1 -1 -1)
              (v128.const i32x4 0 0 0 0) (v128.const i32x4 0x80000000 0x7fffffff 0 -1)))
          (func (export "min") (result v128)
            (f32x4.relaxed_min (v128.const f32x4 nan 0 -0 1) (v128.const f32x4 2 -0 0 nan)))
          (func (export "q15") (result v128)
            (i16x8.relaxed_q15mulr_s (v128.const i16x8 -32768 0 0 0 0 0 0 0)
              (v128.const i16x8 -32768 0 0 0 0 0 0 0)))
          (func (export "dot") (result v128)
            (i16x8.relaxed_dot_i8x16_i7x16_s
              (v128.const i8x16 127 127 0 0 0 0 0 0 0 0 0 0 0 0 0 0)
              (v128.const i8x16 -1 -1 0 0 0 0 0 0 0 0 0 0 0 0 0 0))))"#,
    )?;
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[])?;
    let mut call = |name: &str| -> tern::Result<u128> {
        let mut out = [Val::I32(0)];
        instance
            .get_func(&store, name)
            .unwrap()
            .call(&mut store, &[], &mut out)?;
        Ok(out[0].unwrap_v128().as_u128())
    };
    // pshufb: 17 wraps to lane 1 (swizzle would give 0); 128 gives 0.
    assert_eq!(call("swizzle")? & 0xffff, 0x0001);
    // cvttps2dq: NaN and both overflows give i32::MIN (trunc_sat: 0, MAX, MIN).
    assert_eq!(
        call("trunc")?,
        u128::from_le_bytes(
            [i32::MIN, i32::MIN, i32::MIN, -1]
                .map(i32::to_le_bytes)
                .concat()
                .try_into()
                .unwrap()
        )
    );
    // Unfused: the product overflows to infinity (fused would give 3.4e38).
    assert_eq!(call("madd")? as u32, f32::INFINITY.to_bits());
    // blendvps: only each lane's top bit counts.
    assert_eq!(call("laneselect")?, 0xffff_ffff | (0xffff_ffff << 96));
    // minps a, b: NaN or two zeros give b.
    let min = call("min")?;
    let lane = |i: u32| f32::from_bits((min >> (32 * i)) as u32);
    assert_eq!(lane(0), 2.0);
    assert_eq!(lane(1).to_bits(), (-0.0f32).to_bits());
    assert_eq!(lane(2).to_bits(), 0.0f32.to_bits());
    assert!(lane(3).is_nan());
    // pmulhrsw: 0x8000 * 0x8000 stays 0x8000 (saturating would give 0x7fff).
    assert_eq!(call("q15")? & 0xffff, 0x8000);
    // pmaddubsw: 0xff read unsigned, 2 * 127 * 255 saturates to 0x7fff.
    assert_eq!(call("dot")? & 0xffff, 0x7fff);
    Ok(())
}

/// `V128` is a [`tern::WasmTy`]: typed calls and typed host functions carry
/// it in two slots, and the values after it land where they belong.
#[test]
fn typed_funcs_take_and_return_v128() -> TestResult {
    let engine = engine();
    let module = Module::new(
        &engine,
        r#"(module
          (import "host" "xor" (func $xor (param v128 i32 v128) (result i64 v128)))
          (func (export "mix") (param i32 v128 f64 v128) (result v128 f64 i32)
            (call $xor (local.get 1) (local.get 0) (local.get 3))
            (local.set 1)
            (drop)
            (local.get 1) (local.get 2) (local.get 0)))"#,
    )?;
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    linker.func_wrap("host", "xor", |a: V128, n: i32, b: V128| {
        (i64::from(n), V128::from(a.as_u128() ^ b.as_u128()))
    })?;
    let instance = linker.instantiate(&mut store, &module)?;
    let mix =
        instance.get_typed_func::<(i32, V128, f64, V128), (V128, f64, i32)>(&mut store, "mix")?;
    let (v, f, i) = mix.call(&mut store, (-3, V128::from(A), 1.25, V128::from(B)))?;
    assert_eq!(v.as_u128(), A ^ B);
    assert_eq!(f, 1.25);
    assert_eq!(i, -3);
    // A mismatched signature is still refused.
    assert!(
        instance
            .get_typed_func::<(i32, i64, f64, V128), (V128, f64, i32)>(&mut store, "mix")
            .is_err()
    );
    Ok(())
}
