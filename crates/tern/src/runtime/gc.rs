//! References of the `any` hierarchy (the GC proposal) and the store's
//! heap of structs and arrays.
//!
//! In a slot, such a reference is one 64-bit word: `0` is null; an
//! `i31ref` is its 31-bit payload shifted left once with the low bit set
//! (so its high half is 0); a struct or array is a handle into the store's
//! [`GcHeap`]: the object's slot index plus one in the low half, and in the
//! high half the slot's generation (1 to 2^30 - 1, never 0, so a stale
//! handle is recognised rather than resolved to a later object) under the
//! tag bit [`OBJECT`] (so no `exnref` word, which has the same layout, is
//! taken for an object's). Every
//! reference has one word, so `ref.eq` compares words.
//!
//! `any.convert_extern` and `extern.convert_any` flip the top bit of a
//! non-null word ([`HOST`]): an `anyref` with it set is a host reference
//! made internal (an `externref`'s word below it), and an `externref` with
//! it set is an `anyref` made external, so converting back and forth gives
//! the very word converted. As an `externref` may thus hold a GC object,
//! with GC on compiled code holds no `externref` either.
//!
//! The heap is collected as the exception arena is, conservatively: when
//! the bytes allocated since the last collection reach those that survived
//! it (at least 1 MiB, and at least the bytes of roots it scanned), every
//! word that can hold a reference (the interpreter's value stack, globals,
//! tables, element segments and exception payloads) keeps alive the object
//! it names, and objects keep the objects their reference fields name. Functions that hold such
//! references run in the interpreter only, so none lives in a register or
//! a frame of compiled code. A word that happens to equal a live handle
//! keeps an object alive longer, never frees one too early. The heap's
//! size is capped (`Config::max_gc_heap`): an allocation past the cap
//! traps with [`Trap::AllocationTooLarge`](crate::Trap::AllocationTooLarge).

use super::func::ExternRef;
use super::instance::InstanceEntity;
use super::store::{AsContext, AsContextMut, StoreId, StoreOpaque};
use crate::Trap;
use crate::Val;
use crate::engine::Supertypes;
use crate::types::{
    ArrayTypeId, CompositeType, FieldType, HeapType, Mutability, RefType, StorageType,
    StructTypeId, ValType,
};
use std::collections::HashMap;
use std::ops::Range;

/// The payload of an `i31ref`: a 31-bit integer, read back sign- or
/// zero-extended to 32 bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct I31(u32);

impl I31 {
    /// The `i31` of `value`, if it fits in 31 unsigned bits.
    pub fn new_u32(value: u32) -> Option<I31> {
        (value < 1 << 31).then_some(I31(value))
    }

    /// The `i31` of `value`, if it fits in 31 signed bits.
    pub fn new_i32(value: i32) -> Option<I31> {
        ((-(1 << 30)..1 << 30).contains(&value)).then_some(I31(value as u32 & 0x7fff_ffff))
    }

    /// The low 31 bits of `value`, as `ref.i31` takes them.
    pub fn wrapping_u32(value: u32) -> I31 {
        I31(value & 0x7fff_ffff)
    }

    /// The low 31 bits of `value`, as `ref.i31` takes them.
    pub fn wrapping_i32(value: i32) -> I31 {
        I31::wrapping_u32(value as u32)
    }

    /// The value zero-extended (`i31.get_u`).
    pub fn get_u32(&self) -> u32 {
        self.0
    }

    /// The value sign-extended (`i31.get_s`).
    pub fn get_i32(&self) -> i32 {
        ((self.0 << 1) as i32) >> 1
    }
}

/// A non-null reference of the `any` hierarchy: an `i31ref`, a struct or
/// an array.
///
/// Structs and arrays are collected once nothing in WebAssembly refers to
/// them: a reference the host keeps across later calls may go stale, and
/// then the methods that read the object say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AnyRef {
    pub(crate) store: StoreId,
    pub(crate) raw: u64,
}

impl AnyRef {
    /// The `i31ref` of `value`.
    pub fn from_i31(mut store: impl AsContextMut, value: I31) -> AnyRef {
        AnyRef {
            store: store.as_context_mut().opaque.id(),
            raw: i31_raw(value.0),
        }
    }

    pub(crate) fn from_raw(store: StoreId, raw: u64) -> Option<AnyRef> {
        (raw != 0).then_some(AnyRef { store, raw })
    }

    /// Whether this is an `i31ref`.
    pub fn is_i31(&self) -> bool {
        is_i31(self.raw)
    }

    fn kind(&self, store: &StoreOpaque) -> crate::Result<Option<bool>> {
        store.check(self.store);
        if self.is_i31() || is_host(self.raw) {
            return Ok(None);
        }
        store.gc.is_array(self.raw).map(Some).ok_or_else(stale)
    }

    /// The payload, if this is an `i31ref`.
    pub fn as_i31(&self) -> Option<I31> {
        i31_get(self.raw, false).map(I31)
    }

    /// The struct, if this is one.
    pub fn as_struct(&self, store: impl AsContext) -> crate::Result<Option<StructRef>> {
        let is = self.kind(store.as_context().opaque)? == Some(false);
        Ok(is.then_some(StructRef(*self)))
    }

    /// The array, if this is one.
    pub fn as_array(&self, store: impl AsContext) -> crate::Result<Option<ArrayRef>> {
        let is = self.kind(store.as_context().opaque)? == Some(true);
        Ok(is.then_some(ArrayRef(*self)))
    }

    /// Whether this is a struct.
    pub fn is_struct(&self, store: impl AsContext) -> crate::Result<bool> {
        Ok(self.kind(store.as_context().opaque)? == Some(false))
    }

