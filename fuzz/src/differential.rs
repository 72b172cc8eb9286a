//! `differential`: runs deterministic wasm-smith modules on Tern and on wasmi
//! (the oracle), then (a module of the same bytes with relaxed SIMD too) on
//! Tern's interpreter and its JIT (`tiers.rs`), and
//! compares, call by call, the results or traps, then every
//! exported memory (bytes), global (value) and table (size, null-ness of
//! elements). Instantiation must succeed on both or fail on both, with the
//! same trap if the start function traps.
//!
//! Both engines run metered, with the same fuel per call as a termination
//! guard only: their fuel models differ, so once either runs out of fuel the
//! module is not compared any further. The same goes for call-stack
//! exhaustion (the engines' stack limits differ, and with them how far a
//! recursion got before it trapped) and for anything Tern calls unsupported.

use crate::execute::{Data, limits};
use crate::values::{self, Arg, Kind, Norm};
use crate::{Ctx, Finding, note_key, smith};
use arbitrary::Unstructured;
use std::fmt;
use std::sync::OnceLock;

/// Fuel for the start function, and again before each call, on both
/// engines.
pub const FUEL: u64 = 300_000;
/// Calls made after one call of each export, chosen by the input.
const EXTRA_CALLS: usize = 8;
/// Table elements compared (from the start) after each call.
const TABLE_ELEMS_COMPARED: u64 = 4096;

fn tern_engine() -> &'static tern::Engine {
    static ENGINE: OnceLock<tern::Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let mut config = tern::Config::new();
        // The interpreter against wasmi (the default, tiered, would tier up
        // at times that vary from run to run; `tiers.rs` compares the JIT).
        config
            .consume_fuel(true)
            .wasm_relaxed_simd(false)
            .strategy(tern::Strategy::Interpreter);
        tern::Engine::new(&config).expect("fuel engine")
    })
}

fn wasmi_engine() -> &'static wasmi::Engine {
    static ENGINE: OnceLock<wasmi::Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let mut config = wasmi::Config::default();
        config
            .consume_fuel(true)
            .wasm_mutable_global(true)
            .wasm_sign_extension(true)
            .wasm_saturating_float_to_int(true)
            .wasm_multi_value(true)
            .wasm_bulk_memory(true)
            .wasm_reference_types(true)
            .wasm_simd(true)
            .wasm_relaxed_simd(false)
            .wasm_tail_call(true)
            .wasm_extended_const(true)
            .wasm_multi_memory(true)
            .wasm_memory64(true);
        wasmi::Engine::new(&config)
    })
}

/// wasmi's store data: its limits.
#[derive(Debug)]
struct WasmiData {
    limits: wasmi::StoreLimits,
}

fn wasmi_limits() -> wasmi::StoreLimits {
    wasmi::StoreLimitsBuilder::new()
        .memory_size(64 << 20)
        .table_elements(100_000)
        .build()
}

/// Runs one input.
pub fn run(data: &[u8], ctx: &mut Ctx) -> Result<(), Finding> {
    let mut u = Unstructured::new(data);
    let Ok(config) = smith::differential_config(&mut u) else {
        return Ok(());
    };
    let wasm = match wasm_smith::Module::new(config, &mut u) {
        Ok(m) => m.to_bytes(),
        Err(_) => {
            ctx.note("differential: wasm-smith gave up");
            return Ok(());
        }
    };
    let rest = u.take_rest();
    check_module(&wasm, &mut Unstructured::new(rest), ctx)?;
    // The tiers compare a module of the same bytes with relaxed SIMD too.
    let mut u = Unstructured::new(data);
    let Ok(config) = smith::tiers_config(&mut u) else {
        return Ok(());
    };
    let wasm = match wasm_smith::Module::new(config, &mut u) {
        Ok(m) => m.to_bytes(),
        Err(_) => {
            ctx.note("tiers: wasm-smith gave up");
            return Ok(());
        }
    };
    crate::tiers::check_module(&wasm, &mut Unstructured::new(u.take_rest()), ctx)
}

