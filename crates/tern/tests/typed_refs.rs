//! Typed function references (the function-references proposal) and
//! function subtyping and recursion groups (the part of the GC proposal's
//! type system that function types use), through the embedding API, on
//! every strategy: `call_ref`, `return_call_ref`, `ref.as_non_null`,
//! `br_on_null`, `br_on_non_null`, table initializer expressions,
//! `call_indirect` to a declared subtype, type identity across modules, and
//! the type checks of values crossing the API.

use tern::{
    Config, Engine, ErrorKind, Func, FuncType, Global, GlobalType, HeapType, Instance, Linker,
    Module, Mutability, RefType, Store, Strategy, Trap, Val, ValType,
};

const STRATEGIES: [Strategy; 3] = [Strategy::Interpreter, Strategy::Jit, Strategy::Tiered];

/// Function references are on by default; recursion groups and declared
/// subtypes need `gc` switched on.
fn engine(strategy: Strategy) -> Engine {
    let mut config = Config::new();
    config
        .strategy(strategy)
        .wasm_gc(true)
        .cranelift_debug_verifier(true)
        .tier_up_threshold(2);
    Engine::new(&config).unwrap()
}

fn jit_here() -> bool {
    cfg!(all(target_arch = "x86_64", target_os = "linux"))
}

const CALLS: &str = r#"
(module
  (type $binop (func (param i32 i32) (result i32)))
  (func $add (type $binop) (i32.add (local.get 0) (local.get 1)))
  (func $sub (type $binop) (i32.sub (local.get 0) (local.get 1)))
  (elem declare func $add $sub)
  (table $ops 2 (ref null $binop) (ref.func $sub))
  (global $op (mut (ref null $binop)) (ref.null $binop))

  ;; Calls $add (0), $sub (1) or null (anything else) through a typed reference.
  (func $pick (param i32) (result (ref null $binop))
    (if (result (ref null $binop)) (i32.eqz (local.get 0))
      (then (ref.func $add))
      (else (if (result (ref null $binop)) (i32.eq (local.get 0) (i32.const 1))
        (then (table.get $ops (i32.const 1)))
        (else (ref.null $binop))))))
  (func (export "apply") (param i32 i32 i32) (result i32)
    (call_ref $binop (local.get 1) (local.get 2) (call $pick (local.get 0))))
  (func (export "tail") (param i32 i32 i32) (result i32)
    (return_call_ref $binop (local.get 1) (local.get 2) (call $pick (local.get 0))))

  ;; br_on_null: -1 for null, else the result of the call.
  (func (export "or_minus_one") (param i32) (result i32)
    (block $null
      (return (call_ref $binop (i32.const 10) (i32.const 3)
        (br_on_null $null (call $pick (local.get 0))))))
    (i32.const -1))
  ;; br_on_non_null: the call for a function, 7 for null.
  (func (export "or_seven") (param i32) (result i32)
    (call_ref $binop (i32.const 20) (i32.const 5)
      (block $some (result (ref $binop))
        (br_on_non_null $some (call $pick (local.get 0)))
        (return (i32.const 7)))))
  ;; ref.as_non_null traps on null.
  (func (export "non_null") (param i32) (result i32)
    (call_ref $binop (i32.const 1) (i32.const 2) (ref.as_non_null (call $pick (local.get 0)))))
  ;; A typed mutable global, set from WebAssembly.
  (func (export "store_op") (param i32) (global.set $op (call $pick (local.get 0))))
  (func (export "call_global") (param i32 i32) (result i32)
    (call_ref $binop (local.get 0) (local.get 1) (global.get $op)))
  (export "op" (global $op))
  (export "add" (func $add))
  (export "pick" (func $pick))
  (func (export "takes") (param (ref $binop)) (result i32)
    (call_ref $binop (i32.const 2) (i32.const 2) (local.get 0)))
)
"#;

