//! Compiling modules with Cranelift, and entering compiled code.

use super::code::{CodeMemory, FuncMeta};
use super::signals::{self, ArrayTrampoline};
use super::translate::{self, Unsupported};
use super::{LibCall, TrapKind};
use crate::error::{FrameInfo, WasmBacktrace};
use crate::module::ModuleInner;
use crate::runtime::func::FuncKind;
use crate::runtime::native_stack;
use crate::runtime::store::StoreOpaque;
use crate::{Error, Result, Trap};
use cranelift_codegen::FinalizedRelocTarget;
use cranelift_codegen::binemit::Reloc;
use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::entity::EntityRef;
use cranelift_codegen::ir::{ExternalName, Function, TrapCode, UserExternalName};
use cranelift_codegen::isa::{OwnedTargetIsa, TargetIsa};
use cranelift_codegen::settings::{self, Configurable};
use std::any::Any;
use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, OnceLock, Weak};

impl TrapKind {
    /// The trap code Cranelift records.
    pub(crate) fn code(self) -> TrapCode {
        let user = |n| TrapCode::user(n).expect("user trap code");
        match self {
            TrapKind::Pending => user(1),
            TrapKind::Unreachable => user(2),
            TrapKind::TableOutOfBounds => user(3),
            TrapKind::IndirectCallToNull => user(4),
            TrapKind::BadSignature => user(5),
            TrapKind::OutOfFuel => user(6),
            TrapKind::Interrupt => user(7),
            TrapKind::NullReference => user(8),
            TrapKind::MemoryOutOfBounds => TrapCode::HEAP_OUT_OF_BOUNDS,
            TrapKind::StackOverflow => TrapCode::STACK_OVERFLOW,
            TrapKind::IntegerOverflow => TrapCode::INTEGER_OVERFLOW,
            TrapKind::IntegerDivisionByZero => TrapCode::INTEGER_DIVISION_BY_ZERO,
            TrapKind::BadConversionToInteger => TrapCode::BAD_CONVERSION_TO_INTEGER,
        }
    }

    /// The kind recorded with trap code byte `raw`.
    fn from_raw(raw: u8) -> Option<TrapKind> {
        use TrapKind::*;
        [
            Pending,
            Unreachable,
            TableOutOfBounds,
            IndirectCallToNull,
            BadSignature,
            OutOfFuel,
            Interrupt,
            MemoryOutOfBounds,
            StackOverflow,
            IntegerOverflow,
            IntegerDivisionByZero,
            BadConversionToInteger,
            NullReference,
        ]
        .into_iter()
        .find(|k| k.code().as_raw().get() == raw)
    }

    /// The WebAssembly trap (`None` for `Pending`).
    fn trap(self) -> Option<Trap> {
        Some(match self {
            TrapKind::Pending => return None,
            TrapKind::Unreachable => Trap::UnreachableCodeReached,
            TrapKind::MemoryOutOfBounds => Trap::MemoryOutOfBounds,
            TrapKind::TableOutOfBounds => Trap::TableOutOfBounds,
            TrapKind::IndirectCallToNull => Trap::IndirectCallToNull,
            TrapKind::BadSignature => Trap::BadSignature,
            TrapKind::OutOfFuel => Trap::OutOfFuel,
            TrapKind::Interrupt => Trap::Interrupt,
            TrapKind::StackOverflow => Trap::StackOverflow,
            TrapKind::IntegerOverflow => Trap::IntegerOverflow,
            TrapKind::IntegerDivisionByZero => Trap::IntegerDivisionByZero,
            TrapKind::BadConversionToInteger => Trap::BadConversionToInteger,
            TrapKind::NullReference => Trap::NullReference,
        })
    }
}

/// The host's instruction set, with Tern's settings, built once for each
/// setting of `config`'s Cranelift verifier.
fn isa(config: &crate::Config) -> Option<&'static dyn TargetIsa> {
    static ISA: [OnceLock<Option<OwnedTargetIsa>>; 2] = [OnceLock::new(), OnceLock::new()];
    let verify = config.cranelift_debug_verifier;
    ISA[usize::from(verify)]
        .get_or_init(|| {
            let mut flags = settings::builder();
            let settings = [
                ("opt_level", "speed"),
                // Backtraces walk the frame-pointer chain.
                ("preserve_frame_pointers", "true"),
                // The stack limit check comes before any frame is allocated.
                ("enable_probestack", "false"),
                ("unwind_info", "false"),
                ("enable_verifier", if verify { "true" } else { "false" }),
            ];
            for (name, value) in settings {
                flags.set(name, value).ok()?;
            }
            let builder = cranelift_native::builder().ok()?;
            builder.finish(settings::Flags::new(flags)).ok()
        })
        .as_deref()
}

