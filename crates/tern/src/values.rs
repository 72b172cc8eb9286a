//! Values that cross the boundary between the host and WebAssembly.
//!
//! Inside the engine every value is an untyped 64-bit slot, except `v128`,
//! which takes two consecutive slots (low half first). References are
//! encoded as `index + 1` into the store's function or extern-reference
//! arena, with `0` meaning null.

use crate::runtime::store::{AsContext, StoreId, StoreOpaque};
use crate::types::{HeapType, RefType, ValType};
use crate::{AnyRef, ExnRef, ExternRef, Func};

/// A WebAssembly value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Val {
    /// A 32-bit integer.
    I32(i32),
    /// A 64-bit integer.
    I64(i64),
    /// A 32-bit float, as its bit pattern (NaN payloads are preserved).
    F32(u32),
    /// A 64-bit float, as its bit pattern (NaN payloads are preserved).
    F64(u64),
    /// A 128-bit SIMD vector.
    V128(V128),
    /// A function reference, or null.
    FuncRef(Option<Func>),
    /// A host reference, or null.
    ExternRef(Option<ExternRef>),
    /// An exception reference, or null.
    ExnRef(Option<ExnRef>),
    /// A reference of the `any` hierarchy (`anyref`, `eqref`, `i31ref`;
    /// the GC proposal), or null.
    AnyRef(Option<AnyRef>),
}

impl Val {
    /// The null reference of a reference type.
    pub fn null_ref(ty: &RefType) -> Val {
        match ty.heap_type().top() {
            HeapType::Extern => Val::ExternRef(None),
            HeapType::Exn => Val::ExnRef(None),
            HeapType::Any => Val::AnyRef(None),
            _ => Val::FuncRef(None),
        }
    }

    /// The default (zero or null) value of a type, as locals start out;
    /// `None` for a non-nullable reference type, which has none.
    pub fn default_for(ty: &ValType) -> Option<Val> {
        Some(match ty {
            ValType::I32 => Val::I32(0),
            ValType::I64 => Val::I64(0),
            ValType::F32 => Val::F32(0),
            ValType::F64 => Val::F64(0),
            ValType::V128 => Val::V128(V128(0)),
            ValType::Ref(r) if r.is_nullable() => Val::null_ref(r),
            ValType::Ref(_) => return None,
        })
    }

    /// The value's type.
    pub fn ty(&self) -> ValType {
        match self {
            Val::I32(_) => ValType::I32,
            Val::I64(_) => ValType::I64,
            Val::F32(_) => ValType::F32,
            Val::F64(_) => ValType::F64,
            Val::V128(_) => ValType::V128,
            Val::FuncRef(_) => ValType::FUNCREF,
            Val::ExternRef(_) => ValType::EXTERNREF,
            Val::ExnRef(_) => ValType::Ref(RefType::EXNREF),
            Val::AnyRef(_) => ValType::Ref(RefType::ANYREF),
        }
    }

    /// Whether this value may be used where `ty` is expected: of that
    /// type or a subtype (a function reference matches a concrete type when
    /// the function's type is a subtype of it; null matches nullable
    /// types only).
    pub fn matches_ty(&self, store: impl AsContext, ty: &ValType) -> bool {
        self.matches_ty_in(store.as_context().opaque, ty)
    }

    pub(crate) fn matches_ty_in(&self, store: &StoreOpaque, ty: &ValType) -> bool {
        let ValType::Ref(r) = ty else {
            return self.ty() == *ty;
        };
        let (top, non_null) = match self {
            Val::FuncRef(f) => (HeapType::Func, f.is_some()),
            Val::ExternRef(e) => (HeapType::Extern, e.is_some()),
            Val::ExnRef(e) => (HeapType::Exn, e.is_some()),
            Val::AnyRef(a) => (HeapType::Any, a.is_some()),
            _ => return false,
        };
        let heap = r.heap_type();
        if heap.top() != top {
            return false;
        }
        if !non_null {
            return r.is_nullable();
        }
        match (self, heap) {
            (_, HeapType::NoFunc | HeapType::NoExtern | HeapType::NoExn | HeapType::None) => false,
            (Val::FuncRef(Some(f)), HeapType::ConcreteFunc(id)) => {
                f.store == store.id() && f.entity(store).ty.is_subtype_of(id)
            }
            (Val::AnyRef(Some(a)), h) => a.matches(store, h),
            _ => true,
        }
    }

    /// The `i32`, if this is one.
    pub fn i32(&self) -> Option<i32> {
        match self {
            Val::I32(v) => Some(*v),
            _ => None,
        }
    }

    /// The `i64`, if this is one.
    pub fn i64(&self) -> Option<i64> {
        match self {
            Val::I64(v) => Some(*v),
            _ => None,
        }
    }