    /// Whether this is an array.
    pub fn is_array(&self, store: impl AsContext) -> crate::Result<bool> {
        Ok(self.kind(store.as_context().opaque)? == Some(true))
    }

    /// Whether this reference has heap type `ty` (or a subtype of it);
    /// false for a stale reference.
    pub(crate) fn matches(&self, store: &StoreOpaque, ty: HeapType) -> bool {
        let target = CastTarget::new(RefType::new(false, ty), false);
        self.store == store.id()
            && (self.is_i31() || is_host(self.raw) || store.gc.is_array(self.raw).is_some())
            && target.test(store, self.raw)
    }

    /// `any.convert_extern`: the host reference `host` as an `anyref` (an
    /// `anyref` made external comes back as itself).
    pub fn convert_extern(mut store: impl AsContextMut, host: ExternRef) -> AnyRef {
        let store = store.as_context_mut().opaque;
        store.check(host.store);
        AnyRef {
            store: host.store,
            raw: convert(host.raw),
        }
    }
}

/// A struct (the GC proposal), for the host to read and write; see
/// [`AnyRef::as_struct`]. Like an [`AnyRef`], it goes stale once nothing in
/// WebAssembly refers to the struct and a collection frees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StructRef(AnyRef);

/// An array (the GC proposal), for the host to read and write; see
/// [`AnyRef::as_array`]. It may go stale as a [`StructRef`] may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ArrayRef(AnyRef);

/// The error for a host reference to an object that was collected.
fn stale() -> crate::Error {
    crate::Error::usage("the GC reference is stale (it was collected)")
}

/// The registered type of the live object `r` names, or a stale-reference
/// error.
fn object_type(store: &StoreOpaque, r: &AnyRef) -> crate::Result<u32> {
    store.check(r.store);
    store.gc.type_id_of(r.raw).ok_or_else(stale)
}

/// Checks that `value` may be stored in a field of type `field`.
fn check_store(store: &StoreOpaque, field: &FieldType, value: &Val) -> crate::Result<()> {
    if field.mutability() != Mutability::Var {
        return Err(crate::Error::usage("the field is immutable"));
    }
    let ty = field.element_type().unpacked();
    if !value.comes_from(store) || !value.matches_ty_in(store, &ty) {
        return Err(crate::Error::usage(format!(
            "a {} cannot be stored in a field of type {field}",
            value.ty()
        )));
    }
    Ok(())
}

impl StructRef {
    /// The struct as an `anyref`.
    pub fn to_anyref(&self) -> AnyRef {
        self.0
    }

    /// The struct's type.
    pub fn ty(&self, store: impl AsContext) -> crate::Result<StructTypeId> {
        Ok(StructTypeId(object_type(
            store.as_context().opaque,
            &self.0,
        )?))
    }

    fn field_type(&self, store: &StoreOpaque, index: usize) -> crate::Result<FieldType> {
        let ty = StructTypeId(object_type(store, &self.0)?).struct_type();
        ty.fields()
            .get(index)
            .copied()
            .ok_or_else(|| crate::Error::usage(format!("the struct has no field {index}")))
    }

    /// Field `index` (a packed `i8` or `i16` field zero-extended to
    /// `i32`, as `struct.get_u` reads it).
    pub fn field(&self, store: impl AsContext, index: usize) -> crate::Result<Val> {
        let store = store.as_context().opaque;
        let ty = self.field_type(store, index)?.element_type().unpacked();
        let (raw, _) = store
            .gc
            .struct_get(self.0.raw, index as u32)
            .ok_or_else(stale)?;
        Ok(Val::from_raw128(store.id(), raw, &ty))
    }

    /// Sets field `index`, which must be mutable, to `value` (of its type;
    /// a packed field keeps the low bits).
    pub fn set_field(
        &self,
        mut store: impl AsContextMut,
        index: usize,
        value: Val,
    ) -> crate::Result<()> {
        let store = store.as_context_mut().opaque;
        check_store(store, &self.field_type(store, index)?, &value)?;
        store
            .gc
            .struct_set(self.0.raw, index as u32, value.to_raw128())
            .ok_or_else(stale)
    }
}

impl ArrayRef {
    /// The array as an `anyref`.
    pub fn to_anyref(&self) -> AnyRef {
        self.0
    }

    /// The array's type.
    pub fn ty(&self, store: impl AsContext) -> crate::Result<ArrayTypeId> {
        Ok(ArrayTypeId(object_type(
            store.as_context().opaque,
            &self.0,
        )?))
    }

    /// The number of elements.
    pub fn len(&self, store: impl AsContext) -> crate::Result<u32> {
        let store = store.as_context().opaque;
        object_type(store, &self.0)?;
        Ok(store.gc.array_len(self.0.raw).unwrap_or(0))
    }

    /// Whether the array has no elements.
    pub fn is_empty(&self, store: impl AsContext) -> crate::Result<bool> {
        Ok(self.len(store)? == 0)
    }

    /// Element `index` (packed elements zero-extended to `i32`).
    pub fn get(&self, store: impl AsContext, index: u32) -> crate::Result<Val> {
        let store = store.as_context().opaque;
        let ty = ArrayTypeId(object_type(store, &self.0)?).array_type();
        let (raw, _) = store
            .gc
            .array_get(self.0.raw, index)
            .map_err(|_| crate::Error::usage(format!("the array has no element {index}")))?;
        Ok(Val::from_raw128(
            store.id(),
            raw,
            &ty.field_type().element_type().unpacked(),
        ))
    }

