//! `fd_*` and `path_*`: descriptors, files and directories. Every path is
//! resolved by cap-std relative to a directory descriptor, so no path form
//! (absolute, `..`, symlinks, trailing slashes) reaches outside it.

use crate::ctx::{Desc, DirDesc, Input, Kind, Listed, Output, WasiCtx};
use crate::mem::GuestMemory;
use crate::types::*;
use cap_fs_ext::{DirExt, FollowSymlinks, OpenOptionsFollowExt, OpenOptionsMaybeDirExt};
use cap_std::fs::{Dir, File, FileType, Metadata, MetadataExt, OpenOptions};
use std::io::{IoSlice, Read, SeekFrom, Write};

use std::time::{Duration, UNIX_EPOCH};
use system_interface::fs::{Advice, FdFlags, FileIoExt, GetSetFdFlags};

pub(crate) fn filetype_of(ty: &FileType) -> u8 {
    use cap_std::fs::FileTypeExt;
    if ty.is_dir() {
        FILETYPE_DIRECTORY
    } else if ty.is_file() {
        FILETYPE_REGULAR_FILE
    } else if ty.is_symlink() {
        FILETYPE_SYMBOLIC_LINK
    } else if ty.is_char_device() {
        FILETYPE_CHARACTER_DEVICE
    } else if ty.is_block_device() {
        FILETYPE_BLOCK_DEVICE
    } else if ty.is_socket() {
        FILETYPE_SOCKET_STREAM
    } else {
        FILETYPE_UNKNOWN
    }
}

fn nanos(secs: i64, nsec: i64) -> u64 {
    (secs as i128 * 1_000_000_000 + nsec as i128).clamp(0, u64::MAX as i128) as u64
}

/// Writes a `filestat` (64 bytes) at `out`.
fn write_filestat(mem: &mut GuestMemory<'_>, out: u32, m: &Metadata) -> WasiResult<()> {
    let mut b = [0u8; 64];
    b[0..8].copy_from_slice(&m.dev().to_le_bytes());
    b[8..16].copy_from_slice(&m.ino().to_le_bytes());
    b[16] = filetype_of(&m.file_type());
    b[24..32].copy_from_slice(&m.nlink().to_le_bytes());
    b[32..40].copy_from_slice(&m.size().to_le_bytes());
    b[40..48].copy_from_slice(&nanos(m.atime(), m.atime_nsec()).to_le_bytes());
    b[48..56].copy_from_slice(&nanos(m.mtime(), m.mtime_nsec()).to_le_bytes());
    b[56..64].copy_from_slice(&nanos(m.ctime(), m.ctime_nsec()).to_le_bytes());
    mem.write(out, &b)
}

/// A `filestat` for something that is not a file system object (stdio
/// given as host streams, sockets): only the type is known.
fn write_bare_filestat(mem: &mut GuestMemory<'_>, out: u32, filetype: u8) -> WasiResult<()> {
    let mut b = [0u8; 64];
    b[16] = filetype;
    mem.write(out, &b)
}

/// The two timestamps of a `*_set_times` call, checked: asking for a time
/// and for "now" at once is `EINVAL`.
type TimeSpecs = (
    Option<fs_set_times::SystemTimeSpec>,
    Option<fs_set_times::SystemTimeSpec>,
);

fn time_specs(atim: u64, mtim: u64, fstflags: u16) -> WasiResult<TimeSpecs> {
    use fs_set_times::SystemTimeSpec as S;
    if fstflags & !(FSTFLAGS_ATIM | FSTFLAGS_ATIM_NOW | FSTFLAGS_MTIM | FSTFLAGS_MTIM_NOW) != 0 {
        return Err(Errno::INVAL);
    }
    let one = |set: u16, now: u16, ns: u64| -> WasiResult<Option<S>> {
        match (fstflags & set != 0, fstflags & now != 0) {
            (true, true) => Err(Errno::INVAL),
            (true, false) => Ok(Some(S::Absolute(UNIX_EPOCH + Duration::from_nanos(ns)))),
            (false, true) => Ok(Some(S::SymbolicNow)),
            (false, false) => Ok(None),
        }
    };
    Ok((
        one(FSTFLAGS_ATIM, FSTFLAGS_ATIM_NOW, atim)?,
        one(FSTFLAGS_MTIM, FSTFLAGS_MTIM_NOW, mtim)?,
    ))
}

