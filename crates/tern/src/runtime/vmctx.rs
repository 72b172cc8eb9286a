//! The runtime structures compiled code reads, at fixed offsets.
//!
//! Both tiers share the store, instances, memories, tables and globals. The
//! interpreter reaches them through Rust references; JIT code (tier 1)
//! through these `#[repr(C)]` views, whose addresses stay fixed for as long
//! as their owner lives (each is boxed), and whose field offsets the JIT's
//! translator takes from the `OFFSET_*` constants below (checked against
//! `std::mem::offset_of!` at compile time).
//!
//! - [`VmStore`]: one per store: fuel, the epoch deadline, the native stack
//!   limit of compiled code, and the store-wide function array that
//!   `call_indirect` indexes with a table element.
//! - [`VmContext`]: one per instance, the `vmctx` argument of every compiled
//!   function: pointers to its memories, globals, functions, tables and the
//!   module's code.
//! - [`VmMemory`]: base and size of a linear memory, kept current on growth.
//! - [`VmTable`]: base and length of a table's elements.
//! - [`VmFunc`]: how to call a function: its code cell (null while it only
//!   has interpreter code), its instance context and its type.

use super::instance::InstanceEntity;
use super::store::StoreOpaque;
use std::any::Any;
use std::mem::offset_of;
use std::sync::atomic::{AtomicPtr, AtomicU64};

/// Base and size of a linear memory.
#[repr(C)]
#[derive(Debug)]
pub(crate) struct VmMemory {
    /// The first byte; valid for `len` bytes.
    pub base: *mut u8,
    /// The size in bytes.
    pub len: usize,
}

/// Base and length of a table's elements (raw references, 0 is null).
#[repr(C)]
#[derive(Debug)]
pub(crate) struct VmTable {
    /// The first element.
    pub base: *mut u64,
    /// The number of elements.
    pub len: u64,
}

/// A code cell that never holds code: the cell of host functions, and of
/// functions of instances that run only in the interpreter.
pub(crate) static NO_CODE: AtomicPtr<u8> = AtomicPtr::new(std::ptr::null_mut());

/// How compiled code calls a function.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub(crate) struct VmFunc {
    /// The function's code cell: native code (the JIT's calling convention)
    /// once compiled, null before (and always for host functions); then
    /// calls go through the runtime.
    pub code: *const AtomicPtr<u8>,
    /// The context of the function's instance (null for host functions).
    pub vmctx: *mut VmContext,
    /// The compiled code, when this copy knows it: read from `code` when
    /// the instance is created and, in the store's array, filled in by the
    /// runtime on a call through it once the function is compiled (code
    /// cells are only ever filled, with code that lives as long as the
    /// module); null otherwise. `call_indirect` calls it after one load
    /// instead of two, and goes through the runtime while it is null.
    pub entry: *const u8,
    /// The registered (process-wide) id of the function's type.
    pub type_id: u32,
    /// The function's index in its store.
    pub index: u32,
}

impl VmFunc {
    /// A function with no compiled code.
    pub(crate) fn uncompiled(type_id: u32, index: u32) -> VmFunc {
        VmFunc {
            code: &NO_CODE,
            vmctx: std::ptr::null_mut(),
            entry: std::ptr::null(),
            type_id,
            index,
        }
    }

    /// The compiled code, if there is some.
    #[inline]
    pub(crate) fn code(&self) -> *mut u8 {
        // SAFETY: `code` always points to a live cell: the static `NO_CODE`,
        // or a cell of a module kept alive by the instance that owns the
        // function (and so by the store).
        unsafe { (*self.code).load(std::sync::atomic::Ordering::Acquire) }
    }
}

/// The store as the runtime and compiled code see it.
#[repr(C)]
pub(crate) struct VmStore {
    /// Fuel left (with `Config::consume_fuel`).
    pub fuel: u64,
    /// The engine's epoch counter.
    pub epoch: *const AtomicU64,
    /// The epoch at which running code traps (with epoch interruption).
    pub epoch_deadline: u64,
    /// Compiled code traps with "call stack exhausted" if its stack pointer
    /// would go below this address.
    pub stack_limit: usize,
    /// The store-wide function array (`StoreOpaque::vm_funcs`), indexed by
    /// store function index; moves when functions are added.
    pub funcs: *const VmFunc,
    /// The store and host data while compiled code runs, for the runtime
    /// functions it calls (null outside).
    pub runtime: Option<(*mut StoreOpaque, *mut dyn Any)>,
}

