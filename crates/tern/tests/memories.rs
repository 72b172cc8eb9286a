//! Multiple memories and 64-bit memories through the embedding API: every
//! memory instruction reaches the memory its index names, the host sees each
//! memory, and 64-bit addresses are bounds-checked without wrapping.

use tern::{Engine, Instance, Linker, Memory, MemoryType, Module, Store, Trap};

type TestResult = tern::Result<()>;

fn instantiate(wat: &str) -> (Store<()>, Instance) {
    let engine = Engine::default();
    let module = Module::new(&engine, wat).expect("test module compiles");
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).expect("test module instantiates");
    (store, instance)
}

#[test]
fn each_memory_instruction_uses_its_memory() -> TestResult {
    let (mut store, instance) = instantiate(
        r#"(module
          (memory $a (export "a") 1)
          (memory $b (export "b") 1 3)
          (data (memory $b) (i32.const 8) "\01\02\03\04")
          (func (export "load_b") (param i32) (result i32) (i32.load $b (local.get 0)))
          (func (export "store_b") (param i32 i32) (i32.store16 $b offset=2 (local.get 0) (local.get 1)))
          (func (export "copy_b_to_a") (param i32 i32 i32)
            (memory.copy $a $b (local.get 0) (local.get 1) (local.get 2)))
          (func (export "fill_b") (param i32 i32 i32)
            (memory.fill $b (local.get 0) (local.get 1) (local.get 2)))
          (func (export "grow_b") (param i32) (result i32) (memory.grow $b (local.get 0)))
          (func (export "sizes") (result i32 i32) (memory.size $a) (memory.size $b))
          (func (export "wrapped") (result i32)
            ;; the address is an i32 computed from a wider value: only its
            ;; low 32 bits count
            (i32.load8_u $b (i32.wrap_i64 (i64.const 0x1_0000_0009)))))"#,
    );
    let a = instance.get_memory(&store, "a").unwrap();
    let b = instance.get_memory(&store, "b").unwrap();
    assert_eq!(&b.data(&store)[8..12], &[1, 2, 3, 4]);
    assert!(a.data(&store)[..16].iter().all(|&x| x == 0));

    let load_b = instance.get_typed_func::<i32, i32>(&mut store, "load_b")?;
    assert_eq!(load_b.call(&mut store, 8)?, 0x0403_0201);
    assert_eq!(
        load_b.call(&mut store, 65533).unwrap_err().trap(),
        Some(Trap::MemoryOutOfBounds)
    );
    let wrapped = instance.get_typed_func::<(), i32>(&mut store, "wrapped")?;
    assert_eq!(wrapped.call(&mut store, ())?, 2);

    let store_b = instance.get_typed_func::<(i32, i32), ()>(&mut store, "store_b")?;
    store_b.call(&mut store, (100, 0xbeef))?;
    assert_eq!(&b.data(&store)[102..104], &[0xef, 0xbe]);
    assert_eq!(a.data(&store)[102], 0);

    let copy = instance.get_typed_func::<(i32, i32, i32), ()>(&mut store, "copy_b_to_a")?;
    copy.call(&mut store, (0, 8, 4))?;
    assert_eq!(&a.data(&store)[..4], &[1, 2, 3, 4]);
    assert_eq!(
        copy.call(&mut store, (0, 65535, 2)).unwrap_err().trap(),
        Some(Trap::MemoryOutOfBounds)
    );

    let fill = instance.get_typed_func::<(i32, i32, i32), ()>(&mut store, "fill_b")?;
    fill.call(&mut store, (200, 0x5a, 3))?;
    assert_eq!(&b.data(&store)[199..204], &[0, 0x5a, 0x5a, 0x5a, 0]);

    let grow = instance.get_typed_func::<i32, i32>(&mut store, "grow_b")?;
    let sizes = instance.get_typed_func::<(), (i32, i32)>(&mut store, "sizes")?;
    assert_eq!(grow.call(&mut store, 2)?, 1);
    assert_eq!(grow.call(&mut store, 1)?, -1, "the maximum of b is 3 pages");
    assert_eq!(sizes.call(&mut store, ())?, (1, 3));
    assert_eq!(b.size(&store), 3);
    assert_eq!(load_b.call(&mut store, 65533)?, 0);
    Ok(())
}

#[test]
fn memory64_addresses_are_checked_without_wrapping() -> TestResult {
    let (mut store, instance) = instantiate(
        r#"(module
          (memory (export "m") i64 1)
          (data (i64.const 65532) "\aa\bb\cc\dd")
          (func (export "load") (param i64) (result i32) (i32.load (local.get 0)))
          (func (export "load_far") (param i64) (result i32)
            (i32.load offset=0xffff_ffff_ffff_fff0 (local.get 0)))
          (func (export "size") (result i64) (memory.size))
          (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0))))"#,
    );
    let load = instance.get_typed_func::<i64, i32>(&mut store, "load")?;
    assert_eq!(load.call(&mut store, 65532)? as u32, 0xddcc_bbaa);
    for address in [65533, 1 << 32, i64::MAX, -1, -4] {
        assert_eq!(
            load.call(&mut store, address).unwrap_err().trap(),
            Some(Trap::MemoryOutOfBounds),
            "address {address:#x}"
        );
    }
    // address + offset overflows 64 bits: out of bounds, not a wrap to 0.
    let far = instance.get_typed_func::<i64, i32>(&mut store, "load_far")?;
    for address in [0x10, 0x20, 0x11] {
        assert_eq!(
            far.call(&mut store, address).unwrap_err().trap(),
            Some(Trap::MemoryOutOfBounds),
            "address {address:#x}"
        );
    }

    let size = instance.get_typed_func::<(), i64>(&mut store, "size")?;
    let grow = instance.get_typed_func::<i64, i64>(&mut store, "grow")?;
    assert_eq!(grow.call(&mut store, 1)?, 1);
    assert_eq!(size.call(&mut store, ())?, 2);
    // Growing past 2^48 pages (or the host's memory) fails with -1 as an i64.
    assert_eq!(grow.call(&mut store, 1 << 48)?, -1);
    assert_eq!(grow.call(&mut store, -1)?, -1);
    assert_eq!(load.call(&mut store, 65532)? as u32, 0xddcc_bbaa);
    Ok(())
}

