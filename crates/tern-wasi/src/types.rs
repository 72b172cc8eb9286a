//! The numbers and layouts of `wasi_snapshot_preview1` (from its witx
//! description): error codes, flags, rights and the byte layouts of the
//! structures the guest passes by pointer.

use std::io;

/// A WASI error code (`errno`), as returned to the guest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Errno(pub u16);

macro_rules! errnos {
    ($($name:ident = $value:literal, $doc:literal;)*) => {
        impl Errno {
            $(#[doc = $doc] pub const $name: Errno = Errno($value);)*

            /// The code's name in the WASI specification (`"noent"`), or
            /// `"?"` for a number it does not define.
            pub fn name(self) -> &'static str {
                match self.0 {
                    $($value => stringify!($name),)*
                    _ => "?",
                }
            }
        }
    };
}

errnos! {
    SUCCESS = 0, "No error.";
    TOOBIG = 1, "Argument list too long.";
    ACCES = 2, "Permission denied.";
    ADDRINUSE = 3, "Address in use.";
    ADDRNOTAVAIL = 4, "Address not available.";
    AFNOSUPPORT = 5, "Address family not supported.";
    AGAIN = 6, "Resource unavailable, or operation would block.";
    ALREADY = 7, "Connection already in progress.";
    BADF = 8, "Bad file descriptor.";
    BADMSG = 9, "Bad message.";
    BUSY = 10, "Device or resource busy.";
    CANCELED = 11, "Operation canceled.";
    CHILD = 12, "No child processes.";
    CONNABORTED = 13, "Connection aborted.";
    CONNREFUSED = 14, "Connection refused.";
    CONNRESET = 15, "Connection reset.";
    DEADLK = 16, "Resource deadlock would occur.";
    DESTADDRREQ = 17, "Destination address required.";
    DOM = 18, "Mathematics argument out of domain of function.";
    DQUOT = 19, "Reserved.";
    EXIST = 20, "File exists.";
    FAULT = 21, "Bad address.";
    FBIG = 22, "File too large.";
    HOSTUNREACH = 23, "Host is unreachable.";
    IDRM = 24, "Identifier removed.";
    ILSEQ = 25, "Illegal byte sequence.";
    INPROGRESS = 26, "Operation in progress.";
    INTR = 27, "Interrupted function.";
    INVAL = 28, "Invalid argument.";
    IO = 29, "I/O error.";
    ISCONN = 30, "Socket is connected.";
    ISDIR = 31, "Is a directory.";
    LOOP = 32, "Too many levels of symbolic links.";
    MFILE = 33, "File descriptor value too large.";
    MLINK = 34, "Too many links.";
    MSGSIZE = 35, "Message too large.";
    MULTIHOP = 36, "Reserved.";
    NAMETOOLONG = 37, "Filename too long.";
    NETDOWN = 38, "Network is down.";
    NETRESET = 39, "Connection aborted by network.";
    NETUNREACH = 40, "Network unreachable.";
    NFILE = 41, "Too many files open in system.";
    NOBUFS = 42, "No buffer space available.";
    NODEV = 43, "No such device.";
    NOENT = 44, "No such file or directory.";
    NOEXEC = 45, "Executable file format error.";
    NOLCK = 46, "No locks available.";
    NOLINK = 47, "Reserved.";
    NOMEM = 48, "Not enough space.";
    NOMSG = 49, "No message of the desired type.";
    NOPROTOOPT = 50, "Protocol not available.";
    NOSPC = 51, "No space left on device.";
    NOSYS = 52, "Function not supported.";
    NOTCONN = 53, "The socket is not connected.";
    NOTDIR = 54, "Not a directory or a symbolic link to a directory.";
    NOTEMPTY = 55, "Directory not empty.";
    NOTRECOVERABLE = 56, "State not recoverable.";
    NOTSOCK = 57, "Not a socket.";
    NOTSUP = 58, "Not supported, or operation not supported on socket.";
    NOTTY = 59, "Inappropriate I/O control operation.";
    NXIO = 60, "No such device or address.";
    OVERFLOW = 61, "Value too large to be stored in data type.";
    OWNERDEAD = 62, "Previous owner died.";
    PERM = 63, "Operation not permitted.";
    PIPE = 64, "Broken pipe.";
    PROTO = 65, "Protocol error.";
    PROTONOSUPPORT = 66, "Protocol not supported.";
    PROTOTYPE = 67, "Protocol wrong type for socket.";
    RANGE = 68, "Result too large.";
    ROFS = 69, "Read-only file system.";
    SPIPE = 70, "Invalid seek.";
    SRCH = 71, "No such process.";
    STALE = 72, "Reserved.";
    TIMEDOUT = 73, "Connection timed out.";
    TXTBSY = 74, "Text file busy.";
    XDEV = 75, "Cross-device link.";
    NOTCAPABLE = 76, "Extension: capabilities insufficient.";
}

