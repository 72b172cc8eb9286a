//! The interpreter never grows the native stack per executed instruction.
//!
//! In optimized builds each instruction's handler ends by calling the next
//! one in tail position, which LLVM compiles as a jump; a handler where that
//! fails would push a native frame per execution and overflow a small stack
//! within a few thousand iterations. This runs a loop touching many kinds of
//! instructions 200 000 times on a thread with a 256 KiB stack.

use tern::{Engine, Linker, Module, Store};

const LOOP: &str = r#"
(module
  (import "host" "id" (func $id (param i64) (result i64)))
  (type $ii (func (param i32) (result i32)))
  (memory 1)
  (table 2 funcref)
  (elem (i32.const 0) $inc $dbl)
  (global $g (mut i64) (i64.const 0))
  (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
  (func $dbl (type $ii) (i32.shl (local.get 0) (i32.const 1)))
  (func (export "run") (param $n i32) (result i64)
    (local $i i32) (local $acc i64) (local $f f64)
    (loop $top
      ;; arithmetic, conversions, select
      (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get $i))))
      (local.set $f (f64.add (local.get $f) (f64.convert_i32_s (local.get $i))))
      (local.set $acc (select (local.get $acc) (i64.const 0) (i32.ge_s (local.get $i) (i32.const 0))))
      ;; memory
      (i64.store offset=8 (i32.and (local.get $i) (i32.const 1023)) (local.get $acc))
      (local.set $acc (i64.load offset=8 (i32.and (local.get $i) (i32.const 1023))))
      (memory.fill (i32.const 2048) (local.get $i) (i32.const 16))
      (memory.copy (i32.const 4096) (i32.const 2048) (i32.const 16))
      ;; globals, calls of every kind
      (global.set $g (i64.add (global.get $g) (i64.const 1)))
      (drop (call $inc (local.get $i)))
      (drop (call_indirect (type $ii) (i32.const 7) (i32.and (local.get $i) (i32.const 1))))
      (local.set $acc (call $id (local.get $acc)))
      ;; tables, br_table
      (table.set (i32.const 1) (table.get (i32.const 1)))
      (block $a (block $b
        (br_table $a $b (i32.and (local.get $i) (i32.const 1)))))
      (br_if $top (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                            (local.get $n))))
    (i64.add (local.get $acc) (global.get $g))))
"#;

#[test]
fn a_long_loop_runs_on_a_small_native_stack() {
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(|| -> tern::Result<i64> {
            let engine = Engine::default();
            let module = Module::new(&engine, LOOP)?;
            let mut store = Store::new(&engine, ());
            let mut linker = Linker::new(&engine);
            linker.func_wrap("host", "id", |x: i64| x)?;
            let instance = linker.instantiate(&mut store, &module)?;
            let run = instance.get_typed_func::<i32, i64>(&mut store, "run")?;
            run.call(&mut store, 200_000)
        })
        .unwrap();
    let n: i64 = 200_000;
    // acc = sum of 0..n, plus the global incremented n times.
    assert_eq!(handle.join().unwrap().unwrap(), n * (n - 1) / 2 + n);
}

#[test]
fn the_optimized_backend_is_the_one_tested() {
    // The workspace builds `tern` with opt-level 3 in every profile, so tests
    // exercise the tail-call backend that release builds ship.
    assert_eq!(tern::interpreter_dispatch(), "tail-call");
}
