//! Arguments made from fuzz input, for Tern and for wasmi alike, and values
//! normalized for comparison.

use arbitrary::{Result, Unstructured};
use std::fmt;

/// Float bit patterns worth trying more often than chance would.
const F32_SPECIAL: [u32; 12] = [
    0,
    0x8000_0000,
    0x3f80_0000, // 1.0
    0xbf80_0000, // -1.0
    0x7f80_0000, // inf
    0xff80_0000, // -inf
    0x7fc0_0000, // canonical NaN
    0xffc0_0000,
    0x7fa0_0001, // signalling NaN
    0x7f7f_ffff, // max
    0x0000_0001, // min subnormal
    0x4f00_0000, // 2^31
];
const F64_SPECIAL: [u64; 12] = [
    0,
    0x8000_0000_0000_0000,
    0x3ff0_0000_0000_0000,
    0xbff0_0000_0000_0000,
    0x7ff0_0000_0000_0000,
    0xfff0_0000_0000_0000,
    0x7ff8_0000_0000_0000,
    0xfff8_0000_0000_0000,
    0x7ff4_0000_0000_0001,
    0x7fef_ffff_ffff_ffff,
    0x0000_0000_0000_0001,
    0x43e0_0000_0000_0000, // 2^63
];
const I32_SPECIAL: [i32; 8] = [0, 1, -1, i32::MIN, i32::MAX, 0x10000, 0xffff, 8];
const I64_SPECIAL: [i64; 8] = [0, 1, -1, i64::MIN, i64::MAX, 0x1_0000_0000, 0xffff_ffff, 8];

/// The kind of a value type, as both engines name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    I32,
    I64,
    F32,
    F64,
    V128,
    FuncRef,
    ExternRef,
    /// `exnref` (Tern only: the differential target leaves exceptions off).
    ExnRef,
    /// The `any` hierarchy (Tern only: the differential target leaves GC
    /// off).
    AnyRef,
}

impl Kind {
    /// Tern's value type.
    pub fn of_tern(ty: &tern::ValType) -> Kind {
        match ty {
            tern::ValType::I32 => Kind::I32,
            tern::ValType::I64 => Kind::I64,
            tern::ValType::F32 => Kind::F32,
            tern::ValType::F64 => Kind::F64,
            tern::ValType::V128 => Kind::V128,
            tern::ValType::Ref(r) => match r.heap_type().top() {
                tern::HeapType::Func => Kind::FuncRef,
                tern::HeapType::Exn => Kind::ExnRef,
                tern::HeapType::Any => Kind::AnyRef,
                _ => Kind::ExternRef,
            },
        }
    }
}

/// An argument, engine-neutral: references are null, an exported function
/// (by its position among the exported functions) or a host value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Arg {
    I32(i32),
    I64(i64),
    F32(u32),
    F64(u64),
    V128(u128),
    FuncNull,
    Func(usize),
    ExternNull,
    Extern(u32),
    /// A null `exnref` (the host passes no exception in).
    ExnNull,
    /// A null `anyref`.
    AnyNull,
    /// An `i31ref` (the only `any` reference the host makes).
    I31(u32),
}

impl fmt::Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Arg::I32(v) => write!(f, "i32:{v}"),
            Arg::I64(v) => write!(f, "i64:{v}"),
            Arg::F32(v) => write!(f, "f32:{:#010x}({})", v, f32::from_bits(*v)),
            Arg::F64(v) => write!(f, "f64:{:#018x}({})", v, f64::from_bits(*v)),
            Arg::V128(v) => write!(f, "v128:{v:#034x}"),
            Arg::FuncNull => f.write_str("funcref:null"),
            Arg::Func(i) => write!(f, "funcref:export#{i}"),
            Arg::ExternNull => f.write_str("externref:null"),
            Arg::Extern(v) => write!(f, "externref:{v}"),
            Arg::ExnNull => f.write_str("exnref:null"),
            Arg::AnyNull => f.write_str("anyref:null"),
            Arg::I31(v) => write!(f, "i31ref:{v}"),
        }
    }
}