#[test]
fn typed_references_call_branch_and_trap_on_every_strategy() {
    for strategy in STRATEGIES {
        let engine = engine(strategy);
        let module = Module::new(&engine, CALLS).unwrap();
        if strategy == Strategy::Jit && jit_here() {
            assert_eq!(module.interpreted_functions(), 0, "{strategy:?}");
        }
        let mut store = Store::new(&engine, ());
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        let apply = instance
            .get_typed_func::<(i32, i32, i32), i32>(&mut store, "apply")
            .unwrap();
        let tail = instance
            .get_typed_func::<(i32, i32, i32), i32>(&mut store, "tail")
            .unwrap();
        // Several rounds, so that tiered code runs compiled too.
        for _ in 0..4 {
            assert_eq!(apply.call(&mut store, (0, 30, 12)).unwrap(), 42);
            assert_eq!(apply.call(&mut store, (1, 30, 12)).unwrap(), 18);
            assert_eq!(tail.call(&mut store, (0, 1, 2)).unwrap(), 3);
            assert_eq!(tail.call(&mut store, (1, 1, 2)).unwrap(), -1);
            for f in [&apply, &tail] {
                let err = f.call(&mut store, (2, 1, 2)).unwrap_err();
                assert_eq!(err.trap(), Some(Trap::NullReference), "{strategy:?}: {err}");
            }
            let or_minus_one = instance
                .get_typed_func::<i32, i32>(&mut store, "or_minus_one")
                .unwrap();
            assert_eq!(or_minus_one.call(&mut store, 0).unwrap(), 13);
            assert_eq!(or_minus_one.call(&mut store, 1).unwrap(), 7);
            assert_eq!(or_minus_one.call(&mut store, 2).unwrap(), -1);
            let or_seven = instance
                .get_typed_func::<i32, i32>(&mut store, "or_seven")
                .unwrap();
            assert_eq!(or_seven.call(&mut store, 0).unwrap(), 25);
            assert_eq!(or_seven.call(&mut store, 1).unwrap(), 15);
            assert_eq!(or_seven.call(&mut store, 2).unwrap(), 7);
            let non_null = instance
                .get_typed_func::<i32, i32>(&mut store, "non_null")
                .unwrap();
            assert_eq!(non_null.call(&mut store, 1).unwrap(), -1);
            let err = non_null.call(&mut store, 5).unwrap_err();
            assert_eq!(err.trap(), Some(Trap::NullReference), "{strategy:?}: {err}");
        }
        // The global holds what WebAssembly stored, and the host can store
        // a function of the right type but nothing else.
        let store_op = instance
            .get_typed_func::<i32, ()>(&mut store, "store_op")
            .unwrap();
        let call_global = instance
            .get_typed_func::<(i32, i32), i32>(&mut store, "call_global")
            .unwrap();
        store_op.call(&mut store, 1).unwrap();
        assert_eq!(call_global.call(&mut store, (9, 4)).unwrap(), 5);
        let op = instance.get_global(&mut store, "op").unwrap();
        let add = instance.get_func(&mut store, "add").unwrap();
        op.set(&mut store, Val::FuncRef(Some(add))).unwrap();
        assert_eq!(call_global.call(&mut store, (9, 4)).unwrap(), 13);
        let other = Func::wrap(&mut store, |x: i32| x);
        let err = op.set(&mut store, Val::FuncRef(Some(other))).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Usage, "{err}");
        op.set(&mut store, Val::FuncRef(None)).unwrap();
    }
}