/// Compiles one function to machine code: its bytes and trap records.
/// A compiled function: machine code, trap records (offset, trap code
/// byte), and direct calls to link (offset of the 32-bit displacement,
/// callee's function index, addend).
struct Compiled {
    code: Vec<u8>,
    traps: Vec<(u32, u8)>,
    calls: Vec<(u32, u32, i64)>,
}

fn compile(isa: &dyn TargetIsa, func: Function) -> Result<Compiled, Unsupported> {
    let names: Vec<UserExternalName> = func.params.user_named_funcs().values().cloned().collect();
    let mut ctx = cranelift_codegen::Context::for_function(func);
    let compiled = ctx
        .compile(isa, &mut ControlPlane::default())
        .map_err(|e| Unsupported(format!("{:?}", e.inner)))?;
    let mut calls = Vec::new();
    for r in compiled.buffer.relocs() {
        match (&r.kind, &r.target) {
            (
                Reloc::X86CallPCRel4,
                FinalizedRelocTarget::ExternalName(ExternalName::User(name)),
            ) => calls.push((r.offset, names[name.index()].index, r.addend)),
            _ => return Err(Unsupported(format!("relocation {:?}", r.kind))),
        }
    }
    let traps = compiled
        .buffer
        .traps()
        .iter()
        .map(|t| (t.offset, t.code.as_raw().get()))
        .collect();
    Ok(Compiled {
        code: compiled.code_buffer().to_vec(),
        traps,
        calls,
    })
}

/// Records that a function stays in the interpreter: counts it when that is
/// by design (`Module::interpreted_by_design`), and with `TERN_JIT_LOG` set
/// says why on stderr (a development aid).
fn note_unsupported(module: &ModuleInner, defined: u32, why: &Unsupported) {
    if why.0 == translate::EXCEPTIONS || why.0 == translate::GC {
        module.native.by_design.fetch_add(1, Ordering::Relaxed);
    }
    if std::env::var_os("TERN_JIT_LOG").is_some() {
        let index = module.info.num_imported_funcs + defined;
        eprintln!("tern: function {index} stays in the interpreter: {}", why.0);
    }
}

/// A module's compiled code laid out in one piece, linked and ready to
/// map: what [`compile_module`] publishes and the code cache keeps. The
/// code holds no address of this process (runtime functions and type ids
/// are read through the instance's context), so it can be stored and
/// mapped again by another process.
#[derive(Debug, PartialEq)]
pub(crate) struct Image {
    /// The machine code.
    pub bytes: Vec<u8>,
    /// Every piece of code in `bytes`: functions, stand-ins, trampolines.
    pub metas: Vec<FuncMeta>,
    /// The compiled defined functions: (defined index, offset in `bytes`).
    pub funcs: Vec<(u32, u32)>,
    /// The array trampolines: (a module type index of the trampoline's
    /// type, offset in `bytes`).
    pub tramps: Vec<(u32, u32)>,
}

/// What the code cache holds for a module: the key of its entry and, on a
/// hit, the entry's code, already mapped.
#[derive(Debug)]
pub(crate) struct Lookup {
    key: super::cache::Key,
    hit: Option<super::cache::Entry>,
    /// When the lookup began (for `TERN_JIT_STATS`).
    started: std::time::Instant,
}

/// Looks module `bytes` up in `engine`'s code cache (none: no cache, or no
/// JIT here), and on a hit maps the entry's code. `Module::new` runs this
/// on a thread of its own while it validates the module, so that only the
/// check against the module and the registration wait for validation.
/// Sets `vouched` as soon as a whole entry is found (see [`cache::read`]).
///
/// [`cache::read`]: super::cache::read
pub(crate) fn lookup(
    engine: &crate::Engine,
    bytes: &[u8],
    vouched: &std::sync::atomic::AtomicBool,
) -> Option<Lookup> {
    let cache = engine.config().cache.as_ref()?;
    let started = std::time::Instant::now();
    let key = super::cache::key(isa(engine.config())?, engine.config(), bytes);
    let hit = super::cache::read(cache, &key, vouched);
    Some(Lookup { key, hit, started })
}

