//! Decoding and validation of a module with wasmparser, producing a
//! [`ModuleInfo`].
//!
//! Every section and every function body is validated here, so an invalid
//! module never loads (the specification rejects it at compile time); only
//! a module the code cache vouches for, having seen the same bytes
//! validate before, skips the rest of its bodies ([`parse_vouched`]). Errors
//! are classified as the specification does: *malformed* when the bytes do not
//! decode (or break a rule of the binary format, such as section order), and
//! *invalid* when they decode but fail validation.

use super::info::*;
use crate::config::FEATURE_NAMES;
use crate::engine::Engine;
use crate::engine::{REC, SubType, register_group, registered};
use crate::types::{
    ArrayType, ArrayTypeId, CompositeType, FieldType, FuncType, FuncTypeId, GlobalType, HeapType,
    MemoryType, Mutability, RefType, Resolve, StorageType, StructType, StructTypeId, TableType,
    ValType,
};
use crate::{Error, Result};
use std::sync::atomic::{AtomicBool, Ordering};
use wasmparser::{
    BinaryReaderError, CompositeInnerType, ElementItems, ElementKind, FuncValidatorAllocations,
    FunctionBody, KnownCustom, Name, Operator, Parser, Payload, TypeRef, ValidPayload, Validator,
    WasmFeatures,
};

/// Messages of wasmparser's validator that report a violation of the binary
/// format rather than of validation; the specification calls these malformed.
const FORMAT_ERRORS: &[&str] = &[
    "section out of order",
    "inconsistent lengths",
    "data count section required",
    "unexpected content after last section",
    "too many locals",
    "zero byte expected",
    "malformed",
    "unexpected end",
    "section size mismatch",
    "function body must end",
    "operators remaining after end of function",
    // A mutability byte other than 0 or 1 decodes as a shared global.
    "shared-everything-threads",
];

fn is_format_error(message: &str) -> bool {
    FORMAT_ERRORS.iter().any(|m| message.contains(m))
}

/// Names of proposals in wasmparser's "... support is not enabled" messages.
fn disabled_feature(message: &str) -> bool {
    message.contains("support is not enabled") || message.contains("proposal not enabled")
}

#[cold]
fn malformed(e: BinaryReaderError) -> Error {
    Error::malformed(format!("{} (at offset {:#x})", e.message(), e.offset()))
}

/// Classifies a validator error. `decodes` says whether the offending bytes
/// decode on their own.
#[cold]
fn classify(e: BinaryReaderError, decodes: bool) -> Error {
    let message = e.message();
    let text = format!("{message} (at offset {:#x})", e.offset());
    if !decodes || is_format_error(message) {
        Error::malformed(text)
    } else if disabled_feature(message) {
        // A construct of a feature that is switched off: under the enabled
        // feature set it is an unknown encoding.
        Error::malformed(text)
    } else {
        Error::invalid(text)
    }
}

/// Decodes every operator of a body without validating it. Memory offsets
/// are read as 64-bit, as the binary format defines them since memory64
/// (an offset too large for a 32-bit memory is invalid, not malformed).
fn body_decodes(body: &FunctionBody<'_>, features: WasmFeatures) -> bool {
    let decode = || -> wasmparser::Result<bool> {
        let mut reader = body.get_binary_reader();
        // With memory64, an offset beyond 32 bits decodes (and is invalid
        // for a 32-bit memory); without it, it is malformed.
        if features.contains(WasmFeatures::MEMORY64) {
            reader.set_features(reader.features() | WasmFeatures::MEMORY64);
        }
        let body = FunctionBody::new(reader);
        let mut locals = body.get_locals_reader()?;
        for _ in 0..locals.get_count() {
            locals.read()?;
        }
        let mut ops = wasmparser::OperatorsReader::new(locals.get_binary_reader());
        while !ops.eof() {
            let op = ops.read()?;
            // Without multi-memory, an alignment exponent of 32 or more
            // cannot be encoded in the memarg flags: malformed, not merely
            // invalid. With it, flags below 64 are all alignments (and one
            // too large is invalid).
            let limit = if features.contains(WasmFeatures::MULTI_MEMORY) {
                64
            } else {
                32
            };
            if memarg_of(&op).is_some_and(|m| m.align >= limit) {
                return Ok(false);
            }
        }
        ops.finish().map(|()| true)
    };
    decode().unwrap_or(false)
}

