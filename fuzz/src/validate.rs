//! `validate`: `Module::new` on random bytes, on section-shaped random bytes,
//! on wasm-smith modules (valid, corrupted, with features Tern does not
//! enable, with invalid function bodies). It must never panic; a valid
//! wasm-smith module of Tern's default features must be accepted (unless as
//! `ErrorKind::Unsupported`, which is counted); and for any binary module,
//! Tern's verdict must agree with wasmparser's validator under Tern's
//! feature set. A module Tern accepts then has every function translated to
//! interpreter bytecode (translation is otherwise lazy), which must succeed.

use crate::{Ctx, Finding, note_key, smith};
use arbitrary::Unstructured;
use std::sync::OnceLock;

/// What a module's verdict must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Valid by construction: Tern must accept it (or call it unsupported).
    MustAccept,
    /// Whatever wasmparser's validator says (for binary modules).
    Oracle,
}

/// The default configuration, or (`gc`) the default with GC's type system
/// switched on: recursion groups and subtypes of function types are
/// carried out, struct and array types refused as unsupported.
fn config(gc: bool) -> tern::Config {
    let mut config = tern::Config::new();
    config.wasm_gc(gc);
    config
}

fn engine(gc: bool) -> &'static tern::Engine {
    static ENGINES: OnceLock<[tern::Engine; 2]> = OnceLock::new();
    &ENGINES.get_or_init(|| [false, true].map(|gc| tern::Engine::new(&config(gc)).expect("engine")))
        [usize::from(gc)]
}

/// Runs one input.
pub fn run(data: &[u8], ctx: &mut Ctx) -> Result<(), Finding> {
    let mut u = Unstructured::new(data);
    let mode = u.int_in_range(0..=9u8).unwrap_or(0);
    match mode {
        // Random bytes, with or without the header.
        0 => {
            let mut bytes = Vec::new();
            if u.arbitrary().unwrap_or(false) {
                bytes.extend_from_slice(b"\0asm\x01\0\0\0");
            }
            let n = u.int_in_range(0..=u.len().min(4096)).unwrap_or(0);
            bytes.extend_from_slice(u.bytes(n).unwrap_or(&[]));
            ctx.note("validate: input: raw bytes");
            check_bytes(&bytes, Expect::Oracle, ctx)
        }
        // A header and random sections of random sizes.
        1 => {
            let bytes = random_sections(&mut u);
            ctx.note("validate: input: random sections");
            check_bytes(&bytes, Expect::Oracle, ctx)
        }
        // Valid modules of Tern's default features.
        2..=4 => {
            let Some(wasm) = smith_module(&mut u, ctx, false) else {
                return Ok(());
            };
            ctx.note("validate: input: wasm-smith valid");
            check_bytes(&wasm, Expect::MustAccept, ctx)
        }
        // The same, corrupted by a few mutations.
        5..=7 => {
            let Some(mut wasm) = smith_module(&mut u, ctx, false) else {
                return Ok(());
            };
            mutate(&mut wasm, &mut u);
            ctx.note("validate: input: wasm-smith mutated");
            check_bytes(&wasm, Expect::Oracle, ctx)
        }
        // Invalid function bodies.
        8 => {
            let Some(wasm) = smith_module(&mut u, ctx, true) else {
                return Ok(());
            };
            ctx.note("validate: input: wasm-smith invalid funcs");
            check_bytes(&wasm, Expect::Oracle, ctx)
        }
        // A random wasm-smith configuration: any proposal, on or off (GC,
        // exceptions, threads... that Tern rejects as invalid).
        _ => {
            let Ok(config) = u.arbitrary::<wasm_smith::Config>() else {
                return Ok(());
            };
            let Ok(module) = wasm_smith::Module::new(config, &mut u) else {
                ctx.note("validate: wasm-smith gave up");
                return Ok(());
            };
            ctx.note("validate: input: wasm-smith any features");
            let bytes = module.to_bytes();
            check_bytes(&bytes, Expect::Oracle, ctx)?;
            // Again with GC on, where typed references, recursion groups
            // and (refused) struct types validate.
            check_bytes_in(&bytes, Expect::Oracle, ctx, true)
        }
    }
}

fn smith_module(u: &mut Unstructured<'_>, ctx: &mut Ctx, invalid_funcs: bool) -> Option<Vec<u8>> {
    let mut config = smith::validate_config(u).ok()?;
    config.allow_invalid_funcs = invalid_funcs;
    match wasm_smith::Module::new(config, u) {
        Ok(m) => Some(m.to_bytes()),
        Err(_) => {
            ctx.note("validate: wasm-smith gave up");
            None
        }
    }
}