/// Gives `module` its compiled code: the cached code of `found` at once if
/// there is some; otherwise, with the JIT strategy, every function the JIT
/// translates, compiled now on all cores (then stored in the cache), and
/// with the tiered strategy, the whole module compiled in the background
/// when the background compiler is idle, for the cache (hot functions are
/// compiled alone meanwhile). Functions the JIT does not translate stay
/// with the interpreter.
pub(crate) fn compile_module(module: &Arc<ModuleInner>, found: Option<Lookup>) {
    let (key, hit, started) = match found {
        Some(Lookup { key, hit, started }) => (Some(key), hit, started),
        None => (None, None, std::time::Instant::now()),
    };
    if let Some(mut entry) = hit {
        if super::cache::fits(&mut entry, module) {
            let super::cache::Entry {
                code,
                metas,
                funcs,
                tramps,
            } = entry;
            if let Ok(mem) = code.register(metas, module.info.name.clone()) {
                let how = "from the code cache (mapped while the module validated)";
                return publish_code(module, mem, funcs, tramps, started, how);
            }
        }
        super::cache::log(format_args!(
            "ignoring an entry inconsistent with its module"
        ));
    }
    if super::tiered(&module.engine) {
        if let Some(key) = key
            && !module.info.bodies.is_empty()
        {
            queue(Job::Module(Arc::downgrade(module), key));
        }
        return;
    }
    let threads = if module.engine.config().parallel_compilation {
        std::thread::available_parallelism().map_or(1, |p| p.get())
    } else {
        1
    };
    build_and_publish(module, key, threads, &mut || {});
}

/// Compiles every function of `module` the JIT translates on `threads`
/// threads (`between` runs before each function compiled on this one),
/// stores the code in the cache under `key`, and publishes it.
fn build_and_publish(
    module: &ModuleInner,
    key: Option<super::cache::Key>,
    threads: usize,
    between: &mut dyn FnMut(),
) {
    let Some(isa) = isa(module.engine.config()) else {
        return;
    };
    let n = module.info.bodies.len();
    if n == 0 {
        return;
    }
    let threads = threads.clamp(1, n);
    let started = std::time::Instant::now();
    let Some(image) = build_image(module, isa, threads, between) else {
        return;
    };
    if let (Some(cache), Some(key)) = (module.engine.config().cache.as_ref(), key) {
        super::cache::store(cache, &key, &image);
    }
    publish_image(module, image, started, &format!("on {threads} thread(s)"));
}

/// Maps `image` and publishes it (see [`publish_code`]); an image the
/// kernel will not map stays unpublished (its functions interpreted).
fn publish_image(module: &ModuleInner, image: Image, started: std::time::Instant, how: &str) {
    let Image {
        bytes,
        metas,
        funcs,
        tramps,
    } = image;
    if let Ok(mem) = CodeMemory::new(&bytes, metas, module.info.name.clone()) {
        publish_code(module, mem, funcs, tramps, started, how);
    }
}

/// Publishes code `mem` (see [`publish`]); with `TERN_JIT_STATS` set, says
/// on stderr how long it took since `started`, and `how`.
fn publish_code(
    module: &ModuleInner,
    mem: CodeMemory,
    funcs: Vec<(u32, u32)>,
    tramps: Vec<(u32, u32)>,
    started: std::time::Instant,
    how: &str,
) {
    let n = module.info.bodies.len();
    let info = &module.info;
    let compiled = funcs.len();
    let code_len = mem.len();
    publish(module, mem, funcs, tramps);
    if std::env::var_os("TERN_JIT_STATS").is_some() {
        let wasm: usize = info.bodies.iter().map(|b| b.range.len()).sum();
        let elapsed = started.elapsed();
        eprintln!(
            "tern: compiled {compiled} of {n} functions ({wasm} bytes of code) to {code_len} bytes {how} in {:.1} ms ({:.2} MB/s)",
            elapsed.as_secs_f64() * 1e3,
            wasm as f64 / 1e6 / elapsed.as_secs_f64()
        );
    }
}

