//! WebAssembly function bodies → Cranelift IR.
//!
//! A validated body is read once, operator by operator, with an operand
//! stack of SSA values and a stack of control frames (the classic shape of
//! a Wasm-to-SSA translator). Locals are `cranelift_frontend` variables.
//!
//! What compiled code relies on (see `runtime::vmctx`):
//! - the calling convention of every function is `tail`, with the callee's
//!   `VmContext` (the special `vmctx` parameter) and the caller's context
//!   first, then the WebAssembly parameters; results are returned;
//! - a 32-bit memory is static (never moves) and followed by a guard region,
//!   so an access whose constant offset is below `GUARD_SIZE` is not checked:
//!   it faults in the guard instead, and the fault is the trap. Other
//!   accesses (memory64, large offsets) compare with the memory's size, and
//!   a failed check makes the address null (a Spectre-safe select) so that
//!   the access itself faults;
//! - traps are `ud2` with a trap code (`TrapKind`), and errors from the
//!   runtime functions compiled code calls are reported by the runtime and
//!   turned into a trap with the code `PENDING`;
//! - fuel and epochs follow the interpreter's model to the operator: runs,
//!   charged at their first costly operator (`crate::limits`).
//!
//! `v128` values and the SIMD and relaxed-SIMD operators are translated in
//! `translate/simd.rs`. A `v128` crosses to the runtime (array trampolines,
//! calls through the runtime, OSR locals, global cells) as two 8-byte
//! slots, low half first, as the interpreter's frames hold it.
//!
//! What is not translated makes the function stay in the interpreter:
//! [`translate`] returns [`Unsupported`] (every operator of the proposals
//! Tern runs is translated; a function Cranelift cannot lower for the host
//! CPU stays too).

use super::{LibCall, TrapKind};
use crate::module::ModuleInner;
use crate::module::info::ModuleInfo;
use crate::runtime::memory::GUARD_SIZE;
use crate::runtime::vmctx::offsets as off;
use crate::types::{FuncType, ValType};
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::immediates::{Ieee32, Ieee64, Imm64, Offset32};
use cranelift_codegen::ir::{
    self, AbiParam, ArgumentPurpose, Block, BlockArg, Function, GlobalValueData, InstBuilder,
    InstructionData, MemFlagsData, Opcode, Signature, StackSlotData, StackSlotKind, Type,
    UserFuncName, Value, types,
};
use cranelift_codegen::isa::{CallConv, TargetFrontendConfig};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext, Variable};
use wasmparser::{BinaryReader, BlockType, FunctionBody, MemArg, Operator};

mod simd;

/// Why a function stays in the interpreter.
#[derive(Debug)]
pub(crate) struct Unsupported(pub String);

/// The reason given for a function that uses exception handling: it runs
/// in the interpreter by design (see `runtime::exception`).
pub(crate) const EXCEPTIONS: &str = "exception handling (try_table, throw, exnref)";

/// The reason given for a function that holds a reference of the `any`
/// hierarchy (the GC proposal): it runs in the interpreter by design.
pub(crate) const GC: &str = "GC references (anyref, eqref, i31ref, structs and arrays)";

fn unsupported<T>(what: impl Into<String>) -> Result<T, Unsupported> {
    Err(Unsupported(what.into()))
}

/// The Cranelift type of a WebAssembly value type (references are raw
/// 64-bit words, as in the interpreter's slots).
pub(crate) fn clif_type(ty: &ValType) -> Result<Type, Unsupported> {
    Ok(match ty {
        ValType::I32 => types::I32,
        ValType::I64 => types::I64,
        ValType::F32 => types::F32,
        ValType::F64 => types::F64,
        // An `exnref` must stay where the exception collector sees it
        // (see `runtime::exception`): functions that hold one stay in the
        // interpreter.
        ValType::Ref(r) if r.heap_type().top() == crate::HeapType::Exn => {
            return unsupported(EXCEPTIONS);
        }
        // So must a reference of the `any` hierarchy, for the collector of
        // GC objects to come (see `runtime::gc`).
        ValType::Ref(r) if r.heap_type().top() == crate::HeapType::Any => {
            return unsupported(GC);
        }
        ValType::Ref(_) => types::I64,
        ValType::V128 => types::I8X16,
    })
}

/// The number of 8-byte slots a value of Cranelift type `t` takes where
/// values cross to the runtime (`values` arrays, OSR locals): two for a
/// `v128` (low half first, as `values::write_vals` and the interpreter's
/// frames lay it out), one for anything else.
fn slots(t: Type) -> usize {
    if t.is_vector() { 2 } else { 1 }
}

/// Flags of an access to a runtime slot holding a value of type `t`: the
/// slots are 8-byte aligned only, so a vector access must not claim
/// alignment (an SSE operand in memory would fault).
fn slot_flags(t: Type) -> MemFlagsData {
    if t.is_vector() {
        MemFlagsData::new().with_notrap()
    } else {
        MemFlagsData::trusted()
    }
}

/// Checks that compiled code may hold a value of type `ty` that comes from
/// outside the function (a parameter, a global, a table, a call's result):
/// with GC on, an `externref` may wrap a GC object (`extern.convert_any`),
/// so a function that holds one stays in the interpreter as well.
fn held(module: &ModuleInner, ty: &ValType) -> Result<(), Unsupported> {
    let gc = module
        .engine
        .config()
        .features
        .contains(wasmparser::WasmFeatures::GC);
    match ty {
        ValType::Ref(r) if gc && r.heap_type().top() == crate::HeapType::Extern => unsupported(GC),
        _ => Ok(()),
    }
}

fn wasm_type(info: &ModuleInfo, ty: &wasmparser::ValType) -> Result<Type, Unsupported> {
    let ty = ValType::from_wasmparser(*ty, &|i| info.resolve(i))
        .ok_or_else(|| Unsupported(format!("type {ty}")))?;
    clif_type(&ty)
}

/// The native signature of a WebAssembly function of type `ty`.
pub(crate) fn wasm_signature(ty: &FuncType) -> Result<Signature, Unsupported> {
    let mut sig = Signature::new(CallConv::Tail);
    sig.params
        .push(AbiParam::special(types::I64, ArgumentPurpose::VMContext));
    sig.params.push(AbiParam::new(types::I64));
    for p in ty.params() {
        sig.params.push(AbiParam::new(clif_type(p)?));
    }
    for r in ty.results() {
        sig.returns.push(AbiParam::new(clif_type(r)?));
    }
    Ok(sig)
}

/// The signature of a runtime function: System V, `n` pointer-sized
/// arguments, one 64-bit result.
fn libcall_signature(n: usize) -> Signature {
    let mut sig = Signature::new(CallConv::SystemV);
    for _ in 0..n {
        sig.params.push(AbiParam::new(types::I64));
    }
    sig.returns.push(AbiParam::new(types::I64));
    sig
}

/// Builds the array-call trampoline for functions of type `ty`:
/// `extern "C" fn(code, vmctx, caller_vmctx, values)` reads the arguments
/// from `values` (8-byte slots), calls `code`, and writes the results back.
pub(crate) fn trampoline(ty: &FuncType, fc: TargetFrontendConfig) -> Result<Function, Unsupported> {
    array_trampoline(wasm_signature(ty)?, fc, |b, values| {
        let mut at = 0;
        ty.params()
            .iter()
            .map(|p| {
                let t = clif_type(p)?;
                let v = b.ins().load(t, slot_flags(t), values, (at * 8) as i32);
                at += slots(t);
                Ok(v)
            })
            .collect()
    })
}