impl std::fmt::Display for Errno {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "errno {} ({})", self.0, self.name().to_ascii_lowercase())
    }
}

impl From<rustix::io::Errno> for Errno {
    fn from(e: rustix::io::Errno) -> Errno {
        use rustix::io::Errno as E;
        match e {
            E::TOOBIG => Errno::TOOBIG,
            E::ACCESS => Errno::ACCES,
            E::ADDRINUSE => Errno::ADDRINUSE,
            E::ADDRNOTAVAIL => Errno::ADDRNOTAVAIL,
            E::AFNOSUPPORT => Errno::AFNOSUPPORT,
            E::AGAIN => Errno::AGAIN,
            E::ALREADY => Errno::ALREADY,
            E::BADF => Errno::BADF,
            E::BADMSG => Errno::BADMSG,
            E::BUSY => Errno::BUSY,
            E::CANCELED => Errno::CANCELED,
            E::CHILD => Errno::CHILD,
            E::CONNABORTED => Errno::CONNABORTED,
            E::CONNREFUSED => Errno::CONNREFUSED,
            E::CONNRESET => Errno::CONNRESET,
            E::DEADLK => Errno::DEADLK,
            E::DESTADDRREQ => Errno::DESTADDRREQ,
            E::DOM => Errno::DOM,
            E::DQUOT => Errno::DQUOT,
            E::EXIST => Errno::EXIST,
            E::FAULT => Errno::FAULT,
            E::FBIG => Errno::FBIG,
            E::HOSTUNREACH => Errno::HOSTUNREACH,
            E::IDRM => Errno::IDRM,
            E::ILSEQ => Errno::ILSEQ,
            E::INPROGRESS => Errno::INPROGRESS,
            E::INTR => Errno::INTR,
            E::INVAL => Errno::INVAL,
            E::IO => Errno::IO,
            E::ISCONN => Errno::ISCONN,
            E::ISDIR => Errno::ISDIR,
            E::LOOP => Errno::LOOP,
            E::MFILE => Errno::MFILE,
            E::MLINK => Errno::MLINK,
            E::MSGSIZE => Errno::MSGSIZE,
            E::MULTIHOP => Errno::MULTIHOP,
            E::NAMETOOLONG => Errno::NAMETOOLONG,
            E::NETDOWN => Errno::NETDOWN,
            E::NETRESET => Errno::NETRESET,
            E::NETUNREACH => Errno::NETUNREACH,
            E::NFILE => Errno::NFILE,
            E::NOBUFS => Errno::NOBUFS,
            E::NODEV => Errno::NODEV,
            E::NOENT => Errno::NOENT,
            E::NOEXEC => Errno::NOEXEC,
            E::NOLCK => Errno::NOLCK,
            E::NOLINK => Errno::NOLINK,
            E::NOMEM => Errno::NOMEM,
            E::NOMSG => Errno::NOMSG,
            E::NOPROTOOPT => Errno::NOPROTOOPT,
            E::NOSPC => Errno::NOSPC,
            E::NOSYS => Errno::NOSYS,
            E::NOTCONN => Errno::NOTCONN,
            E::NOTDIR => Errno::NOTDIR,
            E::NOTEMPTY => Errno::NOTEMPTY,
            E::NOTRECOVERABLE => Errno::NOTRECOVERABLE,
            E::NOTSOCK => Errno::NOTSOCK,
            E::NOTSUP => Errno::NOTSUP,
            E::NOTTY => Errno::NOTTY,
            E::NXIO => Errno::NXIO,
            E::OVERFLOW => Errno::OVERFLOW,
            E::OWNERDEAD => Errno::OWNERDEAD,
            E::PERM => Errno::PERM,
            E::PIPE => Errno::PIPE,
            E::PROTO => Errno::PROTO,
            E::PROTONOSUPPORT => Errno::PROTONOSUPPORT,
            E::PROTOTYPE => Errno::PROTOTYPE,
            E::RANGE => Errno::RANGE,
            E::ROFS => Errno::ROFS,
            E::SPIPE => Errno::SPIPE,
            E::SRCH => Errno::SRCH,
            E::STALE => Errno::STALE,
            E::TIMEDOUT => Errno::TIMEDOUT,
            E::TXTBSY => Errno::TXTBSY,
            E::XDEV => Errno::XDEV,
            _ => Errno::IO,
        }
    }
}

