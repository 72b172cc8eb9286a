//! Arguments, environment, clocks, randomness, polling, scheduling and
//! sockets.

use crate::ctx::{Desc, Input, Kind, Output, WasiCtx};
use crate::mem::GuestMemory;
use crate::types::*;
use rustix::event::{PollFd, PollFlags};
use rustix::time::ClockId;
use std::io::{Read, Write};
use std::os::fd::{AsFd, BorrowedFd};
use std::time::{Duration, Instant};

/// Writes a list of NUL-terminated strings: pointers at `ptrs`, bytes at
/// `buf` (`args_get`, `environ_get`).
fn write_strings(
    mem: &mut GuestMemory<'_>,
    list: &[Vec<u8>],
    ptrs: u32,
    buf: u32,
) -> WasiResult<()> {
    let mut at = buf;
    for (i, s) in list.iter().enumerate() {
        mem.write_u32(ptrs.checked_add(4 * i as u32).ok_or(Errno::FAULT)?, at)?;
        mem.write(at, s)?;
        let end = at.checked_add(s.len() as u32).ok_or(Errno::FAULT)?;
        mem.write_u8(end, 0)?;
        at = end + 1;
    }
    Ok(())
}

fn write_sizes(
    mem: &mut GuestMemory<'_>,
    list: &[Vec<u8>],
    count: u32,
    size: u32,
) -> WasiResult<()> {
    let bytes: usize = list.iter().map(|s| s.len() + 1).sum();
    mem.write_u32(count, list.len() as u32)?;
    mem.write_u32(size, u32::try_from(bytes).map_err(|_| Errno::OVERFLOW)?)
}

fn clock_id(id: u32) -> WasiResult<ClockId> {
    Ok(match id {
        CLOCK_REALTIME => ClockId::Realtime,
        CLOCK_MONOTONIC => ClockId::Monotonic,
        CLOCK_PROCESS_CPUTIME_ID => ClockId::ProcessCPUTime,
        CLOCK_THREAD_CPUTIME_ID => ClockId::ThreadCPUTime,
        _ => return Err(Errno::INVAL),
    })
}

fn now(id: ClockId) -> u64 {
    let t = rustix::time::clock_gettime(id);
    (t.tv_sec as u64)
        .saturating_mul(1_000_000_000)
        .saturating_add(t.tv_nsec as u64)
}

/// The most subscriptions one `poll_oneoff` call may pass.
const MAX_SUBSCRIPTIONS: u32 = 1 << 16;

/// One `poll_oneoff` subscription, decoded.
enum Sub {
    /// Fires at `deadline` (or immediately with `error`).
    Clock { deadline: Instant },
    /// Waits for an OS descriptor to become readable or writable.
    Os { read: bool },
    /// Ready at once: a file, a host stream, or an error.
    Ready { error: Errno, nbytes: u64 },
}

impl WasiCtx {
    pub(crate) fn args_get(
        &self,
        mem: &mut GuestMemory<'_>,
        argv: u32,
        buf: u32,
    ) -> WasiResult<()> {
        write_strings(mem, &self.args, argv, buf)
    }

    pub(crate) fn args_sizes_get(
        &self,
        mem: &mut GuestMemory<'_>,
        count: u32,
        size: u32,
    ) -> WasiResult<()> {
        write_sizes(mem, &self.args, count, size)
    }

    pub(crate) fn environ_get(
        &self,
        mem: &mut GuestMemory<'_>,
        environ: u32,
        buf: u32,
    ) -> WasiResult<()> {
        write_strings(mem, &self.env, environ, buf)
    }

    pub(crate) fn environ_sizes_get(
        &self,
        mem: &mut GuestMemory<'_>,
        count: u32,
        size: u32,
    ) -> WasiResult<()> {
        write_sizes(mem, &self.env, count, size)
    }

    pub(crate) fn clock_res_get(
        &self,
        mem: &mut GuestMemory<'_>,
        id: u32,
        out: u32,
    ) -> WasiResult<()> {
        let res = rustix::time::clock_getres(clock_id(id)?);
        let ns = (res.tv_sec as u64)
            .saturating_mul(1_000_000_000)
            .saturating_add(res.tv_nsec as u64);
        mem.write_u64(out, ns.max(1))
    }

    pub(crate) fn clock_time_get(
        &self,
        mem: &mut GuestMemory<'_>,
        id: u32,
        _precision: u64,
        out: u32,
    ) -> WasiResult<()> {
        mem.write_u64(out, now(clock_id(id)?))
    }