fn cap_spec(spec: Option<fs_set_times::SystemTimeSpec>) -> Option<cap_fs_ext::SystemTimeSpec> {
    spec.map(|s| match s {
        fs_set_times::SystemTimeSpec::SymbolicNow => cap_fs_ext::SystemTimeSpec::SymbolicNow,
        fs_set_times::SystemTimeSpec::Absolute(t) => {
            cap_fs_ext::SystemTimeSpec::Absolute(cap_std::time::SystemTime::from_std(t))
        }
    })
}

/// The longest path the host resolves, with its terminating NUL (Linux's
/// `PATH_MAX`): a longer one is `ENAMETOOLONG` before the host copies it.
const PATH_MAX: u32 = 4096;

/// A path argument: UTF-8, and not empty (an empty path names nothing).
fn path<'m>(mem: &'m GuestMemory<'_>, ptr: u32, len: u32) -> WasiResult<&'m str> {
    mem.slice(ptr, len)?;
    if len >= PATH_MAX {
        return Err(Errno::NAMETOOLONG);
    }
    let p = mem.str(ptr, len)?;
    if p.is_empty() {
        return Err(Errno::NOENT);
    }
    // A NUL cannot be part of a host path: EINVAL, as Wasmtime and uvwasi
    // answer (bad UTF-8 is EILSEQ, from `mem.str`).
    if p.contains('\0') {
        return Err(Errno::INVAL);
    }
    Ok(p)
}

impl WasiCtx {
    /// The file behind `fd` with `rights`: `EBADF` for anything that is not
    /// a file (a directory, stdio, a socket).
    fn file(&self, fd: u32, rights: u64) -> WasiResult<&File> {
        let desc = self.get(fd)?;
        let Kind::File(file) = &desc.kind else {
            return Err(Errno::BADF);
        };
        desc.need(rights)?;
        Ok(file)
    }

    /// The file behind `fd` for a positioned access: as [`Self::file`], but
    /// a stream (stdio, socket) cannot seek: `ESPIPE`.
    fn seekable(&self, fd: u32, rights: u64) -> WasiResult<&File> {
        match self.get(fd)?.kind {
            Kind::Stdin(_) | Kind::Stdout(_) | Kind::Socket(_) | Kind::Listener(_) => {
                Err(Errno::SPIPE)
            }
            _ => self.file(fd, rights),
        }
    }

    pub(crate) fn fd_advise(&self, fd: u32, offset: u64, len: u64, advice: u8) -> WasiResult<()> {
        let advice = match advice {
            0 => Advice::Normal,
            1 => Advice::Sequential,
            2 => Advice::Random,
            3 => Advice::WillNeed,
            ADVICE_DONTNEED => Advice::DontNeed,
            ADVICE_NOREUSE => Advice::NoReuse,
            _ => return Err(Errno::INVAL),
        };
        let file = self.file(fd, RIGHT_FD_ADVISE)?;
        file.advise(offset, len, advice)?;
        Ok(())
    }

    pub(crate) fn fd_allocate(&self, fd: u32, offset: u64, len: u64) -> WasiResult<()> {
        let file = self.file(fd, RIGHT_FD_ALLOCATE)?;
        if offset
            .checked_add(len)
            .is_none_or(|end| end > i64::MAX as u64)
        {
            return Err(Errno::FBIG);
        }
        if len == 0 {
            return Err(Errno::INVAL);
        }
        file.allocate(offset, len)?;
        Ok(())
    }

    pub(crate) fn fd_close(&mut self, fd: u32) -> WasiResult<()> {
        self.get(fd)?;
        self.fds[fd as usize] = None;
        Ok(())
    }

    pub(crate) fn fd_datasync(&self, fd: u32) -> WasiResult<()> {
        self.file(fd, RIGHT_FD_DATASYNC)?.sync_data()?;
        Ok(())
    }

    pub(crate) fn fd_sync(&self, fd: u32) -> WasiResult<()> {
        let desc = self.get(fd)?;
        match &desc.kind {
            Kind::File(f) => {
                desc.need(RIGHT_FD_SYNC)?;
                f.sync_all()?;
            }
            Kind::Dir(d) => {
                desc.need(RIGHT_FD_SYNC)?;
                rustix::fs::fsync(&d.dir)?;
            }
            _ => return Err(Errno::BADF),
        }
        Ok(())
    }

