//! Functions: WebAssembly functions of an instance and host functions, the
//! dynamically typed [`Func`] and the statically typed [`TypedFunc`].

use super::instance::Instance;
use super::store::{AsContext, AsContextMut, StoreContext, StoreContextMut, StoreId, StoreOpaque};
use crate::engine::TypeId;
use crate::interp::ir::CodeRef;
use crate::types::{FuncType, ValType};
use crate::values::{V128, Val, raw_len, read_vals, write_vals};
use crate::{Engine, Error, Extern, Result};
use std::any::Any;
use std::marker::PhantomData;
use std::sync::Arc;

/// The type-erased body of a host function. It receives the parameters in
/// `io` as raw slots laid out one after another (a `v128` takes two) and
/// writes its results the same way; `io` is as long as the larger of the two.
pub(crate) type HostCallback = dyn Fn(&mut StoreOpaque, &mut dyn Any, Option<Instance>, &mut [u64]) -> Result<()>
    + Send
    + Sync;

/// A host function, independent of any store until it is inserted in one.
pub(crate) struct HostFunc {
    pub ty: FuncType,
    pub call: Box<HostCallback>,
}

impl std::fmt::Debug for HostFunc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HostFunc").field("ty", &self.ty).finish()
    }
}

/// What a function in a store is.
#[derive(Debug, Clone)]
pub(crate) enum FuncKind {
    /// Defined function `defined` (index among the module's defined functions)
    /// of the store's instance `instance`, whose entry in its module's code
    /// table is `code` (a call from the interpreter finds the callee's
    /// bytecode there, without going through the instance and the module).
    Wasm {
        instance: u32,
        defined: u32,
        code: CodeRef,
    },
    /// A host function.
    Host(Arc<HostFunc>),
}

/// A function in a store.
#[derive(Debug, Clone)]
pub(crate) struct FuncEntity {
    pub ty: TypeId,
    /// The declared supertypes of `ty` (see `engine::supertypes`), for
    /// `call_indirect` to accept a subtype without asking the registry.
    pub supertypes: crate::engine::Supertypes,
    pub kind: FuncKind,
}

impl FuncEntity {
    pub(crate) fn new(ty: TypeId, kind: FuncKind) -> FuncEntity {
        FuncEntity {
            ty,
            supertypes: crate::engine::supertypes(ty.0),
            kind,
        }
    }
}

/// A WebAssembly or host function, owned by a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Func {
    pub(crate) store: StoreId,
    pub(crate) index: u32,
}

impl Func {
    pub(crate) fn alloc(store: &mut StoreOpaque, entity: FuncEntity) -> Func {
        let index = store.funcs.len() as u32;
        store
            .vm_funcs
            .push(super::vmctx::VmFunc::uncompiled(entity.ty.0, index));
        store.vm.funcs = store.vm_funcs.as_ptr();
        store.funcs.push(entity);
        Func {
            store: store.id(),
            index,
        }
    }

    pub(crate) fn from_raw(store: StoreId, raw: u64) -> Option<Func> {
        match raw {
            0 => None,
            n => Some(Func {
                store,
                index: (n - 1) as u32,
            }),
        }
    }

