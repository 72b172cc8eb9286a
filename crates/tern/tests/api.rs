//! Integration tests of Tern's embedding API.
//!
//! Every module is written inline in the text format and compiled with
//! [`Module::new`]. The tests exercise the public surface the way an embedder
//! would: the [`Linker`] (typed and dynamic host functions, host data, guest
//! memory access through [`Caller`], instance re-exports, link errors), calls
//! through [`Func`] and [`TypedFunc`] (including misuse, which must be an
//! error of kind [`ErrorKind::Usage`] and never a panic), memories, tables and
//! globals created by the host or by modules, every trap of the specification
//! with its backtrace, the limits of the interpreter's own call stack,
//! re-entrancy (host functions calling back into WebAssembly), start
//! functions, host references and module introspection.

use std::fmt;
use tern::{
    Caller, Config, Engine, Error, ErrorKind, Extern, ExternRef, ExternType, Func, FuncType,
    Global, GlobalType, HeapType, Instance, Linker, Memory, MemoryAccessError, MemoryType, Module,
    Mutability, Ref, RefType, Store, Table, TableType, Trap, TypedFunc, Val, ValType,
    WASM_PAGE_SIZE,
};

type TestResult = tern::Result<()>;

/// Compiles `wat` with a default engine and instantiates it without imports.
fn instantiate(wat: &str) -> (Store<()>, Instance) {
    let engine = Engine::default();
    let module = Module::new(&engine, wat).expect("test module compiles");
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).expect("test module instantiates");
    (store, instance)
}

/// The error of a result that must have failed.
#[track_caller]
fn expect_err<T: fmt::Debug>(result: tern::Result<T>) -> Error {
    match result {
        Ok(value) => panic!("expected an error, got Ok({value:?})"),
        Err(error) => error,
    }
}

/// The trap of a result that must have trapped, checking the error's message.
#[track_caller]
fn expect_trap<T: fmt::Debug>(result: tern::Result<T>) -> Trap {
    let error = expect_err(result);
    let trap = error
        .trap()
        .unwrap_or_else(|| panic!("expected a trap, got {error:?}"));
    assert_eq!(error.kind(), ErrorKind::Trap(trap));
    assert!(
        error.to_string().starts_with("wasm trap: "),
        "trap display: {error}"
    );
    trap
}

/// A host error type, recovered with [`Error::downcast_ref`].
#[derive(Debug, PartialEq, Eq)]
struct ExitCode(i32);

impl fmt::Display for ExitCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "guest exited with code {}", self.0)
    }
}

impl std::error::Error for ExitCode {}

// ---------------------------------------------------------------------------
// Linker: host functions
// ---------------------------------------------------------------------------

#[test]
fn func_wrap_closures_without_caller() -> TestResult {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module
             (import "host" "add" (func $add (param i32 i32) (result i32)))
             (import "host" "nop" (func $nop))
             (import "host" "split" (func $split (param i64) (result i32 i32)))
             (import "host" "mix" (func $mix (param f32 f64) (result f64)))
             (import "host" "widen" (func $widen (param i32) (result i64)))
             (func (export "add") (param i32 i32) (result i32)
               (call $nop)
               (call $add (local.get 0) (local.get 1)))
             (func (export "split") (param i64) (result i32 i32)
               (call $split (local.get 0)))
             (func (export "split_diff") (param i64) (result i32)
               (i32.sub (call $split (local.get 0))))
             (func (export "mix") (param f32 f64) (result f64)
               (call $mix (local.get 0) (local.get 1)))
             (func (export "widen") (param i32) (result i64)
               (call $widen (local.get 0))))"#,
    )?;
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    linker.func_wrap("host", "add", |a: i32, b: i32| a.wrapping_add(b))?;
    linker.func_wrap("host", "nop", || {})?;
    linker.func_wrap("host", "split", |x: i64| ((x >> 32) as i32, x as i32))?;
    linker.func_wrap("host", "mix", |a: f32, b: f64| f64::from(a) * b)?;
    linker.func_wrap("host", "widen", |x: u32| -> u64 { u64::from(x) * 2 })?;
    let instance = linker.instantiate(&mut store, &module)?;

    let add = instance.get_typed_func::<(i32, i32), i32>(&mut store, "add")?;
    assert_eq!(add.call(&mut store, (2, 3))?, 5);
    assert_eq!(add.call(&mut store, (i32::MAX, 1))?, i32::MIN);

    let split = instance.get_typed_func::<i64, (i32, i32)>(&mut store, "split")?;
    assert_eq!(split.call(&mut store, 0x0000_0007_0000_0003)?, (7, 3));
    assert_eq!(split.call(&mut store, -1)?, (-1, -1));
    let split_diff = instance.get_typed_func::<i64, i32>(&mut store, "split_diff")?;
    assert_eq!(split_diff.call(&mut store, 0x0000_0007_0000_0003)?, 4);

    let mix = instance.get_typed_func::<(f32, f64), f64>(&mut store, "mix")?;
    assert_eq!(mix.call(&mut store, (1.5, 2.0))?, 3.0);

    let widen = instance.get_typed_func::<i32, i64>(&mut store, "widen")?;
    assert_eq!(widen.call(&mut store, -1)?, 2 * i64::from(u32::MAX));
    assert_eq!(widen.call(&mut store, 21)?, 42);
    Ok(())
}

#[derive(Debug, Default)]
struct Counter {
    calls: u32,
    sum: i64,
}

#[test]
fn func_wrap_with_caller_mutates_host_data() -> TestResult {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module
             (import "host" "record" (func $record (param i32) (result i32)))
             (import "host" "sum" (func $sum (result i64)))
             (func (export "run") (param i32) (result i32)
               (drop (call $record (local.get 0)))
               (call $record (i32.const 10)))
             (func (export "sum") (result i64) (call $sum)))"#,
    )?;
    let mut store = Store::new(&engine, Counter::default());
    let mut linker = Linker::new(&engine);
    linker.func_wrap(
        "host",
        "record",
        |mut caller: Caller<'_, Counter>, x: i32| {
            caller.data_mut().calls += 1;
            caller.data_mut().sum += i64::from(x);
            caller.data().calls as i32
        },
    )?;
    linker.func_wrap("host", "sum", |caller: Caller<'_, Counter>| {
        caller.data().sum
    })?;
    let instance = linker.instantiate(&mut store, &module)?;
    let run = instance.get_typed_func::<i32, i32>(&mut store, "run")?;
    let sum = instance.get_typed_func::<(), i64>(&mut store, "sum")?;

    assert_eq!(run.call(&mut store, 5)?, 2);
    assert_eq!(store.data().calls, 2);
    assert_eq!(store.data().sum, 15);
    assert_eq!(run.call(&mut store, -100)?, 4);
    assert_eq!(store.data().calls, 4);
    assert_eq!(sum.call(&mut store, ())?, -75);

    // Changes made by the host through the store are seen by host functions.
    store.data_mut().calls = 100;
    store.data_mut().sum = 1 << 40;
    assert_eq!(run.call(&mut store, 0)?, 102);
    assert_eq!(sum.call(&mut store, ())?, (1 << 40) + 10);
    assert_eq!(store.into_data().calls, 102);
    Ok(())
}

#[test]
fn func_wrap_result_errors_propagate_as_host_errors() -> TestResult {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module
             (import "host" "check" (func $check (param i32) (result i32)))
             (import "host" "fail" (func $fail))
             (import "host" "pair" (func $pair (param i32) (result i32 i32)))
             (global $reached (export "reached") (mut i32) (i32.const 0))
             (func (export "check") (param i32) (result i32)
               (i32.add (call $check (local.get 0)) (i32.const 1)))
             (func (export "fail")
               (call $fail)
               (global.set $reached (i32.const 1)))
             (func (export "pair") (param i32) (result i32 i32)
               (call $pair (local.get 0))))"#,
    )?;
    let mut store = Store::new(&engine, 0u32);
    let mut linker = Linker::new(&engine);
    linker.func_wrap("host", "check", |x: i32| -> tern::Result<i32> {
        if x < 0 {
            Err(Error::host(ExitCode(x)))
        } else {
            Ok(x * 10)
        }
    })?;
    linker.func_wrap(
        "host",
        "fail",
        |mut caller: Caller<'_, u32>| -> tern::Result<()> {
            *caller.data_mut() += 1;
            Err(Error::msg("custom failure"))
        },
    )?;
    linker.func_wrap("host", "pair", |x: i32| -> tern::Result<(i32, i32)> {
        if x == 0 {
            Err(Error::msg("zero"))
        } else {
            Ok((x, -x))
        }
    })?;
    let instance = linker.instantiate(&mut store, &module)?;
    let check = instance.get_typed_func::<i32, i32>(&mut store, "check")?;
    let fail = instance.get_typed_func::<(), ()>(&mut store, "fail")?;
    let pair = instance.get_typed_func::<i32, (i32, i32)>(&mut store, "pair")?;
    let reached = instance.get_global(&store, "reached").unwrap();

    assert_eq!(check.call(&mut store, 4)?, 41);

    let error = expect_err(check.call(&mut store, -7));
    assert_eq!(error.kind(), ErrorKind::Host);
    assert_eq!(error.trap(), None);
    assert_eq!(error.downcast_ref::<ExitCode>(), Some(&ExitCode(-7)));
    assert!(
        error.to_string().contains("guest exited with code -7"),
        "{error}"
    );
    assert!(error.downcast_ref::<MemoryAccessError>().is_none());

    let error = expect_err(fail.call(&mut store, ()));
    assert_eq!(error.kind(), ErrorKind::Host);
    assert_eq!(error.message(), "custom failure");
    assert!(error.downcast_ref::<ExitCode>().is_none());
    // The host function ran (and mutated the data) but the code after the
    // call did not.
    assert_eq!(*store.data(), 1);
    assert_eq!(reached.get(&store), Val::I32(0));

    assert_eq!(pair.call(&mut store, 3)?, (3, -3));
    assert_eq!(expect_err(pair.call(&mut store, 0)).kind(), ErrorKind::Host);

    // The store is still usable after host errors.
    assert_eq!(check.call(&mut store, 1)?, 11);
    Ok(())
}

#[test]
fn func_new_with_dynamic_values() -> TestResult {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module
             (import "host" "dyn" (func $dyn (param i32 i64 f32 f64) (result f64 i32)))
             (import "host" "bad_result" (func $bad (result i32)))
             (import "host" "fails" (func $fails (param i32)))
             (func (export "go") (result f64 i32)
               (call $dyn (i32.const 1) (i64.const 2) (f32.const 3.5) (f64.const 4.25)))
             (func (export "bad") (result i32) (call $bad))
             (func (export "fails") (param i32) (call $fails (local.get 0))))"#,
    )?;
    let mut store = Store::new(&engine, Vec::<Val>::new());
    let mut linker = Linker::new(&engine);
    linker.func_new(
        "host",
        "dyn",
        FuncType::new(
            [ValType::I32, ValType::I64, ValType::F32, ValType::F64],
            [ValType::F64, ValType::I32],
        ),
        |mut caller: Caller<'_, Vec<Val>>, params: &[Val], results: &mut [Val]| {
            caller.data_mut().extend_from_slice(params);
            let sum = f64::from(params[0].unwrap_i32())
                + params[1].unwrap_i64() as f64
                + f64::from(params[2].unwrap_f32())
                + params[3].unwrap_f64();
            assert_eq!(results.len(), 2);
            results[0] = Val::from(sum);
            results[1] = Val::I32(params.len() as i32);
            Ok(())
        },
    )?;
    linker.func_new(
        "host",
        "bad_result",
        FuncType::new([], [ValType::I32]),
        |_caller: Caller<'_, Vec<Val>>, _params: &[Val], results: &mut [Val]| {
            results[0] = Val::I64(1);
            Ok(())
        },
    )?;
    linker.func_new(
        "host",
        "fails",
        FuncType::new([ValType::I32], []),
        |_caller: Caller<'_, Vec<Val>>, params: &[Val], _results: &mut [Val]| {
            Err(Error::host(ExitCode(params[0].unwrap_i32())))
        },
    )?;
    let instance = linker.instantiate(&mut store, &module)?;

    let go = instance.get_typed_func::<(), (f64, i32)>(&mut store, "go")?;
    assert_eq!(go.call(&mut store, ())?, (10.75, 4));
    assert_eq!(
        store.data().as_slice(),
        &[
            Val::I32(1),
            Val::I64(2),
            Val::F32(3.5f32.to_bits()),
            Val::F64(4.25f64.to_bits())
        ]
    );

    // A dynamic host function that produces a value of the wrong type is an
    // error, not undefined behaviour.
    let bad = instance.get_typed_func::<(), i32>(&mut store, "bad")?;
    assert_eq!(
        expect_err(bad.call(&mut store, ())).kind(),
        ErrorKind::Usage
    );

    let fails = instance.get_typed_func::<i32, ()>(&mut store, "fails")?;
    let error = expect_err(fails.call(&mut store, 9));
    assert_eq!(error.kind(), ErrorKind::Host);
    assert_eq!(error.downcast_ref::<ExitCode>(), Some(&ExitCode(9)));

    // Host functions created with `Func::new` can also be called directly.
    let direct = Func::new(
        &mut store,
        FuncType::new([ValType::I64], [ValType::I64, ValType::I64]),
        |_caller: Caller<'_, Vec<Val>>, params: &[Val], results: &mut [Val]| {
            let x = params[0].unwrap_i64();
            results[0] = Val::I64(x + 1);
            results[1] = Val::I64(x - 1);
            Ok(())
        },
    );
    let mut results = [Val::I32(0), Val::I32(0)];
    direct.call(&mut store, &[Val::I64(10)], &mut results)?;
    assert_eq!(results, [Val::I64(11), Val::I64(9)]);
    Ok(())
}

