//! Linear memories.
//!
//! On 64-bit Unix hosts a memory reserves, once, all the address space it can
//! ever grow into (up to 4 GiB for a 32-bit memory) with no access rights, and
//! `memory.grow` only makes more of it readable and writable: the base pointer
//! never moves, so host code may keep slices between calls that do not grow,
//! and the JIT tier can rely on it. Fresh pages come from the kernel zeroed.
//! A memory that may grow past 4 GiB (memory64), or whose reservation is
//! refused (tight `ulimit -v`), is on Linux a private mapping of exactly its
//! size, grown with `mremap` (it may move): its pages, too, are only backed
//! when touched, so a huge initial size costs the host nothing until used.
//! Elsewhere it falls back to a heap buffer that may move on growth. The
//! interpreter reloads the base after anything that can grow a memory.

use super::store::{AsContext, AsContextMut, StoreContext, StoreContextMut, StoreId, StoreOpaque};
use super::vmctx::VmMemory;
use crate::types::MemoryType;
use crate::{Error, Result};
use std::any::Any;
use std::fmt;

/// The size of a WebAssembly page.
pub const WASM_PAGE_SIZE: u64 = 65536;
/// The most pages a 32-bit memory can have (4 GiB).
pub(crate) const MAX_PAGES_32: u64 = 65536;
/// The most pages a 64-bit memory can have (2^64 bytes).
pub(crate) const MAX_PAGES_64: u64 = 1 << 48;
/// The inaccessible bytes reserved after the 4 GiB a 32-bit memory can
/// reach: an access at a 32-bit address plus a constant offset below this
/// (and at most 16 bytes wide) lands in the reservation, so compiled code
/// relies on the fault instead of comparing with the memory's size.
pub(crate) const GUARD_SIZE: u64 = 32 << 20;
/// The address space reserved for a 32-bit memory on 64-bit Unix hosts.
const STATIC_RESERVATION: u64 = (1 << 32) + GUARD_SIZE;

enum Backing {
    /// An address-space reservation of `reserved` bytes.
    #[cfg(all(unix, target_pointer_width = "64"))]
    Mmap { reserved: usize },
    /// A mapping of `mapped` bytes (at least the memory's size) that grows
    /// by `mremap`, possibly moving.
    #[cfg(all(target_os = "linux", target_pointer_width = "64"))]
    Remap { mapped: usize },
    /// A heap buffer whose length is the memory's size.
    #[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
    Heap(Vec<u8>),
}

/// The bytes of a linear memory.
pub(crate) struct LinearMemory {
    /// Base and size, where compiled code and importing instances read them.
    vm: Box<VmMemory>,
    max_pages: u64,
    backing: Backing,
}

impl LinearMemory {
    /// Allocates a memory of `initial` pages that may grow to `max_pages`.
    pub(crate) fn new(initial: u64, max_pages: u64) -> Result<LinearMemory> {
        if initial > max_pages {
            return Err(Error::unlinkable(format!(
                "memory of {initial} pages exceeds the limit of {max_pages} pages"
            )));
        }
        let len = initial
            .checked_mul(WASM_PAGE_SIZE)
            .and_then(|bytes| usize::try_from(bytes).ok())
            .ok_or_else(|| Error::unlinkable("memory does not fit the host address space"))?;
        #[cfg(all(unix, target_pointer_width = "64"))]
        if let Some(mem) = Self::reserve(len, max_pages) {
            return Ok(mem);
        }
        #[cfg(all(target_os = "linux", target_pointer_width = "64"))]
        let mem = Self::remappable(len, max_pages);
        #[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
        let mem = Self::heap(len, max_pages);
        mem.ok_or_else(|| {
            Error::unlinkable(format!("failed to allocate a memory of {initial} pages"))
        })
    }

    /// A heap buffer of `len` zero bytes.
    #[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
    fn heap(len: usize, max_pages: u64) -> Option<LinearMemory> {
        let mut buf = Vec::new();
        buf.try_reserve_exact(len).ok()?;
        buf.resize(len, 0);
        Some(LinearMemory {
            vm: Box::new(VmMemory {
                base: buf.as_mut_ptr(),
                len,
            }),
            max_pages,
            backing: Backing::Heap(buf),
        })
    }