    pub(crate) fn fd_fdstat_get(
        &self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        out: u32,
    ) -> WasiResult<()> {
        let desc = self.get(fd)?;
        let flags = match &desc.kind {
            Kind::File(f) => {
                let os = f.get_fd_flags()?;
                let mut flags = 0;
                for (os_flag, wasi) in [
                    (FdFlags::APPEND, FDFLAGS_APPEND),
                    (FdFlags::DSYNC, FDFLAGS_DSYNC),
                    (FdFlags::NONBLOCK, FDFLAGS_NONBLOCK),
                    (FdFlags::RSYNC, FDFLAGS_RSYNC),
                    (FdFlags::SYNC, FDFLAGS_SYNC),
                ] {
                    if os.contains(os_flag) {
                        flags |= wasi;
                    }
                }
                flags
            }
            _ => desc.flags,
        };
        let mut b = [0u8; 24];
        b[0] = desc.filetype();
        b[2..4].copy_from_slice(&flags.to_le_bytes());
        b[8..16].copy_from_slice(&desc.base.to_le_bytes());
        b[16..24].copy_from_slice(&desc.inheriting.to_le_bytes());
        mem.write(out, &b)
    }

    pub(crate) fn fd_fdstat_set_flags(&mut self, fd: u32, flags: u16) -> WasiResult<()> {
        let desc = self.get_mut(fd)?;
        desc.need(RIGHT_FD_FDSTAT_SET_FLAGS)?;
        if flags
            & !(FDFLAGS_APPEND | FDFLAGS_DSYNC | FDFLAGS_NONBLOCK | FDFLAGS_RSYNC | FDFLAGS_SYNC)
            != 0
        {
            return Err(Errno::INVAL);
        }
        match &mut desc.kind {
            Kind::File(f) => {
                // Linux cannot change the synchronous-I/O flags of an open
                // file (fcntl ignores them): refuse rather than pretend.
                if flags & (FDFLAGS_DSYNC | FDFLAGS_RSYNC | FDFLAGS_SYNC) != 0 {
                    return Err(Errno::NOTSUP);
                }
                let mut os = FdFlags::empty();
                if flags & FDFLAGS_APPEND != 0 {
                    os |= FdFlags::APPEND;
                }
                if flags & FDFLAGS_NONBLOCK != 0 {
                    os |= FdFlags::NONBLOCK;
                }
                let set = <File as GetSetFdFlags>::new_set_fd_flags(f, os)?;
                <File as GetSetFdFlags>::set_fd_flags(f, set)?;
            }
            Kind::Socket(s) => {
                if flags & !FDFLAGS_NONBLOCK != 0 {
                    return Err(Errno::NOTSUP);
                }
                s.set_nonblocking(flags & FDFLAGS_NONBLOCK != 0)?;
                desc.flags = flags;
            }
            Kind::Listener(l) => {
                if flags & !FDFLAGS_NONBLOCK != 0 {
                    return Err(Errno::NOTSUP);
                }
                l.set_nonblocking(flags & FDFLAGS_NONBLOCK != 0)?;
                desc.flags = flags;
            }
            Kind::Dir(_) => {
                if flags & !FDFLAGS_NONBLOCK != 0 {
                    return Err(Errno::NOTSUP);
                }
                desc.flags = flags;
            }
            // Host streams have no OS flags to change; append is what a
            // stream does anyway, and non-blocking is recorded.
            Kind::Stdin(_) | Kind::Stdout(_) => {
                if flags & (FDFLAGS_DSYNC | FDFLAGS_RSYNC | FDFLAGS_SYNC) != 0 {
                    return Err(Errno::NOTSUP);
                }
                desc.flags = flags;
            }
        }
        Ok(())
    }

    pub(crate) fn fd_fdstat_set_rights(
        &mut self,
        fd: u32,
        base: u64,
        inheriting: u64,
    ) -> WasiResult<()> {
        let desc = self.get_mut(fd)?;
        // Rights can only be dropped.
        if base & !desc.base != 0 || inheriting & !desc.inheriting != 0 {
            return Err(Errno::NOTCAPABLE);
        }
        desc.base = base;
        desc.inheriting = inheriting;
        Ok(())
    }

