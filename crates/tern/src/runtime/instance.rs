//! Instances: a module's functions, tables, memories and globals allocated in
//! a store, and instantiation as the specification orders it.

use super::exception::Tag;
use super::func::{FuncEntity, FuncKind, TypedFunc, WasmParams, WasmResults};
use super::gc::{ArrayInit, GcHeap, Storage};
use super::global::GlobalEntity;
use super::store::{AsContext, AsContextMut, StoreId, StoreOpaque};
use super::vmctx::{VmContext, VmFunc, VmMemory, VmTable};
use crate::interp::ir::CodeRef;
use crate::module::info::{ConstExpr, ConstOp, DataMode, ElemMode, EntityIndex, ImportKind};
use crate::types::{ExternType, TagType};
use crate::{Error, Func, Global, Memory, Module, Result, Table, Trap};
use std::any::Any;
use std::cell::{Cell, RefCell};

/// Something an instance imports or exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Extern {
    /// A function.
    Func(Func),
    /// A global.
    Global(Global),
    /// A table.
    Table(Table),
    /// A linear memory.
    Memory(Memory),
    /// An exception tag.
    Tag(Tag),
}

impl Extern {
    /// The function, if this is one.
    pub fn into_func(self) -> Option<Func> {
        match self {
            Extern::Func(f) => Some(f),
            _ => None,
        }
    }

    /// The global, if this is one.
    pub fn into_global(self) -> Option<Global> {
        match self {
            Extern::Global(g) => Some(g),
            _ => None,
        }
    }

    /// The table, if this is one.
    pub fn into_table(self) -> Option<Table> {
        match self {
            Extern::Table(t) => Some(t),
            _ => None,
        }
    }

    /// The memory, if this is one.
    pub fn into_memory(self) -> Option<Memory> {
        match self {
            Extern::Memory(m) => Some(m),
            _ => None,
        }
    }

    /// The tag, if this is one.
    pub fn into_tag(self) -> Option<Tag> {
        match self {
            Extern::Tag(t) => Some(t),
            _ => None,
        }
    }

    /// The type of the item.
    pub fn ty(&self, store: impl AsContext) -> ExternType {
        let store = store.as_context();
        match self {
            Extern::Func(f) => ExternType::Func(f.ty(&store)),
            Extern::Global(g) => ExternType::Global(g.ty(&store)),
            Extern::Table(t) => ExternType::Table(t.ty(&store)),
            Extern::Memory(m) => ExternType::Memory(m.ty(&store)),
            Extern::Tag(t) => ExternType::Tag(t.ty(&store)),
        }
    }

    fn store_id(&self) -> StoreId {
        match self {
            Extern::Func(f) => f.store,
            Extern::Global(g) => g.store,
            Extern::Table(t) => t.store,
            Extern::Memory(m) => m.store,
            Extern::Tag(t) => t.store,
        }
    }
}

impl From<Func> for Extern {
    fn from(f: Func) -> Extern {
        Extern::Func(f)
    }
}

impl From<Global> for Extern {
    fn from(g: Global) -> Extern {
        Extern::Global(g)
    }
}

impl From<Table> for Extern {
    fn from(t: Table) -> Extern {
        Extern::Table(t)
    }
}

impl From<Memory> for Extern {
    fn from(m: Memory) -> Extern {
        Extern::Memory(m)
    }
}

impl From<Tag> for Extern {
    fn from(t: Tag) -> Extern {
        Extern::Tag(t)
    }
}

/// An export of an instance: its name and the item.
#[derive(Debug, Clone)]
pub struct Export<'a> {
    name: &'a str,
    item: Extern,
}

impl<'a> Export<'a> {
    /// The export's name.
    pub fn name(&self) -> &'a str {
        self.name
    }

    /// The exported item.
    pub fn into_extern(self) -> Extern {
        self.item
    }
}

/// The functions, memories and tables of an instance as compiled code
/// reads them.
type VmArrays = (Box<[VmFunc]>, Box<[*mut VmMemory]>, Box<[*mut VmTable]>);