#[test]
fn host_created_memory64_can_be_imported() -> TestResult {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let memory = Memory::new(&mut store, MemoryType::new64(1, Some(4)))?;
    assert!(memory.ty(&store).is_64());
    memory.write(&mut store, 10, &[7, 8]).unwrap();
    let module = Module::new(
        &engine,
        r#"(module
          (import "host" "mem" (memory i64 1))
          (func (export "get") (param i64) (result i32) (i32.load16_u (local.get 0))))"#,
    )?;
    let mut linker = Linker::new(&engine);
    linker.define(&store, "host", "mem", memory)?;
    let instance = linker.instantiate(&mut store, &module)?;
    let get = instance.get_typed_func::<i64, i32>(&mut store, "get")?;
    assert_eq!(get.call(&mut store, 10)?, 0x0807);

    // A 32-bit memory does not satisfy a 64-bit import.
    let narrow = Memory::new(&mut store, MemoryType::new(1, None))?;
    let mut linker = Linker::new(&engine);
    linker.define(&store, "host", "mem", narrow)?;
    assert!(linker.instantiate(&mut store, &module).is_err());
    Ok(())
}

/// 64-bit tables (memory64's `table i64`): every index is a full `i64`, so
/// an index past 2^32 is out of bounds, never its low half (a fuzzing
/// finding: `call_indirect` at 2^55 once called entry 0).
#[test]
fn table64_indices_are_never_truncated() {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module
            (type $v (func (result i32)))
            (table $t i64 4 10 funcref)
            (elem (table $t) (i64.const 1) func $seven)
            (func $seven (result i32) (i32.const 7))
            (func (export "call") (param i64) (result i32)
                (call_indirect $t (type $v) (local.get 0)))
            (func (export "is_null") (param i64) (result i32)
                (ref.is_null (table.get $t (local.get 0))))
            (func (export "set") (param i64)
                (table.set $t (local.get 0) (ref.null func)))
            (func (export "size") (result i64) (table.size $t))
            (func (export "grow") (param i64) (result i64)
                (table.grow $t (ref.null func) (local.get 0)))
            (func (export "fill") (param i64 i64)
                (table.fill $t (local.get 0) (ref.null func) (local.get 1)))
            (func (export "copy") (param i64 i64 i64)
                (table.copy $t $t (local.get 0) (local.get 1) (local.get 2))))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let inst = Instance::new(&mut store, &module, &[]).unwrap();
    let call = inst.get_typed_func::<i64, i32>(&mut store, "call").unwrap();
    let is_null = inst
        .get_typed_func::<i64, i32>(&mut store, "is_null")
        .unwrap();
    let set = inst.get_typed_func::<i64, ()>(&mut store, "set").unwrap();
    let size = inst.get_typed_func::<(), i64>(&mut store, "size").unwrap();
    let grow = inst.get_typed_func::<i64, i64>(&mut store, "grow").unwrap();
    let fill = inst
        .get_typed_func::<(i64, i64), ()>(&mut store, "fill")
        .unwrap();
    let copy = inst
        .get_typed_func::<(i64, i64, i64), ()>(&mut store, "copy")
        .unwrap();
    let oob = |r: tern::Result<()>| r.unwrap_err().trap();
    assert_eq!(call.call(&mut store, 1).unwrap(), 7);
    for index in [1 << 32 | 1, 1 << 55, -1] {
        let err = call.call(&mut store, index).unwrap_err();
        assert_eq!(err.trap(), Some(Trap::TableOutOfBounds), "{index}");
        let err = is_null.call(&mut store, index).unwrap_err();
        assert_eq!(err.trap(), Some(Trap::TableOutOfBounds), "{index}");
        assert_eq!(
            oob(set.call(&mut store, index)),
            Some(Trap::TableOutOfBounds)
        );
    }
    assert_eq!(size.call(&mut store, ()).unwrap(), 4);
    assert_eq!(grow.call(&mut store, 1 << 32).unwrap(), -1);
    assert_eq!(grow.call(&mut store, 2).unwrap(), 4);
    assert_eq!(size.call(&mut store, ()).unwrap(), 6);
    assert_eq!(
        oob(fill.call(&mut store, (0, 1 << 32 | 1))),
        Some(Trap::TableOutOfBounds)
    );
    assert_eq!(
        oob(copy.call(&mut store, (0, 1, 1 << 32 | 1))),
        Some(Trap::TableOutOfBounds)
    );
    // Within bounds: copy entry 1 to 5, then fill 1..2 with null.
    copy.call(&mut store, (5, 1, 1)).unwrap();
    fill.call(&mut store, (1, 1)).unwrap();
    assert_eq!(call.call(&mut store, 5).unwrap(), 7);
    assert_eq!(is_null.call(&mut store, 1).unwrap(), 1);
}