/// Compiles and links every function of `module` that the JIT translates,
/// on `threads` threads.
fn build_image(
    module: &ModuleInner,
    isa: &dyn TargetIsa,
    threads: usize,
    between: &mut dyn FnMut(),
) -> Option<Image> {
    let n = module.info.bodies.len();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<Option<Compiled>> = Vec::new();
    results.resize_with(n, || None);
    let compile_one = |i: usize| {
        let code = translate::translate(module, i as u32, isa.frontend_config(), true)
            .and_then(|f| compile(isa, f));
        code.map_err(|why| note_unsupported(module, i as u32, &why))
            .ok()
    };
    let compiled: Vec<Vec<(usize, Compiled)>> = if threads == 1 {
        // On this thread, letting `between` run before each function.
        vec![
            (0..n)
                .filter_map(|i| {
                    between();
                    compile_one(i).map(|c| (i, c))
                })
                .collect(),
        ]
    } else {
        std::thread::scope(|s| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    s.spawn(|| {
                        let mut out = Vec::new();
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            if i >= n {
                                break;
                            }
                            if let Some(code) = compile_one(i) {
                                out.push((i, code));
                            }
                        }
                        out
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().unwrap_or_default())
                .collect()
        })
    };
    for (i, code) in compiled.into_iter().flatten() {
        results[i] = Some(code);
    }
    let info = &module.info;
    let imported = info.num_imported_funcs;
    // Stand-ins for the functions the compiled ones call directly but the
    // JIT left to the interpreter.
    let mut stubs: Vec<(u32, Compiled)> = Vec::new();
    for r in results.iter().flatten() {
        for &(_, callee, _) in &r.calls {
            let missing = results[(callee - imported) as usize].is_none();
            if missing && !stubs.iter().any(|(f, _)| *f == callee) {
                match translate::runtime_stub(module, callee, isa.frontend_config())
                    .and_then(|f| compile(isa, f))
                {
                    Ok(stub) => stubs.push((callee, stub)),
                    // Without its callee's stand-in no caller can be linked.
                    Err(_) => return None,
                }
            }
        }
    }
    // Array trampolines for the types of the compiled functions.
    let mut types: Vec<u32> = Vec::new();
    for (i, r) in results.iter().enumerate() {
        let id = info.func_type_id(imported + i as u32).0;
        if r.is_some() && !types.contains(&id) {
            types.push(id);
        }
    }
    let mut tramp_code = Vec::new();
    for &id in &types {
        let ty = crate::engine::TypeId(id).func_type();
        if let Ok(code) =
            translate::trampoline(&ty, isa.frontend_config()).and_then(|f| compile(isa, f))
        {
            tramp_code.push((id, code));
        }
    }
    let mut bytes = Vec::new();
    let mut metas = Vec::new();
    let mut place = |bytes: &mut Vec<u8>, c: &Compiled, func_index: u32| {
        while !bytes.len().is_multiple_of(16) {
            bytes.push(0xcc);
        }
        let at = bytes.len();
        bytes.extend_from_slice(&c.code);
        metas.push(FuncMeta {
            offset: at as u32,
            len: c.code.len() as u32,
            func_index,
            name: (func_index != u32::MAX)
                .then(|| info.func_name(func_index).map(str::to_string))
                .flatten(),
            traps: c.traps.clone(),
        });
        at
    };
    // Where each function index's code (or stand-in) starts.
    let mut starts: HashMap<u32, usize> = HashMap::new();
    let mut func_offsets = Vec::new();
    for (i, r) in results.iter().enumerate() {
        let Some(c) = r else { continue };
        let at = place(&mut bytes, c, imported + i as u32);
        starts.insert(imported + i as u32, at);
        func_offsets.push((i, at));
    }
    for (callee, stub) in &stubs {
        let at = place(&mut bytes, stub, u32::MAX);
        starts.insert(*callee, at);
    }
    let mut tramp_offsets = Vec::new();
    for (id, c) in &tramp_code {
        let at = place(&mut bytes, c, u32::MAX);
        tramp_offsets.push((*id, at));
    }
    // Link the direct calls: a 32-bit displacement from the end of the
    // field (the addend says so) to the callee.
    for (i, at) in &func_offsets {
        let Some(c) = &results[*i] else { continue };
        for &(offset, callee, addend) in &c.calls {
            let site = at + offset as usize;
            let target = starts[&callee] as i64;
            let disp = i32::try_from(target + addend - site as i64).ok()?;
            bytes[site..site + 4].copy_from_slice(&disp.to_le_bytes());
        }
    }
    if bytes.is_empty() {
        return None;
    }
    // A trampoline is named by a module type of its engine type.
    let tramps = tramp_offsets
        .into_iter()
        .filter_map(|(id, at)| {
            let ty = info.type_ids.iter().position(|&t| t == id)?;
            Some((ty as u32, at as u32))
        })
        .collect();
    Some(Image {
        bytes,
        metas,
        funcs: func_offsets
            .into_iter()
            .map(|(i, at)| (i as u32, at as u32))
            .collect(),
        tramps,
    })
}