/// An instance in a store. The interpreter reads it through a raw pointer
/// while running, so the parts that change after instantiation (dropped
/// segments) sit in cells.
pub(crate) struct InstanceEntity {
    pub module: Module,
    /// Store function index of every function in the module's index space.
    pub funcs: Box<[u32]>,
    /// Store table index of every table.
    pub tables: Box<[u32]>,
    /// Store memory index of every memory.
    pub memories: Box<[u32]>,
    /// Store tag index of every tag.
    pub tags: Box<[u32]>,
    /// Pointers to the values of every global (owned by the store).
    pub globals: Box<[*mut u64]>,
    /// Element segments as raw references; dropped ones are empty.
    pub elems: RefCell<Box<[Box<[u64]>]>>,
    /// Whether each data segment has been dropped.
    pub data_dropped: Box<[Cell<bool>]>,
    /// Exports in the module's order.
    pub exports: Box<[Extern]>,
    /// The instance's index in its store.
    pub index: u32,
    /// What compiled code reads (see `runtime::vmctx`).
    pub vmctx: Box<VmContext>,
    /// The arrays `vmctx` points to, owned here.
    _vm_arrays: VmArrays,
}

impl InstanceEntity {
    /// The bytes of data segment `index`, or empty once dropped.
    pub(crate) fn data_segment(&self, index: u32) -> &[u8] {
        if self.data_dropped[index as usize].get() {
            return &[];
        }
        let inner = &self.module.inner;
        &inner.bytes[inner.info.datas[index as usize].bytes.clone()]
    }
}

/// An instantiated module in a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Instance {
    pub(crate) store: StoreId,
    pub(crate) index: u32,
}

impl Instance {
    /// Instantiates `module` with `imports` given in the order of the module's
    /// imports: resolves them, allocates the module's items, initializes
    /// tables and memories from active segments, and runs the start function.
    pub fn new(
        mut store: impl AsContextMut,
        module: &Module,
        imports: &[Extern],
    ) -> Result<Instance> {
        let ctx = store.as_context_mut();
        instantiate(ctx.opaque, ctx.data, module, imports)
    }

    pub(crate) fn entity<'a>(&self, store: &'a StoreOpaque) -> &'a InstanceEntity {
        store.check(self.store);
        &store.instances[self.index as usize]
    }

    /// The module this is an instance of.
    pub fn module<'a, T: 'static>(
        &self,
        store: impl Into<crate::StoreContext<'a, T>>,
    ) -> &'a Module {
        &self.entity(store.into().opaque).module
    }

    /// The export called `name`, if any.
    pub fn get_export(&self, store: impl AsContext, name: &str) -> Option<Extern> {
        let store = store.as_context();
        let entity = self.entity(store.opaque);
        let index = *entity.module.inner.info.export_names.get(name)?;
        Some(entity.exports[index])
    }

    /// The exported function called `name`, if any.
    pub fn get_func(&self, store: impl AsContext, name: &str) -> Option<Func> {
        self.get_export(store, name)?.into_func()
    }

    /// The exported function called `name` with the given static type.
    pub fn get_typed_func<Params: WasmParams, Results: WasmResults>(
        &self,
        store: impl AsContext,
        name: &str,
    ) -> Result<TypedFunc<Params, Results>> {
        let store = store.as_context();
        let func = self
            .get_func(&store, name)
            .ok_or_else(|| Error::usage(format!("failed to find function export `{name}`")))?;
        func.typed(&store)
            .map_err(|e| e.context(format!("failed to convert function `{name}` to given type")))
    }

    /// The exported memory called `name`, if any.
    pub fn get_memory(&self, store: impl AsContext, name: &str) -> Option<Memory> {
        self.get_export(store, name)?.into_memory()
    }

    /// The exported global called `name`, if any.
    pub fn get_global(&self, store: impl AsContext, name: &str) -> Option<Global> {
        self.get_export(store, name)?.into_global()
    }

    /// The exported table called `name`, if any.
    pub fn get_table(&self, store: impl AsContext, name: &str) -> Option<Table> {
        self.get_export(store, name)?.into_table()
    }

    /// All exports, in the module's order.
    pub fn exports<'a, T: 'static>(
        &self,
        store: impl Into<crate::StoreContext<'a, T>>,
    ) -> impl ExactSizeIterator<Item = Export<'a>> + 'a {
        let store = store.into();
        let entity = self.entity(store.opaque);
        entity
            .module
            .inner
            .info
            .exports
            .iter()
            .zip(entity.exports.iter())
            .map(|((name, _), item)| Export { name, item: *item })
    }
}

