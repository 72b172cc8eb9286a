//! Tern: a fast, safe, embeddable WebAssembly runtime.
//!
//! The embedding API follows Wasmtime's names and shapes: an [`Engine`]
//! compiles [`Module`]s, a [`Store`] owns instances and host state, a
//! [`Linker`] resolves imports by name, and [`Func`] / [`TypedFunc`] call into
//! WebAssembly. Modules are validated in full by [`Module::new`]; each function
//! is translated to a register-based bytecode on its first call and run by an
//! interpreter that keeps its own call stack, and (with the default
//! [`Strategy::Tiered`], on x86-64 Linux) hot functions and loops move to
//! machine code that Cranelift compiles on a background thread. See
//! [`Strategy`] and [`Cache`] for the other choices.
//!
//! **Signals.** The first time compiled code is mapped, Tern installs
//! handlers for `SIGSEGV`, `SIGBUS`, `SIGILL` and `SIGFPE` (as Wasmtime
//! does): a fault at a trapping instruction of compiled code becomes a
//! [`Trap`]; every other signal goes on to the handler installed before
//! Tern's. An embedder that installs its own handler for these signals
//! afterwards must pass on the signals it does not handle to the previous
//! handler, or traps in compiled code will kill the process; one that cannot
//! should use [`Strategy::Interpreter`].
//!
//! ```
//! use tern::{Caller, Engine, Linker, Module, Store};
//!
//! let engine = Engine::default();
//! let module = Module::new(
//!     &engine,
//!     r#"(module
//!          (import "host" "double" (func $double (param i32) (result i32)))
//!          (func (export "quadruple") (param i32) (result i32)
//!            (call $double (call $double (local.get 0)))))"#,
//! )?;
//! let mut store = Store::new(&engine, 0u32);
//! let mut linker = Linker::new(&engine);
//! linker.func_wrap("host", "double", |mut caller: Caller<'_, u32>, x: i32| {
//!     *caller.data_mut() += 1; // count host calls
//!     x * 2
//! })?;
//! let instance = linker.instantiate(&mut store, &module)?;
//! let quadruple = instance.get_typed_func::<i32, i32>(&mut store, "quadruple")?;
//! assert_eq!(quadruple.call(&mut store, 5)?, 20);
//! assert_eq!(*store.data(), 2);
//! # Ok::<(), tern::Error>(())
//! ```
//!
//! Untrusted code runs under limits (see [`limits`]): fuel counted in
//! WebAssembly operators, epoch deadlines another thread can end, and caps
//! on memories, tables and instances.
//!
//! ```
//! use tern::{Config, Engine, Module, Instance, Store, Trap};
//!
//! let mut config = Config::new();
//! config.consume_fuel(true);
//! let engine = Engine::new(&config)?;
//! let module = Module::new(&engine, r#"(module (func (export "spin") (loop (br 0))))"#)?;
//! let mut store = Store::new(&engine, ());
//! store.set_fuel(10_000)?;
//! let instance = Instance::new(&mut store, &module, &[])?;
//! let spin = instance.get_typed_func::<(), ()>(&mut store, "spin")?;
//! let err = spin.call(&mut store, ()).unwrap_err();
//! assert_eq!(err.trap(), Some(Trap::OutOfFuel));
//! # Ok::<(), tern::Error>(())
//! ```

#![warn(missing_docs)]

mod config;
mod engine;
mod error;
mod interp;
mod jit;
pub mod limits;
mod module;
mod runtime;
mod types;
mod values;

pub use config::{Cache, Config, ProfilingStrategy, SpecVersion, Strategy};
pub use engine::Engine;
pub use error::{Error, ErrorKind, FrameInfo, Result, Trap, WasmBacktrace};
pub use limits::{ResourceLimiter, StoreLimits, StoreLimitsBuilder};
pub use module::Module;
pub use runtime::exception::{ExnRef, Tag};
pub use runtime::func::{
    Caller, ExternRef, Func, IntoFunc, TypedFunc, WasmParams, WasmResults, WasmRet, WasmTy,
};
pub use runtime::gc::{AnyRef, ArrayRef, I31, StructRef};
pub use runtime::global::Global;
pub use runtime::instance::{Export, Extern, Instance};
pub use runtime::linker::Linker;
pub use runtime::memory::{Memory, MemoryAccessError, WASM_PAGE_SIZE};
pub use runtime::store::{AsContext, AsContextMut, Store, StoreContext, StoreContextMut};
pub use runtime::table::Table;
pub use types::{
    ArrayType, ArrayTypeId, ExportType, ExternType, FieldType, FuncType, FuncTypeId, GlobalType,
    HeapType, ImportType, MemoryType, Mutability, RefType, StorageType, StructType, StructTypeId,
    TableType, TagType, ValType,
};
pub use values::{Ref, V128, Val};

/// The interpreter's dispatch backend in this build: `"tail-call"` (threaded
/// handlers, the optimized build) or `"portable"` (`loop { match }`, debug
/// builds and targets without reliable tail calls).
pub fn interpreter_dispatch() -> &'static str {
    if cfg!(tern_tail_dispatch) {
        "tail-call"
    } else {
        "portable"
    }
}
