//! `tern`: run, test and inspect WebAssembly modules.

#![forbid(unsafe_code)]

use anyhow::{Context, Result, anyhow, bail};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use tern::{Config, Engine, Instance, Module, SpecVersion, Store, Val, ValType};

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
    Run(RunArgs),
    /// Runs WebAssembly specification test scripts (`.wast`).
    ///
    /// Prints one line per file, then `N passed, M failed` counting
    /// directives; exits with a non-zero status if anything failed.
    Wast(WastArgs),
}

/// WebAssembly feature switches, in Wasmtime's spelling.
#[derive(clap::Args, Debug, Default)]
struct WasmOpts {
    /// WebAssembly features: `-W simd=y|n`, `-W relaxed-simd=...`,
    /// `-W tail-call=...`, `-W extended-const=...`, `-W multi-memory=...`,
    /// `-W memory64=...`, `-W bulk-memory=...`, `-W multi-value=...`,
    /// `-W reference-types=...`, `-W function-references=...`, `-W gc=...`,
    /// `-W exceptions=...`; several may be given at once, comma-separated.
    /// A bare name means `=y`.
    #[arg(short = 'W', value_name = "KEY[=VAL]")]
    wasm: Vec<String>,
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
    /// Applies the switches to `config`, in the order given.
    fn apply(&self, config: &mut Config) -> Result<()> {
        for item in self.wasm.iter().flat_map(|arg| arg.split(',')) {
            let (key, value) = item.split_once('=').unwrap_or((item, "y"));
            let on = match value {
                "y" | "yes" | "true" => true,
                "n" | "no" | "false" => false,
                _ => bail!("-W {key}: expected `y` or `n`, got `{value}`"),
            };
            let Some((_, set)) = FEATURES.iter().find(|(name, _)| *name == key) else {
                let names: Vec<&str> = FEATURES.iter().map(|(name, _)| *name).collect();
                bail!("-W: unknown option `{key}` (known: {})", names.join(", "));
            };
            set(config, on);
        }
        Ok(())
    }
}

#[derive(clap::Args, Debug)]
struct RunArgs {
    #[command(flatten)]
    wasm: WasmOpts,
    /// The exported function to call.
    #[arg(long, value_name = "NAME")]
    invoke: Option<String>,
    /// The module to run.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Arguments of the invoked function (decimal or 0x hex integers; floats,
    /// `nan`, `inf`, `-inf`; a v128 as one 0x hex 128-bit integer, lane 0 in
    /// the lowest bits).
    #[arg(
        value_name = "ARGS",
        allow_hyphen_values = true,
        trailing_var_arg = true
    )]
    args: Vec<String>,
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
        Command::Run(args) => run(args),
        Command::Wast(args) => wast(args),
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

fn run(args: RunArgs) -> Result<ExitCode> {
    let mut config = Config::new();
    args.wasm.apply(&mut config)?;
    let engine = Engine::new(&config).map_err(|e| anyhow!("{e}"))?;
    let module = Module::from_file(&engine, &args.file).map_err(|e| anyhow!("{e}"))?;
    if let Some(import) = module.imports().next() {
        bail!(
            "module imports `{}::{}`, but `tern run` provides no imports yet",
            import.module(),
            import.name()
        );
    }
    let mut store = Store::new(&engine, ());
    let instance = match Instance::new(&mut store, &module, &[]) {
        Ok(instance) => instance,
        Err(e) if e.trap().is_some() => return Ok(report_trap(&e)),
        Err(e) => bail!("failed to instantiate `{}`: {e}", args.file.display()),
    };
    let name = match &args.invoke {
        Some(name) => name.clone(),
        None => {
            if instance.get_func(&store, "_start").is_none() {
                if !args.args.is_empty() {
                    bail!("arguments given, but no function to pass them to (use --invoke NAME)");
                }
                return Ok(ExitCode::SUCCESS);
            }
            "_start".to_string()
        }
    };
    let func = instance
        .get_func(&store, &name)
        .ok_or_else(|| anyhow!("module has no exported function `{name}`"))?;
    let ty = func.ty(&store);
    if args.args.len() != ty.params().len() {
        bail!(
            "function `{name}` takes {} arguments, {} given",
            ty.params().len(),
            args.args.len()
        );
    }
    let params = args
        .args
        .iter()
        .zip(ty.params())
        .enumerate()
        .map(|(i, (text, ty))| {
            parse_arg(text, ty).with_context(|| format!("argument {} of `{name}`", i + 1))
        })
        .collect::<Result<Vec<_>>>()?;
    let mut results = vec![Val::I32(0); ty.results().len()];
    if let Err(e) = func.call(&mut store, &params, &mut results) {
        if e.trap().is_some() {
            return Ok(report_trap(&e));
        }
        bail!("{e}");
    }
    for result in &results {
        println!("{}", format_val(result));
    }
    Ok(ExitCode::SUCCESS)
}

fn report_trap(e: &tern::Error) -> ExitCode {
    eprintln!("error: {e}");
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
        Val::FuncRef(None) | Val::ExternRef(None) => "null".to_string(),
        Val::FuncRef(Some(_)) => "<funcref>".to_string(),
        Val::ExternRef(Some(_)) => "<externref>".to_string(),
    }
}

fn wast(args: WastArgs) -> Result<ExitCode> {
    let mut config = Config::new();
    config.spec_version(match args.spec {
        1 => SpecVersion::V1,
        2 => SpecVersion::V2,
        _ => SpecVersion::V3,
    });
    args.wasm.apply(&mut config)?;
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
