//! Embedding Tern: a host function imported into a `.wat` module.
//!
//! Run with `cargo run -p tern --example embed`.

use std::time::Instant;
use tern::{Caller, Engine, Error, Linker, Module, Result, Store};

/// Host state: what the guest logged, and when the host started.
struct Host {
    log: Vec<String>,
    started: Instant,
}

fn main() -> Result<()> {
    let engine = Engine::default();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/embed.wat");
    let module = Module::from_file(&engine, path)?;

    let mut linker = Linker::new(&engine);
    // `log(ptr, len)`: reads a UTF-8 string out of the caller's memory.
    linker.func_wrap(
        "env",
        "log",
        |mut caller: Caller<'_, Host>, ptr: i32, len: i32| -> Result<()> {
            let memory = caller
                .get_export("memory")
                .and_then(|e| e.into_memory())
                .ok_or_else(|| Error::msg("guest has no exported memory"))?;
            let mut buf = vec![0; len as u32 as usize];
            memory
                .read(&caller, ptr as u32 as usize, &mut buf)
                .map_err(Error::host)?;
            let text = String::from_utf8(buf).map_err(Error::host)?;
            println!("guest says: {text}");
            caller.data_mut().log.push(text);
            Ok(())
        },
    )?;
    linker.func_wrap("env", "now_ms", |caller: Caller<'_, Host>| {
        caller.data().started.elapsed().as_millis() as i64
    })?;

    let mut store = Store::new(
        &engine,
        Host {
            log: Vec::new(),
            started: Instant::now(),
        },
    );
    let instance = linker.instantiate(&mut store, &module)?;
    let run = instance.get_typed_func::<i32, i64>(&mut store, "run")?;
    let sum = run.call(&mut store, 100)?;
    println!("sum 1..=100 = {sum}");
    assert_eq!(sum, 5050);
    assert_eq!(store.data().log, ["hello from the guest"]);

    let uptime = instance.get_typed_func::<(), i64>(&mut store, "uptime")?;
    println!(
        "host uptime seen by the guest: {} ms",
        uptime.call(&mut store, ())?
    );
    Ok(())
}