    /// Sets element `index` to `value` (the array's elements must be
    /// mutable).
    pub fn set(&self, mut store: impl AsContextMut, index: u32, value: Val) -> crate::Result<()> {
        let store = store.as_context_mut().opaque;
        let ty = ArrayTypeId(object_type(store, &self.0)?).array_type();
        check_store(store, ty.field_type(), &value)?;
        store
            .gc
            .array_fill(self.0.raw, index, value.to_raw128(), 1)
            .map_err(|_| crate::Error::usage(format!("the array has no element {index}")))
    }
}

impl ExternRef {
    /// `extern.convert_any`: `any` as an `externref` (a host reference made
    /// internal comes back as itself).
    pub fn convert_any(store: impl AsContext, any: AnyRef) -> ExternRef {
        store.as_context().opaque.check(any.store);
        ExternRef {
            store: any.store,
            raw: convert(any.raw),
        }
    }
}

/// Set in a word converted between the `any` and `extern` hierarchies.
pub(crate) const HOST: u64 = 1 << 63;

/// Set in the word of a struct or array.
const OBJECT: u64 = 1 << 62;

/// The index part of an object's word.
const INDEX: u64 = 0xffff_ffff;

/// `any.convert_extern` and `extern.convert_any`: null stays null, any
/// other word flips [`HOST`].
pub(crate) fn convert(raw: u64) -> u64 {
    if raw == 0 { 0 } else { raw ^ HOST }
}

/// Whether the non-null `any` word `raw` is an `i31ref`.
fn is_i31(raw: u64) -> bool {
    raw >> 32 == 0
}

/// Whether the non-null `any` word `raw` is a host reference made internal
/// (not an `eqref`).
fn is_host(raw: u64) -> bool {
    raw & HOST != 0
}

/// The word of the `i31ref` of the low 31 bits of `value` (`ref.i31`).
pub(crate) fn i31_raw(value: u32) -> u64 {
    u64::from((value << 1) | 1)
}

/// The payload of the `i31ref` word `raw`, sign- or zero-extended; `None`
/// for null.
pub(crate) fn i31_get(raw: u64, signed: bool) -> Option<u32> {
    let word = u32::try_from(raw).ok().filter(|w| w & 1 == 1)?;
    Some(if signed {
        ((word as i32) >> 1) as u32
    } else {
        word >> 1
    })
}

/// What `ref.test`, `ref.cast` and `br_on_cast` check a reference
/// against, as an instruction carries it: a code for the heap type, whether
/// null passes, and for a concrete type its registered id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CastTarget {
    /// `HEAP_*` code, `NULLABLE` and `FINAL` bits.
    pub kind: u32,
    /// The registered id of a concrete type (else 0).
    pub type_id: u32,
}

const HEAP_ANY: u32 = 0;
const HEAP_EQ: u32 = 1;
const HEAP_I31: u32 = 2;
const HEAP_STRUCT: u32 = 3;
const HEAP_ARRAY: u32 = 4;
/// `func`, `extern` and `exn`: every non-null reference of the hierarchy.
const HEAP_TOP: u32 = 5;
/// `none`, `nofunc`, `noextern` and `noexn`: no non-null reference.
const HEAP_BOTTOM: u32 = 6;
const HEAP_CONCRETE_FUNC: u32 = 7;
const HEAP_CONCRETE_STRUCT: u32 = 8;
const HEAP_CONCRETE_ARRAY: u32 = 9;
const HEAP_MASK: u32 = 0xf;
const NULLABLE: u32 = 1 << 4;
/// The concrete type is final: only that very type passes.
const FINAL: u32 = 1 << 5;

impl CastTarget {
    /// The target of a cast to `ty`; `is_final` tells whether a concrete
    /// type can have subtypes.
    pub fn new(ty: RefType, is_final: bool) -> CastTarget {
        let heap = ty.heap_type();
        let code = match heap {
            HeapType::Any => HEAP_ANY,
            HeapType::Eq => HEAP_EQ,
            HeapType::I31 => HEAP_I31,
            HeapType::Struct => HEAP_STRUCT,
            HeapType::Array => HEAP_ARRAY,
            HeapType::Func | HeapType::Extern | HeapType::Exn => HEAP_TOP,
            HeapType::ConcreteFunc(_) => HEAP_CONCRETE_FUNC,
            HeapType::ConcreteStruct(_) => HEAP_CONCRETE_STRUCT,
            HeapType::ConcreteArray(_) => HEAP_CONCRETE_ARRAY,
            _ => HEAP_BOTTOM,
        };
        let mut kind = code;
        if ty.is_nullable() {
            kind |= NULLABLE;
        }
        if is_final {
            kind |= FINAL;
        }
        CastTarget {
            kind,
            type_id: heap.concrete_id().unwrap_or(0),
        }
    }

    /// Whether the reference word `raw` (of the hierarchy the validated
    /// cast names) passes.
    pub fn test(self, store: &StoreOpaque, raw: u64) -> bool {
        if raw == 0 {
            return self.kind & NULLABLE != 0;
        }
        let exact = self.kind & FINAL != 0;
        let gc = &store.gc;
        match self.kind & HEAP_MASK {
            HEAP_TOP | HEAP_ANY => true,
            HEAP_EQ => !is_host(raw),
            HEAP_BOTTOM => false,
            HEAP_I31 => is_i31(raw),
            HEAP_STRUCT => gc.is_array(raw) == Some(false),
            HEAP_ARRAY => gc.is_array(raw) == Some(true),
            HEAP_CONCRETE_STRUCT | HEAP_CONCRETE_ARRAY => gc.has_type(raw, self.type_id, exact),
            _ => {
                // A function reference is its store index plus one.
                let Some(f) = store.funcs.get((raw - 1) as usize) else {
                    return false;
                };
                f.ty.0 == self.type_id || (!exact && f.supertypes.contains(self.type_id))
            }
        }
    }
}

