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