#[test]
fn caller_reads_guest_memory() -> TestResult {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module
             (import "env" "log" (func $log (param i32 i32)))
             (memory (export "memory") 1)
             (data (i32.const 16) "hello, tern")
             (data (i32.const 64) "second")
             (func (export "run")
               (call $log (i32.const 16) (i32.const 11))
               (call $log (i32.const 64) (i32.const 6)))
             (func (export "shout")
               (i32.store8 (i32.const 16) (i32.const 72))
               (call $log (i32.const 16) (i32.const 5)))
             (func (export "bad") (call $log (i32.const 65530) (i32.const 7))))"#,
    )?;
    let mut store = Store::new(&engine, Vec::<String>::new());
    let mut linker = Linker::new(&engine);
    linker.func_wrap(
        "env",
        "log",
        |mut caller: Caller<'_, Vec<String>>, ptr: i32, len: i32| -> tern::Result<()> {
            let memory = caller
                .get_export("memory")
                .and_then(Extern::into_memory)
                .ok_or_else(|| Error::msg("no exported memory"))?;
            let mut buf = vec![0; len as usize];
            memory
                .read(&caller, ptr as u32 as usize, &mut buf)
                .map_err(Error::host)?;
            // The slice view agrees with `read`.
            let start = ptr as u32 as usize;
            assert_eq!(&memory.data(&caller)[start..start + buf.len()], &buf[..]);
            let text = String::from_utf8(buf).map_err(Error::host)?;
            caller.data_mut().push(text);
            Ok(())
        },
    )?;
    let instance = linker.instantiate(&mut store, &module)?;
    instance
        .get_typed_func::<(), ()>(&mut store, "run")?
        .call(&mut store, ())?;
    assert_eq!(store.data().as_slice(), ["hello, tern", "second"]);

    instance
        .get_typed_func::<(), ()>(&mut store, "shout")?
        .call(&mut store, ())?;
    assert_eq!(store.data().last().map(String::as_str), Some("Hello"));

    let error = expect_err(
        instance
            .get_typed_func::<(), ()>(&mut store, "bad")?
            .call(&mut store, ()),
    );
    assert_eq!(error.kind(), ErrorKind::Host);
    assert_eq!(
        error.downcast_ref::<MemoryAccessError>(),
        Some(&MemoryAccessError)
    );
    assert_eq!(store.data().len(), 3);
    Ok(())
}

#[test]
fn caller_get_export_without_calling_instance() -> TestResult {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let has_memory = Func::wrap(&mut store, |mut caller: Caller<'_, ()>| {
        i32::from(caller.get_export("memory").is_some())
    });
    let has_missing = Func::wrap(&mut store, |mut caller: Caller<'_, ()>| {
        i32::from(caller.get_export("missing").is_some())
    });
    // Called from the host, there is no calling instance.
    let typed = has_memory.typed::<(), i32>(&store)?;
    assert_eq!(typed.call(&mut store, ())?, 0);

    let module = Module::new(
        &engine,
        r#"(module
             (import "" "has_memory" (func $has_memory (result i32)))
             (import "" "has_missing" (func $has_missing (result i32)))
             (memory (export "memory") 1)
             (func (export "memory") (result i32) (call $has_memory))
             (func (export "missing") (result i32) (call $has_missing)))"#,
    );
    // Two exports named "memory": the module is invalid.
    assert_eq!(expect_err(module).kind(), ErrorKind::Invalid);

    let module = Module::new(
        &engine,
        r#"(module
             (import "" "has_memory" (func $has_memory (result i32)))
             (import "" "has_missing" (func $has_missing (result i32)))
             (memory (export "memory") 1)
             (func (export "check_memory") (result i32) (call $has_memory))
             (func (export "check_missing") (result i32) (call $has_missing)))"#,
    )?;
    let instance = Instance::new(
        &mut store,
        &module,
        &[has_memory.into(), has_missing.into()],
    )?;
    let check_memory = instance.get_typed_func::<(), i32>(&mut store, "check_memory")?;
    let check_missing = instance.get_typed_func::<(), i32>(&mut store, "check_missing")?;
    assert_eq!(check_memory.call(&mut store, ())?, 1);
    assert_eq!(check_missing.call(&mut store, ())?, 0);
    Ok(())
}

// ---------------------------------------------------------------------------
// Linker: instances, lookups and link errors
// ---------------------------------------------------------------------------

const PROVIDER: &str = r#"(module $provider
  (memory (export "mem") 1 4)
  (table (export "tab") 2 funcref)
  (global $counter (export "counter") (mut i32) (i32.const 5))
  (global (export "limit") i64 (i64.const 1234))
  (func $double (export "double") (param i32) (result i32)
    (i32.mul (local.get 0) (i32.const 2)))
  (func $negate (param i32) (result i32)
    (i32.sub (i32.const 0) (local.get 0)))
  (elem (i32.const 0) $double $negate)
  (func (export "bump")
    (global.set $counter (i32.add (global.get $counter) (i32.const 1)))))"#;

const CONSUMER: &str = r#"(module $consumer
  (import "a" "double" (func $double (param i32) (result i32)))
  (import "a" "mem" (memory 1))
  (import "a" "tab" (table 2 funcref))
  (import "a" "counter" (global $counter (mut i32)))
  (import "a" "limit" (global $limit i64))
  (type $unary (func (param i32) (result i32)))
  (func (export "call_double") (param i32) (result i32) (call $double (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "indirect") (param i32 i32) (result i32)
    (call_indirect (type $unary) (local.get 1) (local.get 0)))
  (func (export "add_counter") (param i32) (result i32)
    (global.set $counter (i32.add (global.get $counter) (local.get 0)))
    (global.get $counter))
  (func (export "limit") (result i64) (global.get $limit))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))"#;

#[test]
fn linker_instance_exports_are_importable() -> TestResult {
    let engine = Engine::default();
    let provider = Module::new(&engine, PROVIDER)?;
    let consumer = Module::new(&engine, CONSUMER)?;
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    let a = linker.instantiate(&mut store, &provider)?;
    linker.instance(&mut store, "a", a)?;
    let b = linker.instantiate(&mut store, &consumer)?;

    let a_mem = a.get_memory(&store, "mem").unwrap();
    let a_counter = a.get_global(&store, "counter").unwrap();

    // Functions.
    let call_double = b.get_typed_func::<i32, i32>(&mut store, "call_double")?;
    assert_eq!(call_double.call(&mut store, 21)?, 42);

    // Memory is shared both ways.
    let store_fn = b.get_typed_func::<(i32, i32), ()>(&mut store, "store")?;
    store_fn.call(&mut store, (100, 0xdead_beef_u32 as i32))?;
    assert_eq!(
        &a_mem.data(&store)[100..104],
        &0xdead_beef_u32.to_le_bytes()
    );
    a_mem.data_mut(&mut store)[200..204].copy_from_slice(&7u32.to_le_bytes());
    let load = b.get_typed_func::<i32, i32>(&mut store, "load")?;
    assert_eq!(load.call(&mut store, 200)?, 7);

    // The table, with the provider's functions in it.
    let indirect = b.get_typed_func::<(i32, i32), i32>(&mut store, "indirect")?;
    assert_eq!(indirect.call(&mut store, (0, 7))?, 14);
    assert_eq!(indirect.call(&mut store, (1, 7))?, -7);

    // The mutable global is the same cell in both instances.
    let add_counter = b.get_typed_func::<i32, i32>(&mut store, "add_counter")?;
    assert_eq!(add_counter.call(&mut store, 10)?, 15);
    assert_eq!(a_counter.get(&store), Val::I32(15));
    a.get_typed_func::<(), ()>(&mut store, "bump")?
        .call(&mut store, ())?;
    assert_eq!(add_counter.call(&mut store, 0)?, 16);
    a_counter.set(&mut store, Val::I32(-1))?;
    assert_eq!(add_counter.call(&mut store, 0)?, -1);

    // The immutable global.
    let limit = b.get_typed_func::<(), i64>(&mut store, "limit")?;
    assert_eq!(limit.call(&mut store, ())?, 1234);

    // Growth from the importing module is seen through the provider's handle.
    let grow = b.get_typed_func::<i32, i32>(&mut store, "grow")?;
    assert_eq!(grow.call(&mut store, 1)?, 1);
    assert_eq!(a_mem.size(&store), 2);
    assert_eq!(grow.call(&mut store, 3)?, -1);
    assert_eq!(a_mem.size(&store), 2);

    // The linker hands out the very same items.
    assert_eq!(
        linker.get(&mut store, "a", "mem"),
        Some(Extern::Memory(a_mem))
    );
    assert_eq!(
        linker.get(&mut store, "a", "counter"),
        Some(Extern::Global(a_counter))
    );
    assert_eq!(linker.get(&mut store, "a", "negate"), None);

    // Defining the same instance name again is a duplicate.
    let again = linker.instantiate(&mut store, &provider)?;
    assert!(linker.instance(&mut store, "a", again).is_err());
    Ok(())
}

#[test]
fn linker_module_defines_exports() -> TestResult {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    linker.module(&mut store, "a", &Module::new(&engine, PROVIDER)?)?;
    let b = linker.instantiate(&mut store, &Module::new(&engine, CONSUMER)?)?;
    let call_double = b.get_typed_func::<i32, i32>(&mut store, "call_double")?;
    assert_eq!(call_double.call(&mut store, -4)?, -8);
    Ok(())
}

#[test]
fn linker_get_returns_definitions() -> TestResult {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    linker.func_wrap("env", "triple", |x: i32| x * 3)?;
    let global = Global::new(
        &mut store,
        GlobalType::new(ValType::I64, Mutability::Const),
        Val::I64(99),
    )?;
    linker.define(&store, "env", "g", global)?;

    let triple = linker
        .get(&mut store, "env", "triple")
        .and_then(Extern::into_func)
        .expect("defined function");
    assert_eq!(
        triple.ty(&store),
        FuncType::new([ValType::I32], [ValType::I32])
    );
    assert_eq!(triple.typed::<i32, i32>(&store)?.call(&mut store, 5)?, 15);
    let extern_ = linker.get(&mut store, "env", "triple").unwrap();
    assert_eq!(
        extern_.ty(&store),
        ExternType::Func(FuncType::new([ValType::I32], [ValType::I32]))
    );

    assert_eq!(
        linker.get(&mut store, "env", "g"),
        Some(Extern::Global(global))
    );
    assert_eq!(linker.get(&mut store, "env", "missing"), None);
    assert_eq!(linker.get(&mut store, "other", "triple"), None);
    Ok(())
}

#[test]
fn missing_import_is_unlinkable() -> TestResult {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module
             (import "env" "present" (func))
             (import "env" "missing" (func (param i32))))"#,
    )?;
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    linker.func_wrap("env", "present", || {})?;
    let error = expect_err(linker.instantiate(&mut store, &module));
    assert_eq!(error.kind(), ErrorKind::Unlinkable);
    assert!(error.to_string().contains("env::missing"), "{error}");

    // Positional imports of the wrong count are unlinkable too.
    let f = Func::wrap(&mut store, || {});
    let error = expect_err(Instance::new(&mut store, &module, &[f.into()]));
    assert_eq!(error.kind(), ErrorKind::Unlinkable);
    Ok(())
}