    pub(crate) fn entity<'a>(&self, store: &'a StoreOpaque) -> &'a FuncEntity {
        store.check(self.store);
        &store.funcs[self.index as usize]
    }

    /// Creates a host function of type `ty` that receives and returns
    /// dynamically typed values.
    pub fn new<T: 'static>(
        mut store: impl AsContextMut<Data = T>,
        ty: FuncType,
        func: impl Fn(Caller<'_, T>, &[Val], &mut [Val]) -> Result<()> + Send + Sync + 'static,
    ) -> Func {
        let store = store.as_context_mut().opaque;
        let host = host_func_new(ty, func);
        insert_host(store, Arc::new(host))
    }

    /// Creates a host function from a closure with typed parameters and
    /// results, such as `|x: i32, y: i32| x + y` or
    /// `|caller: Caller<'_, T>, x: i32| -> Result<i32> { ... }`.
    pub fn wrap<T: 'static, Params, Results>(
        mut store: impl AsContextMut<Data = T>,
        func: impl IntoFunc<T, Params, Results>,
    ) -> Func {
        let store = store.as_context_mut().opaque;
        let host = func.into_host_func().0;
        insert_host(store, Arc::new(host))
    }

    /// The function's type.
    pub fn ty(&self, store: impl AsContext) -> FuncType {
        self.ty_of(store.as_context().opaque)
    }

    pub(crate) fn ty_of(&self, store: &StoreOpaque) -> FuncType {
        self.entity(store).ty.func_type()
    }

    /// Calls the function with `params`, writing its results to `results`.
    ///
    /// The number and types of `params` must match the function's type, and
    /// `results` must have room for exactly its results.
    pub fn call(
        &self,
        mut store: impl AsContextMut,
        params: &[Val],
        results: &mut [Val],
    ) -> Result<()> {
        let ctx = store.as_context_mut();
        let (opaque, data) = (ctx.opaque, ctx.data as &mut dyn Any);
        let ty = self.ty_of(opaque);
        if params.len() != ty.params().len() {
            return Err(Error::usage(format!(
                "expected {} arguments, got {}",
                ty.params().len(),
                params.len()
            )));
        }
        if results.len() != ty.results().len() {
            return Err(Error::usage(format!(
                "expected room for {} results, got {}",
                ty.results().len(),
                results.len()
            )));
        }
        for (i, (param, expected)) in params.iter().zip(ty.params()).enumerate() {
            if !param.matches_ty_in(opaque, expected) {
                return Err(Error::usage(format!(
                    "argument {i}: expected {expected}, got {}",
                    param.ty()
                )));
            }
            if !param.comes_from(opaque) {
                return Err(Error::usage(format!(
                    "argument {i}: reference from another store"
                )));
            }
        }
        let mut io = vec![0u64; raw_len(ty.params()).max(raw_len(ty.results()))];
        write_vals(params, &mut io);
        crate::interp::invoke(opaque, data, self.index, &mut io)?;
        read_vals(opaque.id(), &io, ty.results(), results);
        Ok(())
    }

    /// A statically typed view of the function; fails if `Params` and
    /// `Results` do not match its type: each Rust parameter type must be
    /// the function's parameter type or a subtype of it, and each result
    /// type of the function the Rust result type or a subtype of it (so a
    /// function returning `(ref $t)` may be viewed as returning
    /// `Option<Func>`; one taking a `(ref $t)` needs [`Func::call`], which
    /// checks each value).
    pub fn typed<Params: WasmParams, Results: WasmResults>(
        &self,
        store: impl AsContext,
    ) -> Result<TypedFunc<Params, Results>> {
        let ty = self.ty(store);
        typecheck_list(ty.params(), &Params::value_types(), |have, want| {
            want.matches(have)
        })
        .map_err(|e| e.context("type mismatch in parameters"))?;
        typecheck_list(ty.results(), &Results::value_types(), |have, want| {
            have.matches(want)
        })
        .map_err(|e| e.context("type mismatch in results"))?;
        Ok(TypedFunc {
            func: *self,
            _marker: PhantomData,
        })
    }
}

fn insert_host(store: &mut StoreOpaque, host: Arc<HostFunc>) -> Func {
    let ty = crate::engine::register_func(&host.ty);
    Func::alloc(store, FuncEntity::new(ty, FuncKind::Host(host)))
}