/// Publishes the functions of code `mem` in the module's code cells (each
/// with its trampoline), and keeps `mem` alive with the module.
fn publish(module: &ModuleInner, mem: CodeMemory, funcs: Vec<(u32, u32)>, tramps: Vec<(u32, u32)>) {
    let info = &module.info;
    signals::init();
    let base = mem.base();
    let mut cells = module
        .native
        .trampolines
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    for (ty, at) in tramps {
        let id = info.type_ids[ty as usize];
        cells.insert(id, base as usize + at as usize);
    }
    for (i, at) in funcs {
        let id = info.func_type_id(info.num_imported_funcs + i).0;
        // A function is only published with its trampoline.
        if let Some(&tramp) = cells.get(&id) {
            let i = i as usize;
            module.native.tramp_cells[i].store(tramp, Ordering::Release);
            module.native.cells[i]
                .store(base.wrapping_add(at as usize).cast_mut(), Ordering::Release);
        }
    }
    drop(cells);
    own(module, Box::new(mem));
}

/// The addresses of the runtime functions compiled code calls, by
/// `LibCall` ordinal: what `VmContext::libcalls` points to.
pub(crate) fn libcall_table() -> *const usize {
    static TABLE: OnceLock<[usize; LibCall::ALL.len()]> = OnceLock::new();
    TABLE
        .get_or_init(|| LibCall::ALL.map(LibCall::address))
        .as_ptr()
}

impl LibCall {
    /// The runtime function behind `self`.
    fn address(self) -> usize {
        use super::libcalls as l;
        match self {
            LibCall::Call => l::call as *const () as usize,
            LibCall::MemoryGrow => l::memory_grow as *const () as usize,
            LibCall::MemoryFill => l::memory_fill as *const () as usize,
            LibCall::MemoryCopy => l::memory_copy as *const () as usize,
            LibCall::MemoryInit => l::memory_init as *const () as usize,
            LibCall::DataDrop => l::data_drop as *const () as usize,
            LibCall::TableGrow => l::table_grow as *const () as usize,
            LibCall::TableFill => l::table_fill as *const () as usize,
            LibCall::TableCopy => l::table_copy as *const () as usize,
            LibCall::TableInit => l::table_init as *const () as usize,
            LibCall::ElemDrop => l::elem_drop as *const () as usize,
            LibCall::CompileNow => l::compile_now as *const () as usize,
            LibCall::IsSubtype => l::is_subtype as *const () as usize,
        }
    }
}

/// Calls the store's function `func`, which has compiled code, from the
/// host or the interpreter: parameters in `io[..params]`, results written
/// to `io[..results]` (`io` is as long as the larger).
pub(crate) fn invoke(
    store: &mut StoreOpaque,
    data: &mut dyn Any,
    func: u32,
    io: &mut [u64],
) -> Result<()> {
    let vf = store.vm_funcs[func as usize];
    let code = vf.code();
    let FuncKind::Wasm {
        instance, defined, ..
    } = store.funcs[func as usize].kind
    else {
        return Err(Error::msg(
            "internal error: compiled code for a host function",
        ));
    };
    let module: Arc<ModuleInner> = store.instances[instance as usize].module.inner.clone();
    let tramp = module.native.tramp_cells[defined as usize].load(Ordering::Acquire);
    if tramp == 0 {
        return Err(Error::msg("internal error: no trampoline"));
    }
    // SAFETY: `code` is compiled code of function `func` (its cell is only
    // set once code and trampoline are published) and `tramp` the array
    // trampoline of its signature, both kept alive by `module`; `vf.vmctx`
    // is the live context of its instance; `io` holds the parameters and
    // has room for the results.
    unsafe { enter(store, data, tramp, code, vf.vmctx, io) }
}