    #[cfg(all(unix, target_pointer_width = "64"))]
    fn reserve(len: usize, max_pages: u64) -> Option<LinearMemory> {
        // Reserve address space up to 4 GiB; a larger (64-bit) memory lives
        // on the heap and may move when it grows.
        if max_pages > MAX_PAGES_32 {
            return None;
        }
        // All 4 GiB a 32-bit address reaches, plus a guard region, whatever
        // the declared maximum: compiled code then needs no bounds check for
        // an access whose offset is below the guard size (see `GUARD_SIZE`).
        let _ = max_pages;
        let reserved = usize::try_from(STATIC_RESERVATION).ok()?;
        // SAFETY: an anonymous private mapping with no access rights touches
        // no existing memory; the result is checked for failure.
        let base = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                reserved,
                libc::PROT_NONE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if base == libc::MAP_FAILED {
            return None;
        }
        // Transparent huge pages where the kernel leaves the choice to us:
        // guests that touch memory at random miss the TLB far less. Advice
        // only; a refusal changes nothing.
        // SAFETY: advice on our own fresh mapping, which nothing else uses.
        #[cfg(any(target_os = "linux", target_os = "android"))]
        unsafe {
            libc::madvise(base, reserved, libc::MADV_HUGEPAGE)
        };
        let mut mem = LinearMemory {
            vm: Box::new(VmMemory {
                base: base.cast(),
                len: 0,
            }),
            max_pages,
            backing: Backing::Mmap { reserved },
        };
        if !mem.commit(len) {
            return None; // `mem` unmaps the reservation when dropped
        }
        Some(mem)
    }

    /// A readable and writable private mapping of `len` bytes (at least one
    /// host page), with no swap reserved: the kernel backs a page when it is
    /// first touched.
    #[cfg(all(target_os = "linux", target_pointer_width = "64"))]
    fn remappable(len: usize, max_pages: u64) -> Option<LinearMemory> {
        let mapped = len.max(4096);
        // SAFETY: a fresh anonymous private mapping touches no existing
        // memory; the result is checked for failure.
        let base = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                mapped,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if base == libc::MAP_FAILED {
            return None;
        }
        Some(LinearMemory {
            vm: Box::new(VmMemory {
                base: base.cast(),
                len,
            }),
            max_pages,
            backing: Backing::Remap { mapped },
        })
    }

    /// Makes the first `new_len` bytes accessible (they must be within the
    /// reservation); returns false if the kernel refuses.
    #[cfg(all(unix, target_pointer_width = "64"))]
    fn commit(&mut self, new_len: usize) -> bool {
        if new_len > self.vm.len {
            // SAFETY: `[base + len, base + new_len)` lies inside our own
            // reservation (checked by the callers against `max_pages`), and
            // changing its protection affects no other allocation.
            let rc = unsafe {
                libc::mprotect(
                    self.vm.base.add(self.vm.len).cast(),
                    new_len - self.vm.len,
                    libc::PROT_READ | libc::PROT_WRITE,
                )
            };
            if rc != 0 {
                return false;
            }
        }
        self.vm.len = new_len;
        true
    }

    /// Whether the memory never moves and is followed by the guard region
    /// (all of `STATIC_RESERVATION` reserved): what compiled code assumes of
    /// a 32-bit memory.
    pub(crate) fn is_static(&self) -> bool {
        match self.backing {
            #[cfg(all(unix, target_pointer_width = "64"))]
            Backing::Mmap { reserved } => reserved as u64 >= STATIC_RESERVATION,
            #[allow(unreachable_patterns)]
            _ => false,
        }
    }

    /// The view compiled code reads (fixed address).
    pub(crate) fn vm(&mut self) -> *mut VmMemory {
        &mut *self.vm
    }