/// Builds the host function of [`Func::new`] (also used by the linker).
pub(crate) fn host_func_new<T: 'static>(
    ty: FuncType,
    func: impl Fn(Caller<'_, T>, &[Val], &mut [Val]) -> Result<()> + Send + Sync + 'static,
) -> HostFunc {
    let sig = ty.clone();
    let call = move |opaque: &mut StoreOpaque,
                     data: &mut dyn Any,
                     instance: Option<Instance>,
                     io: &mut [u64]|
          -> Result<()> {
        let data = downcast_data::<T>(data)?;
        let id = opaque.id();
        let mut params = vec![Val::I32(0); sig.params().len()];
        read_vals(id, io, sig.params(), &mut params);
        let mut results: Vec<Val> = sig
            .results()
            .iter()
            .map(|ty| Val::default_for(ty).unwrap_or(Val::I32(0)))
            .collect();
        func(
            Caller {
                opaque: &mut *opaque,
                data,
                instance,
            },
            &params,
            &mut results,
        )?;
        for (i, (result, ty)) in results.iter().zip(sig.results()).enumerate() {
            if !result.matches_ty_in(opaque, ty) || !result.comes_from(opaque) {
                return Err(Error::usage(format!(
                    "host function result {i}: expected {ty}, got {}",
                    result.ty()
                )));
            }
        }
        write_vals(&results, io);
        Ok(())
    };
    HostFunc {
        ty,
        call: Box::new(call),
    }
}

fn downcast_data<T: 'static>(data: &mut dyn Any) -> Result<&mut T> {
    data.downcast_mut::<T>()
        .ok_or_else(|| Error::usage("host function called with a store of another data type"))
}

/// The context a host function is called in: the store (with its host data)
/// and the instance whose code made the call.
pub struct Caller<'a, T: 'static> {
    pub(crate) opaque: &'a mut StoreOpaque,
    pub(crate) data: &'a mut T,
    pub(crate) instance: Option<Instance>,
}

impl<T: 'static> std::fmt::Debug for Caller<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Caller")
            .field("instance", &self.instance)
            .finish()
    }
}

impl<T: 'static> Caller<'_, T> {
    /// The host data of the store.
    pub fn data(&self) -> &T {
        self.data
    }

    /// The host data of the store, mutably.
    pub fn data_mut(&mut self) -> &mut T {
        self.data
    }

    /// The engine.
    pub fn engine(&self) -> &Engine {
        self.opaque.engine()
    }

    /// An export of the calling instance (typically its `memory`), if the
    /// caller is a WebAssembly instance and has an export of that name.
    pub fn get_export(&mut self, name: &str) -> Option<Extern> {
        self.instance?.get_export(&*self, name)
    }

    /// The fuel left (see [`Store::get_fuel`](crate::Store::get_fuel)).
    pub fn get_fuel(&self) -> Result<u64> {
        self.opaque.get_fuel()
    }

    /// Sets the fuel left (see [`Store::set_fuel`](crate::Store::set_fuel)).
    pub fn set_fuel(&mut self, fuel: u64) -> Result<()> {
        self.opaque.set_fuel(fuel)
    }

    /// Sets the epoch deadline, `ticks` from now (see
    /// [`Store::set_epoch_deadline`](crate::Store::set_epoch_deadline)).
    pub fn set_epoch_deadline(&mut self, ticks: u64) {
        self.opaque.set_epoch_deadline(ticks);
    }
}

impl<T: 'static> AsContext for Caller<'_, T> {
    type Data = T;
    fn as_context(&self) -> StoreContext<'_, T> {
        StoreContext {
            opaque: self.opaque,
            data: self.data,
        }
    }
}

impl<T: 'static> AsContextMut for Caller<'_, T> {
    fn as_context_mut(&mut self) -> StoreContextMut<'_, T> {
        StoreContextMut {
            opaque: self.opaque,
            data: self.data,
        }
    }
}

impl<'a, T: 'static> From<&'a Caller<'_, T>> for StoreContext<'a, T> {
    fn from(caller: &'a Caller<'_, T>) -> Self {
        StoreContext {
            opaque: caller.opaque,
            data: caller.data,
        }
    }
}

impl<'a, T: 'static> From<&'a mut Caller<'_, T>> for StoreContext<'a, T> {
    fn from(caller: &'a mut Caller<'_, T>) -> Self {
        StoreContext {
            opaque: caller.opaque,
            data: caller.data,
        }
    }
}

