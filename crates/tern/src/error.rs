//! Errors and traps.
//!
//! [`Error`] is one pointer wide: everything else lives behind a box, so a
//! `Result<T, Error>` costs little on the happy path. The kind tells a module
//! that is malformed (bad binary or text) from one that is invalid (fails
//! validation), an import that cannot be satisfied, and a [`Trap`].

use std::fmt;

/// A specialized result type for Tern operations.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, broadly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The module's bytes or text could not be decoded (the spec's "malformed").
    Malformed,
    /// The module decoded but failed validation (the spec's "invalid").
    Invalid,
    /// The module is valid WebAssembly but uses something Tern does not
    /// implement (yet), such as SIMD, or exceeds an implementation limit of
    /// the interpreter. (A construct of a proposal switched off in the
    /// [`Config`](crate::Config) is malformed or invalid, as the specification
    /// version without that proposal says.)
    Unsupported,
    /// An import could not be resolved, or resolved to something of the wrong type.
    Unlinkable,
    /// WebAssembly code trapped, or a limit stopped it.
    Trap(Trap),
    /// A host function returned an error.
    Host,
    /// A wrong use of the API (wrong number or type of arguments, unknown export).
    Usage,
    /// Reading a file failed.
    Io,
    /// A resource limit (a [`ResourceLimiter`](crate::ResourceLimiter), or
    /// the store's own caps) refused a memory, table or instance.
    ResourceLimit,
    /// WebAssembly threw an exception that nothing caught (the
    /// exception-handling proposal); [`Error::exception`] is the exception.
    Exception,
}

/// A WebAssembly trap: the reason guest code was stopped.
///
/// The messages follow the WebAssembly specification's wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Trap {
    /// The call stack (frames or value slots) reached its configured limit.
    StackOverflow,
    /// A memory access was out of bounds.
    MemoryOutOfBounds,
    /// A table access was out of bounds; for `call_indirect` the specification
    /// words it "undefined element".
    TableOutOfBounds,
    /// `call_indirect` found a null entry ("uninitialized element").
    IndirectCallToNull,
    /// `call_indirect` found a function of another type.
    BadSignature,
    /// Signed division overflowed, or a float-to-int conversion was out of range.
    IntegerOverflow,
    /// Integer division or remainder by zero.
    IntegerDivisionByZero,
    /// Float-to-int conversion of a NaN.
    BadConversionToInteger,
    /// The `unreachable` instruction was executed.
    UnreachableCodeReached,
    /// A null reference was dereferenced.
    NullReference,
    /// `ref.cast` found a reference of another type (the GC proposal).
    CastFailure,
    /// An array access was out of bounds (the GC proposal).
    ArrayOutOfBounds,
    /// A struct or array would not fit in the store's GC heap
    /// (`Config::max_gc_heap`).
    AllocationTooLarge,
    /// Execution was interrupted (deadline or epoch).
    Interrupt,
    /// The store ran out of fuel.
    OutOfFuel,
}

impl Trap {
    /// The trap's message, in the specification's wording.
    pub fn message(&self) -> &'static str {
        match self {
            Trap::StackOverflow => "call stack exhausted",
            Trap::MemoryOutOfBounds => "out of bounds memory access",
            Trap::TableOutOfBounds => "out of bounds table access",
            Trap::IndirectCallToNull => "uninitialized element",
            Trap::BadSignature => "indirect call type mismatch",
            Trap::IntegerOverflow => "integer overflow",
            Trap::IntegerDivisionByZero => "integer divide by zero",
            Trap::BadConversionToInteger => "invalid conversion to integer",
            Trap::UnreachableCodeReached => "wasm `unreachable` instruction executed",
            Trap::NullReference => "null reference",
            Trap::CastFailure => "cast failure",
            Trap::ArrayOutOfBounds => "out of bounds array access",
            Trap::AllocationTooLarge => "allocation size too large",
            Trap::Interrupt => "interrupt",
            Trap::OutOfFuel => "all fuel consumed by WebAssembly",
        }
    }
}