/// The memory argument of a load or store.
fn memarg_of<'a>(op: &'a Operator<'_>) -> Option<&'a wasmparser::MemArg> {
    use Operator as O;
    match op {
        O::I32Load { memarg }
        | O::I64Load { memarg }
        | O::F32Load { memarg }
        | O::F64Load { memarg }
        | O::I32Load8S { memarg }
        | O::I32Load8U { memarg }
        | O::I32Load16S { memarg }
        | O::I32Load16U { memarg }
        | O::I64Load8S { memarg }
        | O::I64Load8U { memarg }
        | O::I64Load16S { memarg }
        | O::I64Load16U { memarg }
        | O::I64Load32S { memarg }
        | O::I64Load32U { memarg }
        | O::I32Store { memarg }
        | O::I64Store { memarg }
        | O::F32Store { memarg }
        | O::F64Store { memarg }
        | O::I32Store8 { memarg }
        | O::I32Store16 { memarg }
        | O::I64Store8 { memarg }
        | O::I64Store16 { memarg }
        | O::I64Store32 { memarg } => Some(memarg),
        _ => None,
    }
}

/// Decodes and validates `bytes`, returning the module's structure.
pub(crate) fn parse(engine: &Engine, bytes: &[u8]) -> Result<ModuleInfo> {
    parse_vouched(engine, bytes, &AtomicBool::new(false))
}

/// Decodes and validates `bytes` as [`parse`] does, but stops validating
/// function bodies once `vouched` is set: the code cache sets it on
/// another thread when it holds a whole entry for these very bytes, which
/// proves they validated before with the same features (see
/// `jit::cache::read`). Sections are decoded and checked all the same.
pub(crate) fn parse_vouched(
    engine: &Engine,
    bytes: &[u8],
    vouched: &AtomicBool,
) -> Result<ModuleInfo> {
    let features = engine.config().features;
    parse_with(bytes, features, vouched).map_err(|e| name_missing_features(engine, bytes, e))
}

/// Adds to the error of a module that the enabled features reject the
/// features it needs, if switching on some disabled ones would accept it.
#[cold]
fn name_missing_features(engine: &Engine, bytes: &[u8], error: Error) -> Error {
    let features = engine.config().features;
    let disabled: Vec<_> = FEATURE_NAMES
        .iter()
        .filter(|(f, _)| !features.contains(*f))
        .collect();
    let accepts = |extra: &[&(WasmFeatures, &str)]| {
        let set = extra.iter().fold(features, |acc, (f, _)| acc | *f);
        parse_with(bytes, set, &AtomicBool::new(false)).is_ok()
    };
    if disabled.is_empty() || !accepts(&disabled) {
        return error;
    }
    // Drop each feature the module does without, keeping a minimal set;
    // later (larger) proposals go first, so that a module that either would
    // accept is told of the smaller one (`function-references`, not `gc`).
    let mut needed = disabled.clone();
    for candidate in disabled.iter().rev() {
        let without: Vec<_> = needed
            .iter()
            .filter(|(f, _)| *f != candidate.0)
            .copied()
            .collect();
        if accepts(&without) {
            needed = without;
        }
    }
    let names: Vec<String> = needed.iter().map(|(_, n)| format!("`{n}`")).collect();
    let (noun, verb) = if names.len() == 1 {
        ("feature", "is")
    } else {
        ("features", "are")
    };
    error.context(format!(
        "the module needs the {} {noun}, which {verb} disabled",
        names.join(", ")
    ))
}