/// A trap, as both engines can name it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum TrapKind {
    MemoryOutOfBounds,
    TableOutOfBounds,
    IndirectCallToNull,
    BadSignature,
    IntegerOverflow,
    IntegerDivisionByZero,
    BadConversionToInteger,
    Unreachable,
    NullReference,
    Other(String),
}

/// What a call or an instantiation did.
#[derive(Debug, Clone)]
enum Outcome {
    Values(Vec<Norm>),
    Trap(TrapKind),
    OutOfFuel,
    StackOverflow,
    /// Tern: a feature or limit it does not implement.
    Unsupported(String),
    /// Any other error (a resource limit, for instance).
    Error(String),
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Values(v) => write!(f, "returned {}", values::list(v)),
            Outcome::Trap(t) => write!(f, "trap {t:?}"),
            Outcome::OutOfFuel => f.write_str("out of fuel"),
            Outcome::StackOverflow => f.write_str("call stack exhausted"),
            Outcome::Unsupported(m) => write!(f, "unsupported: {m}"),
            Outcome::Error(m) => write!(f, "error: {m}"),
        }
    }
}

fn tern_outcome(e: &tern::Error) -> Outcome {
    use tern::Trap as T;
    match e.kind() {
        tern::ErrorKind::Trap(t) => match t {
            T::OutOfFuel => Outcome::OutOfFuel,
            T::StackOverflow => Outcome::StackOverflow,
            T::MemoryOutOfBounds => Outcome::Trap(TrapKind::MemoryOutOfBounds),
            T::TableOutOfBounds => Outcome::Trap(TrapKind::TableOutOfBounds),
            T::IndirectCallToNull => Outcome::Trap(TrapKind::IndirectCallToNull),
            T::BadSignature => Outcome::Trap(TrapKind::BadSignature),
            T::IntegerOverflow => Outcome::Trap(TrapKind::IntegerOverflow),
            T::IntegerDivisionByZero => Outcome::Trap(TrapKind::IntegerDivisionByZero),
            T::BadConversionToInteger => Outcome::Trap(TrapKind::BadConversionToInteger),
            T::UnreachableCodeReached => Outcome::Trap(TrapKind::Unreachable),
            T::NullReference => Outcome::Trap(TrapKind::NullReference),
            other => Outcome::Trap(TrapKind::Other(format!("{other:?}"))),
        },
        tern::ErrorKind::Unsupported => Outcome::Unsupported(e.message().to_string()),
        kind => Outcome::Error(format!("{kind:?}: {}", e.message())),
    }
}

fn wasmi_outcome(e: &wasmi::Error) -> Outcome {
    use wasmi::TrapCode as C;
    match e.as_trap_code() {
        Some(C::OutOfFuel) => Outcome::OutOfFuel,
        Some(C::StackOverflow) => Outcome::StackOverflow,
        Some(C::MemoryOutOfBounds) => Outcome::Trap(TrapKind::MemoryOutOfBounds),
        Some(C::TableOutOfBounds) => Outcome::Trap(TrapKind::TableOutOfBounds),
        Some(C::IndirectCallToNull) => Outcome::Trap(TrapKind::IndirectCallToNull),
        Some(C::BadSignature) => Outcome::Trap(TrapKind::BadSignature),
        Some(C::IntegerOverflow) => Outcome::Trap(TrapKind::IntegerOverflow),
        Some(C::IntegerDivisionByZero) => Outcome::Trap(TrapKind::IntegerDivisionByZero),
        Some(C::BadConversionToInteger) => Outcome::Trap(TrapKind::BadConversionToInteger),
        Some(C::UnreachableCodeReached) => Outcome::Trap(TrapKind::Unreachable),
        Some(other) => Outcome::Trap(TrapKind::Other(format!("{other:?}"))),
        None => {
            let msg = e.to_string();
            // wasmi's fault: an active element or data segment that does not
            // fit its table or memory makes instantiation fail with a plain
            // error ("out of bounds table access: ... does not fit N elements
            // starting from offset M"), where the spec traps (as Tern does).
            if msg.contains("out of bounds table access") {
                Outcome::Trap(TrapKind::TableOutOfBounds)
            } else if msg.contains("out of bounds memory access") {
                Outcome::Trap(TrapKind::MemoryOutOfBounds)
            } else {
                Outcome::Error(msg)
            }
        }
    }
}

