//! WebAssembly types as seen by embedders: value, function, global, memory,
//! table and extern types, plus import and export descriptions.

use std::fmt;
use std::sync::Arc;

/// The type of a reference's target.
///
/// The abstract types `func`, `extern`, `exn` and `any` each head a
/// hierarchy: below `func` are the concrete function types (the
/// function-references proposal); below `any` are `eq`, then `i31` and the
/// GC proposal's `struct` and `array` with their concrete types; at the
/// bottom of each sits a type with no values but null (`nofunc`,
/// `noextern`, `noexn`, `none`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HeapType {
    /// Any function.
    Func,
    /// Any host reference (`externref`).
    Extern,
    /// Any exception (`exnref`, the exception-handling proposal).
    Exn,
    /// Any internal reference (`anyref`, the GC proposal): an `i31`, a
    /// struct or an array.
    Any,
    /// References that `ref.eq` compares: `i31`, structs and arrays.
    Eq,
    /// An unboxed 31-bit integer (`i31ref`).
    I31,
    /// Any struct.
    Struct,
    /// Any array.
    Array,
    /// No function: only null has this type (`nullfuncref`).
    NoFunc,
    /// No host reference: only null (`nullexternref`).
    NoExtern,
    /// No exception: only null (`nullexnref`).
    NoExn,
    /// No internal reference: only null (`nullref`).
    None,
    /// Functions of one function type, or of its declared subtypes.
    ConcreteFunc(FuncTypeId),
    /// Structs of one struct type, or of its declared subtypes.
    ConcreteStruct(StructTypeId),
    /// Arrays of one array type, or of its declared subtypes.
    ConcreteArray(ArrayTypeId),
}

impl HeapType {
    /// The top of this type's hierarchy: `func`, `extern`, `exn` or `any`.
    pub fn top(&self) -> HeapType {
        use HeapType as H;
        match self {
            H::Func | H::NoFunc | H::ConcreteFunc(_) => H::Func,
            H::Extern | H::NoExtern => H::Extern,
            H::Exn | H::NoExn => H::Exn,
            H::Any
            | H::Eq
            | H::I31
            | H::Struct
            | H::Array
            | H::None
            | H::ConcreteStruct(_)
            | H::ConcreteArray(_) => H::Any,
        }
    }

    /// The bottom of this type's hierarchy, the type of its nulls:
    /// `nofunc`, `noextern`, `noexn` or `none`.
    pub fn bottom(&self) -> HeapType {
        match self.top() {
            HeapType::Func => HeapType::NoFunc,
            HeapType::Extern => HeapType::NoExtern,
            HeapType::Exn => HeapType::NoExn,
            _ => HeapType::None,
        }
    }

    /// Whether a reference to `self` may be used where one to `other` is
    /// expected.
    pub fn matches(&self, other: &HeapType) -> bool {
        use HeapType as H;
        if self == other || *self == other.bottom() {
            return true;
        }
        match (self, other) {
            (H::ConcreteFunc(_), H::Func) => true,
            (H::Eq | H::I31 | H::Struct | H::Array, H::Any) => true,
            (H::I31 | H::Struct | H::Array, H::Eq) => true,
            (H::ConcreteStruct(_), H::Struct | H::Eq | H::Any) => true,
            (H::ConcreteArray(_), H::Array | H::Eq | H::Any) => true,
            (H::ConcreteFunc(a), H::ConcreteFunc(b)) => a.is_subtype_of(*b),
            (H::ConcreteStruct(a), H::ConcreteStruct(b)) => a.is_subtype_of(*b),
            (H::ConcreteArray(a), H::ConcreteArray(b)) => a.is_subtype_of(*b),
            _ => false,
        }
    }

    /// The registered id of a concrete type.
    pub(crate) fn concrete_id(&self) -> Option<u32> {
        match self {
            HeapType::ConcreteFunc(id) => Some(id.0),
            HeapType::ConcreteStruct(id) => Some(id.0),
            HeapType::ConcreteArray(id) => Some(id.0),
            _ => None,
        }
    }

    /// The same kind of concrete type with id `id` (used to rebase ids
    /// relative to a recursion group).
    pub(crate) fn with_concrete_id(self, id: u32) -> HeapType {
        match self {
            HeapType::ConcreteFunc(_) => HeapType::ConcreteFunc(FuncTypeId(id)),
            HeapType::ConcreteStruct(_) => HeapType::ConcreteStruct(StructTypeId(id)),
            HeapType::ConcreteArray(_) => HeapType::ConcreteArray(ArrayTypeId(id)),
            other => other,
        }
    }
}

