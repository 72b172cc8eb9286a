//! The linker: a name-based registry of imports, resolving a module's imports
//! by `module::name` at instantiation.

use super::func::{Caller, FuncEntity, FuncKind, HostFunc, IntoFunc, host_func_new};
use super::instance::{Extern, Instance, instantiate};
use super::store::{AsContext, AsContextMut, StoreOpaque};
use crate::types::FuncType;
use crate::values::Val;
use crate::{Engine, Error, Func, Module, Result};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::marker::PhantomData;
use std::sync::Arc;

#[derive(Clone)]
enum Definition {
    /// An item that lives in a store.
    Extern(Extern),
    /// A host function, inserted into the store at each instantiation.
    HostFunc(Arc<HostFunc>),
}

/// Resolves imports by name: define host functions and other instances'
/// exports under `module::name`, then instantiate modules against them.
pub struct Linker<T: 'static> {
    engine: Engine,
    map: HashMap<(String, String), Definition>,
    allow_shadowing: bool,
    _marker: PhantomData<fn() -> T>,
}

impl<T: 'static> std::fmt::Debug for Linker<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Linker")
            .field("definitions", &self.map.len())
            .finish()
    }
}

impl<T: 'static> Clone for Linker<T> {
    fn clone(&self) -> Self {
        Linker {
            engine: self.engine.clone(),
            map: self.map.clone(),
            allow_shadowing: self.allow_shadowing,
            _marker: PhantomData,
        }
    }
}

impl<T: 'static> Linker<T> {
    /// Creates an empty linker for `engine`.
    pub fn new(engine: &Engine) -> Linker<T> {
        Linker {
            engine: engine.clone(),
            map: HashMap::new(),
            allow_shadowing: false,
            _marker: PhantomData,
        }
    }

    /// The engine.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Whether a later definition of the same name replaces an earlier one
    /// (otherwise it is an error).
    pub fn allow_shadowing(&mut self, allow: bool) -> &mut Self {
        self.allow_shadowing = allow;
        self
    }

    fn insert(&mut self, module: &str, name: &str, def: Definition) -> Result<&mut Self> {
        match self.map.entry((module.to_string(), name.to_string())) {
            Entry::Occupied(mut e) => {
                if !self.allow_shadowing {
                    return Err(Error::usage(format!(
                        "import of `{module}::{name}` defined twice"
                    )));
                }
                e.insert(def);
            }
            Entry::Vacant(e) => {
                e.insert(def);
            }
        }
        Ok(self)
    }

    /// Defines `module::name` as an item of `store`.
    pub fn define(
        &mut self,
        store: impl AsContext<Data = T>,
        module: &str,
        name: &str,
        item: impl Into<Extern>,
    ) -> Result<&mut Self> {
        let item = item.into();
        // Checks that the item belongs to this store (panics otherwise).
        let _ = item.ty(&store);
        self.insert(module, name, Definition::Extern(item))
    }

    /// Defines `module::name` as a host function taking and returning
    /// dynamically typed values.
    pub fn func_new(
        &mut self,
        module: &str,
        name: &str,
        ty: FuncType,
        func: impl Fn(Caller<'_, T>, &[Val], &mut [Val]) -> Result<()> + Send + Sync + 'static,
    ) -> Result<&mut Self> {
        let host = host_func_new(ty, func);
        self.insert(module, name, Definition::HostFunc(Arc::new(host)))
    }

    /// Defines `module::name` as a host function from a typed closure; see
    /// [`Func::wrap`].
    pub fn func_wrap<Params, Results>(
        &mut self,
        module: &str,
        name: &str,
        func: impl IntoFunc<T, Params, Results>,
    ) -> Result<&mut Self> {
        let host = func.into_host_func().0;
        self.insert(module, name, Definition::HostFunc(Arc::new(host)))
    }

    /// Defines every export of `instance` under the module name `module`.
    pub fn instance(
        &mut self,
        mut store: impl AsContextMut<Data = T>,
        module: &str,
        instance: Instance,
    ) -> Result<&mut Self> {
        let ctx = store.as_context_mut();
        let exports: Vec<(String, Extern)> = instance
            .exports(&ctx)
            .map(|e| (e.name().to_string(), e.into_extern()))
            .collect();
        for (name, item) in exports {
            self.insert(module, &name, Definition::Extern(item))?;
        }
        Ok(self)
    }

    /// Instantiates `module` and defines its exports under `name`.
    pub fn module(
        &mut self,
        mut store: impl AsContextMut<Data = T>,
        name: &str,
        module: &Module,
    ) -> Result<&mut Self> {
        let instance = self.instantiate(&mut store, module)?;
        self.instance(store, name, instance)
    }

    fn resolve(&self, store: &mut StoreOpaque, def: &Definition) -> Extern {
        match def {
            Definition::Extern(e) => *e,
            Definition::HostFunc(host) => {
                let ty = crate::engine::register_func(&host.ty);
                Extern::Func(Func::alloc(
                    store,
                    FuncEntity::new(ty, FuncKind::Host(host.clone())),
                ))
            }
        }
    }

    /// The item defined as `module::name`, if any.
    pub fn get(
        &self,
        mut store: impl AsContextMut<Data = T>,
        module: &str,
        name: &str,
    ) -> Option<Extern> {
        let def = self.map.get(&(module.to_string(), name.to_string()))?;
        Some(self.resolve(store.as_context_mut().opaque, def))
    }

    /// Resolves the imports of `module` and instantiates it.
    pub fn instantiate(
        &self,
        mut store: impl AsContextMut<Data = T>,
        module: &Module,
    ) -> Result<Instance> {
        let ctx = store.as_context_mut();
        let mut imports = Vec::with_capacity(module.imports().len());
        for import in module.imports() {
            let key = (import.module().to_string(), import.name().to_string());
            let Some(def) = self.map.get(&key) else {
                return Err(Error::unlinkable(format!(
                    "unknown import: `{}::{}` has not been defined",
                    import.module(),
                    import.name()
                )));
            };
            imports.push(self.resolve(ctx.opaque, def));
        }
        instantiate(ctx.opaque, ctx.data, module, &imports)
    }
}
