//! The JIT tier (`Strategy::Jit`) through the embedding API: traps with their
//! backtraces, calls between compiled code, the interpreter and the host in
//! both directions, host panics crossing compiled code, fuel and epochs in
//! compiled code charged exactly as in the interpreter, memory growth seen
//! by both sides, and calls between compiled and still interpreted
//! (cold, `Strategy::Tiered`) functions.
//!
//! On platforms without the JIT, `Strategy::Jit` runs the interpreter and
//! these tests check the same results there.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tern::{Caller, Config, Engine, Instance, Linker, Module, Store, Strategy, Trap, Val};

fn engine_with(strategy: Strategy, fuel: bool, epochs: bool) -> Engine {
    let mut config = Config::new();
    config
        .strategy(strategy)
        .consume_fuel(fuel)
        .epoch_interruption(epochs)
        .cranelift_debug_verifier(true)
        .tier_up_threshold(3);
    Engine::new(&config).unwrap()
}

fn jit() -> Engine {
    engine_with(Strategy::Jit, false, false)
}

/// The function names of `error`'s backtrace, innermost first (`?` for a
/// frame without a name).
fn frame_names(error: &tern::Error) -> Vec<&str> {
    let backtrace = error.wasm_backtrace().expect("a backtrace");
    backtrace
        .frames()
        .iter()
        .map(|f| f.func_name().unwrap_or("?"))
        .collect()
}

fn instance<T>(store: &mut Store<T>, wat: &str) -> Instance {
    let module = Module::new(store.engine(), wat).unwrap();
    Instance::new(store, &module, &[]).unwrap()
}

