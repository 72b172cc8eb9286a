//! Tables of references.

use super::store::{AsContext, AsContextMut, StoreId, StoreOpaque};
use super::vmctx::VmTable;
use crate::types::TableType;
use crate::values::{Ref, Val};
use crate::{Error, Result};
use std::any::Any;

/// The most elements all tables of a store may hold together, whatever their
/// types allow (80 MiB): tables live in host memory, and a hostile module must
/// not be able to claim gigabytes with many large tables.
pub(crate) const MAX_STORE_TABLE_ELEMENTS: u64 = 10_000_000;

/// A table in a store. Elements are raw references (`0` is null).
#[derive(Debug)]
pub(crate) struct TableEntity {
    pub ty: TableType,
    pub elements: Vec<u64>,
    max: u64,
    /// Base and length of `elements` for compiled code (fixed address),
    /// updated whenever `elements` is resized.
    vm: Box<VmTable>,
}

impl TableEntity {
    pub(crate) fn new(ty: TableType, init: u64) -> Result<TableEntity> {
        let max = ty
            .maximum()
            .unwrap_or(u64::from(u32::MAX))
            .min(MAX_STORE_TABLE_ELEMENTS);
        let len = ty.minimum();
        if len > max {
            return Err(Error::unlinkable(format!(
                "table of {len} elements exceeds the limit of {max} elements"
            )));
        }
        let mut elements = Vec::new();
        elements
            .try_reserve_exact(len as usize)
            .map_err(|_| Error::unlinkable("failed to allocate table"))?;
        elements.resize(len as usize, init);
        let mut table = TableEntity {
            ty,
            elements,
            max,
            vm: Box::new(VmTable {
                base: std::ptr::null_mut(),
                len: 0,
            }),
        };
        table.sync();
        Ok(table)
    }

    /// Brings the view of compiled code up to date with `elements`.
    fn sync(&mut self) {
        self.vm.base = self.elements.as_mut_ptr();
        self.vm.len = self.elements.len() as u64;
    }

    /// The view compiled code reads (fixed address).
    pub(crate) fn vm(&mut self) -> *mut VmTable {
        &mut *self.vm
    }

    /// The type, with the current size as its minimum.
    pub(crate) fn current_ty(&self) -> TableType {
        self.ty.with_minimum(self.elements.len() as u64)
    }

    /// Grows by `delta` elements set to `init`, returning the old size, or
    /// `None` past the maximum or when the host has no memory.
    pub(crate) fn grow(&mut self, delta: u64, init: u64) -> Option<u64> {
        let old = self.elements.len() as u64;
        let new = old.checked_add(delta)?;
        if new > self.max {
            return None;
        }
        self.elements.try_reserve_exact(delta as usize).ok()?;
        self.elements.resize(new as usize, init);
        self.sync();
        Some(old)
    }
}

/// A WebAssembly table, owned by a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Table {
    pub(crate) store: StoreId,
    pub(crate) index: u32,
}

impl Table {
    /// Creates a table of type `ty` with every element set to `init`.
    pub fn new(mut store: impl AsContextMut, ty: TableType, init: Ref) -> Result<Table> {
        let ctx = store.as_context_mut();
        let raw = ref_to_raw(ctx.opaque, &init, &ty)?;
        Table::alloc(ctx.opaque, ctx.data, ty, raw)
    }

    /// Creates a table of type `ty` filled with `init`, within the store's
    /// budget of table elements and its resource limiter.
    pub(crate) fn alloc(
        store: &mut StoreOpaque,
        data: &mut dyn Any,
        ty: TableType,
        init: u64,
    ) -> Result<Table> {
        let (_, max_tables, _) = store.count_limits(data);
        if store.tables.len() >= max_tables {
            return Err(Error::resource_limit(format!(
                "resource limit exceeded: the store may hold at most {max_tables} tables"
            )));
        }
        let desired = usize::try_from(ty.minimum()).unwrap_or(usize::MAX);
        let maximum = ty
            .maximum()
            .map(|m| usize::try_from(m).unwrap_or(usize::MAX));
        let allowed = match store.limiter(data) {
            Some(l) => l.table_growing(0, desired, maximum)?,
            None => true,
        };
        if !allowed {
            return Err(Error::resource_limit(format!(
                "table minimum size of {desired} elements exceeds the store's table limit"
            )));
        }
        let total = store.table_elements.saturating_add(ty.minimum());
        if total > MAX_STORE_TABLE_ELEMENTS {
            return Err(Error::unlinkable(format!(
                "tables would hold {total} elements, more than the store's limit of \
                 {MAX_STORE_TABLE_ELEMENTS}"
            )));
        }
        let entity = TableEntity::new(ty, init)?;
        store.table_elements = total;
        let index = store.tables.len() as u32;
        store.tables.push(entity);
        Ok(Table {
            store: store.id(),
            index,
        })
    }

