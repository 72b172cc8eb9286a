//! The interpreter's instruction set: the one place where instructions are
//! declared.
//!
//! `for_each_instr!` lists every instruction with its operand fields. From it
//! are generated: one operand struct per instruction (module [`op`]), the
//! [`Instr`] enum, the accessors the translator uses to patch results and
//! branch offsets, the names used by the disassembler, and (in `execute`) the
//! handler table of the tail-call backend and the `match` of the portable one.
//!
//! The bytecode is register-based: operands are *slots* of the current frame
//! (`Slot`, a 16-bit index: parameters, then locals, then temporaries), and
//! constants are immediates. Every instruction is 16 bytes: a 16-bit opcode
//! followed by up to 14 bytes of operands, packed to 2-byte alignment.
//!
//! Entry syntax: `Name { field: Type, ... } [=> result_field] [jump offset_field];`
//! where `=> f` marks the slot the instruction writes its single result to (so
//! the translator can retarget it, e.g. to fuse `local.set`), and `jump f` marks
//! a relative branch offset, counted in instructions from the branch itself.

use crate::Trap as TrapCode;
use crate::module::FuncCode;

/// A frame-relative slot index.
pub(crate) type Slot = u16;

/// An operand read from the integer accumulator (`Regs::acc`) rather than
/// from its slot; the slot is kept, for the disassembler and for the check
/// (in builds with debug assertions) that both hold the same value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(transparent)]
pub(crate) struct AccI(pub Slot);

/// An `f64` operand read from the float accumulator (`Regs::facc`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(transparent)]
pub(crate) struct AccF(pub Slot);

/// The code table entry (`ModuleInner::code`) of a defined function of the
/// module whose bytecode holds it: a call reaches the callee's bytecode from
/// its own operands, without going through the instance and the module.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct CodeRef(pub *const FuncCode);

// SAFETY: a `CodeRef` is only read by the interpreter, as a shared reference
// to a `FuncCode`, which is `Sync`; the table it points into is a boxed slice
// of the module, never moved or resized, that outlives the bytecode holding
// the reference (the bytecode is stored in that same table).
unsafe impl Send for CodeRef {}
// SAFETY: as above.
unsafe impl Sync for CodeRef {}

impl std::fmt::Debug for CodeRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // An address: the same listing on every run without it.
        f.write_str("_")
    }
}

impl From<Slot> for AccI {
    fn from(slot: Slot) -> Self {
        AccI(slot)
    }
}

impl From<Slot> for AccF {
    fn from(slot: Slot) -> Self {
        AccF(slot)
    }
}

