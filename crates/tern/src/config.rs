//! Engine configuration: which WebAssembly features are on, and the limits of
//! the interpreter's own call stack.

use wasmparser::WasmFeatures;

/// A version of the WebAssembly core specification, naming a feature set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SpecVersion {
    /// WebAssembly 1.0 (2019): the MVP plus mutable globals.
    V1,
    /// WebAssembly 2.0 (2022): 1.0 plus sign extension, non-trapping float-to-int,
    /// multi-value, bulk memory, reference types and fixed-width SIMD.
    V2,
    /// WebAssembly 3.0 (2025): 2.0 plus tail calls, extended constant
    /// expressions, multiple memories, 64-bit memories, relaxed SIMD, typed
    /// function references, garbage collection and exception handling.
    V3,
}

/// Which profiler compiled code is described for ([`Config::profiler`];
/// Wasmtime's name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ProfilingStrategy {
    /// None: compiled code is anonymous to profilers. The default.
    #[default]
    None,
    /// Linux `perf`'s map file: every function compiled or mapped from the
    /// code cache gets a line `START SIZE NAME` in `/tmp/perf-PID.map`, so
    /// `perf report` names the WebAssembly functions (`MODULE::FUNCTION`,
    /// from the name section, or `wasm[INDEX]`).
    PerfMap,
}

/// How an engine runs WebAssembly code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Strategy {
    /// The interpreter (tier 0) only: functions are translated to its
    /// bytecode on their first call; nothing is compiled to machine code.
    Interpreter,
    /// Compile every function to machine code with Cranelift (tier 1) when
    /// the module is created, on all cores. A function the JIT cannot
    /// compile (one Cranelift cannot lower for the host CPU) runs in the
    /// interpreter. On platforms
    /// without JIT support (anything but x86-64 Linux, for now) this is the
    /// interpreter.
    Jit,
    /// Start in the interpreter at once, count each function's calls, and
    /// compile a function with Cranelift on a background thread once it is
    /// hot ([`Config::tier_up_threshold`]); calls made after that run its
    /// machine code, and a loop that runs long in one call moves to
    /// compiled code at its header (on-stack replacement). With a
    /// [`Cache`] holding the module's code, that code runs from the start;
    /// without, the whole module is compiled for the cache when the
    /// background compiler has nothing else to do. The default. On
    /// platforms without JIT support this is the interpreter.
    #[default]
    Tiered,
}

impl std::str::FromStr for Strategy {
    type Err = String;
    fn from_str(s: &str) -> Result<Strategy, String> {
        match s {
            "interp" | "interpreter" => Ok(Strategy::Interpreter),
            "jit" | "cranelift" => Ok(Strategy::Jit),
            "tiered" => Ok(Strategy::Tiered),
            _ => Err(format!(
                "unknown strategy `{s}` (expected `interp`, `jit` or `tiered`)"
            )),
        }
    }
}

/// Settings for an [`Engine`](crate::Engine).
///
/// ```
/// let mut config = tern::Config::new();
/// config.max_call_depth(10_000).wasm_bulk_memory(false);
/// let engine = tern::Engine::new(&config).unwrap();
/// # let _ = engine;
/// ```
#[derive(Debug, Clone)]
pub struct Config {
    pub(crate) features: WasmFeatures,
    pub(crate) max_call_depth: usize,
    pub(crate) max_stack_slots: usize,
    pub(crate) max_gc_heap: usize,
    pub(crate) consume_fuel: bool,
    pub(crate) epoch_interruption: bool,
    pub(crate) strategy: Strategy,
    pub(crate) parallel_compilation: bool,
    pub(crate) tier_up_threshold: u32,
    pub(crate) profiler: ProfilingStrategy,
    pub(crate) cache: Option<Cache>,
    pub(crate) cranelift_debug_verifier: bool,
}

/// Where the JIT keeps compiled code between runs (see [`Config::cache`]).
///
/// With a cache, a module compiled with [`Strategy::Jit`] is looked up by
/// the SHA-256 of its bytes, this build of Tern, the CPU's features and the
/// settings that change its code; when found, the stored machine code is
/// mapped instead of compiled. An entry that is damaged or was made by
/// another build is ignored and rewritten. Past [`Cache::max_size`] (1 GiB
/// by default) the least recently used entries are deleted.
///
/// Whoever can write to the directory can make Tern run their machine code:
/// give it the same protection as the Tern binary (as for Wasmtime's cache).
///
/// ```
/// let dir = std::env::temp_dir().join("tern-doc-cache");
/// let mut config = tern::Config::new();
/// config.strategy(tern::Strategy::Jit).cache(Some(tern::Cache::new(&dir)));
/// let engine = tern::Engine::new(&config).unwrap();
/// let module = tern::Module::new(&engine, "(module (func (export \"f\")))").unwrap();
/// # let _ = (module, std::fs::remove_dir_all(&dir));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cache {
    directory: std::path::PathBuf,
    max_size: u64,
}