impl fmt::Display for HeapType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            HeapType::Func => "func",
            HeapType::Extern => "extern",
            HeapType::Exn => "exn",
            HeapType::Any => "any",
            HeapType::Eq => "eq",
            HeapType::I31 => "i31",
            HeapType::Struct => "struct",
            HeapType::Array => "array",
            HeapType::NoFunc => "nofunc",
            HeapType::NoExtern => "noextern",
            HeapType::NoExn => "noexn",
            HeapType::None => "none",
            HeapType::ConcreteFunc(id) => return id.fmt(f),
            HeapType::ConcreteStruct(id) => return id.fmt(f),
            HeapType::ConcreteArray(id) => return id.fmt(f),
        })
    }
}

/// Defines a public id of a registered type of one kind.
macro_rules! registered_type_id {
    ($(#[$doc:meta])* $name:ident, $kind:literal, $ty:ident, $get:ident, $variant:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(transparent)]
        pub struct $name(pub(crate) u32);

        impl $name {
            #[doc = concat!("The ", $kind, " type.")]
            pub fn $get(&self) -> $ty {
                match crate::engine::registered(self.0) {
                    CompositeType::$variant(t) => t,
                    _ => unreachable!(concat!("a ", stringify!($name), " names a ", $kind, " type")),
                }
            }

            /// The declared supertype, if any (the GC proposal's `sub`).
            pub fn supertype(&self) -> Option<$name> {
                crate::engine::supertype(self.0).map($name)
            }

            /// Whether `self` is `other` or declares it as a (transitive)
            /// supertype.
            pub fn is_subtype_of(&self, other: $name) -> bool {
                *self == other || crate::engine::is_subtype(self.0, other.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "${}", self.0)
            }
        }
    };
}

registered_type_id! {
    /// A function type registered with Tern, as concrete reference types
    /// name it: two ids are equal exactly when their types are the same
    /// type (the same structure in the same place of an equivalent
    /// recursion group). Ids are process-wide: they mean the same in every
    /// engine, and function, struct and array types share one numbering.
    FuncTypeId, "function", FuncType, func_type, Func
}

registered_type_id! {
    /// A struct type registered with Tern (the GC proposal); equal exactly
    /// when the types are the same type, as [`FuncTypeId`].
    StructTypeId, "struct", StructType, struct_type, Struct
}

registered_type_id! {
    /// An array type registered with Tern (the GC proposal); equal exactly
    /// when the types are the same type, as [`FuncTypeId`].
    ArrayTypeId, "array", ArrayType, array_type, Array
}

/// What a struct field or an array element stores: a value type, or a
/// packed 8- or 16-bit integer (read back extended to `i32`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StorageType {
    /// An 8-bit integer.
    I8,
    /// A 16-bit integer.
    I16,
    /// A value of this type.
    ValType(ValType),
}

impl StorageType {
    /// The type of the value read from the field: `i32` for packed types.
    pub fn unpacked(&self) -> ValType {
        match self {
            StorageType::I8 | StorageType::I16 => ValType::I32,
            StorageType::ValType(t) => *t,
        }
    }

    fn map_refs(self, f: &impl Fn(HeapType) -> HeapType) -> StorageType {
        match self {
            StorageType::ValType(t) => StorageType::ValType(t.map_refs(f)),
            packed => packed,
        }
    }
}

impl fmt::Display for StorageType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageType::I8 => f.write_str("i8"),
            StorageType::I16 => f.write_str("i16"),
            StorageType::ValType(t) => t.fmt(f),
        }
    }
}

/// A struct field or array element type: what it stores, and whether it
/// may change after the object is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FieldType {
    mutability: Mutability,
    element: StorageType,
}

impl FieldType {
    /// Creates a field type.
    pub fn new(mutability: Mutability, element: StorageType) -> FieldType {
        FieldType {
            mutability,
            element,
        }
    }

    /// Whether the field may be set.
    pub fn mutability(&self) -> Mutability {
        self.mutability
    }

    /// What the field stores.
    pub fn element_type(&self) -> &StorageType {
        &self.element
    }