#[test]
fn mistyped_imports_are_unlinkable() -> TestResult {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    linker.func_wrap("env", "f", |x: i64| x)?;
    let const_i32 = Global::new(
        &mut store,
        GlobalType::new(ValType::I32, Mutability::Const),
        Val::I32(1),
    )?;
    let var_i32 = Global::new(
        &mut store,
        GlobalType::new(ValType::I32, Mutability::Var),
        Val::I32(1),
    )?;
    let var_i64 = Global::new(
        &mut store,
        GlobalType::new(ValType::I64, Mutability::Var),
        Val::I64(1),
    )?;
    let one_page = Memory::new(&mut store, MemoryType::new(1, None))?;
    let table = Table::new(
        &mut store,
        TableType::new(RefType::FUNCREF, 1, None),
        Ref::Func(None),
    )?;
    linker.define(&store, "env", "const_i32", const_i32)?;
    linker.define(&store, "env", "var_i32", var_i32)?;
    linker.define(&store, "env", "var_i64", var_i64)?;
    linker.define(&store, "env", "one_page", one_page)?;
    linker.define(&store, "env", "table", table)?;

    let cases = [
        // Wrong function signature.
        (
            r#"(import "env" "f" (func (param i32) (result i32)))"#,
            "env::f",
        ),
        (r#"(import "env" "f" (func (param i64)))"#, "env::f"),
        // Wrong global mutability, both ways, and wrong global type.
        (
            r#"(import "env" "const_i32" (global (mut i32)))"#,
            "env::const_i32",
        ),
        (r#"(import "env" "var_i32" (global i32))"#, "env::var_i32"),
        (
            r#"(import "env" "var_i64" (global (mut i32)))"#,
            "env::var_i64",
        ),
        // A memory too small, or without the required maximum.
        (r#"(import "env" "one_page" (memory 2))"#, "env::one_page"),
        (r#"(import "env" "one_page" (memory 1 2))"#, "env::one_page"),
        // A table too small, or of the wrong element type.
        (r#"(import "env" "table" (table 2 funcref))"#, "env::table"),
        (
            r#"(import "env" "table" (table 1 8 funcref))"#,
            "env::table",
        ),
        (
            r#"(import "env" "table" (table 1 externref))"#,
            "env::table",
        ),
        // The wrong kind of item.
        (r#"(import "env" "one_page" (func))"#, "env::one_page"),
        (r#"(import "env" "f" (memory 1))"#, "env::f"),
    ];
    for (import, name) in cases {
        let module = Module::new(&engine, format!("(module {import})"))?;
        let error = expect_err(linker.instantiate(&mut store, &module));
        assert_eq!(error.kind(), ErrorKind::Unlinkable, "{import}: {error}");
        assert!(error.to_string().contains(name), "{import}: {error}");
    }

    // The same items with matching types link fine.
    let module = Module::new(
        &engine,
        r#"(module
             (import "env" "f" (func (param i64) (result i64)))
             (import "env" "const_i32" (global i32))
             (import "env" "var_i32" (global (mut i32)))
             (import "env" "one_page" (memory 1))
             (import "env" "table" (table 1 funcref)))"#,
    )?;
    linker.instantiate(&mut store, &module)?;
    Ok(())
}

#[test]
fn duplicate_definitions_need_shadowing() -> TestResult {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module
             (import "env" "f" (func $f (result i32)))
             (func (export "f") (result i32) (call $f)))"#,
    )?;
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    linker.func_wrap("env", "f", || 1i32)?;
    let error = expect_err(linker.func_wrap("env", "f", || 2i32).map(|_| ()));
    assert!(error.to_string().contains("env::f"), "{error}");
    let error = expect_err(
        linker
            .func_new(
                "env",
                "f",
                FuncType::new([], [ValType::I32]),
                |_, _, results| {
                    results[0] = Val::I32(3);
                    Ok(())
                },
            )
            .map(|_| ()),
    );
    assert!(error.to_string().contains("env::f"), "{error}");
    let memory = Memory::new(&mut store, MemoryType::new(1, None))?;
    assert!(linker.define(&store, "env", "f", memory).is_err());

    // The first definition is still in place.
    let instance = linker.instantiate(&mut store, &module)?;
    let f = instance.get_typed_func::<(), i32>(&mut store, "f")?;
    assert_eq!(f.call(&mut store, ())?, 1);

    linker.allow_shadowing(true);
    linker.func_wrap("env", "f", || 2i32)?;
    let instance = linker.instantiate(&mut store, &module)?;
    let f = instance.get_typed_func::<(), i32>(&mut store, "f")?;
    assert_eq!(f.call(&mut store, ())?, 2);
    Ok(())
}

// ---------------------------------------------------------------------------
// Func and TypedFunc
// ---------------------------------------------------------------------------

const FUNCS: &str = r#"(module
  (func (export "add") (param i32 i64) (result i64)
    (i64.add (i64.extend_i32_s (local.get 0)) (local.get 1)))
  (func (export "none"))
  (func (export "swap") (param i32 i32) (result i32 i32) (local.get 1) (local.get 0))
  (func (export "multi") (param i32) (result i32 i64 f32 f64)
    (local.get 0)
    (i64.shl (i64.extend_i32_u (local.get 0)) (i64.const 33))
    (f32.const 1.5)
    (f64.neg (f64.convert_i32_s (local.get 0))))
  (func (export "id_i32") (param i32) (result i32) (local.get 0))
  (func (export "id_i64") (param i64) (result i64) (local.get 0))
  (func $id_f32 (export "id_f32") (param f32) (result f32) (local.get 0))
  (func (export "id_f64") (param f64) (result f64) (local.get 0))
  (func (export "id_f32_call") (param f32) (result f32) (call $id_f32 (local.get 0)))
  (func (export "neg_f32") (param f32) (result f32) (f32.neg (local.get 0)))
  (func (export "abs_f64") (param f64) (result f64) (f64.abs (local.get 0))))"#;

#[test]
fn func_call_with_vals() -> TestResult {
    let (mut store, instance) = instantiate(FUNCS);
    let add = instance.get_func(&store, "add").unwrap();
    let mut results = [Val::I32(0)];
    add.call(&mut store, &[Val::I32(-5), Val::I64(1 << 40)], &mut results)?;
    assert_eq!(results, [Val::I64((1 << 40) - 5)]);

    let none = instance.get_func(&store, "none").unwrap();
    none.call(&mut store, &[], &mut [])?;

    let multi = instance.get_func(&store, "multi").unwrap();
    let mut results = [Val::I32(0); 4];
    multi.call(&mut store, &[Val::I32(3)], &mut results)?;
    assert_eq!(
        results,
        [
            Val::I32(3),
            Val::I64(3 << 33),
            Val::F32(1.5f32.to_bits()),
            Val::F64((-3.0f64).to_bits())
        ]
    );
    Ok(())
}

#[test]
fn func_call_misuse_is_a_usage_error() -> TestResult {
    let (mut store, instance) = instantiate(FUNCS);
    let add = instance.get_func(&store, "add").unwrap();
    let mut one = [Val::I64(0)];

    // Wrong number of arguments.
    let error = expect_err(add.call(&mut store, &[Val::I32(1)], &mut one));
    assert_eq!(error.kind(), ErrorKind::Usage);
    let error = expect_err(add.call(
        &mut store,
        &[Val::I32(1), Val::I64(2), Val::I64(3)],
        &mut one,
    ));
    assert_eq!(error.kind(), ErrorKind::Usage);
    // Wrong argument types.
    let error = expect_err(add.call(&mut store, &[Val::I64(1), Val::I64(2)], &mut one));
    assert_eq!(error.kind(), ErrorKind::Usage);
    let error = expect_err(add.call(&mut store, &[Val::I32(1), Val::F64(0)], &mut one));
    assert_eq!(error.kind(), ErrorKind::Usage);
    let error = expect_err(add.call(&mut store, &[Val::I32(1), Val::FuncRef(None)], &mut one));
    assert_eq!(error.kind(), ErrorKind::Usage);
    // Wrong number of results.
    let error = expect_err(add.call(&mut store, &[Val::I32(1), Val::I64(2)], &mut []));
    assert_eq!(error.kind(), ErrorKind::Usage);
    let mut two = [Val::I64(0); 2];
    let error = expect_err(add.call(&mut store, &[Val::I32(1), Val::I64(2)], &mut two));
    assert_eq!(error.kind(), ErrorKind::Usage);
    // Results were not written by the failed calls.
    assert_eq!(one, [Val::I64(0)]);
    assert_eq!(two, [Val::I64(0); 2]);

    // A reference from another store is rejected, not followed.
    let id_ref = Module::new(
        store.engine(),
        r#"(module (func (export "id") (param funcref) (result funcref) (local.get 0)))"#,
    )?;
    let mut other = Store::new(store.engine(), ());
    let foreign = Func::wrap(&mut other, || {});
    let id = Instance::new(&mut store, &id_ref, &[])?
        .get_func(&store, "id")
        .unwrap();
    let mut out = [Val::FuncRef(None)];
    let error = expect_err(id.call(&mut store, &[Val::FuncRef(Some(foreign))], &mut out));
    assert_eq!(error.kind(), ErrorKind::Usage);

    // The function still works afterwards.
    add.call(&mut store, &[Val::I32(1), Val::I64(2)], &mut one)?;
    assert_eq!(one, [Val::I64(3)]);
    Ok(())
}

#[test]
fn func_ty_and_typed_checks() -> TestResult {
    let (mut store, instance) = instantiate(FUNCS);
    let add = instance.get_func(&store, "add").unwrap();
    let ty = add.ty(&store);
    assert_eq!(
        ty,
        FuncType::new([ValType::I32, ValType::I64], [ValType::I64])
    );
    assert_eq!(ty.params(), &[ValType::I32, ValType::I64]);
    assert_eq!(ty.results(), &[ValType::I64]);
    assert_eq!(
        instance.get_func(&store, "none").unwrap().ty(&store),
        FuncType::new([], [])
    );

    let typed = add.typed::<(i32, i64), i64>(&store)?;
    assert_eq!(typed.call(&mut store, (2, 40))?, 42);
    assert_eq!(typed.func(), &add);

    // Mismatched parameter types, result types and counts.
    assert!(add.typed::<(i64, i64), i64>(&store).is_err());
    assert!(add.typed::<(i32, i64), i32>(&store).is_err());
    assert!(add.typed::<(i32, i64), (i64, i64)>(&store).is_err());
    assert!(add.typed::<i32, i64>(&store).is_err());
    assert!(add.typed::<(i32, i64, i32), i64>(&store).is_err());
    assert!(add.typed::<(u32, i64), f64>(&store).is_err());
    let error = expect_err(add.typed::<(f32, i64), i64>(&store));
    assert_eq!(error.kind(), ErrorKind::Usage);

    // Unsigned Rust integers map to the same wasm types.
    let unsigned = add.typed::<(u32, u64), u64>(&store)?;
    assert_eq!(unsigned.call(&mut store, (1, u64::MAX))?, 0);

    // get_typed_func checks the same way, and reports unknown exports.
    assert!(
        instance
            .get_typed_func::<(), ()>(&mut store, "none")
            .is_ok()
    );
    assert!(
        instance
            .get_typed_func::<i32, ()>(&mut store, "none")
            .is_err()
    );
    assert!(
        instance
            .get_typed_func::<(), i32>(&mut store, "none")
            .is_err()
    );
    let error = expect_err(instance.get_typed_func::<(), ()>(&mut store, "nonexistent"));
    assert_eq!(error.kind(), ErrorKind::Usage);
    assert!(instance.get_func(&store, "nonexistent").is_none());
    Ok(())
}

#[test]
fn typed_func_single_values_tuples_and_multi_value() -> TestResult {
    let (mut store, instance) = instantiate(FUNCS);
    let id_i32 = instance.get_typed_func::<i32, i32>(&mut store, "id_i32")?;
    for v in [0, 1, -1, i32::MIN, i32::MAX] {
        assert_eq!(id_i32.call(&mut store, v)?, v);
    }
    // A one-element tuple is the same as a single value.
    let id_tuple = instance.get_typed_func::<(i32,), (i32,)>(&mut store, "id_i32")?;
    assert_eq!(id_tuple.call(&mut store, (17,))?, (17,));

    let swap = instance.get_typed_func::<(i32, i32), (i32, i32)>(&mut store, "swap")?;
    assert_eq!(swap.call(&mut store, (1, 2))?, (2, 1));

    let multi = instance.get_typed_func::<i32, (i32, i64, f32, f64)>(&mut store, "multi")?;
    assert_eq!(multi.call(&mut store, 5)?, (5, 5 << 33, 1.5, -5.0));
    assert_eq!(
        multi.call(&mut store, -1)?,
        (-1, 0xffff_ffff << 33, 1.5, 1.0)
    );

    let none = instance.get_typed_func::<(), ()>(&mut store, "none")?;
    none.call(&mut store, ())?;
    Ok(())
}

#[test]
fn nan_bit_patterns_and_extreme_values_are_preserved() -> TestResult {
    const SNAN_F32: u32 = 0x7fa0_0001; // quiet bit clear, non-zero payload
    const NEG_SNAN_F32: u32 = 0xff80_0fff;
    const QNAN_F32: u32 = 0x7fc0_1234;
    const SNAN_F64: u64 = 0x7ff4_0000_0000_0001;
    const NEG_SNAN_F64: u64 = 0xfff0_0000_dead_beef;

    let (mut store, instance) = instantiate(FUNCS);
    let call1 = |store: &mut Store<()>, name: &str, arg: Val| -> tern::Result<Val> {
        let func = instance.get_func(&*store, name).unwrap();
        let mut out = [Val::I32(0)];
        func.call(store, &[arg], &mut out)?;
        Ok(out[0])
    };

    for bits in [SNAN_F32, NEG_SNAN_F32, QNAN_F32, 0x8000_0000, 1] {
        assert_eq!(call1(&mut store, "id_f32", Val::F32(bits))?, Val::F32(bits));
        assert_eq!(
            call1(&mut store, "id_f32_call", Val::F32(bits))?,
            Val::F32(bits)
        );
        // `neg` only flips the sign bit, even of a NaN.
        assert_eq!(
            call1(&mut store, "neg_f32", Val::F32(bits))?,
            Val::F32(bits ^ 0x8000_0000)
        );
    }
    for bits in [SNAN_F64, NEG_SNAN_F64, 0x8000_0000_0000_0000] {
        assert_eq!(call1(&mut store, "id_f64", Val::F64(bits))?, Val::F64(bits));
        // `abs` only clears the sign bit.
        assert_eq!(
            call1(&mut store, "abs_f64", Val::F64(bits))?,
            Val::F64(bits & !(1 << 63))
        );
    }
    for v in [i64::MIN, i64::MAX, -1, 0x0123_4567_89ab_cdef] {
        assert_eq!(call1(&mut store, "id_i64", Val::I64(v))?, Val::I64(v));
    }

    // The same through typed calls.
    let id_f32 = instance.get_typed_func::<f32, f32>(&mut store, "id_f32")?;
    let out = id_f32.call(&mut store, f32::from_bits(SNAN_F32))?;
    assert_eq!(out.to_bits(), SNAN_F32);
    let id_f64 = instance.get_typed_func::<f64, f64>(&mut store, "id_f64")?;
    let out = id_f64.call(&mut store, f64::from_bits(SNAN_F64))?;
    assert_eq!(out.to_bits(), SNAN_F64);

    // And through a host function, a global and memory.
    let engine = store.engine().clone();
    let module = Module::new(
        &engine,
        r#"(module
             (import "host" "id" (func $id (param f32) (result f32)))
             (memory 1)
             (global $g (export "g") (mut f64) (f64.const 0))
             (func (export "through_host") (param f32) (result f32) (call $id (local.get 0)))
             (func (export "through_memory") (param f32) (result f32)
               (f32.store (i32.const 8) (local.get 0))
               (f32.load (i32.const 8)))
             (func (export "set_g") (param f64) (global.set $g (local.get 0))))"#,
    )?;
    let mut linker = Linker::new(&engine);
    linker.func_wrap("host", "id", |x: f32| x)?;
    let other = linker.instantiate(&mut store, &module)?;
    let through_host = other.get_typed_func::<f32, f32>(&mut store, "through_host")?;
    assert_eq!(
        through_host
            .call(&mut store, f32::from_bits(SNAN_F32))?
            .to_bits(),
        SNAN_F32
    );
    let through_memory = other.get_typed_func::<f32, f32>(&mut store, "through_memory")?;
    assert_eq!(
        through_memory
            .call(&mut store, f32::from_bits(NEG_SNAN_F32))?
            .to_bits(),
        NEG_SNAN_F32
    );
    let set_g = other.get_typed_func::<f64, ()>(&mut store, "set_g")?;
    set_g.call(&mut store, f64::from_bits(NEG_SNAN_F64))?;
    assert_eq!(
        other.get_global(&store, "g").unwrap().get(&store),
        Val::F64(NEG_SNAN_F64)
    );
    Ok(())
}

// ---------------------------------------------------------------------------
// Memory
// ---------------------------------------------------------------------------

const MEMORY: &str = r#"(module
  (memory (export "mem") 1 3)
  (data (i32.const 8) "\01\02\03\04")
  (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "store8") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
  (func (export "size") (result i32) (memory.size))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))"#;

#[test]
fn memory_data_read_and_write() -> TestResult {
    let (mut store, instance) = instantiate(MEMORY);
    let mem = instance.get_memory(&store, "mem").unwrap();
    let load8 = instance.get_typed_func::<i32, i32>(&mut store, "load8")?;
    let store8 = instance.get_typed_func::<(i32, i32), ()>(&mut store, "store8")?;

    assert_eq!(mem.size(&store), 1);
    assert_eq!(mem.data_size(&store), WASM_PAGE_SIZE as usize);
    assert_eq!(mem.data(&store).len(), WASM_PAGE_SIZE as usize);
    assert_eq!(&mem.data(&store)[6..14], &[0, 0, 1, 2, 3, 4, 0, 0]);
    assert_eq!(mem.ty(&store).maximum(), Some(3));

    mem.data_mut(&mut store)[20] = 99;
    assert_eq!(load8.call(&mut store, 20)?, 99);
    store8.call(&mut store, (30, 0x1ff))?;
    assert_eq!(mem.data(&store)[30], 0xff);

    mem.write(&mut store, 100, b"abc").unwrap();
    let mut buf = [0u8; 5];
    mem.read(&store, 99, &mut buf).unwrap();
    assert_eq!(&buf, b"\0abc\0");
    assert_eq!(load8.call(&mut store, 101)?, i32::from(b'b'));

    // Right at the end is fine; one byte further is not.
    let end = WASM_PAGE_SIZE as usize;
    mem.write(&mut store, end - 2, b"yz").unwrap();
    assert_eq!(load8.call(&mut store, end as i32 - 1)?, i32::from(b'z'));
    assert_eq!(
        mem.write(&mut store, end - 1, b"yz"),
        Err(MemoryAccessError)
    );
    assert_eq!(mem.write(&mut store, end, b"y"), Err(MemoryAccessError));
    assert_eq!(
        mem.read(&store, end - 1, &mut [0; 2]),
        Err(MemoryAccessError)
    );
    assert_eq!(mem.read(&store, end, &mut [0; 1]), Err(MemoryAccessError));
    assert_eq!(
        mem.read(&store, usize::MAX, &mut [0; 2]),
        Err(MemoryAccessError)
    );
    assert_eq!(
        mem.write(&mut store, usize::MAX - 1, b"abc"),
        Err(MemoryAccessError)
    );
    assert_eq!(mem.read(&store, end, &mut []), Ok(()));
    // Failed writes changed nothing.
    assert_eq!(&mem.data(&store)[end - 2..], b"yz");
    assert_eq!(MemoryAccessError.to_string(), "out of bounds memory access");
    Ok(())
}

