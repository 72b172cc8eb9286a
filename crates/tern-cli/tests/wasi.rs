//! WASI programs written in C (`crates/tern-wasi/tests/programs/`, built to
//! `wasm32-wasi` and committed) run under `tern run` as a user runs them.
//! Each program checks its own results; the test asserts its exit status,
//! its exact stdout (`expected/*.stdout`), that it reported no `FAIL` on
//! stderr, and that the host files outside what it was granted are intact.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn programs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tern-wasi/tests/programs")
}

/// Runs `tern run ARGS...` with `stdin` as its standard input.
fn tern(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tern"))
        .arg("run")
        .args(args)
        .current_dir(programs())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("failed to start tern");
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let out = child.wait_with_output().expect("tern did not finish");
    feeder.join().unwrap();
    out
}

/// Asserts a clean run: exit status `code`, stdout equal to
/// `expected/<expected>.stdout`, no `FAIL` line on stderr.
fn check(out: &Output, code: i32, expected: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let fails: Vec<&str> = stderr.lines().filter(|l| l.starts_with("FAIL")).collect();
    assert!(
        fails.is_empty(),
        "{expected}: the program reported {fails:#?}"
    );
    assert_eq!(
        out.status.code(),
        Some(code),
        "{expected}: stderr:\n{stderr}"
    );
    let want = std::fs::read_to_string(programs().join(format!("expected/{expected}.stdout")))
        .expect("missing expected stdout");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        want,
        "{expected}: stdout"
    );
}

