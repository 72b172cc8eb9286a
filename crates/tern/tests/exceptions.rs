//! Exception handling (`try_table`, `throw`, `throw_ref`, `exnref`) through
//! the embedding API, on every strategy: exceptions crossing interpreted,
//! compiled and host frames, host functions throwing, uncaught exceptions
//! reaching the host with their tag and values, tail calls leaving their
//! handlers, and the exception arena staying bounded.
//!
//! Functions that use exception handling run in the interpreter by design;
//! under `Strategy::Jit` the functions between a throw and its catch that do
//! not are compiled, so exceptions really pass through compiled frames.

use tern::{
    Config, Engine, ErrorKind, ExnRef, FuncType, Global, GlobalType, HeapType, Instance, Linker,
    Module, Mutability, RefType, Store, Strategy, Tag, TagType, Trap, V128, Val, ValType,
};

const STRATEGIES: [Strategy; 3] = [Strategy::Interpreter, Strategy::Jit, Strategy::Tiered];

fn engine(strategy: Strategy) -> Engine {
    let mut config = Config::new();
    config
        .strategy(strategy)
        .wasm_exceptions(true)
        .cranelift_debug_verifier(true)
        .tier_up_threshold(2);
    Engine::new(&config).unwrap()
}

fn jit_here() -> bool {
    cfg!(all(target_arch = "x86_64", target_os = "linux"))
}

/// `catcher` calls `middle` (no exception handling: compiled by the JIT),
/// which calls `thrower`; the payload has one value of each kind.
const THROUGH: &str = r#"
(module
  (tag $e (export "e") (param i32 i64 f64 v128))
  (func $thrower (param i32)
    (if (local.get 0)
      (then (throw $e (local.get 0) (i64.const -5) (f64.const 2.5)
                      (v128.const i32x4 1 2 3 4)))))
  (func $middle (export "middle") (param i32) (result i32)
    (call $thrower (local.get 0))
    (i32.add (local.get 0) (i32.const 100)))
  (func (export "catcher") (param i32) (result i32 i64 f64 i32)
    (block $h (result i32 i64 f64 v128)
      (try_table (catch $e $h)
        (return (call $middle (local.get 0)) (i64.const 0) (f64.const 0) (i32.const 0)))
      (unreachable))
    (i32x4.extract_lane 3))
)
"#;

#[test]
fn exceptions_cross_compiled_frames_with_their_values() {
    for strategy in STRATEGIES {
        let engine = engine(strategy);
        let module = Module::new(&engine, THROUGH).unwrap();
        if strategy == Strategy::Jit && jit_here() {
            // `thrower` and `catcher` stay interpreted; `middle` is compiled.
            assert_eq!(module.interpreted_functions(), 2, "{strategy:?}");
            assert_eq!(module.interpreted_by_design(), 2, "{strategy:?}");
        }
        let mut store = Store::new(&engine, ());
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        let catcher = instance.get_func(&store, "catcher").unwrap();
        for _ in 0..5 {
            let mut out = [Val::I32(0), Val::I64(0), Val::F64(0), Val::I32(0)];
            catcher.call(&mut store, &[Val::I32(7)], &mut out).unwrap();
            let expected = [
                Val::I32(7),
                Val::I64(-5),
                Val::F64(2.5f64.to_bits()),
                Val::I32(4),
            ];
            assert_eq!(out, expected, "{strategy:?}");
            catcher.call(&mut store, &[Val::I32(0)], &mut out).unwrap();
            assert_eq!(out[0], Val::I32(100), "{strategy:?}");
        }
        // Uncaught: the host gets the exception, its tag and its values.
        let middle = instance.get_func(&store, "middle").unwrap();
        let e = middle
            .call(&mut store, &[Val::I32(9)], &mut [Val::I32(0)])
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Exception, "{strategy:?}: {e}");
        let exn = e.exception().expect("the exception");
        let tag = instance
            .get_export(&store, "e")
            .unwrap()
            .into_tag()
            .unwrap();
        assert_eq!(exn.tag(&store).unwrap(), tag);
        let fields = exn.fields(&store).unwrap();
        assert_eq!(fields[0], Val::I32(9));
        assert_eq!(fields[1], Val::I64(-5));
        assert_eq!(
            fields[3],
            Val::V128(V128::from(1u128 | 2 << 32 | 3 << 64 | 4 << 96))
        );
        let names: Vec<_> = e
            .wasm_backtrace()
            .unwrap()
            .frames()
            .iter()
            .map(|f| f.func_name().unwrap_or("?").to_string())
            .collect();
        assert_eq!(names, ["thrower", "middle"], "{strategy:?}");
    }
}

