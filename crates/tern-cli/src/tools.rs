//! The module tools of the `tern` command: `validate`, `inspect`, `wat2wasm`
//! and `wasm2wat`.
//!
//! `validate` goes through Tern itself (`Module::from_file`), so it accepts
//! exactly what `tern run` would load. The others work on the encoding alone:
//! `inspect` decodes the binary with `wasmparser` (every section and every
//! function body, but without validating), `wat2wasm` uses the `wat` crate and
//! `wasm2wat` uses `wasmprinter`. Every failure is an `anyhow` error that
//! `main` prints as one `error: ...` line, with exit status 1.

use crate::WasmOpts;
use anyhow::{Result, anyhow, bail};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tern::{Config, Engine, ErrorKind, Module};
use wasmparser::{
    AbstractHeapType, BlockType, CompositeInnerType, ConstExpr, DataKind, ElementItems,
    ElementKind, Encoding, ExternalKind, FuncType, FunctionBody, GlobalType, HeapType, MemoryType,
    Operator, Parser, Payload, RefType, TableInit, TableType, TagType, TypeRef, ValType,
};

// ---------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------

/// Arguments of `tern validate`.
#[derive(clap::Args, Debug)]
pub(crate) struct ValidateArgs {
    #[command(flatten)]
    wasm: WasmOpts,
    /// The module to validate (binary `.wasm` or text `.wat`).
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

/// Arguments of `tern inspect`.
#[derive(clap::Args, Debug)]
pub(crate) struct InspectArgs {
    /// Print the interpreter bytecode of function FUNC (function index
    /// space, imports first) instead of the summary: a debugging aid for the
    /// translator, not a stable format.
    #[arg(long, value_name = "FUNC", hide = true)]
    bytecode: Option<u32>,
    /// The module to describe (binary `.wasm` or text `.wat`).
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

/// Arguments of `tern wat2wasm`.
#[derive(clap::Args, Debug)]
pub(crate) struct Wat2WasmArgs {
    /// The text module to convert (`.wat`; a binary module is copied as is).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Where to write the binary module (required: binary is not written to
    /// the terminal).
    #[arg(short, long, value_name = "OUT")]
    output: PathBuf,
}

/// Arguments of `tern wasm2wat`.
#[derive(clap::Args, Debug)]
pub(crate) struct Wasm2WatArgs {
    /// The binary module to print (`.wasm`; a text module is parsed first).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Where to write the text; standard output if not given.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
}

// ---------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------

/// `tern validate`: loads the module with Tern (decoding and validating every
/// section and function body under the `-W` switches) and prints nothing on
/// success.
pub(crate) fn validate(args: ValidateArgs) -> Result<ExitCode> {
    let mut config = Config::new();
    args.wasm.apply(&mut config, None)?;
    let engine = Engine::new(&config).map_err(|e| anyhow!("{e}"))?;
    if let Err(e) = Module::from_file(&engine, &args.file) {
        bail!("{}", describe_load_error(&e, &args.file));
    }
    Ok(ExitCode::SUCCESS)
}

/// `tern inspect`: prints the summary made by [`summarize`].
pub(crate) fn inspect(args: InspectArgs) -> Result<ExitCode> {
    let bytes = read_module(&args.file)?;
    if let Some(func) = args.bytecode {
        let engine = Engine::default();
        let module = Module::new(&engine, &bytes)
            .map_err(|e| anyhow!("{}", describe_load_error(&e, &args.file)))?;
        let text = module.bytecode(func).map_err(|e| anyhow!("{e}"))?;
        write_stdout(text.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let text = summarize(&bytes).map_err(|e| anyhow!("`{}`: {e}", args.file.display()))?;
    write_stdout(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// `tern wat2wasm`: text to binary, written to `-o OUT`.
pub(crate) fn wat2wasm(args: Wat2WasmArgs) -> Result<ExitCode> {
    let bytes = read_module(&args.file)?;
    write_file(&args.output, &bytes)?;
    Ok(ExitCode::SUCCESS)
}

/// `tern wasm2wat`: binary to text, written to `-o OUT` or standard output.
pub(crate) fn wasm2wat(args: Wasm2WatArgs) -> Result<ExitCode> {
    let bytes = read_module(&args.file)?;
    // The binary header's layer field: 1 for a component.
    if bytes.get(6..8) == Some(&[1, 0]) {
        bail!("`{}`: a component, not a core module", args.file.display());
    }
    let text = wasmprinter::print_bytes(&bytes)
        .map_err(|e| anyhow!("`{}`: malformed module: {}", args.file.display(), flat(&e)))?;
    match &args.output {
        Some(path) => write_file(path, text.as_bytes())?,
        None => write_stdout(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

// ---------------------------------------------------------------------------
// Files and errors
// ---------------------------------------------------------------------------

/// Reads a module file: a binary (starting with `\0asm`) as it is, anything
/// else as text converted to binary with the `wat` crate.
fn read_module(path: &Path) -> Result<Vec<u8>> {
    let bytes =
        std::fs::read(path).map_err(|e| anyhow!("failed to read `{}`: {e}", path.display()))?;
    match Module::wat_to_binary(&bytes) {
        Ok(binary) => Ok(binary.into_owned()),
        Err(e) => bail!("`{}`: malformed module: {}", path.display(), e.message()),
    }
}

/// Writes `bytes` to the file at `path`.
fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|e| anyhow!("failed to write `{}`: {e}", path.display()))
}

/// Writes `bytes` to standard output; a closed pipe is an error, not a panic.
fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| anyhow!("failed to write to standard output: {e}"))
}

/// One line saying why Tern refused to load `path`: the error's message with
/// its kind (`malformed module` or `invalid module`, as the specification
/// words it) after the file name.
fn describe_load_error(e: &tern::Error, path: &Path) -> String {
    let kind = match e.kind() {
        ErrorKind::Malformed => "malformed module",
        ErrorKind::Invalid => "invalid module",
        ErrorKind::Unsupported => "unsupported by Tern",
        _ => return flat(e),
    };
    // `Module::from_file` prefixes the message with the quoted path.
    let prefix = format!("`{}`: ", path.display());
    let message = e.message();
    let detail = message.strip_prefix(&prefix).unwrap_or(message);
    flat(&format!("{prefix}{kind}: {detail}"))
}

/// Any error (with its causes, for `anyhow`) on a single line.
fn flat(e: &dyn std::fmt::Display) -> String {
    let text = format!("{e:#}");
    text.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

// ---------------------------------------------------------------------------
// inspect
// ---------------------------------------------------------------------------

/// What `inspect` gathers from one pass over the module.
#[derive(Debug, Default)]
struct Summary<'a> {
    /// Every type, by index: `Some` for function types.
    types: Vec<Option<FuncType>>,
    /// `(module, name, type)`, in order.
    imports: Vec<(&'a str, &'a str, TypeRef)>,
    /// `(name, kind, index)`, in order.
    exports: Vec<(&'a str, ExternalKind, u32)>,
    /// The type index of every function, imported ones first.
    funcs: Vec<u32>,
    imported_funcs: usize,
    /// Each entity with whether it is imported.
    tables: Vec<(TableType, bool)>,
    memories: Vec<(MemoryType, bool)>,
    globals: Vec<(GlobalType, bool)>,
    tags: Vec<(TagType, bool)>,
    data_segments: u32,
    element_segments: u32,
    start: Option<u32>,
    /// `(name, size of the contents in bytes)`, in order.
    customs: Vec<(&'a str, usize)>,
    /// `(size in bytes, number of bodies)` of the code section.
    code: Option<(u32, u32)>,
    /// Proposals the module uses, as `wasmparser` names them (`snake_case`).
    features: BTreeSet<&'static str>,
}

/// Decodes a binary module and describes it, one fact per line. The format
/// is documented on the `inspect` subcommand (see `main.rs`) and is kept
/// stable: headers `key: value` at the start of a line, items indented by
/// two spaces, types as in the text format.
fn summarize(bytes: &[u8]) -> Result<String> {
    let mut s = Summary::default();
    for payload in Parser::new(0).parse_all(bytes) {
        let payload = payload.map_err(malformed)?;
        s.add(payload)?;
    }
    Ok(s.render())
}

fn malformed(e: wasmparser::BinaryReaderError) -> anyhow::Error {
    anyhow!(
        "malformed module: {} (at offset {:#x})",
        e.message(),
        e.offset()
    )
}

impl<'a> Summary<'a> {
    /// Records one section.
    fn add(&mut self, payload: Payload<'a>) -> Result<()> {
        match payload {
            Payload::Version { encoding, .. } if encoding != Encoding::Module => {
                bail!("a component, not a core module");
            }
            Payload::TypeSection(reader) => {
                for group in reader {
                    let group = group.map_err(malformed)?;
                    if group.is_explicit_rec_group() {
                        self.features.insert("gc");
                    }
                    for sub in group.into_types() {
                        if !sub.is_final || !sub.supertype_idxs.is_empty() {
                            self.features.insert("gc");
                        }
                        if sub.composite_type.shared {
                            self.features.insert("shared_everything_threads");
                        }
                        if sub.composite_type.descriptor_idx.is_some()
                            || sub.composite_type.describes_idx.is_some()
                        {
                            self.features.insert("custom_descriptors");
                        }
                        match sub.composite_type.inner {
                            CompositeInnerType::Func(ty) => {
                                if ty.results().len() > 1 {
                                    self.features.insert("multi_value");
                                }
                                for &v in ty.params().iter().chain(ty.results()) {
                                    self.note_val(v);
                                }
                                self.types.push(Some(ty));
                            }
                            CompositeInnerType::Cont(_) => {
                                self.features.insert("stack_switching");
                                self.types.push(None);
                            }
                            CompositeInnerType::Array(_) | CompositeInnerType::Struct(_) => {
                                self.features.insert("gc");
                                self.types.push(None);
                            }
                        }
                    }
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    let import = import.map_err(malformed)?;
                    self.imports.push((import.module, import.name, import.ty));
                    match import.ty {
                        TypeRef::Func(t) | TypeRef::FuncExact(t) => {
                            if matches!(import.ty, TypeRef::FuncExact(_)) {
                                self.features.insert("custom_descriptors");
                            }
                            self.funcs.push(t);
                            self.imported_funcs += 1;
                        }
                        TypeRef::Table(t) => self.add_table(t, true),
                        TypeRef::Memory(m) => self.add_memory(m, true),
                        TypeRef::Global(g) => {
                            if g.mutable {
                                self.features.insert("mutable_global");
                            }
                            self.add_global(g, true);
                        }
                        TypeRef::Tag(t) => self.add_tag(t, true),
                    }
                }
            }
            Payload::FunctionSection(reader) => {
                for ty in reader {
                    self.funcs.push(ty.map_err(malformed)?);
                }
            }
            Payload::TableSection(reader) => {
                for table in reader {
                    let table = table.map_err(malformed)?;
                    self.add_table(table.ty, false);
                    if let TableInit::Expr(init) = table.init {
                        self.features.insert("function_references");
                        self.scan_const(&init)?;
                    }
                }
            }
            Payload::MemorySection(reader) => {
                for memory in reader {
                    self.add_memory(memory.map_err(malformed)?, false);
                }
            }
            Payload::TagSection(reader) => {
                for tag in reader {
                    self.add_tag(tag.map_err(malformed)?, false);
                }
            }
            Payload::GlobalSection(reader) => {
                for global in reader {
                    let global = global.map_err(malformed)?;
                    self.add_global(global.ty, false);
                    self.scan_const(&global.init_expr)?;
                }
            }
            Payload::ExportSection(reader) => {
                for export in reader {
                    let export = export.map_err(malformed)?;
                    self.exports.push((export.name, export.kind, export.index));
                }
            }
            Payload::StartSection { func, .. } => self.start = Some(func),
            Payload::ElementSection(reader) => {
                for elem in reader {
                    let elem = elem.map_err(malformed)?;
                    self.element_segments += 1;
                    match elem.kind {
                        ElementKind::Passive => {
                            self.features.insert("bulk_memory");
                        }
                        ElementKind::Declared => {
                            self.features.insert("reference_types");
                        }
                        ElementKind::Active { offset_expr, .. } => {
                            self.scan_const(&offset_expr)?;
                        }
                    }
                    match elem.items {
                        ElementItems::Functions(funcs) => {
                            for f in funcs {
                                f.map_err(malformed)?;
                            }
                        }
                        ElementItems::Expressions(ty, exprs) => {
                            if ty != RefType::FUNCREF {
                                self.note_ref(ty);
                            }
                            for e in exprs {
                                self.scan_const(&e.map_err(malformed)?)?;
                            }
                        }
                    }
                }
            }
            Payload::DataCountSection { .. } => {
                self.features.insert("bulk_memory");
            }
            Payload::DataSection(reader) => {
                for data in reader {
                    let data = data.map_err(malformed)?;
                    self.data_segments += 1;
                    match data.kind {
                        DataKind::Passive => {
                            self.features.insert("bulk_memory");
                        }
                        DataKind::Active { offset_expr, .. } => self.scan_const(&offset_expr)?,
                    }
                }
            }
            Payload::CodeSectionStart { count, size, .. } => self.code = Some((size, count)),
            Payload::CodeSectionEntry(body) => self.scan_body(&body)?,
            Payload::CustomSection(reader) => {
                self.customs.push((reader.name(), reader.data().len()));
            }
            Payload::UnknownSection { id, range, .. } => {
                bail!(
                    "malformed module: unknown section id {id} (at offset {:#x})",
                    range.start
                );
            }
            _ => {}
        }
        Ok(())
    }

    fn add_table(&mut self, t: TableType, imported: bool) {
        if t.table64 {
            self.features.insert("memory64");
        }
        if t.shared {
            self.features.insert("shared_everything_threads");
        }
        if t.element_type != RefType::FUNCREF {
            self.note_ref(t.element_type);
        }
        self.tables.push((t, imported));
        if self.tables.len() > 1 {
            self.features.insert("reference_types");
        }
    }

    fn add_memory(&mut self, m: MemoryType, imported: bool) {
        if m.memory64 {
            self.features.insert("memory64");
        }
        if m.shared {
            self.features.insert("threads");
        }
        if m.page_size_log2.is_some() {
            self.features.insert("custom_page_sizes");
        }
        self.memories.push((m, imported));
        if self.memories.len() > 1 {
            self.features.insert("multi_memory");
        }
    }

    fn add_global(&mut self, g: GlobalType, imported: bool) {
        if g.shared {
            self.features.insert("shared_everything_threads");
        }
        self.note_val(g.content_type);
        self.globals.push((g, imported));
    }

    fn add_tag(&mut self, t: TagType, imported: bool) {
        self.features.insert("exceptions");
        self.tags.push((t, imported));
    }

    /// Records the proposal a value type comes from, if any.
    fn note_val(&mut self, ty: ValType) {
        match ty {
            ValType::V128 => {
                self.features.insert("simd");
            }
            ValType::Ref(r) => self.note_ref(r),
            _ => {}
        }
    }

    /// Records the proposal a reference type comes from.
    fn note_ref(&mut self, r: RefType) {
        let feature = match r.heap_type() {
            HeapType::Abstract { shared, ty } => {
                if shared {
                    self.features.insert("shared_everything_threads");
                }
                match ty {
                    AbstractHeapType::Func | AbstractHeapType::Extern if r.is_nullable() => {
                        "reference_types"
                    }
                    AbstractHeapType::Func | AbstractHeapType::Extern => "function_references",
                    AbstractHeapType::Exn | AbstractHeapType::NoExn => "exceptions",
                    AbstractHeapType::Cont | AbstractHeapType::NoCont => "stack_switching",
                    _ => "gc",
                }
            }
            HeapType::Concrete(_) => "function_references",
            HeapType::Exact(_) => "custom_descriptors",
        };
        self.features.insert(feature);
    }

    /// Scans a constant expression (decoding it fully).
    fn scan_const(&mut self, expr: &ConstExpr<'_>) -> Result<()> {
        for op in expr.get_operators_reader() {
            let op = op.map_err(malformed)?;
            if matches!(
                op,
                Operator::I32Add
                    | Operator::I32Sub
                    | Operator::I32Mul
                    | Operator::I64Add
                    | Operator::I64Sub
                    | Operator::I64Mul
            ) {
                self.features.insert("extended_const");
            }
            self.note_op(&op);
        }
        Ok(())
    }

    /// Scans a function body: its locals and every instruction.
    fn scan_body(&mut self, body: &FunctionBody<'_>) -> Result<()> {
        for local in body.get_locals_reader().map_err(malformed)? {
            let (_, ty) = local.map_err(malformed)?;
            self.note_val(ty);
        }
        for op in body.get_operators_reader().map_err(malformed)? {
            self.note_op(&op.map_err(malformed)?);
        }
        Ok(())
    }

    /// Records the proposal an instruction comes from, and a multi-value
    /// block type.
    fn note_op(&mut self, op: &Operator<'_>) {
        if let Some(feature) = operator_proposal(op) {
            self.features.insert(feature);
        }
        let blockty = match op {
            Operator::Block { blockty } | Operator::Loop { blockty } | Operator::If { blockty } => {
                Some(*blockty)
            }
            Operator::TryTable { try_table } => Some(try_table.ty),
            _ => None,
        };
        match blockty {
            Some(BlockType::FuncType(_)) => {
                self.features.insert("multi_value");
            }
            Some(BlockType::Type(ty)) => self.note_val(ty),
            _ => {}
        }
    }

    /// The function type with index `index`, in the text format.
    fn func_type(&self, type_index: u32) -> String {
        match self.types.get(type_index as usize) {
            Some(Some(ty)) => signature(ty),
            Some(None) => format!("(type {type_index}) (not a function type)"),
            None => format!("(type {type_index}) (undefined)"),
        }
    }

    /// `kind[index] type` for an entity of the module.
    fn entity(&self, kind: ExternalKind, index: u32) -> String {
        let i = index as usize;
        let ty = match kind {
            ExternalKind::Func | ExternalKind::FuncExact => {
                self.funcs.get(i).map(|&t| self.func_type(t))
            }
            ExternalKind::Table => self.tables.get(i).map(|(t, _)| table_type(t)),
            ExternalKind::Memory => self.memories.get(i).map(|(m, _)| memory_type(m)),
            ExternalKind::Global => self.globals.get(i).map(|(g, _)| global_type(g)),
            ExternalKind::Tag => self
                .tags
                .get(i)
                .map(|(t, _)| self.func_type(t.func_type_idx)),
        };
        let ty = ty.unwrap_or_else(|| "(undefined)".to_string());
        let kind = match kind {
            ExternalKind::Func | ExternalKind::FuncExact => "func",
            ExternalKind::Table => "table",
            ExternalKind::Memory => "memory",
            ExternalKind::Global => "global",
            ExternalKind::Tag => "tag",
        };
        join_words(&format!("{kind}[{index}]"), &ty)
    }

    /// The summary's text.
    fn render(&self) -> String {
        let mut out = String::new();
        let mut line = |text: String| {
            out.push_str(&text);
            out.push('\n');
        };
        line(format!("types: {}", self.types.len()));

        line(format!("imports: {}", self.imports.len()));
        let mut counts = [0u32; 5];
        for (module, name, ty) in &self.imports {
            let kind = match ty {
                TypeRef::Func(_) | TypeRef::FuncExact(_) => ExternalKind::Func,
                TypeRef::Table(_) => ExternalKind::Table,
                TypeRef::Memory(_) => ExternalKind::Memory,
                TypeRef::Global(_) => ExternalKind::Global,
                TypeRef::Tag(_) => ExternalKind::Tag,
            };
            let slot = &mut counts[kind_slot(kind)];
            let entity = self.entity(kind, *slot);
            *slot += 1;
            line(format!("  {} {}: {entity}", quote(module), quote(name)));
        }

        line(format!("exports: {}", self.exports.len()));
        for (name, kind, index) in &self.exports {
            line(format!("  {}: {}", quote(name), self.entity(*kind, *index)));
        }

        line(format!(
            "functions: {} ({} imported, {} defined)",
            self.funcs.len(),
            self.imported_funcs,
            self.funcs.len() - self.imported_funcs
        ));
        let lists: [(&str, ExternalKind, Vec<bool>); 4] = [
            (
                "tables",
                ExternalKind::Table,
                self.tables.iter().map(|e| e.1).collect(),
            ),
            (
                "memories",
                ExternalKind::Memory,
                self.memories.iter().map(|e| e.1).collect(),
            ),
            (
                "globals",
                ExternalKind::Global,
                self.globals.iter().map(|e| e.1).collect(),
            ),
            (
                "tags",
                ExternalKind::Tag,
                self.tags.iter().map(|e| e.1).collect(),
            ),
        ];
        for (header, kind, imported) in lists {
            line(format!("{header}: {}", imported.len()));
            for (index, imported) in imported.into_iter().enumerate() {
                let entity = self.entity(kind, index as u32);
                let suffix = if imported { " (imported)" } else { "" };
                line(format!("  {entity}{suffix}"));
            }
        }

        line(format!("data segments: {}", self.data_segments));
        line(format!("element segments: {}", self.element_segments));
        line(match self.start {
            Some(func) => format!("start: func[{func}]"),
            None => "start: none".to_string(),
        });

        line(format!("custom sections: {}", self.customs.len()));
        for (name, size) in &self.customs {
            line(format!("  {}: {size} bytes", quote(name)));
        }

        line(match self.code {
            Some((size, count)) => format!("code section: {size} bytes, {count} functions"),
            None => "code section: none".to_string(),
        });

        let features: Vec<String> = self.features.iter().map(|f| f.replace('_', "-")).collect();
        line(if features.is_empty() {
            "features: none".to_string()
        } else {
            format!("features: {}", features.join(", "))
        });
        out
    }
}

/// The slot of an entity kind in the per-kind counters of `render`.
fn kind_slot(kind: ExternalKind) -> usize {
    match kind {
        ExternalKind::Func | ExternalKind::FuncExact => 0,
        ExternalKind::Table => 1,
        ExternalKind::Memory => 2,
        ExternalKind::Global => 3,
        ExternalKind::Tag => 4,
    }
}

/// The proposal an instruction comes from (`None` for WebAssembly 1.0), as
/// named in `wasmparser`'s instruction list.
#[allow(clippy::unneeded_struct_pattern)]
fn operator_proposal(op: &Operator<'_>) -> Option<&'static str> {
    macro_rules! proposal_of {
        ($( @$proposal:ident $op:ident $({ $($arg:ident: $argty:ty),* })? => $visit:ident ($($ann:tt)*) )*) => {
            match op {
                $( Operator::$op { .. } => stringify!($proposal), )*
                _ => "unknown",
            }
        };
    }
    let proposal: &'static str = wasmparser::for_each_operator!(proposal_of);
    (proposal != "mvp").then_some(proposal)
}

/// `a b`, or just `a` if `b` is empty.
fn join_words(a: &str, b: &str) -> String {
    if b.is_empty() {
        a.to_string()
    } else {
        format!("{a} {b}")
    }
}

/// A value type in the text format (type indices as plain numbers).
fn val_type(ty: ValType) -> String {
    match ty {
        ValType::Ref(r) => ref_type(r),
        other => other.to_string(),
    }
}

/// A reference type in the text format (type indices as plain numbers).
fn ref_type(r: RefType) -> String {
    let null = if r.is_nullable() { "null " } else { "" };
    match r.heap_type() {
        HeapType::Concrete(index) => match index.as_module_index() {
            Some(i) => format!("(ref {null}{i})"),
            None => r.to_string(),
        },
        HeapType::Exact(index) => match index.as_module_index() {
            Some(i) => format!("(ref {null}(exact {i}))"),
            None => r.to_string(),
        },
        HeapType::Abstract { .. } => r.to_string(),
    }
}

/// `(param ...) (result ...)`, leaving out empty parts.
fn signature(ty: &FuncType) -> String {
    let list = |word: &str, types: &[ValType]| {
        let mut s = format!("({word}");
        for &t in types {
            let _ = write!(s, " {}", val_type(t));
        }
        s.push(')');
        s
    };
    let mut parts = Vec::new();
    if !ty.params().is_empty() {
        parts.push(list("param", ty.params()));
    }
    if !ty.results().is_empty() {
        parts.push(list("result", ty.results()));
    }
    parts.join(" ")
}

/// `i32|i64 MIN [MAX] [shared] [(pagesize N)]`.
fn memory_type(m: &MemoryType) -> String {
    let mut s = format!("{} {}", if m.memory64 { "i64" } else { "i32" }, m.initial);
    if let Some(max) = m.maximum {
        let _ = write!(s, " {max}");
    }
    if m.shared {
        s.push_str(" shared");
    }
    if let Some(log2) = m.page_size_log2 {
        let _ = write!(s, " (pagesize {})", 1u128 << log2.min(64));
    }
    s
}

/// `i32|i64 MIN [MAX] REFTYPE [shared]`.
fn table_type(t: &TableType) -> String {
    let mut s = format!("{} {}", if t.table64 { "i64" } else { "i32" }, t.initial);
    if let Some(max) = t.maximum {
        let _ = write!(s, " {max}");
    }
    let _ = write!(s, " {}", ref_type(t.element_type));
    if t.shared {
        s.push_str(" shared");
    }
    s
}

/// `TYPE` or `(mut TYPE)`, inside `(shared ...)` for a shared global.
fn global_type(g: &GlobalType) -> String {
    let mut s = val_type(g.content_type);
    if g.mutable {
        s = format!("(mut {s})");
    }
    if g.shared {
        s = format!("(shared {s})");
    }
    s
}

/// A name as a text-format string: in double quotes, with `"`, `\` and
/// control characters escaped.
fn quote(name: &str) -> String {
    let mut s = String::with_capacity(name.len() + 2);
    s.push('"');
    for c in name.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(s, "\\u{{{:x}}}", c as u32);
            }
            c => s.push(c),
        }
    }
    s.push('"');
    s
}