fn leb(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// A header and up to 8 sections with random ids (mostly known ones),
/// lengths (mostly right) and payloads.
fn random_sections(u: &mut Unstructured<'_>) -> Vec<u8> {
    let mut out = b"\0asm\x01\0\0\0".to_vec();
    let n = u.int_in_range(0..=8).unwrap_or(0);
    for _ in 0..n {
        let id = if u.ratio(9, 10).unwrap_or(true) {
            u.int_in_range(0..=13u8).unwrap_or(0)
        } else {
            u.arbitrary().unwrap_or(0)
        };
        let len = u.int_in_range(0..=256usize).unwrap_or(0).min(u.len());
        let payload = u.bytes(len).unwrap_or(&[]);
        out.push(id);
        let declared = if u.ratio(9, 10).unwrap_or(true) {
            payload.len() as u64
        } else {
            u.arbitrary::<u32>().unwrap_or(0).into()
        };
        leb(&mut out, declared);
        out.extend_from_slice(payload);
    }
    out
}

/// One to four random byte mutations: set, flip, insert, delete, or an
/// "interesting" byte (LEB continuation bits, limits, opcodes' edges).
pub fn mutate(bytes: &mut Vec<u8>, u: &mut Unstructured<'_>) {
    let n = u.int_in_range(1..=4).unwrap_or(1);
    for _ in 0..n {
        if bytes.is_empty() {
            return;
        }
        // Leave the header alone most of the time: past it is where the
        // decoder has work to do.
        let lo = if bytes.len() > 8 && u.ratio(15, 16).unwrap_or(true) {
            8
        } else {
            0
        };
        let at = u
            .int_in_range(lo..=bytes.len() - 1)
            .unwrap_or(lo.min(bytes.len() - 1));
        match u.int_in_range(0..=5).unwrap_or(0) {
            0 => bytes[at] = u.arbitrary().unwrap_or(0),
            1 => bytes[at] ^= 1 << u.int_in_range(0..=7).unwrap_or(0),
            2 => bytes.insert(at, u.arbitrary().unwrap_or(0)),
            3 => {
                bytes.remove(at);
            }
            4 => {
                bytes[at] = *u
                    .choose(&[0x00, 0x01, 0x7f, 0x80, 0xff, 0x40, 0x0b, 0xfd, 0xfc, 0x41])
                    .unwrap_or(&0)
            }
            _ => {
                // Duplicate a short run of bytes.
                let len = u.int_in_range(1..=16).unwrap_or(1).min(bytes.len() - at);
                let chunk = bytes[at..at + len].to_vec();
                let to = u
                    .int_in_range(lo.min(bytes.len())..=bytes.len())
                    .unwrap_or(bytes.len());
                bytes.splice(to..to, chunk);
            }
        }
    }
}

/// Checks Tern's verdict on `bytes` under its default configuration.
pub fn check_bytes(bytes: &[u8], expect: Expect, ctx: &mut Ctx) -> Result<(), Finding> {
    check_bytes_in(bytes, expect, ctx, false)
}

/// Checks Tern's verdict on `bytes`, with GC on or off (see [`config`]).
fn check_bytes_in(bytes: &[u8], expect: Expect, ctx: &mut Ctx, gc: bool) -> Result<(), Finding> {
    ctx.set_module(bytes);
    let engine = engine(gc);
    let result = tern::Module::new(engine, bytes);
    let oracle = bytes.starts_with(b"\0asm").then(|| {
        wasmparser::Validator::new_with_features(config(gc).features())
            .validate_all(bytes)
            .map(|_| ())
            .map_err(|e| e.to_string())
    });
    if ctx.verbose {
        eprintln!(
            "tern: {:?}; wasmparser: {:?}",
            result
                .as_ref()
                .map(|_| ())
                .map_err(|e| (e.kind(), e.message().to_string())),
            oracle
        );
    }
    match (result, oracle) {
        (Err(e), _) if e.kind() == tern::ErrorKind::Unsupported => {
            ctx.note(note_key(
                "validate: rejected as unsupported",
                e.message(),
                60,
            ));
            Ok(())
        }
        (Err(e), oracle) if expect == Expect::MustAccept => Err(Finding::new(
            format!("rejected a valid wasm-smith module ({:?})", e.kind()),
            format!(
                "tern: {:?}: {}\nwasmparser: {:?}",
                e.kind(),
                e.message(),
                oracle
            ),
        )),
        (Err(e), Some(Ok(()))) => Err(Finding::new(
            format!("rejected a module the validator accepts ({:?})", e.kind()),
            format!("tern: {:?}: {}", e.kind(), e.message()),
        )),
        (Ok(_), Some(Err(msg))) => Err(Finding::new(
            "accepted a module the validator rejects",
            format!("wasmparser: {msg}"),
        )),
        (Err(e), _) => {
            ctx.note(format!("validate: rejected ({:?})", e.kind()));
            Ok(())
        }
        (Ok(module), _) => {
            ctx.note("validate: accepted");
            translate_all(&module, ctx)
        }
    }
}

/// Translates every function defined in an accepted module.
fn translate_all(module: &tern::Module, ctx: &mut Ctx) -> Result<(), Finding> {
    let imported = module
        .imports()
        .filter(|i| matches!(i.ty(), tern::ExternType::Func(_)))
        .count() as u32;
    let mut func = imported;
    loop {
        match module.bytecode(func) {
            Ok(_) => {}
            Err(e) if e.kind() == tern::ErrorKind::Usage => break, // past the last function
            Err(e) if e.kind() == tern::ErrorKind::Unsupported => {
                ctx.note(note_key(
                    "validate: translation unsupported",
                    e.message(),
                    60,
                ));
            }
            Err(e) => {
                return Err(Finding::new(
                    format!("translating a valid function failed ({:?})", e.kind()),
                    format!("function {func}: {:?}: {}", e.kind(), e.message()),
                ));
            }
        }
        func += 1;
    }
    Ok(())
}