    pub(crate) fn fd_filestat_get(
        &self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        out: u32,
    ) -> WasiResult<()> {
        let desc = self.get(fd)?;
        match &desc.kind {
            Kind::File(f) => {
                desc.need(RIGHT_FD_FILESTAT_GET)?;
                write_filestat(mem, out, &f.metadata()?)
            }
            Kind::Dir(d) => {
                desc.need(RIGHT_FD_FILESTAT_GET)?;
                write_filestat(mem, out, &d.dir.dir_metadata()?)
            }
            _ => write_bare_filestat(mem, out, desc.filetype()),
        }
    }

    pub(crate) fn fd_filestat_set_size(&self, fd: u32, size: u64) -> WasiResult<()> {
        let file = self.file(fd, RIGHT_FD_FILESTAT_SET_SIZE)?;
        if size > i64::MAX as u64 {
            return Err(Errno::FBIG);
        }
        file.set_len(size)?;
        Ok(())
    }

    pub(crate) fn fd_filestat_set_times(
        &self,
        fd: u32,
        atim: u64,
        mtim: u64,
        fstflags: u16,
    ) -> WasiResult<()> {
        use fs_set_times::SetTimes;
        let (atime, mtime) = time_specs(atim, mtim, fstflags)?;
        let desc = self.get(fd)?;
        desc.need(RIGHT_FD_FILESTAT_SET_TIMES)?;
        match &desc.kind {
            Kind::File(f) => f.set_times(atime, mtime)?,
            Kind::Dir(d) => SetTimes::set_times(&d.dir, atime, mtime)?,
            _ => return Err(Errno::BADF),
        }
        Ok(())
    }

    pub(crate) fn fd_pread(
        &self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        iovs: u32,
        iovs_len: u32,
        offset: u64,
        out: u32,
    ) -> WasiResult<()> {
        // An unknown descriptor is EBADF whatever the buffers are.
        self.get(fd)?;
        let iovs = mem.iovecs(iovs, iovs_len)?;
        let file = self.seekable(fd, RIGHT_FD_READ | RIGHT_FD_SEEK)?;
        if offset > i64::MAX as u64 {
            return Err(Errno::INVAL);
        }
        let n = mem.read_into(&iovs, |buf| file.read_at(buf, offset))?;
        mem.write_u32(out, n as u32)
    }

    pub(crate) fn fd_pwrite(
        &self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        iovs: u32,
        iovs_len: u32,
        offset: u64,
        out: u32,
    ) -> WasiResult<()> {
        // An unknown descriptor is EBADF whatever the buffers are.
        self.get(fd)?;
        let iovs = mem.iovecs(iovs, iovs_len)?;
        let file = self.seekable(fd, RIGHT_FD_WRITE | RIGHT_FD_SEEK)?;
        if offset > i64::MAX as u64 {
            return Err(Errno::INVAL);
        }
        let slices = mem.gather(&iovs)?;
        let n = file.write_vectored_at(&slices, offset)?;
        drop(slices);
        mem.write_u32(out, n as u32)
    }

    pub(crate) fn fd_read(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        iovs: u32,
        iovs_len: u32,
        out: u32,
    ) -> WasiResult<()> {
        // An unknown descriptor is EBADF whatever the buffers are.
        self.get(fd)?;
        let iovs = mem.iovecs(iovs, iovs_len)?;
        let desc = self.get_mut(fd)?;
        if matches!(desc.kind, Kind::Dir(_) | Kind::Listener(_)) {
            return Err(Errno::BADF);
        }
        desc.need(RIGHT_FD_READ)?;
        if matches!(desc.kind, Kind::Stdout(_)) {
            return Err(Errno::BADF);
        }
        let n = mem.read_into(&iovs, |buf| match &mut desc.kind {
            Kind::File(f) => f.read(buf),
            Kind::Socket(s) => s.read(buf),
            Kind::Stdin(Input::Inherit) => std::io::stdin().lock().read(buf),
            Kind::Stdin(Input::Reader(r)) => r.read(buf),
            Kind::Stdin(Input::Null) => Ok(0),
            Kind::Stdout(_) | Kind::Dir(_) | Kind::Listener(_) => unreachable!("refused above"),
        })?;
        mem.write_u32(out, n as u32)
    }