    pub(crate) fn random_get(
        &self,
        mem: &mut GuestMemory<'_>,
        buf: u32,
        len: u32,
    ) -> WasiResult<()> {
        // Filled in place: a 4 GiB request costs the host no allocation.
        let bytes = mem.slice_mut(buf, len)?;
        getrandom::fill(bytes).map_err(|_| Errno::IO)
    }

    pub(crate) fn sched_yield(&self) -> WasiResult<()> {
        std::thread::yield_now();
        Ok(())
    }

    /// `poll_oneoff`: waits until at least one subscription fires, then
    /// reports every one that has.
    pub(crate) fn poll_oneoff(
        &mut self,
        mem: &mut GuestMemory<'_>,
        subs_ptr: u32,
        events_ptr: u32,
        nsubs: u32,
        out: u32,
    ) -> WasiResult<()> {
        // None is invalid; so are more than any program needs, which would
        // only make the host allocate in proportion.
        if nsubs == 0 || nsubs > MAX_SUBSCRIPTIONS {
            return Err(Errno::INVAL);
        }
        let subs_len = nsubs.checked_mul(SIZE_SUBSCRIPTION).ok_or(Errno::FAULT)?;
        mem.slice(subs_ptr, subs_len)?;
        mem.slice(
            events_ptr,
            nsubs.checked_mul(SIZE_EVENT).ok_or(Errno::FAULT)?,
        )?;
        let start = Instant::now();
        let mut decoded = Vec::with_capacity(nsubs as usize);
        // (subscription index, fd) of the OS descriptors to poll.
        let mut os_fds: Vec<(usize, u32)> = Vec::new();
        for i in 0..nsubs {
            let at = subs_ptr + i * SIZE_SUBSCRIPTION;
            let userdata = mem.read_u64(at)?;
            let tag = mem.read_u8(at + 8)?;
            let sub = match tag {
                EVENTTYPE_CLOCK => {
                    let id = mem.read_u32(at + 16)?;
                    let timeout = mem.read_u64(at + 24)?;
                    let flags = mem.read_u16(at + 40)?;
                    match clock_id(id) {
                        Err(e) => Sub::Ready {
                            error: e,
                            nbytes: 0,
                        },
                        Ok(clock) => {
                            let wait = if flags & SUBCLOCKFLAGS_ABSTIME != 0 {
                                timeout.saturating_sub(now(clock))
                            } else {
                                timeout
                            };
                            let deadline = start
                                .checked_add(Duration::from_nanos(wait))
                                .unwrap_or(start + Duration::from_secs(u32::MAX as u64));
                            Sub::Clock { deadline }
                        }
                    }
                }
                EVENTTYPE_FD_READ | EVENTTYPE_FD_WRITE => {
                    let fd = mem.read_u32(at + 16)?;
                    let read = tag == EVENTTYPE_FD_READ;
                    match self.get(fd) {
                        Err(e) => Sub::Ready {
                            error: e,
                            nbytes: 0,
                        },
                        Ok(desc) => match poll_kind(desc, read) {
                            Ok(Some(nbytes)) => Sub::Ready {
                                error: Errno::SUCCESS,
                                nbytes,
                            },
                            Ok(None) => {
                                os_fds.push((i as usize, fd));
                                Sub::Os { read }
                            }
                            Err(e) => Sub::Ready {
                                error: e,
                                nbytes: 0,
                            },
                        },
                    }
                }
                _ => return Err(Errno::INVAL),
            };
            decoded.push((userdata, tag, sub));
        }
        let any_ready = decoded
            .iter()
            .any(|(_, _, s)| matches!(s, Sub::Ready { .. }));
        let earliest = decoded
            .iter()
            .filter_map(|(_, _, s)| match s {
                Sub::Clock { deadline } => Some(*deadline),
                _ => None,
            })
            .min();
        // OS descriptors that became ready: (subscription index, revents).
        let mut fired: Vec<(usize, PollFlags)> = Vec::new();
        loop {
            let timeout = if any_ready {
                Some(Duration::ZERO)
            } else {
                earliest.map(|d| d.saturating_duration_since(Instant::now()))
            };
            if os_fds.is_empty() {
                if let Some(t) = timeout {
                    std::thread::sleep(t);
                }
                break;
            }
            let borrowed: Vec<BorrowedFd<'_>> = os_fds
                .iter()
                .map(|&(_, fd)| {
                    os_fd(self.get(fd).expect("checked above")).expect("an OS descriptor")
                })
                .collect();
            let mut pollfds: Vec<PollFd<'_>> = borrowed
                .iter()
                .zip(&os_fds)
                .map(|(b, &(i, _))| {
                    let read = matches!(decoded[i].2, Sub::Os { read: true });
                    PollFd::new(b, if read { PollFlags::IN } else { PollFlags::OUT })
                })
                .collect();
            let ts = timeout.map(|t| rustix::time::Timespec {
                tv_sec: t.as_secs().min(i64::MAX as u64) as i64,
                tv_nsec: t.subsec_nanos() as _,
            });
            match rustix::event::poll(&mut pollfds, ts.as_ref()) {
                Ok(_) => {}
                Err(rustix::io::Errno::INTR) => continue,
                Err(e) => return Err(e.into()),
            }
            for (pfd, &(i, _)) in pollfds.iter().zip(&os_fds) {
                let revents = pfd.revents();
                if !revents.is_empty() {
                    fired.push((i, revents));
                }
            }
            break;
        }
        let mut now = Instant::now();
        if !any_ready && fired.is_empty() {
            // Woken by the clock: make sure the earliest deadline has passed
            // (a poll may return a hair early), so that one event fires.
            if let Some(earliest) = earliest {
                if now < earliest {
                    std::thread::sleep(earliest - now);
                }
                now = now.max(earliest);
            }
        }
        let mut n = 0u32;
        for (i, (userdata, tag, sub)) in decoded.iter().enumerate() {
            let (error, nbytes, flags) = match sub {
                Sub::Ready { error, nbytes } => (*error, *nbytes, 0),
                Sub::Clock { deadline } => {
                    if *deadline > now {
                        continue;
                    }
                    (Errno::SUCCESS, 0, 0)
                }
                Sub::Os { read } => {
                    let Some(&(_, revents)) = fired.iter().find(|(j, _)| *j == i) else {
                        continue;
                    };
                    let hangup = revents.contains(PollFlags::HUP);
                    let error = if revents.contains(PollFlags::NVAL) {
                        Errno::BADF
                    } else {
                        Errno::SUCCESS
                    };
                    let fd = mem.read_u32(subs_ptr + i as u32 * SIZE_SUBSCRIPTION + 16)?;
                    let nbytes = if *read {
                        self.get(fd)
                            .ok()
                            .and_then(os_fd)
                            .and_then(|b| rustix::io::ioctl_fionread(b).ok())
                            .unwrap_or(0)
                    } else {
                        0
                    };
                    (error, nbytes, if hangup { EVENTRWFLAGS_HANGUP } else { 0 })
                }
            };
            let at = events_ptr + n * SIZE_EVENT;
            let mut b = [0u8; 32];
            b[0..8].copy_from_slice(&userdata.to_le_bytes());
            b[8..10].copy_from_slice(&error.0.to_le_bytes());
            b[10] = *tag;
            if *tag != EVENTTYPE_CLOCK {
                b[16..24].copy_from_slice(&nbytes.to_le_bytes());
                b[24..26].copy_from_slice(&flags.to_le_bytes());
            }
            mem.write(at, &b)?;
            n += 1;
        }
        mem.write_u32(out, n)
    }