/// How a struct field or array element is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Storage {
    I8,
    I16,
    /// `i32` and `f32`.
    W32,
    /// `i64` and `f64`.
    W64,
    V128,
    /// A reference: a traced 64-bit word.
    Ref,
}

impl Storage {
    fn of(ty: &StorageType) -> Storage {
        match ty {
            StorageType::I8 => Storage::I8,
            StorageType::I16 => Storage::I16,
            StorageType::ValType(ValType::I32 | ValType::F32) => Storage::W32,
            StorageType::ValType(ValType::I64 | ValType::F64) => Storage::W64,
            StorageType::ValType(ValType::V128) => Storage::V128,
            StorageType::ValType(ValType::Ref(_)) => Storage::Ref,
        }
    }

    /// Bytes an array element takes.
    pub fn size(self) -> usize {
        match self {
            Storage::I8 => 1,
            Storage::I16 => 2,
            Storage::W32 => 4,
            Storage::W64 | Storage::Ref => 8,
            Storage::V128 => 16,
        }
    }

    /// The value as stored: a packed field keeps its low bits only.
    fn pack(self, value: u128) -> u128 {
        match self {
            Storage::I8 => value & 0xff,
            Storage::I16 => value & 0xffff,
            Storage::W32 => value & 0xffff_ffff,
            Storage::W64 | Storage::Ref => value & u128::from(u64::MAX),
            Storage::V128 => value,
        }
    }

    /// The value of a packed field read back as an `i32` (`signed`:
    /// `get_s`); other values unchanged.
    pub fn unpack(self, stored: u128, signed: bool) -> u128 {
        let v = match (self, signed) {
            (Storage::I8, true) => stored as u8 as i8 as i32 as u32,
            (Storage::I16, true) => stored as u16 as i16 as i32 as u32,
            _ => return stored,
        };
        u128::from(v)
    }
}

/// What the heap knows of one struct or array type.
#[derive(Debug)]
struct TypeInfo {
    /// The registered id.
    id: u32,
    supertypes: Supertypes,
    is_array: bool,
    /// A struct's fields (each at a word offset, a `v128` taking two
    /// words), or an array's element (one entry).
    fields: Box<[(u32, Storage)]>,
    /// The words of a struct.
    words: usize,
}

impl TypeInfo {
    fn new(id: u32) -> TypeInfo {
        let (is_array, fields) = match crate::engine::registered(id) {
            CompositeType::Struct(s) => (false, s.fields().to_vec()),
            CompositeType::Array(a) => (true, vec![*a.field_type()]),
            CompositeType::Func(_) => unreachable!("validated allocations name data types"),
        };
        let mut words = 0;
        let fields = fields
            .iter()
            .map(|f| {
                let storage = Storage::of(f.element_type());
                let at = words as u32;
                words += if storage == Storage::V128 { 2 } else { 1 };
                (at, storage)
            })
            .collect();
        TypeInfo {
            id,
            supertypes: crate::engine::supertypes(id),
            is_array,
            fields,
            words,
        }
    }

    fn element(&self) -> Storage {
        self.fields[0].1
    }
}

/// A struct (its fields as words) or an array (its elements as bytes,
/// little-endian).
#[derive(Debug)]
enum Body {
    Struct(Box<[u64]>),
    Array(Box<[u8]>),
}

#[derive(Debug)]
struct Object {
    /// Index into `GcHeap::types`.
    ty: u32,
    body: Body,
}

impl Object {
    fn bytes(&self) -> usize {
        match &self.body {
            Body::Struct(w) => w.len() * 8,
            Body::Array(b) => b.len(),
        }
    }

    /// Calls `f` with the word of each of its reference fields or elements
    /// (`info`: its type).
    #[inline]
    fn for_each_reference(&self, info: &TypeInfo, mut f: impl FnMut(u64)) {
        match &self.body {
            Body::Struct(words) => {
                for &(at, storage) in info.fields.iter() {
                    if storage == Storage::Ref {
                        f(words[at as usize]);
                    }
                }
            }
            Body::Array(data) if info.element() == Storage::Ref => {
                for chunk in data.chunks_exact(8) {
                    f(u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])));
                }
            }
            Body::Array(_) => {}
        }
    }
}

#[derive(Debug)]
struct ObjectSlot {
    generation: u32,
    object: Option<Object>,
}

/// The fewest bytes allocated between two collections.
const MIN_THRESHOLD: usize = 1 << 20;

/// The store's heap of structs and arrays.
#[derive(Debug)]
pub(crate) struct GcHeap {
    slots: Vec<ObjectSlot>,
    free: Vec<u32>,
    /// Bytes held by live (not yet collected) objects.
    bytes: usize,
    /// Collect when `bytes` reaches this.
    threshold: usize,
    /// Never hold more than this.
    limit: usize,
    types: Vec<TypeInfo>,
    /// Registered id to index in `types`, and the last pair looked up
    /// (allocations in a loop make one type over and over).
    type_index: HashMap<u32, u32>,
    last_type: Option<(u32, u32)>,
}

