//! The store: owner of every runtime entity (functions, instances, memories,
//! tables, globals, host references) and of the interpreter's stacks.
//!
//! Handles such as [`Func`](crate::Func) are a store id plus an index into one
//! of the store's arenas; using a handle with another store panics, as in
//! Wasmtime, because that is a bug in the embedding, never an effect of input.

use super::func::FuncEntity;
use super::global::GlobalEntity;
use super::instance::InstanceEntity;
use super::memory::MemoryEntity;
use super::table::TableEntity;
use super::vmctx::{VmFunc, VmStore};
use crate::interp::Stack;
use crate::limits::ResourceLimiter;
use crate::{Engine, Error, Result};
use std::any::Any;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Identifies a store, so handles can be checked against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct StoreId(u64);

impl StoreId {
    fn fresh() -> StoreId {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        StoreId(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

/// The part of a store that does not depend on the host data type.
pub struct StoreOpaque {
    id: StoreId,
    engine: Engine,
    pub(crate) funcs: Vec<FuncEntity>,
    /// How compiled code calls each function of `funcs` (same indices).
    pub(crate) vm_funcs: Vec<VmFunc>,
    /// Boxed: the interpreter holds pointers to instances while the arena grows.
    #[allow(clippy::vec_box)]
    pub(crate) instances: Vec<Box<InstanceEntity>>,
    pub(crate) memories: Vec<MemoryEntity>,
    pub(crate) tables: Vec<TableEntity>,
    /// Boxed: instances hold pointers to global values while the arena grows.
    #[allow(clippy::vec_box)]
    pub(crate) globals: Vec<Box<GlobalEntity>>,
    pub(crate) externrefs: Vec<Box<dyn Any + Send + Sync>>,
    pub(crate) tags: Vec<super::exception::TagEntity>,
    pub(crate) exceptions: super::exception::Exceptions,
    /// Structs and arrays (the GC proposal).
    pub(crate) gc: super::gc::GcHeap,
    pub(crate) stack: Stack,
    /// Elements held by all tables, against `MAX_STORE_TABLE_ELEMENTS`.
    pub(crate) table_elements: u64,
    /// What compiled code reads: fuel, the epoch deadline, the stack limit.
    /// Boxed, so its address stays fixed when the store moves.
    pub(crate) vm: Box<VmStore>,
    /// The engine's `consume_fuel` and `epoch_interruption`, here where the
    /// bulk-memory handlers read them with one load.
    consume_fuel: bool,
    epoch_interruption: bool,
    /// The engine's epoch counter (the epoch at which running code traps,
    /// with `Config::epoch_interruption`, is in `vm`).
    pub(crate) epoch: Arc<AtomicU64>,
    /// The embedder's resource limiter, reached through the host data.
    pub(crate) limiter: Option<LimiterFn>,
    /// Whether the engine runs compiled code (then calls check for it).
    pub(crate) jit: bool,
    /// Whether it compiles hot functions in the background (then the
    /// interpreter counts calls).
    pub(crate) tiered: bool,
    /// The error of a runtime function called by compiled code, until the
    /// entry into compiled code reports it.
    pub(crate) jit_pending: Option<Error>,
    /// A panic caught in a runtime function called by compiled code, resumed
    /// by the entry into compiled code.
    pub(crate) jit_panic: Option<Box<dyn Any + Send>>,
}

/// How a store finds its [`ResourceLimiter`] in its host data (of type `T`,
/// seen here as `dyn Any`).
pub(crate) type LimiterFn =
    Box<dyn for<'a> FnMut(&'a mut dyn Any) -> &'a mut (dyn ResourceLimiter) + Send + Sync>;

// SAFETY: the raw pointers inside a store (in instances, and in the
// interpreter's frames while a call runs) all point into data the store owns
// (boxed entities) or keeps alive (modules, through `Arc`). None refers to
// thread-local or thread-affine state, so moving the whole store to another
// thread is sound; `&StoreOpaque` is never shared across threads (not `Sync`).
unsafe impl Send for StoreOpaque {}

impl std::fmt::Debug for StoreOpaque {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreOpaque")
            .field("funcs", &self.funcs.len())
            .field("instances", &self.instances.len())
            .field("memories", &self.memories.len())
            .field("tables", &self.tables.len())
            .field("globals", &self.globals.len())
            .finish()
    }
}

impl StoreOpaque {
    pub(crate) fn id(&self) -> StoreId {
        self.id
    }

