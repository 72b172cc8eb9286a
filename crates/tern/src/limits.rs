//! Limits on what a guest may use: fuel, epoch deadlines and resource caps.
//!
//! # Fuel
//!
//! With [`Config::consume_fuel`](crate::Config::consume_fuel) on, a store
//! holds a fuel counter ([`Store::set_fuel`](crate::Store::set_fuel),
//! [`Store::get_fuel`](crate::Store::get_fuel)) and WebAssembly code pays
//! for what it runs. The cost model is defined on the module's operators, not
//! on any tier's instructions, so the interpreter and a compiled tier charge
//! exactly the same amounts at the same points:
//!
//! - every operator costs 1, except `nop`, `drop`, `block`, `loop`, `else`,
//!   `end`, `unreachable` and `return`, which cost 0 (Wasmtime's model);
//! - a function body is cut into *runs*: a run starts at the function's
//!   entry, at a `loop` (its header is a branch target), after an `if`,
//!   `else` or `end`, and after every branch (`br`, `br_if`, `br_table`,
//!   `br_on_null`, `br_on_non_null`, `return`, `return_call*` including
//!   `return_call_ref`, `throw`, `throw_ref`); calls (`call_ref` too) do
//!   not end a run;
//! - entering a run charges the cost of all its operators at once. If the
//!   fuel left is less than that, the store traps with
//!   [`Trap::OutOfFuel`](crate::Trap::OutOfFuel) before any operator of the
//!   run executes, and the fuel is left as it was;
//! - the bulk operators (`memory.fill`, `memory.copy`, `memory.init`,
//!   `table.fill`, `table.copy`, `table.init`, and the GC proposal's
//!   `array.new`, `array.new_default`, `array.new_fixed`, `array.new_data`,
//!   `array.new_elem`, `array.fill`, `array.copy`, `array.init_data`,
//!   `array.init_elem`) also cost 1 per 64 bytes or elements they write
//!   (rounded down; elements for the array operators), charged after their
//!   bounds check and before the first write, so that a loop of 4 GiB fills
//!   cannot run for hours on a handful of fuel;
//! - host functions run free: they are the host's own code;
//! - `throw` and `throw_ref` cost 1 like any operator; an exception caught
//!   by a `try_table` resumes at its catch clause's label (a block's end, a
//!   loop header or the function's end), where a run starts, so what runs
//!   after a catch is charged as after a branch there.
//!
//! So the same module, arguments and fuel always trap at the same operator,
//! and a run that completes leaves the same fuel every time.
//!
//! # Epoch deadlines
//!
//! With [`Config::epoch_interruption`](crate::Config::epoch_interruption) on,
//! code compares the engine's epoch
//! ([`Engine::increment_epoch`](crate::Engine::increment_epoch)) with the
//! store's deadline ([`Store::set_epoch_deadline`](crate::Store::set_epoch_deadline))
//! at every function entry and loop header, and between chunks of bulk memory
//! operations; once the epoch reaches the deadline the code traps with
//! [`Trap::Interrupt`](crate::Trap::Interrupt). A timer thread that
//! increments the epoch every tick thus stops a guest within its budget plus
//! one tick.
//!
//! # Resource caps
//!
//! A [`ResourceLimiter`], installed with
//! [`Store::limiter`](crate::Store::limiter), decides every growth of a
//! memory or table (including their initial sizes at instantiation) and
//! caps the number of instances, tables and memories of a store.
//! [`StoreLimits`] is a ready one.

use crate::{Error, Result};
use wasmparser::Operator;

/// The fuel cost of one operator (see the module documentation).
pub(crate) fn operator_cost(op: &Operator<'_>) -> u32 {
    use Operator as O;
    match op {
        O::Nop
        | O::Drop
        | O::Block { .. }
        | O::Loop { .. }
        | O::Else
        | O::End
        | O::Unreachable
        | O::Return => 0,
        _ => 1,
    }
}

