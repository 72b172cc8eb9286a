//! Runs WebAssembly specification scripts (`.wast`) on Tern.
//!
//! The runner is strict: a module expected to be malformed must be rejected
//! by decoding, an invalid one by validation, an unlinkable one at link time;
//! a trap must be of the expected kind; every directive counts, and a
//! directive the runner does not know is a failure, never skipped.
//!
//! ```
//! let report = tern_wast::run_script(
//!     &tern::Config::new(),
//!     "example.wast",
//!     r#"(module (func (export "add") (param i32 i32) (result i32)
//!          (i32.add (local.get 0) (local.get 1))))
//!        (assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
//!        (assert_trap (module (func $f unreachable) (start $f)) "unreachable")"#,
//! );
//! assert_eq!((report.passed, report.failed), (3, 0));
//! ```

#![forbid(unsafe_code)]

use std::collections::HashMap;
use std::fmt;
use tern::{
    AnyRef, Config, Engine, Error, ErrorKind, ExternRef, Global, GlobalType, Instance, Linker,
    Memory, MemoryType, Module, Mutability, RefType, Store, Table, TableType, Trap, V128, Val,
    ValType,
};
use wast::core::{HeapType, NanPattern, V128Pattern, WastArgCore, WastRetCore};
use wast::token::{F32, F64, Span};
use wast::{
    QuoteWat, QuoteWatTest, Wast, WastArg, WastDirective, WastExecute, WastInvoke, WastRet,
};

/// One failed directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// Line of the directive in the script (1-based).
    pub line: usize,
    /// What went wrong.
    pub message: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// The outcome of one script.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The script's name, as given.
    pub name: String,
    /// Directives that passed.
    pub passed: usize,
    /// Directives that failed.
    pub failed: usize,
    /// Details of each failure, in order.
    pub failures: Vec<Failure>,
    /// With [`Strategy::Jit`](tern::Strategy::Jit): how many functions of
    /// the script's modules the JIT left to the interpreter (0 without the
    /// JIT).
    pub interpreted_functions: usize,
}

impl Report {
    /// Whether every directive passed.
    pub fn ok(&self) -> bool {
        self.failed == 0
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} passed, {} failed",
            self.name, self.passed, self.failed
        )?;
        match self.interpreted_functions {
            0 => Ok(()),
            n => write!(f, " ({n} functions left to the interpreter by the JIT)"),
        }
    }
}

