//! Compiled modules: decoded, validated, and ready to instantiate.

pub(crate) mod info;
mod parse;

use crate::engine::Engine;
use crate::interp::CompiledFunc;
use crate::types::{ExportType, ExternType, ImportType};
use crate::{Error, Result};
use info::{EntityIndex, ImportKind, ModuleInfo};
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// The code of one defined function: its body in the binary, and its
/// interpreter bytecode once the function has been called.
#[derive(Debug)]
pub(crate) struct FuncCode {
    pub compiled: OnceLock<CompiledFunc>,
}

#[derive(Debug)]
pub(crate) struct ModuleInner {
    pub engine: Engine,
    pub info: ModuleInfo,
    /// The module's binary (function bodies and data segments are ranges of it).
    pub bytes: Box<[u8]>,
    /// One entry per defined function.
    pub code: Box<[FuncCode]>,
    /// Machine code of the defined functions (tier 1), where compiled.
    pub native: crate::jit::NativeCode,
}

/// A validated WebAssembly module, ready to be instantiated any number of
/// times. Cheap to clone and share between threads.
///
/// `Module::new` decodes and validates the whole module: an invalid module is
/// rejected here. Function bodies are translated to interpreter bytecode
/// lazily, on their first call.
#[derive(Debug, Clone)]
pub struct Module {
    pub(crate) inner: Arc<ModuleInner>,
}

impl Module {
    /// Compiles a module from its binary encoding or its text format (`.wat`).
    pub fn new(engine: &Engine, bytes: impl AsRef<[u8]>) -> Result<Module> {
        let binary = Module::wat_to_binary(bytes.as_ref())?;
        Module::from_bytes(engine, binary)
    }

