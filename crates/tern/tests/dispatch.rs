//! The interpreter never grows the native stack per executed instruction.
//!
//! In optimized builds each instruction's handler ends by calling the next
//! one in tail position, which LLVM compiles as a jump; a handler where that
//! fails would push a native frame per execution and overflow a small stack
//! within a few thousand iterations. This runs a loop touching many kinds of
//! instructions 200 000 times on a thread with a 256 KiB stack.

use tern::{Config, Engine, Instance, Linker, Module, Store, StoreLimitsBuilder, Strategy};

const LOOP: &str = r#"
(module
  (import "host" "id" (func $id (param i64) (result i64)))
  (type $ii (func (param i32) (result i32)))
  (memory 1 2)
  (table 2 funcref)
  (table $ext 0 4 externref)
  (elem (i32.const 0) $inc $dbl)
  (elem $passive funcref (ref.func $inc))
  (data $bytes "0123456789abcdef")
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
      ;; growth (refused once at the maximum) and sizes
      (drop (memory.grow (i32.const 1)))
      (drop (memory.size))
      (drop (table.grow $ext (ref.null extern) (i32.const 1)))
      (drop (table.size $ext))
      ;; bulk table and segment operations
      (table.fill $ext (i32.const 0) (ref.null extern) (table.size $ext))
      (table.copy (i32.const 1) (i32.const 0) (i32.const 1))
      (table.copy (i32.const 0) (i32.const 1) (i32.const 1))
      (memory.init $bytes (i32.const 8192) (i32.const 0) (i32.const 16))
      (table.init $passive (i32.const 0) (i32.const 0) (i32.const 0))
      ;; tables, br_table
      (table.set (i32.const 1) (table.get (i32.const 1)))
      (block $a (block $b
        (br_table $a $b (i32.and (local.get $i) (i32.const 1)))))
      (br_if $top (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                            (local.get $n))))
    (i64.add (local.get $acc) (global.get $g))))
"#;

/// SIMD instructions, whose handlers pass 128-bit values around (a
/// temporary whose address went to a function not inlined once kept the
/// shuffle's handler from ending in a jump, in the unlinked test build).
const SIMD_LOOP: &str = r#"
(module
  (memory 1)
  (func (export "run") (param $n i32) (result i64)
    (local $i i32) (local $v v128) (local $w v128)
    (local.set $w (v128.const i32x4 1 2 3 4))
    (loop $top
      (local.set $v (i8x16.shuffle 0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31
        (local.get $v) (local.get $w)))
      (local.set $v (i8x16.swizzle (local.get $v) (local.get $w)))
      (local.set $v (i32x4.add (local.get $v) (i32x4.splat (local.get $i))))
      (local.set $v (i32x4.replace_lane 2 (local.get $v) (i32.const 5)))
      (local.set $v (v128.bitselect (local.get $v) (local.get $w) (local.get $w)))
      (local.set $v (i16x8.narrow_i32x4_s (local.get $v) (local.get $w)))
      (local.set $v (i32x4.dot_i16x8_s (local.get $v) (local.get $w)))
      (local.set $v (f32x4.min (local.get $v) (f32x4.abs (local.get $w))))
      (local.set $v (i8x16.relaxed_swizzle (local.get $v) (local.get $w)))
      (local.set $v (f32x4.relaxed_madd (local.get $v) (local.get $w) (local.get $w)))
      (v128.store offset=16 (i32.const 0) (local.get $v))
      (local.set $v (v128.load32_lane 1 (i32.const 4) (local.get $v)))
      (local.set $v (v128.load8x8_s (i32.const 8)))
      (v128.store64_lane 1 (i32.const 32) (local.get $v))
      (local.set $w (i64x2.add (local.get $w)
        (i64x2.splat (i64.extend_i32_u (i8x16.bitmask (local.get $v))))))
      (br_if $top (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                            (local.get $n))))
    (i64x2.extract_lane 0 (local.get $w))))
"#;

#[test]
fn a_long_loop_runs_on_a_small_native_stack() {
    long_loop(false);
}

#[test]
fn a_long_simd_loop_runs_on_a_small_native_stack() {
    run_on_a_small_stack(SIMD_LOOP, false);
}