impl std::fmt::Debug for VmStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VmStore")
            .field("fuel", &self.fuel)
            .field("epoch_deadline", &self.epoch_deadline)
            .finish()
    }
}

/// An instance as compiled code sees it.
#[repr(C)]
#[derive(Debug)]
pub(crate) struct VmContext {
    /// The store's context.
    pub store: *mut VmStore,
    /// Each memory of the instance, by memory index.
    pub memories: *const *mut VmMemory,
    /// The base of memory 0 when it is a 32-bit memory (static: it never
    /// moves), else null: compiled code reaches the first memory, the only
    /// one of most modules, in one load instead of three.
    pub memory0: *mut u8,
    /// The value cells of each global, by global index (two slots each).
    pub globals: *const *mut u64,
    /// Each function of the instance's function index space.
    pub funcs: *const VmFunc,
    /// Each table, by table index.
    pub tables: *const *mut VmTable,
    /// The elements of table 0 when the module declares it of a fixed size
    /// (maximum equal to minimum: it never grows, so they never move), else
    /// null; compiled code then uses the size as a constant.
    pub table0: *mut u64,
    /// The code cells of the module's defined functions.
    pub code: *const AtomicPtr<u8>,
    /// The instance.
    pub instance: *const InstanceEntity,
    /// The registered id of each of the module's types, by type index
    /// (`call_indirect` compares the callee's with one of these), so that
    /// compiled code holds no engine-specific constant.
    pub type_ids: *const u32,
    /// The address of each runtime function compiled code calls, by
    /// `LibCall` ordinal, so that compiled code holds no absolute address
    /// and can be cached on disk.
    pub libcalls: *const usize,
}

/// Offsets compiled code uses.
pub(crate) mod offsets {
    use super::*;

    pub const MEMORY_BASE: i32 = offset_of!(VmMemory, base) as i32;
    pub const MEMORY_LEN: i32 = offset_of!(VmMemory, len) as i32;
    pub const TABLE_BASE: i32 = offset_of!(VmTable, base) as i32;
    pub const TABLE_LEN: i32 = offset_of!(VmTable, len) as i32;
    pub const FUNC_CODE: i32 = offset_of!(VmFunc, code) as i32;
    pub const FUNC_VMCTX: i32 = offset_of!(VmFunc, vmctx) as i32;
    pub const FUNC_ENTRY: i32 = offset_of!(VmFunc, entry) as i32;
    pub const FUNC_TYPE: i32 = offset_of!(VmFunc, type_id) as i32;
    pub const FUNC_INDEX: i32 = offset_of!(VmFunc, index) as i32;
    pub const FUNC_SIZE: i64 = size_of::<VmFunc>() as i64;
    // A power of two: `call_indirect` scales a table element by a shift.
    const _: () = assert!(FUNC_SIZE.count_ones() == 1);
    pub const STORE_FUEL: i32 = offset_of!(VmStore, fuel) as i32;
    pub const STORE_EPOCH: i32 = offset_of!(VmStore, epoch) as i32;
    pub const STORE_DEADLINE: i32 = offset_of!(VmStore, epoch_deadline) as i32;
    pub const STORE_STACK_LIMIT: i32 = offset_of!(VmStore, stack_limit) as i32;
    pub const STORE_FUNCS: i32 = offset_of!(VmStore, funcs) as i32;
    pub const CTX_STORE: i32 = offset_of!(VmContext, store) as i32;
    pub const CTX_MEMORIES: i32 = offset_of!(VmContext, memories) as i32;
    pub const CTX_MEMORY0: i32 = offset_of!(VmContext, memory0) as i32;
    pub const CTX_GLOBALS: i32 = offset_of!(VmContext, globals) as i32;
    pub const CTX_FUNCS: i32 = offset_of!(VmContext, funcs) as i32;
    pub const CTX_TABLES: i32 = offset_of!(VmContext, tables) as i32;
    pub const CTX_TABLE0: i32 = offset_of!(VmContext, table0) as i32;
    pub const CTX_CODE: i32 = offset_of!(VmContext, code) as i32;
    pub const CTX_TYPE_IDS: i32 = offset_of!(VmContext, type_ids) as i32;
    pub const CTX_LIBCALLS: i32 = offset_of!(VmContext, libcalls) as i32;
}