fn parse_with(bytes: &[u8], features: WasmFeatures, vouched: &AtomicBool) -> Result<ModuleInfo> {
    let mut parser = Parser::new(0);
    parser.set_features(features);
    let mut validator = Validator::new_with_features(features);
    let mut info = ModuleInfo::default();
    let mut allocs = FuncValidatorAllocations::default();
    let mut seen_end = false;
    // A construct Tern does not implement yet is reported once the whole
    // module has validated: an invalid module is invalid, whatever it uses.
    let mut unsupported: Option<Error> = None;
    for payload in parser.parse_all(bytes) {
        let payload = payload.map_err(malformed)?;
        if seen_end {
            return Err(Error::malformed("unexpected content after last section"));
        }
        check_count(&payload)?;
        match validator.payload(&payload) {
            Ok(ValidPayload::Func(_, _)) if vouched.load(Ordering::Acquire) => {}
            Ok(ValidPayload::Func(func, body)) => {
                let mut v = func.into_validator(allocs);
                if let Err(e) = v.validate(&body) {
                    return Err(classify(e, body_decodes(&body, features)));
                }
                allocs = v.into_allocations();
            }
            Ok(ValidPayload::End(_)) => seen_end = true,
            Ok(ValidPayload::Ok | ValidPayload::Parser(_)) => {}
            Err(e) => {
                // Decode the section on its own: if that fails too, the error
                // is one of the binary format.
                let mut scratch = ModuleInfo::default();
                let decodes = match extract(&payload, bytes, &mut scratch, features) {
                    Ok(()) => true,
                    Err(e) => e.kind() != crate::ErrorKind::Malformed,
                };
                return Err(classify(e, decodes));
            }
        }
        if unsupported.is_none()
            && let Err(e) = extract(&payload, bytes, &mut info, features)
        {
            if e.kind() != crate::ErrorKind::Unsupported {
                return Err(e);
            }
            unsupported = Some(e);
        }
    }
    if !seen_end {
        return Err(Error::malformed("unexpected end"));
    }
    match unsupported {
        Some(e) => Err(e),
        None => Ok(info),
    }
}

/// Refuses a section that declares more entries than its bytes can hold,
/// before the validator sizes its tables by the declared count: a 13-byte
/// module must not make the host allocate for a million imports.
fn check_count(payload: &Payload<'_>) -> Result<()> {
    // The fewest bytes an entry of each section can take.
    let (count, range, min_entry) = match payload {
        Payload::TypeSection(r) => (r.count(), r.range(), 1),
        Payload::ImportSection(r) => (r.count(), r.range(), 4),
        Payload::FunctionSection(r) => (r.count(), r.range(), 1),
        Payload::TableSection(r) => (r.count(), r.range(), 1),
        Payload::MemorySection(r) => (r.count(), r.range(), 2),
        Payload::GlobalSection(r) => (r.count(), r.range(), 3),
        Payload::ExportSection(r) => (r.count(), r.range(), 3),
        Payload::ElementSection(r) => (r.count(), r.range(), 1),
        Payload::DataSection(r) => (r.count(), r.range(), 1),
        Payload::CodeSectionStart {
            count,
            unchecked_range,
            ..
        } => (*count, unchecked_range.clone(), 1),
        _ => return Ok(()),
    };
    let bytes = range.end.saturating_sub(range.start);
    if u64::from(count) * min_entry > bytes {
        return Err(Error::malformed(format!(
            "unexpected end: section declares {count} entries in {bytes} bytes (at offset {:#x})",
            range.start
        )));
    }
    Ok(())
}

fn val_type(ty: wasmparser::ValType, resolve: Resolve<'_>) -> Result<ValType> {
    ValType::from_wasmparser(ty, resolve).ok_or_else(|| not_yet(format!("value type {ty}")))
}

fn ref_type(info: &ModuleInfo, ty: wasmparser::RefType) -> Result<RefType> {
    RefType::from_wasmparser(ty, &|i| info.resolve(i))
        .ok_or_else(|| not_yet(format!("reference type {ty}")))
}

fn table_type(info: &ModuleInfo, ty: &wasmparser::TableType) -> Result<TableType> {
    TableType::from_wasmparser(ty, &|i| info.resolve(i))
        .ok_or_else(|| not_yet(format!("table element type {}", ty.element_type)))
}

fn global_type(info: &ModuleInfo, ty: &wasmparser::GlobalType) -> Result<GlobalType> {
    let mutability = if ty.mutable {
        Mutability::Var
    } else {
        Mutability::Const
    };
    let content = val_type(ty.content_type, &|i| info.resolve(i))?;
    Ok(GlobalType::new(content, mutability))
}