    fn map_refs(self, f: &impl Fn(HeapType) -> HeapType) -> FieldType {
        FieldType {
            element: self.element.map_refs(f),
            ..self
        }
    }
}

impl fmt::Display for FieldType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.mutability {
            Mutability::Const => self.element.fmt(f),
            Mutability::Var => write!(f, "(mut {})", self.element),
        }
    }
}

/// The type of a struct (the GC proposal): its fields, in order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StructType {
    fields: Arc<[FieldType]>,
}

impl StructType {
    /// Creates a struct type with these fields.
    pub fn new(fields: impl IntoIterator<Item = FieldType>) -> StructType {
        StructType {
            fields: fields.into_iter().collect(),
        }
    }

    /// The fields, in order.
    pub fn fields(&self) -> &[FieldType] {
        &self.fields
    }
}

impl fmt::Display for StructType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(struct")?;
        for field in self.fields.iter() {
            write!(f, " (field {field})")?;
        }
        f.write_str(")")
    }
}

/// The type of an array (the GC proposal): its element type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ArrayType {
    field: FieldType,
}

impl ArrayType {
    /// Creates an array type whose elements have type `field`.
    pub fn new(field: FieldType) -> ArrayType {
        ArrayType { field }
    }

    /// The type of the elements.
    pub fn field_type(&self) -> &FieldType {
        &self.field
    }
}

impl fmt::Display for ArrayType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "(array {})", self.field)
    }
}

/// A type the type section defines: a function, struct or array type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum CompositeType {
    Func(FuncType),
    Struct(StructType),
    Array(ArrayType),
}

impl CompositeType {
    /// The function type; validation guarantees that an index used where
    /// a function type is expected names one.
    pub fn unwrap_func(&self) -> &FuncType {
        match self {
            CompositeType::Func(f) => f,
            other => unreachable!("validated modules use {other} only as a data type"),
        }
    }

    /// The concrete heap type of a type with registered id `id`.
    pub fn heap_type(&self, id: u32) -> HeapType {
        match self {
            CompositeType::Func(_) => HeapType::ConcreteFunc(FuncTypeId(id)),
            CompositeType::Struct(_) => HeapType::ConcreteStruct(StructTypeId(id)),
            CompositeType::Array(_) => HeapType::ConcreteArray(ArrayTypeId(id)),
        }
    }

    /// The same type with `f` applied to every heap type it refers to.
    pub fn map_refs(&self, f: &impl Fn(HeapType) -> HeapType) -> CompositeType {
        match self {
            CompositeType::Func(t) => CompositeType::Func(FuncType::new(
                t.params().iter().map(|v| v.map_refs(f)),
                t.results().iter().map(|v| v.map_refs(f)),
            )),
            CompositeType::Struct(t) => {
                CompositeType::Struct(StructType::new(t.fields().iter().map(|x| x.map_refs(f))))
            }
            CompositeType::Array(t) => CompositeType::Array(ArrayType::new(t.field.map_refs(f))),
        }
    }

    /// Whether any heap type it refers to satisfies `pred`.
    pub fn refers_to(&self, pred: impl Fn(HeapType) -> bool) -> bool {
        let val = |t: &ValType| matches!(t, ValType::Ref(r) if pred(r.heap_type()));
        let field = |x: &FieldType| matches!(x.element, StorageType::ValType(t) if val(&t));
        match self {
            CompositeType::Func(t) => t.params().iter().chain(t.results()).any(val),
            CompositeType::Struct(t) => t.fields().iter().any(field),
            CompositeType::Array(t) => field(&t.field),
        }
    }
}

impl fmt::Display for CompositeType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompositeType::Func(t) => t.fmt(f),
            CompositeType::Struct(t) => t.fmt(f),
            CompositeType::Array(t) => t.fmt(f),
        }
    }
}

/// A reference type: a heap type and whether `null` is a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RefType {
    nullable: bool,
    heap_type: HeapType,
}

impl RefType {
    /// `funcref`: a nullable reference to any function.
    pub const FUNCREF: RefType = RefType::new(true, HeapType::Func);
    /// `externref`: a nullable reference to any host value.
    pub const EXTERNREF: RefType = RefType::new(true, HeapType::Extern);
    /// `exnref`: a nullable reference to a caught exception.
    pub const EXNREF: RefType = RefType::new(true, HeapType::Exn);
    /// `anyref`: a nullable internal reference (the GC proposal).
    pub const ANYREF: RefType = RefType::new(true, HeapType::Any);

