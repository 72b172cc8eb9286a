//! The WASI state of one guest: arguments, environment and the descriptor
//! table (stdio, preopened directories, files, sockets).

use crate::types::*;
use cap_std::fs::{Dir, File};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// What a preopened directory lets the guest do to the directory tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DirPerms {
    /// List directories and read metadata and symlinks.
    pub read: bool,
    /// Create, rename, link, remove and change anything below it.
    pub mutate: bool,
}

impl DirPerms {
    /// Everything.
    pub const ALL: DirPerms = DirPerms {
        read: true,
        mutate: true,
    };
    /// Read only.
    pub const READ: DirPerms = DirPerms {
        read: true,
        mutate: false,
    };
}

/// What the guest may do to the files below a preopened directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FilePerms {
    /// Read file contents.
    pub read: bool,
    /// Write, truncate and allocate.
    pub write: bool,
}

impl FilePerms {
    /// Read and write.
    pub const ALL: FilePerms = FilePerms {
        read: true,
        write: true,
    };
    /// Read only.
    pub const READ: FilePerms = FilePerms {
        read: true,
        write: false,
    };
}

/// A shared in-memory buffer that a guest's stdout or stderr can write to:
/// clone it, hand one copy to [`WasiCtxBuilder::stdout`], read the other.
#[derive(Debug, Clone, Default)]
pub struct MemoryOutputPipe(Arc<Mutex<Vec<u8>>>);

impl MemoryOutputPipe {
    /// An empty pipe.
    pub fn new() -> Self {
        Self::default()
    }

    /// Everything written so far.
    pub fn contents(&self) -> Vec<u8> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl Write for MemoryOutputPipe {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Where a guest's standard input comes from.
pub(crate) enum Input {
    /// The host process's stdin.
    Inherit,
    /// A host reader.
    Reader(Box<dyn Read + Send>),
    /// Nothing: reads see end of file.
    Null,
}

/// Where a guest's standard output or error goes.
pub(crate) enum Output {
    /// The host process's stdout (`1`) or stderr (`2`).
    Inherit(u8),
    /// A host writer.
    Writer(Box<dyn Write + Send>),
    /// Nowhere: writes succeed and are dropped.
    Null,
}

/// One directory listing entry as `fd_readdir` reports it.
pub(crate) struct Listed {
    pub(crate) name: Vec<u8>,
    pub(crate) ino: u64,
    pub(crate) filetype: u8,
}

/// An open directory.
pub(crate) struct DirDesc {
    pub(crate) dir: Dir,
    /// The guest path of a preopen (`fd_prestat_*`).
    pub(crate) preopen: Option<String>,
    /// What files opened below it may do.
    pub(crate) file_perms: FilePerms,
    /// The listing of the last `fd_readdir` that began at cookie 0; later
    /// cookies index into it, so a listing read in pieces is consistent.
    pub(crate) listing: Option<Vec<Listed>>,
}

/// What a descriptor refers to.
pub(crate) enum Kind {
    Stdin(Input),
    Stdout(Output),
    File(File),
    Dir(DirDesc),
    Listener(TcpListener),
    Socket(TcpStream),
}

/// An entry of the descriptor table.
pub(crate) struct Desc {
    pub(crate) kind: Kind,
    /// Rights of the descriptor itself.
    pub(crate) base: u64,
    /// Rights that descriptors opened through it may have.
    pub(crate) inheriting: u64,
    /// `fdflags` kept by the host for descriptors whose flags are not the
    /// OS's (stdio given as host streams, sockets).
    pub(crate) flags: u16,
}

impl Desc {
    /// Fails with `ENOTCAPABLE` unless the descriptor has every right in
    /// `rights`.
    pub(crate) fn need(&self, rights: u64) -> WasiResult<()> {
        if self.base & rights == rights {
            Ok(())
        } else {
            Err(Errno::NOTCAPABLE)
        }
    }

    pub(crate) fn filetype(&self) -> u8 {
        use std::io::IsTerminal;
        match &self.kind {
            // A terminal is a character device; a pipe, a file or a host
            // stream is reported as unknown, so that `isatty` is false.
            Kind::Stdin(Input::Inherit) => tty_type(std::io::stdin().is_terminal()),
            Kind::Stdout(Output::Inherit(1)) => tty_type(std::io::stdout().is_terminal()),
            Kind::Stdout(Output::Inherit(_)) => tty_type(std::io::stderr().is_terminal()),
            Kind::Stdin(_) | Kind::Stdout(_) => FILETYPE_UNKNOWN,
            Kind::File(f) => f
                .metadata()
                .map(|m| crate::fs::filetype_of(&m.file_type()))
                .unwrap_or(FILETYPE_UNKNOWN),
            Kind::Dir(_) => FILETYPE_DIRECTORY,
            Kind::Listener(_) | Kind::Socket(_) => FILETYPE_SOCKET_STREAM,
        }
    }
}

fn tty_type(is_tty: bool) -> u8 {
    if is_tty {
        FILETYPE_CHARACTER_DEVICE
    } else {
        FILETYPE_UNKNOWN
    }
}

/// The WASI state of one guest.
pub struct WasiCtx {
    pub(crate) args: Vec<Vec<u8>>,
    pub(crate) env: Vec<Vec<u8>>,
    pub(crate) fds: Vec<Option<Desc>>,
}

impl std::fmt::Debug for WasiCtx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WasiCtx")
            .field("args", &self.args.len())
            .field("env", &self.env.len())
            .field("fds", &self.fds.iter().filter(|d| d.is_some()).count())
            .finish()
    }
}

