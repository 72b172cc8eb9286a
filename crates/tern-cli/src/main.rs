//! `tern`: run, test and inspect WebAssembly modules.

#![forbid(unsafe_code)]

mod limits;
mod tools;

use anyhow::{Context, Result, anyhow, bail};
use clap::{Parser, Subcommand};
use limits::LimitArgs;
use std::path::PathBuf;
use std::process::ExitCode;
use tern::{
    Cache, Config, Engine, Linker, Module, ProfilingStrategy, SpecVersion, Store, StoreLimits,
    Strategy, Val, ValType,
};
use tern_wasi::{DirPerms, FilePerms, I32Exit, WasiCtx};

/// Tern: a fast, safe WebAssembly runtime.
#[derive(Parser, Debug)]
#[command(name = "tern", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Runs a WebAssembly module (binary `.wasm` or text `.wat`).
    ///
    /// Without `--invoke`, the module is instantiated (running its start
    /// function) and its `_start` export, if any, is called. With `--invoke`,
    /// the named export is called with ARGS parsed by its parameter types, and
    /// each result is printed on its own line.
    Run(Box<RunArgs>),
    /// Runs WebAssembly specification test scripts (`.wast`).
    ///
    /// Prints one line per file, then `N passed, M failed` counting
    /// directives; exits with a non-zero status if anything failed.
    Wast(WastArgs),
    /// Checks that a module (`.wasm` or `.wat`) is valid, as `run` would load it.
    ///
    /// Decodes and validates every section and function body with Tern under
    /// the `-W` feature switches. Prints nothing and exits 0 if the module is
    /// valid; otherwise prints one line on stderr, such as
    /// ``error: `FILE`: invalid module: type mismatch: ... (at offset 0x1f)``
    /// (or `malformed module`, with a line and column for text), and exits 1.
    Validate(tools::ValidateArgs),
    /// Prints a summary of a module: imports, exports, entities, sections.
    ///
    /// The module (`.wasm` or `.wat`) is decoded, not validated. The output
    /// has one fact per line, in this order; items are indented by two
    /// spaces, names quoted and types written as in the text format:
    ///
    ///   types: N
    ///   imports: N
    ///     "MODULE" "NAME": KIND[INDEX] TYPE
    ///   exports: N
    ///     "NAME": KIND[INDEX] TYPE
    ///   functions: N (I imported, D defined)
    ///   tables: N
    ///     table[INDEX] i32|i64 MIN [MAX] REFTYPE [(imported)]
    ///   memories: N
    ///     memory[INDEX] i32|i64 MIN [MAX] [shared] [(pagesize P)] [(imported)]
    ///   globals: N
    ///     global[INDEX] VALTYPE|(mut VALTYPE) [(imported)]
    ///   tags: N
    ///     tag[INDEX] (param ...) [(imported)]
    ///   data segments: N
    ///   element segments: N
    ///   start: func[INDEX] | none
    ///   custom sections: N
    ///     "NAME": SIZE bytes
    ///   code section: SIZE bytes, N functions | none
    ///   features: PROPOSAL, ... | none
    ///
    /// KIND is func, table, memory, global or tag, and TYPE is written as in
    /// the lists (a function's as `(param ...) (result ...)`, empty parts
    /// left out). Index spaces count imports first. `features` lists, sorted,
    /// the proposals beyond WebAssembly 1.0 whose instructions, types or
    /// constructs the module uses (a scan, not a validation), such as
    /// bulk-memory, memory64, multi-value, simd or threads.
    #[command(
        verbatim_doc_comment,
        about = "Prints a summary of a module: imports, exports, entities, sections"
    )]
    Inspect(tools::InspectArgs),
    /// Converts a text module (`.wat`) to the binary format, written to `-o OUT`.
    ///
    /// The text is parsed, not validated (use `tern validate`).
    Wat2wasm(tools::Wat2WasmArgs),
    /// Prints a binary module (`.wasm`) in the text format, to stdout or `-o OUT`.
    Wasm2wat(tools::Wasm2WatArgs),
}