/// An array trampoline calling code of signature `callee` (whose first two
/// parameters are the callee's and the caller's contexts): `args` reads
/// the other arguments from `values`; the results are written to `values`.
fn array_trampoline(
    callee: Signature,
    fc: TargetFrontendConfig,
    args: impl FnOnce(&mut FunctionBuilder<'_>, Value) -> Result<Vec<Value>, Unsupported>,
) -> Result<Function, Unsupported> {
    let mut sig = Signature::new(CallConv::SystemV);
    for _ in 0..4 {
        sig.params.push(AbiParam::new(types::I64));
    }
    let mut func = Function::with_name_signature(UserFuncName::default(), sig);
    let mut fctx = FunctionBuilderContext::new();
    let mut b = FunctionBuilder::new(&mut func, &mut fctx);
    let entry = b.create_block();
    b.append_block_params_for_function_params(entry);
    b.switch_to_block(entry);
    b.seal_block(entry);
    let p = b.block_params(entry).to_vec();
    let (code, vmctx, caller, values) = (p[0], p[1], p[2], p[3]);
    let mut all = vec![vmctx, caller];
    all.extend(args(&mut b, values)?);
    let sigref = b.import_signature(callee);
    let call = b.ins().call_indirect(sigref, code, &all);
    let results = b.inst_results(call).to_vec();
    let mut at = 0;
    for r in results {
        let t = b.func.dfg.value_type(r);
        b.ins().store(slot_flags(t), r, values, (at * 8) as i32);
        at += slots(t);
    }
    b.ins().return_(&[]);
    b.finalize(fc);
    Ok(func)
}

/// Calls a function through the runtime (`LibCall::Call`, whose signature
/// is `libcall`): spills `args` to a stack buffer, traps with the pending
/// error if the call fails, and reads back results of types `results`.
fn call_through_runtime(
    b: &mut FunctionBuilder<'_>,
    libcall: ir::SigRef,
    vmctx: Value,
    vf: Value,
    args: &[Value],
    results: &[Type],
) -> Vec<Value> {
    // Slots as the runtime lays values out: a `v128` takes two.
    let arg_slots: usize = args.iter().map(|a| slots(b.func.dfg.value_type(*a))).sum();
    let result_slots: usize = results.iter().map(|t| slots(*t)).sum();
    let n = arg_slots.max(result_slots).max(1);
    let ss = b.create_sized_stack_slot(StackSlotData::new(
        StackSlotKind::ExplicitSlot,
        (n * 8) as u32,
        3,
    ));
    let mut at = 0;
    for a in args {
        // `stack_store` claims no alignment (the slot is 8-byte aligned).
        b.ins().stack_store(types::I64, *a, ss, (at * 8) as i32);
        at += slots(b.func.dfg.value_type(*a));
    }
    let values = b.ins().stack_addr(types::I64, ss, 0);
    let addr = libcall_address(b, vmctx, LibCall::Call);
    let call = b.ins().call_indirect(libcall, addr, &[vmctx, vf, values]);
    let status = b.inst_results(call)[0];
    b.ins().trapnz(status, code(TrapKind::Pending));
    let mut at = 0;
    results
        .iter()
        .map(|t| {
            let v = b.ins().stack_load(types::I64, *t, ss, (at * 8) as i32);
            at += slots(*t);
            v
        })
        .collect()
}

/// Loads the address of runtime function `f` from the table the context
/// `vmctx` points to (compiled code embeds no absolute address).
fn libcall_address(b: &mut FunctionBuilder<'_>, vmctx: Value, f: LibCall) -> Value {
    let ro = MemFlagsData::trusted().with_readonly().with_can_move();
    let table = b.ins().load(types::I64, ro, vmctx, off::CTX_LIBCALLS);
    b.ins().load(types::I64, ro, table, (f as usize * 8) as i32)
}

/// Builds a stand-in for defined function `func_index` (which the JIT does
/// not compile) with its native signature, for direct calls from compiled
/// code: it calls the function through the runtime (the interpreter).
pub(crate) fn runtime_stub(
    module: &ModuleInner,
    func_index: u32,
    fc: TargetFrontendConfig,
) -> Result<Function, Unsupported> {
    let info = &module.info;
    let ty = info.func_type(func_index);
    let mut func = Function::with_name_signature(UserFuncName::default(), wasm_signature(ty)?);
    let mut fctx = FunctionBuilderContext::new();
    let mut b = FunctionBuilder::new(&mut func, &mut fctx);
    let entry = b.create_block();
    b.append_block_params_for_function_params(entry);
    b.switch_to_block(entry);
    b.seal_block(entry);
    let params = b.block_params(entry).to_vec();
    let vmctx = params[0];
    let funcs = b.ins().load(
        types::I64,
        MemFlagsData::trusted().with_readonly(),
        vmctx,
        off::CTX_FUNCS,
    );
    let vf = b
        .ins()
        .iadd_imm_s(funcs, i64::from(func_index) * off::FUNC_SIZE);
    let libcall = b.import_signature(libcall_signature(3));
    let types: Vec<Type> = ty
        .results()
        .iter()
        .map(clif_type)
        .collect::<Result<_, _>>()?;
    let results = call_through_runtime(&mut b, libcall, vmctx, vf, &params[2..], &types);
    b.ins().return_(&results);
    b.finalize(fc);
    Ok(func)
}

/// The kind of a control frame.
enum Kind {
    /// The function body: its end returns.
    Body,
    Block,
    /// A loop, with its header (the target of branches to it).
    Loop(Block),
    /// An `if`: the block of its `else` arm (until `else` is seen), and the
    /// values of its parameters (the `else` arm starts from them again).
    If {
        else_block: Option<Block>,
        params: Vec<Value>,
    },
}

/// A control frame.
struct Control {
    kind: Kind,
    /// The block after the frame's `end`, with one parameter per result.
    next: Block,
    params: Vec<Type>,
    results: Vec<Type>,
    /// Operand stack height below the frame's parameters.
    height: usize,
    /// Whether some branch reaches `next`.
    reached: bool,
}

/// Values of the entry block that many operators use: loaded once, and
/// removed again by Cranelift when unused.
struct Bases {
    store: Value,
    funcs: Value,
    code: Value,
    globals: Value,
    memories: Value,
    tables: Value,
    /// Base of each static memory (32-bit), by memory index.
    static_mem: Vec<Option<Value>>,
}

struct Translator<'m, 'b> {
    module: &'m ModuleInner,
    b: FunctionBuilder<'b>,
    vmctx: Value,
    bases: Bases,
    locals: Vec<(Variable, Type)>,
    stack: Vec<Value>,
    control: Vec<Control>,
    reachable: bool,
    /// Depth of blocks opened in unreachable code.
    dead_depth: u32,
    /// Fuel metering (`Config::consume_fuel`) and epoch checks.
    metering: bool,
    epochs: bool,
    /// The `iconst` of the current run's fuel charge, patched with the
    /// run's cost when it ends; the cost so far.
    run_site: Option<ir::Inst>,
    run_cost: u32,
    /// The signatures of the module's types, imported as needed.
    sigs: std::collections::HashMap<u32, ir::SigRef>,
    /// Whether calls to the module's own functions are direct (`call` to a
    /// function of the same code batch, linked by `backend`), rather than
    /// through the callee's code cell.
    direct: bool,
    /// Functions called directly, by function index.
    func_refs: std::collections::HashMap<u32, ir::FuncRef>,
    /// The function's index among the defined ones: a function calls
    /// itself directly even when compiled alone (not from an OSR entry,
    /// whose signature differs).
    defined: u32,
    is_osr: bool,
    /// For an OSR entry: where the entry dispatches on the loop to enter.
    osr: Option<Osr>,
    /// The `loop` operators seen so far, reachable or not (the
    /// interpreter numbers loops the same way).
    loops_seen: u32,
    libcall_sigs: [Option<ir::SigRef>; 8],
}

/// An OSR entry being built: the dispatch block, the loop ordinal it
/// dispatches on, and the block that jumps to each enterable loop's header
/// (by ordinal).
struct Osr {
    dispatch: Block,
    which: Value,
    entries: Vec<Option<Block>>,
}

/// The trap code Cranelift records for `kind`.
fn code(kind: TrapKind) -> ir::TrapCode {
    kind.code()
}

/// Translates defined function `defined` of `module`.
pub(crate) fn translate(
    module: &ModuleInner,
    defined: u32,
    fc: TargetFrontendConfig,
    direct: bool,
) -> Result<Function, Unsupported> {
    translate_with(module, defined, fc, direct, false)
}

/// Translates defined function `defined` of `module` as an entry at the
/// header of any of its loops, for on-stack replacement: signature
/// `(vmctx, caller, locals, loop) -> results`, where `locals` points to the
/// interpreter's slots of the function's locals (one 8-byte slot each, two
/// for a `v128`, low half first) and `loop` is the loop's
/// ordinal among the body's `loop` operators. Only loops entered with an
/// empty operand stack and no parameters can be entered, which is where
/// the interpreter offers the entry (`LoopHeat`); any other ordinal traps.
pub(crate) fn translate_osr(
    module: &ModuleInner,
    defined: u32,
    fc: TargetFrontendConfig,
) -> Result<Function, Unsupported> {
    translate_with(module, defined, fc, false, true)
}

/// The signature of an OSR entry of a function of type `ty`.
fn osr_signature(ty: &FuncType) -> Result<Signature, Unsupported> {
    let mut sig = Signature::new(CallConv::Tail);
    sig.params
        .push(AbiParam::special(types::I64, ArgumentPurpose::VMContext));
    sig.params.push(AbiParam::new(types::I64));
    sig.params.push(AbiParam::new(types::I64));
    sig.params.push(AbiParam::new(types::I32));
    for r in ty.results() {
        sig.returns.push(AbiParam::new(clif_type(r)?));
    }
    Ok(sig)
}

/// The array trampoline of OSR entries of functions of type `ty`: reads
/// the locals pointer from `values[0]` and the loop from `values[1]`,
/// writes the results to `values`.
pub(crate) fn osr_trampoline(
    ty: &FuncType,
    fc: TargetFrontendConfig,
) -> Result<Function, Unsupported> {
    array_trampoline(osr_signature(ty)?, fc, |b, values| {
        let flags = MemFlagsData::trusted();
        let locals = b.ins().load(types::I64, flags, values, 0);
        let which = b.ins().load(types::I32, flags, values, 8);
        Ok(vec![locals, which])
    })
}

/// The translator's entry point: the whole function, or (`osr`) its entry
/// at a loop header.
fn translate_with(
    module: &ModuleInner,
    defined: u32,
    fc: TargetFrontendConfig,
    direct: bool,
    osr: bool,
) -> Result<Function, Unsupported> {
    let info = &module.info;
    let func_index = info.num_imported_funcs + defined;
    let ty = info.func_type(func_index);
    let sig = if osr {
        osr_signature(ty)?
    } else {
        wasm_signature(ty)?
    };
    let mut func = Function::with_name_signature(UserFuncName::user(0, func_index), sig);

    // The stack limit: vmctx -> store -> stack_limit.
    let vmctx_gv = func.create_global_value(GlobalValueData::VMContext);
    let readonly = func
        .dfg
        .mem_flags
        .insert_unchecked(MemFlagsData::trusted().with_readonly());
    let store_gv = func.create_global_value(GlobalValueData::Load {
        base: vmctx_gv,
        offset: Offset32::new(off::CTX_STORE),
        global_type: types::I64,
        flags: readonly,
    });
    let trusted = func.dfg.mem_flags.insert_unchecked(MemFlagsData::trusted());
    let limit_gv = func.create_global_value(GlobalValueData::Load {
        base: store_gv,
        offset: Offset32::new(off::STORE_STACK_LIMIT),
        global_type: types::I64,
        flags: trusted,
    });
    func.stack_limit = Some(limit_gv);

    let range = info.bodies[defined as usize].range.clone();
    let body = FunctionBody::new(BinaryReader::new(
        &module.bytes[range.clone()],
        range.start as u64,
    ));
    let err = |e: wasmparser::BinaryReaderError| Unsupported(e.to_string());

    let mut fctx = FunctionBuilderContext::new();
    let mut b = FunctionBuilder::new(&mut func, &mut fctx);
    let entry = b.create_block();
    b.append_block_params_for_function_params(entry);
    b.switch_to_block(entry);
    b.seal_block(entry);
    let params = b.block_params(entry).to_vec();
    let vmctx = params[0];

    let ro = MemFlagsData::trusted().with_readonly().with_can_move();
    let load =
        |b: &mut FunctionBuilder<'_>, offset: i32| b.ins().load(types::I64, ro, vmctx, offset);
    let store = load(&mut b, off::CTX_STORE);
    let funcs = load(&mut b, off::CTX_FUNCS);
    let code_base = load(&mut b, off::CTX_CODE);
    let globals = load(&mut b, off::CTX_GLOBALS);
    let memories = load(&mut b, off::CTX_MEMORIES);
    let tables = load(&mut b, off::CTX_TABLES);
    let static_mem = info
        .memories
        .iter()
        .enumerate()
        .map(|(i, ty)| {
            (!ty.is_64()).then(|| {
                if i == 0 {
                    return load(&mut b, off::CTX_MEMORY0);
                }
                let vm = b.ins().load(types::I64, ro, memories, (i * 8) as i32);
                b.ins().load(types::I64, ro, vm, off::MEMORY_BASE)
            })
        })
        .collect();

    let mut local_types = Vec::new();
    for p in ty.params() {
        held(module, p)?;
        local_types.push(clif_type(p)?);
    }
    let mut reader = body.get_locals_reader().map_err(err)?;
    for _ in 0..reader.get_count() {
        let (count, t) = reader.read().map_err(err)?;
        let t = wasm_type(info, &t)?;
        // Validation bounds the total number of locals.
        local_types.extend(std::iter::repeat_n(t, count as usize));
    }
    let locals: Vec<(Variable, Type)> =
        local_types.iter().map(|&t| (b.declare_var(t), t)).collect();
    // With `osr`, the entry block reads every local from the interpreter's
    // slots and goes to a dispatch block that jumps to the header of the
    // loop asked for (filled once every loop is translated); the
    // function's own start is a block nothing reaches.
    let osr = if osr {
        let base = params[2];
        let mut at = 0;
        for &(var, t) in &locals {
            let v = b.ins().load(t, slot_flags(t), base, (at * 8) as i32);
            at += slots(t);
            b.def_var(var, v);
        }
        let dispatch = b.create_block();
        b.ins().jump(dispatch, &[]);
        let start = b.create_block();
        b.switch_to_block(start);
        Some(Osr {
            dispatch,
            which: params[3],
            entries: Vec::new(),
        })
    } else {
        None
    };
    for (i, &(var, t)) in locals.iter().enumerate() {
        let v = match (osr.is_some(), i < ty.params().len()) {
            (false, true) => params[i + 2],
            _ => zero(&mut b, t),
        };
        b.def_var(var, v);
    }

    let config = module.engine.config();
    let next = b.create_block();
    let results: Vec<Type> = ty
        .results()
        .iter()
        .map(clif_type)
        .collect::<Result<_, _>>()?;
    for t in &results {
        b.append_block_param(next, *t);
    }
    let mut t = Translator {
        module,
        b,
        vmctx,
        bases: Bases {
            store,
            funcs,
            code: code_base,
            globals,
            memories,
            tables,
            static_mem,
        },
        locals,
        stack: Vec::new(),
        control: vec![Control {
            kind: Kind::Body,
            next,
            params: Vec::new(),
            results,
            height: 0,
            reached: false,
        }],
        reachable: true,
        dead_depth: 0,
        metering: config.consume_fuel,
        epochs: config.epoch_interruption,
        run_site: None,
        run_cost: 0,
        sigs: Default::default(),
        direct,
        func_refs: Default::default(),
        libcall_sigs: Default::default(),
        is_osr: osr.is_some(),
        osr,
        loops_seen: 0,
        defined,
    };
    t.start_run(true);
    let mut ops = body.get_operators_reader().map_err(err)?;
    while !ops.eof() {
        let op = ops.read().map_err(err)?;
        t.operator(op)?;
    }
    if let Some(osr) = t.osr.take() {
        // The dispatch: loop ordinal -> its entry, anything else traps.
        if osr.entries.iter().all(Option::is_none) {
            return unsupported("no loop to enter");
        }
        t.switch_to(osr.dispatch);
        let none = t.b.create_block();
        let mut calls = Vec::with_capacity(osr.entries.len());
        for entry in &osr.entries {
            let block = entry.unwrap_or(none);
            calls.push(t.b.func.dfg.block_call(block, &[]));
        }
        let def = t.b.func.dfg.block_call(none, &[]);
        let jt = t.b.create_jump_table(ir::JumpTableData::new(def, &calls));
        t.b.ins().br_table(osr.which, jt);
        t.switch_to(none);
        t.b.ins().trap(code(TrapKind::Unreachable));
    }
    t.b.seal_all_blocks();
    t.b.finalize(fc);
    Ok(func)
}

fn zero(b: &mut FunctionBuilder<'_>, t: Type) -> Value {
    match t {
        types::F32 => b.ins().f32const(Ieee32::with_bits(0)),
        types::F64 => b.ins().f64const(Ieee64::with_bits(0)),
        t if t.is_vector() => {
            let c = b.func.dfg.constants.insert(vec![0u8; 16].into());
            b.ins().vconst(t, c)
        }
        _ => b.ins().iconst(t, 0),
    }
}

type R = Result<(), Unsupported>;

/// The memory an access uses (validation accepts no other target here).
fn memory_index(memarg: &MemArg) -> u32 {
    match memarg.target {
        wasmparser::MemArgTarget::Memory(m) => m,
        wasmparser::MemArgTarget::Array(_) => 0,
    }
}

impl Translator<'_, '_> {
    fn pop(&mut self) -> Value {
        self.stack.pop().expect("validated operand stack")
    }

    fn pop2(&mut self) -> (Value, Value) {
        let b = self.pop();
        let a = self.pop();
        (a, b)
    }

    fn pop3(&mut self) -> (Value, Value, Value) {
        let c = self.pop();
        let (a, b) = self.pop2();
        (a, b, c)
    }

    fn popn(&mut self, n: usize) -> Vec<Value> {
        let at = self.stack.len() - n;
        self.stack.split_off(at)
    }

    /// Pushes `v`; a vector goes on the stack as `I8X16`, the one type of
    /// a `v128` in locals, block parameters and signatures.
    fn push(&mut self, v: Value) {
        let t = self.b.func.dfg.value_type(v);
        let v = if t.is_vector() && t != types::I8X16 {
            self.b.ins().bitcast(types::I8X16, simd::LITTLE, v)
        } else {
            v
        };
        self.stack.push(v);
    }

    fn block_types(&self, ty: BlockType) -> Result<(Vec<Type>, Vec<Type>), Unsupported> {
        Ok(match ty {
            BlockType::Empty => (Vec::new(), Vec::new()),
            BlockType::Type(t) => (Vec::new(), vec![wasm_type(&self.module.info, &t)?]),
            BlockType::FuncType(i) => {
                let ft = self.module.info.signature(i);
                (
                    ft.params()
                        .iter()
                        .map(clif_type)
                        .collect::<Result<_, _>>()?,
                    ft.results()
                        .iter()
                        .map(clif_type)
                        .collect::<Result<_, _>>()?,
                )
            }
        })
    }

    fn new_block(&mut self, params: &[Type]) -> Block {
        let block = self.b.create_block();
        for t in params {
            self.b.append_block_param(block, *t);
        }
        block
    }

    fn args(values: &[Value]) -> Vec<BlockArg> {
        values.iter().map(|v| BlockArg::Value(*v)).collect()
    }

    fn jump(&mut self, block: Block, values: &[Value]) {
        self.b.ins().jump(block, &Self::args(values));
    }

    /// The block a branch to relative depth `depth` goes to, and how many
    /// values it carries; marks the frame reached.
    fn target(&mut self, depth: u32) -> (Block, usize) {
        let i = self.control.len() - 1 - depth as usize;
        let frame = &mut self.control[i];
        match frame.kind {
            Kind::Loop(header) => (header, frame.params.len()),
            _ => {
                frame.reached = true;
                (frame.next, frame.results.len())
            }
        }
    }

    /// Continues in `block`, all of whose predecessors are known, and seals
    /// it: the SSA builder then finds a local's value in a block with one
    /// predecessor without a block parameter. Leaving every block unsealed
    /// to the end made the builder thread locals through parameters of
    /// every block: in QuickJS's 54 KB interpreter function, 1.8 times
    /// Wasmtime's machine code, most of it moves between spill slots. Loop
    /// headers (sealed at the loop's end) and OSR entries (sealed with the
    /// rest at the end) go through `switch_unsealed`.
    fn switch_to(&mut self, block: Block) {
        self.b.switch_to_block(block);
        self.b.seal_block(block);
    }

    /// Continues in `block`, which may still gain predecessors.
    fn switch_unsealed(&mut self, block: Block) {
        self.b.switch_to_block(block);
    }

    fn operator(&mut self, op: Operator<'_>) -> R {
        if let Operator::Loop { .. } = op {
            self.loops_seen += 1;
        }
        if let Operator::TryTable { .. } | Operator::Throw { .. } | Operator::ThrowRef = op {
            // Exceptions unwind interpreter frames only (`interp::execute`).
            return unsupported(EXCEPTIONS);
        }
        if !self.reachable {
            match op {
                Operator::Block { .. } | Operator::Loop { .. } | Operator::If { .. } => {
                    self.dead_depth += 1;
                }
                Operator::Else if self.dead_depth == 0 => self.else_()?,
                Operator::End if self.dead_depth > 0 => self.dead_depth -= 1,
                Operator::End => self.end()?,
                _ => {}
            }
            if self.metering && self.reachable && !self.control.is_empty() {
                // As in the interpreter's translator: charge the run that
                // ended in unreachable code before starting the next.
                self.end_run();
                self.start_run(false);
            }
            return Ok(());
        }
        if !(self.metering || self.epochs) {
            return self.translate(op);
        }
        if self.metering {
            let cost = crate::limits::operator_cost(&op);
            if cost > 0 && self.run_site.is_none() {
                self.run_site = Some(self.charge_fuel());
            }
            self.run_cost = self.run_cost.saturating_add(cost);
        }
        let ends_run = crate::limits::ends_run(&op);
        let is_loop = matches!(op, Operator::Loop { .. });
        self.translate(op)?;
        if ends_run || is_loop {
            self.end_run();
            if self.reachable && !self.control.is_empty() {
                self.start_run(is_loop);
            }
        }
        Ok(())
    }

    /// Starts a run; at function entry and loop headers, checks the epoch.
    fn start_run(&mut self, header: bool) {
        if header && self.epochs {
            let epoch_ptr = self.b.ins().load(
                types::I64,
                MemFlagsData::trusted(),
                self.bases.store,
                off::STORE_EPOCH,
            );
            // Atomic, so that no load of the epoch is taken for another
            // (a loop that stores nothing would never see it change).
            let epoch = self
                .b
                .ins()
                .atomic_load(types::I64, MemFlagsData::trusted(), epoch_ptr);
            let deadline = self.b.ins().load(
                types::I64,
                MemFlagsData::trusted(),
                self.bases.store,
                off::STORE_DEADLINE,
            );
            let passed = self
                .b
                .ins()
                .icmp(IntCC::UnsignedGreaterThanOrEqual, epoch, deadline);
            self.b.ins().trapnz(passed, code(TrapKind::Interrupt));
        }
        self.run_site = None;
        self.run_cost = 0;
    }

    /// Emits the fuel charge of a run, its cost to be patched in later.
    fn charge_fuel(&mut self) -> ir::Inst {
        let store = self.bases.store;
        let fuel = self
            .b
            .ins()
            .load(types::I64, MemFlagsData::trusted(), store, off::STORE_FUEL);
        let cost = self.b.ins().iconst(types::I64, 0);
        let site = self.b.func.dfg.value_def(cost).unwrap_inst();
        let short = self.b.ins().icmp(IntCC::UnsignedLessThan, fuel, cost);
        self.b.ins().trapnz(short, code(TrapKind::OutOfFuel));
        let left = self.b.ins().isub(fuel, cost);
        self.b
            .ins()
            .store(MemFlagsData::trusted(), left, store, off::STORE_FUEL);
        site
    }

    fn end_run(&mut self) {
        if let Some(site) = self.run_site.take() {
            self.b.func.dfg.insts[site] = InstructionData::UnaryImm {
                opcode: Opcode::Iconst,
                imm: Imm64::new(i64::from(self.run_cost)),
            };
        }
        self.run_cost = 0;
    }

    fn else_(&mut self) -> R {
        let frame = self.control.last_mut().expect("validated");
        let Kind::If { else_block, params } = &mut frame.kind else {
            return unsupported("else without if");
        };
        let else_block = else_block.take().expect("one else per if");
        let params = std::mem::take(params);
        let (next, height, n) = (frame.next, frame.height, frame.results.len());
        if self.reachable {
            frame.reached = true;
            let results = self.popn(n);
            self.jump(next, &results);
        }
        self.stack.truncate(height);
        self.stack.extend(params);
        self.switch_to(else_block);
        self.reachable = true;
        Ok(())
    }

    fn end(&mut self) -> R {
        let frame = self.control.pop().expect("validated");
        if self.reachable {
            let results = self.popn(frame.results.len());
            self.jump(frame.next, &results);
        }
        if let Kind::Loop(header) = frame.kind {
            // Every branch back to the header is inside the loop.
            self.b.seal_block(header);
        }
        let mut reached = frame.reached || self.reachable;
        let is_body = matches!(frame.kind, Kind::Body);
        if let Kind::If {
            else_block: Some(else_block),
            params,
        } = frame.kind
        {
            // No `else`: the false arm passes the parameters through.
            self.switch_to(else_block);
            self.jump(frame.next, &params);
            reached = true;
        }
        self.stack.truncate(frame.height);
        if is_body {
            self.switch_to(frame.next);
            let results = self.b.block_params(frame.next).to_vec();
            self.b.ins().return_(&results);
            self.reachable = false;
            return Ok(());
        }
        self.switch_to(frame.next);
        if reached {
            let results = self.b.block_params(frame.next).to_vec();
            self.stack.extend(results);
            self.reachable = true;
        } else {
            // Nothing reaches the end: the block stays empty and dead.
            self.b.ins().trap(code(TrapKind::Unreachable));
            self.reachable = false;
        }
        Ok(())
    }

    fn unreachable_now(&mut self) {
        self.reachable = false;
    }

    // ---- memory ----

    /// The native address of an access of `size` bytes at the address on
    /// top of the stack, and the offset to put in the instruction.
    fn address(&mut self, memarg: &MemArg, size: u64) -> (Value, i32) {
        let index = self.pop();
        let m = memory_index(memarg) as usize;
        let is_64 = self.module.info.memories[m].is_64();
        if let (false, Some(base)) = (is_64, self.bases.static_mem[m])
            && memarg.offset + size <= GUARD_SIZE
        {
            let index = self.b.ins().uextend(types::I64, index);
            let addr = self.b.ins().iadd(base, index);
            return (addr, memarg.offset as i32);
        }
        // An explicit bounds check: `index + offset + size <= len`.
        let index = if is_64 {
            index
        } else {
            self.b.ins().uextend(types::I64, index)
        };
        let vm = self.b.ins().load(
            types::I64,
            MemFlagsData::trusted().with_readonly().with_can_move(),
            self.bases.memories,
            (m * 8) as i32,
        );
        let len = self
            .b
            .ins()
            .load(types::I64, MemFlagsData::trusted(), vm, off::MEMORY_LEN);
        let base = self
            .b
            .ins()
            .load(types::I64, MemFlagsData::trusted(), vm, off::MEMORY_BASE);
        let addr = match memarg.offset.checked_add(size) {
            Some(reach) => {
                let reach = self.b.ins().iconst(types::I64, reach as i64);
                let end = self.b.ins().uadd_overflow_trap(
                    index,
                    reach,
                    code(TrapKind::MemoryOutOfBounds),
                );
                let oob = self.b.ins().icmp(IntCC::UnsignedGreaterThan, end, len);
                let ea = self.b.ins().iadd(base, index);
                let ea = self.b.ins().iadd_imm_s(ea, memarg.offset as i64);
                let null = self.b.ins().iconst(types::I64, 0);
                self.b.ins().select_spectre_guard(oob, null, ea)
            }
            None => {
                self.b.ins().trap(code(TrapKind::MemoryOutOfBounds));
                let dead = self.b.create_block();
                self.switch_to(dead);
                self.b.ins().iconst(types::I64, 0)
            }
        };
        (addr, 0)
    }

    fn load(&mut self, memarg: &MemArg, ty: Type, size: u64, ext: Option<bool>) {
        let (addr, offset) = self.address(memarg, size);
        let flags = MemFlagsData::new();
        let v = match (size, ext) {
            (1, Some(signed)) => {
                if signed {
                    self.b.ins().sload8(ty, flags, addr, offset)
                } else {
                    self.b.ins().uload8(ty, flags, addr, offset)
                }
            }
            (2, Some(signed)) => {
                if signed {
                    self.b.ins().sload16(ty, flags, addr, offset)
                } else {
                    self.b.ins().uload16(ty, flags, addr, offset)
                }
            }
            (4, Some(signed)) => {
                if signed {
                    self.b.ins().sload32(flags, addr, offset)
                } else {
                    self.b.ins().uload32(flags, addr, offset)
                }
            }
            _ => self.b.ins().load(ty, flags, addr, offset),
        };
        self.push(v);
    }

    fn store(&mut self, memarg: &MemArg, size: u64) {
        let value = self.pop();
        let (addr, offset) = self.address(memarg, size);
        let flags = MemFlagsData::new();
        let vt = self.b.func.dfg.value_type(value);
        match size {
            1 => self.b.ins().istore8(flags, value, addr, offset),
            2 => self.b.ins().istore16(flags, value, addr, offset),
            4 if vt == types::I64 => self.b.ins().istore32(flags, value, addr, offset),
            _ => self.b.ins().store(flags, value, addr, offset),
        };
    }

    fn memory_vm(&mut self, m: u32) -> Value {
        self.b.ins().load(
            types::I64,
            MemFlagsData::trusted().with_readonly().with_can_move(),
            self.bases.memories,
            (m * 8) as i32,
        )
    }

    // ---- runtime calls ----

    /// The signature of runtime functions of `n` arguments, imported once.
    fn libcall_sig(&mut self, n: usize) -> ir::SigRef {
        *self.libcall_sigs[n].get_or_insert_with(|| self.b.import_signature(libcall_signature(n)))
    }

    /// Calls runtime function `f` with `args`; returns its 64-bit result.
    fn libcall(&mut self, f: LibCall, args: &[Value]) -> Value {
        let sig = self.libcall_sig(args.len() + 1);
        let addr = libcall_address(&mut self.b, self.vmctx, f);
        let mut all = vec![self.vmctx];
        all.extend_from_slice(args);
        let call = self.b.ins().call_indirect(sig, addr, &all);
        self.b.inst_results(call)[0]
    }

    /// Calls runtime function `f`, trapping with its pending error unless
    /// it returns 0.
    fn libcall_checked(&mut self, f: LibCall, args: &[Value]) {
        let status = self.libcall(f, args);
        self.b.ins().trapnz(status, code(TrapKind::Pending));
    }

    fn widen(&mut self, v: Value) -> Value {
        if self.b.func.dfg.value_type(v) == types::I64 {
            v
        } else {
            self.b.ins().uextend(types::I64, v)
        }
    }

    fn iconst(&mut self, v: u64) -> Value {
        self.b.ins().iconst(types::I64, v as i64)
    }

    // ---- calls ----

    fn signature(&mut self, type_index: u32) -> Result<ir::SigRef, Unsupported> {
        if let Some(s) = self.sigs.get(&type_index) {
            return Ok(*s);
        }
        let ty = self.module.info.signature(type_index);
        for result in ty.results() {
            held(self.module, result)?;
        }
        let sig = wasm_signature(ty)?;
        let s = self.b.import_signature(sig);
        self.sigs.insert(type_index, s);
        Ok(s)
    }

    /// Calls the function described by the `VmFunc` at `vf` (whose code is
    /// `native`, null if it has none or it is not known, and context
    /// `callee`): its code if it has some, else through the runtime.
    /// Returns the results.
    fn call_vmfunc(
        &mut self,
        type_index: u32,
        vf: Value,
        native: Value,
        callee: Value,
        args: Vec<Value>,
        tail: bool,
    ) -> Result<Vec<Value>, Unsupported> {
        let sig = self.signature(type_index)?;
        let ft = self.module.info.signature(type_index).clone();
        let result_types: Vec<Type> = ft
            .results()
            .iter()
            .map(clif_type)
            .collect::<Result<_, _>>()?;
        let fast = self.b.create_block();
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        self.b.ins().brif(native, fast, &[], slow, &[]);

        self.switch_to(fast);
        let mut all = vec![callee, self.vmctx];
        all.extend_from_slice(&args);
        let join = self.new_block(&result_types);
        if tail {
            self.b.ins().return_call_indirect(sig, native, &all);
        } else {
            let call = self.b.ins().call_indirect(sig, native, &all);
            let results = self.b.inst_results(call).to_vec();
            self.jump(join, &results);
        }

        self.switch_to(slow);
        if tail {
            // A tail call must stay in constant stack space, which only a
            // call from compiled code to compiled code does: compile the
            // callee now if it can be.
            let now = self.libcall(LibCall::CompileNow, &[vf]);
            let compiled = self.b.create_block();
            let through_runtime = self.b.create_block();
            self.b.set_cold_block(through_runtime);
            self.b.ins().brif(now, compiled, &[], through_runtime, &[]);
            self.switch_to(compiled);
            let mut all = vec![callee, self.vmctx];
            all.extend_from_slice(&args);
            self.b.ins().return_call_indirect(sig, now, &all);
            self.switch_to(through_runtime);
        }
        let libcall = self.libcall_sig(3);
        let results =
            call_through_runtime(&mut self.b, libcall, self.vmctx, vf, &args, &result_types);
        if tail {
            self.b.ins().return_(&results);
            self.switch_to(join);
            self.unreachable_now();
            // A block must end; nothing jumps here.
            self.b.ins().trap(code(TrapKind::Unreachable));
            Ok(Vec::new())
        } else {
            self.jump(join, &results);
            self.switch_to(join);
            Ok(self.b.block_params(join).to_vec())
        }
    }

    fn call(&mut self, function_index: u32, tail: bool) -> R {
        let info = &self.module.info;
        let type_index = info.funcs[function_index as usize];
        let n = info.signature(type_index).params().len();
        let args = self.popn(n);
        let own = function_index == info.num_imported_funcs + self.defined;
        if (self.direct || (own && !self.is_osr)) && function_index >= info.num_imported_funcs {
            let callee = self.func_ref(function_index, type_index)?;
            let mut all = vec![self.vmctx, self.vmctx];
            all.extend_from_slice(&args);
            if tail {
                self.b.ins().return_call(callee, &all);
            } else {
                let call = self.b.ins().call(callee, &all);
                let results = self.b.inst_results(call).to_vec();
                self.stack.extend(results);
            }
            return Ok(());
        }
        let vf = self
            .b
            .ins()
            .iadd_imm_s(self.bases.funcs, i64::from(function_index) * off::FUNC_SIZE);
        let (cell, callee) = if function_index < info.num_imported_funcs {
            let ro = MemFlagsData::trusted().with_readonly().with_can_move();
            let cell = self.b.ins().load(types::I64, ro, vf, off::FUNC_CODE);
            let callee = self.b.ins().load(types::I64, ro, vf, off::FUNC_VMCTX);
            (cell, callee)
        } else {
            let defined = function_index - info.num_imported_funcs;
            let cell = self
                .b
                .ins()
                .iadd_imm_s(self.bases.code, i64::from(defined) * 8);
            (cell, self.vmctx)
        };
        let native = self
            .b
            .ins()
            .load(types::I64, MemFlagsData::trusted(), cell, 0);
        let results = self.call_vmfunc(type_index, vf, native, callee, args, tail)?;
        self.stack.extend(results);
        Ok(())
    }

    /// The reference of function `function_index` for a direct call.
    fn func_ref(
        &mut self,
        function_index: u32,
        type_index: u32,
    ) -> Result<ir::FuncRef, Unsupported> {
        if let Some(f) = self.func_refs.get(&function_index) {
            return Ok(*f);
        }
        let signature = self.signature(type_index)?;
        let name = self
            .b
            .func
            .declare_imported_user_function(ir::UserExternalName::new(0, function_index));
        let f = self.b.import_function(ir::ExtFuncData {
            name: ir::ExternalName::user(name),
            signature,
            colocated: true,
            patchable: false,
        });
        self.func_refs.insert(function_index, f);
        Ok(f)
    }

    /// The `VmFunc` of the table element at the index on top of the stack,
    /// checked: in bounds, not null, of type `type_index`.
    fn indirect_target(&mut self, type_index: u32, table: u32) -> Value {
        let index = self.pop();
        let index = self.widen(index);
        let (base, len) = self.table_bounds(table);
        let oob = self
            .b
            .ins()
            .icmp(IntCC::UnsignedGreaterThanOrEqual, index, len);
        self.b.ins().trapnz(oob, code(TrapKind::TableOutOfBounds));
        let zero = self.iconst(0);
        let index = self.b.ins().select_spectre_guard(oob, zero, index);
        let scaled = self.b.ins().ishl_imm_s(index, 3);
        let at = self.b.ins().iadd(base, scaled);
        let elem = self
            .b
            .ins()
            .load(types::I64, MemFlagsData::trusted(), at, 0);
        self.b.ins().trapz(elem, code(TrapKind::IndirectCallToNull));
        let vf = self.vmfunc_of(elem);
        let actual = self
            .b
            .ins()
            .load(types::I32, MemFlagsData::trusted(), vf, off::FUNC_TYPE);
        // The expected id comes from the instance, not a constant, so the
        // code stays valid in any engine (and in the code cache).
        let ro = MemFlagsData::trusted().with_readonly().with_can_move();
        let ids = self
            .b
            .ins()
            .load(types::I64, ro, self.vmctx, off::CTX_TYPE_IDS);
        let expected = self
            .b
            .ins()
            .load(types::I32, ro, ids, (type_index * 4) as i32);
        let wrong = self.b.ins().icmp(IntCC::NotEqual, actual, expected);
        if self.module.info.type_final[type_index as usize] {
            // No other type can be a subtype of a final one.
            self.b.ins().trapnz(wrong, code(TrapKind::BadSignature));
            return vf;
        }
        // Another type passes if it declares the expected one as a
        // supertype (the GC proposal's `sub`): asked off the fast path.
        let slow = self.b.create_block();
        let ok = self.b.create_block();
        self.b.set_cold_block(slow);
        self.b.ins().brif(wrong, slow, &[], ok, &[]);
        self.switch_to(slow);
        let actual = self.b.ins().uextend(types::I64, actual);
        let expected = self.b.ins().uextend(types::I64, expected);
        let is_subtype = self.libcall(LibCall::IsSubtype, &[actual, expected]);
        self.b.ins().trapz(is_subtype, code(TrapKind::BadSignature));
        self.b.ins().jump(ok, &[]);
        self.switch_to(ok);
        vf
    }

    /// The `VmFunc` of function reference `elem` (a table element or a
    /// typed reference: store function `elem - 1`; not null).
    fn vmfunc_of(&mut self, elem: Value) -> Value {
        let funcs = self.b.ins().load(
            types::I64,
            MemFlagsData::trusted(),
            self.bases.store,
            off::STORE_FUNCS,
        );
        // The subtraction is done on the array's address, off the path
        // from the element.
        let before = self.b.ins().iadd_imm_s(funcs, -off::FUNC_SIZE);
        let scaled = self.b.ins().imul_imm_s(elem, off::FUNC_SIZE);
        self.b.ins().iadd(before, scaled)
    }

    /// `call_ref` and `return_call_ref` of a function of module type
    /// `type_index`: validation proved the reference's type.
    fn call_ref(&mut self, type_index: u32, tail: bool) -> R {
        let elem = self.pop();
        self.b.ins().trapz(elem, code(TrapKind::NullReference));
        let vf = self.vmfunc_of(elem);
        self.call_through(vf, type_index, tail)
    }

    fn call_indirect(&mut self, type_index: u32, table: u32, tail: bool) -> R {
        let vf = self.indirect_target(type_index, table);
        self.call_through(vf, type_index, tail)
    }

    /// Calls (or tail-calls) the function behind `VmFunc` `vf`, of module
    /// type `type_index`, with the arguments on the stack.
    fn call_through(&mut self, vf: Value, type_index: u32, tail: bool) -> R {
        let n = self.module.info.signature(type_index).params().len();
        let args = self.popn(n);
        let flags = MemFlagsData::trusted();
        let native = self.b.ins().load(types::I64, flags, vf, off::FUNC_ENTRY);
        let callee = self.b.ins().load(types::I64, flags, vf, off::FUNC_VMCTX);
        let results = self.call_vmfunc(type_index, vf, native, callee, args, tail)?;
        self.stack.extend(results);
        Ok(())
    }

    // ---- globals and tables ----

    fn global_ptr(&mut self, g: u32) -> Value {
        self.b.ins().load(
            types::I64,
            MemFlagsData::trusted().with_readonly().with_can_move(),
            self.bases.globals,
            (g * 8) as i32,
        )
    }

    fn table_vm(&mut self, t: u32) -> Value {
        self.b.ins().load(
            types::I64,
            MemFlagsData::trusted().with_readonly().with_can_move(),
            self.bases.tables,
            (t * 8) as i32,
        )
    }

    /// The first element and the length of table `t`: for table 0 when it
    /// cannot grow (its maximum is its minimum), from the instance context
    /// and a constant; else read from the table's view.
    fn table_bounds(&mut self, t: u32) -> (Value, Value) {
        if t == 0
            && let Some(len) = self.module.info.tables[0].fixed_size()
        {
            let base = self.b.ins().load(
                types::I64,
                MemFlagsData::trusted().with_readonly().with_can_move(),
                self.vmctx,
                off::CTX_TABLE0,
            );
            return (base, self.iconst(len));
        }
        let vt = self.table_vm(t);
        let len = self
            .b
            .ins()
            .load(types::I64, MemFlagsData::trusted(), vt, off::TABLE_LEN);
        let base = self
            .b
            .ins()
            .load(types::I64, MemFlagsData::trusted(), vt, off::TABLE_BASE);
        (base, len)
    }

    /// The address of element `index` of table `t`, bounds-checked.
    fn table_slot(&mut self, t: u32, index: Value) -> Value {
        let index = self.widen(index);
        let (base, len) = self.table_bounds(t);
        let oob = self
            .b
            .ins()
            .icmp(IntCC::UnsignedGreaterThanOrEqual, index, len);
        self.b.ins().trapnz(oob, code(TrapKind::TableOutOfBounds));
        let scaled = self.b.ins().ishl_imm_s(index, 3);
        let at = self.b.ins().iadd(base, scaled);
        let null = self.iconst(0);
        self.b.ins().select_spectre_guard(oob, null, at)
    }

    fn table_is_64(&self, t: u32) -> bool {
        self.module.info.tables[t as usize].is_64()
    }

    // ---- numeric helpers ----

    fn unop(&mut self, f: impl FnOnce(&mut FunctionBuilder<'_>, Value) -> Value) {
        let a = self.pop();
        let v = f(&mut self.b, a);
        self.push(v);
    }

    fn binop(&mut self, f: impl FnOnce(&mut FunctionBuilder<'_>, Value, Value) -> Value) {
        let (a, b) = self.pop2();
        let v = f(&mut self.b, a, b);
        self.push(v);
    }

    fn icmp(&mut self, cc: IntCC) {
        let (a, b) = self.pop2();
        let c = self.b.ins().icmp(cc, a, b);
        let v = self.b.ins().uextend(types::I32, c);
        self.push(v);
    }

    fn fcmp(&mut self, cc: FloatCC) {
        let (a, b) = self.pop2();
        let c = self.b.ins().fcmp(cc, a, b);
        let v = self.b.ins().uextend(types::I32, c);
        self.push(v);
    }

    fn eqz(&mut self) {
        let a = self.pop();
        let c = self.b.ins().icmp_imm_s(IntCC::Equal, a, 0);
        let v = self.b.ins().uextend(types::I32, c);
        self.push(v);
    }

    fn sext(&mut self, from: Type, to: Type) {
        let a = self.pop();
        let n = self.b.ins().ireduce(from, a);
        let v = self.b.ins().sextend(to, n);
        self.push(v);
    }

    fn translate(&mut self, op: Operator<'_>) -> R {
        use Operator as O;
        use types::{F32, F64, I32, I64};
        match op {
            O::Nop => {}
            O::Unreachable => {
                self.b.ins().trap(code(TrapKind::Unreachable));
                self.unreachable_now();
            }
            O::Block { blockty } => {
                let (params, results) = self.block_types(blockty)?;
                let next = self.new_block(&results);
                let height = self.stack.len() - params.len();
                self.control.push(Control {
                    kind: Kind::Block,
                    next,
                    params,
                    results,
                    height,
                    reached: false,
                });
            }
            O::Loop { blockty } => {
                let (params, results) = self.block_types(blockty)?;
                let header = self.new_block(&params);
                let next = self.new_block(&results);
                let values = self.popn(params.len());
                self.jump(header, &values);
                let enterable = params.is_empty() && self.stack.is_empty();
                if let (Some(osr), true) = (&mut self.osr, enterable) {
                    let ordinal = (self.loops_seen - 1) as usize;
                    let jump = self.b.create_block();
                    if osr.entries.len() <= ordinal {
                        osr.entries.resize(ordinal + 1, None);
                    }
                    osr.entries[ordinal] = Some(jump);
                    self.switch_unsealed(jump);
                    self.jump(header, &[]);
                }
                self.switch_unsealed(header);
                let height = self.stack.len();
                let header_params = self.b.block_params(header).to_vec();
                self.stack.extend(header_params);
                self.control.push(Control {
                    kind: Kind::Loop(header),
                    next,
                    params,
                    results,
                    height,
                    reached: false,
                });
            }
            O::If { blockty } => {
                let cond = self.pop();
                let (params, results) = self.block_types(blockty)?;
                let then_block = self.b.create_block();
                let else_block = self.b.create_block();
                let next = self.new_block(&results);
                self.b.ins().brif(cond, then_block, &[], else_block, &[]);
                self.switch_to(then_block);
                let height = self.stack.len() - params.len();
                let values = self.stack[height..].to_vec();
                self.control.push(Control {
                    kind: Kind::If {
                        else_block: Some(else_block),
                        params: values,
                    },
                    next,
                    params,
                    results,
                    height,
                    reached: false,
                });
            }
            O::Else => self.else_()?,
            O::End => self.end()?,
            O::Br { relative_depth } => {
                let (block, n) = self.target(relative_depth);
                let values = self.stack[self.stack.len() - n..].to_vec();
                self.jump(block, &values);
                self.unreachable_now();
            }
            O::BrIf { relative_depth } => {
                let cond = self.pop();
                let (block, n) = self.target(relative_depth);
                let values = self.stack[self.stack.len() - n..].to_vec();
                let cont = self.b.create_block();
                self.b
                    .ins()
                    .brif(cond, block, &Self::args(&values), cont, &[]);
                self.switch_to(cont);
            }
            O::BrTable { targets } => {
                let index = self.pop();
                let default = targets.default();
                let depths: Vec<u32> = targets
                    .targets()
                    .collect::<Result<_, _>>()
                    .map_err(|e| Unsupported(e.to_string()))?;
                let (_, n) = self.target(default);
                let values = Self::args(&self.stack[self.stack.len() - n..]);
                let mut calls = Vec::with_capacity(depths.len());
                for d in depths {
                    let (block, _) = self.target(d);
                    calls.push(self.b.func.dfg.block_call(block, &values));
                }
                let (block, _) = self.target(default);
                let def = self.b.func.dfg.block_call(block, &values);
                let jt = self
                    .b
                    .create_jump_table(ir::JumpTableData::new(def, &calls));
                self.b.ins().br_table(index, jt);
                self.unreachable_now();
            }
            O::Return => {
                let n = self.control[0].results.len();
                let values = self.stack[self.stack.len() - n..].to_vec();
                self.b.ins().return_(&values);
                self.unreachable_now();
            }
            O::Call { function_index } => self.call(function_index, false)?,
            O::ReturnCall { function_index } => {
                self.call(function_index, true)?;
                self.unreachable_now();
            }
            O::CallIndirect {
                type_index,
                table_index,
            } => self.call_indirect(type_index, table_index, false)?,
            O::ReturnCallIndirect {
                type_index,
                table_index,
            } => {
                self.call_indirect(type_index, table_index, true)?;
                self.unreachable_now();
            }
            O::CallRef { type_index } => self.call_ref(type_index, false)?,
            O::ReturnCallRef { type_index } => {
                self.call_ref(type_index, true)?;
                self.unreachable_now();
            }
            O::RefAsNonNull => {
                let r = self.pop();
                self.b.ins().trapz(r, code(TrapKind::NullReference));
                self.push(r);
            }
            O::BrOnNull { relative_depth } => {
                // Branches without the reference when it is null.
                let r = self.pop();
                let (block, n) = self.target(relative_depth);
                let values = self.stack[self.stack.len() - n..].to_vec();
                let cont = self.b.create_block();
                self.b.ins().brif(r, cont, &[], block, &Self::args(&values));
                self.switch_to(cont);
                self.push(r);
            }
            O::BrOnNonNull { relative_depth } => {
                // Branches with the reference when it is not null.
                let (block, n) = self.target(relative_depth);
                let values = self.stack[self.stack.len() - n..].to_vec();
                let r = self.pop();
                let cont = self.b.create_block();
                self.b.ins().brif(r, block, &Self::args(&values), cont, &[]);
                self.switch_to(cont);
            }
            O::Drop => {
                self.pop();
            }
            O::Select | O::TypedSelect { .. } => {
                let (a, b, c) = self.pop3();
                let v = self.b.ins().select(c, a, b);
                self.push(v);
            }
            O::LocalGet { local_index } => {
                let (var, _) = self.locals[local_index as usize];
                let v = self.b.use_var(var);
                self.push(v);
            }
            O::LocalSet { local_index } => {
                let v = self.pop();
                self.b.def_var(self.locals[local_index as usize].0, v);
            }
            O::LocalTee { local_index } => {
                let v = *self.stack.last().expect("validated");
                self.b.def_var(self.locals[local_index as usize].0, v);
            }
            O::GlobalGet { global_index } => {
                // A global's cell is two 8-byte slots (`GlobalEntity`).
                let content = self.module.info.globals[global_index as usize].content();
                held(self.module, content)?;
                let ty = clif_type(content)?;
                let p = self.global_ptr(global_index);
                let v = self.b.ins().load(ty, slot_flags(ty), p, 0);
                self.push(v);
            }
            O::GlobalSet { global_index } => {
                let v = self.pop();
                let p = self.global_ptr(global_index);
                let ty = self.b.func.dfg.value_type(v);
                self.b.ins().store(slot_flags(ty), v, p, 0);
            }

            O::I32Load { memarg } => self.load(&memarg, I32, 4, None),
            O::I64Load { memarg } => self.load(&memarg, I64, 8, None),
            O::F32Load { memarg } => self.load(&memarg, F32, 4, None),
            O::F64Load { memarg } => self.load(&memarg, F64, 8, None),
            O::I32Load8S { memarg } => self.load(&memarg, I32, 1, Some(true)),
            O::I32Load8U { memarg } => self.load(&memarg, I32, 1, Some(false)),
            O::I32Load16S { memarg } => self.load(&memarg, I32, 2, Some(true)),
            O::I32Load16U { memarg } => self.load(&memarg, I32, 2, Some(false)),
            O::I64Load8S { memarg } => self.load(&memarg, I64, 1, Some(true)),
            O::I64Load8U { memarg } => self.load(&memarg, I64, 1, Some(false)),
            O::I64Load16S { memarg } => self.load(&memarg, I64, 2, Some(true)),
            O::I64Load16U { memarg } => self.load(&memarg, I64, 2, Some(false)),
            O::I64Load32S { memarg } => self.load(&memarg, I64, 4, Some(true)),
            O::I64Load32U { memarg } => self.load(&memarg, I64, 4, Some(false)),
            O::I32Store { memarg } | O::F32Store { memarg } => self.store(&memarg, 4),
            O::I64Store { memarg } | O::F64Store { memarg } => self.store(&memarg, 8),
            O::I32Store8 { memarg } | O::I64Store8 { memarg } => self.store(&memarg, 1),
            O::I32Store16 { memarg } | O::I64Store16 { memarg } => self.store(&memarg, 2),
            O::I64Store32 { memarg } => self.store(&memarg, 4),

            O::MemorySize { mem } => {
                let vm = self.memory_vm(mem);
                let len = self
                    .b
                    .ins()
                    .load(I64, MemFlagsData::trusted(), vm, off::MEMORY_LEN);
                let pages = self.b.ins().ushr_imm_s(len, 16);
                let v = if self.module.info.memories[mem as usize].is_64() {
                    pages
                } else {
                    self.b.ins().ireduce(I32, pages)
                };
                self.push(v);
            }
            O::MemoryGrow { mem } => {
                let delta = self.pop();
                let is_64 = self.module.info.memories[mem as usize].is_64();
                let delta = self.widen(delta);
                let m = self.iconst(u64::from(mem));
                let r = self.libcall(LibCall::MemoryGrow, &[m, delta]);
                let failed = self.b.ins().icmp_imm_s(IntCC::Equal, r, -2);
                self.b.ins().trapnz(failed, code(TrapKind::Pending));
                let v = if is_64 {
                    r
                } else {
                    self.b.ins().ireduce(I32, r)
                };
                self.push(v);
            }
            O::MemoryFill { mem } => {
                let (d, v, n) = self.pop3();
                let (d, v, n) = (self.widen(d), self.widen(v), self.widen(n));
                let m = self.iconst(u64::from(mem));
                self.libcall_checked(LibCall::MemoryFill, &[m, d, v, n]);
            }
            O::MemoryCopy { dst_mem, src_mem } => {
                let (d, s, n) = self.pop3();
                let (d, s, n) = (self.widen(d), self.widen(s), self.widen(n));
                let m = self.iconst(u64::from(dst_mem) | (u64::from(src_mem) << 32));
                self.libcall_checked(LibCall::MemoryCopy, &[m, d, s, n]);
            }
            O::MemoryInit { data_index, mem } => {
                let (d, s, n) = self.pop3();
                let (d, s, n) = (self.widen(d), self.widen(s), self.widen(n));
                let m = self.iconst(u64::from(mem) | (u64::from(data_index) << 32));
                self.libcall_checked(LibCall::MemoryInit, &[m, d, s, n]);
            }
            O::DataDrop { data_index } => {
                let seg = self.iconst(u64::from(data_index));
                self.libcall(LibCall::DataDrop, &[seg]);
            }

            O::TableGet { table } => {
                // The element is a value this function then holds.
                let element = ValType::Ref(*self.module.info.tables[table as usize].element());
                held(self.module, &element)?;
                clif_type(&element)?;
                let index = self.pop();
                let at = self.table_slot(table, index);
                let v = self.b.ins().load(I64, MemFlagsData::new(), at, 0);
                self.push(v);
            }
            O::TableSet { table } => {
                let (index, value) = self.pop2();
                let at = self.table_slot(table, index);
                self.b.ins().store(MemFlagsData::new(), value, at, 0);
            }
            O::TableSize { table } => {
                let vt = self.table_vm(table);
                let len = self
                    .b
                    .ins()
                    .load(I64, MemFlagsData::trusted(), vt, off::TABLE_LEN);
                let v = if self.table_is_64(table) {
                    len
                } else {
                    self.b.ins().ireduce(I32, len)
                };
                self.push(v);
            }
            O::TableGrow { table } => {
                let (init, delta) = self.pop2();
                let delta = self.widen(delta);
                let t = self.iconst(u64::from(table));
                let r = self.libcall(LibCall::TableGrow, &[t, init, delta]);
                let failed = self.b.ins().icmp_imm_s(IntCC::Equal, r, -2);
                self.b.ins().trapnz(failed, code(TrapKind::Pending));
                let v = if self.table_is_64(table) {
                    r
                } else {
                    self.b.ins().ireduce(I32, r)
                };
                self.push(v);
            }
            O::TableFill { table } => {
                let (d, v, n) = self.pop3();
                let (d, n) = (self.widen(d), self.widen(n));
                let t = self.iconst(u64::from(table));
                self.libcall_checked(LibCall::TableFill, &[t, d, v, n]);
            }
            O::TableCopy {
                dst_table,
                src_table,
            } => {
                let (d, s, n) = self.pop3();
                let (d, s, n) = (self.widen(d), self.widen(s), self.widen(n));
                let t = self.iconst(u64::from(dst_table) | (u64::from(src_table) << 32));
                self.libcall_checked(LibCall::TableCopy, &[t, d, s, n]);
            }
            O::TableInit { elem_index, table } => {
                let (d, s, n) = self.pop3();
                let (d, s, n) = (self.widen(d), self.widen(s), self.widen(n));
                let t = self.iconst(u64::from(table) | (u64::from(elem_index) << 32));
                self.libcall_checked(LibCall::TableInit, &[t, d, s, n]);
            }
            O::ElemDrop { elem_index } => {
                let seg = self.iconst(u64::from(elem_index));
                self.libcall(LibCall::ElemDrop, &[seg]);
            }
            O::RefNull { .. } => {
                let v = self.iconst(0);
                self.push(v);
            }
            O::RefIsNull => self.eqz(),
            O::RefFunc { function_index } => {
                let vf = self
                    .b
                    .ins()
                    .iadd_imm_s(self.bases.funcs, i64::from(function_index) * off::FUNC_SIZE);
                let index = self.b.ins().load(
                    I32,
                    MemFlagsData::trusted().with_readonly(),
                    vf,
                    off::FUNC_INDEX,
                );
                let index = self.b.ins().uextend(I64, index);
                let v = self.b.ins().iadd_imm_s(index, 1);
                self.push(v);
            }

            O::I32Const { value } => {
                let v = self.b.ins().iconst(I32, i64::from(value));
                self.push(v);
            }
            O::I64Const { value } => {
                let v = self.b.ins().iconst(I64, value);
                self.push(v);
            }
            O::F32Const { value } => {
                let v = self.b.ins().f32const(Ieee32::with_bits(value.bits()));
                self.push(v);
            }
            O::F64Const { value } => {
                let v = self.b.ins().f64const(Ieee64::with_bits(value.bits()));
                self.push(v);
            }

            O::I32Eqz | O::I64Eqz => self.eqz(),
            O::I32Eq | O::I64Eq => self.icmp(IntCC::Equal),
            O::I32Ne | O::I64Ne => self.icmp(IntCC::NotEqual),
            O::I32LtS | O::I64LtS => self.icmp(IntCC::SignedLessThan),
            O::I32LtU | O::I64LtU => self.icmp(IntCC::UnsignedLessThan),
            O::I32GtS | O::I64GtS => self.icmp(IntCC::SignedGreaterThan),
            O::I32GtU | O::I64GtU => self.icmp(IntCC::UnsignedGreaterThan),
            O::I32LeS | O::I64LeS => self.icmp(IntCC::SignedLessThanOrEqual),
            O::I32LeU | O::I64LeU => self.icmp(IntCC::UnsignedLessThanOrEqual),
            O::I32GeS | O::I64GeS => self.icmp(IntCC::SignedGreaterThanOrEqual),
            O::I32GeU | O::I64GeU => self.icmp(IntCC::UnsignedGreaterThanOrEqual),
            O::F32Eq | O::F64Eq => self.fcmp(FloatCC::Equal),
            O::F32Ne | O::F64Ne => self.fcmp(FloatCC::NotEqual),
            O::F32Lt | O::F64Lt => self.fcmp(FloatCC::LessThan),
            O::F32Gt | O::F64Gt => self.fcmp(FloatCC::GreaterThan),
            O::F32Le | O::F64Le => self.fcmp(FloatCC::LessThanOrEqual),
            O::F32Ge | O::F64Ge => self.fcmp(FloatCC::GreaterThanOrEqual),

            O::I32Clz | O::I64Clz => self.unop(|b, a| b.ins().clz(a)),
            O::I32Ctz | O::I64Ctz => self.unop(|b, a| b.ins().ctz(a)),
            O::I32Popcnt | O::I64Popcnt => self.unop(|b, a| b.ins().popcnt(a)),
            O::I32Add | O::I64Add => self.binop(|b, x, y| b.ins().iadd(x, y)),
            O::I32Sub | O::I64Sub => self.binop(|b, x, y| b.ins().isub(x, y)),
            O::I32Mul | O::I64Mul => self.binop(|b, x, y| b.ins().imul(x, y)),
            O::I32DivS | O::I64DivS => self.binop(|b, x, y| b.ins().sdiv(x, y)),
            O::I32DivU | O::I64DivU => self.binop(|b, x, y| b.ins().udiv(x, y)),
            O::I32RemS | O::I64RemS => self.binop(|b, x, y| b.ins().srem(x, y)),
            O::I32RemU | O::I64RemU => self.binop(|b, x, y| b.ins().urem(x, y)),
            O::I32And | O::I64And => self.binop(|b, x, y| b.ins().band(x, y)),
            O::I32Or | O::I64Or => self.binop(|b, x, y| b.ins().bor(x, y)),
            O::I32Xor | O::I64Xor => self.binop(|b, x, y| b.ins().bxor(x, y)),
            O::I32Shl | O::I64Shl => self.binop(|b, x, y| b.ins().ishl(x, y)),
            O::I32ShrS | O::I64ShrS => self.binop(|b, x, y| b.ins().sshr(x, y)),
            O::I32ShrU | O::I64ShrU => self.binop(|b, x, y| b.ins().ushr(x, y)),
            O::I32Rotl | O::I64Rotl => self.binop(|b, x, y| b.ins().rotl(x, y)),
            O::I32Rotr | O::I64Rotr => self.binop(|b, x, y| b.ins().rotr(x, y)),

            O::F32Abs | O::F64Abs => self.unop(|b, a| b.ins().fabs(a)),
            O::F32Neg | O::F64Neg => self.unop(|b, a| b.ins().fneg(a)),
            O::F32Ceil | O::F64Ceil => self.unop(|b, a| b.ins().ceil(a)),
            O::F32Floor | O::F64Floor => self.unop(|b, a| b.ins().floor(a)),
            O::F32Trunc | O::F64Trunc => self.unop(|b, a| b.ins().trunc(a)),
            O::F32Nearest | O::F64Nearest => self.unop(|b, a| b.ins().nearest(a)),
            O::F32Sqrt | O::F64Sqrt => self.unop(|b, a| b.ins().sqrt(a)),
            O::F32Add | O::F64Add => self.binop(|b, x, y| b.ins().fadd(x, y)),
            O::F32Sub | O::F64Sub => self.binop(|b, x, y| b.ins().fsub(x, y)),
            O::F32Mul | O::F64Mul => self.binop(|b, x, y| b.ins().fmul(x, y)),
            O::F32Div | O::F64Div => self.binop(|b, x, y| b.ins().fdiv(x, y)),
            O::F32Min | O::F64Min => self.binop(|b, x, y| b.ins().fmin(x, y)),
            O::F32Max | O::F64Max => self.binop(|b, x, y| b.ins().fmax(x, y)),
            O::F32Copysign | O::F64Copysign => self.binop(|b, x, y| b.ins().fcopysign(x, y)),

            O::I32WrapI64 => self.unop(|b, a| b.ins().ireduce(I32, a)),
            O::I64ExtendI32S => self.unop(|b, a| b.ins().sextend(I64, a)),
            O::I64ExtendI32U => self.unop(|b, a| b.ins().uextend(I64, a)),
            O::I32TruncF32S | O::I32TruncF64S => self.unop(|b, a| b.ins().fcvt_to_sint(I32, a)),
            O::I32TruncF32U | O::I32TruncF64U => self.unop(|b, a| b.ins().fcvt_to_uint(I32, a)),
            O::I64TruncF32S | O::I64TruncF64S => self.unop(|b, a| b.ins().fcvt_to_sint(I64, a)),
            O::I64TruncF32U | O::I64TruncF64U => self.unop(|b, a| b.ins().fcvt_to_uint(I64, a)),
            O::I32TruncSatF32S | O::I32TruncSatF64S => {
                self.unop(|b, a| b.ins().fcvt_to_sint_sat(I32, a))
            }
            O::I32TruncSatF32U | O::I32TruncSatF64U => {
                self.unop(|b, a| b.ins().fcvt_to_uint_sat(I32, a))
            }
            O::I64TruncSatF32S | O::I64TruncSatF64S => {
                self.unop(|b, a| b.ins().fcvt_to_sint_sat(I64, a))
            }
            O::I64TruncSatF32U | O::I64TruncSatF64U => {
                self.unop(|b, a| b.ins().fcvt_to_uint_sat(I64, a))
            }
            O::F32ConvertI32S | O::F32ConvertI64S => {
                self.unop(|b, a| b.ins().fcvt_from_sint(F32, a))
            }
            O::F32ConvertI32U | O::F32ConvertI64U => {
                self.unop(|b, a| b.ins().fcvt_from_uint(F32, a))
            }
            O::F64ConvertI32S | O::F64ConvertI64S => {
                self.unop(|b, a| b.ins().fcvt_from_sint(F64, a))
            }
            O::F64ConvertI32U | O::F64ConvertI64U => {
                self.unop(|b, a| b.ins().fcvt_from_uint(F64, a))
            }
            O::F32DemoteF64 => self.unop(|b, a| b.ins().fdemote(F32, a)),
            O::F64PromoteF32 => self.unop(|b, a| b.ins().fpromote(F64, a)),
            O::I32ReinterpretF32 => self.unop(|b, a| b.ins().bitcast(I32, MemFlagsData::new(), a)),
            O::I64ReinterpretF64 => self.unop(|b, a| b.ins().bitcast(I64, MemFlagsData::new(), a)),
            O::F32ReinterpretI32 => self.unop(|b, a| b.ins().bitcast(F32, MemFlagsData::new(), a)),
            O::F64ReinterpretI64 => self.unop(|b, a| b.ins().bitcast(F64, MemFlagsData::new(), a)),
            O::I32Extend8S => self.sext(types::I8, I32),
            O::I32Extend16S => self.sext(types::I16, I32),
            O::I64Extend8S => self.sext(types::I8, I64),
            O::I64Extend16S => self.sext(types::I16, I64),
            O::I64Extend32S => self.sext(I32, I64),

            // The GC proposal's operators run in the interpreter (see
            // `clif_type`).
            O::RefEq
            | O::RefI31
            | O::I31GetS
            | O::I31GetU
            | O::RefTestNonNull { .. }
            | O::RefTestNullable { .. }
            | O::RefCastNonNull { .. }
            | O::RefCastNullable { .. }
            | O::BrOnCast { .. }
            | O::BrOnCastFail { .. }
            | O::AnyConvertExtern
            | O::ExternConvertAny
            | O::StructNew { .. }
            | O::StructNewDefault { .. }
            | O::StructGet { .. }
            | O::StructGetS { .. }
            | O::StructGetU { .. }
            | O::StructSet { .. }
            | O::ArrayNew { .. }
            | O::ArrayNewDefault { .. }
            | O::ArrayNewFixed { .. }
            | O::ArrayNewData { .. }
            | O::ArrayNewElem { .. }
            | O::ArrayGet { .. }
            | O::ArrayGetS { .. }
            | O::ArrayGetU { .. }
            | O::ArraySet { .. }
            | O::ArrayLen
            | O::ArrayFill { .. }
            | O::ArrayCopy { .. }
            | O::ArrayInitData { .. }
            | O::ArrayInitElem { .. } => return unsupported(GC),

            other => return self.simd(other),
        }
        Ok(())
    }
}