const TRAPS: &str = r#"(module
  (memory 1)
  (table 2 funcref)
  (elem (i32.const 1) $ret7)
  (type $v_i (func (result i32)))
  (type $i_i (func (param i32) (result i32)))
  (func $ret7 (result i32) (i32.const 7))
  (func $div (export "div") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
  (func $outer (export "outer") (param i32) (result i32) (call $div (local.get 0)))
  (func (export "overflow") (result i32) (i32.div_s (i32.const 0x80000000) (i32.const -1)))
  (func (export "unreachable") (unreachable))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "load_far") (param i32) (result i32) (i32.load offset=0x7fffff00 (local.get 0)))
  (func (export "store8") (param i32) (i32.store8 (local.get 0) (i32.const 1)))
  (func (export "indirect") (param i32) (result i32) (call_indirect (type $v_i) (local.get 0)))
  (func (export "mistyped") (result i32) (call_indirect (type $i_i) (i32.const 0) (i32.const 1)))
  (func (export "trunc") (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
  (func $rec (export "rec") (param i32) (result i32) (call $rec (i32.add (local.get 0) (i32.const 1))))
)"#;

#[test]
fn every_trap_kind_from_compiled_code() {
    let mut store = Store::new(&jit(), ());
    let inst = instance(&mut store, TRAPS);
    let call = |store: &mut Store<()>, name: &str, args: &[Val]| {
        let f = inst.get_func(&mut *store, name).unwrap();
        let mut results = vec![Val::I32(0); f.ty(&*store).results().len()];
        f.call(store, args, &mut results).map(|()| results)
    };
    let trap = |r: tern::Result<Vec<Val>>| r.unwrap_err().trap();
    assert_eq!(
        trap(call(&mut store, "div", &[Val::I32(0)])),
        Some(Trap::IntegerDivisionByZero)
    );
    assert_eq!(
        trap(call(&mut store, "overflow", &[])),
        Some(Trap::IntegerOverflow)
    );
    assert_eq!(
        trap(call(&mut store, "unreachable", &[])),
        Some(Trap::UnreachableCodeReached)
    );
    assert_eq!(
        trap(call(&mut store, "load", &[Val::I32(65533)])),
        Some(Trap::MemoryOutOfBounds)
    );
    // In the guard region, and past it (an explicitly checked offset).
    assert_eq!(
        trap(call(&mut store, "load", &[Val::I32(-1)])),
        Some(Trap::MemoryOutOfBounds)
    );
    assert_eq!(
        trap(call(&mut store, "load_far", &[Val::I32(0)])),
        Some(Trap::MemoryOutOfBounds)
    );
    assert_eq!(
        trap(call(&mut store, "store8", &[Val::I32(65536)])),
        Some(Trap::MemoryOutOfBounds)
    );
    assert_eq!(
        trap(call(&mut store, "indirect", &[Val::I32(0)])),
        Some(Trap::IndirectCallToNull)
    );
    assert_eq!(
        trap(call(&mut store, "indirect", &[Val::I32(2)])),
        Some(Trap::TableOutOfBounds)
    );
    assert_eq!(
        trap(call(&mut store, "mistyped", &[])),
        Some(Trap::BadSignature)
    );
    assert_eq!(
        trap(call(&mut store, "trunc", &[Val::F64(f64::NAN.to_bits())])),
        Some(Trap::BadConversionToInteger)
    );
    assert_eq!(
        trap(call(&mut store, "trunc", &[Val::F64(3e9f64.to_bits())])),
        Some(Trap::IntegerOverflow)
    );
    assert_eq!(
        trap(call(&mut store, "rec", &[Val::I32(0)])),
        Some(Trap::StackOverflow)
    );
    // Nothing is left broken: the store goes on working.
    assert_eq!(
        call(&mut store, "indirect", &[Val::I32(1)]).unwrap(),
        vec![Val::I32(7)]
    );
    assert_eq!(
        call(&mut store, "store8", &[Val::I32(65535)]).unwrap(),
        vec![]
    );
}

#[test]
fn backtraces_name_compiled_functions() {
    let mut store = Store::new(&jit(), ());
    let inst = instance(&mut store, TRAPS);
    let outer = inst
        .get_typed_func::<i32, i32>(&mut store, "outer")
        .unwrap();
    let error = outer.call(&mut store, 0).unwrap_err();
    assert_eq!(frame_names(&error), ["div", "outer"], "{error}");
}

#[test]
fn a_deep_compiled_backtrace_keeps_64_frames_and_counts_the_rest() {
    let mut store = Store::new(&jit(), ());
    let inst = instance(&mut store, TRAPS);
    let rec = inst.get_typed_func::<i32, i32>(&mut store, "rec").unwrap();
    let error = rec.call(&mut store, 0).unwrap_err();
    assert_eq!(error.trap(), Some(Trap::StackOverflow), "{error}");
    let backtrace = error.wasm_backtrace().expect("a backtrace");
    assert!(
        backtrace
            .frames()
            .iter()
            .all(|f| f.func_name() == Some("rec"))
    );
    if cfg!(all(target_arch = "x86_64", target_os = "linux")) {
        // 1 MiB of native stack or more: thousands of frames.
        assert_eq!(backtrace.frames().len(), 64);
        assert!(backtrace.elided() > 1000, "{}", backtrace.elided());
        assert!(backtrace.to_string().contains("more frames"));
    }
}

/// Calls `call` until `module` has `n` functions with machine code (the
/// background compiler of `Strategy::Tiered` delivers them); on platforms
/// without the JIT, calls it `threshold` times.
fn until_native(module: &Module, n: usize, threshold: usize, mut call: impl FnMut()) {
    let start = Instant::now();
    let mut calls = 0;
    while calls < threshold
        || (cfg!(all(target_arch = "x86_64", target_os = "linux")) && module.native_functions() < n)
    {
        call();
        calls += 1;
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no tier-up after {calls} calls"
        );
        if calls > threshold {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}

fn tiered(threshold: u32) -> Engine {
    let mut config = Config::new();
    config
        .strategy(Strategy::Tiered)
        .tier_up_threshold(threshold);
    Engine::new(&config).unwrap()
}

#[test]
fn compiled_code_host_and_interpreter_call_each_other() {
    // Tiered: `twice` and `inc` become hot and compiled, `cold` is called
    // once and stays in the interpreter. Compiled `twice` calls it, and it
    // calls the host, which calls compiled `inc` back, reading memory the
    // compiled code wrote.
    let wat = r#"(module
      (import "host" "h" (func $h (param i32) (result i32)))
      (memory (export "memory") 1)
      (func $inc (export "inc") (param i32) (result i32)
        (i32.store (i32.const 16) (local.get 0))
        (i32.add (local.get 0) (i32.const 1)))
      (func $cold (param i32) (result i32) (local v128)
        (local.set 1 (i32x4.splat (local.get 0)))
        (call $h (i32x4.extract_lane 3 (local.get 1))))
      (func (export "twice") (param i32) (result i32)
        (if (result i32) (local.get 0)
          (then (i32.mul (call $cold (local.get 0)) (i32.const 2)))
          (else (i32.const -1))))
    )"#;
    let engine = tiered(10);
    let module = Module::new(&engine, wat).unwrap();
    let mut linker = Linker::new(&engine);
    linker
        .func_wrap(
            "host",
            "h",
            |mut caller: Caller<'_, ()>, x: i32| -> tern::Result<i32> {
                let inc = caller
                    .get_export("inc")
                    .and_then(|e| e.into_func())
                    .unwrap()
                    .typed::<i32, i32>(&caller)?;
                let y = inc.call(&mut caller, x)?;
                let memory = caller.get_export("memory").unwrap().into_memory().unwrap();
                let mut bytes = [0u8; 4];
                memory.read(&caller, 16, &mut bytes).unwrap();
                assert_eq!(i32::from_le_bytes(bytes), x);
                Ok(y * 10)
            },
        )
        .unwrap();
    let mut store = Store::new(&engine, ());
    let inst = linker.instantiate(&mut store, &module).unwrap();
    let twice = inst
        .get_typed_func::<i32, i32>(&mut store, "twice")
        .unwrap();
    let inc = inst.get_typed_func::<i32, i32>(&mut store, "inc").unwrap();
    until_native(&module, 2, 10, || {
        assert_eq!(twice.call(&mut store, 0).unwrap(), -1);
        assert_eq!(inc.call(&mut store, 1).unwrap(), 2);
    });
    assert_eq!(twice.call(&mut store, 4).unwrap(), (4 + 1) * 10 * 2);
    if cfg!(all(target_arch = "x86_64", target_os = "linux")) {
        // `cold` ran once: still interpreted.
        assert_eq!(module.native_functions(), 2);
    }
}

