//! The GC proposal as far as Tern carries it, through the embedding API,
//! on every strategy: struct and array types in recursion groups (their
//! identity and what the API shows of them), `anyref` / `eqref` /
//! `i31ref` values, `ref.i31`, `i31.get_s/u`, `ref.eq`, and `ref.test`,
//! `ref.cast`, `br_on_cast` and `br_on_cast_fail` over function subtypes,
//! `i31` and null. Struct and array operators are refused as unsupported.

use tern::{
    AnyRef, Config, Engine, ErrorKind, ExternRef, FieldType, HeapType, I31, Instance, Module,
    Mutability, RefType, StorageType, Store, Strategy, Trap, Val, ValType,
};

const STRATEGIES: [Strategy; 3] = [Strategy::Interpreter, Strategy::Jit, Strategy::Tiered];

fn engine(strategy: Strategy) -> Engine {
    let mut config = Config::new();
    config
        .strategy(strategy)
        .wasm_gc(true)
        .cranelift_debug_verifier(true)
        .tier_up_threshold(2);
    Engine::new(&config).unwrap()
}

const I31: &str = r#"
(module
  (global $g (mut i31ref) (ref.i31 (i32.const -5)))
  (func (export "make") (param i32) (result i31ref) (ref.i31 (local.get 0)))
  (func (export "get_s") (param i31ref) (result i32) (i31.get_s (local.get 0)))
  (func (export "get_u") (param i31ref) (result i32) (i31.get_u (local.get 0)))
  (func (export "global") (result anyref) (global.get $g))
  (func (export "eq") (param eqref eqref) (result i32) (ref.eq (local.get 0) (local.get 1)))
  (func (export "null") (result eqref) (ref.null none))
)
"#;

fn call(store: &mut Store<()>, instance: &Instance, name: &str, args: &[Val]) -> Val {
    let f = instance.get_func(&mut *store, name).unwrap();
    let mut out = [Val::I32(0)];
    f.call(&mut *store, args, &mut out)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    out[0]
}

#[test]
fn i31_references_cross_the_api_and_compare_by_value() {
    for strategy in STRATEGIES {
        let engine = engine(strategy);
        let module = Module::new(&engine, I31).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        // `ref.i31` keeps the low 31 bits; `get_s` sign-extends them.
        let made = call(&mut store, &instance, "make", &[Val::I32(-1)]);
        let Val::AnyRef(Some(r)) = made else {
            panic!("{strategy:?}: {made:?}")
        };
        assert_eq!(r.as_i31().map(|i| i.get_u32()), Some(0x7fff_ffff));
        assert_eq!(call(&mut store, &instance, "get_s", &[made]), Val::I32(-1));
        assert_eq!(
            call(&mut store, &instance, "get_u", &[made]),
            Val::I32(0x7fff_ffff)
        );
        // A host-made i31 is the same value.
        let host = Val::AnyRef(Some(AnyRef::from_i31(
            &mut store,
            I31::new_i32(-5).unwrap(),
        )));
        assert_eq!(call(&mut store, &instance, "global", &[]), host);
        let eq = |store: &mut Store<()>, a, b| call(store, &instance, "eq", &[a, b]);
        assert_eq!(eq(&mut store, host, host), Val::I32(1));
        assert_eq!(eq(&mut store, host, made), Val::I32(0));
        let null = call(&mut store, &instance, "null", &[]);
        assert_eq!(null, Val::AnyRef(None));
        assert_eq!(eq(&mut store, null, null), Val::I32(1));
        assert_eq!(eq(&mut store, null, host), Val::I32(0));
        // Null has no payload.
        let f = instance.get_func(&mut store, "get_s").unwrap();
        let err = f.call(&mut store, &[null], &mut [Val::I32(0)]).unwrap_err();
        assert_eq!(err.trap(), Some(Trap::NullReference), "{strategy:?}: {err}");
        // An i31 is an `eqref` and an `anyref`, not a `structref`.
        let is = |ty: HeapType| host.matches_ty(&store, &ValType::Ref(RefType::new(false, ty)));
        assert!(is(HeapType::I31) && is(HeapType::Eq) && is(HeapType::Any));
        assert!(!is(HeapType::Struct) && !is(HeapType::None));
        // A value of the wrong type is refused before the call.
        let err = f
            .call(&mut store, &[Val::I32(3)], &mut [Val::I32(0)])
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Usage, "{err}");
        // Functions that hold GC references stay in the interpreter.
        if strategy == Strategy::Jit && cfg!(all(target_arch = "x86_64", target_os = "linux")) {
            assert_eq!(module.interpreted_by_design(), 6, "{strategy:?}");
        }
    }
}

