//! The WASI host through the embedding API, with hand-written modules:
//! guest pointers, exit, linking, and the sandbox's edges.

mod common;
use tern::{Engine, Linker, Module, Store};
use tern_wasi::{DirPerms, Errno, FilePerms, I32Exit, MemoryOutputPipe, WasiCtx, WasiCtxBuilder};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Instantiates `body` (module fields: imports come first) with WASI and
/// calls its export `run`, returning the i32 it returns.
fn run(builder: &mut WasiCtxBuilder, imports: &str, body: &str) -> tern::Result<i32> {
    let engine = Engine::default();
    let text = format!("(module {imports} (memory (export \"memory\") 1) {body})");
    let module = Module::new(&engine, &text)?;
    let mut store = Store::new(&engine, builder.build());
    let mut linker = Linker::new(&engine);
    tern_wasi::add_to_linker(&mut linker, |wasi: &mut WasiCtx| wasi)?;
    let instance = linker.instantiate(&mut store, &module)?;
    instance
        .get_typed_func::<(), i32>(&mut store, "run")?
        .call(&mut store, ())
}

fn import(name: &str, params: &str) -> String {
    format!(
        "(import \"wasi_snapshot_preview1\" \"{name}\" (func ${name} (param {params}) (result i32)))"
    )
}

#[test]
fn bad_guest_pointers_are_efault() -> TestResult {
    let imports = [
        import("fd_write", "i32 i32 i32 i32"),
        import("random_get", "i32 i32"),
        import("args_sizes_get", "i32 i32"),
    ]
    .concat();
    let efault = i32::from(Errno::FAULT.0);
    let cases = [
        // An iovec whose buffer runs past the end of memory.
        "(i32.store (i32.const 0) (i32.const 65530)) (i32.store (i32.const 4) (i32.const 100))
         (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))",
        // An iovec array that starts past the end.
        "(call $fd_write (i32.const 1) (i32.const 65536) (i32.const 1) (i32.const 8))",
        // An iovec count whose table runs past the end.
        "(call $fd_write (i32.const 1) (i32.const 65000) (i32.const 100) (i32.const 8))",
        // The result pointer past the end.
        "(i32.store (i32.const 4) (i32.const 0))
         (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 65533))",
        // 4 GiB of randomness into a 64 KiB memory.
        "(call $random_get (i32.const 0) (i32.const -1))",
        "(call $args_sizes_get (i32.const -4) (i32.const 0))",
    ];
    for case in cases {
        let got = run(
            WasiCtx::builder().arg("prog"),
            &imports,
            &format!("(func (export \"run\") (result i32) {case})"),
        )?;
        assert_eq!(got, efault, "{case}");
    }
    Ok(())
}

#[test]
fn random_get_fills_all_of_memory_in_place() -> TestResult {
    let got = run(
        &mut WasiCtx::builder(),
        &import("random_get", "i32 i32"),
        "(func (export \"run\") (result i32)
           (drop (call $random_get (i32.const 0) (i32.const 65536)))
           ;; some byte of the last 64 is non-zero
           (i64.or (i64.load (i32.const 65528))
             (i64.or (i64.load (i32.const 65520)) (i64.load (i32.const 65512))))
           (i64.const 0) (i64.ne))",
    )?;
    assert_eq!(got, 1);
    Ok(())
}

#[test]
fn proc_exit_unwinds_with_the_status() {
    let err = run(
        &mut WasiCtx::builder(),
        "(import \"wasi_snapshot_preview1\" \"proc_exit\" (func $exit (param i32)))",
        "(func (export \"run\") (result i32) (call $exit (i32.const 42)) (i32.const 7))",
    )
    .unwrap_err();
    assert_eq!(err.downcast_ref::<I32Exit>(), Some(&I32Exit(42)));
}

#[test]
fn a_missing_wasi_function_fails_at_link_time_naming_it() {
    let err = run(
        &mut WasiCtx::builder(),
        "(import \"wasi_snapshot_preview1\" \"fd_frobnicate\" (func (param i32) (result i32)))",
        "(func (export \"run\") (result i32) (i32.const 0))",
    )
    .unwrap_err();
    assert!(err.to_string().contains("fd_frobnicate"), "{err}");
}