/// Evaluates a constant expression to a raw value (a scalar in the low 64
/// bits). Structs and arrays it makes go to `gc` without a collection
/// (what instantiation makes is not rooted until it is done).
fn eval_const(
    expr: &ConstExpr,
    funcs: &[u32],
    globals: &[*mut u64],
    gc: &mut GcHeap,
) -> Result<u128, Trap> {
    let mut stack: Vec<u128> = Vec::with_capacity(2);
    // The top `n` values, laid out in slots as `struct.new` and
    // `array.new_fixed` take them (a `v128` in two).
    let slots = |stack: &mut Vec<u128>, storages: &[Storage]| {
        let values = stack.split_off(stack.len() - storages.len());
        let mut out = Vec::with_capacity(values.len());
        for (v, s) in values.into_iter().zip(storages) {
            out.push(v as u64);
            if *s == Storage::V128 {
                out.push((v >> 64) as u64);
            }
        }
        out
    };
    for op in expr.ops.iter() {
        let value = match *op {
            ConstOp::I32(v) => u128::from(v as u32),
            ConstOp::I64(v) => u128::from(v as u64),
            ConstOp::F32(v) => u128::from(v),
            ConstOp::F64(v) => u128::from(v),
            ConstOp::V128(v) => v,
            ConstOp::RefNull => 0,
            ConstOp::RefFunc(f) => u128::from(funcs[f as usize]) + 1,
            // SAFETY: global pointers point into boxed globals owned by the
            // store, which outlives instantiation (each holds two slots);
            // validation guarantees the index is in range and the global
            // initialized.
            ConstOp::GlobalGet(g) => unsafe {
                let p = globals[g as usize];
                u128::from(*p) | (u128::from(*p.add(1)) << 64)
            },
            ConstOp::I32Add | ConstOp::I32Sub | ConstOp::I32Mul => {
                let b = stack.pop().unwrap_or(0) as u32;
                let a = stack.pop().unwrap_or(0) as u32;
                u128::from(match op {
                    ConstOp::I32Add => a.wrapping_add(b),
                    ConstOp::I32Sub => a.wrapping_sub(b),
                    _ => a.wrapping_mul(b),
                })
            }
            ConstOp::RefI31 => {
                u128::from(crate::runtime::gc::i31_raw(stack.pop().unwrap_or(0) as u32))
            }
            ConstOp::RefConvert => {
                u128::from(crate::runtime::gc::convert(stack.pop().unwrap_or(0) as u64))
            }
            ConstOp::StructNew { type_id, fields } => {
                let storages: Vec<Storage> = (0..fields).map(|f| gc.field_of(type_id, f)).collect();
                let words = slots(&mut stack, &storages);
                u128::from(gc.new_struct(type_id, Some(&words))?)
            }
            ConstOp::StructNewDefault(type_id) => u128::from(gc.new_struct(type_id, None)?),
            ConstOp::ArrayNew(type_id) => {
                let len = stack.pop().unwrap_or(0) as u32;
                let init = stack.pop().unwrap_or(0);
                u128::from(gc.new_array(type_id, u64::from(len), ArrayInit::Fill(init))?)
            }
            ConstOp::ArrayNewDefault(type_id) => {
                let len = stack.pop().unwrap_or(0) as u32;
                u128::from(gc.new_array(type_id, u64::from(len), ArrayInit::Fill(0))?)
            }
            ConstOp::ArrayNewFixed { type_id, len } => {
                let storages = vec![gc.element_of(type_id); len as usize];
                let words = slots(&mut stack, &storages);
                let init = ArrayInit::Slots(&words);
                u128::from(gc.new_array(type_id, u64::from(len), init)?)
            }
            ConstOp::I64Add | ConstOp::I64Sub | ConstOp::I64Mul => {
                let b = stack.pop().unwrap_or(0) as u64;
                let a = stack.pop().unwrap_or(0) as u64;
                u128::from(match op {
                    ConstOp::I64Add => a.wrapping_add(b),
                    ConstOp::I64Sub => a.wrapping_sub(b),
                    _ => a.wrapping_mul(b),
                })
            }
        };
        stack.push(value);
    }
    Ok(stack.pop().unwrap_or(0))
}