impl From<io::Error> for Errno {
    fn from(e: io::Error) -> Errno {
        if let Some(code) = e.raw_os_error() {
            return rustix::io::Errno::from_raw_os_error(code).into();
        }
        // cap-std reports a path that would leave the sandbox (`..` past
        // the root, an absolute path or symlink) as PermissionDenied with no
        // OS code: that is WASI's "capabilities insufficient".
        match e.kind() {
            io::ErrorKind::PermissionDenied => Errno::NOTCAPABLE,
            io::ErrorKind::NotFound => Errno::NOENT,
            io::ErrorKind::AlreadyExists => Errno::EXIST,
            io::ErrorKind::InvalidInput => Errno::INVAL,
            io::ErrorKind::Unsupported => Errno::NOTSUP,
            io::ErrorKind::WouldBlock => Errno::AGAIN,
            io::ErrorKind::Interrupted => Errno::INTR,
            io::ErrorKind::UnexpectedEof => Errno::IO,
            io::ErrorKind::OutOfMemory => Errno::NOMEM,
            _ => Errno::IO,
        }
    }
}

/// What a WASI function returns to its caller: success or an errno.
pub type WasiResult<T> = Result<T, Errno>;

// ----- clocks -----
pub const CLOCK_REALTIME: u32 = 0;
pub const CLOCK_MONOTONIC: u32 = 1;
pub const CLOCK_PROCESS_CPUTIME_ID: u32 = 2;
pub const CLOCK_THREAD_CPUTIME_ID: u32 = 3;

// ----- file types -----
pub const FILETYPE_UNKNOWN: u8 = 0;
pub const FILETYPE_BLOCK_DEVICE: u8 = 1;
pub const FILETYPE_CHARACTER_DEVICE: u8 = 2;
pub const FILETYPE_DIRECTORY: u8 = 3;
pub const FILETYPE_REGULAR_FILE: u8 = 4;
pub const FILETYPE_SOCKET_DGRAM: u8 = 5;
pub const FILETYPE_SOCKET_STREAM: u8 = 6;
pub const FILETYPE_SYMBOLIC_LINK: u8 = 7;

// ----- whence -----
pub const WHENCE_SET: u8 = 0;
pub const WHENCE_CUR: u8 = 1;
pub const WHENCE_END: u8 = 2;

// ----- fdflags -----
pub const FDFLAGS_APPEND: u16 = 1 << 0;
pub const FDFLAGS_DSYNC: u16 = 1 << 1;
pub const FDFLAGS_NONBLOCK: u16 = 1 << 2;
pub const FDFLAGS_RSYNC: u16 = 1 << 3;
pub const FDFLAGS_SYNC: u16 = 1 << 4;

// ----- fstflags -----
pub const FSTFLAGS_ATIM: u16 = 1 << 0;
pub const FSTFLAGS_ATIM_NOW: u16 = 1 << 1;
pub const FSTFLAGS_MTIM: u16 = 1 << 2;
pub const FSTFLAGS_MTIM_NOW: u16 = 1 << 3;

