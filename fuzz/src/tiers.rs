//! Part of `differential`: the same module and calls on Tern's two tiers,
//! the interpreter and the JIT, compared call by call: results or traps,
//! then every exported memory, global and table, and, since both tiers
//! follow one fuel cost model, the fuel left after every call, also when
//! a call runs out of fuel. Only call-stack exhaustion stops the comparison
//! (the tiers' stack limits differ: frames against native stack bytes).

use crate::execute::{Data, limits};
use crate::values::{self, Arg, Kind, Norm};
use crate::{Ctx, Finding, note_key};
use arbitrary::Unstructured;
use std::sync::OnceLock;

/// Fuel for instantiation and for each call, on both tiers.
const FUEL: u64 = crate::differential::FUEL;
/// Calls made after one call of each export, chosen by the input.
const EXTRA_CALLS: usize = 8;
/// Table elements compared (from the start) after each call.
const TABLE_ELEMS_COMPARED: u64 = 4096;

fn engine(strategy: tern::Strategy) -> tern::Engine {
    let mut config = tern::Config::new();
    // Relaxed SIMD on: both tiers make one choice per instruction.
    config
        .consume_fuel(true)
        .wasm_relaxed_simd(true)
        .wasm_gc(true)
        // Cranelift checks the IR of every function it compiles.
        .cranelift_debug_verifier(true)
        .strategy(strategy);
    tern::Engine::new(&config).expect("fuel engine")
}

/// The interpreter's engine and the JIT's.
fn engines() -> &'static (tern::Engine, tern::Engine) {
    static ENGINES: OnceLock<(tern::Engine, tern::Engine)> = OnceLock::new();
    ENGINES.get_or_init(|| {
        (
            engine(tern::Strategy::Interpreter),
            engine(tern::Strategy::Jit),
        )
    })
}

/// What a call or an instantiation did, as both tiers report it.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Values(Vec<Norm>),
    /// A trap, an error or a resource limit, by its message.
    Failed(String),
    StackOverflow,
}

fn outcome(r: Result<Vec<Norm>, tern::Error>) -> Outcome {
    match r {
        Ok(v) => Outcome::Values(v),
        Err(e) if e.trap() == Some(tern::Trap::StackOverflow) => Outcome::StackOverflow,
        Err(e) => Outcome::Failed(format!("{:?}: {}", e.kind(), e.message())),
    }
}

struct Side {
    store: tern::Store<Data>,
    funcs: Vec<(String, tern::Func)>,
    memories: Vec<(String, tern::Memory)>,
    globals: Vec<(String, tern::Global)>,
    tables: Vec<(String, tern::Table)>,
}

impl Side {
    fn new(engine: &tern::Engine) -> Side {
        let mut store = tern::Store::new(engine, Data { limits: limits() });
        store.limiter(|d| &mut d.limits);
        store.set_fuel(FUEL).expect("fuel is on");
        Side {
            store,
            funcs: Vec::new(),
            memories: Vec::new(),
            globals: Vec::new(),
            tables: Vec::new(),
        }
    }

    fn take_exports(&mut self, instance: &tern::Instance) {
        let list: Vec<(String, tern::Extern)> = instance
            .exports(&mut self.store)
            .map(|e| (e.name().to_string(), e.into_extern()))
            .collect();
        for (name, item) in list {
            match item {
                tern::Extern::Func(f) => self.funcs.push((name, f)),
                tern::Extern::Memory(m) => self.memories.push((name, m)),
                tern::Extern::Global(g) => self.globals.push((name, g)),
                tern::Extern::Table(t) => self.tables.push((name, t)),
                tern::Extern::Tag(_) => {}
            }
        }
    }

    fn call(&mut self, index: usize, args: &[Arg]) -> Outcome {
        let funcs: Vec<tern::Func> = self.funcs.iter().map(|f| f.1).collect();
        let func = funcs[index];
        let ty = func.ty(&self.store);
        let vals: Vec<tern::Val> = args
            .iter()
            .map(|a| values::to_tern(*a, &funcs, &mut self.store))
            .collect();
        let mut results: Vec<tern::Val> = ty
            .results()
            .iter()
            .map(|t| tern::Val::default_for(t).unwrap_or(tern::Val::I32(0)))
            .collect();
        self.store.set_fuel(FUEL).expect("fuel is on");
        let r = func.call(&mut self.store, &vals, &mut results).map(|()| {
            results
                .iter()
                .map(|v| values::norm_tern(v, &self.store))
                .collect()
        });
        outcome(r)
    }

    fn fuel(&self) -> u64 {
        self.store.get_fuel().expect("fuel is on")
    }
}