/// Registers one recursion group of the type section and records its types.
fn type_group(info: &mut ModuleInfo, group: wasmparser::RecGroup) -> Result<()> {
    use wasmparser::UnpackedIndex as U;
    let start = info.types.len() as u32;
    let group: Vec<wasmparser::SubType> = group.into_types().collect();
    let mut subs = Vec::with_capacity(group.len());
    {
        // Earlier types are registered already; those of this group are
        // named by their position in it.
        let in_group = |i: u32| {
            let id = REC | i;
            Some(match group.get(i as usize)?.composite_type.inner {
                CompositeInnerType::Func(_) => HeapType::ConcreteFunc(FuncTypeId(id)),
                CompositeInnerType::Struct(_) => HeapType::ConcreteStruct(StructTypeId(id)),
                CompositeInnerType::Array(_) => HeapType::ConcreteArray(ArrayTypeId(id)),
                CompositeInnerType::Cont(_) => return None,
            })
        };
        let resolve = |index: U| match index {
            U::Module(i) if i < start => info.resolve(index),
            U::Module(i) => in_group(i - start),
            U::RecGroup(i) => in_group(i),
            U::Id(_) => None,
        };
        let field = |f: &wasmparser::FieldType| -> Result<FieldType> {
            let element = match f.element_type {
                wasmparser::StorageType::I8 => StorageType::I8,
                wasmparser::StorageType::I16 => StorageType::I16,
                wasmparser::StorageType::Val(t) => StorageType::ValType(val_type(t, &resolve)?),
            };
            let mutability = if f.mutable {
                Mutability::Var
            } else {
                Mutability::Const
            };
            Ok(FieldType::new(mutability, element))
        };
        for sub in &group {
            let ty = match &sub.composite_type.inner {
                CompositeInnerType::Func(f) => {
                    let params = f.params().iter().map(|t| val_type(*t, &resolve));
                    let results = f.results().iter().map(|t| val_type(*t, &resolve));
                    CompositeType::Func(FuncType::new(
                        params.collect::<Result<Vec<_>>>()?,
                        results.collect::<Result<Vec<_>>>()?,
                    ))
                }
                CompositeInnerType::Struct(s) => CompositeType::Struct(StructType::new(
                    s.fields.iter().map(field).collect::<Result<Vec<_>>>()?,
                )),
                CompositeInnerType::Array(a) => CompositeType::Array(ArrayType::new(field(&a.0)?)),
                CompositeInnerType::Cont(_) => return Err(not_yet("stack switching")),
            };
            let supertype = match sub.supertype_idxs.first().map(|p| p.unpack()) {
                None => None,
                Some(index) => Some(
                    resolve(index)
                        .and_then(|h| h.concrete_id())
                        .ok_or_else(|| not_yet(format!("supertype {index}")))?,
                ),
            };
            subs.push(SubType {
                ty,
                supertype,
                is_final: sub.is_final,
            });
        }
    }
    let first = register_group(&subs);
    for (i, sub) in subs.into_iter().enumerate() {
        let id = first + i as u32;
        let relative = sub
            .ty
            .refers_to(|h| h.concrete_id().is_some_and(|c| c & REC != 0));
        info.type_ids.push(id);
        // The registered type differs only where the group refers to itself.
        info.types
            .push(if relative { registered(id) } else { sub.ty });
        info.type_final.push(sub.is_final);
    }
    Ok(())
}

fn const_expr(info: &ModuleInfo, expr: &wasmparser::ConstExpr<'_>) -> Result<ConstExpr> {
    let id = |index: u32| info.type_ids[index as usize];
    let mut ops = Vec::new();
    let mut reader = expr.get_operators_reader();
    loop {
        let op = reader.read().map_err(malformed)?;
        ops.push(match op {
            Operator::I32Const { value } => ConstOp::I32(value),
            Operator::I64Const { value } => ConstOp::I64(value),
            Operator::F32Const { value } => ConstOp::F32(value.bits()),
            Operator::F64Const { value } => ConstOp::F64(value.bits()),
            Operator::V128Const { value } => ConstOp::V128(u128::from_le_bytes(*value.bytes())),
            Operator::RefNull { .. } => ConstOp::RefNull,
            Operator::RefFunc { function_index } => ConstOp::RefFunc(function_index),
            Operator::GlobalGet { global_index } => ConstOp::GlobalGet(global_index),
            Operator::I32Add => ConstOp::I32Add,
            Operator::I32Sub => ConstOp::I32Sub,
            Operator::I32Mul => ConstOp::I32Mul,
            Operator::I64Add => ConstOp::I64Add,
            Operator::I64Sub => ConstOp::I64Sub,
            Operator::I64Mul => ConstOp::I64Mul,
            Operator::RefI31 => ConstOp::RefI31,
            Operator::AnyConvertExtern | Operator::ExternConvertAny => ConstOp::RefConvert,
            Operator::StructNew { struct_type_index } => {
                let CompositeType::Struct(s) = &info.types[struct_type_index as usize] else {
                    return Err(not_yet("struct.new of a non-struct type"));
                };
                ConstOp::StructNew {
                    type_id: id(struct_type_index),
                    fields: s.fields().len() as u32,
                }
            }
            Operator::StructNewDefault { struct_type_index } => {
                ConstOp::StructNewDefault(id(struct_type_index))
            }
            Operator::ArrayNew { array_type_index } => ConstOp::ArrayNew(id(array_type_index)),
            Operator::ArrayNewDefault { array_type_index } => {
                ConstOp::ArrayNewDefault(id(array_type_index))
            }
            Operator::ArrayNewFixed {
                array_type_index,
                array_size,
            } => ConstOp::ArrayNewFixed {
                type_id: id(array_type_index),
                len: array_size,
            },
            Operator::End => break,
            other => {
                return Err(not_yet(format!("constant expression operator {other:?}")));
            }
        });
    }
    Ok(ConstExpr { ops: ops.into() })
}