const CASTS: &str = r#"
(module
  (type $top (sub (func)))
  (type $mid (sub $top (func)))
  (type $leaf (sub final $mid (func)))
  (type $other (func))
  (func $top (type $top))
  (func $mid (type $mid))
  (func $leaf (type $leaf))
  (func $other (type $other))
  (table $t funcref (elem $top $mid $leaf $other))

  ;; Bit 0: a $top, bit 1: a $mid, bit 2: a $leaf, bit 3: a nullable
  ;; $mid, bit 4: a `nofunc` (never but null) -- for table entry i, or
  ;; null for i = 4.
  (func $get (param i32) (result funcref)
    (if (result funcref) (i32.lt_u (local.get 0) (i32.const 4))
      (then (table.get $t (local.get 0)))
      (else (ref.null func))))
  (func (export "test") (param i32) (result i32)
    (local funcref)
    (local.set 1 (call $get (local.get 0)))
    (i32.or (i32.or (i32.or (i32.or
      (ref.test (ref $top) (local.get 1))
      (i32.shl (ref.test (ref $mid) (local.get 1)) (i32.const 1)))
      (i32.shl (ref.test (ref $leaf) (local.get 1)) (i32.const 2)))
      (i32.shl (ref.test (ref null $mid) (local.get 1)) (i32.const 3)))
      (i32.shl (ref.test nullfuncref (local.get 1)) (i32.const 4))))
  ;; Casts entry i to a $mid and calls it.
  (func (export "cast") (param i32)
    (call_ref $mid (ref.cast (ref $mid) (call $get (local.get 0)))))
  ;; 1 if entry i is a $mid (br_on_cast), 2 if not (br_on_cast_fail).
  (func (export "branch") (param i32) (result i32)
    (drop (block $yes (result (ref $mid))
      (drop (block $no (result funcref)
        (br_on_cast_fail $no funcref (ref $mid)
          (br_on_cast $yes funcref (ref $mid) (call $get (local.get 0))))))
      (return (i32.const 2))))
    (i32.const 1))
  ;; An i31 is an eqref, not a struct; null is neither unless nullable.
  (func (export "any") (param i32) (result i32)
    (local anyref)
    (if (local.get 0) (then (local.set 1 (ref.i31 (i32.const 7)))))
    (i32.or (i32.or
      (ref.test (ref eq) (local.get 1))
      (i32.shl (ref.test (ref struct) (local.get 1)) (i32.const 1)))
      (i32.shl (ref.test (ref null i31) (local.get 1)) (i32.const 2))))
)
"#;

#[test]
fn casts_follow_declared_subtypes_and_trap_on_failure() {
    for strategy in STRATEGIES {
        let engine = engine(strategy);
        let module = Module::new(&engine, CASTS).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        let mut run = |name: &str, i: i32| {
            let f = instance.get_func(&mut store, name).unwrap();
            let mut out = vec![Val::I32(0); f.ty(&store).results().len()];
            f.call(&mut store, &[Val::I32(i)], &mut out)
                .map(|()| out.first().and_then(Val::i32))
        };
        // $top, $mid, $leaf, $other, null.
        let expected = [0b00001, 0b01011, 0b01111, 0, 0b11000];
        for (i, bits) in expected.into_iter().enumerate() {
            let got = run("test", i as i32).unwrap();
            assert_eq!(got, Some(bits), "{strategy:?}: entry {i}");
            let branch = run("branch", i as i32).unwrap();
            let is_mid = bits & 0b10 != 0;
            assert_eq!(
                branch,
                Some(if is_mid { 1 } else { 2 }),
                "{strategy:?}: {i}"
            );
            match run("cast", i as i32) {
                Ok(_) => assert!(is_mid, "{strategy:?}: entry {i} cast"),
                Err(e) => {
                    assert!(!is_mid, "{strategy:?}: {e}");
                    assert_eq!(e.trap(), Some(Trap::CastFailure), "{strategy:?}: {e}");
                    assert!(e.to_string().contains("cast failure"), "{e}");
                }
            }
        }
        assert_eq!(run("any", 1).unwrap(), Some(0b101), "{strategy:?}");
        assert_eq!(run("any", 0).unwrap(), Some(0b100), "{strategy:?}");
    }
}