    /// Creates a reference type.
    pub const fn new(nullable: bool, heap_type: HeapType) -> Self {
        RefType {
            nullable,
            heap_type,
        }
    }

    /// Whether `null` is a value of this type.
    pub fn is_nullable(&self) -> bool {
        self.nullable
    }

    /// The type of the referenced value.
    pub fn heap_type(&self) -> HeapType {
        self.heap_type
    }

    /// Whether a value of `self` may be used where `other` is expected.
    pub fn matches(&self, other: &RefType) -> bool {
        self.heap_type.matches(&other.heap_type) && (!self.nullable || other.nullable)
    }
}

impl fmt::Display for RefType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.nullable, self.heap_type) {
            (true, HeapType::Func) => f.write_str("funcref"),
            (true, HeapType::Extern) => f.write_str("externref"),
            (true, HeapType::Exn) => f.write_str("exnref"),
            (true, HeapType::NoFunc) => f.write_str("nullfuncref"),
            (true, HeapType::NoExtern) => f.write_str("nullexternref"),
            (true, HeapType::NoExn) => f.write_str("nullexnref"),
            (true, HeapType::Any) => f.write_str("anyref"),
            (true, HeapType::Eq) => f.write_str("eqref"),
            (true, HeapType::I31) => f.write_str("i31ref"),
            (true, HeapType::Struct) => f.write_str("structref"),
            (true, HeapType::Array) => f.write_str("arrayref"),
            (true, HeapType::None) => f.write_str("nullref"),
            (true, h) => write!(f, "(ref null {h})"),
            (false, h) => write!(f, "(ref {h})"),
        }
    }
}

/// The type of a WebAssembly value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValType {
    /// 32-bit integer.
    I32,
    /// 64-bit integer.
    I64,
    /// 32-bit IEEE 754 float.
    F32,
    /// 64-bit IEEE 754 float.
    F64,
    /// 128-bit vector.
    V128,
    /// A reference.
    Ref(RefType),
}

impl ValType {
    /// `funcref`.
    pub const FUNCREF: ValType = ValType::Ref(RefType::FUNCREF);
    /// `externref`.
    pub const EXTERNREF: ValType = ValType::Ref(RefType::EXTERNREF);
    /// `anyref` (the GC proposal).
    pub const ANYREF: ValType = ValType::Ref(RefType::ANYREF);

    /// Whether this is `i32`, `i64`, `f32` or `f64`.
    pub fn is_num(&self) -> bool {
        matches!(
            self,
            ValType::I32 | ValType::I64 | ValType::F32 | ValType::F64
        )
    }

    /// Whether this is a reference type.
    pub fn is_ref(&self) -> bool {
        matches!(self, ValType::Ref(_))
    }

    /// The reference type, if this is one.
    pub fn as_ref(&self) -> Option<&RefType> {
        match self {
            ValType::Ref(r) => Some(r),
            _ => None,
        }
    }

    /// Whether a value of `self` may be used where `other` is expected.
    pub fn matches(&self, other: &ValType) -> bool {
        match (self, other) {
            (ValType::Ref(a), ValType::Ref(b)) => a.matches(b),
            (a, b) => a == b,
        }
    }

    /// The same type with `f` applied to the heap type of a reference.
    pub(crate) fn map_refs(self, f: &impl Fn(HeapType) -> HeapType) -> ValType {
        match self {
            ValType::Ref(r) => ValType::Ref(RefType::new(r.nullable, f(r.heap_type))),
            other => other,
        }
    }

    /// Converts a wasmparser type; `resolve` gives the heap type a
    /// concrete type index names.
    pub(crate) fn from_wasmparser(
        ty: wasmparser::ValType,
        resolve: Resolve<'_>,
    ) -> Option<ValType> {
        Some(match ty {
            wasmparser::ValType::I32 => ValType::I32,
            wasmparser::ValType::I64 => ValType::I64,
            wasmparser::ValType::F32 => ValType::F32,
            wasmparser::ValType::F64 => ValType::F64,
            wasmparser::ValType::V128 => ValType::V128,
            wasmparser::ValType::Ref(r) => ValType::Ref(RefType::from_wasmparser(r, resolve)?),
        })
    }
}

