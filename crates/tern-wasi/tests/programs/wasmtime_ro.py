#!/usr/bin/env python3
"""Run a WASI command under Wasmtime (PyPI package `wasmtime`) with preopens
that may be read-only -- the Wasmtime CLI has no read-only switch, but its C
API (and so this binding) has: `fs_mutable=False` gives the preopen
DirPerms::READ and FilePerms::READ.

usage: wasmtime_ro.py [--ro HOST::GUEST]... [--dir HOST::GUEST]...
                      [--env K=V]... PROGRAM.wasm [ARGS...]
stdin/stdout/stderr are inherited; the exit status is the program's
(proc_exit), or 1 with a message on stderr when it traps.
"""
import sys

import wasmtime


def main(argv):
    preopens, env, i = [], [], 0
    while i < len(argv) and argv[i] in ("--ro", "--dir", "--env"):
        opt, val = argv[i], argv[i + 1]
        if opt == "--env":
            k, _, v = val.partition("=")
            env.append((k, v))
        else:
            host, _, guest = val.partition("::")
            preopens.append((host, guest or host, opt == "--dir"))
        i += 2
    prog, args = argv[i], argv[i:]

    cfg = wasmtime.WasiConfig()
    cfg.argv = args
    cfg.env = env
    cfg.inherit_stdin()
    cfg.inherit_stdout()
    cfg.inherit_stderr()
    for host, guest, mutable in preopens:
        cfg.preopen_dir(host, guest, mutable)

    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    store.set_wasi(cfg)
    linker = wasmtime.Linker(engine)
    linker.define_wasi()
    module = wasmtime.Module.from_file(engine, prog)
    instance = linker.instantiate(store, module)
    start = instance.exports(store)["_start"]
    try:
        start(store)
    except wasmtime.ExitTrap as e:
        return e.code
    except wasmtime.Trap as e:
        print("trap: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