/// WebAssembly feature switches, in Wasmtime's spelling.
#[derive(clap::Args, Debug, Default)]
struct WasmOpts {
    /// WebAssembly features: `-W simd=y|n`, `-W relaxed-simd=...`,
    /// `-W tail-call=...`, `-W extended-const=...`, `-W multi-memory=...`,
    /// `-W memory64=...`, `-W bulk-memory=...`, `-W multi-value=...`,
    /// `-W reference-types=...`, `-W function-references=...`, `-W gc=...`,
    /// `-W exceptions=...`; several may be given at once, comma-separated.
    /// A bare name means `=y`. With `tern run`, also the limits
    /// `-W fuel=N`, `-W timeout=DURATION`, `-W max-memory-size=BYTES`,
    /// `-W max-wasm-stack=BYTES`, `-W max-table-elements=N`,
    /// `-W max-instances=N`, `-W max-tables=N`, `-W max-memories=N`,
    /// `-W trap-on-grow-failure=y|n` and `-W max-gc-heap=BYTES` (the most
    /// bytes of GC structs and arrays; 1G by default).
    #[arg(short = 'W', value_name = "KEY[=VAL]")]
    wasm: Vec<String>,
    /// Code generation: `-C strategy=interp|jit|tiered` (run in the
    /// interpreter, compile every function with Cranelift first, or start
    /// in the interpreter and compile hot functions in the background),
    /// `-C parallel-compilation=y|n` (the JIT on all cores, or one),
    /// `-C cache=y|n` (keep compiled code in `$XDG_CACHE_HOME/tern` or
    /// `~/.cache/tern` between runs: on by default for `tern run`, off for
    /// the others), `-C cache-dir=DIR` (keep it in `DIR`),
    /// `-C cranelift-debug-verifier=y|n` (check the IR of every function).
    /// Comma-separated lists are accepted.
    #[arg(short = 'C', value_name = "KEY=VAL")]
    codegen: Vec<String>,
}

/// A `Config` feature switch.
type Switch = fn(&mut Config, bool) -> &mut Config;

/// The `-W` feature names and the `Config` switch each one sets.
const FEATURES: &[(&str, Switch)] = &[
    ("simd", Config::wasm_simd),
    ("relaxed-simd", Config::wasm_relaxed_simd),
    ("tail-call", Config::wasm_tail_call),
    ("extended-const", Config::wasm_extended_const),
    ("multi-memory", Config::wasm_multi_memory),
    ("memory64", Config::wasm_memory64),
    ("bulk-memory", Config::wasm_bulk_memory),
    ("multi-value", Config::wasm_multi_value),
    ("reference-types", Config::wasm_reference_types),
    ("function-references", Config::wasm_function_references),
    ("gc", Config::wasm_gc),
    ("exceptions", Config::wasm_exceptions),
];

impl WasmOpts {
    /// Applies the switches to `config`, in the order given, and the limit
    /// keys to `limits` (where the command has limits).
    fn apply(&self, config: &mut Config, mut limits: Option<&mut LimitArgs>) -> Result<()> {
        for item in self.codegen.iter().flat_map(|arg| arg.split(',')) {
            match item.split_once('=') {
                Some(("strategy", value)) => {
                    let strategy: Strategy = value.parse().map_err(|e| anyhow!("-C {e}"))?;
                    config.strategy(strategy);
                }
                Some(("parallel-compilation", value)) => {
                    config.parallel_compilation(yes_no("-C parallel-compilation", value)?);
                }
                Some(("cache", value)) => {
                    let on = yes_no("-C cache", value)?;
                    config.cache(on.then(Cache::from_default_directory).flatten());
                }
                Some(("cache-dir", dir)) if !dir.is_empty() => {
                    config.cache(Some(Cache::new(dir)));
                }
                Some(("cranelift-debug-verifier", value)) => {
                    config.cranelift_debug_verifier(yes_no("-C cranelift-debug-verifier", value)?);
                }
                _ => bail!(
                    "-C: unknown option `{item}` (known: strategy=interp|jit|tiered, parallel-compilation=y|n, cache=y|n, cache-dir=DIR, cranelift-debug-verifier=y|n)"
                ),
            }
        }
        for item in self.wasm.iter().flat_map(|arg| arg.split(',')) {
            let (key, value) = item.split_once('=').unwrap_or((item, "y"));
            if limits::KEYS.contains(&key) {
                match limits.as_deref_mut() {
                    Some(limits) => limits.set(key, value)?,
                    None => bail!("-W {key}: limits apply to `tern run` only"),
                }
                continue;
            }
            let on = yes_no(&format!("-W {key}"), value)?;
            let Some((_, set)) = FEATURES.iter().find(|(name, _)| *name == key) else {
                let names: Vec<&str> = FEATURES.iter().map(|(name, _)| *name).collect();
                bail!("-W: unknown option `{key}` (known: {})", names.join(", "));
            };
            set(config, on);
        }
        Ok(())
    }
}