impl Cache {
    /// A cache in `directory` (created when first written), of at most
    /// 1 GiB.
    pub fn new(directory: impl Into<std::path::PathBuf>) -> Cache {
        Cache {
            directory: directory.into(),
            max_size: 1 << 30,
        }
    }

    /// Keeps the entries under `bytes` in all: after writing an entry, the
    /// least recently used ones are deleted until they fit (the entry just
    /// written stays, whatever its size).
    pub fn max_size(mut self, bytes: u64) -> Cache {
        self.max_size = bytes;
        self
    }

    /// The size limit set with [`Cache::max_size`].
    pub fn get_max_size(&self) -> u64 {
        self.max_size
    }

    /// The cache in the user's cache directory: `$XDG_CACHE_HOME/tern`, or
    /// `$HOME/.cache/tern`; `None` when neither variable is set.
    pub fn from_default_directory() -> Option<Cache> {
        let var = |name| std::env::var_os(name).filter(|v| !v.is_empty());
        let base = var("XDG_CACHE_HOME")
            .map(std::path::PathBuf::from)
            .or_else(|| var("HOME").map(|h| std::path::Path::new(&h).join(".cache")))?;
        Some(Cache::new(base.join("tern")))
    }

    /// The directory holding the entries.
    pub fn directory(&self) -> &std::path::Path {
        &self.directory
    }
}

/// The feature set of a specification version.
fn spec_features(version: SpecVersion) -> WasmFeatures {
    match version {
        SpecVersion::V1 => WasmFeatures::WASM1,
        SpecVersion::V2 => WasmFeatures::WASM2,
        SpecVersion::V3 => WasmFeatures::WASM3,
    }
}

/// Feature names as the `-W` switches of the CLI (and Wasmtime) spell them.
pub(crate) const FEATURE_NAMES: &[(WasmFeatures, &str)] = &[
    (WasmFeatures::MUTABLE_GLOBAL, "mutable-global"),
    (WasmFeatures::SIGN_EXTENSION, "sign-extension"),
    (
        WasmFeatures::SATURATING_FLOAT_TO_INT,
        "nontrapping-float-to-int",
    ),
    (WasmFeatures::MULTI_VALUE, "multi-value"),
    (WasmFeatures::BULK_MEMORY, "bulk-memory"),
    (WasmFeatures::REFERENCE_TYPES, "reference-types"),
    (WasmFeatures::SIMD, "simd"),
    (WasmFeatures::RELAXED_SIMD, "relaxed-simd"),
    (WasmFeatures::TAIL_CALL, "tail-call"),
    (WasmFeatures::EXTENDED_CONST, "extended-const"),
    (WasmFeatures::MULTI_MEMORY, "multi-memory"),
    (WasmFeatures::MEMORY64, "memory64"),
    (WasmFeatures::FUNCTION_REFERENCES, "function-references"),
    (WasmFeatures::GC, "gc"),
    (WasmFeatures::EXCEPTIONS, "exceptions"),
    (WasmFeatures::THREADS, "threads"),
];

/// Features the engine carries out in full. A feature outside this set may be
/// switched on (validation then accepts it), but a function that uses it is
/// refused as unsupported when it is first translated.
pub(crate) const IMPLEMENTED: WasmFeatures = WasmFeatures::WASM2
    .union(WasmFeatures::RELAXED_SIMD)
    .union(WasmFeatures::EXTENDED_CONST)
    .union(WasmFeatures::TAIL_CALL)
    .union(WasmFeatures::MULTI_MEMORY)
    .union(WasmFeatures::MEMORY64)
    .union(WasmFeatures::EXCEPTIONS)
    .union(WasmFeatures::FUNCTION_REFERENCES)
    .union(WasmFeatures::GC);

/// The features on by default: WebAssembly 2.0 and the 3.0 proposals an
/// interpreter carries, as in Wasmtime, limited to those implemented.
fn default_features() -> WasmFeatures {
    WasmFeatures::WASM2
        .union(WasmFeatures::RELAXED_SIMD)
        .union(WasmFeatures::TAIL_CALL)
        .union(WasmFeatures::EXTENDED_CONST)
        .union(WasmFeatures::MULTI_MEMORY)
        .union(WasmFeatures::MEMORY64)
        .union(WasmFeatures::EXCEPTIONS)
        .union(WasmFeatures::FUNCTION_REFERENCES)
        .intersection(IMPLEMENTED)
}