    /// The current size in bytes.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.vm.len
    }

    /// The base address; valid for `len()` bytes until the next growth.
    #[inline]
    pub(crate) fn base(&self) -> *mut u8 {
        self.vm.base
    }

    /// The current size in pages.
    pub(crate) fn pages(&self) -> u64 {
        self.vm.len as u64 / WASM_PAGE_SIZE
    }

    /// Grows by `delta` pages, returning the old size in pages, or `None` if
    /// the maximum would be exceeded or the host has no memory.
    pub(crate) fn grow(&mut self, delta: u64) -> Option<u64> {
        let old = self.pages();
        let new = old.checked_add(delta)?;
        if new > self.max_pages {
            return None;
        }
        if delta == 0 {
            return Some(old);
        }
        let new_len = usize::try_from(new.checked_mul(WASM_PAGE_SIZE)?).ok()?;
        match &mut self.backing {
            #[cfg(all(unix, target_pointer_width = "64"))]
            Backing::Mmap { reserved } => {
                if new_len > *reserved || !self.commit(new_len) {
                    return None;
                }
            }
            #[cfg(all(target_os = "linux", target_pointer_width = "64"))]
            Backing::Remap { mapped } => {
                if new_len > *mapped {
                    // SAFETY: `base` and `mapped` describe exactly our own
                    // mapping; `MREMAP_MAYMOVE` may move it (callers reload
                    // the base after growth), and the kernel gives the new
                    // pages zeroed. On failure the old mapping is intact.
                    let moved = unsafe {
                        libc::mremap(self.vm.base.cast(), *mapped, new_len, libc::MREMAP_MAYMOVE)
                    };
                    if moved == libc::MAP_FAILED {
                        return None;
                    }
                    self.vm.base = moved.cast();
                    *mapped = new_len;
                }
                // Bytes past `len` inside the mapping were never reachable,
                // so they are still zero.
                self.vm.len = new_len;
            }
            #[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
            Backing::Heap(buf) => {
                buf.try_reserve_exact(new_len - buf.len()).ok()?;
                buf.resize(new_len, 0);
                self.vm.base = buf.as_mut_ptr();
                self.vm.len = new_len;
            }
        }
        Some(old)
    }

    /// The memory's bytes.
    pub(crate) fn bytes(&self) -> &[u8] {
        if self.vm.len == 0 {
            return &[];
        }
        // SAFETY: `base` is valid for reads of `len` bytes (committed pages
        // or the heap buffer), and `&self` keeps them from being resized.
        unsafe { std::slice::from_raw_parts(self.vm.base, self.vm.len) }
    }

    /// The memory's bytes, mutably.
    pub(crate) fn bytes_mut(&mut self) -> &mut [u8] {
        if self.vm.len == 0 {
            return &mut [];
        }
        // SAFETY: as in `bytes`, and `&mut self` makes the borrow exclusive.
        unsafe { std::slice::from_raw_parts_mut(self.vm.base, self.vm.len) }
    }
}

impl Drop for LinearMemory {
    fn drop(&mut self) {
        #[cfg(all(unix, target_pointer_width = "64"))]
        if let Backing::Mmap { reserved } = self.backing {
            // SAFETY: `base` and `reserved` describe exactly the mapping made
            // in `reserve`, which nothing else references once we are dropped.
            unsafe {
                libc::munmap(self.vm.base.cast(), reserved);
            }
        }
        #[cfg(all(target_os = "linux", target_pointer_width = "64"))]
        if let Backing::Remap { mapped } = self.backing {
            // SAFETY: `base` and `mapped` describe exactly our mapping (as
            // last moved by `mremap`), unreferenced once we are dropped.
            unsafe {
                libc::munmap(self.vm.base.cast(), mapped);
            }
        }
    }
}

/// A memory in a store.
pub(crate) struct MemoryEntity {
    pub ty: MemoryType,
    pub mem: LinearMemory,
}