/// A fresh scratch directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("wasi-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every entry below `root`: kind, path, size or link target, contents.
fn snapshot(root: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap())
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            let rel = path.strip_prefix(root).unwrap().display().to_string();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.is_symlink() {
                out.push(format!(
                    "L {rel} -> {}",
                    std::fs::read_link(&path).unwrap().display()
                ));
            } else if meta.is_dir() {
                out.push(format!("D {rel}"));
                walk(root, &path, out);
            } else {
                out.push(format!("F {rel} {:?}", std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out
}

fn dir_arg(host: &Path, guest: &str) -> String {
    format!("{}::{guest}", host.display())
}

#[test]
fn hello_world() {
    check(&tern(&["hello.wasm"], b""), 0, "hello");
}

#[test]
fn the_exit_status_is_the_guests() {
    for code in [0, 1, 42, 125, 200] {
        let out = tern(&["exit_code.wasm", &code.to_string()], b"");
        assert_eq!(out.status.code(), Some(code), "{out:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            format!("exiting with {code}\n")
        );
    }
}

#[test]
fn arguments_and_exactly_the_given_environment() {
    let out = tern(
        &[
            "--env",
            "TERN_A=1",
            "--env",
            "TERN_B=hello world",
            "--env",
            "TERN_EMPTY=",
            "--env",
            "OTHER=x",
            "args_env.wasm",
            "alpha",
            "two words",
            "",
            "ü=ß",
        ],
        b"",
    );
    check(&out, 0, "args_env");
}

#[test]
fn everything_after_the_file_is_the_programs() {
    // As with Wasmtime: options of `tern run` (and `--`) after the module
    // are the program's arguments, not Tern's.
    let out = tern(
        &[
            "args_env.wasm",
            "--help",
            "--fuel",
            "1",
            "--",
            "-W",
            "--invoke=x",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let argv: Vec<&str> = stdout.lines().filter(|l| l.starts_with("argv[")).collect();
    assert_eq!(
        argv,
        [
            "argv[1]=--help",
            "argv[2]=--fuel",
            "argv[3]=1",
            "argv[4]=--",
            "argv[5]=-W",
            "argv[6]=--invoke=x"
        ],
        "{stdout}"
    );
}

#[test]
fn stdin_is_the_processs_own() {
    let fox = "The quick brown fox jumps over the lazy dog.\n".repeat(2000);
    check(&tern(&["stdin.wasm"], fox.as_bytes()), 0, "stdin");
    check(&tern(&["stdin.wasm"], b""), 0, "stdin_empty");
}

/// Programs that work in an empty writable `/sandbox` and leave it empty.
#[test]
fn files_directories_symlinks_and_descriptors() {
    for program in ["files", "readdir", "symlinks", "fds"] {
        let dir = scratch(program);
        let out = tern(
            &[
                "--dir",
                &dir_arg(&dir, "/sandbox"),
                &format!("{program}.wasm"),
            ],
            b"",
        );
        check(&out, 0, program);
        assert_eq!(
            snapshot(&dir),
            Vec::<String>::new(),
            "{program} left files behind"
        );
    }
}

#[test]
fn no_escape_from_the_sandbox() {
    let root = scratch("escape");
    std::fs::create_dir_all(root.join("sandbox")).unwrap();
    std::fs::create_dir_all(root.join("outside_dir")).unwrap();
    std::fs::write(root.join("secret.txt"), "TOP SECRET\n").unwrap();
    std::fs::write(root.join("outside_dir/inner.txt"), "outside\n").unwrap();
    std::os::unix::fs::symlink(root.join("secret.txt"), root.join("sandbox/host_abs_file"))
        .unwrap();
    std::os::unix::fs::symlink(root.join("outside_dir"), root.join("sandbox/host_abs_dir"))
        .unwrap();
    let before = snapshot(&root);
    let out = tern(
        &[
            "--dir",
            &dir_arg(&root.join("sandbox"), "/sandbox"),
            "escape.wasm",
            &root.display().to_string(),
        ],
        b"",
    );
    check(&out, 0, "escape");
    assert_eq!(snapshot(&root), before, "the host tree changed");
    // Tern's answer to an escape is ENOTCAPABLE.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("open ../secret.txt: errno 76"), "{stderr}");
}

fn readonly_tree(name: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::create_dir_all(dir.join("dir")).unwrap();
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    std::fs::write(dir.join("existing.txt"), "read only\n").unwrap();
    std::fs::write(dir.join("dir/nested.txt"), "nested\n").unwrap();
    std::os::unix::fs::symlink("existing.txt", dir.join("link")).unwrap();
    dir
}

#[test]
fn a_read_only_directory_refuses_every_change() {
    let dir = readonly_tree("ro");
    let before = snapshot(&dir);
    let out = tern(&["--dir-ro", &dir_arg(&dir, "/ro"), "readonly.wasm"], b"");
    check(&out, 0, "readonly");
    assert_eq!(snapshot(&dir), before, "a read-only directory changed");
    // The same program fails on a writable directory: its checks have teeth.
    let dir = readonly_tree("ro-writable");
    let out = tern(&["--dir", &dir_arg(&dir, "/ro"), "readonly.wasm"], b"");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
}

#[test]
fn clocks_sleep_randomness_and_proc_raise() {
    for program in ["clocks", "random", "proc_raise"] {
        check(&tern(&[&format!("{program}.wasm")], b""), 0, program);
    }
}

#[test]
fn an_echo_server_over_a_handed_in_socket() {
    // A free port: bind, note it, release it for tern.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let server = Command::new(env!("CARGO_BIN_EXE_tern"))
        .args(["run", "--tcplisten", &addr, "echo_server.wasm", "4"])
        .current_dir(programs())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    for i in 0..4 {
        let mut conn = loop {
            match std::net::TcpStream::connect(&addr) {
                Ok(conn) => break conn,
                Err(e) if std::time::Instant::now() < deadline => {
                    let _ = e;
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(e) => panic!("cannot connect to the echo server: {e}"),
            }
        };
        conn.set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        let mut line = format!("hello {i} ").into_bytes();
        line.extend(std::iter::repeat_n(b'x', i * 1000));
        line.push(b'\n');
        conn.write_all(&line).unwrap();
        let mut back = Vec::new();
        conn.read_to_end(&mut back).unwrap();
        assert_eq!(back, line, "connection {i}");
    }
    let out = server.wait_with_output().unwrap();
    check(&out, 0, "echo_server");
}

/// Runs `tern run ARGS...` on a module given as text, from a scratch file.
fn tern_wat(name: &str, wat: &str, args: &[&str]) -> Output {
    let path = scratch(name).join("module.wat");
    std::fs::write(&path, wat).unwrap();
    let mut all: Vec<&str> = args.to_vec();
    let path = path.display().to_string();
    all.push(&path);
    tern(&all, b"")
}

#[test]
fn a_missing_wasi_function_is_named_at_link_time() {
    let out = tern_wat(
        "missing-import",
        r#"(module (import "wasi_snapshot_preview1" "fd_frobnicate" (func (param i32) (result i32)))
             (memory (export "memory") 1) (func (export "_start")))"#,
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("wasi_snapshot_preview1::fd_frobnicate"),
        "{stderr}"
    );
}

#[test]
fn a_trap_in_a_command_exits_134_with_a_backtrace() {
    let out = tern_wat(
        "trap",
        r#"(module (memory (export "memory") 1)
             (func $inner unreachable) (func $outer call $inner)
             (func (export "_start") call $outer))"#,
        &[],
    );
    assert_eq!(out.status.code(), Some(134));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unreachable"), "{stderr}");
    assert!(
        stderr.contains("!inner") && stderr.contains("!outer"),
        "{stderr}"
    );
}

#[test]
fn a_reactor_is_initialized_before_the_invoked_export() {
    let path = scratch("reactor").join("module.wat");
    std::fs::write(
        &path,
        r#"(module (memory (export "memory") 1) (global $ready (mut i32) (i32.const 0))
             (func (export "_initialize") (global.set $ready (i32.const 40)))
             (func (export "add") (param i32) (result i32)
               (i32.add (global.get $ready) (local.get 0))))"#,
    )
    .unwrap();
    let out = tern(&["--invoke", "add", &path.display().to_string(), "2"], b"");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "42\n");
}

#[test]
fn bad_wasi_options_are_one_line_errors() {
    let hello = programs().join("hello.wasm").display().to_string();
    for (args, needle) in [
        (vec!["--dir", "/nonexistent/tern::/x"], "/nonexistent/tern"),
        (vec!["--dir", "::/x"], "expected HOST or HOST::GUEST"),
        (vec!["--dir-ro", "/nonexistent/tern"], "/nonexistent/tern"),
        (
            vec!["--env", "TERN_SURELY_NOT_SET_ANYWHERE"],
            "TERN_SURELY_NOT_SET_ANYWHERE",
        ),
        (vec!["--tcplisten", "not-an-address"], "--tcplisten"),
    ] {
        let mut all = args.clone();
        all.push(&hello);
        let out = tern(&all, b"");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with("error: ") && stderr.contains(needle),
            "{args:?}: {stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(out.stdout.is_empty());
    }
}

/// The checks the external WASI conformance suite (wasi-testsuite) makes,
/// re-stated in one program (`conformance.c`), run as that suite runs a
/// test: a writable directory mounted at `/`, stdin an open pipe that
/// never delivers data.
#[test]
fn the_conformance_suites_checks() {
    let dir = scratch("conformance");
    let mut child = Command::new(env!("CARGO_BIN_EXE_tern"))
        .args(["run", "--dir", &dir_arg(&dir, "/"), "conformance.wasm"])
        .current_dir(programs())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Held open (idle) until the program has finished.
    let stdin = child.stdin.take().unwrap();
    let out = child.wait_with_output().unwrap();
    drop(stdin);
    check(&out, 0, "conformance");
    assert_eq!(snapshot(&dir), Vec::<String>::new(), "files left behind");
}