/// Runs compiled `code` through array trampoline `tramp` with context
/// `vmctx` and values `io`, inside an activation: the native stack limit
/// set, the store reachable by runtime functions, a trap turned into an
/// error with a backtrace, a host panic resumed.
///
/// # Safety
///
/// `tramp` must be an array trampoline for `code`'s signature and `io` as
/// long as it reads and writes; both codes, and the instance of `vmctx`,
/// must stay alive during the call.
unsafe fn enter(
    store: &mut StoreOpaque,
    data: &mut dyn Any,
    tramp: usize,
    code: *const u8,
    vmctx: *mut crate::runtime::vmctx::VmContext,
    io: &mut [u64],
) -> Result<()> {
    // SAFETY: `tramp` is the address of an array trampoline (guaranteed by
    // the caller).
    let tramp: ArrayTrampoline = unsafe { std::mem::transmute::<usize, ArrayTrampoline>(tramp) };

    let marker = 0u8;
    let here = std::hint::black_box(&marker) as *const u8 as usize;
    let outermost = store.stack.native_entry.is_none();
    let entry = *store.stack.native_entry.get_or_insert(here);
    let budget = store.engine().config().max_stack_slots.saturating_mul(8);
    let limit = native_stack::limit(entry, budget);
    if !native_stack::has_room(here, limit) {
        if outermost {
            store.stack.native_entry = None;
        }
        return Err(Trap::StackOverflow.into());
    }
    store.vm.stack_limit = limit;
    let store_ptr: *mut StoreOpaque = store;
    let data_ptr: *mut dyn Any = data;
    let saved = store.vm.runtime.replace((store_ptr, data_ptr));
    // SAFETY: guaranteed by the caller, for the code, the trampoline, the
    // context and `io`. The runtime functions compiled code calls reach the
    // store and host data through `runtime`, set just above; `store` is not
    // used meanwhile.
    let outcome =
        unsafe { signals::enter(tramp, code, vmctx.cast(), vmctx.cast(), io.as_mut_ptr()) };
    // SAFETY: `store_ptr` came from `store`, which compiled code no longer
    // uses once `enter` returned.
    let store = unsafe { &mut *store_ptr };
    store.vm.runtime = saved;
    if outermost {
        store.stack.native_entry = None;
    }
    if let Some(panic) = store.jit_panic.take() {
        std::panic::resume_unwind(panic);
    }
    let Err(state) = outcome else {
        return Ok(());
    };
    let kind = TrapKind::from_raw(state.code);
    let mut error = match kind.and_then(TrapKind::trap) {
        Some(trap) => Error::from(trap),
        None => match (kind, store.jit_pending.take()) {
            (Some(TrapKind::Pending), Some(e)) => e,
            _ => Error::msg(format!(
                "internal error: compiled code stopped by signal {} at {:#x} (trap code {})",
                state.signal, state.pc, state.code
            )),
        },
    };
    let frames = state
        .frames()
        .iter()
        .enumerate()
        .filter_map(|(i, &pc)| super::code::frame_at(pc, i > 0))
        .map(|(module, index, name)| FrameInfo::new(module, index, name))
        .collect();
    error.set_backtrace(WasmBacktrace::new(frames, state.elided));
    Err(error)
}

/// Adds one to `count`, returning the new count. Not a read-modify-write:
/// an approximate count is enough, and a plain load and store cost far less
/// than a locked add on every call or loop iteration.
#[inline(always)]
fn bump(count: &std::sync::atomic::AtomicU32) -> u32 {
    let n = count.load(Ordering::Relaxed).wrapping_add(1);
    count.store(n, Ordering::Relaxed);
    n
}

/// Counts a call of defined function `defined` of `module` made in the
/// interpreter; at the threshold, hands the function to the background
/// compiler (tiered strategy).
#[inline]
pub(crate) fn count_call(module: &Arc<ModuleInner>, defined: u32) {
    if bump(&module.native.counts[defined as usize]) == module.native.threshold {
        request(module, defined);
    }
}

/// Counts a loop iteration of defined function `defined` made in the
/// interpreter; at the threshold, asks the background compiler for the
/// function's entry at its loop headers (and for the whole function).
#[inline]
pub(crate) fn count_loop(module: &Arc<ModuleInner>, defined: u32) {
    if bump(&module.native.loop_counts[defined as usize]) == module.native.threshold {
        request_osr(module, defined);
    }
}

#[cold]
#[inline(never)]
fn request_osr(module: &Arc<ModuleInner>, defined: u32) {
    request(module, defined);
    if !module.native.osr_queued[defined as usize].swap(true, Ordering::Relaxed) {
        queue(Job::Osr(Arc::downgrade(module), defined));
    }
}

/// Runs compiled OSR entry `osr` of a function of the instance of
/// `vmctx` at loop `loop_index`, with the function's locals in
/// `io[..locals]`; its results come back in `io[..results]`.
pub(crate) fn invoke_osr(
    store: &mut StoreOpaque,
    data: &mut dyn Any,
    osr: &super::OsrCode,
    loop_index: u32,
    vmctx: *mut crate::runtime::vmctx::VmContext,
    io: &mut [u64],
) -> Result<()> {
    // The entry's trampoline reads a pointer to the locals from `values[0]`
    // and the loop from `values[1]`, and writes the results to `values`.
    let mut locals = io.to_vec();
    let mut values = vec![0u64; io.len().max(2)];
    values[0] = locals.as_mut_ptr() as u64;
    values[1] = u64::from(loop_index);
    // SAFETY: `osr` is published only with its trampoline, both in code
    // its module (kept alive by the running instance of `vmctx`) owns;
    // `values` is as long as the function's locals and results, and
    // `locals` holds every local the entry reads.
    let result = unsafe {
        enter(
            store,
            data,
            osr.tramp,
            osr.code as *const u8,
            vmctx,
            &mut values,
        )
    };
    let n = io.len();
    io.copy_from_slice(&values[..n]);
    result
}

