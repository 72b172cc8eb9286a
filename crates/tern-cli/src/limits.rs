//! The limits of `tern run`: fuel, a wall-clock timeout, memory and stack
//! caps, as options (`--fuel`, `--timeout`, `--max-memory`, `--max-stack`)
//! and as Wasmtime's `-W` keys (`fuel=`, `timeout=`, `max-memory-size=`,
//! `max-wasm-stack=`, `max-table-elements=`, `max-instances=`,
//! `max-tables=`, `max-memories=`, `trap-on-grow-failure=`), and Tern's
//! `max-gc-heap=` (the GC proposal's heap of structs and arrays).

use anyhow::{Result, bail};
use std::time::Duration;
use tern::{Config, Engine, ErrorKind, Store, StoreLimits, StoreLimitsBuilder, Trap};

/// Limits given on the command line.
#[derive(clap::Args, Debug, Default, Clone)]
pub struct LimitArgs {
    /// Give the guest N units of fuel: each WebAssembly operator costs one
    /// (a few structural ones nothing, bulk memory operations one more per
    /// 64 bytes); running out stops it with a trap. Also `-W fuel=N`.
    #[arg(long, value_name = "N")]
    pub fuel: Option<u64>,
    /// Stop the guest with a trap once it has run for DURATION of wall-clock
    /// time, such as `1s`, `250ms`, `2m` (a bare number is seconds). Also
    /// `-W timeout=DURATION`.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub timeout: Option<Duration>,
    /// Cap every linear memory at BYTES (suffixes K, M, G for powers of
    /// 1024, e.g. `64M`): `memory.grow` past it returns -1, a larger
    /// initial size fails instantiation. Also `-W max-memory-size=BYTES`.
    #[arg(long = "max-memory", value_name = "BYTES", value_parser = parse_size)]
    pub max_memory: Option<u64>,
    /// Cap the interpreter's value stack (locals and temporaries of all
    /// active calls) at BYTES; going past it traps with "call stack
    /// exhausted". Default 16M. Also `-W max-wasm-stack=BYTES`.
    #[arg(long = "max-stack", value_name = "BYTES", value_parser = parse_size)]
    pub max_stack: Option<u64>,
    #[arg(skip)]
    pub max_table_elements: Option<u64>,
    #[arg(skip)]
    pub max_instances: Option<u64>,
    #[arg(skip)]
    pub max_tables: Option<u64>,
    #[arg(skip)]
    pub max_memories: Option<u64>,
    #[arg(skip)]
    pub trap_on_grow_failure: bool,
    #[arg(skip)]
    pub max_gc_heap: Option<u64>,
}

/// The `-W` keys that set a limit.
pub const KEYS: &[&str] = &[
    "fuel",
    "timeout",
    "max-memory-size",
    "max-wasm-stack",
    "max-table-elements",
    "max-instances",
    "max-tables",
    "max-memories",
    "trap-on-grow-failure",
    "max-gc-heap",
];

impl LimitArgs {
    /// Sets the limit named by `-W key=value`.
    pub fn set(&mut self, key: &str, value: &str) -> Result<()> {
        let count = || -> Result<u64> {
            parse_size(value).map_err(|e| anyhow::anyhow!("-W {key}={value}: {e}"))
        };
        match key {
            "fuel" => self.fuel = Some(count()?),
            "timeout" => {
                self.timeout =
                    Some(parse_duration(value).map_err(|e| anyhow::anyhow!("-W {key}: {e}"))?)
            }
            "max-memory-size" => self.max_memory = Some(count()?),
            "max-wasm-stack" => self.max_stack = Some(count()?),
            "max-table-elements" => self.max_table_elements = Some(count()?),
            "max-instances" => self.max_instances = Some(count()?),
            "max-tables" => self.max_tables = Some(count()?),
            "max-memories" => self.max_memories = Some(count()?),
            "max-gc-heap" => self.max_gc_heap = Some(count()?),
            "trap-on-grow-failure" => {
                self.trap_on_grow_failure = crate::yes_no(&format!("-W {key}"), value)?;
            }
            _ => bail!("-W: unknown option `{key}`"),
        }
        Ok(())
    }