/// Calls `$m!` with the list of all instructions.
macro_rules! for_each_instr {
    ($m:ident) => {
        $m! {
        // ---- control ----
        /// Traps with `code`.
        Trap { code: TrapCode };
        /// Jumps by `offset` instructions.
        Br { offset: i32 } jump offset;
        /// Charges `cost` fuel for the run of operators it starts, or traps
        /// with `OutOfFuel` (emitted only when the engine consumes fuel).
        Fuel { cost: u32 };
        /// Traps with `Interrupt` if the store's epoch deadline has been
        /// reached (emitted only with epoch interruption, at function entry
        /// and loop headers).
        CheckEpoch {  };
        /// Counts an iteration of loop `loop_index` (its ordinal among the
        /// body's `loop` operators) of defined function `defined`, and enters
        /// its compiled code at this header once it has some (on-stack
        /// replacement; emitted only with the tiered strategy, at headers of
        /// loops entered with an empty operand stack and no parameters).
        LoopHeat { defined: u32, loop_index: u32 };
        /// Jumps if the `i32` in `cond` is not zero.
        BrIfNez { cond: Slot, offset: i32 } jump offset;
        /// Jumps if the `i32` in `cond` is zero.
        BrIfEqz { cond: Slot, offset: i32 } jump offset;
        /// Jumps if the `i64` in `cond` is not zero.
        BrI64Nez { cond: Slot, offset: i32 } jump offset;
        /// Jumps if the `i64` in `cond` is zero.
        BrI64Eqz { cond: Slot, offset: i32 } jump offset;
        /// Jumps to entry `min(index, len)` of the `len + 1` `Br` instructions that
        /// follow, reaching the entry through a `match` on the index (control flow).
        BrTable { index: Slot, len: u32 };
        /// `BrTable` with the entry's address computed from the index (data flow);
        /// see `translate::br_table_by_match` for which is used where.
        BrTableComputed { index: Slot, len: u32 };
        /// Returns with no results.
        Return {  };
        /// Returns the value of `src`.
        ReturnSlot { src: Slot };
        /// Returns a constant.
        ReturnImm { value: u64 };
        /// Returns the `len` values starting at `start`.
        ReturnSpan { start: Slot, len: u16 };
        /// Calls defined function `func`, whose code table entry is `code`;
        /// arguments and results start at `args`.
        Call { func: u32, args: Slot, code: CodeRef };
        /// Calls imported function `func`; arguments and results start at `args`.
        CallImported { func: u32, args: Slot };
        /// Calls the function at `table[index]`, checking it has the type of
        /// registered id `type_id` or a declared subtype of it (the module's
        /// type, resolved when translated: no lookup through the instance at
        /// run time).
        CallIndirect { type_id: u32, table: u32, index: Slot, args: Slot };
        /// Tail-calls defined function `func`: its arguments, at `args`,
        /// replace the current frame.
        ReturnCall { func: u32, args: Slot, code: CodeRef };
        /// Tail-calls imported function `func` with arguments at `args`.
        ReturnCallImported { func: u32, args: Slot };
        /// Tail-calls the function at `table[index]`, checking it has the
        /// type of registered id `type_id` (or a declared subtype of it).
        ReturnCallIndirect { type_id: u32, table: u32, index: Slot, args: Slot };
        /// Calls the function that the reference in `func` names (the
        /// function-references proposal); traps on null. Validation proved
        /// its type. Arguments and results start at `args`.
        CallRef { func: Slot, args: Slot };
        /// Tail-calls the function that the reference in `func` names.
        ReturnCallRef { func: Slot, args: Slot };
        /// Traps if the reference in `src` is null (`ref.as_non_null`).
        RefAsNonNull { src: Slot };
        /// Throws a new exception of the module's tag `tag`, carrying the
        /// values in the slots from `args` (see `CompiledFunc::handlers`).
        Throw { tag: u32, args: Slot };
        /// Throws the exception `exn` refers to again; traps on null.
        ThrowRef { exn: Slot };
        // ---- compare and branch ----
        /// Jumps if `i32.eq` holds for two slots.
        BrI32Eq { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `i32.eq` holds for a slot and a constant.
        BrI32EqImm { lhs: Slot, rhs: i32, offset: i32 } jump offset;
        /// Jumps if `i32.ne` holds for two slots.
        BrI32Ne { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `i32.ne` holds for a slot and a constant.
        BrI32NeImm { lhs: Slot, rhs: i32, offset: i32 } jump offset;
        /// Jumps if `i32.lts` holds for two slots.
        BrI32LtS { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `i32.lts` holds for a slot and a constant.
        BrI32LtSImm { lhs: Slot, rhs: i32, offset: i32 } jump offset;
        /// Jumps if `i32.ltu` holds for two slots.
        BrI32LtU { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `i32.ltu` holds for a slot and a constant.
        BrI32LtUImm { lhs: Slot, rhs: i32, offset: i32 } jump offset;
        /// Jumps if `i32.gts` holds for two slots.
        BrI32GtS { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `i32.gts` holds for a slot and a constant.
        BrI32GtSImm { lhs: Slot, rhs: i32, offset: i32 } jump offset;
        /// Jumps if `i32.gtu` holds for two slots.
        BrI32GtU { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `i32.gtu` holds for a slot and a constant.
        BrI32GtUImm { lhs: Slot, rhs: i32, offset: i32 } jump offset;
        /// Jumps if `i32.les` holds for two slots.
        BrI32LeS { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `i32.les` holds for a slot and a constant.
        BrI32LeSImm { lhs: Slot, rhs: i32, offset: i32 } jump offset;
        /// Jumps if `i32.leu` holds for two slots.
        BrI32LeU { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `i32.leu` holds for a slot and a constant.
        BrI32LeUImm { lhs: Slot, rhs: i32, offset: i32 } jump offset;
        /// Jumps if `i32.ges` holds for two slots.
        BrI32GeS { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `i32.ges` holds for a slot and a constant.
        BrI32GeSImm { lhs: Slot, rhs: i32, offset: i32 } jump offset;
        /// Jumps if `i32.geu` holds for two slots.
        BrI32GeU { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `i32.geu` holds for a slot and a constant.
        BrI32GeUImm { lhs: Slot, rhs: i32, offset: i32 } jump offset;
        /// Jumps if `i64.eq` holds for two slots.
        BrI64Eq { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `i64.eq` holds for a slot and a constant.
        BrI64EqImm { lhs: Slot, rhs: i64, offset: i32 } jump offset;
        /// Jumps if `i64.ne` holds for two slots.
        BrI64Ne { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `i64.ne` holds for a slot and a constant.
        BrI64NeImm { lhs: Slot, rhs: i64, offset: i32 } jump offset;
        /// Jumps if `i64.lts` holds for two slots.
        BrI64LtS { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `i64.lts` holds for a slot and a constant.
        BrI64LtSImm { lhs: Slot, rhs: i64, offset: i32 } jump offset;
        /// Jumps if `i64.ltu` holds for two slots.
        BrI64LtU { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `i64.ltu` holds for a slot and a constant.
        BrI64LtUImm { lhs: Slot, rhs: i64, offset: i32 } jump offset;
        /// Jumps if `i64.gts` holds for two slots.
        BrI64GtS { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `i64.gts` holds for a slot and a constant.
        BrI64GtSImm { lhs: Slot, rhs: i64, offset: i32 } jump offset;
        /// Jumps if `i64.gtu` holds for two slots.
        BrI64GtU { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `i64.gtu` holds for a slot and a constant.
        BrI64GtUImm { lhs: Slot, rhs: i64, offset: i32 } jump offset;
        /// Jumps if `i64.les` holds for two slots.
        BrI64LeS { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `i64.les` holds for a slot and a constant.
        BrI64LeSImm { lhs: Slot, rhs: i64, offset: i32 } jump offset;
        /// Jumps if `i64.leu` holds for two slots.
        BrI64LeU { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `i64.leu` holds for a slot and a constant.
        BrI64LeUImm { lhs: Slot, rhs: i64, offset: i32 } jump offset;
        /// Jumps if `i64.ges` holds for two slots.
        BrI64GeS { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `i64.ges` holds for a slot and a constant.
        BrI64GeSImm { lhs: Slot, rhs: i64, offset: i32 } jump offset;
        /// Jumps if `i64.geu` holds for two slots.
        BrI64GeU { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `i64.geu` holds for a slot and a constant.
        BrI64GeUImm { lhs: Slot, rhs: i64, offset: i32 } jump offset;
        /// Jumps if `f32` comparison `Eq` holds (`Not*` is true for NaN).
        BrF32Eq { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `f32` comparison `Ne` holds (`Not*` is true for NaN).
        BrF32Ne { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `f32` comparison `Lt` holds (`Not*` is true for NaN).
        BrF32Lt { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `f32` comparison `Gt` holds (`Not*` is true for NaN).
        BrF32Gt { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `f32` comparison `Le` holds (`Not*` is true for NaN).
        BrF32Le { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `f32` comparison `Ge` holds (`Not*` is true for NaN).
        BrF32Ge { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `f32` comparison `NotLt` holds (`Not*` is true for NaN).
        BrF32NotLt { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `f32` comparison `NotGt` holds (`Not*` is true for NaN).
        BrF32NotGt { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `f32` comparison `NotLe` holds (`Not*` is true for NaN).
        BrF32NotLe { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `f32` comparison `NotGe` holds (`Not*` is true for NaN).
        BrF32NotGe { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `f64` comparison `Eq` holds (`Not*` is true for NaN).
        BrF64Eq { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `f64` comparison `Ne` holds (`Not*` is true for NaN).
        BrF64Ne { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `f64` comparison `Lt` holds (`Not*` is true for NaN).
        BrF64Lt { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `f64` comparison `Gt` holds (`Not*` is true for NaN).
        BrF64Gt { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `f64` comparison `Le` holds (`Not*` is true for NaN).
        BrF64Le { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `f64` comparison `Ge` holds (`Not*` is true for NaN).
        BrF64Ge { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `f64` comparison `NotLt` holds (`Not*` is true for NaN).
        BrF64NotLt { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `f64` comparison `NotGt` holds (`Not*` is true for NaN).
        BrF64NotGt { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `f64` comparison `NotLe` holds (`Not*` is true for NaN).
        BrF64NotLe { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        /// Jumps if `f64` comparison `NotGe` holds (`Not*` is true for NaN).
        BrF64NotGe { lhs: Slot, rhs: Slot, offset: i32 } jump offset;
        // ---- copies, constants, select ----
        /// Copies `src` to `dst`.
        Copy { dst: Slot, src: Slot } => dst;
        /// Copies the `v128` at `src` (two slots) to `dst`; the ranges may
        /// overlap.
        Copy128 { dst: Slot, src: Slot } => dst;
        /// Sets `dst` to a constant.
        Const { dst: Slot, value: u64 } => dst;
        /// Sets `dst` to `a` if the `i32` in `cond` is not zero, else to `b`.
        Select { dst: Slot, cond: Slot, a: Slot, b: Slot } => dst;
        /// `Select` with a constant first operand: `dst = cond ? a : b`.
        SelectImmA { dst: Slot, cond: Slot, b: Slot, a: u64 } => dst;
        /// `Select` with a constant second operand.
        SelectImmB { dst: Slot, cond: Slot, a: Slot, b: u64 } => dst;
        /// `Select` of `v128` values.
        Select128 { dst: Slot, cond: Slot, a: Slot, b: Slot } => dst;
        // ---- globals ----
        /// Reads global `index`.
        GlobalGet { dst: Slot, index: u32 } => dst;
        /// Writes global `index`.
        GlobalSet { src: Slot, index: u32 };
        /// Reads `v128` global `index`.
        GlobalGet128 { dst: Slot, index: u32 } => dst;
        /// Writes `v128` global `index`.
        GlobalSet128 { src: Slot, index: u32 };
        // ---- memory 0 ----
        // The short forms of scalar accesses (memory 0, 32-bit, offset plus size
        // below 2^32) carry the end of the access rather than its offset: one
        // addition gives the bound to check, and the address is `end - size`.
        /// Loads 8 bits, sign-extended, ending at `ptr + end` (`end` is the access's offset plus its size).
        Load8S { dst: Slot, ptr: Slot, end: u32 } => dst;
        /// Loads 8 bits, zero-extended, ending at `ptr + end` (`end` is the access's offset plus its size).
        Load8U { dst: Slot, ptr: Slot, end: u32 } => dst;
        /// Loads 16 bits, sign-extended, ending at `ptr + end` (`end` is the access's offset plus its size).
        Load16S { dst: Slot, ptr: Slot, end: u32 } => dst;
        /// Loads 16 bits, zero-extended, ending at `ptr + end` (`end` is the access's offset plus its size).
        Load16U { dst: Slot, ptr: Slot, end: u32 } => dst;
        /// Loads 32 bits, sign-extended, ending at `ptr + end` (`end` is the access's offset plus its size).
        Load32S { dst: Slot, ptr: Slot, end: u32 } => dst;
        /// Loads 32 bits, zero-extended, ending at `ptr + end` (`end` is the access's offset plus its size).
        Load32U { dst: Slot, ptr: Slot, end: u32 } => dst;
        /// Loads 64 bits, ending at `ptr + end` (`end` is the access's offset plus its size).
        Load64 { dst: Slot, ptr: Slot, end: u32 } => dst;
        /// Stores the low 8 bits of `value` ending at `ptr + end` (`end`: offset plus size).
        Store8 { ptr: Slot, value: Slot, end: u32 };
        /// Stores the low 8 bits of a constant ending at `ptr + end` (`end`: offset plus size).
        Store8Imm { ptr: Slot, end: u32, value: u32 };
        /// Stores the low 16 bits of `value` ending at `ptr + end` (`end`: offset plus size).
        Store16 { ptr: Slot, value: Slot, end: u32 };
        /// Stores the low 16 bits of a constant ending at `ptr + end` (`end`: offset plus size).
        Store16Imm { ptr: Slot, end: u32, value: u32 };
        /// Stores the low 32 bits of `value` ending at `ptr + end` (`end`: offset plus size).
        Store32 { ptr: Slot, value: Slot, end: u32 };
        /// Stores the low 32 bits of a constant ending at `ptr + end` (`end`: offset plus size).
        Store32Imm { ptr: Slot, end: u32, value: u32 };
        /// Stores the low 64 bits of `value` ending at `ptr + end` (`end`: offset plus size).
        Store64 { ptr: Slot, value: Slot, end: u32 };
        /// Stores the low 64 bits of a constant ending at `ptr + end` (`end`: offset plus size).
        Store64Imm { ptr: Slot, end: u32, value: u64 };
        // ---- any memory: each access is followed by its `MemArg` ----
        /// The memory and offset of the access just before; never executed
        /// (the access skips it).
        MemArg { memory: u32, offset: u64 };
        /// `Load8S` from any memory, 32- or 64-bit.
        Load8SMem { dst: Slot, ptr: Slot } => dst;
        /// `Load8U` from any memory.
        Load8UMem { dst: Slot, ptr: Slot } => dst;
        /// `Load16S` from any memory.
        Load16SMem { dst: Slot, ptr: Slot } => dst;
        /// `Load16U` from any memory.
        Load16UMem { dst: Slot, ptr: Slot } => dst;
        /// `Load32S` from any memory.
        Load32SMem { dst: Slot, ptr: Slot } => dst;
        /// `Load32U` from any memory.
        Load32UMem { dst: Slot, ptr: Slot } => dst;
        /// `Load64` from any memory.
        Load64Mem { dst: Slot, ptr: Slot } => dst;
        /// `Store8` to any memory.
        Store8Mem { ptr: Slot, value: Slot };
        /// `Store16` to any memory.
        Store16Mem { ptr: Slot, value: Slot };
        /// `Store32` to any memory.
        Store32Mem { ptr: Slot, value: Slot };
        /// `Store64` to any memory.
        Store64Mem { ptr: Slot, value: Slot };
        /// `memory.size` of memory `mem`.
        MemorySize { dst: Slot, mem: u32 } => dst;
        /// `memory.grow` of memory `mem`.
        MemoryGrow { dst: Slot, delta: Slot, mem: u32 } => dst;
        /// `memory.fill` of memory `mem`.
        MemoryFill { mem: u32, addr: Slot, value: Slot, len: Slot };
        /// `memory.copy` from memory `src_mem` to memory `dst_mem`.
        MemoryCopy { dst_mem: u32, src_mem: u32, dst_addr: Slot, src_addr: Slot, len: Slot };
        /// `memory.init` of memory `mem` from data segment `seg`.
        MemoryInit { seg: u32, mem: u32, dst_addr: Slot, src_offset: Slot, len: Slot };
        /// `data.drop`.
        DataDrop { seg: u32 };
        // ---- tables and references ----
        /// `table.get`.
        TableGet { table: u32, dst: Slot, index: Slot } => dst;
        /// `table.set`.
        TableSet { table: u32, index: Slot, value: Slot };
        /// `table.size`.
        TableSize { table: u32, dst: Slot } => dst;
        /// `table.grow`.
        TableGrow { table: u32, dst: Slot, init: Slot, delta: Slot } => dst;
        /// `table.fill`.
        TableFill { table: u32, start: Slot, value: Slot, len: Slot };
        /// `table.copy`.
        TableCopy { dst_table: u32, src_table: u32, dst_index: Slot, src_index: Slot, len: Slot };
        /// `table.init` from element segment `seg`.
        TableInit { table: u32, seg: u32, dst_index: Slot, src_offset: Slot, len: Slot };
        /// `elem.drop`.
        ElemDrop { seg: u32 };
        /// `ref.func`.
        RefFunc { dst: Slot, func: u32 } => dst;
        /// `ref.i31`: the low 31 bits of `src` as an `i31ref` (see
        /// `runtime::gc` for the encoding).
        RefI31 { dst: Slot, src: Slot } => dst;
        /// `any.convert_extern` and `extern.convert_any` (the same bit flip:
        /// `runtime::gc::convert`).
        RefConvert { dst: Slot, src: Slot } => dst;
        /// `i31.get_s`; traps on null.
        I31GetS { dst: Slot, src: Slot } => dst;
        /// `i31.get_u`; traps on null.
        I31GetU { dst: Slot, src: Slot } => dst;
        /// `ref.test`: whether the reference in `src` has the type that
        /// `kind` and `type_id` describe (`runtime::gc::CastTarget`).
        RefTest { dst: Slot, src: Slot, kind: u32, type_id: u32 } => dst;
        /// `ref.cast`: traps unless the reference in `src` has the type.
        RefCast { src: Slot, kind: u32, type_id: u32 };
        /// `struct.new` of registered type `type_id`, its fields' values in
        /// the `words` slots from `args` (see `runtime::gc`).
        StructNew { dst: Slot, args: Slot, type_id: u32, words: u32 } => dst;
        /// `struct.new_default`.
        StructNewDefault { dst: Slot, type_id: u32 } => dst;
        /// `struct.get` (`signed`: `get_s` of a packed field); traps on null.
        StructGet { dst: Slot, obj: Slot, field: u32, signed: u32 } => dst;
        /// `struct.set`; traps on null.
        StructSet { obj: Slot, value: Slot, field: u32 };
        /// `array.new`: `len` elements of the value in `init`.
        ArrayNew { dst: Slot, init: Slot, len: Slot, type_id: u32 } => dst;
        /// `array.new_default`.
        ArrayNewDefault { dst: Slot, len: Slot, type_id: u32 } => dst;
        /// `array.new_fixed`: `count` elements from the slots at `args`.
        ArrayNewFixed { dst: Slot, args: Slot, count: u32, type_id: u32 } => dst;
        /// `array.new_data` from the module's data segment `seg`.
        ArrayNewData { dst: Slot, offset: Slot, len: Slot, type_id: u32, seg: u32 } => dst;
        /// `array.new_elem` from the module's element segment `seg`.
        ArrayNewElem { dst: Slot, offset: Slot, len: Slot, type_id: u32, seg: u32 } => dst;
        /// `array.get` (`signed`: `get_s` of packed elements); traps on null
        /// and out of bounds.
        ArrayGet { dst: Slot, arr: Slot, index: Slot, signed: u32 } => dst;
        /// `array.set`.
        ArraySet { arr: Slot, index: Slot, value: Slot };
        /// `array.len`.
        ArrayLen { dst: Slot, arr: Slot } => dst;
        /// `array.fill`.
        ArrayFill { arr: Slot, offset: Slot, value: Slot, len: Slot };
        /// `array.copy`.
        ArrayCopy { dst_arr: Slot, dst_index: Slot, src_arr: Slot, src_index: Slot, len: Slot };
        /// `array.init_data` from data segment `seg`.
        ArrayInitData { arr: Slot, dst_index: Slot, src_offset: Slot, len: Slot, seg: u32 };
        /// `array.init_elem` from element segment `seg`.
        ArrayInitElem { arr: Slot, dst_index: Slot, src_offset: Slot, len: Slot, seg: u32 };
        // ---- unary numeric ----
        /// `I32Eqz` of `src`.
        I32Eqz { dst: Slot, src: Slot } => dst;
        /// `I64Eqz` of `src`.
        I64Eqz { dst: Slot, src: Slot } => dst;
        /// `I32Clz` of `src`.
        I32Clz { dst: Slot, src: Slot } => dst;
        /// `I32Ctz` of `src`.
        I32Ctz { dst: Slot, src: Slot } => dst;
        /// `I32Popcnt` of `src`.
        I32Popcnt { dst: Slot, src: Slot } => dst;
        /// `I64Clz` of `src`.
        I64Clz { dst: Slot, src: Slot } => dst;
        /// `I64Ctz` of `src`.
        I64Ctz { dst: Slot, src: Slot } => dst;
        /// `I64Popcnt` of `src`.
        I64Popcnt { dst: Slot, src: Slot } => dst;
        /// `I64Extend8S` of `src`.
        I64Extend8S { dst: Slot, src: Slot } => dst;
        /// `I64Extend16S` of `src`.
        I64Extend16S { dst: Slot, src: Slot } => dst;
        /// `I64Extend32S` of `src`.
        I64Extend32S { dst: Slot, src: Slot } => dst;
        /// `I64ExtendI32U` of `src`.
        I64ExtendI32U { dst: Slot, src: Slot } => dst;
        /// `F32Abs` of `src`.
        F32Abs { dst: Slot, src: Slot } => dst;
        /// `F32Neg` of `src`.
        F32Neg { dst: Slot, src: Slot } => dst;
        /// `F32Ceil` of `src`.
        F32Ceil { dst: Slot, src: Slot } => dst;
        /// `F32Floor` of `src`.
        F32Floor { dst: Slot, src: Slot } => dst;
        /// `F32Trunc` of `src`.
        F32Trunc { dst: Slot, src: Slot } => dst;
        /// `F32Nearest` of `src`.
        F32Nearest { dst: Slot, src: Slot } => dst;
        /// `F32Sqrt` of `src`.
        F32Sqrt { dst: Slot, src: Slot } => dst;
        /// `F64Abs` of `src`.
        F64Abs { dst: Slot, src: Slot } => dst;
        /// `F64Neg` of `src`.
        F64Neg { dst: Slot, src: Slot } => dst;
        /// `F64Ceil` of `src`.
        F64Ceil { dst: Slot, src: Slot } => dst;
        /// `F64Floor` of `src`.
        F64Floor { dst: Slot, src: Slot } => dst;
        /// `F64Trunc` of `src`.
        F64Trunc { dst: Slot, src: Slot } => dst;
        /// `F64Nearest` of `src`.
        F64Nearest { dst: Slot, src: Slot } => dst;
        /// `F64Sqrt` of `src`.
        F64Sqrt { dst: Slot, src: Slot } => dst;
        /// `I32TruncF32S` of `src`.
        I32TruncF32S { dst: Slot, src: Slot } => dst;
        /// `I32TruncF32U` of `src`.
        I32TruncF32U { dst: Slot, src: Slot } => dst;
        /// `I32TruncF64S` of `src`.
        I32TruncF64S { dst: Slot, src: Slot } => dst;
        /// `I32TruncF64U` of `src`.
        I32TruncF64U { dst: Slot, src: Slot } => dst;
        /// `I64TruncF32S` of `src`.
        I64TruncF32S { dst: Slot, src: Slot } => dst;
        /// `I64TruncF32U` of `src`.
        I64TruncF32U { dst: Slot, src: Slot } => dst;
        /// `I64TruncF64S` of `src`.
        I64TruncF64S { dst: Slot, src: Slot } => dst;
        /// `I64TruncF64U` of `src`.
        I64TruncF64U { dst: Slot, src: Slot } => dst;
        /// `I32TruncSatF32S` of `src`.
        I32TruncSatF32S { dst: Slot, src: Slot } => dst;
        /// `I32TruncSatF32U` of `src`.
        I32TruncSatF32U { dst: Slot, src: Slot } => dst;
        /// `I32TruncSatF64S` of `src`.
        I32TruncSatF64S { dst: Slot, src: Slot } => dst;
        /// `I32TruncSatF64U` of `src`.
        I32TruncSatF64U { dst: Slot, src: Slot } => dst;
        /// `I64TruncSatF32S` of `src`.
        I64TruncSatF32S { dst: Slot, src: Slot } => dst;
        /// `I64TruncSatF32U` of `src`.
        I64TruncSatF32U { dst: Slot, src: Slot } => dst;
        /// `I64TruncSatF64S` of `src`.
        I64TruncSatF64S { dst: Slot, src: Slot } => dst;
        /// `I64TruncSatF64U` of `src`.
        I64TruncSatF64U { dst: Slot, src: Slot } => dst;
        /// `F32ConvertI32S` of `src`.
        F32ConvertI32S { dst: Slot, src: Slot } => dst;
        /// `F32ConvertI32U` of `src`.
        F32ConvertI32U { dst: Slot, src: Slot } => dst;
        /// `F32ConvertI64S` of `src`.
        F32ConvertI64S { dst: Slot, src: Slot } => dst;
        /// `F32ConvertI64U` of `src`.
        F32ConvertI64U { dst: Slot, src: Slot } => dst;
        /// `F64ConvertI32S` of `src`.
        F64ConvertI32S { dst: Slot, src: Slot } => dst;
        /// `F64ConvertI32U` of `src`.
        F64ConvertI32U { dst: Slot, src: Slot } => dst;
        /// `F64ConvertI64S` of `src`.
        F64ConvertI64S { dst: Slot, src: Slot } => dst;
        /// `F64ConvertI64U` of `src`.
        F64ConvertI64U { dst: Slot, src: Slot } => dst;
        /// `F32DemoteF64` of `src`.
        F32DemoteF64 { dst: Slot, src: Slot } => dst;
        /// `F64PromoteF32` of `src`.
        F64PromoteF32 { dst: Slot, src: Slot } => dst;
        // ---- binary numeric ----
        /// `I32Add` of two slots.
        I32Add { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I32Sub` of two slots.
        I32Sub { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I32Mul` of two slots.
        I32Mul { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I32DivS` of two slots.
        I32DivS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I32DivU` of two slots.
        I32DivU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I32RemS` of two slots.
        I32RemS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I32RemU` of two slots.
        I32RemU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I32And` of two slots.
        I32And { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I32Or` of two slots.
        I32Or { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I32Xor` of two slots.
        I32Xor { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I32Shl` of two slots.
        I32Shl { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I32ShrS` of two slots.
        I32ShrS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I32ShrU` of two slots.
        I32ShrU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I32Rotl` of two slots.
        I32Rotl { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I32Rotr` of two slots.
        I32Rotr { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I32Eq` of two slots.
        I32Eq { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I32Ne` of two slots.
        I32Ne { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I32LtS` of two slots.
        I32LtS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I32LtU` of two slots.
        I32LtU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I32GtS` of two slots.
        I32GtS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I32GtU` of two slots.
        I32GtU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I32LeS` of two slots.
        I32LeS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I32LeU` of two slots.
        I32LeU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I32GeS` of two slots.
        I32GeS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I32GeU` of two slots.
        I32GeU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I32Add` of a slot and a constant.
        I32AddImm { dst: Slot, lhs: Slot, rhs: i32 } => dst;
        /// `I32Sub` of a slot and a constant.
        I32SubImm { dst: Slot, lhs: Slot, rhs: i32 } => dst;
        /// `I32Mul` of a slot and a constant.
        I32MulImm { dst: Slot, lhs: Slot, rhs: i32 } => dst;
        /// `I32DivS` of a slot and a constant.
        I32DivSImm { dst: Slot, lhs: Slot, rhs: i32 } => dst;
        /// `I32DivU` of a slot and a constant.
        I32DivUImm { dst: Slot, lhs: Slot, rhs: i32 } => dst;
        /// `I32RemS` of a slot and a constant.
        I32RemSImm { dst: Slot, lhs: Slot, rhs: i32 } => dst;
        /// `I32RemU` of a slot and a constant.
        I32RemUImm { dst: Slot, lhs: Slot, rhs: i32 } => dst;
        /// `I32And` of a slot and a constant.
        I32AndImm { dst: Slot, lhs: Slot, rhs: i32 } => dst;
        /// `I32Or` of a slot and a constant.
        I32OrImm { dst: Slot, lhs: Slot, rhs: i32 } => dst;
        /// `I32Xor` of a slot and a constant.
        I32XorImm { dst: Slot, lhs: Slot, rhs: i32 } => dst;
        /// `I32Shl` of a slot and a constant.
        I32ShlImm { dst: Slot, lhs: Slot, rhs: i32 } => dst;
        /// `I32ShrS` of a slot and a constant.
        I32ShrSImm { dst: Slot, lhs: Slot, rhs: i32 } => dst;
        /// `I32ShrU` of a slot and a constant.
        I32ShrUImm { dst: Slot, lhs: Slot, rhs: i32 } => dst;
        /// `I32Rotl` of a slot and a constant.
        I32RotlImm { dst: Slot, lhs: Slot, rhs: i32 } => dst;
        /// `I32Rotr` of a slot and a constant.
        I32RotrImm { dst: Slot, lhs: Slot, rhs: i32 } => dst;
        /// `I32Eq` of a slot and a constant.
        I32EqImm { dst: Slot, lhs: Slot, rhs: i32 } => dst;
        /// `I32Ne` of a slot and a constant.
        I32NeImm { dst: Slot, lhs: Slot, rhs: i32 } => dst;
        /// `I32LtS` of a slot and a constant.
        I32LtSImm { dst: Slot, lhs: Slot, rhs: i32 } => dst;
        /// `I32LtU` of a slot and a constant.
        I32LtUImm { dst: Slot, lhs: Slot, rhs: i32 } => dst;
        /// `I32GtS` of a slot and a constant.
        I32GtSImm { dst: Slot, lhs: Slot, rhs: i32 } => dst;
        /// `I32GtU` of a slot and a constant.
        I32GtUImm { dst: Slot, lhs: Slot, rhs: i32 } => dst;
        /// `I32LeS` of a slot and a constant.
        I32LeSImm { dst: Slot, lhs: Slot, rhs: i32 } => dst;
        /// `I32LeU` of a slot and a constant.
        I32LeUImm { dst: Slot, lhs: Slot, rhs: i32 } => dst;
        /// `I32GeS` of a slot and a constant.
        I32GeSImm { dst: Slot, lhs: Slot, rhs: i32 } => dst;
        /// `I32GeU` of a slot and a constant.
        I32GeUImm { dst: Slot, lhs: Slot, rhs: i32 } => dst;
        /// `I32Sub` of a constant and a slot.
        I32SubImmL { dst: Slot, lhs: i32, rhs: Slot } => dst;
        /// `I32DivS` of a constant and a slot.
        I32DivSImmL { dst: Slot, lhs: i32, rhs: Slot } => dst;
        /// `I32DivU` of a constant and a slot.
        I32DivUImmL { dst: Slot, lhs: i32, rhs: Slot } => dst;
        /// `I32RemS` of a constant and a slot.
        I32RemSImmL { dst: Slot, lhs: i32, rhs: Slot } => dst;
        /// `I32RemU` of a constant and a slot.
        I32RemUImmL { dst: Slot, lhs: i32, rhs: Slot } => dst;
        /// `I32Shl` of a constant and a slot.
        I32ShlImmL { dst: Slot, lhs: i32, rhs: Slot } => dst;
        /// `I32ShrS` of a constant and a slot.
        I32ShrSImmL { dst: Slot, lhs: i32, rhs: Slot } => dst;
        /// `I32ShrU` of a constant and a slot.
        I32ShrUImmL { dst: Slot, lhs: i32, rhs: Slot } => dst;
        /// `I32Rotl` of a constant and a slot.
        I32RotlImmL { dst: Slot, lhs: i32, rhs: Slot } => dst;
        /// `I32Rotr` of a constant and a slot.
        I32RotrImmL { dst: Slot, lhs: i32, rhs: Slot } => dst;
        /// `I64Add` of two slots.
        I64Add { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I64Sub` of two slots.
        I64Sub { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I64Mul` of two slots.
        I64Mul { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I64DivS` of two slots.
        I64DivS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I64DivU` of two slots.
        I64DivU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I64RemS` of two slots.
        I64RemS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I64RemU` of two slots.
        I64RemU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I64And` of two slots.
        I64And { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I64Or` of two slots.
        I64Or { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I64Xor` of two slots.
        I64Xor { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I64Shl` of two slots.
        I64Shl { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I64ShrS` of two slots.
        I64ShrS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I64ShrU` of two slots.
        I64ShrU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I64Rotl` of two slots.
        I64Rotl { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I64Rotr` of two slots.
        I64Rotr { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I64Eq` of two slots.
        I64Eq { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I64Ne` of two slots.
        I64Ne { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I64LtS` of two slots.
        I64LtS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I64LtU` of two slots.
        I64LtU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I64GtS` of two slots.
        I64GtS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I64GtU` of two slots.
        I64GtU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I64LeS` of two slots.
        I64LeS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I64LeU` of two slots.
        I64LeU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I64GeS` of two slots.
        I64GeS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I64GeU` of two slots.
        I64GeU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `I64Add` of a slot and a constant.
        I64AddImm { dst: Slot, lhs: Slot, rhs: i64 } => dst;
        /// `I64Sub` of a slot and a constant.
        I64SubImm { dst: Slot, lhs: Slot, rhs: i64 } => dst;
        /// `I64Mul` of a slot and a constant.
        I64MulImm { dst: Slot, lhs: Slot, rhs: i64 } => dst;
        /// `I64DivS` of a slot and a constant.
        I64DivSImm { dst: Slot, lhs: Slot, rhs: i64 } => dst;
        /// `I64DivU` of a slot and a constant.
        I64DivUImm { dst: Slot, lhs: Slot, rhs: i64 } => dst;
        /// `I64RemS` of a slot and a constant.
        I64RemSImm { dst: Slot, lhs: Slot, rhs: i64 } => dst;
        /// `I64RemU` of a slot and a constant.
        I64RemUImm { dst: Slot, lhs: Slot, rhs: i64 } => dst;
        /// `I64And` of a slot and a constant.
        I64AndImm { dst: Slot, lhs: Slot, rhs: i64 } => dst;
        /// `I64Or` of a slot and a constant.
        I64OrImm { dst: Slot, lhs: Slot, rhs: i64 } => dst;
        /// `I64Xor` of a slot and a constant.
        I64XorImm { dst: Slot, lhs: Slot, rhs: i64 } => dst;
        /// `I64Shl` of a slot and a constant.
        I64ShlImm { dst: Slot, lhs: Slot, rhs: i64 } => dst;
        /// `I64ShrS` of a slot and a constant.
        I64ShrSImm { dst: Slot, lhs: Slot, rhs: i64 } => dst;
        /// `I64ShrU` of a slot and a constant.
        I64ShrUImm { dst: Slot, lhs: Slot, rhs: i64 } => dst;
        /// `I64Rotl` of a slot and a constant.
        I64RotlImm { dst: Slot, lhs: Slot, rhs: i64 } => dst;
        /// `I64Rotr` of a slot and a constant.
        I64RotrImm { dst: Slot, lhs: Slot, rhs: i64 } => dst;
        /// `I64Eq` of a slot and a constant.
        I64EqImm { dst: Slot, lhs: Slot, rhs: i64 } => dst;
        /// `I64Ne` of a slot and a constant.
        I64NeImm { dst: Slot, lhs: Slot, rhs: i64 } => dst;
        /// `I64LtS` of a slot and a constant.
        I64LtSImm { dst: Slot, lhs: Slot, rhs: i64 } => dst;
        /// `I64LtU` of a slot and a constant.
        I64LtUImm { dst: Slot, lhs: Slot, rhs: i64 } => dst;
        /// `I64GtS` of a slot and a constant.
        I64GtSImm { dst: Slot, lhs: Slot, rhs: i64 } => dst;
        /// `I64GtU` of a slot and a constant.
        I64GtUImm { dst: Slot, lhs: Slot, rhs: i64 } => dst;
        /// `I64LeS` of a slot and a constant.
        I64LeSImm { dst: Slot, lhs: Slot, rhs: i64 } => dst;
        /// `I64LeU` of a slot and a constant.
        I64LeUImm { dst: Slot, lhs: Slot, rhs: i64 } => dst;
        /// `I64GeS` of a slot and a constant.
        I64GeSImm { dst: Slot, lhs: Slot, rhs: i64 } => dst;
        /// `I64GeU` of a slot and a constant.
        I64GeUImm { dst: Slot, lhs: Slot, rhs: i64 } => dst;
        /// `I64Sub` of a constant and a slot.
        I64SubImmL { dst: Slot, lhs: i64, rhs: Slot } => dst;
        /// `I64DivS` of a constant and a slot.
        I64DivSImmL { dst: Slot, lhs: i64, rhs: Slot } => dst;
        /// `I64DivU` of a constant and a slot.
        I64DivUImmL { dst: Slot, lhs: i64, rhs: Slot } => dst;
        /// `I64RemS` of a constant and a slot.
        I64RemSImmL { dst: Slot, lhs: i64, rhs: Slot } => dst;
        /// `I64RemU` of a constant and a slot.
        I64RemUImmL { dst: Slot, lhs: i64, rhs: Slot } => dst;
        /// `I64Shl` of a constant and a slot.
        I64ShlImmL { dst: Slot, lhs: i64, rhs: Slot } => dst;
        /// `I64ShrS` of a constant and a slot.
        I64ShrSImmL { dst: Slot, lhs: i64, rhs: Slot } => dst;
        /// `I64ShrU` of a constant and a slot.
        I64ShrUImmL { dst: Slot, lhs: i64, rhs: Slot } => dst;
        /// `I64Rotl` of a constant and a slot.
        I64RotlImmL { dst: Slot, lhs: i64, rhs: Slot } => dst;
        /// `I64Rotr` of a constant and a slot.
        I64RotrImmL { dst: Slot, lhs: i64, rhs: Slot } => dst;
        /// `F32Add` of two slots.
        F32Add { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `F32Sub` of two slots.
        F32Sub { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `F32Mul` of two slots.
        F32Mul { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `F32Div` of two slots.
        F32Div { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `F32Min` of two slots.
        F32Min { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `F32Max` of two slots.
        F32Max { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `F32Copysign` of two slots.
        F32Copysign { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `F32Eq` of two slots.
        F32Eq { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `F32Ne` of two slots.
        F32Ne { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `F32Lt` of two slots.
        F32Lt { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `F32Gt` of two slots.
        F32Gt { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `F32Le` of two slots.
        F32Le { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `F32Ge` of two slots.
        F32Ge { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `F64Add` of two slots.
        F64Add { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `F64Sub` of two slots.
        F64Sub { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `F64Mul` of two slots.
        F64Mul { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `F64Div` of two slots.
        F64Div { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `F64Min` of two slots.
        F64Min { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `F64Max` of two slots.
        F64Max { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `F64Copysign` of two slots.
        F64Copysign { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `F64Eq` of two slots.
        F64Eq { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `F64Ne` of two slots.
        F64Ne { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `F64Lt` of two slots.
        F64Lt { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `F64Gt` of two slots.
        F64Gt { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `F64Le` of two slots.
        F64Le { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `F64Ge` of two slots.
        F64Ge { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        // ---- a load fused with the operation that uses it (the loaded value
        // is still written to `tmp`): `dst = a op [ptr + end - size]`, or with
        // the loaded value on the left for the `L` forms ----
        /// `I32Add` of `a` and a value loaded as by `Load32U` (written to `tmp`).
        I32AddLoad { dst: Slot, tmp: Slot, a: Slot, ptr: Slot, end: u32 } => dst;
        /// `I32Mul` of `a` and a value loaded as by `Load32U` (written to `tmp`).
        I32MulLoad { dst: Slot, tmp: Slot, a: Slot, ptr: Slot, end: u32 } => dst;
        /// `I32And` of `a` and a value loaded as by `Load32U` (written to `tmp`).
        I32AndLoad { dst: Slot, tmp: Slot, a: Slot, ptr: Slot, end: u32 } => dst;
        /// `I32Or` of `a` and a value loaded as by `Load32U` (written to `tmp`).
        I32OrLoad { dst: Slot, tmp: Slot, a: Slot, ptr: Slot, end: u32 } => dst;
        /// `I32Xor` of `a` and a value loaded as by `Load32U` (written to `tmp`).
        I32XorLoad { dst: Slot, tmp: Slot, a: Slot, ptr: Slot, end: u32 } => dst;
        /// `I32Sub` of the loaded value minus/over `a` (loaded as by `Load32U`, written to `tmp`).
        I32SubLoadL { dst: Slot, tmp: Slot, a: Slot, ptr: Slot, end: u32 } => dst;
        /// `I32Sub` of `a` minus/over the loaded value (loaded as by `Load32U`, written to `tmp`).
        I32SubLoadR { dst: Slot, tmp: Slot, a: Slot, ptr: Slot, end: u32 } => dst;
        /// `I64Add` of `a` and a value loaded as by `Load64` (written to `tmp`).
        I64AddLoad { dst: Slot, tmp: Slot, a: Slot, ptr: Slot, end: u32 } => dst;
        /// `I64Mul` of `a` and a value loaded as by `Load64` (written to `tmp`).
        I64MulLoad { dst: Slot, tmp: Slot, a: Slot, ptr: Slot, end: u32 } => dst;
        /// `I64And` of `a` and a value loaded as by `Load64` (written to `tmp`).
        I64AndLoad { dst: Slot, tmp: Slot, a: Slot, ptr: Slot, end: u32 } => dst;
        /// `I64Or` of `a` and a value loaded as by `Load64` (written to `tmp`).
        I64OrLoad { dst: Slot, tmp: Slot, a: Slot, ptr: Slot, end: u32 } => dst;
        /// `I64Xor` of `a` and a value loaded as by `Load64` (written to `tmp`).
        I64XorLoad { dst: Slot, tmp: Slot, a: Slot, ptr: Slot, end: u32 } => dst;
        /// `I64Sub` of the loaded value minus/over `a` (loaded as by `Load64`, written to `tmp`).
        I64SubLoadL { dst: Slot, tmp: Slot, a: Slot, ptr: Slot, end: u32 } => dst;
        /// `I64Sub` of `a` minus/over the loaded value (loaded as by `Load64`, written to `tmp`).
        I64SubLoadR { dst: Slot, tmp: Slot, a: Slot, ptr: Slot, end: u32 } => dst;
        /// `F32Add` of `a` and a value loaded as by `Load32U` (written to `tmp`).
        F32AddLoad { dst: Slot, tmp: Slot, a: Slot, ptr: Slot, end: u32 } => dst;
        /// `F32Mul` of `a` and a value loaded as by `Load32U` (written to `tmp`).
        F32MulLoad { dst: Slot, tmp: Slot, a: Slot, ptr: Slot, end: u32 } => dst;
        /// `F32Sub` of the loaded value minus/over `a` (loaded as by `Load32U`, written to `tmp`).
        F32SubLoadL { dst: Slot, tmp: Slot, a: Slot, ptr: Slot, end: u32 } => dst;
        /// `F32Sub` of `a` minus/over the loaded value (loaded as by `Load32U`, written to `tmp`).
        F32SubLoadR { dst: Slot, tmp: Slot, a: Slot, ptr: Slot, end: u32 } => dst;
        /// `F32Div` of the loaded value minus/over `a` (loaded as by `Load32U`, written to `tmp`).
        F32DivLoadL { dst: Slot, tmp: Slot, a: Slot, ptr: Slot, end: u32 } => dst;
        /// `F32Div` of `a` minus/over the loaded value (loaded as by `Load32U`, written to `tmp`).
        F32DivLoadR { dst: Slot, tmp: Slot, a: Slot, ptr: Slot, end: u32 } => dst;
        /// `F64Add` of `a` and a value loaded as by `Load64` (written to `tmp`).
        F64AddLoad { dst: Slot, tmp: Slot, a: Slot, ptr: Slot, end: u32 } => dst;
        /// `F64Mul` of `a` and a value loaded as by `Load64` (written to `tmp`).
        F64MulLoad { dst: Slot, tmp: Slot, a: Slot, ptr: Slot, end: u32 } => dst;
        /// `F64Sub` of the loaded value minus/over `a` (loaded as by `Load64`, written to `tmp`).
        F64SubLoadL { dst: Slot, tmp: Slot, a: Slot, ptr: Slot, end: u32 } => dst;
        /// `F64Sub` of `a` minus/over the loaded value (loaded as by `Load64`, written to `tmp`).
        F64SubLoadR { dst: Slot, tmp: Slot, a: Slot, ptr: Slot, end: u32 } => dst;
        /// `F64Div` of the loaded value minus/over `a` (loaded as by `Load64`, written to `tmp`).
        F64DivLoadL { dst: Slot, tmp: Slot, a: Slot, ptr: Slot, end: u32 } => dst;
        /// `F64Div` of `a` minus/over the loaded value (loaded as by `Load64`, written to `tmp`).
        F64DivLoadR { dst: Slot, tmp: Slot, a: Slot, ptr: Slot, end: u32 } => dst;
        // ---- loop back edges: an addition and a compare-and-branch on its sum, in the
        // slot of the pair (the second is never executed: the fall-through skips it) ----
        /// `dst = lhs + step`, then jumps if `i32.eq` holds for `dst` and `bound`.
        BrI32AddImmEq { dst: Slot, lhs: Slot, step: i32, bound: Slot, offset: i32 } => dst jump offset;
        /// `BrI32AddImmEq` with the step in a slot.
        BrI32AddEq { dst: Slot, lhs: Slot, step: Slot, bound: Slot, offset: i32 } => dst jump offset;
        /// `dst = lhs + step`, then jumps if `i32.ne` holds for `dst` and `bound`.
        BrI32AddImmNe { dst: Slot, lhs: Slot, step: i32, bound: Slot, offset: i32 } => dst jump offset;
        /// `BrI32AddImmNe` with the step in a slot.
        BrI32AddNe { dst: Slot, lhs: Slot, step: Slot, bound: Slot, offset: i32 } => dst jump offset;
        /// `dst = lhs + step`, then jumps if `i32.lts` holds for `dst` and `bound`.
        BrI32AddImmLtS { dst: Slot, lhs: Slot, step: i32, bound: Slot, offset: i32 } => dst jump offset;
        /// `BrI32AddImmLtS` with the step in a slot.
        BrI32AddLtS { dst: Slot, lhs: Slot, step: Slot, bound: Slot, offset: i32 } => dst jump offset;
        /// `dst = lhs + step`, then jumps if `i32.ltu` holds for `dst` and `bound`.
        BrI32AddImmLtU { dst: Slot, lhs: Slot, step: i32, bound: Slot, offset: i32 } => dst jump offset;
        /// `BrI32AddImmLtU` with the step in a slot.
        BrI32AddLtU { dst: Slot, lhs: Slot, step: Slot, bound: Slot, offset: i32 } => dst jump offset;
        /// `dst = lhs + step`, then jumps if `i32.gts` holds for `dst` and `bound`.
        BrI32AddImmGtS { dst: Slot, lhs: Slot, step: i32, bound: Slot, offset: i32 } => dst jump offset;
        /// `BrI32AddImmGtS` with the step in a slot.
        BrI32AddGtS { dst: Slot, lhs: Slot, step: Slot, bound: Slot, offset: i32 } => dst jump offset;
        /// `dst = lhs + step`, then jumps if `i32.gtu` holds for `dst` and `bound`.
        BrI32AddImmGtU { dst: Slot, lhs: Slot, step: i32, bound: Slot, offset: i32 } => dst jump offset;
        /// `BrI32AddImmGtU` with the step in a slot.
        BrI32AddGtU { dst: Slot, lhs: Slot, step: Slot, bound: Slot, offset: i32 } => dst jump offset;
        /// `dst = lhs + step`, then jumps if `i32.les` holds for `dst` and `bound`.
        BrI32AddImmLeS { dst: Slot, lhs: Slot, step: i32, bound: Slot, offset: i32 } => dst jump offset;
        /// `BrI32AddImmLeS` with the step in a slot.
        BrI32AddLeS { dst: Slot, lhs: Slot, step: Slot, bound: Slot, offset: i32 } => dst jump offset;
        /// `dst = lhs + step`, then jumps if `i32.leu` holds for `dst` and `bound`.
        BrI32AddImmLeU { dst: Slot, lhs: Slot, step: i32, bound: Slot, offset: i32 } => dst jump offset;
        /// `BrI32AddImmLeU` with the step in a slot.
        BrI32AddLeU { dst: Slot, lhs: Slot, step: Slot, bound: Slot, offset: i32 } => dst jump offset;
        /// `dst = lhs + step`, then jumps if `i32.ges` holds for `dst` and `bound`.
        BrI32AddImmGeS { dst: Slot, lhs: Slot, step: i32, bound: Slot, offset: i32 } => dst jump offset;
        /// `BrI32AddImmGeS` with the step in a slot.
        BrI32AddGeS { dst: Slot, lhs: Slot, step: Slot, bound: Slot, offset: i32 } => dst jump offset;
        /// `dst = lhs + step`, then jumps if `i32.geu` holds for `dst` and `bound`.
        BrI32AddImmGeU { dst: Slot, lhs: Slot, step: i32, bound: Slot, offset: i32 } => dst jump offset;
        /// `BrI32AddImmGeU` with the step in a slot.
        BrI32AddGeU { dst: Slot, lhs: Slot, step: Slot, bound: Slot, offset: i32 } => dst jump offset;
        /// `dst = lhs + step`, then jumps if `dst` is not zero (a loop counting up to 0).
        BrI32AddImmNez { dst: Slot, lhs: Slot, step: i32, offset: i32 } => dst jump offset;
        /// `BrI32AddImmNez` with the step in a slot.
        BrI32AddNez { dst: Slot, lhs: Slot, step: Slot, offset: i32 } => dst jump offset;
        /// `dst = lhs + step`, then jumps if `dst` is zero.
        BrI32AddImmEqz { dst: Slot, lhs: Slot, step: i32, offset: i32 } => dst jump offset;
        /// `BrI32AddImmEqz` with the step in a slot.
        BrI32AddEqz { dst: Slot, lhs: Slot, step: Slot, offset: i32 } => dst jump offset;
        /// `Copy`, then `Br`: the move that ends a loop body or an arm before its
        /// jump (in the copy's place; the `Br` after it stays for other jumps).
        CopyBr { dst: Slot, src: Slot, offset: i32 } => dst jump offset;
        /// `CopyBr` with `src` in the integer accumulator.
        CopyBrAcc { dst: Slot, src: AccI, offset: i32 } => dst jump offset;
        // ---- indexed loads: `dst = load(c + (a << k))`, an `i32.shl` and `i32.add`
        // computing the address fused with the load when both intermediates were
        // temporaries nothing reads again ----
        /// `Load8S` at `c + (a << k)` (`end`: offset plus size).
        Load8SIdx { dst: Slot, a: Slot, c: Slot, k: u16, end: u32 } => dst;
        /// `Load8U` at `c + (a << k)` (`end`: offset plus size).
        Load8UIdx { dst: Slot, a: Slot, c: Slot, k: u16, end: u32 } => dst;
        /// `Load16S` at `c + (a << k)` (`end`: offset plus size).
        Load16SIdx { dst: Slot, a: Slot, c: Slot, k: u16, end: u32 } => dst;
        /// `Load16U` at `c + (a << k)` (`end`: offset plus size).
        Load16UIdx { dst: Slot, a: Slot, c: Slot, k: u16, end: u32 } => dst;
        /// `Load32S` at `c + (a << k)` (`end`: offset plus size).
        Load32SIdx { dst: Slot, a: Slot, c: Slot, k: u16, end: u32 } => dst;
        /// `Load32U` at `c + (a << k)` (`end`: offset plus size).
        Load32UIdx { dst: Slot, a: Slot, c: Slot, k: u16, end: u32 } => dst;
        /// `Load64` at `c + (a << k)` (`end`: offset plus size).
        Load64Idx { dst: Slot, a: Slot, c: Slot, k: u16, end: u32 } => dst;
        // ---- address arithmetic fused with its use (the intermediate is still
        // written to `tmp`) ----
        /// `tmp = a << k; dst = tmp ^ c` (i32, the xorshift step; count masked).
        I32ShlXor { dst: Slot, tmp: Slot, a: Slot, c: Slot, k: i32 } => dst;
        /// `tmp = a >> k; dst = tmp ^ c` (i32, the xorshift step; count masked).
        I32ShrUXor { dst: Slot, tmp: Slot, a: Slot, c: Slot, k: i32 } => dst;
        /// `tmp = a << k; dst = tmp ^ c` (i64, the xorshift step; count masked).
        I64ShlXor { dst: Slot, tmp: Slot, a: Slot, c: Slot, k: i32 } => dst;
        /// `tmp = a >> k; dst = tmp ^ c` (i64, the xorshift step; count masked).
        I64ShrUXor { dst: Slot, tmp: Slot, a: Slot, c: Slot, k: i32 } => dst;
        /// `tmp = a << k; dst = tmp + c` (i32, shift count masked as by `i32.shl`).
        I32ShlAdd { dst: Slot, tmp: Slot, a: Slot, c: Slot, k: i32 } => dst;
        /// `tmp = a + b` (i32), then `Load8S` from `tmp` (loads 8 bits, sign-extended; `end` as in `Load8S`).
        Load8SAdd { dst: Slot, tmp: Slot, a: Slot, b: Slot, end: u32 } => dst;
        /// `tmp = a + b` (i32), then `Load8U` from `tmp` (loads 8 bits, zero-extended; `end` as in `Load8U`).
        Load8UAdd { dst: Slot, tmp: Slot, a: Slot, b: Slot, end: u32 } => dst;
        /// `tmp = a + b` (i32), then `Load16S` from `tmp` (loads 16 bits, sign-extended; `end` as in `Load16S`).
        Load16SAdd { dst: Slot, tmp: Slot, a: Slot, b: Slot, end: u32 } => dst;
        /// `tmp = a + b` (i32), then `Load16U` from `tmp` (loads 16 bits, zero-extended; `end` as in `Load16U`).
        Load16UAdd { dst: Slot, tmp: Slot, a: Slot, b: Slot, end: u32 } => dst;
        /// `tmp = a + b` (i32), then `Load32S` from `tmp` (loads 32 bits, sign-extended; `end` as in `Load32S`).
        Load32SAdd { dst: Slot, tmp: Slot, a: Slot, b: Slot, end: u32 } => dst;
        /// `tmp = a + b` (i32), then `Load32U` from `tmp` (loads 32 bits, zero-extended; `end` as in `Load32U`).
        Load32UAdd { dst: Slot, tmp: Slot, a: Slot, b: Slot, end: u32 } => dst;
        /// `tmp = a + b` (i32), then `Load64` from `tmp` (loads 64 bits; `end` as in `Load64`).
        Load64Add { dst: Slot, tmp: Slot, a: Slot, b: Slot, end: u32 } => dst;
        /// `tmp = a + b` (i32), then `Store8` of `value` at `tmp` (`end` as in `Store8`).
        Store8Add { tmp: Slot, a: Slot, b: Slot, value: Slot, end: u32 };
        /// `tmp = a + b` (i32), then `Store16` of `value` at `tmp` (`end` as in `Store16`).
        Store16Add { tmp: Slot, a: Slot, b: Slot, value: Slot, end: u32 };
        /// `tmp = a + b` (i32), then `Store32` of `value` at `tmp` (`end` as in `Store32`).
        Store32Add { tmp: Slot, a: Slot, b: Slot, value: Slot, end: u32 };
        /// `tmp = a + b` (i32), then `Store64` of `value` at `tmp` (`end` as in `Store64`).
        Store64Add { tmp: Slot, a: Slot, b: Slot, value: Slot, end: u32 };
        // ---- two dependent float operations in one: `tmp = a op1 b`, then
        // `dst = tmp op2 c` (`L`) or `dst = c op2 tmp` (`R`); the value passes in a
        // register instead of through `tmp` (which is still written) ----
        /// `tmp = a add b; dst = tmp add c` (F32).
        F32AddAddL { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a add b; dst = c add tmp` (F32).
        F32AddAddR { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a add b; dst = tmp sub c` (F32).
        F32AddSubL { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a add b; dst = c sub tmp` (F32).
        F32AddSubR { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a add b; dst = tmp mul c` (F32).
        F32AddMulL { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a add b; dst = c mul tmp` (F32).
        F32AddMulR { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a sub b; dst = tmp add c` (F32).
        F32SubAddL { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a sub b; dst = c add tmp` (F32).
        F32SubAddR { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a sub b; dst = tmp sub c` (F32).
        F32SubSubL { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a sub b; dst = c sub tmp` (F32).
        F32SubSubR { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a sub b; dst = tmp mul c` (F32).
        F32SubMulL { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a sub b; dst = c mul tmp` (F32).
        F32SubMulR { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a mul b; dst = tmp add c` (F32).
        F32MulAddL { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a mul b; dst = c add tmp` (F32).
        F32MulAddR { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a mul b; dst = tmp sub c` (F32).
        F32MulSubL { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a mul b; dst = c sub tmp` (F32).
        F32MulSubR { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a mul b; dst = tmp mul c` (F32).
        F32MulMulL { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a mul b; dst = c mul tmp` (F32).
        F32MulMulR { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a add b; dst = tmp add c` (F64).
        F64AddAddL { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a add b; dst = c add tmp` (F64).
        F64AddAddR { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a add b; dst = tmp sub c` (F64).
        F64AddSubL { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a add b; dst = c sub tmp` (F64).
        F64AddSubR { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a add b; dst = tmp mul c` (F64).
        F64AddMulL { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a add b; dst = c mul tmp` (F64).
        F64AddMulR { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a sub b; dst = tmp add c` (F64).
        F64SubAddL { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a sub b; dst = c add tmp` (F64).
        F64SubAddR { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a sub b; dst = tmp sub c` (F64).
        F64SubSubL { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a sub b; dst = c sub tmp` (F64).
        F64SubSubR { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a sub b; dst = tmp mul c` (F64).
        F64SubMulL { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a sub b; dst = c mul tmp` (F64).
        F64SubMulR { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a mul b; dst = tmp add c` (F64).
        F64MulAddL { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a mul b; dst = c add tmp` (F64).
        F64MulAddR { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a mul b; dst = tmp sub c` (F64).
        F64MulSubL { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a mul b; dst = c sub tmp` (F64).
        F64MulSubR { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a mul b; dst = tmp mul c` (F64).
        F64MulMulL { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `tmp = a mul b; dst = c mul tmp` (F64).
        F64MulMulR { dst: Slot, tmp: Slot, a: Slot, b: Slot, c: Slot } => dst;
        // ---- float operations with a constant right operand (its bits) ----
        /// `F32Add` of a slot and a constant.
        F32AddImm { dst: Slot, lhs: Slot, rhs: u32 } => dst;
        /// `F32Sub` of a slot and a constant.
        F32SubImm { dst: Slot, lhs: Slot, rhs: u32 } => dst;
        /// `F32Mul` of a slot and a constant.
        F32MulImm { dst: Slot, lhs: Slot, rhs: u32 } => dst;
        /// `F32Div` of a slot and a constant.
        F32DivImm { dst: Slot, lhs: Slot, rhs: u32 } => dst;
        /// `F32Eq` of a slot and a constant.
        F32EqImm { dst: Slot, lhs: Slot, rhs: u32 } => dst;
        /// `F32Ne` of a slot and a constant.
        F32NeImm { dst: Slot, lhs: Slot, rhs: u32 } => dst;
        /// `F32Lt` of a slot and a constant.
        F32LtImm { dst: Slot, lhs: Slot, rhs: u32 } => dst;
        /// `F32Gt` of a slot and a constant.
        F32GtImm { dst: Slot, lhs: Slot, rhs: u32 } => dst;
        /// `F32Le` of a slot and a constant.
        F32LeImm { dst: Slot, lhs: Slot, rhs: u32 } => dst;
        /// `F32Ge` of a slot and a constant.
        F32GeImm { dst: Slot, lhs: Slot, rhs: u32 } => dst;
        /// Jumps if `Eq` holds between a slot and a constant.
        BrF32EqImm { lhs: Slot, rhs: u32, offset: i32 } jump offset;
        /// Jumps if `Ne` holds between a slot and a constant.
        BrF32NeImm { lhs: Slot, rhs: u32, offset: i32 } jump offset;
        /// Jumps if `Lt` holds between a slot and a constant.
        BrF32LtImm { lhs: Slot, rhs: u32, offset: i32 } jump offset;
        /// Jumps if `Gt` holds between a slot and a constant.
        BrF32GtImm { lhs: Slot, rhs: u32, offset: i32 } jump offset;
        /// Jumps if `Le` holds between a slot and a constant.
        BrF32LeImm { lhs: Slot, rhs: u32, offset: i32 } jump offset;
        /// Jumps if `Ge` holds between a slot and a constant.
        BrF32GeImm { lhs: Slot, rhs: u32, offset: i32 } jump offset;
        /// Jumps if `NotLt` holds between a slot and a constant.
        BrF32NotLtImm { lhs: Slot, rhs: u32, offset: i32 } jump offset;
        /// Jumps if `NotGt` holds between a slot and a constant.
        BrF32NotGtImm { lhs: Slot, rhs: u32, offset: i32 } jump offset;
        /// Jumps if `NotLe` holds between a slot and a constant.
        BrF32NotLeImm { lhs: Slot, rhs: u32, offset: i32 } jump offset;
        /// Jumps if `NotGe` holds between a slot and a constant.
        BrF32NotGeImm { lhs: Slot, rhs: u32, offset: i32 } jump offset;
        /// `F64Add` of a slot and a constant.
        F64AddImm { dst: Slot, lhs: Slot, rhs: u64 } => dst;
        /// `F64Sub` of a slot and a constant.
        F64SubImm { dst: Slot, lhs: Slot, rhs: u64 } => dst;
        /// `F64Mul` of a slot and a constant.
        F64MulImm { dst: Slot, lhs: Slot, rhs: u64 } => dst;
        /// `F64Div` of a slot and a constant.
        F64DivImm { dst: Slot, lhs: Slot, rhs: u64 } => dst;
        /// `F64Eq` of a slot and a constant.
        F64EqImm { dst: Slot, lhs: Slot, rhs: u64 } => dst;
        /// `F64Ne` of a slot and a constant.
        F64NeImm { dst: Slot, lhs: Slot, rhs: u64 } => dst;
        /// `F64Lt` of a slot and a constant.
        F64LtImm { dst: Slot, lhs: Slot, rhs: u64 } => dst;
        /// `F64Gt` of a slot and a constant.
        F64GtImm { dst: Slot, lhs: Slot, rhs: u64 } => dst;
        /// `F64Le` of a slot and a constant.
        F64LeImm { dst: Slot, lhs: Slot, rhs: u64 } => dst;
        /// `F64Ge` of a slot and a constant.
        F64GeImm { dst: Slot, lhs: Slot, rhs: u64 } => dst;
        /// Jumps if `Eq` holds between a slot and a constant.
        BrF64EqImm { lhs: Slot, rhs: u64, offset: i32 } jump offset;
        /// Jumps if `Ne` holds between a slot and a constant.
        BrF64NeImm { lhs: Slot, rhs: u64, offset: i32 } jump offset;
        /// Jumps if `Lt` holds between a slot and a constant.
        BrF64LtImm { lhs: Slot, rhs: u64, offset: i32 } jump offset;
        /// Jumps if `Gt` holds between a slot and a constant.
        BrF64GtImm { lhs: Slot, rhs: u64, offset: i32 } jump offset;
        /// Jumps if `Le` holds between a slot and a constant.
        BrF64LeImm { lhs: Slot, rhs: u64, offset: i32 } jump offset;
        /// Jumps if `Ge` holds between a slot and a constant.
        BrF64GeImm { lhs: Slot, rhs: u64, offset: i32 } jump offset;
        /// Jumps if `NotLt` holds between a slot and a constant.
        BrF64NotLtImm { lhs: Slot, rhs: u64, offset: i32 } jump offset;
        /// Jumps if `NotGt` holds between a slot and a constant.
        BrF64NotGtImm { lhs: Slot, rhs: u64, offset: i32 } jump offset;
        /// Jumps if `NotLe` holds between a slot and a constant.
        BrF64NotLeImm { lhs: Slot, rhs: u64, offset: i32 } jump offset;
        /// Jumps if `NotGe` holds between a slot and a constant.
        BrF64NotGeImm { lhs: Slot, rhs: u64, offset: i32 } jump offset;
        // ---- SIMD (v128 operands and results take two slots) ----
        /// `i8x16_swizzle` of two vectors.
        I8x16Swizzle { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i8x16_eq` of two vectors.
        I8x16Eq { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i8x16_ne` of two vectors.
        I8x16Ne { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i8x16_lt_s` of two vectors.
        I8x16LtS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i8x16_lt_u` of two vectors.
        I8x16LtU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i8x16_gt_s` of two vectors.
        I8x16GtS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i8x16_gt_u` of two vectors.
        I8x16GtU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i8x16_le_s` of two vectors.
        I8x16LeS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i8x16_le_u` of two vectors.
        I8x16LeU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i8x16_ge_s` of two vectors.
        I8x16GeS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i8x16_ge_u` of two vectors.
        I8x16GeU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_eq` of two vectors.
        I16x8Eq { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_ne` of two vectors.
        I16x8Ne { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_lt_s` of two vectors.
        I16x8LtS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_lt_u` of two vectors.
        I16x8LtU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_gt_s` of two vectors.
        I16x8GtS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_gt_u` of two vectors.
        I16x8GtU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_le_s` of two vectors.
        I16x8LeS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_le_u` of two vectors.
        I16x8LeU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_ge_s` of two vectors.
        I16x8GeS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_ge_u` of two vectors.
        I16x8GeU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i32x4_eq` of two vectors.
        I32x4Eq { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i32x4_ne` of two vectors.
        I32x4Ne { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i32x4_lt_s` of two vectors.
        I32x4LtS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i32x4_lt_u` of two vectors.
        I32x4LtU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i32x4_gt_s` of two vectors.
        I32x4GtS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i32x4_gt_u` of two vectors.
        I32x4GtU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i32x4_le_s` of two vectors.
        I32x4LeS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i32x4_le_u` of two vectors.
        I32x4LeU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i32x4_ge_s` of two vectors.
        I32x4GeS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i32x4_ge_u` of two vectors.
        I32x4GeU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i64x2_eq` of two vectors.
        I64x2Eq { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i64x2_ne` of two vectors.
        I64x2Ne { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i64x2_lt_s` of two vectors.
        I64x2LtS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i64x2_gt_s` of two vectors.
        I64x2GtS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i64x2_le_s` of two vectors.
        I64x2LeS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i64x2_ge_s` of two vectors.
        I64x2GeS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f32x4_eq` of two vectors.
        F32x4Eq { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f32x4_ne` of two vectors.
        F32x4Ne { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f32x4_lt` of two vectors.
        F32x4Lt { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f32x4_gt` of two vectors.
        F32x4Gt { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f32x4_le` of two vectors.
        F32x4Le { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f32x4_ge` of two vectors.
        F32x4Ge { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f64x2_eq` of two vectors.
        F64x2Eq { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f64x2_ne` of two vectors.
        F64x2Ne { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f64x2_lt` of two vectors.
        F64x2Lt { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f64x2_gt` of two vectors.
        F64x2Gt { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f64x2_le` of two vectors.
        F64x2Le { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f64x2_ge` of two vectors.
        F64x2Ge { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `v128_and` of two vectors.
        V128And { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `v128_andnot` of two vectors.
        V128AndNot { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `v128_or` of two vectors.
        V128Or { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `v128_xor` of two vectors.
        V128Xor { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i8x16_narrow_i16x8_s` of two vectors.
        I8x16NarrowI16x8S { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i8x16_narrow_i16x8_u` of two vectors.
        I8x16NarrowI16x8U { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i8x16_add` of two vectors.
        I8x16Add { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i8x16_add_sat_s` of two vectors.
        I8x16AddSatS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i8x16_add_sat_u` of two vectors.
        I8x16AddSatU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i8x16_sub` of two vectors.
        I8x16Sub { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i8x16_sub_sat_s` of two vectors.
        I8x16SubSatS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i8x16_sub_sat_u` of two vectors.
        I8x16SubSatU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i8x16_min_s` of two vectors.
        I8x16MinS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i8x16_min_u` of two vectors.
        I8x16MinU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i8x16_max_s` of two vectors.
        I8x16MaxS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i8x16_max_u` of two vectors.
        I8x16MaxU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i8x16_avgr_u` of two vectors.
        I8x16AvgrU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_q15mulr_sat_s` of two vectors.
        I16x8Q15MulrSatS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_narrow_i32x4_s` of two vectors.
        I16x8NarrowI32x4S { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_narrow_i32x4_u` of two vectors.
        I16x8NarrowI32x4U { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_add` of two vectors.
        I16x8Add { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_add_sat_s` of two vectors.
        I16x8AddSatS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_add_sat_u` of two vectors.
        I16x8AddSatU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_sub` of two vectors.
        I16x8Sub { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_sub_sat_s` of two vectors.
        I16x8SubSatS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_sub_sat_u` of two vectors.
        I16x8SubSatU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_mul` of two vectors.
        I16x8Mul { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_min_s` of two vectors.
        I16x8MinS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_min_u` of two vectors.
        I16x8MinU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_max_s` of two vectors.
        I16x8MaxS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_max_u` of two vectors.
        I16x8MaxU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_avgr_u` of two vectors.
        I16x8AvgrU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_extmul_low_i8x16_s` of two vectors.
        I16x8ExtMulLowI8x16S { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_extmul_high_i8x16_s` of two vectors.
        I16x8ExtMulHighI8x16S { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_extmul_low_i8x16_u` of two vectors.
        I16x8ExtMulLowI8x16U { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_extmul_high_i8x16_u` of two vectors.
        I16x8ExtMulHighI8x16U { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i32x4_add` of two vectors.
        I32x4Add { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i32x4_sub` of two vectors.
        I32x4Sub { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i32x4_mul` of two vectors.
        I32x4Mul { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i32x4_min_s` of two vectors.
        I32x4MinS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i32x4_min_u` of two vectors.
        I32x4MinU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i32x4_max_s` of two vectors.
        I32x4MaxS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i32x4_max_u` of two vectors.
        I32x4MaxU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i32x4_dot_i16x8_s` of two vectors.
        I32x4DotI16x8S { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i32x4_extmul_low_i16x8_s` of two vectors.
        I32x4ExtMulLowI16x8S { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i32x4_extmul_high_i16x8_s` of two vectors.
        I32x4ExtMulHighI16x8S { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i32x4_extmul_low_i16x8_u` of two vectors.
        I32x4ExtMulLowI16x8U { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i32x4_extmul_high_i16x8_u` of two vectors.
        I32x4ExtMulHighI16x8U { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i64x2_add` of two vectors.
        I64x2Add { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i64x2_sub` of two vectors.
        I64x2Sub { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i64x2_mul` of two vectors.
        I64x2Mul { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i64x2_extmul_low_i32x4_s` of two vectors.
        I64x2ExtMulLowI32x4S { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i64x2_extmul_high_i32x4_s` of two vectors.
        I64x2ExtMulHighI32x4S { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i64x2_extmul_low_i32x4_u` of two vectors.
        I64x2ExtMulLowI32x4U { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i64x2_extmul_high_i32x4_u` of two vectors.
        I64x2ExtMulHighI32x4U { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f32x4_add` of two vectors.
        F32x4Add { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f32x4_sub` of two vectors.
        F32x4Sub { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f32x4_mul` of two vectors.
        F32x4Mul { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f32x4_div` of two vectors.
        F32x4Div { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f32x4_min` of two vectors.
        F32x4Min { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f32x4_max` of two vectors.
        F32x4Max { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f32x4_pmin` of two vectors.
        F32x4PMin { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f32x4_pmax` of two vectors.
        F32x4PMax { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f64x2_add` of two vectors.
        F64x2Add { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f64x2_sub` of two vectors.
        F64x2Sub { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f64x2_mul` of two vectors.
        F64x2Mul { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f64x2_div` of two vectors.
        F64x2Div { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f64x2_min` of two vectors.
        F64x2Min { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f64x2_max` of two vectors.
        F64x2Max { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f64x2_pmin` of two vectors.
        F64x2PMin { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f64x2_pmax` of two vectors.
        F64x2PMax { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i8x16_relaxed_swizzle` of two vectors.
        I8x16RelaxedSwizzle { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f32x4_relaxed_min` of two vectors.
        F32x4RelaxedMin { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f32x4_relaxed_max` of two vectors.
        F32x4RelaxedMax { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f64x2_relaxed_min` of two vectors.
        F64x2RelaxedMin { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `f64x2_relaxed_max` of two vectors.
        F64x2RelaxedMax { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_relaxed_q15mulr_s` of two vectors.
        I16x8RelaxedQ15mulrS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_relaxed_dot_i8x16_i7x16_s` of two vectors.
        I16x8RelaxedDotI8x16I7x16S { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `v128_not` of a vector.
        V128Not { dst: Slot, src: Slot } => dst;
        /// `i8x16_abs` of a vector.
        I8x16Abs { dst: Slot, src: Slot } => dst;
        /// `i8x16_neg` of a vector.
        I8x16Neg { dst: Slot, src: Slot } => dst;
        /// `i8x16_popcnt` of a vector.
        I8x16Popcnt { dst: Slot, src: Slot } => dst;
        /// `i16x8_extadd_pairwise_i8x16_s` of a vector.
        I16x8ExtAddPairwiseI8x16S { dst: Slot, src: Slot } => dst;
        /// `i16x8_extadd_pairwise_i8x16_u` of a vector.
        I16x8ExtAddPairwiseI8x16U { dst: Slot, src: Slot } => dst;
        /// `i16x8_abs` of a vector.
        I16x8Abs { dst: Slot, src: Slot } => dst;
        /// `i16x8_neg` of a vector.
        I16x8Neg { dst: Slot, src: Slot } => dst;
        /// `i16x8_extend_low_i8x16_s` of a vector.
        I16x8ExtendLowI8x16S { dst: Slot, src: Slot } => dst;
        /// `i16x8_extend_high_i8x16_s` of a vector.
        I16x8ExtendHighI8x16S { dst: Slot, src: Slot } => dst;
        /// `i16x8_extend_low_i8x16_u` of a vector.
        I16x8ExtendLowI8x16U { dst: Slot, src: Slot } => dst;
        /// `i16x8_extend_high_i8x16_u` of a vector.
        I16x8ExtendHighI8x16U { dst: Slot, src: Slot } => dst;
        /// `i32x4_extadd_pairwise_i16x8_s` of a vector.
        I32x4ExtAddPairwiseI16x8S { dst: Slot, src: Slot } => dst;
        /// `i32x4_extadd_pairwise_i16x8_u` of a vector.
        I32x4ExtAddPairwiseI16x8U { dst: Slot, src: Slot } => dst;
        /// `i32x4_abs` of a vector.
        I32x4Abs { dst: Slot, src: Slot } => dst;
        /// `i32x4_neg` of a vector.
        I32x4Neg { dst: Slot, src: Slot } => dst;
        /// `i32x4_extend_low_i16x8_s` of a vector.
        I32x4ExtendLowI16x8S { dst: Slot, src: Slot } => dst;
        /// `i32x4_extend_high_i16x8_s` of a vector.
        I32x4ExtendHighI16x8S { dst: Slot, src: Slot } => dst;
        /// `i32x4_extend_low_i16x8_u` of a vector.
        I32x4ExtendLowI16x8U { dst: Slot, src: Slot } => dst;
        /// `i32x4_extend_high_i16x8_u` of a vector.
        I32x4ExtendHighI16x8U { dst: Slot, src: Slot } => dst;
        /// `i64x2_abs` of a vector.
        I64x2Abs { dst: Slot, src: Slot } => dst;
        /// `i64x2_neg` of a vector.
        I64x2Neg { dst: Slot, src: Slot } => dst;
        /// `i64x2_extend_low_i32x4_s` of a vector.
        I64x2ExtendLowI32x4S { dst: Slot, src: Slot } => dst;
        /// `i64x2_extend_high_i32x4_s` of a vector.
        I64x2ExtendHighI32x4S { dst: Slot, src: Slot } => dst;
        /// `i64x2_extend_low_i32x4_u` of a vector.
        I64x2ExtendLowI32x4U { dst: Slot, src: Slot } => dst;
        /// `i64x2_extend_high_i32x4_u` of a vector.
        I64x2ExtendHighI32x4U { dst: Slot, src: Slot } => dst;
        /// `f32x4_ceil` of a vector.
        F32x4Ceil { dst: Slot, src: Slot } => dst;
        /// `f32x4_floor` of a vector.
        F32x4Floor { dst: Slot, src: Slot } => dst;
        /// `f32x4_trunc` of a vector.
        F32x4Trunc { dst: Slot, src: Slot } => dst;
        /// `f32x4_nearest` of a vector.
        F32x4Nearest { dst: Slot, src: Slot } => dst;
        /// `f32x4_abs` of a vector.
        F32x4Abs { dst: Slot, src: Slot } => dst;
        /// `f32x4_neg` of a vector.
        F32x4Neg { dst: Slot, src: Slot } => dst;
        /// `f32x4_sqrt` of a vector.
        F32x4Sqrt { dst: Slot, src: Slot } => dst;
        /// `f64x2_ceil` of a vector.
        F64x2Ceil { dst: Slot, src: Slot } => dst;
        /// `f64x2_floor` of a vector.
        F64x2Floor { dst: Slot, src: Slot } => dst;
        /// `f64x2_trunc` of a vector.
        F64x2Trunc { dst: Slot, src: Slot } => dst;
        /// `f64x2_nearest` of a vector.
        F64x2Nearest { dst: Slot, src: Slot } => dst;
        /// `f64x2_abs` of a vector.
        F64x2Abs { dst: Slot, src: Slot } => dst;
        /// `f64x2_neg` of a vector.
        F64x2Neg { dst: Slot, src: Slot } => dst;
        /// `f64x2_sqrt` of a vector.
        F64x2Sqrt { dst: Slot, src: Slot } => dst;
        /// `i32x4_trunc_sat_f32x4_s` of a vector.
        I32x4TruncSatF32x4S { dst: Slot, src: Slot } => dst;
        /// `i32x4_trunc_sat_f32x4_u` of a vector.
        I32x4TruncSatF32x4U { dst: Slot, src: Slot } => dst;
        /// `f32x4_convert_i32x4_s` of a vector.
        F32x4ConvertI32x4S { dst: Slot, src: Slot } => dst;
        /// `f32x4_convert_i32x4_u` of a vector.
        F32x4ConvertI32x4U { dst: Slot, src: Slot } => dst;
        /// `i32x4_trunc_sat_f64x2_s_zero` of a vector.
        I32x4TruncSatF64x2SZero { dst: Slot, src: Slot } => dst;
        /// `i32x4_trunc_sat_f64x2_u_zero` of a vector.
        I32x4TruncSatF64x2UZero { dst: Slot, src: Slot } => dst;
        /// `f64x2_convert_low_i32x4_s` of a vector.
        F64x2ConvertLowI32x4S { dst: Slot, src: Slot } => dst;
        /// `f64x2_convert_low_i32x4_u` of a vector.
        F64x2ConvertLowI32x4U { dst: Slot, src: Slot } => dst;
        /// `f32x4_demote_f64x2_zero` of a vector.
        F32x4DemoteF64x2Zero { dst: Slot, src: Slot } => dst;
        /// `f64x2_promote_low_f32x4` of a vector.
        F64x2PromoteLowF32x4 { dst: Slot, src: Slot } => dst;
        /// `i32x4_relaxed_trunc_f32x4_s` of a vector.
        I32x4RelaxedTruncF32x4S { dst: Slot, src: Slot } => dst;
        /// `i32x4_relaxed_trunc_f32x4_u` of a vector.
        I32x4RelaxedTruncF32x4U { dst: Slot, src: Slot } => dst;
        /// `i32x4_relaxed_trunc_f64x2_s_zero` of a vector.
        I32x4RelaxedTruncF64x2SZero { dst: Slot, src: Slot } => dst;
        /// `i32x4_relaxed_trunc_f64x2_u_zero` of a vector.
        I32x4RelaxedTruncF64x2UZero { dst: Slot, src: Slot } => dst;
        /// `v128_bitselect` of three vectors.
        V128Bitselect { dst: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `f32x4_relaxed_madd` of three vectors.
        F32x4RelaxedMadd { dst: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `f32x4_relaxed_nmadd` of three vectors.
        F32x4RelaxedNmadd { dst: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `f64x2_relaxed_madd` of three vectors.
        F64x2RelaxedMadd { dst: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `f64x2_relaxed_nmadd` of three vectors.
        F64x2RelaxedNmadd { dst: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `i8x16_relaxed_laneselect` of three vectors.
        I8x16RelaxedLaneselect { dst: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `i16x8_relaxed_laneselect` of three vectors.
        I16x8RelaxedLaneselect { dst: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `i32x4_relaxed_laneselect` of three vectors.
        I32x4RelaxedLaneselect { dst: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `i64x2_relaxed_laneselect` of three vectors.
        I64x2RelaxedLaneselect { dst: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `i32x4_relaxed_dot_i8x16_i7x16_add_s` of three vectors.
        I32x4RelaxedDotI8x16I7x16AddS { dst: Slot, a: Slot, b: Slot, c: Slot } => dst;
        /// `v128_any_true`: a vector to an `i32`.
        V128AnyTrue { dst: Slot, src: Slot } => dst;
        /// `i8x16_all_true`: a vector to an `i32`.
        I8x16AllTrue { dst: Slot, src: Slot } => dst;
        /// `i8x16_bitmask`: a vector to an `i32`.
        I8x16Bitmask { dst: Slot, src: Slot } => dst;
        /// `i16x8_all_true`: a vector to an `i32`.
        I16x8AllTrue { dst: Slot, src: Slot } => dst;
        /// `i16x8_bitmask`: a vector to an `i32`.
        I16x8Bitmask { dst: Slot, src: Slot } => dst;
        /// `i32x4_all_true`: a vector to an `i32`.
        I32x4AllTrue { dst: Slot, src: Slot } => dst;
        /// `i32x4_bitmask`: a vector to an `i32`.
        I32x4Bitmask { dst: Slot, src: Slot } => dst;
        /// `i64x2_all_true`: a vector to an `i32`.
        I64x2AllTrue { dst: Slot, src: Slot } => dst;
        /// `i64x2_bitmask`: a vector to an `i32`.
        I64x2Bitmask { dst: Slot, src: Slot } => dst;
        /// `i8x16_shl`: a vector shifted by an `i32`.
        I8x16Shl { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i8x16_shr_s`: a vector shifted by an `i32`.
        I8x16ShrS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i8x16_shr_u`: a vector shifted by an `i32`.
        I8x16ShrU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_shl`: a vector shifted by an `i32`.
        I16x8Shl { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_shr_s`: a vector shifted by an `i32`.
        I16x8ShrS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i16x8_shr_u`: a vector shifted by an `i32`.
        I16x8ShrU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i32x4_shl`: a vector shifted by an `i32`.
        I32x4Shl { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i32x4_shr_s`: a vector shifted by an `i32`.
        I32x4ShrS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i32x4_shr_u`: a vector shifted by an `i32`.
        I32x4ShrU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i64x2_shl`: a vector shifted by an `i32`.
        I64x2Shl { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i64x2_shr_s`: a vector shifted by an `i32`.
        I64x2ShrS { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i64x2_shr_u`: a vector shifted by an `i32`.
        I64x2ShrU { dst: Slot, lhs: Slot, rhs: Slot } => dst;
        /// `i8x16_splat`: a scalar to every lane.
        I8x16Splat { dst: Slot, src: Slot } => dst;
        /// `i16x8_splat`: a scalar to every lane.
        I16x8Splat { dst: Slot, src: Slot } => dst;
        /// `i32x4_splat`: a scalar to every lane.
        I32x4Splat { dst: Slot, src: Slot } => dst;
        /// `i64x2_splat`: a scalar to every lane.
        I64x2Splat { dst: Slot, src: Slot } => dst;
        /// `f32x4_splat`: a scalar to every lane.
        F32x4Splat { dst: Slot, src: Slot } => dst;
        /// `f64x2_splat`: a scalar to every lane.
        F64x2Splat { dst: Slot, src: Slot } => dst;
        /// `i8x16_extract_lane_s`.
        I8x16ExtractLaneS { dst: Slot, src: Slot, lane: u8 } => dst;
        /// `i8x16_extract_lane_u`.
        I8x16ExtractLaneU { dst: Slot, src: Slot, lane: u8 } => dst;
        /// `i16x8_extract_lane_s`.
        I16x8ExtractLaneS { dst: Slot, src: Slot, lane: u8 } => dst;
        /// `i16x8_extract_lane_u`.
        I16x8ExtractLaneU { dst: Slot, src: Slot, lane: u8 } => dst;
        /// `i32x4_extract_lane`.
        I32x4ExtractLane { dst: Slot, src: Slot, lane: u8 } => dst;
        /// `i64x2_extract_lane`.
        I64x2ExtractLane { dst: Slot, src: Slot, lane: u8 } => dst;
        /// `f32x4_extract_lane`.
        F32x4ExtractLane { dst: Slot, src: Slot, lane: u8 } => dst;
        /// `f64x2_extract_lane`.
        F64x2ExtractLane { dst: Slot, src: Slot, lane: u8 } => dst;
        /// `i8x16_replace_lane`: the vector `lhs` with lane `lane` set to the scalar `rhs`.
        I8x16ReplaceLane { dst: Slot, lhs: Slot, rhs: Slot, lane: u8 } => dst;
        /// `i16x8_replace_lane`: the vector `lhs` with lane `lane` set to the scalar `rhs`.
        I16x8ReplaceLane { dst: Slot, lhs: Slot, rhs: Slot, lane: u8 } => dst;
        /// `i32x4_replace_lane`: the vector `lhs` with lane `lane` set to the scalar `rhs`.
        I32x4ReplaceLane { dst: Slot, lhs: Slot, rhs: Slot, lane: u8 } => dst;
        /// `i64x2_replace_lane`: the vector `lhs` with lane `lane` set to the scalar `rhs`.
        I64x2ReplaceLane { dst: Slot, lhs: Slot, rhs: Slot, lane: u8 } => dst;
        /// `f32x4_replace_lane`: the vector `lhs` with lane `lane` set to the scalar `rhs`.
        F32x4ReplaceLane { dst: Slot, lhs: Slot, rhs: Slot, lane: u8 } => dst;
        /// `f64x2_replace_lane`: the vector `lhs` with lane `lane` set to the scalar `rhs`.
        F64x2ReplaceLane { dst: Slot, lhs: Slot, rhs: Slot, lane: u8 } => dst;
        /// `i8x16.shuffle`; lane indices 0..8 in `lo`, 8..16 in the `Lanes` word after it.
        I8x16Shuffle { dst: Slot, lhs: Slot, rhs: Slot, lo: u64 } => dst;
        /// Lane indices 8..16 of the `I8x16Shuffle` just before; never executed.
        Lanes { hi: u64 };
        /// `v128_load` from memory 0 at `ptr + offset`.
        V128Load { dst: Slot, ptr: Slot, offset: u32 } => dst;
        /// `v128_load` from any memory (a `MemArg` follows).
        V128LoadMem { dst: Slot, ptr: Slot } => dst;
        /// `v128_load8x8_s` from memory 0 at `ptr + offset`.
        V128Load8x8S { dst: Slot, ptr: Slot, offset: u32 } => dst;
        /// `v128_load8x8_s` from any memory (a `MemArg` follows).
        V128Load8x8SMem { dst: Slot, ptr: Slot } => dst;
        /// `v128_load8x8_u` from memory 0 at `ptr + offset`.
        V128Load8x8U { dst: Slot, ptr: Slot, offset: u32 } => dst;
        /// `v128_load8x8_u` from any memory (a `MemArg` follows).
        V128Load8x8UMem { dst: Slot, ptr: Slot } => dst;
        /// `v128_load16x4_s` from memory 0 at `ptr + offset`.
        V128Load16x4S { dst: Slot, ptr: Slot, offset: u32 } => dst;
        /// `v128_load16x4_s` from any memory (a `MemArg` follows).
        V128Load16x4SMem { dst: Slot, ptr: Slot } => dst;
        /// `v128_load16x4_u` from memory 0 at `ptr + offset`.
        V128Load16x4U { dst: Slot, ptr: Slot, offset: u32 } => dst;
        /// `v128_load16x4_u` from any memory (a `MemArg` follows).
        V128Load16x4UMem { dst: Slot, ptr: Slot } => dst;
        /// `v128_load32x2_s` from memory 0 at `ptr + offset`.
        V128Load32x2S { dst: Slot, ptr: Slot, offset: u32 } => dst;
        /// `v128_load32x2_s` from any memory (a `MemArg` follows).
        V128Load32x2SMem { dst: Slot, ptr: Slot } => dst;
        /// `v128_load32x2_u` from memory 0 at `ptr + offset`.
        V128Load32x2U { dst: Slot, ptr: Slot, offset: u32 } => dst;
        /// `v128_load32x2_u` from any memory (a `MemArg` follows).
        V128Load32x2UMem { dst: Slot, ptr: Slot } => dst;
        /// `v128_load8_splat` from memory 0 at `ptr + offset`.
        V128Load8Splat { dst: Slot, ptr: Slot, offset: u32 } => dst;
        /// `v128_load8_splat` from any memory (a `MemArg` follows).
        V128Load8SplatMem { dst: Slot, ptr: Slot } => dst;
        /// `v128_load16_splat` from memory 0 at `ptr + offset`.
        V128Load16Splat { dst: Slot, ptr: Slot, offset: u32 } => dst;
        /// `v128_load16_splat` from any memory (a `MemArg` follows).
        V128Load16SplatMem { dst: Slot, ptr: Slot } => dst;
        /// `v128_load32_splat` from memory 0 at `ptr + offset`.
        V128Load32Splat { dst: Slot, ptr: Slot, offset: u32 } => dst;
        /// `v128_load32_splat` from any memory (a `MemArg` follows).
        V128Load32SplatMem { dst: Slot, ptr: Slot } => dst;
        /// `v128_load64_splat` from memory 0 at `ptr + offset`.
        V128Load64Splat { dst: Slot, ptr: Slot, offset: u32 } => dst;
        /// `v128_load64_splat` from any memory (a `MemArg` follows).
        V128Load64SplatMem { dst: Slot, ptr: Slot } => dst;
        /// `v128_load32_zero` from memory 0 at `ptr + offset`.
        V128Load32Zero { dst: Slot, ptr: Slot, offset: u32 } => dst;
        /// `v128_load32_zero` from any memory (a `MemArg` follows).
        V128Load32ZeroMem { dst: Slot, ptr: Slot } => dst;
        /// `v128_load64_zero` from memory 0 at `ptr + offset`.
        V128Load64Zero { dst: Slot, ptr: Slot, offset: u32 } => dst;
        /// `v128_load64_zero` from any memory (a `MemArg` follows).
        V128Load64ZeroMem { dst: Slot, ptr: Slot } => dst;
        /// `v128.store` to memory 0 at `ptr + offset`.
        V128Store { ptr: Slot, value: Slot, offset: u32 };
        /// `v128.store` to any memory (a `MemArg` follows).
        V128StoreMem { ptr: Slot, value: Slot };
        /// `v128_load8_lane` from memory 0: the vector `src` with lane `lane` loaded from `ptr + offset`.
        V128Load8Lane { dst: Slot, src: Slot, ptr: Slot, offset: u32, lane: u8 } => dst;
        /// `v128_load8_lane` from any memory (a `MemArg` follows).
        V128Load8LaneMem { dst: Slot, src: Slot, ptr: Slot, lane: u8 } => dst;
        /// `v128_load16_lane` from memory 0: the vector `src` with lane `lane` loaded from `ptr + offset`.
        V128Load16Lane { dst: Slot, src: Slot, ptr: Slot, offset: u32, lane: u8 } => dst;
        /// `v128_load16_lane` from any memory (a `MemArg` follows).
        V128Load16LaneMem { dst: Slot, src: Slot, ptr: Slot, lane: u8 } => dst;
        /// `v128_load32_lane` from memory 0: the vector `src` with lane `lane` loaded from `ptr + offset`.
        V128Load32Lane { dst: Slot, src: Slot, ptr: Slot, offset: u32, lane: u8 } => dst;
        /// `v128_load32_lane` from any memory (a `MemArg` follows).
        V128Load32LaneMem { dst: Slot, src: Slot, ptr: Slot, lane: u8 } => dst;
        /// `v128_load64_lane` from memory 0: the vector `src` with lane `lane` loaded from `ptr + offset`.
        V128Load64Lane { dst: Slot, src: Slot, ptr: Slot, offset: u32, lane: u8 } => dst;
        /// `v128_load64_lane` from any memory (a `MemArg` follows).
        V128Load64LaneMem { dst: Slot, src: Slot, ptr: Slot, lane: u8 } => dst;
        /// `v128_store8_lane` to memory 0: lane `lane` of `value` stored at `ptr + offset`.
        V128Store8Lane { ptr: Slot, value: Slot, offset: u32, lane: u8 };
        /// `v128_store8_lane` to any memory (a `MemArg` follows).
        V128Store8LaneMem { ptr: Slot, value: Slot, lane: u8 };
        /// `v128_store16_lane` to memory 0: lane `lane` of `value` stored at `ptr + offset`.
        V128Store16Lane { ptr: Slot, value: Slot, offset: u32, lane: u8 };
        /// `v128_store16_lane` to any memory (a `MemArg` follows).
        V128Store16LaneMem { ptr: Slot, value: Slot, lane: u8 };
        /// `v128_store32_lane` to memory 0: lane `lane` of `value` stored at `ptr + offset`.
        V128Store32Lane { ptr: Slot, value: Slot, offset: u32, lane: u8 };
        /// `v128_store32_lane` to any memory (a `MemArg` follows).
        V128Store32LaneMem { ptr: Slot, value: Slot, lane: u8 };
        /// `v128_store64_lane` to memory 0: lane `lane` of `value` stored at `ptr + offset`.
        V128Store64Lane { ptr: Slot, value: Slot, offset: u32, lane: u8 };
        /// `v128_store64_lane` to any memory (a `MemArg` follows).
        V128Store64LaneMem { ptr: Slot, value: Slot, lane: u8 };

        // ---- accumulator forms (see `interp::accumulate`): the same operands as
        // the instruction they derive from, but the field typed `AccI`/`AccF` is
        // read from the accumulator the instruction before left it in ----
        /// `I32Add` with `lhs` in the integer accumulator.
        I32AddAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I32Add` with `rhs` in the integer accumulator.
        I32AddAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I32AddImm` with `lhs` in the integer accumulator.
        I32AddImmAcc { dst: Slot, lhs: AccI, rhs: i32 } => dst;
        /// `I32Sub` with `lhs` in the integer accumulator.
        I32SubAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I32Sub` with `rhs` in the integer accumulator.
        I32SubAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I32SubImm` with `lhs` in the integer accumulator.
        I32SubImmAcc { dst: Slot, lhs: AccI, rhs: i32 } => dst;
        /// `I32Mul` with `lhs` in the integer accumulator.
        I32MulAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I32Mul` with `rhs` in the integer accumulator.
        I32MulAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I32MulImm` with `lhs` in the integer accumulator.
        I32MulImmAcc { dst: Slot, lhs: AccI, rhs: i32 } => dst;
        /// `I32DivS` with `lhs` in the integer accumulator.
        I32DivSAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I32DivS` with `rhs` in the integer accumulator.
        I32DivSAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I32DivSImm` with `lhs` in the integer accumulator.
        I32DivSImmAcc { dst: Slot, lhs: AccI, rhs: i32 } => dst;
        /// `I32DivU` with `lhs` in the integer accumulator.
        I32DivUAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I32DivU` with `rhs` in the integer accumulator.
        I32DivUAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I32DivUImm` with `lhs` in the integer accumulator.
        I32DivUImmAcc { dst: Slot, lhs: AccI, rhs: i32 } => dst;
        /// `I32RemS` with `lhs` in the integer accumulator.
        I32RemSAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I32RemS` with `rhs` in the integer accumulator.
        I32RemSAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I32RemSImm` with `lhs` in the integer accumulator.
        I32RemSImmAcc { dst: Slot, lhs: AccI, rhs: i32 } => dst;
        /// `I32RemU` with `lhs` in the integer accumulator.
        I32RemUAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I32RemU` with `rhs` in the integer accumulator.
        I32RemUAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I32RemUImm` with `lhs` in the integer accumulator.
        I32RemUImmAcc { dst: Slot, lhs: AccI, rhs: i32 } => dst;
        /// `I32And` with `lhs` in the integer accumulator.
        I32AndAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I32And` with `rhs` in the integer accumulator.
        I32AndAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I32AndImm` with `lhs` in the integer accumulator.
        I32AndImmAcc { dst: Slot, lhs: AccI, rhs: i32 } => dst;
        /// `I32Or` with `lhs` in the integer accumulator.
        I32OrAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I32Or` with `rhs` in the integer accumulator.
        I32OrAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I32OrImm` with `lhs` in the integer accumulator.
        I32OrImmAcc { dst: Slot, lhs: AccI, rhs: i32 } => dst;
        /// `I32Xor` with `lhs` in the integer accumulator.
        I32XorAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I32Xor` with `rhs` in the integer accumulator.
        I32XorAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I32XorImm` with `lhs` in the integer accumulator.
        I32XorImmAcc { dst: Slot, lhs: AccI, rhs: i32 } => dst;
        /// `I32Shl` with `lhs` in the integer accumulator.
        I32ShlAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I32Shl` with `rhs` in the integer accumulator.
        I32ShlAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I32ShlImm` with `lhs` in the integer accumulator.
        I32ShlImmAcc { dst: Slot, lhs: AccI, rhs: i32 } => dst;
        /// `I32ShrS` with `lhs` in the integer accumulator.
        I32ShrSAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I32ShrS` with `rhs` in the integer accumulator.
        I32ShrSAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I32ShrSImm` with `lhs` in the integer accumulator.
        I32ShrSImmAcc { dst: Slot, lhs: AccI, rhs: i32 } => dst;
        /// `I32ShrU` with `lhs` in the integer accumulator.
        I32ShrUAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I32ShrU` with `rhs` in the integer accumulator.
        I32ShrUAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I32ShrUImm` with `lhs` in the integer accumulator.
        I32ShrUImmAcc { dst: Slot, lhs: AccI, rhs: i32 } => dst;
        /// `I32Rotl` with `lhs` in the integer accumulator.
        I32RotlAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I32Rotl` with `rhs` in the integer accumulator.
        I32RotlAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I32RotlImm` with `lhs` in the integer accumulator.
        I32RotlImmAcc { dst: Slot, lhs: AccI, rhs: i32 } => dst;
        /// `I32Rotr` with `lhs` in the integer accumulator.
        I32RotrAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I32Rotr` with `rhs` in the integer accumulator.
        I32RotrAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I32RotrImm` with `lhs` in the integer accumulator.
        I32RotrImmAcc { dst: Slot, lhs: AccI, rhs: i32 } => dst;
        /// `I32Eq` with `lhs` in the integer accumulator.
        I32EqAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I32Eq` with `rhs` in the integer accumulator.
        I32EqAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I32EqImm` with `lhs` in the integer accumulator.
        I32EqImmAcc { dst: Slot, lhs: AccI, rhs: i32 } => dst;
        /// `I32Ne` with `lhs` in the integer accumulator.
        I32NeAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I32Ne` with `rhs` in the integer accumulator.
        I32NeAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I32NeImm` with `lhs` in the integer accumulator.
        I32NeImmAcc { dst: Slot, lhs: AccI, rhs: i32 } => dst;
        /// `I32LtS` with `lhs` in the integer accumulator.
        I32LtSAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I32LtS` with `rhs` in the integer accumulator.
        I32LtSAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I32LtSImm` with `lhs` in the integer accumulator.
        I32LtSImmAcc { dst: Slot, lhs: AccI, rhs: i32 } => dst;
        /// `I32LtU` with `lhs` in the integer accumulator.
        I32LtUAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I32LtU` with `rhs` in the integer accumulator.
        I32LtUAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I32LtUImm` with `lhs` in the integer accumulator.
        I32LtUImmAcc { dst: Slot, lhs: AccI, rhs: i32 } => dst;
        /// `I32GtS` with `lhs` in the integer accumulator.
        I32GtSAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I32GtS` with `rhs` in the integer accumulator.
        I32GtSAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I32GtSImm` with `lhs` in the integer accumulator.
        I32GtSImmAcc { dst: Slot, lhs: AccI, rhs: i32 } => dst;
        /// `I32GtU` with `lhs` in the integer accumulator.
        I32GtUAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I32GtU` with `rhs` in the integer accumulator.
        I32GtUAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I32GtUImm` with `lhs` in the integer accumulator.
        I32GtUImmAcc { dst: Slot, lhs: AccI, rhs: i32 } => dst;
        /// `I32LeS` with `lhs` in the integer accumulator.
        I32LeSAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I32LeS` with `rhs` in the integer accumulator.
        I32LeSAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I32LeSImm` with `lhs` in the integer accumulator.
        I32LeSImmAcc { dst: Slot, lhs: AccI, rhs: i32 } => dst;
        /// `I32LeU` with `lhs` in the integer accumulator.
        I32LeUAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I32LeU` with `rhs` in the integer accumulator.
        I32LeUAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I32LeUImm` with `lhs` in the integer accumulator.
        I32LeUImmAcc { dst: Slot, lhs: AccI, rhs: i32 } => dst;
        /// `I32GeS` with `lhs` in the integer accumulator.
        I32GeSAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I32GeS` with `rhs` in the integer accumulator.
        I32GeSAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I32GeSImm` with `lhs` in the integer accumulator.
        I32GeSImmAcc { dst: Slot, lhs: AccI, rhs: i32 } => dst;
        /// `I32GeU` with `lhs` in the integer accumulator.
        I32GeUAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I32GeU` with `rhs` in the integer accumulator.
        I32GeUAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I32GeUImm` with `lhs` in the integer accumulator.
        I32GeUImmAcc { dst: Slot, lhs: AccI, rhs: i32 } => dst;
        /// `I32SubImmL` with `rhs` in the integer accumulator.
        I32SubImmLAcc { dst: Slot, lhs: i32, rhs: AccI } => dst;
        /// `I32DivSImmL` with `rhs` in the integer accumulator.
        I32DivSImmLAcc { dst: Slot, lhs: i32, rhs: AccI } => dst;
        /// `I32DivUImmL` with `rhs` in the integer accumulator.
        I32DivUImmLAcc { dst: Slot, lhs: i32, rhs: AccI } => dst;
        /// `I32RemSImmL` with `rhs` in the integer accumulator.
        I32RemSImmLAcc { dst: Slot, lhs: i32, rhs: AccI } => dst;
        /// `I32RemUImmL` with `rhs` in the integer accumulator.
        I32RemUImmLAcc { dst: Slot, lhs: i32, rhs: AccI } => dst;
        /// `I32ShlImmL` with `rhs` in the integer accumulator.
        I32ShlImmLAcc { dst: Slot, lhs: i32, rhs: AccI } => dst;
        /// `I32ShrSImmL` with `rhs` in the integer accumulator.
        I32ShrSImmLAcc { dst: Slot, lhs: i32, rhs: AccI } => dst;
        /// `I32ShrUImmL` with `rhs` in the integer accumulator.
        I32ShrUImmLAcc { dst: Slot, lhs: i32, rhs: AccI } => dst;
        /// `I32RotlImmL` with `rhs` in the integer accumulator.
        I32RotlImmLAcc { dst: Slot, lhs: i32, rhs: AccI } => dst;
        /// `I32RotrImmL` with `rhs` in the integer accumulator.
        I32RotrImmLAcc { dst: Slot, lhs: i32, rhs: AccI } => dst;
        /// `BrI32Eq` with `lhs` in the integer accumulator.
        BrI32EqAccL { lhs: AccI, rhs: Slot, offset: i32 } jump offset;
        /// `BrI32Eq` with `rhs` in the integer accumulator.
        BrI32EqAccR { lhs: Slot, rhs: AccI, offset: i32 } jump offset;
        /// `BrI32EqImm` with `lhs` in the integer accumulator.
        BrI32EqImmAcc { lhs: AccI, rhs: i32, offset: i32 } jump offset;
        /// `BrI32Ne` with `lhs` in the integer accumulator.
        BrI32NeAccL { lhs: AccI, rhs: Slot, offset: i32 } jump offset;
        /// `BrI32Ne` with `rhs` in the integer accumulator.
        BrI32NeAccR { lhs: Slot, rhs: AccI, offset: i32 } jump offset;
        /// `BrI32NeImm` with `lhs` in the integer accumulator.
        BrI32NeImmAcc { lhs: AccI, rhs: i32, offset: i32 } jump offset;
        /// `BrI32LtS` with `lhs` in the integer accumulator.
        BrI32LtSAccL { lhs: AccI, rhs: Slot, offset: i32 } jump offset;
        /// `BrI32LtS` with `rhs` in the integer accumulator.
        BrI32LtSAccR { lhs: Slot, rhs: AccI, offset: i32 } jump offset;
        /// `BrI32LtSImm` with `lhs` in the integer accumulator.
        BrI32LtSImmAcc { lhs: AccI, rhs: i32, offset: i32 } jump offset;
        /// `BrI32LtU` with `lhs` in the integer accumulator.
        BrI32LtUAccL { lhs: AccI, rhs: Slot, offset: i32 } jump offset;
        /// `BrI32LtU` with `rhs` in the integer accumulator.
        BrI32LtUAccR { lhs: Slot, rhs: AccI, offset: i32 } jump offset;
        /// `BrI32LtUImm` with `lhs` in the integer accumulator.
        BrI32LtUImmAcc { lhs: AccI, rhs: i32, offset: i32 } jump offset;
        /// `BrI32GtS` with `lhs` in the integer accumulator.
        BrI32GtSAccL { lhs: AccI, rhs: Slot, offset: i32 } jump offset;
        /// `BrI32GtS` with `rhs` in the integer accumulator.
        BrI32GtSAccR { lhs: Slot, rhs: AccI, offset: i32 } jump offset;
        /// `BrI32GtSImm` with `lhs` in the integer accumulator.
        BrI32GtSImmAcc { lhs: AccI, rhs: i32, offset: i32 } jump offset;
        /// `BrI32GtU` with `lhs` in the integer accumulator.
        BrI32GtUAccL { lhs: AccI, rhs: Slot, offset: i32 } jump offset;
        /// `BrI32GtU` with `rhs` in the integer accumulator.
        BrI32GtUAccR { lhs: Slot, rhs: AccI, offset: i32 } jump offset;
        /// `BrI32GtUImm` with `lhs` in the integer accumulator.
        BrI32GtUImmAcc { lhs: AccI, rhs: i32, offset: i32 } jump offset;
        /// `BrI32LeS` with `lhs` in the integer accumulator.
        BrI32LeSAccL { lhs: AccI, rhs: Slot, offset: i32 } jump offset;
        /// `BrI32LeS` with `rhs` in the integer accumulator.
        BrI32LeSAccR { lhs: Slot, rhs: AccI, offset: i32 } jump offset;
        /// `BrI32LeSImm` with `lhs` in the integer accumulator.
        BrI32LeSImmAcc { lhs: AccI, rhs: i32, offset: i32 } jump offset;
        /// `BrI32LeU` with `lhs` in the integer accumulator.
        BrI32LeUAccL { lhs: AccI, rhs: Slot, offset: i32 } jump offset;
        /// `BrI32LeU` with `rhs` in the integer accumulator.
        BrI32LeUAccR { lhs: Slot, rhs: AccI, offset: i32 } jump offset;
        /// `BrI32LeUImm` with `lhs` in the integer accumulator.
        BrI32LeUImmAcc { lhs: AccI, rhs: i32, offset: i32 } jump offset;
        /// `BrI32GeS` with `lhs` in the integer accumulator.
        BrI32GeSAccL { lhs: AccI, rhs: Slot, offset: i32 } jump offset;
        /// `BrI32GeS` with `rhs` in the integer accumulator.
        BrI32GeSAccR { lhs: Slot, rhs: AccI, offset: i32 } jump offset;
        /// `BrI32GeSImm` with `lhs` in the integer accumulator.
        BrI32GeSImmAcc { lhs: AccI, rhs: i32, offset: i32 } jump offset;
        /// `BrI32GeU` with `lhs` in the integer accumulator.
        BrI32GeUAccL { lhs: AccI, rhs: Slot, offset: i32 } jump offset;
        /// `BrI32GeU` with `rhs` in the integer accumulator.
        BrI32GeUAccR { lhs: Slot, rhs: AccI, offset: i32 } jump offset;
        /// `BrI32GeUImm` with `lhs` in the integer accumulator.
        BrI32GeUImmAcc { lhs: AccI, rhs: i32, offset: i32 } jump offset;
        /// `I64Add` with `lhs` in the integer accumulator.
        I64AddAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I64Add` with `rhs` in the integer accumulator.
        I64AddAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I64AddImm` with `lhs` in the integer accumulator.
        I64AddImmAcc { dst: Slot, lhs: AccI, rhs: i64 } => dst;
        /// `I64Sub` with `lhs` in the integer accumulator.
        I64SubAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I64Sub` with `rhs` in the integer accumulator.
        I64SubAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I64SubImm` with `lhs` in the integer accumulator.
        I64SubImmAcc { dst: Slot, lhs: AccI, rhs: i64 } => dst;
        /// `I64Mul` with `lhs` in the integer accumulator.
        I64MulAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I64Mul` with `rhs` in the integer accumulator.
        I64MulAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I64MulImm` with `lhs` in the integer accumulator.
        I64MulImmAcc { dst: Slot, lhs: AccI, rhs: i64 } => dst;
        /// `I64DivS` with `lhs` in the integer accumulator.
        I64DivSAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I64DivS` with `rhs` in the integer accumulator.
        I64DivSAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I64DivSImm` with `lhs` in the integer accumulator.
        I64DivSImmAcc { dst: Slot, lhs: AccI, rhs: i64 } => dst;
        /// `I64DivU` with `lhs` in the integer accumulator.
        I64DivUAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I64DivU` with `rhs` in the integer accumulator.
        I64DivUAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I64DivUImm` with `lhs` in the integer accumulator.
        I64DivUImmAcc { dst: Slot, lhs: AccI, rhs: i64 } => dst;
        /// `I64RemS` with `lhs` in the integer accumulator.
        I64RemSAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I64RemS` with `rhs` in the integer accumulator.
        I64RemSAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I64RemSImm` with `lhs` in the integer accumulator.
        I64RemSImmAcc { dst: Slot, lhs: AccI, rhs: i64 } => dst;
        /// `I64RemU` with `lhs` in the integer accumulator.
        I64RemUAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I64RemU` with `rhs` in the integer accumulator.
        I64RemUAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I64RemUImm` with `lhs` in the integer accumulator.
        I64RemUImmAcc { dst: Slot, lhs: AccI, rhs: i64 } => dst;
        /// `I64And` with `lhs` in the integer accumulator.
        I64AndAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I64And` with `rhs` in the integer accumulator.
        I64AndAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I64AndImm` with `lhs` in the integer accumulator.
        I64AndImmAcc { dst: Slot, lhs: AccI, rhs: i64 } => dst;
        /// `I64Or` with `lhs` in the integer accumulator.
        I64OrAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I64Or` with `rhs` in the integer accumulator.
        I64OrAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I64OrImm` with `lhs` in the integer accumulator.
        I64OrImmAcc { dst: Slot, lhs: AccI, rhs: i64 } => dst;
        /// `I64Xor` with `lhs` in the integer accumulator.
        I64XorAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I64Xor` with `rhs` in the integer accumulator.
        I64XorAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I64XorImm` with `lhs` in the integer accumulator.
        I64XorImmAcc { dst: Slot, lhs: AccI, rhs: i64 } => dst;
        /// `I64Shl` with `lhs` in the integer accumulator.
        I64ShlAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I64Shl` with `rhs` in the integer accumulator.
        I64ShlAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I64ShlImm` with `lhs` in the integer accumulator.
        I64ShlImmAcc { dst: Slot, lhs: AccI, rhs: i64 } => dst;
        /// `I64ShrS` with `lhs` in the integer accumulator.
        I64ShrSAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I64ShrS` with `rhs` in the integer accumulator.
        I64ShrSAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I64ShrSImm` with `lhs` in the integer accumulator.
        I64ShrSImmAcc { dst: Slot, lhs: AccI, rhs: i64 } => dst;
        /// `I64ShrU` with `lhs` in the integer accumulator.
        I64ShrUAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I64ShrU` with `rhs` in the integer accumulator.
        I64ShrUAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I64ShrUImm` with `lhs` in the integer accumulator.
        I64ShrUImmAcc { dst: Slot, lhs: AccI, rhs: i64 } => dst;
        /// `I64Rotl` with `lhs` in the integer accumulator.
        I64RotlAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I64Rotl` with `rhs` in the integer accumulator.
        I64RotlAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I64RotlImm` with `lhs` in the integer accumulator.
        I64RotlImmAcc { dst: Slot, lhs: AccI, rhs: i64 } => dst;
        /// `I64Rotr` with `lhs` in the integer accumulator.
        I64RotrAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I64Rotr` with `rhs` in the integer accumulator.
        I64RotrAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I64RotrImm` with `lhs` in the integer accumulator.
        I64RotrImmAcc { dst: Slot, lhs: AccI, rhs: i64 } => dst;
        /// `I64Eq` with `lhs` in the integer accumulator.
        I64EqAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I64Eq` with `rhs` in the integer accumulator.
        I64EqAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I64EqImm` with `lhs` in the integer accumulator.
        I64EqImmAcc { dst: Slot, lhs: AccI, rhs: i64 } => dst;
        /// `I64Ne` with `lhs` in the integer accumulator.
        I64NeAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I64Ne` with `rhs` in the integer accumulator.
        I64NeAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I64NeImm` with `lhs` in the integer accumulator.
        I64NeImmAcc { dst: Slot, lhs: AccI, rhs: i64 } => dst;
        /// `I64LtS` with `lhs` in the integer accumulator.
        I64LtSAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I64LtS` with `rhs` in the integer accumulator.
        I64LtSAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I64LtSImm` with `lhs` in the integer accumulator.
        I64LtSImmAcc { dst: Slot, lhs: AccI, rhs: i64 } => dst;
        /// `I64LtU` with `lhs` in the integer accumulator.
        I64LtUAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I64LtU` with `rhs` in the integer accumulator.
        I64LtUAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I64LtUImm` with `lhs` in the integer accumulator.
        I64LtUImmAcc { dst: Slot, lhs: AccI, rhs: i64 } => dst;
        /// `I64GtS` with `lhs` in the integer accumulator.
        I64GtSAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I64GtS` with `rhs` in the integer accumulator.
        I64GtSAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I64GtSImm` with `lhs` in the integer accumulator.
        I64GtSImmAcc { dst: Slot, lhs: AccI, rhs: i64 } => dst;
        /// `I64GtU` with `lhs` in the integer accumulator.
        I64GtUAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I64GtU` with `rhs` in the integer accumulator.
        I64GtUAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I64GtUImm` with `lhs` in the integer accumulator.
        I64GtUImmAcc { dst: Slot, lhs: AccI, rhs: i64 } => dst;
        /// `I64LeS` with `lhs` in the integer accumulator.
        I64LeSAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I64LeS` with `rhs` in the integer accumulator.
        I64LeSAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I64LeSImm` with `lhs` in the integer accumulator.
        I64LeSImmAcc { dst: Slot, lhs: AccI, rhs: i64 } => dst;
        /// `I64LeU` with `lhs` in the integer accumulator.
        I64LeUAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I64LeU` with `rhs` in the integer accumulator.
        I64LeUAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I64LeUImm` with `lhs` in the integer accumulator.
        I64LeUImmAcc { dst: Slot, lhs: AccI, rhs: i64 } => dst;
        /// `I64GeS` with `lhs` in the integer accumulator.
        I64GeSAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I64GeS` with `rhs` in the integer accumulator.
        I64GeSAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I64GeSImm` with `lhs` in the integer accumulator.
        I64GeSImmAcc { dst: Slot, lhs: AccI, rhs: i64 } => dst;
        /// `I64GeU` with `lhs` in the integer accumulator.
        I64GeUAccL { dst: Slot, lhs: AccI, rhs: Slot } => dst;
        /// `I64GeU` with `rhs` in the integer accumulator.
        I64GeUAccR { dst: Slot, lhs: Slot, rhs: AccI } => dst;
        /// `I64GeUImm` with `lhs` in the integer accumulator.
        I64GeUImmAcc { dst: Slot, lhs: AccI, rhs: i64 } => dst;
        /// `I64SubImmL` with `rhs` in the integer accumulator.
        I64SubImmLAcc { dst: Slot, lhs: i64, rhs: AccI } => dst;
        /// `I64DivSImmL` with `rhs` in the integer accumulator.
        I64DivSImmLAcc { dst: Slot, lhs: i64, rhs: AccI } => dst;
        /// `I64DivUImmL` with `rhs` in the integer accumulator.
        I64DivUImmLAcc { dst: Slot, lhs: i64, rhs: AccI } => dst;
        /// `I64RemSImmL` with `rhs` in the integer accumulator.
        I64RemSImmLAcc { dst: Slot, lhs: i64, rhs: AccI } => dst;
        /// `I64RemUImmL` with `rhs` in the integer accumulator.
        I64RemUImmLAcc { dst: Slot, lhs: i64, rhs: AccI } => dst;
        /// `I64ShlImmL` with `rhs` in the integer accumulator.
        I64ShlImmLAcc { dst: Slot, lhs: i64, rhs: AccI } => dst;
        /// `I64ShrSImmL` with `rhs` in the integer accumulator.
        I64ShrSImmLAcc { dst: Slot, lhs: i64, rhs: AccI } => dst;
        /// `I64ShrUImmL` with `rhs` in the integer accumulator.
        I64ShrUImmLAcc { dst: Slot, lhs: i64, rhs: AccI } => dst;
        /// `I64RotlImmL` with `rhs` in the integer accumulator.
        I64RotlImmLAcc { dst: Slot, lhs: i64, rhs: AccI } => dst;
        /// `I64RotrImmL` with `rhs` in the integer accumulator.
        I64RotrImmLAcc { dst: Slot, lhs: i64, rhs: AccI } => dst;
        /// `BrI64Eq` with `lhs` in the integer accumulator.
        BrI64EqAccL { lhs: AccI, rhs: Slot, offset: i32 } jump offset;
        /// `BrI64Eq` with `rhs` in the integer accumulator.
        BrI64EqAccR { lhs: Slot, rhs: AccI, offset: i32 } jump offset;
        /// `BrI64EqImm` with `lhs` in the integer accumulator.
        BrI64EqImmAcc { lhs: AccI, rhs: i64, offset: i32 } jump offset;
        /// `BrI64Ne` with `lhs` in the integer accumulator.
        BrI64NeAccL { lhs: AccI, rhs: Slot, offset: i32 } jump offset;
        /// `BrI64Ne` with `rhs` in the integer accumulator.
        BrI64NeAccR { lhs: Slot, rhs: AccI, offset: i32 } jump offset;
        /// `BrI64NeImm` with `lhs` in the integer accumulator.
        BrI64NeImmAcc { lhs: AccI, rhs: i64, offset: i32 } jump offset;
        /// `BrI64LtS` with `lhs` in the integer accumulator.
        BrI64LtSAccL { lhs: AccI, rhs: Slot, offset: i32 } jump offset;
        /// `BrI64LtS` with `rhs` in the integer accumulator.
        BrI64LtSAccR { lhs: Slot, rhs: AccI, offset: i32 } jump offset;
        /// `BrI64LtSImm` with `lhs` in the integer accumulator.
        BrI64LtSImmAcc { lhs: AccI, rhs: i64, offset: i32 } jump offset;
        /// `BrI64LtU` with `lhs` in the integer accumulator.
        BrI64LtUAccL { lhs: AccI, rhs: Slot, offset: i32 } jump offset;
        /// `BrI64LtU` with `rhs` in the integer accumulator.
        BrI64LtUAccR { lhs: Slot, rhs: AccI, offset: i32 } jump offset;
        /// `BrI64LtUImm` with `lhs` in the integer accumulator.
        BrI64LtUImmAcc { lhs: AccI, rhs: i64, offset: i32 } jump offset;
        /// `BrI64GtS` with `lhs` in the integer accumulator.
        BrI64GtSAccL { lhs: AccI, rhs: Slot, offset: i32 } jump offset;
        /// `BrI64GtS` with `rhs` in the integer accumulator.
        BrI64GtSAccR { lhs: Slot, rhs: AccI, offset: i32 } jump offset;
        /// `BrI64GtSImm` with `lhs` in the integer accumulator.
        BrI64GtSImmAcc { lhs: AccI, rhs: i64, offset: i32 } jump offset;
        /// `BrI64GtU` with `lhs` in the integer accumulator.
        BrI64GtUAccL { lhs: AccI, rhs: Slot, offset: i32 } jump offset;
        /// `BrI64GtU` with `rhs` in the integer accumulator.
        BrI64GtUAccR { lhs: Slot, rhs: AccI, offset: i32 } jump offset;
        /// `BrI64GtUImm` with `lhs` in the integer accumulator.
        BrI64GtUImmAcc { lhs: AccI, rhs: i64, offset: i32 } jump offset;
        /// `BrI64LeS` with `lhs` in the integer accumulator.
        BrI64LeSAccL { lhs: AccI, rhs: Slot, offset: i32 } jump offset;
        /// `BrI64LeS` with `rhs` in the integer accumulator.
        BrI64LeSAccR { lhs: Slot, rhs: AccI, offset: i32 } jump offset;
        /// `BrI64LeSImm` with `lhs` in the integer accumulator.
        BrI64LeSImmAcc { lhs: AccI, rhs: i64, offset: i32 } jump offset;
        /// `BrI64LeU` with `lhs` in the integer accumulator.
        BrI64LeUAccL { lhs: AccI, rhs: Slot, offset: i32 } jump offset;
        /// `BrI64LeU` with `rhs` in the integer accumulator.
        BrI64LeUAccR { lhs: Slot, rhs: AccI, offset: i32 } jump offset;
        /// `BrI64LeUImm` with `lhs` in the integer accumulator.
        BrI64LeUImmAcc { lhs: AccI, rhs: i64, offset: i32 } jump offset;
        /// `BrI64GeS` with `lhs` in the integer accumulator.
        BrI64GeSAccL { lhs: AccI, rhs: Slot, offset: i32 } jump offset;
        /// `BrI64GeS` with `rhs` in the integer accumulator.
        BrI64GeSAccR { lhs: Slot, rhs: AccI, offset: i32 } jump offset;
        /// `BrI64GeSImm` with `lhs` in the integer accumulator.
        BrI64GeSImmAcc { lhs: AccI, rhs: i64, offset: i32 } jump offset;
        /// `BrI64GeU` with `lhs` in the integer accumulator.
        BrI64GeUAccL { lhs: AccI, rhs: Slot, offset: i32 } jump offset;
        /// `BrI64GeU` with `rhs` in the integer accumulator.
        BrI64GeUAccR { lhs: Slot, rhs: AccI, offset: i32 } jump offset;
        /// `BrI64GeUImm` with `lhs` in the integer accumulator.
        BrI64GeUImmAcc { lhs: AccI, rhs: i64, offset: i32 } jump offset;
        /// `F64Add` with `lhs` in the float accumulator.
        F64AddAccL { dst: Slot, lhs: AccF, rhs: Slot } => dst;
        /// `F64Add` with `rhs` in the float accumulator.
        F64AddAccR { dst: Slot, lhs: Slot, rhs: AccF } => dst;
        /// `F64Sub` with `lhs` in the float accumulator.
        F64SubAccL { dst: Slot, lhs: AccF, rhs: Slot } => dst;
        /// `F64Sub` with `rhs` in the float accumulator.
        F64SubAccR { dst: Slot, lhs: Slot, rhs: AccF } => dst;
        /// `F64Mul` with `lhs` in the float accumulator.
        F64MulAccL { dst: Slot, lhs: AccF, rhs: Slot } => dst;
        /// `F64Mul` with `rhs` in the float accumulator.
        F64MulAccR { dst: Slot, lhs: Slot, rhs: AccF } => dst;
        /// `F64Div` with `lhs` in the float accumulator.
        F64DivAccL { dst: Slot, lhs: AccF, rhs: Slot } => dst;
        /// `F64Div` with `rhs` in the float accumulator.
        F64DivAccR { dst: Slot, lhs: Slot, rhs: AccF } => dst;
        /// `F64Min` with `lhs` in the float accumulator.
        F64MinAccL { dst: Slot, lhs: AccF, rhs: Slot } => dst;
        /// `F64Min` with `rhs` in the float accumulator.
        F64MinAccR { dst: Slot, lhs: Slot, rhs: AccF } => dst;
        /// `F64Max` with `lhs` in the float accumulator.
        F64MaxAccL { dst: Slot, lhs: AccF, rhs: Slot } => dst;
        /// `F64Max` with `rhs` in the float accumulator.
        F64MaxAccR { dst: Slot, lhs: Slot, rhs: AccF } => dst;
        /// `F64Copysign` with `lhs` in the float accumulator.
        F64CopysignAccL { dst: Slot, lhs: AccF, rhs: Slot } => dst;
        /// `F64Copysign` with `rhs` in the float accumulator.
        F64CopysignAccR { dst: Slot, lhs: Slot, rhs: AccF } => dst;
        /// `F64Eq` with `lhs` in the float accumulator.
        F64EqAccL { dst: Slot, lhs: AccF, rhs: Slot } => dst;
        /// `F64Eq` with `rhs` in the float accumulator.
        F64EqAccR { dst: Slot, lhs: Slot, rhs: AccF } => dst;
        /// `F64Ne` with `lhs` in the float accumulator.
        F64NeAccL { dst: Slot, lhs: AccF, rhs: Slot } => dst;
        /// `F64Ne` with `rhs` in the float accumulator.
        F64NeAccR { dst: Slot, lhs: Slot, rhs: AccF } => dst;
        /// `F64Lt` with `lhs` in the float accumulator.
        F64LtAccL { dst: Slot, lhs: AccF, rhs: Slot } => dst;
        /// `F64Lt` with `rhs` in the float accumulator.
        F64LtAccR { dst: Slot, lhs: Slot, rhs: AccF } => dst;
        /// `F64Gt` with `lhs` in the float accumulator.
        F64GtAccL { dst: Slot, lhs: AccF, rhs: Slot } => dst;
        /// `F64Gt` with `rhs` in the float accumulator.
        F64GtAccR { dst: Slot, lhs: Slot, rhs: AccF } => dst;
        /// `F64Le` with `lhs` in the float accumulator.
        F64LeAccL { dst: Slot, lhs: AccF, rhs: Slot } => dst;
        /// `F64Le` with `rhs` in the float accumulator.
        F64LeAccR { dst: Slot, lhs: Slot, rhs: AccF } => dst;
        /// `F64Ge` with `lhs` in the float accumulator.
        F64GeAccL { dst: Slot, lhs: AccF, rhs: Slot } => dst;
        /// `F64Ge` with `rhs` in the float accumulator.
        F64GeAccR { dst: Slot, lhs: Slot, rhs: AccF } => dst;
        /// `F64AddImm` with `lhs` in the float accumulator.
        F64AddImmAcc { dst: Slot, lhs: AccF, rhs: u64 } => dst;
        /// `F64SubImm` with `lhs` in the float accumulator.
        F64SubImmAcc { dst: Slot, lhs: AccF, rhs: u64 } => dst;
        /// `F64MulImm` with `lhs` in the float accumulator.
        F64MulImmAcc { dst: Slot, lhs: AccF, rhs: u64 } => dst;
        /// `F64DivImm` with `lhs` in the float accumulator.
        F64DivImmAcc { dst: Slot, lhs: AccF, rhs: u64 } => dst;
        /// `F64EqImm` with `lhs` in the float accumulator.
        F64EqImmAcc { dst: Slot, lhs: AccF, rhs: u64 } => dst;
        /// `F64NeImm` with `lhs` in the float accumulator.
        F64NeImmAcc { dst: Slot, lhs: AccF, rhs: u64 } => dst;
        /// `F64LtImm` with `lhs` in the float accumulator.
        F64LtImmAcc { dst: Slot, lhs: AccF, rhs: u64 } => dst;
        /// `F64GtImm` with `lhs` in the float accumulator.
        F64GtImmAcc { dst: Slot, lhs: AccF, rhs: u64 } => dst;
        /// `F64LeImm` with `lhs` in the float accumulator.
        F64LeImmAcc { dst: Slot, lhs: AccF, rhs: u64 } => dst;
        /// `F64GeImm` with `lhs` in the float accumulator.
        F64GeImmAcc { dst: Slot, lhs: AccF, rhs: u64 } => dst;
        /// `BrF64Eq` with `lhs` in the float accumulator.
        BrF64EqAccL { lhs: AccF, rhs: Slot, offset: i32 } jump offset;
        /// `BrF64Eq` with `rhs` in the float accumulator.
        BrF64EqAccR { lhs: Slot, rhs: AccF, offset: i32 } jump offset;
        /// `BrF64EqImm` with `lhs` in the float accumulator.
        BrF64EqImmAcc { lhs: AccF, rhs: u64, offset: i32 } jump offset;
        /// `BrF64Ne` with `lhs` in the float accumulator.
        BrF64NeAccL { lhs: AccF, rhs: Slot, offset: i32 } jump offset;
        /// `BrF64Ne` with `rhs` in the float accumulator.
        BrF64NeAccR { lhs: Slot, rhs: AccF, offset: i32 } jump offset;
        /// `BrF64NeImm` with `lhs` in the float accumulator.
        BrF64NeImmAcc { lhs: AccF, rhs: u64, offset: i32 } jump offset;
        /// `BrF64Lt` with `lhs` in the float accumulator.
        BrF64LtAccL { lhs: AccF, rhs: Slot, offset: i32 } jump offset;
        /// `BrF64Lt` with `rhs` in the float accumulator.
        BrF64LtAccR { lhs: Slot, rhs: AccF, offset: i32 } jump offset;
        /// `BrF64LtImm` with `lhs` in the float accumulator.
        BrF64LtImmAcc { lhs: AccF, rhs: u64, offset: i32 } jump offset;
        /// `BrF64Gt` with `lhs` in the float accumulator.
        BrF64GtAccL { lhs: AccF, rhs: Slot, offset: i32 } jump offset;
        /// `BrF64Gt` with `rhs` in the float accumulator.
        BrF64GtAccR { lhs: Slot, rhs: AccF, offset: i32 } jump offset;
        /// `BrF64GtImm` with `lhs` in the float accumulator.
        BrF64GtImmAcc { lhs: AccF, rhs: u64, offset: i32 } jump offset;
        /// `BrF64Le` with `lhs` in the float accumulator.
        BrF64LeAccL { lhs: AccF, rhs: Slot, offset: i32 } jump offset;
        /// `BrF64Le` with `rhs` in the float accumulator.
        BrF64LeAccR { lhs: Slot, rhs: AccF, offset: i32 } jump offset;
        /// `BrF64LeImm` with `lhs` in the float accumulator.
        BrF64LeImmAcc { lhs: AccF, rhs: u64, offset: i32 } jump offset;
        /// `BrF64Ge` with `lhs` in the float accumulator.
        BrF64GeAccL { lhs: AccF, rhs: Slot, offset: i32 } jump offset;
        /// `BrF64Ge` with `rhs` in the float accumulator.
        BrF64GeAccR { lhs: Slot, rhs: AccF, offset: i32 } jump offset;
        /// `BrF64GeImm` with `lhs` in the float accumulator.
        BrF64GeImmAcc { lhs: AccF, rhs: u64, offset: i32 } jump offset;
        /// `BrF64NotLt` with `lhs` in the float accumulator.
        BrF64NotLtAccL { lhs: AccF, rhs: Slot, offset: i32 } jump offset;
        /// `BrF64NotLt` with `rhs` in the float accumulator.
        BrF64NotLtAccR { lhs: Slot, rhs: AccF, offset: i32 } jump offset;
        /// `BrF64NotLtImm` with `lhs` in the float accumulator.
        BrF64NotLtImmAcc { lhs: AccF, rhs: u64, offset: i32 } jump offset;
        /// `BrF64NotGt` with `lhs` in the float accumulator.
        BrF64NotGtAccL { lhs: AccF, rhs: Slot, offset: i32 } jump offset;
        /// `BrF64NotGt` with `rhs` in the float accumulator.
        BrF64NotGtAccR { lhs: Slot, rhs: AccF, offset: i32 } jump offset;
        /// `BrF64NotGtImm` with `lhs` in the float accumulator.
        BrF64NotGtImmAcc { lhs: AccF, rhs: u64, offset: i32 } jump offset;
        /// `BrF64NotLe` with `lhs` in the float accumulator.
        BrF64NotLeAccL { lhs: AccF, rhs: Slot, offset: i32 } jump offset;
        /// `BrF64NotLe` with `rhs` in the float accumulator.
        BrF64NotLeAccR { lhs: Slot, rhs: AccF, offset: i32 } jump offset;
        /// `BrF64NotLeImm` with `lhs` in the float accumulator.
        BrF64NotLeImmAcc { lhs: AccF, rhs: u64, offset: i32 } jump offset;
        /// `BrF64NotGe` with `lhs` in the float accumulator.
        BrF64NotGeAccL { lhs: AccF, rhs: Slot, offset: i32 } jump offset;
        /// `BrF64NotGe` with `rhs` in the float accumulator.
        BrF64NotGeAccR { lhs: Slot, rhs: AccF, offset: i32 } jump offset;
        /// `BrF64NotGeImm` with `lhs` in the float accumulator.
        BrF64NotGeImmAcc { lhs: AccF, rhs: u64, offset: i32 } jump offset;
        /// `I32Eqz` with `src` in the integer accumulator.
        I32EqzAcc { dst: Slot, src: AccI } => dst;
        /// `I64Eqz` with `src` in the integer accumulator.
        I64EqzAcc { dst: Slot, src: AccI } => dst;
        /// `I32Clz` with `src` in the integer accumulator.
        I32ClzAcc { dst: Slot, src: AccI } => dst;
        /// `I32Ctz` with `src` in the integer accumulator.
        I32CtzAcc { dst: Slot, src: AccI } => dst;
        /// `I32Popcnt` with `src` in the integer accumulator.
        I32PopcntAcc { dst: Slot, src: AccI } => dst;
        /// `I64Clz` with `src` in the integer accumulator.
        I64ClzAcc { dst: Slot, src: AccI } => dst;
        /// `I64Ctz` with `src` in the integer accumulator.
        I64CtzAcc { dst: Slot, src: AccI } => dst;
        /// `I64Popcnt` with `src` in the integer accumulator.
        I64PopcntAcc { dst: Slot, src: AccI } => dst;
        /// `I64Extend8S` with `src` in the integer accumulator.
        I64Extend8SAcc { dst: Slot, src: AccI } => dst;
        /// `I64Extend16S` with `src` in the integer accumulator.
        I64Extend16SAcc { dst: Slot, src: AccI } => dst;
        /// `I64Extend32S` with `src` in the integer accumulator.
        I64Extend32SAcc { dst: Slot, src: AccI } => dst;
        /// `I64ExtendI32U` with `src` in the integer accumulator.
        I64ExtendI32UAcc { dst: Slot, src: AccI } => dst;
        /// `F32ConvertI32S` with `src` in the integer accumulator.
        F32ConvertI32SAcc { dst: Slot, src: AccI } => dst;
        /// `F32ConvertI32U` with `src` in the integer accumulator.
        F32ConvertI32UAcc { dst: Slot, src: AccI } => dst;
        /// `F32ConvertI64S` with `src` in the integer accumulator.
        F32ConvertI64SAcc { dst: Slot, src: AccI } => dst;
        /// `F32ConvertI64U` with `src` in the integer accumulator.
        F32ConvertI64UAcc { dst: Slot, src: AccI } => dst;
        /// `F64ConvertI32S` with `src` in the integer accumulator.
        F64ConvertI32SAcc { dst: Slot, src: AccI } => dst;
        /// `F64ConvertI32U` with `src` in the integer accumulator.
        F64ConvertI32UAcc { dst: Slot, src: AccI } => dst;
        /// `F64ConvertI64S` with `src` in the integer accumulator.
        F64ConvertI64SAcc { dst: Slot, src: AccI } => dst;
        /// `F64ConvertI64U` with `src` in the integer accumulator.
        F64ConvertI64UAcc { dst: Slot, src: AccI } => dst;
        /// `F64Abs` with `src` in the float accumulator.
        F64AbsAcc { dst: Slot, src: AccF } => dst;
        /// `F64Neg` with `src` in the float accumulator.
        F64NegAcc { dst: Slot, src: AccF } => dst;
        /// `F64Ceil` with `src` in the float accumulator.
        F64CeilAcc { dst: Slot, src: AccF } => dst;
        /// `F64Floor` with `src` in the float accumulator.
        F64FloorAcc { dst: Slot, src: AccF } => dst;
        /// `F64Trunc` with `src` in the float accumulator.
        F64TruncAcc { dst: Slot, src: AccF } => dst;
        /// `F64Nearest` with `src` in the float accumulator.
        F64NearestAcc { dst: Slot, src: AccF } => dst;
        /// `F64Sqrt` with `src` in the float accumulator.
        F64SqrtAcc { dst: Slot, src: AccF } => dst;
        /// `I32TruncSatF64S` with `src` in the float accumulator.
        I32TruncSatF64SAcc { dst: Slot, src: AccF } => dst;
        /// `I32TruncSatF64U` with `src` in the float accumulator.
        I32TruncSatF64UAcc { dst: Slot, src: AccF } => dst;
        /// `I64TruncSatF64S` with `src` in the float accumulator.
        I64TruncSatF64SAcc { dst: Slot, src: AccF } => dst;
        /// `I64TruncSatF64U` with `src` in the float accumulator.
        I64TruncSatF64UAcc { dst: Slot, src: AccF } => dst;
        /// `F32DemoteF64` with `src` in the float accumulator.
        F32DemoteF64Acc { dst: Slot, src: AccF } => dst;
        /// `I32TruncF64S` with `src` in the float accumulator.
        I32TruncF64SAcc { dst: Slot, src: AccF } => dst;
        /// `I32TruncF64U` with `src` in the float accumulator.
        I32TruncF64UAcc { dst: Slot, src: AccF } => dst;
        /// `I64TruncF64S` with `src` in the float accumulator.
        I64TruncF64SAcc { dst: Slot, src: AccF } => dst;
        /// `I64TruncF64U` with `src` in the float accumulator.
        I64TruncF64UAcc { dst: Slot, src: AccF } => dst;
        /// `BrIfNez` with `cond` in the integer accumulator.
        BrIfNezAcc { cond: AccI, offset: i32 } jump offset;
        /// `BrIfEqz` with `cond` in the integer accumulator.
        BrIfEqzAcc { cond: AccI, offset: i32 } jump offset;
        /// `BrI64Nez` with `cond` in the integer accumulator.
        BrI64NezAcc { cond: AccI, offset: i32 } jump offset;
        /// `BrI64Eqz` with `cond` in the integer accumulator.
        BrI64EqzAcc { cond: AccI, offset: i32 } jump offset;
        /// `Load8S` with `ptr` in the integer accumulator.
        Load8SAcc { dst: Slot, ptr: AccI, end: u32 } => dst;
        /// `Load8U` with `ptr` in the integer accumulator.
        Load8UAcc { dst: Slot, ptr: AccI, end: u32 } => dst;
        /// `Load16S` with `ptr` in the integer accumulator.
        Load16SAcc { dst: Slot, ptr: AccI, end: u32 } => dst;
        /// `Load16U` with `ptr` in the integer accumulator.
        Load16UAcc { dst: Slot, ptr: AccI, end: u32 } => dst;
        /// `Load32S` with `ptr` in the integer accumulator.
        Load32SAcc { dst: Slot, ptr: AccI, end: u32 } => dst;
        /// `Load32U` with `ptr` in the integer accumulator.
        Load32UAcc { dst: Slot, ptr: AccI, end: u32 } => dst;
        /// `Load64` with `ptr` in the integer accumulator.
        Load64Acc { dst: Slot, ptr: AccI, end: u32 } => dst;
        /// `Store8` with `value` in the integer accumulator.
        Store8AccV { ptr: Slot, value: AccI, end: u32 };
        /// `Store8` with `ptr` in the integer accumulator.
        Store8AccP { ptr: AccI, value: Slot, end: u32 };
        /// `Store8Imm` with `ptr` in the integer accumulator.
        Store8ImmAcc { ptr: AccI, end: u32, value: u32 };
        /// `Store16` with `value` in the integer accumulator.
        Store16AccV { ptr: Slot, value: AccI, end: u32 };
        /// `Store16` with `ptr` in the integer accumulator.
        Store16AccP { ptr: AccI, value: Slot, end: u32 };
        /// `Store16Imm` with `ptr` in the integer accumulator.
        Store16ImmAcc { ptr: AccI, end: u32, value: u32 };
        /// `Store32` with `value` in the integer accumulator.
        Store32AccV { ptr: Slot, value: AccI, end: u32 };
        /// `Store32` with `ptr` in the integer accumulator.
        Store32AccP { ptr: AccI, value: Slot, end: u32 };
        /// `Store32Imm` with `ptr` in the integer accumulator.
        Store32ImmAcc { ptr: AccI, end: u32, value: u32 };
        /// `Store64` with `value` in the integer accumulator.
        Store64AccV { ptr: Slot, value: AccI, end: u32 };
        /// `Store64` with `value` in the float accumulator (an `f64` store).
        Store64AccF { ptr: Slot, value: AccF, end: u32 };
        /// `Store64` with `ptr` in the integer accumulator.
        Store64AccP { ptr: AccI, value: Slot, end: u32 };
        /// `Store64Imm` with `ptr` in the integer accumulator.
        Store64ImmAcc { ptr: AccI, end: u32, value: u64 };
        /// `Copy` with `src` in the integer accumulator.
        CopyAcc { dst: Slot, src: AccI } => dst;
        /// `Copy` with `src` in the float accumulator.
        CopyAccF { dst: Slot, src: AccF } => dst;
        /// `Select` with `cond` in the integer accumulator.
        SelectAcc { dst: Slot, cond: AccI, a: Slot, b: Slot } => dst;
        /// `SelectImmA` with `cond` in the integer accumulator.
        SelectImmAAcc { dst: Slot, cond: AccI, b: Slot, a: u64 } => dst;
        /// `SelectImmB` with `cond` in the integer accumulator.
        SelectImmBAcc { dst: Slot, cond: AccI, a: Slot, b: u64 } => dst;
        /// `GlobalSet` with `src` in the integer accumulator.
        GlobalSetAcc { src: AccI, index: u32 };
        /// `ReturnSlot` with `src` in the integer accumulator.
        ReturnSlotAcc { src: AccI };
        /// `I32ShlXor` with `a` in the integer accumulator.
        I32ShlXorAccA { dst: Slot, tmp: Slot, a: AccI, c: Slot, k: i32 } => dst;
        /// `I32ShrUXor` with `a` in the integer accumulator.
        I32ShrUXorAccA { dst: Slot, tmp: Slot, a: AccI, c: Slot, k: i32 } => dst;
        /// `I64ShlXor` with `a` in the integer accumulator.
        I64ShlXorAccA { dst: Slot, tmp: Slot, a: AccI, c: Slot, k: i32 } => dst;
        /// `I64ShrUXor` with `a` in the integer accumulator.
        I64ShrUXorAccA { dst: Slot, tmp: Slot, a: AccI, c: Slot, k: i32 } => dst;
        /// `I32ShlAdd` with `a` in the integer accumulator.
        I32ShlAddAccA { dst: Slot, tmp: Slot, a: AccI, c: Slot, k: i32 } => dst;
        /// `Load8SAdd` with `a` in the integer accumulator.
        Load8SAddAccA { dst: Slot, tmp: Slot, a: AccI, b: Slot, end: u32 } => dst;
        /// `Load8SAdd` with `b` in the integer accumulator.
        Load8SAddAccB { dst: Slot, tmp: Slot, a: Slot, b: AccI, end: u32 } => dst;
        /// `Load8UAdd` with `a` in the integer accumulator.
        Load8UAddAccA { dst: Slot, tmp: Slot, a: AccI, b: Slot, end: u32 } => dst;
        /// `Load8UAdd` with `b` in the integer accumulator.
        Load8UAddAccB { dst: Slot, tmp: Slot, a: Slot, b: AccI, end: u32 } => dst;
        /// `Load16SAdd` with `a` in the integer accumulator.
        Load16SAddAccA { dst: Slot, tmp: Slot, a: AccI, b: Slot, end: u32 } => dst;
        /// `Load16SAdd` with `b` in the integer accumulator.
        Load16SAddAccB { dst: Slot, tmp: Slot, a: Slot, b: AccI, end: u32 } => dst;
        /// `Load16UAdd` with `a` in the integer accumulator.
        Load16UAddAccA { dst: Slot, tmp: Slot, a: AccI, b: Slot, end: u32 } => dst;
        /// `Load16UAdd` with `b` in the integer accumulator.
        Load16UAddAccB { dst: Slot, tmp: Slot, a: Slot, b: AccI, end: u32 } => dst;
        /// `Load32SAdd` with `a` in the integer accumulator.
        Load32SAddAccA { dst: Slot, tmp: Slot, a: AccI, b: Slot, end: u32 } => dst;
        /// `Load32SAdd` with `b` in the integer accumulator.
        Load32SAddAccB { dst: Slot, tmp: Slot, a: Slot, b: AccI, end: u32 } => dst;
        /// `Load32UAdd` with `a` in the integer accumulator.
        Load32UAddAccA { dst: Slot, tmp: Slot, a: AccI, b: Slot, end: u32 } => dst;
        /// `Load32UAdd` with `b` in the integer accumulator.
        Load32UAddAccB { dst: Slot, tmp: Slot, a: Slot, b: AccI, end: u32 } => dst;
        /// `Load64Add` with `a` in the integer accumulator.
        Load64AddAccA { dst: Slot, tmp: Slot, a: AccI, b: Slot, end: u32 } => dst;
        /// `Load64Add` with `b` in the integer accumulator.
        Load64AddAccB { dst: Slot, tmp: Slot, a: Slot, b: AccI, end: u32 } => dst;
        /// `Store8Add` with `a` in the integer accumulator.
        Store8AddAccA { tmp: Slot, a: AccI, b: Slot, value: Slot, end: u32 };
        /// `Store8Add` with `b` in the integer accumulator.
        Store8AddAccB { tmp: Slot, a: Slot, b: AccI, value: Slot, end: u32 };
        /// `Store16Add` with `a` in the integer accumulator.
        Store16AddAccA { tmp: Slot, a: AccI, b: Slot, value: Slot, end: u32 };
        /// `Store16Add` with `b` in the integer accumulator.
        Store16AddAccB { tmp: Slot, a: Slot, b: AccI, value: Slot, end: u32 };
        /// `Store32Add` with `a` in the integer accumulator.
        Store32AddAccA { tmp: Slot, a: AccI, b: Slot, value: Slot, end: u32 };
        /// `Store32Add` with `b` in the integer accumulator.
        Store32AddAccB { tmp: Slot, a: Slot, b: AccI, value: Slot, end: u32 };
        /// `Store64Add` with `a` in the integer accumulator.
        Store64AddAccA { tmp: Slot, a: AccI, b: Slot, value: Slot, end: u32 };
        /// `Store64Add` with `b` in the integer accumulator.
        Store64AddAccB { tmp: Slot, a: Slot, b: AccI, value: Slot, end: u32 };
        /// `F64AddAddL` with `a` in the float accumulator.
        F64AddAddLAccA { dst: Slot, tmp: Slot, a: AccF, b: Slot, c: Slot } => dst;
        /// `F64AddAddL` with `b` in the float accumulator.
        F64AddAddLAccB { dst: Slot, tmp: Slot, a: Slot, b: AccF, c: Slot } => dst;
        /// `F64AddAddR` with `a` in the float accumulator.
        F64AddAddRAccA { dst: Slot, tmp: Slot, a: AccF, b: Slot, c: Slot } => dst;
        /// `F64AddAddR` with `b` in the float accumulator.
        F64AddAddRAccB { dst: Slot, tmp: Slot, a: Slot, b: AccF, c: Slot } => dst;
        /// `F64AddSubL` with `a` in the float accumulator.
        F64AddSubLAccA { dst: Slot, tmp: Slot, a: AccF, b: Slot, c: Slot } => dst;
        /// `F64AddSubL` with `b` in the float accumulator.
        F64AddSubLAccB { dst: Slot, tmp: Slot, a: Slot, b: AccF, c: Slot } => dst;
        /// `F64AddSubR` with `a` in the float accumulator.
        F64AddSubRAccA { dst: Slot, tmp: Slot, a: AccF, b: Slot, c: Slot } => dst;
        /// `F64AddSubR` with `b` in the float accumulator.
        F64AddSubRAccB { dst: Slot, tmp: Slot, a: Slot, b: AccF, c: Slot } => dst;
        /// `F64AddMulL` with `a` in the float accumulator.
        F64AddMulLAccA { dst: Slot, tmp: Slot, a: AccF, b: Slot, c: Slot } => dst;
        /// `F64AddMulL` with `b` in the float accumulator.
        F64AddMulLAccB { dst: Slot, tmp: Slot, a: Slot, b: AccF, c: Slot } => dst;
        /// `F64AddMulR` with `a` in the float accumulator.
        F64AddMulRAccA { dst: Slot, tmp: Slot, a: AccF, b: Slot, c: Slot } => dst;
        /// `F64AddMulR` with `b` in the float accumulator.
        F64AddMulRAccB { dst: Slot, tmp: Slot, a: Slot, b: AccF, c: Slot } => dst;
        /// `F64SubAddL` with `a` in the float accumulator.
        F64SubAddLAccA { dst: Slot, tmp: Slot, a: AccF, b: Slot, c: Slot } => dst;
        /// `F64SubAddL` with `b` in the float accumulator.
        F64SubAddLAccB { dst: Slot, tmp: Slot, a: Slot, b: AccF, c: Slot } => dst;
        /// `F64SubAddR` with `a` in the float accumulator.
        F64SubAddRAccA { dst: Slot, tmp: Slot, a: AccF, b: Slot, c: Slot } => dst;
        /// `F64SubAddR` with `b` in the float accumulator.
        F64SubAddRAccB { dst: Slot, tmp: Slot, a: Slot, b: AccF, c: Slot } => dst;
        /// `F64SubSubL` with `a` in the float accumulator.
        F64SubSubLAccA { dst: Slot, tmp: Slot, a: AccF, b: Slot, c: Slot } => dst;
        /// `F64SubSubL` with `b` in the float accumulator.
        F64SubSubLAccB { dst: Slot, tmp: Slot, a: Slot, b: AccF, c: Slot } => dst;
        /// `F64SubSubR` with `a` in the float accumulator.
        F64SubSubRAccA { dst: Slot, tmp: Slot, a: AccF, b: Slot, c: Slot } => dst;
        /// `F64SubSubR` with `b` in the float accumulator.
        F64SubSubRAccB { dst: Slot, tmp: Slot, a: Slot, b: AccF, c: Slot } => dst;
        /// `F64SubMulL` with `a` in the float accumulator.
        F64SubMulLAccA { dst: Slot, tmp: Slot, a: AccF, b: Slot, c: Slot } => dst;
        /// `F64SubMulL` with `b` in the float accumulator.
        F64SubMulLAccB { dst: Slot, tmp: Slot, a: Slot, b: AccF, c: Slot } => dst;
        /// `F64SubMulR` with `a` in the float accumulator.
        F64SubMulRAccA { dst: Slot, tmp: Slot, a: AccF, b: Slot, c: Slot } => dst;
        /// `F64SubMulR` with `b` in the float accumulator.
        F64SubMulRAccB { dst: Slot, tmp: Slot, a: Slot, b: AccF, c: Slot } => dst;
        /// `F64MulAddL` with `a` in the float accumulator.
        F64MulAddLAccA { dst: Slot, tmp: Slot, a: AccF, b: Slot, c: Slot } => dst;
        /// `F64MulAddL` with `b` in the float accumulator.
        F64MulAddLAccB { dst: Slot, tmp: Slot, a: Slot, b: AccF, c: Slot } => dst;
        /// `F64MulAddR` with `a` in the float accumulator.
        F64MulAddRAccA { dst: Slot, tmp: Slot, a: AccF, b: Slot, c: Slot } => dst;
        /// `F64MulAddR` with `b` in the float accumulator.
        F64MulAddRAccB { dst: Slot, tmp: Slot, a: Slot, b: AccF, c: Slot } => dst;
        /// `F64MulSubL` with `a` in the float accumulator.
        F64MulSubLAccA { dst: Slot, tmp: Slot, a: AccF, b: Slot, c: Slot } => dst;
        /// `F64MulSubL` with `b` in the float accumulator.
        F64MulSubLAccB { dst: Slot, tmp: Slot, a: Slot, b: AccF, c: Slot } => dst;
        /// `F64MulSubR` with `a` in the float accumulator.
        F64MulSubRAccA { dst: Slot, tmp: Slot, a: AccF, b: Slot, c: Slot } => dst;
        /// `F64MulSubR` with `b` in the float accumulator.
        F64MulSubRAccB { dst: Slot, tmp: Slot, a: Slot, b: AccF, c: Slot } => dst;
        /// `F64MulMulL` with `a` in the float accumulator.
        F64MulMulLAccA { dst: Slot, tmp: Slot, a: AccF, b: Slot, c: Slot } => dst;
        /// `F64MulMulL` with `b` in the float accumulator.
        F64MulMulLAccB { dst: Slot, tmp: Slot, a: Slot, b: AccF, c: Slot } => dst;
        /// `F64MulMulR` with `a` in the float accumulator.
        F64MulMulRAccA { dst: Slot, tmp: Slot, a: AccF, b: Slot, c: Slot } => dst;
        /// `F64MulMulR` with `b` in the float accumulator.
        F64MulMulRAccB { dst: Slot, tmp: Slot, a: Slot, b: AccF, c: Slot } => dst;
        /// `I32AddLoad` with `a` in the integer accumulator.
        I32AddLoadAccA { dst: Slot, tmp: Slot, a: AccI, ptr: Slot, end: u32 } => dst;
        /// `I32AddLoad` with `ptr` in the integer accumulator.
        I32AddLoadAccP { dst: Slot, tmp: Slot, a: Slot, ptr: AccI, end: u32 } => dst;
        /// `I32MulLoad` with `a` in the integer accumulator.
        I32MulLoadAccA { dst: Slot, tmp: Slot, a: AccI, ptr: Slot, end: u32 } => dst;
        /// `I32MulLoad` with `ptr` in the integer accumulator.
        I32MulLoadAccP { dst: Slot, tmp: Slot, a: Slot, ptr: AccI, end: u32 } => dst;
        /// `I32AndLoad` with `a` in the integer accumulator.
        I32AndLoadAccA { dst: Slot, tmp: Slot, a: AccI, ptr: Slot, end: u32 } => dst;
        /// `I32AndLoad` with `ptr` in the integer accumulator.
        I32AndLoadAccP { dst: Slot, tmp: Slot, a: Slot, ptr: AccI, end: u32 } => dst;
        /// `I32OrLoad` with `a` in the integer accumulator.
        I32OrLoadAccA { dst: Slot, tmp: Slot, a: AccI, ptr: Slot, end: u32 } => dst;
        /// `I32OrLoad` with `ptr` in the integer accumulator.
        I32OrLoadAccP { dst: Slot, tmp: Slot, a: Slot, ptr: AccI, end: u32 } => dst;
        /// `I32XorLoad` with `a` in the integer accumulator.
        I32XorLoadAccA { dst: Slot, tmp: Slot, a: AccI, ptr: Slot, end: u32 } => dst;
        /// `I32XorLoad` with `ptr` in the integer accumulator.
        I32XorLoadAccP { dst: Slot, tmp: Slot, a: Slot, ptr: AccI, end: u32 } => dst;
        /// `I32SubLoadL` with `a` in the integer accumulator.
        I32SubLoadLAccA { dst: Slot, tmp: Slot, a: AccI, ptr: Slot, end: u32 } => dst;
        /// `I32SubLoadL` with `ptr` in the integer accumulator.
        I32SubLoadLAccP { dst: Slot, tmp: Slot, a: Slot, ptr: AccI, end: u32 } => dst;
        /// `I32SubLoadR` with `a` in the integer accumulator.
        I32SubLoadRAccA { dst: Slot, tmp: Slot, a: AccI, ptr: Slot, end: u32 } => dst;
        /// `I32SubLoadR` with `ptr` in the integer accumulator.
        I32SubLoadRAccP { dst: Slot, tmp: Slot, a: Slot, ptr: AccI, end: u32 } => dst;
        /// `I64AddLoad` with `a` in the integer accumulator.
        I64AddLoadAccA { dst: Slot, tmp: Slot, a: AccI, ptr: Slot, end: u32 } => dst;
        /// `I64AddLoad` with `ptr` in the integer accumulator.
        I64AddLoadAccP { dst: Slot, tmp: Slot, a: Slot, ptr: AccI, end: u32 } => dst;
        /// `I64MulLoad` with `a` in the integer accumulator.
        I64MulLoadAccA { dst: Slot, tmp: Slot, a: AccI, ptr: Slot, end: u32 } => dst;
        /// `I64MulLoad` with `ptr` in the integer accumulator.
        I64MulLoadAccP { dst: Slot, tmp: Slot, a: Slot, ptr: AccI, end: u32 } => dst;
        /// `I64AndLoad` with `a` in the integer accumulator.
        I64AndLoadAccA { dst: Slot, tmp: Slot, a: AccI, ptr: Slot, end: u32 } => dst;
        /// `I64AndLoad` with `ptr` in the integer accumulator.
        I64AndLoadAccP { dst: Slot, tmp: Slot, a: Slot, ptr: AccI, end: u32 } => dst;
        /// `I64OrLoad` with `a` in the integer accumulator.
        I64OrLoadAccA { dst: Slot, tmp: Slot, a: AccI, ptr: Slot, end: u32 } => dst;
        /// `I64OrLoad` with `ptr` in the integer accumulator.
        I64OrLoadAccP { dst: Slot, tmp: Slot, a: Slot, ptr: AccI, end: u32 } => dst;
        /// `I64XorLoad` with `a` in the integer accumulator.
        I64XorLoadAccA { dst: Slot, tmp: Slot, a: AccI, ptr: Slot, end: u32 } => dst;
        /// `I64XorLoad` with `ptr` in the integer accumulator.
        I64XorLoadAccP { dst: Slot, tmp: Slot, a: Slot, ptr: AccI, end: u32 } => dst;
        /// `I64SubLoadL` with `a` in the integer accumulator.
        I64SubLoadLAccA { dst: Slot, tmp: Slot, a: AccI, ptr: Slot, end: u32 } => dst;
        /// `I64SubLoadL` with `ptr` in the integer accumulator.
        I64SubLoadLAccP { dst: Slot, tmp: Slot, a: Slot, ptr: AccI, end: u32 } => dst;
        /// `I64SubLoadR` with `a` in the integer accumulator.
        I64SubLoadRAccA { dst: Slot, tmp: Slot, a: AccI, ptr: Slot, end: u32 } => dst;
        /// `I64SubLoadR` with `ptr` in the integer accumulator.
        I64SubLoadRAccP { dst: Slot, tmp: Slot, a: Slot, ptr: AccI, end: u32 } => dst;
        /// `F32AddLoad` with `ptr` in the integer accumulator.
        F32AddLoadAccP { dst: Slot, tmp: Slot, a: Slot, ptr: AccI, end: u32 } => dst;
        /// `F32MulLoad` with `ptr` in the integer accumulator.
        F32MulLoadAccP { dst: Slot, tmp: Slot, a: Slot, ptr: AccI, end: u32 } => dst;
        /// `F32SubLoadL` with `ptr` in the integer accumulator.
        F32SubLoadLAccP { dst: Slot, tmp: Slot, a: Slot, ptr: AccI, end: u32 } => dst;
        /// `F32SubLoadR` with `ptr` in the integer accumulator.
        F32SubLoadRAccP { dst: Slot, tmp: Slot, a: Slot, ptr: AccI, end: u32 } => dst;
        /// `F32DivLoadL` with `ptr` in the integer accumulator.
        F32DivLoadLAccP { dst: Slot, tmp: Slot, a: Slot, ptr: AccI, end: u32 } => dst;
        /// `F32DivLoadR` with `ptr` in the integer accumulator.
        F32DivLoadRAccP { dst: Slot, tmp: Slot, a: Slot, ptr: AccI, end: u32 } => dst;
        /// `F64AddLoad` with `a` in the float accumulator.
        F64AddLoadAccA { dst: Slot, tmp: Slot, a: AccF, ptr: Slot, end: u32 } => dst;
        /// `F64AddLoad` with `ptr` in the integer accumulator.
        F64AddLoadAccP { dst: Slot, tmp: Slot, a: Slot, ptr: AccI, end: u32 } => dst;
        /// `F64MulLoad` with `a` in the float accumulator.
        F64MulLoadAccA { dst: Slot, tmp: Slot, a: AccF, ptr: Slot, end: u32 } => dst;
        /// `F64MulLoad` with `ptr` in the integer accumulator.
        F64MulLoadAccP { dst: Slot, tmp: Slot, a: Slot, ptr: AccI, end: u32 } => dst;
        /// `F64SubLoadL` with `a` in the float accumulator.
        F64SubLoadLAccA { dst: Slot, tmp: Slot, a: AccF, ptr: Slot, end: u32 } => dst;
        /// `F64SubLoadL` with `ptr` in the integer accumulator.
        F64SubLoadLAccP { dst: Slot, tmp: Slot, a: Slot, ptr: AccI, end: u32 } => dst;
        /// `F64SubLoadR` with `a` in the float accumulator.
        F64SubLoadRAccA { dst: Slot, tmp: Slot, a: AccF, ptr: Slot, end: u32 } => dst;
        /// `F64SubLoadR` with `ptr` in the integer accumulator.
        F64SubLoadRAccP { dst: Slot, tmp: Slot, a: Slot, ptr: AccI, end: u32 } => dst;
        /// `F64DivLoadL` with `a` in the float accumulator.
        F64DivLoadLAccA { dst: Slot, tmp: Slot, a: AccF, ptr: Slot, end: u32 } => dst;
        /// `F64DivLoadL` with `ptr` in the integer accumulator.
        F64DivLoadLAccP { dst: Slot, tmp: Slot, a: Slot, ptr: AccI, end: u32 } => dst;
        /// `F64DivLoadR` with `a` in the float accumulator.
        F64DivLoadRAccA { dst: Slot, tmp: Slot, a: AccF, ptr: Slot, end: u32 } => dst;
        /// `F64DivLoadR` with `ptr` in the integer accumulator.
        F64DivLoadRAccP { dst: Slot, tmp: Slot, a: Slot, ptr: AccI, end: u32 } => dst;
        /// `Load8SIdx` with `a` in the integer accumulator.
        Load8SIdxAccA { dst: Slot, a: AccI, c: Slot, k: u16, end: u32 } => dst;
        /// `Load8SIdx` with `c` in the integer accumulator.
        Load8SIdxAccC { dst: Slot, a: Slot, c: AccI, k: u16, end: u32 } => dst;
        /// `Load8UIdx` with `a` in the integer accumulator.
        Load8UIdxAccA { dst: Slot, a: AccI, c: Slot, k: u16, end: u32 } => dst;
        /// `Load8UIdx` with `c` in the integer accumulator.
        Load8UIdxAccC { dst: Slot, a: Slot, c: AccI, k: u16, end: u32 } => dst;
        /// `Load16SIdx` with `a` in the integer accumulator.
        Load16SIdxAccA { dst: Slot, a: AccI, c: Slot, k: u16, end: u32 } => dst;
        /// `Load16SIdx` with `c` in the integer accumulator.
        Load16SIdxAccC { dst: Slot, a: Slot, c: AccI, k: u16, end: u32 } => dst;
        /// `Load16UIdx` with `a` in the integer accumulator.
        Load16UIdxAccA { dst: Slot, a: AccI, c: Slot, k: u16, end: u32 } => dst;
        /// `Load16UIdx` with `c` in the integer accumulator.
        Load16UIdxAccC { dst: Slot, a: Slot, c: AccI, k: u16, end: u32 } => dst;
        /// `Load32SIdx` with `a` in the integer accumulator.
        Load32SIdxAccA { dst: Slot, a: AccI, c: Slot, k: u16, end: u32 } => dst;
        /// `Load32SIdx` with `c` in the integer accumulator.
        Load32SIdxAccC { dst: Slot, a: Slot, c: AccI, k: u16, end: u32 } => dst;
        /// `Load32UIdx` with `a` in the integer accumulator.
        Load32UIdxAccA { dst: Slot, a: AccI, c: Slot, k: u16, end: u32 } => dst;
        /// `Load32UIdx` with `c` in the integer accumulator.
        Load32UIdxAccC { dst: Slot, a: Slot, c: AccI, k: u16, end: u32 } => dst;
        /// `Load64Idx` with `a` in the integer accumulator.
        Load64IdxAccA { dst: Slot, a: AccI, c: Slot, k: u16, end: u32 } => dst;
        /// `Load64Idx` with `c` in the integer accumulator.
        Load64IdxAccC { dst: Slot, a: Slot, c: AccI, k: u16, end: u32 } => dst;
        /// `BrTable` with `index` in the integer accumulator.
        BrTableAcc { index: AccI, len: u32 };
        /// `BrTableComputed` with `index` in the integer accumulator.
        BrTableComputedAcc { index: AccI, len: u32 };
        // ---- indexed loads from a base plus a constant: `dst = load(c + imm + (a << k))`,
        // an `i32.add` of a constant (a local array's place in the frame), then the
        // indexed address, fused when every intermediate was a temporary; the sum wraps
        // at 32 bits as the `i32.add`s do ----
        /// `Load8SIdx` at `c + imm + (a << k)` (8 bits, sign-extended).
        Load8SIdxK { dst: Slot, a: Slot, c: Slot, k: u16, imm: i16, end: u32 } => dst;
        /// `Load8UIdx` at `c + imm + (a << k)` (8 bits).
        Load8UIdxK { dst: Slot, a: Slot, c: Slot, k: u16, imm: i16, end: u32 } => dst;
        /// `Load16SIdx` at `c + imm + (a << k)` (16 bits, sign-extended).
        Load16SIdxK { dst: Slot, a: Slot, c: Slot, k: u16, imm: i16, end: u32 } => dst;
        /// `Load16UIdx` at `c + imm + (a << k)` (16 bits).
        Load16UIdxK { dst: Slot, a: Slot, c: Slot, k: u16, imm: i16, end: u32 } => dst;
        /// `Load32SIdx` at `c + imm + (a << k)` (32 bits, sign-extended).
        Load32SIdxK { dst: Slot, a: Slot, c: Slot, k: u16, imm: i16, end: u32 } => dst;
        /// `Load32UIdx` at `c + imm + (a << k)` (32 bits).
        Load32UIdxK { dst: Slot, a: Slot, c: Slot, k: u16, imm: i16, end: u32 } => dst;
        /// `Load64Idx` at `c + imm + (a << k)` (64 bits).
        Load64IdxK { dst: Slot, a: Slot, c: Slot, k: u16, imm: i16, end: u32 } => dst;
        /// `Load8SIdxK` with `a` in the integer accumulator.
        Load8SIdxKAccA { dst: Slot, a: AccI, c: Slot, k: u16, imm: i16, end: u32 } => dst;
        /// `Load8UIdxK` with `a` in the integer accumulator.
        Load8UIdxKAccA { dst: Slot, a: AccI, c: Slot, k: u16, imm: i16, end: u32 } => dst;
        /// `Load16SIdxK` with `a` in the integer accumulator.
        Load16SIdxKAccA { dst: Slot, a: AccI, c: Slot, k: u16, imm: i16, end: u32 } => dst;
        /// `Load16UIdxK` with `a` in the integer accumulator.
        Load16UIdxKAccA { dst: Slot, a: AccI, c: Slot, k: u16, imm: i16, end: u32 } => dst;
        /// `Load32SIdxK` with `a` in the integer accumulator.
        Load32SIdxKAccA { dst: Slot, a: AccI, c: Slot, k: u16, imm: i16, end: u32 } => dst;
        /// `Load32UIdxK` with `a` in the integer accumulator.
        Load32UIdxKAccA { dst: Slot, a: AccI, c: Slot, k: u16, imm: i16, end: u32 } => dst;
        /// `Load64IdxK` with `a` in the integer accumulator.
        Load64IdxKAccA { dst: Slot, a: AccI, c: Slot, k: u16, imm: i16, end: u32 } => dst;
        /// `dst = c + imm + (a << k)` (i32, wrapping; shift count masked): an
        /// `i32.add` of a constant, then `I32ShlAdd` of its sum, when both
        /// intermediates were temporaries.
        I32ShlAddK { dst: Slot, a: Slot, c: Slot, k: i32, imm: i32 } => dst;
        /// `I32ShlAddK` with `a` in the integer accumulator.
        I32ShlAddKAccA { dst: Slot, a: AccI, c: Slot, k: i32, imm: i32 } => dst;
        // ---- two loads of one kind from the same address slot, in sequence (the
        // fields of one struct): `dst = load(ptr)` (`end`), then `dst2 = load(ptr)`
        // (`end2`); the first must not overwrite `ptr` ----
        /// Two `Load8S`s from `ptr`: to `dst` (`end`), then to `dst2` (`end2`).
        Load8SPair { dst: Slot, ptr: Slot, end: u32, dst2: Slot, end2: u32 } => dst2;
        /// Two `Load8U`s from `ptr`: to `dst` (`end`), then to `dst2` (`end2`).
        Load8UPair { dst: Slot, ptr: Slot, end: u32, dst2: Slot, end2: u32 } => dst2;
        /// Two `Load16S`s from `ptr`: to `dst` (`end`), then to `dst2` (`end2`).
        Load16SPair { dst: Slot, ptr: Slot, end: u32, dst2: Slot, end2: u32 } => dst2;
        /// Two `Load16U`s from `ptr`: to `dst` (`end`), then to `dst2` (`end2`).
        Load16UPair { dst: Slot, ptr: Slot, end: u32, dst2: Slot, end2: u32 } => dst2;
        /// Two `Load32S`s from `ptr`: to `dst` (`end`), then to `dst2` (`end2`).
        Load32SPair { dst: Slot, ptr: Slot, end: u32, dst2: Slot, end2: u32 } => dst2;
        /// Two `Load32U`s from `ptr`: to `dst` (`end`), then to `dst2` (`end2`).
        Load32UPair { dst: Slot, ptr: Slot, end: u32, dst2: Slot, end2: u32 } => dst2;
        /// Two `Load64`s from `ptr`: to `dst` (`end`), then to `dst2` (`end2`).
        Load64Pair { dst: Slot, ptr: Slot, end: u32, dst2: Slot, end2: u32 } => dst2;
        /// `Load8SPair` with `ptr` in the integer accumulator.
        Load8SPairAcc { dst: Slot, ptr: AccI, end: u32, dst2: Slot, end2: u32 } => dst2;
        /// `Load8UPair` with `ptr` in the integer accumulator.
        Load8UPairAcc { dst: Slot, ptr: AccI, end: u32, dst2: Slot, end2: u32 } => dst2;
        /// `Load16SPair` with `ptr` in the integer accumulator.
        Load16SPairAcc { dst: Slot, ptr: AccI, end: u32, dst2: Slot, end2: u32 } => dst2;
        /// `Load16UPair` with `ptr` in the integer accumulator.
        Load16UPairAcc { dst: Slot, ptr: AccI, end: u32, dst2: Slot, end2: u32 } => dst2;
        /// `Load32SPair` with `ptr` in the integer accumulator.
        Load32SPairAcc { dst: Slot, ptr: AccI, end: u32, dst2: Slot, end2: u32 } => dst2;
        /// `Load32UPair` with `ptr` in the integer accumulator.
        Load32UPairAcc { dst: Slot, ptr: AccI, end: u32, dst2: Slot, end2: u32 } => dst2;
        /// `Load64Pair` with `ptr` in the integer accumulator.
        Load64PairAcc { dst: Slot, ptr: AccI, end: u32, dst2: Slot, end2: u32 } => dst2;
        // ---- offset loads: `dst = load(base + k)`, an `i32.add` of a constant (wrapping,
        // as the `i32.add` does) fused with the load that uses the sum, and with the
        // operation that uses the loaded value, when each intermediate was a temporary
        // nothing reads again ----
        /// `Load8S` at `base + k` (i32, wrapping; `end`: offset plus size).
        Load8SOff { dst: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `Load8U` at `base + k` (i32, wrapping; `end`: offset plus size).
        Load8UOff { dst: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `Load16S` at `base + k` (i32, wrapping; `end`: offset plus size).
        Load16SOff { dst: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `Load16U` at `base + k` (i32, wrapping; `end`: offset plus size).
        Load16UOff { dst: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `Load32S` at `base + k` (i32, wrapping; `end`: offset plus size).
        Load32SOff { dst: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `Load32U` at `base + k` (i32, wrapping; `end`: offset plus size).
        Load32UOff { dst: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `Load64` at `base + k` (i32, wrapping; `end`: offset plus size).
        Load64Off { dst: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `I32Add` of `a` and the value loaded as by `Load32UOff`.
        I32AddLoadOff { dst: Slot, a: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `I32Mul` of `a` and the value loaded as by `Load32UOff`.
        I32MulLoadOff { dst: Slot, a: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `I32And` of `a` and the value loaded as by `Load32UOff`.
        I32AndLoadOff { dst: Slot, a: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `I32Or` of `a` and the value loaded as by `Load32UOff`.
        I32OrLoadOff { dst: Slot, a: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `I32Xor` of `a` and the value loaded as by `Load32UOff`.
        I32XorLoadOff { dst: Slot, a: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `I32Sub` of the value loaded as by `Load32UOff` and `a`.
        I32SubLoadLOff { dst: Slot, a: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `I32Sub` of `a` and the value loaded as by `Load32UOff`.
        I32SubLoadROff { dst: Slot, a: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `I64Add` of `a` and the value loaded as by `Load64Off`.
        I64AddLoadOff { dst: Slot, a: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `I64Mul` of `a` and the value loaded as by `Load64Off`.
        I64MulLoadOff { dst: Slot, a: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `I64And` of `a` and the value loaded as by `Load64Off`.
        I64AndLoadOff { dst: Slot, a: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `I64Or` of `a` and the value loaded as by `Load64Off`.
        I64OrLoadOff { dst: Slot, a: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `I64Xor` of `a` and the value loaded as by `Load64Off`.
        I64XorLoadOff { dst: Slot, a: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `I64Sub` of the value loaded as by `Load64Off` and `a`.
        I64SubLoadLOff { dst: Slot, a: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `I64Sub` of `a` and the value loaded as by `Load64Off`.
        I64SubLoadROff { dst: Slot, a: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `F32Add` of `a` and the value loaded as by `Load32UOff`.
        F32AddLoadOff { dst: Slot, a: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `F32Mul` of `a` and the value loaded as by `Load32UOff`.
        F32MulLoadOff { dst: Slot, a: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `F32Sub` of the value loaded as by `Load32UOff` and `a`.
        F32SubLoadLOff { dst: Slot, a: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `F32Sub` of `a` and the value loaded as by `Load32UOff`.
        F32SubLoadROff { dst: Slot, a: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `F32Div` of the value loaded as by `Load32UOff` and `a`.
        F32DivLoadLOff { dst: Slot, a: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `F32Div` of `a` and the value loaded as by `Load32UOff`.
        F32DivLoadROff { dst: Slot, a: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `F64Add` of `a` and the value loaded as by `Load64Off`.
        F64AddLoadOff { dst: Slot, a: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `F64Mul` of `a` and the value loaded as by `Load64Off`.
        F64MulLoadOff { dst: Slot, a: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `F64Sub` of the value loaded as by `Load64Off` and `a`.
        F64SubLoadLOff { dst: Slot, a: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `F64Sub` of `a` and the value loaded as by `Load64Off`.
        F64SubLoadROff { dst: Slot, a: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `F64Div` of the value loaded as by `Load64Off` and `a`.
        F64DivLoadLOff { dst: Slot, a: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `F64Div` of `a` and the value loaded as by `Load64Off`.
        F64DivLoadROff { dst: Slot, a: Slot, base: Slot, k: i32, end: u32 } => dst;
        /// `Load8SOff` with `base` in the integer accumulator.
        Load8SOffAcc { dst: Slot, base: AccI, k: i32, end: u32 } => dst;
        /// `Load8UOff` with `base` in the integer accumulator.
        Load8UOffAcc { dst: Slot, base: AccI, k: i32, end: u32 } => dst;
        /// `Load16SOff` with `base` in the integer accumulator.
        Load16SOffAcc { dst: Slot, base: AccI, k: i32, end: u32 } => dst;
        /// `Load16UOff` with `base` in the integer accumulator.
        Load16UOffAcc { dst: Slot, base: AccI, k: i32, end: u32 } => dst;
        /// `Load32SOff` with `base` in the integer accumulator.
        Load32SOffAcc { dst: Slot, base: AccI, k: i32, end: u32 } => dst;
        /// `Load32UOff` with `base` in the integer accumulator.
        Load32UOffAcc { dst: Slot, base: AccI, k: i32, end: u32 } => dst;
        /// `Load64Off` with `base` in the integer accumulator.
        Load64OffAcc { dst: Slot, base: AccI, k: i32, end: u32 } => dst;
        /// `I32AddLoadOff` with `a` in the integer accumulator.
        I32AddLoadOffAccA { dst: Slot, a: AccI, base: Slot, k: i32, end: u32 } => dst;
        /// `I32MulLoadOff` with `a` in the integer accumulator.
        I32MulLoadOffAccA { dst: Slot, a: AccI, base: Slot, k: i32, end: u32 } => dst;
        /// `I32AndLoadOff` with `a` in the integer accumulator.
        I32AndLoadOffAccA { dst: Slot, a: AccI, base: Slot, k: i32, end: u32 } => dst;
        /// `I32OrLoadOff` with `a` in the integer accumulator.
        I32OrLoadOffAccA { dst: Slot, a: AccI, base: Slot, k: i32, end: u32 } => dst;
        /// `I32XorLoadOff` with `a` in the integer accumulator.
        I32XorLoadOffAccA { dst: Slot, a: AccI, base: Slot, k: i32, end: u32 } => dst;
        /// `I32SubLoadLOff` with `a` in the integer accumulator.
        I32SubLoadLOffAccA { dst: Slot, a: AccI, base: Slot, k: i32, end: u32 } => dst;
        /// `I32SubLoadROff` with `a` in the integer accumulator.
        I32SubLoadROffAccA { dst: Slot, a: AccI, base: Slot, k: i32, end: u32 } => dst;
        /// `I64AddLoadOff` with `a` in the integer accumulator.
        I64AddLoadOffAccA { dst: Slot, a: AccI, base: Slot, k: i32, end: u32 } => dst;
        /// `I64MulLoadOff` with `a` in the integer accumulator.
        I64MulLoadOffAccA { dst: Slot, a: AccI, base: Slot, k: i32, end: u32 } => dst;
        /// `I64AndLoadOff` with `a` in the integer accumulator.
        I64AndLoadOffAccA { dst: Slot, a: AccI, base: Slot, k: i32, end: u32 } => dst;
        /// `I64OrLoadOff` with `a` in the integer accumulator.
        I64OrLoadOffAccA { dst: Slot, a: AccI, base: Slot, k: i32, end: u32 } => dst;
        /// `I64XorLoadOff` with `a` in the integer accumulator.
        I64XorLoadOffAccA { dst: Slot, a: AccI, base: Slot, k: i32, end: u32 } => dst;
        /// `I64SubLoadLOff` with `a` in the integer accumulator.
        I64SubLoadLOffAccA { dst: Slot, a: AccI, base: Slot, k: i32, end: u32 } => dst;
        /// `I64SubLoadROff` with `a` in the integer accumulator.
        I64SubLoadROffAccA { dst: Slot, a: AccI, base: Slot, k: i32, end: u32 } => dst;
        /// `F64AddLoadOff` with `a` in the float accumulator.
        F64AddLoadOffAccA { dst: Slot, a: AccF, base: Slot, k: i32, end: u32 } => dst;
        /// `F64MulLoadOff` with `a` in the float accumulator.
        F64MulLoadOffAccA { dst: Slot, a: AccF, base: Slot, k: i32, end: u32 } => dst;
        /// `F64SubLoadLOff` with `a` in the float accumulator.
        F64SubLoadLOffAccA { dst: Slot, a: AccF, base: Slot, k: i32, end: u32 } => dst;
        /// `F64SubLoadROff` with `a` in the float accumulator.
        F64SubLoadROffAccA { dst: Slot, a: AccF, base: Slot, k: i32, end: u32 } => dst;
        /// `F64DivLoadLOff` with `a` in the float accumulator.
        F64DivLoadLOffAccA { dst: Slot, a: AccF, base: Slot, k: i32, end: u32 } => dst;
        /// `F64DivLoadROff` with `a` in the float accumulator.
        F64DivLoadROffAccA { dst: Slot, a: AccF, base: Slot, k: i32, end: u32 } => dst;
        }
    };
}
pub(crate) use for_each_instr;

macro_rules! define_instrs {
    ($(
        $(#[$doc:meta])*
        $name:ident { $($field:ident : $ty:ty),* $(,)? } $(=> $res:ident)? $(jump $br:ident)?;
    )*) => {
        /// Operand structs, one per instruction.
        #[allow(missing_docs)]
        pub(crate) mod op {
            use super::{AccF, AccI, CodeRef, Slot, TrapCode};
            $(
                $(#[$doc])*
                #[derive(Clone, Copy, Debug, PartialEq)]
                #[repr(C, packed(2))]
                pub(crate) struct $name { $(pub $field: $ty),* }
            )*
        }

        /// One interpreter instruction.
        #[derive(Clone, Copy, Debug, PartialEq)]
        #[repr(u16)]
        pub(crate) enum Instr {
            $( $(#[$doc])* $name(op::$name), )*
        }

        /// Opcodes: the discriminants of [`Instr`], in declaration order.
        #[allow(dead_code)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u16)]
        pub(crate) enum OpCode { $($name,)* }

        /// The number of instructions.
        pub(crate) const NUM_OPCODES: usize = [$(OpCode::$name),*].len();

        impl Instr {
            /// The instruction's mnemonic.
            pub(crate) fn name(&self) -> &'static str {
                match self { $( Instr::$name(_) => stringify!($name), )* }
            }

            /// The slot the instruction writes its result to, if it has one.
            pub(crate) fn result(&self) -> Option<Slot> {
                match self { $( Instr::$name(_op) => instr_field!(get _op $(, $res)?), )* }
            }

            /// Redirects the instruction's result to `slot`; false if it has none.
            pub(crate) fn set_result(&mut self, slot: Slot) -> bool {
                match self { $( Instr::$name(_op) => instr_field!(set _op, slot $(, $res)?), )* }
            }

            /// The instruction's branch offset, if it is a branch.
            pub(crate) fn branch_offset(&self) -> Option<i32> {
                match self { $( Instr::$name(_op) => instr_field!(get _op $(, $br)?), )* }
            }

            /// Sets the branch offset; false if the instruction is not a branch.
            pub(crate) fn set_branch_offset(&mut self, offset: i32) -> bool {
                match self { $( Instr::$name(_op) => instr_field!(set _op, offset $(, $br)?), )* }
            }
        }

        /// Reads the operands of one instruction kind out of an [`Instr`].
        pub(crate) trait Decode: Copy {
            /// Reads the operands of `*ip`.
            ///
            /// # Safety
            ///
            /// `ip` must point to a valid instruction of this kind.
            unsafe fn decode(ip: *const Instr) -> Self;
        }

        $(
            impl Decode for op::$name {
                #[inline(always)]
                unsafe fn decode(ip: *const Instr) -> Self {
                    // Field by field, each with its own narrow load: copying
                    // the whole instruction makes LLVM load it as two words
                    // and extract every field with shifts and masks.
                    // SAFETY: the caller guarantees `ip` points to an
                    // instruction of this kind: a `u16` opcode, then (at
                    // offset 2, the alignment of the packed operands) the
                    // operands of this kind.
                    unsafe {
                        let _payload = ip.cast::<u8>().add(2).cast::<op::$name>();
                        op::$name {
                            $( $field: std::ptr::addr_of!((*_payload).$field).read_unaligned(), )*
                        }
                    }
                }
            }
        )*
    };
}

macro_rules! instr_field {
    (get $op:ident) => {
        None
    };
    (get $op:ident, $f:ident) => {
        Some($op.$f)
    };
    (set $op:ident, $v:ident) => {{
        let _ = $v;
        false
    }};
    (set $op:ident, $v:ident, $f:ident) => {{
        $op.$f = $v;
        true
    }};
}

for_each_instr!(define_instrs);

impl Instr {
    /// The opcode: the enum's 16-bit discriminant.
    #[inline(always)]
    pub(crate) fn opcode(&self) -> u16 {
        // SAFETY: `Instr` is `repr(u16)`, so it starts with its `u16`
        // discriminant (primitive representation of enums with fields).
        unsafe { *(self as *const Instr as *const u16) }
    }
}

// Every instruction is 16 bytes: the dispatch loop and the branch offsets
// rely on a fixed size, and the size is what fits the widest operands.
const _: () = assert!(size_of::<Instr>() == 16);
const _: () = assert!(align_of::<Instr>() == 2);

/// A `try_table` of a translated function: the instructions of its body,
/// and its catch clauses in order.
#[derive(Debug, Clone, Default)]
pub(crate) struct TryHandler {
    /// The body's instructions are `start..end`; a call among them returns
    /// to the instruction after it, also in this range.
    pub start: u32,
    pub end: u32,
    pub catches: Box<[Catch]>,
}

/// One catch clause of a [`TryHandler`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Catch {
    /// The module's tag it catches, or `None` for `catch_all`.
    pub tag: Option<u32>,
    /// Whether the exception's reference follows its values (`_ref`).
    pub with_ref: bool,
    /// The landing pad: code that moves the values to the clause's label
    /// and branches there.
    pub pad: u32,
    /// Where the pad expects the values (then the reference): consecutive
    /// slots, a `v128` taking two.
    pub slot: Slot,
}

/// A function translated to interpreter bytecode.
#[derive(Debug)]
pub(crate) struct CompiledFunc {
    /// The instructions.
    pub code: Box<[Instr]>,
    /// The function's `try_table`s, nested ones before those around them.
    pub handlers: Box<[TryHandler]>,
    /// Frame size in slots: parameters, locals and temporaries.
    pub frame_size: u32,
    /// Number of parameter slots.
    pub num_params: u32,
    /// Number of local slots after the parameters (zeroed on entry).
    pub num_locals: u32,
}

impl std::fmt::Display for CompiledFunc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "; params {}, locals {}, frame {} slots",
            self.num_params, self.num_locals, self.frame_size
        )?;
        for (i, instr) in self.code.iter().enumerate() {
            let text = format!("{instr:?}");
            // `Name(Name { a: 1, b: 2 })` -> `Name { a: 1, b: 2 }`
            let operands = text
                .split_once('{')
                .map(|(_, rest)| rest.trim_end_matches(')').trim_end_matches('}').trim())
                .unwrap_or("");
            let body = format!("{} {operands}", instr.name());
            match instr.branch_offset() {
                Some(off) => writeln!(f, "{i:5}: {body}  ; -> {}", i as i64 + off as i64)?,
                None => writeln!(f, "{i:5}: {body}")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instruction_size_is_pinned() {
        assert_eq!(size_of::<Instr>(), 16);
    }

    #[test]
    fn opcode_matches_declaration_order() {
        let br = Instr::Br(op::Br { offset: 3 });
        assert_eq!(br.opcode(), OpCode::Br as u16);
        let add = Instr::I64Add(op::I64Add {
            dst: 1,
            lhs: 2,
            rhs: 3,
        });
        assert_eq!(add.opcode(), OpCode::I64Add as u16);
        let last = Instr::F64DivLoadROffAccA(op::F64DivLoadROffAccA {
            dst: 0,
            a: AccF(0),
            base: 1,
            k: -8,
            end: 8,
        });
        assert_eq!(usize::from(last.opcode()), NUM_OPCODES - 1);
    }

    #[test]
    fn result_and_branch_patching() {
        let mut add = Instr::I32Add(op::I32Add {
            dst: 1,
            lhs: 2,
            rhs: 3,
        });
        assert_eq!(add.result(), Some(1));
        assert!(add.set_result(9));
        assert_eq!(add.result(), Some(9));
        assert_eq!(add.branch_offset(), None);
        let mut br = Instr::BrIfEqz(op::BrIfEqz { cond: 0, offset: 0 });
        assert!(br.set_branch_offset(-4));
        assert_eq!(br.branch_offset(), Some(-4));
        assert!(!br.set_result(2));
        let store = Instr::Store32(op::Store32 {
            ptr: 0,
            value: 1,
            end: 8,
        });
        assert_eq!(store.result(), None);
    }
}