#[test]
fn memory_grow_from_host_and_wasm() -> TestResult {
    let (mut store, instance) = instantiate(MEMORY);
    let mem = instance.get_memory(&store, "mem").unwrap();
    let load8 = instance.get_typed_func::<i32, i32>(&mut store, "load8")?;
    let size = instance.get_typed_func::<(), i32>(&mut store, "size")?;
    let grow = instance.get_typed_func::<i32, i32>(&mut store, "grow")?;
    let page = WASM_PAGE_SIZE as usize;

    // Host growth: returns the old size, and wasm sees the new pages.
    assert_eq!(mem.grow(&mut store, 1)?, 1);
    assert_eq!(mem.size(&store), 2);
    assert_eq!(mem.data_size(&store), 2 * page);
    assert_eq!(mem.data(&store).len(), 2 * page);
    assert_eq!(size.call(&mut store, ())?, 2);
    assert!(mem.data(&store)[page..].iter().all(|b| *b == 0));
    assert_eq!(&mem.data(&store)[8..12], &[1, 2, 3, 4]);
    mem.data_mut(&mut store)[page + 5] = 0x5a;
    assert_eq!(load8.call(&mut store, page as i32 + 5)?, 0x5a);

    // Past the maximum: an error, and nothing changes.
    assert!(mem.grow(&mut store, 2).is_err());
    assert_eq!(mem.size(&store), 2);
    assert_eq!(grow.call(&mut store, 2)?, -1);
    assert_eq!(mem.size(&store), 2);

    // Wasm growth is visible to the host.
    assert_eq!(grow.call(&mut store, 1)?, 2);
    assert_eq!(mem.size(&store), 3);
    assert_eq!(mem.data_size(&store), 3 * page);
    mem.write(&mut store, 3 * page - 1, &[7]).unwrap();
    assert_eq!(load8.call(&mut store, 3 * page as i32 - 1)?, 7);
    assert_eq!(grow.call(&mut store, 0)?, 3);
    assert_eq!(mem.grow(&mut store, 0)?, 3);
    assert!(mem.grow(&mut store, 1).is_err());
    assert_eq!(grow.call(&mut store, 1)?, -1);
    Ok(())
}

#[test]
fn host_created_memory_is_importable() -> TestResult {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let memory = Memory::new(&mut store, MemoryType::new(1, Some(2)))?;
    assert_eq!(memory.size(&store), 1);
    assert!(memory.data(&store).iter().all(|b| *b == 0));
    memory.write(&mut store, 0, &42u32.to_le_bytes()).unwrap();

    let module = Module::new(
        &engine,
        r#"(module
             (import "env" "memory" (memory 1))
             (data (i32.const 16) "from data")
             (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
             (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
             (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))"#,
    )?;
    let mut linker = Linker::new(&engine);
    linker.define(&store, "env", "memory", memory)?;
    let instance = linker.instantiate(&mut store, &module)?;
    let load = instance.get_typed_func::<i32, i32>(&mut store, "load")?;
    let store_fn = instance.get_typed_func::<(i32, i32), ()>(&mut store, "store")?;
    let grow = instance.get_typed_func::<i32, i32>(&mut store, "grow")?;

    // Data segments were written into the host's memory.
    assert_eq!(&memory.data(&store)[16..25], b"from data");
    assert_eq!(load.call(&mut store, 0)?, 42);
    store_fn.call(&mut store, (4, -2))?;
    let mut buf = [0u8; 4];
    memory.read(&store, 4, &mut buf).unwrap();
    assert_eq!(i32::from_le_bytes(buf), -2);

    assert_eq!(grow.call(&mut store, 1)?, 1);
    assert_eq!(memory.size(&store), 2);
    assert_eq!(grow.call(&mut store, 1)?, -1);

    // An invalid host memory type is an error.
    assert!(Memory::new(&mut store, MemoryType::new(3, Some(2))).is_err());
    Ok(())
}

// ---------------------------------------------------------------------------
// Tables and globals
// ---------------------------------------------------------------------------

#[test]
fn table_create_get_set_grow() -> TestResult {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let ty = TableType::new(RefType::FUNCREF, 2, Some(4));
    let table = Table::new(&mut store, ty, Ref::Func(None))?;
    assert_eq!(table.ty(&store), ty);
    assert_eq!(table.size(&store), 2);
    assert!(table.get(&store, 0).unwrap().is_null());
    assert_eq!(table.get(&store, 2), None);

    let inc = Func::wrap(&mut store, |x: i32| x + 1);
    table.set(&mut store, 1, Ref::Func(Some(inc)))?;
    assert_eq!(table.get(&store, 1), Some(Ref::Func(Some(inc))));
    assert_eq!(table.get(&store, 1).unwrap().as_func(), Some(&inc));
    assert!(table.set(&mut store, 2, Ref::Func(None)).is_err());
    assert!(table.set(&mut store, u64::MAX, Ref::Func(None)).is_err());
    // Wrong element type.
    let error = expect_err(table.set(&mut store, 0, Ref::Extern(None)));
    assert_eq!(error.kind(), ErrorKind::Usage);
    assert!(table.get(&store, 0).unwrap().is_null());

    assert_eq!(table.grow(&mut store, 2, Ref::Func(Some(inc)))?, 2);
    assert_eq!(table.size(&store), 4);
    assert_eq!(table.get(&store, 3), Some(Ref::Func(Some(inc))));
    assert!(table.grow(&mut store, 1, Ref::Func(None)).is_err());
    assert!(table.grow(&mut store, 0, Ref::Extern(None)).is_err());
    assert_eq!(table.size(&store), 4);
    assert_eq!(table.grow(&mut store, 0, Ref::Func(None))?, 4);

    assert!(Table::new(&mut store, ty, Ref::Extern(None)).is_err());
    assert!(
        Table::new(
            &mut store,
            TableType::new(RefType::FUNCREF, 5, Some(4)),
            Ref::Func(None)
        )
        .is_err()
    );

    // Tables of host references.
    let hello = ExternRef::new(&mut store, "hello");
    let externs = Table::new(
        &mut store,
        TableType::new(RefType::EXTERNREF, 1, None),
        Ref::Extern(Some(hello)),
    )?;
    let got = externs.get(&store, 0).unwrap();
    let data = got.as_extern().unwrap().data(&store).unwrap();
    assert_eq!(data.downcast_ref::<&str>(), Some(&"hello"));
    assert!(externs.set(&mut store, 0, Ref::Func(Some(inc))).is_err());
    assert_eq!(externs.grow(&mut store, 3, Ref::Extern(None))?, 1);
    assert!(externs.get(&store, 3).unwrap().is_null());

    // The host table imported into a module.
    let module = Module::new(
        &engine,
        r#"(module
             (import "env" "table" (table 4 funcref))
             (type $unary (func (param i32) (result i32)))
             (func (export "call") (param i32 i32) (result i32)
               (call_indirect (type $unary) (local.get 1) (local.get 0)))
             (func (export "grow") (param i32) (result i32)
               (table.grow (ref.null func) (local.get 0)))
             (func (export "is_null") (param i32) (result i32)
               (ref.is_null (table.get (local.get 0)))))"#,
    )?;
    let instance = Instance::new(&mut store, &module, &[table.into()])?;
    let call = instance.get_typed_func::<(i32, i32), i32>(&mut store, "call")?;
    assert_eq!(call.call(&mut store, (1, 41))?, 42);
    assert_eq!(call.call(&mut store, (3, -1))?, 0);
    let is_null = instance.get_typed_func::<i32, i32>(&mut store, "is_null")?;
    assert_eq!(is_null.call(&mut store, 0)?, 1);
    assert_eq!(is_null.call(&mut store, 1)?, 0);
    let grow = instance.get_typed_func::<i32, i32>(&mut store, "grow")?;
    assert_eq!(grow.call(&mut store, 1)?, -1); // at the maximum of 4
    assert_eq!(table.size(&store), 4);
    table.set(&mut store, 0, Ref::Func(Some(inc)))?;
    assert_eq!(is_null.call(&mut store, 0)?, 0);
    Ok(())
}

#[test]
fn table_growth_from_wasm_is_visible() -> TestResult {
    let (mut store, instance) = instantiate(
        r#"(module
             (table (export "t") 1 10 funcref)
             (func $f (export "f") (result i32) (i32.const 5))
             (func (export "grow") (param i32) (result i32)
               (table.grow (ref.func $f) (local.get 0))))"#,
    );
    let table = instance.get_table(&store, "t").unwrap();
    let f = instance.get_func(&store, "f").unwrap();
    let grow = instance.get_typed_func::<i32, i32>(&mut store, "grow")?;
    assert_eq!(grow.call(&mut store, 3)?, 1);
    assert_eq!(table.size(&store), 4);
    assert_eq!(table.get(&store, 3), Some(Ref::Func(Some(f))));
    assert_eq!(grow.call(&mut store, 7)?, -1);
    assert_eq!(table.size(&store), 4);
    Ok(())
}

#[test]
fn global_create_get_set() -> TestResult {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let var_ty = GlobalType::new(ValType::I32, Mutability::Var);
    let g = Global::new(&mut store, var_ty, Val::I32(1))?;
    assert_eq!(g.ty(&store), var_ty);
    assert_eq!(g.get(&store), Val::I32(1));
    g.set(&mut store, Val::I32(5))?;
    assert_eq!(g.get(&store), Val::I32(5));
    let error = expect_err(g.set(&mut store, Val::I64(5)));
    assert_eq!(error.kind(), ErrorKind::Usage);
    assert!(g.set(&mut store, Val::F32(0)).is_err());
    assert!(g.set(&mut store, Val::ExternRef(None)).is_err());
    assert_eq!(g.get(&store), Val::I32(5));

    let const_ty = GlobalType::new(ValType::F64, Mutability::Const);
    let c = Global::new(&mut store, const_ty, Val::from(1.5f64))?;
    assert_eq!(c.ty(&store).mutability(), Mutability::Const);
    assert_eq!(c.ty(&store).content(), &ValType::F64);
    let error = expect_err(c.set(&mut store, Val::from(2.0f64)));
    assert_eq!(error.kind(), ErrorKind::Usage);
    assert_eq!(c.get(&store), Val::from(1.5f64));

    // The initial value must have the global's type.
    assert!(Global::new(&mut store, var_ty, Val::I64(0)).is_err());
    assert!(Global::new(&mut store, const_ty, Val::F32(0)).is_err());

    // Reference globals.
    let r = ExternRef::new(&mut store, 7u64);
    let rg = Global::new(
        &mut store,
        GlobalType::new(ValType::EXTERNREF, Mutability::Var),
        Val::ExternRef(None),
    )?;
    rg.set(&mut store, Val::ExternRef(Some(r)))?;
    assert_eq!(rg.get(&store), Val::ExternRef(Some(r)));
    assert!(rg.set(&mut store, Val::FuncRef(None)).is_err());
    Ok(())
}

#[test]
fn exported_globals_track_wasm_and_host_writes() -> TestResult {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let imported = Global::new(
        &mut store,
        GlobalType::new(ValType::I32, Mutability::Var),
        Val::I32(3),
    )?;
    let module = Module::new(
        &engine,
        r#"(module
             (import "env" "imported" (global $imp (mut i32)))
             (import "env" "base" (global $base i32))
             (global $g (export "g") (mut i64) (i64.const 10))
             (global $c (export "c") f32 (f32.const 2.5))
             (global $from_import (export "from_import") i32 (global.get $base))
             (func (export "inc")
               (global.set $g (i64.add (global.get $g) (i64.const 1)))
               (global.set $imp (i32.mul (global.get $imp) (i32.const 2))))
             (func (export "get") (result i64) (global.get $g))
             (func (export "get_imp") (result i32) (global.get $imp)))"#,
    )?;
    let base = Global::new(
        &mut store,
        GlobalType::new(ValType::I32, Mutability::Const),
        Val::I32(3),
    )?;
    let instance = Instance::new(&mut store, &module, &[imported.into(), base.into()])?;
    let g = instance.get_global(&store, "g").unwrap();
    let c = instance.get_global(&store, "c").unwrap();
    let from_import = instance.get_global(&store, "from_import").unwrap();
    let inc = instance.get_typed_func::<(), ()>(&mut store, "inc")?;
    let get = instance.get_typed_func::<(), i64>(&mut store, "get")?;
    let get_imp = instance.get_typed_func::<(), i32>(&mut store, "get_imp")?;

    assert_eq!(g.get(&store), Val::I64(10));
    assert_eq!(from_import.get(&store), Val::I32(3));
    inc.call(&mut store, ())?;
    assert_eq!(g.get(&store), Val::I64(11));
    assert_eq!(imported.get(&store), Val::I32(6));
    inc.call(&mut store, ())?;
    assert_eq!(g.get(&store), Val::I64(12));
    assert_eq!(imported.get(&store), Val::I32(12));

    g.set(&mut store, Val::I64(100))?;
    assert_eq!(get.call(&mut store, ())?, 100);
    imported.set(&mut store, Val::I32(-4))?;
    assert_eq!(get_imp.call(&mut store, ())?, -4);

    assert_eq!(c.get(&store), Val::from(2.5f32));
    assert!(c.set(&mut store, Val::from(1.0f32)).is_err());
    assert!(from_import.set(&mut store, Val::I32(0)).is_err());
    assert_eq!(g.ty(&store), GlobalType::new(ValType::I64, Mutability::Var));
    Ok(())
}

// ---------------------------------------------------------------------------
// Traps
// ---------------------------------------------------------------------------