    /// Turns on in `config` what the limits need.
    pub fn configure(&self, config: &mut Config) {
        if self.fuel.is_some() {
            config.consume_fuel(true);
        }
        if self.timeout.is_some() {
            config.epoch_interruption(true);
        }
        if let Some(bytes) = self.max_stack {
            config.max_wasm_stack(usize::try_from(bytes).unwrap_or(usize::MAX));
        }
        if let Some(bytes) = self.max_gc_heap {
            config.max_gc_heap(usize::try_from(bytes).unwrap_or(usize::MAX));
        }
    }

    /// The store's resource limits.
    pub fn store_limits(&self) -> StoreLimits {
        let size = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        let mut b = StoreLimitsBuilder::new().trap_on_grow_failure(self.trap_on_grow_failure);
        if let Some(n) = self.max_memory {
            b = b.memory_size(size(n));
        }
        if let Some(n) = self.max_table_elements {
            b = b.table_elements(size(n));
        }
        if let Some(n) = self.max_instances {
            b = b.instances(size(n));
        }
        if let Some(n) = self.max_tables {
            b = b.tables(size(n));
        }
        if let Some(n) = self.max_memories {
            b = b.memories(size(n));
        }
        b.build()
    }

    /// Gives the store its fuel and, with a timeout, starts the timer that
    /// ends the epoch (before anything runs, so a start function is covered).
    pub fn arm<T>(&self, store: &mut Store<T>, engine: &Engine) -> Result<()> {
        if let Some(fuel) = self.fuel {
            store.set_fuel(fuel).map_err(|e| anyhow::anyhow!("{e}"))?;
        }
        if let Some(timeout) = self.timeout {
            store.set_epoch_deadline(1);
            let engine = engine.clone();
            std::thread::spawn(move || {
                std::thread::sleep(timeout);
                engine.increment_epoch();
            });
        }
        Ok(())
    }

    /// Which limit, if any, stopped the guest with `e`, as the user set it.
    pub fn named_in(&self, e: &tern::Error) -> Option<String> {
        match (e.trap(), e.kind()) {
            (Some(Trap::OutOfFuel), _) => self.fuel.map(|n| format!("--fuel {n}")),
            (Some(Trap::Interrupt), _) => self.timeout.map(|t| format!("--timeout {t:?} elapsed")),
            (Some(Trap::StackOverflow), _) => self.max_stack.map(|n| format!("--max-stack {n}")),
            (Some(Trap::AllocationTooLarge), _) => Some(match self.max_gc_heap {
                Some(n) => format!("-W max-gc-heap={n}"),
                None => "the GC heap's default cap of 1 GiB".to_string(),
            }),
            (_, ErrorKind::ResourceLimit) => Some(match self.max_memory {
                Some(n) => format!("--max-memory {n}"),
                None => "a resource limit".to_string(),
            }),
            _ => None,
        }
    }
}

/// Parses `1s`, `250ms`, `1.5s`, `2m`, `100us`, `1h`; a bare number is
/// seconds.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let value: f64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a duration (such as 1s, 250ms, 2m)"))?;
    let seconds = match unit.trim() {
        "" | "s" => value,
        "ms" => value / 1e3,
        "us" | "µs" => value / 1e6,
        "ns" => value / 1e9,
        "m" | "min" => value * 60.0,
        "h" => value * 3600.0,
        other => {
            return Err(format!(
                "unknown unit `{other}` in `{text}` (use ns, us, ms, s, m, h)"
            ));
        }
    };
    Duration::try_from_secs_f64(seconds).map_err(|_| format!("`{text}` is out of range"))
}

/// Parses a byte size or count: `65536`, `64K`, `16M`, `1G`, `64KiB`,
/// `16MB` (suffixes are powers of 1024).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '_'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let value: u64 = number
        .replace('_', "")
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))?;
    let shift = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        "T" | "TB" | "TIB" => 40,
        other => return Err(format!("unknown unit `{other}` in `{text}` (use K, M, G)")),
    };
    value
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("`{text}` is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("1s"), Ok(Duration::from_secs(1)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("2"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert!(parse_duration("fast").is_err());
        assert!(parse_duration("5 parsecs").is_err());
        assert!(parse_duration("1e400").is_err());
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("65536"), Ok(65536));
        assert_eq!(parse_size("64K"), Ok(65536));
        assert_eq!(parse_size("16MiB"), Ok(16 << 20));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert!(parse_size("-1").is_err());
        assert!(parse_size("99999999999999999999").is_err());
        assert!(parse_size("1P").is_err());
        assert!(parse_size("20000000000G").is_err());
    }
}