impl MemoryEntity {
    pub(crate) fn new(ty: MemoryType) -> Result<MemoryEntity> {
        let cap = if ty.is_64() {
            MAX_PAGES_64
        } else {
            MAX_PAGES_32
        };
        let max = ty.maximum().unwrap_or(cap).min(cap);
        Ok(MemoryEntity {
            ty,
            mem: LinearMemory::new(ty.minimum(), max)?,
        })
    }

    /// The type, with the current size as its minimum.
    pub(crate) fn current_ty(&self) -> MemoryType {
        self.ty.with_minimum(self.mem.pages())
    }
}

/// A WebAssembly linear memory, owned by a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Memory {
    pub(crate) store: StoreId,
    pub(crate) index: u32,
}

/// An access outside the bounds of a memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoryAccessError;

impl fmt::Display for MemoryAccessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("out of bounds memory access")
    }
}

impl std::error::Error for MemoryAccessError {}

impl Memory {
    /// Creates a memory of type `ty` in the store.
    pub fn new(mut store: impl AsContextMut, ty: MemoryType) -> Result<Memory> {
        let ctx = store.as_context_mut();
        Memory::alloc(ctx.opaque, ctx.data, ty)
    }

    /// Creates a memory of type `ty`, as the store's resource limiter allows.
    pub(crate) fn alloc(
        store: &mut StoreOpaque,
        data: &mut dyn Any,
        ty: MemoryType,
    ) -> Result<Memory> {
        let (_, _, max_memories) = store.count_limits(data);
        if store.memories.len() >= max_memories {
            return Err(Error::resource_limit(format!(
                "resource limit exceeded: the store may hold at most {max_memories} memories"
            )));
        }
        let bytes = |pages: u64| {
            usize::try_from(pages.saturating_mul(WASM_PAGE_SIZE)).unwrap_or(usize::MAX)
        };
        let allowed = match store.limiter(data) {
            Some(l) => l.memory_growing(0, bytes(ty.minimum()), ty.maximum().map(bytes))?,
            None => true,
        };
        if !allowed {
            return Err(Error::resource_limit(format!(
                "memory minimum size of {} pages exceeds the store's memory limit",
                ty.minimum()
            )));
        }
        let entity = MemoryEntity::new(ty)?;
        let index = store.memories.len() as u32;
        store.memories.push(entity);
        Ok(Memory {
            store: store.id(),
            index,
        })
    }