#[test]
fn struct_and_array_types_are_registered_and_shown() {
    let engine = engine(Strategy::Interpreter);
    let wat = |name: &str| {
        format!(
            r#"(module
                 (rec (type $f (func (param (ref $s))))
                      (type $s (struct (field i8) (field (mut (ref null $f))))))
                 (type $a (array (mut i16)))
                 (func (export "{name}") (type $f))
                 (func (export "arr") (param (ref null $a))))"#
        )
    };
    let module = Module::new(&engine, wat("f")).unwrap();
    let ty = module.get_export("f").unwrap().func().unwrap().clone();
    let ValType::Ref(param) = ty.params()[0] else {
        panic!("{ty}")
    };
    let HeapType::ConcreteStruct(s) = param.heap_type() else {
        panic!("{ty}")
    };
    assert!(!param.is_nullable());
    let fields = s.struct_type().fields().to_vec();
    assert_eq!(
        fields[0],
        FieldType::new(Mutability::Const, StorageType::I8)
    );
    assert_eq!(fields[1].mutability(), Mutability::Var);
    // The field refers back to the function type of the same group.
    let StorageType::ValType(ValType::Ref(back)) = fields[1].element_type() else {
        panic!("{fields:?}")
    };
    let HeapType::ConcreteFunc(f) = back.heap_type() else {
        panic!("{back}")
    };
    assert_eq!(f.func_type(), ty);
    assert!(param.heap_type().matches(&HeapType::Struct));
    assert!(param.heap_type().matches(&HeapType::Eq));
    assert!(!param.heap_type().matches(&HeapType::Array));
    assert!(HeapType::None.matches(&param.heap_type()));
    let arr = module.get_export("arr").unwrap().func().unwrap().clone();
    let ValType::Ref(a) = arr.params()[0] else {
        panic!("{arr}")
    };
    let HeapType::ConcreteArray(a_id) = a.heap_type() else {
        panic!("{arr}")
    };
    let field = *a_id.array_type().field_type();
    assert_eq!(field.element_type().unpacked(), ValType::I32);
    assert_eq!(a_id.array_type().to_string(), "(array (mut i16))");
    // The same group in another module is the same type.
    let again = Module::new(&engine, wat("g")).unwrap();
    let ty2 = again.get_export("g").unwrap().func().unwrap().clone();
    assert_eq!(ty2.params()[0], ty.params()[0]);
}