    pub(crate) fn fd_write(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        iovs: u32,
        iovs_len: u32,
        out: u32,
    ) -> WasiResult<()> {
        // An unknown descriptor is EBADF whatever the buffers are.
        self.get(fd)?;
        let iovs = mem.iovecs(iovs, iovs_len)?;
        let desc = self.get_mut(fd)?;
        if matches!(desc.kind, Kind::Dir(_) | Kind::Listener(_) | Kind::Stdin(_)) {
            return Err(Errno::BADF);
        }
        desc.need(RIGHT_FD_WRITE)?;
        let slices = mem.gather(&iovs)?;
        let n = match &mut desc.kind {
            Kind::File(f) => f.write_vectored(&slices)?,
            Kind::Socket(s) => s.write_vectored(&slices)?,
            Kind::Stdout(out) => write_all_stream(out, &slices)?,
            _ => unreachable!("refused above"),
        };
        drop(slices);
        mem.write_u32(out, n as u32)
    }

    pub(crate) fn fd_prestat_get(
        &self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        out: u32,
    ) -> WasiResult<()> {
        let name = self.preopen_name(fd)?;
        mem.write_u32(out, 0)?; // tag: dir (the padding is zeroed too)
        mem.write_u32(out + 4, name.len() as u32)
    }

    pub(crate) fn fd_prestat_dir_name(
        &self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        ptr: u32,
        len: u32,
    ) -> WasiResult<()> {
        let name = self.preopen_name(fd)?;
        if (len as usize) < name.len() {
            return Err(Errno::NAMETOOLONG);
        }
        mem.write(ptr, name.as_bytes())
    }

    fn preopen_name(&self, fd: u32) -> WasiResult<&str> {
        match &self.get(fd)?.kind {
            Kind::Dir(DirDesc {
                preopen: Some(name),
                ..
            }) => Ok(name),
            _ => Err(Errno::BADF),
        }
    }

    pub(crate) fn fd_readdir(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        buf: u32,
        buf_len: u32,
        cookie: u64,
        out: u32,
    ) -> WasiResult<()> {
        // The descriptor first (EBADF, ENOTDIR), then the buffer (EFAULT).
        let desc = self.get_mut(fd)?;
        if !matches!(desc.kind, Kind::Dir(_)) {
            return Err(Errno::NOTDIR);
        }
        desc.need(RIGHT_FD_READDIR)?;
        mem.slice(buf, buf_len)?;
        let Kind::Dir(dir) = &mut desc.kind else {
            unreachable!("checked above");
        };
        if cookie == 0 || dir.listing.is_none() {
            dir.listing = Some(list(&dir.dir)?);
        }
        let listing = dir.listing.as_ref().expect("listed above");
        let mut used = 0usize;
        let cap = buf_len as usize;
        for (i, entry) in listing
            .iter()
            .enumerate()
            .skip(cookie.min(usize::MAX as u64) as usize)
        {
            let mut bytes = Vec::with_capacity(SIZE_DIRENT + entry.name.len());
            bytes.extend_from_slice(&(i as u64 + 1).to_le_bytes());
            bytes.extend_from_slice(&entry.ino.to_le_bytes());
            bytes.extend_from_slice(&(entry.name.len() as u32).to_le_bytes());
            bytes.extend_from_slice(&[entry.filetype, 0, 0, 0]);
            bytes.extend_from_slice(&entry.name);
            // A buffer that fills up ends with as much of the entry as
            // fits: the caller sees `bufused == buf_len` and asks again
            // from that entry's cookie.
            let n = bytes.len().min(cap - used);
            mem.write(buf + used as u32, &bytes[..n])?;
            used += n;
            if used == cap {
                break;
            }
        }
        mem.write_u32(out, used as u32)
    }

    pub(crate) fn fd_renumber(&mut self, from: u32, to: u32) -> WasiResult<()> {
        self.get(from)?;
        self.get(to)?;
        if from != to {
            let desc = self.fds[from as usize].take();
            self.fds[to as usize] = desc;
        }
        Ok(())
    }

    pub(crate) fn fd_seek(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        offset: i64,
        whence: u8,
        out: u32,
    ) -> WasiResult<()> {
        self.get(fd)?;
        let pos = match whence {
            WHENCE_SET => SeekFrom::Start(u64::try_from(offset).map_err(|_| Errno::INVAL)?),
            WHENCE_CUR => SeekFrom::Current(offset),
            WHENCE_END => SeekFrom::End(offset),
            _ => return Err(Errno::INVAL),
        };
        // Asking where one is needs only `fd_tell`.
        let rights = if matches!(pos, SeekFrom::Current(0)) {
            RIGHT_FD_TELL
        } else {
            RIGHT_FD_SEEK
        };
        let new = self.seekable(fd, rights)?.seek(pos)?;
        mem.write_u64(out, new)
    }