impl fmt::Display for Trap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for Trap {}

/// One frame of a [`WasmBacktrace`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameInfo {
    module_name: Option<String>,
    func_index: u32,
    func_name: Option<String>,
}

impl FrameInfo {
    pub(crate) fn new(
        module_name: Option<String>,
        func_index: u32,
        func_name: Option<String>,
    ) -> Self {
        FrameInfo {
            module_name,
            func_index,
            func_name,
        }
    }

    /// The module's name (from its name section), if it has one.
    pub fn module_name(&self) -> Option<&str> {
        self.module_name.as_deref()
    }

    /// The function's index in its module's function index space.
    pub fn func_index(&self) -> u32 {
        self.func_index
    }

    /// The function's name (from the name section), if it has one.
    pub fn func_name(&self) -> Option<&str> {
        self.func_name.as_deref()
    }
}

impl fmt::Display for FrameInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.module_name.as_deref().unwrap_or("<unknown>"))?;
        f.write_str("!")?;
        match &self.func_name {
            Some(name) => f.write_str(name),
            None => write!(f, "<wasm function {}>", self.func_index),
        }
    }
}

/// The WebAssembly call stack at the point of a trap, innermost frame first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WasmBacktrace {
    frames: Vec<FrameInfo>,
    /// Frames left out because the stack was deeper than what is kept.
    elided: usize,
}

impl WasmBacktrace {
    pub(crate) fn new(frames: Vec<FrameInfo>, elided: usize) -> Self {
        WasmBacktrace { frames, elided }
    }

    /// The frames, innermost first.
    pub fn frames(&self) -> &[FrameInfo] {
        &self.frames
    }

    /// How many outer frames were left out (a backtrace keeps at most 64).
    pub fn elided(&self) -> usize {
        self.elided
    }

    /// Appends the frames of an outer activation, keeping at most
    /// `MAX_FRAMES` in all (the rest count as elided).
    fn extend(&mut self, outer: WasmBacktrace) {
        const MAX_FRAMES: usize = 64;
        let room = MAX_FRAMES.saturating_sub(self.frames.len());
        let kept = outer.frames.len().min(room);
        self.elided += outer.frames.len() - kept + outer.elided;
        self.frames.extend(outer.frames.into_iter().take(kept));
    }
}

impl fmt::Display for WasmBacktrace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "wasm backtrace:")?;
        for (i, frame) in self.frames.iter().enumerate() {
            writeln!(f, "  {i:>4}: {frame}")?;
        }
        if self.elided > 0 {
            writeln!(f, "        ... {} more frames", self.elided)?;
        }
        Ok(())
    }
}

struct ErrorImpl {
    kind: ErrorKind,
    message: String,
    backtrace: Option<WasmBacktrace>,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
    /// The exception, for [`ErrorKind::Exception`].
    exception: Option<crate::ExnRef>,
}

/// The error type of every fallible Tern operation.
pub struct Error {
    inner: Box<ErrorImpl>,
}