#[test]
fn concrete_reference_types_show_in_the_api() {
    let engine = Engine::default();
    let module = Module::new(&engine, CALLS).unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    let add = instance.get_func(&mut store, "add").unwrap();
    let op = instance.get_global(&mut store, "op").unwrap();
    let ty = op.ty(&store);
    let ValType::Ref(r) = *ty.content() else {
        panic!("{ty}")
    };
    assert!(r.is_nullable());
    let HeapType::ConcreteFunc(id) = r.heap_type() else {
        panic!("{r}")
    };
    // The global's type names the function type of `add`.
    assert_eq!(id.func_type(), add.ty(&store));
    assert_eq!(
        id.func_type().to_string(),
        "(func (param i32 i32) (result i32))"
    );
    assert_eq!(id.supertype(), None);
    assert!(Val::FuncRef(Some(add)).matches_ty(&store, ty.content()));
    assert!(Val::FuncRef(None).matches_ty(&store, ty.content()));
    let non_null = ValType::Ref(RefType::new(false, HeapType::ConcreteFunc(id)));
    assert!(!Val::FuncRef(None).matches_ty(&store, &non_null));
    assert!(non_null.matches(&ValType::FUNCREF));
    assert_eq!(Val::default_for(&non_null), None);
    assert!(Val::default_for(ty.content()).is_some());
    assert!(!ValType::FUNCREF.matches(&non_null));
    assert!(ValType::Ref(RefType::new(true, HeapType::NoFunc)).matches(ty.content()));
    assert_eq!(non_null.to_string(), format!("(ref {id})"));

    let mut out = [Val::I32(0)];
    // Typed views: a typed result may be read as `Option<Func>`; a typed
    // parameter cannot be given one (`Func::call` checks each value).
    let pick = instance
        .get_typed_func::<i32, Option<Func>>(&mut store, "pick")
        .unwrap();
    let picked = pick.call(&mut store, 0).unwrap().unwrap();
    assert_eq!(picked.ty(&store), add.ty(&store));
    assert!(pick.call(&mut store, 7).unwrap().is_none());
    let err = instance
        .get_typed_func::<Option<Func>, i32>(&mut store, "takes")
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Usage, "{err}");
    let takes = instance.get_func(&mut store, "takes").unwrap();
    takes
        .call(&mut store, &[Val::FuncRef(Some(add))], &mut out)
        .unwrap();
    assert_eq!(out[0].i32(), Some(4));
    let err = takes
        .call(&mut store, &[Val::FuncRef(None)], &mut out)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Usage, "{err}");

    // A host function with a typed parameter refuses null and functions of
    // other types.
    let f = Func::new(
        &mut store,
        FuncType::new([non_null], [ValType::I32]),
        |_, _, results| {
            results[0] = Val::I32(1);
            Ok(())
        },
    );
    f.call(&mut store, &[Val::FuncRef(Some(add))], &mut out)
        .unwrap();
    assert_eq!(out[0].i32(), Some(1));
    let err = f
        .call(&mut store, &[Val::FuncRef(None)], &mut out)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Usage, "{err}");
    let err = f
        .call(&mut store, &[Val::FuncRef(Some(f))], &mut out)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Usage, "{err}");

    // A global of a typed reference type made by the host.
    let g = Global::new(
        &mut store,
        GlobalType::new(non_null, Mutability::Const),
        Val::FuncRef(Some(add)),
    )
    .unwrap();
    assert_eq!(*g.ty(&store).content(), non_null);
    assert!(
        Global::new(
            &mut store,
            GlobalType::new(non_null, Mutability::Const),
            Val::FuncRef(None),
        )
        .is_err()
    );
}

/// `$sub` declares `$super` as its supertype: a function of `$sub` may be
/// called where `$super` is expected, one of a structurally equal type that
/// does not declare it may not.
const SUBTYPES: &str = r#"
(module
  (type $super (sub (func (result i32))))
  (type $sub (sub final $super (func (result i32))))
  (rec (type $other (func (result i32))) (type (func)))
  (func $f (type $sub) (i32.const 11))
  (func $g (type $other) (i32.const 22))
  (table 2 funcref)
  (elem (i32.const 0) func $f $g)
  (func (export "call") (param i32) (result i32)
    (call_indirect (type $super) (local.get 0)))
  (func (export "tail") (param i32) (result i32)
    (return_call_indirect (type $super) (local.get 0)))
)
"#;

