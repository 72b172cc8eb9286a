//! Tier 0: the register-bytecode interpreter.
//!
//! - [`ir`]: the instruction set, declared once;
//! - [`translate`]: operators of a validated body to bytecode, on first call;
//! - [`execute`]: the executor, its own call stack, and the two dispatch
//!   backends (tail-call threaded handlers when optimizing, `loop { match }`
//!   otherwise).

mod accumulate;
pub(crate) mod execute;
pub(crate) mod ir;
pub(crate) mod simd;
mod translate;

pub(crate) use execute::{Stack, invoke, invoke_from};
pub(crate) use ir::CompiledFunc;
pub(crate) use translate::translate;