impl<'a, T: 'static> From<&'a mut Caller<'_, T>> for StoreContextMut<'a, T> {
    fn from(caller: &'a mut Caller<'_, T>) -> Self {
        StoreContextMut {
            opaque: caller.opaque,
            data: caller.data,
        }
    }
}

/// A host reference (`externref`): an arbitrary host value owned by a
/// store, or (the GC proposal's `extern.convert_any`) an `anyref` made
/// external.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ExternRef {
    pub(crate) store: StoreId,
    /// The index of the host value plus one, or an `anyref`'s word with
    /// `runtime::gc::HOST` set.
    pub(crate) raw: u64,
}

impl ExternRef {
    /// Moves `value` into the store and returns a reference to it.
    pub fn new<T: Any + Send + Sync>(mut store: impl AsContextMut, value: T) -> ExternRef {
        let store = store.as_context_mut().opaque;
        store.externrefs.push(Box::new(value));
        ExternRef {
            store: store.id(),
            raw: store.externrefs.len() as u64,
        }
    }

    pub(crate) fn from_raw(store: StoreId, raw: u64) -> Option<ExternRef> {
        (raw != 0).then_some(ExternRef { store, raw })
    }

    /// The referenced host value; `None` if this is an `anyref` made
    /// external.
    pub fn data<'a, T: 'static>(
        &self,
        store: impl Into<StoreContext<'a, T>>,
    ) -> Option<&'a (dyn Any + Send + Sync)> {
        let store = store.into().opaque;
        store.check(self.store);
        let index = usize::try_from(self.raw.checked_sub(1)?).ok()?;
        Some(&**store.externrefs.get(index)?)
    }
}

/// A Rust type that corresponds to a WebAssembly value type.
pub trait WasmTy: Send + Sized + 'static {
    /// How many 64-bit interpreter slots a value takes (2 for `v128`).
    #[doc(hidden)]
    const SLOTS: usize = 1;
    /// The WebAssembly type.
    fn valtype() -> ValType;
    #[doc(hidden)]
    fn into_raw(self, store: &StoreOpaque, out: &mut [u64]) -> Result<()>;
    #[doc(hidden)]
    fn from_raw(raw: &[u64], store: &StoreOpaque) -> Self;
}

macro_rules! wasm_ty_num {
    ($($ty:ty => $vt:ident, |$v:ident| $to:expr, |$r:ident| $from:expr;)*) => {$(
        impl WasmTy for $ty {
            fn valtype() -> ValType {
                ValType::$vt
            }
            #[inline]
            fn into_raw(self, _store: &StoreOpaque, out: &mut [u64]) -> Result<()> {
                let $v = self;
                out[0] = $to;
                Ok(())
            }
            #[inline]
            fn from_raw(raw: &[u64], _store: &StoreOpaque) -> Self {
                let $r = raw[0];
                $from
            }
        }
    )*};
}

wasm_ty_num! {
    i32 => I32, |v| v as u32 as u64, |r| r as u32 as i32;
    u32 => I32, |v| v as u64, |r| r as u32;
    i64 => I64, |v| v as u64, |r| r as i64;
    u64 => I64, |v| v, |r| r;
    f32 => F32, |v| v.to_bits() as u64, |r| f32::from_bits(r as u32);
    f64 => F64, |v| v.to_bits(), |r| f64::from_bits(r);
}

impl WasmTy for V128 {
    const SLOTS: usize = 2;
    fn valtype() -> ValType {
        ValType::V128
    }
    #[inline]
    fn into_raw(self, _store: &StoreOpaque, out: &mut [u64]) -> Result<()> {
        let v = self.as_u128();
        out[0] = v as u64;
        out[1] = (v >> 64) as u64;
        Ok(())
    }
    #[inline]
    fn from_raw(raw: &[u64], _store: &StoreOpaque) -> Self {
        V128::from(u128::from(raw[0]) | (u128::from(raw[1]) << 64))
    }
}