/// How two outcomes compare.
enum Verdict {
    Same,
    /// Not comparable from here on (fuel, stack depth, unsupported).
    Stop(&'static str),
    Differ,
}

fn compare(t: &Outcome, w: &Outcome) -> Verdict {
    use Outcome as O;
    match (t, w) {
        (O::Unsupported(_), _) => Verdict::Stop("tern unsupported"),
        (O::OutOfFuel, _) | (_, O::OutOfFuel) => Verdict::Stop("out of fuel"),
        // Stack limits differ (Tern: 100 000 frames; wasmi: its own
        // recursion depth and value stack), and so does how far a deep
        // recursion got: a call-stack exhaustion on either side is not
        // compared, nor is anything after it.
        (O::StackOverflow, _) | (_, O::StackOverflow) => Verdict::Stop("call stack exhausted"),
        (O::Values(a), O::Values(b)) if a == b => Verdict::Same,
        (O::Trap(a), O::Trap(b)) if a == b => Verdict::Same,
        // Errors that are not traps (resource limits at instantiation): both
        // failed, which is what matters; their wording is the engines' own.
        (O::Error(_), O::Error(_)) => Verdict::Same,
        _ => Verdict::Differ,
    }
}

struct Exports {
    funcs: Vec<(String, tern::Func, wasmi::Func)>,
    memories: Vec<(String, tern::Memory, wasmi::Memory)>,
    globals: Vec<(String, tern::Global, wasmi::Global)>,
    tables: Vec<(String, tern::Table, wasmi::Table)>,
}

fn exports(
    ti: &tern::Instance,
    ts: &mut tern::Store<Data>,
    wi: &wasmi::Instance,
    ws: &wasmi::Store<WasmiData>,
) -> Result<Exports, Finding> {
    let mut ex = Exports {
        funcs: Vec::new(),
        memories: Vec::new(),
        globals: Vec::new(),
        tables: Vec::new(),
    };
    let list: Vec<(String, tern::Extern)> = ti
        .exports(&mut *ts)
        .map(|e| (e.name().to_string(), e.into_extern()))
        .collect();
    for (name, t) in list {
        let missing = || Finding::new("an export is missing on wasmi", name.clone());
        let w = wi.get_export(ws, &name).ok_or_else(missing)?;
        match t {
            tern::Extern::Func(f) => {
                ex.funcs
                    .push((name.clone(), f, w.into_func().ok_or_else(missing)?))
            }
            tern::Extern::Memory(m) => {
                ex.memories
                    .push((name.clone(), m, w.into_memory().ok_or_else(missing)?))
            }
            tern::Extern::Global(g) => {
                ex.globals
                    .push((name.clone(), g, w.into_global().ok_or_else(missing)?))
            }
            tern::Extern::Table(t) => {
                ex.tables
                    .push((name.clone(), t, w.into_table().ok_or_else(missing)?))
            }
            // The modules compared with wasmi have no exception handling.
            tern::Extern::Tag(_) => {}
        }
    }
    Ok(ex)
}

/// Compares everything exported that holds state.
fn compare_state(
    ex: &Exports,
    ts: &tern::Store<Data>,
    ws: &wasmi::Store<WasmiData>,
) -> Result<(), String> {
    for (name, tm, wm) in &ex.memories {
        let a = tm.data(ts);
        let b = wm.data(ws);
        if a.len() != b.len() {
            return Err(format!(
                "memory {name:?}: size {} bytes on Tern, {} on wasmi",
                a.len(),
                b.len()
            ));
        }
        if a != b {
            let at = a.iter().zip(b).position(|(x, y)| x != y).unwrap_or(0);
            let end = (at + 16).min(a.len());
            return Err(format!(
                "memory {name:?}: first difference at byte {at}: Tern {:02x?}, wasmi {:02x?}",
                &a[at..end],
                &b[at..end]
            ));
        }
    }
    for (name, tg, wg) in &ex.globals {
        let a = values::norm_tern(&tg.get(ts), ts);
        let b = values::norm_wasmi(&wg.get(ws), ws);
        if a != b {
            return Err(format!("global {name:?}: Tern {a}, wasmi {b}"));
        }
    }
    for (name, tt, wt) in &ex.tables {
        let (a, b) = (tt.size(ts), wt.size(ws));
        if a != b {
            return Err(format!("table {name:?}: size {a} on Tern, {b} on wasmi"));
        }
        for i in 0..a.min(TABLE_ELEMS_COMPARED) {
            let x = tt.get(ts, i).map(|r| r.is_null());
            let y = wt.get(ws, i).map(|r| r.is_null());
            if x != y {
                return Err(format!(
                    "table {name:?}: element {i} null: Tern {x:?}, wasmi {y:?}"
                ));
            }
        }
    }
    Ok(())
}

/// Whether `wasm` has a `select` whose condition is computed by `i32.eqz`,
/// `i32.eq` or `i32.ne` right before it (`nop`s aside).
///
/// wasmi 2.0.0 miscompiles that: its translator fuses the comparison into the
/// `select` (dropping the comparison and swapping the operands) but then
/// reads the condition from the register the dropped comparison would have
/// written, which holds a stale value (`translate_select` and
/// `try_fuse_select` in its `engine/translator/func/mod.rs`). So
/// `(select (i32.const 1) (local.get 0) (i32.eqz (local.get 0)))` after a
/// `global.get` or `memory.size` gives 0 for `local 0 = 0`, where the answer
/// is 1. wasm-smith emits exactly this to guard divisions when it avoids
/// traps. Such modules are not compared (set `TERN_FUZZ_UNFILTERED=1` to
/// compare them anyway); the reproducer is in fuzz/README.md.
pub fn has_wasmi_select_fusion(wasm: &[u8]) -> bool {
    use wasmparser::{Operator as O, Parser, Payload};
    for payload in Parser::new(0).parse_all(wasm) {
        let Ok(Payload::CodeSectionEntry(body)) = payload else {
            continue;
        };
        let Ok(mut ops) = body.get_operators_reader() else {
            continue;
        };
        let mut prev_cmp = false;
        while !ops.eof() {
            let Ok(op) = ops.read() else {
                break;
            };
            match op {
                O::Nop => {}
                O::Select | O::TypedSelect { .. } | O::TypedSelectMulti { .. } if prev_cmp => {
                    return true;
                }
                O::I32Eqz | O::I32Eq | O::I32Ne => prev_cmp = true,
                _ => prev_cmp = false,
            }
        }
    }
    false
}

/// Whether `wasm` has an `if` with block parameters whose arms hold a
/// nested `block`, `loop` or `if`.
///
/// wasmi 2.0.0 miscompiles that: a value pushed by `local.get` below such an
/// `if` reads as garbage after it when the arm with the nested block did not
/// run (wasmi gives 65536 for Tern's, V8's and the spec's 0 in the fuzzer's
/// finding; a made-up value in smaller cases). Found by the differential
/// target on seed 9009 (2026-12-04); the reproducer is in fuzz/README.md and
/// Tern's own test of the pattern in `crates/tern/tests/translate.rs`. Such
/// modules are not compared (`TERN_FUZZ_UNFILTERED=1` compares them anyway).
pub fn has_wasmi_if_param_nesting(wasm: &[u8]) -> bool {
    use wasmparser::{BlockType, CompositeInnerType, Operator as O, Parser, Payload};
    // Whether each type index is a function type with parameters.
    let mut has_params: Vec<bool> = Vec::new();
    for payload in Parser::new(0).parse_all(wasm) {
        match payload {
            Ok(Payload::TypeSection(reader)) => {
                for group in reader.into_iter().flatten() {
                    for ty in group.types() {
                        has_params.push(match &ty.composite_type.inner {
                            CompositeInnerType::Func(f) => !f.params().is_empty(),
                            _ => false,
                        });
                    }
                }
            }
            Ok(Payload::CodeSectionEntry(body)) => {
                let Ok(mut ops) = body.get_operators_reader() else {
                    continue;
                };
                // For each open block: whether it is an `if` with parameters.
                let mut open: Vec<bool> = Vec::new();
                while !ops.eof() {
                    let Ok(op) = ops.read() else {
                        break;
                    };
                    let opens = match op {
                        O::If { blockty } => Some(match blockty {
                            BlockType::FuncType(i) => {
                                has_params.get(i as usize).copied().unwrap_or(false)
                            }
                            _ => false,
                        }),
                        O::Block { .. } | O::Loop { .. } | O::TryTable { .. } | O::Try { .. } => {
                            Some(false)
                        }
                        _ => None,
                    };
                    if let Some(if_with_params) = opens {
                        if open.iter().any(|&p| p) {
                            return true;
                        }
                        open.push(if_with_params);
                    } else if matches!(op, O::End) {
                        open.pop();
                    }
                }
            }
            _ => {}
        }
    }
    false
}

/// Runs `wasm` on both engines and compares.
pub fn check_module(wasm: &[u8], u: &mut Unstructured<'_>, ctx: &mut Ctx) -> Result<(), Finding> {
    ctx.set_module(wasm);
    if has_wasmi_select_fusion(wasm) && std::env::var_os("TERN_FUZZ_UNFILTERED").is_none() {
        ctx.note("differential: skipped: select after i32.eqz/eq/ne (wasmi 2.0.0 bug)");
        return Ok(());
    }
    if has_wasmi_if_param_nesting(wasm) && std::env::var_os("TERN_FUZZ_UNFILTERED").is_none() {
        ctx.note("differential: skipped: block nested in an if with parameters (wasmi 2.0.0 bug)");
        return Ok(());
    }
    let tmodule = match tern::Module::new(tern_engine(), wasm) {
        Ok(m) => Ok(m),
        Err(e) if e.kind() == tern::ErrorKind::Unsupported => {
            ctx.note(note_key(
                "differential: rejected as unsupported",
                e.message(),
                60,
            ));
            return Ok(());
        }
        Err(e) => Err(e),
    };
    let wmodule = wasmi::Module::new(wasmi_engine(), wasm);
    let (tmodule, wmodule) = match (tmodule, wmodule) {
        (Ok(t), Ok(w)) => (t, w),
        (Ok(_), Err(e)) => {
            ctx.note(note_key("differential: wasmi rejected", &e.to_string(), 60));
            return Ok(());
        }
        (Err(e), Ok(_)) => {
            return Err(Finding::new(
                format!("rejected a module wasmi accepts ({:?})", e.kind()),
                format!("tern: {:?}: {}", e.kind(), e.message()),
            ));
        }
        (Err(_), Err(_)) => {
            ctx.note("differential: both rejected");
            return Ok(());
        }
    };

    let mut ts = tern::Store::new(tern_engine(), Data { limits: limits() });
    ts.limiter(|d| &mut d.limits);
    ts.set_fuel(FUEL).expect("fuel is on");
    let mut ws = wasmi::Store::new(
        wasmi_engine(),
        WasmiData {
            limits: wasmi_limits(),
        },
    );
    ws.limiter(|d| &mut d.limits);
    ws.set_fuel(FUEL).expect("fuel is on");

    let ti = tern::Instance::new(&mut ts, &tmodule, &[]);
    let wi = wasmi::Instance::new(&mut ws, &wmodule, &[]);
    let (ti, wi) = match (ti, wi) {
        (Ok(t), Ok(w)) => (t, w),
        (t, w) => {
            let to = t
                .err()
                .map_or(Outcome::Values(vec![]), |e| tern_outcome(&e));
            let wo = w
                .err()
                .map_or(Outcome::Values(vec![]), |e| wasmi_outcome(&e));
            if ctx.verbose {
                eprintln!("instantiate: tern {to}; wasmi {wo}");
            }
            return match compare(&to, &wo) {
                Verdict::Same => {
                    ctx.note("differential: instantiation failed on both");
                    Ok(())
                }
                Verdict::Stop(why) => {
                    ctx.note(format!("differential: stopped at instantiation: {why}"));
                    Ok(())
                }
                Verdict::Differ => Err(Finding::new(
                    format!("instantiation differs: {} vs {}", short(&to), short(&wo)),
                    format!("instantiate: tern {to}\ninstantiate: wasmi {wo}"),
                )),
            };
        }
    };
    ctx.note("differential: instantiated");
    let ex = exports(&ti, &mut ts, &wi, &ws)?;
    if let Err(what) = compare_state(&ex, &ts, &ws) {
        return Err(Finding::new("state differs after instantiation", what));
    }

    let tfuncs: Vec<tern::Func> = ex.funcs.iter().map(|f| f.1).collect();
    let wfuncs: Vec<wasmi::Func> = ex.funcs.iter().map(|f| f.2).collect();
    let mut order: Vec<usize> = (0..ex.funcs.len()).collect();
    for _ in 0..EXTRA_CALLS {
        if ex.funcs.is_empty() || u.is_empty() {
            break;
        }
        order.push(u.choose_index(ex.funcs.len()).unwrap_or(0));
    }
    let mut log = String::new();
    for i in order {
        let (name, tf, wf) = &ex.funcs[i];
        let ty = tf.ty(&ts);
        let args: Vec<Arg> = ty
            .params()
            .iter()
            .map(|t| {
                let nullable = t.as_ref().is_none_or(|r| r.is_nullable());
                values::arg(u, Kind::of_tern(t), tfuncs.len(), nullable).unwrap_or(Arg::I32(0))
            })
            .collect();
        let tvals: Vec<tern::Val> = args
            .iter()
            .map(|a| values::to_tern(*a, &tfuncs, &mut ts))
            .collect();
        let wvals: Vec<wasmi::Val> = args
            .iter()
            .map(|a| values::to_wasmi(*a, &wfuncs, &mut ws))
            .collect();
        let mut tres: Vec<tern::Val> = ty
            .results()
            .iter()
            .map(|t| tern::Val::default_for(t).unwrap_or(tern::Val::I32(0)))
            .collect();
        let wty = wf.ty(&ws);
        let mut wres: Vec<wasmi::Val> = wty
            .results()
            .iter()
            .map(|t| wasmi::Val::default_for_ty(*t))
            .collect();

        ts.set_fuel(FUEL).expect("fuel is on");
        ws.set_fuel(FUEL).expect("fuel is on");
        let to = match tf.call(&mut ts, &tvals, &mut tres) {
            Ok(()) => Outcome::Values(tres.iter().map(|v| values::norm_tern(v, &ts)).collect()),
            Err(e) => tern_outcome(&e),
        };
        let wo = match wf.call(&mut ws, &wvals, &mut wres) {
            Ok(()) => Outcome::Values(wres.iter().map(|v| values::norm_wasmi(v, &ws)).collect()),
            Err(e) => wasmi_outcome(&e),
        };
        let call = format!("call {name}{}", values::list(&args));
        log.push_str(&format!("{call}: tern {to}; wasmi {wo}\n"));
        if ctx.verbose {
            eprintln!("{call}: tern {to}; wasmi {wo}");
        }
        match compare(&to, &wo) {
            Verdict::Same => {}
            Verdict::Stop(why) => {
                if let Outcome::Unsupported(m) = &to {
                    ctx.note(note_key("differential: call unsupported", m, 60));
                }
                ctx.note(format!("differential: stopped comparing: {why}"));
                return Ok(());
            }
            Verdict::Differ => {
                return Err(Finding::new(
                    format!("call outcome differs: {} vs {}", short(&to), short(&wo)),
                    log,
                ));
            }
        }
        ctx.note("differential: call compared");
        if let Err(what) = compare_state(&ex, &ts, &ws) {
            return Err(Finding::new(
                "state differs after a call",
                format!("{log}{what}"),
            ));
        }
    }
    Ok(())
}

/// An outcome in a few words, for a finding's signature.
fn short(o: &Outcome) -> String {
    match o {
        Outcome::Values(_) => "values".into(),
        Outcome::Trap(t) => format!("trap {t:?}"),
        Outcome::OutOfFuel => "out of fuel".into(),
        Outcome::StackOverflow => "stack overflow".into(),
        Outcome::Unsupported(_) => "unsupported".into(),
        Outcome::Error(_) => "error".into(),
    }
}