// ----- lookupflags, oflags -----
pub const LOOKUPFLAGS_SYMLINK_FOLLOW: u32 = 1 << 0;
pub const OFLAGS_CREAT: u16 = 1 << 0;
pub const OFLAGS_DIRECTORY: u16 = 1 << 1;
pub const OFLAGS_EXCL: u16 = 1 << 2;
pub const OFLAGS_TRUNC: u16 = 1 << 3;

// ----- advice -----
pub const ADVICE_DONTNEED: u8 = 4;
pub const ADVICE_NOREUSE: u8 = 5;

// ----- poll -----
pub const EVENTTYPE_CLOCK: u8 = 0;
pub const EVENTTYPE_FD_READ: u8 = 1;
pub const EVENTTYPE_FD_WRITE: u8 = 2;
pub const SUBCLOCKFLAGS_ABSTIME: u16 = 1 << 0;
pub const EVENTRWFLAGS_HANGUP: u16 = 1 << 0;

// ----- sockets -----
pub const RIFLAGS_RECV_PEEK: u16 = 1 << 0;
pub const RIFLAGS_RECV_WAITALL: u16 = 1 << 1;
pub const ROFLAGS_RECV_DATA_TRUNCATED: u16 = 1 << 0;
pub const SDFLAGS_RD: u8 = 1 << 0;
pub const SDFLAGS_WR: u8 = 1 << 1;

// ----- rights -----
pub const RIGHT_FD_DATASYNC: u64 = 1 << 0;
pub const RIGHT_FD_READ: u64 = 1 << 1;
pub const RIGHT_FD_SEEK: u64 = 1 << 2;
pub const RIGHT_FD_FDSTAT_SET_FLAGS: u64 = 1 << 3;
pub const RIGHT_FD_SYNC: u64 = 1 << 4;
pub const RIGHT_FD_TELL: u64 = 1 << 5;
pub const RIGHT_FD_WRITE: u64 = 1 << 6;
pub const RIGHT_FD_ADVISE: u64 = 1 << 7;
pub const RIGHT_FD_ALLOCATE: u64 = 1 << 8;
pub const RIGHT_PATH_CREATE_DIRECTORY: u64 = 1 << 9;
pub const RIGHT_PATH_CREATE_FILE: u64 = 1 << 10;
pub const RIGHT_PATH_LINK_SOURCE: u64 = 1 << 11;
pub const RIGHT_PATH_LINK_TARGET: u64 = 1 << 12;
pub const RIGHT_PATH_OPEN: u64 = 1 << 13;
pub const RIGHT_FD_READDIR: u64 = 1 << 14;
pub const RIGHT_PATH_READLINK: u64 = 1 << 15;
pub const RIGHT_PATH_RENAME_SOURCE: u64 = 1 << 16;
pub const RIGHT_PATH_RENAME_TARGET: u64 = 1 << 17;
pub const RIGHT_PATH_FILESTAT_GET: u64 = 1 << 18;
pub const RIGHT_PATH_FILESTAT_SET_SIZE: u64 = 1 << 19;
pub const RIGHT_PATH_FILESTAT_SET_TIMES: u64 = 1 << 20;
pub const RIGHT_FD_FILESTAT_GET: u64 = 1 << 21;
pub const RIGHT_FD_FILESTAT_SET_SIZE: u64 = 1 << 22;
pub const RIGHT_FD_FILESTAT_SET_TIMES: u64 = 1 << 23;
pub const RIGHT_PATH_SYMLINK: u64 = 1 << 24;
pub const RIGHT_PATH_REMOVE_DIRECTORY: u64 = 1 << 25;
pub const RIGHT_PATH_UNLINK_FILE: u64 = 1 << 26;
pub const RIGHT_POLL_FD_READWRITE: u64 = 1 << 27;
pub const RIGHT_SOCK_SHUTDOWN: u64 = 1 << 28;
pub const RIGHT_SOCK_ACCEPT: u64 = 1 << 29;
/// Every right WASI preview1 defines.
pub const RIGHTS_ALL: u64 = (1 << 30) - 1;