/// An argument of kind `kind`; `funcs` exported functions may be referenced.
pub fn arg(u: &mut Unstructured<'_>, kind: Kind, funcs: usize, nullable: bool) -> Result<Arg> {
    let special = u.ratio(1, 4)?;
    Ok(match kind {
        Kind::I32 if special => Arg::I32(*u.choose(&I32_SPECIAL)?),
        Kind::I32 => Arg::I32(u.arbitrary()?),
        Kind::I64 if special => Arg::I64(*u.choose(&I64_SPECIAL)?),
        Kind::I64 => Arg::I64(u.arbitrary()?),
        Kind::F32 if special => Arg::F32(*u.choose(&F32_SPECIAL)?),
        Kind::F32 => Arg::F32(u.arbitrary()?),
        Kind::F64 if special => Arg::F64(*u.choose(&F64_SPECIAL)?),
        Kind::F64 => Arg::F64(u.arbitrary()?),
        Kind::V128 => Arg::V128(u.arbitrary()?),
        Kind::FuncRef => {
            if funcs > 0 && (!nullable || u.arbitrary()?) {
                Arg::Func(u.choose_index(funcs)?)
            } else {
                Arg::FuncNull
            }
        }
        Kind::ExternRef => {
            if !nullable || u.arbitrary()? {
                Arg::Extern(u.int_in_range(0..=3)?)
            } else {
                Arg::ExternNull
            }
        }
        Kind::ExnRef => Arg::ExnNull,
        Kind::AnyRef => {
            if !nullable || u.arbitrary()? {
                Arg::I31(u.arbitrary::<u32>()? & 0x7fff_ffff)
            } else {
                Arg::AnyNull
            }
        }
    })
}

/// The Tern value of an argument.
pub fn to_tern<T: 'static>(a: Arg, funcs: &[tern::Func], store: &mut tern::Store<T>) -> tern::Val {
    match a {
        Arg::I32(v) => tern::Val::I32(v),
        Arg::I64(v) => tern::Val::I64(v),
        Arg::F32(v) => tern::Val::F32(v),
        Arg::F64(v) => tern::Val::F64(v),
        Arg::V128(v) => tern::Val::V128(tern::V128::from_le_bytes(v.to_le_bytes())),
        Arg::FuncNull => tern::Val::FuncRef(None),
        Arg::Func(i) => tern::Val::FuncRef(funcs.get(i).copied()),
        Arg::ExternNull => tern::Val::ExternRef(None),
        Arg::Extern(v) => tern::Val::ExternRef(Some(tern::ExternRef::new(store, v))),
        Arg::ExnNull => tern::Val::ExnRef(None),
        Arg::AnyNull => tern::Val::AnyRef(None),
        Arg::I31(v) => tern::Val::AnyRef(Some(tern::AnyRef::from_i31(
            store,
            tern::I31::wrapping_u32(v),
        ))),
    }
}

/// The wasmi value of an argument.
pub fn to_wasmi<T: 'static>(
    a: Arg,
    funcs: &[wasmi::Func],
    store: &mut wasmi::Store<T>,
) -> wasmi::Val {
    use wasmi::Nullable;
    match a {
        Arg::I32(v) => wasmi::Val::I32(v),
        Arg::I64(v) => wasmi::Val::I64(v),
        Arg::F32(v) => wasmi::Val::F32(wasmi::F32::from_bits(v)),
        Arg::F64(v) => wasmi::Val::F64(wasmi::F64::from_bits(v)),
        Arg::V128(v) => wasmi::Val::V128(wasmi::V128::from(v)),
        Arg::FuncNull => wasmi::Val::FuncRef(Nullable::Null),
        Arg::Func(i) => wasmi::Val::FuncRef(match funcs.get(i) {
            Some(f) => Nullable::Val(*f),
            None => Nullable::Null,
        }),
        Arg::ExternNull => wasmi::Val::ExternRef(Nullable::Null),
        Arg::Extern(v) => wasmi::Val::ExternRef(Nullable::Val(wasmi::ExternRef::new(store, v))),
        // Never made for wasmi: its modules have no exception handling
        // and no GC.
        Arg::ExnNull | Arg::AnyNull | Arg::I31(_) => wasmi::Val::ExternRef(Nullable::Null),
    }
}

/// A value as the comparison sees it. Float NaNs compare equal to any NaN
/// (the spec lets NaN payloads vary); a function reference is compared by
/// null-ness only (identities cannot be matched across engines); a host
/// reference by the value it carries.
#[derive(Debug, Clone, Copy)]
pub enum Norm {
    I32(i32),
    I64(i64),
    F32(u32),
    F64(u64),
    V128(u128),
    FuncRef { null: bool },
    ExternRef(Option<u32>),
    ExnRef { null: bool },
    /// An `anyref` (the GC proposal): null, an `i31` with its value, or
    /// another object (`None` inside).
    AnyRef(Option<Option<u32>>),
}