    pub(crate) fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Panics unless a handle with store id `id` belongs to this store.
    #[track_caller]
    pub(crate) fn check(&self, id: StoreId) {
        if id != self.id {
            wrong_store();
        }
    }
}

#[cold]
#[track_caller]
fn wrong_store() -> ! {
    panic!("object used with the wrong store")
}

/// A collection of WebAssembly instances and host state of type `T`.
///
/// All WebAssembly objects live in a store and are freed when it is dropped.
pub struct Store<T: 'static> {
    pub(crate) opaque: StoreOpaque,
    pub(crate) data: T,
}

impl<T: 'static> std::fmt::Debug for Store<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.opaque.fmt(f)
    }
}

impl<T: 'static> Store<T> {
    /// Creates a store for `engine` holding `data`.
    pub fn new(engine: &Engine, data: T) -> Store<T> {
        let config = engine.config();
        let epoch = engine.epoch_counter();
        Store {
            opaque: StoreOpaque {
                id: StoreId::fresh(),
                engine: engine.clone(),
                funcs: Vec::new(),
                vm_funcs: Vec::new(),
                instances: Vec::new(),
                memories: Vec::new(),
                tables: Vec::new(),
                globals: Vec::new(),
                externrefs: Vec::new(),
                tags: Vec::new(),
                exceptions: Default::default(),
                gc: super::gc::GcHeap::new(config.max_gc_heap),
                stack: Stack::new(config.max_call_depth, config.max_stack_slots),
                table_elements: 0,
                vm: Box::new(VmStore {
                    fuel: 0,
                    epoch: Arc::as_ptr(&epoch),
                    epoch_deadline: 0,
                    stack_limit: usize::MAX,
                    funcs: std::ptr::null(),
                    runtime: None,
                }),
                consume_fuel: config.consume_fuel,
                epoch_interruption: config.epoch_interruption,
                epoch,
                limiter: None,
                jit: crate::jit::enabled(engine),
                tiered: crate::jit::tiered(engine),
                jit_pending: None,
                jit_panic: None,
            },
            data,
        }
    }

    /// The engine this store belongs to.
    pub fn engine(&self) -> &Engine {
        &self.opaque.engine
    }

    /// The host data.
    pub fn data(&self) -> &T {
        &self.data
    }

    /// The host data, mutably.
    pub fn data_mut(&mut self) -> &mut T {
        &mut self.data
    }

    /// Consumes the store, returning its host data.
    pub fn into_data(self) -> T {
        self.data
    }

    /// How many exception objects the store holds now (thrown and not yet
    /// collected): a diagnostic for tests, not a stable API.
    #[doc(hidden)]
    pub fn exceptions_alive(&self) -> usize {
        self.opaque.exceptions.live()
    }

    /// How many structs and arrays the store holds now (made and not yet
    /// collected): a diagnostic for tests, not a stable API.
    #[doc(hidden)]
    pub fn gc_objects_alive(&self) -> usize {
        self.opaque.gc.live()
    }

    /// Sets the fuel left to `fuel` (see [`limits`](crate::limits) for the
    /// cost model). Fails unless the engine was configured with
    /// [`Config::consume_fuel`](crate::Config::consume_fuel).
    pub fn set_fuel(&mut self, fuel: u64) -> Result<()> {
        self.opaque.set_fuel(fuel)
    }

    /// The fuel left. Fails unless the engine consumes fuel.
    pub fn get_fuel(&self) -> Result<u64> {
        self.opaque.get_fuel()
    }

    /// Makes running WebAssembly trap with
    /// [`Trap::Interrupt`](crate::Trap::Interrupt) once the engine's epoch has
    /// advanced `ticks` times from now (with
    /// [`Config::epoch_interruption`](crate::Config::epoch_interruption)).
    /// A new store's deadline is the epoch 0, so it traps at the first check
    /// unless a deadline is set, as in Wasmtime.
    pub fn set_epoch_deadline(&mut self, ticks: u64) {
        self.opaque.set_epoch_deadline(ticks);
    }

    /// What happens when the epoch deadline is reached: a trap (the only
    /// behaviour so far; the method exists for Wasmtime's API shape).
    pub fn epoch_deadline_trap(&mut self) {}

    /// Installs a [`ResourceLimiter`] that the store finds in its host data
    /// with `limiter`. It decides every growth of a memory or table and caps
    /// the number of instances, tables and memories.
    pub fn limiter(
        &mut self,
        mut limiter: impl FnMut(&mut T) -> &mut (dyn ResourceLimiter) + Send + Sync + 'static,
    ) {
        self.opaque.limiter = Some(Box::new(move |data: &mut dyn Any| {
            match data.downcast_mut::<T>() {
                Some(data) => limiter(data),
                // The store's data is always a `T`.
                None => unreachable!("store data of another type"),
            }
        }));
    }
}