/// Whether `op` ends a run of operators (see the module documentation); a
/// `loop` starts one.
pub(crate) fn ends_run(op: &Operator<'_>) -> bool {
    matches!(
        op,
        Operator::If { .. }
            | Operator::Else
            | Operator::End
            | Operator::Br { .. }
            | Operator::BrIf { .. }
            | Operator::BrTable { .. }
            | Operator::Return
            | Operator::Unreachable
            | Operator::ReturnCall { .. }
            | Operator::ReturnCallIndirect { .. }
            | Operator::ReturnCallRef { .. }
            | Operator::BrOnNull { .. }
            | Operator::BrOnNonNull { .. }
            | Operator::Throw { .. }
            | Operator::ThrowRef
    )
}

/// The extra fuel a bulk operator pays for writing `len` bytes or elements.
#[inline]
pub(crate) fn bulk_cost(len: u64) -> u64 {
    len / 64
}

/// How many bytes a bulk memory operation handles between two epoch checks:
/// small enough that a 4 GiB `memory.fill` notices a deadline within a few
/// milliseconds, large enough that the check costs nothing measurable.
pub(crate) const BULK_CHUNK: usize = 16 << 20;

/// The default number of instances, tables and memories a store may hold
/// (Wasmtime's default).
pub const DEFAULT_INSTANCE_LIMIT: usize = 10_000;
/// See [`DEFAULT_INSTANCE_LIMIT`].
pub const DEFAULT_TABLE_LIMIT: usize = 10_000;
/// See [`DEFAULT_INSTANCE_LIMIT`].
pub const DEFAULT_MEMORY_LIMIT: usize = 10_000;

/// Decides how far the memories and tables of a store may grow, and how many
/// instances, tables and memories it may hold. Install one with
/// [`Store::limiter`](crate::Store::limiter).
///
/// The growth hooks are asked before every growth: `memory.grow` and
/// `table.grow` in WebAssembly, [`Memory::grow`](crate::Memory::grow) and
/// [`Table::grow`](crate::Table::grow) from the host, and the allocation of
/// the initial size when a memory or table is created (with `current` 0).
/// Returning `Ok(false)` refuses: the growth operator returns -1, and an
/// initial allocation fails instantiation with an error naming the limit.
/// Returning an error traps (or fails the host call) with that error.
pub trait ResourceLimiter {
    /// A memory wants to grow from `current` to `desired` bytes; `maximum` is
    /// its declared maximum in bytes, if it has one.
    fn memory_growing(
        &mut self,
        current: usize,
        desired: usize,
        maximum: Option<usize>,
    ) -> Result<bool>;

    /// A memory growth that was allowed failed anyway (the host had no
    /// memory). By default, the growth just returns -1.
    fn memory_grow_failed(&mut self, error: Error) -> Result<()> {
        let _ = error;
        Ok(())
    }

    /// A table wants to grow from `current` to `desired` elements; `maximum`
    /// is its declared maximum, if it has one.
    fn table_growing(
        &mut self,
        current: usize,
        desired: usize,
        maximum: Option<usize>,
    ) -> Result<bool>;

    /// A table growth that was allowed failed anyway. By default, the growth
    /// just returns -1.
    fn table_grow_failed(&mut self, error: Error) -> Result<()> {
        let _ = error;
        Ok(())
    }

    /// The most instances the store may hold.
    fn instances(&self) -> usize {
        DEFAULT_INSTANCE_LIMIT
    }

    /// The most tables the store may hold (defined and created by the host).
    fn tables(&self) -> usize {
        DEFAULT_TABLE_LIMIT
    }

    /// The most memories the store may hold (defined and created by the host).
    fn memories(&self) -> usize {
        DEFAULT_MEMORY_LIMIT
    }
}

/// A ready [`ResourceLimiter`]: caps on the size of each memory and table and
/// on the number of instances, tables and memories. Build one with
/// [`StoreLimitsBuilder`].
///
/// ```
/// use tern::{Engine, Module, Store, Instance, StoreLimits, StoreLimitsBuilder};
///
/// struct Host {
///     limits: StoreLimits,
/// }
/// let engine = Engine::default();
/// let limits = StoreLimitsBuilder::new().memory_size(1 << 20).build();
/// let mut store = Store::new(&engine, Host { limits });
/// store.limiter(|host| &mut host.limits);
///
/// // Within the cap: 16 pages of 64 KiB is exactly 1 MiB.
/// let ok = Module::new(&engine, "(module (memory 16))")?;
/// Instance::new(&mut store, &ok, &[])?;
/// // Past the cap: instantiation fails, naming the limit.
/// let big = Module::new(&engine, "(module (memory 17))")?;
/// let err = Instance::new(&mut store, &big, &[]).unwrap_err();
/// assert!(err.to_string().contains("memory"), "{err}");
/// # Ok::<(), tern::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct StoreLimits {
    memory_size: Option<usize>,
    table_elements: Option<usize>,
    instances: usize,
    tables: usize,
    memories: usize,
    trap_on_grow_failure: bool,
}