    /// The `f32`, if this is one.
    pub fn f32(&self) -> Option<f32> {
        match self {
            Val::F32(v) => Some(f32::from_bits(*v)),
            _ => None,
        }
    }

    /// The `f64`, if this is one.
    pub fn f64(&self) -> Option<f64> {
        match self {
            Val::F64(v) => Some(f64::from_bits(*v)),
            _ => None,
        }
    }

    /// The `v128`, if this is one.
    pub fn v128(&self) -> Option<V128> {
        match self {
            Val::V128(v) => Some(*v),
            _ => None,
        }
    }

    /// The function reference, if this is one (`Some(None)` for null).
    pub fn funcref(&self) -> Option<Option<&Func>> {
        match self {
            Val::FuncRef(f) => Some(f.as_ref()),
            _ => None,
        }
    }

    /// The extern reference, if this is one (`Some(None)` for null).
    pub fn externref(&self) -> Option<Option<&ExternRef>> {
        match self {
            Val::ExternRef(e) => Some(e.as_ref()),
            _ => None,
        }
    }

    /// The `any` reference, if this is one (`Some(None)` for null).
    pub fn anyref(&self) -> Option<Option<&AnyRef>> {
        match self {
            Val::AnyRef(a) => Some(a.as_ref()),
            _ => None,
        }
    }

    /// The `i32`; panics if this is not one.
    pub fn unwrap_i32(&self) -> i32 {
        self.i32().expect("expected an i32 value")
    }

    /// The `i64`; panics if this is not one.
    pub fn unwrap_i64(&self) -> i64 {
        self.i64().expect("expected an i64 value")
    }

    /// The `f32`; panics if this is not one.
    pub fn unwrap_f32(&self) -> f32 {
        self.f32().expect("expected an f32 value")
    }

    /// The `f64`; panics if this is not one.
    pub fn unwrap_f64(&self) -> f64 {
        self.f64().expect("expected an f64 value")
    }

    /// The `v128`; panics if this is not one.
    pub fn unwrap_v128(&self) -> V128 {
        self.v128().expect("expected a v128 value")
    }

    /// The value as a reference, if it is one.
    pub fn ref_(&self) -> Option<Ref> {
        match self {
            Val::FuncRef(f) => Some(Ref::Func(*f)),
            Val::ExternRef(e) => Some(Ref::Extern(*e)),
            Val::AnyRef(a) => Some(Ref::Any(*a)),
            _ => None,
        }
    }

    /// Encodes the value as an untyped 128-bit value (scalars in the low
    /// half). The caller has checked that any reference belongs to `store`.
    pub(crate) fn to_raw128(self) -> u128 {
        match self {
            Val::V128(v) => v.0,
            other => u128::from(other.to_raw()),
        }
    }

    /// Decodes an untyped 128-bit value of type `ty`.
    pub(crate) fn from_raw128(store: StoreId, raw: u128, ty: &ValType) -> Val {
        match ty {
            ValType::V128 => Val::V128(V128(raw)),
            other => Val::from_raw(store, raw as u64, other),
        }
    }

    /// Encodes the value as one untyped slot (a `v128` keeps its low half:
    /// use [`write_vals`] where one may occur). The caller has checked that
    /// any reference belongs to `store`.
    pub(crate) fn to_raw(self) -> u64 {
        match self {
            Val::I32(v) => v as u32 as u64,
            Val::I64(v) => v as u64,
            Val::F32(v) => v as u64,
            Val::F64(v) => v,
            Val::V128(v) => v.0 as u64,
            Val::FuncRef(f) => f.map_or(0, |f| u64::from(f.index) + 1),
            Val::ExternRef(e) => e.map_or(0, |e| e.raw),
            Val::ExnRef(e) => e.map_or(0, |e| e.raw),
            Val::AnyRef(a) => a.map_or(0, |a| a.raw),
        }
    }

    /// Decodes an untyped slot of type `ty`.
    pub(crate) fn from_raw(store: StoreId, raw: u64, ty: &ValType) -> Val {
        match ty {
            ValType::I32 => Val::I32(raw as u32 as i32),
            ValType::I64 => Val::I64(raw as i64),
            ValType::F32 => Val::F32(raw as u32),
            ValType::F64 => Val::F64(raw),
            // A lone slot holds the low half of a vector.
            ValType::V128 => Val::V128(V128(u128::from(raw))),
            ValType::Ref(r) => match r.heap_type().top() {
                HeapType::Extern => Val::ExternRef(ExternRef::from_raw(store, raw)),
                HeapType::Exn => Val::ExnRef(ExnRef::from_raw(store, raw)),
                HeapType::Any => Val::AnyRef(AnyRef::from_raw(store, raw)),
                _ => Val::FuncRef(Func::from_raw(store, raw)),
            },
        }
    }

