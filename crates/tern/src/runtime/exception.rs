//! Exception handling (the exception-handling proposal): tags, and the
//! exception objects `throw` creates.
//!
//! A tag is a store entity, like a global: each instantiation of a module
//! that defines a tag makes a new one, and an import refers to the same
//! tag as the export it comes from, so `catch` compares store indices.
//!
//! An exception is an immutable object in the store's exception arena: its
//! tag and its payload as raw slots (a `v128` in two). An `exnref` is a
//! handle to it: the slot's index plus one in the low 32 bits, and the
//! slot's generation (never 0) in the high 32 bits, so a stale handle is
//! recognised rather than resolved to a later exception.
//!
//! The arena is collected, conservatively: when it has grown past its
//! threshold, every word that can hold a reference (the interpreter's value
//! stack, globals, tables, and the exception being thrown) keeps alive the
//! exception it names, and the rest are freed. Functions that touch
//! `exnref` run in the interpreter only, so no reference lives in a
//! register or a frame of compiled code. A word that happens to equal a
//! live handle keeps an exception alive longer, never frees one too early.

use super::store::{AsContext, AsContextMut, StoreId, StoreOpaque};
use crate::types::{FuncType, TagType, ValType};
use crate::values::{Val, read_vals, write_vals};
use crate::{Error, Result};

/// An exception tag in a store (Wasmtime's `Tag`): defined by a module, or
/// by the host with [`Tag::new`], imported and exported like a global.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tag {
    pub(crate) store: StoreId,
    pub(crate) index: u32,
}

/// A tag as its store keeps it.
#[derive(Debug)]
pub(crate) struct TagEntity {
    pub ty: TagType,
}

impl Tag {
    /// A new tag of type `ty`, distinct from every other tag.
    pub fn new(mut store: impl AsContextMut, ty: &TagType) -> Result<Tag> {
        if !ty.ty().results().is_empty() {
            return Err(Error::usage("a tag's function type must have no results"));
        }
        let store = store.as_context_mut().opaque;
        Ok(Tag::alloc(store, ty.clone()))
    }

    pub(crate) fn alloc(store: &mut StoreOpaque, ty: TagType) -> Tag {
        store.tags.push(TagEntity { ty });
        Tag {
            store: store.id(),
            index: store.tags.len() as u32 - 1,
        }
    }

    /// The tag's type.
    pub fn ty(&self, store: impl AsContext) -> TagType {
        let store = store.as_context();
        store.opaque.check(self.store);
        store.opaque.tags[self.index as usize].ty.clone()
    }
}

/// A reference to an exception (`exnref`): what `catch_ref` and
/// `catch_all_ref` hand to WebAssembly, and what an uncaught exception
/// carries out to the host ([`Error::exception`]).
///
/// Exceptions are collected once nothing in WebAssembly refers to them: a
/// reference the host keeps across later calls may go stale, and then
/// [`ExnRef::tag`] and [`ExnRef::fields`] say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ExnRef {
    pub(crate) store: StoreId,
    pub(crate) raw: u64,
}

impl ExnRef {
    pub(crate) fn from_raw(store: StoreId, raw: u64) -> Option<ExnRef> {
        (raw != 0).then_some(ExnRef { store, raw })
    }

    fn get<'a>(&self, store: &'a StoreOpaque) -> Result<&'a Exn> {
        store.check(self.store);
        store
            .exceptions
            .get(self.raw)
            .ok_or_else(|| Error::usage("the exception reference is stale (it was collected)"))
    }

    /// The exception's tag.
    pub fn tag(&self, store: impl AsContext) -> Result<Tag> {
        let store = store.as_context();
        let exn = self.get(store.opaque)?;
        Ok(Tag {
            store: self.store,
            index: exn.tag,
        })
    }

    /// The values the exception carries, as its tag's type declares them.
    pub fn fields(&self, store: impl AsContext) -> Result<Vec<Val>> {
        let store = store.as_context();
        let exn = self.get(store.opaque)?;
        let ty = store.opaque.tags[exn.tag as usize].ty.ty().clone();
        let mut out = vec![Val::I32(0); ty.params().len()];
        read_vals(self.store, &exn.values, ty.params(), &mut out);
        Ok(out)
    }

    /// A new exception of tag `tag` carrying `fields` (which must match the
    /// tag's type), for a host function to throw with
    /// [`Error::throw`].
    pub fn new(mut store: impl AsContextMut, tag: Tag, fields: &[Val]) -> Result<ExnRef> {
        let store = store.as_context_mut().opaque;
        store.check(tag.store);
        let ty: FuncType = store.tags[tag.index as usize].ty.ty().clone();
        let params = ty.params();
        if fields.len() != params.len()
            || !fields
                .iter()
                .zip(params)
                .all(|(v, t)| v.matches_ty_in(store, t))
            || !fields.iter().all(|v| v.comes_from(store))
        {
            return Err(Error::usage(format!(
                "the fields of an exception of tag type {} do not match it",
                store.tags[tag.index as usize].ty
            )));
        }
        let mut values = vec![0; crate::values::raw_len(params)];
        write_vals(fields, &mut values);
        let raw = store.alloc_exception(tag.index, values.into());
        Ok(ExnRef {
            store: store.id(),
            raw,
        })
    }
}