/// How a new array's elements start out.
pub(crate) enum ArrayInit<'a> {
    /// Every element this value.
    Fill(u128),
    /// Elements from consecutive values (a `v128` in two slots).
    Slots(&'a [u64]),
    /// Elements from bytes (a data segment).
    Bytes(&'a [u8]),
}

impl GcHeap {
    pub fn new(limit: usize) -> GcHeap {
        GcHeap {
            slots: Vec::new(),
            free: Vec::new(),
            bytes: 0,
            threshold: MIN_THRESHOLD,
            limit,
            types: Vec::new(),
            type_index: HashMap::new(),
            last_type: None,
        }
    }

    /// The heap's index of registered type `id`.
    fn type_of(&mut self, id: u32) -> u32 {
        if let Some((last, i)) = self.last_type
            && last == id
        {
            return i;
        }
        if let Some(&i) = self.type_index.get(&id) {
            self.last_type = Some((id, i));
            return i;
        }
        self.types.push(TypeInfo::new(id));
        let i = self.types.len() as u32 - 1;
        self.type_index.insert(id, i);
        i
    }

    /// The slot index a handle names, if it is the handle of a live object.
    fn index(&self, raw: u64) -> Option<usize> {
        let index = (raw as u32).checked_sub(1)? as usize;
        let slot = self.slots.get(index)?;
        let live =
            slot.object.is_some() && raw & !INDEX == OBJECT | u64::from(slot.generation) << 32;
        live.then_some(index)
    }

    fn get(&self, raw: u64) -> Option<&Object> {
        self.slots[self.index(raw)?].object.as_ref()
    }

    /// Whether a collection is due before allocating `bytes` more.
    pub fn wants_collection(&self, bytes: usize) -> bool {
        self.bytes.saturating_add(bytes) >= self.threshold
    }

    /// How many objects are alive (not yet collected).
    pub fn live(&self) -> usize {
        self.slots.len() - self.free.len()
    }

    fn alloc(&mut self, object: Object) -> u64 {
        self.bytes += object.bytes();
        let index = match self.free.pop() {
            Some(i) => i as usize,
            None => {
                self.slots.push(ObjectSlot {
                    generation: 0,
                    object: None,
                });
                self.slots.len() - 1
            }
        };
        let slot = &mut self.slots[index];
        // 1 to 2^30 - 1: the two top bits of a word are `HOST` and `OBJECT`.
        slot.generation = slot.generation % 0x3fff_ffff + 1;
        slot.object = Some(object);
        OBJECT | (u64::from(slot.generation) << 32) | (index as u64 + 1)
    }

    /// Checks that `bytes` more fit under the cap.
    fn reserve(&self, bytes: usize) -> Result<(), Trap> {
        if self.bytes.saturating_add(bytes) > self.limit {
            return Err(Trap::AllocationTooLarge);
        }
        Ok(())
    }

    /// A new struct of registered type `id` with field values laid out in
    /// `values` (a `v128` in two).
    pub fn new_struct(&mut self, id: u32, values: Option<&[u64]>) -> Result<u64, Trap> {
        let ty = self.type_of(id);
        let info = &self.types[ty as usize];
        self.reserve(info.words * 8)?;
        let mut words = vec![0u64; info.words].into_boxed_slice();
        if let Some(values) = values {
            for &(at, storage) in info.fields.iter() {
                let at = at as usize;
                if storage == Storage::V128 {
                    words[at..at + 2].copy_from_slice(&values[at..at + 2]);
                } else {
                    words[at] = storage.pack(u128::from(values[at])) as u64;
                }
            }
        }
        Ok(self.alloc(Object {
            ty,
            body: Body::Struct(words),
        }))
    }

    /// A new array of registered type `id` and `len` elements.
    pub fn new_array(&mut self, id: u32, len: u64, init: ArrayInit<'_>) -> Result<u64, Trap> {
        let ty = self.type_of(id);
        let storage = self.types[ty as usize].element();
        let size = storage.size();
        let bytes = usize::try_from(len)
            .ok()
            .and_then(|n| n.checked_mul(size))
            .ok_or(Trap::AllocationTooLarge)?;
        self.reserve(bytes)?;
        let mut data = Vec::new();
        data.try_reserve_exact(bytes)
            .map_err(|_| Trap::AllocationTooLarge)?;
        match init {
            ArrayInit::Fill(v) => {
                data.resize(bytes, 0);
                fill_pattern(&mut data, &storage.pack(v).to_le_bytes()[..size]);
            }
            ArrayInit::Slots(values) => {
                let per = if storage == Storage::V128 { 2 } else { 1 };
                for v in values.chunks_exact(per) {
                    let v = u128::from(v[0]) | v.get(1).map_or(0, |&h| u128::from(h) << 64);
                    data.extend_from_slice(&storage.pack(v).to_le_bytes()[..size]);
                }
            }
            ArrayInit::Bytes(b) => data.extend_from_slice(b),
        }
        debug_assert_eq!(data.len(), bytes);
        Ok(self.alloc(Object {
            ty,
            body: Body::Array(data.into_boxed_slice()),
        }))
    }

    /// Field `field` of the struct `raw` (null or stale: `None`).
    pub fn struct_get(&self, raw: u64, field: u32) -> Option<(u128, Storage)> {
        let object = self.get(raw)?;
        let Body::Struct(words) = &object.body else {
            return None;
        };
        let (at, storage) = self.types[object.ty as usize].fields[field as usize];
        let at = at as usize;
        let v = match storage {
            Storage::V128 => u128::from(words[at]) | (u128::from(words[at + 1]) << 64),
            _ => u128::from(words[at]),
        };
        Some((v, storage))
    }

    /// Sets field `field` of the struct `raw`; `None` if null or stale.
    pub fn struct_set(&mut self, raw: u64, field: u32, value: u128) -> Option<()> {
        let i = self.index(raw)?;
        let ty = self.slots[i].object.as_ref()?.ty as usize;
        let (at, storage) = self.types[ty].fields[field as usize];
        let Some(Object {
            body: Body::Struct(words),
            ..
        }) = &mut self.slots[i].object
        else {
            return None;
        };
        let (at, v) = (at as usize, storage.pack(value));
        words[at] = v as u64;
        if storage == Storage::V128 {
            words[at + 1] = (v >> 64) as u64;
        }
        Some(())
    }

    /// The element storage and bytes of the array `raw`.
    fn array(&self, raw: u64) -> Option<(Storage, &[u8])> {
        let object = self.get(raw)?;
        let Body::Array(data) = &object.body else {
            return None;
        };
        Some((self.types[object.ty as usize].element(), data))
    }

    fn array_mut(&mut self, raw: u64) -> Option<(Storage, &mut [u8])> {
        let i = self.index(raw)?;
        let ty = self.slots[i].object.as_ref()?.ty as usize;
        let storage = self.types[ty].element();
        match &mut self.slots[i].object.as_mut()?.body {
            Body::Array(data) => Some((storage, data)),
            Body::Struct(_) => None,
        }
    }

    /// The length of the array `raw`; `None` if null or stale.
    pub fn array_len(&self, raw: u64) -> Option<u32> {
        let (storage, data) = self.array(raw)?;
        Some((data.len() / storage.size()) as u32)
    }

    /// Element `index` of the array `raw`.
    pub fn array_get(&self, raw: u64, index: u32) -> Result<(u128, Storage), Trap> {
        let (storage, data) = self.array(raw).ok_or(Trap::NullReference)?;
        let size = storage.size();
        let at = index as usize * size;
        let bytes = data.get(at..at + size).ok_or(Trap::ArrayOutOfBounds)?;
        let mut v = [0u8; 16];
        v[..size].copy_from_slice(bytes);
        Ok((u128::from_le_bytes(v), storage))
    }

    /// Sets elements `index..index + len` of the array `raw` to `value`.
    pub fn array_fill(&mut self, raw: u64, index: u32, value: u128, len: u32) -> Result<(), Trap> {
        let (storage, data) = self.array_mut(raw).ok_or(Trap::NullReference)?;
        let size = storage.size();
        let range = element_range(index, len, size, data.len())?;
        fill_pattern(&mut data[range], &storage.pack(value).to_le_bytes()[..size]);
        Ok(())
    }

    /// `array.copy`: `len` elements of `src` from `src_index` to `dst` at
    /// `dst_index` (the ranges may overlap, in one array).
    pub fn array_copy(
        &mut self,
        dst: u64,
        dst_index: u32,
        src: u64,
        src_index: u32,
        len: u32,
    ) -> Result<(), Trap> {
        let (storage, from) = self.array(src).ok_or(Trap::NullReference)?;
        let (size, src_bytes) = (storage.size(), from.len());
        let dst_bytes = self.array(dst).ok_or(Trap::NullReference)?.1.len();
        let dst_range = element_range(dst_index, len, size, dst_bytes)?;
        let src_range = element_range(src_index, len, size, src_bytes)?;
        let (d, s) = (self.index(dst), self.index(src));
        let (Some(d), Some(s)) = (d, s) else {
            return Err(Trap::NullReference);
        };
        if d == s {
            let (_, data) = self.array_mut(dst).ok_or(Trap::NullReference)?;
            data.copy_within(src_range, dst_range.start);
            return Ok(());
        }
        // Two arrays at once, from disjoint parts of the slots.
        let (low, high) = self.slots.split_at_mut(d.max(s));
        let (dst_slot, src_slot) = if d < s {
            (&mut low[d], &high[0])
        } else {
            (&mut high[0], &low[s])
        };
        let (
            Some(Object {
                body: Body::Array(to),
                ..
            }),
            Some(Object {
                body: Body::Array(from),
                ..
            }),
        ) = (&mut dst_slot.object, &src_slot.object)
        else {
            return Err(Trap::NullReference);
        };
        to[dst_range].copy_from_slice(&from[src_range]);
        Ok(())
    }

    /// Writes `bytes` (whole elements) into the array `raw` from element
    /// `index`.
    pub fn array_write(&mut self, raw: u64, index: u32, bytes: &[u8]) -> Result<(), Trap> {
        let (storage, data) = self.array_mut(raw).ok_or(Trap::NullReference)?;
        let size = storage.size();
        let len = u32::try_from(bytes.len() / size).map_err(|_| Trap::ArrayOutOfBounds)?;
        let range = element_range(index, len, size, data.len())?;
        data[range].copy_from_slice(bytes);
        Ok(())
    }

    /// The registered type of the live object `raw` names.
    pub fn type_id_of(&self, raw: u64) -> Option<u32> {
        Some(self.types[self.get(raw)?.ty as usize].id)
    }

    /// The element storage of the array `raw`, once elements
    /// `index..index + len` are known to be in it (the check of
    /// `array.init_data` and `array.init_elem`, made before their source's).
    pub fn array_room(&self, raw: u64, index: u32, len: u32) -> Result<Storage, Trap> {
        let (storage, data) = self.array(raw).ok_or(Trap::NullReference)?;
        element_range(index, len, storage.size(), data.len())?;
        Ok(storage)
    }

    /// The element storage of the array `raw`.
    pub fn array_storage(&self, raw: u64) -> Option<Storage> {
        Some(self.array(raw)?.0)
    }

    /// Whether the object `raw` is an array (`None` if it is no live
    /// object).
    pub fn is_array(&self, raw: u64) -> Option<bool> {
        Some(self.types[self.get(raw)?.ty as usize].is_array)
    }

    /// Whether the object `raw` has registered type `id` or a subtype of
    /// it (`exact`: that type only).
    pub(crate) fn has_type(&self, raw: u64, id: u32, exact: bool) -> bool {
        let Some(object) = self.get(raw) else {
            return false;
        };
        let info = &self.types[object.ty as usize];
        info.id == id || (!exact && info.supertypes.contains(id))
    }

    /// Frees every object that no word of `roots` names (directly, or
    /// through a reference field of an object that is kept).
    pub fn collect<'a>(&mut self, roots: impl IntoIterator<Item = &'a [u64]>) {
        let mut marked = vec![false; self.slots.len()];
        let mut work = Vec::new();
        let mut mark = |heap: &GcHeap, w: u64, work: &mut Vec<usize>| {
            // An `externref` may hold an object's word with `HOST` set.
            if let Some(i) = heap.index(w & !HOST)
                && !marked[i]
            {
                marked[i] = true;
                work.push(i);
            }
        };
        let mut scanned = 0;
        for words in roots {
            scanned += words.len();
            for &w in words {
                mark(self, w, &mut work);
            }
        }
        while let Some(i) = work.pop() {
            let Some(object) = &self.slots[i].object else {
                continue;
            };
            object.for_each_reference(&self.types[object.ty as usize], |w| {
                mark(self, w, &mut work)
            });
        }
        for (i, slot) in self.slots.iter_mut().enumerate() {
            if !marked[i]
                && let Some(object) = slot.object.take()
            {
                self.bytes -= object.bytes();
                self.free.push(i as u32);
            }
        }
        // At least as many bytes allocated as were scanned, so that a deep
        // value stack does not make every small allocation pay for it.
        self.threshold = (self.bytes.saturating_mul(2))
            .max(MIN_THRESHOLD)
            .max(scanned.saturating_mul(8));
    }

    /// The words of every live object's reference fields, for the
    /// exception arena's collector (an exception may be reachable only
    /// from a struct).
    pub fn reference_words(&self) -> Vec<u64> {
        let mut out = Vec::new();
        for object in self.slots.iter().filter_map(|s| s.object.as_ref()) {
            object.for_each_reference(&self.types[object.ty as usize], |w| out.push(w));
        }
        out
    }
}