#[test]
fn host_errors_and_panics_cross_compiled_code() {
    let wat = r#"(module
      (import "host" "fail" (func $fail (param i32)))
      (func $inner (param i32) (call $fail (local.get 0)))
      (func (export "run") (param i32) (call $inner (local.get 0))))"#;
    let engine = jit();
    let module = Module::new(&engine, wat).unwrap();
    let mut linker = Linker::new(&engine);
    linker
        .func_wrap("host", "fail", |x: i32| -> tern::Result<()> {
            if x == 1 {
                panic!("host panic {x}");
            }
            Err(tern::Error::msg(format!("host error {x}")))
        })
        .unwrap();
    let mut store = Store::new(&engine, ());
    let inst = linker.instantiate(&mut store, &module).unwrap();
    let run = inst.get_typed_func::<i32, ()>(&mut store, "run").unwrap();
    let err = run.call(&mut store, 0).unwrap_err();
    assert!(err.to_string().contains("host error 0"), "{err}");
    let panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = run.call(&mut store, 1);
    }))
    .unwrap_err();
    assert_eq!(panic.downcast_ref::<String>().unwrap(), "host panic 1");
    // The store still works after the panic.
    let err = run.call(&mut store, 2).unwrap_err();
    assert!(err.to_string().contains("host error 2"), "{err}");
}

/// A loop with calls, branches and bulk operations, to compare fuel.
const METERED: &str = r#"(module
  (memory 1)
  (func $sq (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
  (func (export "run") (param i32) (result i32) (local i32)
    (memory.fill (i32.const 0) (i32.const 1) (i32.const 1000))
    (block $out
      (loop $l
        (br_if $out (i32.eqz (local.get 0)))
        (local.set 1 (i32.add (local.get 1) (call $sq (local.get 0))))
        (if (i32.and (local.get 0) (i32.const 1))
          (then (local.set 1 (i32.xor (local.get 1) (i32.const 5))))
          (else nop))
        (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
        (br $l)))
    (local.get 1)))"#;

#[test]
fn compiled_code_charges_the_interpreters_fuel() {
    let mut spent = Vec::new();
    // Tiered mixes the tiers within one call (tier-up after 3 calls or
    // loop iterations, on-stack replacement), at points that depend on the
    // background compiler's timing: the fuel must not.
    for strategy in [Strategy::Interpreter, Strategy::Jit, Strategy::Tiered] {
        let mut store = Store::new(&engine_with(strategy, true, false), ());
        let inst = instance(&mut store, METERED);
        let run = inst.get_typed_func::<i32, i32>(&mut store, "run").unwrap();
        store.set_fuel(1_000_000).unwrap();
        let result = run.call(&mut store, 100).unwrap();
        let used = 1_000_000 - store.get_fuel().unwrap();
        // Every fuel amount below the need traps at the same point, with
        // the fuel left as the interpreter leaves it.
        let mut traps = Vec::new();
        for fuel in [0, 1, 17, used / 2, used - 1] {
            store.set_fuel(fuel).unwrap();
            let err = run.call(&mut store, 100).unwrap_err();
            assert_eq!(err.trap(), Some(Trap::OutOfFuel));
            traps.push(store.get_fuel().unwrap());
        }
        spent.push((result, used, traps));
    }
    assert_eq!(
        spent[0], spent[1],
        "interpreter vs JIT: (result, fuel used, fuel left)"
    );
    assert_eq!(spent[0], spent[2], "interpreter vs tiered");
}

#[test]
fn an_epoch_deadline_stops_a_compiled_loop() {
    let engine = engine_with(Strategy::Jit, false, true);
    let mut store = Store::new(&engine, ());
    let inst = instance(
        &mut store,
        r#"(module (func (export "spin") (loop (br 0))))"#,
    );
    let spin = inst.get_typed_func::<(), ()>(&mut store, "spin").unwrap();
    store.set_epoch_deadline(1);
    let ticker = engine.clone();
    let start = Instant::now();
    let thread = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(50));
        ticker.increment_epoch();
    });
    let err = spin.call(&mut store, ()).unwrap_err();
    thread.join().unwrap();
    assert_eq!(err.trap(), Some(Trap::Interrupt));
    assert!(start.elapsed() < Duration::from_secs(5));
}