/// Maps a type index of a module (or of the recursion group being read) to
/// the concrete heap type of the type it names.
pub(crate) type Resolve<'a> = &'a dyn Fn(wasmparser::UnpackedIndex) -> Option<HeapType>;

impl RefType {
    pub(crate) fn from_wasmparser(r: wasmparser::RefType, resolve: Resolve<'_>) -> Option<RefType> {
        use wasmparser::{AbstractHeapType as A, HeapType as H};
        let heap_type = match r.heap_type() {
            H::Abstract { shared: false, ty } => match ty {
                A::Func => HeapType::Func,
                A::Extern => HeapType::Extern,
                A::Exn => HeapType::Exn,
                A::NoFunc => HeapType::NoFunc,
                A::NoExtern => HeapType::NoExtern,
                A::NoExn => HeapType::NoExn,
                A::Any => HeapType::Any,
                A::Eq => HeapType::Eq,
                A::I31 => HeapType::I31,
                A::Struct => HeapType::Struct,
                A::Array => HeapType::Array,
                A::None => HeapType::None,
                _ => return None,
            },
            H::Concrete(index) => resolve(index)?,
            _ => return None,
        };
        Some(RefType::new(r.is_nullable(), heap_type))
    }
}

impl fmt::Display for ValType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValType::I32 => f.write_str("i32"),
            ValType::I64 => f.write_str("i64"),
            ValType::F32 => f.write_str("f32"),
            ValType::F64 => f.write_str("f64"),
            ValType::V128 => f.write_str("v128"),
            ValType::Ref(r) => r.fmt(f),
        }
    }
}

/// The type of a function: its parameters and results.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct FuncType {
    /// Parameters followed by results.
    types: Arc<[ValType]>,
    num_params: usize,
}

impl FuncType {
    /// Creates a function type from its parameter and result types.
    pub fn new(
        params: impl IntoIterator<Item = ValType>,
        results: impl IntoIterator<Item = ValType>,
    ) -> FuncType {
        let mut types: Vec<ValType> = params.into_iter().collect();
        let num_params = types.len();
        types.extend(results);
        FuncType {
            types: types.into(),
            num_params,
        }
    }

    /// The parameter types.
    pub fn params(&self) -> &[ValType] {
        &self.types[..self.num_params]
    }

    /// The result types.
    pub fn results(&self) -> &[ValType] {
        &self.types[self.num_params..]
    }
}

impl fmt::Debug for FuncType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for FuncType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(func")?;
        if !self.params().is_empty() {
            f.write_str(" (param")?;
            for p in self.params() {
                write!(f, " {p}")?;
            }
            f.write_str(")")?;
        }
        if !self.results().is_empty() {
            f.write_str(" (result")?;
            for r in self.results() {
                write!(f, " {r}")?;
            }
            f.write_str(")")?;
        }
        f.write_str(")")
    }
}

/// Whether a global can be changed after instantiation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mutability {
    /// Immutable (`(global i32 ...)`).
    Const,
    /// Mutable (`(global (mut i32) ...)`).
    Var,
}

/// The type of a global: its content type and mutability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GlobalType {
    content: ValType,
    mutability: Mutability,
}

impl GlobalType {
    /// Creates a global type.
    pub fn new(content: ValType, mutability: Mutability) -> GlobalType {
        GlobalType {
            content,
            mutability,
        }
    }

    /// The type of the value held.
    pub fn content(&self) -> &ValType {
        &self.content
    }

    /// Whether the global is mutable.
    pub fn mutability(&self) -> Mutability {
        self.mutability
    }
}

impl fmt::Display for GlobalType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.mutability {
            Mutability::Const => write!(f, "(global {})", self.content),
            Mutability::Var => write!(f, "(global (mut {}))", self.content),
        }
    }
}

/// The type of a linear memory: limits in 64 KiB pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MemoryType {
    minimum: u64,
    maximum: Option<u64>,
    is_64: bool,
    shared: bool,
}

impl MemoryType {
    /// A 32-bit memory of `minimum` pages, growable to `maximum` pages.
    pub fn new(minimum: u32, maximum: Option<u32>) -> MemoryType {
        MemoryType {
            minimum: u64::from(minimum),
            maximum: maximum.map(u64::from),
            is_64: false,
            shared: false,
        }
    }

