//! Globals.

use super::store::{AsContext, AsContextMut, StoreId, StoreOpaque};
use crate::types::{GlobalType, Mutability};
use crate::values::Val;
use crate::{Error, Result};
use std::cell::UnsafeCell;

/// A global in a store. The value sits in an `UnsafeCell` because the
/// interpreter reads and writes it through a pointer cached in the instance.
/// It takes two slots (low half first), as a `v128` needs; a scalar uses the
/// first.
pub(crate) struct GlobalEntity {
    pub ty: GlobalType,
    value: UnsafeCell<[u64; 2]>,
}

impl GlobalEntity {
    pub(crate) fn new(ty: GlobalType, raw: u128) -> GlobalEntity {
        GlobalEntity {
            ty,
            value: UnsafeCell::new([raw as u64, (raw >> 64) as u64]),
        }
    }

    /// A pointer to the raw value's two slots, valid as long as the store
    /// lives.
    pub(crate) fn value_ptr(&self) -> *mut u64 {
        self.value.get().cast()
    }

    pub(crate) fn get_raw(&self) -> u128 {
        // SAFETY: the cell is only written by the interpreter, which holds the
        // store exclusively while it runs; no write can race with this read.
        let [lo, hi] = unsafe { *self.value.get() };
        u128::from(lo) | (u128::from(hi) << 64)
    }

    fn set_raw(&mut self, raw: u128) {
        *self.value.get_mut() = [raw as u64, (raw >> 64) as u64];
    }
}

/// A WebAssembly global, owned by a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Global {
    pub(crate) store: StoreId,
    pub(crate) index: u32,
}

impl Global {
    /// Creates a global of type `ty` holding `value`.
    pub fn new(mut store: impl AsContextMut, ty: GlobalType, value: Val) -> Result<Global> {
        let store = store.as_context_mut().opaque;
        check_val(store, &value, &ty)?;
        Ok(Global::alloc(
            store,
            GlobalEntity::new(ty, value.to_raw128()),
        ))
    }

    pub(crate) fn alloc(store: &mut StoreOpaque, entity: GlobalEntity) -> Global {
        let index = store.globals.len() as u32;
        store.globals.push(Box::new(entity));
        Global {
            store: store.id(),
            index,
        }
    }

    pub(crate) fn entity<'a>(&self, store: &'a StoreOpaque) -> &'a GlobalEntity {
        store.check(self.store);
        &store.globals[self.index as usize]
    }

    /// The global's type.
    pub fn ty(&self, store: impl AsContext) -> GlobalType {
        self.entity(store.as_context().opaque).ty
    }

    /// The global's current value.
    pub fn get(&self, store: impl AsContext) -> Val {
        let store = store.as_context().opaque;
        let entity = self.entity(store);
        Val::from_raw128(store.id(), entity.get_raw(), entity.ty.content())
    }

    /// Sets the value of a mutable global.
    pub fn set(&self, mut store: impl AsContextMut, value: Val) -> Result<()> {
        let store = store.as_context_mut().opaque;
        let ty = self.entity(store).ty;
        if ty.mutability() != Mutability::Var {
            return Err(Error::usage("cannot set an immutable global"));
        }
        check_val(store, &value, &ty)?;
        store.globals[self.index as usize].set_raw(value.to_raw128());
        Ok(())
    }
}

fn check_val(store: &StoreOpaque, value: &Val, ty: &GlobalType) -> Result<()> {
    if !value.comes_from(store) {
        return Err(Error::usage("value used with the wrong store"));
    }
    if !value.matches_ty_in(store, ty.content()) {
        return Err(Error::usage(format!(
            "value of type {} does not match the global's type {}",
            value.ty(),
            ty.content()
        )));
    }
    Ok(())
}