    /// Whether any reference in the value belongs to `store`.
    pub(crate) fn comes_from(&self, store: &StoreOpaque) -> bool {
        match self {
            Val::FuncRef(Some(f)) => f.store == store.id(),
            Val::ExternRef(Some(e)) => e.store == store.id(),
            Val::ExnRef(Some(e)) => e.store == store.id(),
            Val::AnyRef(Some(a)) => a.store == store.id(),
            _ => true,
        }
    }
}

/// The number of interpreter slots a value of type `ty` takes.
pub(crate) fn slots_of(ty: &ValType) -> usize {
    match ty {
        ValType::V128 => 2,
        _ => 1,
    }
}

/// The number of slots values of `types` take, laid out one after another.
pub(crate) fn raw_len<'a>(types: impl IntoIterator<Item = &'a ValType>) -> usize {
    types.into_iter().map(slots_of).sum()
}

/// Lays `vals` out in slots, one after another (a `v128` in two).
pub(crate) fn write_vals(vals: &[Val], io: &mut [u64]) {
    let mut at = 0;
    for val in vals {
        match val {
            Val::V128(v) => {
                io[at] = v.0 as u64;
                io[at + 1] = (v.0 >> 64) as u64;
                at += 2;
            }
            other => {
                io[at] = other.to_raw();
                at += 1;
            }
        }
    }
}

/// Reads values of `types` laid out in slots by [`write_vals`] into `out`.
pub(crate) fn read_vals(store: StoreId, io: &[u64], types: &[ValType], out: &mut [Val]) {
    let mut at = 0;
    for (ty, val) in types.iter().zip(out) {
        *val = match ty {
            ValType::V128 => {
                let raw = u128::from(io[at]) | (u128::from(io[at + 1]) << 64);
                Val::V128(V128(raw))
            }
            other => Val::from_raw(store, io[at], other),
        };
        at += slots_of(ty);
    }
}

/// A 128-bit SIMD vector value, lane 0 in the least significant bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct V128(u128);

impl V128 {
    /// The vector as a 128-bit integer.
    pub fn as_u128(&self) -> u128 {
        self.0
    }

    /// The vector's 16 bytes in memory order (lane 0 first).
    pub fn to_le_bytes(&self) -> [u8; 16] {
        self.0.to_le_bytes()
    }

    /// The vector with these 16 bytes, in memory order.
    pub fn from_le_bytes(bytes: [u8; 16]) -> V128 {
        V128(u128::from_le_bytes(bytes))
    }
}

impl From<u128> for V128 {
    fn from(v: u128) -> V128 {
        V128(v)
    }
}

impl From<V128> for u128 {
    fn from(v: V128) -> u128 {
        v.0
    }
}

impl From<V128> for Val {
    fn from(v: V128) -> Val {
        Val::V128(v)
    }
}

impl From<i32> for Val {
    fn from(v: i32) -> Val {
        Val::I32(v)
    }
}

impl From<i64> for Val {
    fn from(v: i64) -> Val {
        Val::I64(v)
    }
}

impl From<f32> for Val {
    fn from(v: f32) -> Val {
        Val::F32(v.to_bits())
    }
}

impl From<f64> for Val {
    fn from(v: f64) -> Val {
        Val::F64(v.to_bits())
    }
}

impl From<Func> for Val {
    fn from(f: Func) -> Val {
        Val::FuncRef(Some(f))
    }
}

impl From<Ref> for Val {
    fn from(r: Ref) -> Val {
        match r {
            Ref::Func(f) => Val::FuncRef(f),
            Ref::Extern(e) => Val::ExternRef(e),
            Ref::Any(a) => Val::AnyRef(a),
        }
    }
}

/// A reference value: what tables hold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Ref {
    /// A function reference, or null.
    Func(Option<Func>),
    /// A host reference, or null.
    Extern(Option<ExternRef>),
    /// A reference of the `any` hierarchy, or null.
    Any(Option<AnyRef>),
}

impl Ref {
    /// Whether this is a null reference.
    pub fn is_null(&self) -> bool {
        matches!(self, Ref::Func(None) | Ref::Extern(None) | Ref::Any(None))
    }

    /// The function, if this is a non-null function reference.
    pub fn as_func(&self) -> Option<&Func> {
        match self {
            Ref::Func(f) => f.as_ref(),
            _ => None,
        }
    }

    /// The extern reference, if this is a non-null host reference.
    pub fn as_extern(&self) -> Option<&ExternRef> {
        match self {
            Ref::Extern(e) => e.as_ref(),
            _ => None,
        }
    }

    pub(crate) fn matches_ty_in(&self, store: &StoreOpaque, ty: &RefType) -> bool {
        Val::from(*self).matches_ty_in(store, &ValType::Ref(*ty))
    }
}