/// Fills `dst` (whole elements) with copies of `element`, doubling what is
/// written at each step.
fn fill_pattern(dst: &mut [u8], element: &[u8]) {
    if element.iter().all(|&b| b == element[0]) {
        dst.fill(element[0]);
        return;
    }
    let Some(first) = dst.get_mut(..element.len()) else {
        return;
    };
    first.copy_from_slice(element);
    let mut done = element.len();
    while done < dst.len() {
        let n = done.min(dst.len() - done);
        dst.copy_within(..n, done);
        done += n;
    }
}

/// The byte range of elements `index..index + len` of `size` bytes each,
/// if it lies within `total` bytes.
fn element_range(index: u32, len: u32, size: usize, total: usize) -> Result<Range<usize>, Trap> {
    let start = index as usize * size;
    let end = start + len as usize * size;
    if end > total {
        return Err(Trap::ArrayOutOfBounds);
    }
    Ok(start..end)
}

impl StoreOpaque {
    /// Collects the heap if an allocation of `bytes` makes it due (the
    /// interpreter's value stack, globals, tables, element segments and
    /// exception payloads are the roots).
    pub(crate) fn gc_maybe_collect(&mut self, bytes: usize) {
        if !self.gc.wants_collection(bytes) {
            return;
        }
        let globals: Vec<u64> = self
            .globals
            .iter()
            .filter(|g| matches!(g.ty.content(), ValType::Ref(_)))
            .map(|g| g.get_raw() as u64)
            .collect();
        let exceptions = self.exceptions.payloads();
        let elems: Vec<u64> = self
            .instances
            .iter()
            .flat_map(|i| {
                i.elems
                    .borrow()
                    .iter()
                    .flatten()
                    .copied()
                    .collect::<Vec<_>>()
            })
            .collect();
        let tables = self
            .tables
            .iter()
            .filter(|t| {
                matches!(
                    t.ty.element().heap_type().top(),
                    HeapType::Any | HeapType::Extern
                )
            })
            .map(|t| &t.elements[..]);
        let roots = [
            &self.stack.values[..],
            &globals[..],
            &exceptions[..],
            &elems[..],
        ]
        .into_iter()
        .chain(tables);
        self.gc.collect(roots);
    }
}

