//! The runtime functions compiled code calls (see [`LibCall`](super::LibCall)).
//!
//! Each receives the calling instance's `VmContext` and finds the store and
//! host data the entry into compiled code recorded in `VmStore::runtime`.
//! A function that fails records its error in the store (`jit_pending`) and
//! returns a non-zero status (or -2 for the growth functions); compiled code
//! then traps with `TrapKind::Pending`, and the entry reports that error.
//! A panic (from a host function) must not unwind into compiled code: it is
//! caught here, kept, and resumed once the entry has left compiled code.

use crate::engine::TypeId;
use crate::runtime::instance::{Instance, InstanceEntity};
use crate::runtime::store::StoreOpaque;
use crate::runtime::vmctx::{VmContext, VmFunc};
use crate::values::raw_len;
use crate::{Error, Trap};
use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Runs `f` with the store, host data and calling instance of `vmctx`;
/// a failure becomes the pending error and `failed`.
///
/// # Safety
///
/// `vmctx` must be the context of a live instance whose store is running
/// compiled code (so `VmStore::runtime` is set and nothing else uses the
/// store meanwhile).
unsafe fn with_store(
    vmctx: *mut VmContext,
    failed: u64,
    f: impl FnOnce(&mut StoreOpaque, &mut dyn Any, &InstanceEntity) -> Result<u64, Error>,
) -> u64 {
    // SAFETY: guaranteed by the caller: the context, its store context and
    // the recorded store and data are live, and used by nobody else while
    // compiled code waits for this call.
    let (store, data, inst) = unsafe {
        let vm = &*(*vmctx).store;
        let Some((store, data)) = vm.runtime else {
            return failed;
        };
        (&mut *store, &mut *data, &*(*vmctx).instance)
    };
    let store_ptr: *mut StoreOpaque = store;
    match catch_unwind(AssertUnwindSafe(|| f(store, data, inst))) {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => {
            // SAFETY: `store` is no longer borrowed by `f`.
            unsafe { (*store_ptr).jit_pending = Some(e) };
            failed
        }
        Err(panic) => {
            // SAFETY: as above.
            unsafe { (*store_ptr).jit_panic = Some(panic) };
            failed
        }
    }
}

fn trap(t: Result<(), Trap>) -> Result<u64, Error> {
    t.map(|()| 0).map_err(Error::from)
}

/// `(vmctx, vmfunc, values) -> status`: calls a function through the
/// runtime (the interpreter or a host function) with its arguments in
/// `values`, where its results go.
///
/// # Safety
///
/// Called by compiled code only, with the context of the calling instance
/// (see `with_store`) and arguments its translator checked.
pub(crate) unsafe extern "C" fn call(
    vmctx: *mut VmContext,
    vf: *const VmFunc,
    values: *mut u64,
) -> u64 {
    // SAFETY: compiled code passes its own context, a `VmFunc` of its
    // instance or store, and a buffer of max(params, results) slots.
    unsafe {
        let func = (*vf).index;
        with_store(vmctx, 1, |store, data, inst| {
            // Compiled since its `VmFunc` was made: the next indirect call
            // goes to the code directly.
            let vm = &mut store.vm_funcs[func as usize];
            if vm.entry.is_null() {
                vm.entry = vm.code();
            }
            let ty = store.func_type(func);
            let len = raw_len(ty.params()).max(raw_len(ty.results())).max(1);
            let io = std::slice::from_raw_parts_mut(values, len);
            let caller = Instance {
                store: store.id(),
                index: inst.index,
            };
            crate::interp::invoke_from(store, data, Some(caller), func, io).map(|()| 0)
        })
    }
}