/// Parses and runs a script with a fresh engine and store.
pub fn run_script(config: &Config, name: &str, source: &str) -> Report {
    let mut report = Report {
        name: name.to_string(),
        ..Report::default()
    };
    let not_parsed = |mut e: wast::Error| {
        e.set_text(source);
        format!("script does not parse: {e}")
    };
    let mut lexer = wast::lexer::Lexer::new(source);
    lexer.allow_confusing_unicode(true);
    let buffer = wast::parser::ParseBuffer::new_with_lexer(lexer).map_err(not_parsed);
    let script = buffer
        .as_ref()
        .map_err(Clone::clone)
        .and_then(|b| wast::parser::parse::<Wast<'_>>(b).map_err(not_parsed));
    let setup = script.and_then(|script| {
        let runner =
            Runner::new(config).map_err(|e| format!("cannot set up the test environment: {e}"))?;
        Ok((script, runner))
    });
    let (script, mut runner) = match setup {
        Ok(ok) => ok,
        Err(message) => {
            report.failed += 1;
            report.failures.push(Failure { line: 0, message });
            return report;
        }
    };
    for directive in script.directives {
        let span = directive.span();
        match runner.directive(directive) {
            Ok(()) => report.passed += 1,
            Err(message) => {
                report.failed += 1;
                report.failures.push(Failure {
                    line: line_of(source, span),
                    message,
                });
            }
        }
    }
    report.interpreted_functions = runner.interpreted_functions;
    report
}

fn line_of(source: &str, span: Span) -> usize {
    span.linecol_in(source).0 + 1
}

type Outcome<T = ()> = Result<T, String>;

struct Runner {
    engine: Engine,
    store: Store<()>,
    linker: Linker<()>,
    current: Option<Instance>,
    named: HashMap<String, Instance>,
    definitions: HashMap<String, Module>,
    last_definition: Option<Module>,
    /// Functions of the modules compiled so far that the JIT left to the
    /// interpreter (counted with `Strategy::Jit` only).
    interpreted_functions: usize,
}

/// The expected outcome of running a module.
enum Expect {
    Malformed,
    Invalid,
}

impl Runner {
    fn new(config: &Config) -> tern::Result<Runner> {
        let engine = Engine::new(config)?;
        let mut store = Store::new(&engine, ());
        // With fuel or epoch interruption on, scripts run unmetered in
        // effect: all the fuel there is, and no deadline.
        if config.fuel_enabled() {
            store.set_fuel(u64::MAX)?;
        }
        store.set_epoch_deadline(u64::MAX);
        let mut linker = Linker::new(&engine);
        linker.allow_shadowing(true);
        define_spectest(&mut linker, &mut store)?;
        Ok(Runner {
            engine,
            store,
            linker,
            current: None,
            named: HashMap::new(),
            definitions: HashMap::new(),
            last_definition: None,
            interpreted_functions: 0,
        })
    }

    fn directive(&mut self, directive: WastDirective<'_>) -> Outcome {
        match directive {
            WastDirective::Module(mut module) => {
                let name = module.name().map(|id| id.name().to_string());
                let compiled = self.compile(&mut module)?;
                let instance = self
                    .linker
                    .instantiate(&mut self.store, &compiled)
                    .map_err(|e| format!("instantiation failed: {}", describe(&e)))?;
                if let Some(name) = name {
                    self.named.insert(name, instance);
                }
                self.current = Some(instance);
                Ok(())
            }
            WastDirective::ModuleDefinition(mut module) => {
                let name = module.name().map(|id| id.name().to_string());
                let compiled = self.compile(&mut module)?;
                if let Some(name) = name {
                    self.definitions.insert(name, compiled.clone());
                }
                self.last_definition = Some(compiled);
                Ok(())
            }
            WastDirective::ModuleInstance {
                instance, module, ..
            } => {
                let compiled = match module {
                    Some(id) => self.definitions.get(id.name()).cloned(),
                    None => self.last_definition.clone(),
                }
                .ok_or("no module definition to instantiate")?;
                let inst = self
                    .linker
                    .instantiate(&mut self.store, &compiled)
                    .map_err(|e| format!("instantiation failed: {}", describe(&e)))?;
                if let Some(id) = instance {
                    self.named.insert(id.name().to_string(), inst);
                }
                self.current = Some(inst);
                Ok(())
            }
            WastDirective::Register { name, module, .. } => {
                let instance = self.instance(module.map(|id| id.name()))?;
                self.linker
                    .instance(&mut self.store, name, instance)
                    .map_err(|e| format!("register failed: {e}"))?;
                Ok(())
            }
            WastDirective::Invoke(invoke) => self.invoke(&invoke).map(drop),
            WastDirective::AssertReturn { exec, results, .. } => {
                let actual = self.execute(exec)?;
                check_results(&self.store, &actual, &results)
            }
            WastDirective::AssertTrap { exec, message, .. } => {
                let outcome = self.execute_expecting_failure(exec);
                expect_trap(outcome, message)
            }
            WastDirective::AssertException { exec, .. } => {
                match self.execute_expecting_failure(exec)? {
                    Ok(()) => Err("expected an uncaught exception, returned".to_string()),
                    Err(e) if e.kind() == ErrorKind::Exception => Ok(()),
                    Err(e) => Err(format!(
                        "expected an uncaught exception, got: {}",
                        describe(&e)
                    )),
                }
            }
            WastDirective::AssertExhaustion { call, message, .. } => {
                expect_trap(self.invoke(&call).map(|r| r.map(drop)), message)
            }
            WastDirective::AssertMalformed {
                mut module,
                message,
                ..
            } => self.expect_rejection(&mut module, Expect::Malformed, message),
            WastDirective::AssertInvalid {
                mut module,
                message,
                ..
            } => self.expect_rejection(&mut module, Expect::Invalid, message),
            WastDirective::AssertUnlinkable {
                mut module,
                message,
                ..
            } => {
                let compiled = self.compile_wat(&mut module)?;
                match self.linker.instantiate(&mut self.store, &compiled) {
                    Ok(_) => Err(format!(
                        "expected unlinkable ({message}), instantiation succeeded"
                    )),
                    Err(e) if e.kind() == ErrorKind::Unlinkable => Ok(()),
                    Err(e) => Err(format!(
                        "expected unlinkable ({message}), got: {}",
                        describe(&e)
                    )),
                }
            }
            other => Err(format!(
                "directive not supported by this runner: {}",
                directive_name(&other)
            )),
        }
    }

    /// The engine's verdict on a module (text is handed to `Module::new` as
    /// text), or the script parser's error if it cannot even be encoded.
    fn try_compile(
        &mut self,
        module: &mut QuoteWat<'_>,
    ) -> Result<tern::Result<Module>, wast::Error> {
        let module = match module.to_test()? {
            QuoteWatTest::Binary(bytes) => Module::new(&self.engine, bytes),
            QuoteWatTest::Text(text) => Module::new(&self.engine, text),
        };
        Ok(self.count_interpreted(module))
    }

    /// Counts the functions of a compiled module that the JIT left to the
    /// interpreter (with `Strategy::Jit`, where every function is compiled
    /// while the module loads).
    fn count_interpreted(&mut self, module: tern::Result<Module>) -> tern::Result<Module> {
        if let Ok(m) = &module
            && self.engine.config().get_strategy() == tern::Strategy::Jit
        {
            // Exception handling runs in the interpreter by design.
            self.interpreted_functions += m.interpreted_functions() - m.interpreted_by_design();
        }
        module
    }

    fn compile(&mut self, module: &mut QuoteWat<'_>) -> Outcome<Module> {
        self.try_compile(module)
            .map_err(|e| format!("module does not encode: {e}"))?
            .map_err(|e| format!("module failed to compile: {e}"))
    }

    /// Compiles an inline module of an assertion.
    fn compile_wat(&mut self, wat: &mut wast::Wat<'_>) -> Outcome<Module> {
        let bytes = wat
            .encode()
            .map_err(|e| format!("module does not encode: {e}"))?;
        self.count_interpreted(Module::new(&self.engine, bytes))
            .map_err(|e| format!("module failed to compile: {e}"))
    }

    fn expect_rejection(
        &mut self,
        module: &mut QuoteWat<'_>,
        expect: Expect,
        message: &str,
    ) -> Outcome {
        let result = match self.try_compile(module) {
            Ok(result) => result,
            // The text parser Tern uses (`wat`, built on `wast`) rejected the
            // module before it reached the engine.
            Err(e) => match expect {
                Expect::Malformed => return Ok(()),
                Expect::Invalid => return Err(format!("module does not encode: {e}")),
            },
        };
        let (kind, label) = match expect {
            Expect::Malformed => (ErrorKind::Malformed, "malformed"),
            Expect::Invalid => (ErrorKind::Invalid, "invalid"),
        };
        match result {
            Ok(_) => Err(format!("expected {label} module ({message}), it compiled")),
            Err(e) if e.kind() == kind => Ok(()),
            Err(e) => Err(format!(
                "expected {label} module ({message}), got {:?}: {e}",
                e.kind()
            )),
        }
    }

    fn instance(&self, name: Option<&str>) -> Outcome<Instance> {
        match name {
            Some(name) => self
                .named
                .get(name)
                .copied()
                .ok_or_else(|| format!("no instance named {name}")),
            None => self
                .current
                .ok_or_else(|| "no current instance".to_string()),
        }
    }

    fn invoke(&mut self, invoke: &WastInvoke<'_>) -> Outcome<Result<Vec<Val>, Error>> {
        let instance = self.instance(invoke.module.map(|id| id.name()))?;
        let func = instance
            .get_func(&self.store, invoke.name)
            .ok_or_else(|| format!("no function export `{}`", invoke.name))?;
        let mut args = Vec::with_capacity(invoke.args.len());
        for arg in &invoke.args {
            args.push(self.arg(arg)?);
        }
        let ty = func.ty(&self.store);
        let mut results = vec![Val::I32(0); ty.results().len()];
        Ok(func
            .call(&mut self.store, &args, &mut results)
            .map(|()| results))
    }

    fn execute(&mut self, exec: WastExecute<'_>) -> Outcome<Vec<Val>> {
        match exec {
            WastExecute::Invoke(invoke) => self
                .invoke(&invoke)?
                .map_err(|e| format!("call failed: {}", describe(&e))),
            WastExecute::Get { module, global, .. } => {
                let instance = self.instance(module.map(|id| id.name()))?;
                let g = instance
                    .get_global(&self.store, global)
                    .ok_or_else(|| format!("no global export `{global}`"))?;
                Ok(vec![g.get(&self.store)])
            }
            WastExecute::Wat(mut wat) => {
                let module = self.compile_wat(&mut wat)?;
                self.linker
                    .instantiate(&mut self.store, &module)
                    .map_err(|e| format!("instantiation failed: {}", describe(&e)))?;
                Ok(Vec::new())
            }
        }
    }

    /// Runs `exec`, which should fail: returns its error (or `Ok` if it
    /// wrongly succeeded). Setup failures are reported as `Err(Err(..))`.
    fn execute_expecting_failure(&mut self, exec: WastExecute<'_>) -> Outcome<Result<(), Error>> {
        match exec {
            WastExecute::Invoke(invoke) => Ok(self.invoke(&invoke)?.map(drop)),
            WastExecute::Wat(mut wat) => {
                let module = self.compile_wat(&mut wat)?;
                Ok(self.linker.instantiate(&mut self.store, &module).map(drop))
            }
            WastExecute::Get { .. } => Err("`get` cannot trap".to_string()),
        }
    }

    fn arg(&mut self, arg: &WastArg<'_>) -> Outcome<Val> {
        let WastArg::Core(arg) = arg else {
            return Err("component-model arguments are not supported".to_string());
        };
        Ok(match arg {
            WastArgCore::I32(v) => Val::I32(*v),
            WastArgCore::I64(v) => Val::I64(*v),
            WastArgCore::F32(v) => Val::F32(v.bits),
            WastArgCore::F64(v) => Val::F64(v.bits),
            WastArgCore::V128(v) => Val::V128(V128::from_le_bytes(v.to_le_bytes())),
            WastArgCore::RefNull(HeapType::Abstract { ty, .. }) => {
                use wast::core::AbstractHeapType as A;
                match top_of(*ty) {
                    Some(A::Func) => Val::FuncRef(None),
                    Some(A::Extern) => Val::ExternRef(None),
                    Some(A::Exn) => Val::ExnRef(None),
                    Some(A::Any) => Val::AnyRef(None),
                    _ => return Err(format!("unsupported null reference type {ty:?}")),
                }
            }
            WastArgCore::RefExtern(n) => Val::ExternRef(Some(ExternRef::new(&mut self.store, *n))),
            WastArgCore::RefHost(n) => {
                let host = ExternRef::new(&mut self.store, *n);
                Val::AnyRef(Some(AnyRef::convert_extern(&mut self.store, host)))
            }
            other => return Err(format!("unsupported argument {other:?}")),
        })
    }
}

fn directive_name(directive: &WastDirective<'_>) -> &'static str {
    match directive {
        WastDirective::AssertInvalidCustom { .. } => "assert_invalid_custom",
        WastDirective::AssertMalformedCustom { .. } => "assert_malformed_custom",
        WastDirective::AssertException { .. } => "assert_exception",
        WastDirective::AssertSuspension { .. } => "assert_suspension",
        WastDirective::Thread(_) => "thread",
        WastDirective::Wait { .. } => "wait",
        _ => "unknown",
    }
}

/// The trap kinds a spec message stands for.
fn expected_traps(message: &str) -> &'static [Trap] {
    const TABLE: &[(&str, &[Trap])] = &[
        ("unreachable", &[Trap::UnreachableCodeReached]),
        ("integer divide by zero", &[Trap::IntegerDivisionByZero]),
        ("integer overflow", &[Trap::IntegerOverflow]),
        (
            "invalid conversion to integer",
            &[Trap::BadConversionToInteger],
        ),
        ("out of bounds memory access", &[Trap::MemoryOutOfBounds]),
        ("out of bounds table access", &[Trap::TableOutOfBounds]),
        ("undefined element", &[Trap::TableOutOfBounds]),
        ("uninitialized element", &[Trap::IndirectCallToNull]),
        ("uninitialized", &[Trap::IndirectCallToNull]),
        ("indirect call type mismatch", &[Trap::BadSignature]),
        ("call stack exhausted", &[Trap::StackOverflow]),
        ("null", &[Trap::NullReference]),
        ("cast failure", &[Trap::CastFailure]),
        ("out of bounds array access", &[Trap::ArrayOutOfBounds]),
    ];
    TABLE
        .iter()
        .find(|(prefix, _)| message.starts_with(prefix))
        .map_or(&[], |(_, traps)| traps)
}

fn expect_trap(outcome: Outcome<Result<(), Error>>, message: &str) -> Outcome {
    let result = outcome?;
    let expected = expected_traps(message);
    if expected.is_empty() {
        return Err(format!("unknown trap message in script: {message}"));
    }
    match result {
        Ok(()) => Err(format!("expected trap ({message}), got success")),
        Err(e) => match e.trap() {
            Some(trap) if expected.contains(&trap) => Ok(()),
            _ => Err(format!("expected trap ({message}), got: {}", describe(&e))),
        },
    }
}

fn describe(e: &Error) -> String {
    format!("{e} [{:?}]", e.kind())
}

fn check_results(store: &Store<()>, actual: &[Val], expected: &[WastRet<'_>]) -> Outcome {
    if actual.len() != expected.len() {
        return Err(format!(
            "expected {} results, got {}",
            expected.len(),
            actual.len()
        ));
    }
    for (i, (a, e)) in actual.iter().zip(expected).enumerate() {
        let WastRet::Core(e) = e else {
            return Err("component-model results are not supported".to_string());
        };
        if !matches_ret(store, a, e)? {
            return Err(format!("result {i}: expected {e:?}, got {a:?}"));
        }
    }
    Ok(())
}

fn f32_matches(bits: u32, pattern: &NanPattern<F32>) -> bool {
    match pattern {
        NanPattern::CanonicalNan => bits & 0x7fff_ffff == 0x7fc0_0000,
        NanPattern::ArithmeticNan => bits & 0x7fc0_0000 == 0x7fc0_0000,
        NanPattern::Value(v) => bits == v.bits,
    }
}

fn f64_matches(bits: u64, pattern: &NanPattern<F64>) -> bool {
    match pattern {
        NanPattern::CanonicalNan => bits & 0x7fff_ffff_ffff_ffff == 0x7ff8_0000_0000_0000,
        NanPattern::ArithmeticNan => bits & 0x7ff8_0000_0000_0000 == 0x7ff8_0000_0000_0000,
        NanPattern::Value(v) => bits == v.bits,
    }
}

fn matches_ret(store: &Store<()>, actual: &Val, expected: &WastRetCore<'_>) -> Outcome<bool> {
    Ok(match (actual, expected) {
        (Val::I32(a), WastRetCore::I32(e)) => a == e,
        (Val::I64(a), WastRetCore::I64(e)) => a == e,
        (Val::F32(a), WastRetCore::F32(e)) => f32_matches(*a, e),
        (Val::F64(a), WastRetCore::F64(e)) => f64_matches(*a, e),
        (_, WastRetCore::RefNull(ty)) => match null_ref_of(actual) {
            Some((is_null, top)) => {
                is_null
                    && match ty {
                        None => true,
                        Some(HeapType::Abstract { ty, .. }) => top_of(*ty) == Some(top),
                        Some(_) => false,
                    }
            }
            None => false,
        },
        (Val::ExternRef(r), WastRetCore::RefExtern(e)) => match (r, e) {
            (Some(_), None) => true,
            (Some(r), Some(n)) => host_number(store, r) == Some(*n),
            (None, _) => false,
        },
        (Val::FuncRef(f), WastRetCore::RefFunc(None)) => f.is_some(),
        (Val::AnyRef(Some(a)), WastRetCore::RefI31) => a.is_i31(),
        (Val::AnyRef(Some(_)), WastRetCore::RefAny) => true,
        (Val::AnyRef(Some(_)), WastRetCore::RefEq) => {
            let eq = ValType::Ref(RefType::new(false, tern::HeapType::Eq));
            actual.matches_ty(store, &eq)
        }
        (Val::AnyRef(Some(a)), WastRetCore::RefHost(n)) => {
            let host = ExternRef::convert_any(store, *a);
            host_number(store, &host) == Some(*n)
        }
        (Val::AnyRef(Some(a)), WastRetCore::RefStruct) => {
            a.is_struct(store).map_err(|e| e.to_string())?
        }
        (Val::AnyRef(Some(a)), WastRetCore::RefArray) => {
            a.is_array(store).map_err(|e| e.to_string())?
        }
        (_, WastRetCore::Either(options)) => {
            for option in options {
                if matches_ret(store, actual, option)? {
                    return Ok(true);
                }
            }
            false
        }
        (Val::V128(a), WastRetCore::V128(pattern)) => v128_matches(a.to_le_bytes(), pattern),
        _ => false,
    })
}

/// The number a script's `ref.extern N` or `ref.host N` made this
/// reference from.
fn host_number(store: &Store<()>, r: &ExternRef) -> Option<u32> {
    r.data(store)?.downcast_ref::<u32>().copied()
}

/// For a reference value: whether it is null, and the abstract type at
/// the top of its hierarchy (what `(ref.null T)` in a script names).
fn null_ref_of(v: &Val) -> Option<(bool, wast::core::AbstractHeapType)> {
    use wast::core::AbstractHeapType as A;
    Some(match v {
        Val::FuncRef(f) => (f.is_none(), A::Func),
        Val::ExternRef(r) => (r.is_none(), A::Extern),
        Val::ExnRef(r) => (r.is_none(), A::Exn),
        Val::AnyRef(r) => (r.is_none(), A::Any),
        _ => return None,
    })
}

/// The abstract type at the top of `ty`'s hierarchy: in a script,
/// `(ref.null T)` stands for the null of any type of T's hierarchy (nulls
/// of one hierarchy are indistinguishable).
fn top_of(ty: wast::core::AbstractHeapType) -> Option<wast::core::AbstractHeapType> {
    use wast::core::AbstractHeapType as A;
    Some(match ty {
        A::Func | A::NoFunc => A::Func,
        A::Extern | A::NoExtern => A::Extern,
        A::Exn | A::NoExn => A::Exn,
        A::Any | A::Eq | A::I31 | A::Struct | A::Array | A::None => A::Any,
        _ => return None,
    })
}

/// Whether a vector's bytes match a lane pattern (NaN patterns per lane).
fn v128_matches(bytes: [u8; 16], pattern: &V128Pattern) -> bool {
    fn lanes<const N: usize>(bytes: &[u8; 16]) -> impl Iterator<Item = [u8; N]> + '_ {
        bytes
            .chunks_exact(N)
            .map(|c| <[u8; N]>::try_from(c).unwrap_or([0; N]))
    }
    match pattern {
        V128Pattern::I8x16(e) => lanes::<1>(&bytes).zip(e).all(|(a, e)| a[0] == *e as u8),
        V128Pattern::I16x8(e) => lanes::<2>(&bytes)
            .zip(e)
            .all(|(a, e)| i16::from_le_bytes(a) == *e),
        V128Pattern::I32x4(e) => lanes::<4>(&bytes)
            .zip(e)
            .all(|(a, e)| i32::from_le_bytes(a) == *e),
        V128Pattern::I64x2(e) => lanes::<8>(&bytes)
            .zip(e)
            .all(|(a, e)| i64::from_le_bytes(a) == *e),
        V128Pattern::F32x4(e) => lanes::<4>(&bytes)
            .zip(e)
            .all(|(a, e)| f32_matches(u32::from_le_bytes(a), e)),
        V128Pattern::F64x2(e) => lanes::<8>(&bytes)
            .zip(e)
            .all(|(a, e)| f64_matches(u64::from_le_bytes(a), e)),
    }
}

/// Defines the `spectest` module the specification's scripts import.
fn define_spectest(linker: &mut Linker<()>, store: &mut Store<()>) -> tern::Result<()> {
    linker.func_wrap("spectest", "print", || {})?;
    linker.func_wrap("spectest", "print_i32", |_: i32| {})?;
    linker.func_wrap("spectest", "print_i64", |_: i64| {})?;
    linker.func_wrap("spectest", "print_f32", |_: f32| {})?;
    linker.func_wrap("spectest", "print_f64", |_: f64| {})?;
    linker.func_wrap("spectest", "print_i32_f32", |_: i32, _: f32| {})?;
    linker.func_wrap("spectest", "print_f64_f64", |_: f64, _: f64| {})?;
    let globals = [
        ("global_i32", ValType::I32, Val::I32(666)),
        ("global_i64", ValType::I64, Val::I64(666)),
        ("global_f32", ValType::F32, Val::F32(666.6f32.to_bits())),
        ("global_f64", ValType::F64, Val::F64(666.6f64.to_bits())),
    ];
    for (name, ty, value) in globals {
        let g = Global::new(&mut *store, GlobalType::new(ty, Mutability::Const), value)?;
        linker.define(&*store, "spectest", name, g)?;
    }
    let table = Table::new(
        &mut *store,
        TableType::new(RefType::FUNCREF, 10, Some(20)),
        tern::Ref::Func(None),
    )?;
    linker.define(&*store, "spectest", "table", table)?;
    let memory = Memory::new(&mut *store, MemoryType::new(1, Some(2)))?;
    linker.define(&*store, "spectest", "memory", memory)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(source: &str) -> Report {
        run_script(&Config::new(), "test.wast", source)
    }

    #[test]
    fn unparsable_script_is_one_failure() {
        let report = run("(module");
        assert_eq!((report.passed, report.failed), (0, 1));
        assert!(report.failures[0].message.contains("does not parse"));
    }

    #[test]
    fn wrong_result_fails_with_its_line() {
        let report = run("(module (func (export \"f\") (result i32) i32.const 1))\n\
             (assert_return (invoke \"f\") (i32.const 2))");
        assert_eq!((report.passed, report.failed), (1, 1));
        assert_eq!(report.failures[0].line, 2);
    }

    #[test]
    fn wrong_trap_kind_fails() {
        let report = run("(module (func (export \"f\") unreachable))\n\
             (assert_trap (invoke \"f\") \"integer divide by zero\")");
        assert_eq!(report.failed, 1, "{:?}", report.failures);
    }

    #[test]
    fn rejection_must_be_of_the_expected_kind() {
        // A type error is invalid, not malformed.
        let report = run(
            "(assert_malformed (module (func (result i32) i64.const 0)) \"type mismatch\")\n\
             (assert_invalid (module (func (result i32) i64.const 0)) \"type mismatch\")\n\
             (assert_invalid (module quote \"(func\") \"unexpected token\")",
        );
        assert_eq!(
            (report.passed, report.failed),
            (1, 2),
            "{:?}",
            report.failures
        );
    }

    #[test]
    fn unknown_directives_are_failures_not_skipped() {
        let report = run("(module (func (export \"f\")))\n\
             (assert_suspension (invoke \"f\") \"suspended\")");
        assert_eq!((report.passed, report.failed), (1, 1));
        assert!(report.failures[0].message.contains("assert_suspension"));
    }

    #[test]
    fn assert_exception_wants_an_uncaught_exception() {
        let mut config = Config::new();
        config.wasm_exceptions(true);
        let run = |source| run_script(&config, "test.wast", source);
        let report = run("(module (tag $e) (func (export \"throws\") (throw $e))\n\
               (func (export \"returns\")) (func (export \"traps\") unreachable))\n\
             (assert_exception (invoke \"throws\"))\n\
             (assert_exception (invoke \"returns\"))\n\
             (assert_exception (invoke \"traps\"))");
        assert_eq!(
            (report.passed, report.failed),
            (2, 2),
            "{:?}",
            report.failures
        );
        assert!(report.failures[0].message.contains("returned"));
        assert!(report.failures[1].message.contains("unreachable"));
    }

    #[test]
    fn registered_modules_link_by_name() {
        let report = run(
            "(module $a (func (export \"one\") (result i32) i32.const 1))\n\
             (register \"a\" $a)\n\
             (module (import \"a\" \"one\" (func $one (result i32)))\n\
               (func (export \"two\") (result i32) (i32.add (call $one) (call $one))))\n\
             (assert_return (invoke \"two\") (i32.const 2))\n\
             (assert_unlinkable (module (import \"a\" \"nope\" (func))) \"unknown import\")",
        );
        assert_eq!(
            (report.passed, report.failed),
            (5, 0),
            "{:?}",
            report.failures
        );
    }
}