    /// A 64-bit memory (memory64) of `minimum` pages, growable to `maximum`
    /// pages.
    pub fn new64(minimum: u64, maximum: Option<u64>) -> MemoryType {
        MemoryType {
            minimum,
            maximum,
            is_64: true,
            shared: false,
        }
    }

    pub(crate) fn from_wasmparser(ty: &wasmparser::MemoryType) -> MemoryType {
        MemoryType {
            minimum: ty.initial,
            maximum: ty.maximum,
            is_64: ty.memory64,
            shared: ty.shared,
        }
    }

    /// Initial size in pages.
    pub fn minimum(&self) -> u64 {
        self.minimum
    }

    /// Maximum size in pages, if bounded.
    pub fn maximum(&self) -> Option<u64> {
        self.maximum
    }

    /// Whether addresses are 64-bit (memory64).
    pub fn is_64(&self) -> bool {
        self.is_64
    }

    /// Whether the memory is shared between threads.
    pub fn is_shared(&self) -> bool {
        self.shared
    }

    /// The same type with a (current) minimum of `pages`.
    pub(crate) fn with_minimum(self, pages: u64) -> MemoryType {
        MemoryType {
            minimum: pages,
            ..self
        }
    }

    /// Whether a memory of this type may be imported where `expected` is declared.
    pub(crate) fn matches(&self, expected: &MemoryType) -> bool {
        self.is_64 == expected.is_64
            && self.shared == expected.shared
            && limits_match(
                self.minimum,
                self.maximum,
                expected.minimum,
                expected.maximum,
            )
    }
}

impl fmt::Display for MemoryType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(memory")?;
        if self.is_64 {
            f.write_str(" i64")?;
        }
        write!(f, " {}", self.minimum)?;
        if let Some(max) = self.maximum {
            write!(f, " {max}")?;
        }
        f.write_str(")")
    }
}

/// The type of a table: element type and limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TableType {
    element: RefType,
    minimum: u64,
    maximum: Option<u64>,
    /// Indexed by `i64` (the memory64 proposal's 64-bit tables).
    table64: bool,
}

impl TableType {
    /// A table of `element` references, `minimum` long, growable to `maximum`.
    pub fn new(element: RefType, minimum: u32, maximum: Option<u32>) -> TableType {
        TableType {
            element,
            minimum: u64::from(minimum),
            maximum: maximum.map(u64::from),
            table64: false,
        }
    }

    /// A table indexed by `i64` (memory64's 64-bit tables).
    pub fn new64(element: RefType, minimum: u64, maximum: Option<u64>) -> TableType {
        TableType {
            element,
            minimum,
            maximum,
            table64: true,
        }
    }

    /// Whether the table is indexed by `i64`.
    pub fn is_64(&self) -> bool {
        self.table64
    }

    pub(crate) fn from_wasmparser(
        ty: &wasmparser::TableType,
        resolve: Resolve<'_>,
    ) -> Option<TableType> {
        Some(TableType {
            element: RefType::from_wasmparser(ty.element_type, resolve)?,
            minimum: ty.initial,
            maximum: ty.maximum,
            table64: ty.table64,
        })
    }

    /// The type of the elements.
    pub fn element(&self) -> &RefType {
        &self.element
    }

    /// Initial number of elements.
    pub fn minimum(&self) -> u64 {
        self.minimum
    }

    /// Maximum number of elements, if bounded.
    pub fn maximum(&self) -> Option<u64> {
        self.maximum
    }

    /// The size of a table of this type when it can never change (its
    /// maximum is its minimum): a table imported with such a type has
    /// exactly that size too.
    pub(crate) fn fixed_size(&self) -> Option<u64> {
        (self.maximum == Some(self.minimum)).then_some(self.minimum)
    }

    /// The same type with a (current) minimum of `elements`.
    pub(crate) fn with_minimum(self, elements: u64) -> TableType {
        TableType {
            minimum: elements,
            ..self
        }
    }

    /// Whether a table of this type may be imported where `expected` is declared.
    pub(crate) fn matches(&self, expected: &TableType) -> bool {
        self.element == expected.element
            && self.table64 == expected.table64
            && limits_match(
                self.minimum,
                self.maximum,
                expected.minimum,
                expected.maximum,
            )
    }
}