/// An exception object.
#[derive(Debug)]
pub(crate) struct Exn {
    /// The store index of its tag.
    pub tag: u32,
    /// Its payload, as raw slots.
    pub values: Box<[u64]>,
}

#[derive(Debug)]
struct ExnSlot {
    generation: u32,
    exn: Option<Exn>,
}

/// The fewest exceptions the arena holds before it is first collected.
const MIN_THRESHOLD: usize = 1024;

/// The store's exception arena.
#[derive(Debug)]
pub(crate) struct Exceptions {
    slots: Vec<ExnSlot>,
    free: Vec<u32>,
    live: usize,
    /// Collect when `live` reaches this.
    threshold: usize,
}

impl Default for Exceptions {
    fn default() -> Self {
        Exceptions {
            slots: Vec::new(),
            free: Vec::new(),
            live: 0,
            threshold: MIN_THRESHOLD,
        }
    }
}

impl Exceptions {
    /// The slot index a handle names, if it is the handle of a live
    /// exception.
    fn index(&self, raw: u64) -> Option<usize> {
        let index = (raw as u32).checked_sub(1)? as usize;
        let slot = self.slots.get(index)?;
        (slot.exn.is_some() && slot.generation == (raw >> 32) as u32).then_some(index)
    }

    /// The exception a handle names, unless it is stale or not a handle.
    pub fn get(&self, raw: u64) -> Option<&Exn> {
        self.slots[self.index(raw)?].exn.as_ref()
    }

    /// The payloads of every live exception, one after another, for the
    /// GC heap's collector (a struct may be reachable only from one).
    pub fn payloads(&self) -> Vec<u64> {
        let live = self.slots.iter().filter_map(|s| s.exn.as_ref());
        live.flat_map(|e| e.values.iter().copied()).collect()
    }

    /// How many exceptions are alive (not yet collected).
    pub fn live(&self) -> usize {
        self.live
    }

    /// Whether the arena should be collected before the next allocation.
    pub fn wants_collection(&self) -> bool {
        self.live >= self.threshold
    }

    /// Stores `exn` and returns its handle.
    pub fn alloc(&mut self, exn: Exn) -> u64 {
        self.live += 1;
        let index = match self.free.pop() {
            Some(i) => i as usize,
            None => {
                self.slots.push(ExnSlot {
                    generation: 0,
                    exn: None,
                });
                self.slots.len() - 1
            }
        };
        let slot = &mut self.slots[index];
        slot.generation = slot.generation.wrapping_add(1).max(1);
        slot.exn = Some(exn);
        (u64::from(slot.generation) << 32) | (index as u64 + 1)
    }

    /// Frees every exception that no word of `roots` names (directly, or
    /// through the payload of an exception that is kept).
    pub fn collect<'a>(&mut self, roots: impl IntoIterator<Item = &'a [u64]>) {
        let mut marked = vec![false; self.slots.len()];
        let mut work = Vec::new();
        for words in roots {
            for &w in words {
                if let Some(i) = self.index(w)
                    && !marked[i]
                {
                    marked[i] = true;
                    work.push(i);
                }
            }
        }
        while let Some(i) = work.pop() {
            let Some(exn) = &self.slots[i].exn else {
                continue;
            };
            for &w in exn.values.iter() {
                if let Some(j) = self.index(w)
                    && !marked[j]
                {
                    marked[j] = true;
                    work.push(j);
                }
            }
        }
        for (i, slot) in self.slots.iter_mut().enumerate() {
            if slot.exn.is_some() && !marked[i] {
                slot.exn = None;
                self.free.push(i as u32);
                self.live -= 1;
            }
        }
        self.threshold = (self.live * 2).max(MIN_THRESHOLD);
    }
}

impl StoreOpaque {
    /// Makes an exception of store tag `tag` carrying `values`, collecting
    /// the arena first if it is due (`values` are roots too: they may hold
    /// references).
    pub(crate) fn alloc_exception(&mut self, tag: u32, values: Box<[u64]>) -> u64 {
        if self.exceptions.wants_collection() {
            let globals: Vec<u64> = self
                .globals
                .iter()
                // Nullable or not: `(ref exn)` globals hold exceptions too.
                .filter(|g| {
                    matches!(g.ty.content(), ValType::Ref(r)
                        if r.heap_type().top() == crate::types::HeapType::Exn)
                })
                .map(|g| g.get_raw() as u64)
                .collect();
            let tables = self
                .tables
                .iter()
                .filter(|t| t.ty.element().heap_type().top() == crate::types::HeapType::Exn)
                .map(|t| &t.elements[..]);
            let pending: Vec<u64> = self
                .jit_pending
                .as_ref()
                .and_then(|e| e.exception())
                .map(|e| e.raw)
                .into_iter()
                .collect();
            let objects = self.gc.reference_words();
            let roots = [
                &self.stack.values[..],
                &globals[..],
                &pending[..],
                &values[..],
                &objects[..],
            ]
            .into_iter()
            .chain(tables);
            self.exceptions.collect(roots);
        }
        self.exceptions.alloc(Exn { tag, values })
    }
}
