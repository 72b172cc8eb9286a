//! Guest pointers checked against linear memory: every access goes through
//! here, and one past the end is `EFAULT`, never a host access out of bounds.

use crate::types::{Errno, SIZE_IOVEC, WasiResult};

/// The most buffers one vectored call may name (Linux's `IOV_MAX`).
pub(crate) const IOV_MAX: u32 = 1024;

/// A guest's linear memory, for the duration of one WASI call.
pub(crate) struct GuestMemory<'a> {
    bytes: &'a mut [u8],
}

impl<'a> GuestMemory<'a> {
    pub(crate) fn new(bytes: &'a mut [u8]) -> Self {
        GuestMemory { bytes }
    }

    /// The range `ptr..ptr + len`, if it lies inside memory.
    fn range(&self, ptr: u32, len: u32) -> WasiResult<std::ops::Range<usize>> {
        let start = ptr as usize;
        let end = start.checked_add(len as usize).ok_or(Errno::FAULT)?;
        if end > self.bytes.len() {
            return Err(Errno::FAULT);
        }
        Ok(start..end)
    }

    pub(crate) fn slice(&self, ptr: u32, len: u32) -> WasiResult<&[u8]> {
        let range = self.range(ptr, len)?;
        Ok(&self.bytes[range])
    }

    pub(crate) fn slice_mut(&mut self, ptr: u32, len: u32) -> WasiResult<&mut [u8]> {
        let range = self.range(ptr, len)?;
        Ok(&mut self.bytes[range])
    }

    fn array<const N: usize>(&self, ptr: u32) -> WasiResult<[u8; N]> {
        let mut out = [0; N];
        out.copy_from_slice(self.slice(ptr, N as u32)?);
        Ok(out)
    }

    pub(crate) fn read_u8(&self, ptr: u32) -> WasiResult<u8> {
        Ok(self.array::<1>(ptr)?[0])
    }

    pub(crate) fn read_u16(&self, ptr: u32) -> WasiResult<u16> {
        Ok(u16::from_le_bytes(self.array(ptr)?))
    }

    pub(crate) fn read_u32(&self, ptr: u32) -> WasiResult<u32> {
        Ok(u32::from_le_bytes(self.array(ptr)?))
    }

    pub(crate) fn read_u64(&self, ptr: u32) -> WasiResult<u64> {
        Ok(u64::from_le_bytes(self.array(ptr)?))
    }

    pub(crate) fn write(&mut self, ptr: u32, bytes: &[u8]) -> WasiResult<()> {
        self.slice_mut(ptr, bytes.len() as u32)?
            .copy_from_slice(bytes);
        Ok(())
    }

    pub(crate) fn write_u8(&mut self, ptr: u32, v: u8) -> WasiResult<()> {
        self.write(ptr, &[v])
    }

    pub(crate) fn write_u16(&mut self, ptr: u32, v: u16) -> WasiResult<()> {
        self.write(ptr, &v.to_le_bytes())
    }

    pub(crate) fn write_u32(&mut self, ptr: u32, v: u32) -> WasiResult<()> {
        self.write(ptr, &v.to_le_bytes())
    }

    pub(crate) fn write_u64(&mut self, ptr: u32, v: u64) -> WasiResult<()> {
        self.write(ptr, &v.to_le_bytes())
    }

    /// A path or other string argument: must be UTF-8 (`EILSEQ` otherwise).
    pub(crate) fn str(&self, ptr: u32, len: u32) -> WasiResult<&str> {
        std::str::from_utf8(self.slice(ptr, len)?).map_err(|_| Errno::ILSEQ)
    }

    /// The `(pointer, length)` pairs of an iovec array, each checked to lie
    /// in memory.
    pub(crate) fn iovecs(&self, iovs: u32, count: u32) -> WasiResult<Vec<(u32, u32)>> {
        // As POSIX `readv`/`writev` with more than IOV_MAX buffers.
        if count > IOV_MAX {
            return Err(Errno::INVAL);
        }
        let table = self.range(iovs, count.checked_mul(SIZE_IOVEC).ok_or(Errno::FAULT)?)?;
        let mut out = Vec::with_capacity(count as usize);
        for entry in self.bytes[table].chunks_exact(SIZE_IOVEC as usize) {
            let ptr = u32::from_le_bytes(entry[0..4].try_into().unwrap());
            let len = u32::from_le_bytes(entry[4..8].try_into().unwrap());
            self.range(ptr, len)?;
            out.push((ptr, len));
        }
        Ok(out)
    }

