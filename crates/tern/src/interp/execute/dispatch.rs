//! The two dispatch backends, both generated from the instruction list.
//!
//! - **Tail-call threaded** (`cfg(tern_tail_dispatch)`, chosen by the build
//!   script at opt-level 2 and above on targets where LLVM lowers sibling
//!   calls to jumps): every instruction has its own handler function with one
//!   signature; a handler executes its instruction and ends by calling the
//!   next instruction's handler in tail position. The registers stay in CPU
//!   registers across instructions, and each handler has its own indirect
//!   jump, which the branch predictor can learn per instruction.
//! - **Portable** (`loop { match }`): one dispatch point; used in debug builds,
//!   where calls in tail position are not turned into jumps and a chain of
//!   handlers would grow the native stack with every instruction.

use super::handlers::Exec;
use super::{Regs, Stop, Vm};
use crate::interp::ir::Instr;
#[cfg(not(tern_tail_dispatch))]
use crate::interp::ir::for_each_instr;

#[cfg(tern_tail_dispatch)]
pub(super) use tail::run;

#[cfg(not(tern_tail_dispatch))]
pub(super) use portable::run;

#[cfg(tern_tail_dispatch)]
mod tail {
    use super::*;
    use crate::interp::ir::{NUM_OPCODES, for_each_instr, op};

    /// The signature every handler shares (so calls between them can be
    /// compiled as jumps). The arguments are the registers: the size of
    /// memory 0 is not among them but in `Vm::mem_len` (bounds checks
    /// compare with it in memory, a load that no dependency chain waits
    /// for), so that the handler table can be: each dispatch is then one
    /// load of the opcode and one indirect jump through the table.
    type Handler = unsafe fn(&mut Vm<'_>, *const Instr, *mut u64, *mut u8, Table, u64, f64) -> Stop;

    /// The handler table, passed from handler to handler.
    #[derive(Clone, Copy)]
    struct Table(*const Handler);

    macro_rules! handler_table {
        ($(
            $(#[$doc:meta])*
            $name:ident { $($field:ident : $ty:ty),* $(,)? } $(=> $res:ident)? $(jump $br:ident)?;
        )*) => {
            /// Handlers indexed by opcode.
            static HANDLERS: [Handler; NUM_OPCODES] = [$(handler::<op::$name>,)*];
        };
    }
    for_each_instr!(handler_table);

    /// Runs until the entry frame returns or execution stops.
    ///
    /// # Safety
    ///
    /// `r` must describe the entry frame of a translated function of a live
    /// instance of `vm.store`.
    pub(in super::super) unsafe fn run(vm: &mut Vm<'_>, r: Regs) -> Stop {
        vm.mem_len = r.mem_len;
        let table = Table(HANDLERS.as_ptr());
        // SAFETY: guaranteed by the caller.
        unsafe { next(vm, r.ip, r.sp, r.mem, table, r.acc, r.facc) }
    }

    /// Jumps to the handler of the instruction at `ip`.
    ///
    /// # Safety
    ///
    /// The registers must describe a frame of a live instance of
    /// `vm.store`, `ip` an instruction of its function, and `table` must be
    /// HANDLERS.
    #[inline(always)]
    unsafe fn next(
        vm: &mut Vm<'_>,
        ip: *const Instr,
        sp: *mut u64,
        mem: *mut u8,
        table: Table,
        acc: u64,
        facc: f64,
    ) -> Stop {
        // SAFETY: `ip` points to an instruction (the translator ends every
        // path with a branch, return or trap), whose opcode indexes the
        // table, HANDLERS.
        unsafe {
            let handler = *table.0.add((*ip).opcode() as usize);
            handler(vm, ip, sp, mem, table, acc, facc)
        }
    }

    /// Executes one instruction of kind `O`, then continues with the next.
    ///
    /// # Safety
    ///
    /// As for [`next`], with `ip` an instruction of kind `O`.
    unsafe fn handler<O: Exec>(
        vm: &mut Vm<'_>,
        ip: *const Instr,
        sp: *mut u64,
        mem: *mut u8,
        table: Table,
        acc: u64,
        facc: f64,
    ) -> Stop {
        let mut r = Regs {
            ip,
            sp,
            mem,
            mem_len: vm.mem_len,
            acc,
            facc,
        };
        // SAFETY: this handler is only reached through HANDLERS for an
        // instruction of kind `O`; the registers are valid (see `run`).
        unsafe {
            let op = O::decode(ip);
            match op.exec(&mut r, vm) {
                Ok(()) => {
                    vm.mem_len = r.mem_len;
                    next(vm, r.ip, r.sp, r.mem, table, r.acc, r.facc)
                }
                Err(stop) => stop,
            }
        }
    }
}

#[cfg(not(tern_tail_dispatch))]
mod portable {
    use super::*;

    macro_rules! run_loop {
        ($(
            $(#[$doc:meta])*
            $name:ident { $($field:ident : $ty:ty),* $(,)? } $(=> $res:ident)? $(jump $br:ident)?;
        )*) => {
            /// Runs until the entry frame returns or execution stops.
            ///
            /// # Safety
            ///
            /// `r` must describe the entry frame of a translated function of
            /// a live instance of `vm.store`.
            pub(in super::super) unsafe fn run(vm: &mut Vm<'_>, mut r: Regs) -> Stop {
                loop {
                    // SAFETY: `ip` always points to an instruction of the
                    // running function, and the registers stay valid.
                    let flow = unsafe {
                        match *r.ip {
                            $( Instr::$name(op) => op.exec(&mut r, vm), )*
                        }
                    };
                    if let Err(stop) = flow {
                        return stop;
                    }
                }
            }
        };
    }
    for_each_instr!(run_loop);
}