/// The type of an item as it is now (tables and memories with their current
/// size as minimum), which is what an import is checked against.
fn current_type(store: &StoreOpaque, item: &Extern) -> ExternType {
    match item {
        Extern::Func(f) => ExternType::Func(f.ty_of(store)),
        Extern::Global(g) => ExternType::Global(g.entity(store).ty),
        Extern::Table(t) => ExternType::Table(t.entity(store).current_ty()),
        Extern::Memory(m) => ExternType::Memory(m.entity(store).current_ty()),
        Extern::Tag(t) => ExternType::Tag(store.tags[t.index as usize].ty.clone()),
    }
}

/// Checks one import against what the module declares.
fn check_import(
    store: &StoreOpaque,
    module: &Module,
    kind: &ImportKind,
    item: &Extern,
) -> Result<(), String> {
    let info = &module.inner.info;
    let actual = current_type(store, item);
    let ok = match (kind, item, &actual) {
        (ImportKind::Func(ty), Extern::Func(f), _) => {
            f.entity(store).ty.is_subtype_of(info.signature_id(*ty))
        }
        (ImportKind::Global(expected), _, ExternType::Global(actual)) => {
            actual.mutability() == expected.mutability()
                && if expected.mutability() == crate::Mutability::Var {
                    actual.content() == expected.content()
                } else {
                    actual.content().matches(expected.content())
                }
        }
        (ImportKind::Table(expected), _, ExternType::Table(actual)) => actual.matches(expected),
        (ImportKind::Memory(expected), _, ExternType::Memory(actual)) => actual.matches(expected),
        (ImportKind::Tag(ty), _, ExternType::Tag(actual)) => {
            actual.type_id() == info.signature_id(*ty)
        }
        _ => false,
    };
    if ok {
        return Ok(());
    }
    let expected = match kind {
        ImportKind::Func(ty) => format!("{}", info.types[*ty as usize]),
        ImportKind::Global(g) => format!("{g}"),
        ImportKind::Table(t) => format!("{t}"),
        ImportKind::Memory(m) => format!("{m}"),
        ImportKind::Tag(ty) => format!("tag {}", info.types[*ty as usize]),
    };
    Err(format!("expected {expected}, found {actual}"))
}

/// Whether table 0, when the module declares it of a fixed size, has
/// exactly that size and cannot grow, as compiled code assumes (import
/// matching guarantees it; checked again because a broken assumption would
/// let compiled code read outside the elements).
fn fixed_table0_holds(store: &StoreOpaque, fixed: Option<u64>, tables: &[u32]) -> bool {
    let Some(size) = fixed else {
        return true;
    };
    let table = &store.tables[tables[0] as usize];
    table.elements.len() as u64 == size && table.ty.maximum() == Some(size)
}

