//! The engine: shared configuration, and the process-wide registry of
//! the types modules define (function, struct and array types).

use crate::types::{CompositeType, FuncType, HeapType};
use crate::{Config, Result};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, RwLock, RwLockReadGuard};

/// The id of a registered function type: two functions have the same type
/// exactly when their ids are equal; `call_indirect` compares these first.
/// Struct and array types share the numbering; the registry itself works on
/// raw ids.
pub(crate) use crate::types::FuncTypeId as TypeId;

/// Marks, in a [`SubType`] key, a reference to a type of the same recursion
/// group: `REC | position in the group`.
pub(crate) const REC: u32 = 1 << 31;

/// One type of a recursion group as the registry keys it. Its references to
/// other types of the group are relative (`REC | position`), so that two
/// modules that declare equivalent groups share one registration (the
/// iso-recursive type equivalence of the GC proposal); references outside
/// the group are registered ids already.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct SubType {
    pub ty: CompositeType,
    /// The raw id of the declared supertype (relative if in the group).
    pub supertype: Option<u32>,
    pub is_final: bool,
}

#[derive(Debug)]
struct Entry {
    ty: CompositeType,
    /// This type as a link of its subtypes' supertype lists; only for a
    /// type that takes part in subtyping (not final, or declaring a
    /// supertype).
    node: Option<&'static SuperNode>,
}

/// A link of a list of supertypes. Leaked, 16 bytes per type that takes
/// part in subtyping (entries live for the process anyway): lists share
/// their tails, so a chain of depth 63 costs no more than one of depth 1.
#[derive(Debug)]
pub(crate) struct SuperNode {
    id: u32,
    parent: Option<&'static SuperNode>,
}

/// The declared supertypes of a type, nearest first. Functions keep theirs
/// to check `call_indirect` without the registry (no lock, no call).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Supertypes(Option<&'static SuperNode>);

impl Supertypes {
    /// Whether the list holds the type with raw id `id`.
    #[inline]
    pub(crate) fn contains(self, id: u32) -> bool {
        let mut at = self.0;
        while let Some(node) = at {
            if node.id == id {
                return true;
            }
            at = node.parent;
        }
        false
    }
}

/// Registered types. Process-wide, so that types mean the same in every
/// engine and [`FuncTypeId`](crate::FuncTypeId) needs no engine to answer;
/// entries are never freed (a program declares few types, and equivalent
/// ones share an entry).
#[derive(Debug, Default)]
struct TypeRegistry {
    groups: HashMap<Box<[SubType]>, u32>,
    entries: Vec<Entry>,
}

/// Read often (`Func::call`, `call_indirect` to a subtype), written when a
/// module with new types loads: readers do not wait for each other.
static REGISTRY: LazyLock<RwLock<TypeRegistry>> = LazyLock::new(RwLock::default);

fn registry() -> RwLockReadGuard<'static, TypeRegistry> {
    // A poisoned lock only means another thread panicked while registering;
    // the registry itself is always left consistent.
    REGISTRY.read().unwrap_or_else(|e| e.into_inner())
}

/// Registers a recursion group, returning the raw id of its first type (the
/// others follow in order).
pub(crate) fn register_group(group: &[SubType]) -> u32 {
    if let Some(&first) = registry().groups.get(group) {
        return first;
    }
    let mut reg = REGISTRY.write().unwrap_or_else(|e| e.into_inner());
    let TypeRegistry { groups, entries } = &mut *reg;
    // Another thread may have registered the group meanwhile.
    let slot = match groups.entry(group.into()) {
        std::collections::hash_map::Entry::Occupied(o) => return *o.get(),
        std::collections::hash_map::Entry::Vacant(v) => v,
    };
    let first = entries.len() as u32;
    let resolve = |id: u32| {
        if id & REC != 0 {
            first + (id & !REC)
        } else {
            id
        }
    };
    let fix = |h: HeapType| match h.concrete_id() {
        Some(id) => h.with_concrete_id(resolve(id)),
        None => h,
    };
    for sub in group {
        let supertype = sub.supertype.map(resolve);
        // A supertype is declared before its subtypes (and is not final),
        // so its node exists already.
        let parent = supertype.and_then(|s| entries.get(s as usize)?.node);
        let node = (!sub.is_final || supertype.is_some()).then(|| {
            let id = entries.len() as u32;
            &*Box::leak(Box::new(SuperNode { id, parent }))
        });
        entries.push(Entry {
            ty: sub.ty.map_refs(&fix),
            node,
        });
    }
    slot.insert(first);
    first
}

