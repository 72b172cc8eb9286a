"""Adapter that lets WebAssembly/wasi-testsuite's runner drive `tern run`.

Two forms are supported:

* As a module (newer runners): ``compute_argv`` builds the command line.
  ``dirs`` may be a list of ``(host_path, guest_name)`` pairs, or (newest
  runners) a single ``root`` directory that is mounted at guest path ``/``.
* As a script (older runners):
  ``wasi_testsuite_adapter.py --test-file X.wasm [--arg A]* [--env K=V]* [--dir D]*``
  runs the test and exits with its status; ``--version`` prints the version.

The tern binary is ``$TERN`` if set, else ``tern`` on PATH.
"""
import os
import shutil
import subprocess
import sys

TERN = os.environ.get("TERN") or shutil.which("tern") or "tern"


def get_name():
    return "tern"


def get_version():
    out = subprocess.run([TERN, "--version"], capture_output=True, text=True, check=True)
    return out.stdout.strip().split()[-1]


def get_wasi_versions():
    return ["wasm32-wasip1"]


def get_wasi_worlds():
    return ["wasi:cli/command"]


def compute_argv(test_path, args_env_dirs, proposals=None, wasi_world=None, wasi_version=None):
    args, env, dirs = args_env_dirs
    argv = [TERN, "run"]
    for key, value in env.items():
        argv += ["--env", f"{key}={value}"]
    if isinstance(dirs, (str, os.PathLike)):
        argv += ["--dir", f"{dirs}::/"]
    else:
        for entry in dirs or []:
            host, guest = entry if isinstance(entry, tuple) else (entry, entry)
            argv += ["--dir", f"{host}::{guest}"]
    return argv + [test_path] + list(args)


def main(argv):
    if "--version" in argv:
        print(f"{get_name()} {get_version()}")
        return 0
    test_file, args, env, dirs = None, [], {}, []
    it = iter(argv)
    for flag in it:
        value = next(it)
        if flag == "--test-file":
            test_file = value
        elif flag == "--arg":
            args.append(value)
        elif flag == "--env":
            key, _, val = value.partition("=")
            env[key] = val
        elif flag == "--dir":
            dirs.append((value, value))
        else:
            print(f"unknown option {flag}", file=sys.stderr)
            return 2
    return subprocess.run(compute_argv(test_file, (args, env, dirs))).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