    pub(crate) fn entity<'a>(&self, store: &'a StoreOpaque) -> &'a TableEntity {
        store.check(self.store);
        &store.tables[self.index as usize]
    }

    /// The table's type, with its current size as the minimum.
    pub fn ty(&self, store: impl AsContext) -> TableType {
        self.entity(store.as_context().opaque).current_ty()
    }

    /// The current number of elements.
    pub fn size(&self, store: impl AsContext) -> u64 {
        self.entity(store.as_context().opaque).elements.len() as u64
    }

    /// The element at `index`, or `None` if out of bounds.
    pub fn get(&self, store: impl AsContext, index: u64) -> Option<Ref> {
        let store = store.as_context().opaque;
        let entity = self.entity(store);
        let raw = *entity.elements.get(usize::try_from(index).ok()?)?;
        Some(
            Val::from_raw(store.id(), raw, &crate::ValType::Ref(*entity.ty.element()))
                .ref_()
                .unwrap_or(Ref::Func(None)),
        )
    }

    /// Sets the element at `index`.
    pub fn set(&self, mut store: impl AsContextMut, index: u64, value: Ref) -> Result<()> {
        let store = store.as_context_mut().opaque;
        let ty = self.entity(store).ty;
        let raw = ref_to_raw(store, &value, &ty)?;
        store.check(self.store);
        let slot = usize::try_from(index)
            .ok()
            .and_then(|i| store.tables[self.index as usize].elements.get_mut(i))
            .ok_or_else(|| Error::usage(format!("table index {index} out of bounds")))?;
        *slot = raw;
        Ok(())
    }

    /// Grows the table by `delta` elements set to `init`, returning the old size.
    pub fn grow(&self, mut store: impl AsContextMut, delta: u64, init: Ref) -> Result<u64> {
        let ctx = store.as_context_mut();
        let ty = self.entity(ctx.opaque).ty;
        let raw = ref_to_raw(ctx.opaque, &init, &ty)?;
        ctx.opaque
            .grow_table(ctx.data, self.index, delta, raw)?
            .ok_or_else(|| Error::usage(format!("failed to grow table by {delta} elements")))
    }
}

impl StoreOpaque {
    /// Grows table `index` by `delta` elements set to `init`, within the
    /// store's budget and as the resource limiter allows; returns the old
    /// size, or `None` (`table.grow` -1). An error is the limiter's.
    pub(crate) fn grow_table(
        &mut self,
        data: &mut dyn Any,
        index: u32,
        delta: u64,
        init: u64,
    ) -> Result<Option<u64>> {
        let table = &self.tables[index as usize];
        let current = table.elements.len();
        let maximum = table
            .ty
            .maximum()
            .map(|m| usize::try_from(m).unwrap_or(usize::MAX));
        let Some(desired) = (current as u64)
            .checked_add(delta)
            .and_then(|d| usize::try_from(d).ok())
        else {
            return Ok(None);
        };
        if delta > 0
            && let Some(l) = self.limiter(data)
            && !l.table_growing(current, desired, maximum)?
        {
            return Ok(None);
        }
        let grown = self
            .table_elements
            .checked_add(delta)
            .filter(|&total| total <= MAX_STORE_TABLE_ELEMENTS)
            .and_then(|total| Some((total, self.tables[index as usize].grow(delta, init)?)));
        match grown {
            Some((total, old)) => {
                self.table_elements = total;
                Ok(Some(old))
            }
            None => {
                if let Some(l) = self.limiter(data) {
                    l.table_grow_failed(Error::resource_limit(format!(
                        "failed to grow a table from {current} to {desired} elements"
                    )))?;
                }
                Ok(None)
            }
        }
    }
}

fn ref_to_raw(store: &StoreOpaque, value: &Ref, ty: &TableType) -> Result<u64> {
    let val = Val::from(*value);
    if !val.comes_from(store) {
        return Err(Error::usage("reference used with the wrong store"));
    }
    if !value.matches_ty_in(store, ty.element()) {
        return Err(Error::usage(format!(
            "reference does not match the table's element type {}",
            ty.element()
        )));
    }
    Ok(val.to_raw())
}