#[test]
fn host_functions_throw_and_wasm_catches() {
    for strategy in STRATEGIES {
        let engine = engine(strategy);
        let mut store = Store::new(&engine, ());
        let ty = TagType::new(FuncType::new([ValType::I32], []));
        let tag = Tag::new(&mut store, &ty).unwrap();
        let mut linker = Linker::new(&engine);
        linker.define(&store, "host", "oops", tag).unwrap();
        linker
            .func_wrap(
                "host",
                "check",
                move |mut caller: tern::Caller<'_, ()>, x: i32| -> tern::Result<i32> {
                    if x < 0 {
                        let exn = ExnRef::new(&mut caller, tag, &[Val::I32(x * 2)])?;
                        return Err(tern::Error::throw(exn));
                    }
                    Ok(x)
                },
            )
            .unwrap();
        let module = Module::new(
            &engine,
            r#"(module
                 (import "host" "oops" (tag $oops (param i32)))
                 (import "host" "check" (func $check (param i32) (result i32)))
                 (func (export "f") (param i32) (result i32)
                   (block $h (result i32)
                     (try_table (result i32) (catch $oops $h)
                       (call $check (local.get 0)))
                     (return))
                   (i32.const 1000)
                   (i32.add)))"#,
        )
        .unwrap();
        let instance = linker.instantiate(&mut store, &module).unwrap();
        let f = instance.get_typed_func::<i32, i32>(&store, "f").unwrap();
        assert_eq!(f.call(&mut store, 5).unwrap(), 5, "{strategy:?}");
        assert_eq!(f.call(&mut store, -4).unwrap(), 992, "{strategy:?}");
        // A tag of another type does not link.
        let wrong = Module::new(
            &engine,
            r#"(module (import "host" "oops" (tag (param i64))))"#,
        )
        .unwrap();
        let e = linker.instantiate(&mut store, &wrong).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Unlinkable, "{e}");
    }
}

#[test]
fn traps_are_not_caught_and_tail_calls_leave_their_handlers() {
    for strategy in STRATEGIES {
        let engine = engine(strategy);
        let module = Module::new(
            &engine,
            r#"(module
                 (tag $e)
                 (func $throw (throw $e))
                 (func (export "trap") (result i32)
                   (block $h
                     (try_table (catch_all $h) (unreachable)))
                   (i32.const 1))
                 (func (export "tail")
                   (block $h
                     (try_table (catch_all $h) (return_call $throw))))
                 (func (export "call") (result i32)
                   (block $h
                     (try_table (catch_all $h) (call $throw)))
                   (i32.const 2)))"#,
        )
        .unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        let trap = instance.get_typed_func::<(), i32>(&store, "trap").unwrap();
        let e = trap.call(&mut store, ()).unwrap_err();
        assert_eq!(e.trap(), Some(Trap::UnreachableCodeReached), "{strategy:?}");
        let tail = instance.get_typed_func::<(), ()>(&store, "tail").unwrap();
        let e = tail.call(&mut store, ()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Exception, "{strategy:?}: {e}");
        let call = instance.get_typed_func::<(), i32>(&store, "call").unwrap();
        assert_eq!(call.call(&mut store, ()).unwrap(), 2, "{strategy:?}");
    }
}