impl Default for StoreLimits {
    fn default() -> Self {
        StoreLimits {
            memory_size: None,
            table_elements: None,
            instances: DEFAULT_INSTANCE_LIMIT,
            tables: DEFAULT_TABLE_LIMIT,
            memories: DEFAULT_MEMORY_LIMIT,
            trap_on_grow_failure: false,
        }
    }
}

impl StoreLimits {
    /// Whether a memory or table (`what`, sized in `unit`) may grow to
    /// `desired` under `limit` and its own `maximum`; past either, -1, or a
    /// trap with `trap_on_grow_failure`.
    fn decide(
        &self,
        limit: Option<usize>,
        desired: usize,
        maximum: Option<usize>,
        what: &str,
        unit: &str,
    ) -> Result<bool> {
        let allow =
            limit.is_none_or(|limit| desired <= limit) && maximum.is_none_or(|max| desired <= max);
        if !allow && self.trap_on_grow_failure {
            return Err(Error::resource_limit(format!(
                "{what} of {desired} {unit} exceeds the store's limit"
            )));
        }
        Ok(allow)
    }

    /// An allowed growth failed: a trap with `trap_on_grow_failure`.
    fn grow_failed(&self, error: Error) -> Result<()> {
        if self.trap_on_grow_failure {
            Err(error)
        } else {
            Ok(())
        }
    }
}

impl ResourceLimiter for StoreLimits {
    fn memory_growing(
        &mut self,
        _current: usize,
        desired: usize,
        maximum: Option<usize>,
    ) -> Result<bool> {
        self.decide(self.memory_size, desired, maximum, "memory", "bytes")
    }

    fn memory_grow_failed(&mut self, error: Error) -> Result<()> {
        self.grow_failed(error)
    }

    fn table_growing(
        &mut self,
        _current: usize,
        desired: usize,
        maximum: Option<usize>,
    ) -> Result<bool> {
        self.decide(self.table_elements, desired, maximum, "table", "elements")
    }

    fn table_grow_failed(&mut self, error: Error) -> Result<()> {
        self.grow_failed(error)
    }

    fn instances(&self) -> usize {
        self.instances
    }

    fn tables(&self) -> usize {
        self.tables
    }

    fn memories(&self) -> usize {
        self.memories
    }
}

/// Builds [`StoreLimits`]; every limit not set is the default (no cap on
/// sizes beyond the types' own maxima, 10 000 instances, tables and
/// memories).
#[derive(Debug, Clone, Default)]
pub struct StoreLimitsBuilder(StoreLimits);

impl StoreLimitsBuilder {
    /// Limits with every setting at its default.
    pub fn new() -> Self {
        Self::default()
    }

    /// The most bytes any one linear memory may hold.
    pub fn memory_size(mut self, bytes: usize) -> Self {
        self.0.memory_size = Some(bytes);
        self
    }

    /// The most elements any one table may hold.
    pub fn table_elements(mut self, elements: usize) -> Self {
        self.0.table_elements = Some(elements);
        self
    }

    /// The most instances the store may hold.
    pub fn instances(mut self, n: usize) -> Self {
        self.0.instances = n;
        self
    }

    /// The most tables the store may hold.
    pub fn tables(mut self, n: usize) -> Self {
        self.0.tables = n;
        self
    }

    /// The most memories the store may hold.
    pub fn memories(mut self, n: usize) -> Self {
        self.0.memories = n;
        self
    }

    /// Whether a growth past a limit traps instead of returning -1.
    pub fn trap_on_grow_failure(mut self, trap: bool) -> Self {
        self.0.trap_on_grow_failure = trap;
        self
    }

    /// The limits.
    pub fn build(self) -> StoreLimits {
        self.0
    }
}