#[test]
fn growth_by_compiled_code_and_by_the_host_is_seen_by_both() {
    let wat = r#"(module
      (import "host" "grow" (func $grow))
      (memory (export "memory") 1)
      (func (export "run") (result i32)
        (drop (memory.grow (i32.const 2)))
        (call $grow)
        (i32.store (i32.const 0x3fffc) (i32.const 42))
        (i32.add (memory.size) (i32.load (i32.const 0x3fffc)))))"#;
    let engine = jit();
    let module = Module::new(&engine, wat).unwrap();
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    let mut linker = Linker::new(&engine);
    linker
        .func_wrap("host", "grow", move |mut caller: Caller<'_, ()>| {
            let memory = caller.get_export("memory").unwrap().into_memory().unwrap();
            assert_eq!(memory.size(&caller), 3);
            memory.grow(&mut caller, 1).unwrap();
            seen.fetch_add(1, Ordering::Relaxed);
        })
        .unwrap();
    let mut store = Store::new(&engine, ());
    let inst = linker.instantiate(&mut store, &module).unwrap();
    let run = inst.get_typed_func::<(), i32>(&mut store, "run").unwrap();
    assert_eq!(run.call(&mut store, ()).unwrap(), 4 + 42);
    assert_eq!(calls.load(Ordering::Relaxed), 1);
}

#[test]
fn memory64_is_checked_explicitly() {
    let mut config = Config::new();
    config.strategy(Strategy::Jit).wasm_memory64(true);
    let engine = Engine::new(&config).unwrap();
    let mut store = Store::new(&engine, ());
    let inst = instance(
        &mut store,
        r#"(module (memory i64 1)
          (func (export "load") (param i64) (result i64) (i64.load offset=8 (local.get 0))))"#,
    );
    let load = inst.get_typed_func::<i64, i64>(&mut store, "load").unwrap();
    assert_eq!(load.call(&mut store, 65536 - 16).unwrap(), 0);
    for addr in [65536 - 15, -8, i64::MAX, -1] {
        let err = load.call(&mut store, addr).unwrap_err();
        assert_eq!(err.trap(), Some(Trap::MemoryOutOfBounds), "address {addr}");
    }
}

#[test]
fn strategy_parses_the_cli_spelling() {
    assert_eq!("interp".parse::<Strategy>(), Ok(Strategy::Interpreter));
    assert_eq!("jit".parse::<Strategy>(), Ok(Strategy::Jit));
    assert_eq!("tiered".parse::<Strategy>(), Ok(Strategy::Tiered));
    assert!("fast".parse::<Strategy>().unwrap_err().contains("fast"));
    assert_eq!(Config::new().get_strategy(), Strategy::Tiered);
}

