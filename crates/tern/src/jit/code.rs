//! Executable memory for JIT-compiled code, and the process-wide registry
//! that maps a program counter back to the code that contains it.
//!
//! A [`CodeMemory`] is a private anonymous mapping that is first writable
//! (to copy the machine code in) and then readable and executable, never
//! writable and executable at once. While it lives it is listed in a global
//! registry, which the trap handler (`super::signals`) queries to tell a
//! fault in JIT code from any other fault, and which backtraces use to name
//! the WebAssembly functions on the stack.
//!
//! Lookups ([`is_jit_code`], [`trap_code_at`]) may run inside a signal
//! handler: they neither allocate nor panic, and they take the registry's
//! lock only for reading. A thread that faults while it holds the registry
//! lock itself (say, a stack overflow inside a registration) is running
//! registry code, not JIT code: a per-thread count of held registry guards
//! lets the lookup answer "not JIT code" at once instead of waiting for a
//! lock that thread can never release.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::io;
use std::ptr::NonNull;
use std::sync::{Arc, PoisonError, RwLock};

/// Linux `perf`'s map of JIT code (`ProfilingStrategy::PerfMap`).
pub(crate) mod perf_map {
    use std::io::Write;
    use std::sync::Mutex;

    /// `/tmp/perf-PID.map`, opened when an engine first asks for it; code
    /// registered after that is described there.
    static FILE: Mutex<Option<std::fs::File>> = Mutex::new(None);

    /// Opens (creates, or appends to) the map. Failing to is not an error of
    /// the program being run: it is said once on stderr.
    pub(crate) fn enable() {
        let mut file = FILE.lock().unwrap_or_else(|e| e.into_inner());
        if file.is_some() {
            return;
        }
        let path = format!("/tmp/perf-{}.map", std::process::id());
        match std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
        {
            Ok(f) => *file = Some(f),
            Err(e) => eprintln!("tern: cannot write the perf map {path}: {e}"),
        }
    }

    /// Whether the map is being written.
    pub(crate) fn enabled() -> bool {
        FILE.lock().unwrap_or_else(|e| e.into_inner()).is_some()
    }

    /// One line per WebAssembly function of `info`: start and size in hex,
    /// then `MODULE::NAME` (or `wasm[INDEX]` without a name).
    pub(super) fn describe(info: &super::CodeInfo) {
        let mut file = FILE.lock().unwrap_or_else(|e| e.into_inner());
        let Some(f) = file.as_mut() else { return };
        let module = info.module_name.as_deref().unwrap_or("wasm");
        let mut text = String::new();
        for func in &info.funcs {
            if func.func_index == super::NO_FUNC_INDEX {
                continue;
            }
            let start = info.start + func.offset as usize;
            let name = match &func.name {
                Some(name) => format!("{module}::{name}"),
                None => format!("{module}::wasm[{}]", func.func_index),
            };
            text.push_str(&format!("{start:x} {:x} {name}\n", func.len));
        }
        let _ = f.write_all(text.as_bytes());
    }
}

/// The `func_index` of code that is no WebAssembly function (trampolines,
/// stubs): such code is JIT code, but backtraces do not show it.
pub(crate) const NO_FUNC_INDEX: u32 = u32::MAX;

/// What the runtime needs to know about one function placed in a
/// [`CodeMemory`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FuncMeta {
    /// Start of the function in the mapping, in bytes.
    pub offset: u32,
    /// Size of the function in bytes.
    pub len: u32,
    /// WebAssembly function index in its module, or [`NO_FUNC_INDEX`] for
    /// trampolines and stubs.
    pub func_index: u32,
    /// Function name for backtraces.
    pub name: Option<String>,
    /// Trap sites: (offset relative to the function start, trap code byte),
    /// sorted by offset (`CodeMemory::new` sorts them if they are not).
    pub traps: Vec<(u32, u8)>,
}

/// The immutable description of one [`CodeMemory`], shared with the registry.
#[derive(Debug)]
struct CodeInfo {
    /// Address of the first byte of code.
    start: usize,
    /// Address one past the last byte of code (not page-rounded).
    end: usize,
    /// The functions, sorted by offset, not overlapping.
    funcs: Vec<FuncMeta>,
    /// The module's name, for backtraces.
    module_name: Option<String>,
}