/// Records one payload's content in `info`. The payload has been validated
/// already, except when this is called to classify a validation error.
fn extract(
    payload: &Payload<'_>,
    bytes: &[u8],
    info: &mut ModuleInfo,
    features: WasmFeatures,
) -> Result<()> {
    let _ = features;
    match payload {
        Payload::TypeSection(reader) => {
            for group in reader.clone() {
                type_group(info, group.map_err(malformed)?)?;
            }
        }
        Payload::ImportSection(reader) => {
            for import in reader.clone().into_imports() {
                let import = import.map_err(malformed)?;
                let kind = match import.ty {
                    TypeRef::Func(t) | TypeRef::FuncExact(t) => {
                        info.funcs.push(t);
                        info.num_imported_funcs += 1;
                        ImportKind::Func(t)
                    }
                    TypeRef::Table(t) => {
                        let t = table_type(info, &t)?;
                        info.tables.push(t);
                        info.num_imported_tables += 1;
                        ImportKind::Table(t)
                    }
                    TypeRef::Memory(m) => {
                        let m = MemoryType::from_wasmparser(&m);
                        info.memories.push(m);
                        info.num_imported_memories += 1;
                        ImportKind::Memory(m)
                    }
                    TypeRef::Global(g) => {
                        let g = global_type(info, &g)?;
                        info.globals.push(g);
                        info.num_imported_globals += 1;
                        ImportKind::Global(g)
                    }
                    TypeRef::Tag(t) => {
                        info.tags.push(t.func_type_idx);
                        info.num_imported_tags += 1;
                        ImportKind::Tag(t.func_type_idx)
                    }
                };
                info.imports.push(Import {
                    module: import.module.to_string(),
                    name: import.name.to_string(),
                    kind,
                });
            }
        }
        Payload::FunctionSection(reader) => {
            for ty in reader.clone() {
                info.funcs.push(ty.map_err(malformed)?);
            }
        }
        Payload::TableSection(reader) => {
            for table in reader.clone() {
                let table = table.map_err(malformed)?;
                let init = match &table.init {
                    wasmparser::TableInit::RefNull => None,
                    wasmparser::TableInit::Expr(expr) => Some(const_expr(info, expr)?),
                };
                info.table_inits.push(init);
                let ty = table_type(info, &table.ty)?;
                info.tables.push(ty);
            }
        }
        Payload::MemorySection(reader) => {
            for memory in reader.clone() {
                info.memories
                    .push(MemoryType::from_wasmparser(&memory.map_err(malformed)?));
            }
        }
        Payload::GlobalSection(reader) => {
            for global in reader.clone() {
                let global = global.map_err(malformed)?;
                let ty = global_type(info, &global.ty)?;
                info.globals.push(ty);
                let init = const_expr(info, &global.init_expr)?;
                info.global_inits.push(init);
            }
        }
        Payload::ExportSection(reader) => {
            for export in reader.clone() {
                let export = export.map_err(malformed)?;
                let index = match export.kind {
                    wasmparser::ExternalKind::Func | wasmparser::ExternalKind::FuncExact => {
                        EntityIndex::Func(export.index)
                    }
                    wasmparser::ExternalKind::Table => EntityIndex::Table(export.index),
                    wasmparser::ExternalKind::Memory => EntityIndex::Memory(export.index),
                    wasmparser::ExternalKind::Global => EntityIndex::Global(export.index),
                    wasmparser::ExternalKind::Tag => EntityIndex::Tag(export.index),
                };
                info.export_names
                    .insert(export.name.to_string(), info.exports.len());
                info.exports.push((export.name.to_string(), index));
            }
        }
        Payload::TagSection(reader) => {
            for tag in reader.clone() {
                info.tags.push(tag.map_err(malformed)?.func_type_idx);
            }
        }
        Payload::StartSection { func, .. } => info.start = Some(*func),
        Payload::ElementSection(reader) => {
            for elem in reader.clone() {
                let elem = elem.map_err(malformed)?;
                let mode = match elem.kind {
                    ElementKind::Passive => ElemMode::Passive,
                    ElementKind::Declared => ElemMode::Declared,
                    ElementKind::Active {
                        table_index,
                        offset_expr,
                    } => ElemMode::Active {
                        table: table_index.unwrap_or(0),
                        offset: const_expr(info, &offset_expr)?,
                    },
                };
                let items = match elem.items {
                    ElementItems::Functions(funcs) => {
                        let mut items = Vec::new();
                        for f in funcs {
                            items.push(ConstExpr {
                                ops: Box::new([ConstOp::RefFunc(f.map_err(malformed)?)]),
                            });
                        }
                        items
                    }
                    ElementItems::Expressions(ty, exprs) => {
                        ref_type(info, ty)?;
                        let mut items = Vec::new();
                        for e in exprs {
                            items.push(const_expr(info, &e.map_err(malformed)?)?);
                        }
                        items
                    }
                };
                info.elems.push(ElemSegment {
                    mode,
                    items: items.into(),
                });
            }
        }
        Payload::DataSection(reader) => {
            for data in reader.clone() {
                let data = data.map_err(malformed)?;
                let mode = match data.kind {
                    wasmparser::DataKind::Passive => DataMode::Passive,
                    wasmparser::DataKind::Active {
                        memory_index,
                        offset_expr,
                    } => DataMode::Active {
                        memory: memory_index,
                        offset: const_expr(info, &offset_expr)?,
                    },
                };
                info.datas.push(DataSegment {
                    mode,
                    bytes: subslice_range(bytes, data.data),
                });
            }
        }
        Payload::CodeSectionEntry(body) => {
            info.bodies.push(FuncBody {
                range: subslice_range(bytes, body.as_bytes()),
            });
        }
        Payload::CustomSection(reader) => {
            if let KnownCustom::Name(names) = reader.as_known() {
                // A broken name section is ignored, as custom sections must be.
                read_names(names, info);
            }
        }
        _ => {}
    }
    Ok(())
}

