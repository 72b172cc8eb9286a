//! Fuel, epoch deadlines and resource limits through the embedding API.

use std::time::{Duration, Instant};
use tern::{
    Config, Engine, Instance, Linker, Memory, MemoryType, Module, ResourceLimiter, Store,
    StoreLimits, StoreLimitsBuilder, Trap,
};

fn fuel_engine() -> Engine {
    let mut config = Config::new();
    config.consume_fuel(true);
    Engine::new(&config).unwrap()
}

fn epoch_engine() -> Engine {
    let mut config = Config::new();
    config.epoch_interruption(true);
    Engine::new(&config).unwrap()
}

fn instance<T>(store: &mut Store<T>, wat: &str) -> Instance {
    let module = Module::new(store.engine(), wat).unwrap();
    Instance::new(store, &module, &[]).unwrap()
}

/// Calls `f` (no parameters, results ignored) and returns the trap, if any.
fn trap_of<T>(store: &mut Store<T>, inst: Instance, f: &str) -> Option<Trap> {
    let func = inst.get_func(&mut *store, f).unwrap();
    let mut results = vec![tern::Val::I32(0); func.ty(&*store).results().len()];
    func.call(store, &[], &mut results)
        .err()
        .map(|e| e.trap().expect("a trap"))
}

#[test]
fn fuel_is_off_by_default_and_says_so() {
    let mut store = Store::new(&Engine::default(), ());
    let err = store.set_fuel(10).unwrap_err();
    assert!(err.to_string().contains("consume_fuel"), "{err}");
    assert!(store.get_fuel().is_err());
}

#[test]
fn straight_line_code_costs_one_per_operator() {
    let engine = fuel_engine();
    let wat = r#"(module (func (export "f") (result i32)
        i32.const 1 i32.const 2 i32.add nop drop i32.const 7))"#;
    // i32.const, i32.const, i32.add, i32.const: 4 (nop and drop are free).
    let mut store = Store::new(&engine, ());
    let inst = instance(&mut store, wat);
    let f = inst.get_typed_func::<(), i32>(&mut store, "f").unwrap();
    store.set_fuel(4).unwrap();
    assert_eq!(f.call(&mut store, ()).unwrap(), 7);
    assert_eq!(store.get_fuel().unwrap(), 0);
    // One short: the run does not start, and the fuel is left as it was.
    store.set_fuel(3).unwrap();
    let err = f.call(&mut store, ()).unwrap_err();
    assert_eq!(err.trap(), Some(Trap::OutOfFuel));
    assert!(err.to_string().contains("fuel"), "{err}");
    assert_eq!(store.get_fuel().unwrap(), 3);
}