#[test]
fn tiered_starts_interpreted_and_tiers_up_hot_functions() {
    let mut config = Config::new();
    config.strategy(Strategy::Tiered).tier_up_threshold(10);
    let engine = Engine::new(&config).unwrap();
    let module = Module::new(&engine, TRAPS).unwrap();
    // Nothing is compiled up front.
    assert_eq!(module.native_functions(), 0);
    let mut store = Store::new(&engine, ());
    let inst = Instance::new(&mut store, &module, &[]).unwrap();
    let div = inst.get_typed_func::<i32, i32>(&mut store, "div").unwrap();
    let outer = inst
        .get_typed_func::<i32, i32>(&mut store, "outer")
        .unwrap();
    let start = Instant::now();
    let mut calls = 0;
    // `outer` and `div` become hot; the background thread compiles them.
    while module.native_functions() < 2 {
        assert_eq!(outer.call(&mut store, 1).unwrap(), 1);
        calls += 1;
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no tier-up after {calls} calls"
        );
        if calls > 20 {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
    assert!(calls >= 10, "compiled after only {calls} calls");
    // Compiled code gives the same results and traps, with a backtrace.
    assert_eq!(div.call(&mut store, -1).unwrap(), -1);
    let error = outer.call(&mut store, 0).unwrap_err();
    assert_eq!(error.trap(), Some(Trap::IntegerDivisionByZero));
    assert_eq!(frame_names(&error), ["div", "outer"]);
}

#[test]
fn a_long_loop_in_one_call_moves_to_compiled_code() {
    // One call, one loop: only on-stack replacement can tier it up.
    let wat = r#"(module
      (memory 1)
      (func (export "sum") (param $n i32) (result i64) (local $i i32) (local $acc i64)
        (loop $l
          (local.set $acc (i64.add (local.get $acc)
            (i64.mul (i64.extend_i32_u (local.get $i)) (i64.const 3))))
          (i32.store (i32.and (local.get $i) (i32.const 0xfffc)) (local.get $i))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
        (i64.add (local.get $acc) (i64.load32_u (i32.const 4)))))"#;
    let mut config = Config::new();
    config.strategy(Strategy::Tiered).tier_up_threshold(100);
    let engine = Engine::new(&config).unwrap();
    let module = Module::new(&engine, wat).unwrap();
    let mut store = Store::new(&engine, ());
    let inst = Instance::new(&mut store, &module, &[]).unwrap();
    let sum = inst.get_typed_func::<i32, i64>(&mut store, "sum").unwrap();
    let n: u64 = 20_000_000;
    // The last `i` stored at address 4 (its low bits masked off).
    let last_at_4 = (0..n).rev().find(|i| i & 0xfffc == 4).unwrap();
    // The loop runs long enough in the interpreter for the background
    // compiler to deliver; the interpreter then enters compiled code at the
    // loop's header, with its locals, and the call returns from there.
    for _ in 0..5 {
        let got = sum.call(&mut store, n as i32).unwrap() as u64;
        assert_eq!(got, 3 * (n * (n - 1) / 2) + last_at_4);
        if module.osr_transfers() > 0 {
            return;
        }
    }
    panic!("the loop never moved to compiled code");
}

#[test]
fn backtraces_span_both_tiers() {
    // Tiered: `div` becomes hot and compiled, `cold` runs once and stays
    // in the interpreter; it calls compiled `div`, which traps: the
    // backtrace has the compiled frame, then the interpreted one.
    let wat = r#"(module
      (func $div (export "div") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
      (func $cold (export "cold") (param i32) (result i32) (local v128)
        (local.set 1 (i32x4.splat (local.get 0)))
        (call $div (i32x4.extract_lane 0 (local.get 1)))))"#;
    let engine = tiered(10);
    let module = Module::new(&engine, wat).unwrap();
    let mut store = Store::new(&engine, ());
    let inst = Instance::new(&mut store, &module, &[]).unwrap();
    let div = inst.get_typed_func::<i32, i32>(&mut store, "div").unwrap();
    let cold = inst.get_typed_func::<i32, i32>(&mut store, "cold").unwrap();
    until_native(&module, 1, 10, || {
        assert_eq!(div.call(&mut store, 1).unwrap(), 1);
    });
    let error = cold.call(&mut store, 0).unwrap_err();
    assert_eq!(error.trap(), Some(Trap::IntegerDivisionByZero));
    assert_eq!(frame_names(&error), ["div", "cold"]);
    if cfg!(all(target_arch = "x86_64", target_os = "linux")) {
        assert_eq!(module.native_functions(), 1);
    }
}

/// A module whose `call_indirect` checks compare engine type ids: the
/// cached code must read them from the instance, since another engine
/// numbers the types differently.
const CACHED: &str = r#"(module
  (type $v_i (func (result i32)))
  (type $i_i (func (param i32) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $seven $twice)
  (memory 1)
  (func $seven (result i32) (i32.const 7))
  (func $twice (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  (func (export "ok") (result i32) (call_indirect (type $v_i) (i32.const 0)))
  (func (export "mistyped") (result i32) (call_indirect (type $v_i) (i32.const 1)))
  (func (export "twice") (param i32) (result i32)
    (call_indirect (type $i_i) (local.get 0) (i32.const 1)))
  (func (export "grow") (result i32) (memory.grow (i32.const 1)))
)"#;

/// The inode of the only entry in `dir` (a rewrite renames a new file in).
#[cfg(unix)]
fn only_entry(dir: &std::path::Path) -> (std::path::PathBuf, u64) {
    use std::os::unix::fs::MetadataExt;
    let entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
    let ino = std::fs::metadata(&entries[0]).unwrap().ino();
    (entries[0].clone(), ino)
}

#[cfg(unix)]
#[test]
fn the_code_cache_serves_a_second_engine_and_survives_damage() {
    let dir = std::env::temp_dir().join(format!("tern-cache-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let engine = |padding: bool| {
        let mut config = Config::new();
        config
            .strategy(Strategy::Jit)
            .cache(Some(tern::Cache::new(&dir)));
        let engine = Engine::new(&config).unwrap();
        if padding {
            // Other types interned first: this engine's ids differ.
            Module::new(
                &engine,
                "(module (type (func (param f64 f32))) (type (func (result i64 i64))) (type (func (param i32))))",
            )
            .unwrap();
        }
        engine
    };
    let check = |engine: &Engine| {
        let mut store = Store::new(engine, ());
        let i = instance(&mut store, CACHED);
        let ok = i.get_typed_func::<(), i32>(&mut store, "ok").unwrap();
        assert_eq!(ok.call(&mut store, ()).unwrap(), 7);
        let twice = i.get_typed_func::<i32, i32>(&mut store, "twice").unwrap();
        assert_eq!(twice.call(&mut store, 21).unwrap(), 42);
        let grow = i.get_typed_func::<(), i32>(&mut store, "grow").unwrap();
        assert_eq!(grow.call(&mut store, ()).unwrap(), 1);
        let bad = i.get_typed_func::<(), i32>(&mut store, "mistyped").unwrap();
        let err = bad.call(&mut store, ()).unwrap_err();
        assert_eq!(err.trap(), Some(Trap::BadSignature), "{err}");
    };

    check(&engine(false));
    if !cfg!(all(target_arch = "x86_64", target_os = "linux")) {
        return; // no JIT, nothing cached
    }
    let (path, first) = only_entry(&dir);
    // A second engine, with other type ids, maps the entry as it is.
    check(&engine(true));
    assert_eq!(
        only_entry(&dir).1,
        first,
        "a hit must not rewrite the entry"
    );
    // A truncated entry is a miss: compiled again, rewritten whole.
    let len = std::fs::metadata(&path).unwrap().len();
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    check(&engine(true));
    let (_, rewritten) = only_entry(&dir);
    assert_ne!(rewritten, first);
    assert_eq!(std::fs::metadata(&path).unwrap().len(), len);
    // Other settings are another entry.
    let mut config = Config::new();
    config
        .strategy(Strategy::Jit)
        .consume_fuel(true)
        .cache(Some(tern::Cache::new(&dir)));
    Module::new(&Engine::new(&config).unwrap(), CACHED).unwrap();
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A module calling through table 0 of a fixed size (maximum = minimum),
/// its own or imported, whose bounds compiled code takes as a constant.
const FIXED_TABLE: &str = r#"(module
  (import "env" "t" (table $imported 2 2 funcref))
  (table $own 3 3 funcref)
  (type $v_i (func (result i32)))
  (type $i_i (func (param i32) (result i32)))
  (elem (table $own) (i32.const 0) func $seven $eight)
  (elem (table $imported) (i32.const 1) func $eight)
  (func $seven (result i32) (i32.const 7))
  (func $eight (result i32) (i32.const 8))
  (func (export "call") (param i32) (result i32) (call_indirect $imported (type $v_i) (local.get 0)))
  (func (export "mistyped") (param i32) (result i32)
    (call_indirect $imported (type $i_i) (i32.const 0) (local.get 0)))
  (func (export "get") (param i32) (result funcref) (table.get $imported (local.get 0)))
  (func (export "set") (param i32) (table.set $imported (local.get 0) (ref.func $seven)))
  (func (export "own") (param i32) (result i32) (call_indirect $own (type $v_i) (local.get 0)))
)"#;

#[test]
fn fixed_size_tables_are_bounds_checked_in_compiled_code() {
    // Table 0 is the imported one here, the own one in the second module.
    let own_first = FIXED_TABLE
        .replace("(import \"env\" \"t\" (table $imported 2 2 funcref))", "")
        .replace(
            "(table $own 3 3 funcref)",
            "(table $own 3 3 funcref) (table $imported 2 2 funcref)",
        );
    for (wat, imports) in [(FIXED_TABLE.to_string(), true), (own_first, false)] {
        let engine = jit();
        let module = Module::new(&engine, &wat).unwrap();
        let mut store = Store::new(&engine, ());
        let mut linker = Linker::new(&engine);
        if imports {
            let ty = tern::TableType::new(tern::RefType::FUNCREF, 2, Some(2));
            let table = tern::Table::new(&mut store, ty, tern::Ref::Func(None)).unwrap();
            linker.define(&store, "env", "t", table).unwrap();
        }
        let inst = linker.instantiate(&mut store, &module).unwrap();
        let call = inst.get_typed_func::<i32, i32>(&mut store, "call").unwrap();
        let own = inst.get_typed_func::<i32, i32>(&mut store, "own").unwrap();
        let mistyped = inst
            .get_typed_func::<i32, i32>(&mut store, "mistyped")
            .unwrap();
        let set = inst.get_typed_func::<i32, ()>(&mut store, "set").unwrap();
        let get = inst.get_func(&mut store, "get").unwrap();
        let trap = |r: tern::Result<i32>| r.unwrap_err().trap();
        assert_eq!(call.call(&mut store, 1).unwrap(), 8);
        assert_eq!(
            trap(call.call(&mut store, 0)),
            Some(Trap::IndirectCallToNull)
        );
        for index in [2, 3, -1, i32::MIN] {
            assert_eq!(
                trap(call.call(&mut store, index)),
                Some(Trap::TableOutOfBounds)
            );
            assert_eq!(
                set.call(&mut store, index).unwrap_err().trap(),
                Some(Trap::TableOutOfBounds)
            );
            let mut out = [Val::I32(0)];
            let error = get
                .call(&mut store, &[Val::I32(index)], &mut out)
                .unwrap_err();
            assert_eq!(error.trap(), Some(Trap::TableOutOfBounds));
        }
        assert_eq!(trap(mistyped.call(&mut store, 1)), Some(Trap::BadSignature));
        set.call(&mut store, 0).unwrap();
        assert_eq!(call.call(&mut store, 0).unwrap(), 7);
        assert_eq!(own.call(&mut store, 0).unwrap(), 7);
        assert_eq!(own.call(&mut store, 1).unwrap(), 8);
        assert_eq!(
            trap(own.call(&mut store, 2)),
            Some(Trap::IndirectCallToNull)
        );
        assert_eq!(trap(own.call(&mut store, 3)), Some(Trap::TableOutOfBounds));
    }
}

#[test]
fn indirect_calls_reach_functions_compiled_after_the_caller() {
    // Tiered: `dispatch` becomes hot and compiled while `late` is still
    // interpreted; its calls to `late` go through the runtime until `late`
    // is compiled too, then straight to its code. Results stay right all
    // along, and a function the caller reaches through a table it grows
    // (a table of no fixed size) as well.
    let wat = r#"(module
      (type $i_i (func (param i32) (result i32)))
      (table $t 2 funcref)
      (elem (i32.const 0) func $early $late)
      (func $early (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
      (func $late (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
      (func (export "dispatch") (param i32 i32) (result i32)
        (call_indirect (type $i_i) (local.get 1) (local.get 0)))
      (func (export "grow") (result i32)
        (table.grow $t (ref.func $late) (i32.const 1)))
    )"#;
    let engine = tiered(10);
    let module = Module::new(&engine, wat).unwrap();
    let mut store = Store::new(&engine, ());
    let inst = Instance::new(&mut store, &module, &[]).unwrap();
    let dispatch = inst
        .get_typed_func::<(i32, i32), i32>(&mut store, "dispatch")
        .unwrap();
    let grow = inst.get_typed_func::<(), i32>(&mut store, "grow").unwrap();
    until_native(&module, 2, 10, || {
        assert_eq!(dispatch.call(&mut store, (0, 5)).unwrap(), 6);
    });
    assert_eq!(grow.call(&mut store, ()).unwrap(), 2);
    let mut i = 0;
    until_native(&module, 3, 10, || {
        i += 1;
        assert_eq!(dispatch.call(&mut store, (1, i)).unwrap(), i * 3);
        assert_eq!(dispatch.call(&mut store, (2, i)).unwrap(), i * 3);
    });
    for i in 0..100 {
        assert_eq!(dispatch.call(&mut store, (1, i)).unwrap(), i * 3);
        assert_eq!(dispatch.call(&mut store, (2, i)).unwrap(), i * 3);
        assert_eq!(dispatch.call(&mut store, (0, i)).unwrap(), i + 1);
    }
    assert_eq!(
        dispatch.call(&mut store, (3, 0)).unwrap_err().trap(),
        Some(Trap::TableOutOfBounds)
    );
}

/// Depth `depth` of recursion through the host (wasm -> host -> wasm ...),
/// each level a nested entry on the native stack, under `engine`.
fn host_recursion(engine: &Engine, depth: i32) -> tern::Result<i32> {
    let wat = r#"(module
      (import "host" "down" (func $down (param i32) (result i32)))
      (func (export "rec") (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0))
          (then (i32.const 0))
          (else (i32.add (call $down (i32.sub (local.get 0) (i32.const 1))) (i32.const 1))))))"#;
    let module = Module::new(engine, wat).unwrap();
    let mut linker = Linker::new(engine);
    linker
        .func_wrap(
            "host",
            "down",
            |mut caller: Caller<'_, ()>, n: i32| -> tern::Result<i32> {
                let rec = caller
                    .get_export("rec")
                    .and_then(|e| e.into_func())
                    .unwrap()
                    .typed::<i32, i32>(&caller)?;
                rec.call(&mut caller, n)
            },
        )
        .unwrap();
    let mut store = Store::new(engine, ());
    let inst = linker.instantiate(&mut store, &module).unwrap();
    let rec = inst.get_typed_func::<i32, i32>(&mut store, "rec").unwrap();
    rec.call(&mut store, depth)
}

#[test]
fn nested_entries_reach_the_same_depth_on_every_tier() {
    // Every level nests native frames (the host function, an entry into
    // the interpreter or into compiled code). One limit for all of them: a
    // depth that compiled code reaches, the interpreter and a tiered mix
    // (where `rec` tiers up in the middle of the recursion, as in a large
    // program whose hot recursive function compiled code calls into while
    // its callees are still interpreted) reach too. Once it was 512 KiB of
    // native stack for interpreter entries against 16 MiB for compiled
    // code, and a program ran under `Jit` but not under `Tiered`.
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(|| {
            let depth = 4_000;
            for (name, engine) in [
                ("jit", jit()),
                (
                    "interpreter",
                    engine_with(Strategy::Interpreter, false, false),
                ),
                ("tiered", tiered(50)),
            ] {
                let reached = host_recursion(&engine, depth);
                assert_eq!(reached.ok(), Some(depth), "{name}");
                // Without end, it is still a trap, not a host overflow.
                let err = host_recursion(&engine, i32::MAX).unwrap_err();
                assert_eq!(err.trap(), Some(Trap::StackOverflow), "{name}: {err}");
            }
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn the_perf_map_names_compiled_functions() {
    // `ProfilingStrategy::PerfMap`: `perf` reads `/tmp/perf-PID.map` to name
    // JIT code; each compiled function gets `START SIZE MODULE::NAME`.
    let mut config = Config::new();
    config
        .strategy(Strategy::Jit)
        .profiler(tern::ProfilingStrategy::PerfMap);
    let engine = Engine::new(&config).unwrap();
    let module = Module::new(
        &engine,
        r#"(module $profiled
          (func $perf_map_probe (export "f") (result i32) (i32.const 7)))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let inst = Instance::new(&mut store, &module, &[]).unwrap();
    let f = inst.get_typed_func::<(), i32>(&mut store, "f").unwrap();
    assert_eq!(f.call(&mut store, ()).unwrap(), 7);
    if cfg!(all(target_arch = "x86_64", target_os = "linux")) {
        let path = format!("/tmp/perf-{}.map", std::process::id());
        let map = std::fs::read_to_string(&path).expect("the perf map");
        let line = map
            .lines()
            .find(|l| l.ends_with(" profiled::perf_map_probe"))
            .unwrap_or_else(|| panic!("no line for the function in {map}"));
        let fields: Vec<&str> = line.split(' ').collect();
        let start = usize::from_str_radix(fields[0], 16).unwrap();
        let size = usize::from_str_radix(fields[1], 16).unwrap();
        assert!(start != 0 && size > 0, "{line}");
    }
}
