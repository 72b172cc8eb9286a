//! The GC proposal as far as Tern carries it, through the embedding API,
//! on every strategy: struct and array types in recursion groups (their
//! identity and what the API shows of them), `anyref` / `eqref` /
//! `i31ref` values, `ref.i31`, `i31.get_s/u`, `ref.eq`, and `ref.test`,
//! `ref.cast`, `br_on_cast` and `br_on_cast_fail` over function subtypes,
//! `i31` and null. Struct and array operators are refused as unsupported.

use tern::{
    AnyRef, Config, Engine, ErrorKind, FieldType, HeapType, I31, Instance, Module, Mutability,
    RefType, StorageType, Store, Strategy, Trap, Val, ValType,
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

#[test]
fn struct_operators_are_unsupported_but_an_invalid_module_is_invalid() {
    let engine = engine(Strategy::Interpreter);
    let module = Module::new(
        &engine,
        r#"(module (type $s (struct (field i32)))
             (func (export "f") (result i32) (struct.get $s 0 (struct.new $s (i32.const 1)))))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    let f = instance.get_func(&mut store, "f").unwrap();
    let err = f.call(&mut store, &[], &mut [Val::I32(0)]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported, "{err}");
    let err = Module::new(&engine, "(module (type (struct)) (func i32.add))").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid, "{err}");
    // Without `gc`, an i31ref is rejected by validation, naming the feature.
    let err = Module::new(&Engine::default(), "(module (func (param i31ref)))").unwrap_err();
    assert!(err.to_string().contains("gc"), "{err}");
}