impl WasmTy for Option<Func> {
    fn valtype() -> ValType {
        ValType::FUNCREF
    }
    fn into_raw(self, store: &StoreOpaque, out: &mut [u64]) -> Result<()> {
        let val = Val::FuncRef(self);
        if !val.comes_from(store) {
            return Err(Error::usage("function reference from another store"));
        }
        out[0] = val.to_raw();
        Ok(())
    }
    fn from_raw(raw: &[u64], store: &StoreOpaque) -> Self {
        Func::from_raw(store.id(), raw[0])
    }
}

impl WasmTy for Option<ExternRef> {
    fn valtype() -> ValType {
        ValType::EXTERNREF
    }
    fn into_raw(self, store: &StoreOpaque, out: &mut [u64]) -> Result<()> {
        let val = Val::ExternRef(self);
        if !val.comes_from(store) {
            return Err(Error::usage("extern reference from another store"));
        }
        out[0] = val.to_raw();
        Ok(())
    }
    fn from_raw(raw: &[u64], store: &StoreOpaque) -> Self {
        ExternRef::from_raw(store.id(), raw[0])
    }
}

impl WasmTy for Option<crate::AnyRef> {
    fn valtype() -> ValType {
        ValType::ANYREF
    }
    fn into_raw(self, store: &StoreOpaque, out: &mut [u64]) -> Result<()> {
        let val = Val::AnyRef(self);
        if !val.matches_ty_in(store, &ValType::ANYREF) {
            return Err(Error::usage(
                "GC reference from another store, or stale (collected)",
            ));
        }
        out[0] = val.to_raw();
        Ok(())
    }
    fn from_raw(raw: &[u64], store: &StoreOpaque) -> Self {
        crate::AnyRef::from_raw(store.id(), raw[0])
    }
}

/// The parameters of a [`TypedFunc`]: a [`WasmTy`] or a tuple of them.
pub trait WasmParams: Send + Sized {
    /// How many 64-bit slots the values take together.
    #[doc(hidden)]
    const LEN: usize;
    #[doc(hidden)]
    fn value_types() -> Vec<ValType>;
    #[doc(hidden)]
    fn into_raw(self, store: &StoreOpaque, out: &mut [u64]) -> Result<()>;
}

/// The results of a [`TypedFunc`]: a [`WasmTy`] or a tuple of them.
pub trait WasmResults: WasmParams {
    #[doc(hidden)]
    fn from_raw(store: &StoreOpaque, raw: &[u64]) -> Self;
}

/// Checks the function's `types` against the Rust side's `expected`, pair
/// by pair with `fits(have, want)`.
fn typecheck_list(
    types: &[ValType],
    expected: &[ValType],
    fits: fn(&ValType, &ValType) -> bool,
) -> Result<()> {
    if types.len() != expected.len() {
        return Err(Error::usage(format!(
            "expected {} values, the function has {}",
            expected.len(),
            types.len()
        )));
    }
    for (i, (have, want)) in types.iter().zip(expected).enumerate() {
        if !fits(have, want) {
            return Err(Error::usage(format!(
                "value {i}: expected {want}, the function has {have}"
            )));
        }
    }
    Ok(())
}

impl<A: WasmTy> WasmParams for A {
    const LEN: usize = A::SLOTS;
    fn value_types() -> Vec<ValType> {
        vec![A::valtype()]
    }
    fn into_raw(self, store: &StoreOpaque, out: &mut [u64]) -> Result<()> {
        WasmTy::into_raw(self, store, out)
    }
}

impl<A: WasmTy> WasmResults for A {
    fn from_raw(store: &StoreOpaque, raw: &[u64]) -> Self {
        <A as WasmTy>::from_raw(raw, store)
    }
}