/// The value of a `y|n` switch named `flag`.
pub(crate) fn yes_no(flag: &str, value: &str) -> Result<bool> {
    match value {
        "y" | "yes" | "true" => Ok(true),
        "n" | "no" | "false" => Ok(false),
        _ => bail!("{flag}: expected `y` or `n`, got `{value}`"),
    }
}

#[derive(clap::Args, Debug)]
struct RunArgs {
    #[command(flatten)]
    wasm: WasmOpts,
    #[command(flatten)]
    limits: LimitArgs,
    /// Grant the guest a host directory: `HOST` is seen as `HOST`, or
    /// `HOST::GUEST` under the guest path `GUEST` (repeatable). Nothing
    /// outside the granted directories is reachable.
    #[arg(long = "dir", value_name = "HOST[::GUEST]")]
    dirs: Vec<String>,
    /// Like `--dir`, read-only: every write, truncate, create, rename,
    /// link and removal below it is refused.
    #[arg(long = "dir-ro", value_name = "HOST[::GUEST]")]
    dirs_ro: Vec<String>,
    /// Set an environment variable for the guest (repeatable); `--env NAME`
    /// passes the host's value of NAME.
    #[arg(long = "env", value_name = "NAME[=VALUE]")]
    envs: Vec<String>,
    /// Listen on a TCP address and hand the socket to the guest (it gets
    /// the descriptor after stdio, before the directories) to `sock_accept`
    /// on (repeatable).
    #[arg(long = "tcplisten", value_name = "ADDR")]
    tcplisten: Vec<String>,
    /// The exported function to call (after `_initialize` for a reactor).
    #[arg(long, value_name = "NAME")]
    invoke: Option<String>,
    /// Describe compiled code for a profiler: `perfmap` writes
    /// `/tmp/perf-PID.map`, so `perf record` and `perf report` name the
    /// WebAssembly functions (as Wasmtime's `--profile=perfmap`).
    #[arg(long = "profile", value_name = "STRATEGY", value_parser = ["perfmap"])]
    profile: Option<String>,
    /// The module to run (`FILE`), then the program's arguments (its argv
    /// after the file name): everything after `FILE` goes to the program,
    /// options and `--` included, as with Wasmtime. With `--invoke`, the
    /// function's arguments (decimal or 0x hex integers; floats, `nan`,
    /// `inf`, `-inf`; a v128 as one 0x hex 128-bit integer, lane 0 in the
    /// lowest bits).
    #[arg(value_name = "FILE [ARGS]", required = true, trailing_var_arg = true)]
    module_and_args: Vec<std::ffi::OsString>,
}

impl RunArgs {
    /// The module to run: the first of `module_and_args`.
    fn file(&self) -> &std::path::Path {
        std::path::Path::new(&self.module_and_args[0])
    }

    /// The program's arguments: the rest, which must be UTF-8.
    fn args(&self) -> Result<Vec<String>> {
        self.module_and_args[1..]
            .iter()
            .map(|a| {
                a.to_str()
                    .map(str::to_string)
                    .ok_or_else(|| anyhow!("argument {a:?} is not valid UTF-8"))
            })
            .collect()
    }
}