/// Rights that only make sense on a regular file.
pub const RIGHTS_FILE: u64 = RIGHT_FD_DATASYNC
    | RIGHT_FD_READ
    | RIGHT_FD_SEEK
    | RIGHT_FD_FDSTAT_SET_FLAGS
    | RIGHT_FD_SYNC
    | RIGHT_FD_TELL
    | RIGHT_FD_WRITE
    | RIGHT_FD_ADVISE
    | RIGHT_FD_ALLOCATE
    | RIGHT_FD_FILESTAT_GET
    | RIGHT_FD_FILESTAT_SET_SIZE
    | RIGHT_FD_FILESTAT_SET_TIMES
    | RIGHT_POLL_FD_READWRITE;

/// Rights that only make sense on a directory.
pub const RIGHTS_DIR: u64 = RIGHT_FD_FDSTAT_SET_FLAGS
    | RIGHT_FD_SYNC
    | RIGHT_FD_ADVISE
    | RIGHT_PATH_CREATE_DIRECTORY
    | RIGHT_PATH_CREATE_FILE
    | RIGHT_PATH_LINK_SOURCE
    | RIGHT_PATH_LINK_TARGET
    | RIGHT_PATH_OPEN
    | RIGHT_FD_READDIR
    | RIGHT_PATH_READLINK
    | RIGHT_PATH_RENAME_SOURCE
    | RIGHT_PATH_RENAME_TARGET
    | RIGHT_PATH_FILESTAT_GET
    | RIGHT_PATH_FILESTAT_SET_SIZE
    | RIGHT_PATH_FILESTAT_SET_TIMES
    | RIGHT_FD_FILESTAT_GET
    | RIGHT_FD_FILESTAT_SET_TIMES
    | RIGHT_PATH_SYMLINK
    | RIGHT_PATH_REMOVE_DIRECTORY
    | RIGHT_PATH_UNLINK_FILE
    | RIGHT_POLL_FD_READWRITE;

/// Rights of a character device or stream (stdio).
pub const RIGHTS_STREAM: u64 = RIGHT_FD_READ
    | RIGHT_FD_WRITE
    | RIGHT_FD_FDSTAT_SET_FLAGS
    | RIGHT_FD_FILESTAT_GET
    | RIGHT_POLL_FD_READWRITE;

/// Rights of a connected socket.
pub const RIGHTS_SOCKET: u64 = RIGHT_FD_READ
    | RIGHT_FD_WRITE
    | RIGHT_FD_FDSTAT_SET_FLAGS
    | RIGHT_FD_FILESTAT_GET
    | RIGHT_POLL_FD_READWRITE
    | RIGHT_SOCK_SHUTDOWN;

/// Rights of a listening socket.
pub const RIGHTS_LISTENER: u64 =
    RIGHT_FD_FDSTAT_SET_FLAGS | RIGHT_FD_FILESTAT_GET | RIGHT_POLL_FD_READWRITE | RIGHT_SOCK_ACCEPT;

/// Rights that write to the file system through a directory: what a
/// read-only preopen lacks.
pub const RIGHTS_DIR_MUTATE: u64 = RIGHT_PATH_CREATE_DIRECTORY
    | RIGHT_PATH_CREATE_FILE
    | RIGHT_PATH_LINK_SOURCE
    | RIGHT_PATH_LINK_TARGET
    | RIGHT_PATH_RENAME_SOURCE
    | RIGHT_PATH_RENAME_TARGET
    | RIGHT_PATH_FILESTAT_SET_SIZE
    | RIGHT_PATH_FILESTAT_SET_TIMES
    | RIGHT_FD_FILESTAT_SET_TIMES
    | RIGHT_PATH_SYMLINK
    | RIGHT_PATH_REMOVE_DIRECTORY
    | RIGHT_PATH_UNLINK_FILE;

/// Rights that write to a file: what a file under a read-only preopen lacks.
pub const RIGHTS_FILE_WRITE: u64 = RIGHT_FD_DATASYNC
    | RIGHT_FD_WRITE
    | RIGHT_FD_ALLOCATE
    | RIGHT_FD_FILESTAT_SET_SIZE
    | RIGHT_FD_FILESTAT_SET_TIMES;

// ----- structure sizes -----
pub const SIZE_IOVEC: u32 = 8;
pub const SIZE_SUBSCRIPTION: u32 = 48;
pub const SIZE_EVENT: u32 = 32;
pub const SIZE_DIRENT: usize = 24;