impl fmt::Display for TableType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "(table {}", self.minimum)?;
        if let Some(max) = self.maximum {
            write!(f, " {max}")?;
        }
        write!(f, " {})", self.element)
    }
}

fn limits_match(min: u64, max: Option<u64>, exp_min: u64, exp_max: Option<u64>) -> bool {
    if min < exp_min {
        return false;
    }
    match (max, exp_max) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(m), Some(e)) => m <= e,
    }
}

/// The type of something that can be imported or exported.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ExternType {
    /// A function.
    Func(FuncType),
    /// A global.
    Global(GlobalType),
    /// A table.
    Table(TableType),
    /// A linear memory.
    Memory(MemoryType),
    /// An exception tag.
    Tag(TagType),
}

/// The type of an exception tag: the types of the values an exception
/// with this tag carries (a function type without results).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TagType {
    ty: FuncType,
    /// The registered type: tags match on it (equal structure in
    /// different recursion groups is a different type).
    id: FuncTypeId,
}

impl TagType {
    /// A tag whose exceptions carry values of type `ty`'s parameters
    /// (`ty` has no results).
    pub fn new(ty: FuncType) -> TagType {
        let id = crate::engine::register_func(&ty);
        TagType { ty, id }
    }

    /// The tag type of a module's registered function type.
    pub(crate) fn registered(id: FuncTypeId) -> TagType {
        TagType {
            ty: id.func_type(),
            id,
        }
    }

    /// The registered id of the declaring function type.
    pub fn type_id(&self) -> FuncTypeId {
        self.id
    }

    /// The function type that declares the tag's payload.
    pub fn ty(&self) -> &FuncType {
        &self.ty
    }
}

impl fmt::Display for TagType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "tag {}", self.ty)
    }
}

impl ExternType {
    /// A short name of the kind: `func`, `global`, `table`, `memory` or
    /// `tag`.
    pub fn kind_name(&self) -> &'static str {
        match self {
            ExternType::Func(_) => "func",
            ExternType::Global(_) => "global",
            ExternType::Table(_) => "table",
            ExternType::Memory(_) => "memory",
            ExternType::Tag(_) => "tag",
        }
    }

    /// The function type, if this is a function.
    pub fn func(&self) -> Option<&FuncType> {
        match self {
            ExternType::Func(t) => Some(t),
            _ => None,
        }
    }

    /// The global type, if this is a global.
    pub fn global(&self) -> Option<&GlobalType> {
        match self {
            ExternType::Global(t) => Some(t),
            _ => None,
        }
    }

    /// The table type, if this is a table.
    pub fn table(&self) -> Option<&TableType> {
        match self {
            ExternType::Table(t) => Some(t),
            _ => None,
        }
    }

    /// The memory type, if this is a memory.
    pub fn memory(&self) -> Option<&MemoryType> {
        match self {
            ExternType::Memory(t) => Some(t),
            _ => None,
        }
    }
}

impl fmt::Display for ExternType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExternType::Func(t) => t.fmt(f),
            ExternType::Global(t) => t.fmt(f),
            ExternType::Table(t) => t.fmt(f),
            ExternType::Memory(t) => t.fmt(f),
            ExternType::Tag(t) => t.fmt(f),
        }
    }
}

/// One import of a module: where it comes from and what it must be.
#[derive(Debug, Clone)]
pub struct ImportType<'module> {
    module: &'module str,
    name: &'module str,
    ty: ExternType,
}

impl<'module> ImportType<'module> {
    pub(crate) fn new(module: &'module str, name: &'module str, ty: ExternType) -> Self {
        ImportType { module, name, ty }
    }

    /// The module name of the import.
    pub fn module(&self) -> &'module str {
        self.module
    }

    /// The field name of the import.
    pub fn name(&self) -> &'module str {
        self.name
    }

    /// The type the import must have.
    pub fn ty(&self) -> ExternType {
        self.ty.clone()
    }
}

/// One export of a module: its name and type.
#[derive(Debug, Clone)]
pub struct ExportType<'module> {
    name: &'module str,
    ty: ExternType,
}

impl<'module> ExportType<'module> {
    pub(crate) fn new(name: &'module str, ty: ExternType) -> Self {
        ExportType { name, ty }
    }

    /// The export's name.
    pub fn name(&self) -> &'module str {
        self.name
    }

    /// The export's type.
    pub fn ty(&self) -> ExternType {
        self.ty.clone()
    }
}