const TRAPS: &str = r#"(module
  (type $v_i (func (result i32)))
  (memory 1)
  (table 3 funcref)
  (elem (i32.const 0) $ret7 $takes_i32)
  (func $ret7 (result i32) (i32.const 7))
  (func $takes_i32 (param i32) (result i32) (local.get 0))
  (func (export "unreachable") unreachable)
  (func (export "div_u") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
  (func (export "div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "rem_s") (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1)))
  (func (export "rem_s64") (param i64 i64) (result i64) (i64.rem_s (local.get 0) (local.get 1)))
  (func (export "div_s64") (param i64 i64) (result i64) (i64.div_s (local.get 0) (local.get 1)))
  (func (export "trunc") (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
  (func (export "trunc_u64") (param f64) (result i64) (i64.trunc_f64_u (local.get 0)))
  (func (export "trunc_sat") (param f32) (result i32) (i32.trunc_sat_f32_s (local.get 0)))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "load_offset") (param i32) (result i32)
    (i32.load offset=4294967295 (local.get 0)))
  (func (export "store") (param i32) (i64.store (local.get 0) (i64.const -1)))
  (func (export "fill") (param i32 i32) (memory.fill (local.get 0) (i32.const 1) (local.get 1)))
  (func (export "call_indirect") (param i32) (result i32)
    (call_indirect (type $v_i) (local.get 0)))
  (func (export "table_get") (param i32) (result funcref) (table.get 0 (local.get 0)))
  (func (export "ok") (result i32) (i32.const 1)))"#;

#[test]
fn every_spec_trap_is_reported() -> TestResult {
    let (mut store, instance) = instantiate(TRAPS);
    let unreachable = instance.get_typed_func::<(), ()>(&mut store, "unreachable")?;
    let div_u = instance.get_typed_func::<(i32, i32), i32>(&mut store, "div_u")?;
    let div_s = instance.get_typed_func::<(i32, i32), i32>(&mut store, "div_s")?;
    let rem_s = instance.get_typed_func::<(i32, i32), i32>(&mut store, "rem_s")?;
    let rem_s64 = instance.get_typed_func::<(i64, i64), i64>(&mut store, "rem_s64")?;
    let div_s64 = instance.get_typed_func::<(i64, i64), i64>(&mut store, "div_s64")?;
    let trunc = instance.get_typed_func::<f32, i32>(&mut store, "trunc")?;
    let trunc_u64 = instance.get_typed_func::<f64, i64>(&mut store, "trunc_u64")?;
    let trunc_sat = instance.get_typed_func::<f32, i32>(&mut store, "trunc_sat")?;
    let load = instance.get_typed_func::<i32, i32>(&mut store, "load")?;
    let load_offset = instance.get_typed_func::<i32, i32>(&mut store, "load_offset")?;
    let store_fn = instance.get_typed_func::<i32, ()>(&mut store, "store")?;
    let fill = instance.get_typed_func::<(i32, i32), ()>(&mut store, "fill")?;
    let call_indirect = instance.get_typed_func::<i32, i32>(&mut store, "call_indirect")?;
    let table_get = instance.get_typed_func::<i32, Option<Func>>(&mut store, "table_get")?;
    let page = WASM_PAGE_SIZE as i32;

    assert_eq!(
        expect_trap(unreachable.call(&mut store, ())),
        Trap::UnreachableCodeReached
    );

    assert_eq!(
        expect_trap(div_u.call(&mut store, (1, 0))),
        Trap::IntegerDivisionByZero
    );
    assert_eq!(
        expect_trap(div_s.call(&mut store, (i32::MIN, 0))),
        Trap::IntegerDivisionByZero
    );
    assert_eq!(
        expect_trap(rem_s64.call(&mut store, (5, 0))),
        Trap::IntegerDivisionByZero
    );
    assert_eq!(
        expect_trap(div_s.call(&mut store, (i32::MIN, -1))),
        Trap::IntegerOverflow
    );
    assert_eq!(
        expect_trap(div_s64.call(&mut store, (i64::MIN, -1))),
        Trap::IntegerOverflow
    );
    // The remainder of that division is defined: 0.
    assert_eq!(rem_s.call(&mut store, (i32::MIN, -1))?, 0);
    assert_eq!(rem_s64.call(&mut store, (i64::MIN, -1))?, 0);
    assert_eq!(div_u.call(&mut store, (-1, 2))?, i32::MAX);

    assert_eq!(
        expect_trap(trunc.call(&mut store, f32::NAN)),
        Trap::BadConversionToInteger
    );
    assert_eq!(
        expect_trap(trunc.call(&mut store, -f32::NAN)),
        Trap::BadConversionToInteger
    );
    assert_eq!(
        expect_trap(trunc.call(&mut store, 3e9)),
        Trap::IntegerOverflow
    );
    assert_eq!(
        expect_trap(trunc.call(&mut store, f32::NEG_INFINITY)),
        Trap::IntegerOverflow
    );
    assert_eq!(
        expect_trap(trunc.call(&mut store, 2_147_483_648.0)),
        Trap::IntegerOverflow
    );
    assert_eq!(trunc.call(&mut store, -2_147_483_648.0)?, i32::MIN);
    assert_eq!(trunc.call(&mut store, -1.9)?, -1);
    assert_eq!(
        expect_trap(trunc_u64.call(&mut store, -1.0)),
        Trap::IntegerOverflow
    );
    assert_eq!(
        expect_trap(trunc_u64.call(&mut store, 18_446_744_073_709_551_616.0)),
        Trap::IntegerOverflow
    );
    assert_eq!(trunc_u64.call(&mut store, -0.9)?, 0);
    assert_eq!(trunc_sat.call(&mut store, f32::NAN)?, 0);
    assert_eq!(trunc_sat.call(&mut store, 3e9)?, i32::MAX);

    assert_eq!(load.call(&mut store, page - 4)?, 0);
    for address in [page - 3, page, -1, i32::MIN] {
        assert_eq!(
            expect_trap(load.call(&mut store, address)),
            Trap::MemoryOutOfBounds,
            "load at {address}"
        );
    }
    assert_eq!(
        expect_trap(load_offset.call(&mut store, 1)),
        Trap::MemoryOutOfBounds
    );
    assert_eq!(
        expect_trap(store_fn.call(&mut store, page - 7)),
        Trap::MemoryOutOfBounds
    );
    assert_eq!(
        expect_trap(fill.call(&mut store, (page - 10, 11))),
        Trap::MemoryOutOfBounds
    );
    fill.call(&mut store, (page, 0))?;
    // The trapping store and fill wrote nothing.
    let mem_end = load.call(&mut store, page - 4)?;
    assert_eq!(mem_end, 0);

    assert_eq!(call_indirect.call(&mut store, 0)?, 7);
    assert_eq!(
        expect_trap(call_indirect.call(&mut store, 1)),
        Trap::BadSignature
    );
    assert_eq!(
        expect_trap(call_indirect.call(&mut store, 2)),
        Trap::IndirectCallToNull
    );
    assert_eq!(
        expect_trap(call_indirect.call(&mut store, 3)),
        Trap::TableOutOfBounds
    );
    assert_eq!(
        expect_trap(call_indirect.call(&mut store, -1)),
        Trap::TableOutOfBounds
    );
    assert_eq!(
        expect_trap(table_get.call(&mut store, 3)),
        Trap::TableOutOfBounds
    );
    assert!(table_get.call(&mut store, 2)?.is_none());
    assert!(table_get.call(&mut store, 0)?.is_some());
    Ok(())
}

#[test]
fn trap_messages_follow_the_spec() {
    let (mut store, instance) = instantiate(TRAPS);
    let cases: [(&str, &[Val], &str); 8] = [
        ("unreachable", &[], "unreachable"),
        (
            "div_u",
            &[Val::I32(1), Val::I32(0)],
            "integer divide by zero",
        ),
        (
            "div_s",
            &[Val::I32(i32::MIN), Val::I32(-1)],
            "integer overflow",
        ),
        (
            "trunc",
            &[Val::F32(f32::NAN.to_bits())],
            "invalid conversion to integer",
        ),
        ("load", &[Val::I32(-1)], "out of bounds memory access"),
        (
            "call_indirect",
            &[Val::I32(1)],
            "indirect call type mismatch",
        ),
        ("call_indirect", &[Val::I32(2)], "uninitialized element"),
        (
            "call_indirect",
            &[Val::I32(3)],
            "out of bounds table access",
        ),
    ];
    for (name, params, message) in cases {
        let func = instance.get_func(&store, name).unwrap();
        let mut results = vec![Val::I32(0); func.ty(&store).results().len()];
        let error = expect_err(func.call(&mut store, params, &mut results));
        assert!(error.trap().is_some(), "{name}: {error:?}");
        assert!(
            error.to_string().contains(message),
            "{name}: `{error}` should mention `{message}`"
        );
    }
}

#[test]
fn backtrace_names_functions() -> TestResult {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module $mymod
             (import "host" "nop" (func $nop))
             (func $inner (param i32) (result i32)
               (call $nop)
               (i32.div_u (i32.const 1) (local.get 0)))
             (func $outer (export "outer") (param i32) (result i32)
               (i32.add (call $inner (local.get 0)) (i32.const 1)))
             (func $unnamed_caller (export "top") (param i32) (result i32)
               (call $outer (local.get 0))))"#,
    )?;
    assert_eq!(module.name(), Some("mymod"));
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    linker.func_wrap("host", "nop", || {})?;
    let instance = linker.instantiate(&mut store, &module)?;
    let outer = instance.get_typed_func::<i32, i32>(&mut store, "outer")?;
    assert_eq!(outer.call(&mut store, 1)?, 2);

    let error = expect_err(outer.call(&mut store, 0));
    assert_eq!(error.trap(), Some(Trap::IntegerDivisionByZero));
    let backtrace = error.wasm_backtrace().expect("a trap has a backtrace");
    let frames = backtrace.frames();
    assert_eq!(frames.len(), 2, "{backtrace}");
    assert_eq!(frames[0].func_name(), Some("inner"));
    assert_eq!(frames[1].func_name(), Some("outer"));
    // Function indices count the imported function.
    assert_eq!(frames[0].func_index(), 1);
    assert_eq!(frames[1].func_index(), 2);
    assert_eq!(frames[0].module_name(), Some("mymod"));
    assert_eq!(frames[1].module_name(), Some("mymod"));
    let rendered = backtrace.to_string();
    assert!(rendered.contains("mymod!inner"), "{rendered}");
    assert!(rendered.contains("mymod!outer"), "{rendered}");

    let top = instance.get_typed_func::<i32, i32>(&mut store, "top")?;
    let error = expect_err(top.call(&mut store, 0));
    let names: Vec<_> = error
        .wasm_backtrace()
        .unwrap()
        .frames()
        .iter()
        .map(|f| f.func_name())
        .collect();
    assert_eq!(
        names,
        [Some("inner"), Some("outer"), Some("unnamed_caller")]
    );
    Ok(())
}

#[test]
fn backtrace_without_names_uses_indices() -> TestResult {
    // No identifiers, so the text parser emits no name section.
    let (mut store, instance) = instantiate(
        r#"(module
             (func (export "f") call 1)
             (func unreachable))"#,
    );
    let f = instance.get_typed_func::<(), ()>(&mut store, "f")?;
    let error = expect_err(f.call(&mut store, ()));
    assert_eq!(error.trap(), Some(Trap::UnreachableCodeReached));
    let frames = error.wasm_backtrace().unwrap().frames();
    assert_eq!(frames.len(), 2);
    assert_eq!(frames[0].func_index(), 1);
    assert_eq!(frames[1].func_index(), 0);
    assert_eq!(frames[0].func_name(), None);
    assert_eq!(frames[0].module_name(), None);
    assert!(
        frames[0].to_string().contains("<wasm function 1>"),
        "{}",
        frames[0]
    );
    Ok(())
}

#[test]
fn store_is_usable_after_traps() -> TestResult {
    let (mut store, instance) = instantiate(TRAPS);
    let ok = instance.get_typed_func::<(), i32>(&mut store, "ok")?;
    let unreachable = instance.get_typed_func::<(), ()>(&mut store, "unreachable")?;
    let div_u = instance.get_typed_func::<(i32, i32), i32>(&mut store, "div_u")?;
    let load = instance.get_typed_func::<i32, i32>(&mut store, "load")?;
    for _ in 0..3 {
        assert!(unreachable.call(&mut store, ()).is_err());
        assert_eq!(ok.call(&mut store, ())?, 1);
        assert!(div_u.call(&mut store, (1, 0)).is_err());
        assert_eq!(div_u.call(&mut store, (9, 3))?, 3);
        assert!(load.call(&mut store, -1).is_err());
        assert_eq!(load.call(&mut store, 0)?, 0);
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// The call stack
// ---------------------------------------------------------------------------

const RECURSION: &str = r#"(module
  (func $infinite (export "infinite") (call $infinite))
  (func $rec (export "rec") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $rec (i32.sub (local.get 0) (i32.const 1)))))))
  (func $trap_at (export "trap_at") (param i32)
    (if (i32.eqz (local.get 0)) (then unreachable))
    (call $trap_at (i32.sub (local.get 0) (i32.const 1)))))"#;

#[test]
fn infinite_recursion_overflows_the_stack() -> TestResult {
    let (mut store, instance) = instantiate(RECURSION);
    let infinite = instance.get_typed_func::<(), ()>(&mut store, "infinite")?;
    let rec = instance.get_typed_func::<i32, i32>(&mut store, "rec")?;
    let error = expect_err(infinite.call(&mut store, ()));
    assert_eq!(error.trap(), Some(Trap::StackOverflow));
    assert_eq!(error.message(), "call stack exhausted");
    assert_eq!(error.to_string(), "wasm trap: call stack exhausted");
    let backtrace = error.wasm_backtrace().unwrap();
    assert!(!backtrace.frames().is_empty());
    assert!(
        backtrace
            .frames()
            .iter()
            .all(|f| f.func_name() == Some("infinite"))
    );
    // Everything was unwound.
    assert_eq!(rec.call(&mut store, 10)?, 10);
    assert_eq!(
        expect_trap(infinite.call(&mut store, ())),
        Trap::StackOverflow
    );
    assert_eq!(rec.call(&mut store, 1000)?, 1000);
    Ok(())
}

#[test]
fn max_call_depth_is_enforced() -> TestResult {
    let mut config = Config::new();
    config.max_call_depth(100);
    let engine = Engine::new(&config)?;
    let module = Module::new(&engine, RECURSION)?;
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[])?;
    let rec = instance.get_typed_func::<i32, i32>(&mut store, "rec")?;
    let trap_at = instance.get_typed_func::<i32, ()>(&mut store, "trap_at")?;

    assert_eq!(rec.call(&mut store, 90)?, 90);
    let error = expect_err(rec.call(&mut store, 110));
    assert_eq!(error.trap(), Some(Trap::StackOverflow));
    assert_eq!(error.message(), "call stack exhausted");
    // Both limits hold again after the trap: nothing was left on the stack.
    assert_eq!(rec.call(&mut store, 90)?, 90);
    assert_eq!(expect_trap(rec.call(&mut store, 110)), Trap::StackOverflow);
    // A trap deep in the stack unwinds all of it too.
    assert_eq!(
        expect_trap(trap_at.call(&mut store, 95)),
        Trap::UnreachableCodeReached
    );
    assert_eq!(rec.call(&mut store, 98)?, 98);
    Ok(())
}