/// A counting loop written so the translator fuses its back edge
/// (`i32.add` + compare + `br_if` become one instruction) and its load
/// (`i32.add` of a constant + `i32.load`): fuel still counts operators.
const COUNT_LOOP: &str = r#"(module
    (memory 1)
    (func (export "sum") (param $n i32) (result i32) (local $i i32) (local $s i32)
        (loop $l
            (local.set $s (i32.add (local.get $s)
                (i32.load (i32.add (local.get $i) (i32.const 4)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
        (local.get $s)))"#;

#[test]
fn fused_instructions_still_pay_per_operator() {
    let engine = fuel_engine();
    let mut store = Store::new(&engine, ());
    let inst = instance(&mut store, COUNT_LOOP);
    let sum = inst.get_typed_func::<i32, i32>(&mut store, "sum").unwrap();
    // Per iteration: local.get, local.get, i32.const, i32.add, i32.load,
    // i32.add, local.set, local.get, i32.const, i32.add, local.set,
    // local.get, local.get, i32.lt_u, br_if = 15. After the loop:
    // local.get = 1 (`end`s are free).
    for n in [1, 2, 10, 1000] {
        store.set_fuel(1_000_000).unwrap();
        sum.call(&mut store, n).unwrap();
        let used = 1_000_000 - store.get_fuel().unwrap();
        assert_eq!(used, 15 * n as u64 + 1, "n = {n}");
    }
}

#[test]
fn running_out_is_deterministic() {
    let engine = fuel_engine();
    let mut left = Vec::new();
    for _ in 0..3 {
        let mut store = Store::new(&engine, ());
        let inst = instance(&mut store, COUNT_LOOP);
        let sum = inst.get_typed_func::<i32, i32>(&mut store, "sum").unwrap();
        store.set_fuel(12_350).unwrap();
        let err = sum.call(&mut store, 1_000_000).unwrap_err();
        assert_eq!(err.trap(), Some(Trap::OutOfFuel));
        left.push(store.get_fuel().unwrap());
    }
    // 823 iterations of 15 use 12 345; the 824th does not fit in the 5
    // left, and traps before it starts, every time.
    assert_eq!(left, [5, 5, 5]);
}

#[test]
fn an_endless_loop_runs_out_of_fuel() {
    let engine = fuel_engine();
    let mut store = Store::new(&engine, ());
    let inst = instance(
        &mut store,
        r#"(module (func (export "spin") (loop (br 0))))"#,
    );
    store.set_fuel(1_000_000).unwrap();
    assert_eq!(trap_of(&mut store, inst, "spin"), Some(Trap::OutOfFuel));
    // Each iteration costs 1 (the `br`): every unit was spent.
    assert_eq!(store.get_fuel().unwrap(), 0);
}

#[test]
fn bulk_operations_pay_per_64_bytes() {
    let engine = fuel_engine();
    let mut store = Store::new(&engine, ());
    let inst = instance(
        &mut store,
        r#"(module (memory 1)
            (func (export "fill") (param i32)
                (memory.fill (i32.const 0) (i32.const 1) (local.get 0)))
            (func (export "copy") (param i32)
                (memory.copy (i32.const 0) (i32.const 100) (local.get 0))))"#,
    );
    for name in ["fill", "copy"] {
        let f = inst.get_typed_func::<i32, ()>(&mut store, name).unwrap();
        store.set_fuel(1000).unwrap();
        f.call(&mut store, 6400).unwrap();
        // Four operators, and 6400 / 64 = 100.
        assert_eq!(store.get_fuel().unwrap(), 1000 - 104, "{name}");
        store.set_fuel(50).unwrap();
        let err = f.call(&mut store, 6400).unwrap_err();
        assert_eq!(err.trap(), Some(Trap::OutOfFuel), "{name}");
    }
}

#[test]
fn host_functions_can_read_and_refill_fuel() {
    let engine = fuel_engine();
    let mut store = Store::new(&engine, 0u64);
    let mut linker = Linker::new(&engine);
    linker
        .func_wrap("host", "refuel", |mut caller: tern::Caller<'_, u64>| {
            *caller.data_mut() = caller.get_fuel().unwrap();
            caller.set_fuel(100).unwrap();
        })
        .unwrap();
    let module = Module::new(
        &engine,
        r#"(module (import "host" "refuel" (func $r))
            (func (export "f") (call $r) (i32.const 1) (drop)))"#,
    )
    .unwrap();
    let inst = linker.instantiate(&mut store, &module).unwrap();
    let f = inst.get_typed_func::<(), ()>(&mut store, "f").unwrap();
    store.set_fuel(10).unwrap();
    f.call(&mut store, ()).unwrap();
    // The run (call, i32.const) was charged 2 before the call.
    assert_eq!(*store.data(), 8);
    assert_eq!(store.get_fuel().unwrap(), 100);
}

/// Runs `f` of `wat` on an engine with epochs, with a thread that advances
/// the epoch every 10 ms, and a deadline of 10 ticks (about 100 ms).
fn interrupted(wat: &str, f: Option<&str>) -> (tern::Error, Duration) {
    let engine = epoch_engine();
    let ticker = engine.clone();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stop2 = stop.clone();
    let timer = std::thread::spawn(move || {
        while !stop2.load(std::sync::atomic::Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(10));
            ticker.increment_epoch();
        }
    });
    let mut store = Store::new(&engine, ());
    store.set_epoch_deadline(10);
    let module = Module::new(&engine, wat).unwrap();
    let start = Instant::now();
    let err = match Instance::new(&mut store, &module, &[]) {
        Err(e) => e,
        Ok(inst) => {
            let func = inst.get_func(&mut store, f.unwrap()).unwrap();
            func.call(&mut store, &[], &mut []).unwrap_err()
        }
    };
    let elapsed = start.elapsed();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    timer.join().unwrap();
    (err, elapsed)
}

#[test]
fn a_deadline_interrupts_an_endless_loop() {
    let (err, elapsed) = interrupted(
        r#"(module (func (export "spin") (loop (br 0))))"#,
        Some("spin"),
    );
    assert_eq!(err.trap(), Some(Trap::Interrupt), "{err}");
    assert!(elapsed >= Duration::from_millis(90), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
}

#[test]
fn a_deadline_interrupts_a_loop_in_the_start_function() {
    let (err, elapsed) = interrupted(r#"(module (func $s (loop (br 0))) (start $s))"#, None);
    assert_eq!(err.trap(), Some(Trap::Interrupt), "{err}");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
}

#[test]
fn a_deadline_interrupts_endless_recursion_free_calls() {
    // No loop at all: calls that return, forever, through a tail of calls.
    let wat = r#"(module
        (func $leaf)
        (func (export "spin") (loop (call $leaf) (br 0))))"#;
    let (err, _) = interrupted(wat, Some("spin"));
    assert_eq!(err.trap(), Some(Trap::Interrupt), "{err}");
}

#[test]
fn a_deadline_interrupts_a_long_memory_fill() {
    // 1 GiB filled again and again: every fill is one operator.
    let wat = r#"(module (memory 16384)
        (func (export "fill")
            (loop (memory.fill (i32.const 0) (i32.const 7) (i32.const 0x40000000)) (br 0))))"#;
    let (err, elapsed) = interrupted(wat, Some("fill"));
    assert_eq!(err.trap(), Some(Trap::Interrupt), "{err}");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
}