impl StoreOpaque {
    pub(crate) fn set_fuel(&mut self, fuel: u64) -> Result<()> {
        self.fuel_enabled()?;
        self.vm.fuel = fuel;
        Ok(())
    }

    pub(crate) fn get_fuel(&self) -> Result<u64> {
        self.fuel_enabled()?;
        Ok(self.vm.fuel)
    }

    fn fuel_enabled(&self) -> Result<()> {
        if self.consume_fuel {
            Ok(())
        } else {
            Err(Error::usage(
                "fuel is not enabled in this store's engine (Config::consume_fuel)",
            ))
        }
    }

    pub(crate) fn set_epoch_deadline(&mut self, ticks: u64) {
        let now = self.epoch.load(Ordering::Relaxed);
        self.vm.epoch_deadline = now.saturating_add(ticks);
    }

    /// Whether the epoch deadline has been reached (always false unless the
    /// engine has epoch interruption on).
    #[inline]
    pub(crate) fn deadline_reached(&self) -> bool {
        self.epoch_interruption && self.epoch_passed()
    }

    /// Whether the engine's epoch has reached the store's deadline.
    #[inline(always)]
    pub(crate) fn epoch_passed(&self) -> bool {
        self.epoch.load(Ordering::Relaxed) >= self.vm.epoch_deadline
    }

    /// Takes `cost` fuel: all of it, or none and an `OutOfFuel` trap.
    #[inline(always)]
    pub(crate) fn spend(&mut self, cost: u64) -> Result<(), crate::Trap> {
        match self.vm.fuel.checked_sub(cost) {
            Some(left) => {
                self.vm.fuel = left;
                Ok(())
            }
            None => Err(crate::Trap::OutOfFuel),
        }
    }

    /// Whether a bulk memory operation of `len` bytes must go the metered
    /// way: fuel to charge, or long enough to check the deadline midway.
    #[inline(always)]
    pub(crate) fn bulk_is_slow(&self, len: usize) -> bool {
        self.consume_fuel | (len > crate::limits::BULK_CHUNK)
    }

    /// Charges `cost` fuel if the engine consumes fuel: all of it, or none
    /// and an `OutOfFuel` trap.
    #[inline]
    pub(crate) fn charge(&mut self, cost: u64) -> Result<(), crate::Trap> {
        if !self.consume_fuel {
            return Ok(());
        }
        self.spend(cost)
    }

    /// The embedder's resource limiter, found in the host data `data`.
    pub(crate) fn limiter<'a>(
        &'a mut self,
        data: &'a mut dyn Any,
    ) -> Option<&'a mut dyn ResourceLimiter> {
        self.limiter.as_mut().map(|limiter| limiter(data))
    }

    /// The type of store function `func`.
    pub(crate) fn func_type(&self, func: u32) -> &crate::types::FuncType {
        match &self.funcs[func as usize].kind {
            super::func::FuncKind::Host(host) => &host.ty,
            super::func::FuncKind::Wasm {
                instance, defined, ..
            } => {
                let info = &self.instances[*instance as usize].module.inner.info;
                info.func_type(info.num_imported_funcs + defined)
            }
        }
    }

    /// The limiter's caps on instances, tables and memories.
    pub(crate) fn count_limits(&mut self, data: &mut dyn Any) -> (usize, usize, usize) {
        use crate::limits::*;
        match self.limiter(data) {
            Some(l) => (l.instances(), l.tables(), l.memories()),
            None => (
                DEFAULT_INSTANCE_LIMIT,
                DEFAULT_TABLE_LIMIT,
                DEFAULT_MEMORY_LIMIT,
            ),
        }
    }
}

impl<T: Default + 'static> Default for Store<T> {
    fn default() -> Self {
        Store::new(&Engine::default(), T::default())
    }
}

/// A shared borrow of a store.
pub struct StoreContext<'a, T: 'static> {
    pub(crate) opaque: &'a StoreOpaque,
    pub(crate) data: &'a T,
}

/// An exclusive borrow of a store.
pub struct StoreContextMut<'a, T: 'static> {
    pub(crate) opaque: &'a mut StoreOpaque,
    pub(crate) data: &'a mut T,
}

impl<T: 'static> std::fmt::Debug for StoreContext<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.opaque.fmt(f)
    }
}

impl<T: 'static> std::fmt::Debug for StoreContextMut<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.opaque.fmt(f)
    }
}

impl<'a, T: 'static> StoreContext<'a, T> {
    /// The host data.
    pub fn data(&self) -> &'a T {
        self.data
    }

    /// The engine.
    pub fn engine(&self) -> &'a Engine {
        &self.opaque.engine
    }
}