#[test]
fn max_wasm_stack_is_enforced() -> TestResult {
    let mut config = Config::new();
    config.max_wasm_stack(64 * 1024);
    let engine = Engine::new(&config)?;
    let module = Module::new(&engine, RECURSION)?;
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[])?;
    let rec = instance.get_typed_func::<i32, i32>(&mut store, "rec")?;
    assert_eq!(rec.call(&mut store, 10)?, 10);
    assert_eq!(
        expect_trap(rec.call(&mut store, 100_000)),
        Trap::StackOverflow
    );
    assert_eq!(rec.call(&mut store, 10)?, 10);
    Ok(())
}

#[test]
fn deep_recursion_does_not_use_the_native_stack() {
    let handle = std::thread::Builder::new()
        .name("small-stack".into())
        .stack_size(256 * 1024)
        .spawn(|| -> tern::Result<i32> {
            let (mut store, instance) = instantiate(RECURSION);
            let rec = instance.get_typed_func::<i32, i32>(&mut store, "rec")?;
            rec.call(&mut store, 50_000)
        })
        .expect("spawn thread");
    let result = handle
        .join()
        .expect("the thread did not overflow its stack");
    assert_eq!(result.expect("recursion of depth 50 000 succeeds"), 50_000);
}

// ---------------------------------------------------------------------------
// Re-entrancy
// ---------------------------------------------------------------------------

#[derive(Debug, Default)]
struct Depth {
    current: u32,
    max: u32,
    host_calls: u32,
}

const REENTRANT: &str = r#"(module
  (import "host" "reenter" (func $reenter (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "f") (param i32) (result i32)
    (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (i32.const 1)))
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 1000))
      (else (i32.add (call $reenter (local.get 0)) (local.get 0)))))
  (func (export "g") (param i32) (result i32)
    (if (i32.eqz (local.get 0)) (then unreachable))
    (call $reenter (local.get 0))))"#;

fn reentrant_linker(engine: &Engine, export: &'static str) -> tern::Result<Linker<Depth>> {
    let mut linker = Linker::new(engine);
    linker.func_wrap(
        "host",
        "reenter",
        move |mut caller: Caller<'_, Depth>, n: i32| -> tern::Result<i32> {
            let data = caller.data_mut();
            data.host_calls += 1;
            data.current += 1;
            data.max = data.max.max(data.current);
            let func = caller
                .get_export(export)
                .and_then(Extern::into_func)
                .ok_or_else(|| Error::msg("missing export"))?;
            let mut results = [Val::I32(0)];
            let outcome = func.call(&mut caller, &[Val::I32(n - 1)], &mut results);
            caller.data_mut().current -= 1;
            outcome?;
            Ok(results[0].unwrap_i32() * 2)
        },
    )?;
    Ok(linker)
}

#[test]
fn host_functions_reenter_wasm() -> TestResult {
    let engine = Engine::default();
    let module = Module::new(&engine, REENTRANT)?;
    let mut store = Store::new(&engine, Depth::default());
    let linker = reentrant_linker(&engine, "f")?;
    let instance = linker.instantiate(&mut store, &module)?;
    let f = instance.get_typed_func::<i32, i32>(&mut store, "f")?;
    let memory = instance.get_memory(&store, "memory").unwrap();

    // f(0) = 1000; f(n) = 2 * f(n - 1) + n.
    let expected = |n: i32| (1..=n).fold(1000, |acc, k| acc * 2 + k);
    assert_eq!(f.call(&mut store, 0)?, 1000);
    assert_eq!(f.call(&mut store, 1)?, expected(1));
    assert_eq!(f.call(&mut store, 2)?, expected(2)); // wasm -> host -> wasm -> host -> wasm
    assert_eq!(f.call(&mut store, 5)?, expected(5));
    assert_eq!(store.data().max, 5);
    assert_eq!(store.data().current, 0);
    assert_eq!(store.data().host_calls, 1 + 2 + 5);
    // Every wasm level ran and shares the memory.
    let mut count = [0u8; 4];
    memory.read(&store, 0, &mut count).unwrap();
    assert_eq!(u32::from_le_bytes(count), 1 + 2 + 3 + 6);

    // Deeper nesting, with the typed API inside the host function.
    let mut linker = Linker::new(&engine);
    linker.func_wrap(
        "host",
        "reenter",
        |mut caller: Caller<'_, Depth>, n: i32| -> tern::Result<i32> {
            let f = caller
                .get_export("f")
                .and_then(Extern::into_func)
                .unwrap()
                .typed::<i32, i32>(&caller)?;
            Ok(f.call(&mut caller, n - 1)? * 2)
        },
    )?;
    let instance = linker.instantiate(&mut store, &module)?;
    let f = instance.get_typed_func::<i32, i32>(&mut store, "f")?;
    assert_eq!(f.call(&mut store, 12)?, expected(12));
    Ok(())
}

#[test]
fn traps_in_reentered_wasm_propagate() -> TestResult {
    let engine = Engine::default();
    let module = Module::new(&engine, REENTRANT)?;
    let mut store = Store::new(&engine, Depth::default());
    let linker = reentrant_linker(&engine, "g")?;
    let instance = linker.instantiate(&mut store, &module)?;
    let g = instance.get_typed_func::<i32, i32>(&mut store, "g")?;

    // g(3) -> host -> g(2) -> host -> g(1) -> host -> g(0): unreachable.
    let error = expect_err(g.call(&mut store, 3));
    assert_eq!(error.trap(), Some(Trap::UnreachableCodeReached));
    // The backtrace starts at the innermost wasm frame.
    let frames = error.wasm_backtrace().expect("backtrace").frames();
    assert!(!frames.is_empty());
    assert_eq!(frames[0].func_index(), 2);
    assert_eq!(store.data().host_calls, 3);
    assert_eq!(store.data().max, 3);
    assert_eq!(store.data().current, 0);

    // The store still works, at any depth.
    let f = instance.get_typed_func::<i32, i32>(&mut store, "f")?;
    assert_eq!(f.call(&mut store, 0)?, 1000);
    assert_eq!(
        expect_trap(g.call(&mut store, 1)),
        Trap::UnreachableCodeReached
    );
    assert_eq!(
        expect_trap(g.call(&mut store, 0)),
        Trap::UnreachableCodeReached
    );
    Ok(())
}

#[test]
fn unbounded_reentrancy_hits_the_call_depth_limit() {
    // Each level of wasm -> host -> wasm uses native stack for the host call;
    // with a modest frame limit the interpreter's limit must trip first.
    let handle = std::thread::Builder::new()
        .stack_size(64 * 1024 * 1024)
        .spawn(|| -> tern::Result<Depth> {
            let mut config = Config::new();
            config.max_call_depth(50);
            let engine = Engine::new(&config)?;
            let module = Module::new(
                &engine,
                r#"(module
                     (import "host" "reenter" (func $reenter (param i32) (result i32)))
                     (func (export "f") (param i32) (result i32)
                       (call $reenter (local.get 0))))"#,
            )?;
            let mut store = Store::new(&engine, Depth::default());
            let linker = reentrant_linker(&engine, "f")?;
            let instance = linker.instantiate(&mut store, &module)?;
            let f = instance.get_typed_func::<i32, i32>(&mut store, "f")?;
            let error = expect_err(f.call(&mut store, 0));
            assert_eq!(error.trap(), Some(Trap::StackOverflow));
            assert_eq!(store.data().current, 0);
            Ok(store.into_data())
        })
        .expect("spawn thread");
    let depth = handle.join().expect("no native stack overflow").unwrap();
    assert_eq!(depth.max, 50, "{depth:?}");
}

// ---------------------------------------------------------------------------
// Start functions
// ---------------------------------------------------------------------------

#[test]
fn start_function_runs_at_instantiation() -> TestResult {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module
             (import "host" "started" (func $started (param i32)))
             (global $g (export "g") (mut i32) (i32.const 0))
             (func $start
               (global.set $g (i32.const 42))
               (call $started (global.get $g)))
             (start $start))"#,
    )?;
    let mut store = Store::new(&engine, Vec::<i32>::new());
    let mut linker = Linker::new(&engine);
    linker.func_wrap(
        "host",
        "started",
        |mut caller: Caller<'_, Vec<i32>>, x: i32| caller.data_mut().push(x),
    )?;
    let instance = linker.instantiate(&mut store, &module)?;
    assert_eq!(store.data().as_slice(), [42]);
    assert_eq!(
        instance.get_global(&store, "g").unwrap().get(&store),
        Val::I32(42)
    );
    linker.instantiate(&mut store, &module)?;
    assert_eq!(store.data().as_slice(), [42, 42]);
    Ok(())
}

#[test]
fn start_function_can_use_the_caller_and_reenter() -> TestResult {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module
             (import "host" "hook" (func $hook (result i32)))
             (memory (export "memory") 1)
             (data (i32.const 0) "init")
             (global $g (export "g") (mut i32) (i32.const 0))
             (func (export "square") (param i32) (result i32)
               (i32.mul (local.get 0) (local.get 0)))
             (func $start (global.set $g (call $hook)))
             (start $start))"#,
    )?;
    let mut store = Store::new(&engine, String::new());
    let mut linker = Linker::new(&engine);
    linker.func_wrap(
        "host",
        "hook",
        |mut caller: Caller<'_, String>| -> tern::Result<i32> {
            // Data segments are in place before the start function runs.
            let memory = caller
                .get_export("memory")
                .and_then(Extern::into_memory)
                .unwrap();
            let text = String::from_utf8(memory.data(&caller)[..4].to_vec()).unwrap();
            *caller.data_mut() = text;
            // The instance's exports can be called before instantiation returns.
            let square = caller
                .get_export("square")
                .and_then(Extern::into_func)
                .unwrap()
                .typed::<i32, i32>(&caller)?;
            square.call(&mut caller, 9)
        },
    )?;
    let instance = linker.instantiate(&mut store, &module)?;
    assert_eq!(store.data(), "init");
    assert_eq!(
        instance.get_global(&store, "g").unwrap().get(&store),
        Val::I32(81)
    );
    Ok(())
}

#[test]
fn trapping_start_function_fails_instantiation() -> TestResult {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module
             (memory (export "m") 1)
             (func $start (i32.store (i32.const 0) (i32.div_s (i32.const 1) (i32.const 0))))
             (start $start))"#,
    )?;
    let mut store = Store::new(&engine, ());
    let error = expect_err(Instance::new(&mut store, &module, &[]));
    assert_eq!(error.trap(), Some(Trap::IntegerDivisionByZero));

    let module = Module::new(&engine, r#"(module (func $s unreachable) (start $s))"#)?;
    let error = expect_err(Instance::new(&mut store, &module, &[]));
    assert_eq!(error.trap(), Some(Trap::UnreachableCodeReached));
    let error = expect_err(Linker::new(&engine).instantiate(&mut store, &module));
    assert_eq!(error.trap(), Some(Trap::UnreachableCodeReached));

    // A host error in the start function is reported as such.
    let module = Module::new(&engine, r#"(module (import "" "f" (func $f)) (start $f))"#)?;
    let f = Func::wrap(&mut store, || -> tern::Result<()> {
        Err(Error::host(ExitCode(3)))
    });
    let error = expect_err(Instance::new(&mut store, &module, &[f.into()]));
    assert_eq!(error.kind(), ErrorKind::Host);
    assert_eq!(error.downcast_ref::<ExitCode>(), Some(&ExitCode(3)));

    // The store can still instantiate and run modules.
    let module = Module::new(
        &engine,
        r#"(module (func (export "one") (result i32) i32.const 1))"#,
    )?;
    let ok = Instance::new(&mut store, &module, &[])?;
    let one = ok.get_typed_func::<(), i32>(&mut store, "one")?;
    assert_eq!(one.call(&mut store, ())?, 1);
    Ok(())
}

// ---------------------------------------------------------------------------
// Stores
// ---------------------------------------------------------------------------

#[test]
#[should_panic(expected = "object used with the wrong store")]
fn func_from_another_store_panics() {
    let (store_a, instance) = instantiate(FUNCS);
    let none = instance.get_func(&store_a, "none").unwrap();
    // Same engine, different store.
    let mut store_b = Store::new(store_a.engine(), ());
    let _ = none.call(&mut store_b, &[], &mut []);
}

#[test]
#[should_panic(expected = "object used with the wrong store")]
fn typed_func_from_another_store_panics() {
    let (mut store_a, instance) = instantiate(FUNCS);
    let none = instance
        .get_typed_func::<(), ()>(&mut store_a, "none")
        .unwrap();
    let mut store_b = Store::new(store_a.engine(), ());
    let _ = none.call(&mut store_b, ());
}

#[test]
#[should_panic(expected = "object used with the wrong store")]
fn memory_from_another_store_panics() {
    let (store_a, instance) = instantiate(MEMORY);
    let memory = instance.get_memory(&store_a, "mem").unwrap();
    let store_b = Store::new(store_a.engine(), ());
    let _ = memory.size(&store_b);
}

#[test]
fn store_data_and_engine() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, String::from("state"));
    assert!(Engine::same(store.engine(), &engine));
    store.data_mut().push('!');
    assert_eq!(store.data(), "state!");
    assert_eq!(store.into_data(), "state!");
}

// ---------------------------------------------------------------------------
// References
// ---------------------------------------------------------------------------

