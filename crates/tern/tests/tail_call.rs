//! Tail calls (`return_call`, `return_call_indirect`) run in constant
//! call-stack space: ten million mutually tail-calling functions complete on
//! a call stack of a few frames, where the same program with plain calls
//! traps with "call stack exhausted".

use tern::{Caller, Config, Engine, Instance, Linker, Module, Store, Trap};

/// Call depth and value stack far below what 10 million nested calls need.
fn small_stack_engine() -> Engine {
    let mut config = Config::new();
    config.max_call_depth(16).max_wasm_stack(64 * 1024);
    Engine::new(&config).unwrap()
}

/// `even`/`odd` calling each other `n` times, with `to_odd` and `to_even`;
/// the parameters include an i64 and a float so the argument move is checked.
fn even_odd(to_odd: &str, to_even: &str) -> String {
    format!(
        r#"(module
          (type $t (func (param i32 i64 f64) (result i32 i64 f64)))
          (table funcref (elem $even $odd))
          (func $even (export "even") (type $t)
            (if (result i32 i64 f64) (i32.eqz (local.get 0))
              (then (i32.const 1) (local.get 1) (local.get 2))
              (else
                (i32.sub (local.get 0) (i32.const 1))
                (i64.add (local.get 1) (i64.const 3))
                (f64.add (local.get 2) (f64.const 0.5))
                {to_odd})))
          (func $odd (type $t)
            (if (result i32 i64 f64) (i32.eqz (local.get 0))
              (then (i32.const 0) (local.get 1) (local.get 2))
              (else
                (i32.sub (local.get 0) (i32.const 1))
                (i64.add (local.get 1) (i64.const 3))
                (f64.add (local.get 2) (f64.const 0.5))
                {to_even}))))"#
    )
}

const N: i32 = 10_000_000;

#[test]
fn ten_million_mutual_tail_calls_run_in_constant_stack() {
    let engine = small_stack_engine();
    let module = Module::new(&engine, even_odd("return_call $odd", "return_call $even")).unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    let even = instance
        .get_typed_func::<(i32, i64, f64), (i32, i64, f64)>(&mut store, "even")
        .unwrap();
    let (is_even, sum, half) = even.call(&mut store, (N, 0, 0.0)).unwrap();
    assert_eq!(is_even, 1);
    assert_eq!(sum, 3 * i64::from(N));
    assert_eq!(half, f64::from(N) / 2.0);
    let (is_even, ..) = even.call(&mut store, (N - 1, 0, 0.0)).unwrap();
    assert_eq!(is_even, 0);
}

#[test]
fn the_same_program_with_plain_calls_exhausts_the_stack() {
    // Proves the test above can fail: without tail calls, the frames pile up.
    let engine = small_stack_engine();
    let module = Module::new(&engine, even_odd("call $odd", "call $even")).unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    let even = instance
        .get_typed_func::<(i32, i64, f64), (i32, i64, f64)>(&mut store, "even")
        .unwrap();
    let error = even.call(&mut store, (1000, 0, 0.0)).unwrap_err();
    assert_eq!(error.trap(), Some(Trap::StackOverflow));
}

#[test]
fn ten_million_indirect_tail_calls_run_in_constant_stack() {
    let engine = small_stack_engine();
    let wat = even_odd(
        "(i32.const 1) return_call_indirect (type $t)",
        "(i32.const 0) return_call_indirect (type $t)",
    );
    let module = Module::new(&engine, wat).unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    let even = instance
        .get_typed_func::<(i32, i64, f64), (i32, i64, f64)>(&mut store, "even")
        .unwrap();
    assert_eq!(
        even.call(&mut store, (N, 0, 0.0)).unwrap(),
        (1, 3 * i64::from(N), f64::from(N) / 2.0)
    );
}

#[test]
fn tail_call_to_a_host_function_returns_its_results() {
    let engine = small_stack_engine();
    let module = Module::new(
        &engine,
        r#"(module
          (import "host" "twice" (func $twice (param i32) (result i32 i32)))
          (type $h (func (param i32) (result i32 i32)))
          (table funcref (elem $twice))
          (func (export "direct") (param i32) (result i32 i32)
            (return_call $twice (i32.add (local.get 0) (i32.const 1))))
          (func (export "indirect") (param i32) (result i32 i32)
            (return_call_indirect (type $h) (local.get 0) (i32.const 0)))
          (func (export "bad") (param i32) (result i32 i32)
            (return_call_indirect (type $h) (local.get 0) (i32.const 1))))"#,
    )
    .unwrap();
    let mut linker = Linker::new(&engine);
    linker
        .func_wrap("host", "twice", |_: Caller<'_, ()>, x: i32| (x, x * 2))
        .unwrap();
    let mut store = Store::new(&engine, ());
    let instance = linker.instantiate(&mut store, &module).unwrap();
    let direct = instance
        .get_typed_func::<i32, (i32, i32)>(&mut store, "direct")
        .unwrap();
    assert_eq!(direct.call(&mut store, 20).unwrap(), (21, 42));
    let indirect = instance
        .get_typed_func::<i32, (i32, i32)>(&mut store, "indirect")
        .unwrap();
    assert_eq!(indirect.call(&mut store, 7).unwrap(), (7, 14));
    let bad = instance
        .get_typed_func::<i32, (i32, i32)>(&mut store, "bad")
        .unwrap();
    assert_eq!(
        bad.call(&mut store, 7).unwrap_err().trap(),
        Some(Trap::TableOutOfBounds)
    );
}

#[test]
fn tail_call_across_instances_switches_memory() {
    // `b` tail-calls `a`'s function, which reads `a`'s memory: the frame
    // must take over the callee's instance.
    let engine = small_stack_engine();
    let a = Module::new(
        &engine,
        r#"(module
          (memory (export "mem") 1)
          (data (i32.const 0) "\2a")
          (func (export "peek") (param i32) (result i32)
            (i32.load8_u (local.get 0))))"#,
    )
    .unwrap();
    let b = Module::new(
        &engine,
        r#"(module
          (import "a" "peek" (func $peek (param i32) (result i32)))
          (memory 1)
          (func (export "run") (result i32)
            (return_call $peek (i32.const 0))))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    let a = linker.instantiate(&mut store, &a).unwrap();
    linker.instance(&mut store, "a", a).unwrap();
    let b = linker.instantiate(&mut store, &b).unwrap();
    let run = b.get_typed_func::<(), i32>(&mut store, "run").unwrap();
    assert_eq!(run.call(&mut store, ()).unwrap(), 42);
}