impl WasiCtx {
    /// A builder with no arguments, no environment, no preopens and null
    /// stdio.
    pub fn builder() -> WasiCtxBuilder {
        WasiCtxBuilder::new()
    }

    pub(crate) fn get(&self, fd: u32) -> WasiResult<&Desc> {
        self.fds
            .get(fd as usize)
            .and_then(Option::as_ref)
            .ok_or(Errno::BADF)
    }

    pub(crate) fn get_mut(&mut self, fd: u32) -> WasiResult<&mut Desc> {
        self.fds
            .get_mut(fd as usize)
            .and_then(Option::as_mut)
            .ok_or(Errno::BADF)
    }

    /// The directory behind `fd`, which must have `rights`: `EBADF` if it
    /// is not open or is not a file system object, `ENOTDIR` if it is a
    /// file.
    pub(crate) fn dir(&self, fd: u32, rights: u64) -> WasiResult<&DirDesc> {
        let desc = self.get(fd)?;
        match &desc.kind {
            Kind::Dir(dir) => {
                desc.need(rights)?;
                Ok(dir)
            }
            Kind::File(_) => Err(Errno::NOTDIR),
            _ => Err(Errno::BADF),
        }
    }

    /// Puts `desc` in the lowest free slot.
    pub(crate) fn insert(&mut self, desc: Desc) -> WasiResult<u32> {
        let slot = match self.fds.iter().position(Option::is_none) {
            Some(slot) => slot,
            None => {
                if self.fds.len() >= MAX_FDS {
                    return Err(Errno::MFILE);
                }
                self.fds.push(None);
                self.fds.len() - 1
            }
        };
        self.fds[slot] = Some(desc);
        Ok(slot as u32)
    }
}

/// The most descriptors one guest may hold open.
const MAX_FDS: usize = 16 * 1024;

/// Builds a [`WasiCtx`] (the names follow Wasmtime's `WasiCtxBuilder`).
pub struct WasiCtxBuilder {
    args: Vec<Vec<u8>>,
    env: Vec<Vec<u8>>,
    stdin: Input,
    stdout: Output,
    stderr: Output,
    sockets: Vec<TcpListener>,
    preopens: Vec<(Dir, String, DirPerms, FilePerms)>,
}

impl std::fmt::Debug for WasiCtxBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WasiCtxBuilder")
            .field("args", &self.args.len())
            .field("env", &self.env.len())
            .field("preopens", &self.preopens.len())
            .finish()
    }
}

impl Default for WasiCtxBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl WasiCtxBuilder {
    /// No arguments, no environment, no preopens, null stdio.
    pub fn new() -> Self {
        WasiCtxBuilder {
            args: Vec::new(),
            env: Vec::new(),
            stdin: Input::Null,
            stdout: Output::Null,
            stderr: Output::Null,
            sockets: Vec::new(),
            preopens: Vec::new(),
        }
    }

    /// Appends one argument (the first is the program name).
    pub fn arg(&mut self, arg: impl AsRef<str>) -> &mut Self {
        self.args.push(arg.as_ref().as_bytes().to_vec());
        self
    }

    /// Appends arguments.
    pub fn args(&mut self, args: &[impl AsRef<str>]) -> &mut Self {
        for arg in args {
            self.arg(arg);
        }
        self
    }

    /// Sets one environment variable.
    pub fn env(&mut self, key: impl AsRef<str>, value: impl AsRef<str>) -> &mut Self {
        self.env
            .push(format!("{}={}", key.as_ref(), value.as_ref()).into_bytes());
        self
    }

    /// Sets environment variables.
    pub fn envs(&mut self, vars: &[(impl AsRef<str>, impl AsRef<str>)]) -> &mut Self {
        for (k, v) in vars {
            self.env(k, v);
        }
        self
    }