impl CodeInfo {
    /// The function whose byte range `[offset, offset + len)` contains `pc`.
    fn func_at(&self, pc: usize) -> Option<&FuncMeta> {
        let rel = u32::try_from(pc.checked_sub(self.start)?).ok()?;
        let after = self.funcs.partition_point(|f| f.offset <= rel);
        let func = self.funcs.get(after.checked_sub(1)?)?;
        (rel - func.offset < func.len).then_some(func)
    }
}

/// All live code, keyed by start address. Mappings never overlap.
type Registry = BTreeMap<usize, Arc<CodeInfo>>;

/// The process-wide registry of live JIT code.
static REGISTRY: RwLock<Registry> = RwLock::new(BTreeMap::new());

thread_local! {
    /// How many guards of [`REGISTRY`] this thread holds (0 or 1 in
    /// practice). Const-initialized and without destructor, so reading it
    /// from a signal handler neither allocates nor can fail.
    static REGISTRY_HELD: Cell<u32> = const { Cell::new(0) };
}

/// Marks the current thread as holding a registry guard while it lives.
struct HeldMark;

impl HeldMark {
    /// Raises this thread's count of held guards; call before locking.
    fn new() -> HeldMark {
        // A thread-local without destructor is accessible until the thread
        // is gone: `try_with` cannot fail here, and ignoring is harmless.
        let _ = REGISTRY_HELD.try_with(|n| n.set(n.get() + 1));
        HeldMark
    }
}

impl Drop for HeldMark {
    fn drop(&mut self) {
        let _ = REGISTRY_HELD.try_with(|n| n.set(n.get() - 1));
    }
}

/// Runs `f` on the registry under the read lock. A poisoned lock is used as
/// is: the registry is only ever changed by single `insert`/`remove` calls.
fn with_registry<R>(f: impl FnOnce(&Registry) -> R) -> R {
    // The mark is declared first, so it is dropped after the guard.
    let _mark = HeldMark::new();
    let registry = REGISTRY.read().unwrap_or_else(PoisonError::into_inner);
    f(&registry)
}

/// Runs `f` on the registry under the write lock (see [`with_registry`]).
fn with_registry_mut<R>(f: impl FnOnce(&mut Registry) -> R) -> R {
    let _mark = HeldMark::new();
    let mut registry = REGISTRY.write().unwrap_or_else(PoisonError::into_inner);
    f(&mut registry)
}

/// Runs `f` on the code containing `pc`, if any. Signal-safe: no allocation,
/// no panic, and no waiting on a lock this thread holds itself.
fn lookup<R>(pc: usize, f: impl FnOnce(&CodeInfo) -> R) -> Option<R> {
    if REGISTRY_HELD.try_with(Cell::get).unwrap_or(1) != 0 {
        // This thread is inside registry code, so `pc` is not JIT code.
        return None;
    }
    with_registry(|registry| {
        let (_, info) = registry.range(..=pc).next_back()?;
        (pc < info.end).then(|| f(info))
    })
}

/// Machine code in executable memory, registered for trap handling and
/// backtraces while it lives. Immutable after creation.
#[derive(Debug)]
pub(crate) struct CodeMemory {
    /// Start of the mapping (and of the code).
    base: NonNull<u8>,
    /// Length of the mapping: the code length rounded up to whole pages.
    mapped: usize,
    /// The description also listed in the registry.
    info: Arc<CodeInfo>,
}

// SAFETY: the mapping is owned by this value, is never written after `new`
// returns (it is read-only and executable), and is unmapped only on drop:
// sharing or moving the handle between threads is sound.
unsafe impl Send for CodeMemory {}
// SAFETY: as for `Send`; `&CodeMemory` gives no way to mutate anything.
unsafe impl Sync for CodeMemory {}

/// An `InvalidInput` error with `msg`.
fn invalid(msg: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, msg)
}