/// `(vmctx, mem, delta) -> old pages, -1, or -2 with an error pending`.
///
/// # Safety
///
/// Called by compiled code only, with the context of the calling instance
/// (see `with_store`) and arguments its translator checked.
pub(crate) unsafe extern "C" fn memory_grow(vmctx: *mut VmContext, mem: u64, delta: u64) -> u64 {
    // SAFETY: see `with_store`; `mem` was validated.
    unsafe {
        with_store(vmctx, u64::MAX - 1, |store, data, inst| {
            let index = inst.memories[mem as usize];
            Ok(store.grow_memory(data, index, delta)?.unwrap_or(u64::MAX))
        })
    }
}

/// `(vmctx, mem, dst, value, len) -> status`.
///
/// # Safety
///
/// Called by compiled code only, with the context of the calling instance
/// (see `with_store`) and arguments its translator checked.
pub(crate) unsafe extern "C" fn memory_fill(
    vmctx: *mut VmContext,
    mem: u64,
    dst: u64,
    value: u64,
    len: u64,
) -> u64 {
    // SAFETY: see `with_store`.
    unsafe {
        with_store(vmctx, 1, |store, _, inst| {
            trap(store.memory_fill(inst.memories[mem as usize], dst, value as u8, len))
        })
    }
}

/// `(vmctx, dst_mem | src_mem << 32, dst, src, len) -> status`.
///
/// # Safety
///
/// Called by compiled code only, with the context of the calling instance
/// (see `with_store`) and arguments its translator checked.
pub(crate) unsafe extern "C" fn memory_copy(
    vmctx: *mut VmContext,
    mems: u64,
    dst: u64,
    src: u64,
    len: u64,
) -> u64 {
    // SAFETY: see `with_store`.
    unsafe {
        with_store(vmctx, 1, |store, _, inst| {
            let d = inst.memories[mems as u32 as usize];
            let s = inst.memories[(mems >> 32) as usize];
            trap(store.memory_copy(d, s, dst, src, len))
        })
    }
}

/// `(vmctx, mem | seg << 32, dst, src, len) -> status`.
///
/// # Safety
///
/// Called by compiled code only, with the context of the calling instance
/// (see `with_store`) and arguments its translator checked.
pub(crate) unsafe extern "C" fn memory_init(
    vmctx: *mut VmContext,
    arg: u64,
    dst: u64,
    src: u64,
    len: u64,
) -> u64 {
    // SAFETY: see `with_store`.
    unsafe {
        with_store(vmctx, 1, |store, _, inst| {
            let m = inst.memories[arg as u32 as usize];
            trap(store.memory_init(inst, m, (arg >> 32) as u32, dst, src, len))
        })
    }
}

/// `(vmctx, seg)`.
///
/// # Safety
///
/// Called by compiled code only, with the context of the calling instance
/// (see `with_store`) and arguments its translator checked.
pub(crate) unsafe extern "C" fn data_drop(vmctx: *mut VmContext, seg: u64) -> u64 {
    // SAFETY: see `with_store`.
    unsafe {
        with_store(vmctx, 1, |_, _, inst| {
            inst.data_dropped[seg as usize].set(true);
            Ok(0)
        })
    }
}

/// `(vmctx, table, init, delta) -> old size, -1, or -2 with an error
/// pending`.
///
/// # Safety
///
/// Called by compiled code only, with the context of the calling instance
/// (see `with_store`) and arguments its translator checked.
pub(crate) unsafe extern "C" fn table_grow(
    vmctx: *mut VmContext,
    table: u64,
    init: u64,
    delta: u64,
) -> u64 {
    // SAFETY: see `with_store`.
    unsafe {
        with_store(vmctx, u64::MAX - 1, |store, data, inst| {
            let index = inst.tables[table as usize];
            Ok(store
                .grow_table(data, index, delta, init)?
                .unwrap_or(u64::MAX))
        })
    }
}

