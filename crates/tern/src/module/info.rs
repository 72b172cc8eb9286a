//! `ModuleInfo`: everything the runtime needs to know about a module, built
//! from wasmparser's readers after validation.

use crate::engine::TypeId;
use crate::types::{CompositeType, FuncType, GlobalType, HeapType, MemoryType, TableType};
use std::collections::HashMap;
use std::ops::Range;

/// An import of a module.
#[derive(Debug, Clone)]
pub(crate) struct Import {
    pub module: String,
    pub name: String,
    pub kind: ImportKind,
}

/// What an import must be.
#[derive(Debug, Clone)]
pub(crate) enum ImportKind {
    /// A function of the module's type with this index.
    Func(u32),
    Table(TableType),
    Memory(MemoryType),
    Global(GlobalType),
    /// A tag of the module's type with this index.
    Tag(u32),
}

/// An entity in one of the module's index spaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntityIndex {
    Func(u32),
    Table(u32),
    Memory(u32),
    Global(u32),
    Tag(u32),
}

/// One operation of a constant expression.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum ConstOp {
    I32(i32),
    I64(i64),
    F32(u32),
    F64(u64),
    V128(u128),
    RefNull,
    RefFunc(u32),
    GlobalGet(u32),
    I32Add,
    I32Sub,
    I32Mul,
    I64Add,
    I64Sub,
    I64Mul,
    /// `ref.i31` of the `i32` below.
    RefI31,
    /// `any.convert_extern` or `extern.convert_any` of the reference below.
    RefConvert,
    /// `struct.new` of registered type `type_id`, whose `fields` values
    /// are below.
    StructNew {
        type_id: u32,
        fields: u32,
    },
    /// `struct.new_default`.
    StructNewDefault(u32),
    /// `array.new`: the initial value and the length below.
    ArrayNew(u32),
    /// `array.new_default`: the length below.
    ArrayNewDefault(u32),
    /// `array.new_fixed`: `len` values below.
    ArrayNewFixed {
        type_id: u32,
        len: u32,
    },
}

/// A constant expression (global initializers, segment offsets and items).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ConstExpr {
    pub ops: Box<[ConstOp]>,
}

/// Where an element segment goes.
#[derive(Debug, Clone)]
pub(crate) enum ElemMode {
    Passive,
    Declared,
    Active { table: u32, offset: ConstExpr },
}

/// An element segment.
#[derive(Debug, Clone)]
pub(crate) struct ElemSegment {
    pub mode: ElemMode,
    pub items: Box<[ConstExpr]>,
}

/// Where a data segment goes.
#[derive(Debug, Clone)]
pub(crate) enum DataMode {
    Passive,
    Active { memory: u32, offset: ConstExpr },
}

/// A data segment; its bytes are a range of the module's binary.
#[derive(Debug, Clone)]
pub(crate) struct DataSegment {
    pub mode: DataMode,
    pub bytes: Range<usize>,
}

/// The body of a defined function: a range of the module's binary.
#[derive(Debug, Clone)]
pub(crate) struct FuncBody {
    pub range: Range<usize>,
}

/// The decoded structure of a module.
#[derive(Debug, Default)]
pub(crate) struct ModuleInfo {
    /// The module's name from the name section.
    pub name: Option<String>,
    /// The types of the type section, by type index.
    pub types: Vec<CompositeType>,
    /// Registered (process-wide) raw ids of `types`.
    pub type_ids: Vec<u32>,
    /// Whether each of `types` is final (declared without `sub`, or `sub
    /// final`): no other type can be its subtype.
    pub type_final: Vec<bool>,
    pub imports: Vec<Import>,
    /// Type index of every function, imported ones first.
    pub funcs: Vec<u32>,
    pub tables: Vec<TableType>,
    /// Initial elements of the defined tables (`None`: null), from table
    /// initializer expressions (the function-references proposal).
    pub table_inits: Vec<Option<ConstExpr>>,
    pub memories: Vec<MemoryType>,
    pub globals: Vec<GlobalType>,
    pub num_imported_funcs: u32,
    pub num_imported_tables: u32,
    pub num_imported_memories: u32,
    pub num_imported_globals: u32,
    /// The type index of every tag, imported ones first.
    pub tags: Vec<u32>,
    pub num_imported_tags: u32,
    /// Initializers of the defined globals.
    pub global_inits: Vec<ConstExpr>,
    /// Exports in order.
    pub exports: Vec<(String, EntityIndex)>,
    /// Export name to position in `exports`.
    pub export_names: HashMap<String, usize>,
    pub start: Option<u32>,
    pub elems: Vec<ElemSegment>,
    pub datas: Vec<DataSegment>,
    /// Bodies of the defined functions.
    pub bodies: Vec<FuncBody>,
    /// Function names from the name section.
    pub func_names: HashMap<u32, String>,
}

impl ModuleInfo {
    /// The function type at type index `index` (validation guarantees that
    /// an index used as a function's or a tag's type names one).
    pub fn signature(&self, index: u32) -> &FuncType {
        self.types[index as usize].unwrap_func()
    }

    /// The registered id of the function type at type index `index`.
    pub fn signature_id(&self, index: u32) -> TypeId {
        TypeId(self.type_ids[index as usize])
    }

    /// The type of function `func` (in the function index space).
    pub fn func_type(&self, func: u32) -> &FuncType {
        self.signature(self.funcs[func as usize])
    }

    /// The function type declaring the payload of tag `tag` (in the tag
    /// index space).
    pub fn tag_type(&self, tag: u32) -> &FuncType {
        self.signature(self.tags[tag as usize])
    }

    /// The registered type id of function `func`.
    pub fn func_type_id(&self, func: u32) -> TypeId {
        self.signature_id(self.funcs[func as usize])
    }

    /// The concrete heap type a type index of this module names, for
    /// converting wasmparser's types (`None` if it names no type).
    pub fn resolve(&self, index: wasmparser::UnpackedIndex) -> Option<HeapType> {
        match index {
            wasmparser::UnpackedIndex::Module(i) => {
                let ty = self.types.get(i as usize)?;
                Some(ty.heap_type(self.type_ids[i as usize]))
            }
            _ => None,
        }
    }

    /// The name of function `func`, if the name section gives one.
    pub fn func_name(&self, func: u32) -> Option<&str> {
        self.func_names.get(&func).map(String::as_str)
    }
}
