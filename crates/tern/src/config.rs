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
    /// multi-value, bulk memory and reference types (SIMD is not available yet).
    V2,
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
}

/// The features Tern implements, all on by default.
fn supported_features(version: SpecVersion) -> WasmFeatures {
    let base = match version {
        SpecVersion::V1 => WasmFeatures::WASM1,
        SpecVersion::V2 => WasmFeatures::WASM2,
    };
    // Fixed-width SIMD is part of 2.0 but not implemented yet.
    base - WasmFeatures::SIMD
}

impl Default for Config {
    fn default() -> Self {
        Config {
            features: supported_features(SpecVersion::V2),
            max_call_depth: 100_000,
            max_stack_slots: 1 << 21,
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
    /// The default configuration: every implemented feature of WebAssembly 2.0
    /// on, a call depth of 100 000 frames and 16 MiB of value stack.
    pub fn new() -> Config {
        Config::default()
    }

    /// Turns on exactly the feature set of a specification version, and turns
    /// off everything else.
    pub fn spec_version(&mut self, version: SpecVersion) -> &mut Self {
        self.features = supported_features(version);
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
    }

    /// The maximum number of nested WebAssembly calls; one more traps with
    /// "call stack exhausted".
    pub fn max_call_depth(&mut self, depth: usize) -> &mut Self {
        self.max_call_depth = depth.max(1);
        self
    }

    /// The maximum size, in bytes, of the interpreter's value stack (locals and
    /// temporaries of all active calls); going past it traps with
    /// "call stack exhausted". Named as Wasmtime's setting.
    pub fn max_wasm_stack(&mut self, bytes: usize) -> &mut Self {
        self.max_stack_slots = (bytes / 8).max(1);
        self
    }

    /// The set of WebAssembly features that validation accepts.
    pub fn features(&self) -> WasmFeatures {
        self.features
    }
}