/// Calls `run(200 000)` of `wat` in the interpreter on a thread with a
/// 256 KiB stack (`gc`: with the GC proposal on). Whatever the loop
/// computes, it must end: a handler that does not jump to the next
/// overflows the stack long before.
fn run_on_a_small_stack(wat: &'static str, gc: bool) {
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || -> tern::Result<i64> {
            let mut config = Config::new();
            config.strategy(Strategy::Interpreter).wasm_gc(gc);
            let engine = Engine::new(&config)?;
            let module = Module::new(&engine, wat)?;
            let mut store = Store::new(&engine, ());
            let instance = Instance::new(&mut store, &module, &[])?;
            let run = instance.get_typed_func::<i32, i64>(&mut store, "run")?;
            run.call(&mut store, 200_000)
        })
        .unwrap();
    handle.join().unwrap().unwrap();
}

/// The same with fuel and epoch checks compiled in, and a resource limiter
/// asked at every growth.
#[test]
fn a_long_metered_loop_runs_on_a_small_native_stack() {
    long_loop(true);
}

fn long_loop(metered: bool) {
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || -> tern::Result<i64> {
            let mut config = Config::new();
            // The interpreter only: tiered, the loop would move to compiled
            // code part way.
            config
                .strategy(Strategy::Interpreter)
                .consume_fuel(metered)
                .epoch_interruption(metered);
            let engine = Engine::new(&config)?;
            let module = Module::new(&engine, LOOP)?;
            let limits = StoreLimitsBuilder::new().memory_size(1 << 20).build();
            let mut store = Store::new(&engine, limits);
            if metered {
                store.limiter(|limits| limits);
                store.set_fuel(u64::MAX)?;
                store.set_epoch_deadline(u64::MAX);
            }
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

/// The GC proposal's instructions, whose handlers call into the store's
/// heap (an outlined call whose argument went through memory once kept
/// `struct.new`'s handler from ending in a jump).
const GC_LOOP: &str = r#"
(module
  (type $s (struct (field (mut i32)) (field (mut v128))))
  (type $a (array (mut i16)))
  (type $r (array (mut anyref)))
  (data $d "0123456789abcdef")
  (elem $e anyref (ref.i31 (i32.const 1)) (ref.null any))
  (func (export "run") (param $n i32) (result i64)
    (local $i i32) (local $acc i64) (local $o (ref null $s)) (local $x (ref null $a))
    (local $y (ref null $r)) (local $any anyref)
    (loop $top
      (local.set $o (struct.new $s (local.get $i) (v128.const i64x2 1 2)))
      (struct.set $s 0 (local.get $o) (i32.add (struct.get $s 0 (local.get $o)) (i32.const 1)))
      (local.set $o (struct.new_default $s))
      (struct.set $s 1 (local.get $o) (struct.get $s 1 (local.get $o)))
      (local.set $x (array.new $a (local.get $i) (i32.const 4)))
      (array.set $a (local.get $x) (i32.const 1) (i32.const -1))
      (array.fill $a (local.get $x) (i32.const 2) (i32.const 7) (i32.const 2))
      (array.copy $a $a (local.get $x) (i32.const 0) (local.get $x) (i32.const 1) (i32.const 2))
      (array.init_data $a $d (local.get $x) (i32.const 0) (i32.const 0) (i32.const 1))
      (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_s
        (i32.add (array.get_s $a (local.get $x) (i32.const 1))
                 (array.get_u $a (array.new_default $a (i32.const 2)) (i32.const 0))))))
      (local.set $x (array.new_fixed $a 2 (i32.const 1) (i32.const 2)))
      (local.set $x (array.new_data $a $d (i32.const 0) (i32.const 2)))
      (local.set $y (array.new_elem $r $e (i32.const 0) (i32.const 2)))
      (array.init_elem $r $e (local.get $y) (i32.const 0) (i32.const 1) (i32.const 1))
      (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (array.len (local.get $y)))))
      (local.set $any (ref.i31 (local.get $i)))
      (local.set $any (any.convert_extern (extern.convert_any (local.get $any))))
      (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u
        (i32.add (i31.get_u (ref.cast (ref i31) (local.get $any)))
                 (ref.test (ref $s) (local.get $o))))))
      (drop (ref.eq (local.get $o) (local.get $x)))
      (drop (block $b (result anyref)
        (br_on_cast $b anyref (ref $a) (local.get $any))))
      (br_if $top (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                            (local.get $n))))
    (local.get $acc)))
"#;

#[test]
fn a_long_gc_loop_runs_on_a_small_native_stack() {
    run_on_a_small_stack(GC_LOOP, true);
}