#[test]
fn externref_round_trip_through_a_table() -> TestResult {
    let (mut store, instance) = instantiate(
        r#"(module
             (table $t (export "t") 4 externref)
             (func (export "put") (param i32 externref) (table.set $t (local.get 0) (local.get 1)))
             (func (export "take") (param i32) (result externref) (table.get $t (local.get 0)))
             (func (export "id") (param externref) (result externref) (local.get 0))
             (func (export "is_null") (param externref) (result i32) (ref.is_null (local.get 0))))"#,
    );
    let answer = ExternRef::new(&mut store, 42u32);
    let text = ExternRef::new(&mut store, String::from("text"));
    assert_ne!(answer, text);

    let put = instance.get_typed_func::<(i32, Option<ExternRef>), ()>(&mut store, "put")?;
    let take = instance.get_typed_func::<i32, Option<ExternRef>>(&mut store, "take")?;
    put.call(&mut store, (1, Some(answer)))?;
    put.call(&mut store, (2, Some(text)))?;

    let back = take.call(&mut store, 1)?.expect("non-null reference");
    assert_eq!(back, answer);
    assert_eq!(back.data(&store).unwrap().downcast_ref::<u32>(), Some(&42));
    assert_eq!(back.data(&store).unwrap().downcast_ref::<u64>(), None);
    let back = take.call(&mut store, 2)?.unwrap();
    assert_eq!(
        back.data(&store)
            .unwrap()
            .downcast_ref::<String>()
            .map(String::as_str),
        Some("text")
    );
    assert_eq!(take.call(&mut store, 0)?, None);

    // The host sees the same table contents.
    let table = instance.get_table(&store, "t").unwrap();
    assert_eq!(table.ty(&store).element(), &RefType::EXTERNREF);
    let r = table.get(&store, 1).unwrap();
    assert_eq!(r.as_extern(), Some(&answer));
    assert_eq!(
        r.as_extern()
            .unwrap()
            .data(&store)
            .unwrap()
            .downcast_ref::<u32>(),
        Some(&42)
    );

    // Through the dynamic API.
    let id = instance.get_func(&store, "id").unwrap();
    let mut out = [Val::ExternRef(None)];
    id.call(&mut store, &[Val::ExternRef(Some(answer))], &mut out)?;
    assert_eq!(out, [Val::ExternRef(Some(answer))]);
    id.call(&mut store, &[Val::ExternRef(None)], &mut out)?;
    assert_eq!(out, [Val::ExternRef(None)]);
    let is_null = instance.get_typed_func::<Option<ExternRef>, i32>(&mut store, "is_null")?;
    assert_eq!(is_null.call(&mut store, None)?, 1);
    assert_eq!(is_null.call(&mut store, Some(text))?, 0);
    Ok(())
}

#[test]
fn funcref_round_trip_and_call_indirect() -> TestResult {
    let (mut store, instance) = instantiate(
        r#"(module
             (type $unary (func (param i32) (result i32)))
             (table $t (export "t") 2 funcref)
             (func $double (export "double") (param i32) (result i32)
               (i32.mul (local.get 0) (i32.const 2)))
             (func (export "call") (param i32 i32) (result i32)
               (call_indirect $t (type $unary) (local.get 1) (local.get 0)))
             (func (export "id") (param funcref) (result funcref) (local.get 0))
             (func (export "get_double") (result funcref) (ref.func $double)))"#,
    );
    let table = instance.get_table(&store, "t").unwrap();
    let double = instance.get_func(&store, "double").unwrap();
    let call = instance.get_typed_func::<(i32, i32), i32>(&mut store, "call")?;

    assert_eq!(
        expect_trap(call.call(&mut store, (0, 1))),
        Trap::IndirectCallToNull
    );
    table.set(&mut store, 0, Ref::Func(Some(double)))?;
    assert_eq!(call.call(&mut store, (0, 21))?, 42);

    // A host function works in the table too.
    let host = Func::wrap(&mut store, |x: i32| x - 100);
    table.set(&mut store, 1, Ref::Func(Some(host)))?;
    assert_eq!(call.call(&mut store, (1, 1))?, -99);
    // A function of the wrong type in the table is caught at the call.
    let wrong = Func::wrap(&mut store, |x: i64| x);
    table.set(&mut store, 1, Ref::Func(Some(wrong)))?;
    assert_eq!(
        expect_trap(call.call(&mut store, (1, 1))),
        Trap::BadSignature
    );

    // Function references round-trip through calls.
    let id = instance.get_func(&store, "id").unwrap();
    let mut out = [Val::FuncRef(None)];
    id.call(&mut store, &[Val::FuncRef(Some(double))], &mut out)?;
    assert_eq!(out, [Val::FuncRef(Some(double))]);
    let returned = out[0].funcref().unwrap().copied().unwrap();
    assert_eq!(returned.typed::<i32, i32>(&store)?.call(&mut store, 4)?, 8);
    let get_double = instance.get_typed_func::<(), Option<Func>>(&mut store, "get_double")?;
    let from_wasm = get_double.call(&mut store, ())?.expect("non-null");
    assert_eq!(from_wasm, double);
    let id_typed = instance.get_typed_func::<Option<Func>, Option<Func>>(&mut store, "id")?;
    assert_eq!(id_typed.call(&mut store, Some(host))?, Some(host));
    assert_eq!(id_typed.call(&mut store, None)?, None);
    Ok(())
}

// ---------------------------------------------------------------------------
// Modules
// ---------------------------------------------------------------------------

#[test]
fn module_imports_and_exports() -> TestResult {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module
             (import "env" "f" (func (param i32 f64) (result i64)))
             (import "env" "mem" (memory 1 2))
             (import "env" "tab" (table 3 externref))
             (import "other" "g" (global (mut f32)))
             (export "memory" (memory 0))
             (table (export "table") 1 5 funcref)
             (global (export "global") i64 (i64.const 0))
             (func (export "func") (param externref) (result funcref) (ref.null func))
             (export "reexported" (func 0)))"#,
    )?;

    let imports: Vec<_> = module
        .imports()
        .map(|i| (i.module().to_string(), i.name().to_string(), i.ty()))
        .collect();
    assert_eq!(
        imports,
        [
            (
                "env".to_string(),
                "f".to_string(),
                ExternType::Func(FuncType::new([ValType::I32, ValType::F64], [ValType::I64]))
            ),
            (
                "env".to_string(),
                "mem".to_string(),
                ExternType::Memory(MemoryType::new(1, Some(2)))
            ),
            (
                "env".to_string(),
                "tab".to_string(),
                ExternType::Table(TableType::new(RefType::EXTERNREF, 3, None))
            ),
            (
                "other".to_string(),
                "g".to_string(),
                ExternType::Global(GlobalType::new(ValType::F32, Mutability::Var))
            ),
        ]
    );
    assert_eq!(module.imports().len(), 4);

    let exports: Vec<_> = module
        .exports()
        .map(|e| (e.name().to_string(), e.ty()))
        .collect();
    assert_eq!(
        exports,
        [
            (
                "memory".to_string(),
                ExternType::Memory(MemoryType::new(1, Some(2)))
            ),
            (
                "table".to_string(),
                ExternType::Table(TableType::new(RefType::FUNCREF, 1, Some(5)))
            ),
            (
                "global".to_string(),
                ExternType::Global(GlobalType::new(ValType::I64, Mutability::Const))
            ),
            (
                "func".to_string(),
                ExternType::Func(FuncType::new([ValType::EXTERNREF], [ValType::FUNCREF]))
            ),
            (
                "reexported".to_string(),
                ExternType::Func(FuncType::new([ValType::I32, ValType::F64], [ValType::I64]))
            ),
        ]
    );
    let kinds: Vec<_> = module.exports().map(|e| e.ty().kind_name()).collect();
    assert_eq!(kinds, ["memory", "table", "global", "func", "func"]);
    assert_eq!(
        module.get_export("global"),
        Some(ExternType::Global(GlobalType::new(
            ValType::I64,
            Mutability::Const
        )))
    );
    assert_eq!(module.get_export("nope"), None);
    let table_ty = module.get_export("table").unwrap();
    assert_eq!(
        table_ty.table().unwrap().element().heap_type(),
        HeapType::Func
    );
    assert!(table_ty.memory().is_none());
    Ok(())
}

#[test]
fn instance_exports_in_module_order() -> TestResult {
    let (store, instance) = instantiate(
        r#"(module
             (func (export "b"))
             (memory (export "a") 1)
             (global (export "c") i32 (i32.const 0)))"#,
    );
    let exports: Vec<_> = instance
        .exports(&store)
        .map(|e| (e.name().to_string(), e.into_extern().ty(&store).kind_name()))
        .collect();
    assert_eq!(
        exports,
        [
            ("b".to_string(), "func"),
            ("a".to_string(), "memory"),
            ("c".to_string(), "global")
        ]
    );
    assert!(instance.get_memory(&store, "b").is_none());
    assert!(instance.get_func(&store, "a").is_none());
    assert!(instance.get_global(&store, "c").is_some());
    assert!(instance.get_table(&store, "c").is_none());
    Ok(())
}

#[test]
fn reexported_imports_are_the_same_items() -> TestResult {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let func = Func::wrap(&mut store, |x: i32| x ^ 0xff);
    let global = Global::new(
        &mut store,
        GlobalType::new(ValType::I32, Mutability::Var),
        Val::I32(1),
    )?;
    let memory = Memory::new(&mut store, MemoryType::new(1, None))?;
    let table = Table::new(
        &mut store,
        TableType::new(RefType::FUNCREF, 1, None),
        Ref::Func(None),
    )?;
    let module = Module::new(
        &engine,
        r#"(module
             (import "" "f" (func $f (param i32) (result i32)))
             (import "" "g" (global $g (mut i32)))
             (import "" "m" (memory 1))
             (import "" "t" (table 1 funcref))
             (export "f" (func $f))
             (export "g" (global $g))
             (export "m" (memory 0))
             (export "t" (table 0)))"#,
    )?;
    let instance = Instance::new(
        &mut store,
        &module,
        &[func.into(), global.into(), memory.into(), table.into()],
    )?;
    assert_eq!(instance.get_func(&store, "f"), Some(func));
    assert_eq!(instance.get_global(&store, "g"), Some(global));
    assert_eq!(instance.get_memory(&store, "m"), Some(memory));
    assert_eq!(instance.get_table(&store, "t"), Some(table));
    let f = instance.get_typed_func::<i32, i32>(&mut store, "f")?;
    assert_eq!(f.call(&mut store, 0x0f)?, 0xf0);
    Ok(())
}

#[test]
fn malformed_and_invalid_modules_are_rejected() {
    let engine = Engine::default();
    let malformed = [
        "(module (func (result i32) (i32.const)))",
        "(module",
        "(module (func $f (export \"f\") (blah)))",
        "this is not wat",
    ];
    for text in malformed {
        let error = expect_err(Module::new(&engine, text));
        assert_eq!(error.kind(), ErrorKind::Malformed, "{text}: {error}");
    }
    // Binary garbage after the magic number.
    let error = expect_err(Module::new(&engine, b"\0asm\x01\0\0\0\xff\xff"));
    assert_eq!(error.kind(), ErrorKind::Malformed, "{error}");
    let error = expect_err(Module::new(&engine, b"\0asm\x02\0\0\0"));
    assert_eq!(error.kind(), ErrorKind::Malformed, "{error}");

    let invalid = [
        // Type errors.
        "(module (func (result i32) (i64.const 1)))",
        "(module (func (param i32) (result f32) (local.get 0)))",
        "(module (func (i32.add (i32.const 1))))",
        // Unknown indices.
        "(module (func (call 5)))",
        "(module (func (drop (i32.load (i32.const 0)))))",
        // Duplicate export names.
        "(module (func (export \"x\")) (func (export \"x\")))",
    ];
    for text in invalid {
        let error = expect_err(Module::new(&engine, text));
        assert_eq!(error.kind(), ErrorKind::Invalid, "{text}: {error}");
    }
}

// ---------------------------------------------------------------------------
// Robustness: wide signatures, moving stacks, foreign handles, panics
// ---------------------------------------------------------------------------

#[test]
fn wide_signatures_through_host_and_typed_calls() -> TestResult {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module
             (import "host" "sum12"
               (func $sum12 (param i32 i64 f32 f64 i32 i64 f32 f64 i32 i64 f32 f64) (result f64)))
             (import "host" "sum20"
               (func $sum20 (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32
                                   i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
             (import "host" "spread"
               (func $spread (param i32) (result i32 i32 i32 i32 i32 i32 i32 i32 i32
                                                 i32 i32 i32 i32 i32 i32 i32 i32)))
             (func (export "sum12")
               (param i32 i64 f32 f64 i32 i64 f32 f64 i32 i64 f32 f64) (result f64)
               (call $sum12 (local.get 0) (local.get 1) (local.get 2) (local.get 3)
                            (local.get 4) (local.get 5) (local.get 6) (local.get 7)
                            (local.get 8) (local.get 9) (local.get 10) (local.get 11)))
             (func (export "sum20") (result i32)
               (call $sum20 (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4)
                            (i32.const 5) (i32.const 6) (i32.const 7) (i32.const 8)
                            (i32.const 9) (i32.const 10) (i32.const 11) (i32.const 12)
                            (i32.const 13) (i32.const 14) (i32.const 15) (i32.const 16)
                            (i32.const 17) (i32.const 18) (i32.const 19) (i32.const 20)))
             (func (export "spread") (param i32)
               (result i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
               (call $spread (local.get 0)))
             (func (export "spread_sum") (param i32) (result i32)
               (call $spread (local.get 0))
               (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add)
               (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add))
             (func (export "twelve") (param i32) (result i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
               (local.get 0) (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5)
               (i32.const 6) (i32.const 7) (i32.const 8) (i32.const 9) (i32.const 10) (i32.const 11)))"#,
    )?;
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    linker.func_wrap(
        "host",
        "sum12",
        |a: i32,
         b: i64,
         c: f32,
         d: f64,
         e: i32,
         f: i64,
         g: f32,
         h: f64,
         i: i32,
         j: i64,
         k: f32,
         l: f64| {
            f64::from(a)
                + b as f64
                + f64::from(c)
                + d
                + f64::from(e) * 10.0
                + f as f64 * 10.0
                + f64::from(g) * 10.0
                + h * 10.0
                + f64::from(i) * 100.0
                + j as f64 * 100.0
                + f64::from(k) * 100.0
                + l * 100.0
        },
    )?;
    linker.func_new(
        "host",
        "sum20",
        FuncType::new([ValType::I32; 20], [ValType::I32]),
        |_caller: Caller<'_, ()>, params: &[Val], results: &mut [Val]| {
            assert_eq!(params.len(), 20);
            let weighted = params
                .iter()
                .enumerate()
                .map(|(i, v)| v.unwrap_i32() * (i as i32 + 1))
                .sum();
            results[0] = Val::I32(weighted);
            Ok(())
        },
    )?;
    linker.func_new(
        "host",
        "spread",
        FuncType::new([ValType::I32], [ValType::I32; 17]),
        |_caller: Caller<'_, ()>, params: &[Val], results: &mut [Val]| {
            assert_eq!(results.len(), 17);
            for (i, r) in results.iter_mut().enumerate() {
                *r = Val::I32(params[0].unwrap_i32() + i as i32);
            }
            Ok(())
        },
    )?;
    let instance = linker.instantiate(&mut store, &module)?;

    type P12 = (i32, i64, f32, f64, i32, i64, f32, f64, i32, i64, f32, f64);
    let sum12 = instance.get_typed_func::<P12, f64>(&mut store, "sum12")?;
    let args: P12 = (1, 2, 3.0, 4.0, 1, 2, 3.0, 4.0, 1, 2, 3.0, 4.0);
    assert_eq!(sum12.call(&mut store, args)?, 10.0 + 100.0 + 1000.0);

    let sum20 = instance.get_typed_func::<(), i32>(&mut store, "sum20")?;
    assert_eq!(
        sum20.call(&mut store, ())?,
        (1..=20).map(|i| i * i).sum::<i32>()
    );

    let spread_sum = instance.get_typed_func::<i32, i32>(&mut store, "spread_sum")?;
    assert_eq!(
        spread_sum.call(&mut store, 100)?,
        17 * 100 + (0..17).sum::<i32>()
    );
    let spread = instance.get_func(&store, "spread").unwrap();
    let mut results = vec![Val::I32(0); 17];
    spread.call(&mut store, &[Val::I32(-3)], &mut results)?;
    let expected: Vec<Val> = (0..17).map(|i| Val::I32(i - 3)).collect();
    assert_eq!(results, expected);

    type R12 = (i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32);
    let twelve = instance.get_typed_func::<i32, R12>(&mut store, "twelve")?;
    assert_eq!(
        twelve.call(&mut store, 42)?,
        (42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
    );
    Ok(())
}

#[test]
fn memory_grown_by_a_host_call_is_visible_to_the_caller() -> TestResult {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module
             (import "host" "grow" (func $grow (param i32) (result i32)))
             (memory (export "memory") 1)
             (func (export "grow_and_store") (param i32) (result i32)
               (drop (call $grow (i32.const 1)))
               (i32.store (local.get 0) (i32.const 1234))
               (i32.load (local.get 0))))"#,
    )?;
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    linker.func_wrap(
        "host",
        "grow",
        |mut caller: Caller<'_, ()>, delta: i32| -> tern::Result<i32> {
            let memory = caller
                .get_export("memory")
                .and_then(Extern::into_memory)
                .unwrap();
            Ok(memory.grow(&mut caller, delta as u64)? as i32)
        },
    )?;
    let instance = linker.instantiate(&mut store, &module)?;
    let memory = instance.get_memory(&store, "memory").unwrap();
    let grow_and_store = instance.get_typed_func::<i32, i32>(&mut store, "grow_and_store")?;
    assert_eq!(grow_and_store.call(&mut store, 70_000)?, 1234);
    assert_eq!(memory.size(&store), 2);
    assert_eq!(&memory.data(&store)[70_000..70_004], &1234i32.to_le_bytes());
    // The new page was not there before the call: this one traps after growing.
    assert_eq!(
        expect_trap(grow_and_store.call(&mut store, 4 * WASM_PAGE_SIZE as i32)),
        Trap::MemoryOutOfBounds
    );
    assert_eq!(memory.size(&store), 3);
    Ok(())
}