#[test]
fn a_module_without_memory_gets_a_clear_error() {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        "(module (import \"wasi_snapshot_preview1\" \"sched_yield\" (func $y (result i32)))
           (func (export \"run\") (result i32) (call $y)))",
    )
    .unwrap();
    let mut store = Store::new(&engine, WasiCtx::builder().build());
    let mut linker = Linker::new(&engine);
    tern_wasi::add_to_linker(&mut linker, |wasi: &mut WasiCtx| wasi).unwrap();
    let instance = linker.instantiate(&mut store, &module).unwrap();
    let err = instance
        .get_typed_func::<(), i32>(&mut store, "run")
        .unwrap()
        .call(&mut store, ())
        .unwrap_err();
    assert!(err.to_string().contains("memory"), "{err}");
}

#[test]
fn every_function_of_preview1_is_defined() -> TestResult {
    // Importing all 46 with their exact signatures links.
    let sigs = common::SIGS;
    assert_eq!(sigs.len() + 1, tern_wasi::FUNCTIONS.len()); // + proc_exit
    let mut imports: String = sigs.iter().map(|(n, p)| import(n, p)).collect();
    imports.push_str("(import \"wasi_snapshot_preview1\" \"proc_exit\" (func (param i32)))");
    let got = run(
        &mut WasiCtx::builder(),
        &imports,
        "(func (export \"run\") (result i32) (call $sched_yield))",
    )?;
    assert_eq!(got, 0);
    Ok(())
}

/// Writes `path` at address 1024 and calls `path_open` on the preopen
/// (fd 3), returning the errno.
fn open_errno(dir: &std::path::Path, path: &str, dirflags: u32) -> tern::Result<i32> {
    let mut builder = WasiCtx::builder();
    builder
        .preopened_dir(dir, "/sandbox", DirPerms::ALL, FilePerms::ALL)
        .unwrap();
    run(
        &mut builder,
        &import("path_open", "i32 i32 i32 i32 i32 i64 i64 i32 i32"),
        &format!(
            "(data (i32.const 1024) \"{path}\")
             (func (export \"run\") (result i32)
               (call $path_open (i32.const 3) (i32.const {dirflags}) (i32.const 1024)
                 (i32.const {len}) (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0)
                 (i32.const 0)))",
            len = path.len()
        ),
    )
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tern-wasi-api-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sandbox/sub")).unwrap();
    std::fs::write(dir.join("secret.txt"), "secret").unwrap();
    std::fs::write(dir.join("sandbox/inside.txt"), "inside").unwrap();
    dir
}

#[test]
fn paths_cannot_leave_the_preopen() -> TestResult {
    let root = scratch("escape");
    let sandbox = root.join("sandbox");
    std::os::unix::fs::symlink("../secret.txt", sandbox.join("up"))?;
    std::os::unix::fs::symlink(root.join("secret.txt"), sandbox.join("abs"))?;
    std::os::unix::fs::symlink("..", sandbox.join("parent"))?;
    let capable = i32::from(Errno::NOTCAPABLE.0);
    assert_eq!(open_errno(&sandbox, "inside.txt", 0)?, 0);
    assert_eq!(open_errno(&sandbox, "sub/../inside.txt", 0)?, 0);
    for escape in [
        "../secret.txt",
        "sub/../../secret.txt",
        "/secret.txt",
        "/etc/passwd",
        "parent/secret.txt",
    ] {
        assert_eq!(open_errno(&sandbox, escape, 1)?, capable, "{escape}");
    }
    // Symlinks out of the sandbox, followed.
    assert_eq!(open_errno(&sandbox, "up", 1)?, capable);
    assert_eq!(open_errno(&sandbox, "abs", 1)?, capable);
    // Not followed, the last component being a symlink is ELOOP.
    assert_eq!(open_errno(&sandbox, "up", 0)?, i32::from(Errno::LOOP.0));
    // A trailing slash on a file names a directory that is not there.
    assert_eq!(
        open_errno(&sandbox, "inside.txt/", 0)?,
        i32::from(Errno::NOTDIR.0)
    );
    std::fs::remove_dir_all(&root)?;
    Ok(())
}

#[test]
fn stdout_goes_where_the_builder_says() -> TestResult {
    let out = MemoryOutputPipe::new();
    let got = run(
        WasiCtx::builder().stdout(out.clone()),
        &import("fd_write", "i32 i32 i32 i32"),
        "(data (i32.const 100) \"two \") (data (i32.const 200) \"parts\")
         (func (export \"run\") (result i32)
           (i32.store (i32.const 0) (i32.const 100)) (i32.store (i32.const 4) (i32.const 4))
           (i32.store (i32.const 8) (i32.const 200)) (i32.store (i32.const 12) (i32.const 5))
           (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 2) (i32.const 16)))
           (i32.load (i32.const 16)))",
    )?;
    assert_eq!(got, 9);
    assert_eq!(out.contents(), b"two parts");
    Ok(())
}

#[test]
fn an_unknown_descriptor_is_ebadf_before_its_buffers_are_looked_at() -> TestResult {
    let got = run(
        &mut WasiCtx::builder(),
        &import("fd_write", "i32 i32 i32 i32"),
        "(func (export \"run\") (result i32)
           (call $fd_write (i32.const -31337) (i32.const 65535) (i32.const 2) (i32.const 0)))",
    )?;
    assert_eq!(got, i32::from(Errno::BADF.0));
    let got = run(
        &mut WasiCtx::builder(),
        &import("fd_readdir", "i32 i32 i32 i64 i32"),
        "(func (export \"run\") (result i32)
           (call $fd_readdir (i32.const -31337) (i32.const 65000) (i32.const 1000)
             (i64.const 0) (i32.const 0)))",
    )?;
    assert_eq!(got, i32::from(Errno::BADF.0));
    Ok(())
}