#[test]
fn the_exception_arena_is_collected_but_keeps_what_is_referenced() {
    let engine = engine(Strategy::Interpreter);
    let module = Module::new(
        &engine,
        r#"(module
             (tag $e (param i32))
             (global $kept (mut exnref) (ref.null exn))
             ;; Throws and catches `n` exceptions, keeping the first one in
             ;; a global and the last one in a local.
             (func (export "churn") (param $n i32) (result i32)
               (local $last exnref)
               (loop $again
                 (block $h (result i32 exnref)
                   (try_table (catch_ref $e $h) (throw $e (local.get $n)))
                   (unreachable))
                 (local.set $last)
                 (drop)
                 (if (ref.is_null (global.get $kept))
                   (then (global.set $kept (local.get $last))))
                 (br_if $again (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
               (block $h (result i32)
                 (try_table (catch $e $h) (throw_ref (local.get $last)))
                 (unreachable)))
             ;; Rethrows the kept exception and returns its value.
             (func (export "kept") (result i32)
               (block $h (result i32)
                 (try_table (catch $e $h) (throw_ref (global.get $kept)))
                 (unreachable))))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    let churn = instance
        .get_typed_func::<i32, i32>(&store, "churn")
        .unwrap();
    let kept = instance.get_typed_func::<(), i32>(&store, "kept").unwrap();
    assert_eq!(churn.call(&mut store, 100_000).unwrap(), 1);
    assert!(
        store.exceptions_alive() < 5_000,
        "{} exceptions alive after 100 000 thrown",
        store.exceptions_alive()
    );
    assert_eq!(kept.call(&mut store, ()).unwrap(), 100_000);
    assert_eq!(churn.call(&mut store, 50_000).unwrap(), 1);
    assert_eq!(kept.call(&mut store, ()).unwrap(), 100_000);
}

#[test]
fn a_non_nullable_exnref_global_keeps_its_exception() {
    let engine = engine(Strategy::Interpreter);
    let mut store = Store::new(&engine, ());
    let tag = Tag::new(&mut store, &TagType::new(FuncType::new([ValType::I32], []))).unwrap();
    let exn = ExnRef::new(&mut store, tag, &[Val::I32(77)]).unwrap();
    let non_null = ValType::Ref(RefType::new(false, HeapType::Exn));
    let global = Global::new(
        &mut store,
        GlobalType::new(non_null, Mutability::Const),
        Val::ExnRef(Some(exn)),
    )
    .unwrap();
    let module = Module::new(
        &engine,
        r#"(module
             (tag $e (import "h" "e") (param i32))
             (global $g (import "h" "g") (ref exn))
             (func (export "churn") (param $n i32)
               (loop $again
                 (block $h (result i32)
                   (try_table (catch $e $h) (throw $e (local.get $n)))
                   (unreachable))
                 (drop)
                 (br_if $again (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
             (func (export "rethrow") (result i32)
               (block $h (result i32)
                 (try_table (catch $e $h) (throw_ref (global.get $g)))
                 (unreachable))))"#,
    )
    .unwrap();
    let instance = Instance::new(&mut store, &module, &[tag.into(), global.into()]).unwrap();
    let churn = instance.get_typed_func::<i32, ()>(&store, "churn").unwrap();
    let rethrow = instance
        .get_typed_func::<(), i32>(&store, "rethrow")
        .unwrap();
    churn.call(&mut store, 50_000).unwrap();
    assert!(
        store.exceptions_alive() < 5_000,
        "{}",
        store.exceptions_alive()
    );
    assert_eq!(rethrow.call(&mut store, ()).unwrap(), 77);
}

#[test]
fn exceptions_in_tables_survive_collection_on_every_strategy() {
    let wat = r#"(module
      (tag $e (param i32))
      (table $t 2 exnref)
      (func $catch (param i32) (result exnref)
        (block $h (result exnref)
          (try_table (catch_all_ref $h) (throw $e (local.get 0)))
          (unreachable)))
      (func (export "store") (param i32)
        (table.set $t (i32.const 1) (call $catch (local.get 0)))
        (table.fill $t (i32.const 0) (table.get $t (i32.const 1)) (i32.const 1))
        (drop (table.grow $t (ref.null exn) (i32.const 3))))
      ;; Makes `n` exceptions that nothing keeps.
      (func (export "churn") (param $n i32)
        (loop $again
          (drop (call $catch (local.get $n)))
          (br_if $again (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
      (func (export "load") (param i32) (result i32)
        (block $h (result i32)
          (try_table (catch $e $h) (throw_ref (table.get $t (local.get 0))))
          (unreachable))))"#;
    for strategy in STRATEGIES {
        let engine = engine(strategy);
        let module = Module::new(&engine, wat).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        let store_f = instance.get_typed_func::<i32, ()>(&store, "store").unwrap();
        let churn = instance.get_typed_func::<i32, ()>(&store, "churn").unwrap();
        let load = instance.get_typed_func::<i32, i32>(&store, "load").unwrap();
        store_f.call(&mut store, 77).unwrap();
        churn.call(&mut store, 20_000).unwrap();
        assert!(store.exceptions_alive() < 5_000, "{strategy:?}");
        assert_eq!(load.call(&mut store, 0).unwrap(), 77, "{strategy:?}");
        assert_eq!(load.call(&mut store, 1).unwrap(), 77, "{strategy:?}");
        // The grown elements are null: `throw_ref` of null traps.
        let e = load.call(&mut store, 4).unwrap_err();
        assert_eq!(e.trap(), Some(Trap::NullReference), "{strategy:?}: {e}");
    }
}

#[test]
fn a_throw_and_catch_loop_runs_out_of_fuel() {
    // The shape the fuzzer found: the run of the loop header was never
    // charged when the code after the inner `try_table` was unreachable.
    let wat = r#"(module
      (tag $t0)
      (tag $t1)
      (func (export "spin")
        (loop $l1
          (try_table $l2 (catch_all $l1)
            (try_table $l3 (catch $t1 $l2)
              (throw $t0))))))"#;
    for strategy in STRATEGIES {
        let mut config = Config::new();
        config
            .strategy(strategy)
            .wasm_exceptions(true)
            .consume_fuel(true);
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, wat).unwrap();
        let mut store = Store::new(&engine, ());
        store.set_fuel(10_000).unwrap();
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        let spin = instance.get_typed_func::<(), ()>(&store, "spin").unwrap();
        let e = spin.call(&mut store, ()).unwrap_err();
        assert_eq!(e.trap(), Some(Trap::OutOfFuel), "{strategy:?}: {e}");
        // Each iteration pays for its two `try_table`s and its `throw`:
        // 10 000 fuel is 3 333 iterations, 1 left over.
        assert_eq!(store.get_fuel().unwrap(), 1, "{strategy:?}");
    }
}

#[test]
fn exceptions_can_be_switched_off() {
    let mut config = Config::new();
    config.wasm_exceptions(false);
    let engine = Engine::new(&config).unwrap();
    let e = Module::new(&engine, "(module (tag))").unwrap_err();
    assert!(e.to_string().contains("exceptions"), "{e}");
}