/// `(vmctx, table, dst, value, len) -> status`.
///
/// # Safety
///
/// Called by compiled code only, with the context of the calling instance
/// (see `with_store`) and arguments its translator checked.
pub(crate) unsafe extern "C" fn table_fill(
    vmctx: *mut VmContext,
    table: u64,
    dst: u64,
    value: u64,
    len: u64,
) -> u64 {
    // SAFETY: see `with_store`.
    unsafe {
        with_store(vmctx, 1, |store, _, inst| {
            trap(store.table_fill(inst.tables[table as usize], dst, value, len))
        })
    }
}

/// `(vmctx, dst_table | src_table << 32, dst, src, len) -> status`.
///
/// # Safety
///
/// Called by compiled code only, with the context of the calling instance
/// (see `with_store`) and arguments its translator checked.
pub(crate) unsafe extern "C" fn table_copy(
    vmctx: *mut VmContext,
    tables: u64,
    dst: u64,
    src: u64,
    len: u64,
) -> u64 {
    // SAFETY: see `with_store`.
    unsafe {
        with_store(vmctx, 1, |store, _, inst| {
            let d = inst.tables[tables as u32 as usize];
            let s = inst.tables[(tables >> 32) as usize];
            trap(store.table_copy(d, s, dst, src, len))
        })
    }
}

/// `(vmctx, table | seg << 32, dst, src, len) -> status`.
///
/// # Safety
///
/// Called by compiled code only, with the context of the calling instance
/// (see `with_store`) and arguments its translator checked.
pub(crate) unsafe extern "C" fn table_init(
    vmctx: *mut VmContext,
    arg: u64,
    dst: u64,
    src: u64,
    len: u64,
) -> u64 {
    // SAFETY: see `with_store`.
    unsafe {
        with_store(vmctx, 1, |store, _, inst| {
            let t = inst.tables[arg as u32 as usize];
            trap(store.table_init(inst, t, (arg >> 32) as u32, dst, src, len))
        })
    }
}

/// `(vmctx, seg)`.
///
/// # Safety
///
/// Called by compiled code only, with the context of the calling instance
/// (see `with_store`) and arguments its translator checked.
pub(crate) unsafe extern "C" fn elem_drop(vmctx: *mut VmContext, seg: u64) -> u64 {
    // SAFETY: see `with_store`.
    unsafe {
        with_store(vmctx, 1, |_, _, inst| {
            inst.elems.borrow_mut()[seg as usize] = Box::new([]);
            Ok(0)
        })
    }
}

/// `(vmctx, actual, expected) -> 1 or 0`: whether registered function type
/// `actual` is a declared subtype of `expected`. Reads only the type
/// registry (ids come from the store's functions and the instance).
pub(crate) extern "C" fn is_subtype(_vmctx: *mut VmContext, actual: u64, expected: u64) -> u64 {
    let (actual, expected) = (TypeId(actual as u32), TypeId(expected as u32));
    u64::from(actual.is_subtype_of(expected))
}

/// `(vmctx, vmfunc) -> code or 0`: the machine code of the function behind
/// `vmfunc`, compiled now if it has none yet; 0 if it cannot have any (a
/// host function, an instance that runs interpreted, or a function the JIT
/// does not translate).
///
/// # Safety
///
/// Called by compiled code only, with the context of the calling instance
/// (see `with_store`) and arguments its translator checked.
pub(crate) unsafe extern "C" fn compile_now(vmctx: *mut VmContext, vf: *const VmFunc) -> u64 {
    // SAFETY: see `with_store`; `vf` is a `VmFunc` of the store.
    unsafe {
        let vf = *vf;
        if std::ptr::eq(vf.code, &crate::runtime::vmctx::NO_CODE) {
            return 0;
        }
        with_store(vmctx, 0, |store, _, _| {
            let crate::runtime::func::FuncKind::Wasm {
                instance, defined, ..
            } = store.funcs[vf.index as usize].kind
            else {
                return Ok(0);
            };
            if vf.code().is_null() {
                let module = store.instances[instance as usize].module.inner.clone();
                super::backend::compile_function(&module, defined);
            }
            Ok(vf.code() as u64)
        })
    }
}