/// Work for the background compiler.
enum Job {
    /// Compile a hot function alone.
    Function(Weak<ModuleInner>, u32),
    /// Compile a function's entry at its loop headers.
    Osr(Weak<ModuleInner>, u32),
    /// Compile a whole module (missing from the code cache) when no other
    /// work waits, and store it in the cache under this key.
    Module(Weak<ModuleInner>, super::cache::Key),
}

/// Queues defined function `defined` of `module` for compilation, once.
#[cold]
fn request(module: &Arc<ModuleInner>, defined: u32) {
    // Code mapped from the cache needs no other.
    let has_code = !module.native.cells[defined as usize]
        .load(Ordering::Relaxed)
        .is_null();
    if has_code || module.native.queued[defined as usize].swap(true, Ordering::Relaxed) {
        return;
    }
    queue(Job::Function(Arc::downgrade(module), defined));
}

/// Hands `job` to the background compiler thread (started on first use).
fn queue(job: Job) {
    static QUEUE: OnceLock<Option<std::sync::Mutex<std::sync::mpsc::Sender<Job>>>> =
        OnceLock::new();
    let queue = QUEUE.get_or_init(|| {
        let (send, receive) = std::sync::mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("tern-jit".into())
            .spawn(move || background(&receive))
            .ok()
            .map(|_| std::sync::Mutex::new(send))
    });
    if let Some(queue) = queue {
        let send = queue.lock().unwrap_or_else(|e| e.into_inner());
        let _ = send.send(job);
    }
}

/// The background compiler: hot functions and loop entries first, in the
/// order asked; whole modules (cache misses) only when nothing else
/// waits, one function at a time, serving new requests in between.
fn background(receive: &std::sync::mpsc::Receiver<Job>) {
    use std::sync::mpsc::TryRecvError;
    let mut idle: std::collections::VecDeque<(Weak<ModuleInner>, super::cache::Key)> =
        Default::default();
    // Runs `job` now, or defers a whole-module compile to `idle`.
    let run = |job: Job, idle: &mut std::collections::VecDeque<_>| match job {
        // A module dropped meanwhile needs no code.
        Job::Function(m, defined) => {
            if let Some(m) = m.upgrade()
                && m.native.cells[defined as usize]
                    .load(Ordering::Relaxed)
                    .is_null()
            {
                compile_function(&m, defined);
            }
        }
        Job::Osr(m, defined) => {
            if let Some(m) = m.upgrade() {
                compile_osr(&m, defined);
            }
        }
        Job::Module(weak, key) => idle.push_back((weak, key)),
    };
    loop {
        match receive.try_recv() {
            Ok(job) => run(job, &mut idle),
            Err(TryRecvError::Disconnected) => return,
            Err(TryRecvError::Empty) => match idle.pop_front() {
                Some((weak, key)) => {
                    let Some(m) = weak.upgrade() else { continue };
                    let mut later = std::collections::VecDeque::new();
                    build_and_publish(&m, Some(key), 1, &mut || {
                        while let Ok(job) = receive.try_recv() {
                            run(job, &mut later);
                        }
                    });
                    idle.append(&mut later);
                }
                None => match receive.recv() {
                    Ok(job) => run(job, &mut idle),
                    Err(_) => return,
                },
            },
        }
    }
}

/// Maps function `index`'s machine code `bytes` (`code` with its calls
/// linked) alone, followed by `tramp` if given: the mapping, and the
/// trampoline's address.
fn map_alone(
    module: &ModuleInner,
    index: u32,
    mut bytes: Vec<u8>,
    code: &Compiled,
    tramp: Option<&Compiled>,
) -> Option<(CodeMemory, Option<usize>)> {
    let info = &module.info;
    let mut metas = vec![FuncMeta {
        offset: 0,
        len: bytes.len() as u32,
        func_index: index,
        name: info.func_name(index).map(str::to_string),
        traps: code.traps.clone(),
    }];
    let mut tramp_at = None;
    if let Some(t) = tramp {
        while !bytes.len().is_multiple_of(16) {
            bytes.push(0xcc);
        }
        tramp_at = Some(bytes.len());
        metas.push(FuncMeta {
            offset: bytes.len() as u32,
            len: t.code.len() as u32,
            func_index: u32::MAX,
            name: None,
            traps: t.traps.clone(),
        });
        bytes.extend_from_slice(&t.code);
    }
    let mem = CodeMemory::new(&bytes, metas, info.name.clone()).ok()?;
    signals::init();
    let tramp = tramp_at.map(|at| mem.base() as usize + at);
    Some((mem, tramp))
}