#[derive(clap::Args, Debug)]
struct WastArgs {
    /// Start from exactly the feature set of WebAssembly 1.0, 2.0 or 3.0
    /// (`-W` switches then apply on top).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=3), default_value_t = 2)]
    spec: u32,
    #[command(flatten)]
    wasm: WasmOpts,
    /// The scripts to run.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => run(*args),
        Command::Wast(args) => wast(args),
        Command::Validate(args) => tools::validate(args),
        Command::Inspect(args) => tools::inspect(args),
        Command::Wat2wasm(args) => tools::wat2wasm(args),
        Command::Wasm2wat(args) => tools::wasm2wat(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Exit status of a trapped guest, as Wasmtime uses (128 + SIGABRT).
const TRAP_EXIT: u8 = 134;

/// The guest's WASI context from the command line.
fn wasi_ctx(args: &RunArgs) -> Result<WasiCtx> {
    let mut builder = WasiCtx::builder();
    builder.inherit_stdio();
    builder.arg(args.file().display().to_string());
    builder.args(&args.args()?);
    for var in &args.envs {
        match var.split_once('=') {
            Some((key, value)) => builder.env(key, value),
            None => match std::env::var(var) {
                Ok(value) => builder.env(var, value),
                Err(_) => bail!("--env {var}: the host has no such variable (use NAME=VALUE)"),
            },
        };
    }
    for addr in &args.tcplisten {
        let listener = std::net::TcpListener::bind(addr)
            .with_context(|| format!("--tcplisten {addr}: cannot listen"))?;
        builder.preopened_socket(listener);
    }
    let dirs = args.dirs.iter().map(|d| (d, false));
    for (spec, read_only) in dirs.chain(args.dirs_ro.iter().map(|d| (d, true))) {
        let (host, guest) = spec.split_once("::").unwrap_or((spec, spec));
        if host.is_empty() || guest.is_empty() {
            bail!("--dir {spec}: expected HOST or HOST::GUEST");
        }
        let (dir_perms, file_perms) = if read_only {
            (DirPerms::READ, FilePerms::READ)
        } else {
            (DirPerms::ALL, FilePerms::ALL)
        };
        builder
            .preopened_dir(host, guest, dir_perms, file_perms)
            .map_err(|e| anyhow!("--dir {spec}: {e}"))?;
    }
    Ok(builder.build())
}

/// The host state of `tern run`: the guest's WASI context and its limits.
struct Host {
    wasi: WasiCtx,
    limits: StoreLimits,
}

fn run(args: RunArgs) -> Result<ExitCode> {
    let mut config = Config::new();
    // As Wasmtime's CLI: compiled code is cached unless `-C cache=n`.
    config.cache(Cache::from_default_directory());
    if args.profile.as_deref() == Some("perfmap") {
        config.profiler(ProfilingStrategy::PerfMap);
    }
    let mut limits = args.limits.clone();
    args.wasm.apply(&mut config, Some(&mut limits))?;
    limits.configure(&mut config);
    let engine = Engine::new(&config).map_err(|e| anyhow!("{e}"))?;
    let module = Module::from_file(&engine, args.file()).map_err(|e| anyhow!("{e}"))?;
    let host = Host {
        wasi: wasi_ctx(&args)?,
        limits: limits.store_limits(),
    };
    let mut store = Store::new(&engine, host);
    store.limiter(|host| &mut host.limits);
    let mut linker = Linker::new(&engine);
    tern_wasi::add_to_linker(&mut linker, |host: &mut Host| &mut host.wasi)
        .map_err(|e| anyhow!("{e}"))?;
    limits.arm(&mut store, &engine)?;
    let finish = |e| finish(e, args.file(), &limits);
    let instance = match linker.instantiate(&mut store, &module) {
        Ok(instance) => instance,
        Err(e) => return finish(e),
    };
    // A reactor initializes itself before any export is called.
    if let Some(init) = instance.get_func(&store, "_initialize")
        && let Err(e) = init.call(&mut store, &[], &mut [])
    {
        return finish(e);
    }
    let Some(name) = &args.invoke else {
        // A command runs `_start`; a module without one has done its work
        // by being instantiated.
        return match instance.get_func(&store, "_start") {
            Some(start) => match start.call(&mut store, &[], &mut []) {
                Ok(()) => Ok(ExitCode::SUCCESS),
                Err(e) => finish(e),
            },
            None => Ok(ExitCode::SUCCESS),
        };
    };
    let func = instance
        .get_func(&store, name)
        .ok_or_else(|| anyhow!("module has no exported function `{name}`"))?;
    let ty = func.ty(&store);
    let texts = args.args()?;
    if texts.len() != ty.params().len() {
        bail!(
            "function `{name}` takes {} arguments, {} given",
            ty.params().len(),
            texts.len()
        );
    }
    let params = texts
        .iter()
        .zip(ty.params())
        .enumerate()
        .map(|(i, (text, ty))| {
            parse_arg(text, ty).with_context(|| format!("argument {} of `{name}`", i + 1))
        })
        .collect::<Result<Vec<_>>>()?;
    let mut results = vec![Val::I32(0); ty.results().len()];
    if let Err(e) = func.call(&mut store, &params, &mut results) {
        return finish(e);
    }
    for result in &results {
        println!("{}", format_val(result));
    }
    Ok(ExitCode::SUCCESS)
}

/// How a run that stopped with `e` ends: the guest's `proc_exit` status, a
/// trap, an uncaught exception or a limit (status 134, naming the limit), or
/// an error.
fn finish(e: tern::Error, file: &std::path::Path, limits: &LimitArgs) -> Result<ExitCode> {
    if let Some(exit) = e.downcast_ref::<I32Exit>() {
        return Ok(ExitCode::from(exit.0 as u8));
    }
    if e.trap().is_some()
        || matches!(
            e.kind(),
            tern::ErrorKind::ResourceLimit | tern::ErrorKind::Exception
        )
    {
        return Ok(report_trap(&e, limits.named_in(&e)));
    }
    bail!("failed to run `{}`: {e}", file.display())
}

fn report_trap(e: &tern::Error, limit: Option<String>) -> ExitCode {
    match limit {
        Some(limit) => eprintln!("error: {e} ({limit})"),
        None => eprintln!("error: {e}"),
    }
    if let Some(bt) = e.wasm_backtrace() {
        eprint!("{bt}");
    }
    ExitCode::from(TRAP_EXIT)
}

fn parse_int(text: &str) -> Option<i128> {
    let (neg, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let digits = digits.replace('_', "");
    let magnitude = match digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        Some(hex) => i128::from_str_radix(hex, 16).ok()?,
        None => digits.parse::<i128>().ok()?,
    };
    Some(if neg { -magnitude } else { magnitude })
}

fn parse_float(text: &str) -> Option<f64> {
    match text.to_ascii_lowercase().as_str() {
        "nan" | "+nan" => Some(f64::NAN),
        "-nan" => Some(-f64::NAN),
        "inf" | "+inf" | "infinity" => Some(f64::INFINITY),
        "-inf" | "-infinity" => Some(f64::NEG_INFINITY),
        other => other.parse::<f64>().ok(),
    }
}

fn parse_arg(text: &str, ty: &ValType) -> Result<Val> {
    let bad = || anyhow!("`{text}` is not a valid {ty}");
    Ok(match ty {
        ValType::I32 => {
            let v = parse_int(text).ok_or_else(bad)?;
            if !(i128::from(i32::MIN)..=i128::from(u32::MAX)).contains(&v) {
                return Err(bad());
            }
            Val::I32(v as i64 as i32)
        }
        ValType::I64 => {
            let v = parse_int(text).ok_or_else(bad)?;
            if !(i128::from(i64::MIN)..=i128::from(u64::MAX)).contains(&v) {
                return Err(bad());
            }
            Val::I64(v as i64)
        }
        ValType::F32 => {
            let v = match text.to_ascii_lowercase().as_str() {
                "nan" | "inf" | "-inf" | "+inf" | "-nan" | "+nan" => {
                    parse_float(text).ok_or_else(bad)? as f32
                }
                _ => text.parse::<f32>().map_err(|_| bad())?,
            };
            Val::F32(v.to_bits())
        }
        ValType::F64 => Val::F64(parse_float(text).ok_or_else(bad)?.to_bits()),
        ValType::V128 => {
            // A 128-bit integer, as printed for results (lane 0 lowest).
            let hex = text
                .strip_prefix("0x")
                .or_else(|| text.strip_prefix("0X"))
                .ok_or_else(bad)?;
            let v = u128::from_str_radix(&hex.replace('_', ""), 16).map_err(|_| bad())?;
            Val::V128(v.into())
        }
        other => bail!("cannot pass a {other} argument from the command line"),
    })
}

fn format_val(val: &Val) -> String {
    match val {
        Val::I32(v) => v.to_string(),
        Val::I64(v) => v.to_string(),
        Val::F32(bits) => f32::from_bits(*bits).to_string(),
        Val::F64(bits) => f64::from_bits(*bits).to_string(),
        Val::V128(v) => format!("{:#034x}", v.as_u128()),
        Val::FuncRef(None) | Val::ExternRef(None) | Val::ExnRef(None) | Val::AnyRef(None) => {
            "null".to_string()
        }
        Val::FuncRef(Some(_)) => "<funcref>".to_string(),
        Val::ExternRef(Some(_)) => "<externref>".to_string(),
        Val::ExnRef(Some(_)) => "<exnref>".to_string(),
        Val::AnyRef(Some(a)) => match a.as_i31() {
            Some(i) => format!("<i31ref {}>", i.get_i32()),
            None => "<anyref>".to_string(),
        },
    }
}

fn wast(args: WastArgs) -> Result<ExitCode> {
    let mut config = Config::new();
    config.spec_version(match args.spec {
        1 => SpecVersion::V1,
        2 => SpecVersion::V2,
        _ => SpecVersion::V3,
    });
    args.wasm.apply(&mut config, None)?;
    let (mut passed, mut failed) = (0, 0);
    for file in &args.files {
        let name = file.display().to_string();
        let source = match std::fs::read_to_string(file) {
            Ok(s) => s,
            Err(e) => {
                println!("{name}: cannot read: {e}");
                failed += 1;
                continue;
            }
        };
        let report = tern_wast::run_script(&config, &name, &source);
        println!("{report}");
        for failure in &report.failures {
            println!("  {failure}");
        }
        passed += report.passed;
        failed += report.failed;
    }
    println!("{passed} passed, {failed} failed");
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