    pub(crate) fn fd_tell(&self, mem: &mut GuestMemory<'_>, fd: u32, out: u32) -> WasiResult<()> {
        let pos = self.seekable(fd, RIGHT_FD_TELL)?.stream_position()?;
        mem.write_u64(out, pos)
    }

    // ----- paths -----

    pub(crate) fn path_create_directory(
        &self,
        mem: &GuestMemory<'_>,
        fd: u32,
        p: u32,
        len: u32,
    ) -> WasiResult<()> {
        let dir = self.dir(fd, RIGHT_PATH_CREATE_DIRECTORY)?;
        dir.dir.create_dir(path(mem, p, len)?)?;
        Ok(())
    }

    pub(crate) fn path_filestat_get(
        &self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        flags: u32,
        p: u32,
        len: u32,
        out: u32,
    ) -> WasiResult<()> {
        let dir = self.dir(fd, RIGHT_PATH_FILESTAT_GET)?;
        let p = path(mem, p, len)?;
        let meta = if flags & LOOKUPFLAGS_SYMLINK_FOLLOW != 0 {
            dir.dir.metadata(p)?
        } else {
            dir.dir.symlink_metadata(p)?
        };
        write_filestat(mem, out, &meta)
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn path_filestat_set_times(
        &self,
        mem: &GuestMemory<'_>,
        fd: u32,
        flags: u32,
        p: u32,
        len: u32,
        atim: u64,
        mtim: u64,
        fstflags: u16,
    ) -> WasiResult<()> {
        let dir = self.dir(fd, RIGHT_PATH_FILESTAT_SET_TIMES)?;
        let p = path(mem, p, len)?;
        let (atime, mtime) = time_specs(atim, mtim, fstflags)?;
        let (atime, mtime) = (cap_spec(atime), cap_spec(mtime));
        if flags & LOOKUPFLAGS_SYMLINK_FOLLOW != 0 {
            dir.dir.set_times(p, atime, mtime)?;
        } else {
            dir.dir.set_symlink_times(p, atime, mtime)?;
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn path_link(
        &self,
        mem: &GuestMemory<'_>,
        old_fd: u32,
        old_flags: u32,
        old_p: u32,
        old_len: u32,
        new_fd: u32,
        new_p: u32,
        new_len: u32,
    ) -> WasiResult<()> {
        let old = self.dir(old_fd, RIGHT_PATH_LINK_SOURCE)?;
        let new = self.dir(new_fd, RIGHT_PATH_LINK_TARGET)?;
        let (old_p, new_p) = (path(mem, old_p, old_len)?, path(mem, new_p, new_len)?);
        if old_flags & LOOKUPFLAGS_SYMLINK_FOLLOW != 0 {
            // Linking to a symlink's target would resolve it outside
            // cap-std's sandboxed lookup: refused, as in Wasmtime.
            return Err(Errno::INVAL);
        }
        old.dir.hard_link(old_p, &new.dir, new_p)?;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn path_open(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        dirflags: u32,
        p: u32,
        len: u32,
        oflags: u16,
        base: u64,
        inheriting: u64,
        fdflags: u16,
        out: u32,
    ) -> WasiResult<()> {
        self.dir(fd, 0)?;
        let desc = self.get(fd)?;
        let Kind::Dir(dir) = &desc.kind else {
            unreachable!("checked above");
        };
        let mut needed = RIGHT_PATH_OPEN;
        if oflags & OFLAGS_CREAT != 0 {
            needed |= RIGHT_PATH_CREATE_FILE;
        }
        if oflags & OFLAGS_TRUNC != 0 {
            needed |= RIGHT_PATH_FILESTAT_SET_SIZE;
        }
        desc.need(needed)?;
        // The new descriptor may have only rights its directory passes on.
        let mut base = base & desc.inheriting;
        let inheriting = inheriting & desc.inheriting;
        if !dir.file_perms.write {
            if base & RIGHT_FD_WRITE != 0 {
                return Err(Errno::PERM);
            }
            base &= !RIGHTS_FILE_WRITE;
        }
        let p = path(mem, p, len)?;
        if oflags & !(OFLAGS_CREAT | OFLAGS_DIRECTORY | OFLAGS_EXCL | OFLAGS_TRUNC) != 0 {
            return Err(Errno::INVAL);
        }
        let want_dir = oflags & OFLAGS_DIRECTORY != 0;
        if want_dir && oflags & (OFLAGS_CREAT | OFLAGS_TRUNC) != 0 {
            return Err(Errno::INVAL);
        }
        let follow = if dirflags & LOOKUPFLAGS_SYMLINK_FOLLOW != 0 {
            FollowSymlinks::Yes
        } else {
            FollowSymlinks::No
        };
        // The open mode follows `fd_write` alone (as in Wasmtime): asking for
        // other rights, say `fd_allocate`, must not turn opening a
        // directory into EISDIR.
        let write = base & RIGHT_FD_WRITE != 0 && dir.file_perms.write;
        let append = fdflags & FDFLAGS_APPEND != 0;
        let (create, trunc) = (oflags & OFLAGS_CREAT != 0, oflags & OFLAGS_TRUNC != 0);
        if (create || trunc || append) && !dir.file_perms.write {
            return Err(Errno::PERM);
        }
        // The OS creates and truncates only through a writable descriptor
        // (and std refuses `create` without `write`); the guest still gets
        // only the rights it asked for.
        let os_write = write || create || trunc;
        let mut opts = OpenOptions::new();
        opts.read(true)
            .write(os_write && !append)
            .append(append)
            .create(create)
            .create_new(create && oflags & OFLAGS_EXCL != 0)
            // std refuses truncate with append: that pair truncates below.
            .truncate(trunc && !append)
            .follow(follow)
            .maybe_dir(true);
        {
            use cap_std::fs::OpenOptionsExt;
            let mut custom = 0;
            if fdflags & FDFLAGS_NONBLOCK != 0 {
                custom |= rustix::fs::OFlags::NONBLOCK.bits() as i32;
            }
            if fdflags & FDFLAGS_SYNC != 0 {
                custom |= rustix::fs::OFlags::SYNC.bits() as i32;
            }
            if fdflags & FDFLAGS_DSYNC != 0 {
                custom |= rustix::fs::OFlags::DSYNC.bits() as i32;
            }
            if fdflags & FDFLAGS_RSYNC != 0 {
                custom |= rustix::fs::OFlags::RSYNC.bits() as i32;
            }
            if want_dir {
                custom |= rustix::fs::OFlags::DIRECTORY.bits() as i32;
            }
            opts.custom_flags(custom);
        }
        // The result must be writable before anything is created or
        // opened: a bad pointer is EFAULT with no file made and no
        // descriptor taken.
        mem.slice(out, 4)?;
        // Opening a directory with write rights is EISDIR, from the OS.
        let file = dir.dir.open_with(p, &opts)?;
        if trunc && append {
            file.set_len(0)?;
        }
        let meta = file.metadata()?;
        let file_perms = dir.file_perms;
        let new = if meta.is_dir() {
            Desc {
                kind: Kind::Dir(DirDesc {
                    dir: Dir::from_std_file(file.into_std()),
                    preopen: None,
                    file_perms,
                    listing: None,
                }),
                base: base & RIGHTS_DIR,
                inheriting,
                flags: 0,
            }
        } else {
            if want_dir {
                return Err(Errno::NOTDIR);
            }
            Desc {
                kind: Kind::File(file),
                base: base & RIGHTS_FILE,
                inheriting: 0,
                flags: 0,
            }
        };
        let new_fd = self.insert(new)?;
        mem.write_u32(out, new_fd)
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn path_readlink(
        &self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        p: u32,
        len: u32,
        buf: u32,
        buf_len: u32,
        out: u32,
    ) -> WasiResult<()> {
        let dir = self.dir(fd, RIGHT_PATH_READLINK)?;
        let target = dir.dir.read_link_contents(path(mem, p, len)?)?;
        let bytes = target.as_os_str().as_encoded_bytes();
        // Like POSIX readlink, a short buffer gets the start of the target.
        let n = bytes.len().min(buf_len as usize);
        mem.slice(buf, buf_len)?;
        mem.write(buf, &bytes[..n])?;
        mem.write_u32(out, n as u32)
    }

    pub(crate) fn path_remove_directory(
        &self,
        mem: &GuestMemory<'_>,
        fd: u32,
        p: u32,
        len: u32,
    ) -> WasiResult<()> {
        let dir = self.dir(fd, RIGHT_PATH_REMOVE_DIRECTORY)?;
        // `rmdir("dir/")` removes `dir`, as POSIX says; cap-std would read
        // it as removing `dir/.`, which is EINVAL.
        let p = path(mem, p, len)?;
        let trimmed = p.trim_end_matches('/');
        dir.dir
            .remove_dir(if trimmed.is_empty() { p } else { trimmed })?;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn path_rename(
        &self,
        mem: &GuestMemory<'_>,
        old_fd: u32,
        old_p: u32,
        old_len: u32,
        new_fd: u32,
        new_p: u32,
        new_len: u32,
    ) -> WasiResult<()> {
        let old = self.dir(old_fd, RIGHT_PATH_RENAME_SOURCE)?;
        let new = self.dir(new_fd, RIGHT_PATH_RENAME_TARGET)?;
        old.dir.rename(
            path(mem, old_p, old_len)?,
            &new.dir,
            path(mem, new_p, new_len)?,
        )?;
        Ok(())
    }

    pub(crate) fn path_symlink(
        &self,
        mem: &GuestMemory<'_>,
        old_p: u32,
        old_len: u32,
        fd: u32,
        new_p: u32,
        new_len: u32,
    ) -> WasiResult<()> {
        let dir = self.dir(fd, RIGHT_PATH_SYMLINK)?;
        let target = path(mem, old_p, old_len)?;
        dir.dir.symlink(target, path(mem, new_p, new_len)?)?;
        Ok(())
    }

    pub(crate) fn path_unlink_file(
        &self,
        mem: &GuestMemory<'_>,
        fd: u32,
        p: u32,
        len: u32,
    ) -> WasiResult<()> {
        let dir = self.dir(fd, RIGHT_PATH_UNLINK_FILE)?;
        dir.dir.remove_file_or_symlink(path(mem, p, len)?)?;
        Ok(())
    }
}

/// The most one write to a stdio stream takes, as Linux's `MAX_RW_COUNT`
/// for any write: more is a short write, so the count fits the guest's u32.
const MAX_RW_COUNT: usize = 0x7fff_f000;

/// Writes all of `slices` (up to [`MAX_RW_COUNT`] bytes) to a stdio stream
/// (a stream write is otherwise never short), returning the byte count.
fn write_all_stream(out: &mut Output, slices: &[IoSlice<'_>]) -> std::io::Result<usize> {
    let mut left = MAX_RW_COUNT;
    let slices: Vec<&[u8]> = slices
        .iter()
        .map(|s| {
            let n = s.len().min(left);
            left -= n;
            &s[..n]
        })
        .collect();
    let total = MAX_RW_COUNT - left;
    match out {
        Output::Inherit(1) => {
            let mut stdout = std::io::stdout().lock();
            for s in slices {
                stdout.write_all(s)?;
            }
            stdout.flush()?;
        }
        Output::Inherit(_) => {
            let mut stderr = std::io::stderr().lock();
            for s in slices {
                stderr.write_all(s)?;
            }
        }
        Output::Writer(w) => {
            for s in slices {
                w.write_all(s)?;
            }
            w.flush()?;
        }
        Output::Null => {}
    }
    Ok(total)
}

/// A directory's entries as `fd_readdir` lists them: `.` and `..` first,
/// then the rest in the order the OS gives.
fn list(dir: &Dir) -> WasiResult<Vec<Listed>> {
    use rustix::fs::DirEntryExt as _;
    let this = dir.dir_metadata()?;
    let parent_ino = rustix::fs::statat(dir, "..", rustix::fs::AtFlags::SYMLINK_NOFOLLOW)
        .map(|st| st.st_ino)
        .unwrap_or(0);
    let mut out = vec![
        Listed {
            name: b".".to_vec(),
            ino: this.ino(),
            filetype: FILETYPE_DIRECTORY,
        },
        Listed {
            name: b"..".to_vec(),
            ino: parent_ino,
            filetype: FILETYPE_DIRECTORY,
        },
    ];
    for entry in dir.entries()? {
        let entry = entry?;
        let filetype = entry
            .file_type()
            .map(|t| filetype_of(&t))
            .unwrap_or(FILETYPE_UNKNOWN);
        out.push(Listed {
            name: entry.file_name().into_encoded_bytes(),
            ino: entry.ino(),
            filetype,
        });
    }
    Ok(out)
}