impl Default for Config {
    fn default() -> Self {
        Config {
            features: default_features(),
            max_call_depth: 100_000,
            max_stack_slots: 1 << 21,
            max_gc_heap: 1 << 30,
            consume_fuel: false,
            epoch_interruption: false,
            strategy: Strategy::default(),
            parallel_compilation: true,
            tier_up_threshold: 1000,
            profiler: ProfilingStrategy::None,
            cache: None,
            cranelift_debug_verifier: cfg!(debug_assertions),
        }
    }
}

macro_rules! feature_switches {
    ($($(#[$doc:meta])* $method:ident => $flag:ident,)*) => {
        $(
            $(#[$doc])*
            pub fn $method(&mut self, enable: bool) -> &mut Self {
                self.features.set(WasmFeatures::$flag, enable);
                self
            }
        )*
    };
}

impl Config {
    /// The default configuration: WebAssembly 2.0 and the proposals SIMD,
    /// relaxed SIMD, tail calls, extended constant expressions, multi-memory,
    /// memory64, exception handling and function references on (those
    /// implemented so far; GC is off), a call depth of 100 000 frames,
    /// 16 MiB of value stack and 1 GiB of GC heap.
    pub fn new() -> Config {
        Config::default()
    }

    /// Turns on exactly the feature set of a specification version, and turns
    /// off everything else.
    pub fn spec_version(&mut self, version: SpecVersion) -> &mut Self {
        self.features = spec_features(version);
        self
    }

    feature_switches! {
        /// Mutable globals may be imported and exported (on in 1.0).
        wasm_mutable_global => MUTABLE_GLOBAL,
        /// Sign-extension operators (`i32.extend8_s` and friends).
        wasm_sign_extension => SIGN_EXTENSION,
        /// Non-trapping float-to-int conversions (`i32.trunc_sat_f32_s` and friends).
        wasm_saturating_float_to_int => SATURATING_FLOAT_TO_INT,
        /// Multiple results for functions and blocks, and block parameters.
        wasm_multi_value => MULTI_VALUE,
        /// Bulk memory operations (`memory.copy`, `memory.fill`, passive segments).
        wasm_bulk_memory => BULK_MEMORY,
        /// Reference types (`externref`, multiple tables, `table.*` operators).
        wasm_reference_types => REFERENCE_TYPES,
        /// Fixed-width 128-bit SIMD (`v128` and its operators).
        wasm_simd => SIMD,
        /// Relaxed SIMD: faster SIMD operators whose result may depend on the
        /// platform; Tern always gives the x86-64 result (see the crate docs).
        wasm_relaxed_simd => RELAXED_SIMD,
        /// Tail calls (`return_call`, `return_call_indirect`).
        wasm_tail_call => TAIL_CALL,
        /// Extended constant expressions (`i32.add` and friends in initializers).
        wasm_extended_const => EXTENDED_CONST,
        /// More than one memory per module.
        wasm_multi_memory => MULTI_MEMORY,
        /// Memories indexed by 64-bit addresses.
        wasm_memory64 => MEMORY64,
        /// Typed function references (`call_ref`, non-nullable references).
        wasm_function_references => FUNCTION_REFERENCES,
        /// Garbage-collected structs and arrays, `i31ref`, casts and
        /// recursion groups (the GC proposal). Functions that hold a GC
        /// reference, or with GC on an `externref`, run in the interpreter
        /// on every strategy (see the crate's README). Off by default.
        wasm_gc => GC,
        /// Exception handling (`try_table`, `throw`).
        wasm_exceptions => EXCEPTIONS,
    }

    /// The maximum number of nested WebAssembly calls; one more traps with
    /// "call stack exhausted".
    pub fn max_call_depth(&mut self, depth: usize) -> &mut Self {
        self.max_call_depth = depth.max(1);
        self
    }

    /// The maximum size, in bytes, of the interpreter's value stack (locals and
    /// temporaries of all active calls), and of the native stack compiled
    /// code and nested entries (a host function calling back into
    /// WebAssembly, calls between the interpreter and compiled code) may use
    /// below the outermost call into WebAssembly: at least 1 MiB there, and
    /// less where the thread's own stack ends sooner (WebAssembly stops
    /// 128 KiB above its end; where the thread's stack size is unknown, at
    /// most 512 KiB is used). Going past either traps with "call stack
    /// exhausted". 16 MiB by default. Named as Wasmtime's setting.
    pub fn max_wasm_stack(&mut self, bytes: usize) -> &mut Self {
        self.max_stack_slots = (bytes / 8).max(1);
        self
    }

    /// The most bytes of structs and arrays (the GC proposal) a store may
    /// hold at once; an allocation past it traps with
    /// [`Trap::AllocationTooLarge`](crate::Trap::AllocationTooLarge) (after
    /// a collection). 1 GiB by default.
    pub fn max_gc_heap(&mut self, bytes: usize) -> &mut Self {
        self.max_gc_heap = bytes;
        self
    }

    /// Meters execution with fuel: every store starts with none (set it with
    /// [`Store::set_fuel`](crate::Store::set_fuel)), each WebAssembly
    /// operator executed costs fuel, and running out traps with
    /// [`Trap::OutOfFuel`](crate::Trap::OutOfFuel). Off by default; when off,
    /// the interpreter's code contains no metering at all. The cost model is
    /// in the [`limits`](crate::limits) module documentation.
    pub fn consume_fuel(&mut self, enable: bool) -> &mut Self {
        self.consume_fuel = enable;
        self
    }

    /// Lets another thread stop running WebAssembly: code checks the engine's
    /// epoch ([`Engine::increment_epoch`](crate::Engine::increment_epoch))
    /// against the store's deadline
    /// ([`Store::set_epoch_deadline`](crate::Store::set_epoch_deadline)) at
    /// every function entry and loop iteration, and in long bulk memory
    /// operations, and traps with [`Trap::Interrupt`](crate::Trap::Interrupt)
    /// once it is reached. Off by default (then no check is compiled in).
    pub fn epoch_interruption(&mut self, enable: bool) -> &mut Self {
        self.epoch_interruption = enable;
        self
    }

    /// How WebAssembly code runs: interpreted, compiled to machine code, or
    /// both (see [`Strategy`]). [`Strategy::Tiered`] by default.
    pub fn strategy(&mut self, strategy: Strategy) -> &mut Self {
        self.strategy = strategy;
        self
    }

    /// Whether the JIT compiles a module's functions on all cores (the
    /// default) or on the calling thread only, as Wasmtime's setting.
    pub fn parallel_compilation(&mut self, enable: bool) -> &mut Self {
        self.parallel_compilation = enable;
        self
    }

    /// With [`Strategy::Tiered`], how many calls make a function hot enough
    /// to compile (1000 by default; at least 1).
    pub fn tier_up_threshold(&mut self, calls: u32) -> &mut Self {
        self.tier_up_threshold = calls.max(1);
        self
    }

    /// Describes compiled code for a profiler (none by default), as
    /// Wasmtime's `Config::profiler`. With
    /// [`ProfilingStrategy::PerfMap`], `perf record` / `perf report` name
    /// the WebAssembly functions of compiled code.
    pub fn profiler(&mut self, profiler: ProfilingStrategy) -> &mut Self {
        self.profiler = profiler;
        self
    }

    /// Whether Cranelift checks every function's IR before compiling it
    /// (off by default in release builds, as in Wasmtime). A function the
    /// verifier rejects stays in the interpreter, and `TERN_JIT_LOG` says
    /// why; the test suite turns this on for its compiled runs.
    pub fn cranelift_debug_verifier(&mut self, enable: bool) -> &mut Self {
        self.cranelift_debug_verifier = enable;
        self
    }

    /// Keeps the JIT's compiled code in `cache` between runs (none by
    /// default, as in Wasmtime's API; the `tern` CLI turns the default
    /// directory on). Only [`Strategy::Jit`] compiles whole modules, so only
    /// it reads and writes the cache.
    pub fn cache(&mut self, cache: Option<Cache>) -> &mut Self {
        self.cache = cache;
        self
    }

    /// The strategy set with [`Config::strategy`].
    pub fn get_strategy(&self) -> Strategy {
        self.strategy
    }

    /// Whether [`Config::consume_fuel`] is on.
    pub fn fuel_enabled(&self) -> bool {
        self.consume_fuel
    }

    /// Whether [`Config::epoch_interruption`] is on.
    pub fn epoch_interruption_enabled(&self) -> bool {
        self.epoch_interruption
    }

    /// The set of WebAssembly features that validation accepts.
    pub fn features(&self) -> WasmFeatures {
        self.features
    }
}