    /// The bytes of the iovecs, gathered (for writes).
    pub(crate) fn gather(&self, iovs: &[(u32, u32)]) -> WasiResult<Vec<std::io::IoSlice<'_>>> {
        iovs.iter()
            .map(|&(ptr, len)| Ok(std::io::IoSlice::new(self.slice(ptr, len)?)))
            .collect()
    }

    /// Copies `data` into the iovecs in order; returns how much was copied.
    pub(crate) fn scatter(&mut self, iovs: &[(u32, u32)], mut data: &[u8]) -> WasiResult<usize> {
        let mut copied = 0;
        for &(ptr, len) in iovs {
            if data.is_empty() {
                break;
            }
            let n = data.len().min(len as usize);
            self.write(ptr, &data[..n])?;
            data = &data[n..];
            copied += n;
        }
        Ok(copied)
    }
}

/// The most bytes one read asks the host for (a short read is always
/// allowed, and this bounds host memory per call).
pub(crate) const READ_CAP: usize = 16 << 20;

impl GuestMemory<'_> {
    /// Fills the iovecs from one read: `read` gets a buffer as long as the
    /// iovecs together (at most [`READ_CAP`]) and returns how much it
    /// filled. A single iovec is read into directly; several share a host
    /// buffer that is then scattered.
    pub(crate) fn read_into(
        &mut self,
        iovs: &[(u32, u32)],
        read: impl FnOnce(&mut [u8]) -> std::io::Result<usize>,
    ) -> WasiResult<usize> {
        if let [(ptr, len)] = *iovs {
            let buf = self.slice_mut(ptr, len.min(READ_CAP as u32))?;
            return Ok(read(buf)?);
        }
        let mut buf = vec![0u8; total_len(iovs, READ_CAP)];
        let n = read(&mut buf)?;
        self.scatter(iovs, &buf[..n])?;
        Ok(n)
    }
}

/// The total length of some iovecs, capped so that one call never makes
/// the host allocate more than `cap` bytes (a short read is always legal).
pub(crate) fn total_len(iovs: &[(u32, u32)], cap: usize) -> usize {
    iovs.iter()
        .map(|&(_, len)| len as usize)
        .fold(0usize, usize::saturating_add)
        .min(cap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accesses_past_the_end_are_efault() {
        let mut bytes = vec![0u8; 16];
        let mut mem = GuestMemory::new(&mut bytes);
        assert_eq!(mem.read_u32(12), Ok(0));
        assert_eq!(mem.read_u32(13), Err(Errno::FAULT));
        assert_eq!(mem.read_u64(u32::MAX), Err(Errno::FAULT));
        assert_eq!(mem.write_u64(9, 1), Err(Errno::FAULT));
        assert_eq!(mem.slice(16, 0).map(<[u8]>::len), Ok(0));
        assert_eq!(mem.slice(17, 0).map(<[u8]>::len), Err(Errno::FAULT));
        assert!(mem.slice(0, u32::MAX).is_err());
    }

    #[test]
    fn iovecs_are_checked_entry_by_entry() {
        let mut bytes = vec![0u8; 64];
        bytes[0..4].copy_from_slice(&32u32.to_le_bytes());
        bytes[4..8].copy_from_slice(&8u32.to_le_bytes());
        bytes[8..12].copy_from_slice(&60u32.to_le_bytes());
        bytes[12..16].copy_from_slice(&8u32.to_le_bytes());
        let mem = GuestMemory::new(&mut bytes);
        assert_eq!(mem.iovecs(0, 1), Ok(vec![(32, 8)]));
        assert_eq!(mem.iovecs(0, 2), Err(Errno::FAULT));
        assert_eq!(mem.iovecs(60, 1), Err(Errno::FAULT));
        assert_eq!(mem.iovecs(0, u32::MAX), Err(Errno::INVAL));
        assert_eq!(mem.iovecs(0, IOV_MAX + 1), Err(Errno::INVAL));
    }

    #[test]
    fn scatter_fills_in_order_and_stops() {
        let mut bytes = vec![0u8; 32];
        let mut mem = GuestMemory::new(&mut bytes);
        assert_eq!(mem.scatter(&[(0, 2), (10, 4)], b"abcdefgh"), Ok(6));
        assert_eq!(mem.slice(0, 2).unwrap(), b"ab");
        assert_eq!(mem.slice(10, 4).unwrap(), b"cdef");
        assert_eq!(total_len(&[(0, u32::MAX), (0, u32::MAX)], 1 << 20), 1 << 20);
    }
}