impl PartialEq for Norm {
    fn eq(&self, other: &Norm) -> bool {
        match (self, other) {
            (Norm::F32(a), Norm::F32(b)) => {
                a == b || (f32::from_bits(*a).is_nan() && f32::from_bits(*b).is_nan())
            }
            (Norm::F64(a), Norm::F64(b)) => {
                a == b || (f64::from_bits(*a).is_nan() && f64::from_bits(*b).is_nan())
            }
            (Norm::I32(a), Norm::I32(b)) => a == b,
            (Norm::I64(a), Norm::I64(b)) => a == b,
            // Bit for bit: the differential modules canonicalize NaNs after
            // every float operation, so lane payloads are deterministic.
            (Norm::V128(a), Norm::V128(b)) => a == b,
            (Norm::FuncRef { null: a }, Norm::FuncRef { null: b }) => a == b,
            (Norm::ExternRef(a), Norm::ExternRef(b)) => a == b,
            (Norm::ExnRef { null: a }, Norm::ExnRef { null: b }) => a == b,
            (Norm::AnyRef(a), Norm::AnyRef(b)) => a == b,
            _ => false,
        }
    }
}

impl fmt::Display for Norm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Norm::I32(v) => write!(f, "i32:{v}"),
            Norm::I64(v) => write!(f, "i64:{v}"),
            Norm::F32(v) => write!(f, "f32:{:#010x}({})", v, f32::from_bits(*v)),
            Norm::F64(v) => write!(f, "f64:{:#018x}({})", v, f64::from_bits(*v)),
            Norm::V128(v) => write!(f, "v128:{v:#034x}"),
            Norm::FuncRef { null: true } => f.write_str("funcref:null"),
            Norm::FuncRef { null: false } => f.write_str("funcref:non-null"),
            Norm::ExternRef(None) => f.write_str("externref:null"),
            Norm::ExternRef(Some(v)) => write!(f, "externref:{v}"),
            Norm::ExnRef { null: true } => f.write_str("exnref:null"),
            Norm::ExnRef { null: false } => f.write_str("exnref:non-null"),
            Norm::AnyRef(None) => f.write_str("anyref:null"),
            Norm::AnyRef(Some(Some(v))) => write!(f, "i31ref:{v}"),
            Norm::AnyRef(Some(None)) => f.write_str("anyref:object"),
        }
    }
}

/// Tern's value, normalized.
pub fn norm_tern<T: 'static>(v: &tern::Val, store: &tern::Store<T>) -> Norm {
    match v {
        tern::Val::I32(x) => Norm::I32(*x),
        tern::Val::I64(x) => Norm::I64(*x),
        tern::Val::F32(x) => Norm::F32(*x),
        tern::Val::F64(x) => Norm::F64(*x),
        tern::Val::V128(x) => Norm::V128(u128::from_le_bytes(x.to_le_bytes())),
        tern::Val::FuncRef(f) => Norm::FuncRef { null: f.is_none() },
        tern::Val::ExternRef(e) => Norm::ExternRef(e.as_ref().map(|e| {
            e.data(store)
                .and_then(|d| d.downcast_ref::<u32>())
                .copied()
                .unwrap_or(u32::MAX)
        })),
        tern::Val::ExnRef(e) => Norm::ExnRef { null: e.is_none() },
        tern::Val::AnyRef(a) => Norm::AnyRef(a.map(|a| a.as_i31().map(|i| i.get_u32()))),
    }
}

/// wasmi's value, normalized.
pub fn norm_wasmi<T: 'static>(v: &wasmi::Val, store: &wasmi::Store<T>) -> Norm {
    match v {
        wasmi::Val::I32(x) => Norm::I32(*x),
        wasmi::Val::I64(x) => Norm::I64(*x),
        wasmi::Val::F32(x) => Norm::F32(x.to_bits()),
        wasmi::Val::F64(x) => Norm::F64(x.to_bits()),
        wasmi::Val::V128(x) => Norm::V128(x.as_u128()),
        wasmi::Val::FuncRef(f) => Norm::FuncRef { null: f.is_null() },
        wasmi::Val::ExternRef(e) => Norm::ExternRef(e.val().map(|e| {
            e.data(store)
                .downcast_ref::<u32>()
                .copied()
                .unwrap_or(u32::MAX)
        })),
    }
}

/// Formats a list of values.
pub fn list<T: fmt::Display>(vals: &[T]) -> String {
    let parts: Vec<String> = vals.iter().map(|v| v.to_string()).collect();
    format!("[{}]", parts.join(", "))
}