pub(crate) fn instantiate(
    store: &mut StoreOpaque,
    data: &mut dyn Any,
    module: &Module,
    imports: &[Extern],
) -> Result<Instance> {
    if !crate::Engine::same(store.engine(), module.engine()) {
        return Err(Error::usage("module was compiled for a different engine"));
    }
    let info = &module.inner.info;
    let (max_instances, _, _) = store.count_limits(data);
    if store.instances.len() >= max_instances {
        return Err(Error::resource_limit(format!(
            "resource limit exceeded: the store may hold at most {max_instances} instances"
        )));
    }
    if imports.len() != info.imports.len() {
        return Err(Error::unlinkable(format!(
            "expected {} imports, found {}",
            info.imports.len(),
            imports.len()
        )));
    }
    let mut funcs = Vec::with_capacity(info.funcs.len());
    let mut tables = Vec::with_capacity(info.tables.len());
    let mut memories = Vec::with_capacity(info.memories.len());
    let mut globals: Vec<*mut u64> = Vec::with_capacity(info.globals.len());
    let mut global_ids = Vec::with_capacity(info.globals.len());
    let mut tags = Vec::with_capacity(info.tags.len());
    for (import, item) in info.imports.iter().zip(imports) {
        if item.store_id() != store.id() {
            return Err(Error::usage(format!(
                "import `{}::{}` comes from another store",
                import.module, import.name
            )));
        }
        check_import(store, module, &import.kind, item).map_err(|detail| {
            Error::unlinkable(format!(
                "incompatible import type for `{}::{}`: {detail}",
                import.module, import.name
            ))
        })?;
        match item {
            Extern::Func(f) => funcs.push(f.index),
            Extern::Table(t) => tables.push(t.index),
            Extern::Memory(m) => memories.push(m.index),
            Extern::Tag(t) => tags.push(t.index),
            Extern::Global(g) => {
                globals.push(store.globals[g.index as usize].value_ptr());
                global_ids.push(g.index);
            }
        }
    }

    let instance_index = store.instances.len() as u32;
    let mut vmctx = Box::new(VmContext {
        store: &mut *store.vm,
        memories: std::ptr::null(),
        memory0: std::ptr::null_mut(),
        globals: std::ptr::null(),
        funcs: std::ptr::null(),
        tables: std::ptr::null(),
        table0: std::ptr::null_mut(),
        code: module.inner.native.cells.as_ptr(),
        instance: std::ptr::null(),
        type_ids: info.type_ids.as_ptr(),
        libcalls: crate::jit::libcall_table(),
    });
    let vmctx_ptr: *mut VmContext = &mut *vmctx;
    for defined in 0..info.bodies.len() as u32 {
        let func_index = info.num_imported_funcs + defined;
        let f = Func::alloc(
            store,
            FuncEntity::new(
                info.func_type_id(func_index),
                FuncKind::Wasm {
                    instance: instance_index,
                    defined,
                    code: CodeRef(&module.inner.code[defined as usize]),
                },
            ),
        );
        let vm = &mut store.vm_funcs[f.index as usize];
        vm.vmctx = vmctx_ptr;
        vm.code = &module.inner.native.cells[defined as usize];
        vm.entry = vm.code();
        funcs.push(f.index);
    }
    for &ty in &info.tags[info.num_imported_tags as usize..] {
        let ty = TagType::registered(info.signature_id(ty));
        tags.push(Tag::alloc(store, ty).index);
    }
    for ty in &info.memories[info.num_imported_memories as usize..] {
        let m = Memory::alloc(store, data, *ty)?;
        memories.push(m.index);
    }
    for (ty, init) in info.globals[info.num_imported_globals as usize..]
        .iter()
        .zip(&info.global_inits)
    {
        let raw = eval_const(init, &funcs, &globals, &mut store.gc)?;
        let g = Global::alloc(store, GlobalEntity::new(*ty, raw));
        globals.push(store.globals[g.index as usize].value_ptr());
        global_ids.push(g.index);
    }
    // Tables after globals: an initializer expression may read any global.
    for (ty, init) in info.tables[info.num_imported_tables as usize..]
        .iter()
        .zip(&info.table_inits)
    {
        let init = match init {
            Some(e) => eval_const(e, &funcs, &globals, &mut store.gc)? as u64,
            None => 0,
        };
        let t = Table::alloc(store, data, *ty, init)?;
        tables.push(t.index);
    }
    let exports: Box<[Extern]> = info
        .exports
        .iter()
        .map(|(_, index)| match *index {
            EntityIndex::Func(i) => Extern::Func(Func {
                store: store.id(),
                index: funcs[i as usize],
            }),
            EntityIndex::Table(i) => Extern::Table(Table {
                store: store.id(),
                index: tables[i as usize],
            }),
            EntityIndex::Memory(i) => Extern::Memory(Memory {
                store: store.id(),
                index: memories[i as usize],
            }),
            EntityIndex::Global(i) => Extern::Global(Global {
                store: store.id(),
                index: global_ids[i as usize],
            }),
            EntityIndex::Tag(i) => Extern::Tag(Tag {
                store: store.id(),
                index: tags[i as usize],
            }),
        })
        .collect();
    let elems: Box<[Box<[u64]>]> = info
        .elems
        .iter()
        .map(|seg| {
            seg.items
                .iter()
                .map(|item| Ok(eval_const(item, &funcs, &globals, &mut store.gc)? as u64))
                .collect::<Result<_, Trap>>()
        })
        .collect::<Result<_, Trap>>()?;
    let data_dropped = info.datas.iter().map(|_| Cell::new(false)).collect();
    // Compiled code assumes every 32-bit memory is static, with a guard
    // region; an instance with another kind (a refused reservation) runs
    // in the interpreter only.
    let table0_fixed = info.tables.first().and_then(|t| t.fixed_size());
    let jit = crate::jit::enabled(store.engine())
        && info
            .memories
            .iter()
            .zip(&memories)
            .all(|(ty, &m)| ty.is_64() || store.memories[m as usize].mem.is_static())
        && fixed_table0_holds(store, table0_fixed, &tables);
    let vm_funcs: Box<[VmFunc]> = funcs
        .iter()
        .map(|&f| {
            let mut vm = store.vm_funcs[f as usize];
            if !jit && !vm.vmctx.is_null() && vm.vmctx == vmctx_ptr {
                vm.code = &super::vmctx::NO_CODE;
                vm.entry = std::ptr::null();
                store.vm_funcs[f as usize] = vm;
            }
            vm
        })
        .collect();
    let vm_memories: Box<[*mut VmMemory]> = memories
        .iter()
        .map(|&m| store.memories[m as usize].mem.vm())
        .collect();
    let vm_tables: Box<[*mut VmTable]> = tables
        .iter()
        .map(|&t| store.tables[t as usize].vm())
        .collect();
    vmctx.funcs = vm_funcs.as_ptr();
    vmctx.memories = vm_memories.as_ptr();
    if let (Some(ty), Some(&m)) = (info.memories.first(), memories.first())
        && !ty.is_64()
        && jit
    {
        // Static (checked above for `jit`): the base never changes.
        vmctx.memory0 = store.memories[m as usize].mem.base();
    }
    vmctx.tables = vm_tables.as_ptr();
    if jit && table0_fixed.is_some() {
        // Checked by `fixed_table0_holds`: the elements never move.
        vmctx.table0 = store.tables[tables[0] as usize].elements.as_mut_ptr();
    }
    store.instances.push(Box::new(InstanceEntity {
        module: module.clone(),
        funcs: funcs.into(),
        tables: tables.into(),
        memories: memories.into(),
        tags: tags.into(),
        globals: globals.into(),
        elems: RefCell::new(elems),
        data_dropped,
        exports,
        index: instance_index,
        vmctx,
        _vm_arrays: (vm_funcs, vm_memories, vm_tables),
    }));
    {
        let entity = &mut store.instances[instance_index as usize];
        let this: *const InstanceEntity = &**entity;
        entity.vmctx.globals = entity.globals.as_ptr();
        entity.vmctx.instance = this;
    }
    let instance = Instance {
        store: store.id(),
        index: instance_index,
    };

    // Active element segments, then active data segments, in order; a segment
    // that does not fit traps, leaving earlier writes in place.
    let entity = &store.instances[instance_index as usize];
    for (i, seg) in info.elems.iter().enumerate() {
        match &seg.mode {
            ElemMode::Active { table, offset } => {
                let offset = eval_const(offset, &entity.funcs, &entity.globals, &mut store.gc)?;
                let offset = offset as u64;
                let table_index = entity.tables[*table as usize];
                let items = std::mem::take(&mut entity.elems.borrow_mut()[i]);
                let table = &mut store.tables[table_index as usize];
                // The offset has the table's index type.
                let offset = if table.ty.is_64() {
                    offset
                } else {
                    offset as u32 as u64
                };
                let end = usize::try_from(offset)
                    .ok()
                    .and_then(|start| Some((start, start.checked_add(items.len())?)));
                match end {
                    Some((start, end)) if end <= table.elements.len() => {
                        table.elements[start..end].copy_from_slice(&items);
                    }
                    _ => return Err(Trap::TableOutOfBounds.into()),
                }
            }
            ElemMode::Declared => {
                entity.elems.borrow_mut()[i] = Box::new([]);
            }
            ElemMode::Passive => {}
        }
    }
    let entity = &store.instances[instance_index as usize];
    for (i, seg) in info.datas.iter().enumerate() {
        if let DataMode::Active { memory, offset } = &seg.mode {
            let offset = eval_const(offset, &entity.funcs, &entity.globals, &mut store.gc)?;
            let offset = offset as u64;
            let offset = if info.memories[*memory as usize].is_64() {
                offset
            } else {
                offset as u32 as u64
            };
            let bytes = &module.inner.bytes[seg.bytes.clone()];
            let mem = &mut store.memories[entity.memories[*memory as usize] as usize].mem;
            let start = usize::try_from(offset).ok();
            let end = start.and_then(|s| s.checked_add(bytes.len()));
            match (start, end) {
                (Some(start), Some(end)) if end <= mem.len() => {
                    mem.bytes_mut()[start..end].copy_from_slice(bytes);
                }
                _ => return Err(Trap::MemoryOutOfBounds.into()),
            }
            entity.data_dropped[i].set(true);
        }
    }
    if let Some(start) = info.start {
        let func = store.instances[instance_index as usize].funcs[start as usize];
        crate::interp::invoke(store, data, func, &mut [])?;
    }
    Ok(instance)
}