/// The range that `sub`, a slice borrowed from `bytes`, occupies in it.
fn subslice_range(bytes: &[u8], sub: &[u8]) -> std::ops::Range<usize> {
    let start = (sub.as_ptr() as usize).wrapping_sub(bytes.as_ptr() as usize);
    debug_assert!(start <= bytes.len() && start + sub.len() <= bytes.len());
    start..start + sub.len()
}

fn read_names(reader: wasmparser::NameSectionReader<'_>, info: &mut ModuleInfo) {
    for name in reader {
        let Ok(name) = name else { return };
        match name {
            Name::Module { name, .. } => info.name = Some(name.to_string()),
            Name::Function(map) => {
                for naming in map {
                    let Ok(naming) = naming else { return };
                    info.func_names
                        .insert(naming.index, naming.name.to_string());
                }
            }
            _ => {}
        }
    }
}

/// A construct of a proposal Tern does not implement yet, valid where the
/// configuration enables that proposal.
#[cold]
fn not_yet(what: impl Into<String>) -> Error {
    Error::unsupported(format!("{} is not supported by Tern yet", what.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vouched_module_skips_the_rest_of_its_bodies_only() {
        let engine = Engine::new(&crate::Config::new()).unwrap();
        // A body that does not validate (`i32.add` on an empty stack), and
        // a section that does not (a memory of 70 000 pages).
        let bad_body = wat::parse_str("(module (func i32.add drop))").unwrap();
        let bad_memory = wat::parse_str("(module (memory 70000))").unwrap();
        let err = parse(&engine, &bad_body).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Invalid, "{err}");
        let vouched = AtomicBool::new(true);
        assert!(parse_vouched(&engine, &bad_body, &vouched).is_ok());
        assert!(parse_vouched(&engine, &bad_memory, &vouched).is_err());
        assert!(parse_vouched(&engine, &bad_body, &AtomicBool::new(false)).is_err());
    }
}