/// Checks and normalizes `funcs` for code of `code_len` bytes: sorts the
/// functions and their trap records by offset, and rejects functions that
/// leave the code or overlap, and trap records outside their function.
fn check_funcs(funcs: &mut [FuncMeta], code_len: usize) -> io::Result<()> {
    funcs.sort_unstable_by_key(|f| f.offset);
    let mut prev_end = 0u64;
    for func in funcs.iter_mut() {
        let start = u64::from(func.offset);
        let end = start + u64::from(func.len);
        if start < prev_end || end > code_len as u64 {
            return Err(invalid(
                "JIT function outside its code or overlapping another",
            ));
        }
        prev_end = end;
        func.traps.sort_unstable_by_key(|&(offset, _)| offset);
        if func
            .traps
            .last()
            .is_some_and(|&(offset, _)| offset >= func.len)
        {
            return Err(invalid("JIT trap record outside its function"));
        }
    }
    Ok(())
}

/// The size of a memory page.
pub(crate) fn page_size() -> usize {
    // SAFETY: `sysconf` only reads a system constant.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    usize::try_from(page).unwrap_or(4096)
}

/// Machine code in a mapping of its own that is read-only and executable
/// (copied there, or mapped from a code cache file), but not yet
/// registered: nothing jumps into it before
/// [`MappedCode::register`] has made it a [`CodeMemory`]. Lets the code
/// cache map an entry on its own thread while the module validates.
#[derive(Debug)]
pub(crate) struct MappedCode {
    /// Start of the mapping (and of the code).
    base: NonNull<u8>,
    /// Length of the mapping: the code length rounded up to whole pages.
    mapped: usize,
    /// Length of the code.
    len: usize,
}

// SAFETY: the mapping is owned by this value, never written after `new`
// or `from_file` returns, and unmapped only on drop (or handed to a
// `CodeMemory`).
unsafe impl Send for MappedCode {}

impl MappedCode {
    /// A new private mapping for `len` bytes of code, rounded up to whole
    /// pages, with rights `prot`: anonymous (`fd` -1), or of file `fd` from
    /// `offset`, which must be a multiple of the page size. Fails on empty
    /// code and when the kernel refuses.
    fn map(len: usize, prot: i32, flags: i32, fd: i32, offset: u64) -> io::Result<MappedCode> {
        if len == 0 {
            return Err(invalid("empty JIT code"));
        }
        let page = page_size();
        let mapped = len
            .checked_next_multiple_of(page)
            .ok_or_else(|| invalid("JIT code too large"))?;
        let offset = libc::off_t::try_from(offset)
            .ok()
            .filter(|&o| (o as usize).is_multiple_of(page))
            .ok_or_else(|| invalid("JIT code at an unaligned file offset"))?;
        // SAFETY: a new private mapping (anonymous, or of an open file)
        // touches no existing memory; the result is checked for failure.
        let ptr = unsafe { libc::mmap(std::ptr::null_mut(), mapped, prot, flags, fd, offset) };
        if ptr == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        let base = NonNull::new(ptr.cast::<u8>()).ok_or_else(io::Error::last_os_error)?;
        Ok(MappedCode { base, mapped, len })
    }

    /// Copies `code` into a fresh anonymous mapping and makes it read-only
    /// and executable. Fails on empty code and when the kernel refuses.
    pub(crate) fn new(code: &[u8]) -> io::Result<MappedCode> {
        // The code is written whole at once: populating the pages in the
        // same call saves a fault per page (a 3.2 MB module from the code
        // cache maps in 3.0 ms instead of 3.9 ms).
        let flags = libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_POPULATE;
        let map = MappedCode::map(code.len(), libc::PROT_READ | libc::PROT_WRITE, flags, -1, 0)?;
        // SAFETY: the mapping is `mapped >= code.len()` bytes, writable, and
        // fresh, so it cannot overlap `code`.
        unsafe { std::ptr::copy_nonoverlapping(code.as_ptr(), map.base.as_ptr(), code.len()) };
        // SAFETY: changes the rights of exactly our own mapping, which
        // nothing else references yet. x86-64 keeps instruction fetch
        // coherent with these stores, so no cache flush is needed.
        let rc = unsafe {
            libc::mprotect(
                map.base.as_ptr().cast(),
                map.mapped,
                libc::PROT_READ | libc::PROT_EXEC,
            )
        };
        if rc != 0 {
            // Dropping `map` unmaps it.
            return Err(io::Error::last_os_error());
        }
        Ok(map)
    }