macro_rules! wasm_tuples {
    ($($n:literal: ($($t:ident . $i:tt),*);)*) => {$(
        impl<$($t: WasmTy),*> WasmParams for ($($t,)*) {
            const LEN: usize = 0 $(+ $t::SLOTS)*;
            fn value_types() -> Vec<ValType> {
                vec![$($t::valtype()),*]
            }
            #[allow(unused_variables, unused_mut, unused_assignments)]
            fn into_raw(self, store: &StoreOpaque, out: &mut [u64]) -> Result<()> {
                let mut at = 0;
                $(
                    WasmTy::into_raw(self.$i, store, &mut out[at..])?;
                    at += $t::SLOTS;
                )*
                Ok(())
            }
        }

        impl<$($t: WasmTy),*> WasmResults for ($($t,)*) {
            #[allow(unused_variables, unused_mut, unused_assignments, clippy::unused_unit)]
            fn from_raw(store: &StoreOpaque, raw: &[u64]) -> Self {
                let mut at = 0;
                ($({
                    let value = <$t as WasmTy>::from_raw(&raw[at..], store);
                    at += $t::SLOTS;
                    value
                },)*)
            }
        }
    )*};
}

wasm_tuples! {
    0: ();
    1: (A.0);
    2: (A.0, B.1);
    3: (A.0, B.1, C.2);
    4: (A.0, B.1, C.2, D.3);
    5: (A.0, B.1, C.2, D.3, E.4);
    6: (A.0, B.1, C.2, D.3, E.4, F.5);
    7: (A.0, B.1, C.2, D.3, E.4, F.5, G.6);
    8: (A.0, B.1, C.2, D.3, E.4, F.5, G.6, H.7);
    9: (A.0, B.1, C.2, D.3, E.4, F.5, G.6, H.7, I.8);
    10: (A.0, B.1, C.2, D.3, E.4, F.5, G.6, H.7, I.8, J.9);
    11: (A.0, B.1, C.2, D.3, E.4, F.5, G.6, H.7, I.8, J.9, K.10);
    12: (A.0, B.1, C.2, D.3, E.4, F.5, G.6, H.7, I.8, J.9, K.10, L.11);
}

/// What a typed host closure may return: results, or `Result` of results.
pub trait WasmRet {
    #[doc(hidden)]
    type Results: WasmResults;
    #[doc(hidden)]
    fn into_result(self) -> Result<Self::Results>;
}

impl<R: WasmResults> WasmRet for R {
    type Results = R;
    fn into_result(self) -> Result<R> {
        Ok(self)
    }
}

impl<R: WasmResults> WasmRet for Result<R> {
    type Results = R;
    fn into_result(self) -> Result<R> {
        self
    }
}

/// Closures that can become host functions; see [`Func::wrap`].
pub trait IntoFunc<T, Params, Results>: Send + Sync + 'static {
    #[doc(hidden)]
    fn into_host_func(self) -> HostFuncHandle;
}

/// Opaque carrier of a host function built by [`IntoFunc`].
#[doc(hidden)]
#[derive(Debug)]
pub struct HostFuncHandle(pub(crate) HostFunc);

impl From<HostFuncHandle> for HostFunc {
    fn from(h: HostFuncHandle) -> HostFunc {
        h.0
    }
}

