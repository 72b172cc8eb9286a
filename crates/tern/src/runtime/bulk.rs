//! Bulk memory and table operations, shared by both tiers: bounds checks,
//! the extra fuel they cost, and epoch checks between chunks of long ones
//! (see `crate::limits`).
//!
//! Memories and tables are named by their index in the store; `inst` is the
//! instance whose segments `*.init` reads.

use super::instance::InstanceEntity;
use super::store::StoreOpaque;
use crate::Trap;
use crate::limits::{BULK_CHUNK, bulk_cost};

/// `[start, start + len)` if it lies within `bound`.
#[inline(always)]
pub(crate) fn range(start: u64, len: u64, bound: usize) -> Option<std::ops::Range<usize>> {
    let end = start.checked_add(len)?;
    if end <= bound as u64 {
        Some(start as usize..end as usize)
    } else {
        None
    }
}

impl StoreOpaque {
    /// Charges the extra fuel of a bulk operation writing `len` bytes or
    /// elements.
    #[inline]
    pub(crate) fn charge_bulk(&mut self, len: u64) -> Result<(), Trap> {
        self.charge(bulk_cost(len))
    }

    /// Between two chunks of a bulk operation (`more`): traps if the epoch
    /// deadline has passed.
    #[inline]
    fn interruptible(&self, more: bool) -> Result<(), Trap> {
        if more && self.deadline_reached() {
            return Err(Trap::Interrupt);
        }
        Ok(())
    }

    /// `memory.fill` of `len` bytes at `to` when fuel is on or the fill is
    /// long: charges its fuel, then fills in chunks with an epoch check
    /// between them.
    ///
    /// # Safety
    ///
    /// `to` must be valid for writing `len` bytes.
    #[inline(never)]
    pub(crate) unsafe fn fill_chunked(
        &mut self,
        to: *mut u8,
        value: u8,
        len: usize,
    ) -> Result<(), Trap> {
        self.charge_bulk(len as u64)?;
        let mut done = 0;
        while done < len {
            let n = (len - done).min(BULK_CHUNK);
            // SAFETY: `done + n <= len`, valid as the caller guarantees.
            unsafe { std::ptr::write_bytes(to.add(done), value, n) };
            done += n;
            self.interruptible(done < len)?;
        }
        Ok(())
    }

    /// `memory.copy` of `len` bytes, as [`StoreOpaque::fill_chunked`]: in
    /// chunks, front to back or back to front so that an overlapping source
    /// is read before it is overwritten (`copy` allows overlap within a
    /// chunk).
    ///
    /// # Safety
    ///
    /// `from` must be valid for reading and `to` for writing `len` bytes.
    #[inline(never)]
    pub(crate) unsafe fn copy_chunked(
        &mut self,
        from: *const u8,
        to: *mut u8,
        len: usize,
    ) -> Result<(), Trap> {
        self.charge_bulk(len as u64)?;
        let mut done = 0;
        while done < len {
            let n = (len - done).min(BULK_CHUNK);
            let at = if to.cast_const() <= from {
                done
            } else {
                len - done - n
            };
            // SAFETY: `at + n <= len`, valid as the caller guarantees.
            unsafe { std::ptr::copy(from.add(at), to.add(at), n) };
            done += n;
            self.interruptible(done < len)?;
        }
        Ok(())
    }

    /// `memory.fill` on the store's memory `mem`.
    pub(crate) fn memory_fill(
        &mut self,
        mem: u32,
        dst: u64,
        value: u8,
        len: u64,
    ) -> Result<(), Trap> {
        let linear = &self.memories[mem as usize].mem;
        let Some(dst) = range(dst, len, linear.len()) else {
            return Err(Trap::MemoryOutOfBounds);
        };
        // SAFETY: `dst` lies within the memory's bytes.
        let to = unsafe { linear.base().add(dst.start) };
        if self.bulk_is_slow(dst.len()) {
            // SAFETY: as above.
            unsafe { self.fill_chunked(to, value, dst.len()) }
        } else {
            // SAFETY: as above.
            unsafe { std::ptr::write_bytes(to, value, dst.len()) };
            Ok(())
        }
    }