    /// Maps `len` bytes of `file` from `offset` (a multiple of the page
    /// size) read-only and executable, straight from the page cache: no
    /// copy, and pages come in as the code runs. Fails on empty code, an
    /// unaligned offset, and when the kernel refuses (a file system mounted
    /// `noexec`, say); the caller then copies the code with [`Self::new`].
    ///
    /// The caller has checked that the file holds those bytes. `file` must
    /// never be written in place afterwards (the code cache only ever
    /// renames whole entries into place): a private file mapping shows
    /// changes made to the file, and a truncated file faults on execution.
    /// The mapping is never writable, so no store of this process can
    /// reach the file.
    pub(crate) fn from_file(
        file: &std::fs::File,
        offset: u64,
        len: usize,
    ) -> io::Result<MappedCode> {
        use std::os::fd::AsRawFd;
        let prot = libc::PROT_READ | libc::PROT_EXEC;
        MappedCode::map(len, prot, libc::MAP_PRIVATE, file.as_raw_fd(), offset)
    }

    /// The code's bytes (to check them before registering).
    pub(crate) fn bytes(&self) -> &[u8] {
        // SAFETY: the mapping is readable, `len` bytes long at least, lives
        // as long as `self`, and is never written while mapped.
        unsafe { std::slice::from_raw_parts(self.base.as_ptr(), self.len) }
    }

    /// Registers the code with `funcs` and `module_name`, for trap handling
    /// and backtraces. Fails on function or trap records outside the code
    /// (see [`CodeMemory::new`]); the mapping is then unmapped.
    pub(crate) fn register(
        self,
        mut funcs: Vec<FuncMeta>,
        module_name: Option<String>,
    ) -> io::Result<CodeMemory> {
        check_funcs(&mut funcs, self.len)?;
        // The mapping now belongs to the `CodeMemory` (and its `Drop`).
        let this = std::mem::ManuallyDrop::new(self);
        let start = this.base.as_ptr() as usize;
        let info = Arc::new(CodeInfo {
            start,
            end: start + this.len,
            funcs,
            module_name,
        });
        perf_map::describe(&info);
        let replaced = with_registry_mut(|registry| registry.insert(start, Arc::clone(&info)));
        debug_assert!(replaced.is_none(), "two live code mappings at one address");
        Ok(CodeMemory {
            base: this.base,
            mapped: this.mapped,
            info,
        })
    }
}

impl Drop for MappedCode {
    fn drop(&mut self) {
        // SAFETY: `base` and `mapped` describe exactly the mapping made in
        // `map`, which was never registered, so no code in it ever ran.
        unsafe { libc::munmap(self.base.as_ptr().cast(), self.mapped) };
    }
}

impl CodeMemory {
    /// Copies `code` into a fresh anonymous mapping, makes it read-only and
    /// executable, and registers it with `funcs` and `module_name`.
    ///
    /// The caller has laid the functions out (`funcs` gives their offsets in
    /// `code`). Fails on empty code, on function or trap records outside the
    /// code, and when the kernel refuses the mapping.
    pub(crate) fn new(
        code: &[u8],
        funcs: Vec<FuncMeta>,
        module_name: Option<String>,
    ) -> io::Result<CodeMemory> {
        MappedCode::new(code)?.register(funcs, module_name)
    }

    /// The length of the code in bytes.
    pub(crate) fn len(&self) -> usize {
        self.info.end - self.info.start
    }

    /// The address of the first byte of code (offset 0 of every
    /// [`FuncMeta::offset`]).
    pub(crate) fn base(&self) -> *const u8 {
        self.base.as_ptr()
    }
}

impl Drop for CodeMemory {
    fn drop(&mut self) {
        // Unregister first: once the registry forgets the range, a fault
        // there is no longer taken for JIT code, and the address range may
        // be reused by a new mapping.
        with_registry_mut(|registry| registry.remove(&self.info.start));
        // SAFETY: `base` and `mapped` describe exactly the mapping made in
        // `new`; the owner guarantees no code in it still runs.
        unsafe { libc::munmap(self.base.as_ptr().cast(), self.mapped) };
    }
}

/// Whether the absolute address `pc` lies inside registered JIT code.
///
/// Callable from a signal handler: no allocation, no panic, no deadlock on a
/// poisoned lock or on a registry lock held by the calling thread.
pub(crate) fn is_jit_code(pc: usize) -> bool {
    lookup(pc, |_| ()).is_some()
}