    pub(crate) fn entity<'a>(&self, store: &'a StoreOpaque) -> &'a MemoryEntity {
        store.check(self.store);
        &store.memories[self.index as usize]
    }

    pub(crate) fn entity_mut<'a>(&self, store: &'a mut StoreOpaque) -> &'a mut MemoryEntity {
        store.check(self.store);
        &mut store.memories[self.index as usize]
    }

    /// The memory's type (with its current minimum size).
    pub fn ty(&self, store: impl AsContext) -> MemoryType {
        self.entity(store.as_context().opaque).current_ty()
    }

    /// The current size in pages.
    pub fn size(&self, store: impl AsContext) -> u64 {
        self.entity(store.as_context().opaque).mem.pages()
    }

    /// The current size in bytes.
    pub fn data_size(&self, store: impl AsContext) -> usize {
        self.entity(store.as_context().opaque).mem.len()
    }

    /// The memory's bytes.
    pub fn data<'a, T: 'static>(&self, store: impl Into<StoreContext<'a, T>>) -> &'a [u8] {
        let store = store.into();
        self.entity(store.opaque).mem.bytes()
    }

    /// The memory's bytes, mutably.
    pub fn data_mut<'a, T: 'static>(
        &self,
        store: impl Into<StoreContextMut<'a, T>>,
    ) -> &'a mut [u8] {
        let store = store.into();
        self.entity_mut(store.opaque).mem.bytes_mut()
    }

    /// The memory's bytes and the store's data at once, both mutably: what a
    /// host function needs to work on guest buffers with its own state (as
    /// Wasmtime's method of the same name).
    pub fn data_and_store_mut<'a, T: 'static>(
        &self,
        store: impl Into<StoreContextMut<'a, T>>,
    ) -> (&'a mut [u8], &'a mut T) {
        let store = store.into();
        let bytes = self.entity_mut(store.opaque).mem.bytes_mut();
        (bytes, store.data)
    }

    /// Copies `buf.len()` bytes at `offset` into `buf`.
    pub fn read(
        &self,
        store: impl AsContext,
        offset: usize,
        buf: &mut [u8],
    ) -> Result<(), MemoryAccessError> {
        let bytes = self.entity(store.as_context().opaque).mem.bytes();
        let end = offset.checked_add(buf.len()).ok_or(MemoryAccessError)?;
        buf.copy_from_slice(bytes.get(offset..end).ok_or(MemoryAccessError)?);
        Ok(())
    }

    /// Copies `buf` into the memory at `offset`.
    pub fn write(
        &self,
        mut store: impl AsContextMut,
        offset: usize,
        buf: &[u8],
    ) -> Result<(), MemoryAccessError> {
        let bytes = self
            .entity_mut(store.as_context_mut().opaque)
            .mem
            .bytes_mut();
        let end = offset.checked_add(buf.len()).ok_or(MemoryAccessError)?;
        bytes
            .get_mut(offset..end)
            .ok_or(MemoryAccessError)?
            .copy_from_slice(buf);
        Ok(())
    }

    /// Grows the memory by `delta` pages, returning its previous size in pages.
    pub fn grow(&self, mut store: impl AsContextMut, delta: u64) -> Result<u64> {
        let ctx = store.as_context_mut();
        ctx.opaque.check(self.store);
        ctx.opaque
            .grow_memory(ctx.data, self.index, delta)?
            .ok_or_else(|| Error::usage(format!("failed to grow memory by {delta} pages")))
    }
}

impl StoreOpaque {
    /// Grows memory `index` of the store by `delta` pages, as the resource
    /// limiter allows: the old size in pages, or `None` (`memory.grow` -1).
    /// An error is the limiter's.
    pub(crate) fn grow_memory(
        &mut self,
        data: &mut dyn Any,
        index: u32,
        delta: u64,
    ) -> Result<Option<u64>> {
        let entity = &self.memories[index as usize];
        let old = entity.mem.pages();
        if delta == 0 {
            return Ok(Some(old));
        }
        let current = entity.mem.len();
        let bytes = |pages: u64| {
            pages
                .checked_mul(WASM_PAGE_SIZE)
                .and_then(|b| usize::try_from(b).ok())
        };
        let maximum = entity.ty.maximum().map(|m| bytes(m).unwrap_or(usize::MAX));
        let Some(desired) = old.checked_add(delta).and_then(bytes) else {
            return Ok(None);
        };
        if let Some(l) = self.limiter(data)
            && !l.memory_growing(current, desired, maximum)?
        {
            return Ok(None);
        }
        match self.memories[index as usize].mem.grow(delta) {
            Some(old) => Ok(Some(old)),
            None => {
                if let Some(l) = self.limiter(data) {
                    l.memory_grow_failed(Error::resource_limit(format!(
                        "failed to grow a memory from {current} to {desired} bytes"
                    )))?;
                }
                Ok(None)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grow_keeps_base_and_zeroes() {
        let mut mem = LinearMemory::new(1, 10).unwrap();
        let base = mem.base();
        mem.bytes_mut()[5] = 7;
        assert_eq!(mem.grow(2), Some(1));
        assert_eq!(mem.pages(), 3);
        assert_eq!(mem.bytes()[5], 7);
        assert!(mem.bytes()[65536..].iter().all(|b| *b == 0));
        #[cfg(all(unix, target_pointer_width = "64"))]
        assert_eq!(base, mem.base());
        let _ = base;
        assert_eq!(mem.grow(8), None);
        assert_eq!(mem.grow(7), Some(3));
        assert_eq!(mem.grow(0), Some(10));
    }

    #[test]
    fn too_large_initial_is_an_error() {
        assert!(LinearMemory::new(11, 10).is_err());
    }
}