/// Registers a function type on its own (a final type with no supertype,
/// as host functions have), returning its id.
pub(crate) fn register_func(ty: &FuncType) -> TypeId {
    TypeId(register_group(&[SubType {
        ty: CompositeType::Func(ty.clone()),
        supertype: None,
        is_final: true,
    }]))
}

/// The type registered as `id`.
pub(crate) fn registered(id: u32) -> CompositeType {
    registry().entries[id as usize].ty.clone()
}

/// The declared supertype of `id`.
pub(crate) fn supertype(id: u32) -> Option<u32> {
    supertypes(id).0.map(|n| n.id)
}

/// Every declared supertype of `id`, nearest first.
pub(crate) fn supertypes(id: u32) -> Supertypes {
    let node = registry().entries.get(id as usize).and_then(|e| e.node);
    Supertypes(node.and_then(|n| n.parent))
}

/// Whether `sub` declares `sup` as a transitive supertype (not whether they
/// are equal: callers compare first). Never panics: compiled code asks.
#[cold]
pub(crate) fn is_subtype(sub: u32, sup: u32) -> bool {
    supertypes(sub).contains(sup)
}

#[derive(Debug)]
struct EngineInner {
    config: Config,
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{
        FieldType, Mutability, RefType, StorageType, StructType, StructTypeId, ValType,
    };

    fn func_ref(id: u32) -> ValType {
        ValType::Ref(RefType::new(true, HeapType::ConcreteFunc(TypeId(id))))
    }

    fn func(id: u32) -> FuncType {
        registered(id).unwrap_func().clone()
    }

    /// `(rec (type $a (sub (func (param (ref null $b))))) (type $b (sub $a
    /// (func (param (ref null $b))))))`, with references relative.
    fn group() -> Vec<SubType> {
        let b = REC | 1;
        vec![
            SubType {
                ty: CompositeType::Func(FuncType::new([func_ref(b)], [])),
                supertype: None,
                is_final: false,
            },
            SubType {
                ty: CompositeType::Func(FuncType::new([func_ref(b)], [])),
                supertype: Some(REC),
                is_final: true,
            },
        ]
    }

    #[test]
    fn equivalent_groups_share_ids_and_resolve_their_references() {
        let first = register_group(&group());
        assert_eq!(register_group(&group()), first);
        let (a, b) = (first, first + 1);
        // Both types name `$b` by its registered id.
        assert_eq!(func(a).params(), &[func_ref(b)]);
        assert_eq!(func(b).params(), &[func_ref(b)]);
        assert_eq!(supertype(b), Some(a));
        assert!(is_subtype(b, a));
        assert!(!is_subtype(a, b));
        // The same structure outside the group is another type.
        let alone = register_func(&func(a)).0;
        assert_ne!(alone, a);
        assert!(!is_subtype(b, alone));
        // A chain across groups: `$c` below `$b` below `$a`.
        let c = register_group(&[SubType {
            ty: registered(b),
            supertype: Some(b),
            is_final: true,
        }]);
        assert!(is_subtype(c, b) && is_subtype(c, a));
        assert!(!is_subtype(a, c) && !is_subtype(c, alone));
        // A group differing only in finality is another group.
        let mut other = group();
        other[1].is_final = false;
        assert_ne!(register_group(&other), first);
    }

    #[test]
    fn a_struct_in_a_group_makes_its_function_type_distinct() {
        // `(rec (type $f (func)) (type (struct (field (ref $f)))))`
        let field = |id: u32| FieldType::new(Mutability::Const, StorageType::ValType(func_ref(id)));
        let group = |of_struct: u32| {
            vec![
                SubType {
                    ty: CompositeType::Func(FuncType::new([], [])),
                    supertype: None,
                    is_final: true,
                },
                SubType {
                    ty: CompositeType::Struct(StructType::new([field(of_struct)])),
                    supertype: None,
                    is_final: true,
                },
            ]
        };
        let first = register_group(&group(REC));
        assert_eq!(register_group(&group(REC)), first);
        let f = first;
        let s = StructTypeId(first + 1).struct_type();
        // The field names the group's function type by its registered id.
        assert_eq!(s.fields(), &[field(f)]);
        assert_ne!(register_func(&FuncType::new([], [])).0, f);
        // A struct naming a type outside the group is another group.
        assert_ne!(register_group(&group(f)), first);
    }
}