impl<T: 'static> StoreContextMut<'_, T> {
    /// The host data.
    pub fn data(&self) -> &T {
        self.data
    }

    /// The host data, mutably.
    pub fn data_mut(&mut self) -> &mut T {
        self.data
    }

    /// The engine.
    pub fn engine(&self) -> &Engine {
        &self.opaque.engine
    }

    /// The fuel left (see [`Store::get_fuel`]).
    pub fn get_fuel(&self) -> Result<u64> {
        self.opaque.get_fuel()
    }

    /// Sets the fuel left (see [`Store::set_fuel`]).
    pub fn set_fuel(&mut self, fuel: u64) -> Result<()> {
        self.opaque.set_fuel(fuel)
    }

    /// Sets the epoch deadline (see [`Store::set_epoch_deadline`]).
    pub fn set_epoch_deadline(&mut self, ticks: u64) {
        self.opaque.set_epoch_deadline(ticks);
    }
}

/// Anything that can lend a shared borrow of a store: `&Store<T>`,
/// `&mut Store<T>`, contexts and [`Caller`](crate::Caller).
pub trait AsContext {
    /// The host data type of the store.
    type Data: 'static;
    /// Borrows the store.
    fn as_context(&self) -> StoreContext<'_, Self::Data>;
}

/// Anything that can lend an exclusive borrow of a store.
pub trait AsContextMut: AsContext {
    /// Borrows the store exclusively.
    fn as_context_mut(&mut self) -> StoreContextMut<'_, Self::Data>;
}

impl<T: 'static> AsContext for Store<T> {
    type Data = T;
    fn as_context(&self) -> StoreContext<'_, T> {
        StoreContext {
            opaque: &self.opaque,
            data: &self.data,
        }
    }
}

impl<T: 'static> AsContextMut for Store<T> {
    fn as_context_mut(&mut self) -> StoreContextMut<'_, T> {
        StoreContextMut {
            opaque: &mut self.opaque,
            data: &mut self.data,
        }
    }
}

impl<T: 'static> AsContext for StoreContext<'_, T> {
    type Data = T;
    fn as_context(&self) -> StoreContext<'_, T> {
        StoreContext {
            opaque: self.opaque,
            data: self.data,
        }
    }
}

impl<T: 'static> AsContext for StoreContextMut<'_, T> {
    type Data = T;
    fn as_context(&self) -> StoreContext<'_, T> {
        StoreContext {
            opaque: self.opaque,
            data: self.data,
        }
    }
}

impl<T: 'static> AsContextMut for StoreContextMut<'_, T> {
    fn as_context_mut(&mut self) -> StoreContextMut<'_, T> {
        StoreContextMut {
            opaque: self.opaque,
            data: self.data,
        }
    }
}

impl<C: AsContext + ?Sized> AsContext for &C {
    type Data = C::Data;
    fn as_context(&self) -> StoreContext<'_, C::Data> {
        C::as_context(self)
    }
}

impl<C: AsContext + ?Sized> AsContext for &mut C {
    type Data = C::Data;
    fn as_context(&self) -> StoreContext<'_, C::Data> {
        C::as_context(self)
    }
}

impl<C: AsContextMut + ?Sized> AsContextMut for &mut C {
    fn as_context_mut(&mut self) -> StoreContextMut<'_, C::Data> {
        C::as_context_mut(self)
    }
}

impl<'a, T: 'static> From<&'a Store<T>> for StoreContext<'a, T> {
    fn from(store: &'a Store<T>) -> Self {
        StoreContext {
            opaque: &store.opaque,
            data: &store.data,
        }
    }
}

impl<'a, T: 'static> From<&'a mut Store<T>> for StoreContext<'a, T> {
    fn from(store: &'a mut Store<T>) -> Self {
        StoreContext {
            opaque: &store.opaque,
            data: &store.data,
        }
    }
}

impl<'a, T: 'static> From<&'a mut Store<T>> for StoreContextMut<'a, T> {
    fn from(store: &'a mut Store<T>) -> Self {
        StoreContextMut {
            opaque: &mut store.opaque,
            data: &mut store.data,
        }
    }
}

impl<'a, T: 'static> From<&'a StoreContextMut<'_, T>> for StoreContext<'a, T> {
    fn from(store: &'a StoreContextMut<'_, T>) -> Self {
        StoreContext {
            opaque: store.opaque,
            data: store.data,
        }
    }
}

impl<'a, T: 'static> From<&'a mut StoreContextMut<'_, T>> for StoreContextMut<'a, T> {
    fn from(store: &'a mut StoreContextMut<'_, T>) -> Self {
        StoreContextMut {
            opaque: store.opaque,
            data: store.data,
        }
    }
}