/// Keeps `item` (code or what points into it) as long as the module.
fn own(module: &ModuleInner, item: Box<dyn Any + Send + Sync>) {
    module
        .native
        .owned
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(item);
}

/// Compiles the entry of defined function `defined` at its loop headers
/// and publishes it: the interpreter enters it at the next iteration of
/// any loop it offers the entry at.
fn compile_osr(module: &ModuleInner, defined: u32) {
    let Some(isa) = isa(module.engine.config()) else {
        return;
    };
    let info = &module.info;
    let index = info.num_imported_funcs + defined;
    let fc = isa.frontend_config();
    let code = match translate::translate_osr(module, defined, fc).and_then(|f| compile(isa, f)) {
        Ok(code) => code,
        Err(why) => return note_unsupported(module, defined, &why),
    };
    let Ok(tramp) =
        translate::osr_trampoline(info.func_type(index), fc).and_then(|f| compile(isa, f))
    else {
        return;
    };
    let Some((mem, Some(tramp))) = map_alone(module, index, code.code.clone(), &code, Some(&tramp))
    else {
        return;
    };
    let mut entry = Box::new(super::OsrCode {
        code: mem.base() as usize,
        tramp,
    });
    let cell: *mut super::OsrCode = &mut *entry;
    own(module, Box::new(mem));
    own(module, entry);
    module.native.osr_cells[defined as usize].store(cell, Ordering::Release);
    if std::env::var_os("TERN_JIT_LOG").is_some() {
        eprintln!("tern: function {index} can be entered at its loops");
    }
}

/// Compiles defined function `defined` of `module` alone (calls go through
/// the code cells) and publishes it: from the next call on, it runs.
pub(crate) fn compile_function(module: &ModuleInner, defined: u32) {
    let Some(isa) = isa(module.engine.config()) else {
        return;
    };
    let info = &module.info;
    let index = info.num_imported_funcs + defined;
    let code = match translate::translate(module, defined, isa.frontend_config(), false)
        .and_then(|f| compile(isa, f))
    {
        Ok(code) => code,
        Err(why) => return note_unsupported(module, defined, &why),
    };
    let id = info.func_type_id(index).0;
    let known = module
        .native
        .trampolines
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(&id)
        .copied();
    let tramp_code = match known {
        Some(_) => None,
        None => {
            let ty = crate::engine::TypeId(id).func_type();
            match translate::trampoline(&ty, isa.frontend_config()).and_then(|f| compile(isa, f)) {
                Ok(t) => Some(t),
                Err(_) => return,
            }
        }
    };
    let mut bytes = code.code.clone();
    // Compiled alone, a function calls only itself directly (at offset 0).
    for &(offset, callee, addend) in &code.calls {
        let site = offset as usize;
        let Ok(disp) = i32::try_from(addend - site as i64) else {
            return;
        };
        if callee != index {
            return;
        }
        bytes[site..site + 4].copy_from_slice(&disp.to_le_bytes());
    }
    let Some((mem, new_tramp)) = map_alone(module, index, bytes, &code, tramp_code.as_ref()) else {
        return;
    };
    let base = mem.base();
    let tramp = match (known, new_tramp) {
        (Some(t), _) => t,
        (None, Some(t)) => {
            module
                .native
                .trampolines
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(id, t);
            t
        }
        (None, None) => return,
    };
    own(module, Box::new(mem));
    let d = defined as usize;
    module.native.tramp_cells[d].store(tramp, Ordering::Release);
    module.native.cells[d].store(base.cast_mut(), Ordering::Release);
}

/// Whether store function `func` runs compiled code now.
#[inline]
pub(crate) fn has_code(store: &StoreOpaque, func: u32) -> bool {
    !store.vm_funcs[func as usize].code().is_null()
}

#[cfg(test)]
mod tests {
    use super::isa;

    #[test]
    fn the_verifier_setting_picks_an_isa_with_cranelifts_verifier_on_or_off() {
        for verify in [false, true] {
            let mut config = crate::Config::new();
            config.cranelift_debug_verifier(verify);
            let isa = isa(&config).expect("x86-64 Linux has the JIT");
            assert_eq!(isa.flags().enable_verifier(), verify);
        }
    }
}