impl Error {
    #[cold]
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            inner: Box::new(ErrorImpl {
                kind,
                message: message.into(),
                backtrace: None,
                source: None,
                exception: None,
            }),
        }
    }

    #[cold]
    pub(crate) fn malformed(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Malformed, message)
    }

    #[cold]
    pub(crate) fn invalid(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Invalid, message)
    }

    #[cold]
    pub(crate) fn unsupported(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Unsupported, message)
    }

    #[cold]
    pub(crate) fn unlinkable(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Unlinkable, message)
    }

    #[cold]
    pub(crate) fn resource_limit(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::ResourceLimit, message)
    }

    #[cold]
    pub(crate) fn usage(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Usage, message)
    }

    /// An error carrying a plain message, for host functions to return.
    #[cold]
    pub fn msg(message: impl fmt::Display) -> Error {
        Error::new(ErrorKind::Host, message.to_string())
    }

    /// Wraps any error, for host functions to return; [`Error::downcast_ref`]
    /// gets it back.
    #[cold]
    pub fn host(error: impl std::error::Error + Send + Sync + 'static) -> Error {
        let message = error.to_string();
        let mut e = Error::new(ErrorKind::Host, message);
        e.inner.source = Some(Box::new(error));
        e
    }

    /// An error that throws `exception`: returned by a host function, it
    /// is thrown in the WebAssembly code that called it, where `catch`
    /// clauses may catch it; otherwise it reaches the host as an uncaught
    /// exception.
    #[cold]
    pub fn throw(exception: crate::ExnRef) -> Error {
        let mut e = Error::new(ErrorKind::Exception, "uncaught wasm exception");
        e.inner.exception = Some(exception);
        e
    }

    /// The exception, if this error is an uncaught exception.
    pub fn exception(&self) -> Option<crate::ExnRef> {
        self.inner.exception
    }

    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The trap, if this error is one.
    pub fn trap(&self) -> Option<Trap> {
        match self.inner.kind {
            ErrorKind::Trap(t) => Some(t),
            _ => None,
        }
    }

    /// The error's message, without backtrace.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// The wasm call stack at the point of the trap or host error, if any.
    pub fn wasm_backtrace(&self) -> Option<&WasmBacktrace> {
        self.inner.backtrace.as_ref()
    }

    /// Adds the frames of the activation the error passes through on its
    /// way out (`outer`, innermost first) below those it already has: an
    /// error from a nested entry into WebAssembly (through a host function,
    /// or between the interpreter and compiled code) keeps the whole stack.
    pub(crate) fn set_backtrace(&mut self, outer: WasmBacktrace) {
        match &mut self.inner.backtrace {
            None => self.inner.backtrace = Some(outer),
            Some(inner) => inner.extend(outer),
        }
    }

    /// Prefixes the message with context, keeping the kind.
    pub fn context(mut self, context: impl fmt::Display) -> Error {
        self.inner.message = format!("{context}: {}", self.inner.message);
        self
    }

    /// The wrapped host error of type `E`, if that is what this error carries.
    pub fn downcast_ref<E: std::error::Error + 'static>(&self) -> Option<&E> {
        self.inner.source.as_ref()?.downcast_ref::<E>()
    }
}

impl From<Trap> for Error {
    #[cold]
    fn from(trap: Trap) -> Error {
        Error::new(ErrorKind::Trap(trap), trap.message())
    }
}

impl From<std::io::Error> for Error {
    #[cold]
    fn from(error: std::io::Error) -> Error {
        let mut e = Error::new(ErrorKind::Io, error.to_string());
        e.inner.source = Some(Box::new(error));
        e
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.inner.kind)
            .field("message", &self.inner.message)
            .field("backtrace", &self.inner.backtrace)
            .finish()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.trap().is_some() {
            write!(f, "wasm trap: {}", self.inner.message)
        } else {
            f.write_str(&self.inner.message)
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.inner.source {
            Some(s) => Some(&**s),
            None => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_one_word() {
        assert_eq!(size_of::<Error>(), size_of::<usize>());
        assert_eq!(size_of::<Result<(), Error>>(), size_of::<usize>());
    }

    #[test]
    fn trap_display_and_kind() {
        let e = Error::from(Trap::IntegerDivisionByZero);
        assert_eq!(e.trap(), Some(Trap::IntegerDivisionByZero));
        assert_eq!(e.to_string(), "wasm trap: integer divide by zero");
        assert_eq!(e.kind(), ErrorKind::Trap(Trap::IntegerDivisionByZero));
    }

    #[test]
    fn host_error_downcasts() {
        #[derive(Debug)]
        struct Exit(i32);
        impl fmt::Display for Exit {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "exit {}", self.0)
            }
        }
        impl std::error::Error for Exit {}
        let e = Error::host(Exit(3));
        assert_eq!(e.kind(), ErrorKind::Host);
        assert_eq!(e.downcast_ref::<Exit>().map(|x| x.0), Some(3));
        assert_eq!(e.context("calling f").to_string(), "calling f: exit 3");
    }
}
