//! The `wasm-smith` configurations of the targets.

use arbitrary::{Result, Unstructured};
use wasm_smith::Config;

/// wasm-smith's defaults with every proposal Tern does not implement turned
/// off: GC (and with it typed function references), threads, wide
/// arithmetic, custom page sizes, compact imports, custom descriptors.
/// Left on: the MVP, mutable globals, sign extension, non-trapping
/// float-to-int, multi-value, bulk memory, reference types, SIMD, relaxed
/// SIMD, tail calls, extended constant expressions, memory64, exception
/// handling (and multi-memory, with `max_memories > 1`).
pub fn tern_default_features() -> Config {
    Config {
        gc_enabled: false,
        exceptions_enabled: true,
        threads_enabled: false,
        shared_everything_threads_enabled: false,
        wide_arithmetic_enabled: false,
        custom_page_sizes_enabled: false,
        compact_imports_enabled: false,
        custom_descriptors_enabled: false,
        ..Config::default()
    }
}

/// For `validate`: modules with imports, up to 4 memories and tables.
pub fn validate_config(u: &mut Unstructured<'_>) -> Result<Config> {
    Ok(Config {
        max_memories: u.int_in_range(1..=4)?,
        max_tables: u.int_in_range(1..=4)?,
        max_funcs: 50,
        max_instructions: 200,
        ..tern_default_features()
    })
}

/// For `execute`: no imports, everything exported, memories of up to
/// 128 MiB (the store allows 64 MiB, so some instantiations are refused) and
/// tables of up to 200 000 elements (the store allows 100 000); half of the
/// modules avoid traps so that calls run further.
pub fn execute_config(u: &mut Unstructured<'_>) -> Result<Config> {
    Ok(Config {
        max_imports: 0,
        export_everything: true,
        min_funcs: 1,
        max_funcs: 20,
        max_instructions: 150,
        max_memories: u.int_in_range(1..=3)?,
        max_tables: u.int_in_range(1..=3)?,
        max_memory32_bytes: 128 << 20,
        max_memory64_bytes: 128 << 20,
        max_table_elements: 200_000,
        max_data_segments: 20,
        max_element_segments: 20,
        max_globals: 20,
        disallow_traps: u.arbitrary()?,
        // One module in four may use GC: recursion groups, subtypes, typed
        // references, structs, arrays, i31, casts, extern conversions.
        gc_enabled: u.ratio(1, 4)?,
        ..tern_default_features()
    })
}

/// For `differential`: as `execute`, but only deterministic features (no
/// relaxed SIMD), none that wasmi lacks (exception handling), and with NaNs
/// canonicalized after every float operation, so that both engines must
/// agree bit for bit. Smaller, to keep the CI smoke run short.
pub fn differential_config(u: &mut Unstructured<'_>) -> Result<Config> {
    Ok(Config {
        relaxed_simd_enabled: false,
        exceptions_enabled: false,
        gc_enabled: false,
        canonicalize_nans: true,
        max_funcs: 12,
        max_instructions: 100,
        max_memory32_bytes: 96 << 20,
        max_memory64_bytes: 96 << 20,
        ..execute_config(u)?
    })
}

/// For the tier comparison of `differential` (`tiers.rs`): as
/// `differential`, with relaxed SIMD too, since Tern's interpreter and JIT
/// make the same choice for each relaxed instruction, exception handling
/// (which runs interpreted, thrown through compiled frames), and in one
/// module of four GC (which also runs interpreted; see `execute_config`).
pub fn tiers_config(u: &mut Unstructured<'_>) -> Result<Config> {
    Ok(Config {
        relaxed_simd_enabled: true,
        exceptions_enabled: true,
        gc_enabled: u.ratio(1, 4)?,
        ..differential_config(u)?
    })
}