const OBJECTS: &str = r#"
(module
  (type $node (struct (field $v i32) (field $next (ref null $node))))
  (type $bytes (array (mut i8)))
  (type $vecs (array (mut v128)))
  (type $pair (struct (field (mut i16)) (field (mut v128))))
  (global $list (mut (ref null $node)) (ref.null $node))
  (global $seed (ref $bytes) (array.new_fixed $bytes 3 (i32.const 1) (i32.const 2) (i32.const 0x80)))
  (data $d "\01\02\03\04\05\06\07\08")

  ;; Prepends 1..n to the global list; returns the sum of the list.
  (func (export "build") (param $n i32) (result i32)
    (local $sum i32) (local $at (ref null $node))
    (loop $l
      (global.set $list (struct.new $node (local.get $n) (global.get $list)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.set $at (global.get $list))
    (block $done
      (loop $walk
        (local.set $at (br_on_null $done (local.get $at)))
        (local.set $sum (i32.add (local.get $sum) (struct.get $node $v (local.get $at))))
        (local.set $at (struct.get $node $next (local.get $at)))
        (br $walk)))
    (local.get $sum))
  ;; Makes n garbage nodes.
  (func (export "churn") (param $n i32)
    (loop $l
      (drop (struct.new $node (local.get $n) (ref.null $node)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
  ;; Packed arrays: fill, copy, get_s / get_u, len, new_data.
  (func (export "bytes") (result i32 i32 i32 i32)
    (local $a (ref $bytes))
    (local.set $a (array.new $bytes (i32.const 0xff) (i32.const 6)))
    (array.copy $bytes $bytes (local.get $a) (i32.const 1) (global.get $seed) (i32.const 0) (i32.const 3))
    (array.fill $bytes (local.get $a) (i32.const 4) (i32.const 7) (i32.const 2))
    (array.get_s $bytes (local.get $a) (i32.const 3))
    (array.get_u $bytes (local.get $a) (i32.const 0))
    (i32.add (array.len (local.get $a)) (array.get_u $bytes (local.get $a) (i32.const 5)))
    (array.get_u $bytes (array.new_data $bytes $d (i32.const 2) (i32.const 4)) (i32.const 3)))
  ;; A struct with a packed and a v128 field; an array of v128.
  (func (export "wide") (result i32 i64)
    (local $p (ref $pair)) (local $v (ref $vecs))
    (local.set $p (struct.new_default $pair))
    (struct.set $pair 0 (local.get $p) (i32.const 0x1ffff))
    (struct.set $pair 1 (local.get $p) (v128.const i64x2 5 6))
    (local.set $v (array.new $vecs (struct.get $pair 1 (local.get $p)) (i32.const 2)))
    (struct.get_s $pair 0 (local.get $p))
    (i64x2.extract_lane 1 (array.get $vecs (local.get $v) (i32.const 1))))
  (func (export "null_get") (result i32)
    (struct.get $node $v (ref.null $node)))
  (func (export "out_of_bounds") (param i32) (result i32)
    (array.get_u $bytes (global.get $seed) (local.get 0)))
  (func (export "huge") (param i32) (result i32)
    (array.len (array.new_default $vecs (local.get 0))))
)
"#;

fn call_all(
    store: &mut Store<()>,
    instance: &Instance,
    name: &str,
    args: &[Val],
) -> Result<Vec<Val>, tern::Error> {
    let f = instance.get_func(&mut *store, name).unwrap();
    let mut out = vec![Val::I32(0); f.ty(&*store).results().len()];
    f.call(&mut *store, args, &mut out)?;
    Ok(out)
}

#[test]
fn structs_and_arrays_work_on_every_strategy() {
    for strategy in STRATEGIES {
        let engine = engine(strategy);
        let module = Module::new(&engine, OBJECTS).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        let mut run = |name: &str, args: &[Val]| call_all(&mut store, &instance, name, args);
        assert_eq!(
            run("build", &[Val::I32(100)]).unwrap(),
            [Val::I32(5050)],
            "{strategy:?}"
        );
        // [0xff, 1, 2, 0x80, 7, 7]: get_s of 0x80, get_u of 0xff, 6 + 7,
        // and byte 2 + 3 of the data segment.
        assert_eq!(
            run("bytes", &[]).unwrap(),
            [Val::I32(-128), Val::I32(0xff), Val::I32(13), Val::I32(6)],
            "{strategy:?}"
        );
        // 0x1ffff stored as i16 is -1.
        assert_eq!(
            run("wide", &[]).unwrap(),
            [Val::I32(-1), Val::I64(6)],
            "{strategy:?}"
        );
        let trap = |r: Result<Vec<Val>, tern::Error>| r.unwrap_err().trap();
        assert_eq!(trap(run("null_get", &[])), Some(Trap::NullReference));
        assert_eq!(
            trap(run("out_of_bounds", &[Val::I32(3)])),
            Some(Trap::ArrayOutOfBounds)
        );
        assert_eq!(
            run("out_of_bounds", &[Val::I32(2)]).unwrap(),
            [Val::I32(0x80)]
        );
        // 2^32 - 1 vectors (64 GiB): past the heap's cap, not an abort.
        assert_eq!(
            trap(run("huge", &[Val::I32(-1)])),
            Some(Trap::AllocationTooLarge)
        );
        if strategy == Strategy::Jit && cfg!(all(target_arch = "x86_64", target_os = "linux")) {
            assert_eq!(module.interpreted_by_design(), 7, "{strategy:?}");
        }
    }
}

#[test]
fn garbage_is_collected_and_reachable_objects_survive() {
    let engine = engine(Strategy::Tiered);
    let module = Module::new(&engine, OBJECTS).unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    assert_eq!(
        call_all(&mut store, &instance, "build", &[Val::I32(1000)]).unwrap(),
        [Val::I32(500_500)]
    );
    // 24 bytes a node: 2 million nodes are 48 MB of garbage.
    for _ in 0..20 {
        call_all(&mut store, &instance, "churn", &[Val::I32(100_000)]).unwrap();
    }
    let alive = store.gc_objects_alive();
    assert!(
        alive < 200_000,
        "{alive} objects alive after making 2 million"
    );
    // The list the global holds is intact (and grows on).
    assert_eq!(
        call_all(&mut store, &instance, "build", &[Val::I32(1)]).unwrap(),
        [Val::I32(500_501)]
    );
}

#[test]
fn the_heap_cap_traps_instead_of_growing() {
    let mut config = Config::new();
    config.wasm_gc(true).max_gc_heap(1 << 20);
    let engine = Engine::new(&config).unwrap();
    let module = Module::new(&engine, OBJECTS).unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    // 16 bytes a vector: 60 000 fit in 1 MiB, 70 000 do not.
    let huge = |store: &mut Store<()>, n: i32| call_all(store, &instance, "huge", &[Val::I32(n)]);
    assert_eq!(huge(&mut store, 60_000).unwrap(), [Val::I32(60_000)]);
    let err = huge(&mut store, 70_000).unwrap_err();
    assert_eq!(err.trap(), Some(Trap::AllocationTooLarge), "{err}");
    assert!(
        err.to_string().contains("allocation size too large"),
        "{err}"
    );
    // Garbage does not count against the cap: it is collected first.
    for _ in 0..100 {
        huge(&mut store, 60_000).unwrap();
    }
}

const EXTERN: &str = r#"
(module
  (type $box (struct (field externref)))
  (func (export "internalize") (param externref) (result anyref) (any.convert_extern (local.get 0)))
  (func (export "externalize") (param anyref) (result externref) (extern.convert_any (local.get 0)))
  (func (export "boxed") (param externref) (result externref)
    (extern.convert_any (struct.new $box (local.get 0))))
  (func (export "unbox") (param externref) (result externref)
    (struct.get $box 0 (ref.cast (ref $box) (any.convert_extern (local.get 0)))))
  (func (export "passes") (param externref) (result externref) (local.get 0))
)
"#;

#[test]
fn references_convert_between_any_and_extern() {
    for strategy in STRATEGIES {
        let engine = engine(strategy);
        let module = Module::new(&engine, EXTERN).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        let host = ExternRef::new(&mut store, "host value");
        let one = |store: &mut Store<()>, name: &str, arg: Val| {
            call_all(store, &instance, name, &[arg]).unwrap()[0]
        };
        // A host reference goes in and comes back as itself.
        let any = one(&mut store, "internalize", Val::ExternRef(Some(host)));
        let Val::AnyRef(Some(a)) = any else {
            panic!("{any:?}")
        };
        assert!(!a.is_i31() && !a.is_struct(&store).unwrap());
        assert_eq!(a, AnyRef::convert_extern(&mut store, host));
        let back = one(&mut store, "externalize", any);
        assert_eq!(back, Val::ExternRef(Some(host)));
        let data = host.data(&store).unwrap();
        assert_eq!(data.downcast_ref::<&str>(), Some(&"host value"));
        // A struct made external holds its field through another call, and
        // is no host value.
        let boxed = one(&mut store, "boxed", Val::ExternRef(Some(host)));
        let Val::ExternRef(Some(b)) = boxed else {
            panic!("{boxed:?}")
        };
        assert!(b.data(&store).is_none());
        let internal = AnyRef::convert_extern(&mut store, b);
        let inner = ExternRef::convert_any(&store, internal);
        assert_eq!(inner, b);
        let passed = one(&mut store, "passes", boxed);
        assert_eq!(one(&mut store, "unbox", passed), Val::ExternRef(Some(host)));
        // With GC on, functions that hold an externref stay interpreted too.
        if strategy == Strategy::Jit && cfg!(all(target_arch = "x86_64", target_os = "linux")) {
            assert_eq!(module.interpreted_by_design(), 5, "{strategy:?}");
        }
    }
}

#[test]
fn a_stale_host_reference_is_refused_not_followed() {
    let engine = engine(Strategy::Interpreter);
    let module = Module::new(&engine, OBJECTS).unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    let make = Module::new(
        &engine,
        r#"(module (type $s (struct (field i32)))
             (func (export "make") (result anyref) (struct.new $s (i32.const 4)))
             (func (export "is_struct") (param anyref) (result i32)
               (ref.test (ref struct) (local.get 0))))"#,
    )
    .unwrap();
    let other = Instance::new(&mut store, &make, &[]).unwrap();
    let made = call_all(&mut store, &other, "make", &[]).unwrap()[0];
    let Val::AnyRef(Some(s)) = made else {
        panic!("{made:?}")
    };
    assert!(s.is_struct(&store).unwrap());
    // Nothing in WebAssembly holds it: the next collection frees it.
    for _ in 0..10 {
        call_all(&mut store, &instance, "churn", &[Val::I32(100_000)]).unwrap();
    }
    let err = s.is_struct(&store).unwrap_err();
    assert!(err.to_string().contains("stale"), "{err}");
    assert!(!made.matches_ty(&store, &ValType::Ref(RefType::new(true, HeapType::Any))));
    let err = call_all(&mut store, &other, "is_struct", &[made]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Usage, "{err}");
}

#[test]
fn an_invalid_module_is_invalid_and_gc_is_off_by_default() {
    let engine = engine(Strategy::Interpreter);
    let err = Module::new(&engine, "(module (type (struct)) (func i32.add))").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid, "{err}");
    // Without `gc`, an i31ref is rejected by validation, naming the feature.
    let err = Module::new(&Engine::default(), "(module (func (param i31ref)))").unwrap_err();
    assert!(err.to_string().contains("gc"), "{err}");
}

const ACROSS_ARENAS: &str = r#"
(module
  (type $s (struct (field i32)))
  (type $box (struct (field exnref)))
  (tag $t (param (ref $s)))
  (tag $n (param i32))
  (global $e (mut exnref) (ref.null exn))
  (global $b (mut (ref null $box)) (ref.null $box))
  ;; A struct reachable only through an exception an exnref global holds.
  (func (export "keep") (param i32)
    (global.set $e (block $h (result exnref)
      (try_table (catch_all_ref $h) (throw $t (struct.new $s (local.get 0))))
      (unreachable))))
  (func (export "read") (result i32)
    (block $h (result (ref $s))
      (try_table (catch $t $h) (throw_ref (global.get $e)))
      (unreachable))
    (struct.get $s 0))
  ;; An exception reachable only through a struct's field.
  (func (export "box") (param i32)
    (global.set $b (struct.new $box (block $h (result exnref)
      (try_table (catch_all_ref $h) (throw $n (local.get 0)))
      (unreachable)))))
  (func (export "unbox") (result i32)
    (block $h (result i32)
      (try_table (catch $n $h) (throw_ref (struct.get $box 0 (global.get $b))))
      (unreachable)))
  ;; Its zeroed locals also overwrite what earlier calls left in the
  ;; interpreter's stack, so that only the real roots keep objects alive.
  (func (export "churn") (param $k i32)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (loop $l
      (drop (struct.new $s (local.get $k)))
      (block $h (try_table (catch_all $h) (throw $n (local.get $k))))
      (br_if $l (local.tee $k (i32.sub (local.get $k) (i32.const 1))))))
)
"#;

#[test]
fn structs_and_exceptions_keep_each_other_alive() {
    for strategy in STRATEGIES {
        let engine = engine(strategy);
        let module = Module::new(&engine, ACROSS_ARENAS).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        let mut run =
            |name: &str, args: &[Val]| call_all(&mut store, &instance, name, args).unwrap();
        run("keep", &[Val::I32(42)]);
        run("box", &[Val::I32(7)]);
        // 300 000 garbage structs (2.4 MB) and exceptions: both arenas collect.
        run("churn", &[Val::I32(300_000)]);
        assert_eq!(run("read", &[]), [Val::I32(42)], "{strategy:?}");
        assert_eq!(run("unbox", &[]), [Val::I32(7)], "{strategy:?}");
    }
}

#[test]
fn typed_functions_take_and_return_any_references() {
    let engine = engine(Strategy::Tiered);
    let module = Module::new(
        &engine,
        r#"(module
             (type $s (struct (field i32)))
             (func (export "make") (param i32) (result (ref $s)) (struct.new $s (local.get 0)))
             (func (export "get") (param anyref) (result i32)
               (struct.get $s 0 (ref.cast (ref $s) (local.get 0)))))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    // `(ref $s)` results read as `anyref`; an `anyref` parameter takes any.
    let make = instance
        .get_typed_func::<i32, Option<AnyRef>>(&mut store, "make")
        .unwrap();
    let get = instance
        .get_typed_func::<Option<AnyRef>, i32>(&mut store, "get")
        .unwrap();
    let s = make.call(&mut store, 9).unwrap();
    assert!(s.unwrap().is_struct(&store).unwrap());
    assert_eq!(get.call(&mut store, s).unwrap(), 9);
    let i31 = AnyRef::from_i31(&mut store, I31::wrapping_u32(1));
    let err = get.call(&mut store, Some(i31)).unwrap_err();
    assert_eq!(err.trap(), Some(Trap::CastFailure), "{err}");
    // A reference from another store is refused before the call.
    let mut other = Store::new(&engine, ());
    let foreign = AnyRef::from_i31(&mut other, I31::wrapping_u32(1));
    let err = get.call(&mut store, Some(foreign)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Usage, "{err}");
}

#[test]
fn the_host_reads_and_writes_structs_and_arrays() {
    let engine = engine(Strategy::Interpreter);
    let module = Module::new(
        &engine,
        r#"(module
             (type $p (struct (field i8) (field (mut f64)) (field (mut anyref))))
             (type $a (array (mut i16)))
             (global (export "p") (ref $p)
               (struct.new $p (i32.const -1) (f64.const 1.5) (ref.i31 (i32.const 3))))
             (global (export "a") (ref $a) (array.new_fixed $a 3 (i32.const 1) (i32.const -2) (i32.const 3)))
             (func (export "second") (result f64)
               (struct.get $p 1 (ref.cast (ref $p) (global.get 0))))
             (func (export "sum") (result i32)
               (i32.add (array.get_s $a (global.get 1) (i32.const 0))
                        (array.get_s $a (global.get 1) (i32.const 1)))))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    let global = |store: &mut Store<()>, name: &str| {
        let Val::AnyRef(Some(r)) = instance
            .get_global(&mut *store, name)
            .unwrap()
            .get(&mut *store)
        else {
            panic!("{name}")
        };
        r
    };
    let p = global(&mut store, "p").as_struct(&store).unwrap().unwrap();
    assert!(global(&mut store, "p").as_array(&store).unwrap().is_none());
    assert_eq!(p.ty(&store).unwrap().struct_type().fields().len(), 3);
    // A packed field reads zero-extended.
    assert_eq!(p.field(&store, 0).unwrap(), Val::I32(0xff));
    assert_eq!(p.field(&store, 1).unwrap(), Val::from(1.5f64));
    let Val::AnyRef(Some(i)) = p.field(&store, 2).unwrap() else {
        panic!()
    };
    assert_eq!(i.as_i31().map(|i| i.get_i32()), Some(3));
    p.set_field(&mut store, 1, Val::from(2.25f64)).unwrap();
    assert_eq!(
        call_all(&mut store, &instance, "second", &[]).unwrap(),
        [Val::from(2.25f64)]
    );
    // Immutable fields, wrong types, missing fields are refused.
    let refused = |r: tern::Result<()>| r.unwrap_err().kind() == ErrorKind::Usage;
    assert!(refused(p.set_field(&mut store, 0, Val::I32(1))));
    assert!(refused(p.set_field(&mut store, 1, Val::I32(1))));
    assert!(refused(p.set_field(&mut store, 3, Val::I32(1))));
    assert!(p.field(&store, 3).is_err());
    let a = global(&mut store, "a").as_array(&store).unwrap().unwrap();
    assert_eq!(a.len(&store).unwrap(), 3);
    assert_eq!(a.get(&store, 1).unwrap(), Val::I32(0xfffe));
    a.set(&mut store, 0, Val::I32(0x1_0005)).unwrap();
    assert_eq!(a.get(&store, 0).unwrap(), Val::I32(5));
    assert_eq!(
        call_all(&mut store, &instance, "sum", &[]).unwrap(),
        [Val::I32(3)]
    );
    assert!(a.get(&store, 3).is_err());
    assert!(refused(a.set(&mut store, 3, Val::I32(0))));
    assert_eq!(a.to_anyref(), global(&mut store, "a"));
}
