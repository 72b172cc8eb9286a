//! WASI preview1 (`wasi_snapshot_preview1`) for the Tern WebAssembly
//! runtime: all 46 functions, with a capability sandbox.
//!
//! A guest reaches only what its [`WasiCtx`] was given: arguments,
//! environment variables, stdio, listening sockets, and preopened
//! directories. Paths are resolved by [`cap-std`](cap_std) relative to a
//! directory descriptor, so absolute paths, `..` that climbs out, and
//! symlinks that point outside never reach the host's other files (they
//! fail with `ENOTCAPABLE`); descriptors carry WASI rights, which can only
//! shrink; guest pointers are checked against linear memory (`EFAULT`).
//!
//! ```
//! use tern::{Engine, Linker, Module, Store};
//! use tern_wasi::{MemoryOutputPipe, WasiCtx};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let engine = Engine::default();
//! let module = Module::new(&engine, r#"(module
//!     (import "wasi_snapshot_preview1" "fd_write"
//!       (func $fd_write (param i32 i32 i32 i32) (result i32)))
//!     (memory (export "memory") 1)
//!     (data (i32.const 16) "hello\n")
//!     (func (export "_start")
//!       (i32.store (i32.const 0) (i32.const 16))
//!       (i32.store (i32.const 4) (i32.const 6))
//!       (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))"#)?;
//!
//! let stdout = MemoryOutputPipe::new();
//! let wasi = WasiCtx::builder().stdout(stdout.clone()).build();
//! let mut store = Store::new(&engine, wasi);
//! let mut linker = Linker::new(&engine);
//! tern_wasi::add_to_linker(&mut linker, |wasi: &mut WasiCtx| wasi)?;
//! let instance = linker.instantiate(&mut store, &module)?;
//! instance.get_typed_func::<(), ()>(&mut store, "_start")?.call(&mut store, ())?;
//! assert_eq!(stdout.contents(), b"hello\n");
//! # Ok(())
//! # }
//! ```

#![forbid(unsafe_code)]

mod ctx;
mod fs;
mod mem;
mod sys;
pub mod types;

pub use ctx::{DirPerms, FilePerms, MemoryOutputPipe, WasiCtx, WasiCtxBuilder};
pub use types::Errno;

use mem::GuestMemory;
use tern::{Caller, Extern, Linker};
use types::WasiResult;

/// The import module name of WASI preview1.
pub const MODULE: &str = "wasi_snapshot_preview1";

/// The guest called `proc_exit`: the call unwinds with this error, which
/// carries the exit status (as Wasmtime's `I32Exit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct I32Exit(pub i32);

impl std::fmt::Display for I32Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exited with status {}", self.0)
    }
}

impl std::error::Error for I32Exit {}

/// A WASI function was called by a module that exports no memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MissingMemory;

impl std::fmt::Display for MissingMemory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WASI functions need the module to export its memory as `memory`")
    }
}

impl std::error::Error for MissingMemory {}

/// The names of the 46 functions of `wasi_snapshot_preview1`.
pub const FUNCTIONS: [&str; 46] = [
    "args_get",
    "args_sizes_get",
    "environ_get",
    "environ_sizes_get",
    "clock_res_get",
    "clock_time_get",
    "fd_advise",
    "fd_allocate",
    "fd_close",
    "fd_datasync",
    "fd_fdstat_get",
    "fd_fdstat_set_flags",
    "fd_fdstat_set_rights",
    "fd_filestat_get",
    "fd_filestat_set_size",
    "fd_filestat_set_times",
    "fd_pread",
    "fd_prestat_get",
    "fd_prestat_dir_name",
    "fd_pwrite",
    "fd_read",
    "fd_readdir",
    "fd_renumber",
    "fd_seek",
    "fd_sync",
    "fd_tell",
    "fd_write",
    "path_create_directory",
    "path_filestat_get",
    "path_filestat_set_times",
    "path_link",
    "path_open",
    "path_readlink",
    "path_remove_directory",
    "path_rename",
    "path_symlink",
    "path_unlink_file",
    "poll_oneoff",
    "proc_exit",
    "proc_raise",
    "sched_yield",
    "random_get",
    "sock_accept",
    "sock_recv",
    "sock_send",
    "sock_shutdown",
];

fn errno_of(result: WasiResult<()>) -> i32 {
    match result {
        Ok(()) => 0,
        Err(e) => i32::from(e.0),
    }
}