impl GcHeap {
    /// The storage of field `field` of structs of registered type `id`.
    pub fn field_of(&mut self, id: u32, field: u32) -> Storage {
        let ty = self.type_of(id);
        self.types[ty as usize].fields[field as usize].1
    }

    /// The element storage of arrays of registered type `id`.
    pub fn element_of(&mut self, id: u32) -> Storage {
        let ty = self.type_of(id);
        self.types[ty as usize].element()
    }
}

impl StoreOpaque {
    /// `struct.new` (`values`: the fields, laid out in slots) and
    /// `struct.new_default` (`None`).
    pub(crate) fn gc_new_struct(&mut self, id: u32, values: Option<&[u64]>) -> Result<u64, Trap> {
        self.gc_maybe_collect(values.map_or(64, |v| v.len() * 8));
        self.gc.new_struct(id, values)
    }

    /// `array.new`, `array.new_default` and `array.new_fixed`: an array of
    /// `len` elements (charged as a bulk operation of `len` elements).
    pub(crate) fn gc_new_array(
        &mut self,
        id: u32,
        len: u64,
        init: ArrayInit<'_>,
    ) -> Result<u64, Trap> {
        self.charge_bulk(len)?;
        self.gc_maybe_collect(usize::try_from(len.saturating_mul(8)).unwrap_or(usize::MAX));
        self.gc.new_array(id, len, init)
    }