    /// `memory.copy` between the store's memories `dst_mem` and `src_mem`.
    pub(crate) fn memory_copy(
        &mut self,
        dst_mem: u32,
        src_mem: u32,
        dst: u64,
        src: u64,
        len: u64,
    ) -> Result<(), Trap> {
        let (d, s) = (
            &self.memories[dst_mem as usize].mem,
            &self.memories[src_mem as usize].mem,
        );
        let (Some(dst), Some(src)) = (range(dst, len, d.len()), range(src, len, s.len())) else {
            return Err(Trap::MemoryOutOfBounds);
        };
        // SAFETY: both ranges lie within their memory's bytes.
        let (from, to) = unsafe { (s.base().add(src.start), d.base().add(dst.start)) };
        if self.bulk_is_slow(dst.len()) {
            // SAFETY: as above.
            unsafe { self.copy_chunked(from, to, dst.len()) }
        } else {
            // SAFETY: as above; `copy` allows overlap (the same memory).
            unsafe { std::ptr::copy(from, to, dst.len()) };
            Ok(())
        }
    }

    /// `memory.init` of the store's memory `mem` from data segment `seg` of
    /// `inst`.
    pub(crate) fn memory_init(
        &mut self,
        inst: &InstanceEntity,
        mem: u32,
        seg: u32,
        dst: u64,
        src: u64,
        len: u64,
    ) -> Result<(), Trap> {
        let data = inst.data_segment(seg);
        let linear = &self.memories[mem as usize].mem;
        let (Some(dst), Some(src)) = (range(dst, len, linear.len()), range(src, len, data.len()))
        else {
            return Err(Trap::MemoryOutOfBounds);
        };
        let base = linear.base();
        self.charge_bulk(len)?;
        // SAFETY: `dst` lies within the memory, `src` within the segment,
        // which is part of the module's bytes (never memory).
        unsafe {
            std::ptr::copy_nonoverlapping(
                data.as_ptr().add(src.start),
                base.add(dst.start),
                dst.len(),
            )
        };
        Ok(())
    }

    /// `table.fill` on the store's table `table`.
    pub(crate) fn table_fill(
        &mut self,
        table: u32,
        dst: u64,
        value: u64,
        len: u64,
    ) -> Result<(), Trap> {
        let Some(dst) = range(dst, len, self.tables[table as usize].elements.len()) else {
            return Err(Trap::TableOutOfBounds);
        };
        self.charge_bulk(len)?;
        self.tables[table as usize].elements[dst].fill(value);
        Ok(())
    }

    /// `table.copy` between the store's tables `dst_table` and `src_table`.
    pub(crate) fn table_copy(
        &mut self,
        dst_table: u32,
        src_table: u32,
        dst: u64,
        src: u64,
        len: u64,
    ) -> Result<(), Trap> {
        let (dt, st) = (dst_table as usize, src_table as usize);
        let dst_len = self.tables[dt].elements.len();
        let src_len = self.tables[st].elements.len();
        let (Some(dst), Some(src)) = (range(dst, len, dst_len), range(src, len, src_len)) else {
            return Err(Trap::TableOutOfBounds);
        };
        self.charge_bulk(len)?;
        if dt == st {
            self.tables[dt].elements.copy_within(src, dst.start);
        } else if let Ok([to, from]) = self.tables.get_disjoint_mut([dt, st]) {
            to.elements[dst].copy_from_slice(&from.elements[src]);
        }
        Ok(())
    }

    /// `table.init` of the store's table `table` from element segment `seg`
    /// of `inst`.
    pub(crate) fn table_init(
        &mut self,
        inst: &InstanceEntity,
        table: u32,
        seg: u32,
        dst: u64,
        src: u64,
        len: u64,
    ) -> Result<(), Trap> {
        let elems = inst.elems.borrow();
        let items = &elems[seg as usize];
        let t = table as usize;
        let (Some(dst), Some(src)) = (
            range(dst, len, self.tables[t].elements.len()),
            range(src, len, items.len()),
        ) else {
            return Err(Trap::TableOutOfBounds);
        };
        self.charge_bulk(len)?;
        self.tables[t].elements[dst].copy_from_slice(&items[src]);
        Ok(())
    }
}