#[test]
fn without_a_deadline_set_code_traps_at_once() {
    let engine = epoch_engine();
    let mut store = Store::new(&engine, ());
    let inst = instance(&mut store, r#"(module (func (export "f")))"#);
    assert_eq!(trap_of(&mut store, inst, "f"), Some(Trap::Interrupt));
    store.set_epoch_deadline(1);
    assert_eq!(trap_of(&mut store, inst, "f"), None);
}

struct Limited {
    limits: StoreLimits,
}

fn limited(limits: StoreLimits) -> Store<Limited> {
    let mut store = Store::new(&Engine::default(), Limited { limits });
    store.limiter(|s| &mut s.limits);
    store
}

#[test]
fn memory_growth_past_the_cap_returns_minus_one() {
    let mut store = limited(StoreLimitsBuilder::new().memory_size(4 << 16).build());
    let inst = instance(
        &mut store,
        r#"(module (memory 1)
            (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))"#,
    );
    let grow = inst.get_typed_func::<i32, i32>(&mut store, "grow").unwrap();
    assert_eq!(grow.call(&mut store, 3).unwrap(), 1);
    assert_eq!(grow.call(&mut store, 1).unwrap(), -1);
    assert_eq!(grow.call(&mut store, 0).unwrap(), 4);
    // A storm of growths stays at the cap.
    for _ in 0..10_000 {
        assert_eq!(grow.call(&mut store, 1).unwrap(), -1);
    }
}

#[test]
fn table_growth_past_the_cap_returns_minus_one() {
    let mut store = limited(StoreLimitsBuilder::new().table_elements(100).build());
    let inst = instance(
        &mut store,
        r#"(module (table 10 funcref)
            (func (export "grow") (param i32) (result i32)
                (table.grow (ref.null func) (local.get 0))))"#,
    );
    let grow = inst.get_typed_func::<i32, i32>(&mut store, "grow").unwrap();
    assert_eq!(grow.call(&mut store, 90).unwrap(), 10);
    assert_eq!(grow.call(&mut store, 1).unwrap(), -1);
}

#[test]
fn over_cap_initial_sizes_fail_instantiation() {
    let mut store = limited(
        StoreLimitsBuilder::new()
            .memory_size(1 << 20)
            .table_elements(5)
            .build(),
    );
    let module = Module::new(store.engine(), "(module (memory 17))").unwrap();
    let err = Instance::new(&mut store, &module, &[]).unwrap_err();
    assert_eq!(err.kind(), tern::ErrorKind::ResourceLimit);
    assert!(
        err.to_string().contains("memory minimum size of 17 pages"),
        "{err}"
    );
    let module = Module::new(store.engine(), "(module (table 6 funcref))").unwrap();
    let err = Instance::new(&mut store, &module, &[]).unwrap_err();
    assert!(
        err.to_string().contains("table minimum size of 6 elements"),
        "{err}"
    );
    // The host API asks the limiter too.
    let err = Memory::new(&mut store, MemoryType::new(32, None)).unwrap_err();
    assert_eq!(err.kind(), tern::ErrorKind::ResourceLimit);
}

#[test]
fn counts_of_instances_memories_and_tables_are_capped() {
    let mut store = limited(StoreLimitsBuilder::new().instances(3).build());
    let empty = Module::new(store.engine(), "(module)").unwrap();
    for _ in 0..3 {
        Instance::new(&mut store, &empty, &[]).unwrap();
    }
    let err = Instance::new(&mut store, &empty, &[]).unwrap_err();
    assert!(err.to_string().contains("at most 3 instances"), "{err}");

    let mut store = limited(StoreLimitsBuilder::new().memories(2).tables(2).build());
    let two = Module::new(
        store.engine(),
        "(module (memory 0) (memory 0) (table 0 funcref))",
    )
    .unwrap();
    Instance::new(&mut store, &two, &[]).unwrap();
    let err = Instance::new(&mut store, &two, &[]).unwrap_err();
    assert!(err.to_string().contains("at most 2 memories"), "{err}");
}