#[test]
fn caller_frame_survives_a_reentrant_call_that_moves_the_value_stack() -> TestResult {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module
             (import "host" "deep" (func $deep (param i32) (result i32)))
             (func $rec (export "rec") (param i32) (result i32) (local i64 i64 i64 i64)
               (if (result i32) (i32.eqz (local.get 0))
                 (then (i32.const 0))
                 (else (i32.add (i32.const 1)
                                (call $rec (i32.sub (local.get 0) (i32.const 1)))))))
             (func (export "outer") (param i32) (result i32) (local i64 i64 f64)
               (local.set 1 (i64.const 0x1111111122222222))
               (local.set 2 (i64.const -5))
               (local.set 3 (f64.const 2.5))
               (i32.add
                 (call $deep (local.get 0))
                 (i32.add
                   (i32.wrap_i64 (i64.add (local.get 1) (local.get 2)))
                   (i32.trunc_f64_s (local.get 3))))))"#,
    )?;
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    linker.func_wrap(
        "host",
        "deep",
        |mut caller: Caller<'_, ()>, n: i32| -> tern::Result<i32> {
            let rec = caller
                .get_export("rec")
                .and_then(Extern::into_func)
                .unwrap()
                .typed::<i32, i32>(&caller)?;
            rec.call(&mut caller, n)
        },
    )?;
    let instance = linker.instantiate(&mut store, &module)?;
    let outer = instance.get_typed_func::<i32, i32>(&mut store, "outer")?;
    let locals = (0x1111_1111_2222_2222_i64 - 5) as i32 + 2;
    assert_eq!(outer.call(&mut store, 1)?, 1 + locals);
    // Deep enough to grow (and move) the interpreter's value stack.
    assert_eq!(outer.call(&mut store, 30_000)?, 30_000 + locals);
    assert_eq!(outer.call(&mut store, 5)?, 5 + locals);
    Ok(())
}

#[test]
fn unbounded_reentrancy_with_default_config_traps() {
    // A thread with Rust's default stack size, as an embedder would have.
    let handle = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(|| -> tern::Result<Depth> {
            let engine = Engine::default();
            let module = Module::new(
                &engine,
                r#"(module
                     (import "host" "reenter" (func $reenter (param i32) (result i32)))
                     (func (export "f") (param i32) (result i32)
                       (call $reenter (local.get 0))))"#,
            )?;
            let mut store = Store::new(&engine, Depth::default());
            let linker = reentrant_linker(&engine, "f")?;
            let instance = linker.instantiate(&mut store, &module)?;
            let f = instance.get_typed_func::<i32, i32>(&mut store, "f")?;
            let error = expect_err(f.call(&mut store, 0));
            assert_eq!(error.trap(), Some(Trap::StackOverflow));
            assert_eq!(store.data().current, 0);
            // And the store is fine afterwards.
            let error = expect_err(f.call(&mut store, 0));
            assert_eq!(error.trap(), Some(Trap::StackOverflow));
            Ok(store.into_data())
        })
        .expect("spawn thread");
    let depth = handle.join().expect("no native stack overflow").unwrap();
    assert!(depth.max > 10, "{depth:?}");
}

#[test]
fn failing_segments_leave_earlier_initialization_in_place() -> TestResult {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let memory = Memory::new(&mut store, MemoryType::new(1, None))?;
    let table = Table::new(
        &mut store,
        TableType::new(RefType::FUNCREF, 1, None),
        Ref::Func(None),
    )?;

    // A data segment out of bounds: earlier segments were written.
    let module = Module::new(
        &engine,
        r#"(module
             (import "env" "mem" (memory 1))
             (data (i32.const 0) "ok")
             (data (i32.const 65535) "xx"))"#,
    )?;
    let error = expect_err(Instance::new(&mut store, &module, &[memory.into()]));
    assert_eq!(error.trap(), Some(Trap::MemoryOutOfBounds));
    assert_eq!(&memory.data(&store)[..2], b"ok");
    assert_eq!(memory.data(&store)[65535], 0);

    // An element segment out of bounds: earlier elements were written, and
    // no data segment ran (elements are initialized first).
    let module = Module::new(
        &engine,
        r#"(module
             (import "env" "mem" (memory 1))
             (import "env" "tab" (table 1 funcref))
             (func $f)
             (elem (i32.const 0) $f)
             (elem (i32.const 1) $f)
             (data (i32.const 100) "zz"))"#,
    )?;
    let error = expect_err(Instance::new(
        &mut store,
        &module,
        &[memory.into(), table.into()],
    ));
    assert_eq!(error.trap(), Some(Trap::TableOutOfBounds));
    assert!(table.get(&store, 0).unwrap().as_func().is_some());
    assert_eq!(&memory.data(&store)[100..102], &[0, 0]);
    Ok(())
}

#[test]
fn foreign_handles_are_errors_where_documented() -> TestResult {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let mut other = Store::new(&engine, ());
    let foreign_func = Func::wrap(&mut other, || {});
    let foreign_ref = ExternRef::new(&mut other, 1u8);

    // References from another store passed as values.
    let (mut store2, instance) = instantiate(
        r#"(module
             (func (export "id") (param funcref) (result funcref) (local.get 0))
             (table (export "t") 1 funcref)
             (global (export "g") (mut externref) (ref.null extern)))"#,
    );
    let id = instance.get_typed_func::<Option<Func>, Option<Func>>(&mut store2, "id")?;
    let error = expect_err(id.call(&mut store2, Some(foreign_func)));
    assert_eq!(error.kind(), ErrorKind::Usage);
    let table = instance.get_table(&store2, "t").unwrap();
    assert!(
        table
            .set(&mut store2, 0, Ref::Func(Some(foreign_func)))
            .is_err()
    );
    assert!(table.get(&store2, 0).unwrap().is_null());
    let global = instance.get_global(&store2, "g").unwrap();
    assert!(
        global
            .set(&mut store2, Val::ExternRef(Some(foreign_ref)))
            .is_err()
    );
    assert!(
        Global::new(
            &mut store2,
            GlobalType::new(ValType::EXTERNREF, Mutability::Const),
            Val::ExternRef(Some(foreign_ref)),
        )
        .is_err()
    );

    // A host function returning a reference from another store.
    let module = Module::new(
        &engine,
        r#"(module
             (import "" "f" (func $f (result funcref)))
             (func (export "run") (result funcref) (call $f)))"#,
    )?;
    let leak = Func::wrap(&mut store, move || Some(foreign_func));
    let instance = Instance::new(&mut store, &module, &[leak.into()])?;
    let run = instance.get_typed_func::<(), Option<Func>>(&mut store, "run")?;
    assert_eq!(
        expect_err(run.call(&mut store, ())).kind(),
        ErrorKind::Usage
    );

    // Imports from another store.
    let module = Module::new(&engine, r#"(module (import "" "f" (func)))"#)?;
    let error = expect_err(Instance::new(&mut store, &module, &[foreign_func.into()]));
    assert_eq!(error.kind(), ErrorKind::Usage);

    // A module of another engine.
    let other_engine = Engine::default();
    let module = Module::new(&other_engine, "(module)")?;
    let error = expect_err(Linker::new(&engine).instantiate(&mut store, &module));
    assert_eq!(error.kind(), ErrorKind::Usage);
    Ok(())
}

/// A module whose `rec(n)` recurses `n` times and then calls the host's
/// `maybe_panic`, which panics while the store's data is `true`.
fn panicking_host(config: &Config) -> (Store<bool>, TypedFunc<i32, i32>) {
    let engine = Engine::new(config).unwrap();
    let module = Module::new(
        &engine,
        r#"(module
             (import "host" "maybe_panic" (func $maybe_panic))
             (func $rec (export "rec") (param i32) (result i32)
               (if (result i32) (i32.eqz (local.get 0))
                 (then (call $maybe_panic) (i32.const 0))
                 (else (i32.add (i32.const 1)
                                (call $rec (i32.sub (local.get 0) (i32.const 1))))))))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, true);
    let mut linker = Linker::new(&engine);
    linker
        .func_wrap("host", "maybe_panic", |caller: Caller<'_, bool>| {
            if *caller.data() {
                panic!("host panic");
            }
        })
        .unwrap();
    let instance = linker.instantiate(&mut store, &module).unwrap();
    let rec = instance
        .get_typed_func::<i32, i32>(&mut store, "rec")
        .unwrap();
    (store, rec)
}

/// Calls `rec(depth)` with a host panic at the bottom, checks that the panic
/// reaches the caller, and turns panicking off.
fn panic_through(store: &mut Store<bool>, rec: TypedFunc<i32, i32>, depth: i32) {
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        rec.call(&mut *store, depth)
    }));
    let payload = outcome.expect_err("the host panic propagates");
    assert_eq!(payload.downcast_ref::<&str>(), Some(&"host panic"));
    *store.data_mut() = false;
}

#[test]
fn call_depth_recovers_after_a_host_panic() {
    let mut config = Config::new();
    config.max_call_depth(100);
    let (mut store, rec) = panicking_host(&config);
    panic_through(&mut store, rec, 60);
    // The 61 frames of the interrupted call must not count against the
    // limit of 100 any more.
    assert_eq!(rec.call(&mut store, 90).unwrap(), 90);
    assert_eq!(rec.call(&mut store, 0).unwrap(), 0);
}

/// Recurses natively, using about `depth` KiB of native stack, then runs `f`.
fn at_native_depth<R>(depth: usize, f: &mut dyn FnMut() -> R) -> R {
    let pad = std::hint::black_box([0u8; 1024]);
    if depth == 0 {
        return f();
    }
    let result = at_native_depth(depth - 1, f);
    std::hint::black_box(&pad);
    result
}

#[test]
fn native_stack_bound_recovers_after_a_host_panic() {
    let handle = std::thread::Builder::new()
        .stack_size(16 * 1024 * 1024)
        .spawn(|| {
            let (mut store, rec) = panicking_host(&Config::new());
            // Without a panic, an entry from deep in the native stack is an
            // ordinary outermost entry.
            *store.data_mut() = false;
            let deep = at_native_depth(2048, &mut || {
                rec.call(&mut store, 5).map_err(|e| e.to_string())
            });
            assert_eq!(deep, Ok(5));
            *store.data_mut() = true;

            panic_through(&mut store, rec, 5);
            assert_eq!(rec.call(&mut store, 5).unwrap(), 5);
            // After the panic, the next outermost entry from 2 MiB deeper in
            // the native stack must not be mistaken for a nested entry.
            let deep = at_native_depth(2048, &mut || {
                rec.call(&mut store, 5).map_err(|e| e.to_string())
            });
            assert_eq!(deep, Ok(5));
            // Nor must an entry from another thread.
            std::thread::spawn(move || rec.call(&mut store, 5).map_err(|e| e.to_string()))
                .join()
                .unwrap()
        })
        .expect("spawn thread");
    assert_eq!(handle.join().unwrap(), Ok(5));
}

/// A function's locals start at zero however many it has, also where the
/// value stack holds what an earlier call left there: a call zeroes a few
/// locals with one fixed run of stores and many with a loop, and both must
/// cover exactly the locals.
#[test]
fn locals_start_at_zero_over_a_dirty_stack() -> TestResult {
    let mut config = Config::new();
    config.strategy(tern::Strategy::Interpreter);
    let engine = Engine::new(&config)?;
    for n in [1, 3, 4, 5, 8, 17, 40] {
        let locals = "i64 ".repeat(n);
        let sets: String = (0..n)
            .map(|i| format!("(local.set {i} (i64.const -1))"))
            .collect();
        let sum: String = (0..n)
            .map(|i| format!("(i64.or (local.get {i})"))
            .collect::<String>()
            + "(i64.const 0)"
            + &")".repeat(n);
        let wat = format!(
            r#"(module
                 (func $dirty (local {locals}) {sets})
                 (func $fresh (result i64) (local {locals}) {sum})
                 (func (export "run") (result i64)
                   (call $dirty)
                   (call $fresh)))"#
        );
        let module = Module::new(&engine, &wat)?;
        let mut store = Store::new(&engine, ());
        let instance = Instance::new(&mut store, &module, &[])?;
        let run = instance.get_typed_func::<(), i64>(&mut store, "run")?;
        assert_eq!(run.call(&mut store, ())?, 0, "{n} locals");
        assert_eq!(run.call(&mut store, ())?, 0, "{n} locals, second run");
    }
    Ok(())
}
