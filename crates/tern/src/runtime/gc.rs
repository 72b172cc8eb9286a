//! References of the `any` hierarchy (the GC proposal): `anyref`, `eqref`
//! and `i31ref`.
//!
//! In a slot, such a reference is one 64-bit word: `0` is null, and an
//! `i31ref` is its 31-bit payload shifted left once with the low bit set
//! (so the word is never 0 and its high half is always 0). Equal
//! references are equal words, which is what `ref.eq` compares.

use super::store::{AsContextMut, StoreId, StoreOpaque};
use crate::types::{HeapType, RefType};

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

/// A non-null reference of the `any` hierarchy: for now an `i31ref`
/// (structs and arrays are not implemented yet).
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
        self.as_i31().is_some()
    }

    /// The payload, if this is an `i31ref`.
    pub fn as_i31(&self) -> Option<I31> {
        i31_get(self.raw, false).map(I31)
    }
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
        match self.kind & HEAP_MASK {
            HEAP_TOP => true,
            HEAP_BOTTOM => false,
            // Every non-null `any` reference is an `i31ref` for now.
            HEAP_ANY | HEAP_EQ | HEAP_I31 => true,
            HEAP_STRUCT | HEAP_ARRAY | HEAP_CONCRETE_STRUCT | HEAP_CONCRETE_ARRAY => false,
            _ => {
                // A function reference is its store index plus one.
                let Some(f) = store.funcs.get((raw - 1) as usize) else {
                    return false;
                };
                f.ty.0 == self.type_id
                    || (self.kind & FINAL == 0 && f.supertypes.contains(self.type_id))
            }
        }
    }
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
