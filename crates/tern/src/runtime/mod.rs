//! Runtime structures: the store and the entities it owns.

pub(crate) mod bulk;
pub(crate) mod exception;
pub(crate) mod func;
pub(crate) mod gc;
pub(crate) mod global;
pub(crate) mod instance;
pub(crate) mod linker;
pub(crate) mod memory;
pub(crate) mod native_stack;
pub(crate) mod store;
pub(crate) mod table;
pub(crate) mod vmctx;