/// Runs `f` on the guest's memory and the store's [`WasiCtx`].
fn with_ctx<T: 'static>(
    caller: &mut Caller<'_, T>,
    get: impl Fn(&mut T) -> &mut WasiCtx,
    f: impl FnOnce(&mut WasiCtx, &mut GuestMemory<'_>) -> WasiResult<()>,
) -> tern::Result<i32> {
    let Some(Extern::Memory(memory)) = caller.get_export("memory") else {
        return Err(tern::Error::host(MissingMemory));
    };
    let (bytes, data) = memory.data_and_store_mut(caller);
    let mut mem = GuestMemory::new(bytes);
    Ok(errno_of(f(get(data), &mut mem)))
}

/// Defines every `wasi_snapshot_preview1` function in `linker`; `get` finds
/// the [`WasiCtx`] in the store's data.
pub fn add_to_linker<T: 'static>(
    linker: &mut Linker<T>,
    get: impl Fn(&mut T) -> &mut WasiCtx + Copy + Send + Sync + 'static,
) -> tern::Result<()> {
    macro_rules! wasi {
        ($($name:ident($($arg:ident: $ty:ty),*) => |$cx:ident, $mem:ident| $body:expr;)*) => {$(
            linker.func_wrap(
                MODULE,
                stringify!($name),
                move |mut caller: Caller<'_, T>, $($arg: $ty),*| -> tern::Result<i32> {
                    #[allow(unused_variables, unused_mut)]
                    with_ctx(&mut caller, get, |$cx, $mem| $body)
                },
            )?;
        )*};
    }
    wasi! {
        args_get(argv: u32, buf: u32) => |cx, mem| cx.args_get(mem, argv, buf);
        args_sizes_get(count: u32, size: u32) => |cx, mem| cx.args_sizes_get(mem, count, size);
        environ_get(env: u32, buf: u32) => |cx, mem| cx.environ_get(mem, env, buf);
        environ_sizes_get(count: u32, size: u32) => |cx, mem| cx.environ_sizes_get(mem, count, size);
        clock_res_get(id: u32, out: u32) => |cx, mem| cx.clock_res_get(mem, id, out);
        clock_time_get(id: u32, precision: u64, out: u32) =>
            |cx, mem| cx.clock_time_get(mem, id, precision, out);
        fd_advise(fd: u32, offset: u64, len: u64, advice: u32) =>
            |cx, mem| cx.fd_advise(fd, offset, len, advice as u8);
        fd_allocate(fd: u32, offset: u64, len: u64) => |cx, mem| cx.fd_allocate(fd, offset, len);
        fd_close(fd: u32) => |cx, mem| cx.fd_close(fd);
        fd_datasync(fd: u32) => |cx, mem| cx.fd_datasync(fd);
        fd_fdstat_get(fd: u32, out: u32) => |cx, mem| cx.fd_fdstat_get(mem, fd, out);
        fd_fdstat_set_flags(fd: u32, flags: u32) => |cx, mem| cx.fd_fdstat_set_flags(fd, flags as u16);
        fd_fdstat_set_rights(fd: u32, base: u64, inheriting: u64) =>
            |cx, mem| cx.fd_fdstat_set_rights(fd, base, inheriting);
        fd_filestat_get(fd: u32, out: u32) => |cx, mem| cx.fd_filestat_get(mem, fd, out);
        fd_filestat_set_size(fd: u32, size: u64) => |cx, mem| cx.fd_filestat_set_size(fd, size);
        fd_filestat_set_times(fd: u32, atim: u64, mtim: u64, flags: u32) =>
            |cx, mem| cx.fd_filestat_set_times(fd, atim, mtim, flags as u16);
        fd_pread(fd: u32, iovs: u32, len: u32, offset: u64, out: u32) =>
            |cx, mem| cx.fd_pread(mem, fd, iovs, len, offset, out);
        fd_prestat_get(fd: u32, out: u32) => |cx, mem| cx.fd_prestat_get(mem, fd, out);
        fd_prestat_dir_name(fd: u32, path: u32, len: u32) =>
            |cx, mem| cx.fd_prestat_dir_name(mem, fd, path, len);
        fd_pwrite(fd: u32, iovs: u32, len: u32, offset: u64, out: u32) =>
            |cx, mem| cx.fd_pwrite(mem, fd, iovs, len, offset, out);
        fd_read(fd: u32, iovs: u32, len: u32, out: u32) => |cx, mem| cx.fd_read(mem, fd, iovs, len, out);
        fd_readdir(fd: u32, buf: u32, len: u32, cookie: u64, out: u32) =>
            |cx, mem| cx.fd_readdir(mem, fd, buf, len, cookie, out);
        fd_renumber(fd: u32, to: u32) => |cx, mem| cx.fd_renumber(fd, to);
        fd_seek(fd: u32, offset: u64, whence: u32, out: u32) =>
            |cx, mem| cx.fd_seek(mem, fd, offset as i64, whence as u8, out);
        fd_sync(fd: u32) => |cx, mem| cx.fd_sync(fd);
        fd_tell(fd: u32, out: u32) => |cx, mem| cx.fd_tell(mem, fd, out);
        fd_write(fd: u32, iovs: u32, len: u32, out: u32) => |cx, mem| cx.fd_write(mem, fd, iovs, len, out);
        path_create_directory(fd: u32, path: u32, len: u32) =>
            |cx, mem| cx.path_create_directory(mem, fd, path, len);
        path_filestat_get(fd: u32, flags: u32, path: u32, len: u32, out: u32) =>
            |cx, mem| cx.path_filestat_get(mem, fd, flags, path, len, out);
        path_filestat_set_times(fd: u32, flags: u32, path: u32, len: u32, atim: u64, mtim: u64, fst: u32) =>
            |cx, mem| cx.path_filestat_set_times(mem, fd, flags, path, len, atim, mtim, fst as u16);
        path_link(old_fd: u32, old_flags: u32, old_path: u32, old_len: u32, new_fd: u32, new_path: u32, new_len: u32) =>
            |cx, mem| cx.path_link(mem, old_fd, old_flags, old_path, old_len, new_fd, new_path, new_len);
        path_open(fd: u32, dirflags: u32, path: u32, len: u32, oflags: u32, base: u64, inheriting: u64, fdflags: u32, out: u32) =>
            |cx, mem| cx.path_open(mem, fd, dirflags, path, len, oflags as u16, base, inheriting, fdflags as u16, out);
        path_readlink(fd: u32, path: u32, len: u32, buf: u32, buf_len: u32, out: u32) =>
            |cx, mem| cx.path_readlink(mem, fd, path, len, buf, buf_len, out);
        path_remove_directory(fd: u32, path: u32, len: u32) =>
            |cx, mem| cx.path_remove_directory(mem, fd, path, len);
        path_rename(fd: u32, old_path: u32, old_len: u32, new_fd: u32, new_path: u32, new_len: u32) =>
            |cx, mem| cx.path_rename(mem, fd, old_path, old_len, new_fd, new_path, new_len);
        path_symlink(old_path: u32, old_len: u32, fd: u32, new_path: u32, new_len: u32) =>
            |cx, mem| cx.path_symlink(mem, old_path, old_len, fd, new_path, new_len);
        path_unlink_file(fd: u32, path: u32, len: u32) => |cx, mem| cx.path_unlink_file(mem, fd, path, len);
        poll_oneoff(subs: u32, events: u32, n: u32, out: u32) =>
            |cx, mem| cx.poll_oneoff(mem, subs, events, n, out);
        proc_raise(_sig: u32) => |cx, mem| Err(Errno::NOTSUP);
        sched_yield() => |cx, mem| cx.sched_yield();
        random_get(buf: u32, len: u32) => |cx, mem| cx.random_get(mem, buf, len);
        sock_accept(fd: u32, flags: u32, out: u32) => |cx, mem| cx.sock_accept(mem, fd, flags as u16, out);
        sock_recv(fd: u32, iovs: u32, len: u32, flags: u32, out_len: u32, out_flags: u32) =>
            |cx, mem| cx.sock_recv(mem, fd, iovs, len, flags as u16, out_len, out_flags);
        sock_send(fd: u32, iovs: u32, len: u32, flags: u32, out: u32) =>
            |cx, mem| cx.sock_send(mem, fd, iovs, len, flags as u16, out);
        sock_shutdown(fd: u32, how: u32) => |cx, mem| cx.sock_shutdown(fd, how as u8);
    }
    linker.func_wrap(MODULE, "proc_exit", |code: u32| -> tern::Result<()> {
        Err(tern::Error::host(I32Exit(code as i32)))
    })?;
    Ok(())
}