    /// The binary encoding of a module given in either format, as
    /// [`Module::new`] reads it: binary bytes as they are, text converted. A
    /// text error is a malformed-module error on one line, `message (at line
    /// L, column C)`.
    pub fn wat_to_binary(bytes: &[u8]) -> Result<std::borrow::Cow<'_, [u8]>> {
        if bytes.starts_with(b"\0asm") {
            return Ok(std::borrow::Cow::Borrowed(bytes));
        }
        wat::parse_bytes(bytes).map_err(|e| Error::malformed(one_line(&e)))
    }

    /// Compiles a module from its binary encoding only.
    pub fn from_binary(engine: &Engine, bytes: &[u8]) -> Result<Module> {
        Module::from_bytes(engine, std::borrow::Cow::Borrowed(bytes))
    }

    /// Compiles a module from its binary encoding, which the module keeps:
    /// without a copy when it is owned (a file's contents, a text module's
    /// encoding; a copy of SQLite's 1.4 MB took 0.65 ms, page faults
    /// included).
    fn from_bytes(engine: &Engine, bytes: std::borrow::Cow<'_, [u8]>) -> Result<Module> {
        // The code cache is read on a thread of its own while the module
        // is validated here; a whole entry for these bytes vouches that
        // they validated before, and the function bodies not validated by
        // then are not validated again.
        let vouched = std::sync::atomic::AtomicBool::new(false);
        let (info, found) = std::thread::scope(|s| {
            let bytes = &bytes[..];
            let lookup = (crate::jit::enabled(engine) && engine.config().cache.is_some())
                .then(|| s.spawn(|| crate::jit::lookup(engine, bytes, &vouched)));
            let info = parse::parse_vouched(engine, bytes, &vouched);
            let found = lookup.and_then(|h| h.join().ok().flatten());
            (info, found)
        });
        let info = info?;
        let code = (0..info.bodies.len())
            .map(|_| FuncCode {
                compiled: OnceLock::new(),
            })
            .collect();
        let native = crate::jit::NativeCode::new(info.bodies.len(), engine);
        let inner = Arc::new(ModuleInner {
            engine: engine.clone(),
            info,
            bytes: bytes.into_owned().into_boxed_slice(),
            code,
            native,
        });
        #[cfg(all(target_arch = "x86_64", target_os = "linux"))]
        if crate::jit::enabled(engine) {
            crate::jit::compile_module(&inner, found);
        }
        #[cfg(not(all(target_arch = "x86_64", target_os = "linux")))]
        let _ = found;
        Ok(Module { inner })
    }

    /// Compiles a module from a file holding its binary encoding or text.
    pub fn from_file(engine: &Engine, path: impl AsRef<Path>) -> Result<Module> {
        let path = path.as_ref();
        let bytes = std::fs::read(path)
            .map_err(|e| Error::from(e).context(format!("failed to read `{}`", path.display())))?;
        // A binary file is kept as read; text is replaced by its encoding.
        let encoded = match Module::wat_to_binary(&bytes) {
            Ok(std::borrow::Cow::Owned(binary)) => Ok(Some(binary)),
            Ok(std::borrow::Cow::Borrowed(_)) => Ok(None),
            Err(e) => Err(e),
        };
        encoded
            .and_then(|binary| {
                let binary = binary.unwrap_or(bytes);
                Module::from_bytes(engine, std::borrow::Cow::Owned(binary))
            })
            .map_err(|e| e.context(format!("`{}`", path.display())))
    }

    /// Checks that `bytes` (binary only) is a valid module, without keeping it.
    pub fn validate(engine: &Engine, bytes: &[u8]) -> Result<()> {
        parse::parse(engine, bytes).map(drop)
    }

    /// The engine the module was compiled for.
    pub fn engine(&self) -> &Engine {
        &self.inner.engine
    }

    /// The module's name from its name section, if any.
    pub fn name(&self) -> Option<&str> {
        self.inner.info.name.as_deref()
    }

    /// The interpreter bytecode of function `func` (an index in the
    /// module's function index space, imports first), as text: a debugging
    /// aid for work on the translator, not a stable format.
    #[doc(hidden)]
    pub fn bytecode(&self, func: u32) -> Result<String> {
        let imported = self.inner.info.num_imported_funcs;
        let defined = func
            .checked_sub(imported)
            .filter(|&d| (d as usize) < self.inner.code.len())
            .ok_or_else(|| Error::usage(format!("no defined function {func}")))?;
        Ok(self.inner.compiled(defined)?.to_string())
    }

    /// How many of the module's defined functions have machine code now
    /// (a diagnostic for the JIT's tests and tools, not a stable API).
    #[doc(hidden)]
    pub fn native_functions(&self) -> usize {
        self.inner
            .native
            .cells
            .iter()
            .filter(|c| !c.load(std::sync::atomic::Ordering::Acquire).is_null())
            .count()
    }

    /// How many of the module's defined functions have no machine code now
    /// (with [`Strategy::Jit`](crate::Strategy::Jit): those the JIT left to
    /// the interpreter; a diagnostic for tests and tools, not a stable API).
    #[doc(hidden)]
    pub fn interpreted_functions(&self) -> usize {
        self.inner.native.cells.len() - self.native_functions()
    }

    /// How many functions the JIT, when it compiled this module here, left
    /// to the interpreter by design: they use exception handling or hold
    /// GC references (`anyref` and below), which the interpreter's
    /// collectors must see; a diagnostic for tests, not a stable API.
    #[doc(hidden)]
    pub fn interpreted_by_design(&self) -> usize {
        self.inner
            .native
            .by_design
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// How many times the interpreter has left a loop of this module for
    /// compiled code (on-stack replacement, tiered strategy): a diagnostic
    /// for the JIT's tests and tools, not a stable API.
    #[doc(hidden)]
    pub fn osr_transfers(&self) -> u64 {
        self.inner
            .native
            .osr_transfers
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The module's imports, in order.
    pub fn imports(&self) -> impl ExactSizeIterator<Item = ImportType<'_>> + '_ {
        let info = &self.inner.info;
        info.imports.iter().map(move |import| {
            let ty = match &import.kind {
                ImportKind::Func(t) => ExternType::Func(info.signature(*t).clone()),
                ImportKind::Table(t) => ExternType::Table(*t),
                ImportKind::Memory(m) => ExternType::Memory(*m),
                ImportKind::Global(g) => ExternType::Global(*g),
                ImportKind::Tag(t) => {
                    ExternType::Tag(crate::TagType::registered(info.signature_id(*t)))
                }
            };
            ImportType::new(&import.module, &import.name, ty)
        })
    }

    /// The module's exports, in order.
    pub fn exports(&self) -> impl ExactSizeIterator<Item = ExportType<'_>> + '_ {
        let info = &self.inner.info;
        info.exports
            .iter()
            .map(move |(name, index)| ExportType::new(name, self.entity_type(*index)))
    }

    /// The type of the export called `name`, if there is one.
    pub fn get_export(&self, name: &str) -> Option<ExternType> {
        let info = &self.inner.info;
        let index = *info.export_names.get(name)?;
        Some(self.entity_type(info.exports[index].1))
    }

    fn entity_type(&self, index: EntityIndex) -> ExternType {
        let info = &self.inner.info;
        match index {
            EntityIndex::Func(f) => ExternType::Func(info.func_type(f).clone()),
            EntityIndex::Table(t) => ExternType::Table(info.tables[t as usize]),
            EntityIndex::Memory(m) => ExternType::Memory(info.memories[m as usize]),
            EntityIndex::Global(g) => ExternType::Global(info.globals[g as usize]),
            EntityIndex::Tag(t) => ExternType::Tag(crate::TagType::registered(
                info.signature_id(info.tags[t as usize]),
            )),
        }
    }
}

/// A text-format error on one line: `message (at line L, column C)`, without
/// the source snippet `wat` renders.
fn one_line(e: &wat::Error) -> String {
    let text = e.to_string();
    let mut lines = text.lines();
    let message = lines.next().unwrap_or("malformed text").trim().to_string();
    let location = lines
        .find_map(|l| l.trim().strip_prefix("--> "))
        .and_then(|loc| {
            let mut parts = loc.rsplitn(3, ':');
            let col = parts.next()?.parse::<usize>().ok()?;
            let line = parts.next()?.parse::<usize>().ok()?;
            Some((line, col))
        });
    match location {
        Some((line, col)) => format!("{message} (at line {line}, column {col})"),
        None => message,
    }
}

impl ModuleInner {
    /// The bytecode of defined function `index`, translating it on first use.
    pub(crate) fn compiled(&self, index: u32) -> Result<&CompiledFunc> {
        let entry = &self.code[index as usize];
        if let Some(compiled) = entry.compiled.get() {
            return Ok(compiled);
        }
        self.compile_slow(index)
    }

    #[cold]
    #[inline(never)]
    fn compile_slow(&self, index: u32) -> Result<&CompiledFunc> {
        let compiled = crate::interp::translate(self, index)?;
        // Another thread may have won the race; both results are equal.
        Ok(self.code[index as usize].compiled.get_or_init(|| compiled))
    }
}