#[test]
fn call_indirect_accepts_declared_subtypes_only_on_every_strategy() {
    for strategy in STRATEGIES {
        let engine = engine(strategy);
        let module = Module::new(&engine, SUBTYPES).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        for name in ["call", "tail"] {
            let f = instance
                .get_typed_func::<i32, i32>(&mut store, name)
                .unwrap();
            for _ in 0..4 {
                assert_eq!(f.call(&mut store, 0).unwrap(), 11, "{strategy:?}");
                let err = f.call(&mut store, 1).unwrap_err();
                assert_eq!(err.trap(), Some(Trap::BadSignature), "{strategy:?}: {err}");
            }
        }
    }
}

#[test]
fn recursion_groups_give_types_their_identity_across_modules() {
    let engine = engine(Strategy::Interpreter);
    let mut store = Store::new(&engine, ());
    let exporter = Module::new(
        &engine,
        r#"(module
             (rec (type $a (func (param (ref null $b)))) (type $b (func (param (ref null $a)))))
             (func (export "f") (type $a)))"#,
    )
    .unwrap();
    let instance = Instance::new(&mut store, &exporter, &[]).unwrap();
    let mut linker = Linker::new(&engine);
    linker.instance(&mut store, "m", instance).unwrap();
    // The same group, declared again: the same type.
    let same = Module::new(
        &engine,
        r#"(module
             (rec (type $x (func (param (ref null $y)))) (type $y (func (param (ref null $x)))))
             (import "m" "f" (func (type $x))))"#,
    )
    .unwrap();
    linker.instantiate(&mut store, &same).unwrap();
    // The other type of the group, or the same structure in another
    // group, is not.
    for other in [
        r#"(module
             (rec (type $x (func (param (ref null $y)))) (type $y (func (param (ref null $x)))))
             (import "m" "f" (func (type $y))))"#,
        r#"(module
             (rec (type $x (func (param (ref null $y)))) (type $y (func (param (ref null $x))))
                  (type (func)))
             (import "m" "f" (func (type $x))))"#,
    ] {
        let module = Module::new(&engine, other).unwrap();
        let err = linker.instantiate(&mut store, &module).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Unlinkable, "{err}");
    }
}

#[test]
fn without_the_proposal_a_typed_reference_is_invalid() {
    let mut config = Config::new();
    config.wasm_function_references(false).wasm_gc(false);
    let engine = Engine::new(&config).unwrap();
    let err =
        Module::new(&engine, "(module (type $t (func)) (func (param (ref $t))))").unwrap_err();
    assert!(err.to_string().contains("function-references"), "{err}");
}

#[test]
fn typed_reference_operators_cost_the_same_fuel_on_every_strategy() {
    // Per iteration: `block`, `local.get`, `ref.func`, `br_on_null` (a run
    // of 3, ended by the branch); `call_ref`, `i32.add`, `local.set`, `end`
    // (3); the callee's `i32.const`, `end` (1); `local.get`, `i32.const`,
    // `i32.sub`, `local.tee`, `br_if` (5): 12.
    let wat = r#"(module
      (type $t (func (result i32)))
      (func $one (type $t) (i32.const 1))
      (elem declare func $one)
      (func (export "spin") (param i32) (result i32)
        (local $acc i32)
        (loop $l
          (block $null
            (local.set $acc (i32.add (local.get $acc)
              (call_ref $t (br_on_null $null (ref.func $one))))))
          (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
        (local.get $acc)))"#;
    for strategy in STRATEGIES {
        let mut config = Config::new();
        config
            .strategy(strategy)
            .consume_fuel(true)
            .tier_up_threshold(2);
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, wat).unwrap();
        let mut store = Store::new(&engine, ());
        store.set_fuel(1_000_000).unwrap();
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        let spin = instance
            .get_typed_func::<i32, i32>(&mut store, "spin")
            .unwrap();
        let mut used = Vec::new();
        for n in [10, 20, 30] {
            let before = store.get_fuel().unwrap();
            assert_eq!(spin.call(&mut store, n).unwrap(), n, "{strategy:?}");
            used.push(before - store.get_fuel().unwrap());
        }
        assert_eq!(used[1] - used[0], 10 * 12, "{strategy:?}: {used:?}");
        assert_eq!(used[2] - used[1], 10 * 12, "{strategy:?}: {used:?}");
    }
}
