//! The engine: shared configuration and the registry of function types.

use crate::types::FuncType;
use crate::{Config, Result};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// An engine-wide identifier of a function type: two functions have the same
/// type exactly when their ids are equal. `call_indirect` compares these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub(crate) struct TypeId(pub(crate) u32);

#[derive(Debug, Default)]
struct TypeRegistry {
    ids: HashMap<FuncType, TypeId>,
    types: Vec<FuncType>,
}

#[derive(Debug)]
struct EngineInner {
    config: Config,
    types: Mutex<TypeRegistry>,
    /// The current epoch (see [`Engine::increment_epoch`]); shared with every
    /// store of the engine.
    epoch: Arc<AtomicU64>,
}

/// Compiles and runs modules with one [`Config`]; cheap to clone and share
/// between threads.
#[derive(Debug, Clone)]
pub struct Engine {
    inner: Arc<EngineInner>,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::from_config(Config::default())
    }
}

impl Engine {
    /// Creates an engine with the given configuration.
    pub fn new(config: &Config) -> Result<Engine> {
        Ok(Engine::from_config(config.clone()))
    }

    fn from_config(config: Config) -> Engine {
        if config.profiler == crate::ProfilingStrategy::PerfMap {
            crate::jit::enable_perf_map();
        }
        Engine {
            inner: Arc::new(EngineInner {
                config,
                types: Mutex::new(TypeRegistry::default()),
                epoch: Arc::new(AtomicU64::new(0)),
            }),
        }
    }

    /// The configuration this engine was created with.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Whether two handles refer to the same engine.
    pub fn same(a: &Engine, b: &Engine) -> bool {
        Arc::ptr_eq(&a.inner, &b.inner)
    }

    /// Advances the engine's epoch by one. Stores whose epoch deadline this
    /// reaches stop their running WebAssembly with
    /// [`Trap::Interrupt`](crate::Trap::Interrupt) at the next check (with
    /// [`Config::epoch_interruption`] on). Cheap (one atomic add) and safe to
    /// call from any thread, e.g. a timer thread.
    pub fn increment_epoch(&self) {
        self.inner.epoch.fetch_add(1, Ordering::Relaxed);
    }

    /// The epoch counter, for stores to compare against their deadline.
    pub(crate) fn epoch_counter(&self) -> Arc<AtomicU64> {
        self.inner.epoch.clone()
    }

    fn registry(&self) -> std::sync::MutexGuard<'_, TypeRegistry> {
        // A poisoned lock only means another thread panicked while interning;
        // the registry itself is always left consistent.
        self.inner.types.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Interns a function type, returning its engine-wide id.
    pub(crate) fn intern(&self, ty: &FuncType) -> TypeId {
        let mut reg = self.registry();
        if let Some(id) = reg.ids.get(ty) {
            return *id;
        }
        let id = TypeId(reg.types.len() as u32);
        reg.types.push(ty.clone());
        reg.ids.insert(ty.clone(), id);
        id
    }

    /// The function type with the given id.
    pub(crate) fn func_type(&self, id: TypeId) -> FuncType {
        self.registry().types[id.0 as usize].clone()
    }
}