/// Compares everything exported that holds state.
fn compare_state(a: &Side, b: &Side) -> Result<(), String> {
    for ((name, ma), (_, mb)) in a.memories.iter().zip(&b.memories) {
        let (x, y) = (ma.data(&a.store), mb.data(&b.store));
        if x != y {
            let at = x.iter().zip(y).position(|(p, q)| p != q).unwrap_or(0);
            return Err(format!(
                "memory {name:?}: {} vs {} bytes, first difference at {at}",
                x.len(),
                y.len()
            ));
        }
    }
    for ((name, ga), (_, gb)) in a.globals.iter().zip(&b.globals) {
        let x = values::norm_tern(&ga.get(&a.store), &a.store);
        let y = values::norm_tern(&gb.get(&b.store), &b.store);
        if x != y {
            return Err(format!("global {name:?}: interpreter {x}, JIT {y}"));
        }
    }
    for ((name, ta), (_, tb)) in a.tables.iter().zip(&b.tables) {
        let (x, y) = (ta.size(&a.store), tb.size(&b.store));
        if x != y {
            return Err(format!("table {name:?}: size {x} vs {y}"));
        }
        for i in 0..x.min(TABLE_ELEMS_COMPARED) {
            let p = ta.get(&a.store, i).map(|r| r.is_null());
            let q = tb.get(&b.store, i).map(|r| r.is_null());
            if p != q {
                return Err(format!("table {name:?}: element {i} null: {p:?} vs {q:?}"));
            }
        }
    }
    Ok(())
}

/// Runs `wasm` on both tiers and compares.
pub fn check_module(wasm: &[u8], u: &mut Unstructured<'_>, ctx: &mut Ctx) -> Result<(), Finding> {
    let (ie, je) = engines();
    let (mi, mj) = match (tern::Module::new(ie, wasm), tern::Module::new(je, wasm)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(_), Err(_)) => return Ok(()),
        (a, b) => {
            return Err(Finding::new(
                "tiers: one tier rejects the module",
                format!("interpreter {:?}\nJIT {:?}", a.err(), b.err()),
            ));
        }
    };
    let (mut a, mut b) = (Side::new(ie), Side::new(je));
    let ia = tern::Instance::new(&mut a.store, &mi, &[]);
    let ib = tern::Instance::new(&mut b.store, &mj, &[]);
    let (ia, ib) = match (ia, ib) {
        (Ok(x), Ok(y)) => (x, y),
        (x, y) => {
            let ox = outcome(x.map(|_| Vec::new()));
            let oy = outcome(y.map(|_| Vec::new()));
            if ox == oy || ox == Outcome::StackOverflow || oy == Outcome::StackOverflow {
                return Ok(());
            }
            return Err(Finding::new(
                "tiers: instantiation differs",
                format!("interpreter {ox:?}\nJIT {oy:?}"),
            ));
        }
    };
    a.take_exports(&ia);
    b.take_exports(&ib);
    if a.fuel() != b.fuel() {
        return Err(Finding::new(
            "tiers: start function fuel differs",
            format!("interpreter {} left, JIT {} left", a.fuel(), b.fuel()),
        ));
    }
    if let Err(what) = compare_state(&a, &b) {
        return Err(Finding::new(
            "tiers: state differs after instantiation",
            what,
        ));
    }
    let mut order: Vec<usize> = (0..a.funcs.len()).collect();
    for _ in 0..EXTRA_CALLS {
        if a.funcs.is_empty() || u.is_empty() {
            break;
        }
        order.push(u.choose_index(a.funcs.len()).unwrap_or(0));
    }
    let mut log = String::new();
    for i in order {
        let ty = a.funcs[i].1.ty(&a.store);
        let nfuncs = a.funcs.len();
        let args: Vec<Arg> = ty
            .params()
            .iter()
            .map(|t| {
                let nullable = t.as_ref().is_none_or(|r| r.is_nullable());
                values::arg(u, Kind::of_tern(t), nfuncs, nullable).unwrap_or(Arg::I32(0))
            })
            .collect();
        let (oa, ob) = (a.call(i, &args), b.call(i, &args));
        let call = format!("call {}{}", a.funcs[i].0, values::list(&args));
        log.push_str(&format!(
            "{call}: interpreter {oa:?} ({} fuel left); JIT {ob:?} ({} left)\n",
            a.fuel(),
            b.fuel()
        ));
        if oa == Outcome::StackOverflow || ob == Outcome::StackOverflow {
            ctx.note("tiers: stopped comparing: call stack exhausted");
            return Ok(());
        }
        if oa != ob || a.fuel() != b.fuel() {
            let what = match (&oa, &ob) {
                (Outcome::Failed(x), _) => note_key("", x, 40),
                _ => "values".to_string(),
            };
            return Err(Finding::new(format!("tiers: call differs ({what})"), log));
        }
        ctx.note("tiers: call compared");
        if let Err(what) = compare_state(&a, &b) {
            return Err(Finding::new(
                "tiers: state differs after a call",
                format!("{log}{what}"),
            ));
        }
    }
    Ok(())
}
