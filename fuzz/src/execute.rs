//! `execute`: instantiates wasm-smith modules (every feature Tern implements,
//! no imports, everything exported) under fuel and a resource limiter, then
//! calls every exported function, and a few more at random, with arguments
//! from the input. Traps are fine; panics, hangs and host memory blow-ups
//! (see [`crate::guard`]) are findings, and so are errors that are neither
//! traps nor limits, and results of the wrong type. Half the modules run
//! in the interpreter, half compiled by the JIT.

use crate::values::{self, Arg, Kind};
use crate::{Ctx, Finding, note_key, smith};
use arbitrary::Unstructured;
use std::sync::OnceLock;
use tern::{ErrorKind, StoreLimits, StoreLimitsBuilder};

/// Fuel for the start function, and again before each call.
pub const FUEL: u64 = 100_000;
/// Calls made after one call of each export, chosen by the input.
const EXTRA_CALLS: usize = 8;

/// The host state of a store: its limits.
#[derive(Debug)]
pub struct Data {
    pub limits: StoreLimits,
}

/// The limits every store of the targets gets.
pub fn limits() -> StoreLimits {
    StoreLimitsBuilder::new()
        .memory_size(64 << 20)
        .table_elements(100_000)
        .build()
}

/// The engine a module runs on: the interpreter's or the JIT's, by the
/// parity of the module's size (so both tiers get half of the inputs, and a
/// saved module always replays on the same one).
fn engine(wasm: &[u8]) -> &'static tern::Engine {
    static ENGINES: OnceLock<[tern::Engine; 2]> = OnceLock::new();
    let engines = ENGINES.get_or_init(|| {
        [tern::Strategy::Interpreter, tern::Strategy::Jit].map(|strategy| {
            let mut config = tern::Config::new();
            config.consume_fuel(true).wasm_gc(true).strategy(strategy);
            tern::Engine::new(&config).expect("fuel engine")
        })
    });
    &engines[wasm.len() % 2]
}

/// Runs one input.
pub fn run(data: &[u8], ctx: &mut Ctx) -> Result<(), Finding> {
    let mut u = Unstructured::new(data);
    let Ok(config) = smith::execute_config(&mut u) else {
        return Ok(());
    };
    let wasm = match wasm_smith::Module::new(config, &mut u) {
        Ok(m) => m.to_bytes(),
        Err(_) => {
            ctx.note("execute: wasm-smith gave up");
            return Ok(());
        }
    };
    check_module(&wasm, &mut u, ctx)
}

/// What an error from Tern means here.
fn classify(ctx: &mut Ctx, what: &str, e: &tern::Error) -> Result<(), Finding> {
    match e.kind() {
        ErrorKind::Trap(t) => {
            ctx.note(format!("execute: {what}: trap: {t:?}"));
            Ok(())
        }
        ErrorKind::ResourceLimit => {
            ctx.note(format!("execute: {what}: resource limit"));
            Ok(())
        }
        // An exception nothing caught: the guest's own outcome, as a trap.
        ErrorKind::Exception if e.exception().is_some() => {
            ctx.note(format!("execute: {what}: uncaught exception"));
            Ok(())
        }
        ErrorKind::Unsupported => {
            ctx.note(note_key(
                &format!("execute: {what}: unsupported"),
                e.message(),
                60,
            ));
            Ok(())
        }
        kind => Err(Finding::new(
            format!("{what} failed with {kind:?}"),
            format!("{what}: {kind:?}: {}", e.message()),
        )),
    }
}

/// Instantiates `wasm` and calls its exports with arguments from `u`.
pub fn check_module(wasm: &[u8], u: &mut Unstructured<'_>, ctx: &mut Ctx) -> Result<(), Finding> {
    ctx.set_module(wasm);
    let engine = engine(wasm);
    let module = match tern::Module::new(engine, wasm) {
        Ok(m) => m,
        Err(e) if e.kind() == ErrorKind::Unsupported => {
            ctx.note(note_key(
                "execute: rejected as unsupported",
                e.message(),
                60,
            ));
            return Ok(());
        }
        Err(e) => {
            return Err(Finding::new(
                format!("rejected a valid wasm-smith module ({:?})", e.kind()),
                format!("{:?}: {}", e.kind(), e.message()),
            ));
        }
    };
    let mut store = tern::Store::new(engine, Data { limits: limits() });
    store.limiter(|d| &mut d.limits);
    // Fuel before instantiation: the start function must stop too.
    store.set_fuel(FUEL).expect("fuel is on");
    let instance = match tern::Instance::new(&mut store, &module, &[]) {
        Ok(i) => i,
        Err(e) => {
            if ctx.verbose {
                eprintln!("instantiate: {:?}: {}", e.kind(), e.message());
            }
            return classify(ctx, "instantiate", &e);
        }
    };
    ctx.note("execute: instantiated");
    let funcs: Vec<(String, tern::Func)> = instance
        .exports(&mut store)
        .filter_map(|e| {
            let name = e.name().to_string();
            e.into_extern().into_func().map(|f| (name, f))
        })
        .collect();
    let plain: Vec<tern::Func> = funcs.iter().map(|(_, f)| *f).collect();
    let mut order: Vec<usize> = (0..funcs.len()).collect();
    for _ in 0..EXTRA_CALLS {
        if funcs.is_empty() || u.is_empty() {
            break;
        }
        order.push(u.choose_index(funcs.len()).unwrap_or(0));
    }
    for i in order {
        let (name, func) = &funcs[i];
        let ty = func.ty(&store);
        let args: Vec<Arg> = ty
            .params()
            .iter()
            .map(|t| {
                let nullable = t.as_ref().is_none_or(|r| r.is_nullable());
                values::arg(u, Kind::of_tern(t), plain.len(), nullable).unwrap_or(Arg::I32(0))
            })
            .collect();
        let vals: Vec<tern::Val> = args
            .iter()
            .map(|a| values::to_tern(*a, &plain, &mut store))
            .collect();
        // A non-null typed reference the host cannot make (a struct, or a
        // function of another type): the call would be refused up front.
        if vals.iter().zip(ty.params()).any(|(v, t)| !v.matches_ty(&store, t)) {
            ctx.note("execute: call skipped: no argument of a parameter's type");
            continue;
        }
        let mut results: Vec<tern::Val> = ty
            .results()
            .iter()
            .map(|t| tern::Val::default_for(t).unwrap_or(tern::Val::I32(0)))
            .collect();
        store.set_fuel(FUEL).expect("fuel is on");
        let outcome = func.call(&mut store, &vals, &mut results);
        if ctx.verbose {
            eprintln!(
                "call {name}{} -> {}",
                values::list(&args),
                match &outcome {
                    Ok(()) => values::list(
                        &results
                            .iter()
                            .map(|v| values::norm_tern(v, &store))
                            .collect::<Vec<_>>()
                    ),
                    Err(e) => format!("{:?}: {}", e.kind(), e.message()),
                }
            );
        }
        match outcome {
            Ok(()) => {
                ctx.note("execute: call returned");
                for (v, t) in results.iter().zip(ty.results()) {
                    if !v.matches_ty(&store, t) {
                        return Err(Finding::new(
                            "a result of the wrong type",
                            format!(
                                "call {name}{}: result {v:?} for type {t:?}",
                                values::list(&args)
                            ),
                        ));
                    }
                }
            }
            Err(e) => classify(ctx, "call", &e).map_err(|mut f| {
                f.detail = format!("call {name}{}: {}", values::list(&args), f.detail);
                f
            })?,
        }
    }
    Ok(())
}