    /// `array.new_data`: `len` elements from data segment `seg` of `inst`
    /// at byte `offset`.
    pub(crate) fn gc_new_array_data(
        &mut self,
        inst: &InstanceEntity,
        id: u32,
        seg: u32,
        offset: u32,
        len: u32,
    ) -> Result<u64, Trap> {
        let size = self.gc.element_of(id).size();
        let data = inst.data_segment(seg);
        let bytes = segment_range(offset, u64::from(len) * size as u64, data.len())
            .ok_or(Trap::MemoryOutOfBounds)?;
        self.gc_new_array(id, u64::from(len), ArrayInit::Bytes(&data[bytes]))
    }

    /// `array.new_elem`: `len` elements from element segment `seg` of
    /// `inst` at `offset`.
    pub(crate) fn gc_new_array_elem(
        &mut self,
        inst: &InstanceEntity,
        id: u32,
        seg: u32,
        offset: u32,
        len: u32,
    ) -> Result<u64, Trap> {
        let elems = inst.elems.borrow();
        let items = &elems[seg as usize];
        let range =
            segment_range(offset, u64::from(len), items.len()).ok_or(Trap::TableOutOfBounds)?;
        let words = items[range].to_vec();
        drop(elems);
        self.gc_new_array(id, u64::from(len), ArrayInit::Slots(&words))
    }

    /// `array.fill`.
    pub(crate) fn gc_array_fill(
        &mut self,
        arr: u64,
        index: u32,
        value: u128,
        len: u32,
    ) -> Result<(), Trap> {
        self.gc.array_len(arr).ok_or(Trap::NullReference)?;
        self.charge_bulk(u64::from(len))?;
        self.gc.array_fill(arr, index, value, len)
    }

    /// `array.copy`.
    pub(crate) fn gc_array_copy(
        &mut self,
        dst: u64,
        dst_index: u32,
        src: u64,
        src_index: u32,
        len: u32,
    ) -> Result<(), Trap> {
        self.gc.array_len(dst).ok_or(Trap::NullReference)?;
        self.gc.array_len(src).ok_or(Trap::NullReference)?;
        self.charge_bulk(u64::from(len))?;
        self.gc.array_copy(dst, dst_index, src, src_index, len)
    }

    /// `array.init_data`.
    pub(crate) fn gc_array_init_data(
        &mut self,
        inst: &InstanceEntity,
        arr: u64,
        seg: u32,
        index: u32,
        offset: u32,
        len: u32,
    ) -> Result<(), Trap> {
        let storage = self.gc.array_room(arr, index, len)?;
        let data = inst.data_segment(seg);
        let bytes = segment_range(offset, u64::from(len) * storage.size() as u64, data.len())
            .ok_or(Trap::MemoryOutOfBounds)?;
        self.charge_bulk(u64::from(len))?;
        self.gc.array_write(arr, index, &data[bytes])
    }

    /// `array.init_elem`.
    pub(crate) fn gc_array_init_elem(
        &mut self,
        inst: &InstanceEntity,
        arr: u64,
        seg: u32,
        index: u32,
        offset: u32,
        len: u32,
    ) -> Result<(), Trap> {
        self.gc.array_room(arr, index, len)?;
        let elems = inst.elems.borrow();
        let items = &elems[seg as usize];
        let range =
            segment_range(offset, u64::from(len), items.len()).ok_or(Trap::TableOutOfBounds)?;
        let bytes: Vec<u8> = items[range].iter().flat_map(|w| w.to_le_bytes()).collect();
        drop(elems);
        self.charge_bulk(u64::from(len))?;
        self.gc.array_write(arr, index, &bytes)
    }
}

/// The range `offset..offset + len` of a segment of `total` items, if it
/// lies within it.
fn segment_range(offset: u32, len: u64, total: usize) -> Option<Range<usize>> {
    let end = u64::from(offset).checked_add(len)?;
    (end <= total as u64).then_some(offset as usize..end as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn i31_words_round_trip_and_extend_as_the_spec_says() {
        for (value, s, u) in [
            (0u32, 0i32, 0u32),
            (1, 1, 1),
            (0x3fff_ffff, 0x3fff_ffff, 0x3fff_ffff),
            (0x4000_0000, -0x4000_0000, 0x4000_0000),
            (0x7fff_ffff, -1, 0x7fff_ffff),
            // `ref.i31` drops bit 31.
            (0x8000_0001, 1, 1),
            (u32::MAX, -1, 0x7fff_ffff),
        ] {
            let raw = i31_raw(value);
            assert_ne!(raw, 0, "an i31ref is never null");
            assert_eq!(raw >> 32, 0);
            assert_eq!(i31_get(raw, true), Some(s as u32), "{value:#x}");
            assert_eq!(i31_get(raw, false), Some(u), "{value:#x}");
            let i = I31::wrapping_u32(value);
            assert_eq!((i.get_i32(), i.get_u32()), (s, u));
        }
        assert_eq!(i31_get(0, true), None);
        assert_eq!(I31::new_u32(1 << 31), None);
        assert_eq!(I31::new_i32(1 << 30), None);
        assert_eq!(
            I31::new_i32(-(1 << 30)).map(|i| i.get_i32()),
            Some(-(1 << 30))
        );
    }
}