    /// Gives the guest the host process's stdin, stdout and stderr.
    pub fn inherit_stdio(&mut self) -> &mut Self {
        self.inherit_stdin().inherit_stdout().inherit_stderr()
    }

    /// Gives the guest the host process's stdin.
    pub fn inherit_stdin(&mut self) -> &mut Self {
        self.stdin = Input::Inherit;
        self
    }

    /// Gives the guest the host process's stdout.
    pub fn inherit_stdout(&mut self) -> &mut Self {
        self.stdout = Output::Inherit(1);
        self
    }

    /// Gives the guest the host process's stderr.
    pub fn inherit_stderr(&mut self) -> &mut Self {
        self.stderr = Output::Inherit(2);
        self
    }

    /// The guest's stdin reads from `reader`.
    pub fn stdin(&mut self, reader: impl Read + Send + 'static) -> &mut Self {
        self.stdin = Input::Reader(Box::new(reader));
        self
    }

    /// The guest's stdout writes to `writer`.
    pub fn stdout(&mut self, writer: impl Write + Send + 'static) -> &mut Self {
        self.stdout = Output::Writer(Box::new(writer));
        self
    }

    /// The guest's stderr writes to `writer`.
    pub fn stderr(&mut self, writer: impl Write + Send + 'static) -> &mut Self {
        self.stderr = Output::Writer(Box::new(writer));
        self
    }

    /// Hands the guest a listening TCP socket: it gets the next descriptor
    /// after stdio (and after earlier sockets), before the preopened
    /// directories, as Wasmtime numbers them; the guest accepts connections
    /// with `sock_accept`.
    pub fn preopened_socket(&mut self, listener: TcpListener) -> &mut Self {
        self.sockets.push(listener);
        self
    }

    /// Lets the guest reach the host directory `host_path` (and nothing
    /// outside it) under the name `guest_path`.
    pub fn preopened_dir(
        &mut self,
        host_path: impl AsRef<Path>,
        guest_path: impl AsRef<str>,
        dir_perms: DirPerms,
        file_perms: FilePerms,
    ) -> std::io::Result<&mut Self> {
        let host_path = host_path.as_ref();
        let dir = Dir::open_ambient_dir(host_path, cap_std::ambient_authority()).map_err(|e| {
            std::io::Error::new(
                e.kind(),
                format!("cannot open directory `{}`: {e}", host_path.display()),
            )
        })?;
        self.preopens
            .push((dir, guest_path.as_ref().to_string(), dir_perms, file_perms));
        Ok(self)
    }

    /// The context.
    pub fn build(&mut self) -> WasiCtx {
        let take = std::mem::take(self);
        let stdio = |kind, direction| Desc {
            kind,
            base: (RIGHTS_STREAM & !(RIGHT_FD_READ | RIGHT_FD_WRITE)) | direction,
            inheriting: 0,
            flags: 0,
        };
        let mut fds = vec![
            Some(stdio(Kind::Stdin(take.stdin), RIGHT_FD_READ)),
            Some(stdio(Kind::Stdout(take.stdout), RIGHT_FD_WRITE)),
            Some(stdio(Kind::Stdout(take.stderr), RIGHT_FD_WRITE)),
        ];
        for listener in take.sockets {
            fds.push(Some(Desc {
                kind: Kind::Listener(listener),
                base: RIGHTS_LISTENER,
                inheriting: RIGHTS_SOCKET,
                flags: 0,
            }));
        }
        for (dir, guest, dir_perms, file_perms) in take.preopens {
            let mut base = RIGHTS_DIR;
            let mut inheriting = RIGHTS_DIR | RIGHTS_FILE;
            if !dir_perms.mutate {
                base &= !RIGHTS_DIR_MUTATE;
                inheriting &= !RIGHTS_DIR_MUTATE;
            }
            if !dir_perms.read {
                base &= !(RIGHT_FD_READDIR | RIGHT_PATH_READLINK);
                inheriting &= !(RIGHT_FD_READDIR | RIGHT_PATH_READLINK);
            }
            // Write rights stay inheritable under a read-only preopen, so
            // that a guest asking to open a file for writing is told no
            // (EPERM, as by a read-only file system) instead of getting a
            // read-only descriptor it did not ask for.
            if !file_perms.read {
                inheriting &= !RIGHT_FD_READ;
            }
            fds.push(Some(Desc {
                kind: Kind::Dir(DirDesc {
                    dir,
                    preopen: Some(guest),
                    file_perms,
                    listing: None,
                }),
                base,
                inheriting,
                flags: 0,
            }));
        }
        WasiCtx {
            args: take.args,
            env: take.env,
            fds,
        }
    }
}