/// The trap code byte recorded for the instruction at `pc` (function start
/// plus trap offset, exactly), if any. Callable from a signal handler, like
/// [`is_jit_code`].
pub(crate) fn trap_code_at(pc: usize) -> Option<u8> {
    lookup(pc, |info| {
        let func = info.func_at(pc)?;
        // `func_at` checked that `pc - start` fits a u32 and is >= offset.
        let rel = (pc - info.start) as u32 - func.offset;
        let i = func
            .traps
            .binary_search_by_key(&rel, |&(offset, _)| offset)
            .ok()?;
        Some(func.traps[i].1)
    })
    .flatten()
}

/// For backtraces (not signal-safe: it clones the names): the module name,
/// WebAssembly function index and function name of the function containing
/// `pc`, or `None` if `pc` is not inside a registered function or is in a
/// trampoline or stub ([`NO_FUNC_INDEX`]).
///
/// With `is_return_address`, `pc` is a return address and `pc - 1` is looked
/// up instead: a call may be the last instruction of its function, so its
/// return address may be one past the function's end.
pub(crate) fn frame_at(
    pc: usize,
    is_return_address: bool,
) -> Option<(Option<String>, u32, Option<String>)> {
    let pc = if is_return_address {
        pc.checked_sub(1)?
    } else {
        pc
    };
    lookup(pc, |info| {
        let func = info.func_at(pc)?;
        (func.func_index != NO_FUNC_INDEX)
            .then(|| (info.module_name.clone(), func.func_index, func.name.clone()))
    })
    .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A function record with no name.
    fn func(offset: u32, len: u32, func_index: u32, traps: Vec<(u32, u8)>) -> FuncMeta {
        FuncMeta {
            offset,
            len,
            func_index,
            name: None,
            traps,
        }
    }

    #[test]
    fn lookups_and_unregistration() {
        // Two "functions" (int3 padding is never executed here): a stub at
        // 0..8 and function 5 at 16..40 with traps at 4 and 10.
        let code = [0xccu8; 40];
        let mut f5 = func(16, 24, 5, vec![(10, 2), (4, 9)]); // unsorted on purpose
        f5.name = Some("five".to_owned());
        let funcs = vec![f5, func(0, 8, NO_FUNC_INDEX, vec![(0, 1)])];
        let module = Some("code-test-lookups".to_owned());
        let mem = CodeMemory::new(&code, funcs, module.clone()).unwrap();
        let base = mem.base() as usize;
        assert_eq!(base % 4096, 0);

        assert!(is_jit_code(base));
        assert!(is_jit_code(base + 39));
        assert!(is_jit_code(base + 12)); // padding between functions
        assert!(!is_jit_code(base + 40)); // past the code (inside the page)
        assert!(!is_jit_code(base - 1));

        assert_eq!(trap_code_at(base), Some(1));
        assert_eq!(trap_code_at(base + 20), Some(9));
        assert_eq!(trap_code_at(base + 26), Some(2));
        assert_eq!(trap_code_at(base + 21), None);
        assert_eq!(trap_code_at(base + 10), None); // outside any function
        assert_eq!(trap_code_at(base + 40), None);

        let five = Some((module.clone(), 5, Some("five".to_owned())));
        assert_eq!(frame_at(base + 16, false), five);
        assert_eq!(frame_at(base + 39, false), five);
        assert_eq!(frame_at(base + 40, false), None);
        // A return address one past the end belongs to the function.
        assert_eq!(frame_at(base + 40, true), five);
        // A return address at a function start belongs to what precedes it.
        assert_eq!(frame_at(base + 16, true), None);
        assert_eq!(frame_at(base + 17, true), five);
        // Stubs are JIT code but not frames.
        assert_eq!(frame_at(base + 3, false), None);

        // Dropping unregisters: the registry releases its share of the
        // description. (The address itself may be reused at once by another
        // test's mapping, so it is not probed.)
        let weak = Arc::downgrade(&mem.info);
        drop(mem);
        assert!(weak.upgrade().is_none());
        assert!(
            with_registry(|r| r.values().all(|info| info.module_name != module)),
            "registry entry survived its code"
        );
    }

    #[test]
    fn code_is_executable_and_not_writable() {
        let mem = CodeMemory::new(&[0xc3], Vec::new(), None).unwrap();
        let prot = std::fs::read_to_string("/proc/self/maps")
            .unwrap()
            .lines()
            .find(|line| {
                let range = line.split(' ').next().unwrap_or("");
                let start = range.split('-').next().unwrap_or("");
                usize::from_str_radix(start, 16) == Ok(mem.base() as usize)
            })
            .map(|line| line.split(' ').nth(1).unwrap_or("").to_owned());
        assert_eq!(prot.as_deref(), Some("r-xp"));
    }

    #[test]
    fn mapped_code_is_jit_code_only_once_registered() {
        let mapped = MappedCode::new(&[0xcc; 32]).unwrap();
        let at = mapped.base.as_ptr() as usize;
        assert!(!is_jit_code(at), "not registered yet");
        let mem = mapped
            .register(vec![func(0, 32, 0, vec![(3, 1)])], None)
            .unwrap();
        assert_eq!(mem.base() as usize, at);
        assert_eq!(mem.len(), 32);
        assert!(is_jit_code(at) && is_jit_code(at + 31) && !is_jit_code(at + 32));
        assert_eq!(trap_code_at(at + 3), Some(1));
        drop(mem);
        assert!(!is_jit_code(at));
        // Records that leave the code are refused at registration.
        let mapped = MappedCode::new(&[0xcc; 8]).unwrap();
        assert!(mapped.register(vec![func(4, 8, 0, vec![])], None).is_err());
        assert!(MappedCode::new(&[]).is_err());
    }

    #[test]
    fn code_maps_from_a_file_where_it_lies() {
        // `mov eax, 42; ret` one page into a file.
        let code = [0xb8, 42, 0, 0, 0, 0xc3];
        let mut bytes = vec![0xcc; page_size()];
        bytes.extend_from_slice(&code);
        let path = std::env::temp_dir().join(format!("tern-code-map-{}", std::process::id()));
        std::fs::write(&path, &bytes).unwrap();
        let file = std::fs::File::open(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert!(MappedCode::from_file(&file, 100, 6).is_err(), "unaligned");
        assert!(MappedCode::from_file(&file, page_size() as u64, 0).is_err());
        let mapped = MappedCode::from_file(&file, page_size() as u64, code.len()).unwrap();
        assert_eq!(mapped.bytes(), &code);
        let mem = mapped.register(vec![func(0, 6, 0, vec![])], None).unwrap();
        // SAFETY: the mapping is executable and holds exactly a function
        // of that signature, which touches nothing but `eax`.
        let f: extern "C" fn() -> i32 = unsafe { std::mem::transmute(mem.base()) };
        assert_eq!(f(), 42);
    }

    #[test]
    fn rejects_bad_input() {
        assert!(CodeMemory::new(&[], Vec::new(), None).is_err());
        let code = [0xc3u8; 16];
        // Function past the end.
        assert!(CodeMemory::new(&code, vec![func(8, 9, 0, vec![])], None).is_err());
        // Overlapping functions.
        let overlapping = vec![func(0, 8, 0, vec![]), func(4, 8, 1, vec![])];
        assert!(CodeMemory::new(&code, overlapping, None).is_err());
        // Trap record outside its function.
        assert!(CodeMemory::new(&code, vec![func(0, 4, 0, vec![(4, 1)])], None).is_err());
        // Adjacent functions are fine.
        let adjacent = vec![func(0, 8, 0, vec![(7, 1)]), func(8, 8, 1, vec![])];
        assert!(CodeMemory::new(&code, adjacent, None).is_ok());
    }

    #[test]
    fn lookup_is_refused_while_the_thread_holds_the_registry() {
        let mem = CodeMemory::new(&[0xc3], Vec::new(), None).unwrap();
        let base = mem.base() as usize;
        assert!(is_jit_code(base));
        // As a signal handler would see it when interrupting registry code:
        // no deadlock, and the answer "not JIT code".
        with_registry(|_| assert!(!is_jit_code(base)));
        with_registry_mut(|_| assert!(!is_jit_code(base)));
        assert!(is_jit_code(base));
    }
}
