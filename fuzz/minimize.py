#!/usr/bin/env python3
"""Minimises a finding by deleting lines of its module's text.

usage: fuzz/minimize.py TARGET IN.wat PATTERN OUT.wat

IN.wat is the module as text (`tern-fuzz --print FILE.wasm > IN.wat`).
Chunks of lines are deleted for as long as
`tern-fuzz --target TARGET --replay` on what is left still prints a line
matching the regular expression PATTERN (for instance "call outcome
differs"); candidates that no longer parse or validate simply do not match.
Finish by hand: rename, simplify constants, drop unused types and locals.
The binary is taken from $TERN_FUZZ, else fuzz/target/release/tern-fuzz.
"""
import os
import re
import subprocess
import sys
import tempfile

if len(sys.argv) != 5:
    sys.exit(__doc__)
target, src, pattern, out = sys.argv[1:]
here = os.path.dirname(os.path.abspath(__file__))
binary = os.environ.get("TERN_FUZZ", os.path.join(here, "target", "release", "tern-fuzz"))
lines = open(src).read().split("\n")
scratch = os.path.join(tempfile.mkdtemp(prefix="tern-min-"), "try.wat")


def interesting(candidate):
    with open(scratch, "w") as f:
        f.write("\n".join(candidate))
    try:
        r = subprocess.run(
            [binary, "--target", target, "--replay", scratch, "--verbose"],
            capture_output=True, text=True, timeout=60,
        )
    except subprocess.TimeoutExpired:
        return False
    return re.search(pattern, r.stdout + r.stderr) is not None


if not interesting(lines):
    sys.exit(f"{src} does not show {pattern!r} to begin with")
parts = 2
while len(lines) > 1:
    chunk = max(1, len(lines) // parts)
    removed = False
    i = 0
    while i < len(lines):
        candidate = lines[:i] + lines[i + chunk:]
        if interesting(candidate):
            lines, removed = candidate, True
        else:
            i += chunk
    if not removed:
        if chunk == 1:
            break
        parts = min(len(lines), parts * 2)
with open(out, "w") as f:
    f.write("\n".join(lines) + "\n")
print(f"{len(lines)} lines left in {out}")