    pub(crate) fn sock_accept(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        flags: u16,
        out: u32,
    ) -> WasiResult<()> {
        if flags & !FDFLAGS_NONBLOCK != 0 {
            return Err(Errno::INVAL);
        }
        let desc = self.get(fd)?;
        let Kind::Listener(listener) = &desc.kind else {
            return Err(Errno::NOTSOCK);
        };
        desc.need(RIGHT_SOCK_ACCEPT)?;
        let inheriting = desc.inheriting;
        // A bad result pointer must not cost the guest a connection.
        mem.slice(out, 4)?;
        let (stream, _) = listener.accept()?;
        stream.set_nonblocking(flags & FDFLAGS_NONBLOCK != 0)?;
        let new = self.insert(Desc {
            kind: Kind::Socket(stream),
            base: RIGHTS_SOCKET & inheriting,
            inheriting: 0,
            flags,
        })?;
        mem.write_u32(out, new)
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn sock_recv(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        iovs: u32,
        iovs_len: u32,
        ri_flags: u16,
        out_len: u32,
        out_flags: u32,
    ) -> WasiResult<()> {
        // An unknown descriptor is EBADF whatever the buffers are.
        self.get(fd)?;
        let iovs = mem.iovecs(iovs, iovs_len)?;
        if ri_flags & !(RIFLAGS_RECV_PEEK | RIFLAGS_RECV_WAITALL) != 0 {
            return Err(Errno::INVAL);
        }
        let desc = self.get_mut(fd)?;
        if !matches!(desc.kind, Kind::Socket(_)) {
            return Err(Errno::NOTSOCK);
        }
        desc.need(RIGHT_FD_READ)?;
        let Kind::Socket(stream) = &mut desc.kind else {
            unreachable!("checked above");
        };
        let n = mem.read_into(&iovs, |buf| {
            if ri_flags & RIFLAGS_RECV_PEEK != 0 {
                stream.peek(buf)
            } else if ri_flags & RIFLAGS_RECV_WAITALL != 0 {
                let mut got = 0;
                while got < buf.len() {
                    match stream.read(&mut buf[got..])? {
                        0 => break,
                        k => got += k,
                    }
                }
                Ok(got)
            } else {
                stream.read(buf)
            }
        })?;
        mem.write_u32(out_len, n as u32)?;
        mem.write_u16(out_flags, 0)
    }

    pub(crate) fn sock_send(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        iovs: u32,
        iovs_len: u32,
        _si_flags: u16,
        out: u32,
    ) -> WasiResult<()> {
        // An unknown descriptor is EBADF whatever the buffers are.
        self.get(fd)?;
        let iovs = mem.iovecs(iovs, iovs_len)?;
        let desc = self.get_mut(fd)?;
        if !matches!(desc.kind, Kind::Socket(_)) {
            return Err(Errno::NOTSOCK);
        }
        desc.need(RIGHT_FD_WRITE)?;
        let Kind::Socket(stream) = &mut desc.kind else {
            unreachable!("checked above");
        };
        let slices = mem.gather(&iovs)?;
        let n = stream.write_vectored(&slices)?;
        drop(slices);
        mem.write_u32(out, n as u32)
    }

    pub(crate) fn sock_shutdown(&mut self, fd: u32, how: u8) -> WasiResult<()> {
        let desc = self.get(fd)?;
        let Kind::Socket(stream) = &desc.kind else {
            return Err(Errno::NOTSOCK);
        };
        desc.need(RIGHT_SOCK_SHUTDOWN)?;
        let how = match how {
            SDFLAGS_RD => std::net::Shutdown::Read,
            SDFLAGS_WR => std::net::Shutdown::Write,
            3 => std::net::Shutdown::Both,
            _ => return Err(Errno::INVAL),
        };
        stream.shutdown(how)?;
        Ok(())
    }
}

/// Whether a descriptor is ready without asking the OS: `Some(nbytes)` for
/// files (always ready; for reading, the bytes left) and host streams;
/// `None` when the OS must be polled.
fn poll_kind(desc: &Desc, read: bool) -> WasiResult<Option<u64>> {
    desc.need(RIGHT_POLL_FD_READWRITE)?;
    Ok(match &desc.kind {
        Kind::File(f) => {
            if read {
                let size = f.metadata()?.len();
                let mut file = f;
                let pos = std::io::Seek::stream_position(&mut file)?;
                Some(size.saturating_sub(pos))
            } else {
                Some(0)
            }
        }
        Kind::Dir(_) => return Err(Errno::BADF),
        Kind::Stdin(Input::Inherit) if read => None,
        Kind::Stdout(Output::Inherit(_)) if !read => None,
        Kind::Stdin(Input::Inherit) | Kind::Stdout(Output::Inherit(_)) => return Err(Errno::BADF),
        Kind::Stdin(_) | Kind::Stdout(_) => Some(0),
        Kind::Listener(_) | Kind::Socket(_) => None,
    })
}

/// The OS descriptor behind an inherited stdio stream or a socket.
fn os_fd(desc: &Desc) -> Option<BorrowedFd<'_>> {
    match &desc.kind {
        Kind::Stdin(Input::Inherit) => Some(stdio_fd(0)),
        Kind::Stdout(Output::Inherit(n)) => Some(stdio_fd(*n)),
        Kind::Listener(l) => Some(l.as_fd()),
        Kind::Socket(s) => Some(s.as_fd()),
        _ => None,
    }
}

fn stdio_fd(n: u8) -> BorrowedFd<'static> {
    match n {
        0 => rustix::stdio::stdin(),
        1 => rustix::stdio::stdout(),
        _ => rustix::stdio::stderr(),
    }
}