macro_rules! into_func {
    ($(($($a:ident . $i:tt),*);)*) => {$(
        impl<T: 'static, Func, $($a: WasmTy,)* R> IntoFunc<T, ($($a,)*), R> for Func
        where
            Func: Fn($($a),*) -> R + Send + Sync + 'static,
            R: WasmRet,
        {
            #[allow(unused_mut, unused_assignments, unused_variables)]
            fn into_host_func(self) -> HostFuncHandle {
                let ty = FuncType::new(
                    [$($a::valtype()),*],
                    <R::Results as WasmParams>::value_types(),
                );
                let call = move |opaque: &mut StoreOpaque,
                                 _data: &mut dyn Any,
                                 _instance: Option<Instance>,
                                 io: &mut [u64]|
                      -> Result<()> {
                    let mut at = 0;
                    $(
                        let $a = <$a as WasmTy>::from_raw(&io[at..], opaque);
                        at += $a::SLOTS;
                    )*
                    let results = (self)($($a),*).into_result()?;
                    WasmParams::into_raw(results, opaque, io)
                };
                HostFuncHandle(HostFunc { ty, call: Box::new(call) })
            }
        }

        impl<T: 'static, Func, $($a: WasmTy,)* R> IntoFunc<T, (Caller<'_, T>, $($a,)*), R> for Func
        where
            Func: Fn(Caller<'_, T>, $($a),*) -> R + Send + Sync + 'static,
            R: WasmRet,
        {
            #[allow(unused_mut, unused_assignments, unused_variables)]
            fn into_host_func(self) -> HostFuncHandle {
                let ty = FuncType::new(
                    [$($a::valtype()),*],
                    <R::Results as WasmParams>::value_types(),
                );
                let call = move |opaque: &mut StoreOpaque,
                                 data: &mut dyn Any,
                                 instance: Option<Instance>,
                                 io: &mut [u64]|
                      -> Result<()> {
                    let mut at = 0;
                    $(
                        let $a = <$a as WasmTy>::from_raw(&io[at..], opaque);
                        at += $a::SLOTS;
                    )*
                    let data = downcast_data::<T>(data)?;
                    let caller = Caller { opaque: &mut *opaque, data, instance };
                    let results = (self)(caller, $($a),*).into_result()?;
                    WasmParams::into_raw(results, opaque, io)
                };
                HostFuncHandle(HostFunc { ty, call: Box::new(call) })
            }
        }
    )*};
}

#[allow(non_snake_case)]
mod impls {
    use super::*;
    into_func! {
        ();
        (A.0);
        (A.0, B.1);
        (A.0, B.1, C.2);
        (A.0, B.1, C.2, D.3);
        (A.0, B.1, C.2, D.3, E.4);
        (A.0, B.1, C.2, D.3, E.4, F.5);
        (A.0, B.1, C.2, D.3, E.4, F.5, G.6);
        (A.0, B.1, C.2, D.3, E.4, F.5, G.6, H.7);
        (A.0, B.1, C.2, D.3, E.4, F.5, G.6, H.7, I.8);
        (A.0, B.1, C.2, D.3, E.4, F.5, G.6, H.7, I.8, J.9);
        (A.0, B.1, C.2, D.3, E.4, F.5, G.6, H.7, I.8, J.9, K.10);
        (A.0, B.1, C.2, D.3, E.4, F.5, G.6, H.7, I.8, J.9, K.10, L.11);
    }
}

/// A statically typed function: calls skip the per-call type checks and
/// `Val` conversions of [`Func::call`].
pub struct TypedFunc<Params, Results> {
    func: Func,
    _marker: PhantomData<fn(Params) -> Results>,
}

impl<P, R> std::fmt::Debug for TypedFunc<P, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TypedFunc")
            .field("func", &self.func)
            .finish()
    }
}

impl<P, R> Clone for TypedFunc<P, R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<P, R> Copy for TypedFunc<P, R> {}

impl<Params: WasmParams, Results: WasmResults> TypedFunc<Params, Results> {
    /// The untyped function.
    pub fn func(&self) -> &Func {
        &self.func
    }

    /// Calls the function.
    pub fn call(&self, mut store: impl AsContextMut, params: Params) -> Result<Results> {
        let ctx = store.as_context_mut();
        let (opaque, data) = (ctx.opaque, ctx.data as &mut dyn Any);
        opaque.check(self.func.store);
        let len = Params::LEN.max(Results::LEN);
        let mut small = [0u64; 8];
        let mut large = Vec::new();
        let io: &mut [u64] = if len <= small.len() {
            &mut small[..len]
        } else {
            large.resize(len, 0);
            &mut large
        };
        params.into_raw(opaque, io)?;
        crate::interp::invoke(opaque, data, self.func.index, io)?;
        Ok(Results::from_raw(opaque, io))
    }
}