#[test]
fn a_limiter_may_trap_instead() {
    let mut store = limited(
        StoreLimitsBuilder::new()
            .memory_size(2 << 16)
            .trap_on_grow_failure(true)
            .build(),
    );
    let inst = instance(
        &mut store,
        r#"(module (memory 1)
            (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))"#,
    );
    let grow = inst.get_typed_func::<i32, i32>(&mut store, "grow").unwrap();
    let err = grow.call(&mut store, 5).unwrap_err();
    assert_eq!(err.kind(), tern::ErrorKind::ResourceLimit);
}

/// A custom limiter sees every growth request.
#[test]
fn a_custom_limiter_sees_every_request() {
    #[derive(Default)]
    struct Log(Vec<(usize, usize, Option<usize>)>);
    impl ResourceLimiter for Log {
        fn memory_growing(&mut self, c: usize, d: usize, m: Option<usize>) -> tern::Result<bool> {
            self.0.push((c, d, m));
            Ok(d <= 3 << 16)
        }
        fn table_growing(&mut self, _: usize, _: usize, _: Option<usize>) -> tern::Result<bool> {
            Ok(true)
        }
    }
    let mut store = Store::new(&Engine::default(), Log::default());
    store.limiter(|log| log);
    let inst = instance(
        &mut store,
        r#"(module (memory 1 10)
            (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))"#,
    );
    let grow = inst.get_typed_func::<i32, i32>(&mut store, "grow").unwrap();
    assert_eq!(grow.call(&mut store, 2).unwrap(), 1);
    assert_eq!(grow.call(&mut store, 1).unwrap(), -1);
    let max = Some(10 << 16);
    assert_eq!(
        store.data().0,
        vec![
            (0, 1 << 16, max),
            (1 << 16, 3 << 16, max),
            (3 << 16, 4 << 16, max)
        ]
    );
}

#[test]
fn call_depth_and_value_stack_are_configurable() {
    let wat = r#"(module (func $f (export "f") (param i32) (result i32)
        (if (result i32) (local.get 0)
            (then (i32.add (call $f (i32.sub (local.get 0) (i32.const 1))) (i32.const 1)))
            (else (i32.const 0)))))"#;
    let mut config = Config::new();
    config.max_call_depth(100);
    let engine = Engine::new(&config).unwrap();
    let mut store = Store::new(&engine, ());
    let inst = instance(&mut store, wat);
    let f = inst.get_typed_func::<i32, i32>(&mut store, "f").unwrap();
    assert_eq!(f.call(&mut store, 98).unwrap(), 98);
    let err = f.call(&mut store, 1000).unwrap_err();
    assert_eq!(err.trap(), Some(Trap::StackOverflow));

    let mut config = Config::new();
    config.max_wasm_stack(64 * 1024);
    let engine = Engine::new(&config).unwrap();
    let mut store = Store::new(&engine, ());
    let inst = instance(&mut store, wat);
    let f = inst.get_typed_func::<i32, i32>(&mut store, "f").unwrap();
    assert_eq!(f.call(&mut store, 100).unwrap(), 100);
    let err = f.call(&mut store, 100_000).unwrap_err();
    assert_eq!(err.trap(), Some(Trap::StackOverflow));
}

#[test]
fn each_path_pays_for_its_own_runs() {
    let engine = fuel_engine();
    let mut store = Store::new(&engine, ());
    let inst = instance(
        &mut store,
        r#"(module (func (export "f") (param i32) (result i32)
            (block $b (result i32)
              (if (result i32) (local.get 0)
                (then (i32.const 10))
                (else (br $b (i32.const 20))))
              (i32.const 1)
              (i32.add))))"#,
    );
    let f = inst.get_typed_func::<i32, i32>(&mut store, "f").unwrap();
    // Then: local.get, if | i32.const | i32.const, i32.add = 5.
    store.set_fuel(100).unwrap();
    assert_eq!(f.call(&mut store, 1).unwrap(), 11);
    assert_eq!(store.get_fuel().unwrap(), 95);
    // Else: local.get, if | i32.const, br = 4.
    store.set_fuel(100).unwrap();
    assert_eq!(f.call(&mut store, 0).unwrap(), 20);
    assert_eq!(store.get_fuel().unwrap(), 96);
}

#[test]
fn a_trap_inside_a_run_has_paid_for_the_whole_run() {
    let engine = fuel_engine();
    let mut store = Store::new(&engine, ());
    let inst = instance(
        &mut store,
        r#"(module (func (export "f") (param i32) (result i32)
            (i32.add (i32.div_u (i32.const 1) (local.get 0)) (i32.const 2))))"#,
    );
    let f = inst.get_typed_func::<i32, i32>(&mut store, "f").unwrap();
    store.set_fuel(100).unwrap();
    let err = f.call(&mut store, 0).unwrap_err();
    assert_eq!(err.trap(), Some(Trap::IntegerDivisionByZero));
    // i32.const, local.get, i32.div_u, i32.const, i32.add: charged on entry.
    assert_eq!(store.get_fuel().unwrap(), 95);
}
